// parlor-cli: a terminal client on Parlor's core, for scripting, debugging and testing.

#include "client/certificatepins.h"
#include "client/handshakeheader.h"
#include "client/proxysetting.h"
#include "client/serverlist.h"
#include "clifrontend.h"
#include "core/translations.h"
#include "core/unixsignalwatcher.h"
#include "discovercommand.h"
#include "protocol/protocol.h"
#include "rawfrontend.h"
#include "stompfrontend.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

#include <csignal>

namespace {

class CliMain
{
    Q_DECLARE_TR_FUNCTIONS(CliMain)

public:
    // Returns -1 to go on, or an exit code.
    // With --discover, *discover is set and only discoverOptions matters.
    static int parse(const QStringList &arguments, Parlor::CliFrontend::Options *options,
                     bool *discover, Parlor::DiscoverCommand::Options *discoverOptions, bool *raw,
                     Parlor::RawFrontend::Options *rawOptions, bool *stomp,
                     Parlor::StompFrontend::Options *stompOptions)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(
                tr("Joins a chat room over WebSocket. Lines read from standard input are sent; "
                   "what happens in the room is printed. Ends when the input ends and everything "
                   "sent was confirmed."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(
                QStringLiteral("url"),
                tr("The room, e.g. ws://192.168.1.20:5870. Several servers of one room are "
                   "separated by commas (ws://a:5870,ws://b:5870): when one is lost, the next is "
                   "tried."),
                QStringLiteral("[url]"));
        const QCommandLineOption serverOption(
                QStringLiteral("server"),
                tr("A server of the room (repeatable, or comma-separated; instead of or after "
                   "the url): tried in turn when one is lost."),
                tr("url"));
        const QCommandLineOption nickOption({QStringLiteral("n"), QStringLiteral("nick")},
                                            tr("Your nickname (default: your login name)."),
                                            tr("name"));
        // --protocol is the older name of --subprotocol: both stay.
        const QCommandLineOption protocolOption(
                {QStringLiteral("s"), QStringLiteral("subprotocol"), QStringLiteral("protocol")},
                tr("A subprotocol to offer, most preferred first (repeatable; default: parlor.v1 "
                   "and chatting, with --raw none)."),
                tr("name"));
        const QCommandLineOption originOption({QStringLiteral("o"), QStringLiteral("origin")},
                                              tr("The Origin header to send."), tr("origin"));
        const QCommandLineOption headerOption(
                {QStringLiteral("H"), QStringLiteral("header")},
                tr("An extra header for the WebSocket handshake, e.g. \"Authorization: Bearer "
                   "abc\" (repeatable). Headers the handshake owns (Host, Upgrade, Connection, "
                   "Sec-WebSocket-*, Origin) are refused."),
                tr("\"Name: value\""));
        const QCommandLineOption proxyOption(
                QStringLiteral("proxy"),
                tr("Connect through this proxy: http://host:port (HTTP CONNECT) or "
                   "socks5://host:port, with user@ before the host for a proxy that wants a login "
                   "(the password from PARLOR_PROXY_PASSWORD). \"none\": connect directly even "
                   "when http_proxy is set. Default: the system's proxy (http_proxy, https_proxy, "
                   "no_proxy), never for a loopback address."),
                tr("proxy"));
        const QCommandLineOption pinOption(
                QStringLiteral("pin"),
                tr("Accept the wss:// server's certificate only if its SHA-256 fingerprint is this "
                   "one (for a self-signed certificate), for this run only: nothing is "
                   "remembered. Any other certificate is refused."),
                tr("sha256"));
        const QCommandLineOption pingIntervalOption(
                QStringLiteral("ping-interval"),
                tr("Send a ping this often while connected; 0 turns the heartbeat off (default: "
                   "15)."),
                tr("seconds"));
        const QCommandLineOption pingTimeoutOption(
                QStringLiteral("ping-timeout"),
                tr("A ping without a pong this long means the connection is dead: it is closed "
                   "and reported (default: 10)."),
                tr("seconds"));
        const QCommandLineOption rawOption(
                QStringLiteral("raw"),
                tr("Debug any WebSocket server: no chat protocol; each input line is sent as one "
                   "text frame, and every frame received is printed as it comes (\"< text\", "
                   "binary as \"<# hex\"). Never reconnects."));
        const QCommandLineOption binaryOption(
                QStringLiteral("binary"),
                tr("With --raw: each input line is hex (spaces and colons ignored) and is sent as "
                   "one binary frame."));
        const QCommandLineOption showPingOption(
                QStringLiteral("show-ping"),
                tr("With --raw: also print each ping sent (\">! ping\") and each pong received "
                   "(\"<! pong\")."));
        const QCommandLineOption waitOption(
                QStringLiteral("wait"),
                tr("With --raw: after the input ends, keep printing what arrives this long before "
                   "closing (default: 1)."),
                tr("seconds"));
        const QCommandLineOption passwordOption(QStringLiteral("password"),
                                                tr("The room's password (or set PARLOR_PASSWORD)."),
                                                tr("password"));
        const QCommandLineOption
                jsonOption(QStringLiteral("json"),
                           tr("Print one JSON object per event (see docs/CLI.md)."));
        const QCommandLineOption traceOption(
                QStringLiteral("trace"),
                tr("Write every connection event to this file as JSON Lines (see docs/TRACE.md)."),
                tr("file"));
        const QCommandLineOption
                outboxOption(QStringLiteral("outbox"),
                             tr("Keep unsent messages in this file, so they survive a restart."),
                             tr("file"));
        const QCommandLineOption
                noReconnectOption(QStringLiteral("no-reconnect"),
                                  tr("Do not reconnect when the connection drops."));
        const QCommandLineOption trustOption(
                QStringLiteral("trust"),
                tr("Trust the room's TLS certificate when its SHA-256 fingerprint is this one (as "
                   "parlor-server prints it), although no authority vouches for it. Remembered for "
                   "this host and port, like Parlor's certificate dialog."),
                tr("sha256"));
        const QCommandLineOption discoverOption(
                QStringLiteral("discover"),
                tr("Instead of joining a room, list the rooms announced on the local network (see "
                   "docs/DISCOVERY.md): one per line, name, address and what to know before "
                   "joining; with --json, one JSON object per room."));
        const QCommandLineOption watchOption(
                QStringLiteral("watch"),
                tr("With --discover: keep looking, and print each room as it appears (+), changes "
                   "(~) and goes (-), until interrupted."));
        const QCommandLineOption discoverTimeOption(
                QStringLiteral("discover-time"),
                tr("With --discover: how long to look before printing the list (default: 3)."),
                tr("seconds"));
        const QCommandLineOption destinationOption(
                QStringLiteral("destination"),
                tr("With -s v12.stomp: the broker's destination to chat on: /topic/NAME (every "
                   "subscriber gets every message), /queue/NAME, /exchange/… (default: "
                   "/topic/parlor). The login and passcode come from PARLOR_STOMP_LOGIN and "
                   "PARLOR_STOMP_PASSCODE."),
                tr("destination"));
        const QCommandLineOption vhostOption(
                QStringLiteral("vhost"),
                tr("With -s v12.stomp: the broker's virtual host (STOMP's host header; default: "
                   "/)."),
                tr("name"));
        parser.addOptions({serverOption, nickOption,         protocolOption,    originOption,
                           headerOption, proxyOption,        passwordOption,    jsonOption,
                           traceOption,  outboxOption,       noReconnectOption, trustOption,
                           pinOption,    pingIntervalOption, pingTimeoutOption, rawOption,
                           binaryOption, showPingOption,     waitOption,        discoverOption,
                           watchOption,  discoverTimeOption, destinationOption, vhostOption});

        QTextStream err(stderr);
        if (!parser.parse(arguments)) {
            err << "parlor-cli: " << parser.errorText() << '\n';
            return Parlor::CliFrontend::ExitUsage;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            QTextStream(stdout) << parser.helpText();
            return Parlor::CliFrontend::ExitOk;
        }
        if (parser.isSet(QStringLiteral("version"))) {
            QTextStream(stdout) << "parlor-cli " << QCoreApplication::applicationVersion() << '\n';
            return Parlor::CliFrontend::ExitOk;
        }
        *discover = parser.isSet(discoverOption);
        if (*discover) {
            if (!parser.positionalArguments().isEmpty() || parser.isSet(serverOption)) {
                err << "parlor-cli: " << tr("--discover takes no room URL.") << '\n';
                return Parlor::CliFrontend::ExitUsage;
            }
            discoverOptions->json = parser.isSet(jsonOption);
            discoverOptions->watch = parser.isSet(watchOption);
            if (parser.isSet(discoverTimeOption)) {
                bool ok = false;
                const double seconds = parser.value(discoverTimeOption).toDouble(&ok);
                if (!ok || seconds <= 0 || seconds > 3600) {
                    err << "parlor-cli: "
                        << tr("--discover-time takes a number of seconds from 0.1 to 3600.")
                        << '\n';
                    return Parlor::CliFrontend::ExitUsage;
                }
                discoverOptions->timeoutMs = qRound(seconds * 1000);
            }
            return -1;
        }
        if (parser.isSet(watchOption) || parser.isSet(discoverTimeOption)) {
            err << "parlor-cli: " << tr("--watch and --discover-time go with --discover.") << '\n';
            return Parlor::CliFrontend::ExitUsage;
        }
        const QStringList addresses = parser.positionalArguments() + parser.values(serverOption);
        if (parser.positionalArguments().size() > 1 || addresses.isEmpty()) {
            err << "parlor-cli: "
                << tr("Give one room URL (several servers separated by commas, or with "
                      "--server).")
                << '\n'
                << tr("Try \"parlor-cli --help\".") << '\n';
            return Parlor::CliFrontend::ExitUsage;
        }
        QString serversError;
        const QList<QUrl> servers = Parlor::ServerList::parse(addresses, &serversError);
        if (servers.isEmpty()) {
            err << "parlor-cli: " << serversError << '\n';
            return Parlor::CliFrontend::ExitUsage;
        }

        *raw = parser.isSet(rawOption);
        if (!*raw) {
            for (const QCommandLineOption *option : {&binaryOption, &showPingOption, &waitOption}) {
                if (parser.isSet(*option)) {
                    err << "parlor-cli: "
                        << tr("--%1 goes with --raw.").arg(option->names().constLast()) << '\n';
                    return Parlor::CliFrontend::ExitUsage;
                }
            }
        }

        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        Parlor::ChatSession::Options &session = options->session;
        Parlor::ConnectionManager::Options &connection = session.connection;
        connection.url = servers.constFirst();
        connection.servers = servers;
        const bool anySecure = std::any_of(servers.cbegin(), servers.cend(), [](const QUrl &u) {
            return u.scheme() == QLatin1String("wss");
        });

        // --trust and --pin take a fingerprint in the same form, for a wss:// URL only.
        const auto fingerprintOf = [&](const QCommandLineOption &option, QString *fingerprint) {
            static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
            *fingerprint = Parlor::CertificatePins::normalized(parser.value(option));
            if (sha256.match(*fingerprint).hasMatch() && anySecure) {
                return true;
            }
            err << "parlor-cli: "
                << tr("--%1 needs a wss:// URL and a SHA-256 fingerprint: 64 hex digits (colons "
                      "and spaces are ignored).")
                            .arg(option.names().constFirst())
                << '\n';
            return false;
        };
        if (parser.isSet(trustOption)) {
            QString fingerprint;
            if (!fingerprintOf(trustOption, &fingerprint))
                return Parlor::CliFrontend::ExitUsage;
            // Pinned per server (host and port), as the certificate dialog does: for each wss://
            // server given, since one fingerprint can only ever match the server that has it.
            for (const QUrl &server : servers) {
                if (server.scheme() != QLatin1String("wss"))
                    continue;
                if (!Parlor::CertificatePins().trust(server.host(), server.port(443), fingerprint)) {
                    err << "parlor-cli: " << tr("Cannot remember the trusted certificate.") << '\n';
                    return Parlor::CliFrontend::ExitUsage;
                }
            }
        }
        if (parser.isSet(pinOption)) {
            if (!fingerprintOf(pinOption, &connection.trustedFingerprint))
                return Parlor::CliFrontend::ExitUsage;
            connection.onlyTrustedFingerprint = true;
        }
        if (parser.isSet(proxyOption)) {
            QString problem;
            if (!Parlor::ProxySetting::parse(parser.value(proxyOption), &connection.proxy,
                                             &problem)) {
                err << "parlor-cli: " << problem << '\n';
                return Parlor::CliFrontend::ExitUsage;
            }
            // From the environment, not the command line, where every user could read it.
            const QNetworkProxy &proxy = connection.proxy.proxy();
            if (!proxy.user().isEmpty() && proxy.password().isEmpty())
                connection.proxy.setPassword(env.value(QStringLiteral("PARLOR_PROXY_PASSWORD")));
        }
        for (const QString &line : parser.values(headerOption)) {
            const Parlor::HandshakeHeader header = Parlor::HandshakeHeader::parse(line);
            if (!header.problem.isEmpty()) {
                err << "parlor-cli: " << header.problem << '\n';
                return Parlor::CliFrontend::ExitUsage;
            }
            connection.headers.append({header.name, header.value});
        }
        // A number of seconds in [minimum, 3600], or exit code 2.
        const auto secondsOf = [&](const QCommandLineOption &option, double minimum, int *ms) {
            if (!parser.isSet(option))
                return true;
            bool ok = false;
            const double seconds = parser.value(option).toDouble(&ok);
            const bool zeroAllowed = minimum == 0;
            if (!ok || (!(zeroAllowed && seconds == 0) && (seconds < 0.1 || seconds > 3600))) {
                err << "parlor-cli: "
                    << (minimum == 0 ? tr("--%1 takes 0 or a number of seconds from 0.1 to 3600.")
                                     : tr("--%1 takes a number of seconds from 0.1 to 3600."))
                                .arg(option.names().constFirst())
                    << '\n';
                return false;
            }
            *ms = qRound(seconds * 1000);
            return true;
        };
        if (!secondsOf(pingIntervalOption, 0, &connection.pingIntervalMs)
            || !secondsOf(pingTimeoutOption, 0.1, &connection.pingTimeoutMs)
            || !secondsOf(waitOption, 0, &rawOptions->waitMs)) {
            return Parlor::CliFrontend::ExitUsage;
        }
        connection.subprotocols = parser.values(protocolOption);
        connection.origin = parser.value(originOption);
        *stomp = !*raw
                 && connection.subprotocols.contains(
                         QLatin1String(Parlor::StompClient::Subprotocol));
        if (!*stomp) {
            for (const QCommandLineOption *option : {&destinationOption, &vhostOption}) {
                if (parser.isSet(*option)) {
                    err << "parlor-cli: "
                        << tr("--%1 goes with -s v12.stomp.").arg(option->names().constLast())
                        << '\n';
                    return Parlor::CliFrontend::ExitUsage;
                }
            }
        }
        if (*stomp)
            return parseStomp(parser, connection, destinationOption, vhostOption, nickOption,
                              jsonOption, stompOptions);
        if (*raw) {
            rawOptions->connection = connection;
            rawOptions->binary = parser.isSet(binaryOption);
            rawOptions->showPing = parser.isSet(showPingOption);
            rawOptions->json = parser.isSet(jsonOption);
            rawOptions->traceFile = parser.value(traceOption);
            return -1;
        }
        if (session.connection.subprotocols.isEmpty()) {
            session.connection.subprotocols = {QLatin1String(Parlor::RichSubprotocol),
                                               QLatin1String(Parlor::PlainSubprotocol)};
        }
        session.connection.autoReconnect = !parser.isSet(noReconnectOption);
        session.nick = parser.value(nickOption);
        if (session.nick.isEmpty())
            session.nick = env.value(QStringLiteral("USER"), QStringLiteral("guest"));
        if (const auto problem = Parlor::nickProblem(session.nick, 32)) {
            err << "parlor-cli: "
                << tr("The nickname \"%1\" cannot be used: %2").arg(session.nick, *problem) << '\n';
            return Parlor::CliFrontend::ExitUsage;
        }
        session.password = parser.isSet(passwordOption)
                                   ? parser.value(passwordOption)
                                   : env.value(QStringLiteral("PARLOR_PASSWORD"));
        // Each run is its own client: several parlor-cli processes may share one login.
        session.clientId = QUuid::createUuid().toString(QUuid::Id128);
        session.outboxPath = parser.value(outboxOption);
        options->json = parser.isSet(jsonOption);
        options->traceFile = parser.value(traceOption);
        return -1;
    }

private:
    /// The rest of the command line for -s v12.stomp (StompFrontend); -1 or an exit code.
    static int parseStomp(const QCommandLineParser &parser,
                          const Parlor::ConnectionManager::Options &connection,
                          const QCommandLineOption &destinationOption,
                          const QCommandLineOption &vhostOption,
                          const QCommandLineOption &nickOption,
                          const QCommandLineOption &jsonOption,
                          Parlor::StompFrontend::Options *stompOptions)
    {
        QTextStream err(stderr);
        const auto usage = [&err](const QString &text) {
            err << "parlor-cli: " << text << '\n';
            return Parlor::CliFrontend::ExitUsage;
        };
        if (connection.subprotocols.size() > 1)
            return usage(tr("-s v12.stomp goes alone: a STOMP broker is not a Parlor room."));
        if (connection.servers.size() > 1)
            return usage(tr("With -s v12.stomp, give one broker address."));
        // What a STOMP session cannot carry (it has its own login and no rooms' password).
        for (const char *name :
             {"password", "outbox", "trace", "trust", "pin", "header", "origin", "no-reconnect"}) {
            if (parser.isSet(QString::fromLatin1(name)))
                return usage(tr("--%1 does not go with -s v12.stomp.").arg(QLatin1String(name)));
        }
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        Parlor::StompChat::Options &chat = stompOptions->chat;
        chat.stomp.url = connection.url;
        chat.stomp.proxy = connection.proxy.proxyFor(connection.url);
        chat.stomp.login = env.value(QStringLiteral("PARLOR_STOMP_LOGIN")).toUtf8();
        chat.stomp.passcode = env.value(QStringLiteral("PARLOR_STOMP_PASSCODE")).toUtf8();
        if (parser.isSet(vhostOption))
            chat.stomp.host = parser.value(vhostOption).toUtf8();
        // The heartbeat options mean the same here: how often we send, how long we wait.
        chat.stomp.heartBeatSendMs = connection.pingIntervalMs;
        chat.stomp.heartBeatReceiveMs = connection.pingIntervalMs;
        if (parser.isSet(destinationOption)) {
            chat.destination = parser.value(destinationOption).toUtf8();
            if (!chat.destination.startsWith('/') || chat.destination.contains('\n')
                || chat.destination.contains('\r')) {
                return usage(tr("--destination takes a destination such as /topic/lobby or "
                                "/queue/lobby."));
            }
        }
        chat.nick = parser.value(nickOption);
        if (chat.nick.isEmpty())
            chat.nick = env.value(QStringLiteral("USER"), QStringLiteral("guest"));
        chat.clientId = QUuid::createUuid().toString(QUuid::Id128);
        stompOptions->json = parser.isSet(jsonOption);
        return -1;
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("parlor-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Parlor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLOR_VERSION));
    Parlor::Translations::install(&app);

    Parlor::CliFrontend::Options options;
    bool discover = false;
    Parlor::DiscoverCommand::Options discoverOptions;
    bool raw = false;
    Parlor::RawFrontend::Options rawOptions;
    bool stomp = false;
    Parlor::StompFrontend::Options stompOptions;
    if (const int code = CliMain::parse(app.arguments(), &options, &discover, &discoverOptions,
                                        &raw, &rawOptions, &stomp, &stompOptions);
        code >= 0) {
        return code;
    }

    Parlor::UnixSignalWatcher watcher;
    watcher.watch(SIGINT);
    watcher.watch(SIGTERM);
    if (discover) {
        Parlor::DiscoverCommand command;
        QObject::connect(&watcher, &Parlor::UnixSignalWatcher::signalReceived, &command,
                         &Parlor::DiscoverCommand::stop);
        QObject::connect(&command, &Parlor::DiscoverCommand::finished, &app,
                         &QCoreApplication::exit);
        if (!command.start(discoverOptions))
            return Parlor::CliFrontend::ExitClosed;
        return app.exec();
    }

    if (raw) {
        Parlor::RawFrontend frontend;
        QObject::connect(&watcher, &Parlor::UnixSignalWatcher::signalReceived, &frontend,
                         &Parlor::RawFrontend::quit);
        QObject::connect(&frontend, &Parlor::RawFrontend::finished, &app, &QCoreApplication::exit);
        if (!frontend.start(rawOptions))
            return Parlor::CliFrontend::ExitUsage;
        return app.exec();
    }

    if (stomp) {
        Parlor::StompFrontend frontend;
        QObject::connect(&watcher, &Parlor::UnixSignalWatcher::signalReceived, &frontend,
                         &Parlor::StompFrontend::quit);
        QObject::connect(&frontend, &Parlor::StompFrontend::finished, &app, &QCoreApplication::exit);
        if (!frontend.start(stompOptions))
            return Parlor::CliFrontend::ExitUsage;
        return app.exec();
    }

    Parlor::CliFrontend frontend;
    QObject::connect(&watcher, &Parlor::UnixSignalWatcher::signalReceived, &frontend,
                     &Parlor::CliFrontend::quit);
    QObject::connect(&frontend, &Parlor::CliFrontend::finished, &app, &QCoreApplication::exit);
    if (!frontend.start(options))
        return Parlor::CliFrontend::ExitUsage;
    return app.exec();
}
