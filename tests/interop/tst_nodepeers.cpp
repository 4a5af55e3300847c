// Interop with Node.js peers (tests/interop/node): parlor-cli in plain mode on a broadcast server
// written with the npm package "websocket" that speaks only the "chatting" subprotocol, and a
// client written with the npm package "ws" that joins parlor-server both as a parlor.v1 peer and
// as a plain "chatting" peer.

#include "childprocess.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <tuple>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

constexpr int startTimeoutMs = 10000;
constexpr int chatTimeoutMs = 20000;
// ws_peer.js gives each of its steps this long; the whole run gets more than their sum needs.
constexpr int wsPeerStepTimeoutS = 10;
constexpr int wsPeerRunTimeoutMs = 60000;

const char nodeBinary[] = "/usr/bin/node";
const char setupHint[] = "run scripts/setup.sh --tests (it installs Node.js and runs npm ci in "
                         "tests/interop/node)";

QString nodeDir()
{
    return TestSupport::sourceDir() + QStringLiteral("/tests/interop/node");
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

bool hasMessage(const QList<QJsonObject> &events, const QString &text)
{
    return std::any_of(events.cbegin(), events.cend(), [&](const QJsonObject &o) {
        return str(o, "event") == QLatin1String("message")
               && !o.value(QLatin1String("own")).toBool() && str(o, "text") == text;
    });
}

QJsonObject openEvent(const QList<QJsonObject> &events)
{
    for (const QJsonObject &o : events) {
        if (str(o, "event") == QLatin1String("state") && str(o, "to") == QLatin1String("Open"))
            return o;
    }
    return {};
}

} // namespace

class tst_NodePeers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void cliClientsChatOnNodeChattingServer();
    void cliOfferingOnlyParlorIsRefused_data();
    void cliOfferingOnlyParlorIsRefused();
    void wsPeerChatsOnParlorServer();
    void wsPeerFailsOnServerWithoutParlor();

private:
    /// Starts chat_server.js on a free port; returns its ws:// URL (empty on failure).
    QString startNodeServer();
    /// Starts parlor-server on a free port; returns its ws:// URL (empty on failure).
    QString startParlorServer();
    ChildProcess *startCli(const QString &name, const QStringList &arguments);
    ChildProcess *startWsPeer(const QString &url);

    std::unique_ptr<ChildProcess> m_nodeServer;
    std::unique_ptr<ServerProcess> m_parlorServer;
    std::vector<std::unique_ptr<ChildProcess>> m_clients;
};

void tst_NodePeers::initTestCase()
{
    QVERIFY2(QFileInfo(TestSupport::serverBinary()).isExecutable(),
             qPrintable(TestSupport::serverBinary() + QStringLiteral(" is not built")));
    QVERIFY2(QFileInfo(TestSupport::cliBinary()).isExecutable(),
             qPrintable(TestSupport::cliBinary() + QStringLiteral(" is not built")));
    for (const char *script :
         {"chat_server.js", "ws_peer.js", "package.json", "package-lock.json"}) {
        const QString path = nodeDir() + QLatin1Char('/') + QLatin1String(script);
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    }

    // No QSKIP: CI installs these, and a missing peer must not pass silently.
    if (!QFileInfo(QLatin1String(nodeBinary)).isExecutable()) {
        QFAIL(qPrintable(QStringLiteral("%1 was not found: %2")
                                 .arg(QLatin1String(nodeBinary), QLatin1String(setupHint))));
    }
    for (const char *package : {"websocket", "ws"}) {
        const QString path = nodeDir() + QStringLiteral("/node_modules/") + QLatin1String(package)
                             + QStringLiteral("/package.json");
        if (!QFileInfo::exists(path)) {
            QFAIL(qPrintable(
                    QStringLiteral("the npm package \"%1\" is not installed in %2: %3")
                            .arg(QLatin1String(package), nodeDir(), QLatin1String(setupHint))));
        }
    }
    QProcess probe;
    probe.setWorkingDirectory(nodeDir());
    probe.start(QLatin1String(nodeBinary),
                {QStringLiteral("-e"),
                 QStringLiteral("require('websocket'); require('ws'); console.log(process.version, "
                                "require('websocket/package.json').version, "
                                "require('ws/package.json').version)")});
    QVERIFY2(probe.waitForFinished(ChildProcess::exitTimeoutMs), nodeBinary);
    if (probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0) {
        QFAIL(qPrintable(QStringLiteral("node cannot load the npm packages: %1\n%2")
                                 .arg(QLatin1String(setupHint),
                                      QString::fromUtf8(probe.readAllStandardError()))));
    }
    const QList<QByteArray> versions = probe.readAllStandardOutput().trimmed().split(' ');
    QCOMPARE(versions.size(), 3);
    qInfo("node %s, websocket %s, ws %s", versions.at(0).constData(), versions.at(1).constData(),
          versions.at(2).constData());
}

void tst_NodePeers::cleanup()
{
    m_clients.clear();
    m_nodeServer.reset();
    m_parlorServer.reset();
}

QString tst_NodePeers::startNodeServer()
{
    m_nodeServer = std::make_unique<ChildProcess>(QStringLiteral("chat_server.js"),
                                                  QLatin1String(nodeBinary),
                                                  QStringList{nodeDir()
                                                                      + QStringLiteral(
                                                                              "/chat_server.js"),
                                                              QStringLiteral("0")});
    static const QRegularExpression listening(QStringLiteral("^listening (\\d+)$"),
                                              QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = m_nodeServer->waitForMatch(QProcess::StandardOutput,
                                                                     listening, startTimeoutMs);
    if (!match.hasMatch()) {
        qWarning("chat_server.js did not start:\n%s", m_nodeServer->transcript().constData());
        return {};
    }
    return QStringLiteral("ws://127.0.0.1:%1").arg(match.captured(1));
}

QString tst_NodePeers::startParlorServer()
{
    m_parlorServer = std::make_unique<ServerProcess>(ServerProcess::localArguments());
    if (!m_parlorServer->waitForPort(startTimeoutMs)) {
        qWarning("parlor-server did not start:\n%s", m_parlorServer->transcript().constData());
        return {};
    }
    return m_parlorServer->url().toString();
}

ChildProcess *tst_NodePeers::startCli(const QString &name, const QStringList &arguments)
{
    m_clients.push_back(std::make_unique<ChildProcess>(name, TestSupport::cliBinary(), arguments));
    return m_clients.back().get();
}

ChildProcess *tst_NodePeers::startWsPeer(const QString &url)
{
    m_clients.push_back(
            std::make_unique<ChildProcess>(QStringLiteral("ws_peer.js"), QLatin1String(nodeBinary),
                                           QStringList{nodeDir() + QStringLiteral("/ws_peer.js"),
                                                       url, QStringLiteral("--timeout"),
                                                       QString::number(wsPeerStepTimeoutS)}));
    return m_clients.back().get();
}

void tst_NodePeers::cliClientsChatOnNodeChattingServer()
{
    const QString url = startNodeServer();
    QVERIFY(!url.isEmpty());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString tracePath = dir.filePath(QStringLiteral("ann.trace.jsonl"));

    // Default subprotocols (parlor.v1, then chatting): the server can only pick chatting.
    ChildProcess *ann = startCli(QStringLiteral("parlor-cli ann"),
                                 {url, QStringLiteral("--nick"), QStringLiteral("ann"),
                                  QStringLiteral("--json"), QStringLiteral("--trace"), tracePath});
    ChildProcess *ben = startCli(QStringLiteral("parlor-cli ben"),
                                 {url, QStringLiteral("--nick"), QStringLiteral("ben"),
                                  QStringLiteral("--json")});
    // A relay server keeps no history: both must be in before anyone talks.
    for (ChildProcess *cli : {ann, ben}) {
        QVERIFY2(QTest::qWaitFor([&] { return !openEvent(cli->jsonLines()).isEmpty(); },
                                 startTimeoutMs),
                 cli->transcript().constData());
        QCOMPARE(str(openEvent(cli->jsonLines()), "subprotocol"), QStringLiteral("chatting"));
    }

    // Non-ASCII on purpose; none of the lines looks like JSON (plain mode pretty-prints JSON).
    const QStringList annLines{QStringLiteral("ann says hello ✓"), QStringLiteral("ann: ½ more")};
    const QStringList benLines{QStringLiteral("ben answers 안녕"), QStringLiteral("ben again")};
    for (const QString &line : annLines)
        ann->process().write(line.toUtf8() + '\n');
    for (const QString &line : benLines)
        ben->process().write(line.toUtf8() + '\n');

    // The server relays every line to every connection: each sees the other's lines, and its
    // own come back as the echo that confirms them ("delivered"), not as a second message.
    for (const auto &peer :
         {std::tuple(ann, annLines, benLines), std::tuple(ben, benLines, annLines)}) {
        // Named references, not a structured binding: C++17 does not let a lambda capture those
        // (g++ accepts it, clang++ refuses).
        const auto &cli = std::get<0>(peer);
        const auto &own = std::get<1>(peer);
        const auto &others = std::get<2>(peer);
        QVERIFY2(QTest::qWaitFor(
                         [&] {
                             const QList<QJsonObject> events = cli->jsonLines();
                             int delivered = 0;
                             for (const QJsonObject &o : events) {
                                 if (str(o, "event") == QLatin1String("delivery")
                                     && str(o, "state") == QLatin1String("delivered"))
                                     ++delivered;
                             }
                             return delivered == own.size()
                                    && std::all_of(others.cbegin(), others.cend(),
                                                   [&](const QString &line) {
                                                       return hasMessage(events, line);
                                                   });
                         },
                         chatTimeoutMs),
                 QByteArray(cli->transcript() + m_nodeServer->transcript()).constData());
        for (const QString &line : own)
            QVERIFY2(!hasMessage(cli->jsonLines(), line), cli->transcript().constData());
        for (const QJsonObject &o : cli->jsonLines())
            QVERIFY2(str(o, "state") != QLatin1String("failed"), cli->transcript().constData());
    }

    // Input ends: nothing is pending in plain mode, so each closes and exits 0.
    for (ChildProcess *cli : {ann, ben}) {
        cli->process().closeWriteChannel();
        QVERIFY2(cli->waitForExit(ChildProcess::exitTimeoutMs), cli->transcript().constData());
        QCOMPARE(cli->process().exitStatus(), QProcess::NormalExit);
        QVERIFY2(cli->process().exitCode() == 0, cli->transcript().constData());
        QVERIFY2(cli->nonJsonLines().isEmpty(), cli->transcript().constData());
    }

    // The trace shows what was offered, in order, and what was chosen.
    QFile trace(tracePath);
    QVERIFY(trace.open(QIODevice::ReadOnly));
    bool sawResponse = false;
    for (const QByteArray &line : trace.readAll().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (str(o, "kind") == QLatin1String("handshake")
            && str(o, "phase") == QLatin1String("response")) {
            QCOMPARE(o.value(QLatin1String("offered")).toArray(),
                     QJsonArray({QStringLiteral("parlor.v1"), QStringLiteral("chatting")}));
            QCOMPARE(str(o, "chosen"), QStringLiteral("chatting"));
            sawResponse = true;
        }
    }
    QVERIFY(sawResponse);
}

void tst_NodePeers::cliOfferingOnlyParlorIsRefused_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("json");
    QTest::newRow("--no-reconnect") << QStringList{QStringLiteral("--no-reconnect")} << false;
    QTest::newRow("--no-reconnect --json")
            << QStringList{QStringLiteral("--no-reconnect"), QStringLiteral("--json")} << true;
    // A 403 is not retried even when reconnecting is on: retrying would only repeat it.
    QTest::newRow("default reconnect policy, --json")
            << QStringList{QStringLiteral("--json")} << true;
}

void tst_NodePeers::cliOfferingOnlyParlorIsRefused()
{
    QFETCH(QStringList, options);
    QFETCH(bool, json);
    const QString url = startNodeServer();
    QVERIFY(!url.isEmpty());

    // Standard input stays open: only the refusal can end the client.
    ChildProcess *cli = startCli(QStringLiteral("parlor-cli"),
                                 QStringList{url, QStringLiteral("--nick"), QStringLiteral("rich"),
                                             QStringLiteral("--protocol"),
                                             QStringLiteral("parlor.v1")}
                                         + options);
    QVERIFY2(cli->waitForExit(startTimeoutMs),
             QByteArray(QByteArray("parlor-cli kept trying after the refusal\n") + cli->transcript()
                        + m_nodeServer->transcript())
                     .constData());
    QCOMPARE(cli->process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(cli->process().exitCode() == 1, cli->transcript().constData());

    if (json) {
        QVERIFY2(cli->nonJsonLines().isEmpty(), cli->transcript().constData());
        const QList<QJsonObject> events = cli->jsonLines();
        QVERIFY(!events.isEmpty());
        const QJsonObject closed = events.constLast();
        QCOMPARE(str(closed, "event"), QStringLiteral("state"));
        QCOMPARE(str(closed, "from"), QStringLiteral("Connecting"));
        QCOMPARE(str(closed, "to"), QStringLiteral("Closed"));
        QCOMPARE(str(closed, "reason"), QStringLiteral("HandshakeRefused"));
        QVERIFY2(str(closed, "error").contains(QLatin1String("403")), cli->transcript().constData());
        QCOMPARE(closed.value(QLatin1String("reconnectInMs")).toInt(), -1);
        QVERIFY(openEvent(events).isEmpty());
    } else {
        QVERIFY2(cli->out().contains(
                         QLatin1String("(the server refused the upgrade with HTTP 403)")),
                 cli->transcript().constData());
    }
    // The server refused on purpose, logged it, and is still up for others.
    QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return m_nodeServer->err().contains(
                                 QLatin1String("offered [parlor.v1], not \"chatting\""));
                     },
                     startTimeoutMs),
             m_nodeServer->transcript().constData());
    QCOMPARE(m_nodeServer->process().state(), QProcess::Running);
}

void tst_NodePeers::wsPeerChatsOnParlorServer()
{
    const QString url = startParlorServer();
    QVERIFY(!url.isEmpty());
    ChildProcess *peer = startWsPeer(url);
    QVERIFY2(peer->waitForExit(wsPeerRunTimeoutMs),
             QByteArray(peer->transcript() + m_parlorServer->transcript()).constData());
    QCOMPARE(peer->process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(peer->process().exitCode() == 0,
             QByteArray(peer->transcript() + m_parlorServer->transcript()).constData());
    QVERIFY2(peer->out().contains(QLatin1String("ws_peer: ok")), peer->transcript().constData());
    qInfo("%s", peer->out().trimmed().toUtf8().constData());
}

void tst_NodePeers::wsPeerFailsOnServerWithoutParlor()
{
    // The Node chatting server refuses ws_peer.js's parlor.v1 connection: the peer must report
    // a failure, or its success above would prove nothing.
    const QString url = startNodeServer();
    QVERIFY(!url.isEmpty());
    ChildProcess *peer = startWsPeer(url);
    QVERIFY2(peer->waitForExit(wsPeerRunTimeoutMs), peer->transcript().constData());
    QCOMPARE(peer->process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(peer->process().exitCode() == 1, peer->transcript().constData());
    QVERIFY2(peer->err().contains(QLatin1String("ws_peer: FAILED: rich: Unexpected server "
                                                "response: 403")),
             peer->transcript().constData());
}

QTEST_GUILESS_MAIN(tst_NodePeers)
#include "tst_nodepeers.moc"
