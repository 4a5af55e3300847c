// parlor-cli: a terminal client on Parlor's core, for scripting, debugging and testing.

#include "client/certificatepins.h"
#include "client/serverlist.h"
#include "clifrontend.h"
#include "core/translations.h"
#include "core/unixsignalwatcher.h"
#include "discovercommand.h"
#include "protocol/protocol.h"

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
                     bool *discover, Parlor::DiscoverCommand::Options *discoverOptions)
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
        const QCommandLineOption protocolOption(
                QStringLiteral("protocol"),
                tr("A subprotocol to offer, most preferred first (repeatable; default: parlor.v1 "
                   "and chatting)."),
                tr("name"));
        const QCommandLineOption originOption(QStringLiteral("origin"),
                                              tr("The Origin header to send."), tr("origin"));
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
        parser.addOptions({serverOption, nickOption, protocolOption, originOption, passwordOption,
                           jsonOption, traceOption, outboxOption, noReconnectOption, trustOption,
                           discoverOption, watchOption, discoverTimeOption});

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

        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        Parlor::ChatSession::Options &session = options->session;
        session.connection.url = servers.constFirst();
        session.connection.servers = servers;
        if (parser.isSet(trustOption)) {
            static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
            const QString fingerprint = Parlor::CertificatePins::normalized(
                    parser.value(trustOption));
            const bool anySecure = std::any_of(servers.cbegin(), servers.cend(), [](const QUrl &u) {
                return u.scheme() == QLatin1String("wss");
            });
            if (!sha256.match(fingerprint).hasMatch() || !anySecure) {
                err << "parlor-cli: "
                    << tr("--trust needs a wss:// room and a SHA-256 fingerprint: 64 hex digits "
                          "(colons and spaces are ignored).")
                    << '\n';
                return Parlor::CliFrontend::ExitUsage;
            }
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
        session.connection.subprotocols = parser.values(protocolOption);
        if (session.connection.subprotocols.isEmpty()) {
            session.connection.subprotocols = {QLatin1String(Parlor::RichSubprotocol),
                                               QLatin1String(Parlor::PlainSubprotocol)};
        }
        session.connection.origin = parser.value(originOption);
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
    if (const int code = CliMain::parse(app.arguments(), &options, &discover, &discoverOptions);
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

    Parlor::CliFrontend frontend;
    QObject::connect(&watcher, &Parlor::UnixSignalWatcher::signalReceived, &frontend,
                     &Parlor::CliFrontend::quit);
    QObject::connect(&frontend, &Parlor::CliFrontend::finished, &app, &QCoreApplication::exit);
    if (!frontend.start(options))
        return Parlor::CliFrontend::ExitUsage;
    return app.exec();
}
