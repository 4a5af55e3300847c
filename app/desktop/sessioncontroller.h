#pragma once

#include "client/chatsession.h"
#include "client/proxysetting.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"

#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace Parlor {

/// The desktop app's rooms, without a window: the chat session it is in, and the room it hosts
/// (a RoomHost on its own thread). Hosting a room joins it; when the chosen port is taken it can
/// fall back to a free one; stopping leaves it first. The window words what this reports.
class SessionController : public QObject
{
    Q_OBJECT

public:
    /// Where hosting stands (RoomHost's status, plus what this controller waits for).
    enum class Hosting {
        Off,                ///< no room
        Replacing,          ///< the previous room is closing; the requested one opens next
        Starting,           ///< the room is opening the chosen port
        RetryingOnFreePort, ///< the chosen port was taken; opening any free port
        On,                 ///< the room runs (and we joined it)
        Stopping,           ///< the room is closing (its peers get 1001)
    };
    Q_ENUM(Hosting)

    /// Who can join the hosted room.
    enum class Reach {
        ThisComputer, ///< bound to a loopback address
        NoNetwork,    ///< bound to the network, but this computer has no usable address
        Network,      ///< others on the network, at shareUrls()
    };
    Q_ENUM(Reach)

    /// Where a hosted room keeps its history.
    enum class History {
        InMemory, ///< gone when the room closes
        Kept,     ///< on disk, in historyDirectory(): the room comes back after a restart
    };
    Q_ENUM(History)

    /// The user as a room sees them: the nickname asked for, and the subprotocols offered in
    /// order of preference.
    struct Profile
    {
        QString nick;
        QStringList subprotocols;
    };

    /// The session to come back to at the next start (see startDefault()).
    struct LastSession
    {
        enum class Kind { None, Hosted, Joined };
        Kind kind = Kind::None;
        QUrl url;            ///< for Joined
        QList<QUrl> servers; ///< for Joined: several servers of the room (url the first), or none
        ProxySetting proxy;  ///< for Joined: how to reach the room (remembered per room)
        QString nick;        ///< the nickname asked for there (empty: the app's)
        QString roomName;    ///< for Hosted: the room's name
        // For Hosted: how it was hosted, so that the next start opens it the same way.
        bool localOnly = false;   ///< bound to this computer only, not every network
        quint16 port = 0;         ///< the port it had; 0: the default one (or a free one)
        bool announce = true;     ///< announced to people nearby
        bool tls = false;         ///< wss://
        bool keptHistory = false; ///< History::Kept
        /// It had a password. The password itself is never stored, so such a room is not
        /// reopened by itself: opened without one, anyone could walk in.
        bool hadPassword = false;
        /// For Joined: a STOMP broker's destination, its virtual host and login (empty
        /// destination: a Parlor room). The passcode is never stored: a broker that wants one
        /// refuses the session at the next start, and says so.
        ChatSession::StompTarget stomp{};
    };

    explicit SessionController(QObject *parent = nullptr);
    ~SessionController() override;

    /// Joins the room at \a url, replacing the current session (sessionChanged() first).
    /// \a servers: several servers of the room (failover, ServerList), \a url their first;
    /// empty for one. All of them are remembered for the next start (lastSessionChanged()).
    /// With \a stomp set, \a url is a STOMP broker's WebSocket (RabbitMQ: ws://host:15674/ws) and
    /// the session chats in stomp.destination (ChatSession's STOMP mode).
    void join(const QUrl &url, const Profile &profile, const QString &origin = {},
              const QList<QUrl> &servers = {}, const ProxySetting &proxy = {},
              const ChatSession::StompTarget &stomp = {});
    /// Where the rooms this app hosts over TLS keep their self-signed certificate: one for the
    /// app, made the first time (TlsIdentity), under the app's data location, so joiners who
    /// trusted it once are not asked again.
    static QString tlsDirectory();
    /// Leaves the current room and hosts one, then joins it as \a profile. Port 0 picks a free
    /// port; when \a port is taken and \a fallbackToFreePort, a free one is used instead. A
    /// room already hosted is closed first. With History::Kept the room keeps its log in
    /// historyDirectory() of its name (config's dataDir is set here, whatever it was); a log that
    /// cannot be opened there fails the room with historyUnavailable(), never a room in memory.
    void host(const RoomConfig &config, const QHostAddress &bind, quint16 port,
              const Profile &profile, bool fallbackToFreePort = false,
              History history = History::InMemory);
    /// Leaves the current room on the user's behalf: the session stays, closed, and does not
    /// reconnect.
    void leave();
    /// Has the current session connect again now rather than at its next attempt.
    void reconnectNow();
    /// Closes the hosted room, leaving it first if we are in it (leftOwnRoom()).
    void stopHosting();
    /// What Parlor does with no arguments: back to the room joined last; otherwise host
    /// \a roomName on every network, on the default port or a free one, and join it; it is
    /// announced to people nearby if \a announce (RoomConfig::announce).
    void startDefault(const LastSession &last, const Profile &profile, const QString &roomName,
                      History history = History::InMemory, bool announce = true);
    /// Opens \a last again as it was at the last start: joins a Joined room; hosts a Hosted one
    /// with its name, network, port (a free one if that is taken now), announcement, TLS and
    /// history. False, and nothing done, for a room that had a password (LastSession::hadPassword)
    /// or for None.
    bool restore(const LastSession &last, const Profile &profile);
    /// Leaves the room and closes the hosted one at once, waiting for its thread (for exit).
    void shutdown();

    /// The current session, or nullptr.
    ChatSession *session() const { return m_session.get(); }
    RoomHost *host() { return &m_host; }
    const RoomHost *host() const { return &m_host; }
    Hosting hosting() const { return m_hosting; }
    bool isHosting() const { return m_hosting == Hosting::On; }
    /// While hosting: whether the room keeps its history on disk, and where.
    History history() const;
    QString historyLocation() const;
    /// While hosting a TLS room: its certificate's SHA-256 (as joiners' certificate prompts show
    /// it); empty otherwise.
    QString tlsFingerprint() const;
    /// Where a room named \a roomName keeps its history: a directory of its own under the app's
    /// data location (QStandardPaths::AppDataLocation), "rooms/<name>-<hash>". The name is made
    /// safe for any file system (no separators, dots or control characters, at most 48
    /// characters); the hash of the exact name keeps apart names that would look alike there
    /// ("a/b" and "a_b", "Lunch" and "lunch"). The same name always gives the same directory, so
    /// hosting it again reopens its history.
    static QString historyDirectory(const QString &roomName);

    /// Whether the current session is in the room this computer hosts.
    bool isInOwnRoom() const;

    /// While hosting: who can join, the addresses to tell the others (empty unless
    /// Reach::Network), and the room's page for a browser (the first address, over http).
    Reach reach() const;
    QList<QUrl> shareUrls() const;
    QUrl browserUrl() const;

signals:
    /// A new session replaces the old one, or none does (nullptr: the room was left to host
    /// another). Emitted before the new session connects, so a view follows it from its first
    /// state; \a nick is the nickname it asks for.
    void sessionChanged(Parlor::ChatSession *session, const QString &nick);
    void hostingChanged(Parlor::SessionController::Hosting hosting);
    void hostingStarted(quint16 port);
    /// The room could not open \a port (the one asked for); \a error says why, in English.
    void hostingFailed(quint16 port, const QString &error);
    void hostingStopped();
    /// The room was to keep its history in \a directory, and its log there cannot be opened
    /// (\a error says why: a disk problem, a file from a newer Parlor, another program using
    /// it). The room is not started.
    void historyUnavailable(const QString &directory, const QString &error);
    /// stopHosting() left the room we hosted (everyone in it is told the room closed).
    void leftOwnRoom();
    /// What to remember for the next start.
    void lastSessionChanged(const Parlor::SessionController::LastSession &last);

private:
    struct HostRequest
    {
        RoomConfig config;
        QHostAddress bind;
        quint16 port = 0;
        bool fallbackToFreePort = false;
        Profile profile;
    };

    void setHosting(Hosting hosting);
    /// join(), trusting \a trustedFingerprint's certificate for this connection and saying
    /// \a password in hello (both for our own room).
    void startSession(const QUrl &url, const QList<QUrl> &servers, const Profile &profile,
                      const QString &origin, const QString &trustedFingerprint,
                      const ProxySetting &proxy = {}, const QString &password = {},
                      const ChatSession::StompTarget &stomp = {});
    void startRequestedRoom();
    void onHostStarted();
    void onHostFailed(const QString &error);
    void onHostStopped();

    RoomHost m_host;
    std::unique_ptr<ChatSession> m_session;
    Hosting m_hosting = Hosting::Off;
    HostRequest m_request; ///< the room asked for last, and who joins it
};

} // namespace Parlor
