// parlor-bench against one room served by two parlor-servers on a throw-away RabbitMQ broker
// (label "broker" as well as "bench" and "benchsmoke"): a short fan-out spread over both servers
// must deliver every message to every client, those between the servers too, and report the
// latency within a server and between the two, and the CPU of the servers and of the broker. The
// figures themselves are never judged here: scripts/bench-broker.sh and docs/SCALING.md,
// "Measured: one server against two on a broker".

#include "benchsummary.h"
#include "childprocess.h"
#include "rabbitmqbroker.h"
#include "serverprocess.h"

#include <QtTest>

namespace {

const QString benchBinary = QStringLiteral(PARLOR_BENCH_BINARY);
constexpr int runTimeoutMs = 60000;

} // namespace

class tst_ParlorBenchBroker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fanoutOverTwoServersOnABroker();

private:
    std::unique_ptr<ServerProcess> startServer();

    RabbitMqBroker m_broker;
};

void tst_ParlorBenchBroker::initTestCase()
{
    QVERIFY2(m_broker.start(), m_broker.failureReport().constData());
    qInfo("RabbitMQ answered Web-STOMP after %lld ms", m_broker.startupMs());
}

std::unique_ptr<ServerProcess> tst_ParlorBenchBroker::startServer()
{
    auto server = std::make_unique<ServerProcess>(
            ServerProcess::localArguments()
                    << QStringLiteral("--broker") << m_broker.webStompUrl().toString()
                    << QStringLiteral("--room") << QStringLiteral("bench")
                    << QStringLiteral("--no-announce") << QStringLiteral("--max-peers-per-address")
                    << QStringLiteral("1000") << QStringLiteral("--rate")
                    << QStringLiteral("10000"),
            QMap<QString, QString>{{QStringLiteral("PARLOR_BROKER_USER"),
                                    QString::fromLatin1(RabbitMqBroker::User)},
                                   {QStringLiteral("PARLOR_BROKER_PASSWORD"),
                                    QString::fromLatin1(RabbitMqBroker::Password)}});
    if (!server->waitForPort() || !server->waitForWelcome())
        qWarning("%s", server->transcript().constData());
    return server;
}

void tst_ParlorBenchBroker::fanoutOverTwoServersOnABroker()
{
    auto a = startServer();
    auto b = startServer();
    QVERIFY2(a->port() != 0 && b->port() != 0,
             QByteArray(a->transcript() + b->transcript()).constData());
    const qint64 brokerPid = m_broker.vmPid();
    QVERIFY2(brokerPid > 0, m_broker.failureReport().constData());

    // The fanout preset, smaller and shorter: 20 clients, 10 on each server, 4 senders (two on
    // each); a join waits for a stream another server has just declared, so the connect timeout
    // is generous.
    ChildProcess bench(QStringLiteral("parlor-bench"), benchBinary,
                       {QStringLiteral("--preset"),
                        QStringLiteral("fanout"),
                        QStringLiteral("--hello"),
                        QStringLiteral("--clients"),
                        QStringLiteral("20"),
                        QStringLiteral("--senders"),
                        QStringLiteral("4"),
                        QStringLiteral("--duration"),
                        QStringLiteral("1"),
                        QStringLiteral("--drain"),
                        QStringLiteral("5"),
                        QStringLiteral("--settle"),
                        QStringLiteral("100"),
                        QStringLiteral("--connect-timeout"),
                        QStringLiteral("30000"),
                        QStringLiteral("--server-pid"),
                        QString::number(a->process().processId()),
                        QStringLiteral("--server-pid"),
                        QString::number(b->process().processId()),
                        QStringLiteral("--broker-pid"),
                        QString::number(brokerPid),
                        a->url().toString(),
                        b->url().toString()});
    QVERIFY2(bench.waitForExit(runTimeoutMs), bench.transcript().constData());
    QVERIFY2(bench.process().exitCode() == 0,
             QByteArray(bench.transcript() + a->transcript() + b->transcript()).constData());
    const QMap<QString, QString> summary = parseBenchSummary(bench.out());
    QVERIFY2(!summary.isEmpty(), bench.transcript().constData());
    qInfo("%s", qPrintable(bench.out().trimmed()));

    QCOMPARE(summary.value(QStringLiteral("servers")), QStringLiteral("2"));
    QCOMPARE(summary.value(QStringLiteral("joined_each")), QStringLiteral("10,10"));
    const qlonglong sent = summary.value(QStringLiteral("sent")).toLongLong();
    QVERIFY(sent > 0);
    // Every message to all 20 clients: the ten on the other server only through the broker.
    QCOMPARE(summary.value(QStringLiteral("expected")).toLongLong(), sent * 20);
    QVERIFY2(summary.value(QStringLiteral("delivered")).toLongLong() == sent * 20,
             bench.transcript().constData());
    QCOMPARE(summary.value(QStringLiteral("delivered_pct")), QStringLiteral("100.000"));
    QCOMPARE(summary.value(QStringLiteral("delivered_cross")).toLongLong(), sent * 10);
    QCOMPARE(summary.value(QStringLiteral("delivered_same")).toLongLong(), sent * 10);
    for (const char *key : {"p50_same_ms", "p99_same_ms", "p50_cross_ms", "p99_cross_ms"})
        QVERIFY2(summary.value(QLatin1String(key)).toDouble() > 0, key);
    QCOMPARE(summary.value(QStringLiteral("lost")), QStringLiteral("0"));

    // The servers' CPU, each and summed, and the broker's apart.
    QCOMPARE(summary.value(QStringLiteral("server_cpu_pct_each")).split(QLatin1Char(',')).size(), 2);
    QVERIFY(summary.value(QStringLiteral("server_cpu_pct")).toDouble() > 0);
    QVERIFY(summary.value(QStringLiteral("broker_cpu_pct")).toDouble() > 0);
    QVERIFY(summary.value(QStringLiteral("broker_rss_load_kib")).toLong() > 0);
}

QTEST_GUILESS_MAIN(tst_ParlorBenchBroker)
#include "tst_parlorbenchbroker.moc"
