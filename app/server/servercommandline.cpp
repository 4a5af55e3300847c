#include "servercommandline.h"

#include <QCommandLineParser>
#include <QStandardPaths>

#include <functional>

namespace Parlor {

namespace {

struct IntOption
{
    QCommandLineOption option;
    qint64 min;
    qint64 max;
    std::function<void(qint64)> apply;
};

} // namespace

ServerCommandLine::Outcome ServerCommandLine::parse(const QStringList &arguments,
                                                    const QStringList &environment)
{
    const RoomConfig defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Hosts a Parlor chat room. People join it with Parlor, with any WebSocket client "
               "(subprotocol parlor.v1 or chatting), or from a browser."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();

    const QCommandLineOption portOption({QStringLiteral("p"), QStringLiteral("port")},
                                        tr("Port to listen on; 0 picks a free one (default: %1).")
                                                .arg(RoomConfig::DefaultPort),
                                        tr("port"));
    const QCommandLineOption bindOption(
            {QStringLiteral("b"), QStringLiteral("bind")},
            tr("Address to listen on: \"any\" for the whole network, \"localhost\" for this "
               "computer only, or an IP address (default: any)."),
            tr("address"));
    const QCommandLineOption roomOption({QStringLiteral("r"), QStringLiteral("room")},
                                        tr("Name of the room (default: %1).").arg(defaults.roomName),
                                        tr("name"));
    const QCommandLineOption passwordOption(
            QStringLiteral("password"),
            tr("Password people need to join. The environment variable PARLOR_PASSWORD does the "
               "same without showing it in the process list."),
            tr("password"));
    const QCommandLineOption dataDirOption(
            QStringLiteral("data-dir"),
            tr("Keep the room's history in this directory (SQLite), so that it survives a "
               "restart or a crash. Without it the history lives in memory only."),
            tr("directory"));
    const QCommandLineOption originOption(
            QStringLiteral("allow-origin"),
            tr("Also accept browsers whose page comes from this Origin, e.g. "
               "http://intranet.example (repeatable). By default a browser may join only from "
               "the room's own page; others get HTTP 403."),
            tr("origin"));

    const QCommandLineOption tlsOption(
            QStringLiteral("tls"),
            tr("Serve the room over TLS: wss:// for clients, https:// for the browser page. "
               "Without --tls-cert, Parlor makes a self-signed certificate once and keeps it in "
               "the --data-dir directory (or in ~/.local/share/Parlor/parlor-server), and prints "
               "its SHA-256 fingerprint for joiners to compare."));
    const QCommandLineOption tlsCertOption(
            QStringLiteral("tls-cert"),
            tr("The room's TLS certificate (PEM, optionally followed by its chain); implies "
               "--tls."),
            tr("file"));
    const QCommandLineOption tlsKeyOption(QStringLiteral("tls-key"),
                                          tr("The private key of --tls-cert (PEM, not encrypted)."),
                                          tr("file"));
    const QCommandLineOption noAnnounceOption(
            QStringLiteral("no-announce"),
            tr("Do not announce the room on the local network (multicast DNS and a broadcast "
               "beacon); people then need its address to join."));

    config = defaults;
    const QList<IntOption> intOptions = {
            {{QStringLiteral("max-peers"),
              tr("Connections the room takes; more are closed with 1013 (default: %1).")
                      .arg(defaults.maxPeers),
              tr("count")},
             1,
             100000,
             [this](qint64 v) {
                 config.maxPeers = int(v);
             }},
            {{QStringLiteral("max-peers-per-address"),
              tr("Connections from one IP address; more are closed with 1013 (default: %1).")
                      .arg(defaults.maxPeersPerAddress),
              tr("count")},
             1,
             100000,
             [this](qint64 v) {
                 config.maxPeersPerAddress = int(v);
             }},
            {{QStringLiteral("max-message-size"),
              tr("Largest incoming message in bytes; larger ones are closed with 1009 "
                 "(default: %1).")
                      .arg(defaults.maxMessageBytes),
              tr("bytes")},
             256,
             64 * 1024 * 1024,
             [this](qint64 v) {
                 config.maxMessageBytes = int(v);
             }},
            {{QStringLiteral("max-text-length"),
              tr("Longest chat message in characters (default: %1).")
                      .arg(defaults.protocol.maxTextLength),
              tr("characters")},
             1,
             1000000,
             [this](qint64 v) {
                 config.protocol.maxTextLength = int(v);
             }},
            {{QStringLiteral("max-nick-length"),
              tr("Longest nickname in characters (default: %1).")
                      .arg(defaults.protocol.maxNickLength),
              tr("characters")},
             1,
             256,
             [this](qint64 v) {
                 config.protocol.maxNickLength = int(v);
             }},
            {{QStringLiteral("rate"),
              tr("Messages a second one peer may send, with bursts of twice as many; a peer that "
                 "keeps going faster is closed with 1008 (default: %1).")
                      .arg(defaults.messagesPerSecond),
              tr("count")},
             1,
             100000,
             [this](qint64 v) {
                 config.messagesPerSecond = int(v);
             }},
            {{QStringLiteral("password-tries"),
              tr("Wrong passwords one address may send before it must wait (default: %1).")
                      .arg(defaults.passwordTries),
              tr("count")},
             1,
             1000,
             [this](qint64 v) {
                 config.passwordTries = int(v);
             }},
            {{QStringLiteral("password-delay"),
              tr("Milliseconds an address waits after too many wrong passwords, doubling with "
                 "each further one up to a minute (default: %1).")
                      .arg(defaults.passwordDelayMs),
              tr("ms")},
             0,
             60000,
             [this](qint64 v) {
                 config.passwordDelayMs = int(v);
             }},
            {{QStringLiteral("handshake-timeout"),
              tr("Milliseconds a new connection has for the WebSocket handshake, and then again "
                 "for its hello (default: %1).")
                      .arg(defaults.handshakeTimeoutMs),
              tr("ms")},
             100,
             600000,
             [this](qint64 v) {
                 config.handshakeTimeoutMs = int(v);
             }},
            {{QStringLiteral("max-queued"),
              tr("Bytes of output queued for a peer that does not read before it is dropped "
                 "(default: %1).")
                      .arg(defaults.maxQueuedBytes),
              tr("bytes")},
             4096,
             qint64(1) << 32,
             [this](qint64 v) {
                 config.maxQueuedBytes = v;
             }},
            {{QStringLiteral("history"),
              tr("Room events kept for people who join or reconnect (default: %1).")
                      .arg(defaults.historyLength),
              tr("count")},
             0,
             1000000,
             [this](qint64 v) {
                 config.historyLength = int(v);
             }},
            {{QStringLiteral("retain-events"),
              tr("With --data-dir: events kept on disk; older ones are deleted. 0 keeps all "
                 "(default: %1).")
                      .arg(defaults.retainEvents),
              tr("count")},
             0,
             qint64(1) << 40,
             [this](qint64 v) {
                 config.retainEvents = v;
             }},
            {{QStringLiteral("retain-days"),
              tr("With --data-dir: days events are kept on disk. 0 sets no age limit "
                 "(default: %1).")
                      .arg(defaults.retainDays),
              tr("days")},
             0,
             36500,
             [this](qint64 v) {
                 config.retainDays = int(v);
             }},
            {{QStringLiteral("max-log-size"),
              tr("With --data-dir: the most bytes the room's log may take; past it new messages "
                 "are refused until old ones are deleted. 0: as much as the disk has "
                 "(default: %1).")
                      .arg(defaults.maxLogBytes),
              tr("bytes")},
             0,
             qint64(1) << 50,
             [this](qint64 v) {
                 config.maxLogBytes = v;
             }},
            {{QStringLiteral("ping-interval"),
              tr("Milliseconds between the room's pings; a peer silent for two intervals is "
                 "dropped. 0 turns pings off (default: %1).")
                      .arg(defaults.pingIntervalMs),
              tr("ms")},
             0,
             3600000,
             [this](qint64 v) {
                 config.pingIntervalMs = int(v);
             }},
    };

    parser.addOptions({portOption, bindOption, roomOption, passwordOption, originOption,
                       dataDirOption, tlsOption, tlsCertOption, tlsKeyOption, noAnnounceOption});
    for (const IntOption &o : intOptions)
        parser.addOption(o.option);

    helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        errorText = parser.errorText();
        return Outcome::Error;
    }
    // addHelpOption() also adds --help-all; both show the help instead of starting a room.
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all")))
        return Outcome::ShowHelp;
    if (parser.isSet(versionOption))
        return Outcome::ShowVersion;
    if (!parser.positionalArguments().isEmpty()) {
        errorText = tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().constFirst());
        return Outcome::Error;
    }

    auto readInt = [&](const QCommandLineOption &option, qint64 min, qint64 max, qint64 *out) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < min || value > max) {
            errorText = tr("--%1 must be a whole number from %2 to %3.")
                                .arg(option.names().constLast())
                                .arg(min)
                                .arg(max);
            return false;
        }
        *out = value;
        return true;
    };

    qint64 port = RoomConfig::DefaultPort;
    if (!readInt(portOption, 0, 65535, &port))
        return Outcome::Error;
    this->port = quint16(port);

    if (parser.isSet(bindOption)) {
        const QString bind = parser.value(bindOption).trimmed();
        if (bind.compare(QLatin1String("any"), Qt::CaseInsensitive) == 0) {
            bindAddress = QHostAddress::Any;
        } else if (bind.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
            bindAddress = QHostAddress::LocalHost;
        } else if (!bindAddress.setAddress(bind)) {
            errorText = tr("--bind needs \"any\", \"localhost\" or an IP address, not \"%1\".")
                                .arg(bind);
            return Outcome::Error;
        }
    }

    if (parser.isSet(roomOption)) {
        config.roomName = parser.value(roomOption).trimmed();
        if (config.roomName.isEmpty()) {
            errorText = tr("--room needs a name.");
            return Outcome::Error;
        }
    }
    for (const QString &entry : environment) {
        if (entry.startsWith(QLatin1String("PARLOR_PASSWORD=")))
            config.password = entry.mid(int(qstrlen("PARLOR_PASSWORD=")));
    }
    if (parser.isSet(passwordOption))
        config.password = parser.value(passwordOption);
    if (config.password.size() > config.protocol.maxPasswordLength) {
        // A longer one could never be sent in hello: the room would take nobody.
        errorText = tr("The password can have at most %1 characters.")
                            .arg(config.protocol.maxPasswordLength);
        return Outcome::Error;
    }
    config.allowedOrigins = parser.values(originOption);
    config.announce = !parser.isSet(noAnnounceOption);
    if (parser.isSet(dataDirOption)) {
        config.dataDir = parser.value(dataDirOption);
        if (config.dataDir.trimmed().isEmpty()) {
            errorText = tr("--data-dir needs a directory.");
            return Outcome::Error;
        }
    }

    config.tlsCertificateFile = parser.value(tlsCertOption);
    config.tlsKeyFile = parser.value(tlsKeyOption);
    if (parser.isSet(tlsCertOption) != parser.isSet(tlsKeyOption)
        || (parser.isSet(tlsCertOption)
            && (config.tlsCertificateFile.isEmpty() || config.tlsKeyFile.isEmpty()))) {
        errorText = tr("--tls-cert and --tls-key go together: give both files, or neither for a "
                       "self-signed certificate.");
        return Outcome::Error;
    }
    config.tls = parser.isSet(tlsOption) || parser.isSet(tlsCertOption);
    if (config.tls && config.tlsCertificateFile.isEmpty()) {
        config.tlsDir = config.dataDir.isEmpty()
                                ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                : config.dataDir;
    }

    for (const IntOption &o : intOptions) {
        qint64 value = 0;
        if (parser.isSet(o.option)) {
            if (!readInt(o.option, o.min, o.max, &value))
                return Outcome::Error;
            o.apply(value);
        }
    }
    return Outcome::Run;
}

} // namespace Parlor
