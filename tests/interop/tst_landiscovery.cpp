// LAN discovery between two computers: two network namespaces joined by a veth pair (made here
// with `ip netns`), parlor-server announcing in one, parlor-cli --discover looking in the other.
// Multicast DNS and the broadcast beacon travel a real link, not loopback (docs/DISCOVERY.md).

#include "childprocess.h"
#include "netnspair.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

namespace {

// The promises: listed within 3 s, gone within 10 s of the room stopping.
constexpr int ListedWithinMs = 3000;
constexpr int GoneWithinMs = 10000;
constexpr int GoodbyeWithinMs = 2000;

QString sourcesOf(const QJsonObject &room)
{
    QStringList names;
    for (const QJsonValue &v : room.value(QStringLiteral("sources")).toArray())
        names.append(v.toString());
    return names.join(u',');
}

} // namespace

class tst_LanDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listedInTheOtherNamespaceAndJoinable();
    void beaconWhereMulticastIsFiltered();
    void killedRoomLeaves();
    void noAnnounce();
    void cliRefusesBadDiscoverOptions();

private:
    std::unique_ptr<ServerProcess> startRoom(const QStringList &extra = {});
    std::unique_ptr<ChildProcess> watch();
    /// Waits for the first --watch line with \a event for a room on \a port; its JSON.
    QJsonObject waitForEvent(ChildProcess &watcher, const QString &event, quint16 port,
                             int timeoutMs);

    std::unique_ptr<NetnsPair> m_net;
};

void tst_LanDiscovery::init()
{
    m_net = std::make_unique<NetnsPair>();
    if (!m_net->create()) {
        // Only a machine that forbids namespaces excuses this test (docs/DISCOVERY.md); any
        // other failure to build the LAN is a failure.
        if (m_net->deniedByPermission())
            QSKIP(qPrintable(QStringLiteral("cannot create network namespaces here (needs root): ")
                             + m_net->errorString()));
        QFAIL(qPrintable(m_net->errorString()));
    }
}

void tst_LanDiscovery::cleanup()
{
    m_net.reset();
}

std::unique_ptr<ServerProcess> tst_LanDiscovery::startRoom(const QStringList &extra)
{
    auto server = std::make_unique<ServerProcess>(QStringList{QStringLiteral("--port"),
                                                              QStringLiteral("0"),
                                                              QStringLiteral("--room"),
                                                              QStringLiteral("Lab 실험실")}
                                                          + extra,
                                                  QMap<QString, QString>{},
                                                  m_net->wrapper(NetnsPair::A));
    return server;
}

std::unique_ptr<ChildProcess> tst_LanDiscovery::watch()
{
    return std::make_unique<ChildProcess>(QStringLiteral("discover"),
                                          m_net->wrapper(NetnsPair::B).constFirst(),
                                          m_net->wrapper(NetnsPair::B).mid(1)
                                                  + QStringList{TestSupport::cliBinary(),
                                                                QStringLiteral("--discover"),
                                                                QStringLiteral("--watch"),
                                                                QStringLiteral("--json")});
}

QJsonObject tst_LanDiscovery::waitForEvent(ChildProcess &watcher, const QString &event,
                                           quint16 port, int timeoutMs)
{
    QJsonObject found;
    watcher.waitUntil(
            [&] {
                for (const QJsonObject &o : watcher.jsonLines()) {
                    if (o.value(QStringLiteral("event")).toString() == event
                        && o.value(QStringLiteral("port")).toInt() == port) {
                        found = o;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
    return found;
}

void tst_LanDiscovery::listedInTheOtherNamespaceAndJoinable()
{
    auto watcher = watch();
    auto server = startRoom();
    QVERIFY2(server->waitForPort(), server->transcript().constData());
    QElapsedTimer sinceStart;
    sinceStart.start();

    const QJsonObject room = waitForEvent(*watcher, QStringLiteral("added"), server->port(),
                                          ListedWithinMs);
    QVERIFY2(!room.isEmpty(), QByteArray(server->transcript() + watcher->transcript()).constData());
    qInfo("listed after %lld ms", sinceStart.elapsed());
    const QString url
            = QStringLiteral("ws://%1:%2").arg(m_net->address(NetnsPair::A)).arg(server->port());
    QCOMPARE(room.value(QStringLiteral("url")).toString(), url);
    QCOMPARE(room.value(QStringLiteral("name")).toString(), QStringLiteral("Lab 실험실"));
    QCOMPARE(room.value(QStringLiteral("password")).toBool(), false);
    QCOMPARE(room.value(QStringLiteral("tls")).toBool(), false);
    QCOMPARE(room.value(QStringLiteral("people")).toInt(-1), 0);

    // The one-shot form prints the same room in its list.
    ChildProcess once(QStringLiteral("discover-once"), m_net->wrapper(NetnsPair::B).constFirst(),
                      m_net->wrapper(NetnsPair::B).mid(1)
                              + QStringList{TestSupport::cliBinary(),
                                            QStringLiteral("--discover")});
    QVERIFY2(once.waitForExit(), once.transcript().constData());
    QCOMPARE(once.process().exitCode(), 0);
    QVERIFY2(once.out().contains(QStringLiteral("Lab 실험실\t") + url),
             once.transcript().constData());

    // Joining by the listed address works, from the other computer.
    ChildProcess alice(QStringLiteral("alice"), m_net->wrapper(NetnsPair::B).constFirst(),
                       m_net->wrapper(NetnsPair::B).mid(1)
                               + QStringList{TestSupport::cliBinary(),
                                             room.value(QStringLiteral("url")).toString(),
                                             QStringLiteral("--nick"), QStringLiteral("alice")});
    QVERIFY2(alice.waitUntil([&] { return alice.out().contains(QStringLiteral("* connected")); },
                             ChildProcess::exitTimeoutMs),
             alice.transcript().constData());
    // parlor-cli ends with 0 only once the room confirmed what it sent (docs/CLI.md).
    alice.writeLine(QStringLiteral("found you on the LAN"));

    // The record follows the room: one person now.
    QVERIFY2(watcher->waitUntil(
                     [&] {
                         for (const QJsonObject &o : watcher->jsonLines()) {
                             if (o.value(QStringLiteral("event")).toString()
                                         == QLatin1String("changed")
                                 && o.value(QStringLiteral("people")).toInt() == 1) {
                                 return true;
                             }
                         }
                         return false;
                     },
                     GoneWithinMs),
             watcher->transcript().constData());

    // Stopped (SIGTERM, as systemd or Ctrl+C would): its goodbye takes it off the list.
    alice.process().closeWriteChannel();
    QVERIFY2(alice.waitForExit(), alice.transcript().constData());
    QCOMPARE(alice.process().exitCode(), 0);
    server->process().terminate();
    QElapsedTimer sinceStop;
    sinceStop.start();
    // The goodbye makes it at once; the 10 s promise would hold even without one (the beacon
    // expires), so this checks the goodbye itself.
    const QJsonObject gone = waitForEvent(*watcher, QStringLiteral("removed"), server->port(),
                                          GoodbyeWithinMs);
    QVERIFY2(!gone.isEmpty(), QByteArray(server->transcript() + watcher->transcript()).constData());
    qInfo("removed %lld ms after SIGTERM", sinceStop.elapsed());
    QVERIFY(server->waitForExit());
}

void tst_LanDiscovery::beaconWhereMulticastIsFiltered()
{
    // The room's side has no multicast: only the broadcast beacon can tell the other side.
    QVERIFY2(m_net->setMulticast(NetnsPair::A, false), qPrintable(m_net->errorString()));
    auto watcher = watch();
    auto server = startRoom({QStringLiteral("--password"), QStringLiteral("secret")});
    QVERIFY2(server->waitForPort(), server->transcript().constData());
    const QJsonObject room = waitForEvent(*watcher, QStringLiteral("added"), server->port(),
                                          ListedWithinMs);
    QVERIFY2(!room.isEmpty(), QByteArray(server->transcript() + watcher->transcript()).constData());
    QCOMPARE(sourcesOf(room), QStringLiteral("beacon"));
    QCOMPARE(room.value(QStringLiteral("password")).toBool(), true);
    QCOMPARE(room.value(QStringLiteral("url")).toString(),
             QStringLiteral("ws://%1:%2").arg(m_net->address(NetnsPair::A)).arg(server->port()));

    // Killed without a goodbye: its beacons stop, and it leaves the list.
    server->kill();
    QElapsedTimer sinceKill;
    sinceKill.start();
    const QJsonObject gone = waitForEvent(*watcher, QStringLiteral("removed"), server->port(),
                                          GoneWithinMs);
    QVERIFY2(!gone.isEmpty(), watcher->transcript().constData());
    qInfo("removed %lld ms after SIGKILL", sinceKill.elapsed());
}

void tst_LanDiscovery::killedRoomLeaves()
{
    // Seen both ways; then killed, so no goodbye. Its multicast DNS records would be believed
    // for two minutes, but its beacons stop, and that is enough.
    auto watcher = watch();
    auto server = startRoom();
    QVERIFY2(server->waitForPort(), server->transcript().constData());
    QVERIFY2(watcher->waitUntil(
                     [&] {
                         for (const QJsonObject &o : watcher->jsonLines()) {
                             if (o.value(QStringLiteral("port")).toInt() == server->port()
                                 && sourcesOf(o) == QLatin1String("mdns,beacon")) {
                                 return true;
                             }
                         }
                         return false;
                     },
                     GoneWithinMs),
             watcher->transcript().constData());
    server->kill();
    QElapsedTimer sinceKill;
    sinceKill.start();
    const QJsonObject gone = waitForEvent(*watcher, QStringLiteral("removed"), server->port(),
                                          GoneWithinMs);
    QVERIFY2(!gone.isEmpty(), watcher->transcript().constData());
    qInfo("removed %lld ms after SIGKILL", sinceKill.elapsed());
}

void tst_LanDiscovery::noAnnounce()
{
    auto server = startRoom({QStringLiteral("--no-announce")});
    QVERIFY2(server->waitForPort(), server->transcript().constData());
    ChildProcess once(QStringLiteral("discover-once"), m_net->wrapper(NetnsPair::B).constFirst(),
                      m_net->wrapper(NetnsPair::B).mid(1)
                              + QStringList{TestSupport::cliBinary(), QStringLiteral("--discover"),
                                            QStringLiteral("--json")});
    QVERIFY2(once.waitForExit(), once.transcript().constData());
    QCOMPARE(once.process().exitCode(), 0);
    QVERIFY2(once.jsonLines().isEmpty(), once.transcript().constData());
    QVERIFY(!server->err().contains(QStringLiteral("discovery: announcing")));
}

void tst_LanDiscovery::cliRefusesBadDiscoverOptions()
{
    const QList<QStringList> bad = {
            {QStringLiteral("--discover"), QStringLiteral("ws://127.0.0.1:1")},
            {QStringLiteral("--discover"), QStringLiteral("--discover-time"), QStringLiteral("0")},
            {QStringLiteral("--discover"), QStringLiteral("--discover-time"),
             QStringLiteral("soon")},
            {QStringLiteral("--watch"), QStringLiteral("ws://127.0.0.1:1")},
    };
    for (const QStringList &arguments : bad) {
        ChildProcess cli(QStringLiteral("cli"), TestSupport::cliBinary(), arguments);
        QVERIFY2(cli.waitForExit(), cli.transcript().constData());
        QVERIFY2(cli.process().exitCode() == 2, cli.transcript().constData());
        QVERIFY2(cli.err().contains(QStringLiteral("parlor-cli: ")), cli.transcript().constData());
    }
}

QTEST_GUILESS_MAIN(tst_LanDiscovery)
#include "tst_landiscovery.moc"
