// End-to-end tests of the real parlor-server binary: command line, startup output, chat through
// it, password from the environment, and shutdown on SIGTERM / SIGINT.

#include "protocol/protocol.h"
#include "richclient.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkInterface>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

#include <sys/types.h>

namespace {

/// Waits for \a server to end, or to open a room (which ends the wait at once when an option
/// that should only print something starts the server instead).
bool finishesWithoutRoom(ServerProcess &server, int timeoutMs = ChildProcess::exitTimeoutMs)
{
    server.waitUntil(
            [&] {
                return !server.isRunning()
                       || server.out().contains(QLatin1String(" is open on port "));
            },
            timeoutMs);
    return !server.isRunning();
}

/// The addresses parlor-server should offer for a wildcard bind, sorted: every address of an
/// interface that is up and running, except loopback and link-local ones.
QStringList lanAddresses()
{
    QStringList result;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        const auto flags = iface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack)) {
            continue;
        }
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            QHostAddress address = entry.ip();
            if (address.isLoopback() || address.isLinkLocal())
                continue;
            address.setScopeId({});
            result.append(address.toString());
        }
    }
    result.sort();
    return result;
}

bool isMessage(const QJsonObject &o, const QString &from, const QString &text)
{
    return o.value(QLatin1String("type")) == QLatin1String("message")
           && o.value(QLatin1String("from")).toString() == from
           && o.value(QLatin1String("text")).toString() == text;
}

QStringList memberNicks(const QJsonObject &welcome)
{
    QStringList nicks;
    for (const QJsonValue &member : welcome.value(QLatin1String("members")).toArray())
        nicks.append(member.toObject().value(QLatin1String("nick")).toString());
    nicks.sort();
    return nicks;
}

} // namespace

class tst_ParlorServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void helpListsEveryOption_data();
    void helpListsEveryOption();
    void versionPrintsTheVersion_data();
    void versionPrintsTheVersion();
    void badCommandLineExitsWithTwo_data();
    void badCommandLineExitsWithTwo();
    void portInUseExitsWithOne();

    void localhostBindAnnouncesTheRoom();
    void twoPeersChatThroughTheServer();
    void wildcardBindListsLanUrls();
    void wildcardBindWithoutNetworkSaysSo();
    void passwordFromEnvironmentProtectsTheRoom();

    void signalClosesPeersWithGoingAwayAndExitsZero_data();
    void signalClosesPeersWithGoingAwayAndExitsZero();
    void signalRightAfterStartupExitsZero();

private:
    ServerProcess *startServer(const QStringList &arguments,
                               const QMap<QString, QString> &environment = {},
                               const QStringList &wrapper = {});
    /// Starts a localhost server on a free port and waits for its welcome text.
    ServerProcess *startRoom(const QStringList &extraArguments = {},
                             const QMap<QString, QString> &environment = {});

    std::vector<std::unique_ptr<ServerProcess>> m_servers;
};

void tst_ParlorServer::initTestCase()
{
    QVERIFY2(QFileInfo(TestSupport::serverBinary()).isExecutable(),
             qPrintable(TestSupport::serverBinary() + QStringLiteral(" is not built")));
}

void tst_ParlorServer::cleanup()
{
    // Destroying a ServerProcess kills it if it still runs, so no test leaves a server behind.
    m_servers.clear();
}

ServerProcess *tst_ParlorServer::startServer(const QStringList &arguments,
                                             const QMap<QString, QString> &environment,
                                             const QStringList &wrapper)
{
    m_servers.push_back(std::make_unique<ServerProcess>(arguments, environment, wrapper));
    return m_servers.back().get();
}

ServerProcess *tst_ParlorServer::startRoom(const QStringList &extraArguments,
                                           const QMap<QString, QString> &environment)
{
    ServerProcess *server = startServer(ServerProcess::localArguments() + extraArguments,
                                        environment);
    if (!server->waitForPort() || !server->waitForWelcome()) {
        qWarning("parlor-server did not start:\n%s", server->transcript().constData());
        return nullptr;
    }
    return server;
}

void tst_ParlorServer::helpListsEveryOption_data()
{
    QTest::addColumn<QString>("argument");
    QTest::newRow("--help") << QStringLiteral("--help");
    QTest::newRow("-h") << QStringLiteral("-h");
    // Listed by --help itself, so it must work too.
    QTest::newRow("--help-all") << QStringLiteral("--help-all");
}

void tst_ParlorServer::helpListsEveryOption()
{
    QFETCH(QString, argument);
    // --port 0 --bind localhost: should the option open a room instead, it stays private.
    ServerProcess *server = startServer({QStringLiteral("--port"), QStringLiteral("0"),
                                         QStringLiteral("--bind"), QStringLiteral("localhost"),
                                         argument});
    QVERIFY2(finishesWithoutRoom(*server),
             qPrintable(argument + QStringLiteral(" opened a room instead of printing help\n")
                        + QString::fromLocal8Bit(server->transcript())));
    QCOMPARE(server->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server->process().exitCode(), 0);
    QVERIFY2(server->err().isEmpty(), server->transcript());

    const QString help = server->out();
    QVERIFY2(help.contains(QLatin1String("Usage: ")), server->transcript());
    const QStringList options = {
            QStringLiteral("-h"),
            QStringLiteral("--help"),
            QStringLiteral("-v"),
            QStringLiteral("--version"),
            QStringLiteral("-p"),
            QStringLiteral("--port"),
            QStringLiteral("-b"),
            QStringLiteral("--bind"),
            QStringLiteral("-r"),
            QStringLiteral("--room"),
            QStringLiteral("--password"),
            QStringLiteral("--allow-origin"),
            QStringLiteral("--max-peers"),
            QStringLiteral("--max-peers-per-address"),
            QStringLiteral("--max-message-size"),
            QStringLiteral("--max-text-length"),
            QStringLiteral("--max-nick-length"),
            QStringLiteral("--rate"),
            QStringLiteral("--handshake-timeout"),
            QStringLiteral("--max-queued"),
            QStringLiteral("--history"),
    };
    for (const QString &option : options) {
        // Whole option names only: "--max-peers" must not be found inside
        // "--max-peers-per-address".
        const QRegularExpression listed(QStringLiteral("(^|[\\s,])%1(?=[\\s,<=]|$)")
                                                .arg(QRegularExpression::escape(option)),
                                        QRegularExpression::MultilineOption);
        QVERIFY2(listed.match(help).hasMatch(),
                 qPrintable(QStringLiteral("%1 is missing from the help:\n%2").arg(option, help)));
    }
    QVERIFY2(help.contains(QLatin1String("PARLOR_PASSWORD")), qPrintable(help));
}

void tst_ParlorServer::versionPrintsTheVersion_data()
{
    QTest::addColumn<QString>("argument");
    QTest::newRow("--version") << QStringLiteral("--version");
    QTest::newRow("-v") << QStringLiteral("-v");
}

void tst_ParlorServer::versionPrintsTheVersion()
{
    QFETCH(QString, argument);
    ServerProcess *server = startServer({QStringLiteral("--port"), QStringLiteral("0"),
                                         QStringLiteral("--bind"), QStringLiteral("localhost"),
                                         argument});
    QVERIFY2(finishesWithoutRoom(*server), server->transcript());
    QCOMPARE(server->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server->process().exitCode(), 0);
    QCOMPARE(server->out(), QStringLiteral("parlor-server " PARLOR_VERSION "\n"));
    QCOMPARE(server->err(), QString());
}

void tst_ParlorServer::badCommandLineExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--no-such-option")} << QStringLiteral("no-such-option");
    QTest::newRow("option without its value")
            << QStringList{QStringLiteral("--port")} << QStringLiteral("--port");
    QTest::newRow("port above 65535")
            << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
            << QStringLiteral("--port must be a whole number from 0 to 65535.");
    QTest::newRow("port not a number")
            << QStringList{QStringLiteral("--port"), QStringLiteral("http")}
            << QStringLiteral("--port must be a whole number from 0 to 65535.");
    QTest::newRow("bind to a name that is no address")
            << QStringList{QStringLiteral("--bind"), QStringLiteral("nowhere")}
            << QStringLiteral("--bind needs \"any\", \"localhost\" or an IP address, not "
                              "\"nowhere\".");
    QTest::newRow("blank room name") << QStringList{QStringLiteral("--room"), QStringLiteral("  ")}
                                     << QStringLiteral("--room needs a name.");
    QTest::newRow("max-peers zero")
            << QStringList{QStringLiteral("--max-peers"), QStringLiteral("0")}
            << QStringLiteral("--max-peers must be a whole number from 1 to 100000.");
    QTest::newRow("positional argument") << QStringList{QStringLiteral("5870")}
                                         << QStringLiteral("Unexpected argument \"5870\".");
}

void tst_ParlorServer::badCommandLineExitsWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    // --port 0 --bind localhost first: should a bad option be accepted, the server must not
    // take the default port or listen on the network.
    ServerProcess *server = startServer(QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                                    QStringLiteral("--bind"),
                                                    QStringLiteral("localhost")}
                                        + arguments);
    QVERIFY2(finishesWithoutRoom(*server), server->transcript());
    QCOMPARE(server->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server->process().exitCode(), 2);
    const QString err = server->err();
    QVERIFY2(err.startsWith(QLatin1String("parlor-server: ")), server->transcript());
    QVERIFY2(err.contains(message), server->transcript());
    QVERIFY2(err.contains(QLatin1String("Try \"parlor-server --help\".")), server->transcript());
    QVERIFY2(server->out().isEmpty(), server->transcript());
}

void tst_ParlorServer::portInUseExitsWithOne()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(blocker.serverPort());

    ServerProcess *server = startServer({QStringLiteral("--port"), port, QStringLiteral("--bind"),
                                         QStringLiteral("localhost")});
    QVERIFY2(server->waitForExit(), server->transcript());
    QCOMPARE(server->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server->process().exitCode(), 1);
    const QString err = server->err();
    QVERIFY2(err.contains(
                     QStringLiteral("parlor-server: Cannot open the room on 127.0.0.1 port %1: ")
                             .arg(port)),
             server->transcript());
    QVERIFY2(err.contains(QLatin1String("in use"), Qt::CaseInsensitive), server->transcript());
    QVERIFY2(!server->out().contains(QLatin1String("is open")), server->transcript());
}

void tst_ParlorServer::localhostBindAnnouncesTheRoom()
{
    ServerProcess *server = startServer({QStringLiteral("--port"), QStringLiteral("0"),
                                         QStringLiteral("--bind"), QStringLiteral("localhost"),
                                         QStringLiteral("--room"), QStringLiteral("Test Room")});
    QVERIFY2(server->waitForPort(), server->transcript());
    QVERIFY(server->port() != 0);
    QVERIFY2(server->err().contains(QStringLiteral("listening on 127.0.0.1:%1").arg(server->port())),
             server->transcript());
    QVERIFY2(server->waitForWelcome(), server->transcript());

    const QString expected = QStringLiteral("Parlor room \"Test Room\" is open on port %1.\n"
                                            "Only this computer can join: ws://127.0.0.1:%1\n"
                                            "In a web browser: http://127.0.0.1:%1/\n"
                                            "Press Ctrl+C to close the room.\n")
                                     .arg(server->port());
    QCOMPARE(server->out(), expected);
}

void tst_ParlorServer::twoPeersChatThroughTheServer()
{
    ServerProcess *server = startRoom({QStringLiteral("--room"), QStringLiteral("Test Room")});
    QVERIFY(server);

    RichClient alice;
    const QJsonObject aliceWelcome = alice.join(server->url(), QStringLiteral("alice"));
    QVERIFY2(!aliceWelcome.isEmpty(), server->transcript());
    QCOMPARE(alice.socket().subprotocol(), QStringLiteral("parlor.v1"));
    QCOMPARE(aliceWelcome.value(QLatin1String("room")).toString(), QStringLiteral("Test Room"));
    QCOMPARE(aliceWelcome.value(QLatin1String("you")).toString(), QStringLiteral("alice"));

    RichClient bob;
    const QJsonObject bobWelcome = bob.join(server->url(), QStringLiteral("bob"));
    QVERIFY2(!bobWelcome.isEmpty(), server->transcript());
    QCOMPARE(memberNicks(bobWelcome),
             (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
    const QJsonObject bobJoined = alice.waitFor([](const QJsonObject &o) {
        return o.value(QLatin1String("type")) == QLatin1String("join")
               && o.value(QLatin1String("nick")) == QLatin1String("bob");
    });
    QVERIFY2(!bobJoined.isEmpty(), server->transcript());

    const QString bobLine = QStringLiteral("Hi alice — 안녕, ünïcödé");
    bob.say(QStringLiteral("b-1"), bobLine);
    const QJsonObject atAlice = alice.waitFor(
            [&](const QJsonObject &o) { return isMessage(o, QStringLiteral("bob"), bobLine); });
    QVERIFY2(!atAlice.isEmpty(), server->transcript());
    QCOMPARE(atAlice.value(QLatin1String("id")).toString(), QStringLiteral("b-1"));
    QVERIFY(atAlice.value(QLatin1String("seq")).toInteger()
            > bobJoined.value(QLatin1String("seq")).toInteger());
    // The sender's own message comes back with its id: the acknowledgement.
    const QJsonObject ack = bob.waitFor(
            [&](const QJsonObject &o) { return isMessage(o, QStringLiteral("bob"), bobLine); });
    QVERIFY2(!ack.isEmpty(), server->transcript());
    QCOMPARE(ack.value(QLatin1String("seq")), atAlice.value(QLatin1String("seq")));

    const QString aliceLine = QStringLiteral("Hello bob");
    alice.say(QStringLiteral("a-1"), aliceLine);
    QVERIFY2(!bob.waitFor([&](const QJsonObject &o) {
                     return isMessage(o, QStringLiteral("alice"), aliceLine);
                 }).isEmpty(),
             server->transcript());
}

void tst_ParlorServer::wildcardBindListsLanUrls()
{
    ServerProcess *server = startServer({QStringLiteral("--port"), QStringLiteral("0"),
                                         QStringLiteral("--bind"), QStringLiteral("any")});
    QVERIFY2(server->waitForPort(), server->transcript());
    QVERIFY2(server->waitForWelcome(), server->transcript());
    const quint16 port = server->port();
    const QString out = server->out();
    QVERIFY2(out.startsWith(
                     QStringLiteral("Parlor room \"Parlor\" is open on port %1.\n").arg(port)),
             qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("Only this computer")), qPrintable(out));

    // The URLs are the lines indented under "People on your network can join at:".
    QList<QUrl> urls;
    const QStringList lines = out.split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("  ")))
            urls.append(QUrl(line.trimmed(), QUrl::StrictMode));
    }

    const QStringList expected = lanAddresses();
    if (expected.isEmpty()) {
        // No network interface but loopback (a sandbox): the server says so and offers only
        // this computer's address.
        QVERIFY2(out.contains(QStringLiteral("No network connection was found; this computer can "
                                             "join at ws://127.0.0.1:%1\n"
                                             "In a web browser: http://127.0.0.1:%1/\n")
                                      .arg(port)),
                 qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("People on your network")), qPrintable(out));
        QVERIFY2(urls.isEmpty(), qPrintable(out));
        return;
    }

    QVERIFY2(out.contains(QLatin1String("\nPeople on your network can join at:\n")),
             qPrintable(out));
    QVERIFY2(!urls.isEmpty(), qPrintable(out));
    // The browser page is offered on the first address.
    QUrl page = urls.first();
    page.setScheme(QStringLiteral("http"));
    page.setPath(QStringLiteral("/"));
    QVERIFY2(out.contains(QStringLiteral("or open %1 in a web browser.\n").arg(page.toString())),
             qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("No network connection")), qPrintable(out));
    QStringList listed;
    for (const QUrl &url : std::as_const(urls)) {
        QVERIFY2(url.isValid(), qPrintable(out));
        QCOMPARE(url.scheme(), QStringLiteral("ws"));
        QCOMPARE(url.port(), int(port));
        const QHostAddress host(url.host());
        QVERIFY2(!host.isNull(), qPrintable(url.toString()));
        QVERIFY2(!host.isLoopback(),
                 qPrintable(QStringLiteral("loopback listed as a LAN URL: ") + url.toString()));
        QVERIFY2(!host.isLinkLocal(), qPrintable(url.toString()));
        listed.append(host.toString());
    }
    listed.sort();
    QCOMPARE(listed, expected);

    // The first URL really is the room.
    RichClient peer;
    QVERIFY2(!peer.join(urls.constFirst(), QStringLiteral("lan-peer")).isEmpty(),
             qPrintable(urls.constFirst().toString() + QLatin1Char('\n')
                        + QString::fromLocal8Bit(server->transcript())));
}

void tst_ParlorServer::wildcardBindWithoutNetworkSaysSo()
{
    // A network namespace of its own has only a loopback interface: a computer off the network.
    const QStringList unshare = {QStringLiteral("unshare"), QStringLiteral("--map-root-user"),
                                 QStringLiteral("--net")};
    QProcess probe;
    probe.start(unshare.constFirst(), unshare.mid(1) + QStringList{QStringLiteral("true")});
    if (!probe.waitForFinished(ChildProcess::exitTimeoutMs)
        || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0) {
        QSKIP("unshare --map-root-user --net is not allowed here; wildcardBindListsLanUrls covers "
              "the machine's own network");
    }

    ServerProcess *server = startServer({QStringLiteral("--port"), QStringLiteral("0"),
                                         QStringLiteral("--bind"), QStringLiteral("any")},
                                        {}, unshare);
    QVERIFY2(server->waitForPort(), server->transcript());
    QVERIFY2(server->waitForWelcome(), server->transcript());
    const QString expected = QStringLiteral(
                                     "Parlor room \"Parlor\" is open on port %1.\n"
                                     "No network connection was found; this computer can join at "
                                     "ws://127.0.0.1:%1\n"
                                     "In a web browser: http://127.0.0.1:%1/\n"
                                     "Press Ctrl+C to close the room.\n")
                                     .arg(server->port());
    QCOMPARE(server->out(), expected);
}

void tst_ParlorServer::passwordFromEnvironmentProtectsTheRoom()
{
    const QString password = QStringLiteral("correct horse");
    ServerProcess *server = startRoom({}, {{QStringLiteral("PARLOR_PASSWORD"), password}});
    QVERIFY(server);
    QVERIFY2(server->out().contains(QLatin1String("The room needs a password.\n")),
             server->transcript());
    QVERIFY2(!server->out().contains(password), server->transcript());

    const QString auth = Parlor::errorCodeName(Parlor::ErrorCode::Auth);
    auto isAuthError = [&](const QJsonObject &o) {
        return o.value(QLatin1String("type")) == QLatin1String("error")
               && o.value(QLatin1String("code")).toString() == auth;
    };

    {
        RichClient noPassword;
        noPassword.open(server->url());
        QVERIFY(noPassword.waitConnected());
        noPassword.hello(QStringLiteral("nopass"));
        QVERIFY2(!noPassword.waitFor(isAuthError).isEmpty(), server->transcript());
        QVERIFY(noPassword.waitDisconnected());
        QCOMPARE(noPassword.closeCode(), int(Parlor::CloseCode::PolicyViolation));
        QVERIFY(noPassword.objectsOfType(QStringLiteral("welcome")).isEmpty());
    }
    {
        RichClient wrongPassword;
        wrongPassword.open(server->url());
        QVERIFY(wrongPassword.waitConnected());
        wrongPassword.hello(QStringLiteral("wrong"), {}, {}, {}, QStringLiteral("battery staple"));
        QVERIFY2(!wrongPassword.waitFor(isAuthError).isEmpty(), server->transcript());
        QVERIFY(wrongPassword.waitDisconnected());
        QCOMPARE(wrongPassword.closeCode(), int(Parlor::CloseCode::PolicyViolation));
        QVERIFY(wrongPassword.objectsOfType(QStringLiteral("welcome")).isEmpty());
    }
    {
        // A plain peer cannot send a password, so it is turned away.
        RichClient plain;
        plain.open(server->url(), {QStringLiteral("chatting")});
        QVERIFY(plain.waitDisconnected());
        QCOMPARE(plain.closeCode(), int(Parlor::CloseCode::PolicyViolation));
        QVERIFY(plain.texts().isEmpty());
    }
    RichClient member;
    member.open(server->url());
    QVERIFY(member.waitConnected());
    member.hello(QStringLiteral("member"), {}, {}, {}, password);
    const QJsonObject welcome = member.waitForType(QStringLiteral("welcome"));
    QVERIFY2(!welcome.isEmpty(), server->transcript());
    QCOMPARE(welcome.value(QLatin1String("you")).toString(), QStringLiteral("member"));
}

void tst_ParlorServer::signalClosesPeersWithGoingAwayAndExitsZero_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<bool>("withPeers");
    QTest::newRow("SIGTERM, three peers") << int(SIGTERM) << true;
    QTest::newRow("SIGINT, three peers") << int(SIGINT) << true;
    QTest::newRow("SIGTERM, empty room") << int(SIGTERM) << false;
    QTest::newRow("SIGINT, empty room") << int(SIGINT) << false;
}

void tst_ParlorServer::signalClosesPeersWithGoingAwayAndExitsZero()
{
    QFETCH(int, signalNumber);
    QFETCH(bool, withPeers);

    ServerProcess *server = startRoom();
    QVERIFY(server);

    RichClient rich;
    RichClient plain;
    RichClient silent; // connected, never said hello
    QList<RichClient *> peers;
    if (withPeers) {
        QVERIFY2(!rich.join(server->url(), QStringLiteral("rich")).isEmpty(), server->transcript());
        plain.open(server->url(), {QStringLiteral("chatting")});
        QVERIFY(plain.waitConnected());
        silent.open(server->url());
        QVERIFY(silent.waitConnected());
        // The plain peer is in the room once the rich one hears of it.
        QVERIFY2(!rich.waitForType(QStringLiteral("join")).isEmpty(), server->transcript());
        peers = {&rich, &plain, &silent};
    } else {
        // A completed handshake proves the server runs its event loop, so its signal handlers
        // are installed (they are set up after the welcome text is printed).
        RichClient probe;
        probe.open(server->url());
        QVERIFY(probe.waitConnected());
        probe.socket().close();
        QVERIFY(probe.waitDisconnected());
    }

    QElapsedTimer clock;
    clock.start();
    QCOMPARE(::kill(pid_t(server->process().processId()), signalNumber), 0);
    QVERIFY2(server->waitForExit(), server->transcript());
    const qint64 exitMs = clock.elapsed();
    QVERIFY2(server->process().exitStatus() == QProcess::NormalExit,
             qPrintable(QStringLiteral("parlor-server died of a signal\n")
                        + QString::fromLocal8Bit(server->transcript())));
    QCOMPARE(server->process().exitCode(), 0);
    // Peers here answer the close frame at once, so the server must not need its 2 s grace
    // period for dropping peers that do not.
    QVERIFY2(exitMs < 2000, qPrintable(QStringLiteral("exit took %1 ms").arg(exitMs)));

    for (RichClient *peer : std::as_const(peers)) {
        QVERIFY(peer->waitDisconnected());
        QCOMPARE(peer->closeCode(), int(Parlor::CloseCode::GoingAway));
    }
}

void tst_ParlorServer::signalRightAfterStartupExitsZero()
{
    // Whoever reads "listening on" (or "Press Ctrl+C") may stop the server at once: a service
    // manager, a script, an impatient user. The signal must close the room, not kill the
    // process. Repeated because a handler installed too late loses only part of the time.
    for (int attempt = 1; attempt <= 20; ++attempt) {
        ServerProcess server({QStringLiteral("--port"), QStringLiteral("0"),
                              QStringLiteral("--bind"), QStringLiteral("localhost")},
                             {});
        QVERIFY2(server.waitForPort(), server.transcript());
        QCOMPARE(::kill(pid_t(server.process().processId()), SIGTERM), 0);
        QVERIFY2(server.waitForExit(), server.transcript());
        const QString how
                = server.process().exitStatus() == QProcess::CrashExit
                          ? QStringLiteral("was killed by signal %1").arg(server.process().exitCode())
                          : QStringLiteral("exited with code %1").arg(server.process().exitCode());
        QVERIFY2(server.process().exitStatus() == QProcess::NormalExit
                         && server.process().exitCode() == 0,
                 qPrintable(
                         QStringLiteral("attempt %1: after SIGTERM right after \"listening on\", "
                                        "parlor-server %2\n")
                                 .arg(attempt)
                                 .arg(how)
                         + QString::fromLocal8Bit(server.transcript())));
    }
}

QTEST_GUILESS_MAIN(tst_ParlorServer)
#include "tst_parlorserver.moc"
