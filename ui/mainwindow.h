#pragma once

#include "appsettings.h"
#include "client/slashcommand.h"
#include "desktop/sessioncontroller.h"

#include <QMainWindow>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QAuthenticator;
class QLabel;
class QListView;
class QNetworkProxy;
class QSplitter;
QT_END_NAMESPACE

namespace Parlor {

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
class TrayIcon;

/// Parlor's window: the chat, the people in the room, the compose box, the connection state
/// with its reconnect countdown, and the room this computer hosts, if any. What is joined and
/// hosted, and when, is the SessionController's; the window shows it.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Joins the room at \a url (leaving the current one); \a servers lists several servers of
    /// the room (failover), \a url being the first; \a proxy: how to reach it.
    void joinRoom(const QUrl &url, const QString &nick, const QStringList &subprotocols,
                  const QString &origin = {}, const QList<QUrl> &servers = {},
                  const ProxySetting &proxy = {})
    {
        m_controller.join(url, {nick, subprotocols}, origin,
                          servers.size() > 1 ? servers : QList<QUrl>(), proxy);
    }
    /// Hosts a room on this computer and joins it. Port 0 picks a free port; when \a port is
    /// taken and \a fallbackToFreePort, another one is used. \a history: whether the room
    /// keeps its history on this computer.
    void hostRoom(const RoomConfig &config, const QHostAddress &bind, quint16 port,
                  bool fallbackToFreePort = false,
                  SessionController::History history = SessionController::History::InMemory)
    {
        m_controller.host(config, bind, port, m_settings.profile(), fallbackToFreePort, history);
    }
    /// What Parlor does when started with no arguments.
    void startDefault();

    ChatSession *session() const { return m_controller.session(); }
    RoomHost *host() { return m_controller.host(); }
    ChatView *chatView() const { return m_chatView; }
    ComposeEdit *compose() const { return m_compose; }
    ReplyStrip *replyStrip() const { return m_replyStrip; }
    RoomHeader *header() const { return m_header; }
    QListView *memberView() const;
    InspectorPanel *inspector() const { return m_inspector; }

public slots:
    void showConnectDialog();
    void showHostDialog();
    void stopHosting() { m_controller.stopHosting(); }
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
    void onSessionChanged(ChatSession *session, const QString &nick);
    void onSubmitted(const QString &text);
    void runCommand(const SlashCommand &command);
    void addNotice(const QString &text, bool error = false);
    void onStateChanged();
    void onLineArrived(const ChatLine &line);
    void updateHeader();
    void updateCountdown();
    void updateBanner();
    void updateTitle();
    void applySettings();
    /// Gives the inspector, as it opens, its room beside the chat without widening the window.
    void fitInspector();
    /// Asks the user for the login a proxy wants (ConnectionManager::proxyAuthenticationRequired).
    void askProxyLogin(const QNetworkProxy &proxy, QAuthenticator *authenticator);

    AppSettings m_settings;
    SessionController m_controller;

    RoomHeader *m_header = nullptr;
    HostBanner *m_banner = nullptr;
    QSplitter *m_splitter = nullptr;
    FindBar *m_findBar = nullptr;
    ChatView *m_chatView = nullptr;
    MemberPanel *m_memberPanel = nullptr;
    ComposeEdit *m_compose = nullptr;
    ReplyStrip *m_replyStrip = nullptr;
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
    QMenu *m_roomMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    /// Every action with the untranslated text it is named from (QT_TR_NOOP).
    QList<std::pair<QAction *, const char *>> m_actionTexts;
    int m_peopleCount = 0;
};

} // namespace Parlor
