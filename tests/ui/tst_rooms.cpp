// Several rooms at once in the real MainWindow, offscreen, against real rooms on 127.0.0.1:
// in-process RoomServers (declared before the window, so they outlive it) and the room the
// window hosts itself. Other people are RichClient peers on real sockets. The user switches
// rooms with the keyboard (Ctrl+1…9, Ctrl+Tab) and the room list; what is observed is the room
// list's model, the chat view's model, the compose box, the tray and the title.
//
// Every wait is on a condition (QTRY_*, QTest::qWaitFor, QSignalSpy::wait); nothing sleeps.
// Settings and outboxes live in private temporary locations, cleared before every test.

#include "richclient.h"

#include "appsettings.h"
#include "chatview.h"
#include "composeedit.h"
#include "inspectorpanel.h"
#include "mainwindow.h"
#include "trayicon.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/connectionmanager.h"
#include "client/eventlog.h"
#include "client/mentionmatcher.h"
#include "client/messagemodel.h"
#include "desktop/roomlistmodel.h"
#include "inspector/eventlogmodel.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"
#include "server/roomserver.h"
#include "uitesthome.h"

#include <QAccessible>
#include <QDir>
#include <QJsonObject>
#include <QListView>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;
const QString myNick = u"mina"_s;
const QStringList offer{u"parlor.v1"_s};

RoomConfig roomConfig(const QString &name)
{
    RoomConfig config;
    config.roomName = name;
    config.messagesPerSecond = 1000;
    return config;
}

/// A room on 127.0.0.1 with someone in it who can talk.
struct TestRoom
{
    explicit TestRoom(const QString &name)
        : server(roomConfig(name))
    {}
    bool start() { return server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1"_s.arg(server.port())); }

    RoomServer server;
    RichClient peer;
};

bool hasLine(const QAbstractItemModel *model, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(MessageModel::TextRole).toString() == text)
            return true;
    }
    return false;
}

/// The room at \a row of the window's list: its session's chat.
MessageModel *chatOf(MainWindow &window, int row)
{
    SessionController *c = window.rooms()->controller(row);
    return c && c->session() ? c->session()->messages() : nullptr;
}

bool joinedAll(MainWindow &window)
{
    for (int row = 0; row < window.rooms()->rowCount(); ++row) {
        const SessionController *c = window.rooms()->controller(row);
        if (!c->session() || !c->session()->isJoined())
            return false;
    }
    return true;
}

QString roomName(MainWindow &window, int row)
{
    return window.rooms()->index(row).data(Qt::DisplayRole).toString();
}

/// Joins the window to each room and a peer "jun" to each; the last room joined is current.
bool joinRooms(MainWindow &window, const QList<TestRoom *> &rooms)
{
    for (TestRoom *room : rooms) {
        if (!room->start())
            return false;
        window.joinRoom(room->url(), myNick, offer);
    }
    if (!QTest::qWaitFor([&] { return joinedAll(window); }, waitMs))
        return false;
    for (TestRoom *room : rooms) {
        if (room->peer.join(room->url(), u"jun"_s).isEmpty())
            return false;
    }
    return true;
}

void say(TestRoom &room, const QString &text)
{
    static int counter = 0;
    room.peer.say(u"msg-%1"_s.arg(++counter), text);
}

} // namespace

class tst_Rooms : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void mentionMatchesTheNickAsAWord();
    void twoRoomsReceiveAtOnce();
    void ctrlNumberAndCtrlTabSwitchRooms();
    void eachRoomKeepsItsDraftAndScrollPosition();
    void leavingARoomClosesItsSession();
    void roomsAreRestoredAtTheNextStart();
    void aHostedRoomIsRestoredAsItWasHosted();
    void trayCountsEveryRoom();
    void aMentionInAnotherRoomIsMarked();
    void hostingWhileJoinedToAnotherRoom();
    void theRoomListIsReachableAndNamed();
    void eachRoomReconnectsOnItsOwnWithItsOwnRecord();

private:
    QTemporaryDir m_home;
};

void tst_Rooms::initTestCase()
{
    QVERIFY(UiTestHome::isolate(m_home, u"tst_rooms"_s));
}

void tst_Rooms::init()
{
    QVERIFY(UiTestHome::reset(myNick));
}

void tst_Rooms::cleanupTestCase()
{
    UiTestHome::removeData();
}

void tst_Rooms::mentionMatchesTheNickAsAWord()
{
    // The rule the room list's mark shares with the chat's highlighting (tst_replies has more).
    auto mina = [](const QString &text) {
        return MentionMatcher::mentions(text, u"mina"_s);
    };
    QVERIFY(mina(u"hi mina"_s));
    QVERIFY(mina(u"MINA, lunch?"_s));
    QVERIFY(mina(u"@Mina look"_s));
    QVERIFY(mina(u"(mina)"_s));
    QVERIFY(!mina(u"minaret"_s));
    QVERIFY(!mina(u"jasmina"_s));
    QVERIFY(!mina(u"mina_2 is here"_s));
    QVERIFY(!MentionMatcher::mentions(u"anything"_s, QString()));
    QVERIFY(MentionMatcher::mentions(u"미나 점심?"_s, u"미나"_s));
    QVERIFY(!MentionMatcher::mentions(u"한미나"_s, u"미나"_s));
}

void tst_Rooms::twoRoomsReceiveAtOnce()
{
    TestRoom lunch(u"Lunch"_s), desk(u"Desk"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(joinRooms(window, {&lunch, &desk}));
    QCOMPARE(window.rooms()->rowCount(), 2);
    QCOMPARE(roomName(window, 0), u"Lunch"_s);
    QCOMPARE(roomName(window, 1), u"Desk"_s);
    QCOMPARE(window.rooms()->current(), 1); // the room joined last is shown
    QCOMPARE(window.session()->room(), u"Desk"_s);

    // Both rooms talk at once.
    say(lunch, u"soup today"_s);
    say(desk, u"build is green"_s);
    say(lunch, u"and bread"_s);
    QTRY_VERIFY_WITH_TIMEOUT(hasLine(chatOf(window, 0), u"and bread"_s), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(hasLine(chatOf(window, 1), u"build is green"_s), waitMs);
    QVERIFY(hasLine(chatOf(window, 0), u"soup today"_s));
    QVERIFY(!hasLine(chatOf(window, 1), u"soup today"_s));
    QVERIFY(!hasLine(chatOf(window, 0), u"build is green"_s));

    // The room not shown counts what arrived there; the shown one does not.
    QCOMPARE(window.rooms()->unread(0), 2);
    QCOMPARE(window.rooms()->index(0).data(RoomListModel::UnreadRole).toInt(), 2);
    QCOMPARE(window.rooms()->unread(1), 0);
    QVERIFY(hasLine(window.chatView()->model(), u"build is green"_s));

    // Switching shows its lines and clears its count.
    window.selectRoom(0);
    QCOMPARE(window.rooms()->unread(0), 0);
    QCOMPARE(window.session()->room(), u"Lunch"_s);
    QVERIFY(hasLine(window.chatView()->model(), u"soup today"_s));
    QVERIFY(hasLine(window.chatView()->model(), u"and bread"_s));
    QVERIFY(!hasLine(window.chatView()->model(), u"build is green"_s));

    // What is typed goes to the room shown, and only there.
    QTest::keyClicks(window.compose(), u"hello lunch"_s);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    const auto helloLunch = [](const QJsonObject &o) {
        return o.value(u"type"_s) == u"message"_s && o.value(u"text"_s) == u"hello lunch"_s;
    };
    QVERIFY(!lunch.peer.waitFor(helloLunch, waitMs).isEmpty());
    for (const QJsonObject &o : desk.peer.objects())
        QVERIFY(!helloLunch(o));
}

void tst_Rooms::ctrlNumberAndCtrlTabSwitchRooms()
{
    TestRoom a(u"Alpha"_s), b(u"Bravo"_s), c(u"Charlie"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(joinRooms(window, {&a, &b, &c}));
    QCOMPARE(window.session()->room(), u"Charlie"_s);
    window.compose()->setFocus();
    QTRY_VERIFY(window.compose()->hasFocus());

    QTest::keyClick(window.compose(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.session()->room(), u"Alpha"_s);
    QTest::keyClick(window.compose(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.session()->room(), u"Bravo"_s);
    QTest::keyClick(window.compose(), Qt::Key_9, Qt::ControlModifier); // no ninth room
    QCOMPARE(window.session()->room(), u"Bravo"_s);

    QTest::keyClick(window.compose(), Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window.session()->room(), u"Charlie"_s);
    QTest::keyClick(window.compose(), Qt::Key_Tab, Qt::ControlModifier); // round to the first
    QCOMPARE(window.session()->room(), u"Alpha"_s);
    QTest::keyClick(window.compose(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window.session()->room(), u"Charlie"_s);
    // The list shows which room is current.
    QCOMPARE(window.roomList()->currentIndex().row(), 2);

    // Choosing a room in the list with the keyboard shows it.
    window.roomList()->setFocus();
    QTest::keyClick(window.roomList(), Qt::Key_Up);
    QCOMPARE(window.session()->room(), u"Bravo"_s);
}

void tst_Rooms::eachRoomKeepsItsDraftAndScrollPosition()
{
    TestRoom a(u"Alpha"_s), b(u"Bravo"_s);
    MainWindow window;
    window.resize(900, 500);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(joinRooms(window, {&a, &b}));
    window.selectRoom(0);
    for (int i = 0; i < 80; ++i)
        say(a, u"alpha line %1"_s.arg(i));
    QTRY_VERIFY_WITH_TIMEOUT(hasLine(window.chatView()->model(), u"alpha line 79"_s), waitMs);
    ChatView *view = window.chatView();
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
    // The reader scrolls up in Alpha and starts a reply.
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum() / 3);
    const QModelIndex top = view->indexAt(QPoint(view->viewport()->width() / 2, 1));
    QVERIFY(top.isValid());
    QTest::keyClicks(window.compose(), u"half a thought"_s);

    // Alpha sees mina typing; once she looks at another room, no longer.
    const auto typing = [](bool active) {
        return [active](const QJsonObject &o) {
            return o.value(u"type"_s) == u"typing"_s && o.value(u"nick"_s) == myNick
                   && o.value(u"active"_s).toBool() == active;
        };
    };
    QVERIFY(!a.peer.waitFor(typing(true), waitMs).isEmpty());
    window.selectRoom(1);
    QVERIFY(!a.peer.waitFor(typing(false), waitMs).isEmpty());
    QCOMPARE(window.compose()->toPlainText(), QString());
    QTest::keyClicks(window.compose(), u"bravo draft"_s);

    window.selectRoom(0);
    QCOMPARE(window.compose()->toPlainText(), u"half a thought"_s);
    QCOMPARE(view->indexAt(QPoint(view->viewport()->width() / 2, 1)).row(), top.row());
    QVERIFY(!view->isAtBottom());
    window.selectRoom(1);
    QCOMPARE(window.compose()->toPlainText(), u"bravo draft"_s);
}

void tst_Rooms::leavingARoomClosesItsSession()
{
    TestRoom a(u"Alpha"_s), b(u"Bravo"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(joinRooms(window, {&a, &b}));
    QTRY_COMPARE_WITH_TIMEOUT(b.server.peerCount(), 2, waitMs);

    // Leave Bravo (the current room) from the TestRoom menu's action.
    // (also on the room list's context menu)
    QAction *leave = nullptr;
    for (QAction *action : window.roomList()->actions()) {
        if (action->text() == u"&Leave Room"_s)
            leave = action;
    }
    QVERIFY(leave);
    QCOMPARE(window.roomList()->contextMenuPolicy(), Qt::ActionsContextMenu);
    QVERIFY(window.roomList()->isVisible());
    leave->trigger();
    QCOMPARE(window.rooms()->rowCount(), 1);
    // A list of one room is not shown (the header says all of it).
    QVERIFY(!window.roomList()->isVisible());
    QCOMPARE(window.session()->room(), u"Alpha"_s);
    // The room hears that mina left: only jun is left in it.
    QTRY_COMPARE_WITH_TIMEOUT(b.server.peerCount(), 1, waitMs);
    // Alpha is still there, and is what is saved.
    QVERIFY(window.session()->isJoined());
    const auto saved = AppSettings().rooms();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().url, a.url());

    // The last room, too: no room is shown.
    leave->trigger();
    QCOMPARE(window.rooms()->rowCount(), 0);
    QVERIFY(!window.session());
    QTRY_COMPARE_WITH_TIMEOUT(a.server.peerCount(), 1, waitMs);
}

void tst_Rooms::roomsAreRestoredAtTheNextStart()
{
    TestRoom a(u"Alpha"_s), b(u"Bravo"_s), c(u"Charlie"_s);
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(joinRooms(window, {&a, &b, &c}));
        window.selectRoom(1);
        window.close();
    }
    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowActive(&again));
    again.startDefault();
    QCOMPARE(again.rooms()->rowCount(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(joinedAll(again), waitMs);
    QCOMPARE(roomName(again, 0), u"Alpha"_s);
    QCOMPARE(roomName(again, 1), u"Bravo"_s);
    QCOMPARE(roomName(again, 2), u"Charlie"_s);
    // The room shown last is shown again, and nothing was hosted instead.
    QCOMPARE(again.rooms()->current(), 1);
    QCOMPARE(again.session()->room(), u"Bravo"_s);
    QCOMPARE(again.session()->nick(), myNick);
    for (int row = 0; row < 3; ++row)
        QVERIFY(!again.rooms()->controller(row)->isHosting());
}

void tst_Rooms::aHostedRoomIsRestoredAsItWasHosted()
{
    // Hosted on this computer only, on a port of its own, not announced, keeping its history;
    // and beside it a room with a password. Next start: the first opens exactly so; the second
    // is not opened without its password (which is never stored), and the user is told.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const QString password = u"correct horse"_s;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        RoomConfig quiet = roomConfig(u"Quiet room"_s);
        quiet.announce = false;
        window.hostRoom(quiet, QHostAddress::LocalHost, port, false,
                        SessionController::History::Kept);
        QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
        RoomConfig secret = roomConfig(u"Secret room"_s);
        secret.password = password;
        window.hostRoom(secret, QHostAddress::LocalHost, 0);
        QTRY_VERIFY_WITH_TIMEOUT(joinedAll(window) && window.rooms()->rowCount() == 2, waitMs);
        window.selectRoom(0);
        window.close();
    }
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(password), qPrintable(key));

    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowActive(&again));
    again.startDefault();
    QCOMPARE(again.rooms()->rowCount(), 1);
    SessionController *c = again.rooms()->controller(0);
    QTRY_VERIFY_WITH_TIMEOUT(c->isHosting() && joinedAll(again), waitMs);
    QCOMPARE(again.session()->room(), u"Quiet room"_s);
    QCOMPARE(c->host()->port(), port);
    QCOMPARE(c->reach(), SessionController::Reach::ThisComputer);
    QVERIFY(!c->host()->config().announce);
    QCOMPARE(c->history(), SessionController::History::Kept);
    QVERIFY(c->host()->config().password.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QAbstractItemModel *chat = again.chatView()->model();
                for (int row = 0; row < chat->rowCount(); ++row) {
                    const QString text = chat->index(row, 0).data(MessageModel::TextRole).toString();
                    if (text.contains(u"Secret room"_s) && text.contains(u"password"_s))
                        return true;
                }
                return false;
            }(),
            waitMs);
}

void tst_Rooms::trayCountsEveryRoom()
{
    TestRoom a(u"Alpha"_s), b(u"Bravo"_s), c(u"Charlie"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(joinRooms(window, {&a, &b, &c}));
    QVERIFY(window.tray());
    say(a, u"one"_s);
    say(a, u"two"_s);
    say(b, u"three"_s);
    QTRY_COMPARE_WITH_TIMEOUT(window.unreadTotal(), 3, waitMs);
    QTRY_VERIFY(window.tray()->toolTip().contains(u"3"_s));
    QVERIFY2(window.windowTitle().startsWith(u"(3)"_s), qPrintable(window.windowTitle()));

    // Reading Alpha takes its two off the total.
    window.selectRoom(0);
    QCOMPARE(window.unreadTotal(), 1);
    QVERIFY(window.tray()->toolTip().contains(u"1"_s));
    QVERIFY2(window.windowTitle().startsWith(u"(1)"_s), qPrintable(window.windowTitle()));
    window.selectRoom(1);
    QCOMPARE(window.unreadTotal(), 0);
    QVERIFY(!window.windowTitle().startsWith(u"("_s));
}

void tst_Rooms::aMentionInAnotherRoomIsMarked()
{
    TestRoom a(u"Alpha"_s), b(u"Bravo"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(joinRooms(window, {&a, &b}));
    say(a, u"the minaret is tall"_s); // not a mention
    QTRY_COMPARE_WITH_TIMEOUT(window.rooms()->unread(0), 1, waitMs);
    QCOMPARE(window.rooms()->mentions(0), 0);
    say(a, u"Mina, are you coming?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(window.rooms()->unread(0), 2, waitMs);
    QCOMPARE(window.rooms()->mentions(0), 1);
    QCOMPARE(window.rooms()->index(0).data(RoomListModel::MentionsRole).toInt(), 1);
    QVERIFY(window.rooms()->index(0).data(Qt::AccessibleTextRole).toString().contains(u"mentioned"_s));
    // A mention in the room shown is not marked in the list.
    say(b, u"mina: ping"_s);
    QTRY_VERIFY_WITH_TIMEOUT(hasLine(chatOf(window, 1), u"mina: ping"_s), waitMs);
    QCOMPARE(window.rooms()->mentions(1), 0);
    window.selectRoom(0);
    QCOMPARE(window.rooms()->mentions(0), 0);
}

void tst_Rooms::hostingWhileJoinedToAnotherRoom()
{
    TestRoom a(u"Alpha"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(joinRooms(window, {&a}));
    window.hostRoom(roomConfig(u"My room"_s), QHostAddress::LocalHost, 0);
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
    QCOMPARE(window.rooms()->rowCount(), 2);
    QCOMPARE(window.session()->room(), u"My room"_s);
    QVERIFY(window.rooms()->index(1).data(RoomListModel::HostedRole).toBool());
    QVERIFY(!window.rooms()->index(0).data(RoomListModel::HostedRole).toBool());
    // Alpha goes on while we host: its lines arrive and count.
    say(a, u"still here"_s);
    QTRY_COMPARE_WITH_TIMEOUT(window.rooms()->unread(0), 1, waitMs);
    // Someone joins the hosted room and talks.
    RichClient guest;
    QVERIFY(!guest.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(window.host()->port())), u"guest"_s)
                     .isEmpty());
    guest.say(u"g1"_s, u"nice room"_s);
    QTRY_VERIFY_WITH_TIMEOUT(hasLine(window.chatView()->model(), u"nice room"_s), waitMs);
    // Switching away keeps the room hosted.
    window.selectRoom(0);
    QVERIFY(window.rooms()->controller(1)->isHosting());
    QVERIFY(window.session()->isJoined());
}

void tst_Rooms::theRoomListIsReachableAndNamed()
{
    TestRoom a(u"Alpha"_s), b(u"Bravo"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(joinRooms(window, {&a, &b}));
    QListView *list = window.roomList();
    QCOMPARE(list->accessibleName(), u"Rooms"_s);
    QVERIFY(list->focusPolicy() & Qt::TabFocus);
    // Ctrl+0 goes to the list.
    window.compose()->setFocus();
    QTest::keyClick(window.compose(), Qt::Key_0, Qt::ControlModifier);
    QTRY_VERIFY(list->hasFocus());
    // Each row says the room, its state and its marks in words.
    say(a, u"hello"_s);
    QTRY_COMPARE_WITH_TIMEOUT(window.rooms()->unread(0), 1, waitMs);
    const QString row0 = window.rooms()->index(0).data(Qt::AccessibleTextRole).toString();
    QVERIFY2(row0.contains(u"Alpha"_s) && row0.contains(u"connected"_s)
                     && row0.contains(u"1 unread"_s),
             qPrintable(row0));
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(list);
    QVERIFY(iface);
    QCOMPARE(iface->text(QAccessible::Name), u"Rooms"_s);
}

void tst_Rooms::eachRoomReconnectsOnItsOwnWithItsOwnRecord()
{
    auto a = std::make_unique<TestRoom>(u"Alpha"_s);
    TestRoom b(u"Bravo"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(joinRooms(window, {a.get(), &b}));
    ConnectionManager *alpha = window.rooms()->controller(0)->session()->connection();
    ConnectionManager *bravo = window.rooms()->controller(1)->session()->connection();
    QVERIFY(alpha != bravo);

    // The inspector shows the current room's own record, and the other's after a switch.
    QCOMPARE(window.inspector()->eventModel()->log(), bravo->eventLog());
    window.selectRoom(0);
    QCOMPARE(window.inspector()->eventModel()->log(), alpha->eventLog());
    window.selectRoom(1);

    // Alpha's server goes away: Alpha waits to reconnect (amber in the list), Bravo stays open.
    a->peer.socket().abort();
    QSignalSpy stopped(&a->server, &RoomServer::stopped);
    a->server.shutdown();
    QVERIFY(stopped.count() > 0 || stopped.wait(waitMs));
    a.reset();
    QTRY_VERIFY_WITH_TIMEOUT(alpha->isReconnectScheduled(), waitMs);
    QVERIFY(window.rooms()->index(0).data(RoomListModel::ReconnectingRole).toBool());
    QCOMPARE(bravo->state(), ConnectionStateMachine::State::Open);
    QVERIFY(!window.rooms()->index(1).data(RoomListModel::ReconnectingRole).toBool());
    QCOMPARE(window.rooms()->index(1).data(RoomListModel::StateRole).toInt(),
             int(ConnectionStateMachine::State::Open));
    // The room shown is still Bravo, and it goes on.
    QCOMPARE(window.session()->room(), u"Bravo"_s);
    say(b, u"still talking"_s);
    QTRY_VERIFY_WITH_TIMEOUT(hasLine(window.chatView()->model(), u"still talking"_s), waitMs);
}

QTEST_MAIN(tst_Rooms)
#include "tst_rooms.moc"
