// ConnectionHealth: the Health tab's counters. Synthetic events pin down each number; a real
// ConnectionManager against an in-process echo server on 127.0.0.1 checks them against what
// the manager and the server saw.

#include "client/connectionmanager.h"
#include "client/eventlog.h"
#include "inspector/connectionhealth.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <numeric>

using namespace Parlor;
using Kind = ConnectionEvent::Kind;

namespace {

constexpr qint64 baseWallMs = 1'795'271'297'459;
constexpr int waitMs = 5000;

ConnectionEvent makeEvent(Kind kind, const QJsonObject &fields, qint64 t = 0)
{
    ConnectionEvent e;
    e.kind = kind;
    e.monotonicMs = t;
    e.wallMs = baseWallMs + t;
    e.fields = fields;
    return e;
}

ConnectionEvent state(const char *from, const char *to, qint64 t = 0)
{
    return makeEvent(Kind::State,
                     {{QStringLiteral("from"), QLatin1String(from)},
                      {QStringLiteral("to"), QLatin1String(to)}},
                     t);
}

ConnectionEvent message(Kind kind, int size, qint64 t = 0)
{
    return makeEvent(kind,
                     {{QStringLiteral("opcode"), QStringLiteral("text")},
                      {QStringLiteral("size"), size},
                      {QStringLiteral("preview"), QString(size, QLatin1Char('x'))}},
                     t);
}

ConnectionEvent pong(qint64 rttMs, qint64 t = 0)
{
    return makeEvent(Kind::Pong,
                     {{QStringLiteral("rttMs"), rttMs},
                      {QStringLiteral("payload"), QStringLiteral("1")}},
                     t);
}

ConnectionEvent reconnect(bool cancelled = false)
{
    if (cancelled)
        return makeEvent(Kind::Reconnect, {{QStringLiteral("cancelled"), true}});
    return makeEvent(Kind::Reconnect,
                     {{QStringLiteral("delayMs"), 100},
                      {QStringLiteral("attempt"), 1},
                      {QStringLiteral("at"), QStringLiteral("2026-11-21T14:28:18.688Z")}});
}

/// An echo server: every message comes back as it was.
class EchoServer : public QObject
{
public:
    EchoServer()
        : m_server(QStringLiteral("tst_connectionhealth"), QWebSocketServer::NonSecureMode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *peer = m_server.nextPendingConnection()) {
                peer->setParent(this);
                peers.append(peer);
                connect(peer, &QWebSocket::textMessageReceived, peer,
                        [this, peer](const QString &t) {
                            ++received;
                            peer->sendTextMessage(t);
                        });
                connect(peer, &QWebSocket::binaryMessageReceived, peer,
                        [this, peer](const QByteArray &b) {
                            ++received;
                            peer->sendBinaryMessage(b);
                        });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_server.serverPort()));
    }

    QList<QWebSocket *> peers;
    int received = 0;

private:
    QWebSocketServer m_server;
};

} // namespace

class tst_ConnectionHealth : public QObject
{
    Q_OBJECT

private slots:
    void startsEmpty();
    void countsEachKind();
    void rttStatistics_data();
    void rttStatistics();
    void reconnects_data();
    void reconnects();
    void lastFrame();
    void changedOncePerPass();
    void followsAndResetsWithTheLog();
    void realConnection();
};

void tst_ConnectionHealth::startsEmpty()
{
    ConnectionHealth health;
    QCOMPARE(health.messagesIn(), 0);
    QCOMPARE(health.messagesOut(), 0);
    QCOMPARE(health.bytesIn(), 0);
    QCOMPARE(health.bytesOut(), 0);
    QCOMPARE(health.pings(), 0);
    QCOMPARE(health.pongs(), 0);
    QCOMPARE(health.reconnects(), 0);
    QCOMPARE(health.errors(), 0);
    QCOMPARE(health.rttMs(), -1);
    QCOMPARE(health.minRttMs(), -1);
    QCOMPARE(health.maxRttMs(), -1);
    QCOMPARE(health.meanRttMs(), -1.0);
    QVERIFY(health.recentRtts().isEmpty());
    QVERIFY(!health.lastFrameAt().isValid());
    QVERIFY(!health.lastReceivedAt().isValid());
    QCOMPARE(health.msSinceLastFrame(), -1);
    QCOMPARE(health.historySize(), 60);
}

void tst_ConnectionHealth::countsEachKind()
{
    ConnectionHealth health;
    health.addEvent(state("Closed", "Connecting"));
    health.addEvent(
            makeEvent(Kind::Handshake, {{QStringLiteral("phase"), QStringLiteral("request")}}));
    health.addEvent(state("Connecting", "Open"));
    health.addEvent(message(Kind::MessageOut, 10));
    health.addEvent(message(Kind::MessageOut, 32));
    health.addEvent(message(Kind::MessageIn, 100));
    health.addEvent(makeEvent(Kind::Ping, {{QStringLiteral("payload"), QStringLiteral("1")}}));
    health.addEvent(makeEvent(Kind::Ping, {{QStringLiteral("payload"), QStringLiteral("2")}}));
    health.addEvent(pong(7));
    health.addEvent(makeEvent(Kind::Error, {{QStringLiteral("error"), QStringLiteral("boom")}}));
    QCOMPARE(health.messagesOut(), 2);
    QCOMPARE(health.bytesOut(), 42);
    QCOMPARE(health.messagesIn(), 1);
    QCOMPARE(health.bytesIn(), 100);
    QCOMPARE(health.pings(), 2);
    QCOMPARE(health.pongs(), 1);
    QCOMPARE(health.errors(), 1);
    QCOMPARE(health.reconnects(), 0);
}

void tst_ConnectionHealth::rttStatistics_data()
{
    QTest::addColumn<QList<qint64>>("rtts");
    QTest::addColumn<int>("historySize");
    QTest::addColumn<qint64>("min");
    QTest::addColumn<double>("mean");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<QList<qint64>>("recent");

    QTest::newRow("one") << QList<qint64>{3} << 60 << qint64(3) << 3.0 << qint64(3)
                         << QList<qint64>{3};
    QTest::newRow("several") << QList<qint64>{5, 1, 9, 3} << 60 << qint64(1) << 4.5 << qint64(9)
                             << QList<qint64>{5, 1, 9, 3};
    QTest::newRow("history keeps the last N, statistics all")
            << QList<qint64>{100, 2, 4, 6, 8} << 3 << qint64(2) << 24.0 << qint64(100)
            << QList<qint64>{4, 6, 8};
    QTest::newRow("zero is a time") << QList<qint64>{0, 0, 2} << 2 << qint64(0) << (2.0 / 3)
                                    << qint64(2) << QList<qint64>{0, 2};
}

void tst_ConnectionHealth::rttStatistics()
{
    QFETCH(QList<qint64>, rtts);
    QFETCH(int, historySize);
    QFETCH(qint64, min);
    QFETCH(double, mean);
    QFETCH(qint64, max);
    QFETCH(QList<qint64>, recent);

    ConnectionHealth health;
    health.setHistorySize(historySize);
    QCOMPARE(health.historySize(), historySize);
    for (const qint64 rtt : std::as_const(rtts))
        health.addEvent(pong(rtt));
    QCOMPARE(health.pongs(), rtts.size());
    QCOMPARE(health.rttMs(), rtts.last());
    QCOMPARE(health.minRttMs(), min);
    QCOMPARE(health.maxRttMs(), max);
    QVERIFY(qFuzzyCompare(health.meanRttMs(), mean));
    QCOMPARE(health.recentRtts(), recent);

    // Shrinking the history keeps the newest.
    health.setHistorySize(1);
    QCOMPARE(health.recentRtts(), QList<qint64>{rtts.last()});
}

void tst_ConnectionHealth::reconnects_data()
{
    QTest::addColumn<QList<ConnectionEvent>>("events");
    QTest::addColumn<qint64>("expected");

    const ConnectionEvent connecting = state("Closed", "Connecting");
    QTest::newRow("the first attempt is not a reconnect")
            << QList<ConnectionEvent>{connecting} << qint64(0);
    QTest::newRow("a scheduled attempt that starts")
            << QList<ConnectionEvent>{connecting, state("Connecting", "Open"),
                                      state("Open", "Closed"), reconnect(), connecting}
            << qint64(1);
    QTest::newRow("two in a row") << QList<ConnectionEvent>{connecting,
                                                            state("Connecting", "Closed"),
                                                            reconnect(),
                                                            connecting,
                                                            state("Connecting", "Closed"),
                                                            reconnect(),
                                                            connecting}
                                  << qint64(2);
    QTest::newRow("cancelled, then opened by the user")
            << QList<ConnectionEvent>{connecting, state("Connecting", "Closed"), reconnect(),
                                      reconnect(true), connecting}
            << qint64(0);
    QTest::newRow("scheduled, not started yet")
            << QList<ConnectionEvent>{connecting, state("Connecting", "Closed"), reconnect()}
            << qint64(0);
}

void tst_ConnectionHealth::reconnects()
{
    QFETCH(QList<ConnectionEvent>, events);
    QFETCH(qint64, expected);
    ConnectionHealth health;
    for (const ConnectionEvent &e : std::as_const(events))
        health.addEvent(e);
    QCOMPARE(health.reconnects(), expected);
}

void tst_ConnectionHealth::lastFrame()
{
    ConnectionHealth health;
    health.addEvent(state("Closed", "Connecting", 10));
    health.addEvent(state("Connecting", "Open", 20));
    QVERIFY(!health.lastFrameAt().isValid()); // states and handshakes are not frames
    health.addEvent(message(Kind::MessageIn, 5, 100));
    QCOMPARE(health.lastFrameAt(), QDateTime::fromMSecsSinceEpoch(baseWallMs + 100, Qt::UTC));
    QCOMPARE(health.lastReceivedAt(), health.lastFrameAt());
    QCOMPARE(health.lastFrameMonotonicMs(), 100);
    health.addEvent(makeEvent(Kind::Ping, {{QStringLiteral("payload"), QStringLiteral("1")}}, 300));
    QCOMPARE(health.lastFrameMonotonicMs(), 300);
    QCOMPARE(health.lastReceivedAt(),
             QDateTime::fromMSecsSinceEpoch(baseWallMs + 100, Qt::UTC)); // a ping goes out
    health.addEvent(makeEvent(Kind::Error, {{QStringLiteral("error"), QStringLiteral("x")}}, 400));
    QCOMPARE(health.lastFrameMonotonicMs(), 300);
    health.addEvent(pong(2, 450));
    QCOMPARE(health.lastReceivedAt(), QDateTime::fromMSecsSinceEpoch(baseWallMs + 450, Qt::UTC));
    health.addEvent(state("Open", "Closing", 480)); // a state, not a frame
    QCOMPARE(health.lastFrameMonotonicMs(), 450);
    health.addEvent(makeEvent(Kind::Close,
                              {{QStringLiteral("direction"), QStringLiteral("in")},
                               {QStringLiteral("code"), 1001}},
                              500)); // the peer's close frame
    QCOMPARE(health.lastFrameMonotonicMs(), 500);
    QCOMPARE(health.lastReceivedAt(), QDateTime::fromMSecsSinceEpoch(baseWallMs + 500, Qt::UTC));
    QCOMPARE(health.msSinceLastFrame(baseWallMs + 3500), 3000);
    QCOMPARE(health.msSinceLastFrame(baseWallMs), 0); // a clock that went back: not negative

    // Without an argument: from the wall clock.
    ConnectionEvent recent = message(Kind::MessageIn, 1);
    recent.wallMs = QDateTime::currentMSecsSinceEpoch() - 2000;
    health.addEvent(recent);
    const qint64 since = health.msSinceLastFrame();
    QVERIFY2(since >= 2000 && since < 2000 + waitMs, qPrintable(QString::number(since)));
}

void tst_ConnectionHealth::changedOncePerPass()
{
    ConnectionHealth health;
    QSignalSpy changed(&health, &ConnectionHealth::changed);
    for (int i = 0; i < 1000; ++i)
        health.addEvent(message(Kind::MessageIn, 1));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(health.messagesIn(), 1000); // the numbers are current at once
    QVERIFY(changed.wait(waitMs));
    QCOMPARE(changed.count(), 1);
    health.addEvent(pong(1));
    QVERIFY(changed.wait(waitMs));
    QCOMPARE(changed.count(), 2);
}

void tst_ConnectionHealth::followsAndResetsWithTheLog()
{
    EventLog log(3);
    log.append(message(Kind::MessageIn, 10));
    log.append(message(Kind::MessageIn, 20));
    ConnectionHealth health;
    health.setLog(&log);
    QCOMPARE(health.log(), &log);
    QCOMPARE(health.messagesIn(), 2); // what the log held
    QCOMPARE(health.bytesIn(), 30);

    for (int i = 0; i < 5; ++i)
        log.append(message(Kind::MessageOut, 1));
    QCOMPARE(health.messagesOut(), 5); // the ring dropped some; the counts did not
    QCOMPARE(health.messagesIn(), 2);

    QSignalSpy changed(&health, &ConnectionHealth::changed);
    log.clear();
    QCOMPARE(health.messagesIn(), 0);
    QCOMPARE(health.messagesOut(), 0);
    QVERIFY(changed.wait(waitMs));
    log.append(pong(4));
    QCOMPARE(health.rttMs(), 4);

    health.setLog(nullptr);
    QCOMPARE(health.pongs(), 0);
    log.append(pong(5));
    QCOMPARE(health.pongs(), 0);
}

void tst_ConnectionHealth::realConnection()
{
    EchoServer server;
    QVERIFY(server.listen());
    ConnectionManager manager;
    ConnectionHealth health;
    health.setLog(manager.eventLog());

    QList<qint64> rtts;
    connect(&manager, &ConnectionManager::rttMeasured, this,
            [&rtts](qint64 ms) { rtts.append(ms); });
    QSignalSpy opened(&manager, &ConnectionManager::opened);
    QSignalSpy texts(&manager, &ConnectionManager::textMessageReceived);
    QSignalSpy binaries(&manager, &ConnectionManager::binaryMessageReceived);

    ConnectionManager::Options options;
    options.url = server.url();
    options.pingIntervalMs = 0; // the test pings itself
    options.backoff.initialMs = 20;
    options.backoff.maxMs = 100;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(manager.open(options));
    QVERIFY(opened.wait(waitMs));

    const QStringList sent{QStringLiteral("hello"), QStringLiteral("wörld — 안녕"),
                           QString(300, QLatin1Char('z'))};
    const QByteArray blob(50, '\x7f');
    qint64 bytes = 0;
    for (const QString &text : sent) {
        QVERIFY(manager.sendText(text) > 0);
        bytes += text.toUtf8().size();
    }
    QVERIFY(manager.sendBinary(blob) > 0);
    bytes += blob.size();
    QTRY_COMPARE_WITH_TIMEOUT(texts.count() + binaries.count(), 4, waitMs);

    for (int i = 1; i <= 3; ++i) {
        manager.ping();
        QTRY_COMPARE_WITH_TIMEOUT(rtts.size(), i, waitMs);
    }
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    QCOMPARE(health.messagesOut(), 4);
    QCOMPARE(qint64(server.received), health.messagesOut());
    QCOMPARE(health.messagesIn(), 4);
    QCOMPARE(health.bytesOut(), bytes);
    QCOMPARE(health.bytesIn(), bytes); // echoed
    QCOMPARE(health.pings(), 3);
    QCOMPARE(health.pongs(), 3);
    QCOMPARE(health.rttMs(), manager.lastRttMs());
    QCOMPARE(health.recentRtts(), rtts);
    QCOMPARE(health.minRttMs(), *std::min_element(rtts.cbegin(), rtts.cend()));
    QCOMPARE(health.maxRttMs(), *std::max_element(rtts.cbegin(), rtts.cend()));
    QVERIFY(qFuzzyCompare(1.0 + health.meanRttMs(),
                          1.0
                                  + double(std::accumulate(rtts.cbegin(), rtts.cend(), qint64(0)))
                                            / rtts.size()));
    QVERIFY(health.lastFrameAt().isValid());
    QVERIFY(health.lastFrameAt().toMSecsSinceEpoch() >= before);
    QVERIFY(health.lastFrameAt().toMSecsSinceEpoch() <= after);
    QCOMPARE(health.lastReceivedAt(), health.lastFrameAt()); // the last frame was a pong
    QCOMPARE(health.reconnects(), 0);

    // The server goes away politely; the manager reconnects on its own.
    QCOMPARE(server.peers.size(), 1);
    server.peers.first()->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("restart"));
    QVERIFY(opened.wait(waitMs));
    QCOMPARE(opened.count(), 2);
    QCOMPARE(health.reconnects(), 1);
    QCOMPARE(health.messagesOut(), 4); // counts go on across connections

    manager.close();
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), ConnectionManager::State::Closed, waitMs);
    QCOMPARE(health.reconnects(), 1); // a user close schedules nothing
}

QTEST_GUILESS_MAIN(tst_ConnectionHealth)
#include "tst_connectionhealth.moc"
