// StateTimeline: the Timeline tab's model. A real ConnectionManager is driven through
// open -> server close -> reconnect -> user close, and the timeline must tell the same story as
// the manager's own stateChanged and closed signals. Synthetic events cover what a real server
// cannot be made to do on cue (cancelled reconnects, late errors, very long histories).

#include "client/connectionmanager.h"
#include "client/eventlog.h"
#include "inspector/statetimeline.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Parlor;
using State = ConnectionManager::State;
using Reason = CloseInfo::Reason;
using Kind = ConnectionEvent::Kind;
using Failure = HandshakeExplainer::Failure;

namespace {

constexpr qint64 baseWallMs = 1'795'271'297'459;
constexpr int waitMs = 5000;

ConnectionEvent makeEvent(Kind kind, const QJsonObject &fields, qint64 t)
{
    ConnectionEvent e;
    e.kind = kind;
    e.monotonicMs = t;
    e.wallMs = baseWallMs + t;
    e.fields = fields;
    return e;
}

ConnectionEvent state(const char *from, const char *to, qint64 t, QJsonObject closed = {})
{
    closed.insert(QStringLiteral("from"), QLatin1String(from));
    closed.insert(QStringLiteral("to"), QLatin1String(to));
    return makeEvent(Kind::State, closed, t);
}

QJsonObject closeFields(const char *reason, int code, bool reconnect, int httpStatus = 0)
{
    QJsonObject f{{QStringLiteral("reason"), QLatin1String(reason)},
                  {QStringLiteral("code"), code},
                  {QStringLiteral("codeName"), QStringLiteral("Abnormal Closure")},
                  {QStringLiteral("closeReason"), QString()},
                  {QStringLiteral("clean"), false},
                  {QStringLiteral("reconnect"), reconnect}};
    if (httpStatus)
        f.insert(QStringLiteral("httpStatus"), httpStatus);
    return f;
}

ConnectionEvent reconnectEvent(int delayMs, int attempt, qint64 t)
{
    return makeEvent(Kind::Reconnect,
                     {{QStringLiteral("delayMs"), delayMs},
                      {QStringLiteral("attempt"), attempt},
                      {QStringLiteral("at"),
                       QDateTime::fromMSecsSinceEpoch(baseWallMs + t + delayMs, Qt::UTC)
                               .toString(Qt::ISODateWithMs)}},
                     t);
}

QList<QPair<State, State>> rowsOf(const StateTimeline &timeline)
{
    QList<QPair<State, State>> result;
    for (int row = 0; row < timeline.rowCount(); ++row) {
        const QModelIndex i = timeline.index(row);
        result.append({i.data(StateTimeline::FromStateRole).value<State>(),
                       i.data(StateTimeline::StateRole).value<State>()});
    }
    return result;
}

} // namespace

class tst_StateTimeline : public QObject
{
    Q_OBJECT

private slots:
    void realConnectionLifecycle();
    void attachedLateTellsTheSameStory();
    void durationsAndTotals();
    void cancelledReconnect();
    void lateErrorJoinsItsClose();
    void refusedUpgradeIsExplained();
    void maximumRows();
    void clearedLog();
    void names_data();
    void names();
};

void tst_StateTimeline::realConnectionLifecycle()
{
    QWebSocketServer server(QStringLiteral("tst_statetimeline"), QWebSocketServer::NonSecureMode);
    server.setSupportedSubprotocols({QStringLiteral("chatting")});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QList<QWebSocket *> peers;
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        while (QWebSocket *peer = server.nextPendingConnection()) {
            peer->setParent(&server);
            peers.append(peer);
        }
    });

    ConnectionManager manager;
    StateTimeline timeline;
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    timeline.setLog(manager.eventLog());
    QCOMPARE(timeline.log(), manager.eventLog());

    // The manager's own account, and the timeline as it was when each close was announced.
    QList<QPair<State, State>> signalled;
    connect(&manager, &ConnectionManager::stateChanged, this, [&](State to, State from) {
        signalled.append({from, to});
    });
    QList<CloseInfo> closes;
    QList<bool> scheduledAtClose;
    QList<QDateTime> nextAtClose;
    connect(&manager, &ConnectionManager::closed, this, [&](const CloseInfo &info) {
        closes.append(info);
        scheduledAtClose.append(timeline.isReconnectScheduled());
        nextAtClose.append(timeline.nextReconnectAt());
    });
    QSignalSpy opened(&manager, &ConnectionManager::opened);
    QSignalSpy schedule(&timeline, &StateTimeline::reconnectScheduleChanged);

    ConnectionManager::Options options;
    options.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/room").arg(server.serverPort()));
    options.subprotocols = {QStringLiteral("parlor.v1"), QStringLiteral("chatting")};
    options.pingIntervalMs = 0;
    options.backoff.initialMs = 50;
    options.backoff.maxMs = 200;
    QVERIFY(manager.open(options));
    QVERIFY(opened.wait(waitMs));
    QTRY_COMPARE_WITH_TIMEOUT(peers.size(), 1, waitMs);

    // The server closes; the manager schedules a reconnect and comes back.
    peers.first()->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("restart"));
    QVERIFY(opened.wait(waitMs));
    QCOMPARE(closes.size(), 1);
    QVERIFY(schedule.count() >= 2); // scheduled, then started
    QVERIFY(!timeline.isReconnectScheduled());

    manager.close(1000, QStringLiteral("bye"));
    QTRY_COMPARE_WITH_TIMEOUT(closes.size(), 2, waitMs);

    // The same transitions, in the same order, as the signals.
    const QList<QPair<State, State>> expectedPath{{State::Closed, State::Connecting},
                                                  {State::Connecting, State::Open},
                                                  {State::Open, State::Closing},
                                                  {State::Closing, State::Closed},
                                                  {State::Closed, State::Connecting},
                                                  {State::Connecting, State::Open},
                                                  {State::Open, State::Closing},
                                                  {State::Closing, State::Closed}};
    QCOMPARE(signalled, expectedPath);
    QCOMPARE(rowsOf(timeline), signalled);
    QCOMPARE(timeline.currentState(), manager.state());

    // Each Closed row says what the manager's closed() said.
    const int closedRows[] = {3, 7};
    for (int n = 0; n < 2; ++n) {
        const int row = closedRows[n];
        const CloseInfo &real = closes.at(n);
        const CloseInfo rebuilt = timeline.closeInfo(row);
        const QModelIndex i = timeline.index(row);
        QCOMPARE(rebuilt.reason, real.reason);
        QCOMPARE(rebuilt.code, real.code);
        QCOMPARE(rebuilt.codeName, real.codeName);
        QCOMPARE(rebuilt.closeReason, real.closeReason);
        QCOMPARE(rebuilt.clean, real.clean);
        QCOMPARE(rebuilt.reconnectScheduled, real.reconnectScheduled);
        QCOMPARE(i.data(StateTimeline::ReasonRole).value<Reason>(), real.reason);
        QCOMPARE(i.data(StateTimeline::CodeRole).toInt(), real.code);
        QCOMPARE(i.data(StateTimeline::CodeNameRole).toString(), real.codeName);
        QCOMPARE(i.data(StateTimeline::CloseReasonRole).toString(), real.closeReason);
        QCOMPARE(i.data(StateTimeline::CleanRole).toBool(), real.clean);
        QCOMPARE(i.data(StateTimeline::ReconnectScheduledRole).toBool(), real.reconnectScheduled);
        QVERIFY(!i.data(StateTimeline::CodeMeaningRole).toString().isEmpty());
        QCOMPARE(i.data(StateTimeline::OfferedRole).toStringList(), options.subprotocols);
        QCOMPARE(i.data(StateTimeline::ChosenRole).toString(), QStringLiteral("chatting"));
    }
    // The server's close: Going Away, with its reason, and the reconnect it caused.
    QCOMPARE(closes.at(0).reason, Reason::Peer);
    QCOMPARE(closes.at(0).code, 1001);
    QCOMPARE(timeline.index(3).data(StateTimeline::CloseReasonRole).toString(),
             QStringLiteral("restart"));
    QCOMPARE(timeline.index(3).data(StateTimeline::ReconnectDelayMsRole).toInt(),
             closes.at(0).reconnectDelayMs);
    QCOMPARE(timeline.index(3).data(StateTimeline::ReconnectAtRole).toDateTime(),
             closes.at(0).reconnectAt);
    QCOMPARE(timeline.index(3).data(StateTimeline::ReconnectAttemptRole).toInt(), 1);
    QCOMPARE(timeline.closeInfo(3).reconnectDelayMs, closes.at(0).reconnectDelayMs);
    QCOMPARE(scheduledAtClose.at(0), true);
    QCOMPARE(nextAtClose.at(0), closes.at(0).reconnectAt);
    QCOMPARE(timeline.index(3).data(StateTimeline::FailureRole).value<Failure>(), Failure::None);
    // Ours: User, 1000 "bye", nothing scheduled.
    QCOMPARE(closes.at(1).reason, Reason::User);
    QCOMPARE(timeline.index(7).data(StateTimeline::CloseReasonRole).toString(),
             QStringLiteral("bye"));
    QCOMPARE(timeline.index(7).data(StateTimeline::ReconnectDelayMsRole).toInt(), -1);
    QVERIFY(!timeline.index(7).data(StateTimeline::ReconnectAtRole).toDateTime().isValid());
    QCOMPARE(scheduledAtClose.at(1), false);
    QVERIFY(!timeline.isReconnectScheduled());
    QCOMPARE(timeline.nextReconnectDelayMs(), -1);

    // Not Closed: no close roles.
    QVERIFY(!timeline.index(1).data(StateTimeline::CodeRole).isValid());
    QCOMPARE(timeline.closeInfo(1).reason, Reason::None);

    // Times: the log's, in order; durations join each row to the next.
    for (int row = 0; row < timeline.rowCount(); ++row) {
        const QModelIndex i = timeline.index(row);
        const bool last = row == timeline.rowCount() - 1;
        QCOMPARE(i.data(StateTimeline::IsCurrentRole).toBool(), last);
        if (last) {
            QCOMPARE(i.data(StateTimeline::DurationMsRole).toLongLong(), -1);
            continue;
        }
        const QModelIndex next = timeline.index(row + 1);
        QCOMPARE(i.data(StateTimeline::DurationMsRole).toLongLong(),
                 next.data(StateTimeline::MonotonicMsRole).toLongLong()
                         - i.data(StateTimeline::MonotonicMsRole).toLongLong());
        QVERIFY(i.data(StateTimeline::WallTimeRole).toDateTime()
                <= next.data(StateTimeline::WallTimeRole).toDateTime());
    }
    QCOMPARE(timeline.entries(State::Open), 2);
    QCOMPARE(timeline.entries(State::Closed), 2);
    // The waiting time before the reconnect is Closed time.
    QVERIFY(timeline.timeInState(State::Closed)
            == timeline.index(3).data(StateTimeline::DurationMsRole).toLongLong());
}

void tst_StateTimeline::attachedLateTellsTheSameStory()
{
    EventLog log;
    StateTimeline live;
    live.setLog(&log);
    log.append(state("Closed", "Connecting", 0));
    log.append(makeEvent(Kind::Handshake,
                         {{QStringLiteral("phase"), QStringLiteral("request")},
                          {QStringLiteral("offered"), QJsonArray()}},
                         0));
    log.append(state("Connecting", "Closed", 30, closeFields("NetworkError", 1006, true)));
    log.append(reconnectEvent(400, 1, 30));
    log.append(state("Closed", "Connecting", 430));
    log.append(state("Connecting", "Open", 450));

    StateTimeline late;
    QAbstractItemModelTester tester(&late, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&late, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&late, &QAbstractItemModel::rowsInserted);
    late.setLog(&log);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(inserted.count(), 0); // one reset, no row signals inside it
    QCOMPARE(late.rowCount(), live.rowCount());
    for (int row = 0; row < live.rowCount(); ++row) {
        for (const int role :
             {int(Qt::DisplayRole), int(StateTimeline::StateRole),
              int(StateTimeline::DurationMsRole), int(StateTimeline::ReconnectAtRole),
              int(StateTimeline::FailureRole)}) {
            QCOMPARE(late.index(row).data(role), live.index(row).data(role));
        }
    }
    QCOMPARE(late.index(1).data(StateTimeline::FailureRole).value<Failure>(),
             Failure::NoSubprotocolOffered);
}

void tst_StateTimeline::durationsAndTotals()
{
    StateTimeline timeline;
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&timeline, &QAbstractItemModel::dataChanged);
    timeline.addEvent(state("Closed", "Connecting", 100));
    timeline.addEvent(state("Connecting", "Open", 130));
    QCOMPARE(changed.count(), 1); // the Connecting row got its duration
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    timeline.addEvent(state("Open", "Closed", 5130, closeFields("NetworkError", 1006, false)));
    timeline.addEvent(state("Closed", "Connecting", 6130));
    timeline.addEvent(state("Connecting", "Open", 6150));
    timeline.addEvent(state("Open", "Closing", 7150));

    const QList<qint64> durations{30, 5000, 1000, 20, 1000, -1};
    for (int row = 0; row < timeline.rowCount(); ++row)
        QCOMPARE(timeline.index(row).data(StateTimeline::DurationMsRole).toLongLong(),
                 durations.at(row));
    QCOMPARE(timeline.timeInState(State::Connecting), 50);
    QCOMPARE(timeline.timeInState(State::Open), 6000);
    QCOMPARE(timeline.timeInState(State::Closed), 1000);
    QCOMPARE(timeline.timeInState(State::Closing), 0); // current: not finished yet
    QCOMPARE(timeline.entries(State::Connecting), 2);
    QCOMPARE(timeline.currentState(), State::Closing);
    QCOMPARE(timeline.index(0).data(StateTimeline::WallTimeRole).toDateTime(),
             QDateTime::fromMSecsSinceEpoch(baseWallMs + 100, Qt::UTC));
    QCOMPARE(timeline.index(5).data(StateTimeline::SeqRole).toLongLong(), 0); // not from a log
}

void tst_StateTimeline::cancelledReconnect()
{
    StateTimeline timeline;
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy schedule(&timeline, &StateTimeline::reconnectScheduleChanged);
    timeline.addEvent(state("Closed", "Connecting", 0));
    timeline.addEvent(state("Connecting", "Closed", 10, closeFields("NetworkError", 1006, true)));
    QVERIFY(timeline.isReconnectScheduled());
    timeline.addEvent(reconnectEvent(2500, 3, 10));
    QVERIFY(timeline.isReconnectScheduled());
    QCOMPARE(timeline.nextReconnectDelayMs(), 2500);
    QCOMPARE(timeline.nextReconnectAt(), QDateTime::fromMSecsSinceEpoch(baseWallMs + 2510, Qt::UTC));
    const QModelIndex closed = timeline.index(1);
    QCOMPARE(closed.data(StateTimeline::ReconnectAttemptRole).toInt(), 3);
    QCOMPARE(timeline.closeInfo(1).attempt, 2);
    QVERIFY(closed.data(Qt::DisplayRole).toString().contains(QLatin1String("reconnect in 2.5 s")));

    QSignalSpy changed(&timeline, &QAbstractItemModel::dataChanged);
    timeline.addEvent(makeEvent(Kind::Reconnect, {{QStringLiteral("cancelled"), true}}, 900));
    QVERIFY(!timeline.isReconnectScheduled());
    QVERIFY(!timeline.nextReconnectAt().isValid());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(closed.data(StateTimeline::ReconnectCancelledRole).toBool(), true);
    QVERIFY(closed.data(Qt::DisplayRole).toString().contains(QLatin1String("reconnect cancelled")));
    QCOMPARE(schedule.count(), 3);    // scheduled, its time known, cancelled
    QCOMPARE(timeline.rowCount(), 2); // a reconnect is not a transition
}

void tst_StateTimeline::lateErrorJoinsItsClose()
{
    StateTimeline timeline;
    timeline.addEvent(state("Closed", "Connecting", 0));
    timeline.addEvent(
            makeEvent(Kind::Handshake,
                      {{QStringLiteral("phase"), QStringLiteral("request")},
                       {QStringLiteral("offered"), QJsonArray{QStringLiteral("parlor.v1")}}},
                      0));
    timeline.addEvent(state("Connecting", "Closed", 5, closeFields("NetworkError", 1006, true)));
    QCOMPARE(timeline.index(1).data(StateTimeline::FailureRole).value<Failure>(),
             Failure::ClosedDuringHandshake);
    // Qt reported "connection refused" after the close (docs/TRACE.md).
    QSignalSpy changed(&timeline, &QAbstractItemModel::dataChanged);
    timeline.addEvent(makeEvent(Kind::Error,
                                {{QStringLiteral("error"), QStringLiteral("Connection refused")},
                                 {QStringLiteral("socketError"), 0}},
                                6));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(timeline.attempt(1).socketError, 0);
    QCOMPARE(timeline.index(1).data(StateTimeline::FailureRole).value<Failure>(),
             Failure::ConnectionRefused);
    QCOMPARE(timeline.index(1).data(StateTimeline::ExplanationRole).toString(),
             QString::fromUtf8(HandshakeExplainer::explanation(Failure::ConnectionRefused)));

    // The next attempt's error is its own.
    timeline.addEvent(state("Closed", "Connecting", 500));
    timeline.addEvent(makeEvent(Kind::Error,
                                {{QStringLiteral("error"), QStringLiteral("Host not found")},
                                 {QStringLiteral("socketError"), 2}},
                                501));
    timeline.addEvent(state("Connecting", "Closed", 502, closeFields("NetworkError", 1006, false)));
    QCOMPARE(timeline.attempt(1).socketError, 0);
    QCOMPARE(timeline.attempt(3).socketError, 2);
    QCOMPARE(timeline.index(3).data(StateTimeline::FailureRole).value<Failure>(),
             Failure::HostNotFound);
}

void tst_StateTimeline::refusedUpgradeIsExplained()
{
    StateTimeline timeline;
    timeline.addEvent(state("Closed", "Connecting", 0));
    timeline.addEvent(
            state("Connecting", "Closed", 5, closeFields("HandshakeRefused", 1006, false, 403)));
    const QModelIndex i = timeline.index(1);
    QCOMPARE(i.data(StateTimeline::ReasonRole).value<Reason>(), Reason::HandshakeRefused);
    QCOMPARE(i.data(StateTimeline::HttpStatusRole).toInt(), 403);
    QCOMPARE(i.data(StateTimeline::FailureRole).value<Failure>(), Failure::Forbidden);
    QCOMPARE(i.data(Qt::ToolTipRole).toString(), i.data(StateTimeline::ExplanationRole).toString());
    QCOMPARE(i.data(Qt::DisplayRole).toString(),
             QStringLiteral("Closed · upgrade refused · HTTP 403"));
    QCOMPARE(i.data(StateTimeline::ReasonTextRole).toString(), QStringLiteral("upgrade refused"));
    QVERIFY(!i.data(StateTimeline::ChosenRole).isValid()); // no 101 came
}

void tst_StateTimeline::maximumRows()
{
    StateTimeline timeline;
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(timeline.maximumRows(), 1000);
    timeline.setMaximumRows(4);
    const char *cycle[][2] = {{"Closed", "Connecting"}, {"Connecting", "Open"}, {"Open", "Closed"}};
    for (int i = 0; i < 9; ++i)
        timeline.addEvent(
                state(cycle[i % 3][0], cycle[i % 3][1], i * 10,
                      i % 3 == 2 ? closeFields("NetworkError", 1006, false) : QJsonObject()));
    QCOMPARE(timeline.rowCount(), 4);
    QCOMPARE(timeline.index(0).data(StateTimeline::MonotonicMsRole).toLongLong(), 50);
    QCOMPARE(timeline.entries(State::Open), 3); // totals count what left the list too
    QCOMPARE(timeline.timeInState(State::Open), 30);
    timeline.setMaximumRows(2);
    QCOMPARE(timeline.rowCount(), 2);
    QCOMPARE(timeline.index(1).data(StateTimeline::StateRole).value<State>(), State::Closed);
}

void tst_StateTimeline::clearedLog()
{
    EventLog log;
    StateTimeline timeline;
    QAbstractItemModelTester tester(&timeline,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    timeline.setLog(&log);
    log.append(state("Closed", "Connecting", 0));
    log.append(state("Connecting", "Closed", 5, closeFields("NetworkError", 1006, true)));
    log.append(reconnectEvent(100, 1, 5));
    QCOMPARE(timeline.rowCount(), 2);
    QVERIFY(timeline.isReconnectScheduled());
    log.clear();
    QCOMPARE(timeline.rowCount(), 0);
    QVERIFY(!timeline.isReconnectScheduled());
    QCOMPARE(timeline.timeInState(State::Connecting), 0);
    QCOMPARE(timeline.entries(State::Closed), 0);
    log.append(state("Closed", "Connecting", 10));
    QCOMPARE(timeline.rowCount(), 1);
    timeline.setLog(nullptr);
    QCOMPARE(timeline.rowCount(), 0);
    log.append(state("Connecting", "Open", 20));
    QCOMPARE(timeline.rowCount(), 0);
}

void tst_StateTimeline::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<State>("expected");
    QTest::newRow("Closed") << QStringLiteral("Closed") << State::Closed;
    QTest::newRow("Connecting") << QStringLiteral("Connecting") << State::Connecting;
    QTest::newRow("Open") << QStringLiteral("Open") << State::Open;
    QTest::newRow("Closing") << QStringLiteral("Closing") << State::Closing;
}

void tst_StateTimeline::names()
{
    QFETCH(QString, name);
    QFETCH(State, expected);
    State parsed = State::Closed;
    QVERIFY(StateTimeline::stateFromName(name, &parsed));
    QCOMPARE(parsed, expected);
    QCOMPARE(StateTimeline::stateText(expected), name); // English without a translator
    QVERIFY(!StateTimeline::stateFromName(name.toLower() + QLatin1Char('x'), &parsed));
    QCOMPARE(CloseInfo::reasonFromName(QStringLiteral("PingTimeout")), Reason::PingTimeout);
    QCOMPARE(CloseInfo::reasonFromName(QStringLiteral("nonsense")), Reason::None);
    // An unknown transition is not drawn.
    StateTimeline timeline;
    timeline.addEvent(state("Closed", "Dreaming", 0));
    QCOMPARE(timeline.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_StateTimeline)
#include "tst_statetimeline.moc"
