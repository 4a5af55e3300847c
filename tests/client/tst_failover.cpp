// Failover in the client (issue 11): a room address that lists several servers. Two real
// parlor-server processes on 127.0.0.1; the first is killed (SIGKILL) and the client must go on
// with the second at once, delivering exactly once what the user typed, and its record (the
// event log, the inspector's timeline) must say which server each connection went to. A list
// whose servers are all down is tried round after round with backoff, never in a tight loop,
// and the state says that none could be reached.
//
// Without a broker two servers are two rooms (two incarnations): the client treats the move as
// a restart of the room (ChatSession resends what is not confirmed and what the old room may not
// have passed on; ids are shown once), not as a resume.

#include "richclient.h"
#include "serverprocess.h"
#include "testsupport.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/connectionevent.h"
#include "client/connectionmanager.h"
#include "client/eventlog.h"
#include "client/messagemodel.h"
#include "client/reconnectbackoff.h"
#include "inspector/statetimeline.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <csignal>

#include <sys/types.h>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;

using State = ConnectionStateMachine::State;

ChatSession::Options sessionOptions(const QList<QUrl> &servers, const QString &nick)
{
    ChatSession::Options options;
    options.connection.url = servers.constFirst();
    options.connection.servers = servers;
    options.connection.subprotocols = {u"parlor.v1"_s};
    options.connection.handshakeTimeoutMs = 2000;
    options.connection.pingIntervalMs = 0;
    options.connection.closeTimeoutMs = 500;
    options.connection.backoff.initialMs = 500;
    options.connection.backoff.maxMs = 2000;
    options.nick = nick;
    options.clientId = u"failover-client-"_s + nick;
    return options;
}

ChatLine::Delivery deliveryOf(ChatSession &session, const QString &id)
{
    const int row = session.messages()->rowOfId(id);
    return row >= 0 ? session.messages()->line(row).delivery : ChatLine::Delivery::Failed;
}

int rowsWithId(const MessageModel &model, const QString &id)
{
    int count = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        count += model.line(row).id == id ? 1 : 0;
    return count;
}

int timesReceived(const RichClient &client, const QString &id)
{
    int count = 0;
    for (const QJsonObject &o : client.objectsOfType(u"message"_s))
        count += o.value(u"id"_s).toString() == id ? 1 : 0;
    return count;
}

QStringList historyIds(const QJsonObject &welcome)
{
    QStringList ids;
    for (const QJsonValue &event : welcome.value(u"history"_s).toArray()) {
        if (event.toObject().value(u"type"_s).toString() == "message"_L1)
            ids.append(event.toObject().value(u"id"_s).toString());
    }
    return ids;
}

/// The url of every State event to \a to, in order.
QStringList stateUrls(EventLog &log, const QString &to)
{
    QStringList urls;
    for (int i = 0; i < log.size(); ++i) {
        const ConnectionEvent &e = log.at(i);
        if (e.kind == ConnectionEvent::Kind::State && e.text(EventField::to) == to)
            urls.append(e.text(EventField::url));
    }
    return urls;
}

QList<QJsonObject> reconnectEvents(EventLog &log)
{
    QList<QJsonObject> events;
    for (int i = 0; i < log.size(); ++i) {
        if (log.at(i).kind == ConnectionEvent::Kind::Reconnect)
            events.append(log.at(i).fields);
    }
    return events;
}

/// A port nothing listens on.
quint16 unusedPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QString urlText(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo);
}

} // namespace

class tst_Failover : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedServerFailsOverToTheNextWithTheOutboxOnce();
    void everyServerDownKeepsCyclingWithBackoff();
    void singleServerRecordsNoUrlInItsStates();
    void cliFailsOverAndSaysWhere();
    void cliRefusesABadEntryByName_data();
    void cliRefusesABadEntryByName();
};

void tst_Failover::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.*.info=false\nparlor.*.debug=false"_s);
    qRegisterMetaType<CloseInfo>();
}

void tst_Failover::killedServerFailsOverToTheNextWithTheOutboxOnce()
{
    ServerProcess a(ServerProcess::localArguments());
    QVERIFY2(a.waitForPort(), a.transcript().constData());
    ServerProcess b(ServerProcess::localArguments());
    QVERIFY2(b.waitForPort(), b.transcript().constData());

    // Someone who is in the second room all along, to count what arrives there.
    RichClient wendy;
    const QJsonObject wendysWelcome = wendy.join(b.url(), u"wendy"_s);
    QVERIFY(!wendysWelcome.isEmpty());
    const QString incarnationB = wendysWelcome.value(u"incarnation"_s).toString();

    ChatSession sam;
    QSignalSpy joined(&sam, &ChatSession::joined);
    QVERIFY(sam.start(sessionOptions({a.url(), b.url()}, u"sam"_s)));
    QVERIFY(joined.wait(waitMs));
    QCOMPARE(sam.connection()->currentServer(), a.url());
    QCOMPARE(sam.connection()->serverIndex(), 0);
    const QString incarnationA = sam.incarnation();
    QVERIFY(incarnationA != incarnationB); // no broker: two rooms

    const QString before = sam.send(u"before"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(sam, before), ChatLine::Delivery::Delivered, waitMs);

    // The first server stops answering: what sam sends now is written to the connection but
    // never acknowledged ("sent").
    QCOMPARE(::kill(pid_t(a.process().processId()), SIGSTOP), 0);
    const QStringList unacknowledged{sam.send(u"one"_s), sam.send(u"two"_s)};
    for (const QString &id : unacknowledged)
        QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(sam, id), ChatLine::Delivery::Sent, waitMs);

    // Then it dies; what sam types while there is no connection waits in the outbox.
    QStringList typedInTheGap;
    QList<ChatLine::Delivery> gapStates;
    QSignalSpy closed(sam.connection(), &ConnectionManager::closed);
    connect(sam.connection(), &ConnectionManager::closed, this, [&] {
        if (!typedInTheGap.isEmpty())
            return;
        typedInTheGap = {sam.send(u"three"_s), sam.send(u"four"_s)};
        for (const QString &id : std::as_const(typedInTheGap))
            gapStates.append(deliveryOf(sam, id));
    });
    a.kill();
    QVERIFY(!closed.isEmpty() || closed.wait(waitMs));
    QCOMPARE(gapStates,
             (QList<ChatLine::Delivery>{ChatLine::Delivery::Queued, ChatLine::Delivery::Queued}));

    // The next server is tried at once (not after a backoff: the dead one says nothing about it).
    const CloseInfo loss = closed.constFirst().at(0).value<CloseInfo>();
    QVERIFY(loss.reconnectScheduled);
    QCOMPARE(loss.nextServer, urlText(b.url()));
    QCOMPARE(loss.reconnectDelayMs, 0);
    QVERIFY(!loss.allServersDown());
    QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 2, waitMs);
    QCOMPARE(sam.connection()->currentServer(), b.url());
    QCOMPARE(sam.connection()->serverIndex(), 1);
    // A different room: a new incarnation, taken as a restart.
    QCOMPARE(sam.incarnation(), incarnationB);

    // Everything sam typed reaches the second room exactly once, and sam shows it once.
    const QStringList ids = QStringList{before} + unacknowledged + typedInTheGap;
    for (const QString &id : ids) {
        QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(sam, id), ChatLine::Delivery::Delivered, waitMs);
        QVERIFY(!wendy.waitFor([&](const QJsonObject &o) {
                          return o.value(u"type"_s).toString() == "message"_L1
                                 && o.value(u"id"_s).toString() == id;
                      }).isEmpty());
    }
    // A barrier: wendy has seen sam's last word after everything else.
    const QString last = sam.send(u"last"_s);
    QVERIFY(!wendy.waitFor([&](const QJsonObject &o) {
                      return o.value(u"id"_s).toString() == last;
                  }).isEmpty());
    for (const QString &id : ids) {
        QCOMPARE(timesReceived(wendy, id), 1);
        QCOMPARE(rowsWithId(*sam.messages(), id), 1);
    }
    QCOMPARE(sam.pendingCount(), 0);
    // What happened in the first room is not in the second: sam is told, once.
    int gaps = 0;
    for (int row = 0; row < sam.messages()->rowCount(); ++row) {
        const ChatLine &line = sam.messages()->line(row);
        gaps += line.kind == ChatLine::Kind::System && line.event == ChatLine::Event::Gap ? 1 : 0;
    }
    QCOMPARE(gaps, 1);
    RichClient late;
    const QStringList history = historyIds(late.join(b.url(), u"late"_s));
    for (const QString &id : ids)
        QCOMPARE(history.count(id), 1);

    // The record says where each connection went.
    EventLog &log = *sam.connection()->eventLog();
    QCOMPARE(stateUrls(log, u"Open"_s), (QStringList{urlText(a.url()), urlText(b.url())}));
    QCOMPARE(stateUrls(log, u"Connecting"_s), (QStringList{urlText(a.url()), urlText(b.url())}));
    const QList<QJsonObject> reconnects = reconnectEvents(log);
    QCOMPARE(reconnects.size(), 1);
    QCOMPARE(reconnects.constFirst().value(EventField::url).toString(), urlText(b.url()));
    QCOMPARE(reconnects.constFirst().value(EventField::serversDown).toInt(), 1);
    QCOMPARE(reconnects.constFirst().value(EventField::serverCount).toInt(), 2);

    // And so does the inspector's timeline.
    StateTimeline timeline;
    timeline.setLog(&log);
    QStringList openedOn;
    QString closedRow;
    for (int row = 0; row < timeline.rowCount(); ++row) {
        const QModelIndex index = timeline.index(row);
        const auto state = index.data(StateTimeline::StateRole).value<State>();
        if (state == State::Open) {
            openedOn.append(index.data(StateTimeline::UrlRole).toString());
            QVERIFY2(index.data().toString().contains(openedOn.constLast()),
                     qPrintable(index.data().toString()));
        } else if (state == State::Closed) {
            QCOMPARE(index.data(StateTimeline::UrlRole).toString(), urlText(b.url()));
            QCOMPARE(index.data(StateTimeline::AllServersDownRole).toBool(), false);
            closedRow = index.data().toString();
        }
    }
    QCOMPARE(openedOn, (QStringList{urlText(a.url()), urlText(b.url())}));
    QVERIFY2(closedRow.contains(u"reconnect to %1 in 0.0 s"_s.arg(urlText(b.url()))),
             qPrintable(closedRow));
}

void tst_Failover::everyServerDownKeepsCyclingWithBackoff()
{
    const QUrl first(u"ws://127.0.0.1:%1"_s.arg(unusedPort()));
    const QUrl second(u"ws://127.0.0.1:%1"_s.arg(unusedPort()));
    QVERIFY(first.port() > 0 && second.port() > 0 && first != second);

    ConnectionManager connection;
    ConnectionManager::Options options;
    options.url = first;
    options.servers = {first, second};
    options.handshakeTimeoutMs = 2000;
    options.pingIntervalMs = 0;
    options.backoff.initialMs = 200;
    options.backoff.maxMs = 800;
    QSignalSpy closed(&connection, &ConnectionManager::closed);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(connection.open(options));

    // Four rounds of both servers.
    constexpr int Rounds = 4;
    QTRY_VERIFY_WITH_TIMEOUT(closed.size() >= 2 * Rounds, 30000);
    const qint64 elapsed = clock.elapsed();
    const QList<QJsonObject> reconnects = reconnectEvents(*connection.eventLog());
    const QStringList tried = stateUrls(*connection.eventLog(), u"Connecting"_s);
    connection.close();
    QCOMPARE(connection.state(), State::Closed);

    // In turn, first and second, round after round.
    QVERIFY(tried.size() >= 2 * Rounds);
    for (int i = 0; i < 2 * Rounds; ++i)
        QCOMPARE(tried.at(i), urlText(i % 2 == 0 ? first : second));

    const ReconnectBackoff backoff(options.backoff);
    qint64 waited = 0;
    for (int i = 0; i < 2 * Rounds; ++i) {
        const CloseInfo info = closed.at(i).at(0).value<CloseInfo>();
        const QJsonObject &event = reconnects.at(i);
        QVERIFY(info.reconnectScheduled);
        QCOMPARE(info.serverCount, 2);
        QCOMPARE(event.value(EventField::delayMs).toInt(), info.reconnectDelayMs);
        if (i % 2 == 0) {
            // The first of the round failed: the second is tried at once.
            QVERIFY(!info.allServersDown());
            QCOMPARE(info.nextServer, urlText(second));
            QCOMPARE(info.reconnectDelayMs, 0);
        } else {
            // Both failed: the state says so, and the next round waits for the backoff, whose
            // attempt count grows round by round (the ceiling with it).
            QVERIFY(info.allServersDown());
            QCOMPARE(info.nextServer, urlText(first));
            const int round = i / 2 + 1;
            QCOMPARE(event.value(EventField::attempt).toInt(), round);
            QVERIFY(info.reconnectDelayMs <= backoff.ceilingMs(round - 1));
            if (i < 2 * Rounds - 1) // the last wait may not be over yet
                waited += info.reconnectDelayMs;
        }
    }
    // Not a busy loop: the waits were real, and not all nothing.
    QVERIFY(waited > 0);
    QVERIFY2(elapsed >= waited, qPrintable(u"%1 ms for %2 ms of waits"_s.arg(elapsed).arg(waited)));

    // The timeline says it too.
    StateTimeline timeline;
    timeline.setLog(connection.eventLog());
    int allDownRows = 0;
    for (int row = 0; row < timeline.rowCount(); ++row) {
        const QModelIndex index = timeline.index(row);
        if (index.data(StateTimeline::AllServersDownRole).toBool()) {
            ++allDownRows;
            QVERIFY2(index.data().toString().contains(u"none of the 2 servers could be reached"_s),
                     qPrintable(index.data().toString()));
        }
    }
    QVERIFY(allDownRows >= Rounds);
}

void tst_Failover::singleServerRecordsNoUrlInItsStates()
{
    // One server: nothing to choose, the record stays as it always was (docs/TRACE.md).
    const QUrl only(u"ws://127.0.0.1:%1"_s.arg(unusedPort()));
    ConnectionManager connection;
    ConnectionManager::Options options;
    options.url = only;
    options.pingIntervalMs = 0;
    options.backoff.initialMs = 50;
    QSignalSpy closed(&connection, &ConnectionManager::closed);
    QVERIFY(connection.open(options));
    QVERIFY(closed.wait(waitMs));
    connection.close();
    const CloseInfo info = closed.constFirst().at(0).value<CloseInfo>();
    QCOMPARE(info.nextServer, QString());
    QVERIFY(!info.allServersDown());
    QCOMPARE(connection.servers(), QList<QUrl>{only});
    QCOMPARE(stateUrls(*connection.eventLog(), u"Connecting"_s), QStringList{QString()});
    const QList<QJsonObject> reconnects = reconnectEvents(*connection.eventLog());
    QVERIFY(!reconnects.isEmpty());
    QVERIFY(!reconnects.constFirst().contains(EventField::url));
}

void tst_Failover::cliFailsOverAndSaysWhere()
{
    // parlor-cli: the url and a repeated --server, the failover in its --json states.
    ServerProcess a(ServerProcess::localArguments());
    QVERIFY2(a.waitForPort(), a.transcript().constData());
    ServerProcess b(ServerProcess::localArguments());
    QVERIFY2(b.waitForPort(), b.transcript().constData());
    const QUrl down(u"ws://127.0.0.1:%1"_s.arg(unusedPort()));
    ChildProcess cli(u"cli"_s, TestSupport::cliBinary(),
                     {urlText(a.url()), u"--server"_s, urlText(b.url()), u"--server"_s,
                      urlText(down), u"--nick"_s, u"cleo"_s, u"--json"_s});
    auto stateTo = [&](const QString &to, const QUrl &url) {
        return [&cli, to, url] {
            for (const QJsonObject &o : cli.jsonLines()) {
                if (o.value(u"event"_s).toString() == "state"_L1
                    && o.value(u"to"_s).toString() == to
                    && o.value(u"url"_s).toString() == urlText(url)) {
                    return true;
                }
            }
            return false;
        };
    };
    QVERIFY2(cli.waitUntil(stateTo(u"Open"_s, a.url()), waitMs), cli.transcript().constData());
    a.kill();
    QVERIFY2(cli.waitUntil(stateTo(u"Open"_s, b.url()), waitMs), cli.transcript().constData());
    bool sawNext = false;
    for (const QJsonObject &o : cli.jsonLines()) {
        if (o.value(u"to"_s).toString() == "Closed"_L1) {
            QVERIFY2(o.value(u"nextServer"_s).toString() == urlText(b.url())
                             && o.value(u"allServersDown"_s) == QJsonValue(false)
                             && o.value(u"reconnectInMs"_s).toInt() == 0,
                     cli.transcript().constData());
            sawNext = true;
        }
    }
    QVERIFY2(sawNext, cli.transcript().constData());

    // The text form names the server it connected to.
    ServerProcess c(ServerProcess::localArguments());
    QVERIFY2(c.waitForPort(), c.transcript().constData());
    ChildProcess text(u"text"_s, TestSupport::cliBinary(),
                      {urlText(c.url()) + u","_s + urlText(down), u"--nick"_s, u"tess"_s});
    QVERIFY2(text.waitUntil(
                     [&] { return text.out().contains(u"* connected to "_s + urlText(c.url())); },
                     waitMs),
             text.transcript().constData());
    c.kill();
    QVERIFY2(text.waitUntil(
                     [&] {
                         return text.out().contains(
                                 u"none of the 2 servers could be reached; trying %1 again in"_s.arg(
                                         urlText(c.url())));
                     },
                     waitMs),
             text.transcript().constData());
}

void tst_Failover::cliRefusesABadEntryByName_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("http entry") << QStringList{u"ws://127.0.0.1:1,http://127.0.0.1:2"_s}
                                << u"\"http://127.0.0.1:2\" is not a WebSocket address"_s;
    QTest::newRow("empty entry") << QStringList{u"ws://127.0.0.1:1,,ws://127.0.0.1:2"_s}
                                 << u"Empty server address"_s;
    QTest::newRow("duplicate over --server")
            << QStringList{u"ws://127.0.0.1:1"_s, u"--server"_s, u"ws://127.0.0.1:1"_s}
            << u"\"ws://127.0.0.1:1\" is listed twice"_s;
    QTest::newRow("two urls") << QStringList{u"ws://127.0.0.1:1"_s, u"ws://127.0.0.1:2"_s}
                              << u"--server"_s;
    QTest::newRow("--server with --discover")
            << QStringList{u"--discover"_s, u"--server"_s, u"ws://127.0.0.1:1"_s}
            << u"--discover takes no room URL"_s;
}

void tst_Failover::cliRefusesABadEntryByName()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    ChildProcess cli(u"cli"_s, TestSupport::cliBinary(), arguments);
    QVERIFY2(cli.waitForExit(), cli.transcript().constData());
    QCOMPARE(cli.process().exitCode(), 2);
    QVERIFY2(cli.err().contains(expected), cli.transcript().constData());
}

QTEST_GUILESS_MAIN(tst_Failover)
#include "tst_failover.moc"
