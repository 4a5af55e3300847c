#include "roomserver.h"

#include "core/logging.h"
#include "deadlinequeue.h"
#include "longpollsession.h"
#include "memoryroomlog.h"
#include "peerconnection.h"
#include "protocol/closecodes.h"
#include "protocol/codec.h"
#include "room.h"
#include "serverwebsocket.h"
#include "sqliteroomlog.h"
#include "tlsidentity.h"
#include "upgradegate.h"

#include <QTimer>

#include <algorithm>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace Parlor {

namespace {

// Servers that share a log (a broker stream) share no file store: such a room takes no files
// (docs/PROTOCOL.md "Files").
RoomConfig withFilesFor(RoomConfig config, const RoomLog *log)
{
    if (!qobject_cast<const MemoryRoomLog *>(log) && !qobject_cast<const SqliteRoomLog *>(log))
        config.maxFileBytes = 0;
    return config;
}

} // namespace

RoomServer::RoomServer(const RoomConfig &config, QObject *parent)
    : RoomServer(config,
                 config.dataDir.isEmpty()
                         ? static_cast<RoomLog *>(new MemoryRoomLog(config.historyLength))
                         : new SqliteRoomLog(config),
                 parent)
{}

RoomServer::RoomServer(const RoomConfig &config, RoomLog *log, QObject *parent)
    : QObject(parent)
    , m_config(withFilesFor(config, log))
    , m_log(log)
    , m_room(new Room(m_config, m_log, this))
    , m_gate(new UpgradeGate(m_config, this))
{
    m_gate->setFileStore(m_room->files());
    m_log->setParent(this);
    m_clock.start();
    connect(m_gate, &UpgradeGate::upgraded, this, &RoomServer::admit);
    connect(m_gate, &UpgradeGate::pollOpened, this, &RoomServer::admit);
    connect(m_room, &Room::membersChanged, this, &RoomServer::reportPeersSoon);
    // A rich peer that says no hello within the handshake time is closed.
    m_helloDeadlines = new DeadlineQueue(
            [this](QObject *object) {
                auto *peer = static_cast<PeerConnection *>(object);
                if (peer->state() == RoomPeer::State::AwaitingHello) {
                    m_room->dismiss(peer, CloseCode::PolicyViolation,
                                    QStringLiteral("no hello within %1 ms")
                                            .arg(m_config.handshakeTimeoutMs),
                                    QStringLiteral("timeout"));
                }
            },
            this);
    m_helloDeadlines->setTimeoutMs(m_config.handshakeTimeoutMs);
    m_heartbeat = new QTimer(this);
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        for (PeerConnection *p : m_peers)
            p->heartbeat(m_config.pingIntervalMs);
    });
    // Output that does not go through sendText() — the socket's own pongs to a peer's pings — is watched
    // here: a peer that pings and never reads would otherwise grow its queue without bound.
    m_backpressure = new QTimer(this);
    m_backpressure->setInterval(250);
    connect(m_backpressure, &QTimer::timeout, this, [this] {
        for (PeerConnection *p : m_peers) {
            if (p->leaveReason().isEmpty())
                p->checkBackpressure();
        }
    });
    m_peerReport = new QTimer(this);
    connect(m_peerReport, &QTimer::timeout, this, &RoomServer::reportPeers);
    m_trim = new QTimer(this);
    m_trim->setSingleShot(true);
    // Long enough that a storm of leaves trims once, at its end.
    m_trim->setInterval(2000);
    connect(m_trim, &QTimer::timeout, this, [] {
#ifdef __GLIBC__
        malloc_trim(0);
#endif
    });
}

RoomServer::~RoomServer()
{
    // Connections are children; they must not call back into a half-destroyed room.
    for (PeerConnection *peer : m_peers)
        peer->disconnect(this);
}

bool RoomServer::listen(const QHostAddress &address, quint16 port)
{
    m_error.clear();
    // The log is opened here, in the thread the room runs in: a database connection belongs to
    // the thread that opened it.
    if (auto *disk = qobject_cast<SqliteRoomLog *>(m_log);
        disk && !disk->isOpen() && !disk->open(m_config.dataDir)) {
        m_error = disk->errorString();
        return false;
    }
    if (FileStore *files = m_room->files(); files && !files->open()) {
        m_error = files->errorString();
        return false;
    }
    if (m_config.tls && !m_gate->isSecure()) {
        TlsIdentity identity;
        const bool own = !m_config.tlsCertificateFile.isEmpty() || !m_config.tlsKeyFile.isEmpty();
        const QString dir = m_config.tlsDir.isEmpty() ? m_config.dataDir : m_config.tlsDir;
        if (!own && dir.isEmpty()) {
            m_error = tr("A TLS room needs a certificate and key, or a directory to keep a "
                         "self-signed certificate in.");
            return false;
        }
        if (own ? !identity.load(m_config.tlsCertificateFile, m_config.tlsKeyFile)
                : !identity.loadOrCreate(dir, m_config.roomName)) {
            m_error = identity.errorString();
            return false;
        }
        m_gate->setTlsConfiguration(identity.serverConfiguration());
        m_tlsFingerprint = identity.fingerprint();
        qCInfo(lcServer).noquote()
                << "TLS certificate" << identity.certificate().subjectDisplayName() << "SHA-256"
                << m_tlsFingerprint;
    }
    if (!m_gate->listen(address, port))
        return false;
    if (m_config.pingIntervalMs > 0)
        m_heartbeat->start(m_config.pingIntervalMs);
    m_backpressure->start();
    const bool wildcard = address == QHostAddress::Any || address == QHostAddress::AnyIPv6;
    qCInfo(lcServer).noquote() << "listening on"
                               << QStringLiteral("%1:%2")
                                          .arg(wildcard ? QStringLiteral("*") : address.toString())
                                          .arg(this->port());
    return true;
}

bool RoomServer::isListening() const
{
    return m_gate->isListening();
}

quint16 RoomServer::port() const
{
    return m_gate->port();
}

QHostAddress RoomServer::address() const
{
    return m_gate->address();
}

QString RoomServer::errorString() const
{
    return m_error.isEmpty() ? m_gate->errorString() : m_error;
}

bool RoomServer::isSecure() const
{
    return m_gate->isSecure();
}

QString RoomServer::incarnation() const
{
    return m_room->incarnation();
}

FileStore *RoomServer::files() const
{
    return m_room->files();
}

qint64 RoomServer::seq() const
{
    return m_room->seq();
}

void RoomServer::admit(PeerTransport *socket)
{
    // The gate set the message limit (RoomConfig::maxMessageBytes); every message goes out as
    // one frame, so Qt peers, which refuse UTF-8 split across frames (QT64-NOTES 3), read it.
    socket->setParent(this);

    const QHostAddress address = UpgradeGate::normalized(socket->peerAddress());
    const MemberMode mode = socket->subprotocol() == QLatin1String(RichSubprotocol)
                                    ? MemberMode::Rich
                                    : MemberMode::Plain;

    auto refuse = [&](int code, const QString &reason) {
        qCInfo(lcServer).noquote() << "refused" << address.toString() << "with" << code << reason;
        if (mode == MemberMode::Rich && code == CloseCode::TryAgainLater)
            socket->sendText(
                    QString::fromUtf8(Codec::encode(ErrorReply{ErrorCode::RoomFull, reason, {}})));
        connect(socket, &PeerTransport::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(PeerConnection::CloseGraceMs, socket, [socket] { socket->abort(); });
        socket->close(code, reason);
    };
    if (m_shuttingDown)
        return refuse(CloseCode::GoingAway, QStringLiteral("server shutting down"));
    if (peerCount() >= m_config.maxPeers)
        return refuse(CloseCode::TryAgainLater, QStringLiteral("the room is full"));
    if (m_peersFrom.value(address) >= m_config.maxPeersPerAddress)
        return refuse(CloseCode::TryAgainLater,
                      QStringLiteral("too many connections from your address"));
    if (mode == MemberMode::Plain && !m_config.password.isEmpty()) {
        return refuse(CloseCode::PolicyViolation,
                      QStringLiteral("this room needs a password: join with a parlor.v1 client"));
    }

    auto *peer = new PeerConnection(m_nextPeerId++, socket, mode, address, m_clock,
                                    m_config.maxQueuedBytes, this);
    m_peers.push_back(peer);
    ++m_peersFrom[address];
    qCInfo(lcServer).noquote() << "peer" << peer->id() << "connected from" << address.toString()
                               << "subprotocol"
                               << (socket->subprotocol().isEmpty() ? QStringLiteral("(none)")
                                                                   : socket->subprotocol());
    connect(peer, &PeerConnection::textReceived, this,
            [this, peer](const QString &text) { m_room->receive(peer, text); });
    connect(peer, &PeerConnection::binaryReceived, this, [this, peer] {
        m_room->dismiss(peer, CloseCode::UnsupportedData,
                        QStringLiteral("binary messages are not supported"),
                        QStringLiteral("binary"));
    });
    connect(peer, &PeerConnection::finished, this,
            [this, peer](const QString &reason) { onFinished(peer, reason); });
    emit peerCountChanged(peerCount());
    reportPeersSoon();
    trimMemorySoon();

    m_room->attach(peer);
    if (mode == MemberMode::Rich)
        m_helloDeadlines->add(peer);
}

void RoomServer::onFinished(PeerConnection *peer, const QString &reason)
{
    m_peers.erase(std::remove(m_peers.begin(), m_peers.end(), peer), m_peers.end());
    if (auto it = m_peersFrom.find(peer->address()); it != m_peersFrom.end() && --*it <= 0)
        m_peersFrom.erase(it);
    peer->disconnect(this);
    const PeerInfo gone = peer->info();
    m_departedTotals.messagesIn += gone.messagesIn;
    m_departedTotals.messagesOut += gone.messagesOut;
    m_departedTotals.bytesIn += gone.bytesIn;
    m_departedTotals.bytesOut += gone.bytesOut;
    qCInfo(lcServer).noquote() << "peer" << peer->id() << peer->nick() << "left:"
                               << (peer->leaveReason().isEmpty() ? reason : peer->leaveReason());
    m_room->detach(peer, reason);
    peer->deleteLater();
    emit peerCountChanged(peerCount());
    reportPeersSoon();
    trimMemorySoon();
    checkStopped();
}

void RoomServer::trimMemorySoon()
{
    m_trim->start();
}

PeerConnection *RoomServer::findById(int id) const
{
    const auto it = std::find_if(m_peers.cbegin(), m_peers.cend(),
                                 [id](const PeerConnection *p) { return p->id() == id; });
    return it == m_peers.cend() ? nullptr : *it;
}

QList<PeerInfo> RoomServer::peers() const
{
    QList<PeerInfo> list;
    list.reserve(qsizetype(m_peers.size()));
    for (const PeerConnection *p : m_peers)
        list.append(p->info());
    return list;
}

HealthReport RoomServer::healthReport() const
{
    PeerInfo totals = m_departedTotals;
    qint64 queued = 0;
    for (const PeerConnection *p : m_peers) {
        const PeerInfo i = p->info();
        totals.messagesIn += i.messagesIn;
        totals.messagesOut += i.messagesOut;
        totals.bytesIn += i.bytesIn;
        totals.bytesOut += i.bytesOut;
        queued += i.bytesQueued;
    }
    HealthReport report;
    report.healthy = isListening();
    if (!report.healthy)
        report.problem = QStringLiteral("the room is not accepting connections");
    report.add("parlor_peers", "gauge", peerCount(), "Connections in the room.");
    report.add("parlor_rooms", "gauge", 1, "Rooms this server serves.");
    report.add("parlor_room_seq", "gauge", double(seq()), "The seq of the room's newest event.");
    report.add("parlor_messages_in_total", "counter", double(totals.messagesIn),
               "Messages received from peers (WebSocket messages or long-polling entries).");
    report.add("parlor_messages_out_total", "counter", double(totals.messagesOut),
               "Messages sent to peers (WebSocket messages or long-polling entries).");
    report.add("parlor_bytes_in_total", "counter", double(totals.bytesIn),
               "Bytes of messages received from peers.");
    report.add("parlor_bytes_out_total", "counter", double(totals.bytesOut),
               "Bytes of messages sent to peers.");
    report.add("parlor_queue_bytes", "gauge", double(queued),
               "Bytes waiting to be written to peers.");
    return report;
}

void RoomServer::setPeerReportInterval(int ms)
{
    if (ms > 0) {
        m_peerReport->start(ms);
        reportPeersSoon();
    } else {
        m_peerReport->stop();
    }
}

void RoomServer::reportPeersSoon()
{
    if (!m_peerReport->isActive() || m_peerReportPending)
        return;
    m_peerReportPending = true;
    QMetaObject::invokeMethod(this, &RoomServer::reportPeers, Qt::QueuedConnection);
}

void RoomServer::reportPeers()
{
    m_peerReportPending = false;
    emit peersChanged(peers());
}

bool RoomServer::kick(int peerId, int code, const QString &reason)
{
    PeerConnection *peer = findById(peerId);
    if (!peer || !peer->socket() || !peer->leaveReason().isEmpty() || !CloseCodes::isSendable(code))
        return false;
    m_room->expel(peer, code, CloseCodes::clippedReason(reason), QStringLiteral("kicked"));
    reportPeersSoon();
    return true;
}

bool RoomServer::ping(int peerId)
{
    PeerConnection *peer = findById(peerId);
    return peer && peer->ping();
}

void RoomServer::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcServer) << "shutting down:" << peerCount() << "peers";
    m_gate->close();
    m_heartbeat->stop();
    m_backpressure->stop();
    m_room->stopAnnouncing();
    for (PeerConnection *peer : m_peers)
        m_room->dismiss(peer, CloseCode::GoingAway, QStringLiteral("server shutting down"),
                        QStringLiteral("shutdown"));
    // A shared log tells the other servers that these members are gone before the process ends.
    m_log->stop([this] {
        m_logStopped = true;
        checkStopped();
    });
}

void RoomServer::checkStopped()
{
    if (m_shuttingDown && m_peers.empty() && m_logStopped && !m_stopped) {
        m_stopped = true;
        QMetaObject::invokeMethod(this, &RoomServer::stopped, Qt::QueuedConnection);
    }
}

} // namespace Parlor
