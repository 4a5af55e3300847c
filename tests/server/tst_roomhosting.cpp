// What the room tells its host about each connection (RoomServer::peers() and peersChanged(),
// the hosting view's data), and the host's actions on a peer: kick and ping. Real clients on
// 127.0.0.1: QWebSocket-based RichClient, and RawWebSocketClient where the request's headers
// (Origin, User-Agent, the offered subprotocols) or a reader that stops reading matter.

#include "rawwebsocketclient.h"
#include "richclient.h"

#include "protocol/closecodes.h"
#include "protocol/protocol.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"
#include "server/roomserver.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

using Raw = RawWebSocketClient;

RoomConfig testConfig()
{
    RoomConfig config;
    config.messagesPerSecond = 1000;
    return config;
}

bool isType(const QJsonObject &o, const QString &type)
{
    return o.value(u"type"_s).toString() == type;
}

RichClient::Predicate leaveOf(const QString &nick)
{
    return [nick](const QJsonObject &o) {
        return isType(o, u"leave"_s) && o.value(u"nick"_s).toString() == nick;
    };
}

RichClient::Predicate messageWithId(const QString &id)
{
    return [id](const QJsonObject &o) {
        return isType(o, u"message"_s) && o.value(u"id"_s).toString() == id;
    };
}

QJsonObject joinRoom(RichClient &client, const QUrl &url, const QString &nick)
{
    client.open(url);
    if (!client.waitConnected())
        return {};
    client.hello(nick);
    return client.waitForType(u"welcome"_s);
}

const PeerInfo *findPeer(const QList<PeerInfo> &peers, quint16 port)
{
    for (const PeerInfo &p : peers) {
        if (p.port == port)
            return &p;
    }
    return nullptr;
}
// The result points into the list: a temporary list would leave it dangling (ASan found two).
const PeerInfo *findPeer(QList<PeerInfo> &&peers, quint16 port) = delete;

/// Collects a room's peersChanged() reports from its construction on, so none is missed
/// between an action and the wait for its report.
class Reports
{
public:
    template<typename Room>
    explicit Reports(Room *room)
        : m_spy(room, &Room::peersChanged)
    {}

    /// Waits until a report satisfies \a condition and returns it (reports before it are
    /// consumed); nullopt on timeout.
    std::optional<QList<PeerInfo>> waitFor(
            const std::function<bool(const QList<PeerInfo> &)> &condition, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (true) {
            while (!m_spy.isEmpty()) {
                const auto peers = m_spy.takeFirst().at(0).value<QList<PeerInfo>>();
                if (condition(peers))
                    return peers;
            }
            if (deadline.hasExpired()
                || !m_spy.wait(int(std::max<qint64>(1, deadline.remainingTime()))))
                return std::nullopt;
        }
    }

private:
    QSignalSpy m_spy;
};

QJsonObject helloJson(const QString &nick)
{
    return {{u"type"_s, u"hello"_s}, {u"nick"_s, nick}, {u"client"_s, QString(u"raw-"_s + nick)}};
}

} // namespace

class tst_RoomHosting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void peerDescribesItsConnection();
    void plainPeerWithoutSubprotocol();
    void countsMessagesAndBytesBothWays();
    void pingRecordsRoundTrip();
    void queuedBytesOfAReaderThatStopped();
    void reportsOnArrivalJoinRenameAndDeparture();
    void noReportsWithoutInterval();

    void kickClosesWithCodeAndReason_data();
    void kickClosesWithCodeAndReason();
    void kickRefusesUnsendableCodeAndUnknownPeer_data();
    void kickRefusesUnsendableCodeAndUnknownPeer();
    void kickedPlainPeer();

    void hostRelaysReportsKickAndPing();
    void hostAnnouncesOnlyWhereOthersCanJoin();

private:
    bool startRoom(const RoomConfig &config = testConfig(), int reportIntervalMs = 20);
    QUrl url() const;

    std::unique_ptr<RoomServer> m_server;
    std::unique_ptr<Reports> m_reports; ///< of m_server
};

void tst_RoomHosting::initTestCase()
{
    qRegisterMetaType<QList<PeerInfo>>();
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_RoomHosting::cleanup()
{
    m_reports.reset();
    m_server.reset();
}

bool tst_RoomHosting::startRoom(const RoomConfig &config, int reportIntervalMs)
{
    m_server = std::make_unique<RoomServer>(config);
    m_reports = std::make_unique<Reports>(m_server.get());
    // Fast reports, so a test waits on them rather than on anything else.
    m_server->setPeerReportInterval(reportIntervalMs);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl tst_RoomHosting::url() const
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server->port()));
}

void tst_RoomHosting::peerDescribesItsConnection()
{
    RoomConfig config = testConfig();
    config.allowedOrigins = {u"http://lan.example:8080"_s}; // the browser's page below
    QVERIFY(startRoom(config));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    Raw browser;
    Raw::Handshake handshake;
    handshake.subprotocols = {u"superchat"_s, u"parlor.v1"_s, u"chatting"_s};
    handshake.origin = "http://lan.example:8080";
    handshake.extraHeaders = {{"User-Agent", "TestBrowser/1.0"}};
    QVERIFY(browser.open(QHostAddress::LocalHost, m_server->port(), handshake));
    const quint16 port = browser.socket().localPort();

    auto report = m_reports->waitFor(
            [port](const QList<PeerInfo> &peers) { return findPeer(peers, port) != nullptr; });
    QVERIFY(report);
    const PeerInfo peer = *findPeer(*report, port);
    QCOMPARE(peer.address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(peer.offeredSubprotocols, handshake.subprotocols);
    QCOMPARE(peer.subprotocol, u"parlor.v1"_s);
    QCOMPARE(peer.mode, MemberMode::Rich);
    QCOMPARE(peer.origin, u"http://lan.example:8080"_s);
    QCOMPARE(peer.userAgent, u"TestBrowser/1.0"_s);
    QVERIFY(!peer.joined); // no hello yet
    QVERIFY(peer.nick.isEmpty());
    QVERIFY(peer.connectedAtMs >= before);
    QVERIFY(peer.connectedAtMs <= QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(peer.lastRttMs, -1);
    QVERIFY(peer.leaving.isEmpty());

    browser.sendJson(helloJson(u"mina"_s));
    QVERIFY(!browser.waitForJsonType(u"welcome"_s).isEmpty());
    report = m_reports->waitFor([port](const QList<PeerInfo> &peers) {
        const PeerInfo *p = findPeer(peers, port);
        return p && p->joined;
    });
    QVERIFY(report);
    QCOMPARE(findPeer(*report, port)->nick, u"mina"_s);
    QCOMPARE(m_server->peers().size(), 1);
}

void tst_RoomHosting::plainPeerWithoutSubprotocol()
{
    QVERIFY(startRoom());
    Raw plain;
    Raw::Handshake handshake;
    handshake.subprotocols = {};
    QVERIFY(plain.open(QHostAddress::LocalHost, m_server->port(), handshake));
    const quint16 port = plain.socket().localPort();
    const auto report = m_reports->waitFor([port](const QList<PeerInfo> &peers) {
        const PeerInfo *p = findPeer(peers, port);
        return p && p->joined;
    });
    QVERIFY(report);
    const PeerInfo *peer = findPeer(*report, port);
    QVERIFY(peer->offeredSubprotocols.isEmpty());
    QVERIFY(peer->subprotocol.isEmpty());
    QVERIFY(peer->origin.isEmpty());
    QCOMPARE(peer->mode, MemberMode::Plain);
    QVERIFY(peer->nick.startsWith(u"guest-"_s));
}

void tst_RoomHosting::countsMessagesAndBytesBothWays()
{
    QVERIFY(startRoom());
    // Alice is a raw client: the exact bytes of every frame she sends and receives are known.
    Raw alice;
    QVERIFY(alice.open(QHostAddress::LocalHost, m_server->port()));
    RichClient bob;
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());

    // Multi-byte text: bytes are counted in UTF-8, as on the wire.
    QList<QByteArray> sent = {R"({"type":"hello","nick":"alice","client":"raw-alice"})"_ba};
    const QStringList texts = {u"hello"_s, u"안녕하세요"_s, u"😀 emoji"_s, u"é"_s};
    for (int i = 0; i < texts.size(); ++i) {
        sent.append(QJsonDocument(QJsonObject{{u"type"_s, u"say"_s},
                                              {u"id"_s, u"m-%1"_s.arg(i)},
                                              {u"text"_s, texts.at(i)}})
                            .toJson(QJsonDocument::Compact));
    }
    for (const QByteArray &frame : sent)
        alice.sendFrame(Raw::Text, frame);
    const QString last = u"m-%1"_s.arg(texts.size() - 1);
    QVERIFY(!alice.waitForJson([&](const QJsonObject &o) {
                      return messageWithId(last)(o);
                  }).isEmpty());
    QVERIFY(!bob.waitFor(messageWithId(last)).isEmpty());

    qint64 sentBytes = 0;
    for (const QByteArray &frame : sent)
        sentBytes += frame.size();
    const quint16 port = alice.socket().localPort();
    const auto report = m_reports->waitFor([&](const QList<PeerInfo> &peers) {
        const PeerInfo *p = findPeer(peers, port);
        return p && p->messagesIn == sent.size() && p->messagesOut == alice.textMessages().size();
    });
    QVERIFY2(report, "the counts never matched what alice sent and received");
    const PeerInfo *peer = findPeer(*report, port);
    QCOMPARE(peer->bytesIn, sentBytes);
    qint64 receivedBytes = 0;
    for (const QByteArray &message : alice.textMessages())
        receivedBytes += message.size();
    QCOMPARE(peer->bytesOut, receivedBytes);
    // A report may have been taken before the last frames left; the queue of a reader that
    // keeps up drains.
    QVERIFY(m_reports->waitFor([port](const QList<PeerInfo> &peers) {
        const PeerInfo *p = findPeer(peers, port);
        return p && p->bytesQueued == 0;
    }));
}

void tst_RoomHosting::pingRecordsRoundTrip()
{
    QVERIFY(startRoom());
    RichClient alice;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    const auto peers = m_server->peers();
    QCOMPARE(peers.size(), 1);
    QCOMPARE(peers.first().lastRttMs, -1);

    QVERIFY(m_server->ping(peers.first().id));
    const auto report = m_reports->waitFor([](const QList<PeerInfo> &peers) {
        return peers.size() == 1 && peers.first().lastRttMs >= 0;
    });
    QVERIFY(report);
    QVERIFY2(report->first().lastRttMs < 5000, "a loopback round trip took seconds");
    QVERIFY(!m_server->ping(peers.first().id + 100));
}

void tst_RoomHosting::queuedBytesOfAReaderThatStopped()
{
    RoomConfig config = testConfig();
    config.maxQueuedBytes = 64 * 1024 * 1024; // never dropped in this test
    config.maxMessageBytes = 1024 * 1024;
    config.protocol.maxTextLength = 200000;
    QVERIFY(startRoom(config));
    RichClient alice;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    Raw sloth;
    QVERIFY(sloth.open(QHostAddress::LocalHost, m_server->port()));
    sloth.sendJson(helloJson(u"sloth"_s));
    QVERIFY(!sloth.waitForJsonType(u"welcome"_s).isEmpty());
    const quint16 slothPort = sloth.socket().localPort();
    sloth.pauseReading();

    // Broadcast until the sloth's queue shows in a report; alice reads and paces the sender.
    const QString text(100000, u'z');
    std::optional<QList<PeerInfo>> report;
    for (int i = 0; i < 400 && !report; ++i) {
        alice.say(u"big-%1"_s.arg(i), text);
        QVERIFY(!alice.waitFor(messageWithId(u"big-%1"_s.arg(i))).isEmpty());
        const QList<PeerInfo> peers = m_server->peers();
        const PeerInfo *p = findPeer(peers, slothPort);
        QVERIFY(p);
        if (p->bytesQueued > 0)
            report = m_server->peers();
    }
    QVERIFY2(report, "nothing queued for a peer that does not read");
    const PeerInfo *sl = findPeer(*report, slothPort);
    QVERIFY(sl->bytesQueued > 0);
    QVERIFY(sl->bytesQueued <= sl->bytesOut + 4096 * sl->messagesOut);
    // Alice reads everything: her queue drains.
    const quint16 alicePort = alice.socket().localPort();
    QVERIFY(m_reports->waitFor([alicePort](const QList<PeerInfo> &peers) {
        const PeerInfo *p = findPeer(peers, alicePort);
        return p && p->bytesQueued == 0;
    }));
}

void tst_RoomHosting::reportsOnArrivalJoinRenameAndDeparture()
{
    // Reports on changes come at once, not only with the (here: hour-long) interval.
    QVERIFY(startRoom(testConfig(), 3600 * 1000));
    QVERIFY(m_reports->waitFor([](const QList<PeerInfo> &peers) { return peers.isEmpty(); }));

    RichClient alice;
    alice.open(url());
    QVERIFY(alice.waitConnected());
    auto arrived = m_reports->waitFor([](const QList<PeerInfo> &peers) {
        return peers.size() == 1 && !peers.first().joined;
    });
    QVERIFY(arrived);
    alice.hello(u"alice"_s);
    QVERIFY(m_reports->waitFor([](const QList<PeerInfo> &peers) {
        return peers.size() == 1 && peers.first().nick == u"alice"_s;
    }));
    alice.sendJson({{u"type"_s, u"nick"_s}, {u"nick"_s, u"alicia"_s}});
    QVERIFY(m_reports->waitFor([](const QList<PeerInfo> &peers) {
        return peers.size() == 1 && peers.first().nick == u"alicia"_s;
    }));
    alice.socket().close();
    QVERIFY(m_reports->waitFor([](const QList<PeerInfo> &peers) { return peers.isEmpty(); }));
}

void tst_RoomHosting::noReportsWithoutInterval()
{
    QVERIFY(startRoom(testConfig(), 0));
    QSignalSpy reports(m_server.get(), &RoomServer::peersChanged);
    RichClient alice;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    // A report would have been queued before the welcome was written, so it would have come.
    QVERIFY(reports.isEmpty());
    QCOMPARE(m_server->peers().size(), 1);
}

void tst_RoomHosting::kickClosesWithCodeAndReason_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("expectedReason");

    QTest::newRow("4002 kicked") << CloseCode::Kicked << u"be kind"_s << u"be kind"_s;
    QTest::newRow("1008 policy") << 1008 << u"spam"_s << u"spam"_s;
    QTest::newRow("1000 no reason") << 1000 << QString() << QString();
    // A close frame carries at most 123 bytes of reason: cut at a character, still UTF-8.
    const QString korean = QString(60, QChar(0xD55C)); // 180 bytes in UTF-8
    QTest::newRow("long Korean reason") << 4002 << korean << QString(41, QChar(0xD55C));
    const QString emoji = u"x"_s + QString(40, u' ').replace(u" "_s, u"😀"_s); // 1 + 160 bytes
    QTest::newRow("emoji at the limit") << 4002 << emoji << u"x"_s + emoji.mid(1, 60);
}

void tst_RoomHosting::kickClosesWithCodeAndReason()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(QString, expectedReason);

    QVERIFY(startRoom());
    RichClient alice;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    Raw troll;
    QVERIFY(troll.open(QHostAddress::LocalHost, m_server->port()));
    troll.sendJson(helloJson(u"troll"_s));
    QVERIFY(!troll.waitForJsonType(u"welcome"_s).isEmpty());
    const PeerInfo *target = nullptr;
    const QList<PeerInfo> peers = m_server->peers();
    target = findPeer(peers, troll.socket().localPort());
    QVERIFY(target);

    QVERIFY(m_server->kick(target->id, code, reason));
    const auto close = troll.waitForClose();
    QVERIFY(close);
    QCOMPARE(close->closeCode(), code);
    QCOMPARE(close->closeReason(), expectedReason);
    QVERIFY(utf8Size(close->closeReason()) <= CloseCodes::MaxReasonBytes);
    QVERIFY(close->closeReason().toUtf8() == close->payload.mid(2)); // valid UTF-8, all of it

    const QJsonObject leave = alice.waitFor(leaveOf(u"troll"_s));
    QCOMPARE(leave.value(u"reason"_s).toString(), u"kicked"_s);
    // The kicked peer is shown leaving until its connection is gone.
    troll.sendClose(code);
    QVERIFY(troll.waitDisconnected());
    QVERIFY(m_reports->waitFor([](const QList<PeerInfo> &peers) {
        return peers.size() == 1 && peers.first().nick == u"alice"_s;
    }));
    // Alice is undisturbed.
    alice.say(u"after"_s, u"still here"_s);
    QVERIFY(!alice.waitFor(messageWithId(u"after"_s)).isEmpty());
}

void tst_RoomHosting::kickRefusesUnsendableCodeAndUnknownPeer_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("knownPeer");

    QTest::newRow("1005 is local only") << 1005 << true;
    QTest::newRow("1006 is local only") << 1006 << true;
    QTest::newRow("999 below the range") << 999 << true;
    QTest::newRow("5000 above the range") << 5000 << true;
    QTest::newRow("unknown peer") << 4002 << false;
}

void tst_RoomHosting::kickRefusesUnsendableCodeAndUnknownPeer()
{
    QFETCH(int, code);
    QFETCH(bool, knownPeer);

    QVERIFY(startRoom());
    RichClient alice;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    const int id = m_server->peers().first().id;
    QVERIFY(!m_server->kick(knownPeer ? id : id + 1, code, u"no"_s));
    // Nothing happened to alice: she still talks, and no leave came.
    alice.say(u"ok"_s, u"fine"_s);
    QVERIFY(!alice.waitFor(messageWithId(u"ok"_s)).isEmpty());
    QVERIFY(alice.objectsOfType(u"leave"_s).isEmpty());
    QVERIFY(m_server->peers().first().leaving.isEmpty());
}

void tst_RoomHosting::kickedPlainPeer()
{
    QVERIFY(startRoom());
    RichClient alice;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    RichClient plain;
    plain.open(url(), {});
    QVERIFY(plain.waitConnected());
    const QJsonObject join = alice.waitForType(u"join"_s);
    const QString guest = join.value(u"nick"_s).toString();
    QVERIFY(!guest.isEmpty());
    const QList<PeerInfo> peers = m_server->peers();
    const PeerInfo *peer = findPeer(peers, plain.socket().localPort());
    QVERIFY(peer);
    QVERIFY(m_server->kick(peer->id, 1008, u"off topic"_s));
    QVERIFY(plain.waitDisconnected());
    QCOMPARE(plain.closeCode(), 1008);
    QCOMPARE(plain.closeReason(), u"off topic"_s);
    QCOMPARE(alice.waitFor(leaveOf(guest)).value(u"reason"_s).toString(), u"kicked"_s);
    // A second kick of the same peer does nothing.
    QVERIFY(!m_server->kick(peer->id, 1008, u"again"_s));
}

void tst_RoomHosting::hostRelaysReportsKickAndPing()
{
    RoomHost host;
    Reports hostReports(&host);
    host.setPeerReportInterval(20);
    QSignalSpy started(&host, &RoomHost::started);
    host.start(testConfig(), QHostAddress::LocalHost, 0);
    QVERIFY(started.wait());
    const QUrl url(u"ws://127.0.0.1:%1"_s.arg(host.port()));

    RichClient alice, bob;
    QVERIFY(!joinRoom(alice, url, u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url, u"bob"_s).isEmpty());
    auto report = hostReports.waitFor([](const QList<PeerInfo> &peers) {
        return peers.size() == 2 && peers.at(0).nick == u"alice"_s && peers.at(1).nick == u"bob"_s;
    });
    QVERIFY(report);

    host.ping(report->at(1).id);
    QVERIFY(hostReports.waitFor([](const QList<PeerInfo> &peers) {
        return peers.size() == 2 && peers.at(1).lastRttMs >= 0;
    }));

    host.kick(report->at(1).id, CloseCode::Kicked, u"bye bob"_s);
    QVERIFY(bob.waitDisconnected());
    QCOMPARE(bob.closeCode(), CloseCode::Kicked);
    QCOMPARE(bob.closeReason(), u"bye bob"_s);
    QCOMPARE(alice.waitFor(leaveOf(u"bob"_s)).value(u"reason"_s).toString(), u"kicked"_s);
    QVERIFY(hostReports.waitFor([](const QList<PeerInfo> &peers) {
        return peers.size() == 1 && peers.first().nick == u"alice"_s;
    }));

    // Stopping empties the table.
    QSignalSpy stopped(&host, &RoomHost::stopped);
    host.stop();
    QVERIFY(hostReports.waitFor([](const QList<PeerInfo> &peers) { return peers.isEmpty(); }));
    QVERIFY(stopped.count() == 1 || stopped.wait());
}

void tst_RoomHosting::hostAnnouncesOnlyWhereOthersCanJoin()
{
    // Announced: on the network, announce on (the default). Stopping ends it (the goodbye
    // itself is tested across two network namespaces in tst_landiscovery).
    {
        RoomHost host;
        QSignalSpy started(&host, &RoomHost::started);
        host.start(testConfig(), QHostAddress::Any, 0);
        QVERIFY(started.wait());
        QVERIFY(host.isAnnounced());
        QSignalSpy stopped(&host, &RoomHost::stopped);
        host.stop();
        QVERIFY(!host.isAnnounced());
        QVERIFY(stopped.wait());
    }
    // Not announced: bound to loopback (nobody else could join), or told not to.
    RoomConfig quiet = testConfig();
    quiet.announce = false;
    const QList<std::pair<RoomConfig, QHostAddress>> cases
            = {{testConfig(), QHostAddress(QHostAddress::LocalHost)},
               {quiet, QHostAddress(QHostAddress::Any)}};
    for (const auto &[config, bind] : cases) {
        RoomHost host;
        QSignalSpy started(&host, &RoomHost::started);
        host.start(config, bind, 0);
        QVERIFY(started.wait());
        QVERIFY(!host.isAnnounced());
    }
}

QTEST_GUILESS_MAIN(tst_RoomHosting)
#include "tst_roomhosting.moc"
