#pragma once

#include "peerinfo.h"
#include "peertransport.h"
#include "roompeer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace Parlor {

/// One connection of the room — an upgraded WebSocket or a long-poll session, whichever
/// PeerTransport carries it: it owns the transport, counts what passes,
/// keeps the peer's output queue bounded (a peer that does not read is dropped) and answers
/// for its liveness (pings; a peer silent for two intervals is dropped). It knows nothing of
/// what the messages mean: text goes up to the Room, which answers through sendText().
class PeerConnection : public QObject, public RoomPeer
{
    Q_OBJECT

public:
    /// Takes \a socket over (it becomes a child). \a clock is the server's, for liveness.
    PeerConnection(int id, PeerTransport *socket, MemberMode mode, const QHostAddress &address,
                   const QElapsedTimer &clock, qint64 maxQueuedBytes, QObject *parent = nullptr);
    ~PeerConnection() override;

    void sendText(const QString &text) override;
    void sendUtf8(const QByteArray &utf8) override;
    void closeConnection(int code, const QString &reason) override;

    /// Drops the connection at once, without a close frame (none could reach the peer); it
    /// leaves for \a reason.
    void drop(const QString &reason);
    /// Pings now; lastRttMs follows with the pong. False once the peer is on its way out.
    bool ping();
    /// Pings, or drops the peer ("timeout") when it has sent nothing, not even a pong, for two
    /// intervals.
    void heartbeat(int intervalMs);
    /// Drops the peer ("slow") when more than the limit waits for it even after a flush.
    void checkBackpressure();

    PeerTransport *socket() const { return m_socket; }
    PeerInfo info() const;

    /// How long peers get to answer our close frame before they are dropped.
    static constexpr int CloseGraceMs = 2000;

signals:
    void textReceived(const QString &text);
    void binaryReceived();
    /// The connection has ended, \a reason saying how ("quit", "lost", "too-big", ...), unless
    /// the room had a reason already. Comes from the event loop, never from inside a send.
    void finished(const QString &reason);

private:
    QString endReason() const;

    QPointer<PeerTransport> m_socket;
    const QElapsedTimer &m_clock;
    qint64 m_maxQueuedBytes = 0;
    bool m_sawClosingHandshake = false; ///< a close frame arrived or was sent: not an abrupt loss

    quint16 m_port = 0;         ///< for the hosting view (PeerInfo)
    qint64 m_connectedAtMs = 0; ///< since the epoch
    qint64 m_messagesIn = 0;
    qint64 m_messagesOut = 0;
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;
    int m_lastRttMs = -1;
    qint64 m_lastHeardMs = 0; ///< any frame or pong from the peer, on m_clock
};

} // namespace Parlor
