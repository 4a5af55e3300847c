// SessionController without a window: it hosts a real room (RoomHost, its own thread) on
// 127.0.0.1, joins it, falls back to a free port when the chosen one is taken, leaves its own
// room when it stops hosting, and replaces its session when another room is joined. Other rooms
// are in-process RoomServers; other people are RichClient peers on real sockets.
//
// Every wait is on a condition (QTRY_*, QSignalSpy::wait); nothing sleeps. Settings and
// outboxes live in private temporary locations, cleared before every test.

#include "richclient.h"

#include "client/chatsession.h"
#include "desktop/sessioncontroller.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"
#include "server/roomserver.h"
#include "server/sqliteroomlog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;
const SessionController::Profile mina{u"mina"_s, {u"parlor.v1"_s, u"chatting"_s}};

RoomConfig roomConfig(const QString &name = u"Lunch room"_s)
{
    RoomConfig config;
    config.roomName = name;
    return config;
}

QUrl urlOf(quint16 port)
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(port));
}

bool isJoined(const SessionController &controller)
{
    return controller.session() && controller.session()->isJoined();
}

QUrl sessionUrl(SessionController &controller)
{
    return controller.session()->connection()->options().url;
}

using Hosting = SessionController::Hosting;
using LastKind = SessionController::LastSession::Kind;

/// Every hosting state the controller went through, in order.
QList<Hosting> hostingSteps(const QSignalSpy &spy)
{
    QList<Hosting> steps;
    for (const QList<QVariant> &args : spy)
        steps.append(args.constFirst().value<Hosting>());
    return steps;
}

/// The last session the controller asked to remember.
SessionController::LastSession lastRemembered(const QSignalSpy &spy)
{
    return spy.isEmpty() ? SessionController::LastSession()
                         : spy.constLast().constFirst().value<SessionController::LastSession>();
}

} // namespace

class tst_SessionController : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void hostingJoinsTheOwnRoom();
    void theWindowSeesTheSessionBeforeItConnects();
    void takenPortFallsBackToAFreePort();
    void takenPortWithoutFallbackFails();
    void stopHostingLeavesTheOwnRoom();
    void leavingClosesWithoutReconnecting();
    void joiningAnotherRoomReplacesTheSession();
    void hostingAgainReplacesTheRoom();
    void startDefaultRejoinsTheLastRoom();
    void severalServersAreJoinedAndRemembered();
    void startDefaultHostsOnTheDefaultPortOrAFreeOne();
    void historyDirectoryIsSafeAndOnePerName_data();
    void historyDirectoryIsSafeAndOnePerName();
    void keptHistoryComesBackWhenHostedAgain();
    void inMemoryRoomKeepsNothingOnDisk();
    void historyThatCannotBeOpenedFailsClearly_data();
    void historyThatCannotBeOpenedFailsClearly();
    void tlsRoomIsJoinedWithoutAPromptAndKeepsItsCertificate();
    void tlsCertificateThatCannotBeReadFailsWithoutRetrying();

private:
    QTemporaryDir m_home;
};

void tst_SessionController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_home.isValid());
    QCoreApplication::setOrganizationName(u"ParlorTests"_s);
    QCoreApplication::setApplicationName(u"tst_sessioncontroller"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
    QVERIFY(QSettings().fileName().startsWith(m_home.path()));
}

void tst_SessionController::init()
{
    QSettings().clear();
    // Outboxes are kept per room URL, and ports come back: start every test with none.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(data.contains(u".qttest"_s));
    QDir(data + u"/outbox"_s).removeRecursively();
    QDir(data + u"/rooms"_s).removeRecursively();
    QDir(data + u"/tls"_s).removeRecursively();
}

void tst_SessionController::cleanupTestCase()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

void tst_SessionController::hostingJoinsTheOwnRoom()
{
    SessionController controller;
    QSignalSpy started(&controller, &SessionController::hostingStarted);
    QSignalSpy steps(&controller, &SessionController::hostingChanged);
    QSignalSpy remembered(&controller, &SessionController::lastSessionChanged);
    QCOMPARE(controller.hosting(), Hosting::Off);

    controller.host(roomConfig(), QHostAddress::LocalHost, 0, mina);
    QCOMPARE(controller.hosting(), Hosting::Starting);
    QVERIFY(started.wait(waitMs));
    const quint16 port = started.constFirst().constFirst().value<quint16>();
    QVERIFY(port != 0);
    QCOMPARE(controller.host()->port(), port);
    QCOMPARE(controller.hosting(), Hosting::On);
    QVERIFY(controller.isHosting());
    QCOMPARE(hostingSteps(steps), (QList<Hosting>{Hosting::Starting, Hosting::On}));

    // Joined as the profile says, in the room it hosts.
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QCOMPARE(sessionUrl(controller), urlOf(port));
    QVERIFY(controller.isInOwnRoom());
    QCOMPARE(controller.session()->room(), u"Lunch room"_s);
    QCOMPARE(controller.session()->nick(), mina.nick);
    QCOMPARE(controller.session()->connection()->options().subprotocols, mina.subprotocols);
    QCOMPARE(controller.session()->mode(), ChatSession::Mode::Rich);
    // Next start hosts again (the port may differ), rather than joining this URL.
    QCOMPARE(lastRemembered(remembered).kind, LastKind::Hosted);

    // Bound to 127.0.0.1: only this computer can join, so there are no addresses to share.
    QCOMPARE(controller.reach(), SessionController::Reach::ThisComputer);
    QVERIFY(controller.shareUrls().isEmpty());
    QVERIFY(controller.browserUrl().isEmpty());

    // The room is real: someone else joins it and is seen.
    RichClient jun;
    const QJsonObject welcome = jun.join(urlOf(port), u"jun"_s);
    QCOMPARE(welcome.value(u"room"_s).toString(), u"Lunch room"_s);
    QTRY_COMPARE_WITH_TIMEOUT(controller.session()->members()->rowCount(), 2, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(controller.host()->peerCount(), 2, waitMs);
}

void tst_SessionController::theWindowSeesTheSessionBeforeItConnects()
{
    // A window wires its views in sessionChanged; it must get the session before the session
    // connects, or the views miss its first states.
    SessionController controller;
    QList<ConnectionStateMachine::State> statesAtHandOver;
    QStringList nicks;
    connect(&controller, &SessionController::sessionChanged, this,
            [&](ChatSession *session, const QString &nick) {
                QVERIFY(session);
                QCOMPARE(session, controller.session());
                statesAtHandOver.append(session->connection()->state());
                nicks.append(nick);
            });
    controller.host(roomConfig(), QHostAddress::LocalHost, 0, mina);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QCOMPARE(statesAtHandOver,
             QList<ConnectionStateMachine::State>{ConnectionStateMachine::State::Closed});
    QCOMPARE(nicks, QStringList{mina.nick});
}

void tst_SessionController::takenPortFallsBackToAFreePort()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = squatter.serverPort();
    SessionController controller;
    QSignalSpy started(&controller, &SessionController::hostingStarted);
    QSignalSpy failed(&controller, &SessionController::hostingFailed);
    QSignalSpy steps(&controller, &SessionController::hostingChanged);

    controller.host(roomConfig(), QHostAddress::LocalHost, taken, mina, true);
    QVERIFY(started.wait(waitMs));
    const quint16 port = started.constFirst().constFirst().value<quint16>();
    QVERIFY(port != 0);
    QVERIFY(port != taken);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(hostingSteps(steps),
             (QList<Hosting>{Hosting::Starting, Hosting::RetryingOnFreePort, Hosting::On}));
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QCOMPARE(sessionUrl(controller), urlOf(port));
}

void tst_SessionController::takenPortWithoutFallbackFails()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = squatter.serverPort();
    SessionController controller;
    QSignalSpy failed(&controller, &SessionController::hostingFailed);
    QSignalSpy started(&controller, &SessionController::hostingStarted);

    controller.host(roomConfig(), QHostAddress::LocalHost, taken, mina);
    QVERIFY(failed.wait(waitMs));
    QCOMPARE(failed.count(), 1);
    // The port asked for, and why, for the window to word.
    QCOMPARE(failed.constFirst().at(0).value<quint16>(), taken);
    QVERIFY(!failed.constFirst().at(1).toString().isEmpty());
    QCOMPARE(controller.hosting(), Hosting::Off);
    QCOMPARE(controller.host()->status(), RoomHost::Status::Stopped);
    QCOMPARE(started.count(), 0);
    QVERIFY(!controller.session());
}

void tst_SessionController::stopHostingLeavesTheOwnRoom()
{
    SessionController controller;
    controller.host(roomConfig(), QHostAddress::LocalHost, 0, mina);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    RichClient jun;
    QVERIFY(!jun.join(urlOf(controller.host()->port()), u"jun"_s).isEmpty());
    QSignalSpy left(&controller, &SessionController::leftOwnRoom);
    QSignalSpy stopped(&controller, &SessionController::hostingStopped);

    controller.stopHosting();
    QCOMPARE(left.count(), 1);
    QCOMPARE(controller.hosting(), Hosting::Stopping);
    QVERIFY(stopped.wait(waitMs));
    QCOMPARE(controller.hosting(), Hosting::Off);
    QCOMPARE(controller.host()->status(), RoomHost::Status::Stopped);
    // Our own room is gone on purpose: the session left it rather than reconnect forever.
    ConnectionManager *connection = controller.session()->connection();
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), ConnectionStateMachine::State::Closed, waitMs);
    QCOMPARE(connection->lastClose().reason, CloseInfo::Reason::User);
    QVERIFY(!connection->isReconnectScheduled());
    // The others were told the room closed.
    QVERIFY(jun.waitDisconnected(waitMs));
    QCOMPARE(jun.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(stopped.count(), 1);
}

void tst_SessionController::leavingClosesWithoutReconnecting()
{
    RoomServer room(roomConfig(u"Other room"_s));
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    SessionController controller;
    controller.join(urlOf(room.port()), mina);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    ChatSession *session = controller.session();

    controller.leave();
    // The session stays (its chat is still shown), closed on purpose.
    QCOMPARE(controller.session(), session);
    ConnectionManager *connection = session->connection();
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), ConnectionStateMachine::State::Closed, waitMs);
    QCOMPARE(connection->lastClose().reason, CloseInfo::Reason::User);
    QVERIFY(!connection->isReconnectScheduled());
    QTRY_COMPARE_WITH_TIMEOUT(room.peerCount(), 0, waitMs);
}

void tst_SessionController::joiningAnotherRoomReplacesTheSession()
{
    RoomConfig otherConfig = roomConfig(u"Other room"_s);
    otherConfig.allowedOrigins = {u"http://example.test"_s}; // the Origin this join sends
    RoomServer other(otherConfig);
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    SessionController controller;
    controller.host(roomConfig(), QHostAddress::LocalHost, 0, mina);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(controller.host()->peerCount(), 1, waitMs);
    QPointer<ChatSession> first = controller.session();
    QSignalSpy changed(&controller, &SessionController::sessionChanged);
    QSignalSpy remembered(&controller, &SessionController::lastSessionChanged);

    const SessionController::Profile minaKim{u"mina kim"_s, {u"parlor.v1"_s}};
    controller.join(urlOf(other.port()), minaKim, u"http://example.test"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.constFirst().at(0).value<ChatSession *>(), controller.session());
    QCOMPARE(changed.constFirst().at(1).toString(), minaKim.nick);
    QVERIFY(!first); // the old session is gone, and with it its connection to our room
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QCOMPARE(controller.session()->room(), u"Other room"_s);
    QCOMPARE(controller.session()->nick(), minaKim.nick);
    QCOMPARE(controller.session()->connection()->options().origin, u"http://example.test"_s);
    QVERIFY(!controller.isInOwnRoom());
    // Joining elsewhere does not close the room we host; it is only left.
    QCOMPARE(controller.hosting(), Hosting::On);
    QTRY_COMPARE_WITH_TIMEOUT(controller.host()->peerCount(), 0, waitMs);
    // The next start comes back here.
    QCOMPARE(lastRemembered(remembered).kind, LastKind::Joined);
    QCOMPARE(lastRemembered(remembered).url, urlOf(other.port()));
}

void tst_SessionController::hostingAgainReplacesTheRoom()
{
    SessionController controller;
    controller.host(roomConfig(u"First room"_s), QHostAddress::LocalHost, 0, mina);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    RichClient jun;
    QVERIFY(!jun.join(urlOf(controller.host()->port()), u"jun"_s).isEmpty());
    QSignalSpy changed(&controller, &SessionController::sessionChanged);
    QSignalSpy steps(&controller, &SessionController::hostingChanged);
    QSignalSpy started(&controller, &SessionController::hostingStarted);

    controller.host(roomConfig(u"Second room"_s), QHostAddress::LocalHost, 0, mina);
    // The first room is left at once, and closes before the second opens.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.constFirst().at(0).value<ChatSession *>(), nullptr);
    QVERIFY(!controller.session());
    QCOMPARE(controller.hosting(), Hosting::Replacing);
    QVERIFY(jun.waitDisconnected(waitMs));
    QVERIFY(started.count() > 0 || started.wait(waitMs));
    QCOMPARE(hostingSteps(steps),
             (QList<Hosting>{Hosting::Replacing, Hosting::Starting, Hosting::On}));
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QCOMPARE(controller.session()->room(), u"Second room"_s);
    QVERIFY(controller.isInOwnRoom());
}

void tst_SessionController::startDefaultRejoinsTheLastRoom()
{
    RoomServer last(roomConfig(u"Last room"_s));
    QVERIFY(last.listen(QHostAddress::LocalHost, 0));
    SessionController controller;

    controller.startDefault({LastKind::Joined, urlOf(last.port()), {}}, mina, u"Mina's room"_s);
    QVERIFY(controller.session());
    QCOMPARE(sessionUrl(controller), urlOf(last.port()));
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QCOMPARE(controller.session()->room(), u"Last room"_s);
    QCOMPARE(controller.session()->nick(), mina.nick);
    // Nothing is hosted.
    QCOMPARE(controller.hosting(), Hosting::Off);
    QCOMPARE(controller.host()->status(), RoomHost::Status::Stopped);
}

void tst_SessionController::severalServersAreJoinedAndRemembered()
{
    // Failover: the join dialog's comma-separated list reaches the connection, and the next
    // start rejoins with all of it.
    RoomServer first(roomConfig(u"First"_s));
    QVERIFY(first.listen(QHostAddress::LocalHost, 0));
    RoomServer second(roomConfig(u"Second"_s));
    QVERIFY(second.listen(QHostAddress::LocalHost, 0));
    const QList<QUrl> servers{urlOf(first.port()), urlOf(second.port())};
    SessionController controller;
    QSignalSpy remembered(&controller, &SessionController::lastSessionChanged);
    controller.join(servers.constFirst(), mina, {}, servers);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QCOMPARE(controller.session()->connection()->servers(), servers);
    QCOMPARE(controller.session()->room(), u"First"_s);
    const SessionController::LastSession last = lastRemembered(remembered);
    QCOMPARE(last.url, servers.constFirst());
    QCOMPARE(last.servers, servers);

    SessionController next;
    next.startDefault(last, mina, u"Mina's room"_s);
    QVERIFY(next.session());
    QCOMPARE(next.session()->connection()->servers(), servers);
}

void tst_SessionController::startDefaultHostsOnTheDefaultPortOrAFreeOne()
{
    // The default port is taken (by this test, or by whatever else holds it): the room opens on
    // a free one instead of failing.
    QTcpServer squatter;
    if (!squatter.listen(QHostAddress::Any, RoomConfig::DefaultPort))
        qInfo("port %d is taken already", RoomConfig::DefaultPort);
    SessionController controller;
    QSignalSpy started(&controller, &SessionController::hostingStarted);
    QSignalSpy failed(&controller, &SessionController::hostingFailed);
    QSignalSpy steps(&controller, &SessionController::hostingChanged);
    QSignalSpy remembered(&controller, &SessionController::lastSessionChanged);

    // A last session that was hosting hosts again (with no URL to go back to).
    controller.startDefault({LastKind::Hosted, QUrl(), {}}, mina, u"Mina's room"_s);
    QVERIFY(started.wait(waitMs));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(hostingSteps(steps),
             (QList<Hosting>{Hosting::Starting, Hosting::RetryingOnFreePort, Hosting::On}));
    const quint16 port = controller.host()->port();
    QVERIFY(port != 0 && port != RoomConfig::DefaultPort);
    // For everyone on the network, named as asked, and joined.
    QCOMPARE(controller.host()->bindAddress(), QHostAddress(QHostAddress::Any));
    QVERIFY(controller.reach() != SessionController::Reach::ThisComputer);
    QCOMPARE(controller.host()->config().roomName, u"Mina's room"_s);
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QVERIFY(controller.isInOwnRoom());
    QCOMPARE(controller.session()->room(), u"Mina's room"_s);
    QCOMPARE(lastRemembered(remembered).kind, LastKind::Hosted);
    // Every address it shares reaches the room, and the page is on the same port.
    for (const QUrl &url : controller.shareUrls())
        QCOMPARE(url.port(), int(port));
    if (!controller.shareUrls().isEmpty())
        QCOMPARE(controller.browserUrl().port(), int(port));
}

void tst_SessionController::historyDirectoryIsSafeAndOnePerName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("lookalike"); ///< another name that must get another directory
    QTest::newRow("plain") << u"Lunch room"_s << u"lunch room"_s;
    QTest::newRow("slash") << u"a/b"_s << u"a_b"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"a/b"_s;
    QTest::newRow("dots") << u".."_s << u"."_s;
    QTest::newRow("path") << u"../../etc/passwd"_s << u"__ __ etc passwd"_s;
    QTest::newRow("control characters") << u"a\nb\tc\u0000"_s << u"a b c"_s;
    QTest::newRow("korean") << u"점심 방"_s << u"점심방"_s;
    QTest::newRow("empty") << QString() << u" "_s;
    QTest::newRow("long") << QString(300, u'x') << QString(301, u'x');
}

void tst_SessionController::historyDirectoryIsSafeAndOnePerName()
{
    QFETCH(QString, name);
    QFETCH(QString, lookalike);
    const QString rooms = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                          + u"/rooms"_s;
    const QString dir = SessionController::historyDirectory(name);
    // One directory of its own, right under rooms/, that every file system can hold.
    const QFileInfo info(dir);
    QCOMPARE(info.absolutePath(), rooms);
    const QString leaf = info.fileName();
    QVERIFY2(!leaf.isEmpty() && leaf.size() <= 64, qPrintable(leaf));
    QVERIFY2(!leaf.startsWith(u'.') && !leaf.contains(u'/') && !leaf.contains(u'\\'),
             qPrintable(leaf));
    for (const QChar c : leaf)
        QVERIFY2(c.isPrint() && c != u':' && c != u'*' && c != u'?', qPrintable(leaf));
    // The same name gives the same directory (hosting it again reopens it); another never does.
    QCOMPARE(SessionController::historyDirectory(name), dir);
    QVERIFY(SessionController::historyDirectory(lookalike) != dir);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(QDir(dir).exists());
}

void tst_SessionController::keptHistoryComesBackWhenHostedAgain()
{
    const QString dir = SessionController::historyDirectory(u"Lunch room"_s);
    QString incarnation;
    QString messageId;
    {
        SessionController controller;
        QSignalSpy started(&controller, &SessionController::hostingStarted);
        controller.host(roomConfig(), QHostAddress::LocalHost, 0, mina, false,
                        SessionController::History::Kept);
        QVERIFY(started.wait(waitMs));
        QCOMPARE(controller.history(), SessionController::History::Kept);
        QCOMPARE(controller.historyLocation(), dir);
        QCOMPARE(controller.host()->config().dataDir, dir);
        QVERIFY(QFileInfo::exists(dir + u"/room.sqlite"_s));

        RichClient jun;
        const QJsonObject welcome = jun.join(urlOf(controller.host()->port()), u"jun"_s);
        incarnation = welcome.value(u"incarnation"_s).toString();
        QVERIFY(!incarnation.isEmpty());
        jun.say(u"m1"_s, u"remember me"_s);
        const QJsonObject echo = jun.waitFor([](const QJsonObject &o) {
            return o.value(u"type"_s) == u"message"_s && o.value(u"id"_s) == u"m1"_s;
        });
        QVERIFY(!echo.isEmpty());

        QSignalSpy stopped(&controller, &SessionController::hostingStopped);
        controller.stopHosting();
        QVERIFY(stopped.wait(waitMs));
    }
    // A new app, the same room name, history kept: the same room, with what was said.
    SessionController controller;
    QSignalSpy started(&controller, &SessionController::hostingStarted);
    controller.host(roomConfig(), QHostAddress::LocalHost, 0, mina, false,
                    SessionController::History::Kept);
    QVERIFY(started.wait(waitMs));
    RichClient sora;
    const QJsonObject welcome = sora.join(urlOf(controller.host()->port()), u"sora"_s);
    QCOMPARE(welcome.value(u"incarnation"_s).toString(), incarnation);
    int seen = 0;
    for (const QJsonValue &v : welcome.value(u"history"_s).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(u"type"_s) == u"message"_s && e.value(u"text"_s) == u"remember me"_s)
            ++seen;
    }
    QCOMPARE(seen, 1);

    // Another name is another room, with a history of its own.
    QSignalSpy stopped(&controller, &SessionController::hostingStopped);
    controller.stopHosting();
    QVERIFY(stopped.wait(waitMs));
    started.clear();
    controller.host(roomConfig(u"Lunch room 2"_s), QHostAddress::LocalHost, 0, mina, false,
                    SessionController::History::Kept);
    QVERIFY(started.wait(waitMs));
    RichClient other;
    const QJsonObject fresh = other.join(urlOf(controller.host()->port()), u"other"_s);
    QVERIFY(fresh.value(u"incarnation"_s).toString() != incarnation);
    QVERIFY(controller.historyLocation() != dir);
}

void tst_SessionController::inMemoryRoomKeepsNothingOnDisk()
{
    SessionController controller;
    QSignalSpy started(&controller, &SessionController::hostingStarted);
    RoomConfig config = roomConfig();
    config.dataDir = m_home.filePath(u"ignored"_s); // the controller decides, not the caller
    controller.host(config, QHostAddress::LocalHost, 0, mina);
    QVERIFY(started.wait(waitMs));
    QCOMPARE(controller.history(), SessionController::History::InMemory);
    QVERIFY(controller.historyLocation().isEmpty());
    QVERIFY(controller.host()->config().dataDir.isEmpty());
    QVERIFY(!QFileInfo::exists(SessionController::historyDirectory(u"Lunch room"_s)));
    QVERIFY(!QFileInfo::exists(config.dataDir));
}

void tst_SessionController::historyThatCannotBeOpenedFailsClearly_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected"); ///< in the error the user is shown
    QTest::newRow("not a database") << u"garbage"_s << u"not a Parlor room log"_s;
    QTest::newRow("from a newer Parlor") << u"newer"_s << u"newer version of Parlor"_s;
    QTest::newRow("in use by another Parlor") << u"busy"_s << u"in use by another program"_s;
    QTest::newRow("directory cannot be made") << u"blocked"_s << u"Cannot create"_s;
}

void tst_SessionController::historyThatCannotBeOpenedFailsClearly()
{
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    const QString dir = SessionController::historyDirectory(u"Lunch room"_s);
    const QString file = dir + u"/room.sqlite"_s;
    std::unique_ptr<SqliteRoomLog> holder;
    if (damage == u"blocked"_s) {
        // A file where the room's directory should be.
        QVERIFY(QDir().mkpath(QFileInfo(dir).absolutePath()));
        QFile blocker(dir);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
    } else if (damage == u"garbage"_s) {
        QVERIFY(QDir().mkpath(dir));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
    } else {
        holder = std::make_unique<SqliteRoomLog>(RoomConfig());
        QVERIFY2(holder->open(dir), qPrintable(holder->errorString()));
        if (damage == u"newer"_s) {
            holder.reset();
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
                db.setDatabaseName(file);
                QVERIFY(db.open());
                QVERIFY(QSqlQuery(db).exec(u"UPDATE meta SET value = '99' WHERE key = 'format'"_s));
                db.close();
            }
            QSqlDatabase::removeDatabase(u"tamper"_s);
        }
    }
    const QByteArray before = [&] {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();

    SessionController controller;
    QSignalSpy unavailable(&controller, &SessionController::historyUnavailable);
    QSignalSpy failed(&controller, &SessionController::hostingFailed);
    QSignalSpy started(&controller, &SessionController::hostingStarted);
    QSignalSpy steps(&controller, &SessionController::hostingChanged);
    controller.host(roomConfig(), QHostAddress::LocalHost, 0, mina, true,
                    SessionController::History::Kept);
    QVERIFY(unavailable.wait(waitMs));
    QCOMPARE(unavailable.constFirst().at(0).toString(), dir);
    const QString error = unavailable.constFirst().at(1).toString();
    QVERIFY2(error.contains(expected), qPrintable(error));
    // No room at all — not one in memory, not one on another port — and nothing overwritten.
    QCOMPARE(controller.hosting(), Hosting::Off);
    QCOMPARE(hostingSteps(steps), (QList<Hosting>{Hosting::Starting, Hosting::Off}));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(started.count(), 0);
    QVERIFY(!controller.session());
    QCOMPARE(controller.history(), SessionController::History::InMemory);
    if (damage != u"busy"_s) {
        QFile f(file);
        QCOMPARE(f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray(), before);
    }
}

void tst_SessionController::tlsRoomIsJoinedWithoutAPromptAndKeepsItsCertificate()
{
    RoomConfig config = roomConfig();
    config.tls = true;
    QString fingerprint;
    {
        SessionController controller;
        QSignalSpy started(&controller, &SessionController::hostingStarted);
        controller.host(config, QHostAddress::LocalHost, 0, mina);
        QVERIFY(started.wait(waitMs));
        // Our own room: joined over wss:// without asking the user to trust our certificate.
        QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
        QCOMPARE(sessionUrl(controller).scheme(), u"wss"_s);
        fingerprint = controller.tlsFingerprint();
        QCOMPARE(fingerprint.size(), 64);
        QCOMPARE(controller.host()->config().tlsDir, SessionController::tlsDirectory());
        QFile certificate(SessionController::tlsDirectory() + u"/tls-certificate.pem"_s);
        QVERIFY(certificate.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromLatin1(QSslCertificate(certificate.readAll(), QSsl::Pem)
                                             .digest(QCryptographicHash::Sha256)
                                             .toHex()),
                 fingerprint);
        // Nothing was remembered as trusted: another client is still asked.
        ConnectionManager other;
        ConnectionManager::Options options;
        options.url = sessionUrl(controller);
        options.autoReconnect = false;
        QSignalSpy closed(&other, &ConnectionManager::closed);
        QVERIFY(other.open(options));
        QVERIFY(closed.wait(waitMs));
        QCOMPARE(other.lastClose().reason, CloseInfo::Reason::TlsError);
        QCOMPARE(other.lastClose().certificateFingerprint, fingerprint);

        QSignalSpy stopped(&controller, &SessionController::hostingStopped);
        controller.stopHosting();
        QVERIFY(stopped.wait(waitMs));
    }
    // Hosted again (another room even): the same certificate, so nobody is asked again.
    SessionController controller;
    QSignalSpy started(&controller, &SessionController::hostingStarted);
    RoomConfig another = roomConfig(u"Another room"_s);
    another.tls = true;
    controller.host(another, QHostAddress::LocalHost, 0, mina);
    QVERIFY(started.wait(waitMs));
    QTRY_VERIFY_WITH_TIMEOUT(isJoined(controller), waitMs);
    QCOMPARE(controller.tlsFingerprint(), fingerprint);
}

void tst_SessionController::tlsCertificateThatCannotBeReadFailsWithoutRetrying()
{
    QVERIFY(QDir().mkpath(SessionController::tlsDirectory()));
    QFile damaged(SessionController::tlsDirectory() + u"/tls-certificate.pem"_s);
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write("not a certificate");
    damaged.close();

    SessionController controller;
    QSignalSpy failed(&controller, &SessionController::hostingFailed);
    RoomConfig config = roomConfig();
    config.tls = true;
    // A free port would not help a certificate: no retry, one clear failure.
    controller.host(config, QHostAddress::LocalHost, RoomConfig::DefaultPort, mina, true);
    QVERIFY(failed.wait(waitMs));
    QVERIFY2(failed.constFirst().at(1).toString().contains(u"Only one of"_s),
             qPrintable(failed.constFirst().at(1).toString()));
    QCOMPARE(controller.hosting(), SessionController::Hosting::Off);
    QCOMPARE(failed.size(), 1);
}

QTEST_GUILESS_MAIN(tst_SessionController)

#include "tst_sessioncontroller.moc"
