// bench_rooms: what the desktop app costs with many busy rooms open at once. Not a test: it
// prints figures for docs/PERFORMANCE.md ("Many rooms at once"). A second process of this same
// program runs the rooms (RoomServers on 127.0.0.1) and someone talking in each at a steady
// rate; this process is the app: a real MainWindow joined to every room, one of them shown.
// After a warm-up it measures the app process's CPU (user + system time over wall time) and RSS
// over several windows, and prints each and their medians.
//
//   QT_QPA_PLATFORM=offscreen bench_rooms [--rooms 10] [--rate 5] [--windows 3] [--seconds 10]
//   bench_rooms --smoke                                   (2 rooms, 1 s: it still works)

#include "benchutil.h"

#include "chatview.h"
#include "mainwindow.h"

#include "client/chatsession.h"
#include "desktop/roomlistmodel.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <cstdio>
#include <memory>
#include <vector>

using namespace Parlor;

namespace {

/// The rooms' side: \a rooms RoomServers, each with a talker saying \a rate lines a second.
/// Prints the ports, one line, then runs until killed.
int serve(int rooms, double rate)
{
    std::vector<std::unique_ptr<RoomServer>> servers;
    std::vector<std::unique_ptr<QWebSocket>> talkers;
    QStringList ports;
    for (int i = 0; i < rooms; ++i) {
        RoomConfig config;
        config.roomName = QStringLiteral("Room %1").arg(i + 1);
        config.messagesPerSecond = 1000;
        auto server = std::make_unique<RoomServer>(config);
        if (!server->listen(QHostAddress::LocalHost, 0))
            return 1;
        ports.append(QString::number(server->port()));
        auto talker = std::make_unique<QWebSocket>();
        QWebSocket *socket = talker.get();
        QObject::connect(socket, &QWebSocket::connected, socket, [socket, i] {
            socket->sendTextMessage(QString::fromUtf8(
                    QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("hello")},
                                              {QStringLiteral("nick"),
                                               QStringLiteral("talker%1").arg(i + 1)},
                                              {QStringLiteral("client"),
                                               QStringLiteral("bench-talker-%1").arg(i + 1)}})
                            .toJson(QJsonDocument::Compact)));
        });
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(server->port())));
        request.setRawHeader("Sec-WebSocket-Protocol", "parlor.v1");
        socket->open(request);
        servers.push_back(std::move(server));
        talkers.push_back(std::move(talker));
    }
    std::printf("%s\n", qPrintable(ports.join(u' ')));
    std::fflush(stdout);
    auto *timer = new QTimer(qApp);
    int n = 0;
    QObject::connect(timer, &QTimer::timeout, qApp, [&talkers, &n] {
        ++n;
        for (size_t i = 0; i < talkers.size(); ++i) {
            if (talkers[i]->state() != QAbstractSocket::ConnectedState)
                continue;
            talkers[i]->sendTextMessage(QString::fromUtf8(
                    QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("say")},
                                              {QStringLiteral("id"),
                                               QStringLiteral("t%1-%2").arg(i).arg(n)},
                                              {QStringLiteral("text"),
                                               QStringLiteral("line %1 of a busy room, with a few "
                                                              "words like people write")
                                                       .arg(n)}})
                            .toJson(QJsonDocument::Compact)));
        }
    });
    timer->start(int(1000.0 / rate));
    // The app side ends us (QProcess::kill) when it has its figures.
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("rooms"), QStringLiteral("Rooms open at once."),
                      QStringLiteral("n"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("rate"), QStringLiteral("Lines a second in each room."),
                      QStringLiteral("r"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("windows"), QStringLiteral("Measurement windows."),
                      QStringLiteral("w"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds per window."),
                      QStringLiteral("s"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("smoke"), QStringLiteral("2 rooms, 1 s windows.")});
    parser.addOption({QStringLiteral("serve"), QStringLiteral("(internal) the rooms' side.")});
    parser.process(app);
    const bool smoke = parser.isSet(QStringLiteral("smoke"));
    const int rooms = smoke ? 2 : parser.value(QStringLiteral("rooms")).toInt();
    const double rate = parser.value(QStringLiteral("rate")).toDouble();
    const int windows = smoke ? 1 : parser.value(QStringLiteral("windows")).toInt();
    const int seconds = smoke ? 1 : parser.value(QStringLiteral("seconds")).toInt();
    if (parser.isSet(QStringLiteral("serve")))
        return serve(rooms, rate);

    // Settings and outboxes of a throw-away user, never the real one's.
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir home;
    QCoreApplication::setOrganizationName(QStringLiteral("ParlorBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_rooms"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, home.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.path());

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{QStringLiteral("--serve"), QStringLiteral("--rooms"), QString::number(rooms),
                     QStringLiteral("--rate"), QString::number(rate)};
    server.start(QCoreApplication::applicationFilePath(), args);
    if (!server.waitForStarted() || !server.waitForReadyRead(20000)) {
        std::fprintf(stderr, "the rooms' process did not start\n");
        return 1;
    }
    const QStringList ports = QString::fromLatin1(server.readLine()).simplified().split(u' ');

    std::printf("%s\n", qPrintable(Bench::machineLine()));
    std::printf("rooms: %d, each with a line every %.0f ms (%.1f lines/s in all); "
                "%d windows of %d s\n",
                rooms, 1000.0 / rate, rate * rooms, windows, seconds);
    const qint64 rssBefore = Bench::rssKiB();
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    for (const QString &port : ports) {
        window.joinRoom(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port)), QStringLiteral("mina"),
                        {QStringLiteral("parlor.v1")});
    }
    window.selectRoom(0);
    const bool joined = QTest::qWaitFor(
            [&] {
                for (int row = 0; row < window.rooms()->rowCount(); ++row) {
                    const SessionController *c = window.rooms()->controller(row);
                    if (!c->session() || !c->session()->isJoined())
                        return false;
                }
                return true;
            },
            20000);
    if (!joined) {
        std::fprintf(stderr, "not every room was joined\n");
        return 1;
    }
    // Warm-up: the first lines, the first layouts, the caches.
    QTest::qWait(smoke ? 500 : 5000);

    QList<double> cpu, rss;
    for (int w = 0; w < windows; ++w) {
        const double cpuStart = Bench::cpuMs();
        QElapsedTimer wall;
        wall.start();
        QTest::qWait(seconds * 1000);
        const double percent = (Bench::cpuMs() - cpuStart) * 100.0 / double(wall.elapsed());
        const double rssMiB = double(Bench::rssKiB()) / 1024.0;
        cpu.append(percent);
        rss.append(rssMiB);
        int lines = 0;
        for (int row = 0; row < window.rooms()->rowCount(); ++row)
            lines += window.rooms()->controller(row)->session()->messages()->rowCount();
        std::printf("window %d: CPU %s %%, RSS %s MiB, %d lines held in all rooms\n", w + 1,
                    qPrintable(Bench::fixed(percent, 1)), qPrintable(Bench::fixed(rssMiB, 1)),
                    lines);
    }
    std::printf("median: CPU %s %% of one core, RSS %s MiB (%s MiB before the window)\n",
                qPrintable(Bench::fixed(Bench::median(cpu), 1)),
                qPrintable(Bench::fixed(Bench::median(rss), 1)),
                qPrintable(Bench::fixed(double(rssBefore) / 1024.0, 1)));
    std::fflush(stdout);
    server.kill();
    server.waitForFinished(5000);
    return 0;
}
