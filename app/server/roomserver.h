#pragma once

#include "healthreport.h"
#include "peerinfo.h"
#include "roomconfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <vector>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace Parlor {

class DeadlineQueue;
class FileStore;
class PeerConnection;
class PeerTransport;
class Room;
class RoomLog;
class ServerWebSocket;
class UpgradeGate;

/// A chat room served on one port: the UpgradeGate takes connections in, the admission desk
/// here bounds them, each becomes a PeerConnection, and the Room applies the rules, keeping its
/// events in a RoomLog — in memory, or on disk when RoomConfig::dataDir is set. Lives in one
/// thread; it may be moved to a worker thread before listen() so a GUI never stalls a
/// broadcast (RoomHost).
class RoomServer : public QObject
{
    Q_OBJECT

public:
    explicit RoomServer(const RoomConfig &config, QObject *parent = nullptr);
    /// A room whose log is \a log (a shared one: BrokerRoomLog), which it takes as a child.
    RoomServer(const RoomConfig &config, RoomLog *log, QObject *parent = nullptr);
    ~RoomServer() override;

    /// Opens the room's log (on disk, when the config has a data directory) and starts
    /// accepting connections. Port 0 picks a free port (see port()). False with errorString()
    /// when the log cannot be opened or the port cannot be had.
    bool listen(const QHostAddress &address = QHostAddress::Any,
                quint16 port = RoomConfig::DefaultPort);
    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const;
    QString errorString() const;

    const RoomConfig &config() const { return m_config; }
    /// Whether the room is served over TLS (wss://).
    bool isSecure() const;
    /// SHA-256 of the room's TLS certificate as Parlor's certificate dialog shows it (lower-case
    /// hex), for joiners to compare before they trust it; empty without TLS.
    QString tlsFingerprint() const { return m_tlsFingerprint; }
    QString incarnation() const;
    int peerCount() const { return int(m_peers.size()); }
    qint64 seq() const;
    /// The room's shared files; null when it takes none.
    FileStore *files() const;

    /// Health and figures for parlor-server --health-port (HealthServer).
    HealthReport healthReport() const;
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
    /// A WebSocket upgraded or a long-poll session opened: the same admission for both.
    void admit(PeerTransport *socket);
    void onFinished(PeerConnection *peer, const QString &reason);
    PeerConnection *findById(int id) const;
    void checkStopped();
    /// Hands the heap's free memory back to the system once arrivals and departures have been
    /// quiet for a moment: glibc keeps it otherwise, and the room's RSS stayed at the peak of
    /// a burst of joins (every welcome, every announcement queued at once) or of leaves.
    void trimMemorySoon();
    /// Reports the peers soon, once, however many changes come before.
    void reportPeersSoon();
    void reportPeers();

    RoomConfig m_config;
    PeerInfo m_departedTotals; ///< the message and byte counts of peers gone
    RoomLog *m_log = nullptr;  ///< child; opened by listen()
    Room *m_room = nullptr;
    UpgradeGate *m_gate = nullptr;
    QString m_error;
    QString m_tlsFingerprint;
    std::vector<PeerConnection *> m_peers; ///< children, in the order they connected
    /// Connections per (normalized) address, for RoomConfig::maxPeersPerAddress without a scan.
    QHash<QHostAddress, int> m_peersFrom;
    QTimer *m_trim = nullptr;
    DeadlineQueue *m_helloDeadlines = nullptr; ///< handshakeTimeoutMs for each rich peer's hello
    int m_nextPeerId = 1;
    bool m_shuttingDown = false;
    bool m_logStopped = false; ///< RoomLog::stop() is done
    bool m_stopped = false;
    QElapsedTimer m_clock;
    QTimer *m_heartbeat = nullptr;
    QTimer *m_backpressure = nullptr;
    QTimer *m_peerReport = nullptr;
    bool m_peerReportPending = false;
};

} // namespace Parlor
