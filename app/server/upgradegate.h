#pragma once

#include "roomconfig.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QSslConfiguration;
class QTcpSocket;
QT_END_NAMESPACE

namespace Parlor {

class DeadlineQueue;
class FileStore;
class GateListener;
class LongPollRouter;
class LongPollSession;
class ServerWebSocket;

/// The room's front door: accepts TCP connections (no-delay, a deep backlog), bounds how many
/// may be in their HTTP upgrade at once (in all and per address) and for how long, answers
/// plain HTTP with the room's page (RoomPage), checks the Origin of browsers against the
/// allow-list, answers the WebSocket handshake itself (ServerHandshake) and hands every
/// finished upgrade on through upgraded(), as a ServerWebSocket with the room's message limit.
/// Requests under /poll go to the LongPollRouter (HTTP long-polling, for browsers whose
/// upgrade a proxy refuses), whose new sessions come out through pollOpened().
class UpgradeGate : public QObject
{
    Q_OBJECT

public:
    explicit UpgradeGate(const RoomConfig &config, QObject *parent = nullptr);
    ~UpgradeGate() override;

    /// Starts accepting connections. Port 0 picks a free port (see port()).
    bool listen(const QHostAddress &address, quint16 port);
    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const;
    QString errorString() const;
    /// Serves the room over TLS (wss://, and the page over https://) from now on; call before
    /// listen().
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isSecure() const;
    /// Serves the files of \a store at GET /files/<key> (null: none); it must outlive the gate
    /// or be set to null first.
    void setFileStore(FileStore *store);
    /// Stops accepting and drops every connection still in its upgrade.
    void close();

    /// The IPv4 form of an IPv4-mapped IPv6 address, so one host counts as one address.
    static QHostAddress normalized(const QHostAddress &address);
    /// Whether a browser page from \a origin may join a room that was asked for as \a host (the
    /// request's Host header): a request with no Origin (not a browser), the room's own page
    /// (same host and port), or an origin in \a allowed. Any other page — one a person on the
    /// network merely visits — may not use their browser to join (cross-site WebSocket
    /// hijacking).
    static bool originAllowed(const QByteArray &origin, const QByteArray &host,
                              const QStringList &allowed);

signals:
    /// A WebSocket upgrade completed; the receiver owns \a socket from now on.
    void upgraded(Parlor::ServerWebSocket *socket);
    /// A long-poll session was opened; the receiver owns \a session from now on.
    void pollOpened(Parlor::LongPollSession *session);

private:
    void onTcpConnection();
    void routeRequest(QTcpSocket *socket);
    void upgrade(QTcpSocket *socket, const QByteArray &head, qsizetype headBytes);
    /// Waits for the body of a long-poll request, bounded, then hands it to the router.
    void routePoll(QTcpSocket *socket, const QByteArray &head, qsizetype headBytes);
    /// Writes \a response and closes \a socket after it; it leaves the handshakes.
    void answerAndClose(QTcpSocket *socket, const QByteArray &response);
    /// Answers GET or HEAD /files/<key>: the file, streamed as the socket takes it, or 404.
    void serveFile(QTcpSocket *socket, const QByteArray &head);
    /// Takes \a socket out of the connections in their upgrade; false if it was not in them.
    bool release(QTcpSocket *socket);

    RoomConfig m_config;
    GateListener *m_tcpServer = nullptr;
    LongPollRouter *m_polls = nullptr;
    QPointer<FileStore> m_files;
    /// Accepted, HTTP upgrade not done yet, with the (normalized) address each came from.
    /// Hashes, not a list: a burst of thousands of connections scanned the list for every one.
    QHash<QTcpSocket *, QHostAddress> m_handshaking;
    QHash<QHostAddress, int> m_handshakesFrom; ///< m_handshaking counted per address
    DeadlineQueue *m_deadlines = nullptr;      ///< handshakeTimeoutMs for each of them
    bool m_closed = false;
};

} // namespace Parlor
