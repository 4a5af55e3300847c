// Smoke runs of parlor-bench (tools/bench), label "benchsmoke": every preset in a tiny form
// against a real parlor-server (rich and plain) and against the two reference servers of
// scripts/bench-compare.sh (tests/bench/ref_epoll_server.c, tests/interop/node/bench_server.js); the summary line must parse, every connection must be
// established and every message delivered. Given several URLs, it must spread the clients over
// them in turn and tell same-server from cross-server deliveries. And parlor-bench must refuse a server whose
// Sec-WebSocket-Accept is wrong (a scripted server), while taking one that gets it right.
// The figures themselves are never judged here: docs/PERFORMANCE.md, "Side by side".

#include "benchsummary.h"
#include "childprocess.h"
#include "scriptedhttpserver.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QtTest>

namespace {

const QString benchBinary = QStringLiteral(PARLOR_BENCH_BINARY);
const QString refBinary = QStringLiteral(REF_EPOLL_SERVER_BINARY);
constexpr int runTimeoutMs = 60000;

/// The preset in its tiny form: the preset's own shape, a few seconds at most.
QStringList tinyArguments(const QString &preset)
{
    QStringList args{QStringLiteral("--preset"), preset, QStringLiteral("--settle"),
                     QStringLiteral("100")};
    if (preset == QLatin1String("fanout"))
        args << QStringLiteral("--clients") << QStringLiteral("10") << QStringLiteral("--senders")
             << QStringLiteral("3") << QStringLiteral("--duration") << QStringLiteral("0.5");
    else if (preset == QLatin1String("ramp"))
        args << QStringLiteral("--clients") << QStringLiteral("10") << QStringLiteral("--senders")
             << QStringLiteral("2") << QStringLiteral("--ramp-step") << QStringLiteral("0.3")
             << QStringLiteral("--ramp-max-steps")
             << QStringLiteral("2")
             // A loaded test machine must not fail a smoke run: this checks the ramp works.
             << QStringLiteral("--ramp-p99") << QStringLiteral("5000");
    else if (preset == QLatin1String("idle1000"))
        args << QStringLiteral("--clients") << QStringLiteral("50");
    else if (preset == QLatin1String("idle5000"))
        args << QStringLiteral("--clients") << QStringLiteral("100")
             << QStringLiteral("--connect-concurrency") << QStringLiteral("25");
    else if (preset == QLatin1String("large"))
        args << QStringLiteral("--clients") << QStringLiteral("40") << QStringLiteral("--senders")
             << QStringLiteral("2") << QStringLiteral("--duration") << QStringLiteral("0.5");
    return args;
}

/// A parlor-server on 127.0.0.1 with its limits out of the way of a benchmark.
std::unique_ptr<ServerProcess> startRoom()
{
    auto room = std::make_unique<ServerProcess>(
            ServerProcess::localArguments()
            << QStringLiteral("--max-peers") << QStringLiteral("1000")
            << QStringLiteral("--max-peers-per-address") << QStringLiteral("1000")
            << QStringLiteral("--rate") << QStringLiteral("10000"));
    if (!room->waitForPort())
        qWarning("%s", room->transcript().constData());
    return room;
}

/// How many peers joined the room, by its log ("NICK joined from ADDRESS").
int joinsLogged(ServerProcess &room)
{
    return int(room.err().count(QLatin1String(" joined from ")));
}

} // namespace

class tst_ParlorBench : public QObject
{
    Q_OBJECT

private slots:
    void presets_data();
    void presets();
    void spreadsClientsOverServers();
    void splitsSameAndCrossServerLatency();
    void refusesWrongAccept();
    void acceptsRightAccept();
    void badCommandLine();
};

void tst_ParlorBench::presets_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("preset");
    for (const char *server : {"parlor-rich", "parlor-plain", "c-epoll", "node-ws"}) {
        for (const char *preset : {"fanout", "ramp", "idle1000", "idle5000", "large"})
            QTest::addRow("%s %s", server, preset)
                    << QString::fromLatin1(server) << QString::fromLatin1(preset);
    }
}

void tst_ParlorBench::presets()
{
    QFETCH(QString, server);
    QFETCH(QString, preset);

    std::unique_ptr<ChildProcess> room;
    QString url;
    if (server.startsWith(QLatin1String("parlor"))) {
        auto parlor = startRoom();
        QVERIFY2(parlor->port() != 0, parlor->transcript().constData());
        url = parlor->url().toString();
        room = std::move(parlor);
    } else {
        // The C reference, or the Node one (tests/interop/node/bench_server.js, on the npm
        // package ws: scripts/setup.sh --tests runs npm ci there). Both say "listening PORT".
        if (server == QLatin1String("c-epoll"))
            room = std::make_unique<ChildProcess>(QStringLiteral("ref_epoll_server"), refBinary,
                                                  QStringList{QStringLiteral("0")});
        else
            room = std::make_unique<ChildProcess>(
                    QStringLiteral("bench_server.js"), QStringLiteral("/usr/bin/node"),
                    QStringList{TestSupport::sourceDir()
                                        + QStringLiteral("/tests/interop/node/bench_server.js"),
                                QStringLiteral("0")});
        const QRegularExpressionMatch listening
                = room->waitForMatch(QProcess::StandardOutput,
                                     QRegularExpression(QStringLiteral("listening (\\d+)")),
                                     ServerProcess::startTimeoutMs);
        QVERIFY2(listening.hasMatch(), room->transcript().constData());
        url = QStringLiteral("ws://127.0.0.1:") + listening.captured(1) + QLatin1Char('/');
    }

    QStringList args = tinyArguments(preset);
    if (server == QLatin1String("parlor-rich"))
        args << QStringLiteral("--hello");
    args << QStringLiteral("--server-pid") << QString::number(room->process().processId())
         << QStringLiteral("--label") << server << url;
    ChildProcess bench(QStringLiteral("parlor-bench"), benchBinary, args);
    QVERIFY2(bench.waitForExit(runTimeoutMs), bench.transcript().constData());
    QCOMPARE(bench.process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(bench.process().exitCode() == 0, bench.transcript().constData());

    const QMap<QString, QString> summary = parseBenchSummary(bench.out());
    QVERIFY2(!summary.isEmpty(), bench.transcript().constData());
    QCOMPARE(summary.value(QStringLiteral("label")), server);
    QCOMPARE(summary.value(QStringLiteral("preset")), preset);
    QCOMPARE(summary.value(QStringLiteral("mode")), server == QLatin1String("parlor-rich")
                                                            ? QStringLiteral("rich")
                                                            : QStringLiteral("plain"));
    const QString clients = summary.value(QStringLiteral("clients"));
    QVERIFY(clients.toInt() > 0);
    QCOMPARE(summary.value(QStringLiteral("joined")), clients);
    QCOMPARE(summary.value(QStringLiteral("handshake_failures")), QStringLiteral("0"));
    QVERIFY(summary.value(QStringLiteral("handshakes_per_s")).toDouble() > 0);
    if (server == QLatin1String("parlor-rich"))
        QVERIFY(summary.value(QStringLiteral("welcome_p99_ms")).toDouble() > 0);
    // Memory from /proc: an idle peer costs the server something.
    QVERIFY(summary.value(QStringLiteral("server_rss_idle_kib")).toLong() > 0);
    QVERIFY(summary.value(QStringLiteral("server_rss_after_kib")).toLong() > 0);

    const bool sends = preset != QLatin1String("idle1000") && preset != QLatin1String("idle5000");
    if (sends) {
        const qlonglong expected = summary.value(QStringLiteral("expected")).toLongLong();
        QVERIFY(expected > 0);
        QCOMPARE(summary.value(QStringLiteral("delivered")).toLongLong(), expected);
        QCOMPARE(summary.value(QStringLiteral("delivered_pct")), QStringLiteral("100.000"));
        QCOMPARE(expected, summary.value(QStringLiteral("sent")).toLongLong() * clients.toInt());
        QVERIFY(summary.value(QStringLiteral("p99_ms")).toDouble() > 0);
        QVERIFY(summary.value(QStringLiteral("server_cpu_pct")).toDouble() >= 0);
        QCOMPARE(summary.value(QStringLiteral("lost")), QStringLiteral("0"));
    } else {
        QCOMPARE(summary.value(QStringLiteral("sent")), QStringLiteral("0"));
    }
    if (preset == QLatin1String("ramp")) {
        QCOMPARE(summary.value(QStringLiteral("ramp_steps")), QStringLiteral("2"));
        QVERIFY(summary.value(QStringLiteral("saturation_deliveries_per_s")).toDouble() > 0);
    }
}

void tst_ParlorBench::spreadsClientsOverServers()
{
    // Two rooms that know nothing of each other: what each one saw tells where the clients went,
    // and a message reaches only the clients of its sender's room.
    auto a = startRoom();
    auto b = startRoom();
    QVERIFY2(a->port() != 0 && b->port() != 0,
             QByteArray(a->transcript() + b->transcript()).constData());
    ChildProcess bench(QStringLiteral("parlor-bench"), benchBinary,
                       {QStringLiteral("--hello"), QStringLiteral("--clients"), QStringLiteral("10"),
                        QStringLiteral("--senders"), QStringLiteral("2"), QStringLiteral("--rate"),
                        QStringLiteral("20"), QStringLiteral("--duration"), QStringLiteral("0.5"),
                        QStringLiteral("--drain"), QStringLiteral("0.5"),
                        QStringLiteral("--settle"), QStringLiteral("100"),
                        QStringLiteral("--server-pid"), QString::number(a->process().processId()),
                        QStringLiteral("--server-pid"), QString::number(b->process().processId()),
                        a->url().toString(), b->url().toString()});
    QVERIFY2(bench.waitForExit(runTimeoutMs), bench.transcript().constData());
    QVERIFY2(bench.process().exitCode() == 0, bench.transcript().constData());
    const QMap<QString, QString> summary = parseBenchSummary(bench.out());
    QVERIFY2(!summary.isEmpty(), bench.transcript().constData());

    QVERIFY(a->waitUntil([&] { return joinsLogged(*a) >= 5; }, ServerProcess::startTimeoutMs));
    QVERIFY(b->waitUntil([&] { return joinsLogged(*b) >= 5; }, ServerProcess::startTimeoutMs));
    QCOMPARE(joinsLogged(*a), 5);
    QCOMPARE(joinsLogged(*b), 5);
    QCOMPARE(summary.value(QStringLiteral("servers")), QStringLiteral("2"));
    QCOMPARE(summary.value(QStringLiteral("joined")), QStringLiteral("10"));
    QCOMPARE(summary.value(QStringLiteral("joined_each")), QStringLiteral("5,5"));
    QCOMPARE(summary.value(QStringLiteral("url")),
             a->url().toString() + QLatin1Char(',') + b->url().toString());

    // The two senders (the first two clients) are one on each server: each of their messages
    // reaches the five clients of its own room and no one else.
    const qlonglong sent = summary.value(QStringLiteral("sent")).toLongLong();
    QVERIFY(sent > 0);
    QCOMPARE(summary.value(QStringLiteral("expected")).toLongLong(), sent * 10);
    QCOMPARE(summary.value(QStringLiteral("delivered")).toLongLong(), sent * 5);
    QCOMPARE(summary.value(QStringLiteral("delivered_same")).toLongLong(), sent * 5);
    QCOMPARE(summary.value(QStringLiteral("delivered_cross")), QStringLiteral("0"));
    // Both servers watched: the CPU of each, and their memory summed.
    const QStringList cpu = summary.value(QStringLiteral("server_cpu_pct_each"))
                                    .split(QLatin1Char(','));
    QCOMPARE(cpu.size(), 2);
    for (const QString &value : cpu)
        QVERIFY2(value.toDouble() >= 0, qPrintable(value));
    QVERIFY(summary.value(QStringLiteral("server_rss_idle_kib")).toLong() > 0);
    QCOMPARE(summary.value(QStringLiteral("broker_cpu_pct")), QStringLiteral("-1.0"));
}

void tst_ParlorBench::splitsSameAndCrossServerLatency()
{
    // One room given twice (as a comma-separated list): everyone gets every message, and for
    // each message the clients of the other URL, half of them, count as cross-server.
    auto room = startRoom();
    QVERIFY2(room->port() != 0, room->transcript().constData());
    const QString url = room->url().toString();
    ChildProcess bench(QStringLiteral("parlor-bench"), benchBinary,
                       {QStringLiteral("--hello"), QStringLiteral("--clients"), QStringLiteral("10"),
                        QStringLiteral("--senders"), QStringLiteral("2"), QStringLiteral("--rate"),
                        QStringLiteral("20"), QStringLiteral("--duration"), QStringLiteral("0.5"),
                        QStringLiteral("--settle"), QStringLiteral("100"),
                        url + QLatin1Char(',') + url});
    QVERIFY2(bench.waitForExit(runTimeoutMs), bench.transcript().constData());
    QVERIFY2(bench.process().exitCode() == 0, bench.transcript().constData());
    const QMap<QString, QString> summary = parseBenchSummary(bench.out());
    QVERIFY2(!summary.isEmpty(), bench.transcript().constData());
    QCOMPARE(summary.value(QStringLiteral("servers")), QStringLiteral("2"));
    QCOMPARE(summary.value(QStringLiteral("joined_each")), QStringLiteral("5,5"));
    const qlonglong sent = summary.value(QStringLiteral("sent")).toLongLong();
    QVERIFY(sent > 0);
    QCOMPARE(summary.value(QStringLiteral("delivered")).toLongLong(), sent * 10);
    QCOMPARE(summary.value(QStringLiteral("delivered_same")).toLongLong(), sent * 5);
    QCOMPARE(summary.value(QStringLiteral("delivered_cross")).toLongLong(), sent * 5);
    for (const char *key : {"p50_same_ms", "p99_same_ms", "p50_cross_ms", "p99_cross_ms"})
        QVERIFY2(summary.value(QLatin1String(key)).toDouble() > 0, key);
    QVERIFY(summary.value(QStringLiteral("p99_ms")).toDouble()
            >= summary.value(QStringLiteral("p50_cross_ms")).toDouble());
}

void tst_ParlorBench::refusesWrongAccept()
{
    ScriptedHttpServer server([](QTcpSocket *socket, const QByteArray &) {
        // A 101 that is right in every way but the accept key (the hash of some other key).
        socket->write(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                "\r\n");
    });
    QVERIFY(server.listen());
    ChildProcess bench(QStringLiteral("parlor-bench"), benchBinary,
                       {QStringLiteral("--clients"), QStringLiteral("3"),
                        QStringLiteral("--settle"), QStringLiteral("0"), server.url().toString()});
    QVERIFY2(bench.waitForExit(runTimeoutMs), bench.transcript().constData());
    QCOMPARE(bench.process().exitCode(), 1);
    QVERIFY2(bench.err().contains(QLatin1String("3 of 3 connections failed")),
             bench.transcript().constData());
    QVERIFY2(bench.err().contains(QLatin1String("wrong Sec-WebSocket-Accept")),
             bench.transcript().constData());
    const QMap<QString, QString> summary = parseBenchSummary(bench.out());
    QCOMPARE(summary.value(QStringLiteral("joined")), QStringLiteral("0"));
    QCOMPARE(summary.value(QStringLiteral("handshake_failures")), QStringLiteral("3"));
    QCOMPARE(server.connections, 3);
}

void tst_ParlorBench::acceptsRightAccept()
{
    // The same scripted server with the accept computed as RFC 6455 says: the refusal above is
    // about the key, not about the scripted server.
    ScriptedHttpServer server([](QTcpSocket *socket, const QByteArray &head) {
        const QRegularExpressionMatch key
                = QRegularExpression(QStringLiteral("Sec-WebSocket-Key: *([^\\r]+)\\r\\n"),
                                     QRegularExpression::CaseInsensitiveOption)
                          .match(QString::fromLatin1(head));
        const QByteArray input = key.captured(1).toLatin1()
                                 + QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
        const QByteArray accept = QCryptographicHash::hash(input, QCryptographicHash::Sha1)
                                          .toBase64();
        socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                      + accept + "\r\n\r\n");
    });
    QVERIFY(server.listen());
    ChildProcess bench(QStringLiteral("parlor-bench"), benchBinary,
                       {QStringLiteral("--clients"), QStringLiteral("3"),
                        QStringLiteral("--settle"), QStringLiteral("0"), server.url().toString()});
    QVERIFY2(bench.waitForExit(runTimeoutMs), bench.transcript().constData());
    QVERIFY2(bench.process().exitCode() == 0, bench.transcript().constData());
    QCOMPARE(parseBenchSummary(bench.out()).value(QStringLiteral("joined")), QStringLiteral("3"));
}

void tst_ParlorBench::badCommandLine()
{
    for (const QStringList &args :
         {QStringList{}, QStringList{QStringLiteral("http://127.0.0.1:1/")},
          QStringList{QStringLiteral("--preset"), QStringLiteral("huge"),
                      QStringLiteral("ws://127.0.0.1:1/")},
          QStringList{QStringLiteral("--rate"), QStringLiteral("-3"),
                      QStringLiteral("ws://127.0.0.1:1/")}}) {
        ChildProcess bench(QStringLiteral("parlor-bench"), benchBinary, args);
        QVERIFY2(bench.waitForExit(), bench.transcript().constData());
        QCOMPARE(bench.process().exitCode(), 2);
        QVERIFY2(bench.err().startsWith(QLatin1String("parlor-bench: ")),
                 bench.transcript().constData());
        QVERIFY(bench.out().isEmpty());
    }
}

QTEST_GUILESS_MAIN(tst_ParlorBench)
#include "tst_parlorbench.moc"
