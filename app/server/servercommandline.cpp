#include "servercommandline.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>
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

    const QCommandLineOption brokerOption(
            QStringLiteral("broker"),
            tr("Keep the room on a RabbitMQ broker (its Web-STOMP address, e.g. "
               "ws://rabbit:15674/ws), shared with every parlor-server given the same broker and "
               "room: people on any of them are in one room (docs/SCALING.md). For a cluster, give "
               "each node's address, separated by commas or in several --broker options: the "
               "server moves to the next when one goes away. The login comes from "
               "--broker-credentials or PARLOR_BROKER_USER and PARLOR_BROKER_PASSWORD, never "
               "from the address."),
            tr("url"));
    const QCommandLineOption
            brokerCredentialsOption(QStringLiteral("broker-credentials"),
                                    tr("A file whose first line is the broker's user:password."),
                                    tr("file"));
    const QCommandLineOption brokerVhostOption(QStringLiteral("broker-vhost"),
                                               tr("The broker's virtual host (default: /)."),
                                               tr("name"));
    const QCommandLineOption brokerStreamOption(
            QStringLiteral("broker-stream"),
            tr("The stream that holds the room, made of letters, digits, '.', '-' and '_' "
               "(default: parlor.room. and the room's name)."),
            tr("name"));

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
            {{QStringLiteral("member-page"),
              tr("Members listed in one page for clients that ask for member pages: their "
                 "welcome carries the first page and they fetch the rest (default: %1, at most "
                 "%2).")
                      .arg(defaults.memberPageSize)
                      .arg(MaxMemberPage),
              tr("count")},
             MinMemberPage,
             MaxMemberPage,
             [this](qint64 v) {
                 config.memberPageSize = int(v);
             }},
            {{QStringLiteral("announce-delay"),
              tr("Milliseconds joins and leaves are collected for clients that ask for event "
                 "batches, then sent to each in one frame; 0 sends them one by one "
                 "(default: %1).")
                      .arg(defaults.announceDelayMs),
              tr("ms")},
             0,
             1000,
             [this](qint64 v) {
                 config.announceDelayMs = int(v);
             }},
            {{QStringLiteral("digest-threshold"),
              tr("Joins and leaves in one such window above which a client that asks for "
                 "presence digests gets only their count; 0 never sends counts (default: %1).")
                      .arg(defaults.digestThreshold),
              tr("count")},
             0,
             MaxDigestThreshold,
             [this](qint64 v) {
                 config.digestThreshold = int(v);
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
            {{QStringLiteral("max-file-size"),
              tr("Largest file people may share, in bytes; 0: the room takes no files "
                 "(default: %1). A room on a broker takes none.")
                      .arg(defaults.maxFileBytes),
              tr("bytes")},
             0,
             qint64(1) << 30,
             [this](qint64 v) {
                 config.maxFileBytes = v;
             }},
            {{QStringLiteral("file-store-size"),
              tr("The most bytes of shared files the room keeps, at least --max-file-size; the "
                 "oldest files are forgotten first (default: %1). With --data-dir they are kept "
                 "in its \"files\" directory.")
                      .arg(defaults.fileStoreBytes),
              tr("bytes")},
             0,
             qint64(1) << 50,
             [this](qint64 v) {
                 config.fileStoreBytes = v;
             }},
            {{QStringLiteral("file-retention"),
              tr("Hours a shared file is kept; 0: only --file-store-size limits them "
                 "(default: %1).")
                      .arg(defaults.fileRetentionHours),
              tr("hours")},
             0,
             8760,
             [this](qint64 v) {
                 config.fileRetentionHours = int(v);
             }},
            {{QStringLiteral("file-rate"),
              tr("File bytes a second one peer may upload or download (default: %1).")
                      .arg(defaults.fileBytesPerSecond),
              tr("bytes")},
             1024,
             qint64(1) << 40,
             [this](qint64 v) {
                 config.fileBytesPerSecond = v;
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
            {{QStringLiteral("health-port"),
              tr("Answer GET /health (200, or 503 with the problem) and GET /metrics "
                 "(Prometheus' text format) on this port, on the --bind address; 0 picks a free "
                 "one. Off by default."),
              tr("port")},
             0,
             65535,
             [this](qint64 v) {
                 healthPort = int(v);
             }},
            {{QStringLiteral("broker-max-pending"),
              tr("With --broker: events sent to the broker and not confirmed yet; past it new "
                 "messages are refused until the broker catches up (default: %1).")
                      .arg(defaults.broker.maxPending),
              tr("count")},
             1,
             1000000,
             [this](qint64 v) {
                 config.broker.maxPending = int(v);
             }},
            {{QStringLiteral("broker-lost-after"),
              tr("With --broker: milliseconds after which a parlor-server that is not heard from "
                 "is taken for lost, and its people leave the room (default: %1).")
                      .arg(defaults.broker.lostAfterMs),
              tr("ms")},
             1000,
             3600000,
             [this](qint64 v) {
                 config.broker.lostAfterMs = int(v);
                 // Five chances to be heard before being taken for lost.
                 config.broker.presenceIntervalMs = int(v / 5);
             }},
    };

    parser.addOptions({portOption, bindOption, roomOption, passwordOption, originOption,
                       dataDirOption, tlsOption, tlsCertOption, tlsKeyOption, noAnnounceOption,
                       brokerOption, brokerCredentialsOption, brokerVhostOption,
                       brokerStreamOption});
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
    if (!parseBroker(parser.values(brokerOption).join(u','), parser.value(brokerCredentialsOption),
                     parser.isSet(brokerVhostOption) ? parser.value(brokerVhostOption)
                                                     : QStringLiteral("/"),
                     parser.value(brokerStreamOption), environment)) {
        return Outcome::Error;
    }
    const bool brokerOnly = parser.isSet(brokerCredentialsOption) || parser.isSet(brokerVhostOption)
                            || parser.isSet(brokerStreamOption)
                            || parser.isSet(QStringLiteral("broker-max-pending"))
                            || parser.isSet(QStringLiteral("broker-lost-after"));
    if (brokerOnly && !config.broker.enabled()) {
        errorText = tr("The --broker-… options need --broker.");
        return Outcome::Error;
    }
    if (config.broker.enabled() && !config.dataDir.isEmpty()) {
        errorText = tr("A room on a broker keeps its history there: leave out --data-dir.");
        return Outcome::Error;
    }
    if (config.fileStoreBytes < config.maxFileBytes) {
        errorText = tr("--file-store-size must be at least --max-file-size (%1 bytes).")
                            .arg(config.maxFileBytes);
        return Outcome::Error;
    }
    // The servers of a room on a broker share its history but no file store.
    if (config.broker.enabled())
        config.maxFileBytes = 0;
    return Outcome::Run;
}

bool ServerCommandLine::parseBroker(const QString &urls, const QString &credentialsFile,
                                    const QString &vhost, const QString &stream,
                                    const QStringList &environment)
{
    if (urls.isEmpty())
        return true;
    for (const QString &url : urls.split(u',')) {
        const QUrl broker(url.trimmed(), QUrl::StrictMode);
        if (!broker.isValid()
            || (broker.scheme() != QLatin1String("ws") && broker.scheme() != QLatin1String("wss"))
            || broker.host().isEmpty()) {
            errorText = tr("--broker needs the broker's Web-STOMP address, ws://HOST:PORT/ws or "
                           "wss://…, not \"%1\".")
                                .arg(broker.toString(QUrl::RemoveUserInfo));
            return false;
        }
        if (!broker.userInfo().isEmpty()) {
            // Every user of the machine can read a command line.
            errorText = tr("Put the broker's user and password in --broker-credentials or in "
                           "PARLOR_BROKER_USER and PARLOR_BROKER_PASSWORD, not in the address.");
            return false;
        }
        if (!config.broker.urls.contains(broker))
            config.broker.urls.append(broker);
    }
    for (const QString &entry : environment) {
        if (entry.startsWith(QLatin1String("PARLOR_BROKER_USER=")))
            config.broker.login = entry.mid(int(qstrlen("PARLOR_BROKER_USER="))).toUtf8();
        else if (entry.startsWith(QLatin1String("PARLOR_BROKER_PASSWORD=")))
            config.broker.passcode = entry.mid(int(qstrlen("PARLOR_BROKER_PASSWORD="))).toUtf8();
    }
    if (!credentialsFile.isEmpty()) {
        QFile file(credentialsFile);
        if (!file.open(QIODevice::ReadOnly)) {
            errorText = tr("Cannot read the broker's credentials from %1: %2")
                                .arg(credentialsFile, file.errorString());
            return false;
        }
        const QByteArray line = file.readLine(4096).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            errorText = tr("The first line of %1 must be user:password.").arg(credentialsFile);
            return false;
        }
        config.broker.login = line.left(colon);
        config.broker.passcode = line.mid(colon + 1);
    }
    if (config.broker.login.contains('\n') || config.broker.passcode.contains('\n')
        || config.broker.login.contains('\r') || config.broker.passcode.contains('\r')) {
        errorText = tr("The broker's user and password cannot contain line breaks.");
        return false;
    }
    config.broker.vhost = vhost.toUtf8();
    static const QRegularExpression streamName(QStringLiteral("^[A-Za-z0-9._-]{1,200}$"));
    if (!stream.isEmpty() && !streamName.match(stream).hasMatch()) {
        errorText = tr("--broker-stream takes letters, digits, '.', '-' and '_', not \"%1\".")
                            .arg(stream);
        return false;
    }
    config.broker.stream = stream;
    return true;
}

} // namespace Parlor
