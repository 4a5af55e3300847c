#include "mainwindow.h"

#include "chatview.h"
#include "client/clientidentity.h"
#include "composeedit.h"
#include "connectdialog.h"
#include "connectionbadge.h"
#include "hostdialog.h"
#include "inspectorpanel.h"
#include "memberdelegate.h"
#include "messagedelegate.h"
#include "protocol/closecodes.h"
#include "protocol/protocol.h"
#include "settingsdialog.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolButton>
#include <QVBoxLayout>

namespace Parlor {

namespace {

QLabel *mutedLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
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

    connect(&m_controller, &SessionController::sessionChanged, this, &MainWindow::onSessionChanged);
    connect(&m_controller, &SessionController::hostingChanged, this, &MainWindow::updateBanner);
    connect(host(), &RoomHost::peerCountChanged, this, &MainWindow::updateBanner);
    connect(&m_controller, &SessionController::hostingFailed, this,
            [this](quint16 port, const QString &error) {
                addNotice(tr("Could not host the room on port %1: %2").arg(port).arg(error), true);
            });
    connect(&m_controller, &SessionController::leftOwnRoom, this, [this] {
        addNotice(tr("You stopped hosting the room; everyone in it was told the room closed."));
    });
    connect(&m_controller, &SessionController::lastSessionChanged, this,
            [this](const SessionController::LastSession &last) {
                const bool joined = last.kind == SessionController::LastSession::Kind::Joined;
                m_settings.setLastSession(joined ? QStringLiteral("join") : QStringLiteral("host"),
                                          joined ? last.url.toString() : QString());
            });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Parlor"));
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
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
    auto *header = new QWidget(central);
    header->setObjectName(QStringLiteral("header"));
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(12, 8, 12, 8);
    headerLayout->setSpacing(12);
    m_badge = new ConnectionBadge(header);
    m_urlLabel = new QLabel(header);
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlLabel->setAccessibleName(tr("Room address"));
    m_protocolLabel = mutedLabel(header);
    m_protocolLabel->setAccessibleName(tr("Subprotocol"));
    m_rttLabel = mutedLabel(header);
    m_rttLabel->setAccessibleName(tr("Round-trip time"));
    m_plainHint = mutedLabel(header);
    m_plainHint->setText(tr("plain WebSocket — messages are shown as sent"));
    m_plainHint->hide();
    headerLayout->addWidget(m_badge);
    headerLayout->addWidget(m_urlLabel);
    headerLayout->addWidget(m_protocolLabel);
    headerLayout->addWidget(m_rttLabel);
    headerLayout->addWidget(m_plainHint);
    headerLayout->addStretch(1);
    auto *inspectorButton = new QToolButton(header);
    inspectorButton->setText(tr("Inspector"));
    inspectorButton->setToolTip(tr("See what the connection is doing (Ctrl+I)"));
    auto *hostButton = new QToolButton(header);
    hostButton->setText(tr("Host"));
    hostButton->setToolTip(tr("Host a room on this computer (Ctrl+H)"));
    connect(hostButton, &QToolButton::clicked, this, &MainWindow::showHostDialog);
    auto *joinButton = new QToolButton(header);
    joinButton->setText(tr("Join"));
    joinButton->setToolTip(tr("Join a room (Ctrl+K)"));
    connect(joinButton, &QToolButton::clicked, this, &MainWindow::showConnectDialog);
    headerLayout->addWidget(joinButton);
    headerLayout->addWidget(hostButton);
    headerLayout->addWidget(inspectorButton);
    layout->addWidget(header);

    // Banner: shown while this computer hosts the room.
    m_banner = new QFrame(central);
    m_banner->setObjectName(QStringLiteral("hostBanner"));
    m_banner->setAutoFillBackground(true);
    auto *bannerLayout = new QVBoxLayout(m_banner);
    bannerLayout->setContentsMargins(12, 8, 12, 8);
    bannerLayout->setSpacing(4);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    bannerLayout->addWidget(m_bannerText);
    m_bannerUrls = new QWidget(m_banner);
    auto *urlsLayout = new QHBoxLayout(m_bannerUrls);
    urlsLayout->setContentsMargins(0, 0, 0, 0);
    urlsLayout->setSpacing(8);
    bannerLayout->addWidget(m_bannerUrls);
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
    m_memberPanel = new QWidget(m_splitter);
    auto *memberLayout = new QVBoxLayout(m_memberPanel);
    memberLayout->setContentsMargins(0, 8, 0, 0);
    memberLayout->setSpacing(4);
    m_memberTitle = new QLabel(m_memberPanel);
    m_memberTitle->setContentsMargins(10, 0, 8, 0);
    QFont titleFont = m_memberTitle->font();
    titleFont.setBold(true);
    m_memberTitle->setFont(titleFont);
    m_memberView = new QListView(m_memberPanel);
    m_memberView->setItemDelegate(new MemberDelegate(m_memberView));
    m_memberView->setFrameShape(QFrame::NoFrame);
    m_memberView->setAccessibleName(tr("People in this room"));
    m_memberView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    memberLayout->addWidget(m_memberTitle);
    memberLayout->addWidget(m_memberView, 1);
    m_memberPanel->setMinimumWidth(160);
    m_splitter->addWidget(m_chatView);
    m_splitter->addWidget(m_memberPanel);
    m_splitter->setStretchFactor(0, 1);
    layout->addWidget(m_splitter, 1);

    auto *composeFrame = new QWidget(central);
    auto *composeLayout = new QHBoxLayout(composeFrame);
    composeLayout->setContentsMargins(8, 8, 8, 8);
    m_compose = new ComposeEdit(composeFrame);
    composeLayout->addWidget(m_compose);
    layout->addWidget(composeFrame);
    connect(m_compose, &ComposeEdit::submitted, this, &MainWindow::onSubmitted);
    connect(m_compose, &ComposeEdit::typingChanged, this, [this](bool typing) {
        if (session())
            session()->setTyping(typing);
    });
    connect(m_chatView, &ChatView::retryRequested, this, [this](const QString &id) {
        if (session())
            session()->retry(id);
    });
    connect(m_chatView, &ChatView::discardRequested, this, [this](const QString &id) {
        if (session())
            session()->discard(id);
    });
    connect(m_chatView, &ChatView::unreadCountChanged, this, &MainWindow::updateTitle);

    setCentralWidget(central);

    m_inspector = new InspectorPanel(this);
    m_inspector->setRoomHost(host());
    addDockWidget(Qt::RightDockWidgetArea, m_inspector);
    m_inspector->hide();
    connect(inspectorButton, &QToolButton::clicked, this,
            [this] { m_inspector->setVisible(!m_inspector->isVisible()); });
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

    m_statusText = new QLabel(this);
    m_tryNow = new QPushButton(tr("Try Now"), this);
    m_tryNow->setFlat(true);
    m_tryNow->hide();
    connect(m_tryNow, &QPushButton::clicked, this, [this] {
        if (session())
            session()->connection()->reconnectNow();
    });
    m_peopleLabel = new QLabel(this);
    m_hostLabel = new QLabel(this);
    statusBar()->addWidget(m_statusText);
    statusBar()->addWidget(m_tryNow);
    statusBar()->addPermanentWidget(m_peopleLabel);
    statusBar()->addPermanentWidget(m_hostLabel);
    m_compose->setFocus();
}

void MainWindow::createActions()
{
    QMenu *room = menuBar()->addMenu(tr("&Room"));
    m_connectAction = room->addAction(tr("&Join a Room…"), this, &MainWindow::showConnectDialog);
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_hostAction = room->addAction(tr("&Host a Room…"), this, &MainWindow::showHostDialog);
    m_hostAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_stopHostAction = room->addAction(tr("&Stop Hosting"), this, &MainWindow::stopHosting);
    room->addSeparator();
    m_disconnectAction = room->addAction(tr("&Leave Room"), this, [this] {
        if (session())
            session()->stop();
    });
    QAction *tryNow = room->addAction(tr("&Reconnect Now"), this, [this] {
        if (session())
            session()->connection()->reconnectNow();
    });
    tryNow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    room->addSeparator();
    QAction *quit = room->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *copy = edit->addAction(tr("&Copy"), m_chatView, &ChatView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_chatView->addAction(copy);
    edit->addAction(tr("C&lear Chat"), this,
                    [this] { runCommand(SlashCommand::parse(QStringLiteral("/clear"))); });
    edit->addSeparator();
    QAction *prefs = edit->addAction(tr("&Preferences…"), this, &MainWindow::showSettings);
    prefs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    prefs->setMenuRole(QAction::PreferencesRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_membersAction = view->addAction(tr("&People in the Room"));
    m_membersAction->setCheckable(true);
    m_membersAction->setChecked(true);
    m_membersAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_membersAction, &QAction::toggled, m_memberPanel, &QWidget::setVisible);
    QAction *inspect = m_inspector->toggleViewAction();
    inspect->setText(tr("&Inspector"));
    inspect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    view->addAction(inspect);
    QAction *latest = view->addAction(tr("Jump to &Latest"), m_chatView, &ChatView::jumpToLatest);
    latest->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_End));
    QAction *focusCompose = view->addAction(tr("&Write a Message"), this,
                                            [this] { m_compose->setFocus(); });
    focusCompose->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Commands"), this,
                    [this] { runCommand(SlashCommand::parse(QStringLiteral("/help"))); });
    help->addAction(tr("&About Parlor"), this, [this] {
        QMessageBox::about(
                this, tr("About Parlor"),
                tr("<p><b>Parlor %1</b></p><p>Chat over WebSocket: join a room, host one "
                   "on your network, and see what the connection is doing.</p>")
                        .arg(QCoreApplication::applicationVersion()));
    });
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

SessionController::Profile MainWindow::profile() const
{
    return {m_settings.nick(), m_settings.subprotocols()};
}

void MainWindow::startDefault()
{
    const QString kind = m_settings.lastSessionKind();
    SessionController::LastSession last;
    last.kind = kind == QLatin1String("join")   ? SessionController::LastSession::Kind::Joined
                : kind == QLatin1String("host") ? SessionController::LastSession::Kind::Hosted
                                                : SessionController::LastSession::Kind::None;
    last.url = QUrl(m_settings.lastSessionUrl());
    m_controller.startDefault(last, profile(), HostDialog::defaultRoomName());
}

void MainWindow::hostRoom(const RoomConfig &config, const QHostAddress &bind, quint16 port,
                          bool fallbackToFreePort)
{
    m_controller.host(config, bind, port, profile(), fallbackToFreePort);
}

void MainWindow::stopHosting()
{
    m_controller.stopHosting();
}

void MainWindow::joinRoom(const QUrl &url, const QString &nick, const QStringList &subprotocols,
                          const QString &origin)
{
    m_controller.join(url, {nick, subprotocols}, origin);
}

void MainWindow::onSessionChanged(ChatSession *session, const QString &nick)
{
    // No session (the room was left to host another): the views keep what they showed, the
    // inspector its last events, until the next one.
    if (!session)
        return;
    m_chatView->setModel(session->messages());
    m_inspector->setConnection(session->connection());
    connect(m_chatView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_inspector->isVisible() && current.isValid())
                    m_inspector->selectFrameForMessage(
                            current.data(MessageModel::IdRole).toString());
            });
    m_memberView->setModel(session->members());
    m_chatView->messageDelegate()->setMyNick(nick);
    connect(session->connection(), &ConnectionManager::stateChanged, this,
            &MainWindow::onStateChanged);
    connect(session->connection(), &ConnectionManager::rttMeasured, this, &MainWindow::updateHeader);
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
    connect(session, &ChatSession::roomError, this, [this](ErrorCode code, const QString &text) {
        if (code == ErrorCode::Auth)
            addNotice(tr("The room refused the password."), true);
        else if (code == ErrorCode::NickInvalid)
            addNotice(tr("The room refused the nickname: %1").arg(text), true);
    });
    connect(session->members(), &QAbstractItemModel::rowsInserted, this,
            &MainWindow::updateMemberTitle);
    connect(session->members(), &QAbstractItemModel::rowsRemoved, this,
            &MainWindow::updateMemberTitle);
    connect(session->members(), &QAbstractItemModel::modelReset, this,
            &MainWindow::updateMemberTitle);
    updateHeader();
    updateMemberTitle();
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
            QString why = QStringLiteral("%1 %2 — %3")
                                  .arg(info.code)
                                  .arg(info.codeName,
                                       QCoreApplication::translate("CloseCodes",
                                                                   CloseCodes::meaning(info.code)));
            if (info.reason == CloseInfo::Reason::Peer && !info.closeReason.isEmpty())
                why = tr("%1 (“%2”)").arg(why, info.closeReason);
            if (info.reason == CloseInfo::Reason::HandshakeRefused)
                why = tr("the server refused the connection (HTTP %1)").arg(info.httpStatus);
            else if (info.reason == CloseInfo::Reason::TlsError)
                why = tr("the server's certificate is not trusted (%1)").arg(info.certificateSubject);
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
    const ConnectionManager *c = session ? session->connection() : nullptr;
    const auto state = c ? c->state() : ConnectionStateMachine::State::Closed;
    const bool reconnecting = c && c->isReconnectScheduled();
    m_badge->setState(state, reconnecting);
    m_urlLabel->setText(c ? c->options().url.toString() : tr("not connected"));
    m_protocolLabel->setText(
            c && state == ConnectionStateMachine::State::Open
                    ? (c->subprotocol().isEmpty() ? tr("no subprotocol") : c->subprotocol())
                    : QString());
    m_rttLabel->setText(c && c->lastRttMs() >= 0 && state == ConnectionStateMachine::State::Open
                                ? tr("rtt %1 ms").arg(c->lastRttMs())
                                : QString());
    const bool plain = session && session->mode() == ChatSession::Mode::Plain;
    m_plainHint->setVisible(plain);
    m_memberPanel->setVisible(!plain && m_membersAction->isChecked());
    m_membersAction->setEnabled(!plain);
    m_disconnectAction->setEnabled(c && state != ConnectionStateMachine::State::Closed);
    m_stopHostAction->setEnabled(m_controller.isHosting());
    updateCountdown();
}

void MainWindow::updateCountdown()
{
    const ConnectionManager *c = session() ? session()->connection() : nullptr;
    QString text;
    bool showTry = false;
    if (!c) {
        text = tr("Not connected");
    } else {
        switch (c->state()) {
        case ConnectionStateMachine::State::Connecting:
            text = tr("Connecting…");
            break;
        case ConnectionStateMachine::State::Open:
            text = session()->isJoined() ? tr("Connected") : tr("Joining…");
            break;
        case ConnectionStateMachine::State::Closing:
            text = tr("Closing…");
            break;
        case ConnectionStateMachine::State::Closed:
            if (c->isReconnectScheduled()) {
                const qint64 ms = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(
                                                              c->nextAttemptAt()));
                text = tr("Reconnecting in %1 s").arg((ms + 999) / 1000);
                showTry = true;
            } else {
                text = tr("Disconnected");
            }
            break;
        }
        const int pending = session()->pendingCount();
        if (pending > 0 && c->state() != ConnectionStateMachine::State::Open)
            text += QStringLiteral(" · ") + tr("waiting to be sent: %1").arg(pending);
    }
    m_statusText->setText(text);
    m_tryNow->setVisible(showTry);
}

void MainWindow::updateMemberTitle()
{
    const int n = session() ? session()->members()->rowCount() : 0;
    m_memberTitle->setText(tr("In this room (%1)").arg(n));
    m_peopleLabel->setText(n > 0 ? tr("people here: %1").arg(n) : QString());
}

void MainWindow::updateBanner()
{
    const bool hosting = m_controller.isHosting();
    m_banner->setVisible(hosting);
    m_stopHostAction->setEnabled(hosting);
    m_hostLabel->setText(hosting ? tr("hosting on port %1").arg(host()->port()) : QString());
    if (!hosting)
        return;
    QPalette pal = m_banner->palette();
    pal.setColor(QPalette::Window, Theme::ownMessageTint(palette()));
    m_banner->setPalette(pal);
    const QString room = host()->config().roomName.toHtmlEscaped();
    switch (m_controller.reach()) {
    case SessionController::Reach::ThisComputer:
        m_bannerText->setText(
                tr("You are hosting <b>%1</b>. Only this computer can join.").arg(room));
        break;
    case SessionController::Reach::NoNetwork:
        m_bannerText->setText(tr("You are hosting <b>%1</b>. No network was found, so for now only "
                                 "this computer can join.")
                                      .arg(room));
        break;
    case SessionController::Reach::Network:
        m_bannerText->setText(
                tr("You are hosting <b>%1</b> — others on your network can join at:").arg(room));
        break;
    }
    // Rebuild the address row: one label and copy button per address.
    QLayout *row = m_bannerUrls->layout();
    while (QLayoutItem *item = row->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    auto addUrl = [this, row](const QString &prefix, const QUrl &url) {
        auto *label = new QLabel(prefix + url.toString(), m_bannerUrls);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *copy = new QToolButton(m_bannerUrls);
        copy->setText(tr("Copy"));
        copy->setAccessibleName(tr("Copy %1").arg(url.toString()));
        connect(copy, &QToolButton::clicked, this,
                [url] { QApplication::clipboard()->setText(url.toString()); });
        row->addWidget(label);
        row->addWidget(copy);
    };
    const QList<QUrl> urls = m_controller.shareUrls();
    for (const QUrl &url : urls)
        addUrl(QString(), url);
    if (const QUrl page = m_controller.browserUrl(); !page.isEmpty())
        addUrl(tr("in a browser: "), page);
    static_cast<QHBoxLayout *>(row)->addStretch(1);
    m_bannerUrls->setVisible(!urls.isEmpty());
}

void MainWindow::updateTitle()
{
    const QString room = session() && !session()->room().isEmpty() ? session()->room() : QString();
    QString title = room.isEmpty() ? tr("Parlor") : tr("Parlor — %1").arg(room);
    const int unread = m_chatView->unreadCount();
    if (unread > 0)
        title.prepend(QStringLiteral("(%1) ").arg(unread));
    setWindowTitle(title);
    if (m_tray) {
        m_tray->setToolTip(unread > 0 ? tr("Parlor — unread: %1").arg(unread) : tr("Parlor"));
        m_tray->setIcon(trayIcon(unread));
    }
}

QIcon MainWindow::trayIcon(int unread) const
{
    // The app icon with the unread count in a badge, drawn at each size the tray may ask for.
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = windowIcon().pixmap(size, size);
        if (unread > 0) {
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            const QString text = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
            QFont f = font();
            f.setBold(true);
            f.setPixelSize(std::max(7, size * 9 / 16));
            const QFontMetrics fm(f);
            const int h = fm.height();
            const int w = std::max(h, fm.horizontalAdvance(text) + h / 2);
            const QRectF badge(size - w, 0, w, h);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0xc4, 0x2b, 0x1c));
            p.drawRoundedRect(badge, h / 2.0, h / 2.0);
            p.setFont(f);
            p.setPen(Qt::white);
            p.drawText(badge, Qt::AlignCenter, text);
        }
        icon.addPixmap(pixmap);
    }
    return icon;
}

void MainWindow::onLineArrived(const ChatLine &line)
{
    if (line.replayed || line.kind != ChatLine::Kind::Chat || isActiveWindow())
        return;
    const auto when = m_settings.notify();
    const bool mention = m_chatView->messageDelegate()->mentionsMe(line.text);
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
    session()->send(command.text);
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
    case SlashCommand::Command::Clear:
        if (session)
            session->messages()->clear();
        break;
    case SlashCommand::Command::Quit:
        close();
        break;
    case SlashCommand::Command::Help:
        addNotice(tr("Commands: /nick NAME changes your nickname · /me TEXT says what you do · "
                     "/clear empties this view · /quit closes Parlor · //text sends a line that "
                     "starts with /."));
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
    joinRoom(dialog.url(), dialog.nick(), dialog.subprotocols(), dialog.origin());
}

void MainWindow::showHostDialog()
{
    HostDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    hostRoom(dialog.config(), dialog.bindAddress(), dialog.port());
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() == QDialog::Accepted) {
        Theme::apply(m_settings.theme());
        applySettings();
        updateBanner();
    }
}

void MainWindow::changeEvent(QEvent *event)
{
    // Qt tells only the window of activation changes, not its children.
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        m_chatView->windowActivated();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setSplitterState(m_splitter->saveState());
    if (session())
        session()->stop();
    QMainWindow::closeEvent(event);
}

} // namespace Parlor
