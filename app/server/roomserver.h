#pragma once

#include "eventhistory.h"
#include "peerinfo.h"
#include "roomconfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QQueue>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QTimer;
class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;
QT_END_NAMESPACE

namespace Parlor {

struct Peer;

/// A chat room on a QWebSocketServer: rich (parlor.v1) and plain peers, history, resume,
/// de-duplication and every limit of RoomConfig. Lives in one thread; it may be moved to a
/// worker thread before listen() so a GUI never stalls a broadcast.
class RoomServer : public QObject
{
    Q_OBJECT

public:
    explicit RoomServer(const RoomConfig &config, QObject *parent = nullptr);
    ~RoomServer() override;

    /// Starts accepting connections. Port 0 picks a free port (see port()).
    bool listen(const QHostAddress &address = QHostAddress::Any,
                quint16 port = RoomConfig::DefaultPort);
    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const;
    QString errorString() const;

    const RoomConfig &config() const { return m_config; }
    QString incarnation() const { return m_incarnation; }
    int peerCount() const { return int(m_peers.size()); }
    qint64 seq() const { return m_seq; }

    /// What the room knows of every connection, in the order they connected.
    QList<PeerInfo> peers() const;
    /// Emits peersChanged() this often while there are peers (and at once when one comes, joins,
    /// changes nickname or goes). 0, the default, reports nothing: a headless room has no viewer.
    void setPeerReportInterval(int ms);
    /// Closes peer \a peerId with \a code and \a reason; everyone sees it leave with reason
    /// "kicked". False when there is no such peer or \a code may not be sent (see
    /// CloseCodes::isSendable()).
    bool kick(int peerId, int code, const QString &reason);
    /// Pings peer \a peerId now; its lastRttMs follows with the pong.
    bool ping(int peerId);

    /// Stops accepting, closes every peer with 1001 (going away) and emits stopped() once they are
    /// gone (peers that do not answer the close are dropped after a short grace period).
    void shutdown();

signals:
    void peerCountChanged(int count);
    /// See setPeerReportInterval().
    void peersChanged(const QList<Parlor::PeerInfo> &peers);
    void stopped();

private:
    void onTcpConnection();
    void routeRequest(QTcpSocket *socket);
    void onWebSocketConnection();
    void admit(QWebSocket *socket);
    void onTextMessage(Peer *peer, const QString &text);
    void onRichMessage(Peer *peer, const QString &text);
    void onPlainMessage(Peer *peer, const QString &text);
    void onDisconnected(int peerId);

    void handleHello(Peer *peer, const Hello &hello);
    void handleSay(Peer *peer, const Say &say);
    void handleNick(Peer *peer, const NickChange &change);
    void handleTyping(Peer *peer, const Typing &typing);

    bool takeRateToken(Peer *peer, const QString &id);
    void join(Peer *peer, const QString &nick);
    void postMessage(Peer *peer, const QString &id, const QString &text);
    RoomEvent nextEvent(RoomEvent::Kind kind);
    void record(const RoomEvent &event);
    void broadcast(const RoomEvent &event);
    void sendTo(Peer *peer, const QByteArray &json);
    void sendText(Peer *peer, const QString &text);
    void sendError(Peer *peer, ErrorCode code, const QString &text, const QString &id = {});
    void closePeer(Peer *peer, int code, const QString &reason, const QString &leaveReason);
    void checkBackpressure(Peer *peer);

    /// Announces that \a peer left (once) and takes it out of the members.
    void leave(Peer *peer, const QString &reason);
    Peer *findById(int id) const;
    Peer *findByNick(const QString &nick) const;
    int peersFrom(const QHostAddress &address) const;
    QString guestNick();
    void rememberDelivery(const Peer *peer, const QString &id, qint64 seq);
    void checkStopped();
    void onHeartbeat();
    /// Reports the peers soon, once, however many changes come before.
    void reportPeersSoon();
    void reportPeers();

    RoomConfig m_config;
    QString m_incarnation;
    QTcpServer *m_tcpServer = nullptr;
    QWebSocketServer *m_wsServer = nullptr;
    QList<QPointer<QTcpSocket>> m_handshaking; ///< accepted, HTTP upgrade not done yet
    std::vector<std::unique_ptr<Peer>> m_peers;
    EventHistory m_history;
    qint64 m_seq = 0;
    int m_nextPeerId = 1;
    int m_nextGuest = 1;
    bool m_shuttingDown = false;
    bool m_stopped = false;
    QElapsedTimer m_clock;
    QTimer *m_heartbeat = nullptr;
    QTimer *m_backpressure = nullptr;
    QTimer *m_peerReport = nullptr;
    bool m_peerReportPending = false;

    // Accepted `say` ids, so a message re-sent after a reconnect is not broadcast twice. Bounded:
    // the oldest ids are forgotten first.
    QHash<QString, qint64> m_deliveries;
    QQueue<QString> m_deliveryOrder;
};

} // namespace Parlor
