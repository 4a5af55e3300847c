#pragma once

#include "peerinfo.h"
#include "roomannouncer.h"
#include "roomconfig.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QThread>
#include <QUrl>

namespace Parlor {

class RoomServer;

/// Runs a RoomServer on a thread of its own, so a busy window never stalls a broadcast (and a
/// busy room never stalls the window). All calls are made from the owner's thread; results come
/// back as queued signals.
class RoomHost : public QObject
{
    Q_OBJECT

public:
    enum class Status { Stopped, Starting, Running, Stopping };
    Q_ENUM(Status)
    /// What the last failed() was about: the room's log on disk (config().dataDir) could not be
    /// opened, its TLS certificate could not be read or made, or the port could not be had.
    enum class Failure { None, Log, Tls, Listen };
    Q_ENUM(Failure)

    explicit RoomHost(QObject *parent = nullptr);
    ~RoomHost() override;

    /// Starts the room; started() or failed() follows.
    void start(const RoomConfig &config, const QHostAddress &bind, quint16 port);
    /// Closes every peer with 1001 and stops; stopped() follows.
    void stop();
    /// Stops at once, waiting for the room thread (for application exit).
    void stopAndWait(int timeoutMs = 3000);

    Status status() const { return m_status; }
    Failure failure() const { return m_failure; }
    quint16 port() const { return m_port; }
    QHostAddress bindAddress() const { return m_bind; }
    const RoomConfig &config() const { return m_config; }
    /// ws:// (wss:// for a TLS room) URLs others can use (see LanAddresses), and one for this
    /// computer.
    QList<QUrl> joinUrls() const;
    QUrl localUrl() const;
    int peerCount() const { return m_peerCount; }
    /// SHA-256 of the running room's TLS certificate (RoomServer::tlsFingerprint()); empty
    /// without TLS.
    QString tlsFingerprint() const { return m_tlsFingerprint; }
    /// True while the room is announced on the LAN (config().announce, and not bound to
    /// loopback): people nearby see it in their join dialog and in `parlor-cli --discover`.
    bool isAnnounced() const { return m_announcer.isRunning(); }

    /// The room reports its peers this often (and on every arrival, join, rename and departure)
    /// through peersChanged(). Default 1000 ms; 0 stops the reports.
    void setPeerReportInterval(int ms);
    int peerReportInterval() const { return m_reportIntervalMs; }
    /// Closes peer \a peerId with \a code and \a reason (see RoomServer::kick()); the next report
    /// shows it leaving.
    void kick(int peerId, int code, const QString &reason);
    /// Pings peer \a peerId; its round trip shows in a following report.
    void ping(int peerId);

signals:
    void started(quint16 port);
    void failed(const QString &error);
    void stopped();
    void peerCountChanged(int count);
    /// What the room knows of each connection; empty once it stopped.
    void peersChanged(const QList<Parlor::PeerInfo> &peers);

private:
    void setStatus(Status status);

    RoomConfig m_config;
    QHostAddress m_bind;
    quint16 m_port = 0;
    QString m_tlsFingerprint;
    int m_peerCount = 0;
    int m_reportIntervalMs = 1000;
    Status m_status = Status::Stopped;
    Failure m_failure = Failure::None;
    QThread m_thread;
    RoomServer *m_server = nullptr; ///< lives in m_thread
    /// In the owner's thread: its sockets are few and quiet, and it must say goodbye even when
    /// the room thread is busy closing peers.
    RoomAnnouncer m_announcer;
};

} // namespace Parlor
