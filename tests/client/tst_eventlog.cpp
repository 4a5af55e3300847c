#include "client/eventlog.h"

#include <QSignalSpy>
#include <QTest>

using Parlor::ConnectionEvent;
using Parlor::EventLog;
using Kind = ConnectionEvent::Kind;

namespace {

ConnectionEvent makeEvent(int n, Kind kind = Kind::State)
{
    ConnectionEvent event;
    event.kind = kind;
    event.monotonicMs = n;
    event.wallMs = 1700000000000 + n;
    event.fields = {{QStringLiteral("n"), n}};
    return event;
}

} // namespace

class tst_EventLog : public QObject
{
    Q_OBJECT

private slots:
    void empty();
    void appendNumbersFromOne();
    void appendIgnoresCallerSeq();
    void appendedSignal();
    void ring_data();
    void ring();
    void capacityAtLeastOne_data();
    void capacityAtLeastOne();
    void clear();
    void kindNames_data();
    void kindNames();
};

void tst_EventLog::empty()
{
    EventLog log;
    QCOMPARE(log.size(), 0);
    QCOMPARE(log.capacity(), 10000);
    QCOMPARE(log.droppedCount(), 0);
}

void tst_EventLog::appendNumbersFromOne()
{
    EventLog log(100);
    for (int i = 0; i < 10; ++i) {
        const ConnectionEvent &stored = log.append(makeEvent(i, Kind::Ping));
        QCOMPARE(stored.seq, qint64(i + 1));
        QCOMPARE(stored.fields.value(QStringLiteral("n")).toInt(), i);
    }
    QCOMPARE(log.size(), 10);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(log.at(i).seq, qint64(i + 1));
        QCOMPARE(log.at(i).kind, Kind::Ping);
        QCOMPARE(log.at(i).monotonicMs, qint64(i));
        QCOMPARE(log.at(i).wallMs, qint64(1700000000000 + i));
    }
    QCOMPARE(log.droppedCount(), 0);
}

void tst_EventLog::appendIgnoresCallerSeq()
{
    EventLog log;
    ConnectionEvent event = makeEvent(0);
    event.seq = 42;
    QCOMPARE(log.append(event).seq, qint64(1));
    event.seq = -7;
    QCOMPARE(log.append(event).seq, qint64(2));
}

void tst_EventLog::appendedSignal()
{
    EventLog log(3);
    QList<ConnectionEvent> seen;
    connect(&log, &EventLog::appended, this,
            [&seen](const ConnectionEvent &event) { seen.append(event); });
    QSignalSpy spy(&log, &EventLog::appended);
    QVERIFY(spy.isValid());

    for (int i = 0; i < 5; ++i)
        log.append(makeEvent(i, Kind::MessageIn));
    QCOMPARE(spy.count(), 5); // once per append, also when the ring drops one
    QCOMPARE(seen.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(seen.at(i).seq, qint64(i + 1)); // the signal carries the numbered event
        QCOMPARE(seen.at(i).kind, Kind::MessageIn);
        QCOMPARE(seen.at(i).fields.value(QStringLiteral("n")).toInt(), i);
    }
}

void tst_EventLog::ring_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("appends");

    QTest::newRow("below capacity") << 5 << 3;
    QTest::newRow("exactly full") << 5 << 5;
    QTest::newRow("one over") << 5 << 6;
    QTest::newRow("wrapped several times") << 5 << 23;
    QTest::newRow("capacity one") << 1 << 4;
    QTest::newRow("large") << 1000 << 2500;
}

void tst_EventLog::ring()
{
    QFETCH(int, capacity);
    QFETCH(int, appends);

    EventLog log(capacity);
    QCOMPARE(log.capacity(), capacity);
    for (int i = 0; i < appends; ++i) {
        log.append(makeEvent(i));
        QVERIFY(log.size() <= capacity);
    }
    const int kept = std::min(capacity, appends);
    QCOMPARE(log.size(), kept);
    QCOMPARE(log.droppedCount(), qint64(appends - kept));
    // The newest are kept, oldest first, and numbering goes on across drops.
    for (int i = 0; i < kept; ++i) {
        const int n = appends - kept + i;
        QCOMPARE(log.at(i).seq, qint64(n + 1));
        QCOMPARE(log.at(i).fields.value(QStringLiteral("n")).toInt(), n);
    }
    QCOMPARE(log.at(0).seq, log.droppedCount() + 1);
}

void tst_EventLog::capacityAtLeastOne_data()
{
    QTest::addColumn<int>("requested");
    QTest::newRow("zero") << 0;
    QTest::newRow("negative") << -5;
}

void tst_EventLog::capacityAtLeastOne()
{
    QFETCH(int, requested);
    EventLog log(requested);
    QCOMPARE(log.capacity(), 1);
    log.append(makeEvent(1));
    log.append(makeEvent(2));
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).seq, qint64(2));
    QCOMPARE(log.droppedCount(), 1);
}

void tst_EventLog::clear()
{
    EventLog log(4);
    for (int i = 0; i < 6; ++i)
        log.append(makeEvent(i));
    QCOMPARE(log.droppedCount(), 2);

    QSignalSpy cleared(&log, &EventLog::cleared);
    QSignalSpy appended(&log, &EventLog::appended);
    log.clear();
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(appended.count(), 0);
    QCOMPARE(log.size(), 0);
    QCOMPARE(log.capacity(), 4);

    // Numbering is not reused after a clear: an export never holds two events with one seq.
    QCOMPARE(log.append(makeEvent(99)).seq, qint64(7));
    QCOMPARE(log.size(), 1);
    QCOMPARE(appended.count(), 1);
    for (int i = 0; i < 3; ++i)
        log.append(makeEvent(100 + i));
    QCOMPARE(log.size(), 4);
    const qint64 droppedBefore = log.droppedCount();
    log.append(makeEvent(200));
    QCOMPARE(log.size(), 4); // the ring still holds its capacity after a clear
    QCOMPARE(log.droppedCount(), droppedBefore + 1);
    QCOMPARE(log.at(0).seq, qint64(8)); // 7 was dropped: 8, 9, 10, 11 remain
}

void tst_EventLog::kindNames_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("state") << Kind::State << QStringLiteral("state");
    QTest::newRow("handshake") << Kind::Handshake << QStringLiteral("handshake");
    QTest::newRow("message-in") << Kind::MessageIn << QStringLiteral("message-in");
    QTest::newRow("message-out") << Kind::MessageOut << QStringLiteral("message-out");
    QTest::newRow("ping") << Kind::Ping << QStringLiteral("ping");
    QTest::newRow("pong") << Kind::Pong << QStringLiteral("pong");
    QTest::newRow("error") << Kind::Error << QStringLiteral("error");
    QTest::newRow("reconnect") << Kind::Reconnect << QStringLiteral("reconnect");
}

void tst_EventLog::kindNames()
{
    QFETCH(Kind, kind);
    QFETCH(QString, name);
    QCOMPARE(ConnectionEvent::kindName(kind), name);
}

QTEST_GUILESS_MAIN(tst_EventLog)
#include "tst_eventlog.moc"
