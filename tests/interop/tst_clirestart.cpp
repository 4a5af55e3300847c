// Durability with the real binaries: three parlor-cli clients (alice, bob, carol) chat through
// parlor-server, the server is killed (SIGKILL) in the middle and started again on the same port,
// and the clients' --json outputs must show every line delivered once to its author and seen once
// by everyone else. alice also writes a --trace, which must be valid JSON Lines with the loss and
// the reconnect in it.
//
// What must hold (BRIEF: "a message the user typed is delivered once, even across a dropped
// connection or a server restart, and a reconnecting client misses nothing that is still in the
// room's history"):
//   (a) no client shows a message id twice (as a "message" event, or as two "delivered"s);
//   (b) every line a client sent is confirmed to it ("delivery" "delivered") exactly once, and
//       none failed; lines in flight at the kill are confirmed by the new server;
//   (c) every line is seen by every other client once, with its author's nick and text.
// (c) has no exception, not even for a message that the dead server confirmed to its author but
// did not get out to another client before it died: after a restart each client says its recently
// confirmed messages again to the new room (ChatSession), and receivers show each id once. The
// "echoes held back" row makes exactly that happen (alice's downstream is held while she talks);
// the "killed while relaying" row kills at a random moment.
//
// The "durable" rows run the server with --data-dir: it comes back with the same incarnation and
// its whole history, so beyond (a)-(c) no client sees a gap, and every client sees each other
// client's lines in the order they were written.

#include "serverprocess.h"
#include "tcpfaultproxy.h"
#include "testsupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

#include <csignal>
#include <sys/types.h>

namespace {

constexpr int scenarioTimeoutMs = 60000;
constexpr int linesPerClient = 30;
// The feeder gives each client one line per tick: about 16 lines a second, the client's own pace
// under the room's default limit of 20 a second.
constexpr int feedIntervalMs = 60;
// The deterministic rows: lines that reach everybody before the server is frozen (or alice's
// echoes are held back), then lines sent that the first server never confirms.
constexpr int linesBeforeCheckpoint = 10;
constexpr int linesInFlight = 3;
// "Killed while relaying": the kill comes once this many lines were fed to each client.
constexpr int linesBeforeLiveKill = 15;

QString lineText(const QString &nick, int number)
{
    return QStringLiteral("%1 line %2 ✓").arg(nick).arg(number, 2, 10, QLatin1Char('0'));
}

QString finText(const QString &nick)
{
    return QStringLiteral("%1 fin").arg(nick);
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

bool isEvent(const QJsonObject &o, const char *event)
{
    return o.value(QLatin1String("event")).toString() == QLatin1String(event);
}

/// One parlor-cli --json run, and how far the feeder has got with it.
class CliClient : public ChildProcess
{
public:
    CliClient(const QString &nick, const QStringList &arguments)
        : ChildProcess(nick, TestSupport::cliBinary(), arguments)
    {}

    QString nick() const { return name(); }
    /// Every event printed so far, in order.
    const QList<QJsonObject> &events() { return jsonLines(); }

    int fed = 0;   ///< lines written to its standard input
    int limit = 0; ///< the feeder stops at this many
};

enum class Scenario { Frozen, EchoesHeld, Live };

/// What one client's output says, folded for the checks.
struct Account
{
    // Own lines: "message" events with "own": true, and their "delivery" events.
    QHash<QString, QString> ownTextById;
    QHash<QString, int> ownShown;  ///< id -> own "message" events
    QHash<QString, int> delivered; ///< id -> "delivered" events
    QHash<QString, qint64> deliveredSeq;
    QHash<QString, int> deliveredOpen; ///< id -> which Open period confirmed it (0: first server)
    QSet<QString> failed;
    QSet<QString> sentNotDelivered; ///< written to a server, not confirmed (yet)
    // Others' lines.
    QHash<QString, int> othersShown; ///< id -> "message" events with "own": false
    QHash<QString, QJsonObject> others;
    // Connection.
    int opens = 0;
    QList<QJsonObject> states;
    qint64 maxSeqFromFirstServer = 0; ///< the latest room seq received from the first server
    bool joinedSinceLastOpen = false;

    int deliveredCount() const { return int(delivered.size()); }
};

Account account(const QList<QJsonObject> &events)
{
    Account a;
    int openPeriod = -1;
    bool open = false;
    for (const QJsonObject &e : events) {
        const qint64 seq = qint64(e.value(QLatin1String("seq")).toDouble());
        if (isEvent(e, "state")) {
            a.states.append(e);
            if (str(e, "to") == QLatin1String("Open")) {
                ++openPeriod;
                ++a.opens;
                open = true;
                a.joinedSinceLastOpen = false;
            } else if (str(e, "to") == QLatin1String("Closed")) {
                open = false;
            }
            continue;
        }
        if (isEvent(e, "joined"))
            a.joinedSinceLastOpen = true;
        if (open && openPeriod == 0 && !isEvent(e, "members"))
            a.maxSeqFromFirstServer = std::max(a.maxSeqFromFirstServer, seq);
        if (isEvent(e, "message")) {
            const QString id = str(e, "id");
            if (e.value(QLatin1String("own")).toBool()) {
                a.ownTextById.insert(id, str(e, "text"));
                ++a.ownShown[id];
            } else {
                ++a.othersShown[id];
                a.others.insert(id, e);
            }
        } else if (isEvent(e, "delivery")) {
            const QString id = str(e, "id");
            const QString state = str(e, "state");
            if (state == QLatin1String("delivered")) {
                ++a.delivered[id];
                a.deliveredSeq.insert(id, seq);
                a.deliveredOpen.insert(id, open ? openPeriod : -1);
                a.sentNotDelivered.remove(id);
            } else if (state == QLatin1String("sent")) {
                if (!a.delivered.contains(id))
                    a.sentNotDelivered.insert(id);
            } else if (state == QLatin1String("failed")) {
                a.failed.insert(id);
            }
        }
    }
    return a;
}

/// Ids of the own lines with these texts, as the client printed them.
QHash<QString, QString> idsByText(const Account &a)
{
    QHash<QString, QString> ids;
    for (auto it = a.ownTextById.cbegin(); it != a.ownTextById.cend(); ++it)
        ids.insert(it.value(), it.key());
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(Scenario)

class tst_CliRestart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void everyLineOnceAcrossAServerKill_data();
    void everyLineOnceAcrossAServerKill();

private:
    /// Starts parlor-server on \a port (0: a free one); returns the port it listens on, or 0.
    quint16 startServer(quint16 port);
    /// Waits for \a condition until the scenario's deadline; on failure, says what it waited for.
    bool waitUntil(const std::function<bool()> &condition, const QString &what);
    QByteArray report(const QString &headline);
    void feed();
    /// Sets every client's feed limit.
    void setFeedLimit(int limit);
    bool allFed(int count) const;

    std::unique_ptr<ServerProcess> m_server;
    QString m_dataDir;      ///< the servers' --data-dir; empty: history in memory
    QByteArray m_serverLog; ///< the output of the servers before m_server
    std::vector<std::unique_ptr<CliClient>> m_clients;
    QTimer m_feeder;
    QDeadlineTimer m_deadline;
    QString m_failure;
};

void tst_CliRestart::initTestCase()
{
    QVERIFY2(QFileInfo(TestSupport::serverBinary()).isExecutable(),
             qPrintable(TestSupport::serverBinary() + QStringLiteral(" is not built")));
    QVERIFY2(QFileInfo(TestSupport::cliBinary()).isExecutable(),
             qPrintable(TestSupport::cliBinary() + QStringLiteral(" is not built")));
    m_feeder.setInterval(feedIntervalMs);
    connect(&m_feeder, &QTimer::timeout, this, &tst_CliRestart::feed);
}

void tst_CliRestart::cleanup()
{
    m_feeder.stop();
    m_clients.clear();
    m_server.reset();
    m_dataDir.clear();
    m_serverLog.clear();
    m_failure.clear();
}

quint16 tst_CliRestart::startServer(quint16 port)
{
    if (m_server)
        m_serverLog += m_server->transcript();
    QStringList arguments = ServerProcess::localArguments(port);
    if (!m_dataDir.isEmpty())
        arguments << QStringLiteral("--data-dir") << m_dataDir;
    m_serverLog += "--- parlor-server " + arguments.join(QLatin1Char(' ')).toUtf8() + '\n';
    m_server = std::make_unique<ServerProcess>(arguments);
    if (m_server->waitForPort(int(std::max<qint64>(1, m_deadline.remainingTime()))))
        return m_server->port();
    if (m_failure.isEmpty())
        m_failure = QStringLiteral("timed out waiting for parlor-server to listen on port %1")
                            .arg(port);
    return 0;
}

bool tst_CliRestart::waitUntil(const std::function<bool()> &condition, const QString &what)
{
    if (QTest::qWaitFor(condition, int(std::max<qint64>(1, m_deadline.remainingTime()))))
        return true;
    if (m_failure.isEmpty())
        m_failure = QStringLiteral("timed out waiting for %1").arg(what);
    return false;
}

QByteArray tst_CliRestart::report(const QString &headline)
{
    QString text = headline + QLatin1Char('\n');
    if (!m_failure.isEmpty())
        text += m_failure + QLatin1Char('\n');
    for (const auto &client : m_clients)
        text += QString::fromUtf8(client->transcript());
    text += QString::fromUtf8(m_serverLog);
    if (m_server)
        text += QString::fromUtf8(m_server->transcript());
    return text.toUtf8();
}

void tst_CliRestart::feed()
{
    for (const auto &client : m_clients) {
        if (client->fed < client->limit) {
            ++client->fed;
            client->writeLine(lineText(client->nick(), client->fed));
        }
    }
}

void tst_CliRestart::setFeedLimit(int limit)
{
    for (const auto &client : m_clients)
        client->limit = limit;
}

bool tst_CliRestart::allFed(int count) const
{
    return std::all_of(m_clients.cbegin(), m_clients.cend(),
                       [count](const auto &c) { return c->fed >= count; });
}

void tst_CliRestart::everyLineOnceAcrossAServerKill_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<bool>("durable");
    // SIGSTOP after a checkpoint where everything so far reached everybody, lines written into
    // the frozen server (sent, never confirmed), then SIGKILL. Deterministic, and strict.
    QTest::newRow("killed while frozen, lines in flight") << Scenario::Frozen << false;
    // After the same checkpoint, alice's connection (through a relay) stops passing what the
    // server sends her: her next lines reach bob and carol but their echoes never reach her, and
    // the server dies. She sends them again to the new server, which has never seen them: bob
    // and carol must not show them twice (BRIEF: "a receiver must never show the same id
    // twice"). Deterministic, and strict.
    QTest::newRow("killed with alice's echoes held back") << Scenario::EchoesHeld << false;
    // SIGKILL at whatever moment the feeder reaches the middle, the server relaying.
    QTest::newRow("killed while relaying") << Scenario::Live << false;
    // The same with the room's history on disk.
    QTest::newRow("durable, killed while frozen") << Scenario::Frozen << true;
    QTest::newRow("durable, killed with alice's echoes held back") << Scenario::EchoesHeld << true;
    QTest::newRow("durable, killed while relaying") << Scenario::Live << true;
}

void tst_CliRestart::everyLineOnceAcrossAServerKill()
{
    QFETCH(Scenario, scenario);
    QFETCH(bool, durable);
    m_deadline = QDeadlineTimer(scenarioTimeoutMs);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (durable)
        m_dataDir = dir.filePath(QStringLiteral("room"));
    const QString tracePath = dir.filePath(QStringLiteral("alice.trace.jsonl"));

    const quint16 port = startServer(0);
    QVERIFY2(port != 0, report(QStringLiteral("parlor-server did not start")).constData());
    const QString url = QStringLiteral("ws://127.0.0.1:%1").arg(port);
    // In the "echoes held" row alice goes through a relay, which passes everything until told
    // to hold.
    TcpFaultProxy relay(port);
    QVERIFY(relay.listen());
    const QString aliceUrl = scenario == Scenario::EchoesHeld
                                     ? QStringLiteral("ws://127.0.0.1:%1").arg(relay.port())
                                     : url;

    const QStringList nicks{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")};
    for (const QString &nick : nicks) {
        const bool alice = nick == nicks.constFirst();
        QStringList arguments{alice ? aliceUrl : url, QStringLiteral("--nick"), nick,
                              QStringLiteral("--json")};
        if (alice)
            arguments << QStringLiteral("--trace") << tracePath;
        m_clients.push_back(std::make_unique<CliClient>(nick, arguments));
    }
    CliClient &alice = *m_clients.front();
    auto everyone = [this](const std::function<bool(CliClient &)> &condition) {
        return std::all_of(m_clients.cbegin(), m_clients.cend(),
                           [&](const auto &c) { return condition(*c); });
    };
    QVERIFY2(waitUntil(
                     [&] {
                         return everyone([](CliClient &c) {
                             return account(c.events()).joinedSinceLastOpen;
                         });
                     },
                     QStringLiteral("all three clients to join")),
             report(QStringLiteral("the clients did not join")).constData());

    // Lines confirmed to their authors by the first server, seen by the others: the checkpoint.
    auto confirmedEverywhere = [&](int count) {
        return everyone([&](CliClient &c) {
            const Account a = account(c.events());
            if (a.deliveredCount() < count)
                return false;
            return int(a.othersShown.size()) >= count * int(m_clients.size() - 1);
        });
    };

    m_feeder.start();
    QHash<QString, QSet<QString>> inFlightAtKill; // nick -> ids sent but not confirmed
    switch (scenario) {
    case Scenario::Frozen:
        setFeedLimit(linesBeforeCheckpoint);
        QVERIFY2(waitUntil([&] { return confirmedEverywhere(linesBeforeCheckpoint); },
                           QStringLiteral("the first %1 lines to reach everybody")
                                   .arg(linesBeforeCheckpoint)),
                 report(QStringLiteral("the checkpoint before the freeze was not reached"))
                         .constData());
        QCOMPARE(::kill(pid_t(m_server->process().processId()), SIGSTOP), 0);
        setFeedLimit(linesPerClient);
        // Lines the frozen server's kernel takes but the server never reads.
        QVERIFY2(waitUntil(
                         [&] {
                             return everyone([](CliClient &c) {
                                 return account(c.events()).sentNotDelivered.size()
                                        >= linesInFlight;
                             });
                         },
                         QStringLiteral("lines sent to the frozen server")),
                 report(QStringLiteral("no lines went to the frozen server")).constData());
        break;
    case Scenario::EchoesHeld: {
        setFeedLimit(linesBeforeCheckpoint);
        QVERIFY2(waitUntil([&] { return confirmedEverywhere(linesBeforeCheckpoint); },
                           QStringLiteral("the first %1 lines to reach everybody")
                                   .arg(linesBeforeCheckpoint)),
                 report(QStringLiteral("the checkpoint before the hold was not reached"))
                         .constData());
        relay.setHoldingDownstream(true);
        // While alice's downstream is held, alice talks (her echoes never reach her: she must
        // send those lines again to the new server) and bob talks (the first server confirms his
        // lines to him but never gets them to alice: after the restart bob must say them again).
        alice.limit = linesBeforeCheckpoint + linesInFlight;
        CliClient &bob = *m_clients.at(1);
        bob.limit = linesBeforeCheckpoint + linesInFlight;
        QVERIFY2(waitUntil(
                         [&] {
                             const Account a = account(alice.events());
                             if (a.sentNotDelivered.size() < linesInFlight)
                                 return false;
                             const Account b = account(bob.events());
                             if (b.deliveredCount() < linesBeforeCheckpoint + linesInFlight)
                                 return false;
                             return std::all_of(m_clients.cbegin() + 1, m_clients.cend(),
                                                [&](const auto &c) {
                                                    const Account o = account(c->events());
                                                    for (const QString &id : a.sentNotDelivered) {
                                                        if (!o.othersShown.contains(id))
                                                            return false;
                                                    }
                                                    return true;
                                                });
                         },
                         QStringLiteral("alice's unconfirmed lines to reach bob and carol, and "
                                        "bob's lines to be confirmed to him")),
                 report(QStringLiteral("the lines did not go round")).constData());
        QVERIFY(relay.heldBytes() > 0);
        break;
    }
    case Scenario::Live:
        setFeedLimit(linesPerClient);
        QVERIFY2(waitUntil([&] { return allFed(linesBeforeLiveKill); },
                           QStringLiteral("%1 lines fed").arg(linesBeforeLiveKill)),
                 report(QStringLiteral("feeding stalled")).constData());
        break;
    }

    for (const auto &c : m_clients)
        inFlightAtKill.insert(c->nick(), account(c->events()).sentNotDelivered);
    m_server->process().kill();
    QVERIFY2(waitUntil([&] { return m_server->process().state() == QProcess::NotRunning; },
                       QStringLiteral("the killed server to end")),
             report(QStringLiteral("SIGKILL did not end parlor-server")).constData());
    QCOMPARE(m_server->process().exitStatus(), QProcess::CrashExit);
    int fedAtKill = 0;
    for (const auto &c : m_clients)
        fedAtKill += c->fed;
    QVERIFY2(fedAtKill < linesPerClient * int(m_clients.size()),
             "the kill came after all lines were fed: the scenario tests nothing");

    // The same port again: the clients reconnect to the URL they know.
    const QByteArray firstServerLog = m_server->transcript();
    QVERIFY2(startServer(port) == port,
             report(QStringLiteral("parlor-server did not start again on port %1").arg(port))
                     .constData());
    if (durable) {
        // The same room came back: the incarnation its log keeps, with what it had numbered.
        static const QRegularExpression incarnation(
                QStringLiteral("room log \\S+ : incarnation ([0-9a-f]{16}) , seq (\\d+)"));
        QVERIFY2(waitUntil(
                         [&] {
                             return incarnation.match(QString::fromUtf8(m_server->transcript()))
                                     .hasMatch();
                         },
                         QStringLiteral("the restarted server to open its log")),
                 report(QStringLiteral("the restarted server did not open its log")).constData());
        const auto before = incarnation.match(QString::fromUtf8(firstServerLog));
        const auto after = incarnation.match(QString::fromUtf8(m_server->transcript()));
        QVERIFY2(before.hasMatch(), firstServerLog.constData());
        QCOMPARE(after.captured(1), before.captured(1));
        QVERIFY2(after.captured(2).toLongLong() > 0, m_server->transcript().constData());
    }
    relay.setHoldingDownstream(false);
    setFeedLimit(linesPerClient);

    // Every line confirmed to its author...
    QVERIFY2(waitUntil([&] { return allFed(linesPerClient); }, QStringLiteral("all lines fed")),
             report(QStringLiteral("feeding stalled")).constData());
    m_feeder.stop();
    QVERIFY2(waitUntil(
                     [&] {
                         return everyone([](CliClient &c) {
                             return account(c.events()).deliveredCount() >= linesPerClient;
                         });
                     },
                     QStringLiteral("every line to be confirmed to its author")),
             report(QStringLiteral("lines were not confirmed")).constData());
    // ...then one last line each, sent after all of them: once every client has seen every
    // "fin", the room has told each client all it ever will about the lines before.
    for (const auto &c : m_clients)
        c->writeLine(finText(c->nick()));
    QVERIFY2(waitUntil(
                     [&] {
                         return everyone([&](CliClient &c) {
                             const Account a = account(c.events());
                             QSet<QString> seen;
                             for (const QJsonObject &o : std::as_const(a.others))
                                 seen.insert(str(o, "text"));
                             for (const auto &other : m_clients) {
                                 if (other.get() != &c && !seen.contains(finText(other->nick())))
                                     return false;
                             }
                             return a.deliveredCount() >= linesPerClient + 1;
                         });
                     },
                     QStringLiteral("every client to see every fin")),
             report(QStringLiteral("the closing lines did not go round")).constData());

    // Input ends; everything was confirmed, so each client closes and exits 0.
    for (const auto &c : m_clients)
        c->process().closeWriteChannel();
    QVERIFY2(waitUntil(
                     [&] {
                         return everyone([](CliClient &c) {
                             return c.process().state() == QProcess::NotRunning;
                         });
                     },
                     QStringLiteral("the clients to exit")),
             report(QStringLiteral("a client did not exit after its input ended")).constData());
    for (const auto &c : m_clients) {
        QVERIFY2(c->process().exitStatus() == QProcess::NormalExit && c->process().exitCode() == 0,
                 report(QStringLiteral("%1 exited with %2 (0: all confirmed, 3: unconfirmed)")
                                .arg(c->nick())
                                .arg(c->process().exitCode()))
                         .constData());
        QVERIFY2(c->nonJsonLines().isEmpty(),
                 report(QStringLiteral("%1 printed lines that are not JSON: %2")
                                .arg(c->nick(), c->nonJsonLines().join(QLatin1Char('\n'))))
                         .constData());
    }

    // The checks, on the complete outputs.
    QHash<QString, Account> accounts;
    QHash<QString, QHash<QString, QString>> ids; // nick -> text -> id
    QStringList problems;
    for (const auto &c : m_clients) {
        const Account a = account(c->events());
        accounts.insert(c->nick(), a);
        ids.insert(c->nick(), idsByText(a));
        // The kill was seen: an abrupt loss with a reconnect, and a second session.
        if (a.opens < 2)
            problems << QStringLiteral("%1 connected %2 time(s), expected a reconnect")
                                .arg(c->nick())
                                .arg(a.opens);
        const auto lost = std::find_if(a.states.cbegin(), a.states.cend(), [](const QJsonObject &s) {
            return str(s, "from") == QLatin1String("Open")
                   && str(s, "to") == QLatin1String("Closed");
        });
        if (lost == a.states.cend() || str(*lost, "reason") != QLatin1String("NetworkError")
            || lost->value(QLatin1String("code")).toInt() != 1006
            || lost->value(QLatin1String("reconnectInMs")).toInt() < 0) {
            problems << QStringLiteral("%1 did not report the kill as an abrupt loss (1006, "
                                       "NetworkError) with a reconnect scheduled")
                                .arg(c->nick());
        }
    }

    for (const auto &c : m_clients) {
        const QString nick = c->nick();
        const Account &a = accounts[nick];
        QStringList texts;
        for (int n = 1; n <= linesPerClient; ++n)
            texts << lineText(nick, n);
        texts << finText(nick);

        // (a) no id twice.
        for (auto it = a.ownShown.cbegin(); it != a.ownShown.cend(); ++it) {
            if (it.value() != 1 || a.othersShown.contains(it.key()))
                problems << QStringLiteral("(a) %1 shows its own id %2 more than once")
                                    .arg(nick, it.key());
        }
        for (auto it = a.othersShown.cbegin(); it != a.othersShown.cend(); ++it) {
            if (it.value() != 1)
                problems << QStringLiteral("(a) %1 shows id %2 %3 times (%4)")
                                    .arg(nick, it.key())
                                    .arg(it.value())
                                    .arg(str(a.others.value(it.key()), "text"));
        }
        for (auto it = a.delivered.cbegin(); it != a.delivered.cend(); ++it) {
            if (it.value() != 1)
                problems << QStringLiteral("(a) %1 got %2 confirmations for %3")
                                    .arg(nick)
                                    .arg(it.value())
                                    .arg(it.key());
        }

        // (b) every own line confirmed once, nothing failed, nothing unexpected.
        if (a.ownTextById.size() != texts.size())
            problems << QStringLiteral("(b) %1 shows %2 own lines, it was given %3")
                                .arg(nick)
                                .arg(a.ownTextById.size())
                                .arg(texts.size());
        for (const QString &text : std::as_const(texts)) {
            const QString id = ids[nick].value(text);
            if (id.isEmpty())
                problems << QStringLiteral("(b) %1 never showed its line \"%2\"").arg(nick, text);
            else if (a.delivered.value(id) != 1)
                problems << QStringLiteral("(b) %1's line \"%2\" (%3) was confirmed %4 times")
                                    .arg(nick, text, id)
                                    .arg(a.delivered.value(id));
        }
        for (const QString &id : a.failed)
            problems << QStringLiteral("(b) %1's line %2 failed").arg(nick, id);
        for (const QString &id : inFlightAtKill.value(nick)) {
            if (a.delivered.value(id) != 1 || a.deliveredOpen.value(id) < 1)
                problems << QStringLiteral("(b) %1's line %2, in flight at the kill, was not "
                                           "confirmed once by the new server")
                                    .arg(nick, id);
        }

        // (c) every other client sees it once.
        for (const auto &other : m_clients) {
            if (other.get() == c.get())
                continue;
            const Account &o = accounts[other->nick()];
            for (const QString &text : std::as_const(texts)) {
                const QString id = ids[nick].value(text);
                if (id.isEmpty())
                    continue;
                const QJsonObject seen = o.others.value(id);
                if (!seen.isEmpty()) {
                    if (str(seen, "from") != nick || str(seen, "text") != text)
                        problems << QStringLiteral("(c) %1 shows %2 as %3: \"%4\", expected %5: "
                                                   "\"%6\"")
                                            .arg(other->nick(), id, str(seen, "from"),
                                                 str(seen, "text"), nick, text);
                    continue;
                }
                const bool confirmedByDeadServer = a.deliveredOpen.value(id, -1) == 0;
                problems << QStringLiteral("(c) %1 never saw %2's line \"%3\" (%4; confirmed to "
                                           "%2 by the %5 server as seq %6; %1's last seq from "
                                           "the first server: %7)")
                                    .arg(other->nick(), nick, text, id,
                                         confirmedByDeadServer ? QStringLiteral("first")
                                                               : QStringLiteral("second"))
                                    .arg(a.deliveredSeq.value(id))
                                    .arg(o.maxSeqFromFirstServer);
            }
        }
        // Nothing but the other clients' lines.
        for (auto it = a.others.cbegin(); it != a.others.cend(); ++it) {
            const bool known = std::any_of(m_clients.cbegin(), m_clients.cend(), [&](const auto &o) {
                return o.get() != c.get() && accounts[o->nick()].ownTextById.contains(it.key());
            });
            if (!known)
                problems << QStringLiteral("%1 shows a message nobody sent: %2")
                                    .arg(nick, QString::fromUtf8(
                                                       QJsonDocument(it.value())
                                                               .toJson(QJsonDocument::Compact)));
        }
    }
    if (durable) {
        for (const auto &c : m_clients) {
            // Nothing missed: the restarted room had everything the dead one had numbered.
            for (const QJsonObject &e : c->events()) {
                if (isEvent(e, "gap"))
                    problems << QStringLiteral("(durable) %1 saw a gap").arg(c->nick());
            }
            // Each author's lines in the order they were written.
            QHash<QString, int> lastLine;
            for (const QJsonObject &e : c->events()) {
                if (!isEvent(e, "message") || e.value(QLatin1String("own")).toBool())
                    continue;
                const QString from = str(e, "from");
                const QString text = str(e, "text");
                const QString prefix = from + QStringLiteral(" line ");
                if (!text.startsWith(prefix))
                    continue;
                const int number = text.mid(prefix.size(), 2).toInt();
                if (number <= lastLine.value(from))
                    problems << QStringLiteral("(durable) %1 shows \"%2\" after line %3 of %4")
                                        .arg(c->nick(), text)
                                        .arg(lastLine.value(from))
                                        .arg(from);
                lastLine[from] = number;
            }
        }
    }
    int inFlight = 0;
    for (const auto &set : std::as_const(inFlightAtKill))
        inFlight += int(set.size());
    qInfo("lines fed at the kill: %d of %d; sent but unconfirmed at the kill: %d; took %lld ms",
          fedAtKill, linesPerClient * int(m_clients.size()), inFlight,
          scenarioTimeoutMs - m_deadline.remainingTime());
    QVERIFY2(problems.isEmpty(), report(problems.join(QLatin1Char('\n'))).constData());

    // The trace: valid JSON Lines, numbered, with the loss and the reconnect in it.
    QFile trace(tracePath);
    QVERIFY2(trace.open(QIODevice::ReadOnly), qPrintable(trace.errorString()));
    const QList<QByteArray> traceLines = trace.readAll().split('\n');
    QVERIFY(traceLines.size() > 1);
    QVERIFY2(traceLines.constLast().isEmpty(), "the trace does not end with a newline");
    static const QSet<QString> kinds{QStringLiteral("state"),      QStringLiteral("handshake"),
                                     QStringLiteral("message-in"), QStringLiteral("message-out"),
                                     QStringLiteral("ping"),       QStringLiteral("pong"),
                                     QStringLiteral("close"),      QStringLiteral("error"),
                                     QStringLiteral("reconnect")};
    QStringList transitions;
    QString state = QStringLiteral("Closed");
    qint64 lastT = -1;
    int reconnects = 0;
    int handshakeResponses = 0;
    bool lossWithReconnect = false;
    for (int i = 0; i < traceLines.size() - 1; ++i) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(traceLines.at(i), &error);
        QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(),
                 qPrintable(QStringLiteral("trace line %1 is not a JSON object: %2")
                                    .arg(i + 1)
                                    .arg(QString::fromUtf8(traceLines.at(i)))));
        const QJsonObject o = doc.object();
        QCOMPARE(qint64(o.value(QLatin1String("seq")).toDouble()), qint64(i + 1));
        QVERIFY2(kinds.contains(str(o, "kind")), traceLines.at(i).constData());
        const qint64 t = qint64(o.value(QLatin1String("t")).toDouble(-1));
        QVERIFY2(t >= lastT, traceLines.at(i).constData());
        lastT = t;
        QVERIFY2(QDateTime::fromString(str(o, "time"), Qt::ISODateWithMs).isValid(),
                 traceLines.at(i).constData());
        if (str(o, "kind") == QLatin1String("state")) {
            QVERIFY2(str(o, "from") == state,
                     qPrintable(QStringLiteral("trace line %1 leaves %2, but the state was %3")
                                        .arg(i + 1)
                                        .arg(str(o, "from"), state)));
            state = str(o, "to");
            transitions << str(o, "from") + QStringLiteral("->") + state;
            if (str(o, "from") == QLatin1String("Open") && state == QLatin1String("Closed")
                && str(o, "reason") == QLatin1String("NetworkError")
                && o.value(QLatin1String("reconnect")).toBool()) {
                lossWithReconnect = true;
            }
        } else if (str(o, "kind") == QLatin1String("reconnect")) {
            QVERIFY2(o.value(QLatin1String("delayMs")).toInt(-1) >= 0, traceLines.at(i).constData());
            QVERIFY2(o.contains(QLatin1String("attempt")), traceLines.at(i).constData());
            ++reconnects;
        } else if (str(o, "kind") == QLatin1String("handshake")
                   && str(o, "phase") == QLatin1String("response")) {
            QCOMPARE(str(o, "chosen"), QStringLiteral("parlor.v1"));
            ++handshakeResponses;
        }
    }
    const QString path = transitions.join(QLatin1Char(' '));
    QVERIFY2(lossWithReconnect, qPrintable(path));
    QVERIFY2(reconnects >= 1, qPrintable(path));
    QVERIFY2(handshakeResponses >= 2, qPrintable(path));
    QVERIFY2(transitions.count(QStringLiteral("Connecting->Open")) >= 2, qPrintable(path));
    QVERIFY2(transitions.constFirst() == QLatin1String("Closed->Connecting"), qPrintable(path));
    QVERIFY2(transitions.constLast() == QLatin1String("Closing->Closed"), qPrintable(path));
    QCOMPARE(state, QStringLiteral("Closed"));
}

QTEST_GUILESS_MAIN(tst_CliRestart)
#include "tst_clirestart.moc"
