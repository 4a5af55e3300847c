#include "server/servercommandline.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Parlor;
using Outcome = ServerCommandLine::Outcome;

namespace {

QStringList args(std::initializer_list<const char *> list)
{
    QStringList result{QStringLiteral("parlor-server")};
    for (const char *a : list)
        result.append(QString::fromUtf8(a));
    return result;
}

// Any and AnyIPv4 both print as 0.0.0.0; the protocol tells them apart.
QString describe(const QHostAddress &address)
{
    return address.toString() + u'/' + QString::number(int(address.protocol()));
}

struct IntOption
{
    const char *name;
    qint64 min;
    qint64 max;
    qint64 (*read)(const ServerCommandLine &);
};

const IntOption intOptions[] = {
        {"port", 0, 65535,
         [](const ServerCommandLine &c) {
             return qint64(c.port);
         }},
        {"max-peers", 1, 100000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.maxPeers);
         }},
        {"max-peers-per-address", 1, 100000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.maxPeersPerAddress);
         }},
        {"max-message-size", 256, 64 * 1024 * 1024,
         [](const ServerCommandLine &c) {
             return qint64(c.config.maxMessageBytes);
         }},
        {"max-text-length", 1, 1000000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.protocol.maxTextLength);
         }},
        {"max-nick-length", 1, 256,
         [](const ServerCommandLine &c) {
             return qint64(c.config.protocol.maxNickLength);
         }},
        {"rate", 1, 100000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.messagesPerSecond);
         }},
        {"handshake-timeout", 100, 600000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.handshakeTimeoutMs);
         }},
        {"max-queued", 4096, qint64(1) << 32,
         [](const ServerCommandLine &c) {
             return c.config.maxQueuedBytes;
         }},
        {"history", 0, 1000000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.historyLength);
         }},
        {"announce-delay", 0, 1000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.announceDelayMs);
         }},
        {"digest-threshold", 0, 100000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.digestThreshold);
         }},
        {"member-page", 1, 5000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.memberPageSize);
         }},
        {"password-tries", 1, 1000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.passwordTries);
         }},
        {"password-delay", 0, 60000,
         [](const ServerCommandLine &c) {
             return qint64(c.config.passwordDelayMs);
         }},
        {"retain-events", 0, qint64(1) << 40,
         [](const ServerCommandLine &c) {
             return c.config.retainEvents;
         }},
        {"retain-days", 0, 36500,
         [](const ServerCommandLine &c) {
             return qint64(c.config.retainDays);
         }},
        {"max-log-size", 0, qint64(1) << 50,
         [](const ServerCommandLine &c) {
             return c.config.maxLogBytes;
         }},
        {"file-retention", 0, 8760,
         [](const ServerCommandLine &c) {
             return qint64(c.config.fileRetentionHours);
         }},
        {"file-rate", 1024, qint64(1) << 40,
         [](const ServerCommandLine &c) {
             return c.config.fileBytesPerSecond;
         }},
};

const IntOption *intOption(const QString &name)
{
    for (const IntOption &o : intOptions) {
        if (name == QLatin1String(o.name))
            return &o;
    }
    return nullptr;
}

} // namespace

class tst_ServerCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void integerOptions_data();
    void integerOptions();
    void integerOptionsOutOfRange_data();
    void integerOptionsOutOfRange();
    void integerOptionsAreIndependent();
    void bind_data();
    void bind();
    void badBind_data();
    void badBind();
    void room_data();
    void room();
    void emptyRoomIsAnError();
    void password_data();
    void password();
    void allowOrigin();
    void dataDir();
    void tls();
    void noAnnounce_data();
    void noAnnounce();
    void refusals_data();
    void refusals();
    void broker();
    void brokerCredentials();
    void brokerRefusals_data();
    void brokerRefusals();
    void fileSizes_data();
    void fileSizes();
    void brokerRoomTakesNoFiles();
    void help_data();
    void help();
    void version_data();
    void version();
};

void tst_ServerCommandLine::defaults()
{
    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(args({})), Outcome::Run);
    const RoomConfig defaults;
    QCOMPARE(commandLine.port, RoomConfig::DefaultPort);
    QCOMPARE(commandLine.port, quint16(5870));
    QCOMPARE(describe(commandLine.bindAddress), describe(QHostAddress(QHostAddress::Any)));
    QCOMPARE(commandLine.config.roomName, QStringLiteral("Parlor"));
    QCOMPARE(commandLine.config.password, QString());
    QCOMPARE(commandLine.config.allowedOrigins, QStringList());
    QCOMPARE(commandLine.config.maxPeers, defaults.maxPeers);
    QCOMPARE(commandLine.config.maxPeersPerAddress, defaults.maxPeersPerAddress);
    QCOMPARE(commandLine.config.maxMessageBytes, defaults.maxMessageBytes);
    QCOMPARE(commandLine.config.messagesPerSecond, defaults.messagesPerSecond);
    QCOMPARE(commandLine.config.handshakeTimeoutMs, defaults.handshakeTimeoutMs);
    QCOMPARE(commandLine.config.maxQueuedBytes, defaults.maxQueuedBytes);
    QCOMPARE(commandLine.config.historyLength, defaults.historyLength);
    QCOMPARE(commandLine.config.protocol.maxTextLength, defaults.protocol.maxTextLength);
    QCOMPARE(commandLine.config.protocol.maxNickLength, defaults.protocol.maxNickLength);
    QCOMPARE(commandLine.errorText, QString());

    // The documented defaults (docs/PROTOCOL.md) are these numbers.
    QCOMPARE(defaults.maxPeers, 200);
    QCOMPARE(defaults.maxPeersPerAddress, 16);
    QCOMPARE(defaults.maxMessageBytes, 65536);
    QCOMPARE(defaults.messagesPerSecond, 20);
    QCOMPARE(defaults.handshakeTimeoutMs, 5000);
    QCOMPARE(defaults.maxQueuedBytes, qint64(4194304));
    QCOMPARE(defaults.historyLength, 500);
    QCOMPARE(defaults.memberPageSize, 200);
    // docs/SECURITY.md: in memory unless a data directory is given; 100 000 events kept on disk.
    QCOMPARE(commandLine.config.dataDir, QString());
    QCOMPARE(defaults.retainEvents, qint64(100000));
    QCOMPARE(defaults.retainDays, 0);
    QCOMPARE(defaults.passwordTries, 3);
    QCOMPARE(defaults.passwordDelayMs, 1000);
    QCOMPARE(defaults.maxLogBytes, qint64(0));
    // docs/PROTOCOL.md "Limits and their defaults": files.
    QCOMPARE(defaults.maxFileBytes, qint64(32) * 1024 * 1024);
    QCOMPARE(defaults.fileStoreBytes, qint64(512) * 1024 * 1024);
    QCOMPARE(defaults.fileRetentionHours, 24);
    QCOMPARE(defaults.fileBytesPerSecond, qint64(8) * 1024 * 1024);
    QCOMPARE(commandLine.config.maxFileBytes, defaults.maxFileBytes);
    QCOMPARE(commandLine.config.fileStoreBytes, defaults.fileStoreBytes);
}

void tst_ServerCommandLine::dataDir()
{
    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(args({"--data-dir", "/var/lib/x"})), Outcome::Run);
    QCOMPARE(commandLine.config.dataDir, QStringLiteral("/var/lib/x"));
    ServerCommandLine empty;
    QCOMPARE(empty.parse(args({"--data-dir", " "})), Outcome::Error);
    QVERIFY(empty.errorText.contains(QLatin1String("--data-dir")));
}

void tst_ServerCommandLine::tls()
{
    ServerCommandLine off;
    QCOMPARE(off.parse(args({"--data-dir", "/var/lib/x"})), Outcome::Run);
    QVERIFY(!off.config.tls);
    QCOMPARE(off.config.tlsDir, QString());

    // Self-signed, kept with the room's data.
    ServerCommandLine kept;
    QCOMPARE(kept.parse(args({"--tls", "--data-dir", "/var/lib/x"})), Outcome::Run);
    QVERIFY(kept.config.tls);
    QCOMPARE(kept.config.tlsDir, QStringLiteral("/var/lib/x"));
    QCOMPARE(kept.config.tlsCertificateFile, QString());

    // Self-signed without a data directory: kept in the server's own data location.
    ServerCommandLine own;
    QCOMPARE(own.parse(args({"--tls"})), Outcome::Run);
    QVERIFY(own.config.tls);
    QCOMPARE(own.config.tlsDir, QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    QVERIFY(!own.config.tlsDir.isEmpty());

    // The user's certificate implies --tls.
    ServerCommandLine given;
    QCOMPARE(given.parse(args({"--tls-cert", "/etc/c.pem", "--tls-key", "/etc/k.pem"})),
             Outcome::Run);
    QVERIFY(given.config.tls);
    QCOMPARE(given.config.tlsCertificateFile, QStringLiteral("/etc/c.pem"));
    QCOMPARE(given.config.tlsKeyFile, QStringLiteral("/etc/k.pem"));
    QCOMPARE(given.config.tlsDir, QString());

    for (const QStringList &half :
         {args({"--tls-cert", "/etc/c.pem"}), args({"--tls", "--tls-key", "/etc/k.pem"}),
          args({"--tls-cert", "", "--tls-key", "/etc/k.pem"})}) {
        ServerCommandLine commandLine;
        QCOMPARE(commandLine.parse(half), Outcome::Error);
        QVERIFY2(commandLine.errorText.contains(QLatin1String("--tls-cert and --tls-key")),
                 qPrintable(commandLine.errorText));
    }
}

void tst_ServerCommandLine::noAnnounce_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("announce");
    QTest::newRow("announces by default") << args({}) << true;
    QTest::newRow("--no-announce") << args({"--no-announce"}) << false;
    QTest::newRow("--no-announce with other options")
            << args({"--room", "Lobby", "--no-announce", "--port", "0"}) << false;
}

void tst_ServerCommandLine::noAnnounce()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, announce);
    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(arguments), Outcome::Run);
    QCOMPARE(commandLine.config.announce, announce);
    QVERIFY(commandLine.helpText.contains(QLatin1String("--no-announce")));
    // A flag takes no value.
    ServerCommandLine withValue;
    QCOMPARE(withValue.parse(args({"--no-announce=yes"})), Outcome::Error);
}

void tst_ServerCommandLine::integerOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("option");
    QTest::addColumn<qint64>("expected");

    for (const IntOption &o : intOptions) {
        const QString name = QString::fromLatin1(o.name);
        // A value that is neither a default nor a bound, then both bounds.
        const qint64 middle = o.min + (o.max - o.min) / 3 + 1;
        QTest::addRow("--%s %lld", o.name, middle)
                << QStringList{QStringLiteral("parlor-server"), QStringLiteral("--") + name,
                               QString::number(middle)}
                << name << middle;
        QTest::addRow("--%s=%lld (lowest)", o.name, o.min)
                << QStringList{QStringLiteral("parlor-server"),
                               QStringLiteral("--%1=%2").arg(name).arg(o.min)}
                << name << o.min;
        QTest::addRow("--%s=%lld (highest)", o.name, o.max)
                << QStringList{QStringLiteral("parlor-server"),
                               QStringLiteral("--%1=%2").arg(name).arg(o.max)}
                << name << o.max;
    }
    QTest::newRow("-p short for --port")
            << args({"-p", "6000"}) << QStringLiteral("port") << qint64(6000);
}

void tst_ServerCommandLine::integerOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, option);
    QFETCH(qint64, expected);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(arguments), Outcome::Run);
    QCOMPARE(commandLine.errorText, QString());
    const IntOption *o = intOption(option);
    QVERIFY(o);
    QCOMPARE(o->read(commandLine), expected);
}

void tst_ServerCommandLine::integerOptionsOutOfRange_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("option");

    for (const IntOption &o : intOptions) {
        const QString name = QString::fromLatin1(o.name);
        const auto row = [&](const char *what, const QString &value) {
            QTest::addRow("--%s %s", o.name, what)
                    << QStringLiteral("--%1=%2").arg(name, value) << name;
        };
        row("one below the lowest", QString::number(o.min - 1));
        row("one above the highest", QString::number(o.max + 1));
        row("not a number", QStringLiteral("lots"));
        row("fractional", QStringLiteral("1.5"));
        row("empty", QString());
        row("hexadecimal", QStringLiteral("0x10"));
        row("with a unit", QStringLiteral("10k"));
        row("huge", QStringLiteral("99999999999999999999999"));
    }
}

void tst_ServerCommandLine::integerOptionsOutOfRange()
{
    QFETCH(QString, argument);
    QFETCH(QString, option);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse({QStringLiteral("parlor-server"), argument}), Outcome::Error);
    // The message names the option, so the user knows which of several to fix.
    QVERIFY2(commandLine.errorText.contains(QStringLiteral("--") + option),
             qPrintable(commandLine.errorText));
    const IntOption *o = intOption(option);
    QVERIFY(o);
    QVERIFY2(commandLine.errorText.contains(QString::number(o->min))
                     && commandLine.errorText.contains(QString::number(o->max)),
             qPrintable(commandLine.errorText));
}

void tst_ServerCommandLine::integerOptionsAreIndependent()
{
    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(args({"--rate", "7", "--history", "0", "--max-peers", "3"})),
             Outcome::Run);
    const RoomConfig defaults;
    QCOMPARE(commandLine.config.messagesPerSecond, 7);
    QCOMPARE(commandLine.config.historyLength, 0);
    QCOMPARE(commandLine.config.maxPeers, 3);
    QCOMPARE(commandLine.config.maxPeersPerAddress, defaults.maxPeersPerAddress);
    QCOMPARE(commandLine.config.maxMessageBytes, defaults.maxMessageBytes);
    QCOMPARE(commandLine.port, RoomConfig::DefaultPort);
}

void tst_ServerCommandLine::bind_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    const QString any = describe(QHostAddress(QHostAddress::Any));
    const QString localhost = describe(QHostAddress(QHostAddress::LocalHost));
    QTest::newRow("any") << QStringLiteral("any") << any;
    QTest::newRow("ANY, case-insensitive") << QStringLiteral("ANY") << any;
    QTest::newRow("localhost") << QStringLiteral("localhost") << localhost;
    QTest::newRow("LocalHost, case-insensitive") << QStringLiteral("LocalHost") << localhost;
    QTest::newRow("surrounding space is ignored") << QStringLiteral(" localhost ") << localhost;
    QTest::newRow("IPv4 address") << QStringLiteral("192.168.1.20")
                                  << describe(QHostAddress(QStringLiteral("192.168.1.20")));
    QTest::newRow("IPv4 any") << QStringLiteral("0.0.0.0")
                              << describe(QHostAddress(QHostAddress::AnyIPv4));
    QTest::newRow("IPv6 loopback")
            << QStringLiteral("::1") << describe(QHostAddress(QHostAddress::LocalHostIPv6));
    QTest::newRow("IPv6 address") << QStringLiteral("fd00::12")
                                  << describe(QHostAddress(QStringLiteral("fd00::12")));
}

void tst_ServerCommandLine::bind()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);

    for (const QStringList &arguments :
         {QStringList{QStringLiteral("parlor-server"), QStringLiteral("--bind"), value},
          QStringList{QStringLiteral("parlor-server"), QStringLiteral("-b"), value}}) {
        ServerCommandLine commandLine;
        QCOMPARE(commandLine.parse(arguments), Outcome::Run);
        QCOMPARE(describe(commandLine.bindAddress), expected);
    }
}

void tst_ServerCommandLine::badBind_data()
{
    QTest::addColumn<QString>("value");

    QTest::newRow("a word") << QStringLiteral("bogus");
    QTest::newRow("a host name") << QStringLiteral("example.com");
    QTest::newRow("octet out of range") << QStringLiteral("256.1.1.1");
    QTest::newRow("address with port") << QStringLiteral("127.0.0.1:5870");
    QTest::newRow("empty") << QString();
}

void tst_ServerCommandLine::badBind()
{
    QFETCH(QString, value);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse({QStringLiteral("parlor-server"), QStringLiteral("--bind=") + value}),
             Outcome::Error);
    QVERIFY2(commandLine.errorText.contains(QStringLiteral("--bind")),
             qPrintable(commandLine.errorText));
}

void tst_ServerCommandLine::room_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");

    QTest::newRow("--room") << args({"--room", "Lobby"}) << QStringLiteral("Lobby");
    QTest::newRow("-r") << args({"-r", "Team room"}) << QStringLiteral("Team room");
    QTest::newRow("--room=") << args({"--room=Lobby"}) << QStringLiteral("Lobby");
    QTest::newRow("surrounding space is trimmed")
            << args({"--room", "  Lobby  "}) << QStringLiteral("Lobby");
    QTest::newRow("Korean") << args({"--room", "거실"}) << QStringLiteral("거실");
}

void tst_ServerCommandLine::room()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(arguments), Outcome::Run);
    QCOMPARE(commandLine.config.roomName, expected);
}

void tst_ServerCommandLine::emptyRoomIsAnError()
{
    for (const QStringList &arguments : {args({"--room", ""}), args({"--room", "   "})}) {
        ServerCommandLine commandLine;
        QCOMPARE(commandLine.parse(arguments), Outcome::Error);
        QVERIFY2(commandLine.errorText.contains(QStringLiteral("--room")),
                 qPrintable(commandLine.errorText));
    }
}

void tst_ServerCommandLine::password_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("expected");

    const QStringList noEnvironment;
    const QStringList unrelated{QStringLiteral("HOME=/home/mina"), QStringLiteral("LANG=C.UTF-8")};
    QTest::newRow("no password") << args({}) << unrelated << QString();
    QTest::newRow("--password") << args({"--password", "s3cret"}) << noEnvironment
                                << QStringLiteral("s3cret");
    QTest::newRow("--password= keeps spaces")
            << args({"--password= two words "}) << noEnvironment << QStringLiteral(" two words ");
    QTest::newRow("PARLOR_PASSWORD")
            << args({}) << (unrelated + QStringList{QStringLiteral("PARLOR_PASSWORD=fromenv")})
            << QStringLiteral("fromenv");
    QTest::newRow("PARLOR_PASSWORD with = in the value")
            << args({}) << QStringList{QStringLiteral("PARLOR_PASSWORD=a=b")}
            << QStringLiteral("a=b");
    QTest::newRow("--password overrides PARLOR_PASSWORD")
            << args({"--password", "fromargs"})
            << QStringList{QStringLiteral("PARLOR_PASSWORD=fromenv")} << QStringLiteral("fromargs");
    QTest::newRow("empty PARLOR_PASSWORD means none")
            << args({}) << QStringList{QStringLiteral("PARLOR_PASSWORD=")} << QString();
    QTest::newRow("similar variable names are not PARLOR_PASSWORD")
            << args({})
            << QStringList{QStringLiteral("PARLOR_PASSWORD_FILE=/tmp/x"),
                           QStringLiteral("MY_PARLOR_PASSWORD=x"),
                           QStringLiteral("parlor_password=x")}
            << QString();
}

void tst_ServerCommandLine::password()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, expected);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(arguments, environment), Outcome::Run);
    QCOMPARE(commandLine.config.password, expected);
}

void tst_ServerCommandLine::allowOrigin()
{
    ServerCommandLine none;
    QCOMPARE(none.parse(args({})), Outcome::Run);
    QVERIFY(none.config.allowedOrigins.isEmpty());

    ServerCommandLine one;
    QCOMPARE(one.parse(args({"--allow-origin", "http://intranet.example"})), Outcome::Run);
    QCOMPARE(one.config.allowedOrigins, QStringList{QStringLiteral("http://intranet.example")});

    ServerCommandLine several;
    QCOMPARE(several.parse(args({"--allow-origin", "http://a.example",
                                 "--allow-origin=https://b.example:8443"})),
             Outcome::Run);
    QCOMPARE(several.config.allowedOrigins,
             (QStringList{QStringLiteral("http://a.example"),
                          QStringLiteral("https://b.example:8443")}));
}

void tst_ServerCommandLine::refusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mention");

    QTest::newRow("unknown option") << args({"--colour", "red"}) << QStringLiteral("colour");
    QTest::newRow("unknown short option") << args({"-x"}) << QStringLiteral("x");
    QTest::newRow("positional argument") << args({"Lobby"}) << QStringLiteral("Lobby");
    QTest::newRow("positional argument after options")
            << args({"--port", "6000", "extra"}) << QStringLiteral("extra");
    QTest::newRow("option without its value") << args({"--port"}) << QStringLiteral("port");
    QTest::newRow("negative port") << args({"--port=-1"}) << QStringLiteral("--port");
    QTest::newRow("port too high") << args({"--port", "65536"}) << QStringLiteral("--port");
    QTest::newRow("port is a service name") << args({"--port", "http"}) << QStringLiteral("--port");
}

void tst_ServerCommandLine::refusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mention);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(arguments), Outcome::Error);
    QVERIFY2(commandLine.errorText.contains(mention), qPrintable(commandLine.errorText));
}

void tst_ServerCommandLine::broker()
{
    ServerCommandLine off;
    QCOMPARE(off.parse(args({})), Outcome::Run);
    QVERIFY(!off.config.broker.enabled()); // one machine, its own log: the default
    QCOMPARE(off.healthPort, -1);          // no health endpoint unless asked for
    ServerCommandLine health;
    QCOMPARE(health.parse(args({"--health-port", "9100"})), Outcome::Run);
    QCOMPARE(health.healthPort, 9100);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(args({"--broker", "ws://rabbit:15674/ws", "--broker-vhost", "chat",
                                     "--broker-stream", "parlor.lobby-1", "--broker-max-pending",
                                     "50", "--broker-lost-after", "5000"}),
                               {QStringLiteral("PARLOR_BROKER_USER=parlor"),
                                QStringLiteral("PARLOR_BROKER_PASSWORD=pa:ss word")}),
             Outcome::Run);
    const BrokerConfig &b = commandLine.config.broker;
    QCOMPARE(b.urls, QList<QUrl>{QUrl(QStringLiteral("ws://rabbit:15674/ws"))});
    QCOMPARE(b.vhost, QByteArray("chat"));
    QCOMPARE(b.stream, QStringLiteral("parlor.lobby-1"));
    QCOMPARE(b.maxPending, 50);
    QCOMPARE(b.lostAfterMs, 5000);
    QCOMPARE(b.presenceIntervalMs, 1000);
    QCOMPARE(b.login, QByteArray("parlor"));
    QCOMPARE(b.passcode, QByteArray("pa:ss word"));

    const BrokerConfig defaults;
    ServerCommandLine plain;
    QCOMPARE(plain.parse(args({"--broker", "wss://rabbit/ws"})), Outcome::Run);
    QCOMPARE(plain.config.broker.vhost, QByteArray("/"));
    QCOMPARE(plain.config.broker.maxPending, defaults.maxPending);
    QCOMPARE(plain.config.broker.lostAfterMs, defaults.lostAfterMs);
    QCOMPARE(plain.config.broker.stream, QString());
    QVERIFY(plain.config.broker.login.isEmpty());

    // A cluster's nodes: by commas and by repeating the option, in the order given, once each.
    ServerCommandLine cluster;
    QCOMPARE(cluster.parse(
                     args({"--broker", "ws://rabbit-1:15674/ws, ws://rabbit-2:15674/ws", "--broker",
                           "ws://rabbit-3:15674/ws", "--broker", "ws://rabbit-1:15674/ws"})),
             Outcome::Run);
    QCOMPARE(cluster.config.broker.urls,
             (QList<QUrl>{QUrl(QStringLiteral("ws://rabbit-1:15674/ws")),
                          QUrl(QStringLiteral("ws://rabbit-2:15674/ws")),
                          QUrl(QStringLiteral("ws://rabbit-3:15674/ws"))}));
    QCOMPARE(cluster.config.broker.addresses(),
             QStringLiteral("ws://rabbit-1:15674/ws, ws://rabbit-2:15674/ws, "
                            "ws://rabbit-3:15674/ws"));
}

void tst_ServerCommandLine::brokerCredentials()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("broker"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("fromfile:se:cret\nignored\n");
    f.close();
    ServerCommandLine commandLine;
    // The file wins over the environment.
    QCOMPARE(commandLine.parse({QStringLiteral("parlor-server"), QStringLiteral("--broker"),
                                QStringLiteral("ws://127.0.0.1:15674/ws"),
                                QStringLiteral("--broker-credentials"), file},
                               {QStringLiteral("PARLOR_BROKER_USER=env")}),
             Outcome::Run);
    QCOMPARE(commandLine.config.broker.login, QByteArray("fromfile"));
    QCOMPARE(commandLine.config.broker.passcode, QByteArray("se:cret"));

    ServerCommandLine missing;
    QCOMPARE(missing.parse({QStringLiteral("parlor-server"), QStringLiteral("--broker"),
                            QStringLiteral("ws://127.0.0.1:15674/ws"),
                            QStringLiteral("--broker-credentials"),
                            dir.filePath(QStringLiteral("none"))}),
             Outcome::Error);
    QVERIFY2(missing.errorText.contains(dir.filePath(QStringLiteral("none"))),
             qPrintable(missing.errorText));
}

void tst_ServerCommandLine::brokerRefusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mention");
    QTest::newRow("not a WebSocket address")
            << args({"--broker", "amqp://rabbit:5672"}) << QStringLiteral("Web-STOMP");
    QTest::newRow("no host") << args({"--broker", "ws:///ws"}) << QStringLiteral("Web-STOMP");
    QTest::newRow("a bad second node")
            << args({"--broker", "ws://rabbit-1:15674/ws,amqp://rabbit-2"})
            << QStringLiteral("amqp://rabbit-2");
    QTest::newRow("an empty node")
            << args({"--broker", "ws://rabbit-1:15674/ws,"}) << QStringLiteral("Web-STOMP");
    QTest::newRow("password in a second node")
            << args({"--broker", "ws://rabbit-1:15674/ws", "--broker",
                     "ws://guest:secret@rabbit-2:15674/ws"})
            << QStringLiteral("not in the address");
    QTest::newRow("password in the address")
            << args({"--broker", "ws://guest:secret@rabbit:15674/ws"})
            << QStringLiteral("not in the address");
    QTest::newRow("broker options without --broker")
            << args({"--broker-stream", "x"}) << QStringLiteral("--broker");
    QTest::newRow("with --data-dir")
            << args({"--broker", "ws://rabbit:15674/ws", "--data-dir", "/tmp/x"})
            << QStringLiteral("--data-dir");
    QTest::newRow("stream with a slash")
            << args({"--broker", "ws://rabbit:15674/ws", "--broker-stream", "a/b"})
            << QStringLiteral("a/b");
    QTest::newRow("lost-after too short")
            << args({"--broker", "ws://rabbit:15674/ws", "--broker-lost-after", "10"})
            << QStringLiteral("--broker-lost-after");
    QTest::newRow("max-pending 0")
            << args({"--broker", "ws://rabbit:15674/ws", "--broker-max-pending", "0"})
            << QStringLiteral("--broker-max-pending");
}

void tst_ServerCommandLine::brokerRefusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mention);
    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(arguments), Outcome::Error);
    QVERIFY2(commandLine.errorText.contains(mention), qPrintable(commandLine.errorText));
    // The password never appears in an error.
    QVERIFY(!commandLine.errorText.contains(QStringLiteral("secret")));
}

void tst_ServerCommandLine::help_data()
{
    QTest::addColumn<QStringList>("arguments");

    QTest::newRow("--help") << args({"--help"});
    QTest::newRow("-h") << args({"-h"});
    // Help is shown even when other arguments are wrong: the user is asking how to fix them.
    QTest::newRow("--help with a bad value") << args({"--port", "nope", "--help"});
    // QCommandLineParser::addHelpOption() also lists --help-all, so it must show help too rather
    // than start a room.
    QTest::newRow("--help-all") << args({"--help-all"});
}

void tst_ServerCommandLine::help()
{
    QFETCH(QStringList, arguments);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(arguments), Outcome::ShowHelp);
    const QStringList options = {
            QStringLiteral("--help"),
            QStringLiteral("--version"),
            QStringLiteral("--port"),
            QStringLiteral("-p,"),
            QStringLiteral("--bind"),
            QStringLiteral("-b,"),
            QStringLiteral("--room"),
            QStringLiteral("-r,"),
            QStringLiteral("--password"),
            QStringLiteral("PARLOR_PASSWORD"),
            QStringLiteral("--allow-origin"),
            QStringLiteral("--max-file-size"),
            QStringLiteral("--file-store-size"),
    };
    for (const QString &option : options)
        QVERIFY2(commandLine.helpText.contains(option), qPrintable(option));
    for (const IntOption &o : intOptions) {
        QVERIFY2(commandLine.helpText.contains(QStringLiteral("--") + QLatin1String(o.name)),
                 o.name);
    }
    // Each default is shown, so the user need not look it up.
    for (const QString &value : {QStringLiteral("5870"), QStringLiteral("200"), QStringLiteral("16"),
                                 QStringLiteral("65536"), QStringLiteral("4000"),
                                 QStringLiteral("32"), QStringLiteral("20"), QStringLiteral("5000"),
                                 QStringLiteral("4194304"), QStringLiteral("500")}) {
        QVERIFY2(commandLine.helpText.simplified().contains(QStringLiteral("(default: ") + value
                                                            + u')'),
                 qPrintable(value));
    }
}

void tst_ServerCommandLine::fileSizes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<qint64>("maxFile");
    QTest::addColumn<qint64>("store");

    const qint64 store = RoomConfig().fileStoreBytes;
    QTest::newRow("no files") << args({"--max-file-size", "0"}) << true << qint64(0) << store;
    QTest::newRow("1 GiB with a store as large")
            << args({"--max-file-size", "1073741824", "--file-store-size", "1073741824"}) << true
            << (qint64(1) << 30) << (qint64(1) << 30);
    QTest::newRow("a store of 0 with no files")
            << args({"--max-file-size", "0", "--file-store-size", "0"}) << true << qint64(0)
            << qint64(0);
    QTest::newRow("more than 1 GiB")
            << args({"--max-file-size", "1073741825", "--file-store-size", "4294967296"}) << false
            << qint64(0) << qint64(0);
    QTest::newRow("negative") << args({"--max-file-size", "-1"}) << false << qint64(0) << qint64(0);
    QTest::newRow("a store smaller than a file")
            << args({"--max-file-size", "1000", "--file-store-size", "999"}) << false << qint64(0)
            << qint64(0);
    QTest::newRow("a store smaller than the default file")
            << args({"--file-store-size", "1000"}) << false << qint64(0) << qint64(0);
    QTest::newRow("retention above a year")
            << args({"--file-retention", "8761"}) << false << qint64(0) << qint64(0);
    QTest::newRow("rate below 1 KiB/s")
            << args({"--file-rate", "1023"}) << false << qint64(0) << qint64(0);
}

void tst_ServerCommandLine::fileSizes()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, accepted);
    QFETCH(qint64, maxFile);
    QFETCH(qint64, store);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(arguments), accepted ? Outcome::Run : Outcome::Error);
    if (!accepted) {
        QVERIFY(commandLine.errorText.contains(QStringLiteral("--")));
        return;
    }
    QCOMPARE(commandLine.config.maxFileBytes, maxFile);
    QCOMPARE(commandLine.config.fileStoreBytes, store);
}

void tst_ServerCommandLine::brokerRoomTakesNoFiles()
{
    // Its servers share the history, not a file store.
    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(
                     args({"--broker", "ws://rabbit:15674/ws", "--max-file-size", "1000"})),
             Outcome::Run);
    QCOMPARE(commandLine.config.maxFileBytes, qint64(0));
}

void tst_ServerCommandLine::version_data()
{
    QTest::addColumn<QStringList>("arguments");

    QTest::newRow("--version") << args({"--version"});
    QTest::newRow("-v") << args({"-v"});
}

void tst_ServerCommandLine::version()
{
    QFETCH(QStringList, arguments);

    ServerCommandLine commandLine;
    QCOMPARE(commandLine.parse(arguments), Outcome::ShowVersion);
}

QTEST_GUILESS_MAIN(tst_ServerCommandLine)
#include "tst_servercommandline.moc"
