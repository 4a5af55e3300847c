#pragma once

#include <QHostAddress>
#include <QObject>

QT_BEGIN_NAMESPACE
class QByteArray;
QT_END_NAMESPACE

namespace Parlor {

/// The byte stream under one ServerWebSocket: what it reads frames from and writes frames to,
/// whatever carries the bytes. ServerWebSocket keeps its RFC 6455 logic in one piece over this
/// interface, and two streams implement it: NativePeerStream (plain TCP, straight on the
/// descriptor, no buffer kept while a peer is idle) and QtPeerStream (over a QTcpSocket, for
/// TLS, where QSslSocket does the encryption).
///
/// The calls mean what QTcpSocket's mean, so both streams behave alike: disconnectFromHost()
/// and abort() signal disconnected() before they return when nothing is left to send.
class PeerStream : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~PeerStream() override;

    /// Reads up to \a maxSize bytes into \a data: the count read, 0 when nothing is there now,
    /// -1 once the stream is closed or the peer ended it (disconnected() follows then).
    virtual qint64 read(char *data, qint64 maxSize) = 0;
    /// Bytes that can be read at once without waiting for readyRead().
    virtual qint64 bytesAvailable() const = 0;
    /// Queues \a data for the peer; an implicitly shared QByteArray is kept as it is, not
    /// copied (one broadcast frame for every peer). Nothing once closing.
    virtual void write(const QByteArray &data) = 0;
    /// Output still waiting for the peer to take it.
    virtual qint64 bytesToWrite() const = 0;
    /// Hands as much queued output to the kernel as it takes now; whether any went.
    virtual bool flush() = 0;
    /// Sends what is queued, then closes (disconnected() then).
    virtual void disconnectFromHost() = 0;
    /// Closes at once; what is queued is dropped.
    virtual void abort() = 0;

    virtual QHostAddress peerAddress() const = 0;
    virtual quint16 peerPort() const = 0;

signals:
    /// Bytes (or the end of the stream) can be read.
    void readyRead();
    /// The connection is closed: after disconnectFromHost(), abort(), the peer's end or an error.
    void disconnected();
};

} // namespace Parlor
