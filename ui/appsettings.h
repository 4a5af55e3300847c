#pragma once

#include "client/proxysetting.h"
#include "desktop/sessioncontroller.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace Parlor {

/// Typed access to the desktop app's settings (QSettings), with the defaults in one place.
class AppSettings
{
public:
    enum class Theme { System, Light, Dark };
    enum class Notify { Mentions, All, None };

    AppSettings() = default;

    QString nick() const;
    void setNick(const QString &nick);
    Theme theme() const;
    void setTheme(Theme theme);
    int fontPointSize() const; ///< 0: the system's
    void setFontPointSize(int size);
    QString timeFormat() const; ///< e.g. "HH:mm"
    void setTimeFormat(const QString &format);
    Notify notify() const;
    void setNotify(Notify notify);
    bool enterSends() const; ///< false: Ctrl+Enter sends and Enter makes a new line
    void setEnterSends(bool enterSends);
    QString language() const; ///< empty: the system's
    void setLanguage(const QString &language);

    QStringList recentServers() const;
    void addRecentServer(const QString &url);
    QStringList subprotocols() const;
    void setSubprotocols(const QStringList &protocols);
    /// The proxy chosen in the join dialog for the room at \a address (ServerList::join()), as
    /// ProxySetting::toString() wrote it, never with a password; the system's when none was.
    ProxySetting proxyFor(const QString &address) const;
    QString proxyTextFor(const QString &address) const;
    void setProxyFor(const QString &address, const ProxySetting &proxy);

    /// What the join dialog offers for a STOMP broker: the destination and login used last
    /// (never the passcode).
    ChatSession::StompTarget lastStompTarget() const;
    void setLastStompTarget(const ChatSession::StompTarget &target);

    /// Who the user is in a room: nick() and subprotocols().
    SessionController::Profile profile() const;
    /// The last session, to come back to at the next start.
    SessionController::LastSession lastSession() const;
    void setLastSession(const SessionController::LastSession &last);
    /// The rooms the app was in at once (RoomListModel::sessions()), to join or host again at
    /// the next start, and which of them was shown (-1: none).
    QList<SessionController::LastSession> rooms() const;
    int currentRoom() const;
    void setRooms(const QList<SessionController::LastSession> &rooms, int current);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);

    static QString defaultNick();

private:
    /// A joined room's STOMP destination, virtual host and login, in the current group.
    ChatSession::StompTarget readStomp() const;
    void writeStomp(const ChatSession::StompTarget &target);

    mutable QSettings m_settings;
};

} // namespace Parlor
