#pragma once

#include "appsettings.h"
#include "client/membermodel.h"
#include "client/messagemodel.h"
#include "client/slashcommand.h"
#include "desktop/roomlistmodel.h"
#include "desktop/sessioncontroller.h"
#include "scrollanchor.h"
#include "sharestrip.h"

#include <QHash>
#include <QMainWindow>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QAuthenticator;
class QToolButton;
class QLabel;
class QListView;
class QNetworkProxy;
class QSplitter;
QT_END_NAMESPACE

namespace Parlor {

class ChatAnnouncer;
class ChatView;
class FindBar;
class ComposeEdit;
class ConnectionStatus;
class HostBanner;
class InspectorPanel;
class MemberPanel;
class MentionModel;
class ReplyStrip;
class RoomHeader;
class ShareStrip;
class TrayIcon;

/// Parlor's window: the list of rooms it is in, and for the current one the chat, the people in
/// the room, the compose box, the connection state with its reconnect countdown, and the room
/// this computer hosts, if any. What is joined and hosted, and when, is each room's
/// SessionController's (RoomListModel holds them); the window shows the current one.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Joins the room at \a url as another room in the list, and shows it; a room already in
    /// the list at that address is shown instead (and joined again if it was left). \a servers
    /// lists several servers of the room (failover), \a url being the first; \a proxy: how to
    /// reach it. With \a stomp set, \a url is a STOMP broker and the room its destination.
    void joinRoom(const QUrl &url, const QString &nick, const QStringList &subprotocols,
                  const QString &origin = {}, const QList<QUrl> &servers = {},
                  const ProxySetting &proxy = {}, const ChatSession::StompTarget &stomp = {});
    /// Hosts a room on this computer and joins it, as another room in the list. Port 0 picks a
    /// free port; when \a port is taken and \a fallbackToFreePort, another one is used.
    /// \a history: whether the room keeps its history on this computer.
    void hostRoom(const RoomConfig &config, const QHostAddress &bind, quint16 port,
                  bool fallbackToFreePort = false,
                  SessionController::History history = SessionController::History::InMemory);
    /// What Parlor does when started with no arguments.
    void startDefault();
    /// Adds the rooms saved at the last stop, as they were joined or hosted, and shows the one
    /// that was current; false when none were saved. A hosted room named \a exceptHosted is
    /// left out (parlor --host is about to host it anew).
    bool restoreRooms(const QString &exceptHosted = {});

    /// The current room's session, or nullptr.
    ChatSession *session() const;
    /// The room this computer hosts (the current room's when it hosts one), or the one the next
    /// room would host.
    RoomHost *host();
    RoomListModel *rooms() { return &m_rooms; }
    QListView *roomList() const { return m_roomList; }
    /// Unread lines in every room: what the tray and the title count.
    int unreadTotal() const;
    TrayIcon *tray() const { return m_tray; }
    ChatView *chatView() const { return m_chatView; }
    ComposeEdit *compose() const { return m_compose; }
    ReplyStrip *replyStrip() const { return m_replyStrip; }
    /// "Share report.pdf (2.1 MB) with the room?" above the compose box.
    ShareStrip *shareStrip() const { return m_shareStrip; }
    /// The paperclip beside the compose box (Attach a File…).
    QToolButton *attachButton() const { return m_attachButton; }
    QAction *attachAction() const { return m_attachAction; }
    RoomHeader *header() const { return m_header; }
    QListView *memberView() const;
    InspectorPanel *inspector() const { return m_inspector; }
    /// Tells a screen reader of the messages that arrive in the room shown.
    ChatAnnouncer *announcer() const { return m_announcer; }

public slots:
    void showConnectDialog();
    void showHostDialog();
    void stopHosting();
    /// Shows the \a row-th room of the list (Ctrl+1…9).
    void selectRoom(int row);
    /// Shows the next room in the list (\a step 1, Ctrl+Tab) or the previous one (-1), round.
    void cycleRoom(int step);
    /// Leaves the current room and closes it, with its session (and the room it hosts).
    void leaveRoom();
    /// Asks for files to share with the current room (QFileDialog), then offers them.
    void attachFiles();
    /// Offers the local files \a paths for sharing with the current room (the share strip).
    void offerFiles(const QStringList &paths);
    /// Offers a pasted picture \a png named \a name for sharing with the current room.
    void offerImage(const QString &name, const QByteArray &png);
    void showSettings();
    /// Switches the running program to the language chosen in the settings (empty: the
    /// system's).
    void applyLanguage();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    /// Words every menu, action and label again in the current language (Preferences change it
    /// while the window is open; QEvent::LanguageChange).
    void retranslateUi();
    /// Sets \a action's text to tr(\a text) now and again in retranslateUi().
    QAction *named(QAction *action, const char *text);
    void createWidgets();
    /// The current room's controller, or nullptr.
    SessionController *controller() const { return m_rooms.currentController(); }
    /// Follows what \a controller reports, whether its room is shown or not.
    void followRoom(SessionController *controller);
    /// Follows \a session of \a controller for as long as it lives: notices go to its own chat.
    void followSession(SessionController *controller, ChatSession *session);
    /// Points the chat, members, header and inspector at \a controller's room, keeping the
    /// previous room's scroll position and draft.
    void showRoom(SessionController *controller);
    void saveRooms();
    void onRoomLine(SessionController *controller, const ChatLine &line, bool mention);
    void onSubmitted(const QString &text);
    /// Sends what the share strip was told to share, to the current room.
    void shareItems(const QList<ShareStrip::Item> &items);
    void runCommand(const SlashCommand &command);
    /// Adds a notice to \a controller's chat (nullptr: the current one's), or says it in the
    /// status bar when there is no chat to put it in.
    void addNotice(const QString &text, bool error = false, SessionController *controller = nullptr);
    void onStateChanged(SessionController *controller);
    void updateHeader();
    void updateCountdown();
    void updateBanner();
    /// Puts the banner's controls between the header and the rooms for Tab (they are made anew
    /// for each room hosted, and new widgets would otherwise come last, after the status bar).
    void updateTabOrder();
    void updateTitle();
    void applySettings();
    /// Gives the inspector, as it opens, its room beside the chat without widening the window.
    void fitInspector();
    /// Asks the user for the login a proxy wants (ConnectionManager::proxyAuthenticationRequired).
    void askProxyLogin(const QNetworkProxy &proxy, QAuthenticator *authenticator);

    /// What each room had in the chat view and compose box when another room was shown.
    struct RoomView
    {
        QString draft;
        ScrollAnchor anchor;
        bool atBottom = true;
        QString nick;
    };

    AppSettings m_settings;
    RoomListModel m_rooms;
    // One chat view, compose box and member panel, pointed at the current room's models,
    // rather than one set per room: ten rooms cost ten models, not ten sets of widgets and
    // layouts, and the views (their delegates, the find bar, the reply strip) stay single
    // instances that know nothing of rooms. What is per room in a view (the scroll position,
    // the draft) is kept in m_views.
    QHash<const SessionController *, RoomView> m_views;
    SessionController *m_shown = nullptr;
    QList<QMetaObject::Connection> m_viewLinks;
    MessageModel m_noMessages; ///< shown when no room is
    MemberModel m_noMembers;

    RoomHeader *m_header = nullptr;
    HostBanner *m_banner = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_roomSplitter = nullptr;
    QListView *m_roomList = nullptr;
    QLabel *m_roomsTitle = nullptr;
    FindBar *m_findBar = nullptr;
    ChatView *m_chatView = nullptr;
    ChatAnnouncer *m_announcer = nullptr;
    MemberPanel *m_memberPanel = nullptr;
    ComposeEdit *m_compose = nullptr;
    ReplyStrip *m_replyStrip = nullptr;
    ShareStrip *m_shareStrip = nullptr;
    QToolButton *m_attachButton = nullptr;
    QAction *m_attachAction = nullptr;
    MentionModel *m_mentions = nullptr;
    ConnectionStatus *m_status = nullptr;
    QLabel *m_peopleLabel = nullptr;
    QLabel *m_hostLabel = nullptr;
    TrayIcon *m_tray = nullptr;
    InspectorPanel *m_inspector = nullptr;
    QTimer m_countdown;

    QAction *m_connectAction = nullptr;
    QAction *m_hostAction = nullptr;
    QAction *m_stopHostAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_membersAction = nullptr;
    QAction *m_nextRoomAction = nullptr;
    QAction *m_previousRoomAction = nullptr;
    QMenu *m_roomMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    /// Every action with the untranslated text it is named from (QT_TR_NOOP).
    QList<std::pair<QAction *, const char *>> m_actionTexts;
    int m_peopleCount = 0;
};

} // namespace Parlor
