// The real MainWindow on a 1280×800 screen, as a laptop has: the offscreen platform is given
// that screen by a configuration file before the application starts (see main() below). The
// window is joined to a plain `chatting` server on 127.0.0.1, whose header is the widest there
// is (the address, the subprotocol and the plain-mode hint), and the inspector is opened and
// closed: the window must stay inside the screen and keep its width, the panel taking its room
// from the chat, and the buttons at the right edge must stay in sight.
//
// Every wait is on a condition (QTRY_*, QTest::qWaitFor); nothing sleeps.

#include "chatview.h"
#include "hostbanner.h"
#include "inspectorpanel.h"
#include "mainwindow.h"
#include "roomheader.h"

#include "appsettings.h"
#include "client/chatsession.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;
constexpr int screenWidth = 1280;
constexpr int screenHeight = 800;

/// A server that speaks only `chatting`: text in, the same text out to everyone.
class PlainRoom : public QObject
{
public:
    PlainRoom()
        : m_server(u"plain"_s, QWebSocketServer::NonSecureMode)
    {
        m_server.setSupportedSubprotocols({u"chatting"_s});
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                socket->sendTextMessage(u"welcome to the plain room"_s);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server.serverPort())); }

private:
    QWebSocketServer m_server;
};

/// Shows \a window as wide as the screen, its frame included, at the screen's left edge.
bool fillScreenWidth(QWidget &window)
{
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    const QRect available = window.screen()->availableGeometry();
    const QSize frameExtra = window.frameGeometry().size() - window.size();
    const QPoint frameOffset = window.geometry().topLeft() - window.frameGeometry().topLeft();
    window.setGeometry(QRect(available.topLeft() + frameOffset,
                             QSize(available.width() - frameExtra.width(),
                                   available.height() - frameExtra.height())));
    return QTest::qWaitFor([&] { return window.frameGeometry().width() == available.width(); })
           && QTest::qWaitForWindowActive(&window);
}

/// Whether all of \a widget is drawn: shown, and no part of it cut off by its parents (the
/// window's edge, a dock too narrow for it).
bool wholeInSight(QWidget *widget)
{
    return widget && widget->isVisible() && !widget->visibleRegion().isEmpty()
           && widget->visibleRegion().boundingRect() == widget->rect();
}

bool insideScreen(const QWidget &window)
{
    const QRect available = window.screen()->availableGeometry();
    return available.contains(window.frameGeometry());
}

} // namespace

class tst_SmallScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void inspectorTakesItsRoomFromTheChat();
    void aWindowWiderThanTheScreenIsBroughtInside();
    void theHostBannerLeavesRoomForTheInspector();

private:
    QTemporaryDir m_home;
};

void tst_SmallScreen::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_home.isValid());
    QCoreApplication::setOrganizationName(u"ParlorTests"_s);
    QCoreApplication::setApplicationName(u"tst_smallscreen"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
    QVERIFY(QSettings().fileName().startsWith(m_home.path()));
    // The screen the platform was given, or this test tests nothing.
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    QCOMPARE(available.size(), QSize(screenWidth, screenHeight));
}

void tst_SmallScreen::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
    AppSettings().setNick(u"mina"_s);
}

void tst_SmallScreen::inspectorTakesItsRoomFromTheChat()
{
    PlainRoom room;
    QVERIFY(room.listen());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // As wide as the screen, its frame included, and at its left edge.
    const QRect available = window.screen()->availableGeometry();
    const QSize frameExtra = window.frameGeometry().size() - window.size();
    window.setGeometry(
            QRect(available.topLeft()
                          + (window.geometry().topLeft() - window.frameGeometry().topLeft()),
                  QSize(available.width() - frameExtra.width(),
                        available.height() - frameExtra.height())));
    QTRY_COMPARE(window.frameGeometry().width(), available.width());
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.joinRoom(room.url(), u"mina"_s, {u"parlor.v1"_s, u"chatting"_s});
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->mode(), ChatSession::Mode::Plain, waitMs);

    auto *header = window.findChild<RoomHeader *>();
    QVERIFY(header);
    QToolButton *inspectorButton = header->inspectorButton();
    QTRY_VERIFY(wholeInSight(inspectorButton));
    const int width = window.width();
    QVERIFY(insideScreen(window));
    const int chatWidth = window.chatView()->width();

    // Ctrl+I opens the inspector beside the chat, the chat giving it the room.
    QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
    InspectorPanel *inspector = window.inspector();
    QTRY_VERIFY(inspector->isVisible());
    QVERIFY(!inspector->isFloating());
    QTRY_VERIFY(wholeInSight(inspector->exportButton()));
    QCOMPARE(window.width(), width);
    QVERIFY2(insideScreen(window),
             qPrintable(u"window %1,%2 %3×%4"_s.arg(window.frameGeometry().x())
                                .arg(window.frameGeometry().y())
                                .arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())));
    QVERIFY(wholeInSight(inspectorButton));
    QTRY_VERIFY(window.chatView()->width() < chatWidth);
    // Well in sight, not squeezed to a sliver, and the chat keeps the larger part.
    QVERIFY(inspector->width() >= inspector->minimumSizeHint().width());
    QVERIFY2(window.chatView()->width() > window.width() / 2,
             qPrintable(u"chat %1 of %2"_s.arg(window.chatView()->width()).arg(window.width())));

    // The header's button closes it again; the chat gets its room back, the window stays.
    QTest::mouseClick(inspectorButton, Qt::LeftButton);
    QTRY_VERIFY(!inspector->isVisible());
    QCOMPARE(window.width(), width);
    QVERIFY(insideScreen(window));
    QTRY_COMPARE(window.chatView()->width(), chatWidth);

    // And open again, from the header, the same.
    QTest::mouseClick(inspectorButton, Qt::LeftButton);
    QTRY_VERIFY(inspector->isVisible());
    QTRY_VERIFY(wholeInSight(inspector->exportButton()));
    QCOMPARE(window.width(), width);
    QVERIFY(insideScreen(window));
}

void tst_SmallScreen::aWindowWiderThanTheScreenIsBroughtInside()
{
    // Restored from a larger screen, say: wider than this one, and past its right edge.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QRect available = window.screen()->availableGeometry();
    window.setGeometry(QRect(available.left() + 200, available.top() + 40, available.width() + 100,
                             available.height() - 100));
    QTRY_VERIFY(window.frameGeometry().right() > available.right());
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // Opening the inspector does not make it worse: the window comes inside the screen.
    QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY(window.inspector()->isVisible());
    QTRY_VERIFY2(insideScreen(window),
                 qPrintable(u"window %1 to %2"_s.arg(window.frameGeometry().left())
                                    .arg(window.frameGeometry().right())));
    QVERIFY(wholeInSight(window.inspector()->exportButton()));
    QVERIFY(wholeInSight(window.findChild<RoomHeader *>()->inspectorButton()));
}

void tst_SmallScreen::theHostBannerLeavesRoomForTheInspector()
{
    // Hosting a room on the network: the banner lists its addresses, the browser page's and a
    // QR code, the widest thing the window shows.
    MainWindow window;
    QVERIFY(fillScreenWidth(window));
    RoomConfig config;
    config.roomName = u"Lunch room"_s;
    window.hostRoom(config, QHostAddress::LocalHost, 0);
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
    auto *banner = window.findChild<HostBanner *>();
    QVERIFY(banner);
    banner->showRoom(u"Lunch room"_s, SessionController::Reach::Network,
                     {QUrl(u"ws://192.168.100.200:5870"_s), QUrl(u"ws://[fd00:1234::abcd]:5870"_s),
                      QUrl(u"ws://10.200.100.150:5870"_s)},
                     QUrl(u"http://192.168.100.200:5870/"_s));
    QTRY_VERIFY(banner->showQrButton()->isVisible());
    const int width = window.width();
    QVERIFY(insideScreen(window));

    QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY(window.inspector()->isVisible());
    QTRY_VERIFY(wholeInSight(window.inspector()->exportButton()));
    QCOMPARE(window.width(), width);
    QVERIFY(insideScreen(window));
    QVERIFY(wholeInSight(window.findChild<RoomHeader *>()->inspectorButton()));
    QVERIFY(wholeInSight(banner->showQrButton()));
    // Every address can still be read (and copied) in the banner.
    const auto copies = banner->findChildren<QToolButton *>();
    QCOMPARE(copies.size(), 4);
    for (QToolButton *copy : copies)
        QVERIFY2(wholeInSight(copy), qPrintable(copy->accessibleName()));
}

int main(int argc, char *argv[])
{
    // A screen of 1280×800 for the offscreen platform, given before QApplication reads it.
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    const QString config = dir.filePath(u"screen.json"_s);
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(QStringLiteral(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": %1,
                                  "height": %2, "logicalDpi": 96, "logicalBaseDpi": 96,
                                  "dpr": 1}]})")
                       .arg(screenWidth)
                       .arg(screenHeight)
                       .toUtf8());
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    tst_SmallScreen test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_smallscreen.moc"
