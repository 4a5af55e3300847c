// Behaviour tests of RoomServer: chat semantics of parlor.v1 and plain peers, seen through real
// QWebSocket clients against an in-process room on 127.0.0.1. Limits are tested elsewhere, so
// the room used here allows far more messages per second than any test sends.

#include "richclient.h"

#include "protocol/protocol.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMap>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

// Readable QCOMPARE failures for JSON objects (found by argument-dependent lookup).
char *toString(const QJsonObject &object)
{
    return qstrdup(QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
}

namespace {

RoomConfig testConfig()
{
    RoomConfig config;
    config.roomName = u"Test room"_s;
    config.messagesPerSecond = 1000;
    config.historyLength = 50;
    return config;
}

QString str(const QJsonObject &o, const QString &key)
{
    return o.value(key).toString();
}

qint64 num(const QJsonObject &o, const QString &key)
{
    return o.value(key).toInteger(-1);
}

qint64 seqOf(const QJsonObject &o)
{
    return num(o, u"seq"_s);
}

RichClient::Predicate ofType(const QString &type)
{
    return [type](const QJsonObject &o) {
        return str(o, u"type"_s) == type;
    };
}

RichClient::Predicate messageWithId(const QString &id)
{
    return [id](const QJsonObject &o) {
        return str(o, u"type"_s) == "message"_L1 && str(o, u"id"_s) == id;
    };
}

RichClient::Predicate messageWithText(const QString &text)
{
    return [text](const QJsonObject &o) {
        return str(o, u"type"_s) == "message"_L1 && str(o, u"text"_s) == text;
    };
}

RichClient::Predicate joinOf(const QString &nick)
{
    return [nick](const QJsonObject &o) {
        return str(o, u"type"_s) == "join"_L1 && str(o, u"nick"_s) == nick;
    };
}

RichClient::Predicate plainJoin()
{
    return [](const QJsonObject &o) {
        return str(o, u"type"_s) == "join"_L1 && str(o, u"mode"_s) == "plain"_L1;
    };
}

RichClient::Predicate leaveOf(const QString &nick)
{
    return [nick](const QJsonObject &o) {
        return str(o, u"type"_s) == "leave"_L1 && str(o, u"nick"_s) == nick;
    };
}

RichClient::Predicate nickEventTo(const QString &to)
{
    return [to](const QJsonObject &o) {
        return str(o, u"type"_s) == "nick"_L1 && str(o, u"to"_s) == to;
    };
}

// RichClient's own waits poll with QTest::qWaitFor, which sleeps 10 ms whenever the condition is
// not met yet; with dozens of waits per test that dominated the run time. These waits block in
// the event loop instead and wake up as soon as anything happens.
bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer wakeUp; // the event loop must return now and then to check the deadline
    wakeUp.start(50);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

/// The next object received by \a client that matches (see RichClient::waitFor); empty on timeout.
QJsonObject next(RichClient &client, const RichClient::Predicate &predicate, int timeoutMs = 5000)
{
    QJsonObject found;
    // waitFor with no time left only looks (and processes pending events once): it never sleeps.
    waitUntil([&] { return !(found = client.waitFor(predicate, 0)).isEmpty(); }, timeoutMs);
    return found;
}

QJsonObject nextOfType(RichClient &client, const QString &type)
{
    return next(client, [type](const QJsonObject &o) { return o.value(u"type"_s) == type; });
}

/// The code of the next `error` \a client receives; empty on timeout.
QString nextErrorCode(RichClient &client)
{
    return str(next(client, ofType(u"error"_s)), u"code"_s);
}

bool nextText(RichClient &client, const QString &text)
{
    return waitUntil([&] { return client.waitForText(text, 0); });
}

bool connected(RichClient &client)
{
    return waitUntil([&] { return client.isConnected(); });
}

bool disconnected(RichClient &client)
{
    return waitUntil([&] { return client.socket().state() == QAbstractSocket::UnconnectedState; });
}

/// Opens a parlor.v1 connection, says hello and returns the welcome (empty on failure).
QJsonObject joinRoom(RichClient &client, const QUrl &url, const QString &nick,
                     const QString &clientId = {})
{
    client.open(url);
    if (!connected(client))
        return {};
    client.hello(nick, clientId);
    return nextOfType(client, u"welcome"_s);
}

QJsonObject sayObject(const QString &id, const QString &text)
{
    return {{u"type"_s, u"say"_s}, {u"id"_s, id}, {u"text"_s, text}};
}

QJsonObject nickObject(const QString &nick)
{
    return {{u"type"_s, u"nick"_s}, {u"nick"_s, nick}};
}

QJsonObject typingObject(bool active)
{
    return {{u"type"_s, u"typing"_s}, {u"active"_s, active}};
}

/// Every object of \a client that matches \a predicate, taken or not.
QList<QJsonObject> received(const RichClient &client, const RichClient::Predicate &predicate)
{
    QList<QJsonObject> result;
    for (const QJsonObject &o : client.objects()) {
        if (predicate(o))
            result.append(o);
    }
    return result;
}

QList<qint64> seqsOf(const QJsonArray &events)
{
    QList<qint64> seqs;
    for (const QJsonValue &v : events)
        seqs.append(seqOf(v.toObject()));
    return seqs;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 s = first; s <= last; ++s)
        result.append(s);
    return result;
}

/// "nick/mode" for every member of a welcome, sorted: membership without pinning an order.
QStringList membersOf(const QJsonObject &welcome)
{
    QStringList members;
    for (const QJsonValue &v : welcome.value(u"members"_s).toArray()) {
        const QJsonObject m = v.toObject();
        members.append(str(m, u"nick"_s) + u'/' + str(m, u"mode"_s));
    }
    members.sort();
    return members;
}

/// The members a client ends up with when it starts from \a welcome and applies the presence
/// events it received after it, in seq order: "nick/mode", sorted.
QStringList replayMembers(const QJsonObject &welcome, const QList<QJsonObject> &received)
{
    QMap<QString, QString> members; // nick -> mode
    for (const QJsonValue &v : welcome.value(u"members"_s).toArray())
        members.insert(str(v.toObject(), u"nick"_s), str(v.toObject(), u"mode"_s));
    QList<QJsonObject> events;
    for (const QJsonObject &o : received) {
        if (o.contains(u"seq"_s) && str(o, u"type"_s) != "welcome"_L1)
            events.append(o);
    }
    std::stable_sort(events.begin(), events.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return seqOf(a) < seqOf(b);
    });
    for (const QJsonObject &e : std::as_const(events)) {
        const QString type = str(e, u"type"_s);
        if (type == "join"_L1) {
            members.insert(str(e, u"nick"_s), str(e, u"mode"_s));
        } else if (type == "leave"_L1) {
            members.remove(str(e, u"nick"_s));
        } else if (type == "nick"_L1) {
            const QString mode = members.take(str(e, u"from"_s));
            members.insert(str(e, u"to"_s), mode);
        }
    }
    QStringList result;
    for (auto it = members.cbegin(); it != members.cend(); ++it)
        result.append(it.key() + u'/' + it.value());
    result.sort();
    return result;
}

} // namespace

class tst_RoomServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    // Modes and delivery between rich and plain peers
    void subprotocolChoice_data();
    void subprotocolChoice();
    void richSayReachesRichAndPlainPeers();
    void plainLineReachesEveryone_data();
    void plainLineReachesEveryone();

    // Presence
    void welcomeDescribesRoom();
    void joinGoesToOthersNotToJoiner();
    void leaveReason_data();
    void leaveReason();
    void peerWithoutHelloLeavesSilently();
    void presenceEventsReplayToMemberList_data();
    void presenceEventsReplayToMemberList();

    // Sequence numbers, history and resume
    void seqIncreasesByOneAcrossEventKinds();
    void historyKeepsLastEvents_data();
    void historyKeepsLastEvents();
    void resume_data();
    void resume();

    // De-duplication
    void resentSayIsNotBroadcastAgain_data();
    void resentSayIsNotBroadcastAgain();
    void resentSayOutOfHistoryGetsDuplicateError();
    void sameIdFromAnotherClientIsNewMessage();

    // Nicknames
    void helloWithTakenNick_data();
    void helloWithTakenNick();
    void helloNickValidation_data();
    void helloNickValidation();
    void nickChangeIsBroadcast();
    void nickChangeOfCaseOnly();
    void nickChangeIsRefused_data();
    void nickChangeIsRefused();
    void helloFromSameClientReplacesOldConnection_data();
    void helloFromSameClientReplacesOldConnection();

    // Typing
    void typingGoesToOtherRichPeersOnly();

    // Protocol errors
    void messagesBeforeHelloAreRefused_data();
    void messagesBeforeHelloAreRefused();
    void secondHelloIsRefused();
    void badInputLeavesRoomUndisturbed_data();
    void badInputLeavesRoomUndisturbed();
    void binaryFrameClosesOnlyThatPeer_data();
    void binaryFrameClosesOnlyThatPeer();

    // Shutdown
    void shutdownClosesEveryPeerWithGoingAway();

    // Text
    void textRoundTripsVerbatim_data();
    void textRoundTripsVerbatim();

private:
    bool startRoom(const RoomConfig &config = testConfig());
    QUrl url() const;
    /// Opens \a client as a plain peer and waits until \a observer sees it join; returns its nick.
    QString joinPlain(RichClient &client, RichClient &observer,
                      const QStringList &subprotocols = {u"chatting"_s});

    std::unique_ptr<RoomServer> m_server;
};

void tst_RoomServer::initTestCase()
{
    // The room logs every join and leave at info level; keep the test output readable.
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_RoomServer::cleanup()
{
    m_server.reset();
}

bool tst_RoomServer::startRoom(const RoomConfig &config)
{
    m_server = std::make_unique<RoomServer>(config);
    return m_server->listen(QHostAddress::LocalHost, 0) && m_server->port() != 0;
}

QUrl tst_RoomServer::url() const
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server->port());
    return url;
}

QString tst_RoomServer::joinPlain(RichClient &client, RichClient &observer,
                                  const QStringList &subprotocols)
{
    client.open(url(), subprotocols);
    if (!connected(client))
        return {};
    return str(next(observer, plainJoin()), u"nick"_s);
}

// --- Modes and delivery -----------------------------------------------------------------------

void tst_RoomServer::subprotocolChoice_data()
{
    QTest::addColumn<QStringList>("offered");
    QTest::addColumn<QString>("chosen");
    QTest::addColumn<bool>("rich");

    QTest::newRow("nothing offered: plain") << QStringList() << QString() << false;
    QTest::newRow("chatting only") << QStringList{u"chatting"_s} << u"chatting"_s << false;
    QTest::newRow("parlor.v1 only") << QStringList{u"parlor.v1"_s} << u"parlor.v1"_s << true;
    QTest::newRow("unknown only: plain") << QStringList{u"superchat"_s} << QString() << false;
    QTest::newRow("unknown, then parlor.v1")
            << QStringList{u"superchat"_s, u"parlor.v1"_s} << u"parlor.v1"_s << true;
    // Both offered: Qt 6.4's QWebSocketServer takes the client's first preference it supports
    // (RFC 6455 leaves the pick to the server; the client lists its preferences in order).
    QTest::newRow("parlor.v1, then chatting")
            << QStringList{u"parlor.v1"_s, u"chatting"_s} << u"parlor.v1"_s << true;
    QTest::newRow("chatting, then parlor.v1")
            << QStringList{u"chatting"_s, u"parlor.v1"_s} << u"chatting"_s << false;
}

void tst_RoomServer::subprotocolChoice()
{
    QFETCH(QStringList, offered);
    QFETCH(QString, chosen);
    QFETCH(bool, rich);

    QVERIFY(startRoom());
    RichClient observer;
    QVERIFY(!joinRoom(observer, url(), u"observer"_s).isEmpty());

    RichClient peer;
    peer.open(url(), offered);
    QVERIFY(connected(peer));
    QCOMPARE(peer.socket().subprotocol(), chosen);

    if (rich) {
        peer.hello(u"probe"_s);
        const QJsonObject welcome = nextOfType(peer, u"welcome"_s);
        QCOMPARE(str(welcome, u"you"_s), u"probe"_s);
        const QJsonObject join = next(observer, joinOf(u"probe"_s));
        QCOMPARE(str(join, u"mode"_s), u"rich"_s);
    } else {
        const QJsonObject join = next(observer, ofType(u"join"_s));
        QCOMPARE(str(join, u"mode"_s), u"plain"_s);
        const QString guest = str(join, u"nick"_s);
        // A plain peer's frame is a chat line, whatever it contains.
        peer.sendText(u"plain probe"_s);
        QVERIFY(nextText(peer, guest + u": plain probe"_s));
        QCOMPARE(str(next(observer, messageWithText(u"plain probe"_s)), u"from"_s), guest);
    }
}

void tst_RoomServer::richSayReachesRichAndPlainPeers()
{
    QVERIFY(startRoom());
    RichClient alice, bob, chatting, bare;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    QVERIFY(!joinPlain(chatting, alice).isEmpty());
    QVERIFY(!joinPlain(bare, alice, {}).isEmpty());

    const qint64 seqBefore = m_server->seq();
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    // The server decides who spoke and when: the client's own from, seq and ts are ignored.
    QJsonObject say = sayObject(u"a-1"_s, u"Hello, room"_s);
    say.insert(u"from"_s, u"mallory"_s);
    say.insert(u"seq"_s, 999);
    say.insert(u"ts"_s, 1);
    alice.sendJson(say);

    const QJsonObject message = next(bob, messageWithId(u"a-1"_s));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(!message.isEmpty());
    QCOMPARE(str(message, u"from"_s), u"alice"_s);
    QCOMPARE(str(message, u"text"_s), u"Hello, room"_s);
    QCOMPARE(seqOf(message), seqBefore + 1);
    QVERIFY2(num(message, u"ts"_s) >= before && num(message, u"ts"_s) <= after,
             qPrintable(QString::number(num(message, u"ts"_s))));

    // The author's acknowledgement is the very same event.
    QCOMPARE(next(alice, messageWithId(u"a-1"_s)), message);

    // Plain peers get one line each, and nothing else (no JSON of joins, no welcome).
    QVERIFY(nextText(chatting, u"alice: Hello, room"_s));
    QVERIFY(nextText(bare, u"alice: Hello, room"_s));
    QCOMPARE(chatting.texts(), QStringList{u"alice: Hello, room"_s});
    QCOMPARE(bare.texts(), QStringList{u"alice: Hello, room"_s});
}

void tst_RoomServer::plainLineReachesEveryone_data()
{
    QTest::addColumn<QStringList>("offered");
    QTest::addColumn<QString>("text");

    QTest::newRow("chatting") << QStringList{u"chatting"_s} << u"hi from the browser"_s;
    QTest::newRow("no subprotocol") << QStringList() << u"hi from a bare client"_s;
    QTest::newRow("parlor.v1 JSON from a plain peer is only text")
            << QStringList{u"chatting"_s} << uR"({"type":"nick","nick":"boss"})"_s;
}

void tst_RoomServer::plainLineReachesEveryone()
{
    QFETCH(QStringList, offered);
    QFETCH(QString, text);

    QVERIFY(startRoom());
    RichClient alice, bob, listener, sender;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    const QString listenerNick = joinPlain(listener, alice);
    QVERIFY(!listenerNick.isEmpty());
    const QString guest = joinPlain(sender, alice, offered);
    QVERIFY2(QRegularExpression(u"^guest-\\d+$"_s).match(guest).hasMatch(), qPrintable(guest));
    QVERIFY(guest != listenerNick);

    const qint64 seqBefore = m_server->seq();
    sender.sendText(text);

    for (RichClient *rich : {&alice, &bob}) {
        const QJsonObject message = next(*rich, messageWithText(text));
        QVERIFY(!message.isEmpty());
        QCOMPARE(str(message, u"from"_s), guest);
        QCOMPARE(seqOf(message), seqBefore + 1);
        QVERIFY(!str(message, u"id"_s).isEmpty());
    }
    const QString line = guest + u": "_s + text;
    QVERIFY(nextText(listener, line));
    QVERIFY(nextText(sender, line));

    // Nothing in the line was acted upon: after a later marker, no nick change happened.
    alice.say(u"marker"_s, u"marker"_s);
    QVERIFY(!next(bob, messageWithId(u"marker"_s)).isEmpty());
    QVERIFY(nextText(sender, u"alice: marker"_s));
    QVERIFY(received(bob, ofType(u"nick"_s)).isEmpty());
    QCOMPARE(m_server->seq(), seqBefore + 2);
}

// --- Presence ---------------------------------------------------------------------------------

void tst_RoomServer::welcomeDescribesRoom()
{
    RoomConfig config = testConfig();
    config.roomName = u"Salon 응접실"_s;
    config.maxMessageBytes = 32 * 1024;
    config.protocol.maxTextLength = 1000;
    config.protocol.maxNickLength = 20;
    config.messagesPerSecond = 50;
    QVERIFY(startRoom(config));

    RichClient alice, plain, bob;
    const QJsonObject first = joinRoom(alice, url(), u"alice"_s);
    QVERIFY(!first.isEmpty());
    QCOMPARE(membersOf(first), QStringList{u"alice/rich"_s});
    QCOMPARE(first.value(u"history"_s).toArray().size(), 1);
    QCOMPARE(seqOf(first), 1);

    const QString guest = joinPlain(plain, alice);
    QVERIFY(!guest.isEmpty());

    const QJsonObject welcome = joinRoom(bob, url(), u"bob"_s);
    QVERIFY(!welcome.isEmpty());
    QCOMPARE(str(welcome, u"room"_s), u"Salon 응접실"_s);
    QCOMPARE(str(welcome, u"incarnation"_s), m_server->incarnation());
    QVERIFY(!m_server->incarnation().isEmpty());
    QCOMPARE(str(welcome, u"incarnation"_s), str(first, u"incarnation"_s));
    QCOMPARE(str(welcome, u"you"_s), u"bob"_s);
    QStringList expectedMembers{u"alice/rich"_s, u"bob/rich"_s, guest + u"/plain"_s};
    expectedMembers.sort();
    QCOMPARE(membersOf(welcome), expectedMembers);

    const QJsonArray history = welcome.value(u"history"_s).toArray();
    QCOMPARE(seqsOf(history), range(1, 3));
    const QStringList joins{u"alice"_s, guest, u"bob"_s};
    const QStringList modes{u"rich"_s, u"plain"_s, u"rich"_s};
    for (int i = 0; i < 3; ++i) {
        const QJsonObject event = history.at(i).toObject();
        QCOMPARE(str(event, u"type"_s), u"join"_s);
        QCOMPARE(str(event, u"nick"_s), joins.at(i));
        QCOMPARE(str(event, u"mode"_s), modes.at(i));
        QVERIFY(num(event, u"ts"_s) > 0);
    }
    QCOMPARE(seqOf(welcome), 3);
    QCOMPARE(seqOf(welcome), m_server->seq());
    QCOMPARE(welcome.value(u"gap"_s), QJsonValue(false));

    const QJsonObject limits = welcome.value(u"limits"_s).toObject();
    QCOMPARE(num(limits, u"maxMessageBytes"_s), 32 * 1024);
    QCOMPARE(num(limits, u"maxTextLength"_s), 1000);
    QCOMPARE(num(limits, u"maxNickLength"_s), 20);
    QCOMPARE(num(limits, u"messagesPerSecond"_s), 50);
}

void tst_RoomServer::joinGoesToOthersNotToJoiner()
{
    QVERIFY(startRoom());
    RichClient alice, bob, plain;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinPlain(plain, alice).isEmpty());
    const QJsonObject welcome = joinRoom(bob, url(), u"bob"_s);
    QVERIFY(!welcome.isEmpty());

    const QJsonObject join = next(alice, joinOf(u"bob"_s));
    QVERIFY(!join.isEmpty());
    QCOMPARE(str(join, u"mode"_s), u"rich"_s);
    QCOMPARE(seqOf(join), seqOf(welcome));
    // The joiner sees its own join only as the last event of welcome's history.
    const QJsonArray history = welcome.value(u"history"_s).toArray();
    QCOMPARE(history.last().toObject(), join);

    bob.say(u"b-1"_s, u"marker"_s);
    QVERIFY(!next(bob, messageWithId(u"b-1"_s)).isEmpty());
    QVERIFY(!next(alice, messageWithId(u"b-1"_s)).isEmpty());
    QVERIFY(nextText(plain, u"bob: marker"_s));
    QVERIFY(received(bob, ofType(u"join"_s)).isEmpty());
    // Plain peers get chat lines only, never presence.
    QCOMPARE(plain.texts(), QStringList{u"bob: marker"_s});
}

void tst_RoomServer::leaveReason_data()
{
    QTest::addColumn<bool>("plain");
    QTest::addColumn<bool>("abrupt");
    QTest::addColumn<QString>("reason");

    QTest::newRow("rich peer closes") << false << false << u"quit"_s;
    QTest::newRow("rich peer is lost") << false << true << u"lost"_s;
    QTest::newRow("plain peer closes") << true << false << u"quit"_s;
    QTest::newRow("plain peer is lost") << true << true << u"lost"_s;
}

void tst_RoomServer::leaveReason()
{
    QFETCH(bool, plain);
    QFETCH(bool, abrupt);
    QFETCH(QString, reason);

    QVERIFY(startRoom());
    RichClient alice, peer;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QString nick = u"bob"_s;
    if (plain)
        nick = joinPlain(peer, alice);
    else
        QVERIFY(!joinRoom(peer, url(), nick).isEmpty());
    QVERIFY(!nick.isEmpty());
    QCOMPARE(m_server->peerCount(), 2);
    const qint64 seqBefore = m_server->seq();

    // abort() drops the TCP connection without a close frame; close() sends one and waits.
    if (abrupt)
        peer.socket().abort();
    else
        peer.socket().close();

    const QJsonObject leave = next(alice, leaveOf(nick));
    QVERIFY(!leave.isEmpty());
    QCOMPARE(str(leave, u"reason"_s), reason);
    QCOMPARE(seqOf(leave), seqBefore + 1);
    QVERIFY(num(leave, u"ts"_s) > 0);
    QCOMPARE(m_server->peerCount(), 1);
}

void tst_RoomServer::peerWithoutHelloLeavesSilently()
{
    QVERIFY(startRoom());
    RichClient alice, lurker;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    lurker.open(url());
    QVERIFY(connected(lurker));
    QVERIFY(waitUntil([this] { return m_server->peerCount() == 2; }));
    const qint64 seqBefore = m_server->seq();

    lurker.socket().close();
    QVERIFY(waitUntil([this] { return m_server->peerCount() == 1; }));
    alice.say(u"a-1"_s, u"marker"_s);
    QVERIFY(!next(alice, messageWithId(u"a-1"_s)).isEmpty());
    QVERIFY(received(alice, ofType(u"leave"_s)).isEmpty());
    QCOMPARE(m_server->seq(), seqBefore + 1);
}

void tst_RoomServer::presenceEventsReplayToMemberList_data()
{
    QTest::addColumn<bool>("replace");

    QTest::newRow("joins, nick change and leaves") << false;
    QTest::newRow("a connection replaced by the same client") << true;
}

void tst_RoomServer::presenceEventsReplayToMemberList()
{
    QFETCH(bool, replace);

    // A client keeps its member list by applying join, leave and nick events in seq order; it
    // must end up with the members the room really has.
    QVERIFY(startRoom());
    RichClient bob, carol, plain, alice, alice2, dave;
    const QJsonObject welcome = joinRoom(bob, url(), u"bob"_s);
    QVERIFY(!welcome.isEmpty());
    QVERIFY(!joinRoom(carol, url(), u"carol"_s).isEmpty());
    const QString guest = joinPlain(plain, bob);
    QVERIFY(!guest.isEmpty());
    carol.sendJson(nickObject(u"caroline"_s));
    QVERIFY(!next(bob, nickEventTo(u"caroline"_s)).isEmpty());
    plain.socket().close();
    QVERIFY(!next(bob, leaveOf(guest)).isEmpty());
    QVERIFY(!joinRoom(alice, url(), u"alice"_s, u"alice-install"_s).isEmpty());
    QVERIFY(!next(bob, joinOf(u"alice"_s)).isEmpty());
    if (replace) {
        QVERIFY(!joinRoom(alice2, url(), u"alice"_s, u"alice-install"_s).isEmpty());
        QVERIFY(disconnected(alice));
        QVERIFY(!next(bob, leaveOf(u"alice"_s)).isEmpty());
    }
    bob.say(u"b-1"_s, u"marker"_s);
    QVERIFY(!next(bob, messageWithId(u"b-1"_s)).isEmpty());

    // A newcomer's welcome tells who is really here.
    const QJsonObject fresh = joinRoom(dave, url(), u"dave"_s);
    QVERIFY(!fresh.isEmpty());
    QVERIFY(!next(bob, joinOf(u"dave"_s)).isEmpty());
    QCOMPARE(membersOf(fresh),
             (QStringList{u"alice/rich"_s, u"bob/rich"_s, u"caroline/rich"_s, u"dave/rich"_s}));
    QCOMPARE(replayMembers(welcome, bob.objects()), membersOf(fresh));
}

// --- Sequence numbers, history and resume -----------------------------------------------------

void tst_RoomServer::seqIncreasesByOneAcrossEventKinds()
{
    QVERIFY(startRoom());
    RichClient alice, bob, plain, carol;
    const QJsonObject welcome = joinRoom(alice, url(), u"alice"_s);
    QVERIFY(!welcome.isEmpty());

    // Each step is awaited at alice, so the events happen in this order.
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    QVERIFY(!next(alice, joinOf(u"bob"_s)).isEmpty());
    bob.say(u"b-1"_s, u"first"_s);
    QVERIFY(!next(alice, messageWithId(u"b-1"_s)).isEmpty());
    const QString guest = joinPlain(plain, alice);
    QVERIFY(!guest.isEmpty());
    plain.sendText(u"plain line"_s);
    QVERIFY(!next(alice, messageWithText(u"plain line"_s)).isEmpty());
    bob.sendJson(nickObject(u"robert"_s));
    QVERIFY(!next(alice, nickEventTo(u"robert"_s)).isEmpty());
    bob.sendJson(typingObject(true));
    QVERIFY(!next(alice, ofType(u"typing"_s)).isEmpty());
    QVERIFY(!joinRoom(carol, url(), u"carol"_s).isEmpty());
    QVERIFY(!next(alice, joinOf(u"carol"_s)).isEmpty());
    carol.socket().close();
    QVERIFY(!next(alice, leaveOf(u"carol"_s)).isEmpty());
    plain.socket().abort();
    QVERIFY(!next(alice, leaveOf(guest)).isEmpty());
    alice.say(u"a-1"_s, u"last"_s);
    QVERIFY(!next(alice, messageWithId(u"a-1"_s)).isEmpty());

    QList<qint64> seqs;
    QStringList kinds;
    for (const QJsonObject &o : alice.objects()) {
        const QString type = str(o, u"type"_s);
        if (type == "welcome"_L1)
            continue;
        if (type == "typing"_L1) {
            QVERIFY2(!o.contains(u"seq"_s), "typing is not a room event");
            continue;
        }
        seqs.append(seqOf(o));
        kinds.append(type);
    }
    QCOMPARE(seqs, range(seqOf(welcome) + 1, seqOf(welcome) + 9));
    QCOMPARE(kinds, (QStringList{u"join"_s, u"message"_s, u"join"_s, u"message"_s, u"nick"_s,
                                 u"join"_s, u"leave"_s, u"leave"_s, u"message"_s}));
    QCOMPARE(m_server->seq(), seqs.last());
}

void tst_RoomServer::historyKeepsLastEvents_data()
{
    QTest::addColumn<int>("historyLength");

    QTest::newRow("1") << 1;
    QTest::newRow("4") << 4;
    QTest::newRow("longer than the room's life") << 20;
}

void tst_RoomServer::historyKeepsLastEvents()
{
    QFETCH(int, historyLength);

    RoomConfig config = testConfig();
    config.historyLength = historyLength;
    QVERIFY(startRoom(config));

    RichClient alice, bob;
    const QJsonObject first = joinRoom(alice, url(), u"alice"_s);
    QVERIFY(!first.isEmpty());
    QMap<qint64, QJsonObject> seen; // what alice saw, by seq
    seen.insert(1, first.value(u"history"_s).toArray().last().toObject());
    for (int i = 1; i <= 6; ++i) {
        const QString id = u"h-%1"_s.arg(i);
        alice.say(id, u"message %1"_s.arg(i));
        const QJsonObject ack = next(alice, messageWithId(id));
        QVERIFY(!ack.isEmpty());
        seen.insert(seqOf(ack), ack);
    }

    const QJsonObject welcome = joinRoom(bob, url(), u"bob"_s);
    QVERIFY(!welcome.isEmpty());
    const QJsonObject join = next(alice, joinOf(u"bob"_s));
    QVERIFY(!join.isEmpty());
    seen.insert(seqOf(join), join);
    QCOMPARE(seqOf(welcome), 8);

    const QJsonArray history = welcome.value(u"history"_s).toArray();
    const qint64 firstKept = std::max<qint64>(1, 8 - historyLength + 1);
    QCOMPARE(seqsOf(history), range(firstKept, 8));
    for (const QJsonValue &v : history)
        QCOMPARE(v.toObject(), seen.value(seqOf(v.toObject())));
}

void tst_RoomServer::resume_data()
{
    QTest::addColumn<bool>("hasSince");
    QTest::addColumn<qint64>("since");
    QTest::addColumn<QString>("incarnation"); // "same", "other" or "none"
    QTest::addColumn<qint64>("firstSeq");
    QTest::addColumn<bool>("gap");

    // The room below: 1 join alice, 2 join bob, 3 message, 4 leave bob, 5 and 6 messages, 7 bob
    // joins again. History length 5, so 3..7 are kept when bob's welcome is made.
    QTest::newRow("since, same incarnation: exactly the missed events")
            << true << qint64(3) << u"same"_s << qint64(4) << false;
    QTest::newRow("since at the edge of the ring")
            << true << qint64(2) << u"same"_s << qint64(3) << false;
    QTest::newRow("since older than the ring")
            << true << qint64(1) << u"same"_s << qint64(3) << true;
    QTest::newRow("since 0, nothing seen") << true << qint64(0) << u"same"_s << qint64(3) << true;
    QTest::newRow("since the latest event") << true << qint64(6) << u"same"_s << qint64(7) << false;
    QTest::newRow("since beyond the room's seq: full history, gap")
            << true << qint64(100) << u"same"_s << qint64(3) << true;
    QTest::newRow("since, other incarnation: full history, gap")
            << true << qint64(3) << u"other"_s << qint64(3) << true;
    QTest::newRow("since without incarnation: full history, gap")
            << true << qint64(3) << u"none"_s << qint64(3) << true;
    QTest::newRow("no since: full history, no gap")
            << false << qint64(0) << u"same"_s << qint64(3) << false;
}

void tst_RoomServer::resume()
{
    QFETCH(bool, hasSince);
    QFETCH(qint64, since);
    QFETCH(QString, incarnation);
    QFETCH(qint64, firstSeq);
    QFETCH(bool, gap);

    RoomConfig config = testConfig();
    config.historyLength = 5;
    QVERIFY(startRoom(config));

    RichClient alice, bob;
    const QJsonObject aliceWelcome = joinRoom(alice, url(), u"alice"_s);
    QVERIFY(!aliceWelcome.isEmpty());
    QMap<qint64, QJsonObject> seen;
    seen.insert(1, aliceWelcome.value(u"history"_s).toArray().last().toObject());
    auto awaitAtAlice = [&](const RichClient::Predicate &predicate) {
        const QJsonObject o = next(alice, predicate);
        seen.insert(seqOf(o), o);
        return !o.isEmpty();
    };

    QVERIFY(!joinRoom(bob, url(), u"bob"_s, u"bob-install"_s).isEmpty());
    QVERIFY(awaitAtAlice(joinOf(u"bob"_s)));
    alice.say(u"a-1"_s, u"one"_s);
    QVERIFY(awaitAtAlice(messageWithId(u"a-1"_s)));
    QCOMPARE(seqOf(next(bob, messageWithId(u"a-1"_s))), 3);
    bob.socket().close();
    QVERIFY(awaitAtAlice(leaveOf(u"bob"_s)));
    alice.say(u"a-2"_s, u"two"_s);
    QVERIFY(awaitAtAlice(messageWithId(u"a-2"_s)));
    alice.say(u"a-3"_s, u"three"_s);
    QVERIFY(awaitAtAlice(messageWithId(u"a-3"_s)));
    QCOMPARE(m_server->seq(), 6);

    RichClient again;
    again.open(url());
    QVERIFY(connected(again));
    const QString sentIncarnation = incarnation == "same"_L1    ? m_server->incarnation()
                                    : incarnation == "other"_L1 ? u"0123456789abcdef"_s
                                                                : QString();
    QVERIFY(m_server->incarnation() != u"0123456789abcdef"_s);
    again.hello(u"bob"_s, u"bob-install"_s, hasSince ? std::optional<qint64>(since) : std::nullopt,
                sentIncarnation);
    const QJsonObject welcome = nextOfType(again, u"welcome"_s);
    QVERIFY(!welcome.isEmpty());
    QVERIFY(awaitAtAlice(joinOf(u"bob"_s)));

    QCOMPARE(seqOf(welcome), 7);
    QCOMPARE(welcome.value(u"gap"_s), QJsonValue(gap));
    const QJsonArray history = welcome.value(u"history"_s).toArray();
    QCOMPARE(seqsOf(history), range(firstSeq, 7));
    for (const QJsonValue &v : history)
        QCOMPARE(v.toObject(), seen.value(seqOf(v.toObject())));
}

// --- De-duplication ---------------------------------------------------------------------------

void tst_RoomServer::resentSayIsNotBroadcastAgain_data()
{
    QTest::addColumn<QString>("how"); // "same", "reconnect" or "replace"
    QTest::addColumn<QString>("resentText");

    QTest::newRow("same connection") << u"same"_s << u"only once"_s;
    QTest::newRow("same connection, other text") << u"same"_s << u"edited"_s;
    QTest::newRow("new connection after a quit") << u"reconnect"_s << u"only once"_s;
    QTest::newRow("new connection replacing the old one") << u"replace"_s << u"only once"_s;
}

void tst_RoomServer::resentSayIsNotBroadcastAgain()
{
    QFETCH(QString, how);
    QFETCH(QString, resentText);

    QVERIFY(startRoom());
    RichClient alice, bob, plain, alice2;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s, u"alice-install"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    QVERIFY(!joinPlain(plain, bob).isEmpty());

    alice.say(u"m-1"_s, u"only once"_s);
    const QJsonObject original = next(alice, messageWithId(u"m-1"_s));
    QVERIFY(!original.isEmpty());
    QCOMPARE(next(bob, messageWithId(u"m-1"_s)), original);
    QVERIFY(nextText(plain, u"alice: only once"_s));

    RichClient *author = &alice;
    if (how == "reconnect"_L1) {
        alice.socket().close();
        QVERIFY(!next(bob, leaveOf(u"alice"_s)).isEmpty());
    }
    if (how != "same"_L1) {
        QVERIFY(!joinRoom(alice2, url(), u"alice"_s, u"alice-install"_s).isEmpty());
        author = &alice2;
    }
    const qint64 seqBefore = m_server->seq();
    author->say(u"m-1"_s, resentText);
    // The author gets the original event back: same seq, same text, same ts.
    QCOMPARE(next(*author, messageWithId(u"m-1"_s)), original);
    QCOMPARE(m_server->seq(), seqBefore);

    author->say(u"m-2"_s, u"marker"_s);
    QVERIFY(!next(bob, messageWithId(u"m-2"_s)).isEmpty());
    QVERIFY(nextText(plain, u"alice: marker"_s));
    QCOMPARE(received(bob, messageWithId(u"m-1"_s)).size(), 1);
    QCOMPARE(plain.texts().count(u"alice: only once"_s), 1);
    QVERIFY(!plain.texts().contains(u"alice: edited"_s));
    QVERIFY(received(*author, ofType(u"error"_s)).isEmpty());
}

void tst_RoomServer::resentSayOutOfHistoryGetsDuplicateError()
{
    RoomConfig config = testConfig();
    config.historyLength = 3;
    QVERIFY(startRoom(config));

    RichClient alice, bob;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s, u"alice-install"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    alice.say(u"m-1"_s, u"old news"_s);
    QVERIFY(!next(bob, messageWithId(u"m-1"_s)).isEmpty());
    for (int i = 2; i <= 4; ++i) {
        alice.say(u"m-%1"_s.arg(i), u"filler"_s);
        QVERIFY(!next(alice, messageWithId(u"m-%1"_s.arg(i))).isEmpty());
    }

    const qint64 seqBefore = m_server->seq();
    alice.say(u"m-1"_s, u"old news"_s);
    const QJsonObject error = next(alice, ofType(u"error"_s));
    QCOMPARE(str(error, u"code"_s), u"duplicate"_s);
    QCOMPARE(str(error, u"id"_s), u"m-1"_s);
    QCOMPARE(m_server->seq(), seqBefore);

    alice.say(u"m-5"_s, u"marker"_s);
    QVERIFY(!next(bob, messageWithId(u"m-5"_s)).isEmpty());
    QCOMPARE(received(bob, messageWithId(u"m-1"_s)).size(), 1);
    QCOMPARE(received(alice, messageWithId(u"m-1"_s)).size(), 1);
}

void tst_RoomServer::sameIdFromAnotherClientIsNewMessage()
{
    QVERIFY(startRoom());
    RichClient alice, bob;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s, u"alice-install"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s, u"bob-install"_s).isEmpty());

    alice.say(u"shared-1"_s, u"from alice"_s);
    const QJsonObject first = next(bob, messageWithId(u"shared-1"_s));
    QCOMPARE(str(first, u"from"_s), u"alice"_s);
    bob.say(u"shared-1"_s, u"from bob"_s);
    const QJsonObject second = next(bob, messageWithId(u"shared-1"_s));
    QCOMPARE(str(second, u"from"_s), u"bob"_s);
    QCOMPARE(str(second, u"text"_s), u"from bob"_s);
    QCOMPARE(seqOf(second), seqOf(first) + 1);

    QCOMPARE(next(alice, messageWithId(u"shared-1"_s)), first);
    QCOMPARE(next(alice, messageWithId(u"shared-1"_s)), second);
    QVERIFY(received(bob, ofType(u"error"_s)).isEmpty());
}

// --- Nicknames --------------------------------------------------------------------------------

void tst_RoomServer::helloWithTakenNick_data()
{
    QTest::addColumn<QString>("nick");

    QTest::newRow("same") << u"alice"_s;
    QTest::newRow("upper case") << u"ALICE"_s;
    QTest::newRow("mixed case") << u"aLiCe"_s;
    QTest::newRow("a plain guest's") << u"GUEST-1"_s;
}

void tst_RoomServer::helloWithTakenNick()
{
    QFETCH(QString, nick);

    QVERIFY(startRoom());
    RichClient alice, plain, newcomer;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s, u"alice-install"_s).isEmpty());
    QCOMPARE(joinPlain(plain, alice), u"guest-1"_s);

    newcomer.open(url());
    QVERIFY(connected(newcomer));
    newcomer.hello(nick, u"newcomer-install"_s);
    QCOMPARE(nextErrorCode(newcomer), u"nick-taken"_s);
    QVERIFY(newcomer.objectsOfType(u"welcome"_s).isEmpty());

    // Still connected, and free to try another nickname.
    QVERIFY(newcomer.isConnected());
    newcomer.hello(u"newcomer"_s, u"newcomer-install"_s);
    const QJsonObject welcome = nextOfType(newcomer, u"welcome"_s);
    QCOMPARE(str(welcome, u"you"_s), u"newcomer"_s);
    QVERIFY(!next(alice, joinOf(u"newcomer"_s)).isEmpty());

    // The holder was not disturbed.
    QVERIFY(alice.isConnected());
    QVERIFY(received(alice, ofType(u"leave"_s)).isEmpty());
    QCOMPARE(received(alice, ofType(u"join"_s)).size(), 2);
}

void tst_RoomServer::helloNickValidation_data()
{
    QTest::addColumn<QString>("nick");
    QTest::addColumn<bool>("valid");

    const QString grin = QString::fromUcs4(U"\U0001F600");
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("leading space") << u" alice"_s << false;
    QTest::newRow("trailing space") << u"alice "_s << false;
    QTest::newRow("33 characters") << QString(33, u'a') << false;
    QTest::newRow("32 characters") << QString(32, u'a') << true;
    QTest::newRow("33 Korean syllables") << QString(33, u'가') << false;
    QTest::newRow("32 emoji: counted in code points") << grin.repeated(32) << true;
    QTest::newRow("33 emoji") << grin.repeated(33) << false;
    QTest::newRow("tab") << u"al\tice"_s << false;
    QTest::newRow("line feed") << u"al\nice"_s << false;
    QTest::newRow("zero-width space") << u"al\u200Bice"_s << false;
    QTest::newRow("right-to-left override") << u"\u202Eecila"_s << false;
    QTest::newRow("line separator") << u"al\u2028ice"_s << false;
    QTest::newRow("hangul filler") << u"\u3164"_s << false;
    QTest::newRow("Korean") << u"민수"_s << true;
    QTest::newRow("inner space") << u"Kim Minsu"_s << true;
}

void tst_RoomServer::helloNickValidation()
{
    QFETCH(QString, nick);
    QFETCH(bool, valid);

    QVERIFY(startRoom());
    RichClient alice, peer;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    peer.open(url());
    QVERIFY(connected(peer));
    peer.hello(nick, u"peer-install"_s);

    if (valid) {
        const QJsonObject welcome = nextOfType(peer, u"welcome"_s);
        QCOMPARE(str(welcome, u"you"_s), nick);
        QVERIFY(!next(alice, joinOf(nick)).isEmpty());
        return;
    }
    QCOMPARE(nextErrorCode(peer), u"nick-invalid"_s);
    QVERIFY(peer.isConnected());
    peer.hello(u"fallback"_s, u"peer-install"_s);
    QCOMPARE(str(nextOfType(peer, u"welcome"_s), u"you"_s), u"fallback"_s);
    QVERIFY(!next(alice, joinOf(u"fallback"_s)).isEmpty());
    QCOMPARE(received(alice, ofType(u"join"_s)).size(), 1);
}

void tst_RoomServer::nickChangeIsBroadcast()
{
    QVERIFY(startRoom());
    RichClient alice, bob, plain, carol;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s, u"bob-install"_s).isEmpty());
    QVERIFY(!joinPlain(plain, alice).isEmpty());

    const qint64 seqBefore = m_server->seq();
    bob.sendJson(nickObject(u"robert"_s));
    const QJsonObject event = next(alice, nickEventTo(u"robert"_s));
    QVERIFY(!event.isEmpty());
    QCOMPARE(str(event, u"from"_s), u"bob"_s);
    QCOMPARE(seqOf(event), seqBefore + 1);
    QVERIFY(num(event, u"ts"_s) > 0);
    QCOMPARE(next(bob, nickEventTo(u"robert"_s)), event);

    bob.say(u"b-1"_s, u"renamed"_s);
    QCOMPARE(str(next(alice, messageWithId(u"b-1"_s)), u"from"_s), u"robert"_s);
    QVERIFY(nextText(plain, u"robert: renamed"_s));
    QCOMPARE(plain.texts(), QStringList{u"robert: renamed"_s});

    // The new name is held, the old one is free.
    carol.open(url());
    QVERIFY(connected(carol));
    carol.hello(u"ROBERT"_s, u"carol-install"_s);
    QCOMPARE(nextErrorCode(carol), u"nick-taken"_s);
    carol.hello(u"Bob"_s, u"carol-install"_s);
    const QJsonObject welcome = nextOfType(carol, u"welcome"_s);
    QCOMPARE(str(welcome, u"you"_s), u"Bob"_s);
    QVERIFY(membersOf(welcome).contains(u"robert/rich"_s));
    QVERIFY(!membersOf(welcome).contains(u"bob/rich"_s));
}

void tst_RoomServer::nickChangeOfCaseOnly()
{
    QVERIFY(startRoom());
    RichClient alice, bob;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());

    alice.sendJson(nickObject(u"Alice"_s));
    const QJsonObject event = next(bob, nickEventTo(u"Alice"_s));
    QVERIFY(!event.isEmpty());
    QCOMPARE(str(event, u"from"_s), u"alice"_s);
    QCOMPARE(next(alice, nickEventTo(u"Alice"_s)), event);
    QVERIFY(received(alice, ofType(u"error"_s)).isEmpty());

    alice.say(u"a-1"_s, u"capitalised"_s);
    QCOMPARE(str(next(bob, messageWithId(u"a-1"_s)), u"from"_s), u"Alice"_s);
}

void tst_RoomServer::nickChangeIsRefused_data()
{
    QTest::addColumn<QString>("nick");
    QTest::addColumn<QString>("code");

    QTest::newRow("another member's") << u"bob"_s << u"nick-taken"_s;
    QTest::newRow("another member's, other case") << u"BOB"_s << u"nick-taken"_s;
    QTest::newRow("a plain guest's") << u"Guest-1"_s << u"nick-taken"_s;
    QTest::newRow("empty") << QString() << u"nick-invalid"_s;
    QTest::newRow("leading space") << u" alice"_s << u"nick-invalid"_s;
    QTest::newRow("too long") << QString(33, u'x') << u"nick-invalid"_s;
    QTest::newRow("control character") << u"ali\u0007ce"_s << u"nick-invalid"_s;
}

void tst_RoomServer::nickChangeIsRefused()
{
    QFETCH(QString, nick);
    QFETCH(QString, code);

    QVERIFY(startRoom());
    RichClient alice, bob, plain;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    QCOMPARE(joinPlain(plain, alice), u"guest-1"_s);
    const qint64 seqBefore = m_server->seq();

    alice.sendJson(nickObject(nick));
    QCOMPARE(nextErrorCode(alice), code);

    alice.say(u"a-1"_s, u"marker"_s);
    QCOMPARE(str(next(bob, messageWithId(u"a-1"_s)), u"from"_s), u"alice"_s);
    QVERIFY(nextText(plain, u"alice: marker"_s));
    QVERIFY(received(bob, ofType(u"nick"_s)).isEmpty());
    QVERIFY(received(alice, ofType(u"nick"_s)).isEmpty());
    QCOMPARE(m_server->seq(), seqBefore + 1);
}

void tst_RoomServer::helloFromSameClientReplacesOldConnection_data()
{
    QTest::addColumn<QString>("nick");

    QTest::newRow("same nick") << u"alice"_s;
    QTest::newRow("same nick, other case") << u"Alice"_s;
}

void tst_RoomServer::helloFromSameClientReplacesOldConnection()
{
    QFETCH(QString, nick);

    QVERIFY(startRoom());
    RichClient old, bob, fresh;
    QVERIFY(!joinRoom(old, url(), u"alice"_s, u"alice-install"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());

    fresh.open(url());
    QVERIFY(connected(fresh));
    fresh.hello(nick, u"alice-install"_s);
    const QJsonObject welcome = nextOfType(fresh, u"welcome"_s);
    QVERIFY(!welcome.isEmpty());
    QCOMPARE(str(welcome, u"you"_s), nick);
    // The old connection is not a member any more.
    QStringList expected{nick + u"/rich"_s, u"bob/rich"_s};
    expected.sort();
    QCOMPARE(membersOf(welcome), expected);

    QVERIFY(disconnected(old));
    QCOMPARE(old.closeCode(), CloseCode::Replaced);
    const QJsonObject leave = next(bob, leaveOf(u"alice"_s));
    QVERIFY(!leave.isEmpty());
    QCOMPARE(str(leave, u"reason"_s), u"replaced"_s);
    QVERIFY(!next(bob, joinOf(nick)).isEmpty());

    fresh.say(u"a-1"_s, u"back again"_s);
    QCOMPARE(str(next(bob, messageWithId(u"a-1"_s)), u"from"_s), nick);
    QCOMPARE(m_server->peerCount(), 2);
}

// --- Typing -----------------------------------------------------------------------------------

void tst_RoomServer::typingGoesToOtherRichPeersOnly()
{
    QVERIFY(startRoom());
    RichClient alice, bob, carol, plain, dave;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    QVERIFY(!joinRoom(carol, url(), u"carol"_s).isEmpty());
    QVERIFY(!joinPlain(plain, alice).isEmpty());
    const qint64 seqBefore = m_server->seq();

    alice.sendJson(typingObject(true));
    for (RichClient *other : {&bob, &carol}) {
        const QJsonObject typing = next(*other, ofType(u"typing"_s));
        QCOMPARE(typing, (QJsonObject{{u"type"_s, u"typing"_s},
                                      {u"nick"_s, u"alice"_s},
                                      {u"active"_s, true}}));
    }
    alice.sendJson(typingObject(false));
    QCOMPARE(next(bob, ofType(u"typing"_s)).value(u"active"_s), QJsonValue(false));

    alice.say(u"a-1"_s, u"marker"_s);
    QVERIFY(!next(alice, messageWithId(u"a-1"_s)).isEmpty());
    QVERIFY(!next(carol, messageWithId(u"a-1"_s)).isEmpty());
    QVERIFY(nextText(plain, u"alice: marker"_s));
    QVERIFY(received(alice, ofType(u"typing"_s)).isEmpty());
    QCOMPARE(plain.texts(), QStringList{u"alice: marker"_s});

    // Not a room event: no seq was used and the history does not have it.
    QCOMPARE(m_server->seq(), seqBefore + 1);
    const QJsonObject welcome = joinRoom(dave, url(), u"dave"_s);
    QVERIFY(!welcome.isEmpty());
    for (const QJsonValue &v : welcome.value(u"history"_s).toArray())
        QVERIFY(str(v.toObject(), u"type"_s) != "typing"_L1);
}

// --- Protocol errors --------------------------------------------------------------------------

void tst_RoomServer::messagesBeforeHelloAreRefused_data()
{
    QTest::addColumn<QJsonObject>("message");
    QTest::addColumn<QString>("id");

    QTest::newRow("say") << sayObject(u"early-1"_s, u"too soon"_s) << u"early-1"_s;
    QTest::newRow("nick") << nickObject(u"sneaky"_s) << QString();
    QTest::newRow("typing") << typingObject(true) << QString();
}

void tst_RoomServer::messagesBeforeHelloAreRefused()
{
    QFETCH(QJsonObject, message);
    QFETCH(QString, id);

    QVERIFY(startRoom());
    RichClient alice, plain, peer;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinPlain(plain, alice).isEmpty());
    const qint64 seqBefore = m_server->seq();

    peer.open(url());
    QVERIFY(connected(peer));
    peer.sendJson(message);
    const QJsonObject error = next(peer, ofType(u"error"_s));
    QCOMPARE(str(error, u"code"_s), u"not-joined"_s);
    QCOMPARE(error.value(u"id"_s).toString(), id);
    QCOMPARE(m_server->seq(), seqBefore);

    QVERIFY(peer.isConnected());
    peer.hello(u"late"_s);
    const QJsonObject welcome = nextOfType(peer, u"welcome"_s);
    QCOMPARE(str(welcome, u"you"_s), u"late"_s);
    QVERIFY(!next(alice, joinOf(u"late"_s)).isEmpty());
    QCOMPARE(m_server->seq(), seqBefore + 1);
    QVERIFY(received(alice, ofType(u"message"_s)).isEmpty());
    QVERIFY(received(alice, ofType(u"typing"_s)).isEmpty());
    QVERIFY(received(alice, ofType(u"nick"_s)).isEmpty());
    QVERIFY(plain.texts().isEmpty());
}

void tst_RoomServer::secondHelloIsRefused()
{
    QVERIFY(startRoom());
    RichClient alice, bob;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    const qint64 seqBefore = m_server->seq();

    bob.hello(u"bobby"_s, u"other-install"_s);
    QCOMPARE(nextErrorCode(bob), u"already-joined"_s);
    QVERIFY(bob.isConnected());

    bob.say(u"b-1"_s, u"marker"_s);
    QCOMPARE(str(next(alice, messageWithId(u"b-1"_s)), u"from"_s), u"bob"_s);
    QCOMPARE(bob.objectsOfType(u"welcome"_s).size(), 1);
    QVERIFY(received(alice, joinOf(u"bobby"_s)).isEmpty());
    QVERIFY(received(alice, ofType(u"nick"_s)).isEmpty());
    QCOMPARE(m_server->seq(), seqBefore + 1);
}

void tst_RoomServer::badInputLeavesRoomUndisturbed_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("code");

    QTest::newRow("not JSON") << u"{this is not json"_s << u"bad-json"_s;
    QTest::newRow("truncated JSON")
            << uR"({"type":"say","id":"x-1","text":"hi")"_s << u"bad-json"_s;
    QTest::newRow("empty frame") << QString() << u"bad-json"_s;
    QTest::newRow("JSON array") << u"[1,2,3]"_s << u"bad-message"_s;
    // docs/PROTOCOL.md: a bare JSON value is bad-json (Qt's parser takes only an object or an
    // array at the top level), an array is bad-message.
    QTest::newRow("bare JSON string") << uR"("say")"_s << u"bad-json"_s;
    QTest::newRow("bare JSON number") << u"42"_s << u"bad-json"_s;
    QTest::newRow("object with trailing data")
            << uR"({"type":"typing","active":true} x)"_s << u"bad-json"_s;
    QTest::newRow("object without type") << uR"({"text":"hi"})"_s << u"bad-message"_s;
    QTest::newRow("unknown type") << uR"({"type":"shout","text":"HI"})"_s << u"unknown-type"_s;
    QTest::newRow("say without text") << uR"({"type":"say","id":"x-1"})"_s << u"bad-field"_s;
    QTest::newRow("say with a number as text")
            << uR"({"type":"say","id":"x-1","text":42})"_s << u"bad-field"_s;
    QTest::newRow("typing with a string")
            << uR"({"type":"typing","active":"yes"})"_s << u"bad-field"_s;
}

void tst_RoomServer::badInputLeavesRoomUndisturbed()
{
    QFETCH(QString, input);
    QFETCH(QString, code);

    QVERIFY(startRoom());
    RichClient alice, bob, carol, plain;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    QVERIFY(!joinRoom(carol, url(), u"carol"_s).isEmpty());
    QVERIFY(!joinPlain(plain, alice).isEmpty());
    const qint64 seqBefore = m_server->seq();

    alice.sendText(input);
    QCOMPARE(nextErrorCode(alice), code);
    QVERIFY(alice.isConnected());

    // A third peer still reaches everyone, and the offender can keep chatting.
    carol.say(u"c-1"_s, u"still here"_s);
    for (RichClient *peer : {&alice, &bob, &carol})
        QCOMPARE(str(next(*peer, messageWithId(u"c-1"_s)), u"text"_s), u"still here"_s);
    QVERIFY(nextText(plain, u"carol: still here"_s));
    alice.say(u"a-1"_s, u"and me"_s);
    for (RichClient *peer : {&alice, &bob, &carol})
        QCOMPARE(str(next(*peer, messageWithId(u"a-1"_s)), u"from"_s), u"alice"_s);
    QVERIFY(nextText(plain, u"alice: and me"_s));

    QCOMPARE(received(alice, ofType(u"error"_s)).size(), 1);
    QVERIFY(received(bob, ofType(u"error"_s)).isEmpty());
    QVERIFY(received(carol, ofType(u"error"_s)).isEmpty());
    QCOMPARE(plain.texts(), (QStringList{u"carol: still here"_s, u"alice: and me"_s}));
    QCOMPARE(m_server->seq(), seqBefore + 2);
    QCOMPARE(m_server->peerCount(), 4);
}

void tst_RoomServer::binaryFrameClosesOnlyThatPeer_data()
{
    QTest::addColumn<bool>("plainSender");

    QTest::newRow("rich peer") << false;
    QTest::newRow("plain peer") << true;
}

void tst_RoomServer::binaryFrameClosesOnlyThatPeer()
{
    QFETCH(bool, plainSender);

    QVERIFY(startRoom());
    RichClient alice, carol, listener, sender;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(carol, url(), u"carol"_s).isEmpty());
    QVERIFY(!joinPlain(listener, alice).isEmpty());
    QString nick = u"bob"_s;
    if (plainSender)
        nick = joinPlain(sender, alice);
    else
        QVERIFY(!joinRoom(sender, url(), nick).isEmpty());
    QVERIFY(!nick.isEmpty());

    sender.socket().sendBinaryMessage(QByteArrayLiteral("\x00\x01 binary \xff"));
    QVERIFY(disconnected(sender));
    QCOMPARE(sender.closeCode(), int(CloseCode::UnsupportedData));
    const QJsonObject leave = next(alice, leaveOf(nick));
    QVERIFY(!leave.isEmpty());
    QVERIFY(!str(leave, u"reason"_s).isEmpty());

    carol.say(u"c-1"_s, u"carry on"_s);
    QVERIFY(!next(alice, messageWithId(u"c-1"_s)).isEmpty());
    QVERIFY(nextText(listener, u"carol: carry on"_s));
    alice.say(u"a-1"_s, u"we do"_s);
    QVERIFY(!next(carol, messageWithId(u"a-1"_s)).isEmpty());
    QVERIFY(nextText(listener, u"alice: we do"_s));
    QCOMPARE(m_server->peerCount(), 3);
}

// --- Shutdown ---------------------------------------------------------------------------------

void tst_RoomServer::shutdownClosesEveryPeerWithGoingAway()
{
    QVERIFY(startRoom());
    RichClient alice, bob, plain, lurker;
    QVERIFY(!joinRoom(alice, url(), u"alice"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    QVERIFY(!joinPlain(plain, alice).isEmpty());
    lurker.open(url()); // connected, no hello yet
    QVERIFY(connected(lurker));
    QVERIFY(waitUntil([this] { return m_server->peerCount() == 4; }));
    const qint64 seqBefore = m_server->seq();

    QSignalSpy stopped(m_server.get(), &RoomServer::stopped);
    m_server->shutdown();
    QVERIFY(!m_server->isListening());

    for (RichClient *peer : {&alice, &bob, &plain, &lurker}) {
        QVERIFY(disconnected(*peer));
        QCOMPARE(peer->closeCode(), int(CloseCode::GoingAway));
    }
    QVERIFY(waitUntil([&] { return stopped.count() == 1; }));
    QCOMPARE(m_server->peerCount(), 0);
    // Nobody was told of the others leaving, and no leave was even recorded.
    QCOMPARE(m_server->seq(), seqBefore);
    QVERIFY(received(alice, ofType(u"leave"_s)).isEmpty());
    QVERIFY(received(bob, ofType(u"leave"_s)).isEmpty());
    QVERIFY(plain.texts().isEmpty());

    // The port is closed: a new connection is refused at the TCP level.
    RichClient late;
    late.open(url());
    QVERIFY(disconnected(late));
    QCOMPARE(late.socket().error(), QAbstractSocket::ConnectionRefusedError);
}

// --- Text -------------------------------------------------------------------------------------

void tst_RoomServer::textRoundTripsVerbatim_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("Korean") << u"안녕하세요, 반갑습니다! 오늘 회의는 3시예요."_s;
    QTest::newRow("emoji with skin tone and ZWJ") << QString::fromUcs4(
            U"wave \U0001F44B\U0001F3FD family "
            U"\U0001F468\u200D\U0001F469\u200D\U0001F467 flag \U0001F1F0\U0001F1F7");
    QTest::newRow("Korean and emoji") << QString::fromUcs4(U"축하해요 \U0001F389\U0001F382");
    QTest::newRow("HTML") << u"<b>bold</b> <script>alert('x')</script> <img src=x onerror=y>"_s;
    QTest::newRow("HTML entities") << u"&lt;not a tag&gt; &amp; &nbsp; &#x41;"_s;
    QTest::newRow("JSON as text") << uR"({"type":"say","id":"x","text":"nested"})"_s;
    QTest::newRow("line breaks and tabs") << u"line one\nline two\r\n\tindented"_s;
    QTest::newRow("combining marks") << u"e\u0301 a\u0308 \u1100\u1161\u11A8"_s;
}

void tst_RoomServer::textRoundTripsVerbatim()
{
    QFETCH(QString, text);

    QVERIFY(startRoom());
    RichClient minsu, bob, listener, sender;
    QVERIFY(!joinRoom(minsu, url(), u"민수"_s).isEmpty());
    QVERIFY(!joinRoom(bob, url(), u"bob"_s).isEmpty());
    QVERIFY(!joinPlain(listener, minsu).isEmpty());
    const QString guest = joinPlain(sender, minsu);
    QVERIFY(!guest.isEmpty());

    minsu.say(u"t-1"_s, text);
    const QJsonObject message = next(bob, messageWithId(u"t-1"_s));
    QCOMPARE(str(message, u"text"_s), text);
    QCOMPARE(str(message, u"from"_s), u"민수"_s);
    QCOMPARE(str(next(minsu, messageWithId(u"t-1"_s)), u"text"_s), text);
    QVERIFY(nextText(listener, u"민수: "_s + text));

    sender.sendText(text);
    const QJsonObject fromPlain = next(bob, [&](const QJsonObject &o) {
        return str(o, u"type"_s) == "message"_L1 && str(o, u"from"_s) == guest;
    });
    QCOMPARE(str(fromPlain, u"text"_s), text);
    QVERIFY(nextText(listener, guest + u": "_s + text));
    QCOMPARE(listener.texts(), (QStringList{u"민수: "_s + text, guest + u": "_s + text}));
}

QTEST_GUILESS_MAIN(tst_RoomServer)
#include "tst_roomserver.moc"
