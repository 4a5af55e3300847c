#include "mainwindow.h"

#include "chatannouncer.h"
#include "chatfiles.h"
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
#include "roomlistdelegate.h"
#include "settingsdialog.h"
#include "theme.h"
#include "trayicon.h"

#include <QAction>
#include <QApplication>
#include <QAuthenticator>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QScreen>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace Parlor {

namespace {

// A paperclip in the palette's text colour, drawn rather than taken from an icon theme (many
// desktops have none, and it must suit both of the app's themes).
QIcon paperclipIcon(const QPalette &palette)
{
    QIcon icon;
    for (const int size : {16, 20, 24, 32, 40, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 24.0, size / 24.0);
        QPen pen(palette.color(QPalette::ButtonText), 1.8);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        p.setPen(pen);
        // Three nested U-turns, tilted, as a bent wire clip is drawn.
        p.translate(12, 12);
        p.rotate(40);
        p.translate(-12, -12);
        QPainterPath path;
        path.moveTo(14.5, 8);
        path.lineTo(14.5, 17);
        path.arcTo(QRectF(9, 14, 5.5, 6), 0, -180);
        path.lineTo(9, 6);
        path.arcTo(QRectF(9, 2.5, 8, 7), 180, -180);
        path.lineTo(17, 18);
        path.arcTo(QRectF(6.5, 13.5, 10.5, 9), 0, -180);
        path.lineTo(6.5, 9);
        p.drawPath(path);
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/parlor.svg")));
    createWidgets();
    createActions();
    m_countdown.setInterval(250);
    connect(&m_countdown, &QTimer::timeout, this, &MainWindow::updateCountdown);

    connect(&m_rooms, &RoomListModel::roomAdded, this, &MainWindow::followRoom);
    connect(&m_rooms, &RoomListModel::currentChanged, this,
            [this](int, SessionController *controller) { showRoom(controller); });
    connect(&m_rooms, &RoomListModel::lineArrived, this, &MainWindow::onRoomLine);
    connect(&m_rooms, &RoomListModel::unreadTotalChanged, this, &MainWindow::updateTitle);
    connect(&m_rooms, &RoomListModel::roomsChanged, this, &MainWindow::saveRooms);

    // Made even where there is no tray to show it in, so that its count is kept (and tested).
    m_tray = new TrayIcon(this);
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();

    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(960, 640);
    restoreState(m_settings.windowState());
    if (!m_splitter->restoreState(m_settings.splitterState()))
        m_splitter->setSizes({700, 220});
    m_roomSplitter->setSizes({170, 790});
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
    // Close the rooms' peers with 1001 while the views that follow the sessions still exist.
    m_rooms.shutdown();
}

ChatSession *MainWindow::session() const
{
    const SessionController *c = controller();
    return c ? c->session() : nullptr;
}

RoomHost *MainWindow::host()
{
    SessionController *c = controller();
    if (c && c->hosting() != SessionController::Hosting::Off)
        return c->host();
    for (int row = 0; row < m_rooms.rowCount(); ++row) {
        if (m_rooms.controller(row)->hosting() != SessionController::Hosting::Off)
            return m_rooms.controller(row)->host();
    }
    return c ? c->host() : m_rooms.spare()->host();
}

int MainWindow::unreadTotal() const
{
    return m_chatView->unreadCount() + m_rooms.unreadTotal();
}

void MainWindow::joinRoom(const QUrl &url, const QString &nick, const QStringList &subprotocols,
                          const QString &origin, const QList<QUrl> &servers,
                          const ProxySetting &proxy, const ChatSession::StompTarget &stomp)
{
    const SessionController::Profile profile{nick, subprotocols};
    const QList<QUrl> failover = servers.size() > 1 ? servers : QList<QUrl>();
    if (const int row = m_rooms.rowOfUrl(url, stomp.destination); row >= 0) {
        // Already in the list: shown, and joined again only when it was left.
        m_rooms.setCurrent(row);
        SessionController *c = m_rooms.controller(row);
        const ConnectionManager *connection = c->session() ? c->session()->connection() : nullptr;
        if (!connection
            || (connection->state() == ConnectionStateMachine::State::Closed
                && !connection->isReconnectScheduled())) {
            c->join(url, profile, origin, failover, proxy, stomp);
        }
        return;
    }
    SessionController *c = m_rooms.addRoom();
    m_rooms.setCurrent(m_rooms.rowOf(c));
    c->join(url, profile, origin, failover, proxy, stomp);
}

void MainWindow::hostRoom(const RoomConfig &config, const QHostAddress &bind, quint16 port,
                          bool fallbackToFreePort, SessionController::History history)
{
    SessionController *c = m_rooms.addRoom();
    m_rooms.setCurrent(m_rooms.rowOf(c));
    c->host(config, bind, port, m_settings.profile(), fallbackToFreePort, history);
}

void MainWindow::stopHosting()
{
    // The current room when it is the hosted one, otherwise the room this computer hosts.
    SessionController *c = controller();
    if (!c || c->hosting() == SessionController::Hosting::Off) {
        for (int row = 0; row < m_rooms.rowCount(); ++row) {
            if (m_rooms.controller(row)->hosting() != SessionController::Hosting::Off) {
                c = m_rooms.controller(row);
                break;
            }
        }
    }
    if (c)
        c->stopHosting();
}

void MainWindow::selectRoom(int row)
{
    if (row >= 0 && row < m_rooms.rowCount())
        m_rooms.setCurrent(row);
}

void MainWindow::cycleRoom(int step)
{
    const int n = m_rooms.rowCount();
    if (n == 0)
        return;
    m_rooms.setCurrent(((std::max(0, m_rooms.current()) + step) % n + n) % n);
}

void MainWindow::leaveRoom()
{
    SessionController *c = controller();
    if (!c)
        return;
    // The list shows the neighbour first (showRoom() keeps nothing of this room), then the
    // room goes with its session.
    m_rooms.removeRoom(m_rooms.current());
    m_views.remove(c);
}

void MainWindow::saveRooms()
{
    m_settings.setRooms(m_rooms.sessions(), m_rooms.currentSession());
}

void MainWindow::followRoom(SessionController *c)
{
    connect(c, &SessionController::sessionChanged, this,
            [this, c](ChatSession *session, const QString &nick) {
                // No session (the room was left to host another): the views keep what they
                // showed, the inspector its last events, until the next one.
                if (!session)
                    return;
                m_views[c].nick = nick;
                followSession(c, session);
                if (c == controller())
                    showRoom(c);
            });
    connect(c, &SessionController::hostingChanged, this, [this, c] {
        if (c == controller())
            updateBanner();
    });
    connect(c->host(), &RoomHost::peerCountChanged, this, [this, c] {
        if (c == controller())
            updateBanner();
    });
    // A room that could not be hosted is not kept in the list (after the notice: later, as
    // its controller is still reporting).
    auto dropIfEmpty = [this, c] {
        QMetaObject::invokeMethod(
                this,
                [this, c] {
                    const int row = m_rooms.rowOf(c);
                    if (row >= 0 && !c->session()
                        && c->hosting() == SessionController::Hosting::Off) {
                        m_rooms.removeRoom(row);
                        m_views.remove(c);
                    }
                },
                Qt::QueuedConnection);
    };
    connect(c, &SessionController::hostingFailed, this,
            [this, c, dropIfEmpty](quint16 port, const QString &error) {
                addNotice(tr("Could not host the room on port %1: %2").arg(port).arg(error), true,
                          c);
                dropIfEmpty();
            });
    connect(c, &SessionController::historyUnavailable, this,
            [this, c, dropIfEmpty](const QString &directory, const QString &error) {
                addNotice(tr("The room was not started: its history cannot be kept in %1 (%2). "
                             "Free some space or fix the folder, or host the room without "
                             "“Keep history on this computer”.")
                                  .arg(QDir::toNativeSeparators(directory), error),
                          true, c);
                dropIfEmpty();
            });
    connect(c, &SessionController::leftOwnRoom, this, [this, c] {
        addNotice(tr("You stopped hosting the room; everyone in it was told the room closed."),
                  false, c);
    });
    connect(c, &SessionController::lastSessionChanged, this,
            [this](const SessionController::LastSession &last) { m_settings.setLastSession(last); });
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

    // The rooms on the left, like a chat client's channel list, beside the room shown; under
    // the header, which spans both, so that the list does not add to the window's width.
    m_roomSplitter = new QSplitter(Qt::Horizontal, central);
    m_roomSplitter->setChildrenCollapsible(false);
    auto *roomPanel = new QWidget(m_roomSplitter);
    roomPanel->setObjectName(QStringLiteral("roomPanel"));
    auto *roomLayout = new QVBoxLayout(roomPanel);
    roomLayout->setContentsMargins(0, 0, 0, 0);
    roomLayout->setSpacing(0);
    m_roomsTitle = new QLabel(roomPanel);
    m_roomsTitle->setContentsMargins(10, 8, 8, 4);
    QFont titleFont = m_roomsTitle->font();
    titleFont.setBold(true);
    m_roomsTitle->setFont(titleFont);
    roomLayout->addWidget(m_roomsTitle);
    m_roomList = new QListView(roomPanel);
    m_roomList->setObjectName(QStringLiteral("roomList"));
    m_roomList->setModel(&m_rooms);
    m_roomList->setItemDelegate(new RoomListDelegate(m_roomList));
    m_roomList->setFrameShape(QFrame::NoFrame);
    m_roomList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roomList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_roomList->setUniformItemSizes(true);
    m_roomList->setMouseTracking(true);
    m_roomList->setMinimumWidth(120);
    m_roomsTitle->setBuddy(m_roomList);
    roomLayout->addWidget(m_roomList, 1);
    connect(m_roomList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_rooms.setCurrent(current.row());
            });
    m_roomSplitter->addWidget(roomPanel);
    // Shown from the second room on: a list of one says nothing the header does not, and the
    // window keeps the width a single room needs (with the inspector open too).
    roomPanel->hide();
    auto showList = [this, roomPanel] {
        roomPanel->setVisible(m_rooms.rowCount() > 1);
    };
    connect(&m_rooms, &QAbstractItemModel::rowsInserted, roomPanel, showList);
    connect(&m_rooms, &QAbstractItemModel::rowsRemoved, roomPanel, showList);
    m_splitter = new QSplitter(Qt::Horizontal, m_roomSplitter);
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
    m_roomSplitter->addWidget(m_splitter);
    m_roomSplitter->setStretchFactor(1, 1);
    layout->addWidget(m_roomSplitter, 1);
    m_findBar = new FindBar(m_chatView, central);
    layout->addWidget(m_findBar);

    // Reply and mentions: the chat picks, the strip shows, the compose box sends.
    m_replyStrip = new ReplyStrip(central);
    layout->addWidget(m_replyStrip);
    m_shareStrip = new ShareStrip(central);
    layout->addWidget(m_shareStrip);
    connect(m_shareStrip, &ShareStrip::shareRequested, this, &MainWindow::shareItems);
    connect(m_shareStrip, &ShareStrip::cancelled, this,
            [this] { m_compose->setFocus(Qt::OtherFocusReason); });
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
    m_attachButton = new QToolButton(composeFrame);
    m_attachButton->setObjectName(QStringLiteral("attachButton"));
    m_attachButton->setAutoRaise(true);
    m_attachButton->setIcon(paperclipIcon(palette()));
    m_attachButton->setIconSize(QSize(22, 22));
    composeLayout->addWidget(m_attachButton, 0, Qt::AlignBottom);
    connect(m_attachButton, &QToolButton::clicked, this, &MainWindow::attachFiles);
    layout->addWidget(composeFrame);
    connect(m_compose, &ComposeEdit::submitted, this, &MainWindow::onSubmitted);
    connect(m_compose, &ComposeEdit::filesOffered, this, &MainWindow::offerFiles);
    connect(m_compose, &ComposeEdit::imagePasted, this, &MainWindow::offerImage);
    connect(m_chatView, &ChatView::filesDropped, this, &MainWindow::offerFiles);
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
    // A child of the plain central widget, not of the chat: a list view's accessible children
    // are its rows, and a screen reader asking where the announcer stands among them would get
    // no answer.
    m_announcer = new ChatAnnouncer(central);
    m_announcer->lower();
    connect(m_chatView, &ChatView::liveMessagesArrived, m_announcer, &ChatAnnouncer::add);

    setCentralWidget(central);

    m_inspector = new InspectorPanel(this);
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
    connect(m_status, &ConnectionStatus::tryNowClicked, this, [this] {
        if (SessionController *c = controller())
            c->reconnectNow();
    });
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
    m_disconnectAction = named(room->addAction(QString(), this, &MainWindow::leaveRoom),
                               QT_TR_NOOP("&Leave Room"));
    // Also on the room list's context menu (a right click makes the room current first).
    m_roomList->addAction(m_disconnectAction);
    m_roomList->setContextMenuPolicy(Qt::ActionsContextMenu);
    QAction *tryNow = named(room->addAction(QString(), this,
                                            [this] {
                                                if (SessionController *c = controller())
                                                    c->reconnectNow();
                                            }),
                            QT_TR_NOOP("&Reconnect Now"));
    tryNow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    room->addSeparator();
    m_attachAction = named(room->addAction(QString(), this, &MainWindow::attachFiles),
                           QT_TR_NOOP("&Attach a File…"));
    m_attachAction->setObjectName(QStringLiteral("attachAction"));
    m_attachAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_attachAction->setIcon(paperclipIcon(palette()));
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
    view->addSeparator();
    m_nextRoomAction = named(view->addAction(QString(), this, [this] { cycleRoom(1); }),
                             QT_TR_NOOP("&Next Room"));
    m_nextRoomAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Tab));
    m_previousRoomAction = named(view->addAction(QString(), this, [this] { cycleRoom(-1); }),
                                 QT_TR_NOOP("Pre&vious Room"));
    // Shift+Tab arrives as Backtab (with Shift held); both spellings, for every platform.
    m_previousRoomAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab)});
    QAction *roomList = named(view->addAction(QString(), this,
                                              [this] {
                                                  if (m_roomList->isVisible())
                                                      m_roomList->setFocus(Qt::ShortcutFocusReason);
                                              }),
                              QT_TR_NOOP("Room Li&st"));
    roomList->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    // Ctrl+1…9: the n-th room. Actions of the window, not of a menu: nine menu entries would
    // say less than the list itself.
    for (int n = 1; n <= 9; ++n) {
        auto *select = new QAction(this);
        select->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + n)));
        connect(select, &QAction::triggered, this, [this, n] { selectRoom(n - 1); });
        addAction(select);
    }

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
    m_roomsTitle->setText(tr("Rooms"));
    m_attachButton->setToolTip(tr("Attach a file (Ctrl+Shift+A)"));
    m_attachButton->setAccessibleName(tr("Attach a file"));
    m_roomList->setAccessibleName(tr("Rooms"));
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
    // Back to the rooms the app was in, each as it was joined or hosted; an app that kept no
    // list yet (a new user, or an older Parlor's settings) goes back to its last session.
    if (restoreRooms())
        return;
    SessionController *c = m_rooms.addRoom();
    m_rooms.setCurrent(m_rooms.rowOf(c));
    c->startDefault(m_settings.lastSession(), m_settings.profile(), HostDialog::defaultRoomName(),
                    HostDialog::rememberedHistory(), HostDialog::rememberedAnnounce());
}

bool MainWindow::restoreRooms(const QString &exceptHosted)
{
    QList<SessionController::LastSession> saved = m_settings.rooms();
    if (!exceptHosted.isEmpty()) {
        saved.removeIf([&exceptHosted](const SessionController::LastSession &room) {
            return room.kind == SessionController::LastSession::Kind::Hosted
                   && room.roomName == exceptHosted;
        });
    }
    if (saved.isEmpty())
        return false;
    const int savedCurrent = std::clamp(m_settings.currentRoom(), 0, int(saved.size()) - 1);
    // A hosted room that had a password is not reopened: its password is not kept, and opened
    // without one anyone could walk in (LastSession::hadPassword). The user is told instead.
    QList<SessionController::LastSession> rooms;
    QStringList notReopened;
    int current = 0;
    for (qsizetype i = 0; i < saved.size(); ++i) {
        const SessionController::LastSession &room = saved.at(i);
        if (room.kind == SessionController::LastSession::Kind::Hosted && room.hadPassword) {
            notReopened.append(room.roomName);
            continue;
        }
        if (i <= savedCurrent)
            current = int(rooms.size());
        rooms.append(room);
    }
    // Said in the chat of the room shown, once it has a session (a hosted room's begins only
    // when its port is open).
    const auto tellNotReopened = [this, notReopened] {
        if (notReopened.isEmpty())
            return;
        SessionController *c = controller();
        const auto tell = [this, notReopened, c] {
            for (const QString &name : notReopened) {
                addNotice(tr("“%1” was not opened again: it had a password, which Parlor does "
                             "not keep. Host it again with Room → Host a Room… and its password.")
                                  .arg(name),
                          false, c);
            }
        };
        if (!c || c->session()) {
            tell();
            return;
        }
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(c, &SessionController::sessionChanged, this,
                        [tell, once](ChatSession *session) {
                            if (!session)
                                return;
                            QObject::disconnect(*once);
                            tell();
                        });
    };
    // Told once the caller has added what it adds (the default room, a URL, --host): in the
    // room then shown.
    QTimer::singleShot(0, this, tellNotReopened);
    if (rooms.isEmpty())
        return false;
    current = std::min(current, int(rooms.size()) - 1);
    QList<SessionController *> added;
    for (qsizetype i = 0; i < rooms.size(); ++i)
        added.append(m_rooms.addRoom());
    // Shown before they connect, so that the current room is followed from its first state.
    m_rooms.setCurrent(m_rooms.rowOf(added.at(current)));
    for (qsizetype i = 0; i < rooms.size(); ++i) {
        const SessionController::LastSession &room = rooms.at(i);
        SessionController::Profile profile = m_settings.profile();
        if (!room.nick.isEmpty())
            profile.nick = room.nick;
        // A hosted room opens as it was: its network, port, announcement, TLS and history.
        added.at(i)->restore(room, profile);
    }
    return true;
}

void MainWindow::followSession(SessionController *c, ChatSession *session)
{
    // These connections end with the session. What the session says goes to its own chat,
    // shown or not; what the window shows follows only the current room.
    ConnectionManager *connection = session->connection();
    connect(connection, &ConnectionManager::stateChanged, this, [this, c] { onStateChanged(c); });
    connect(connection, &ConnectionManager::rttMeasured, this, [this, session] {
        if (session == this->session())
            updateHeader();
    });
    connect(connection, &ConnectionManager::proxyAuthenticationRequired, this,
            &MainWindow::askProxyLogin);
    connect(session, &ChatSession::modeChanged, this, [this, session] {
        if (session == this->session())
            updateHeader();
    });
    connect(session, &ChatSession::joined, this, [this, session] {
        if (session != this->session())
            return;
        updateHeader();
        updateTitle();
    });
    connect(session, &ChatSession::nickChanged, this, [this, session](const QString &nick) {
        if (session != this->session())
            return;
        m_chatView->messageDelegate()->setMyNick(nick);
        m_chatView->messageDelegate()->invalidate();
        m_chatView->doItemsLayout();
    });
    connect(session, &ChatSession::outboxDamaged, this, [this, c](int lost, const QString &keptIn) {
        const QString file = QDir::toNativeSeparators(keptIn);
        addNotice(lost < 0 ? tr("Your unsent messages could not be read back: the file that held "
                                "them is damaged. It was kept in %1.")
                                     .arg(file)
                           : tr("%n unsent message(s) could not be read back (the file that "
                                "held them is damaged); the others are here. The damaged file "
                                "was kept in %1.",
                                nullptr, lost)
                                     .arg(file),
                  true, c);
    });
    connect(session, &ChatSession::brokerError, this,
            [this, c](const QString &message, const QString &detail) {
                addNotice(detail.isEmpty() ? tr("The broker refused: %1").arg(message)
                                           : tr("The broker refused: %1 (%2)")
                                                     .arg(message, detail.simplified().left(200)),
                          true, c);
            });
    connect(session, &ChatSession::roomError, this, [this, c](ErrorCode code, const QString &text) {
        if (code == ErrorCode::Auth)
            addNotice(tr("The room refused the password."), true, c);
        else if (code == ErrorCode::NickInvalid)
            addNotice(tr("The room refused the nickname: %1").arg(text), true, c);
    });
}

void MainWindow::showRoom(SessionController *c)
{
    const bool switched = c != m_shown;
    if (switched && m_shown && m_rooms.rowOf(m_shown) >= 0) {
        RoomView &was = m_views[m_shown];
        was.draft = m_compose->toPlainText();
        was.atBottom = m_chatView->isAtBottom();
        was.anchor = was.atBottom ? ScrollAnchor() : ScrollAnchor::capture(m_chatView);
        // The draft waits here: the room that is left sees no one typing any more.
        if (ChatSession *left = m_shown->session())
            left->setTyping(false);
    }
    for (const QMetaObject::Connection &link : std::as_const(m_viewLinks))
        disconnect(link);
    m_viewLinks.clear();
    m_shown = c;

    ChatSession *session = c ? c->session() : nullptr;
    if (switched) {
        // Before the compose box is linked to the room: putting the draft back is not typing.
        m_compose->setPlainText(c ? m_views.value(c).draft : QString());
        m_compose->moveCursor(QTextCursor::End);
    }
    QAbstractItemModel *messages = session ? static_cast<QAbstractItemModel *>(session->messages())
                                           : &m_noMessages;
    if (m_chatView->model() != messages) {
        QItemSelectionModel *oldSelection = m_chatView->selectionModel();
        m_chatView->setModel(messages);
        // A new model gets a new selection model; the old one is left to the view to drop.
        if (oldSelection && oldSelection != m_chatView->selectionModel())
            oldSelection->deleteLater();
    }
    m_memberPanel->setModel(session ? static_cast<QAbstractItemModel *>(session->members())
                                    : &m_noMembers);
    m_mentions->setMessages(session ? session->messages() : nullptr);
    m_compose->setMembers(session ? session->members() : nullptr);
    if (switched) {
        m_replyStrip->cancel(); // a reply belongs to the room it was started in
        m_shareStrip->clear();  // and so does a file about to be shared
        m_announcer->clear();   // what waits to be said was the other room's
    }
    m_chatView->files()->setSession(session);
    m_inspector->setConnection(session ? session->connection() : nullptr);
    m_inspector->setRoomHost(c ? c->host() : nullptr);
    const QString nick = session && !session->nick().isEmpty() ? session->nick()
                         : c                                   ? m_views.value(c).nick
                                                               : QString();
    m_chatView->messageDelegate()->setMyNick(nick);
    m_chatView->messageDelegate()->invalidate();
    if (session) {
        m_viewLinks << connect(m_compose, &ComposeEdit::typingChanged, session,
                               &ChatSession::setTyping);
        m_viewLinks << connect(m_chatView, &ChatView::retryRequested, session, &ChatSession::retry);
        m_viewLinks << connect(m_chatView, &ChatView::discardRequested, session,
                               &ChatSession::discard);
    }
    m_viewLinks << connect(m_chatView->selectionModel(), &QItemSelectionModel::currentRowChanged,
                           this, [this](const QModelIndex &current) {
                               if (m_inspector->isVisible() && current.isValid())
                                   m_inspector->selectFrameForMessage(
                                           current.data(MessageModel::IdRole).toString());
                           });
    if (switched) {
        // Back where the reader was in this room: at the latest line, or on the same row.
        m_chatView->doItemsLayout();
        const RoomView view = c ? m_views.value(c) : RoomView();
        if (view.atBottom || !view.anchor.restore(m_chatView))
            m_chatView->scrollToBottom();
    }
    {
        const QSignalBlocker blocker(m_roomList->selectionModel());
        const int row = m_rooms.rowOf(c);
        m_roomList->selectionModel()->setCurrentIndex(row >= 0 ? m_rooms.index(row) : QModelIndex(),
                                                      QItemSelectionModel::ClearAndSelect);
        m_roomList->viewport()->update();
    }
    const ConnectionManager *connection = session ? session->connection() : nullptr;
    if (connection && connection->state() == ConnectionStateMachine::State::Closed
        && connection->isReconnectScheduled()) {
        m_countdown.start();
    } else {
        m_countdown.stop();
    }
    updateHeader();
    updateBanner();
    updateTitle();
}

void MainWindow::onStateChanged(SessionController *room)
{
    ChatSession *session = room->session();
    if (!session)
        return;
    const bool shown = room == controller();
    if (shown) {
        updateHeader();
        updateCountdown();
    }
    const ConnectionManager *c = session->connection();
    if (c->state() == ConnectionStateMachine::State::Closed) {
        if (shown && c->isReconnectScheduled())
            m_countdown.start();
        const CloseInfo &info = c->lastClose();
        if (info.reason != CloseInfo::Reason::User && !info.reconnectScheduled) {
            const QString why = info.text();
            if (info.reason == CloseInfo::Reason::Peer && info.code == CloseCode::Kicked
                && session->mode() == ChatSession::Mode::Rich) {
                addNotice(info.closeReason.isEmpty()
                                  ? tr("The room's host removed you from the room.")
                                  : tr("The room's host removed you from the room: “%1”.")
                                            .arg(info.closeReason),
                          true, room);
            } else {
                addNotice(tr("Disconnected: %1").arg(why), true, room);
            }
        }
    } else if (shown) {
        m_countdown.stop();
    }
}

void MainWindow::updateHeader()
{
    ChatSession *session = this->session();
    m_header->showSession(session);
    // A plain server and a STOMP broker name nobody: there is no one to list.
    const bool noMembers = session
                           && (session->mode() == ChatSession::Mode::Plain
                               || session->mode() == ChatSession::Mode::Stomp);
    m_memberPanel->setVisible(!noMembers && m_membersAction->isChecked());
    m_membersAction->setEnabled(!noMembers);
    m_peopleLabel->setVisible(!noMembers); // a broker's "1" would be only ourselves
    m_disconnectAction->setEnabled(controller() != nullptr);
    m_stopHostAction->setEnabled(controller() && controller()->isHosting());
    updateCountdown();
}

void MainWindow::updateCountdown()
{
    m_status->showSession(session());
}

void MainWindow::updateBanner()
{
    const SessionController *c = controller();
    const bool hosting = c && c->isHosting();
    m_banner->setVisible(hosting);
    m_stopHostAction->setEnabled(hosting);
    m_hostLabel->setText(hosting ? tr("hosting on port %1").arg(c->host()->port()) : QString());
    if (hosting) {
        m_banner->showRoom(c->host()->config().roomName, c->reach(), c->shareUrls(),
                           c->browserUrl(), c->historyLocation(), c->tlsFingerprint());
        updateTabOrder();
    }
}

void MainWindow::updateTabOrder()
{
    // Tab goes through the window as it reads, top to bottom: the header's buttons, the
    // banner's, the room list, the chat, the people, the find bar, the reply strip, the compose
    // box, the status bar. All but the banner's are made in that order (Qt's default order).
    QWidget *previous = m_header->lastTabStop();
    const QList<QWidget *> banner = m_banner->findChildren<QWidget *>();
    for (QWidget *w : banner) {
        if (w->focusPolicy() & Qt::TabFocus) {
            setTabOrder(previous, w);
            previous = w;
        }
    }
}

void MainWindow::updateTitle()
{
    const QString room = session() && !session()->room().isEmpty() ? session()->room() : QString();
    QString title = room.isEmpty() ? tr("Parlor") : tr("Parlor — %1").arg(room);
    // The same name, for what the chat tells a screen reader ("5 new messages in …").
    m_announcer->setRoomName(room);
    // Every room's unread lines: the current one's (the chat view counts them) and the others'.
    const int unread = unreadTotal();
    if (unread > 0)
        title.prepend(QStringLiteral("(%1) ").arg(unread));
    setWindowTitle(title);
    if (m_tray)
        m_tray->setUnread(unread);
}

void MainWindow::onRoomLine(SessionController *c, const ChatLine &line, bool mention)
{
    // A line in the room shown in the active window is seen; any other room's is news.
    if (isActiveWindow() && c == controller())
        return;
    const auto when = m_settings.notify();
    if (when == AppSettings::Notify::None || (when == AppSettings::Notify::Mentions && !mention))
        return;
    if (m_tray && m_tray->isVisible()) {
        const QString room = c->session() ? c->session()->room() : QString();
        const QString sender = line.sender.isEmpty() ? tr("Parlor") : line.sender;
        m_tray->showMessage(room.isEmpty() || c == controller() ? sender
                                                                : tr("%1 in %2").arg(sender, room),
                            line.text.left(200), QSystemTrayIcon::Information, 5000);
    }
    QApplication::alert(this);
}

void MainWindow::addNotice(const QString &text, bool error, SessionController *room)
{
    ChatSession *session = room ? room->session() : this->session();
    if (!session) {
        // No chat to put it in: the status bar says it instead of swallowing it.
        statusBar()->showMessage(text, 15000);
        return;
    }
    ChatLine line;
    line.kind = error ? ChatLine::Kind::Error : ChatLine::Kind::System;
    line.text = text;
    line.time = QDateTime::currentDateTime();
    session->messages()->append(line);
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

void MainWindow::attachFiles()
{
    if (!session()) {
        statusBar()->showMessage(tr("Join a room first to share files with it."), 5000);
        return;
    }
    const QStringList paths
            = QFileDialog::getOpenFileNames(this, tr("Attach a File"),
                                            QStandardPaths::writableLocation(
                                                    QStandardPaths::DocumentsLocation));
    if (!paths.isEmpty())
        offerFiles(paths);
}

void MainWindow::offerFiles(const QStringList &paths)
{
    ChatSession *session = this->session();
    if (!session || paths.isEmpty()) {
        statusBar()->showMessage(tr("Join a room first to share files with it."), 5000);
        return;
    }
    QList<ShareStrip::Item> items;
    for (const QString &path : paths)
        items.append(ShareStrip::fileItem(path));
    m_shareStrip->offer(items, session->limits().maxFileBytes, session->canShareFiles());
}

void MainWindow::offerImage(const QString &name, const QByteArray &png)
{
    ChatSession *session = this->session();
    if (!session) {
        statusBar()->showMessage(tr("Join a room first to share files with it."), 5000);
        return;
    }
    m_shareStrip->offer({ShareStrip::dataItem(name, png, QStringLiteral("image/png"))},
                        session->limits().maxFileBytes, session->canShareFiles());
}

void MainWindow::shareItems(const QList<ShareStrip::Item> &items)
{
    ChatSession *session = this->session();
    m_compose->setFocus(Qt::OtherFocusReason);
    if (!session)
        return;
    const qint64 replyTo = m_replyStrip->target();
    for (const ShareStrip::Item &item : items) {
        const QString id = item.path.isEmpty()
                                   ? session->shareData(item.name, item.data, item.mime, replyTo)
                                   : session->shareFile(item.path, replyTo);
        if (id.isEmpty())
            statusBar()->showMessage(tr("Could not share %1.").arg(item.name), 5000);
    }
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
    case SlashCommand::Command::Share:
        // Only parlor-cli's scripts say /share; should one come, it asks like a drop does.
        if (command.error == SlashCommand::Error::None)
            offerFiles({command.argument});
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
             dialog.proxy(), dialog.stompTarget());
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
    for (int row = 0; row < m_rooms.rowCount(); ++row)
        m_rooms.controller(row)->leave();
    QMainWindow::closeEvent(event);
}

} // namespace Parlor
