#include "mainwindow.h"

#include "chatview.h"
#include "client/mentionmodel.h"
#include "composeedit.h"
#include "connectdialog.h"
#include "connectionstatus.h"
#include "core/translations.h"
#include "findbar.h"
#include "hostbanner.h"
#include "hostdialog.h"
#include "inspectorpanel.h"
#include "memberpanel.h"
#include "messagedelegate.h"
#include "protocol/protocol.h"
#include "replystrip.h"
#include "roomheader.h"
#include "settingsdialog.h"
#include "theme.h"
#include "trayicon.h"

#include <QAction>
#include <QApplication>
#include <QAuthenticator>
#include <QCloseEvent>
#include <QDir>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>

namespace Parlor {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/parlor.svg")));
    createWidgets();
    createActions();
    m_countdown.setInterval(250);
    connect(&m_countdown, &QTimer::timeout, this, &MainWindow::updateCountdown);

    connect(&m_controller, &SessionController::sessionChanged, this, &MainWindow::onSessionChanged);
    connect(&m_controller, &SessionController::hostingChanged, this, &MainWindow::updateBanner);
    connect(host(), &RoomHost::peerCountChanged, this, &MainWindow::updateBanner);
    connect(&m_controller, &SessionController::hostingFailed, this,
            [this](quint16 port, const QString &error) {
                addNotice(tr("Could not host the room on port %1: %2").arg(port).arg(error), true);
            });
    connect(&m_controller, &SessionController::historyUnavailable, this,
            [this](const QString &directory, const QString &error) {
                addNotice(tr("The room was not started: its history cannot be kept in %1 (%2). "
                             "Free some space or fix the folder, or host the room without "
                             "“Keep history on this computer”.")
                                  .arg(QDir::toNativeSeparators(directory), error),
                          true);
            });
    connect(&m_controller, &SessionController::leftOwnRoom, this, [this] {
        addNotice(tr("You stopped hosting the room; everyone in it was told the room closed."));
    });
    connect(&m_controller, &SessionController::lastSessionChanged, this,
            [this](const SessionController::LastSession &last) { m_settings.setLastSession(last); });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new TrayIcon(this);
        m_tray->show();
    }

    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(960, 640);
    restoreState(m_settings.windowState());
    if (!m_splitter->restoreState(m_settings.splitterState()))
        m_splitter->setSizes({700, 220});
    applySettings();
    updateHeader();
    updateBanner();
    updateTitle();
}

QListView *MainWindow::memberView() const
{
    return m_memberPanel->view();
}

MainWindow::~MainWindow()
{
    // Close the room's peers with 1001 while the views that follow the session still exist.
    m_controller.shutdown();
}

void MainWindow::createWidgets()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // Header: state, where, how, and how fast.
    m_header = new RoomHeader(central);
    connect(m_header, &RoomHeader::joinClicked, this, &MainWindow::showConnectDialog);
    connect(m_header, &RoomHeader::hostClicked, this, &MainWindow::showHostDialog);
    layout->addWidget(m_header);

    // Banner: shown while this computer hosts the room.
    m_banner = new HostBanner(central);
    layout->addWidget(m_banner);

    auto *line = new QFrame(central);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    line->setForegroundRole(QPalette::Mid);
    layout->addWidget(line);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_splitter->setChildrenCollapsible(false);
    m_chatView = new ChatView(m_splitter);
    m_chatView->setMinimumWidth(280);
    m_memberPanel = new MemberPanel(m_splitter);
    connect(m_memberPanel, &MemberPanel::countChanged, this, [this](int n) {
        m_peopleCount = n;
        m_peopleLabel->setText(n > 0 ? tr("people here: %1").arg(n) : QString());
    });
    m_splitter->addWidget(m_chatView);
    m_splitter->addWidget(m_memberPanel);
    m_splitter->setStretchFactor(0, 1);
    layout->addWidget(m_splitter, 1);
    m_findBar = new FindBar(m_chatView, central);
    layout->addWidget(m_findBar);

    // Reply and mentions: the chat picks, the strip shows, the compose box sends.
    m_replyStrip = new ReplyStrip(central);
    layout->addWidget(m_replyStrip);
    m_mentions = new MentionModel(this);
    m_header->setMentions(m_mentions);
    connect(m_header, &RoomHeader::mentionChosen, m_chatView, &ChatView::showRow);
    connect(m_chatView, &ChatView::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });

    auto *composeFrame = new QWidget(central);
    auto *composeLayout = new QHBoxLayout(composeFrame);
    composeLayout->setContentsMargins(8, 8, 8, 8);
    m_compose = new ComposeEdit(composeFrame);
    composeLayout->addWidget(m_compose);
    layout->addWidget(composeFrame);
    connect(m_compose, &ComposeEdit::submitted, this, &MainWindow::onSubmitted);
    connect(m_chatView, &ChatView::replyRequested, this,
            [this](qint64 seq, const QString &nick, const QString &text) {
                m_replyStrip->setTarget(seq, nick, text);
                m_compose->setFocus(Qt::OtherFocusReason);
            });
    connect(m_compose, &ComposeEdit::replyPickRequested, m_chatView, &ChatView::stepReplyTarget);
    connect(m_compose, &ComposeEdit::replyCancelRequested, m_replyStrip, &ReplyStrip::cancel);
    connect(m_chatView, &ChatView::replyCancelRequested, m_replyStrip, &ReplyStrip::cancel);
    connect(m_replyStrip, &ReplyStrip::cancelled, m_chatView, &ChatView::clearReplyTarget);
    connect(m_chatView, &ChatView::unreadCountChanged, this, &MainWindow::updateTitle);

    setCentralWidget(central);

    m_inspector = new InspectorPanel(this);
    m_inspector->setRoomHost(host());
    addDockWidget(Qt::RightDockWidgetArea, m_inspector);
    m_inspector->hide();
    connect(m_header, &RoomHeader::inspectorClicked, this,
            [this] { m_inspector->setVisible(!m_inspector->isVisible()); });
    connect(m_inspector, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            fitInspector();
    });
    // Cross-links: a chat message selects the frame that carried it, and back.
    connect(m_inspector, &InspectorPanel::messageSelected, this, [this](const QString &id) {
        if (!session())
            return;
        const int row = session()->messages()->rowOfId(id);
        if (row >= 0) {
            QSignalBlocker blocker(m_chatView->selectionModel());
            m_chatView->setCurrentIndex(session()->messages()->index(row));
            m_chatView->scrollTo(session()->messages()->index(row));
        }
    });

    m_status = new ConnectionStatus(statusBar());
    connect(m_status, &ConnectionStatus::tryNowClicked, &m_controller,
            &SessionController::reconnectNow);
    m_peopleLabel = new QLabel(this);
    m_hostLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_peopleLabel);
    statusBar()->addPermanentWidget(m_hostLabel);
    m_compose->setFocus();
}

QAction *MainWindow::named(QAction *action, const char *text)
{
    m_actionTexts.append({action, text});
    action->setText(tr(text));
    return action;
}

void MainWindow::createActions()
{
    m_roomMenu = menuBar()->addMenu(QString());
    QMenu *room = m_roomMenu;
    m_connectAction = named(room->addAction(QString(), this, &MainWindow::showConnectDialog),
                            QT_TR_NOOP("&Join a Room…"));
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_hostAction = named(room->addAction(QString(), this, &MainWindow::showHostDialog),
                         QT_TR_NOOP("&Host a Room…"));
    m_hostAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_stopHostAction = named(room->addAction(QString(), this, &MainWindow::stopHosting),
                             QT_TR_NOOP("&Stop Hosting"));
    room->addSeparator();
    m_disconnectAction = named(room->addAction(QString(), &m_controller, &SessionController::leave),
                               QT_TR_NOOP("&Leave Room"));
    QAction *tryNow = named(room->addAction(QString(), &m_controller,
                                            &SessionController::reconnectNow),
                            QT_TR_NOOP("&Reconnect Now"));
    tryNow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    room->addSeparator();
    QAction *quit = named(room->addAction(QString(), this, &QWidget::close), QT_TR_NOOP("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    m_editMenu = menuBar()->addMenu(QString());
    QMenu *edit = m_editMenu;
    QAction *copy = named(edit->addAction(QString(), m_chatView, &ChatView::copySelection),
                          QT_TR_NOOP("&Copy"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_chatView->addAction(copy);
    edit->addSeparator();
    QAction *find = named(edit->addAction(QString(), m_findBar, &FindBar::open),
                          QT_TR_NOOP("&Find…"));
    find->setShortcut(QKeySequence::Find);
    QAction *findNext = named(edit->addAction(QString(), m_findBar, &FindBar::findNext),
                              QT_TR_NOOP("Find &Next"));
    findNext->setShortcut(QKeySequence::FindNext);
    QAction *findPrevious = named(edit->addAction(QString(), m_findBar, &FindBar::findPrevious),
                                  QT_TR_NOOP("Find Pre&vious"));
    findPrevious->setShortcut(QKeySequence::FindPrevious);
    edit->addSeparator();
    named(edit->addAction(QString(), this,
                          [this] { runCommand(SlashCommand::parse(QStringLiteral("/clear"))); }),
          QT_TR_NOOP("C&lear Chat"));
    edit->addSeparator();
    QAction *prefs = named(edit->addAction(QString(), this, &MainWindow::showSettings),
                           QT_TR_NOOP("&Preferences…"));
    prefs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    prefs->setMenuRole(QAction::PreferencesRole);

    m_viewMenu = menuBar()->addMenu(QString());
    QMenu *view = m_viewMenu;
    m_membersAction = named(view->addAction(QString()), QT_TR_NOOP("&People in the Room"));
    m_membersAction->setCheckable(true);
    m_membersAction->setChecked(true);
    m_membersAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_membersAction, &QAction::toggled, m_memberPanel, &QWidget::setVisible);
    QAction *inspect = named(m_inspector->toggleViewAction(), QT_TR_NOOP("&Inspector"));
    inspect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    // The dock names its action after its title (again whenever the title is worded anew):
    // the menu keeps its own wording, with the mnemonic.
    connect(m_inspector, &QWidget::windowTitleChanged, inspect,
            [inspect] { inspect->setText(tr("&Inspector")); });
    view->addAction(inspect);
    QAction *latest = named(view->addAction(QString(), m_chatView, &ChatView::jumpToLatest),
                            QT_TR_NOOP("Jump to &Latest"));
    latest->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_End));
    QAction *focusCompose = named(view->addAction(QString(), this,
                                                  [this] {
                                                      m_compose->setFocus(Qt::ShortcutFocusReason);
                                                  }),
                                  QT_TR_NOOP("&Write a Message"));
    focusCompose->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    m_helpMenu = menuBar()->addMenu(QString());
    QMenu *help = m_helpMenu;
    named(help->addAction(QString(), this,
                          [this] { runCommand(SlashCommand::parse(QStringLiteral("/help"))); }),
          QT_TR_NOOP("&Commands"));
    named(help->addAction(QString(), this,
                          [this] {
                              QMessageBox::about(
                                      this, tr("About Parlor"),
                                      tr("<p><b>Parlor %1</b></p><p>Chat over WebSocket: join a "
                                         "room, host one on your network, and see what the "
                                         "connection is doing.</p>")
                                              .arg(QCoreApplication::applicationVersion()));
                          }),
          QT_TR_NOOP("&About Parlor"));
    retranslateUi();
}

void MainWindow::retranslateUi()
{
    m_roomMenu->setTitle(tr("&Room"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    for (const auto &[action, text] : std::as_const(m_actionTexts))
        action->setText(tr(text));
    m_peopleLabel->setText(m_peopleCount > 0 ? tr("people here: %1").arg(m_peopleCount) : QString());
    m_status->retranslateUi();
    updateHeader();
    updateBanner();
    updateTitle();
}

void MainWindow::applySettings()
{
    m_compose->setEnterSends(m_settings.enterSends());
    m_chatView->messageDelegate()->setTimeFormat(m_settings.timeFormat());
    if (const int size = m_settings.fontPointSize(); size > 0) {
        QFont f = m_chatView->font();
        f.setPointSize(size);
        m_chatView->setFont(f);
        m_compose->setFont(f);
    }
    m_chatView->messageDelegate()->invalidate();
    m_chatView->doItemsLayout();
}

void MainWindow::fitInspector()
{
    if (m_inspector->isFloating() || isMaximized() || isFullScreen())
        return;
    // The inspector takes its room from the chat: the window keeps its width (the panel's
    // minimum is small enough for that, see InspectorPanel), and a window that would reach past
    // the screen's edge is brought back inside it.
    const int central = centralWidget()->minimumSizeHint().width();
    const int room = width() - central;
    const int wanted = std::clamp(width() * 2 / 5, m_inspector->minimumSizeHint().width(),
                                  std::max(m_inspector->minimumSizeHint().width(), room));
    resizeDocks({m_inspector}, {wanted}, Qt::Horizontal);
    if (const QScreen *screen = this->screen()) {
        const QRect available = screen->availableGeometry();
        QRect frame = frameGeometry();
        if (frame.width() > available.width())
            resize(std::max(minimumWidth(), width() - (frame.width() - available.width())),
                   height());
        frame = frameGeometry();
        if (frame.right() > available.right())
            move(std::max(available.left(), x() - (frame.right() - available.right())), y());
    }
}

void MainWindow::applyLanguage()
{
    // Installing the catalogue sends every window a LanguageChange: they word themselves again
    // at once, with no restart.
    const QString language = m_settings.language();
    Translations::install(QCoreApplication::instance(),
                          language.isEmpty() ? QLocale::system() : QLocale(language));
}

void MainWindow::startDefault()
{
    m_controller.startDefault(m_settings.lastSession(), m_settings.profile(),
                              HostDialog::defaultRoomName(), HostDialog::rememberedHistory(),
                              HostDialog::rememberedAnnounce());
}

void MainWindow::onSessionChanged(ChatSession *session, const QString &nick)
{
    // No session (the room was left to host another): the views keep what they showed, the
    // inspector its last events, until the next one.
    if (!session)
        return;
    m_chatView->setModel(session->messages());
    m_mentions->setMessages(session->messages());
    m_compose->setMembers(session->members());
    m_replyStrip->cancel();
    // These connections end with the session.
    connect(m_compose, &ComposeEdit::typingChanged, session, &ChatSession::setTyping);
    connect(m_chatView, &ChatView::retryRequested, session, &ChatSession::retry);
    connect(m_chatView, &ChatView::discardRequested, session, &ChatSession::discard);
    m_inspector->setConnection(session->connection());
    connect(m_chatView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_inspector->isVisible() && current.isValid())
                    m_inspector->selectFrameForMessage(
                            current.data(MessageModel::IdRole).toString());
            });
    m_memberPanel->setModel(session->members());
    m_chatView->messageDelegate()->setMyNick(nick);
    connect(session->connection(), &ConnectionManager::stateChanged, this,
            &MainWindow::onStateChanged);
    connect(session->connection(), &ConnectionManager::rttMeasured, this, &MainWindow::updateHeader);
    connect(session->connection(), &ConnectionManager::proxyAuthenticationRequired, this,
            &MainWindow::askProxyLogin);
    connect(session, &ChatSession::modeChanged, this, &MainWindow::updateHeader);
    connect(session, &ChatSession::joined, this, [this] {
        updateHeader();
        updateTitle();
    });
    connect(session, &ChatSession::nickChanged, this, [this](const QString &nick) {
        m_chatView->messageDelegate()->setMyNick(nick);
        m_chatView->messageDelegate()->invalidate();
        m_chatView->doItemsLayout();
    });
    connect(session, &ChatSession::lineArrived, this, &MainWindow::onLineArrived);
    connect(session, &ChatSession::outboxDamaged, this, [this](int lost, const QString &keptIn) {
        const QString file = QDir::toNativeSeparators(keptIn);
        addNotice(lost < 0 ? tr("Your unsent messages could not be read back: the file that held "
                                "them is damaged. It was kept in %1.")
                                     .arg(file)
                           : tr("%n unsent message(s) could not be read back (the file that "
                                "held them is damaged); the others are here. The damaged file "
                                "was kept in %1.",
                                nullptr, lost)
                                     .arg(file),
                  true);
    });
    connect(session, &ChatSession::roomError, this, [this](ErrorCode code, const QString &text) {
        if (code == ErrorCode::Auth)
            addNotice(tr("The room refused the password."), true);
        else if (code == ErrorCode::NickInvalid)
            addNotice(tr("The room refused the nickname: %1").arg(text), true);
    });
    updateHeader();
    updateTitle();
}

void MainWindow::onStateChanged()
{
    updateHeader();
    updateCountdown();
    const ConnectionManager *c = session()->connection();
    if (c->state() == ConnectionStateMachine::State::Closed) {
        if (c->isReconnectScheduled())
            m_countdown.start();
        const CloseInfo &info = c->lastClose();
        if (info.reason != CloseInfo::Reason::User && !info.reconnectScheduled) {
            const QString why = info.text();
            if (info.reason == CloseInfo::Reason::Peer && info.code == CloseCode::Kicked
                && session()->mode() == ChatSession::Mode::Rich) {
                addNotice(info.closeReason.isEmpty()
                                  ? tr("The room's host removed you from the room.")
                                  : tr("The room's host removed you from the room: “%1”.")
                                            .arg(info.closeReason),
                          true);
            } else {
                addNotice(tr("Disconnected: %1").arg(why), true);
            }
        }
    } else {
        m_countdown.stop();
    }
}

void MainWindow::updateHeader()
{
    ChatSession *session = this->session();
    m_header->showSession(session);
    const bool plain = session && session->mode() == ChatSession::Mode::Plain;
    m_memberPanel->setVisible(!plain && m_membersAction->isChecked());
    m_membersAction->setEnabled(!plain);
    m_disconnectAction->setEnabled(
            session && session->connection()->state() != ConnectionStateMachine::State::Closed);
    m_stopHostAction->setEnabled(m_controller.isHosting());
    updateCountdown();
}

void MainWindow::updateCountdown()
{
    m_status->showSession(session());
}

void MainWindow::updateBanner()
{
    const bool hosting = m_controller.isHosting();
    m_banner->setVisible(hosting);
    m_stopHostAction->setEnabled(hosting);
    m_hostLabel->setText(hosting ? tr("hosting on port %1").arg(host()->port()) : QString());
    if (hosting) {
        m_banner->showRoom(host()->config().roomName, m_controller.reach(),
                           m_controller.shareUrls(), m_controller.browserUrl(),
                           m_controller.historyLocation(), m_controller.tlsFingerprint());
    }
}

void MainWindow::updateTitle()
{
    const QString room = session() && !session()->room().isEmpty() ? session()->room() : QString();
    QString title = room.isEmpty() ? tr("Parlor") : tr("Parlor — %1").arg(room);
    const int unread = m_chatView->unreadCount();
    if (unread > 0)
        title.prepend(QStringLiteral("(%1) ").arg(unread));
    setWindowTitle(title);
    if (m_tray)
        m_tray->setUnread(unread);
}

void MainWindow::onLineArrived(const ChatLine &line)
{
    if (line.replayed || line.kind != ChatLine::Kind::Chat || isActiveWindow())
        return;
    const auto when = m_settings.notify();
    const bool mention = line.mentionsMe;
    if (when == AppSettings::Notify::None || (when == AppSettings::Notify::Mentions && !mention))
        return;
    if (m_tray && m_tray->isVisible()) {
        m_tray->showMessage(line.sender.isEmpty() ? tr("Parlor") : line.sender, line.text.left(200),
                            QSystemTrayIcon::Information, 5000);
    }
    QApplication::alert(this);
}

void MainWindow::addNotice(const QString &text, bool error)
{
    if (!session()) {
        // No chat to put it in: the status bar says it instead of swallowing it.
        statusBar()->showMessage(text, 15000);
        return;
    }
    ChatLine line;
    line.kind = error ? ChatLine::Kind::Error : ChatLine::Kind::System;
    line.text = text;
    line.time = QDateTime::currentDateTime();
    session()->messages()->append(line);
}

void MainWindow::onSubmitted(const QString &text)
{
    m_chatView->clearUnread();
    const SlashCommand command = SlashCommand::parse(text);
    if (command.isCommand()) {
        runCommand(command);
        return;
    }
    if (!session()) {
        addNotice(tr("You are not in a room. Join one (Ctrl+K) or host one (Ctrl+H)."), true);
        m_compose->setPlainText(text); // kept, to send once in a room
        return;
    }
    session()->send(command.text, m_replyStrip->target());
    m_replyStrip->cancel();
    m_chatView->clearReplyTarget();
    m_chatView->jumpToLatest();
}

void MainWindow::runCommand(const SlashCommand &command)
{
    ChatSession *session = this->session();
    if (command.error == SlashCommand::Error::UnknownCommand) {
        addNotice(tr("Unknown command %1. Type /help for the list.").arg(command.name), true);
        return;
    }
    switch (command.command) {
    case SlashCommand::Command::Me:
        // "/me" alone says nothing.
        if (session && command.error == SlashCommand::Error::None)
            session->send(QStringLiteral("/me ") + command.argument);
        break;
    case SlashCommand::Command::Nick:
        // An empty name gets the dialog's words too ("Choose a nickname.").
        if (const QString problem = ConnectDialog::nickProblemText(command.argument);
            !problem.isEmpty()) {
            addNotice(problem, true);
        } else if (session) {
            m_settings.setNick(command.argument);
            session->changeNick(command.argument);
        }
        break;
    case SlashCommand::Command::Reply:
        if (command.error != SlashCommand::Error::None)
            addNotice(tr("Usage: /reply SEQ TEXT — or choose Reply on a message."), true);
        else if (session)
            session->send(command.argument, command.replyTo);
        break;
    case SlashCommand::Command::Clear:
        if (session)
            session->messages()->clear();
        break;
    case SlashCommand::Command::Quit:
        close();
        break;
    case SlashCommand::Command::Help:
        addNotice(tr("Commands: /nick NAME changes your nickname · /me TEXT says what you do · "
                     "/reply SEQ TEXT answers message SEQ · /clear empties this view · /quit "
                     "closes Parlor · //text sends a line that starts with /."));
        break;
    case SlashCommand::Command::None:
        break;
    }
}

void MainWindow::showConnectDialog()
{
    ConnectDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    joinRoom(dialog.url(), dialog.nick(), dialog.subprotocols(), dialog.origin(), dialog.servers(),
             dialog.proxy());
}

void MainWindow::askProxyLogin(const QNetworkProxy &proxy, QAuthenticator *authenticator)
{
    // Asked while connecting, once per session: the connection keeps the answer for its
    // reconnects, and nothing is written down.
    const QString name = ProxySetting::proxyText(ProxySetting::describe(proxy));
    bool ok = false;
    QString user = authenticator->user();
    if (user.isEmpty()) {
        user = QInputDialog::getText(this, tr("Proxy login"),
                                     tr("The %1 wants a login. User name:").arg(name),
                                     QLineEdit::Normal, QString(), &ok);
        if (!ok || user.isEmpty())
            return;
        authenticator->setUser(user);
    }
    const QString password
            = QInputDialog::getText(this, tr("Proxy login"),
                                    tr("The %1 wants the password of %2:").arg(name, user),
                                    QLineEdit::Password, QString(), &ok);
    if (ok)
        authenticator->setPassword(password);
}

void MainWindow::showHostDialog()
{
    HostDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    hostRoom(dialog.config(), dialog.bindAddress(), dialog.port(), false, dialog.history());
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, this);
    const QString language = m_settings.language();
    if (dialog.exec() == QDialog::Accepted) {
        Theme::apply(m_settings.theme());
        applySettings();
        updateBanner();
        if (m_settings.language() != language)
            applyLanguage();
    }
}

void MainWindow::changeEvent(QEvent *event)
{
    // Qt tells only the window of activation changes, not its children.
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        m_chatView->windowActivated();
    // The children retranslate themselves (the event reaches them after this window); what the
    // window words from its session (status, title, banner) is worded again here.
    if (event->type() == QEvent::LanguageChange && m_roomMenu)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setSplitterState(m_splitter->saveState());
    m_controller.leave();
    QMainWindow::closeEvent(event);
}

} // namespace Parlor
