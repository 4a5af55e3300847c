#include "sessioncontroller.h"

#include "client/clientidentity.h"
#include "server/lanaddresses.h"

#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>

namespace Parlor {

SessionController::SessionController(QObject *parent)
    : QObject(parent)
{
    connect(&m_host, &RoomHost::started, this, &SessionController::onHostStarted);
    connect(&m_host, &RoomHost::failed, this, &SessionController::onHostFailed);
    connect(&m_host, &RoomHost::stopped, this, &SessionController::onHostStopped);
}

SessionController::~SessionController()
{
    shutdown();
}

void SessionController::shutdown()
{
    // Close the room's peers with 1001 before the app (and the room's thread) go away.
    m_session.reset();
    m_host.stopAndWait();
    m_hosting = Hosting::Off;
}

void SessionController::join(const QUrl &url, const Profile &profile, const QString &origin,
                             const QList<QUrl> &servers, const ProxySetting &proxy,
                             const ChatSession::StompTarget &stomp)
{
    startSession(url, servers, profile, origin, QString(), proxy, QString(), stomp);
}

void SessionController::startSession(const QUrl &url, const QList<QUrl> &servers,
                                     const Profile &profile, const QString &origin,
                                     const QString &trustedFingerprint, const ProxySetting &proxy,
                                     const QString &password, const ChatSession::StompTarget &stomp)
{
    m_session = std::make_unique<ChatSession>();
    ChatSession::Options options;
    options.connection.url = url;
    options.connection.servers = servers;
    options.connection.trustedFingerprint = trustedFingerprint;
    options.connection.subprotocols = profile.subprotocols;
    options.connection.origin = origin;
    options.connection.proxy = proxy;
    options.nick = profile.nick;
    options.password = password;
    options.clientId = ClientIdentity::id();
    options.stomp = stomp;
    // One broker holds many destinations: each keeps its own unsent lines.
    options.outboxPath = Outbox::defaultPath(
            stomp.isSet() ? url.toString() + u' ' + QString::fromUtf8(stomp.destination)
                          : url.toString());
    emit sessionChanged(m_session.get(), profile.nick);
    // The room we host is remembered as hosting (its port may differ next time), not as a URL.
    if (!isHosting() || url != m_host.localUrl()) {
        LastSession last{LastSession::Kind::Joined, url, servers, proxy, profile.nick, {}};
        last.stomp = stomp;
        last.stomp.passcode.clear();
        emit lastSessionChanged(last);
    }
    m_session->start(options);
}

void SessionController::host(const RoomConfig &config, const QHostAddress &bind, quint16 port,
                             const Profile &profile, bool fallbackToFreePort, History history)
{
    if (m_session) {
        m_session.reset();
        emit sessionChanged(nullptr, QString());
    }
    m_request = {config, bind, port, fallbackToFreePort, profile};
    m_request.config.dataDir = history == History::Kept ? historyDirectory(config.roomName)
                                                        : QString();
    if (config.tls && config.tlsCertificateFile.isEmpty() && config.tlsDir.isEmpty())
        m_request.config.tlsDir = tlsDirectory();
    if (m_host.status() == RoomHost::Status::Stopped) {
        startRequestedRoom();
    } else {
        setHosting(Hosting::Replacing);
        m_host.stop();
    }
}

void SessionController::leave()
{
    if (m_session)
        m_session->stop();
}

void SessionController::reconnectNow()
{
    if (m_session)
        m_session->connection()->reconnectNow();
}

void SessionController::stopHosting()
{
    // Leave our own room first: reconnecting to a room we closed ourselves would go on forever.
    if (isInOwnRoom()) {
        m_session->stop();
        emit leftOwnRoom();
    }
    if (m_hosting == Hosting::Off)
        return;
    // A replacement waiting for the old room to close is called off too.
    setHosting(Hosting::Stopping);
    m_host.stop();
}

void SessionController::startDefault(const LastSession &last, const Profile &profile,
                                     const QString &roomName, History history, bool announce)
{
    // A new user sees a working chat at once: a room on this computer, joined.
    if (last.kind == LastSession::Kind::Joined && !last.url.isEmpty()) {
        join(last.url, profile, {}, last.servers, last.proxy, last.stomp);
        return;
    }
    RoomConfig config;
    config.roomName = roomName;
    config.announce = announce;
    host(config, QHostAddress::Any, RoomConfig::DefaultPort, profile, true, history);
}

bool SessionController::restore(const LastSession &last, const Profile &profile)
{
    if (last.kind == LastSession::Kind::Joined && !last.url.isEmpty()) {
        join(last.url, profile, {}, last.servers, last.proxy, last.stomp);
        return true;
    }
    if (last.kind != LastSession::Kind::Hosted || last.hadPassword)
        return false;
    RoomConfig config;
    config.roomName = last.roomName;
    config.announce = last.announce;
    config.tls = last.tls;
    // The same port if it is free, so that addresses people kept still work; else any free one.
    host(config,
         last.localOnly ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(QHostAddress::Any),
         last.port ? last.port : RoomConfig::DefaultPort, profile, true,
         last.keptHistory ? History::Kept : History::InMemory);
    return true;
}

SessionController::History SessionController::history() const
{
    return isHosting() && !m_host.config().dataDir.isEmpty() ? History::Kept : History::InMemory;
}

QString SessionController::historyLocation() const
{
    return history() == History::Kept ? m_host.config().dataDir : QString();
}

QString SessionController::tlsDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/tls");
}

QString SessionController::tlsFingerprint() const
{
    return isHosting() ? m_host.tlsFingerprint() : QString();
}

QString SessionController::historyDirectory(const QString &roomName)
{
    // Readable for a person who looks, safe everywhere: letters, digits, spaces, '-' and '_'.
    QString readable;
    for (const QChar c : roomName) {
        if (readable.size() >= 48)
            break;
        readable += c.isLetterOrNumber() || c == u'-' || c == u'_' ? c
                    : c.isSpace()                                  ? QChar(u' ')
                                                                   : QChar(u'_');
    }
    readable = readable.simplified();
    if (readable.isEmpty())
        readable = QStringLiteral("room");
    const QByteArray hash = QCryptographicHash::hash(roomName.toUtf8(), QCryptographicHash::Sha256);
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(base).filePath(
            QStringLiteral("rooms/%1-%2").arg(readable, QString::fromLatin1(hash.toHex().left(12))));
}

bool SessionController::isInOwnRoom() const
{
    return m_session && isHosting() && m_session->connection()->options().url == m_host.localUrl();
}

SessionController::Reach SessionController::reach() const
{
    if (m_host.bindAddress().isLoopback())
        return Reach::ThisComputer;
    return m_host.joinUrls().isEmpty() ? Reach::NoNetwork : Reach::Network;
}

QList<QUrl> SessionController::shareUrls() const
{
    return isHosting() && reach() == Reach::Network ? m_host.joinUrls() : QList<QUrl>();
}

QUrl SessionController::browserUrl() const
{
    // The room serves its chat page on the same port.
    const QList<QUrl> urls = shareUrls();
    return urls.isEmpty() ? QUrl() : LanAddresses::pageUrl(urls.first());
}

void SessionController::setHosting(Hosting hosting)
{
    if (m_hosting == hosting)
        return;
    m_hosting = hosting;
    emit hostingChanged(hosting);
}

void SessionController::startRequestedRoom()
{
    setHosting(Hosting::Starting);
    m_host.start(m_request.config, m_request.bind, m_request.port);
}

void SessionController::onHostStarted()
{
    // A room stopped or replaced before it had opened its port is not joined.
    if (m_hosting != Hosting::Starting && m_hosting != Hosting::RetryingOnFreePort)
        return;
    setHosting(Hosting::On);
    emit hostingStarted(m_host.port());
    // Our own room's certificate is the one the room thread just presented: no prompt for it;
    // and its password is the one we gave it, not one to ask ourselves for.
    startSession(m_host.localUrl(), {}, m_request.profile, QString(), m_host.tlsFingerprint(), {},
                 m_request.config.password);
    LastSession hosted;
    hosted.kind = LastSession::Kind::Hosted;
    hosted.nick = m_request.profile.nick;
    hosted.roomName = m_request.config.roomName;
    hosted.localOnly = m_request.bind.isLoopback();
    hosted.port = m_host.port();
    hosted.announce = m_request.config.announce;
    hosted.tls = m_request.config.tls;
    hosted.keptHistory = !m_request.config.dataDir.isEmpty();
    hosted.hadPassword = !m_request.config.password.isEmpty();
    emit lastSessionChanged(hosted);
}

void SessionController::onHostFailed(const QString &error)
{
    // Another port would not help a log that cannot be opened; nor would a room in memory,
    // which would forget what the user asked to keep.
    if (m_host.failure() == RoomHost::Failure::Log
        && (m_hosting == Hosting::Starting || m_hosting == Hosting::RetryingOnFreePort)) {
        setHosting(Hosting::Off);
        emit historyUnavailable(m_request.config.dataDir, error);
        return;
    }
    // Nor would it help a certificate that cannot be read or made.
    const bool portMayHelp = m_host.failure() != RoomHost::Failure::Tls;
    switch (m_hosting) {
    case Hosting::Starting:
        if (portMayHelp && m_request.fallbackToFreePort && m_request.port != 0) {
            setHosting(Hosting::RetryingOnFreePort);
            m_host.start(m_request.config, m_request.bind, 0);
            return;
        }
        [[fallthrough]];
    case Hosting::RetryingOnFreePort:
        setHosting(Hosting::Off);
        emit hostingFailed(m_request.port, error);
        return;
    case Hosting::Replacing:
        // The old room failed to open rather than closing: the way is clear for the new one.
        startRequestedRoom();
        return;
    case Hosting::Stopping:
        setHosting(Hosting::Off);
        emit hostingStopped();
        return;
    case Hosting::Off:
    case Hosting::On:
        return;
    }
}

void SessionController::onHostStopped()
{
    if (m_hosting == Hosting::Off)
        return;
    if (m_hosting == Hosting::Replacing) {
        startRequestedRoom();
        return;
    }
    setHosting(Hosting::Off);
    emit hostingStopped();
}

} // namespace Parlor
