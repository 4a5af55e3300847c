// parlor-screenshots: stages a realistic chat in the real window and saves a PNG of it, for the
// README. Run under a real X server (scripts/screenshots.sh uses Xvfb), not offscreen:
//   parlor-screenshots --theme light|dark --lang en|ko --out FILE.png

#include "chatfiles.h"
#include "chatview.h"
#include "childprocess.h"
#include "chromiumpage.h"
#include "client/chatsession.h"
#include "client/messagemodel.h"
#include "client/messagesearch.h"
#include "client/transfermodel.h"
#include "composeedit.h"
#include "connectdialog.h"
#include "core/translations.h"
#include "desktop/roomlistmodel.h"
#include "findbar.h"
#include "hostbanner.h"
#include "hostdialog.h"
#include "inspector/connectionhealth.h"
#include "inspector/eventlogmodel.h"
#include "inspector/framefilter.h"
#include "inspectorpanel.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "peersview.h"
#include "qrwindow.h"
#include "rabbitmqbroker.h"
#include "richclient.h"
#include "server/peermodel.h"
#include "server/roomannouncer.h"
#include "server/roomserver.h"
#include "sharestrip.h"
#include "testsupport.h"
#include "theme.h"

#include <QInputMethodEvent>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QProcess>
#include <QRegularExpression>
#include <QPushButton>
#include <QRadialGradient>

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cmath>

using namespace Parlor;

namespace {

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 10000)
{
    // Not QTest::qWaitFor: it sleeps between its checks, and the peers in this process would
    // answer pings late (the hosting view would show 40 ms round trips on loopback).
    QDeadlineTimer deadline(timeoutMs);
    QTimer wakeUp;
    wakeUp.start(20);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QObject::connect(&wakeUp, &QTimer::timeout, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

/// Saves a picture of \a widget (a dialog or window shown just before) to \a out, once its
/// pending layouts are done; the exit status for main().
int saveShot(QWidget &widget, const QString &out)
{
    waitFor([] { return false; }, 100);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    if (!widget.grab().save(out))
        qFatal("cannot write %s", qPrintable(out));
    QTextStream(stdout) << "wrote " << out << '\n';
    return 0;
}

// A picture worth sharing: an evening sky over hills, with the sun going down.
QImage eveningPicture(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, size.height());
    sky.setColorAt(0, QColor(0x3b, 0x4b, 0x8f));
    sky.setColorAt(0.55, QColor(0xf0, 0x8a, 0x5d));
    sky.setColorAt(1, QColor(0xff, 0xd1, 0x8a));
    p.fillRect(image.rect(), sky);
    const int w = size.width();
    const int h = size.height();
    QRadialGradient sun(QPointF(w * 0.62, h * 0.58), h * 0.16);
    sun.setColorAt(0, QColor(0xff, 0xf4, 0xc2));
    sun.setColorAt(0.7, QColor(0xff, 0xd2, 0x6e));
    sun.setColorAt(1, QColor(0xff, 0xd2, 0x6e, 0));
    p.setPen(Qt::NoPen);
    p.setBrush(sun);
    p.drawEllipse(QPointF(w * 0.62, h * 0.58), h * 0.16, h * 0.16);
    auto hill = [&](qreal base, qreal amplitude, qreal phase, const QColor &colour) {
        QPainterPath path;
        path.moveTo(0, h);
        for (int x = 0; x <= w; x += 8)
            path.lineTo(x, h * base - amplitude * h * std::sin(x * 6.0 / w + phase));
        path.lineTo(w, h);
        path.closeSubpath();
        p.setBrush(colour);
        p.drawPath(path);
    };
    hill(0.72, 0.05, 0.4, QColor(0x6a, 0x4a, 0x7a));
    hill(0.80, 0.04, 2.1, QColor(0x3f, 0x35, 0x5c));
    hill(0.90, 0.03, 4.0, QColor(0x24, 0x22, 0x3d));
    return image;
}

/// \a peer shares \a bytes as \a name over the protocol (file-offer, then its chunks, each
/// after the room reported the one before).
void peerShares(RichClient &peer, const QString &id, const QString &name, const QByteArray &bytes,
                const QString &mime)
{
    peer.sendJson({{QStringLiteral("type"), QStringLiteral("file-offer")},
                   {QStringLiteral("id"), id},
                   {QStringLiteral("name"), name},
                   {QStringLiteral("size"), double(bytes.size())},
                   {QStringLiteral("mime"), mime}});
    auto answered = [&](const QString &type, qint64 received) {
        return [=](const QJsonObject &o) {
            return o.value(QStringLiteral("type")) == type && o.value(QStringLiteral("id")) == id
                   && (received < 0
                       || qint64(o.value(QStringLiteral("received")).toDouble()) == received);
        };
    };
    if (peer.waitFor(answered(QStringLiteral("file-ready"), -1), 10000).isEmpty())
        qFatal("the room did not take the file offer");
    constexpr int chunk = 24 * 1024;
    for (qint64 offset = 0; offset < bytes.size(); offset += chunk) {
        peer.sendJson({{QStringLiteral("type"), QStringLiteral("file-chunk")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("offset"), double(offset)},
                       {QStringLiteral("data"),
                        QString::fromLatin1(bytes.mid(offset, chunk).toBase64())}});
        // The last chunk is answered by the message itself (and maybe its progress).
        const qint64 expected = std::min<qint64>(offset + chunk, bytes.size());
        const auto progress = answered(QStringLiteral("file-progress"), expected);
        if (peer.waitFor(
                        [&](const QJsonObject &o) {
                            return progress(o)
                                   || (expected == bytes.size()
                                       && o.value(QStringLiteral("type"))
                                                  == QStringLiteral("message")
                                       && o.value(QStringLiteral("id")) == id);
                        },
                        20000)
                    .isEmpty())
            qFatal("the room did not take a chunk");
    }
}

// Several rooms at once: three rooms in the list, the shown one chatting, another with unread
// lines and the third with a line that mentions mina (the "@" mark).
int roomsScene(MainWindow &window, const QString &out, bool korean)
{
    window.resize(1100, 700);
    const QStringList names = korean ? QStringList{QStringLiteral("점심 모임"),
                                                   QStringLiteral("디자인 검토"),
                                                   QStringLiteral("빌드 상태")}
                                     : QStringList{QStringLiteral("Lunch room"),
                                                   QStringLiteral("Design review"),
                                                   QStringLiteral("Build status")};
    std::vector<std::unique_ptr<RoomServer>> servers;
    std::vector<std::unique_ptr<RichClient>> peers;
    const QStringList nicks{QStringLiteral("jun"), QStringLiteral("sora"), QStringLiteral("ci")};
    for (int i = 0; i < names.size(); ++i) {
        RoomConfig config;
        config.roomName = names.at(i);
        servers.push_back(std::make_unique<RoomServer>(config));
        if (!servers.back()->listen(QHostAddress::LocalHost, 0))
            qFatal("no server");
        const QUrl url(QStringLiteral("ws://127.0.0.1:%1").arg(servers.back()->port()));
        window.joinRoom(url, QStringLiteral("mina"), {QStringLiteral("parlor.v1")});
        peers.push_back(std::make_unique<RichClient>());
        peers.back()->join(url, nicks.at(i));
    }
    window.selectRoom(0);
    RoomListModel *rooms = window.rooms();
    if (!waitFor([&] {
            for (int row = 0; row < rooms->rowCount(); ++row) {
                const SessionController *c = rooms->controller(row);
                if (!c->session() || !c->session()->isJoined())
                    return false;
            }
            return true;
        }))
        qFatal("the window did not join its rooms");
    ChatSession *lunch = window.session();
    const QStringList lunchLines
            = korean ? QStringList{QStringLiteral("오늘 점심 어디로 갈까요?"),
                                   QStringLiteral("jun|새로 생긴 국숫집 어때요?"),
                                   QStringLiteral("좋아요, 12시에 로비에서 봐요")}
                     : QStringList{QStringLiteral("where shall we go for lunch today?"),
                                   QStringLiteral("jun|the new noodle place?"),
                                   QStringLiteral("great, lobby at noon")};
    int id = 0;
    for (const QString &entry : lunchLines) {
        const bool fromJun = entry.startsWith(QLatin1String("jun|"));
        const QString text = fromJun ? entry.mid(4) : entry;
        if (fromJun)
            peers[0]->say(QStringLiteral("jun-%1").arg(++id), text);
        else
            lunch->send(text);
        waitFor([&] {
            for (int row = 0; row < lunch->messages()->rowCount(); ++row) {
                if (lunch->messages()->line(row).text == text)
                    return true;
            }
            return false;
        });
    }
    const QStringList design = korean ? QStringList{QStringLiteral("새 시안을 올렸어요"),
                                                    QStringLiteral("색은 조금 더 밝게 했어요"),
                                                    QStringLiteral("의견 부탁해요")}
                                      : QStringList{QStringLiteral("new mock-ups are up"),
                                                    QStringLiteral("I made the colours lighter"),
                                                    QStringLiteral("comments welcome")};
    for (const QString &text : design)
        peers[1]->say(QStringLiteral("sora-%1").arg(++id), text);
    peers[2]->say(QStringLiteral("ci-%1").arg(++id),
                  korean ? QStringLiteral("빌드 #512 실패") : QStringLiteral("build #512 failed"));
    peers[2]->say(QStringLiteral("ci-%1").arg(++id),
                  korean ? QStringLiteral("mina 님, 마지막 커밋을 확인해 주세요")
                         : QStringLiteral("mina: please look at the last commit"));
    if (!waitFor([&] { return rooms->unread(1) == 3 && rooms->unread(2) == 2; }))
        qFatal("the lines did not arrive");
    window.activateWindow();
    window.chatView()->jumpToLatest();
    waitFor([] { return false; }, 250);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    if (!window.grab().save(out))
        qFatal("cannot write %s", qPrintable(out));
    QTextStream(stdout) << "wrote " << out << '\n';
    return 0;
}

// A client session in the inspector: join a room, chat, lose the server, see the reconnect.
int inspectorScene(MainWindow &window, const QString &out, int tab)
{
    window.resize(1280, 760);
    RoomConfig config;
    config.roomName = QStringLiteral("Lunch room");
    auto server = std::make_unique<RoomServer>(config);
    if (!server->listen(QHostAddress::LocalHost, 0))
        qFatal("no server");
    const quint16 port = server->port();
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    window.joinRoom(url, QStringLiteral("mina"),
                    {QStringLiteral("parlor.v1"), QStringLiteral("chatting")});
    if (!waitFor([&] { return window.session() && window.session()->isJoined(); }))
        qFatal("did not join");
    RichClient jun;
    jun.join(url, QStringLiteral("jun"));
    ChatSession *session = window.session();
    session->send(QStringLiteral("did everyone get the slides?"));
    jun.say(QStringLiteral("jun-1"),
            QStringLiteral("{\"slides\": \"shared/lunch.pdf\", \"pages\": 12}"));
    session->connection()->ping();
    waitFor([&] { return session->pendingCount() == 0 && session->connection()->lastRttMs() >= 0; });
    // The server goes away without a close frame, and comes back on the same port.
    server.reset();
    if (!waitFor([&] { return session->connection()->isReconnectScheduled(); }))
        qFatal("no reconnect scheduled");
    session->send(QStringLiteral("is the room back?"));
    server = std::make_unique<RoomServer>(config);
    if (!server->listen(QHostAddress::LocalHost, port))
        qFatal("cannot listen again");
    session->connection()->reconnectNow();
    if (!waitFor([&] { return session->isJoined() && session->pendingCount() == 0; }))
        qFatal("did not come back");
    session->connection()->ping();
    waitFor([&] { return window.inspector()->health()->pongs() >= 2; });
    window.inspector()->show();
    window.inspector()->tabs()->setCurrentIndex(tab);
    window.resizeDocks({window.inspector()}, {560}, Qt::Horizontal);
    if (tab == 2) {
        const QModelIndex last = window.inspector()
                                         ->frameFilter()
                                         ->index(window.inspector()->frameFilter()->rowCount() - 1,
                                                 0);
        for (int row = window.inspector()->frameFilter()->rowCount() - 1; row >= 0; --row) {
            const QModelIndex i = window.inspector()->frameFilter()->index(row, 0);
            if (i.data(EventLogModel::PreviewRole).toString().contains(QLatin1String("slides"))) {
                window.inspector()->frameView()->setCurrentIndex(i);
                break;
            }
        }
        Q_UNUSED(last);
    }
    // The inspector refreshes its counts at most every 100 ms: let the last refresh happen.
    waitFor([] { return false; }, 250);
    // grab() renders synchronously; it only needs the pending layouts done first.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    if (!window.grab().save(out))
        qFatal("cannot write %s", qPrintable(out));
    QTextStream(stdout) << "wrote " << out << '\n';
    return 0;
}


// The window in a topic of a real RabbitMQ broker (Web-STOMP), chatting with the real parlor-cli
// in the same topic; the inspector shows the STOMP frames. The picture is the window above and
// the terminal's own output below it, drawn as a terminal shows it.
int stompScene(MainWindow &window, const QString &out, bool korean)
{
    window.resize(1400, 720);
    RabbitMqBroker broker;
    if (!broker.start())
        qFatal("RabbitMQ did not start:\n%s", broker.failureReport().constData());
    const QByteArray topic = "/topic/lunch";
    ChatSession::StompTarget target;
    target.destination = topic;
    target.login = RabbitMqBroker::User;
    target.passcode = RabbitMqBroker::Password;
    window.joinRoom(broker.webStompUrl(), QStringLiteral("mina"), {QStringLiteral("parlor.v1")},
                    {}, {}, {}, target);
    if (!waitFor([&] { return window.session() && window.session()->isJoined(); }, 30000))
        qFatal("the window did not join the topic");
    ChatSession *session = window.session();

    QProcessEnvironment env = ChildProcess::environment();
    env.insert(QStringLiteral("PARLOR_STOMP_LOGIN"), QString::fromLatin1(RabbitMqBroker::User));
    env.insert(QStringLiteral("PARLOR_STOMP_PASSCODE"),
               QString::fromLatin1(RabbitMqBroker::Password));
    const QStringList arguments{broker.webStompUrl().toString(),
                                QStringLiteral("-s"),
                                QStringLiteral("v12.stomp"),
                                QStringLiteral("--destination"),
                                QString::fromUtf8(topic),
                                QStringLiteral("--nick"),
                                QStringLiteral("jun")};
    ChildProcess cli(QStringLiteral("parlor-cli"), TestSupport::cliBinary(), arguments, env);
    if (!cli.waitForMatch(QProcess::StandardOutput,
                          QRegularExpression(QStringLiteral("\\* subscribed to ")), 20000)
                 .hasMatch())
        qFatal("parlor-cli did not subscribe:\n%s", cli.transcript().constData());
    const QStringList lines = korean ? QStringList{QStringLiteral("jun|12시에 점심 어때요?"),
                                                   QStringLiteral("좋아요, 새로 생긴 국숫집?"),
                                                   QStringLiteral("jun|네, 로비에서 봐요")}
                                     : QStringList{QStringLiteral("jun|lunch at noon?"),
                                                   QStringLiteral("yes! the new noodle place?"),
                                                   QStringLiteral("jun|see you in the lobby")};
    for (const QString &entry : lines) {
        const bool fromJun = entry.startsWith(QLatin1String("jun|"));
        const QString text = fromJun ? entry.mid(4) : entry;
        if (fromJun)
            cli.writeLine(text);
        else
            session->send(text);
        // Both sides have it before the next line: the order is the conversation's.
        if (!waitFor([&] {
                for (int row = 0; row < session->messages()->rowCount(); ++row) {
                    if (session->messages()->line(row).text == text)
                        return session->pendingCount() == 0
                               && cli.out().contains(QStringLiteral(": ") + text);
                }
                return false;
            }, 20000))
            qFatal("a line did not go round:\n%s", cli.transcript().constData());
    }

    InspectorPanel *inspector = window.inspector();
    inspector->show();
    inspector->tabs()->setCurrentIndex(2);
    window.resizeDocks({inspector}, {580}, Qt::Horizontal);
    FrameFilter *frames = inspector->frameFilter();
    for (int row = frames->rowCount() - 1; row >= 0; --row) {
        const QModelIndex i = frames->index(row, 0);
        if (i.data(EventLogModel::StompRole).toString().startsWith(QLatin1String("STOMP MESSAGE"))) {
            inspector->frameView()->setCurrentIndex(i);
            break;
        }
    }
    waitFor([] { return false; }, 250);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    const QImage shot = window.grab().toImage();

    // The terminal: the command as typed, then what parlor-cli printed (its own output, as is).
    QStringList terminal{QStringLiteral("$ PARLOR_STOMP_LOGIN=guest PARLOR_STOMP_PASSCODE=… "
                                        "parlor-cli -s v12.stomp ws://rabbit:15674/ws "
                                        "--destination /topic/lunch --nick jun")};
    terminal += cli.out().replace(broker.webStompUrl().toString(),
                                  QStringLiteral("ws://rabbit:15674/ws"))
                        .split(u'\n', Qt::SkipEmptyParts);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    mono.setPixelSize(15);
    const QFontMetrics metrics(mono);
    const int pad = 14;
    const int termHeight = pad * 2 + metrics.lineSpacing() * int(terminal.size());
    QImage image(shot.width(), shot.height() + 12 + termHeight, QImage::Format_RGB32);
    image.fill(QColor(0x5c, 0x63, 0x70));
    QPainter p(&image);
    p.drawImage(0, 0, shot);
    const QRect term(0, shot.height() + 12, shot.width(), termHeight);
    p.fillRect(term, QColor(0x1e, 0x1f, 0x24));
    p.setFont(mono);
    int y = term.top() + pad + metrics.ascent();
    for (const QString &line : std::as_const(terminal)) {
        p.setPen(line.startsWith(u'$') ? QColor(0x9c, 0xdc, 0x7c) : QColor(0xe6, 0xe6, 0xe6));
        p.drawText(term.left() + pad, y, line);
        y += metrics.lineSpacing();
    }
    p.end();
    cli.process().closeWriteChannel();
    cli.waitForExit(10000);
    if (!image.save(out))
        qFatal("cannot write %s", qPrintable(out));
    QTextStream(stdout) << "wrote " << out << '\n';
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("parlor-screenshots"));
    QApplication::setOrganizationName(QStringLiteral("Parlor"));
    QApplication::setApplicationVersion(QStringLiteral(PARLOR_VERSION));
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("light or dark"),
                                         QStringLiteral("theme"), QStringLiteral("light"));
    const QCommandLineOption langOption(QStringLiteral("lang"), QStringLiteral("en or ko"),
                                        QStringLiteral("lang"), QStringLiteral("en"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("PNG file"),
                                       QStringLiteral("file"), QStringLiteral("parlor.png"));
    const QCommandLineOption sceneOption(QStringLiteral("scene"),
                                         QStringLiteral(
                                                 "chat, kept (the chat in a room that keeps "
                                                 "its history), private (over TLS), hostdialog, "
                                                 "nearby (the join dialog listing rooms "
                                                 "announced on the network), "
                                                 "find (the find bar), reply (replies with "
                                                 "their quotes, a mention, the reply strip), "
                                                 "hosting (the chat "
                                                 "with the inspector's peers table), or "
                                                 "inspector (a client session that lives "
                                                 "through a server restart), qr (the chat, "
                                                 "its banner with the room's QR code), "
                                                 "qrwindow (the code's large window), "
                                                 "rooms (three rooms in the list, with unread "
                                                 "and mention marks), files (a shared picture, "
                                                 "a file card, an upload on its way), stomp (the "
                                                 "window in a RabbitMQ topic with parlor-cli, "
                                                 "which starts a broker), stompdialog (the "
                                                 "join dialog for a STOMP broker)"),
                                         QStringLiteral("scene"), QStringLiteral("chat"));
    const QCommandLineOption tabOption(QStringLiteral("tab"), QStringLiteral("inspector tab index"),
                                       QStringLiteral("index"), QStringLiteral("0"));
    const QCommandLineOption
            switchOption(QStringLiteral("switch-lang"),
                         QStringLiteral(
                                 "before the picture, switch the running window to this language "
                                 "(en or ko) as the Preferences do, with the inspector open"),
                         QStringLiteral("lang"));
    parser.addOptions({themeOption, langOption, outOption, sceneOption, tabOption, switchOption});
    parser.process(app);
    const bool korean = parser.value(langOption) == QLatin1String("ko");
    Translations::install(&app, korean ? QLocale(QLocale::Korean, QLocale::SouthKorea)
                                       : QLocale(QLocale::English, QLocale::UnitedStates));
    QLocale::setDefault(korean ? QLocale(QLocale::Korean) : QLocale(QLocale::English));
    Theme::apply(parser.value(themeOption) == QLatin1String("dark") ? AppSettings::Theme::Dark
                                                                    : AppSettings::Theme::Light);

    AppSettings settings;
    settings.setNick(QStringLiteral("mina"));
    MainWindow window;
    window.resize(1100, 700);
    window.show();
    if (parser.value(sceneOption) == QLatin1String("rooms"))
        return roomsScene(window, parser.value(outOption), korean);
    if (parser.value(sceneOption) == QLatin1String("stomp"))
        return stompScene(window, parser.value(outOption), korean);
    if (parser.value(sceneOption) == QLatin1String("stompdialog")) {
        // The join dialog for a STOMP broker, as filled in to reach RabbitMQ's Web-STOMP.
        ConnectDialog dialog(settings, &window);
        dialog.setUrl(QStringLiteral("ws://rabbit.example.org:15674/ws"));
        ChatSession::StompTarget target;
        target.destination = "/topic/lunch";
        target.login = "mina";
        target.passcode = "secret";
        dialog.show();
        dialog.setStompTarget(target);
        return saveShot(dialog, parser.value(outOption));
    }
    if (parser.value(sceneOption) == QLatin1String("inspector"))
        return inspectorScene(window, parser.value(outOption), parser.value(tabOption).toInt());
    if (parser.value(sceneOption) == QLatin1String("hostdialog")) {
        // The dialog as a user first sees it: every field at its default.
        HostDialog dialog(&window);
        dialog.show();
        return saveShot(dialog, parser.value(outOption));
    }
    if (parser.value(sceneOption) == QLatin1String("nearby")) {
        // Three rooms really announced over multicast DNS, on a port of their own so that
        // nothing on the network sees them, and the join dialog finding them.
        constexpr quint16 mdnsPort = 15353;
        RoomAnnouncer::Options options;
        options.mdnsPort = mdnsPort;
        options.beacon = false;
        struct Staged
        {
            const char *en;
            const char *ko;
            quint16 port;
            int people;
            bool password;
            bool tls;
        };
        const Staged staged[] = {{"Design team", "디자인 팀", 5870, 4, false, false},
                                 {"Lunch room", "점심 모임", 5871, 12, false, true},
                                 {"Release planning", "출시 계획", 5872, 3, true, false}};
        std::vector<std::unique_ptr<RoomAnnouncer>> announcers;
        for (const Staged &s : staged) {
            RoomConfig c;
            c.roomName = QString::fromUtf8(korean ? s.ko : s.en);
            if (s.password)
                c.password = QStringLiteral("x");
            c.tls = s.tls;
            Discovery::RoomRecord record = RoomAnnouncer::recordFor(
                    c, s.port,
                    s.tls ? QStringLiteral("3f9a61c0d2b47e8851a0c6f3e29d7b14a5c8e0f6d3b21947"
                                           "c6e8a1f05d2b7c93")
                          : QString());
            record.people = s.people;
            auto announcer = std::make_unique<RoomAnnouncer>();
            announcer->setOptions(options);
            announcer->start(record);
            announcers.push_back(std::move(announcer));
        }
        ConnectDialog dialog(settings, &window);
        RoomBrowser::Options browse;
        browse.mdnsPort = mdnsPort;
        browse.beacon = false;
        dialog.setNearbyOptions(browse);
        dialog.show();
        if (!waitFor([&] { return dialog.nearbyModel()->rowCount() == 3; }))
            qFatal("the join dialog did not find the three rooms");
        dialog.nearbyView()->setCurrentIndex(dialog.nearbyModel()->index(0, 0));
        return saveShot(dialog, parser.value(outOption));
    }
    RoomConfig config;
    config.roomName = korean ? QStringLiteral("점심 모임") : QStringLiteral("Lunch room");
    // "kept": the room keeps its history (the banner says where), from a clean start.
    const bool kept = parser.value(sceneOption) == QLatin1String("kept");
    if (kept)
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
             + QStringLiteral("/rooms"))
                .removeRecursively();
    // "private": the room over TLS (the banner shows the certificate's fingerprint).
    const bool secure = parser.value(sceneOption) == QLatin1String("private");
    config.tls = secure;
    const bool files = parser.value(sceneOption) == QLatin1String("files");
    if (files) {
        window.resize(1100, 860); // room for the picture under the banner
        // Slow enough that mina's own upload is still on its way when the picture is taken.
        config.fileBytesPerSecond = 256 * 1024;
        QDir(ChatFiles::cacheDir()).removeRecursively();
    }
    window.hostRoom(config, QHostAddress::Any, 0, false,
                    kept ? SessionController::History::Kept : SessionController::History::InMemory);
    if (!waitFor([&] { return window.session() && window.session()->isJoined(); }))
        qFatal("the window did not join its room");
    const QUrl url = window.host()->localUrl();

    RichClient jun;
    RichClient sora;
    RichClient guest;
    for (RichClient *c : {&jun, &sora, &guest})
        c->trustCertificate(window.host()->tlsFingerprint());
    jun.join(url, QStringLiteral("jun"));
    sora.join(url, QStringLiteral("sora"));
    // The plain guest comes "from the browser": it sends the Origin of the room's own page, as
    // a browser on that page does.
    guest.open(url, {QStringLiteral("chatting")},
               QStringLiteral("%1://%2:%3")
                       .arg(secure ? QStringLiteral("https") : QStringLiteral("http"), url.host())
                       .arg(url.port()));
    if (!guest.waitConnected())
        qFatal("the plain guest did not connect");

    ChatSession *session = window.session();
    auto said = [&](const QString &text) {
        return waitFor([&] {
            for (int row = 0; row < session->messages()->rowCount(); ++row) {
                if (session->messages()->line(row).text == text)
                    return true;
            }
            return false;
        });
    };
    const QStringList script
            = korean ? QStringList{QStringLiteral("mina|다들 슬라이드 받았어요?"),
                                   QStringLiteral("mina|공유 폴더에 올려 두었어요: "
                                                  "https://intranet.example/slides"),
                                   QStringLiteral("jun|네 — 고마워요!"),
                                   QStringLiteral("guest|안녕하세요, 브라우저로 들어왔어요"),
                                   QStringLiteral(
                                           "sora|@mina 다시 보내 줄 수 있어요? 링크가 안 열려요."),
                                   QStringLiteral("mina|물론이죠, 잠깐만요.")}
                     : QStringList{
                             QStringLiteral("mina|did everyone get the slides?"),
                             QStringLiteral("mina|they're in the shared folder: "
                                            "https://intranet.example/slides"),
                             QStringLiteral("jun|yes — thanks!"),
                             QStringLiteral("guest|hi all, joining from the browser"),
                             QStringLiteral(
                                     "sora|@mina can you resend? the link doesn't open for me"),
                             QStringLiteral("mina|sure, one moment")};
    int id = 0;
    for (const QString &entry : script) {
        const QString who = entry.section(u'|', 0, 0);
        const QString text = entry.section(u'|', 1);
        if (who == QLatin1String("mina"))
            session->send(text);
        else if (who == QLatin1String("jun"))
            jun.say(QStringLiteral("jun-%1").arg(++id), text);
        else if (who == QLatin1String("sora"))
            sora.say(QStringLiteral("sora-%1").arg(++id), text);
        else
            guest.sendText(text);
        if (!said(text))
            qFatal("a line did not arrive");
    }
    sora.sendJson(
            {{QStringLiteral("type"), QStringLiteral("typing")}, {QStringLiteral("active"), true}});
    waitFor([&] {
        const auto *members = session->members();
        const int row = members->rowOf(QStringLiteral("sora"));
        return row >= 0 && members->index(row).data(MemberModel::TypingRole).toBool();
    });
    window.compose()->setPlainText(korean ? QStringLiteral("지금 다시 보낼게요")
                                          : QStringLiteral("sending it again now"));
    window.activateWindow();
    window.chatView()->jumpToLatest();
    waitFor([&] { return session->pendingCount() == 0; });
    if (parser.value(sceneOption) == QLatin1String("reply")) {
        // Replies: mina answers sora's mention of her (tinted), jun answers mina, and the strip
        // above the compose box says what the next message will answer.
        auto seqOf = [&](const QString &text) {
            for (int row = 0; row < session->messages()->rowCount(); ++row) {
                if (session->messages()->line(row).text == text)
                    return session->messages()->line(row).seq;
            }
            return qint64(0);
        };
        const QString mention = script.at(4).section(u'|', 1);
        const QString answer = korean ? QStringLiteral(
                                       "새 링크예요: https://intranet.example/slides-v2")
                                      : QStringLiteral("here's a new link: "
                                                       "https://intranet.example/slides-v2");
        session->send(answer, seqOf(mention));
        waitFor([&] { return session->pendingCount() == 0; });
        const QString thanks = korean ? QStringLiteral("이건 잘 열려요, 고마워요!")
                                      : QStringLiteral("that one works, thanks!");
        jun.sendJson({{QStringLiteral("type"), QStringLiteral("say")},
                      {QStringLiteral("id"), QStringLiteral("jun-reply")},
                      {QStringLiteral("text"), thanks},
                      {QStringLiteral("reply_to"), double(seqOf(answer))}});
        if (!said(thanks))
            qFatal("the reply did not arrive");
        window.chatView()->replyToRow(session->messages()->rowOfSeq(seqOf(thanks)));
        window.compose()->setPlainText(korean ? QStringLiteral("다행이에요")
                                              : QStringLiteral("great"));
        window.chatView()->jumpToLatest();
    }
    if (files) {
        // Sharing: sora's picture with its thumbnail, jun's report as a card with its size and
        // Save, and mina's slides on their way up (a progress bar).
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        eveningPicture(QSize(1200, 800)).save(&buffer, "JPG", 88);
        const QString pictureName = korean ? QStringLiteral("토요일 저녁.jpg")
                                           : QStringLiteral("saturday evening.jpg");
        sora.say(QStringLiteral("sora-files-1"), korean ? QStringLiteral("토요일에 찍은 사진이에요")
                                                        : QStringLiteral("a photo from Saturday"));
        peerShares(sora, QStringLiteral("sora-file-1"), pictureName, buffer.data(),
                   QStringLiteral("image/jpeg"));
        QByteArray report(2'200'000, '\0');
        for (int i = 0; i < report.size(); ++i)
            report[i] = char((i * 7919) >> 3);
        const QString reportName = korean ? QStringLiteral("분기 보고서 2026 Q4 최종본.pdf")
                                          : QStringLiteral("Quarterly report 2026 Q4 final.pdf");
        peerShares(jun, QStringLiteral("jun-file-1"), reportName, QByteArray("%PDF-1.7\n") + report,
                   QStringLiteral("application/pdf"));
        // The picture is fetched and its thumbnail made.
        if (!waitFor(
                    [&] {
                        for (int row = 0; row < session->messages()->rowCount(); ++row) {
                            const QModelIndex i = session->messages()->index(row, 0);
                            if (i.data(MessageModel::FileNameRole).toString() == pictureName)
                                return window.chatView()->files()->thumbnail(
                                               i.data(MessageModel::FileKeyRole).toString())
                                       != nullptr;
                        }
                        return false;
                    },
                    20000))
            qFatal("the picture's thumbnail did not come");
        QTemporaryDir dir;
        const QString slides = dir.filePath(korean ? QStringLiteral("발표 자료.odp")
                                                   : QStringLiteral("slides.odp"));
        {
            QFile f(slides);
            if (!f.open(QIODevice::WriteOnly))
                qFatal("cannot write the slides");
            f.write(QByteArray(3'000'000, 'x'));
        }
        window.compose()->clear();
        window.offerFiles({slides});
        window.shareStrip()->shareButton()->click();
        // Caught on its way: a third or so sent.
        if (!waitFor(
                    [&] {
                        const TransferModel *t = session->transfers();
                        for (int row = 0; row < t->rowCount(); ++row) {
                            const QModelIndex i = t->index(row, 0);
                            if (i.data(TransferModel::DirectionRole).toInt()
                                        == int(TransferModel::Direction::Upload)
                                && i.data(TransferModel::DoneRole).toLongLong() > 900'000)
                                return true;
                        }
                        return false;
                    },
                    30000))
            qFatal("the upload did not start");
        window.compose()->setPlainText(korean ? QStringLiteral("발표 자료도 올려요")
                                              : QStringLiteral("and here are the slides"));
        window.chatView()->jumpToLatest();
    }
    if (parser.value(sceneOption) == QLatin1String("browser")) {
        // The room's own page in headless Chromium, joining the same conversation.
        QUrl url = window.host()->localUrl();
        url.setScheme(QStringLiteral("http"));
        url.setPath(QStringLiteral("/"));
        url.setQuery(QStringLiteral("nick=")
                     + (korean ? QStringLiteral("하늘") : QStringLiteral("haneul")));
        ChromiumPage page;
        if (!page.open(url, korean ? QStringLiteral("ko") : QStringLiteral("en-US"), 960, 600))
            qFatal("chromium: %s", qPrintable(page.lastError()));
        if (!page.waitUntil(QStringLiteral("document.querySelector('#state.open') "
                                           "&& !document.getElementById('chat').hidden")))
            qFatal("the page did not join: %s", qPrintable(page.lastError()));
        const QByteArray png = page.screenshot();
        QFile file(parser.value(outOption));
        if (png.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(png) != png.size())
            qFatal("cannot write %s", qPrintable(parser.value(outOption)));
        QTextStream(stdout) << "wrote " << parser.value(outOption) << '\n';
        return 0;
    }
    if (parser.value(sceneOption) == QLatin1String("hosting")) {
        // The hosting view: every peer pinged once, so the round trips show.
        window.resize(1380, 820);
        InspectorPanel *inspector = window.inspector();
        inspector->show();
        window.removeDockWidget(inspector);
        window.addDockWidget(Qt::BottomDockWidgetArea, inspector);
        inspector->show();
        window.resizeDocks({inspector}, {330}, Qt::Vertical);
        inspector->tabs()->setCurrentWidget(inspector->peersView());
        PeerModel *peers = inspector->peersView()->model();
        if (!waitFor([&] { return peers->rowCount() == 4; }))
            qFatal("the peers did not show");
        for (int row = 0; row < peers->rowCount(); ++row)
            window.host()->ping(peers->peerAt(row).id);
        waitFor([&] {
            for (int row = 0; row < peers->rowCount(); ++row) {
                if (peers->peerAt(row).lastRttMs < 0)
                    return false;
            }
            return true;
        });
        inspector->peersView()->tableView()->selectRow(peers->rowOf(peers->peerAt(2).id));
    }
    if (parser.value(sceneOption) == QLatin1String("qrwindow")) {
        // The large window of the code, as the banner's button opens it (for a projector).
        auto *banner = window.findChild<HostBanner *>();
        if (!banner || !banner->showQrButton()->isVisible())
            qFatal("the banner shows no QR code (does this computer have a network address?)");
        banner->showQrButton()->click();
        QrWindow *large = banner->qrWindow();
        large->resize(640, 760);
        return saveShot(*large, parser.value(outOption));
    }
    if (parser.value(sceneOption) == QLatin1String("find")) {
        // Find in the chat (Ctrl+F): every match highlighted, the current one distinctly.
        auto *bar = window.findChild<FindBar *>();
        bar->open();
        // Typed as an input method hands it over (QTest::keyClicks knows only Latin-1).
        QInputMethodEvent typed;
        typed.setCommitString(korean ? QStringLiteral("요") : QStringLiteral("slides"));
        QCoreApplication::sendEvent(bar->edit(), &typed);
        QTest::keyClick(bar->edit(), Qt::Key_Return);
    }
    if (parser.value(sceneOption) == QLatin1String("selection")) {
        // Text selected by a real drag: from the middle of mina's line to the middle of the
        // guest's, jun's line between wholly (its name and time drawn selected too).
        ChatView *chat = window.chatView();
        chat->jumpToLatest();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        auto rowOf = [&](const QString &entry) {
            const QString text = entry.section(u'|', 1);
            for (int row = 0; row < session->messages()->rowCount(); ++row) {
                if (session->messages()->line(row).text == text)
                    return row;
            }
            qFatal("a line is not in the chat");
        };
        auto pointAt = [&](int row, const QString &word) {
            const QModelIndex index = chat->model()->index(row, 0);
            QStyleOptionViewItem option;
            option.initFrom(chat->viewport());
            option.font = chat->font();
            option.rect = chat->visualRect(index);
            const int pos = int(MessageDelegate::shownText(index).indexOf(word));
            const QRect caret = chat->messageDelegate()->cursorRect(option, index, pos);
            return QPoint(caret.left(), caret.center().y());
        };
        const QPoint from = pointAt(rowOf(script.at(1)),
                                    korean ? QStringLiteral("폴더") : QStringLiteral("shared"));
        const QPoint to = pointAt(rowOf(script.at(3)),
                                  korean ? QStringLiteral("브라우저") : QStringLiteral("from"));
        QTest::mousePress(chat->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(chat->viewport(), (from + to) / 2);
        QTest::mouseMove(chat->viewport(), to);
        QTest::mouseRelease(chat->viewport(), Qt::LeftButton, {}, to);
    }
    if (parser.isSet(switchOption)) {
        // The language changed in the running window (Preferences → Language → OK).
        window.inspector()->show();
        settings.setLanguage(parser.value(switchOption));
        window.applyLanguage();
    }
    // The inspector refreshes its counts at most every 100 ms: let the last refresh happen.
    waitFor([] { return false; }, 250);
    // grab() renders synchronously; it only needs the pending layouts done first.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();

    const QString out = parser.value(outOption);
    if (!window.grab().save(out))
        qFatal("cannot write %s", qPrintable(out));
    QTextStream(stdout) << "wrote " << out << '\n';
    return 0;
}
