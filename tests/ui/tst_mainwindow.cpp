// The real MainWindow on the offscreen platform, against real rooms on 127.0.0.1: the embedded
// room it hosts (RoomHost), an in-process RoomServer the test can stop and start, and a plain
// QWebSocketServer that speaks only `chatting`. Other people are RichClient peers on real
// sockets. The user is driven through the keyboard and the mouse (QTest::keyClicks, keyClick,
// mouseClick) and observed through the models, the widgets and a rendering of the chat.
//
// Every wait is on a condition (QTRY_*, QTest::qWaitFor, QSignalSpy::wait); nothing sleeps.
// Settings and outboxes live in private temporary locations, cleared before every test.

#include "richclient.h"
#include "socks5proxy.h"

#include "appsettings.h"
#include "chatview.h"
#include "composeedit.h"
#include "findbar.h"
#include "hostbanner.h"
#include "hostdialog.h"
#include "inspectorpanel.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "roomheader.h"
#include "settingsdialog.h"
#include "theme.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/membermodel.h"
#include "client/messagemodel.h"
#include "client/proxysetting.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"
#include "server/roomserver.h"
#include "uitesthome.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QImage>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTimer>
#include <QToolButton>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;
const QString myNick = u"mina"_s;
const QStringList defaultOffer{u"parlor.v1"_s, u"chatting"_s};

QUrl urlOf(quint16 port)
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(port));
}

/// A port nothing listens on (yet).
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

/// A room whose limits never get in the way of a test that sends quickly.
RoomConfig roomConfig(const QString &name = u"Lunch room"_s)
{
    RoomConfig config;
    config.roomName = name;
    config.messagesPerSecond = 1000;
    return config;
}

ChatLine::Kind kindAt(const QAbstractItemModel *model, int row)
{
    return ChatLine::Kind(model->index(row, 0).data(MessageModel::KindRole).toInt());
}

ChatLine::Delivery deliveryAt(const QAbstractItemModel *model, int row)
{
    return ChatLine::Delivery(model->index(row, 0).data(MessageModel::DeliveryRole).toInt());
}

QString textAt(const QAbstractItemModel *model, int row)
{
    return model->index(row, 0).data(MessageModel::TextRole).toString();
}

/// The last row of \a kind whose text is \a text, or -1.
int rowOf(const QAbstractItemModel *model, ChatLine::Kind kind, const QString &text)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (kindAt(model, row) == kind && textAt(model, row) == text)
            return row;
    }
    return -1;
}

/// The last system line about \a event (and \a subject), or -1.
int systemRowOf(const QAbstractItemModel *model, ChatLine::Event event, const QString &subject)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex i = model->index(row, 0);
        if (kindAt(model, row) == ChatLine::Kind::System
            && ChatLine::Event(i.data(MessageModel::EventRole).toInt()) == event
            && i.data(MessageModel::SenderRole).toString() == subject) {
            return row;
        }
    }
    return -1;
}

QStringList memberNicks(const QAbstractItemModel *members)
{
    QStringList nicks;
    for (int row = 0; row < members->rowCount(); ++row)
        nicks.append(members->index(row, 0).data(MemberModel::NickRole).toString());
    return nicks;
}

RichClient::Predicate messageWithText(const QString &text)
{
    return [text](const QJsonObject &o) {
        return o.value(u"type"_s) == u"message"_s && o.value(u"text"_s).toString() == text;
    };
}

/// Types \a text into the compose box and presses Enter, as the user does.
void typeAndSend(MainWindow &window, const QString &text)
{
    QTest::keyClicks(window.compose(), text);
    QTest::keyClick(window.compose(), Qt::Key_Return);
}

bool showAndActivate(MainWindow &window)
{
    window.show();
    return QTest::qWaitForWindowActive(&window);
}

bool isJoined(MainWindow &window)
{
    return window.session() && window.session()->isJoined();
}

/// Hosts \a config on 127.0.0.1 (a free port) and waits until the window has joined it.
bool hostAndJoin(MainWindow &window, const RoomConfig &config = roomConfig())
{
    window.hostRoom(config, QHostAddress::LocalHost, 0);
    return QTest::qWaitFor([&] { return isJoined(window); }, waitMs);
}

QUrl hostedUrl(MainWindow &window)
{
    return urlOf(window.host()->port());
}

/// Sends \a text from \a peer and waits until the window shows it.
bool peerSays(MainWindow &window, RichClient &peer, const QString &text)
{
    static int counter = 0;
    peer.say(u"peer-msg-%1"_s.arg(++counter), text);
    return QTest::qWaitFor(
            [&] { return rowOf(window.chatView()->model(), ChatLine::Kind::Chat, text) >= 0; },
            waitMs);
}

QLabel *statusLabel(MainWindow &window)
{
    // The first label of the status bar says where the connection stands.
    const auto labels = window.statusBar()->findChildren<QLabel *>(Qt::FindDirectChildrenOnly);
    return labels.isEmpty() ? nullptr : labels.constFirst();
}

QPushButton *tryNowButton(MainWindow &window)
{
    const auto buttons = window.statusBar()->findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->text().remove(u'&') == QLatin1String("Try Now"))
            return button;
    }
    return nullptr;
}

QToolButton *jumpButton(MainWindow &window)
{
    return window.chatView()->findChild<QToolButton *>(u"jumpToLatest"_s);
}

QLabel *headerLabelStartingWith(MainWindow &window, const QString &start)
{
    auto *header = window.findChild<QWidget *>(u"header"_s);
    if (!header)
        return nullptr;
    const auto labels = header->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->text().startsWith(start))
            return label;
    }
    return nullptr;
}

/// Whether the window shows \a words anywhere the user would look: a line in the chat, a label
/// (the header, the banner, the status bar) or the status bar's message.
bool windowSays(MainWindow &window, const QString &words)
{
    if (const QAbstractItemModel *chat = window.chatView()->model()) {
        for (int row = 0; row < chat->rowCount(); ++row) {
            if (textAt(chat, row).contains(words))
                return true;
        }
    }
    const auto labels = window.findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->isVisible() && label->text().contains(words))
            return true;
    }
    return window.statusBar()->currentMessage().contains(words);
}

/// Records the delivery states one own message goes through, in order, without repeats.
class DeliveryLog : public QObject
{
public:
    DeliveryLog(MessageModel *model, const QString &text)
        : m_model(model)
        , m_text(text)
    {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    for (int row = first; row <= last && m_id.isEmpty(); ++row) {
                        if (kindAt(m_model, row) == ChatLine::Kind::Own
                            && textAt(m_model, row) == m_text) {
                            m_id = m_model->index(row, 0).data(MessageModel::IdRole).toString();
                            record(deliveryAt(m_model, row));
                        }
                    }
                });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    const int row = m_id.isEmpty() ? -1 : m_model->rowOfId(m_id);
                    if (row >= topLeft.row() && row <= bottomRight.row())
                        record(deliveryAt(m_model, row));
                });
    }

    const QList<ChatLine::Delivery> &states() const { return m_states; }
    ChatLine::Delivery last() const
    {
        return m_states.isEmpty() ? ChatLine::Delivery::None : m_states.constLast();
    }

private:
    void record(ChatLine::Delivery state)
    {
        if (m_states.isEmpty() || m_states.constLast() != state)
            m_states.append(state);
    }

    MessageModel *m_model;
    QString m_text;
    QString m_id;
    QList<ChatLine::Delivery> m_states;
};

/// A plain WebSocket room that speaks only `chatting`: greets every newcomer and relays every
/// text frame to every connection (the sender included), as a simple Node chat server does.
class PlainRoom : public QObject
{
public:
    static inline const QString greeting = u"welcome to the plain room"_s;

    PlainRoom()
        : m_server(u"plain"_s, QWebSocketServer::NonSecureMode)
    {
        m_server.setSupportedSubprotocols({u"chatting"_s});
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                m_clients.append(socket);
                connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
                    received.append(text);
                    broadcast(text);
                });
                socket->sendTextMessage(greeting);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    void broadcast(const QString &text)
    {
        for (const QPointer<QWebSocket> &client : std::as_const(m_clients)) {
            if (client && client->state() == QAbstractSocket::ConnectedState)
                client->sendTextMessage(text);
        }
    }

    QStringList received;

private:
    QWebSocketServer m_server;
    QList<QPointer<QWebSocket>> m_clients;
};

/// The horizontal extent of everything drawn in \a rect of \a image that differs from \a
/// background: {left, right}, or {-1, -1} when nothing is drawn there.
QPair<int, int> inkExtent(const QImage &image, const QRect &rect, const QColor &background)
{
    int left = -1;
    int right = -1;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const int diff = qAbs(c.red() - background.red()) + qAbs(c.green() - background.green())
                             + qAbs(c.blue() - background.blue());
            if (diff > 60) {
                left = left < 0 ? x : std::min(left, x);
                right = std::max(right, x);
            }
        }
    }
    return {left, right};
}

bool sameColor(const QColor &a, const QColor &b, int tolerance = 3)
{
    return qAbs(a.red() - b.red()) <= tolerance && qAbs(a.green() - b.green()) <= tolerance
           && qAbs(a.blue() - b.blue()) <= tolerance;
}

/// The chat as drawn, with device pixels mapped back to logical ones.
QImage renderChat(MainWindow &window)
{
    QImage image = window.chatView()->viewport()->grab().toImage();
    if (image.devicePixelRatio() != 1.0) {
        image = image.scaled(window.chatView()->viewport()->size(), Qt::IgnoreAspectRatio,
                             Qt::FastTransformation);
    }
    return image;
}

/// Chooses \a language (e.g. "ko", "en") in the Preferences as the user does: the dialog is
/// opened from the window, the language picked, OK pressed.
bool chooseLanguage(MainWindow &window, const QString &language)
{
    bool chosen = false;
    auto *poll = new QTimer(&window);
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, &window, [&chosen, poll, language] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        const auto combos = dialog->findChildren<QComboBox *>();
        for (QComboBox *combo : combos) {
            const int index = combo->findData(language);
            if (index >= 0 && combo->findData(u"ko"_s) >= 0) {
                combo->setCurrentIndex(index);
                chosen = true;
            }
        }
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    poll->start();
    window.showSettings();
    return chosen;
}

/// The row at the top of the chat's viewport, how much of it is scrolled out of sight (as a
/// share of its height) and its height.
struct TopRow
{
    int row = -1;
    double hidden = 0;
    int height = 0;
};

TopRow topRow(ChatView *view)
{
    const QModelIndex index = view->indexAt(QPoint(view->viewport()->width() / 2, 1));
    if (!index.isValid())
        return {};
    const QRect rect = view->visualRect(index);
    return {index.row(), double(-rect.top()) / rect.height(), rect.height()};
}

/// Whether the chat shows the same row at its top, scrolled out of sight by about the same
/// share, as \a before.
bool sameTopRow(ChatView *view, const TopRow &before)
{
    const TopRow now = topRow(view);
    return now.row == before.row && qAbs(now.hidden - before.hidden) < 0.15;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void hostingJoinsTheRoomAndShowsWhoIsThere();
    void enterSendsAndTheMessageIsDelivered();
    void shiftEnterMakesANewLineInsteadOfSending();
    void messageTypedBeforeTheRoomIsUpIsQueuedThenDelivered();
    void plainServerGivesPlainMode();
    void proxyLoginIsAskedForOnce();
    void mentionOfMyNickIsHighlighted();
    void htmlInAMessageIsShownLiterally();
    void unreadMessagesAreCountedWhileScrolledUp();

    void nickCommandRenamesMeInTheRoom();
    void helpCommandAddsANotice();
    void clearCommandEmptiesTheView();
    void unknownCommandShowsAnError();
    void doubleSlashSendsALiteralSlash();
    void commandsAreNotSentToTheRoom();
    void upRecallsWhatWasSent();

    void statusBarCountsDownToTheReconnectAndTryNowReconnects();
    void stoppingTheHostedRoomLeavesIt();

    void messagesArrivingInTheBackgroundAreCounted();
    void aBurstWhileWatchingIsNotUnread();
    void sendingWithoutARoomSaysHowToJoin();
    void hostingOnATakenPortSaysWhy();
    void keepHistoryIsOnByDefaultAndRemembered();
    void announceIsOnForTheNetworkAndRemembered();
    void aRoomThatKeepsItsHistorySaysWhere();
    void historyThatCannotBeKeptSaysWhy();

    void ctrlLFocusesTheComposeBox();
    void languageChangesAtOnce();
    void scrollPositionIsKeptWhileReadingHistory();

private:
    QTemporaryDir m_home;
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(UiTestHome::isolate(m_home, u"tst_mainwindow"_s));
}

void tst_MainWindow::init()
{
    QVERIFY(UiTestHome::reset(myNick));
}

void tst_MainWindow::cleanupTestCase()
{
    UiTestHome::removeData();
}

void tst_MainWindow::hostingJoinsTheRoomAndShowsWhoIsThere()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    window.hostRoom(roomConfig(u"Lunch room"_s), QHostAddress::LocalHost, 0);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(window), waitMs);
    QCOMPARE(window.host()->status(), RoomHost::Status::Running);
    QVERIFY(window.host()->port() != 0);
    QCOMPARE(window.session()->room(), u"Lunch room"_s);
    QCOMPARE(window.session()->nick(), myNick);
    QCOMPARE(window.session()->mode(), ChatSession::Mode::Rich);
    QTRY_VERIFY(window.windowTitle().contains(u"Lunch room"_s));

    // The banner says that this computer hosts the room, and which one.
    auto *banner = window.findChild<QFrame *>(u"hostBanner"_s);
    QVERIFY(banner);
    QVERIFY(banner->isVisible());
    bool named = false;
    const auto bannerLabels = banner->findChildren<QLabel *>();
    for (const QLabel *label : bannerLabels)
        named = named || (label->isVisible() && label->text().contains(u"Lunch room"_s));
    QVERIFY2(named, "the banner does not name the room");

    QCOMPARE(window.memberView()->model()->rowCount(), 1);
    QCOMPARE(memberNicks(window.memberView()->model()), QStringList{myNick});
    QTRY_COMPARE(statusLabel(window)->text(), u"Connected"_s);

    // Someone else joins the hosted room.
    RichClient jun;
    const QJsonObject welcome = jun.join(hostedUrl(window), u"jun"_s);
    QVERIFY(!welcome.isEmpty());
    QCOMPARE(welcome.value(u"room"_s).toString(), u"Lunch room"_s);

    QTRY_COMPARE_WITH_TIMEOUT(window.memberView()->model()->rowCount(), 2, waitMs);
    QVERIFY(memberNicks(window.memberView()->model()).contains(u"jun"_s));
    QVERIFY(window.memberView()->isVisible());
    const QAbstractItemModel *chat = window.chatView()->model();
    QTRY_VERIFY(systemRowOf(chat, ChatLine::Event::Join, u"jun"_s) >= 0);
    const QModelIndex joinedLine = chat->index(systemRowOf(chat, ChatLine::Event::Join, u"jun"_s),
                                               0);
    QCOMPARE(MessageDelegate::systemText(joinedLine), u"→ jun joined"_s);
    QTRY_COMPARE(window.host()->peerCount(), 2);
}

void tst_MainWindow::enterSendsAndTheMessageIsDelivered()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());

    DeliveryLog log(window.session()->messages(), u"hello room"_s);
    const int rowsBefore = window.chatView()->model()->rowCount();
    QTest::keyClicks(window.compose(), u"hello room"_s);
    QCOMPARE(window.compose()->toPlainText(), u"hello room"_s);
    QCOMPARE(window.chatView()->model()->rowCount(), rowsBefore); // typing sends nothing
    QTest::keyClick(window.compose(), Qt::Key_Return);

    // At once: an own line in the chat, and an empty compose box for the next one.
    const QAbstractItemModel *chat = window.chatView()->model();
    const int row = rowOf(chat, ChatLine::Kind::Own, u"hello room"_s);
    QVERIFY(row >= 0);
    QCOMPARE(chat->index(row, 0).data(MessageModel::SenderRole).toString(), myNick);
    QCOMPARE(window.compose()->toPlainText(), QString());

    // Then the room confirms it, and the others get it.
    QTRY_COMPARE_WITH_TIMEOUT(deliveryAt(chat, rowOf(chat, ChatLine::Kind::Own, u"hello room"_s)),
                              ChatLine::Delivery::Delivered, waitMs);
    QCOMPARE(log.states(),
             (QList<ChatLine::Delivery>{ChatLine::Delivery::Queued, ChatLine::Delivery::Sent,
                                        ChatLine::Delivery::Delivered}));
    const QJsonObject received = jun.waitFor(messageWithText(u"hello room"_s));
    QVERIFY(!received.isEmpty());
    QCOMPARE(received.value(u"from"_s).toString(), myNick);
    // Shown once, although the room echoed it back.
    int shown = 0;
    for (int r = 0; r < chat->rowCount(); ++r)
        shown += textAt(chat, r) == u"hello room"_s ? 1 : 0;
    QCOMPARE(shown, 1);
}

void tst_MainWindow::shiftEnterMakesANewLineInsteadOfSending()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    const QAbstractItemModel *chat = window.chatView()->model();
    QTRY_VERIFY(systemRowOf(chat, ChatLine::Event::Join, u"jun"_s) >= 0);
    const int rowsBefore = chat->rowCount();

    QTest::keyClicks(window.compose(), u"line one"_s);
    QTest::keyClick(window.compose(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(window.compose(), u"line two"_s);
    QCOMPARE(window.compose()->toPlainText(), u"line one\nline two"_s);
    QCOMPARE(chat->rowCount(), rowsBefore);

    // Enter sends both lines as one message.
    QTest::keyClick(window.compose(), Qt::Key_Return);
    QCOMPARE(window.compose()->toPlainText(), QString());
    QVERIFY(rowOf(chat, ChatLine::Kind::Own, u"line one\nline two"_s) >= 0);
    QVERIFY(!jun.waitFor(messageWithText(u"line one\nline two"_s)).isEmpty());

    // An empty compose box (or only spaces) sends nothing.
    const int rowsAfter = chat->rowCount();
    QTest::keyClick(window.compose(), Qt::Key_Return);
    QTest::keyClicks(window.compose(), u"   "_s);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    QCOMPARE(chat->rowCount(), rowsAfter);
}

void tst_MainWindow::messageTypedBeforeTheRoomIsUpIsQueuedThenDelivered()
{
    const quint16 port = freePort();
    QVERIFY(port != 0);
    RoomServer server(roomConfig(u"Late room"_s)); // declared first: outlives the window
    MainWindow window;
    QVERIFY(showAndActivate(window));
    window.joinRoom(urlOf(port), myNick, defaultOffer);
    QVERIFY(window.session());
    QVERIFY(!window.session()->isJoined());

    DeliveryLog log(window.session()->messages(), u"are you there?"_s);
    typeAndSend(window, u"are you there?"_s);
    const QAbstractItemModel *chat = window.chatView()->model();
    const int row = rowOf(chat, ChatLine::Kind::Own, u"are you there?"_s);
    QVERIFY(row >= 0);
    QCOMPARE(deliveryAt(chat, row), ChatLine::Delivery::Queued);
    QCOMPARE(window.session()->pendingCount(), 1);
    // The status bar says that something waits to be sent.
    QTRY_VERIFY(statusLabel(window)->text().contains(u"waiting to be sent: 1"_s));
    QCOMPARE(deliveryAt(chat, row), ChatLine::Delivery::Queued);

    // The room comes up; the reconnect finds it and the message goes.
    QVERIFY(server.listen(QHostAddress::LocalHost, port));
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(window), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryAt(chat,
                                         rowOf(chat, ChatLine::Kind::Own, u"are you there?"_s)),
                              ChatLine::Delivery::Delivered, waitMs);
    QCOMPARE(log.states().constFirst(), ChatLine::Delivery::Queued);
    QCOMPARE(log.states().constLast(), ChatLine::Delivery::Delivered);
    QCOMPARE(window.session()->pendingCount(), 0);
    QTRY_COMPARE(statusLabel(window)->text(), u"Connected"_s);
    QVERIFY(server.seq() > 0);
}

void tst_MainWindow::plainServerGivesPlainMode()
{
    PlainRoom room;
    QVERIFY(room.listen());
    MainWindow window;
    QVERIFY(showAndActivate(window));
    window.joinRoom(urlOf(room.port()), myNick, defaultOffer);

    QTRY_COMPARE_WITH_TIMEOUT(window.session()->mode(), ChatSession::Mode::Plain, waitMs);
    QCOMPARE(window.session()->connection()->subprotocol(), u"chatting"_s);
    // No member list in plain mode, and the header says why lines look as they do.
    QTRY_VERIFY(!window.memberView()->isVisible());
    QLabel *hint = headerLabelStartingWith(window, u"plain WebSocket"_s);
    QVERIFY(hint);
    QVERIFY(hint->isVisible());

    // Nothing to join: the status bar says it is connected.
    QTRY_COMPARE(statusLabel(window)->text(), u"Connected"_s);

    // What the server says is shown as it is, under the server's name.
    const QAbstractItemModel *chat = window.chatView()->model();
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(chat, ChatLine::Kind::Chat, PlainRoom::greeting) >= 0, waitMs);
    const QModelIndex greeting = chat->index(rowOf(chat, ChatLine::Kind::Chat, PlainRoom::greeting),
                                             0);
    QCOMPARE(greeting.data(MessageModel::SenderRole).toString(), u"127.0.0.1"_s);

    // What I send goes out as a bare text frame; the room relays it back to me too, and that
    // echo confirms my line instead of showing it a second time.
    typeAndSend(window, u"plain hello"_s);
    QTRY_VERIFY_WITH_TIMEOUT(room.received.contains(u"plain hello"_s), waitMs);
    const int own = rowOf(chat, ChatLine::Kind::Own, u"plain hello"_s);
    QVERIFY(own >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryAt(chat, own), ChatLine::Delivery::Delivered, waitMs);
    QCOMPARE(rowOf(chat, ChatLine::Kind::Chat, u"plain hello"_s), -1);
}

void tst_MainWindow::proxyLoginIsAskedForOnce()
{
    // A room reached through a SOCKS5 proxy that wants a login: the window asks for the
    // password (the user is in the proxy address), and the connection goes through.
    PlainRoom room;
    QVERIFY(room.listen());
    Socks5Proxy proxy;
    QVERIFY(proxy.listen());
    proxy.setCredentials("cleo", "pw-typed");
    ProxySetting setting;
    QVERIFY(ProxySetting::parse(u"socks5://cleo@127.0.0.1:%1"_s.arg(proxy.port()), &setting));
    MainWindow window;
    QVERIFY(showAndActivate(window));
    int asked = 0;
    QString question;
    // The question is a modal dialog with its own event loop: answer it from a timer.
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        ++asked;
        question = dialog->labelText();
        dialog->setTextValue(u"pw-typed"_s);
        dialog->accept();
    });
    answer.start();
    window.joinRoom(urlOf(room.port()), myNick, defaultOffer, {}, {}, setting);
    QTRY_COMPARE_WITH_TIMEOUT(statusLabel(window)->text(), u"Connected"_s, waitMs);
    QCOMPARE(asked, 1);
    QVERIFY2(question.contains(u"SOCKS5 proxy 127.0.0.1:%1"_s.arg(proxy.port()))
                     && question.contains(u"cleo"_s),
             qPrintable(question));
    QCOMPARE(proxy.logins(), 1);
    QCOMPARE(proxy.requests(), QStringList{u"127.0.0.1:%1"_s.arg(room.port())});
}

void tst_MainWindow::mentionOfMyNickIsHighlighted()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());

    const QString plainText = u"lunch at noon?"_s;
    const QString mentionText = u"@%1 can you resend the slides?"_s.arg(myNick);
    QVERIFY(peerSays(window, jun, plainText));
    QVERIFY(peerSays(window, jun, mentionText));

    MessageDelegate *delegate = window.chatView()->messageDelegate();
    QVERIFY(delegate->mentionsMe(mentionText));
    QVERIFY(!delegate->mentionsMe(plainText));
    QVERIFY(delegate->mentionsMe(u"thanks MINA!"_s));
    QVERIFY(!delegate->mentionsMe(u"minami is here"_s));

    // Rendered: the row of the mention carries the mention tint, the other row does not.
    const QAbstractItemModel *chat = window.chatView()->model();
    const QModelIndex mention = chat->index(rowOf(chat, ChatLine::Kind::Chat, mentionText), 0);
    const QModelIndex other = chat->index(rowOf(chat, ChatLine::Kind::Chat, plainText), 0);
    QTRY_VERIFY(window.chatView()->isAtBottom());
    const QRect mentionRect = window.chatView()->visualRect(mention);
    const QRect otherRect = window.chatView()->visualRect(other);
    QVERIFY(window.chatView()->viewport()->rect().contains(mentionRect));
    QVERIFY(window.chatView()->viewport()->rect().contains(otherRect));

    const QImage image = renderChat(window);
    const QPalette palette = window.chatView()->palette();
    const QColor tint = Theme::mentionTint(palette);
    const QColor base = palette.color(QPalette::Base);
    QVERIFY(!sameColor(tint, base, 10));
    // A point in the row's right margin, where no text is drawn.
    const QPoint inMention(mentionRect.right() - 4, mentionRect.bottom() - 1);
    const QPoint inOther(otherRect.right() - 4, otherRect.bottom() - 1);
    QVERIFY2(sameColor(image.pixelColor(inMention), tint),
             qPrintable(
                     u"mention row is %1, the tint is %2"_s.arg(image.pixelColor(inMention).name(),
                                                                tint.name())));
    QVERIFY2(!sameColor(image.pixelColor(inOther), tint),
             qPrintable(u"a row without a mention is tinted %1"_s.arg(
                     image.pixelColor(inOther).name())));
}

void tst_MainWindow::htmlInAMessageIsShownLiterally()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());

    const QString html = u"<b>bold</b> <a href=x>link</a>"_s;
    // A first line, so that the HTML one is grouped under it and its row holds only its text.
    QVERIFY(peerSays(window, jun, u"look:"_s));
    QVERIFY(peerSays(window, jun, html));

    const QAbstractItemModel *chat = window.chatView()->model();
    const QModelIndex index = chat->index(rowOf(chat, ChatLine::Kind::Chat, html), 0);
    QCOMPARE(index.data(MessageModel::TextRole).toString(), html);
    const QString copied = window.chatView()->messageDelegate()->plainText(index);
    QVERIFY2(copied.endsWith(u"jun: "_s + html), qPrintable(copied));

    // As drawn: the text is as wide as the literal characters, not as "bold link".
    QTRY_VERIFY(window.chatView()->isAtBottom());
    const QRect rect = window.chatView()->visualRect(index);
    QVERIFY(window.chatView()->viewport()->rect().contains(rect));
    const QImage image = renderChat(window);
    const QColor base = window.chatView()->palette().color(QPalette::Base);
    const auto [left, right] = inkExtent(image, rect, base);
    QVERIFY2(left >= 0, "nothing is drawn in the row of the message");
    const QFontMetrics fm(window.chatView()->font());
    const int literal = fm.horizontalAdvance(html);
    const int rendered = fm.horizontalAdvance(u"bold link"_s);
    const int inked = right - left + 1;
    QVERIFY2(qAbs(inked - literal) <= literal / 10 + 4,
             qPrintable(u"drawn %1 px wide; the literal text is %2 px, as HTML it would be %3 px"_s
                                .arg(inked)
                                .arg(literal)
                                .arg(rendered)));

    // No widget in the window shows it as rich text.
    const auto labels = window.findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->text().contains(u"bold"_s))
            QCOMPARE(label->textFormat(), Qt::PlainText);
    }
    const auto editors = window.findChildren<QTextEdit *>();
    for (const QTextEdit *editor : editors)
        QVERIFY(!editor->toPlainText().contains(u"bold link"_s));

    // And my own HTML goes out, and is shown, as typed.
    typeAndSend(window, html);
    QVERIFY(!jun.waitFor([&](const QJsonObject &o) {
                    return o.value(u"type"_s) == u"message"_s
                           && o.value(u"from"_s).toString() == myNick
                           && o.value(u"text"_s).toString() == html;
                }).isEmpty());
    QVERIFY(rowOf(chat, ChatLine::Kind::Own, html) >= 0);
}

void tst_MainWindow::unreadMessagesAreCountedWhileScrolledUp()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    ChatView *view = window.chatView();

    // Enough for the chat to scroll; read as they arrive (at the bottom, window active).
    for (int i = 1; i <= 40; ++i)
        jun.say(u"fill-%1"_s.arg(i), u"filler message %1"_s.arg(i));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(view->model(), ChatLine::Kind::Chat, u"filler message 40"_s) >= 0,
                             waitMs);
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
    QTRY_VERIFY(view->isAtBottom());
    QCOMPARE(view->unreadCount(), 0);
    QToolButton *jump = jumpButton(window);
    QVERIFY(jump);
    QVERIFY(!jump->isVisible());

    // Scrolled to the top, the user is reading history: new messages are counted.
    view->verticalScrollBar()->setValue(0);
    QVERIFY(!view->isAtBottom());
    QTRY_VERIFY(jump->isVisible());
    QSignalSpy unreadChanged(view, &ChatView::unreadCountChanged);
    for (int i = 1; i <= 3; ++i)
        QVERIFY(peerSays(window, jun, u"news %1"_s.arg(i)));
    QTRY_COMPARE(view->unreadCount(), 3);
    QVERIFY(!unreadChanged.isEmpty());
    QCOMPARE(unreadChanged.constLast().constFirst().toInt(), 3);
    QVERIFY(jump->isVisible());
    QVERIFY2(jump->text().contains(u'3'), qPrintable(jump->text()));
    QCOMPARE(view->verticalScrollBar()->value(), 0); // not pulled down
    QVERIFY2(window.windowTitle().startsWith(u"(3)"_s), qPrintable(window.windowTitle()));
    // The "new messages" marker sits above the first of them.
    QCOMPARE(view->messageDelegate()->unreadRow(),
             rowOf(view->model(), ChatLine::Kind::Chat, u"news 1"_s));

    // "Jump to latest" goes to the bottom and forgets the count.
    QTest::mouseClick(jump, Qt::LeftButton);
    QTRY_VERIFY(view->isAtBottom());
    QCOMPARE(view->unreadCount(), 0);
    QTRY_VERIFY(!jump->isVisible());
    QTRY_VERIFY(!window.windowTitle().startsWith(u"("_s));

    // At the bottom, with the window active, new messages are read as they come.
    QVERIFY(window.isActiveWindow());
    QVERIFY(peerSays(window, jun, u"while you watch 1"_s));
    QVERIFY(peerSays(window, jun, u"while you watch 2"_s));
    QTRY_VERIFY(view->isAtBottom());
    QCOMPARE(view->unreadCount(), 0);
    QVERIFY(!jump->isVisible());
    QVERIFY(!window.windowTitle().startsWith(u"("_s));
}

void tst_MainWindow::nickCommandRenamesMeInTheRoom()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    QTRY_COMPARE(window.memberView()->model()->rowCount(), 2);

    typeAndSend(window, u"/nick sora"_s);
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->nick(), u"sora"_s, waitMs);
    QTRY_VERIFY(memberNicks(window.memberView()->model()).contains(u"sora"_s));
    QVERIFY(!memberNicks(window.memberView()->model()).contains(myNick));
    const QAbstractItemModel *members = window.memberView()->model();
    const int me = int(memberNicks(members).indexOf(u"sora"_s));
    QVERIFY(members->index(me, 0).data(MemberModel::IsYouRole).toBool());
    // The others learn it, the chat says it, and the next start uses it.
    QVERIFY(!jun.waitFor([](const QJsonObject &o) {
                    return o.value(u"type"_s) == u"nick"_s && o.value(u"to"_s) == u"sora"_s;
                }).isEmpty());
    QTRY_VERIFY(systemRowOf(window.chatView()->model(), ChatLine::Event::NickChange, myNick) >= 0);
    QCOMPARE(AppSettings().nick(), u"sora"_s);
    // Mentions follow the new nickname.
    QVERIFY(window.chatView()->messageDelegate()->mentionsMe(u"hi @sora"_s));

    // An unusable nickname is explained and changes nothing.
    // (Pasted: QTest types Latin-1 only.)
    window.compose()->insertPlainText(u"/nick a\u200Bb"_s);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    const QAbstractItemModel *chat = window.chatView()->model();
    QCOMPARE(kindAt(chat, chat->rowCount() - 1), ChatLine::Kind::Error);
    QVERIFY(textAt(chat, chat->rowCount() - 1).contains(u"invisible"_s));
    QCOMPARE(window.session()->nick(), u"sora"_s);
}

void tst_MainWindow::helpCommandAddsANotice()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    const QAbstractItemModel *chat = window.chatView()->model();
    const int rowsBefore = chat->rowCount();

    typeAndSend(window, u"/help"_s);
    QCOMPARE(chat->rowCount(), rowsBefore + 1);
    const int row = chat->rowCount() - 1;
    QCOMPARE(kindAt(chat, row), ChatLine::Kind::System);
    QVERIFY(textAt(chat, row).contains(u"/nick"_s));
    QVERIFY(textAt(chat, row).contains(u"/clear"_s));
    QVERIFY(MessageDelegate::systemText(chat->index(row, 0)).contains(u"/nick"_s));
    QCOMPARE(window.compose()->toPlainText(), QString());
}

void tst_MainWindow::clearCommandEmptiesTheView()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    QVERIFY(peerSays(window, jun, u"something to clear"_s));
    QVERIFY(window.chatView()->model()->rowCount() > 0);

    typeAndSend(window, u"/clear"_s);
    QCOMPARE(window.chatView()->model()->rowCount(), 0);
    // The room is still there: the next message is shown as usual.
    QVERIFY(peerSays(window, jun, u"after the clear"_s));
    QCOMPARE(window.chatView()->model()->rowCount(), 1);
}

void tst_MainWindow::unknownCommandShowsAnError()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    const QAbstractItemModel *chat = window.chatView()->model();

    typeAndSend(window, u"/frobnicate now"_s);
    const int row = chat->rowCount() - 1;
    QVERIFY(row >= 0);
    QCOMPARE(kindAt(chat, row), ChatLine::Kind::Error);
    QVERIFY2(textAt(chat, row).contains(u"/frobnicate"_s), qPrintable(textAt(chat, row)));
    QVERIFY(textAt(chat, row).contains(u"/help"_s));
    QCOMPARE(rowOf(chat, ChatLine::Kind::Own, u"/frobnicate now"_s), -1);
}

void tst_MainWindow::doubleSlashSendsALiteralSlash()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    // jun's arrival is shown first (the room may announce joins in batches, a moment later).
    QTRY_COMPARE(window.session()->members()->rowCount(), 2);

    typeAndSend(window, u"//shrug is a command elsewhere"_s);
    const QAbstractItemModel *chat = window.chatView()->model();
    QVERIFY(rowOf(chat, ChatLine::Kind::Own, u"/shrug is a command elsewhere"_s) >= 0);
    QVERIFY(!jun.waitFor(messageWithText(u"/shrug is a command elsewhere"_s)).isEmpty());
    QCOMPARE(kindAt(chat, chat->rowCount() - 1), ChatLine::Kind::Own);
}

void tst_MainWindow::commandsAreNotSentToTheRoom()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());

    typeAndSend(window, u"/help"_s);
    typeAndSend(window, u"/HELP"_s);
    typeAndSend(window, u"/frobnicate"_s);
    typeAndSend(window, u"barrier"_s);
    QVERIFY(!jun.waitFor(messageWithText(u"barrier"_s)).isEmpty());
    const auto messages = jun.objectsOfType(u"message"_s);
    for (const QJsonObject &o : messages)
        QVERIFY2(!o.value(u"text"_s).toString().startsWith(u'/'),
                 qPrintable(o.value(u"text"_s).toString()));
}

void tst_MainWindow::upRecallsWhatWasSent()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    ComposeEdit *compose = window.compose();

    typeAndSend(window, u"first message"_s);
    typeAndSend(window, u"second message"_s);
    QCOMPARE(compose->toPlainText(), QString());

    QTest::keyClick(compose, Qt::Key_Up);
    QCOMPARE(compose->toPlainText(), u"second message"_s);
    QTest::keyClick(compose, Qt::Key_Up);
    QCOMPARE(compose->toPlainText(), u"first message"_s);
    QTest::keyClick(compose, Qt::Key_Down);
    QCOMPARE(compose->toPlainText(), u"second message"_s);
    QTest::keyClick(compose, Qt::Key_Down);
    QCOMPARE(compose->toPlainText(), QString());

    // Recalled, it can be sent again as it is.
    QTest::keyClick(compose, Qt::Key_Up);
    QTest::keyClick(compose, Qt::Key_Return);
    const QAbstractItemModel *chat = window.chatView()->model();
    int sent = 0;
    for (int row = 0; row < chat->rowCount(); ++row)
        sent += kindAt(chat, row) == ChatLine::Kind::Own
                && textAt(chat, row) == u"second message"_s;
    QCOMPARE(sent, 2);
}

void tst_MainWindow::statusBarCountsDownToTheReconnectAndTryNowReconnects()
{
    auto server = std::make_unique<RoomServer>(roomConfig(u"Flaky room"_s));
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    const quint16 port = server->port();
    MainWindow window;
    QVERIFY(showAndActivate(window));
    window.joinRoom(urlOf(port), myNick, defaultOffer);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(window), waitMs);
    QLabel *status = statusLabel(window);
    QPushButton *tryNow = tryNowButton(window);
    QVERIFY(status);
    QVERIFY(tryNow);
    QTRY_COMPARE(status->text(), u"Connected"_s);
    QVERIFY(!tryNow->isVisible());

    // The room goes away; the connection waits for its next attempt.
    QSignalSpy stopped(server.get(), &RoomServer::stopped);
    server->shutdown();
    QVERIFY(stopped.count() > 0 || stopped.wait(waitMs));
    server.reset();
    ConnectionManager *connection = window.session()->connection();
    QTRY_VERIFY_WITH_TIMEOUT(connection->isReconnectScheduled(), waitMs);

    // The status bar counts down to that attempt and offers to try now.
    const QRegularExpression countdown(u"^Reconnecting in (\\d+) s"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(countdown.match(status->text()).hasMatch()
                                      || !connection->isReconnectScheduled(),
                              qPrintable(status->text()), 1000);
    QVERIFY2(countdown.match(status->text()).hasMatch(), qPrintable(status->text()));
    QVERIFY(tryNow->isVisible());
    // What is typed meanwhile waits, visibly.
    typeAndSend(window, u"typed while away"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(u"waiting to be sent: 1"_s),
                              qPrintable(status->text()), 2000);

    // The room is back. "Try Now" connects at once instead of waiting for the countdown. (Once
    // the countdown is long enough that the scheduled attempt cannot be what reconnects.)
    auto msToGo = [connection] {
        return QDateTime::currentDateTimeUtc().msecsTo(connection->nextAttemptAt());
    };
    QTRY_VERIFY_WITH_TIMEOUT(connection->isReconnectScheduled() && msToGo() > 700, 15000);
    server = std::make_unique<RoomServer>(roomConfig(u"Flaky room"_s));
    QVERIFY(server->listen(QHostAddress::LocalHost, port));
    const QRegularExpressionMatch m = countdown.match(status->text());
    QVERIFY2(m.hasMatch(), qPrintable(status->text()));
    QVERIFY2(qAbs(m.captured(1).toInt() - (msToGo() + 999) / 1000) <= 1,
             qPrintable(u"%1 with %2 ms to go"_s.arg(status->text()).arg(msToGo())));
    QVERIFY(tryNow->isVisible());
    QVERIFY(msToGo() > 200);
    QTest::mouseClick(tryNow, Qt::LeftButton);
    QVERIFY(!connection->isReconnectScheduled());
    QVERIFY(connection->state() != ConnectionStateMachine::State::Closed);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(window), waitMs);
    QTRY_COMPARE(status->text(), u"Connected"_s);
    QVERIFY(!tryNow->isVisible());
    const QAbstractItemModel *chat = window.chatView()->model();
    QTRY_COMPARE_WITH_TIMEOUT(deliveryAt(chat,
                                         rowOf(chat, ChatLine::Kind::Own, u"typed while away"_s)),
                              ChatLine::Delivery::Delivered, waitMs);
}

void tst_MainWindow::stoppingTheHostedRoomLeavesIt()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    auto *banner = window.findChild<QFrame *>(u"hostBanner"_s);
    QVERIFY(banner);
    QVERIFY(banner->isVisible());

    QSignalSpy stopped(window.host(), &RoomHost::stopped);
    window.stopHosting();
    QVERIFY(stopped.wait(waitMs));
    QTRY_VERIFY(!banner->isVisible());
    // Our own room is gone on purpose: leave it rather than reconnect to it forever.
    ConnectionManager *connection = window.session()->connection();
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), ConnectionStateMachine::State::Closed, waitMs);
    QCOMPARE(connection->lastClose().reason, CloseInfo::Reason::User);
    QVERIFY(!connection->isReconnectScheduled());
    QVERIFY(!tryNowButton(window)->isVisible());
    const QAbstractItemModel *chat = window.chatView()->model();
    QVERIFY(rowOf(chat, ChatLine::Kind::System,
                  u"You stopped hosting the room; everyone in it was told the room closed."_s)
            >= 0);
}

void tst_MainWindow::messagesArrivingInTheBackgroundAreCounted()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    QVERIFY(peerSays(window, jun, u"seen while active"_s));
    ChatView *view = window.chatView();
    QTRY_VERIFY(view->isAtBottom());
    QCOMPARE(view->unreadCount(), 0);

    // Another window takes the focus: Parlor is in the background, its chat still at the bottom.
    QWidget other;
    other.setWindowTitle(u"another application"_s);
    other.resize(200, 100);
    other.show();
    other.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&other));
    QTRY_VERIFY(!window.isActiveWindow());

    QVERIFY(peerSays(window, jun, u"while you were away 1"_s));
    QVERIFY(peerSays(window, jun, u"while you were away 2"_s));
    // Where the unseen messages begin is marked...
    QCOMPARE(view->messageDelegate()->unreadRow(),
             rowOf(view->model(), ChatLine::Kind::Chat, u"while you were away 1"_s));
    // ... and they are counted, in the chat and in the window title (what the taskbar shows).
    QCOMPARE(view->unreadCount(), 2);
    QVERIFY2(window.windowTitle().startsWith(u"(2)"_s), qPrintable(window.windowTitle()));

    // Back to Parlor, at the bottom: they are read now.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_COMPARE_WITH_TIMEOUT(view->unreadCount(), 0, 1000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.windowTitle().startsWith(u"("_s), 1000);
}

void tst_MainWindow::aBurstWhileWatchingIsNotUnread()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    ChatView *view = window.chatView();
    QVERIFY(peerSays(window, jun, u"hello"_s));
    QTRY_VERIFY(view->isAtBottom());
    QSignalSpy unreadChanged(view, &ChatView::unreadCountChanged);

    // Several messages at once (one network read), enough to scroll, while the user watches.
    for (int i = 1; i <= 30; ++i)
        jun.say(u"burst-%1"_s.arg(i), u"burst %1"_s.arg(i));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(view->model(), ChatLine::Kind::Chat, u"burst 30"_s) >= 0, waitMs);
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
    QTRY_VERIFY(view->isAtBottom());
    QCOMPARE(view->unreadCount(), 0);
    // Nothing was unread at any moment: no count, no title badge, no "new messages" marker.
    for (const QList<QVariant> &change : std::as_const(unreadChanged))
        QCOMPARE(change.constFirst().toInt(), 0);
    QCOMPARE(view->messageDelegate()->unreadRow(), -1);
    QVERIFY(!jumpButton(window)->isVisible());
}

void tst_MainWindow::sendingWithoutARoomSaysHowToJoin()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(!window.session());

    typeAndSend(window, u"hello?"_s);
    // The words must not vanish without a word: the user is told how to get into a room.
    QVERIFY2(windowSays(window, u"not in a room"_s),
             "typing with no room open: the message vanished and nothing was shown");
}

void tst_MainWindow::hostingOnATakenPortSaysWhy()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QSignalSpy failed(window.host(), &RoomHost::failed);

    window.hostRoom(roomConfig(), QHostAddress::LocalHost, squatter.serverPort());
    QVERIFY(failed.wait(waitMs));
    QCOMPARE(window.host()->status(), RoomHost::Status::Stopped);
    QVERIFY2(windowSays(window, u"Could not host the room on port %1"_s.arg(squatter.serverPort())),
             "hosting failed and the window does not say so");
}

static QCheckBox *checkBoxNamed(QWidget &parent, const QString &accessibleName)
{
    for (QCheckBox *box : parent.findChildren<QCheckBox *>()) {
        if (box->accessibleName() == accessibleName)
            return box;
    }
    return nullptr;
}

static QRadioButton *radioNamed(QWidget &parent, const QString &text)
{
    for (QRadioButton *button : parent.findChildren<QRadioButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

void tst_MainWindow::keepHistoryIsOnByDefaultAndRemembered()
{
    {
        HostDialog dialog;
        auto *keep = checkBoxNamed(dialog, u"Keep history on this computer"_s);
        QVERIFY(keep);
        QVERIFY(keep->isChecked());
        QCOMPARE(dialog.history(), SessionController::History::Kept);
        QCOMPARE(HostDialog::rememberedHistory(), SessionController::History::Kept);
        // The explanation says where.
        bool says = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            says = says || label->text().contains(u"/rooms"_s);
        QVERIFY2(says, "the dialog does not say where history is kept");
        keep->setChecked(false);
        QCOMPARE(dialog.history(), SessionController::History::InMemory);
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(HostDialog::rememberedHistory(), SessionController::History::InMemory);
    HostDialog again;
    QVERIFY(!checkBoxNamed(again, u"Keep history on this computer"_s)->isChecked());
}

void tst_MainWindow::announceIsOnForTheNetworkAndRemembered()
{
    {
        HostDialog dialog;
        auto *announce = checkBoxNamed(dialog, u"Let people nearby find the room"_s);
        QVERIFY(announce);
        QVERIFY(announce->isChecked());
        QVERIFY(dialog.config().announce);
        // Only this computer: nobody nearby could join, so there is nothing to announce.
        auto *local = radioNamed(dialog, u"Only this &computer"_s);
        QVERIFY(local);
        local->setChecked(true);
        QVERIFY(!announce->isEnabled());
        QVERIFY(!dialog.config().announce);
        radioNamed(dialog, u"Everyone on my &network"_s)->setChecked(true);
        QVERIFY(announce->isEnabled());
        announce->setChecked(false);
        QVERIFY(!dialog.config().announce);
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QVERIFY(!HostDialog::rememberedAnnounce());
    HostDialog again;
    QVERIFY(!checkBoxNamed(again, u"Let people nearby find the room"_s)->isChecked());
}

void tst_MainWindow::aRoomThatKeepsItsHistorySaysWhere()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    auto *banner = window.findChild<HostBanner *>();
    QVERIFY(banner);
    window.hostRoom(roomConfig(u"Lunch room"_s), QHostAddress::LocalHost, 0, false,
                    SessionController::History::Kept);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(window), waitMs);
    QVERIFY(banner->historyLabel()->isVisible());
    const QString dir = QFileInfo(SessionController::historyDirectory(u"Lunch room"_s)).fileName();
    QVERIFY2(banner->historyLabel()->text().contains(dir),
             qPrintable(banner->historyLabel()->text()));

    // A room in memory says nothing of the kind.
    window.hostRoom(roomConfig(u"Other room"_s), QHostAddress::LocalHost, 0);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(window) && window.session()->room() == u"Other room"_s,
                             waitMs);
    QVERIFY(!banner->historyLabel()->isVisible());
}

void tst_MainWindow::historyThatCannotBeKeptSaysWhy()
{
    // A file where the room's history folder should be.
    const QString dir = SessionController::historyDirectory(u"Lunch room"_s);
    QVERIFY(QDir().mkpath(QFileInfo(dir).absolutePath()));
    QFile blocker(dir);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QSignalSpy failed(window.host(), &RoomHost::failed);
    window.hostRoom(roomConfig(u"Lunch room"_s), QHostAddress::LocalHost, 0, false,
                    SessionController::History::Kept);
    QVERIFY(failed.wait(waitMs));
    QCOMPARE(window.host()->status(), RoomHost::Status::Stopped);
    QVERIFY2(windowSays(window, u"The room was not started: its history cannot be kept"_s),
             "the window does not say why the room did not start");
    QVERIFY(!window.session());
}

void tst_MainWindow::ctrlLFocusesTheComposeBox()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    window.chatView()->setFocus();
    QTRY_VERIFY(window.chatView()->hasFocus());
    QVERIFY(!window.compose()->hasFocus());

    QTest::keyClick(window.chatView(), Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(window.compose()->hasFocus());
    // And the user writes there at once.
    QTest::keyClicks(QApplication::focusWidget(), u"hello"_s);
    QCOMPARE(window.compose()->toPlainText(), u"hello"_s);
}

void tst_MainWindow::languageChangesAtOnce()
{
    MainWindow window;
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    const QAbstractItemModel *chat = window.chatView()->model();
    QTRY_VERIFY_WITH_TIMEOUT(systemRowOf(chat, ChatLine::Event::Join, u"jun"_s) >= 0, waitMs);
    const QModelIndex joined = chat->index(systemRowOf(chat, ChatLine::Event::Join, u"jun"_s), 0);
    window.inspector()->show();
    QTRY_VERIFY(window.inspector()->isVisible());

    QAction *roomMenu = window.menuBar()->actions().constFirst();
    auto *header = window.findChild<RoomHeader *>();
    QVERIFY(header);
    auto *banner = window.findChild<HostBanner *>();
    QVERIFY(banner);
    const auto bannerSays = [banner](const QString &words) {
        const auto labels = banner->findChildren<QLabel *>();
        return std::any_of(labels.begin(), labels.end(),
                           [&](QLabel *label) { return label->text().contains(words); });
    };
    const auto statusSays = [&window](const QString &words) {
        const auto labels = window.statusBar()->findChildren<QLabel *>();
        return std::any_of(labels.begin(), labels.end(),
                           [&](QLabel *label) { return label->text() == words; });
    };
    QCOMPARE(roomMenu->text(), u"&Room"_s);
    QTRY_COMPARE(statusLabel(window)->text(), u"Connected"_s);
    QVERIFY(bannerSays(u"You are hosting"_s));
    QCOMPARE(window.chatView()->messageDelegate()->plainText(joined).contains(u"jun joined"_s),
             true);

    // Korean, chosen in the Preferences: the window changes at once, no restart.
    QVERIFY(chooseLanguage(window, u"ko"_s));
    QTRY_COMPARE(roomMenu->text(), u"대화방(&R)"_s);
    QCOMPARE(statusLabel(window)->text(), u"연결됨"_s);
    QVERIFY(statusSays(u"포트 %1에서 대화방 여는 중"_s.arg(window.host()->port())));
    QCOMPARE(window.compose()->placeholderText(), u"메시지를 입력하세요…"_s);
    QCOMPARE(header->inspectorButton()->text(), u"검사기"_s);
    QVERIFY(bannerSays(u"대화방을 열었습니다"_s));
    QCOMPARE(window.inspector()->windowTitle(), u"검사기"_s);
    QCOMPARE(window.inspector()->toggleViewAction()->text(), u"검사기(&I)"_s);
    QCOMPARE(window.inspector()->tabs()->tabText(0), u"타임라인"_s);
    QCOMPARE(window.inspector()->tabs()->tabText(2), u"프레임"_s);
    QCOMPARE(window.inspector()->exportButton()->text(), u"내보내기…"_s);
    QCOMPARE(window.chatView()->accessibleName(), u"메시지"_s);
    // Lines the chat words as it draws them, too.
    QVERIFY2(window.chatView()->messageDelegate()->plainText(joined).contains(
                     u"님이 들어왔습니다"_s),
             qPrintable(window.chatView()->messageDelegate()->plainText(joined)));
    QCOMPARE(AppSettings().language(), u"ko"_s);

    // And back to English, the same way.
    QVERIFY(chooseLanguage(window, u"en"_s));
    QTRY_COMPARE(roomMenu->text(), u"&Room"_s);
    QCOMPARE(statusLabel(window)->text(), u"Connected"_s);
    QCOMPARE(header->inspectorButton()->text(), u"Inspector"_s);
    QCOMPARE(window.inspector()->tabs()->tabText(0), u"Timeline"_s);
    QCOMPARE(window.inspector()->toggleViewAction()->text(), u"&Inspector"_s);
    QVERIFY(bannerSays(u"You are hosting"_s));
}

void tst_MainWindow::scrollPositionIsKeptWhileReadingHistory()
{
    MainWindow window;
    window.resize(720, 540); // inside the offscreen screen, so that the window keeps its width
    QVERIFY(showAndActivate(window));
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    ChatView *view = window.chatView();

    // Long lines, which wrap differently when the chat gets narrower.
    const QString words = u"a long line that wraps onto several lines when the chat is narrow "_s
                                  .repeated(3);
    for (int i = 1; i <= 60; ++i)
        jun.say(u"long-%1"_s.arg(i), u"%1 %2"_s.arg(i).arg(words));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(view->model(), ChatLine::Kind::Chat, u"60 %1"_s.arg(words)) >= 0,
                             waitMs);
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
    QTRY_VERIFY(view->isAtBottom());

    // The user scrolls up into the history, to the middle of a line.
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum() / 2);
    const TopRow anchor = topRow(view);
    QVERIFY(anchor.row > 0);
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->value()
                                        - anchor.hidden * anchor.height + anchor.height / 3);
    const TopRow reading = topRow(view);
    QCOMPARE(reading.row, anchor.row);
    QVERIFY(reading.hidden > 0.2 && reading.hidden < 0.5);

    // New lines arrive: what the user reads does not move.
    for (int i = 1; i <= 5; ++i)
        QVERIFY(peerSays(window, jun, u"news %1 %2"_s.arg(i).arg(words)));
    QTRY_VERIFY(view->unreadCount() == 5);
    QVERIFY(sameTopRow(view, reading));

    // The find bar opens and closes: the same.
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(window.findChild<FindBar *>()->isVisible());
    QTRY_VERIFY(sameTopRow(view, reading));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_VERIFY(!window.findChild<FindBar *>()->isVisible());
    QTRY_VERIFY(sameTopRow(view, reading));

    // The inspector takes room from the chat: its lines wrap anew (taller), and the line read
    // stays at the top, as far into it as before.
    const int wide = view->width();
    window.inspector()->show();
    QTRY_VERIFY(view->width() < wide);
    QTRY_VERIFY(topRow(view).height > reading.height
                || view->visualRect(view->model()->index(reading.row, 0)).height() > reading.height);
    QTRY_VERIFY2(sameTopRow(view, reading),
                 qPrintable(u"top row %1 (%2), was %3 (%4)"_s.arg(topRow(view).row)
                                    .arg(topRow(view).hidden)
                                    .arg(reading.row)
                                    .arg(reading.hidden)));
    // Closed, the room comes back, and the line is still there.
    window.inspector()->hide();
    QTRY_COMPARE(view->width(), wide);
    QTRY_COMPARE(view->visualRect(view->model()->index(reading.row, 0)).height(), reading.height);
    QTRY_VERIFY(sameTopRow(view, reading));
    QVERIFY(!view->isAtBottom());
}

QTEST_MAIN(tst_MainWindow)

#include "tst_mainwindow.moc"
