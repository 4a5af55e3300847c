// The desktop app started from a terminal — the real parlor binary (offscreen, in a private
// home) against real parlor-servers: `parlor URL --proxy socks5://…` goes through that proxy;
// a URL is added to the rooms of last time rather than replacing them; SIGTERM closes the app
// as Quit does (its rooms left, its settings written); a bad --proxy is refused with exit 2.
// No sleeps: every wait is on the room's messages, the proxy's requests or the app's exit.

#include "richclient.h"
#include "serverprocess.h"
#include "socks5proxy.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 20000;

/// The desktop app with \a arguments, in \a home.
std::unique_ptr<ChildProcess> startApp(const QString &home, const QStringList &arguments)
{
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home + u"/cache"_s);
    return std::make_unique<ChildProcess>(u"parlor"_s, QStringLiteral(PARLOR_DESKTOP_BINARY),
                                          arguments, env);
}

RichClient::Predicate roomEvent(const QString &type, const QString &nick)
{
    return [type, nick](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == type && o.value(u"nick"_s).toString() == nick;
    };
}

std::unique_ptr<ServerProcess> startRoom()
{
    auto room = std::make_unique<ServerProcess>(ServerProcess::localArguments()
                                                + QStringList{u"--no-announce"_s});
    if (!room->waitForPort())
        qWarning("%s", room->transcript().constData());
    return room;
}

} // namespace

class tst_DesktopCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void aUrlWithAProxyGoesThroughIt();
    void aUrlIsAddedToTheRoomsOfLastTime();
    void hostIsAddedToTheRoomsOfLastTime();
    void aBadProxyIsRefused();
};

void tst_DesktopCommandLine::aUrlWithAProxyGoesThroughIt()
{
    auto room = startRoom();
    QVERIFY(room->port());
    RichClient host;
    QVERIFY(!host.join(room->url(), u"host"_s).isEmpty());
    Socks5Proxy proxy;
    QVERIFY(proxy.listen());
    QTemporaryDir home;
    auto app = startApp(home.path(), {room->url().toString(), u"--nick"_s, u"webby"_s, u"--proxy"_s,
                                      u"socks5://127.0.0.1:%1"_s.arg(proxy.port())});
    QVERIFY2(!host.waitFor(roomEvent(u"join"_s, u"webby"_s), waitMs).isEmpty(),
             app->transcript().constData());
    // The app's connection to the room is the one the proxy opened.
    QCOMPARE(proxy.requests(), QStringList{u"127.0.0.1:%1"_s.arg(room->port())});
    QCOMPARE(proxy.tunnels(), 1);
}

void tst_DesktopCommandLine::aUrlIsAddedToTheRoomsOfLastTime()
{
    auto first = startRoom();
    auto second = startRoom();
    QVERIFY(first->port() && second->port());
    RichClient one, two;
    QVERIFY(!one.join(first->url(), u"one"_s).isEmpty());
    QVERIFY(!two.join(second->url(), u"two"_s).isEmpty());
    QTemporaryDir home;
    {
        auto app = startApp(home.path(), {first->url().toString(), u"--nick"_s, u"webby"_s});
        QVERIFY2(!one.waitFor(roomEvent(u"join"_s, u"webby"_s), waitMs).isEmpty(),
                 app->transcript().constData());
        // Logging out: the app closes as by Quit, leaving its room with a closing handshake.
        QCOMPARE(::kill(pid_t(app->process().processId()), SIGTERM), 0);
        const QJsonObject leave = one.waitFor(roomEvent(u"leave"_s, u"webby"_s), waitMs);
        QCOMPARE(leave.value(u"reason"_s).toString(), u"quit"_s);
        QVERIFY(app->waitForExit(waitMs));
        QCOMPARE(app->process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(app->process().exitCode(), 0);
    }
    // Started again with the other room: that one is added, and the first comes back too.
    auto app = startApp(home.path(), {second->url().toString()});
    QVERIFY2(!two.waitFor(roomEvent(u"join"_s, u"webby"_s), waitMs).isEmpty(),
             app->transcript().constData());
    QVERIFY2(!one.waitFor(roomEvent(u"join"_s, u"webby"_s), waitMs).isEmpty(),
             app->transcript().constData());
}

void tst_DesktopCommandLine::hostIsAddedToTheRoomsOfLastTime()
{
    // parlor --host PORT after a run in a room: that room comes back, and the hosted one is
    // added (before, --host replaced the rooms of last time).
    auto first = startRoom();
    QVERIFY(first->port());
    RichClient one;
    QVERIFY(!one.join(first->url(), u"one"_s).isEmpty());
    QTemporaryDir home;
    {
        auto app = startApp(home.path(), {first->url().toString(), u"--nick"_s, u"webby"_s});
        QVERIFY2(!one.waitFor(roomEvent(u"join"_s, u"webby"_s), waitMs).isEmpty(),
                 app->transcript().constData());
        QCOMPARE(::kill(pid_t(app->process().processId()), SIGTERM), 0);
        QVERIFY(app->waitForExit(waitMs));
        QCOMPARE(app->process().exitCode(), 0);
    }
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    auto app = startApp(home.path(), {u"--host"_s, QString::number(port)});
    QVERIFY2(!one.waitFor(roomEvent(u"join"_s, u"webby"_s), waitMs).isEmpty(),
             app->transcript().constData());
    // The hosted room is there, and its host in it.
    // Asked again until the room is open and its host has joined it (each try a new client).
    const auto hostIsIn = [port] {
        RichClient guest;
        const QJsonObject welcome = guest.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(port)), u"guest"_s);
        for (const QJsonValue &m : welcome.value(u"members"_s).toArray()) {
            if (m.toObject().value(u"nick"_s).toString() == u"webby"_s)
                return true;
        }
        return false;
    };
    QVERIFY2(QTest::qWaitFor(hostIsIn, waitMs), app->transcript().constData());
}

void tst_DesktopCommandLine::aBadProxyIsRefused()
{
    QTemporaryDir home;
    auto scheme = startApp(home.path(), {u"ws://127.0.0.1:1"_s, u"--proxy"_s, u"ftp://x:1"_s});
    QVERIFY(scheme->waitForExit(waitMs));
    QCOMPARE(scheme->process().exitCode(), 2);
    QVERIFY2(scheme->err().contains(u"is not a proxy"_s), scheme->transcript().constData());
    auto alone = startApp(home.path(), {u"--proxy"_s, u"none"_s});
    QVERIFY(alone->waitForExit(waitMs));
    QCOMPARE(alone->process().exitCode(), 2);
    QVERIFY2(alone->err().contains(u"--proxy goes with a room URL"_s),
             alone->transcript().constData());
}

QTEST_GUILESS_MAIN(tst_DesktopCommandLine)
#include "tst_desktopcommandline.moc"
