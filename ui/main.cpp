// parlor: the desktop app.

#include "appsettings.h"
#include "client/proxysetting.h"
#include "client/serverlist.h"
#include "connectdialog.h"
#include "core/translations.h"
#include "core/unixsignalwatcher.h"
#include "hostdialog.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <csignal>
#include <memory>
#include <optional>

namespace {

class GuiMain
{
    Q_DECLARE_TR_FUNCTIONS(GuiMain)

public:
    struct Arguments
    {
        QUrl url;
        QList<QUrl> servers; ///< several servers of the room (a comma-separated url), or empty
        QString nick;
        bool host = false;
        bool keepHistory = false;
        std::optional<Parlor::ProxySetting> proxy; ///< --proxy, when given
        quint16 port = Parlor::RoomConfig::DefaultPort;
    };

    // Returns -1 to go on, or an exit code.
    static int parse(const QStringList &arguments, Arguments *out)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(
                tr("Chat over WebSocket: join a room on any ws:// or wss:// server, host one on "
                   "your network in one click, and see what the connection does in the "
                   "inspector. With no arguments Parlor goes back to the room you were in last, "
                   "or hosts a room on this computer and joins it."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("url"),
                                     tr("A room to join, e.g. ws://192.168.1.20:5870; several "
                                        "servers of one room separated by commas "
                                        "(ws://a:5870,ws://b:5870) are tried in turn."),
                                     QStringLiteral("[url]"));
        const QCommandLineOption nickOption({QStringLiteral("n"), QStringLiteral("nick")},
                                            tr("Your nickname."), tr("name"));
        const QCommandLineOption hostOption(
                QStringLiteral("host"),
                tr("Host a room on this computer and join it; a port may follow (default: %1).")
                        .arg(Parlor::RoomConfig::DefaultPort));
        const QCommandLineOption keepHistoryOption(
                QStringLiteral("keep-history"),
                tr("With --host: keep the room's history on this computer, so that it comes back "
                   "when "
                   "Parlor starts again (otherwise: the choice last made in Host a Room)."));
        const QCommandLineOption proxyOption(
                QStringLiteral("proxy"),
                tr("With a url: connect through this proxy, http://host:port (HTTP CONNECT) or "
                   "socks5://host:port, with user@ before the host for a proxy that wants a login "
                   "(the password comes from PARLOR_PROXY_PASSWORD, or is asked); none for a "
                   "direct connection. Default: the proxy chosen for that room in Join a Room, or "
                   "the system's."),
                tr("proxy"));
        parser.addOptions({nickOption, hostOption, keepHistoryOption, proxyOption});
        // QCommandLineParser::process() prints --help and errors and exits, as a GUI app should
        // when started from a terminal.
        parser.process(arguments);

        QStringList positional = parser.positionalArguments();
        out->host = parser.isSet(hostOption);
        out->keepHistory = parser.isSet(keepHistoryOption);
        if (out->host && !positional.isEmpty()) {
            bool ok = false;
            const uint port = positional.constFirst().toUInt(&ok);
            if (ok && port <= 65535) {
                out->port = quint16(port);
                positional.removeFirst();
            }
        }
        if (positional.size() > 1 || (out->host && !positional.isEmpty())) {
            fail(tr("Give one room URL, or --host with an optional port."));
            return 2;
        }
        if (!positional.isEmpty()) {
            const QString problem = Parlor::ConnectDialog::urlProblem(positional.constFirst());
            if (!problem.isEmpty()) {
                fail(problem);
                return 2;
            }
            const QString address = positional.constFirst().trimmed();
            if (address.contains(QLatin1Char(','))) {
                out->servers = Parlor::ServerList::parse(address);
                out->url = out->servers.constFirst();
            } else {
                out->url = QUrl(address);
            }
        }
        if (parser.isSet(proxyOption)) {
            if (positional.isEmpty()) {
                fail(tr("--proxy goes with a room URL."));
                return 2;
            }
            Parlor::ProxySetting proxy;
            QString problem;
            if (!Parlor::ProxySetting::parse(parser.value(proxyOption), &proxy, &problem)) {
                fail(problem);
                return 2;
            }
            // From the environment, not the command line, where every user could read it; asked
            // for when the proxy wants it and it is not there.
            if (!proxy.proxy().user().isEmpty() && proxy.proxy().password().isEmpty())
                proxy.setPassword(qEnvironmentVariable("PARLOR_PROXY_PASSWORD"));
            out->proxy = proxy;
        }
        out->nick = parser.value(nickOption);
        if (!out->nick.isEmpty()) {
            const QString problem = Parlor::ConnectDialog::nickProblemText(out->nick);
            if (!problem.isEmpty()) {
                fail(problem);
                return 2;
            }
        }
        return -1;
    }

    static void fail(const QString &message)
    {
        QTextStream(stderr) << "parlor: " << message << '\n';
    }
};

} // namespace

int main(int argc, char *argv[])
{
    // --help and --version must work without a display (from a terminal, over SSH): they get a
    // QCoreApplication; everything else needs the window system.
    bool textOnly = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        textOnly = textOnly || a == "-h" || a == "--help" || a == "--help-all" || a == "-v"
                   || a == "--version";
    }
    std::unique_ptr<QCoreApplication> application
            = textOnly ? std::make_unique<QCoreApplication>(argc, argv)
                       : std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = *application;
    QApplication::setApplicationName(QStringLiteral("parlor"));
    QApplication::setApplicationDisplayName(QStringLiteral("Parlor"));
    QApplication::setOrganizationName(QStringLiteral("Parlor"));
    QApplication::setApplicationVersion(QStringLiteral(PARLOR_VERSION));
    Parlor::AppSettings settings;
    const QString language = settings.language();
    Parlor::Translations::install(&app, language.isEmpty() ? QLocale() : QLocale(language));

    GuiMain::Arguments args;
    if (const int code = GuiMain::parse(app.arguments(), &args); code >= 0)
        return code;
    QApplication::setDesktopFileName(QStringLiteral("parlor"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/parlor.svg")));
    Parlor::Theme::apply(settings.theme());
    if (!args.nick.isEmpty())
        settings.setNick(args.nick);

    Parlor::MainWindow window;
    // Logging out, or Ctrl+C in the terminal that started it: closed as by Quit, so the rooms
    // are left cleanly and the settings (the rooms to restore among them) are written.
    Parlor::UnixSignalWatcher signalWatcher;
    signalWatcher.watch(SIGINT);
    signalWatcher.watch(SIGTERM);
    QObject::connect(&signalWatcher, &Parlor::UnixSignalWatcher::signalReceived, &window, [&] {
        window.close();
        QCoreApplication::quit();
    });
    window.show();
    if (args.url.isValid() && !args.url.isEmpty()) {
        // The rooms of last time come back too; the one named is added to them (or shown, when
        // it is one of them). Its proxy: --proxy, or the one remembered for it in Join a Room.
        window.restoreRooms();
        window.joinRoom(args.url, settings.nick(), settings.subprotocols(), {}, args.servers,
                        args.proxy ? *args.proxy
                                   : settings.proxyFor(Parlor::ServerList::join(
                                           args.servers.isEmpty() ? QList<QUrl>{args.url}
                                                                  : args.servers)));
    } else if (args.host) {
        Parlor::RoomConfig config;
        config.roomName = Parlor::HostDialog::defaultRoomName();
        // As with a URL: the rooms of last time come back too, and the hosted one is added
        // (one of the same name is hosted anew, as asked, not twice).
        window.restoreRooms(config.roomName);
        config.announce = Parlor::HostDialog::rememberedAnnounce();
        window.hostRoom(config, QHostAddress::Any, args.port, false,
                        args.keepHistory ? Parlor::SessionController::History::Kept
                                         : Parlor::HostDialog::rememberedHistory());
    } else {
        window.startDefault();
    }
    return app.exec();
}
