#include "appsettings.h"

#include "client/serverlist.h"
#include "protocol/protocol.h"

namespace Parlor {

namespace {
constexpr int maxRecentServers = 10;
}

QString AppSettings::defaultNick()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty() || nickProblem(user, ProtocolLimits().maxNickLength))
        user = QStringLiteral("guest");
    return user;
}

QString AppSettings::nick() const
{
    const QString nick = m_settings.value(QStringLiteral("user/nick")).toString();
    return nick.isEmpty() ? defaultNick() : nick;
}

void AppSettings::setNick(const QString &nick)
{
    m_settings.setValue(QStringLiteral("user/nick"), nick);
}

AppSettings::Theme AppSettings::theme() const
{
    const QString t = m_settings.value(QStringLiteral("look/theme")).toString();
    return t == QLatin1String("light")  ? Theme::Light
           : t == QLatin1String("dark") ? Theme::Dark
                                        : Theme::System;
}

void AppSettings::setTheme(Theme theme)
{
    m_settings.setValue(QStringLiteral("look/theme"),
                        theme == Theme::Light  ? QStringLiteral("light")
                        : theme == Theme::Dark ? QStringLiteral("dark")
                                               : QStringLiteral("system"));
}

int AppSettings::fontPointSize() const
{
    return m_settings.value(QStringLiteral("look/fontSize"), 0).toInt();
}

void AppSettings::setFontPointSize(int size)
{
    m_settings.setValue(QStringLiteral("look/fontSize"), size);
}

QString AppSettings::timeFormat() const
{
    return m_settings.value(QStringLiteral("look/timeFormat"), QStringLiteral("HH:mm")).toString();
}

void AppSettings::setTimeFormat(const QString &format)
{
    m_settings.setValue(QStringLiteral("look/timeFormat"), format);
}

AppSettings::Notify AppSettings::notify() const
{
    const QString n = m_settings.value(QStringLiteral("notify/when")).toString();
    return n == QLatin1String("all")    ? Notify::All
           : n == QLatin1String("none") ? Notify::None
                                        : Notify::Mentions;
}

void AppSettings::setNotify(Notify notify)
{
    m_settings.setValue(QStringLiteral("notify/when"), notify == Notify::All ? QStringLiteral("all")
                                                       : notify == Notify::None
                                                               ? QStringLiteral("none")
                                                               : QStringLiteral("mentions"));
}

bool AppSettings::enterSends() const
{
    return m_settings.value(QStringLiteral("compose/enterSends"), true).toBool();
}

void AppSettings::setEnterSends(bool enterSends)
{
    m_settings.setValue(QStringLiteral("compose/enterSends"), enterSends);
}

QString AppSettings::language() const
{
    return m_settings.value(QStringLiteral("look/language")).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    m_settings.setValue(QStringLiteral("look/language"), language);
}

QStringList AppSettings::recentServers() const
{
    return m_settings.value(QStringLiteral("connect/recent")).toStringList();
}

void AppSettings::addRecentServer(const QString &url)
{
    QStringList recent = recentServers();
    recent.removeAll(url);
    recent.prepend(url);
    while (recent.size() > maxRecentServers)
        recent.removeLast();
    m_settings.setValue(QStringLiteral("connect/recent"), recent);
}

QStringList AppSettings::subprotocols() const
{
    const QStringList stored = m_settings.value(QStringLiteral("connect/subprotocols"))
                                       .toStringList();
    return stored.isEmpty()
                   ? QStringList{QLatin1String(RichSubprotocol), QLatin1String(PlainSubprotocol)}
                   : stored;
}

void AppSettings::setSubprotocols(const QStringList &protocols)
{
    m_settings.setValue(QStringLiteral("connect/subprotocols"), protocols);
}

QString AppSettings::proxyTextFor(const QString &address) const
{
    return m_settings.value(QStringLiteral("connect/proxies")).toMap().value(address).toString();
}

ProxySetting AppSettings::proxyFor(const QString &address) const
{
    ProxySetting setting;
    ProxySetting::parse(proxyTextFor(address), &setting); // edited by hand to nonsense: system
    return setting;
}

void AppSettings::setProxyFor(const QString &address, const ProxySetting &proxy)
{
    // Per room: a proxy needed for one server (a company's) is wrong for another (the LAN's).
    QVariantMap proxies = m_settings.value(QStringLiteral("connect/proxies")).toMap();
    if (proxy.mode() == ProxySetting::Mode::System)
        proxies.remove(address);
    else
        proxies.insert(address, proxy.toString());
    m_settings.setValue(QStringLiteral("connect/proxies"), proxies);
}

SessionController::Profile AppSettings::profile() const
{
    return {nick(), subprotocols()};
}

ChatSession::StompTarget AppSettings::readStomp() const
{
    ChatSession::StompTarget target;
    target.destination = m_settings.value(QStringLiteral("stompDestination")).toString().toUtf8();
    target.host
            = m_settings.value(QStringLiteral("stompHost"), QStringLiteral("/")).toString().toUtf8();
    target.login = m_settings.value(QStringLiteral("stompLogin")).toString().toUtf8();
    return target;
}

void AppSettings::writeStomp(const ChatSession::StompTarget &target)
{
    // Only what a STOMP room needs: a Parlor room's entry has no such keys.
    for (const auto &[key, value] :
         {std::pair{QStringLiteral("stompDestination"), target.destination},
          std::pair{QStringLiteral("stompHost"), target.host},
          std::pair{QStringLiteral("stompLogin"), target.login}}) {
        if (target.isSet())
            m_settings.setValue(key, QString::fromUtf8(value));
        else
            m_settings.remove(key);
    }
}

ChatSession::StompTarget AppSettings::lastStompTarget() const
{
    m_settings.beginGroup(QStringLiteral("stomp"));
    ChatSession::StompTarget target = readStomp();
    m_settings.endGroup();
    if (!target.isSet())
        target.destination = StompChat::DefaultDestination;
    return target;
}

void AppSettings::setLastStompTarget(const ChatSession::StompTarget &target)
{
    m_settings.beginGroup(QStringLiteral("stomp"));
    writeStomp(target);
    m_settings.endGroup();
}

SessionController::LastSession AppSettings::lastSession() const
{
    // Stored as "host" or "join" (empty: none yet) and the joined room's URL.
    using Kind = SessionController::LastSession::Kind;
    const QString kind = m_settings.value(QStringLiteral("session/kind")).toString();
    SessionController::LastSession last;
    last.kind = kind == QLatin1String("join")   ? Kind::Joined
                : kind == QLatin1String("host") ? Kind::Hosted
                                                : Kind::None;
    last.url = QUrl(m_settings.value(QStringLiteral("session/url")).toString());
    // Several servers of the room (failover), as one comma-separated list; a list that no longer
    // parses (edited by hand) is dropped and the room is joined at its first server alone.
    const QList<QUrl> servers = ServerList::parse(
            m_settings.value(QStringLiteral("session/servers")).toString());
    if (servers.size() > 1 && servers.constFirst() == last.url)
        last.servers = servers;
    last.proxy = proxyFor(
            ServerList::join(last.servers.isEmpty() ? QList<QUrl>{last.url} : last.servers));
    m_settings.beginGroup(QStringLiteral("session"));
    last.stomp = readStomp();
    m_settings.endGroup();
    return last;
}

void AppSettings::setLastSession(const SessionController::LastSession &last)
{
    const bool joined = last.kind == SessionController::LastSession::Kind::Joined;
    m_settings.setValue(QStringLiteral("session/kind"),
                        joined ? QStringLiteral("join") : QStringLiteral("host"));
    m_settings.setValue(QStringLiteral("session/url"), joined ? last.url.toString() : QString());
    m_settings.setValue(QStringLiteral("session/servers"), joined && last.servers.size() > 1
                                                                   ? ServerList::join(last.servers)
                                                                   : QString());
    m_settings.beginGroup(QStringLiteral("session"));
    writeStomp(joined ? last.stomp : ChatSession::StompTarget{});
    m_settings.endGroup();
}

QList<SessionController::LastSession> AppSettings::rooms() const
{
    // One entry per room: "host" with its name, or "join" with its URL (and servers), and the
    // nickname used there. The proxy is the one kept for the room's address (proxyFor()).
    using Kind = SessionController::LastSession::Kind;
    QList<SessionController::LastSession> rooms;
    const int n = m_settings.beginReadArray(QStringLiteral("rooms"));
    for (int i = 0; i < n; ++i) {
        m_settings.setArrayIndex(i);
        SessionController::LastSession room;
        const QString kind = m_settings.value(QStringLiteral("kind")).toString();
        room.kind = kind == QLatin1String("join")   ? Kind::Joined
                    : kind == QLatin1String("host") ? Kind::Hosted
                                                    : Kind::None;
        room.url = QUrl(m_settings.value(QStringLiteral("url")).toString());
        const QList<QUrl> servers = ServerList::parse(
                m_settings.value(QStringLiteral("servers")).toString());
        if (servers.size() > 1 && servers.constFirst() == room.url)
            room.servers = servers;
        room.nick = m_settings.value(QStringLiteral("nick")).toString();
        room.roomName = m_settings.value(QStringLiteral("name")).toString();
        // How a hosted room was opened; entries from before these were kept get the defaults.
        room.localOnly = m_settings.value(QStringLiteral("localOnly"), false).toBool();
        room.port = quint16(m_settings.value(QStringLiteral("port"), 0).toUInt());
        room.announce = m_settings.value(QStringLiteral("announce"), true).toBool();
        room.tls = m_settings.value(QStringLiteral("tls"), false).toBool();
        room.keptHistory = m_settings.value(QStringLiteral("keptHistory"), false).toBool();
        room.hadPassword = m_settings.value(QStringLiteral("hadPassword"), false).toBool();
        room.stomp = readStomp();
        // An entry edited by hand into something that cannot be joined is dropped.
        if (room.kind == Kind::Hosted || (room.kind == Kind::Joined && room.url.isValid()))
            rooms.append(room);
    }
    m_settings.endArray();
    for (auto &room : rooms) {
        if (room.kind == Kind::Joined) {
            room.proxy = proxyFor(ServerList::join(room.servers.isEmpty() ? QList<QUrl>{room.url}
                                                                          : room.servers));
        }
    }
    return rooms;
}

int AppSettings::currentRoom() const
{
    return m_settings.value(QStringLiteral("roomsCurrent"), -1).toInt();
}

void AppSettings::setRooms(const QList<SessionController::LastSession> &rooms, int current)
{
    m_settings.remove(QStringLiteral("rooms"));
    m_settings.beginWriteArray(QStringLiteral("rooms"), int(rooms.size()));
    for (int i = 0; i < rooms.size(); ++i) {
        const SessionController::LastSession &room = rooms.at(i);
        const bool joined = room.kind == SessionController::LastSession::Kind::Joined;
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("kind"),
                            joined ? QStringLiteral("join") : QStringLiteral("host"));
        m_settings.setValue(QStringLiteral("url"), joined ? room.url.toString() : QString());
        m_settings.setValue(QStringLiteral("servers"), joined && room.servers.size() > 1
                                                               ? ServerList::join(room.servers)
                                                               : QString());
        m_settings.setValue(QStringLiteral("nick"), room.nick);
        m_settings.setValue(QStringLiteral("name"), joined ? QString() : room.roomName);
        writeStomp(joined ? room.stomp : ChatSession::StompTarget{});
        if (!joined) {
            m_settings.setValue(QStringLiteral("localOnly"), room.localOnly);
            m_settings.setValue(QStringLiteral("port"), room.port);
            m_settings.setValue(QStringLiteral("announce"), room.announce);
            m_settings.setValue(QStringLiteral("tls"), room.tls);
            m_settings.setValue(QStringLiteral("keptHistory"), room.keptHistory);
            m_settings.setValue(QStringLiteral("hadPassword"), room.hadPassword);
        }
    }
    m_settings.endArray();
    m_settings.setValue(QStringLiteral("roomsCurrent"), current);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/state"), state);
}

QByteArray AppSettings::splitterState() const
{
    return m_settings.value(QStringLiteral("window/splitter")).toByteArray();
}

void AppSettings::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/splitter"), state);
}

} // namespace Parlor
