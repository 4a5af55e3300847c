// parlor-server: the headless room host.

#include "broker/brokerroomlog.h"
#include "core/logging.h"
#include "core/translations.h"
#include "core/unixsignalwatcher.h"
#include "server/healthserver.h"
#include "server/lanaddresses.h"
#include "server/roomannouncer.h"
#include "server/roomserver.h"
#include "server/servercommandline.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <memory>

namespace {

class ServerMain
{
    Q_DECLARE_TR_FUNCTIONS(ServerMain)

public:
    static void printWelcome(QTextStream &out, const Parlor::RoomServer &room,
                             const QHostAddress &bind)
    {
        const bool secure = room.isSecure();
        out << tr("Parlor room \"%1\" is open on port %2.")
                        .arg(room.config().roomName)
                        .arg(room.port())
            << '\n';
        if (bind.isLoopback()) {
            const QUrl url = Parlor::LanAddresses::urlFor(bind, room.port(), secure);
            out << tr("Only this computer can join: %1").arg(url.toString()) << '\n';
            out << tr("In a web browser: %1").arg(Parlor::LanAddresses::pageUrl(url).toString())
                << '\n';
        } else {
            const QList<QUrl> urls = Parlor::LanAddresses::joinUrls(bind, room.port(), secure);
            if (urls.isEmpty()) {
                const QUrl url = Parlor::LanAddresses::urlFor(QHostAddress::LocalHost, room.port(),
                                                              secure);
                out << tr("No network connection was found; this computer can join at %1")
                                .arg(url.toString())
                    << '\n';
                out << tr("In a web browser: %1").arg(Parlor::LanAddresses::pageUrl(url).toString())
                    << '\n';
            } else {
                out << tr("People on your network can join at:") << '\n';
                for (const QUrl &url : urls)
                    out << "  " << url.toString() << '\n';
                out << tr("or open %1 in a web browser.")
                                .arg(Parlor::LanAddresses::pageUrl(urls.first()).toString())
                    << '\n';
            }
        }
        if (secure) {
            // Joiners compare this with what Parlor's certificate dialog shows before they trust
            // the room (docs/SECURITY.md).
            out << tr("Connections are encrypted (TLS). The room's certificate has the SHA-256 "
                      "fingerprint")
                << '\n'
                << "  " << room.tlsFingerprint() << '\n';
        }
        if (!room.config().password.isEmpty())
            out << tr("The room needs a password.") << '\n';
        if (!room.config().dataDir.isEmpty())
            out << tr("The room's history is kept in %1.").arg(room.config().dataDir) << '\n';
        if (room.config().broker.enabled()) {
            out << tr("The room is kept on the broker at %1: every parlor-server started with "
                      "the same broker and room serves it.")
                            .arg(room.config().broker.addresses())
                << '\n';
        }
        out << tr("Press Ctrl+C to close the room.") << '\n';
        out.flush();
    }

    static QString listenError(const QHostAddress &bind, quint16 port, const QString &reason)
    {
        return tr("Cannot open the room on %1 port %2: %3")
                .arg(bind.toString())
                .arg(port)
                .arg(reason);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN")) {
        qSetMessagePattern(QStringLiteral(
                "%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning %{endif}%{if-critical}error "
                "%{endif}%{category}: %{message}"));
    }
    // The plain Unix event dispatcher costs less per socket than glib's: in a 1 000-peer room it
    // cut server CPU by a third (BRIEF). The headless server has no use for glib.
    if (qEnvironmentVariableIsEmpty("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("parlor-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("Parlor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLOR_VERSION));
    Parlor::Translations::install(&app);

    QTextStream out(stdout);
    QTextStream err(stderr);

    Parlor::ServerCommandLine commandLine;
    switch (commandLine.parse(app.arguments(),
                              QProcessEnvironment::systemEnvironment().toStringList())) {
    case Parlor::ServerCommandLine::Outcome::ShowHelp:
        out << commandLine.helpText;
        return 0;
    case Parlor::ServerCommandLine::Outcome::ShowVersion:
        out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
            << '\n';
        return 0;
    case Parlor::ServerCommandLine::Outcome::Error:
        err << "parlor-server: " << commandLine.errorText << '\n'
            << QCoreApplication::translate("ServerMain", "Try \"parlor-server --help\".") << '\n';
        return 2;
    case Parlor::ServerCommandLine::Outcome::Run:
        break;
    }

    // A room on a broker is kept in its stream, shared with the other servers of the room.
    Parlor::BrokerRoomLog *brokerLog = nullptr;
    if (commandLine.config.broker.enabled())
        brokerLog = new Parlor::BrokerRoomLog(commandLine.config.broker, commandLine.config);
    const auto server = brokerLog ? std::make_unique<Parlor::RoomServer>(commandLine.config,
                                                                         brokerLog)
                                  : std::make_unique<Parlor::RoomServer>(commandLine.config);
    Parlor::RoomServer &room = *server;
    Parlor::RoomAnnouncer announcer;
    // Signals are watched before the room opens: a SIGTERM right after start-up must still close
    // the room cleanly.
    Parlor::UnixSignalWatcher watcher;
    watcher.watch(SIGINT);
    watcher.watch(SIGTERM);
    // The goodbye goes first, so the room leaves the lists nearby while its peers are closed.
    QObject::connect(&watcher, &Parlor::UnixSignalWatcher::signalReceived, &announcer,
                     &Parlor::RoomAnnouncer::stop);
    QObject::connect(&watcher, &Parlor::UnixSignalWatcher::signalReceived, &room,
                     &Parlor::RoomServer::shutdown);
    QObject::connect(&room, &Parlor::RoomServer::stopped, &app, &QCoreApplication::quit);
    if (!room.listen(commandLine.bindAddress, commandLine.port)) {
        err << "parlor-server: "
            << ServerMain::listenError(commandLine.bindAddress, commandLine.port, room.errorString())
            << '\n';
        return 1;
    }
    // Nobody else could join a room bound to loopback, so it is not announced.
    if (commandLine.config.announce && !commandLine.bindAddress.isLoopback()) {
        Parlor::RoomAnnouncer::Options options;
        options.bindAddress = commandLine.bindAddress;
        announcer.setOptions(options);
        Parlor::Discovery::RoomRecord record
                = Parlor::RoomAnnouncer::recordFor(commandLine.config, room.port(),
                                                   room.tlsFingerprint());
        record.people = room.peerCount();
        announcer.start(record);
        QObject::connect(&room, &Parlor::RoomServer::peerCountChanged, &announcer,
                         &Parlor::RoomAnnouncer::setPeople);
    }
    if (brokerLog)
        brokerLog->start();
    Parlor::HealthServer health([&room, brokerLog] {
        Parlor::HealthReport report = room.healthReport();
        if (brokerLog)
            brokerLog->addHealth(report);
        return report;
    });
    if (commandLine.healthPort >= 0) {
        if (!health.listen(commandLine.bindAddress, quint16(commandLine.healthPort))) {
            err << "parlor-server: "
                << ServerMain::listenError(commandLine.bindAddress, quint16(commandLine.healthPort),
                                           health.errorString())
                << '\n';
            return 1;
        }
        // A log line, never translated: scripts and tests read the port from it.
        qCInfo(lcServer).noquote() << "health on" << health.port();
    }
    ServerMain::printWelcome(out, room, commandLine.bindAddress);
    return app.exec();
}
