#include "client/reconnectbackoff.h"

#include <QTest>

#include <algorithm>
#include <functional>

using Parlor::ReconnectBackoff;

class tst_ReconnectBackoff : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void ceilings_data();
    void ceilings();
    void ceilingNeverOverflows();
    void delayWithinCeiling_data();
    void delayWithinCeiling();
    void randomOutOfRangeIsClamped_data();
    void randomOutOfRangeIsClamped();
    void defaultRandomStaysWithinCeiling();
    void attemptsCountAndReset();
};

void tst_ReconnectBackoff::defaults()
{
    ReconnectBackoff backoff;
    QCOMPARE(backoff.policy().initialMs, 500);
    QCOMPARE(backoff.policy().maxMs, 30000);
    QCOMPARE(backoff.policy().stableAfterMs, 10000);
    QCOMPARE(backoff.attempts(), 0);
    QCOMPARE(backoff.ceilingMs(0), 500);
}

void tst_ReconnectBackoff::ceilings_data()
{
    QTest::addColumn<int>("initialMs");
    QTest::addColumn<int>("maxMs");
    QTest::addColumn<QList<int>>("expected"); // ceilings for attempts 0, 1, 2, ...

    QTest::newRow("defaults 500 ms up to 30 s")
            << 500 << 30000 << QList<int>{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    QTest::newRow("test policy 50 ms up to 400 ms")
            << 50 << 400 << QList<int>{50, 100, 200, 400, 400, 400};
    QTest::newRow("cap not a power of two")
            << 100 << 1000 << QList<int>{100, 200, 400, 800, 1000, 1000};
    QTest::newRow("cap equals initial") << 250 << 250 << QList<int>{250, 250, 250};
    QTest::newRow("one millisecond") << 1 << 8 << QList<int>{1, 2, 4, 8, 8};
}

void tst_ReconnectBackoff::ceilings()
{
    QFETCH(int, initialMs);
    QFETCH(int, maxMs);
    QFETCH(QList<int>, expected);

    ReconnectBackoff::Policy policy;
    policy.initialMs = initialMs;
    policy.maxMs = maxMs;
    const ReconnectBackoff backoff(policy);
    for (int attempt = 0; attempt < expected.size(); ++attempt)
        QCOMPARE(backoff.ceilingMs(attempt), expected.at(attempt));
    // Doubles until the cap, then stays there.
    for (int attempt = 1; attempt < 40; ++attempt) {
        const int previous = backoff.ceilingMs(attempt - 1);
        const int current = backoff.ceilingMs(attempt);
        QVERIFY(current <= maxMs);
        QVERIFY(current == maxMs || current == 2 * previous);
    }
}

void tst_ReconnectBackoff::ceilingNeverOverflows()
{
    ReconnectBackoff::Policy policy;
    policy.initialMs = 1000;
    policy.maxMs = 60 * 60 * 1000;
    const ReconnectBackoff backoff(policy);
    for (int attempt : {31, 32, 64, 1000, 1 << 30})
        QCOMPARE(backoff.ceilingMs(attempt), policy.maxMs);
}

void tst_ReconnectBackoff::delayWithinCeiling_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<bool>("isZero");
    QTest::newRow("random 0 gives no delay") << 0.0 << true;
    QTest::newRow("random 0.5 gives half") << 0.5 << false;
    QTest::newRow("random 0.999 gives almost the ceiling") << 0.999 << false;
}

void tst_ReconnectBackoff::delayWithinCeiling()
{
    QFETCH(double, random);
    QFETCH(bool, isZero);

    ReconnectBackoff::Policy policy;
    policy.initialMs = 50;
    policy.maxMs = 400;
    ReconnectBackoff backoff(policy);
    int calls = 0;
    const std::function<double()> fixed = [&calls, random] {
        ++calls;
        return random;
    };
    for (int attempt = 0; attempt < 8; ++attempt) {
        const int ceiling = backoff.ceilingMs(attempt);
        QCOMPARE(backoff.attempts(), attempt);
        const int delay = backoff.nextDelayMs(fixed);
        QVERIFY2(delay >= 0 && delay <= ceiling,
                 qPrintable(QStringLiteral("attempt %1: %2 not in [0, %3]")
                                    .arg(attempt)
                                    .arg(delay)
                                    .arg(ceiling)));
        if (isZero)
            QCOMPARE(delay, 0);
        else
            QVERIFY(qAbs(delay - int(random * ceiling)) <= 1);
        QCOMPARE(backoff.attempts(), attempt + 1);
    }
    QCOMPARE(calls, 8); // the injected generator is what decides
}

void tst_ReconnectBackoff::randomOutOfRangeIsClamped_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("expected");
    QTest::newRow("negative") << -3.0 << 0;
    QTest::newRow("one") << 1.0 << 200;
    QTest::newRow("above one") << 7.5 << 200;
}

void tst_ReconnectBackoff::randomOutOfRangeIsClamped()
{
    QFETCH(double, random);
    QFETCH(int, expected);
    ReconnectBackoff::Policy policy;
    policy.initialMs = 200;
    policy.maxMs = 1000;
    ReconnectBackoff backoff(policy);
    QCOMPARE(backoff.nextDelayMs([random] { return random; }), expected);
}

void tst_ReconnectBackoff::defaultRandomStaysWithinCeiling()
{
    ReconnectBackoff::Policy policy;
    policy.initialMs = 10;
    policy.maxMs = 10000;
    ReconnectBackoff backoff(policy);
    QList<int> delays;
    for (int attempt = 0; attempt < 12; ++attempt) {
        const int ceiling = backoff.ceilingMs(attempt);
        const int delay = backoff.nextDelayMs();
        QVERIFY(delay >= 0 && delay <= ceiling);
        delays.append(delay);
    }
    // Jitter: twelve draws from growing ranges are not all equal.
    QVERIFY(std::any_of(delays.cbegin(), delays.cend(),
                        [&delays](int d) { return d != delays.first(); }));
}

void tst_ReconnectBackoff::attemptsCountAndReset()
{
    ReconnectBackoff::Policy policy;
    policy.initialMs = 50;
    policy.maxMs = 400;
    ReconnectBackoff backoff(policy);
    const auto one = [] {
        return 0.999;
    };
    QCOMPARE(backoff.attempts(), 0);
    QList<int> delays;
    for (int i = 0; i < 5; ++i)
        delays.append(backoff.nextDelayMs(one));
    QCOMPARE(backoff.attempts(), 5);
    QCOMPARE(delays, (QList<int>{49, 99, 199, 399, 399}));

    backoff.reset();
    QCOMPARE(backoff.attempts(), 0);
    QCOMPARE(backoff.nextDelayMs(one), 49); // back at the initial ceiling
    QCOMPARE(backoff.attempts(), 1);
    QCOMPARE(backoff.policy().initialMs, 50); // reset keeps the policy
    QCOMPARE(backoff.policy().maxMs, 400);
}

QTEST_GUILESS_MAIN(tst_ReconnectBackoff)
#include "tst_reconnectbackoff.moc"
