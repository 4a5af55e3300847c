#include "server/eventhistory.h"

#include <QTest>

using namespace Parlor;

namespace {

RoomEvent eventAt(qint64 seq)
{
    RoomEvent e;
    e.kind = RoomEvent::Kind::Message;
    e.seq = seq;
    e.ts = 1700000000000 + seq;
    e.id = QStringLiteral("m%1").arg(seq);
    e.from = QStringLiteral("mina");
    e.text = QStringLiteral("text %1").arg(seq);
    return e;
}

// A history that was offered events 1..count, as the room records them.
EventHistory historyWith(int capacity, int count)
{
    EventHistory history(capacity);
    for (int seq = 1; seq <= count; ++seq)
        history.append(eventAt(seq));
    return history;
}

QList<qint64> seqs(const QList<RoomEvent> &events)
{
    QList<qint64> result;
    for (const RoomEvent &e : events)
        result.append(e.seq);
    return result;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 seq = first; seq <= last; ++seq)
        result.append(seq);
    return result;
}

} // namespace

class tst_EventHistory : public QObject
{
    Q_OBJECT

private slots:
    void startsEmpty();
    void keepsTheLastCapacityEvents_data();
    void keepsTheLastCapacityEvents();
    void keepsEventsWhole();
    void capacityZeroKeepsNothing();
    void negativeCapacityIsZero();
    void after_data();
    void after();
    void find_data();
    void find();
};

void tst_EventHistory::startsEmpty()
{
    const EventHistory history(10);
    QCOMPARE(history.capacity(), 10);
    QCOMPARE(history.size(), 0);
    QVERIFY(history.all().isEmpty());
    QCOMPARE(history.find(1), nullptr);
}

void tst_EventHistory::keepsTheLastCapacityEvents_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("appended");
    QTest::addColumn<QList<qint64>>("kept");

    QTest::newRow("fewer than capacity") << 5 << 3 << range(1, 3);
    QTest::newRow("exactly capacity") << 5 << 5 << range(1, 5);
    QTest::newRow("one more than capacity drops the oldest") << 5 << 6 << range(2, 6);
    QTest::newRow("many times capacity") << 3 << 100 << range(98, 100);
    QTest::newRow("capacity one") << 1 << 4 << QList<qint64>{4};
}

void tst_EventHistory::keepsTheLastCapacityEvents()
{
    QFETCH(int, capacity);
    QFETCH(int, appended);
    QFETCH(QList<qint64>, kept);

    const EventHistory history = historyWith(capacity, appended);
    QCOMPARE(history.size(), int(kept.size()));
    QCOMPARE(seqs(history.all()), kept);
}

void tst_EventHistory::keepsEventsWhole()
{
    EventHistory history(3);
    RoomEvent leave;
    leave.kind = RoomEvent::Kind::Leave;
    leave.seq = 1;
    leave.ts = 42;
    leave.nick = QStringLiteral("미나");
    leave.reason = QStringLiteral("lost");
    history.append(leave);
    history.append(eventAt(2));

    const QList<RoomEvent> all = history.all();
    QCOMPARE(all.size(), 2);
    QVERIFY(all.at(0) == leave);
    QVERIFY(all.at(1) == eventAt(2));
    bool gap = true;
    const QList<RoomEvent> after = history.after(1, 2, &gap);
    QCOMPARE(after.size(), 1);
    QVERIFY(after.at(0) == eventAt(2));
}

void tst_EventHistory::capacityZeroKeepsNothing()
{
    const EventHistory history = historyWith(0, 5);
    QCOMPARE(history.capacity(), 0);
    QCOMPARE(history.size(), 0);
    QVERIFY(history.all().isEmpty());
    QCOMPARE(history.find(5), nullptr);
}

void tst_EventHistory::negativeCapacityIsZero()
{
    const EventHistory history = historyWith(-3, 2);
    QCOMPARE(history.capacity(), 0);
    QCOMPARE(history.size(), 0);
}

void tst_EventHistory::after_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("appended"); // events 1..appended were recorded; the room is at that seq
    QTest::addColumn<qint64>("since");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::addColumn<bool>("gap");

    QTest::newRow("up to date") << 10 << 5 << qint64(5) << QList<qint64>{} << false;
    QTest::newRow("missed some, all kept") << 10 << 5 << qint64(2) << range(3, 5) << false;
    QTest::newRow("missed the last one") << 10 << 5 << qint64(4) << QList<qint64>{5} << false;
    QTest::newRow("since 0, all kept") << 10 << 5 << qint64(0) << range(1, 5) << false;
    // History holds 4..6: a client at 3 misses exactly what is kept, one at 2 lost event 3.
    QTest::newRow("missed exactly what is kept") << 3 << 6 << qint64(3) << range(4, 6) << false;
    QTest::newRow("missed one more than is kept") << 3 << 6 << qint64(2) << range(4, 6) << true;
    QTest::newRow("since 0, oldest dropped") << 3 << 6 << qint64(0) << range(4, 6) << true;
    QTest::newRow("up to date, oldest dropped") << 3 << 6 << qint64(6) << QList<qint64>{} << false;
    QTest::newRow("within the kept window") << 3 << 6 << qint64(5) << QList<qint64>{6} << false;
    // A since from the future (a confused client) gets nothing and no gap.
    QTest::newRow("since beyond the room's seq")
            << 10 << 5 << qint64(9) << QList<qint64>{} << false;
    QTest::newRow("empty room, since 0") << 10 << 0 << qint64(0) << QList<qint64>{} << false;
    QTest::newRow("capacity 0, up to date") << 0 << 5 << qint64(5) << QList<qint64>{} << false;
    QTest::newRow("capacity 0, missed some") << 0 << 5 << qint64(3) << QList<qint64>{} << true;
    QTest::newRow("capacity 0, since 0") << 0 << 5 << qint64(0) << QList<qint64>{} << true;
}

void tst_EventHistory::after()
{
    QFETCH(int, capacity);
    QFETCH(int, appended);
    QFETCH(qint64, since);
    QFETCH(QList<qint64>, expected);
    QFETCH(bool, gap);

    const EventHistory history = historyWith(capacity, appended);
    bool actualGap = !gap; // so a function that never writes the flag fails
    QCOMPARE(seqs(history.after(since, appended, &actualGap)), expected);
    QCOMPARE(actualGap, gap);
}

void tst_EventHistory::find_data()
{
    QTest::addColumn<qint64>("seq");
    QTest::addColumn<bool>("found");

    // The history holds 4..6 of events 1..6.
    QTest::newRow("oldest kept") << qint64(4) << true;
    QTest::newRow("middle") << qint64(5) << true;
    QTest::newRow("newest") << qint64(6) << true;
    QTest::newRow("dropped") << qint64(3) << false;
    QTest::newRow("first ever, dropped") << qint64(1) << false;
    QTest::newRow("not yet") << qint64(7) << false;
    QTest::newRow("zero") << qint64(0) << false;
    QTest::newRow("negative") << qint64(-1) << false;
}

void tst_EventHistory::find()
{
    QFETCH(qint64, seq);
    QFETCH(bool, found);

    const EventHistory history = historyWith(3, 6);
    const RoomEvent *e = history.find(seq);
    QCOMPARE(e != nullptr, found);
    if (e)
        QVERIFY(*e == eventAt(seq));
}

QTEST_GUILESS_MAIN(tst_EventHistory)
#include "tst_eventhistory.moc"
