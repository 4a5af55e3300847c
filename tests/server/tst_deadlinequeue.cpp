#include "server/deadlinequeue.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTest>

#include <memory>
#include <vector>

using namespace Parlor;

// One timer for many deadlines of one length (the gate's handshakes, the room's hellos): each
// object that still exists is handed back once, in order, never before its time.
class tst_DeadlineQueue : public QObject
{
    Q_OBJECT

private slots:
    void expiresEachLivingObjectOnceInOrderNotEarly();
    void forgetsObjectsDestroyedBeforeTheirTime();
    void clearDropsEverything();
    void anObjectAddedFromTheCallbackExpiresToo();
    void manyDeadlinesExpireInOnePass();
};

void tst_DeadlineQueue::expiresEachLivingObjectOnceInOrderNotEarly()
{
    constexpr int timeoutMs = 80;
    QList<QObject *> expired;
    QList<qint64> expiredAfter;
    QElapsedTimer clock;
    clock.start();
    QList<qint64> addedAt;
    DeadlineQueue queue([&](QObject *o) {
        expired.append(o);
        expiredAfter.append(clock.elapsed() - addedAt.at(o->property("n").toInt()));
    });
    queue.setTimeoutMs(timeoutMs);
    std::vector<std::unique_ptr<QObject>> objects;
    for (int i = 0; i < 3; ++i) {
        objects.push_back(std::make_unique<QObject>());
        objects.back()->setProperty("n", i);
        addedAt.append(clock.elapsed());
        queue.add(objects.back().get());
    }
    QTRY_COMPARE(expired.size(), 3);
    QCOMPARE(expired, (QList<QObject *>{objects[0].get(), objects[1].get(), objects[2].get()}));
    for (const qint64 after : std::as_const(expiredAfter))
        QVERIFY2(after >= timeoutMs, qPrintable(QString::number(after)));
    QCOMPARE(queue.size(), 0);
    // Nothing comes twice: by the time one added now is due, a second round would have come.
    objects.push_back(std::make_unique<QObject>());
    objects.back()->setProperty("n", 3);
    addedAt.append(clock.elapsed());
    queue.add(objects.back().get());
    QTRY_COMPARE(expired.size(), 4);
    QCOMPARE(expired.last(), objects[3].get());
}

void tst_DeadlineQueue::forgetsObjectsDestroyedBeforeTheirTime()
{
    QList<QObject *> expired;
    DeadlineQueue queue([&](QObject *o) { expired.append(o); });
    queue.setTimeoutMs(30);
    auto gone = std::make_unique<QObject>();
    QObject stays;
    queue.add(gone.get());
    queue.add(&stays);
    gone.reset();
    QTRY_COMPARE(expired.size(), 1);
    QCOMPARE(expired.first(), &stays);
}

void tst_DeadlineQueue::clearDropsEverything()
{
    QList<QObject *> expired;
    DeadlineQueue queue([&](QObject *o) { expired.append(o); });
    queue.setTimeoutMs(20);
    QObject a;
    QObject b;
    queue.add(&a);
    queue.add(&b);
    queue.clear();
    QCOMPARE(queue.size(), 0);
    // Usable again afterwards; a and b, due before it, never come.
    QObject c;
    queue.add(&c);
    QTRY_COMPARE(expired.size(), 1);
    QCOMPARE(expired.first(), &c);
}

void tst_DeadlineQueue::anObjectAddedFromTheCallbackExpiresToo()
{
    QObject again;
    int calls = 0;
    DeadlineQueue *self = nullptr;
    DeadlineQueue queue([&](QObject *o) {
        if (++calls == 1)
            self->add(o);
    });
    self = &queue;
    queue.setTimeoutMs(20);
    queue.add(&again);
    QTRY_COMPARE(calls, 2);
}

void tst_DeadlineQueue::manyDeadlinesExpireInOnePass()
{
    // A burst of connections: thousands of deadlines within a millisecond or two.
    int calls = 0;
    DeadlineQueue queue([&](QObject *) { ++calls; });
    queue.setTimeoutMs(50);
    std::vector<std::unique_ptr<QObject>> objects;
    for (int i = 0; i < 2000; ++i) {
        objects.push_back(std::make_unique<QObject>());
        queue.add(objects.back().get());
    }
    QTRY_COMPARE(calls, 2000);
}

QTEST_GUILESS_MAIN(tst_DeadlineQueue)
#include "tst_deadlinequeue.moc"
