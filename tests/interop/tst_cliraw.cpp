// parlor-cli as a WebSocket debugging tool (issue 13), with real sockets and servers that are not
// Parlor: a Node "ws" echo server (tests/interop/node/echo_server.js) and a Python websockets one
// (tests/interop/python_echo.py) tell the test what the handshake carried (-s/--subprotocol,
// -o/--origin, -H/--header), echo frames (--raw, --binary), and see pings (--ping-interval);
// parlor-server --tls checks --pin. Bad options are refused with exit code 2 before connecting.

#include "childprocess.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr int waitMs = 20000; // the most any wait may take; they return as soon as they can
const char nodeBinary[] = "/usr/bin/node";
const char setupHint[] = "run scripts/setup.sh --tests (it installs Node.js, python3-websockets "
                         "and runs npm ci in tests/interop/node)";

QString nodeDir()
{
    return TestSupport::sourceDir() + QStringLiteral("/tests/interop/node");
}

/// The first JSON object parlor-cli printed with this event (and direction/opcode if given).
QJsonObject findEvent(ChildProcess &cli, const QString &event, const QString &opcode = {})
{
    for (const QJsonObject &o : cli.jsonLines()) {
        if (o.value(QLatin1String("event")).toString() == event
            && (opcode.isEmpty() || o.value(QLatin1String("opcode")).toString() == opcode)) {
            return o;
        }
    }
    return {};
}

/// The received frames parlor-cli --json printed, as "text:DATA" or "binary:HEX".
QStringList framesIn(ChildProcess &cli)
{
    QStringList frames;
    for (const QJsonObject &o : cli.jsonLines()) {
        if (o.value(QLatin1String("event")).toString() == QLatin1String("frame")) {
            frames.append(o.value(QLatin1String("opcode")).toString() + QLatin1Char(':')
                          + o.value(QLatin1String("data")).toString());
        }
    }
    return frames;
}

} // namespace

class tst_CliRaw : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void handshakeOptionsReachTheServer();
    void handshakeOptionsReachTheServerInChatMode();
    void rawRoundTripsTextAndBinary_data();
    void rawRoundTripsTextAndBinary();
    void textOutputMarksTextAndBinaryFrames();
    void serverCloseSetsTheExitCode_data();
    void serverCloseSetsTheExitCode();
    void sigtermClosesCleanly();
    void pingIntervalAndShowPing();
    void missingPongIsReported();
    void pinAcceptsOnlyThatCertificateAndIsNotRemembered();
    void badUsageIsRefused_data();
    void badUsageIsRefused();

private:
    /// Starts an echo server ("node" or "python"); its ws:// URL, empty if it did not start.
    QUrl startEcho(const QString &which, const QStringList &extra = {});
    std::unique_ptr<ChildProcess> startCli(const QStringList &arguments);

    std::unique_ptr<ChildProcess> m_echo;
    std::unique_ptr<QTemporaryDir> m_config;
};

void tst_CliRaw::initTestCase()
{
    QVERIFY2(QFileInfo(TestSupport::cliBinary()).isExecutable(),
             qPrintable(TestSupport::cliBinary() + QStringLiteral(" is not built")));
    // No QSKIP: a missing peer must not pass silently.
    QVERIFY2(QFileInfo(QLatin1String(nodeBinary)).isExecutable(), setupHint);
    QVERIFY2(QFileInfo::exists(nodeDir() + QStringLiteral("/node_modules/ws/package.json")),
             setupHint);
    QVERIFY2(QFileInfo(TestSupport::pythonInterpreter()).isExecutable(), setupHint);
}

void tst_CliRaw::init()
{
    // parlor-cli's settings (remembered certificate pins) stay in the test's own directory.
    m_config = std::make_unique<QTemporaryDir>();
    QVERIFY(m_config->isValid());
}

void tst_CliRaw::cleanup()
{
    m_echo.reset();
}

QUrl tst_CliRaw::startEcho(const QString &which, const QStringList &extra)
{
    if (which == QLatin1String("node")) {
        m_echo = std::make_unique<ChildProcess>(QStringLiteral("echo_server.js"),
                                                QLatin1String(nodeBinary),
                                                QStringList{nodeDir()
                                                            + QStringLiteral("/echo_server.js")}
                                                        + extra,
                                                ChildProcess::environment(), nodeDir());
    } else {
        m_echo = std::make_unique<ChildProcess>(QStringLiteral("python_echo.py"),
                                                TestSupport::pythonInterpreter(),
                                                QStringList{
                                                        TestSupport::sourceDir()
                                                        + QStringLiteral(
                                                                "/tests/interop/python_echo.py")}
                                                        + extra);
    }
    const QRegularExpressionMatch match = m_echo->waitForMatch(QProcess::StandardOutput,
                                                               QRegularExpression(QStringLiteral(
                                                                       "listening (\\d+)\\n")),
                                                               waitMs);
    if (!match.hasMatch()) {
        qWarning("%s", m_echo->transcript().constData());
        return {};
    }
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(match.captured(1)));
}

std::unique_ptr<ChildProcess> tst_CliRaw::startCli(const QStringList &arguments)
{
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config->path());
    return std::make_unique<ChildProcess>(QStringLiteral("parlor-cli"), TestSupport::cliBinary(),
                                          arguments, env);
}

void tst_CliRaw::handshakeOptionsReachTheServer()
{
    // The server takes b or a: the client offers x, a, b in this order, so a is chosen, which
    // only works if every -s/--protocol/--subprotocol reached it in order.
    const QUrl url = startEcho(QStringLiteral("node"),
                               {QStringLiteral("--protocols"), QStringLiteral("b,a")});
    QVERIFY(!url.isEmpty());
    auto cli = startCli({url.toString(), QStringLiteral("--raw"), QStringLiteral("--json"),
                         QStringLiteral("-s"), QStringLiteral("x"), QStringLiteral("--protocol"),
                         QStringLiteral("a"), QStringLiteral("--subprotocol"), QStringLiteral("b"),
                         QStringLiteral("-o"), QStringLiteral("https://debug.example"),
                         QStringLiteral("-H"), QStringLiteral("X-Debug:  two words "),
                         QStringLiteral("--header"), QStringLiteral("Authorization: Bearer t0k"),
                         QStringLiteral("--wait"), QStringLiteral("0")});
    QVERIFY2(cli->waitUntil([&] { return !findEvent(*cli, QStringLiteral("frame")).isEmpty(); },
                            waitMs),
             cli->transcript().constData());
    const QJsonObject seen = QJsonDocument::fromJson(findEvent(*cli, QStringLiteral("frame"))
                                                             .value(QLatin1String("data"))
                                                             .toString()
                                                             .toUtf8())
                                     .object();
    QCOMPARE(seen.value(QLatin1String("protocol")).toString(), QStringLiteral("a"));
    const QJsonObject headers = seen.value(QLatin1String("headers")).toObject();
    QCOMPARE(headers.value(QLatin1String("sec-websocket-protocol")).toString(),
             QStringLiteral("x, a, b"));
    QCOMPARE(headers.value(QLatin1String("origin")).toString(),
             QStringLiteral("https://debug.example"));
    QCOMPARE(headers.value(QLatin1String("x-debug")).toString(), QStringLiteral("two words"));
    QCOMPARE(headers.value(QLatin1String("authorization")).toString(),
             QStringLiteral("Bearer t0k"));
    // No parlor.v1 hello in raw mode: nothing was sent, so nothing else came back.
    cli->process().closeWriteChannel();
    QVERIFY2(cli->waitForExit(), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), 0);
    QCOMPARE(framesIn(*cli).size(), 1);
    const QJsonObject open = cli->jsonLines().at(1);
    QCOMPARE(open.value(QLatin1String("to")).toString(), QStringLiteral("Open"));
    QCOMPARE(open.value(QLatin1String("subprotocol")).toString(), QStringLiteral("a"));
}

void tst_CliRaw::handshakeOptionsReachTheServerInChatMode()
{
    // Without --raw the same options go into the chat client's handshake: here a plain-mode
    // session (the server takes "chatting"), whose first line is what the server saw.
    const QUrl url = startEcho(QStringLiteral("node"),
                               {QStringLiteral("--protocols"), QStringLiteral("chatting")});
    QVERIFY(!url.isEmpty());
    auto cli = startCli({url.toString(), QStringLiteral("--json"), QStringLiteral("--no-reconnect"),
                         QStringLiteral("-s"), QStringLiteral("chatting"), QStringLiteral("-H"),
                         QStringLiteral("X-Chat: yes"), QStringLiteral("-o"),
                         QStringLiteral("http://chat.example")});
    QVERIFY2(cli->waitUntil([&] { return !findEvent(*cli, QStringLiteral("message")).isEmpty(); },
                            waitMs),
             cli->transcript().constData());
    const QJsonObject seen = QJsonDocument::fromJson(findEvent(*cli, QStringLiteral("message"))
                                                             .value(QLatin1String("text"))
                                                             .toString()
                                                             .toUtf8())
                                     .object();
    QCOMPARE(seen.value(QLatin1String("protocol")).toString(), QStringLiteral("chatting"));
    const QJsonObject headers = seen.value(QLatin1String("headers")).toObject();
    QCOMPARE(headers.value(QLatin1String("x-chat")).toString(), QStringLiteral("yes"));
    QCOMPARE(headers.value(QLatin1String("origin")).toString(),
             QStringLiteral("http://chat.example"));
    cli->process().closeWriteChannel();
    QVERIFY2(cli->waitForExit(), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), 0);
}

void tst_CliRaw::rawRoundTripsTextAndBinary_data()
{
    QTest::addColumn<QString>("server");
    QTest::newRow("node ws") << QStringLiteral("node");
    QTest::newRow("python websockets") << QStringLiteral("python");
}

void tst_CliRaw::rawRoundTripsTextAndBinary()
{
    QFETCH(QString, server);
    const QUrl url = startEcho(server);
    QVERIFY(!url.isEmpty());

    // Text: every line one frame, empty lines too, UTF-8 kept.
    auto text = startCli({url.toString(), QStringLiteral("--raw"), QStringLiteral("--json")});
    const QString greeting = QStringLiteral("Grüße ✓ {\"not\": \"parsed\"}");
    text->writeLine(greeting);
    text->writeLine(QString());
    const QStringList expected{QStringLiteral("text:") + greeting, QStringLiteral("text:")};
    QVERIFY2(text->waitUntil([&] { return framesIn(*text).mid(1) == expected; }, waitMs),
             text->transcript().constData());
    text->process().closeWriteChannel();
    QVERIFY2(text->waitForExit(), text->transcript().constData());
    QCOMPARE(text->process().exitCode(), 0);

    // Binary: hex in (spaces and colons ignored), the same bytes back as binary, printed as hex;
    // a line that is not hex is not sent and makes the exit code 3.
    auto binary = startCli({url.toString(), QStringLiteral("--raw"), QStringLiteral("--binary"),
                            QStringLiteral("--json")});
    binary->writeLine(QStringLiteral("00 ff:10 7F"));
    binary->writeLine(QStringLiteral("not hex"));
    binary->writeLine(QStringLiteral("c3a9"));
    const QStringList expectedBinary{QStringLiteral("binary:00ff107f"),
                                     QStringLiteral("binary:c3a9")};
    QVERIFY2(binary->waitUntil([&] { return framesIn(*binary).mid(1) == expectedBinary; }, waitMs),
             binary->transcript().constData());
    binary->process().closeWriteChannel();
    QVERIFY2(binary->waitForExit(), binary->transcript().constData());
    QCOMPARE(binary->process().exitCode(), 3);
    QVERIFY2(binary->err().contains(QStringLiteral("line 2 is not hex")),
             binary->transcript().constData());
}

void tst_CliRaw::textOutputMarksTextAndBinaryFrames()
{
    const QUrl url = startEcho(QStringLiteral("node"));
    QVERIFY(!url.isEmpty());
    auto text = startCli({url.toString(), QStringLiteral("--raw")});
    text->writeLine(QStringLiteral("hello"));
    QVERIFY2(text->waitForMatch(QProcess::StandardOutput,
                                QRegularExpression(QStringLiteral("^< hello$"),
                                                   QRegularExpression::MultilineOption),
                                waitMs)
                     .hasMatch(),
             text->transcript().constData());
    QVERIFY(text->out().contains(QStringLiteral("* connected (no subprotocol)\n")));
    text->process().closeWriteChannel();
    QVERIFY2(text->waitForExit(), text->transcript().constData());

    auto binary = startCli({url.toString(), QStringLiteral("--raw"), QStringLiteral("--binary")});
    binary->writeLine(QStringLiteral("0001"));
    QVERIFY2(binary->waitForMatch(QProcess::StandardOutput,
                                  QRegularExpression(QStringLiteral("^<# 0001$"),
                                                     QRegularExpression::MultilineOption),
                                  waitMs)
                     .hasMatch(),
             binary->transcript().constData());
    binary->process().closeWriteChannel();
    QVERIFY2(binary->waitForExit(), binary->transcript().constData());
    QCOMPARE(binary->process().exitCode(), 0);
}

void tst_CliRaw::serverCloseSetsTheExitCode_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("1000 Normal Closure") << 1000 << 0;
    QTest::newRow("1001 Going Away") << 1001 << 1;
    QTest::newRow("4001 application code") << 4001 << 1;
}

void tst_CliRaw::serverCloseSetsTheExitCode()
{
    QFETCH(int, code);
    QFETCH(int, exitCode);
    const QUrl url = startEcho(QStringLiteral("node"));
    QVERIFY(!url.isEmpty());
    // The input stays open: the server ends it, and parlor-cli does not reconnect.
    auto cli = startCli({url.toString(), QStringLiteral("--raw")});
    cli->writeLine(QStringLiteral("!close %1 done here").arg(code));
    QVERIFY2(cli->waitForExit(), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), exitCode);
    QVERIFY2(cli->out().contains(QStringLiteral("* closed: %1 ").arg(code))
                     && cli->out().contains(QStringLiteral("“done here”")),
             cli->transcript().constData());
    QCOMPARE(cli->out().count(QStringLiteral("* connecting")), 1);
}

void tst_CliRaw::sigtermClosesCleanly()
{
    const QUrl url = startEcho(QStringLiteral("node"));
    QVERIFY(!url.isEmpty());
    auto cli = startCli({url.toString(), QStringLiteral("--raw")});
    QVERIFY2(cli->waitForMatch(QProcess::StandardOutput,
                               QRegularExpression(QStringLiteral("\\* connected")), waitMs)
                     .hasMatch(),
             cli->transcript().constData());
    cli->process().terminate(); // SIGTERM, as Ctrl+C's SIGINT: close now, no --wait
    QVERIFY2(cli->waitForExit(), cli->transcript().constData());
    QCOMPARE(cli->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli->process().exitCode(), 0);
    QVERIFY2(cli->out().contains(QStringLiteral("* closed: 1000 Normal Closure “bye”")),
             cli->transcript().constData());
}

void tst_CliRaw::pingIntervalAndShowPing()
{
    const QUrl url = startEcho(QStringLiteral("node"));
    QVERIFY(!url.isEmpty());
    auto cli = startCli({url.toString(), QStringLiteral("--raw"), QStringLiteral("--json"),
                         QStringLiteral("--show-ping"), QStringLiteral("--ping-interval"),
                         QStringLiteral("0.2")});
    // The server sees the pings (payload "1", "2": hex 31, 32) and the client shows their pongs.
    QVERIFY2(m_echo->waitForMatch(QProcess::StandardOutput,
                                  QRegularExpression(QStringLiteral("ping 1 31\\nping 1 32\\n")),
                                  waitMs)
                     .hasMatch(),
             m_echo->transcript().constData());
    QVERIFY2(cli->waitUntil([&] { return !findEvent(*cli, QStringLiteral("pong")).isEmpty(); },
                            waitMs),
             cli->transcript().constData());
    const QJsonObject ping = findEvent(*cli, QStringLiteral("ping"));
    QCOMPARE(ping.value(QLatin1String("payload")).toString(), QStringLiteral("31"));
    QCOMPARE(ping.value(QLatin1String("direction")).toString(), QStringLiteral("out"));
    const QJsonObject pong = findEvent(*cli, QStringLiteral("pong"));
    QCOMPARE(pong.value(QLatin1String("payload")).toString(), QStringLiteral("31"));
    QVERIFY(pong.value(QLatin1String("rttMs")).toInteger(-1) >= 0);
    cli->process().closeWriteChannel();
    QVERIFY2(cli->waitForExit(), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), 0);

    // --ping-interval 0 is accepted and the server sees no ping on that connection (its number
    // 2). Half a second proves little about a 15 s default: that 0 means no heartbeat at all is
    // ConnectionManager's (pingIntervalMs 0), which the client tests use throughout.
    auto quiet = startCli({url.toString(), QStringLiteral("--raw"), QStringLiteral("--wait"),
                           QStringLiteral("0.5"), QStringLiteral("--ping-interval"),
                           QStringLiteral("0")});
    quiet->writeLine(QStringLiteral("x"));
    quiet->process().closeWriteChannel();
    QVERIFY2(quiet->waitForExit(), quiet->transcript().constData());
    QVERIFY2(quiet->out().contains(QStringLiteral("< x\n")), quiet->transcript().constData());
    QVERIFY2(!m_echo->out().contains(QStringLiteral("ping 2 ")), m_echo->transcript().constData());
}

void tst_CliRaw::missingPongIsReported()
{
    const QUrl url = startEcho(QStringLiteral("node"), {QStringLiteral("--no-pong")});
    QVERIFY(!url.isEmpty());
    auto cli = startCli({url.toString(), QStringLiteral("--raw"), QStringLiteral("--json"),
                         QStringLiteral("--ping-interval"), QStringLiteral("0.2"),
                         QStringLiteral("--ping-timeout"), QStringLiteral("0.5")});
    QVERIFY2(cli->waitForExit(), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), 1);
    const QJsonObject closed = cli->jsonLines().constLast();
    QCOMPARE(closed.value(QLatin1String("to")).toString(), QStringLiteral("Closed"));
    QCOMPARE(closed.value(QLatin1String("reason")).toString(), QStringLiteral("PingTimeout"));
    QVERIFY(m_echo->out().contains(QStringLiteral("ping 1 31\n")));
}

void tst_CliRaw::pinAcceptsOnlyThatCertificateAndIsNotRemembered()
{
    QTemporaryDir data;
    QVERIFY(data.isValid());
    ServerProcess server(ServerProcess::localArguments()
                         << QStringLiteral("--tls") << QStringLiteral("--data-dir") << data.path());
    QVERIFY2(server.waitForPort() && server.waitForWelcome(), server.transcript().constData());
    const QString fingerprint = QRegularExpression(
                                        QStringLiteral("SHA-256 fingerprint\\n  ([0-9a-f]{64})\\n"))
                                        .match(server.out())
                                        .captured(1);
    QVERIFY2(!fingerprint.isEmpty(), server.transcript().constData());
    QUrl url = server.url();
    url.setScheme(QStringLiteral("wss"));

    // The right fingerprint, spelled with colons and capitals: connected, in raw and chat mode.
    QString spelled;
    for (int i = 0; i < fingerprint.size(); i += 2)
        spelled += (i ? QStringLiteral(":") : QString()) + fingerprint.mid(i, 2).toUpper();
    auto raw = startCli({url.toString(), QStringLiteral("--raw"), QStringLiteral("--pin"), spelled,
                         QStringLiteral("-s"), QStringLiteral("chatting")});
    raw->writeLine(QStringLiteral("pinned hello"));
    QVERIFY2(raw->waitForMatch(QProcess::StandardOutput,
                               QRegularExpression(QStringLiteral("\\* connected \\(chatting\\)")),
                               waitMs)
                     .hasMatch(),
             raw->transcript().constData());
    raw->process().closeWriteChannel();
    QVERIFY2(raw->waitForExit(), raw->transcript().constData());
    QCOMPARE(raw->process().exitCode(), 0);

    auto chat = startCli({url.toString(), QStringLiteral("--nick"), QStringLiteral("pinned"),
                          QStringLiteral("--pin"), fingerprint, QStringLiteral("--no-reconnect")});
    QVERIFY2(chat->waitForMatch(QProcess::StandardOutput,
                                QRegularExpression(
                                        QStringLiteral("\\* joined \"[^\"]*\" as pinned")),
                                waitMs)
                     .hasMatch(),
             chat->transcript().constData());
    chat->process().closeWriteChannel();
    QVERIFY2(chat->waitForExit(), chat->transcript().constData());

    // Another fingerprint: refused, with the real one to compare, exit 1.
    QString wrong = fingerprint;
    wrong[0] = wrong[0] == u'0' ? u'1' : u'0';
    auto refused = startCli(
            {url.toString(), QStringLiteral("--raw"), QStringLiteral("--pin"), wrong});
    QVERIFY2(refused->waitForExit(), refused->transcript().constData());
    QCOMPARE(refused->process().exitCode(), 1);
    QVERIFY2(refused->out().contains(QStringLiteral("--pin ") + fingerprint),
             refused->transcript().constData());
    QVERIFY(!refused->out().contains(QStringLiteral("* connected")));

    // Nothing was remembered: without --pin the certificate is refused again.
    auto again = startCli({url.toString(), QStringLiteral("--raw")});
    again->process().closeWriteChannel();
    QVERIFY2(again->waitForExit(), again->transcript().constData());
    QCOMPARE(again->process().exitCode(), 1);
    QVERIFY2(again->out().contains(QStringLiteral("1015")), again->transcript().constData());

    // --pin means that certificate and no other, even one remembered with --trust earlier.
    auto trusting = startCli(
            {url.toString(), QStringLiteral("--raw"), QStringLiteral("--trust"), fingerprint});
    trusting->process().closeWriteChannel();
    QVERIFY2(trusting->waitForExit(), trusting->transcript().constData());
    QCOMPARE(trusting->process().exitCode(), 0);
    auto strict = startCli(
            {url.toString(), QStringLiteral("--raw"), QStringLiteral("--pin"), wrong});
    QVERIFY2(strict->waitForExit(), strict->transcript().constData());
    QCOMPARE(strict->process().exitCode(), 1);
    QVERIFY2(!strict->out().contains(QStringLiteral("* connected")),
             strict->transcript().constData());
}

void tst_CliRaw::badUsageIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString url = QStringLiteral("ws://127.0.0.1:9/");
    const QString raw = QStringLiteral("--raw");
    const QString header = QStringLiteral("-H");
    QTest::newRow("Upgrade") << QStringList{url, raw, header, QStringLiteral("Upgrade: h2c")}
                             << QStringLiteral("belongs to the WebSocket handshake");
    QTest::newRow("Sec-WebSocket-Key")
            << QStringList{url, raw, header, QStringLiteral("sec-websocket-key: AAAA")}
            << QStringLiteral("belongs to the WebSocket handshake");
    QTest::newRow("Connection") << QStringList{url, header, QStringLiteral("Connection: close")}
                                << QStringLiteral("belongs to the WebSocket handshake");
    QTest::newRow("Host") << QStringList{url, raw, header, QStringLiteral("Host: other")}
                          << QStringLiteral("belongs to the WebSocket handshake");
    QTest::newRow("Origin") << QStringList{url, raw, header, QStringLiteral("Origin: x")}
                            << QStringLiteral("--origin");
    QTest::newRow("Sec-WebSocket-Protocol")
            << QStringList{url, raw, header, QStringLiteral("Sec-WebSocket-Protocol: x")}
            << QStringLiteral("--subprotocol");
    QTest::newRow("no colon") << QStringList{url, raw, header, QStringLiteral("X-Debug 1")}
                              << QStringLiteral("is not a header");
    QTest::newRow("space in name") << QStringList{url, raw, header, QStringLiteral("X Debug: 1")}
                                   << QStringLiteral("is not a valid header name");
    QTest::newRow("line break in value")
            << QStringList{url, raw, header, QStringLiteral("X-A: 1\r\nX-B: 2")}
            << QStringLiteral("control character");
    QTest::newRow("--binary without --raw") << QStringList{url, QStringLiteral("--binary")}
                                            << QStringLiteral("--binary goes with --raw");
    QTest::newRow("negative interval")
            << QStringList{url, raw, QStringLiteral("--ping-interval"), QStringLiteral("-1")}
            << QStringLiteral("--ping-interval takes");
    QTest::newRow("zero timeout") << QStringList{url, raw, QStringLiteral("--ping-timeout"),
                                                 QStringLiteral("0")}
                                  << QStringLiteral("--ping-timeout takes");
    QTest::newRow("--pin on ws://")
            << QStringList{url, raw, QStringLiteral("--pin"), QString(64, u'a')}
            << QStringLiteral("--pin needs a wss:// URL");
    QTest::newRow("--pin not hex") << QStringList{QStringLiteral("wss://127.0.0.1:9/"),
                                                  QStringLiteral("--pin"), QStringLiteral("abc")}
                                   << QStringLiteral("--pin needs a wss:// URL");
}

void tst_CliRaw::badUsageIsRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    auto cli = startCli(arguments);
    QVERIFY2(cli->waitForExit(), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), 2);
    QVERIFY2(cli->err().contains(message), cli->transcript().constData());
    QVERIFY2(!cli->out().contains(QStringLiteral("connecting")), cli->transcript().constData());
}

QTEST_GUILESS_MAIN(tst_CliRaw)
#include "tst_cliraw.moc"
