#pragma once

#include "peerstream.h"

#include <QByteArray>
#include <QList>

#include <QSocketNotifier>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace Parlor {

class StreamNotifier;

/// A PeerStream straight on a connected TCP descriptor, for plain (not TLS) WebSocket peers.
///
/// Why not QTcpSocket: Qt 6.4's QIODevice keeps its 16 KiB read chunk after the buffer empties
/// (QRingBuffer::free keeps one block of the basic size), and the write side its 32 KiB chunk
/// once output was ever queued; with the socket engine and its three notifiers that made an
/// idle peer cost ~18 KiB of heap (issue 14). A server-side QTcpSocket cannot be made
/// unbuffered through public API. This stream keeps no buffer while idle: reads go with
/// ::recv straight into the caller's buffer, and output is a queue of implicitly shared
/// QByteArrays (a broadcast frame is one QByteArray for every peer, queued, never copied)
/// handed to the kernel with one sendmsg (scatter-gather, MSG_NOSIGNAL: no SIGPIPE) once the
/// event loop finds the descriptor writable, so frames written in one go leave together.
///
/// It behaves as QTcpSocket does where ServerWebSocket relies on it: disconnectFromHost()
/// sends what is queued, then closes (disconnected() at once when nothing is queued), abort()
/// drops the queue and signals disconnected() at once. The peer's end or an error closes the
/// descriptor at once and signals disconnected() from the event loop, so no receiver is
/// deleted under a read or write it is in.
class NativePeerStream : public PeerStream
{
    Q_OBJECT

public:
    /// Over \a descriptor, a connected TCP socket it owns from now on (made non-blocking).
    /// \a pending are bytes of the peer's read from it already; they are read first.
    NativePeerStream(int descriptor, const QHostAddress &peerAddress, quint16 peerPort,
                     const QByteArray &pending = {}, QObject *parent = nullptr);
    ~NativePeerStream() override;

    /// Moves the connection of \a socket onto a new stream: its descriptor is duplicated,
    /// whatever \a socket has buffered becomes the stream's pending bytes, and \a socket is
    /// aborted (closing only its own descriptor) and deleted later. Null, with \a socket left
    /// as it was, when it has nothing to take over (no descriptor, or no descriptor free).
    static NativePeerStream *takeOver(QTcpSocket *socket, QObject *parent = nullptr);

    qint64 read(char *data, qint64 maxSize) override;
    qint64 bytesAvailable() const override { return m_pending.size(); }
    void write(const QByteArray &data) override;
    qint64 bytesToWrite() const override { return m_queuedBytes; }
    bool flush() override;
    void disconnectFromHost() override;
    void abort() override;
    QHostAddress peerAddress() const override { return m_peerAddress; }
    quint16 peerPort() const override { return m_peerPort; }

    bool isOpen() const { return m_descriptor >= 0; }

private:
    enum class State : quint8 { Connected, Closing, Closed };
    friend class StreamNotifier;

    /// The descriptor is readable or writable (from a StreamNotifier).
    void notified(QSocketNotifier::Type type);
    void onReadable();
    void onWritable();
    /// Writes queued output until the kernel takes no more; whether any went. Fails the stream
    /// on an error.
    bool writeQueued();
    void setWriteNotification();
    /// Closes the descriptor; disconnected() at once (\a now) or from the event loop.
    void closeDescriptor(bool signalNow);

    int m_descriptor = -1;
    State m_state = State::Connected;
    quint16 m_peerPort = 0;
    StreamNotifier *m_readNotifier = nullptr;
    StreamNotifier *m_writeNotifier = nullptr;
    QByteArray m_pending;        ///< read before the take-over; empty (unallocated) soon after
    QList<QByteArray> m_queue;   ///< output, shared with whoever else sends the same bytes
    qsizetype m_sentOfFirst = 0; ///< bytes of m_queue.first() the kernel already took
    qint64 m_queuedBytes = 0;
    /// What read() may still take from the kernel before the event loop has its turn again:
    /// a peer sending without pause must not keep the room from its other peers.
    qint64 m_readBudget = 0;
    QHostAddress m_peerAddress;
};

} // namespace Parlor
