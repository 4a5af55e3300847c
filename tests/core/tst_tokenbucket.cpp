#include "core/tokenbucket.h"

#include <QTest>

using Parlor::TokenBucket;

namespace {

// Takes tokens at one instant until the bucket refuses; returns how many it gave.
int drain(TokenBucket &bucket, qint64 nowMs)
{
    int taken = 0;
    while (bucket.tryTake(nowMs)) {
        ++taken;
        if (taken > 1000000)
            break; // a bucket that never empties is a failure, not a hang
    }
    return taken;
}

} // namespace

class tst_TokenBucket : public QObject
{
    Q_OBJECT

private slots:
    void startsFull();
    void burst_data();
    void burst();
    void refillsAtTheRate_data();
    void refillsAtTheRate();
    void fractionalTokensAreNotEnough();
    void refusedTakeCostsNothing();
    void capsAtBurst();
    void isFull();
    void timeGoingBackwardsAddsNothing();
    void clampsNonsenseParameters();
    void takesManyTokensAtOnce();
    void largerThanTheBurstGoesIntoDebt();
};

void tst_TokenBucket::startsFull()
{
    TokenBucket bucket(20, 40, 1000);
    QVERIFY(bucket.isFull(1000));
    QCOMPARE(bucket.tokens(1000), 40.0);
}

void tst_TokenBucket::burst_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("burst");

    // The room uses burst = 2 x rate.
    QTest::newRow("room default: 20/s, burst 40") << 20.0 << 40.0;
    QTest::newRow("1/s, burst 2") << 1.0 << 2.0;
    QTest::newRow("1000/s, burst 2000") << 1000.0 << 2000.0;
    QTest::newRow("burst equal to rate") << 5.0 << 5.0;
}

void tst_TokenBucket::burst()
{
    QFETCH(double, rate);
    QFETCH(double, burst);

    // A full bucket gives exactly `burst` tokens at one instant, then refuses.
    TokenBucket bucket(rate, burst, 0);
    QCOMPARE(drain(bucket, 0), int(burst));
    QVERIFY(!bucket.tryTake(0));
}

void tst_TokenBucket::refillsAtTheRate_data()
{
    QTest::addColumn<double>("rate");

    QTest::newRow("1/s") << 1.0;
    QTest::newRow("20/s") << 20.0;
    QTest::newRow("1000/s") << 1000.0;
}

void tst_TokenBucket::refillsAtTheRate()
{
    QFETCH(double, rate);

    TokenBucket bucket(rate, 2 * rate, 0);
    drain(bucket, 0);
    QCOMPARE(bucket.tokens(0), 0.0);
    // One second later exactly `rate` tokens are back; half a second later, half of them.
    QCOMPARE(bucket.tokens(500), rate / 2);
    QCOMPARE(drain(bucket, 1000), int(rate));
    QCOMPARE(drain(bucket, 2000), int(rate));
}

// Token counts are doubles: where several refills add up, the checks compare fuzzily (QCOMPARE)
// or leave a millisecond of margin instead of relying on exact sums such as 0.1 * 10.

void tst_TokenBucket::fractionalTokensAreNotEnough()
{
    TokenBucket bucket(10, 20, 0); // one token every 100 ms
    drain(bucket, 0);
    QVERIFY(!bucket.tryTake(50));
    QCOMPARE(bucket.tokens(50), 0.5);
    QVERIFY(!bucket.tryTake(98));
    QVERIFY(bucket.tryTake(101));
    QVERIFY(!bucket.tryTake(101));
}

void tst_TokenBucket::refusedTakeCostsNothing()
{
    // A flooder's refused messages must not push its next allowed one further away.
    TokenBucket bucket(10, 20, 0);
    drain(bucket, 0);
    for (qint64 t = 0; t < 100; t += 10)
        QVERIFY(!bucket.tryTake(t));
    QCOMPARE(bucket.tokens(100), 1.0);
    QVERIFY(bucket.tryTake(101));
}

void tst_TokenBucket::capsAtBurst()
{
    TokenBucket bucket(20, 40, 0);
    QCOMPARE(drain(bucket, 0), 40);
    // An hour idle does not bank 72000 tokens: the next burst is again only 40.
    QCOMPARE(bucket.tokens(3600 * 1000), 40.0);
    QCOMPARE(drain(bucket, 3600 * 1000), 40);
    // Nor does a full bucket keep filling while it waits.
    TokenBucket idle(20, 40, 0);
    QCOMPARE(idle.tokens(10000), 40.0);
    QCOMPARE(drain(idle, 10000), 40);
}

void tst_TokenBucket::isFull()
{
    const auto afterOneTake = [] {
        TokenBucket bucket(10, 20, 0);
        bucket.tryTake(0);
        return bucket;
    };
    TokenBucket bucket = afterOneTake();
    QVERIFY(!bucket.isFull(0));
    QVERIFY(!afterOneTake().isFull(99));
    QVERIFY(bucket.isFull(100));
    // Asking does not take a token.
    QVERIFY(bucket.isFull(100));
    QCOMPARE(bucket.tokens(100), 20.0);

    // Empty, it takes burst / rate = 2 s to be full again.
    const auto afterDrain = [] {
        TokenBucket bucket(10, 20, 0);
        drain(bucket, 0);
        return bucket;
    };
    QVERIFY(!afterDrain().isFull(1999));
    QVERIFY(afterDrain().isFull(2000));
}

void tst_TokenBucket::timeGoingBackwardsAddsNothing()
{
    TokenBucket bucket(10, 20, 10000);
    drain(bucket, 10000);
    // A clock that steps back (or two callers with slightly different "now") must not mint
    // tokens, neither now nor when time catches up again.
    QVERIFY(!bucket.tryTake(5000));
    QCOMPARE(bucket.tokens(0), 0.0);
    QVERIFY(!bucket.isFull(0));
    QCOMPARE(bucket.tokens(10000), 0.0);
    QCOMPARE(bucket.tokens(10100), 1.0);
    QVERIFY(bucket.tryTake(10100));
    QVERIFY(!bucket.tryTake(10050));
}

void tst_TokenBucket::clampsNonsenseParameters()
{
    // A zero rate would never refill and a zero burst would refuse everything: both are clamped
    // so a misconfigured room still lets messages through slowly.
    TokenBucket zero(0, 0, 0);
    QVERIFY(zero.tryTake(0));
    QVERIFY(!zero.tryTake(0));
    QVERIFY(!zero.tryTake(990000));
    QVERIFY(zero.tryTake(1010000)); // 0.001 tokens a second: one in 1000 s

    TokenBucket negative(-5, -5, 0);
    QCOMPARE(negative.tokens(0), 1.0);
    QVERIFY(negative.tryTake(0));
    QVERIFY(!negative.tryTake(1000));
}

void tst_TokenBucket::takesManyTokensAtOnce()
{
    // A byte bucket: 1000 bytes a second, 4000 at once.
    TokenBucket bucket(1000, 4000, 0);
    QCOMPARE(bucket.msUntil(0, 3000), 0);
    QVERIFY(bucket.tryTake(0, 3000));
    QCOMPARE(bucket.tokens(0), 1000.0);
    QVERIFY(!bucket.tryTake(0, 1500)); // refused: nothing taken
    QCOMPARE(bucket.tokens(0), 1000.0);
    QCOMPARE(bucket.msUntil(0, 1500), 500);
    QVERIFY(!bucket.tryTake(499, 1500));
    QVERIFY(bucket.tryTake(500, 1500));
    QCOMPARE(bucket.tokens(500), 0.0);
}

void tst_TokenBucket::largerThanTheBurstGoesIntoDebt()
{
    // A chunk larger than the whole burst still goes, once the bucket is full, and is paid
    // for afterwards at the rate: the long-run rate holds whatever the chunk size.
    TokenBucket bucket(1000, 100, 0);
    QCOMPARE(bucket.msUntil(0, 500), 0);
    QVERIFY(bucket.tryTake(0, 500));
    QCOMPARE(bucket.tokens(0), -400.0);
    QCOMPARE(bucket.msUntil(0, 500), 500); // back to a full 100
    QVERIFY(!bucket.tryTake(499, 500));
    QVERIFY(bucket.tryTake(500, 500));
    // Each 500-byte take waits until the bucket is full again: 1000 bytes a second.
    QCOMPARE(bucket.tokens(500), -400.0);
}

QTEST_GUILESS_MAIN(tst_TokenBucket)
#include "tst_tokenbucket.moc"
