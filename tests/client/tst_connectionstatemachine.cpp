#include "client/connectionstatemachine.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using Parlor::ConnectionStateMachine;
using State = ConnectionStateMachine::State;

namespace {

const QList<State> allStates = {State::Closed, State::Connecting, State::Open, State::Closing};

const char *nameOf(State state)
{
    return QMetaEnum::fromType<State>().valueToKey(int(state));
}

// The table of the brief, written out pair by pair (not derived from the code under test).
bool briefAllows(State from, State to)
{
    static const QList<QPair<State, State>> allowed = {
            {State::Closed, State::Connecting}, {State::Connecting, State::Open},
            {State::Connecting, State::Closed}, {State::Connecting, State::Closing},
            {State::Open, State::Closing},      {State::Open, State::Closed},
            {State::Closing, State::Closed},
    };
    return allowed.contains(qMakePair(from, to));
}

// A path of allowed moves from Closed (the initial state) to \a target.
QList<State> pathTo(State target)
{
    switch (target) {
    case State::Closed:
        return {};
    case State::Connecting:
        return {State::Connecting};
    case State::Open:
        return {State::Connecting, State::Open};
    case State::Closing:
        return {State::Connecting, State::Open, State::Closing};
    }
    return {};
}

} // namespace

class tst_ConnectionStateMachine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void initialState();
    void table_data();
    void table();
    void allowedTransition_data();
    void allowedTransition();
    void illegalTransition_data();
    void illegalTransition();
    void fullLifecycleStampsAreMonotonic();
};

void tst_ConnectionStateMachine::initTestCase()
{
    qRegisterMetaType<State>();
    QCOMPARE(allStates.size(), QMetaEnum::fromType<State>().keyCount());
}

void tst_ConnectionStateMachine::initialState()
{
    ConnectionStateMachine machine;
    QCOMPARE(machine.state(), State::Closed);
    QCOMPARE(machine.enteredAtMs(), 0);
    QVERIFY(machine.enteredAt().isValid());
    QVERIFY(machine.elapsedMs() >= 0);
}

void tst_ConnectionStateMachine::table_data()
{
    QTest::addColumn<State>("from");
    QTest::addColumn<State>("to");
    QTest::addColumn<bool>("allowed");
    for (State from : allStates) {
        for (State to : allStates) {
            const bool allowed = briefAllows(from, to);
            QTest::addRow("%s->%s %s", nameOf(from), nameOf(to), allowed ? "allowed" : "refused")
                    << from << to << allowed;
        }
    }
}

void tst_ConnectionStateMachine::table()
{
    QFETCH(State, from);
    QFETCH(State, to);
    QFETCH(bool, allowed);
    QCOMPARE(ConnectionStateMachine::isAllowed(from, to), allowed);
    if (from == to)
        QVERIFY(!ConnectionStateMachine::isAllowed(from, to)); // no self-transition, ever
}

void tst_ConnectionStateMachine::allowedTransition_data()
{
    QTest::addColumn<State>("from");
    QTest::addColumn<State>("to");
    int rows = 0;
    for (State from : allStates) {
        for (State to : allStates) {
            if (!briefAllows(from, to))
                continue;
            QTest::addRow("%s->%s", nameOf(from), nameOf(to)) << from << to;
            ++rows;
        }
    }
    QCOMPARE(rows, 7);
}

void tst_ConnectionStateMachine::allowedTransition()
{
    QFETCH(State, from);
    QFETCH(State, to);

    ConnectionStateMachine machine;
    for (State step : pathTo(from))
        QVERIFY(machine.transition(step));
    QCOMPARE(machine.state(), from);
    const qint64 before = machine.enteredAtMs();
    const QDateTime wallBefore = machine.enteredAt();

    QSignalSpy spy(&machine, &ConnectionStateMachine::transitioned);
    QVERIFY(spy.isValid());
    QVERIFY(machine.transition(to));
    QCOMPARE(machine.state(), to);

    QCOMPARE(spy.count(), 1);
    const QList<QVariant> args = spy.takeFirst();
    QCOMPARE(args.at(0).value<State>(), from);
    QCOMPARE(args.at(1).value<State>(), to);
    const qint64 stamp = args.at(2).toLongLong();
    const QDateTime wall = args.at(3).toDateTime();
    QVERIFY2(stamp >= before, qPrintable(QStringLiteral("%1 < %2").arg(stamp).arg(before)));
    QVERIFY(stamp <= machine.elapsedMs());
    QCOMPARE(machine.enteredAtMs(), stamp);
    QVERIFY(wall.isValid());
    QCOMPARE(wall.timeSpec(), Qt::UTC);
    QVERIFY(wall >= wallBefore);
    QVERIFY(qAbs(wall.msecsTo(QDateTime::currentDateTimeUtc())) < 5000);
    QCOMPARE(machine.enteredAt(), wall);

    // Nothing else was emitted afterwards either.
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 0);
}

void tst_ConnectionStateMachine::illegalTransition_data()
{
    QTest::addColumn<State>("from");
    QTest::addColumn<State>("to");
    int rows = 0;
    for (State from : allStates) {
        for (State to : allStates) {
            if (briefAllows(from, to))
                continue;
            QTest::addRow("%s->%s", nameOf(from), nameOf(to)) << from << to;
            ++rows;
        }
    }
    QCOMPARE(rows, 9);
}

void tst_ConnectionStateMachine::illegalTransition()
{
    QFETCH(State, from);
    QFETCH(State, to);

    ConnectionStateMachine machine;
    machine.setAssertOnIllegalTransition(false);
    for (State step : pathTo(from))
        QVERIFY(machine.transition(step));
    QCOMPARE(machine.state(), from);
    const qint64 stampBefore = machine.enteredAtMs();
    const QDateTime wallBefore = machine.enteredAt();

    QSignalSpy spy(&machine, &ConnectionStateMachine::transitioned);
    QVERIFY(spy.isValid());
    const QString pattern = QStringLiteral("illegal connection state transition.*%1.*->.*%2")
                                    .arg(QLatin1String(nameOf(from)), QLatin1String(nameOf(to)));
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(pattern));
    QVERIFY(!machine.transition(to));

    QCOMPARE(machine.state(), from);
    QCOMPARE(machine.enteredAtMs(), stampBefore);
    QCOMPARE(machine.enteredAt(), wallBefore);
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 0);

    // The machine still works after a refusal.
    const State next = from == State::Closed ? State::Connecting : State::Closed;
    QVERIFY(machine.transition(next));
    QCOMPARE(spy.count(), 1);
}

void tst_ConnectionStateMachine::fullLifecycleStampsAreMonotonic()
{
    // Every allowed move, in one machine, in an order that visits all seven.
    const QList<State> walk = {State::Connecting, State::Closing, State::Closed,  // via Closing
                               State::Connecting, State::Closed,                  // refused
                               State::Connecting, State::Open,    State::Closed,  // loss
                               State::Connecting, State::Open,    State::Closing, // clean close
                               State::Closed};
    ConnectionStateMachine machine;
    QSignalSpy spy(&machine, &ConnectionStateMachine::transitioned);
    QList<QPair<State, State>> seen;
    State current = machine.state();
    for (State step : walk) {
        QVERIFY(machine.transition(step));
        if (!seen.contains(qMakePair(current, step)))
            seen.append(qMakePair(current, step));
        current = step;
    }
    QCOMPARE(seen.size(), 7);
    QCOMPARE(spy.count(), walk.size());
    qint64 last = 0;
    QDateTime lastWall;
    for (int i = 0; i < spy.count(); ++i) {
        const qint64 stamp = spy.at(i).at(2).toLongLong();
        const QDateTime wall = spy.at(i).at(3).toDateTime();
        QVERIFY(stamp >= last);
        QVERIFY(wall.isValid());
        if (lastWall.isValid())
            QVERIFY(wall >= lastWall);
        QCOMPARE(spy.at(i).at(1).value<State>(), walk.at(i));
        last = stamp;
        lastWall = wall;
    }
}

QTEST_GUILESS_MAIN(tst_ConnectionStateMachine)
#include "tst_connectionstatemachine.moc"
