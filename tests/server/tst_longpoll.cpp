// HTTP long-polling on the room's port (LongPollRouter, LongPollSession; docs/PROTOCOL.md
// "Long-polling"), over real sockets on 127.0.0.1: a session opens, polls, posts and leaves; a
// poll with nothing to say is held and ends empty; a lost answer is sent again; a session
// nobody polls leaves with "timeout", one that does not read is dropped as "slow"; the room's
// limits hold as for a WebSocket; bad requests get a clear status and change nothing. A desktop
// peer on a real QWebSocket is in the room to see what the long-poll peer does.

#include "richclient.h"

#include "server/peerinfo.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTest>

#include <QSet>

#include <memory>
#include <optional>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

/// One HTTP request on a connection of its own, answered when the room closes it (the room
/// answers every request with Connection: close). Waiting runs the event loop.
class HttpCall : public QObject
{
public:
    HttpCall(quint16 port, const QByteArray &request)
    {
        connect(&m_socket, &QTcpSocket::connected, this,
                [this, request] { m_socket.write(request); });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { m_answer += m_socket.readAll(); });
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
            m_answer += m_socket.readAll();
            m_done = true;
        });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool wait(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return m_done; }, timeoutMs);
    }
    bool isDone() const { return m_done; }
    int status() const { return m_answer.startsWith("HTTP/1.1 ") ? m_answer.mid(9, 3).toInt() : 0; }
    QByteArray body() const
    {
        const qsizetype end = m_answer.indexOf("\r\n\r\n");
        return end < 0 ? QByteArray() : m_answer.mid(end + 4);
    }
    QByteArray answer() const { return m_answer; }

private:
    QTcpSocket m_socket;
    QByteArray m_answer;
    bool m_done = false;
};

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                   const QByteArray &extraHeaders = {})
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST")
        r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

/// The answer to \a r, waited for.
std::unique_ptr<HttpCall> exchange(quint16 port, const QByteArray &r)
{
    auto call = std::make_unique<HttpCall>(port, r);
    call->wait();
    return call;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(QJsonArray{object}).toJson(QJsonDocument::Compact);
}

QJsonObject hello(const QString &nick)
{
    return {{u"type"_s, u"hello"_s}, {u"nick"_s, nick}, {u"client"_s, QString(u"lp-"_s + nick)}};
}

QJsonObject say(const QString &id, const QString &text)
{
    return {{u"type"_s, u"say"_s}, {u"id"_s, id}, {u"text"_s, text}};
}

RichClient::Predicate ofType(const QString &type, const QString &key = {}, const QString &value = {})
{
    return [=](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == type
               && (key.isEmpty() || o.value(key).toString() == value);
    };
}

/// The page's side of a long-poll session, as a test drives it.
class PollPeer
{
public:
    explicit PollPeer(quint16 port)
        : m_port(port)
    {}

    bool open(const QByteArray &extraHeaders = {})
    {
        const auto call = exchange(m_port, request("POST", "/poll/open", {}, extraHeaders));
        if (call->status() != 200)
            return false;
        m_sid = QJsonDocument::fromJson(call->body()).object().value(u"sid"_s).toString().toLatin1();
        return !m_sid.isEmpty();
    }
    QByteArray sid() const { return m_sid; }
    QByteArray path() const { return "/poll/" + m_sid; }

    int post(const QByteArray &body, const QByteArray &extraHeaders = {})
    {
        return exchange(m_port, request("POST", path(), body, extraHeaders))->status();
    }
    int post(const QJsonObject &message) { return post(json(message)); }

    /// Starts a poll acknowledging what was received; poll() or waitFor() collects it.
    std::unique_ptr<HttpCall> startPoll()
    {
        return std::make_unique<HttpCall>(m_port,
                                          request("GET", path() + "?since="
                                                                 + QByteArray::number(m_received)));
    }
    /// Takes the answer of \a call: its messages are received.
    int collect(const HttpCall &call)
    {
        if (call.status() == 200) {
            const QJsonArray batch = QJsonDocument::fromJson(call.body()).array();
            m_received += batch.size();
            for (const QJsonValue &v : batch)
                m_messages.append(v.toObject());
        }
        return call.status();
    }
    /// The first message received (and not taken yet) that matches, polling until it comes.
    QJsonObject waitFor(const RichClient::Predicate &matches, int timeoutMs = 5000)
    {
        QElapsedTimer clock;
        clock.start();
        for (;;) {
            for (qsizetype i = 0; i < m_messages.size(); ++i) {
                if (!m_taken.contains(i) && matches(m_messages.at(i))) {
                    m_taken.insert(i);
                    return m_messages.at(i);
                }
            }
            const qint64 left = timeoutMs - clock.elapsed();
            if (left <= 0)
                return {};
            auto call = startPoll();
            if (!call->wait(int(left)) || collect(*call) != 200)
                return {};
        }
    }
    bool join(const QString &nick)
    {
        return open() && post(hello(nick)) == 204
               && !waitFor(ofType(u"welcome"_s, u"you"_s, nick)).isEmpty();
    }
    qint64 received() const { return m_received; }
    const QList<QJsonObject> &messages() const { return m_messages; }

private:
    quint16 m_port;
    QByteArray m_sid;
    qint64 m_received = 0;
    QList<QJsonObject> m_messages;
    QSet<qsizetype> m_taken;
};

RoomConfig testConfig()
{
    RoomConfig config;
    config.roomName = u"Long-poll room"_s;
    return config;
}

std::optional<PeerInfo> longPollPeer(const RoomServer &room)
{
    for (const PeerInfo &p : room.peers()) {
        if (p.transport == PeerInfo::Transport::LongPolling)
            return p;
    }
    return std::nullopt;
}

} // namespace

class tst_LongPoll : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void joinsSaysHearsAndLeaves();
    void aPollWithNothingToSayIsHeldThenEmpty();
    void aLostAnswerIsSentAgain();
    void aSessionNobodyPollsLeavesWithTimeout();
    void aSessionThatDoesNotReadIsDroppedAsSlow();
    void aFullRoomRefusesTheSession();
    void floodControlAndNickRulesApply();
    void kickEndsTheSession();
    void aPingIsAnsweredByTheNextPoll();
    void badRequestsChangeNothing_data();
    void badRequestsChangeNothing();
};

void tst_LongPoll::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_LongPoll::joinsSaysHearsAndLeaves()
{
    RoomServer room(testConfig());
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    const QUrl ws(u"ws://127.0.0.1:%1"_s.arg(room.port()));
    RichClient mina;
    QVERIFY(!mina.join(ws, u"mina"_s).isEmpty());

    PollPeer web(room.port());
    QVERIFY(web.open("Origin: http://127.0.0.1:" + QByteArray::number(room.port())
                     + "\r\nUser-Agent: test-page\r\n"));
    QCOMPARE(web.sid().size(), 32); // 128 random bits in hex
    QCOMPARE(web.post(hello(u"web"_s)), 204);
    const QJsonObject welcome = web.waitFor(ofType(u"welcome"_s));
    QCOMPARE(welcome.value(u"you"_s).toString(), u"web"_s);
    QCOMPARE(welcome.value(u"room"_s).toString(), u"Long-poll room"_s);
    QVERIFY(!mina.waitFor(ofType(u"join"_s, u"nick"_s, u"web"_s)).isEmpty());

    // The inspector's view of it.
    const auto info = longPollPeer(room);
    QVERIFY(info);
    QCOMPARE(info->nick, u"web"_s);
    QVERIFY(info->joined);
    QCOMPARE(info->subprotocol, u"parlor.v1"_s);
    QCOMPARE(info->userAgent, u"test-page"_s);
    QCOMPARE(info->origin, u"http://127.0.0.1:%1"_s.arg(room.port()));

    // Web says; mina hears. Mina says while web's poll is held; the poll brings it at once.
    QCOMPARE(web.post(say(u"w-1"_s, u"hello from behind a proxy"_s)), 204);
    const QJsonObject heard = mina.waitFor(ofType(u"message"_s, u"id"_s, u"w-1"_s));
    QCOMPARE(heard.value(u"from"_s).toString(), u"web"_s);
    QCOMPARE(heard.value(u"text"_s).toString(), u"hello from behind a proxy"_s);
    QVERIFY(!web.waitFor(ofType(u"message"_s, u"id"_s, u"w-1"_s)).isEmpty()); // its echo
    // The poll is held up to 25 s: the answer within the wait is mina's message arriving.
    auto held = web.startPoll();
    mina.say(u"m-1"_s, u"and hello back"_s);
    QVERIFY(held->wait());
    QCOMPARE(web.collect(*held), 200);
    const QJsonObject back = web.waitFor(ofType(u"message"_s, u"id"_s, u"m-1"_s), 0);
    QCOMPARE(back.value(u"text"_s).toString(), u"and hello back"_s);

    // Leaving: the room sees it go as it sees a WebSocket close.
    QCOMPARE(exchange(room.port(), request("DELETE", web.path()))->status(), 204);
    const QJsonObject leave = mina.waitFor(ofType(u"leave"_s, u"nick"_s, u"web"_s));
    QCOMPARE(leave.value(u"reason"_s).toString(), u"quit"_s);
    QTRY_COMPARE(room.peerCount(), 1);
    QCOMPARE(exchange(room.port(), request("GET", web.path()))->status(), 404);
}

void tst_LongPoll::aPollWithNothingToSayIsHeldThenEmpty()
{
    RoomConfig config = testConfig();
    config.longPollHoldMs = 400;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    PollPeer web(room.port());
    QVERIFY(web.open());
    QElapsedTimer clock;
    clock.start();
    auto poll = web.startPoll();
    QVERIFY(poll->wait());
    QVERIFY2(clock.elapsed() >= 350, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(poll->status(), 200);
    QCOMPARE(poll->body(), QByteArray("[]"));
    QVERIFY(poll->answer().contains("Content-Type: application/json\r\n"));
}

void tst_LongPoll::aLostAnswerIsSentAgain()
{
    RoomConfig config = testConfig();
    config.longPollHoldMs = 300;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    PollPeer web(room.port());
    QVERIFY(web.open());
    QCOMPARE(web.post(hello(u"web"_s)), 204);
    // The page got the welcome but says (since=0) it did not: it comes again.
    auto first = exchange(room.port(), request("GET", web.path() + "?since=0"));
    QCOMPARE(first->status(), 200);
    const QJsonArray batch = QJsonDocument::fromJson(first->body()).array();
    QVERIFY(!batch.isEmpty());
    QCOMPARE(batch.first().toObject().value(u"type"_s).toString(), u"welcome"_s);
    auto again = exchange(room.port(), request("GET", web.path() + "?since=0"));
    QCOMPARE(again->status(), 200);
    QCOMPARE(again->body(), first->body());
    // Past what was handed out: impossible.
    const QByteArray n = QByteArray::number(batch.size());
    QCOMPARE(exchange(room.port(), request("GET", web.path() + "?since=" + n + "1"))->status(), 400);
    // Acknowledged: nothing more to say, the poll is held and ends empty.
    auto acknowledged = exchange(room.port(), request("GET", web.path() + "?since=" + n));
    QCOMPARE(acknowledged->status(), 200);
    QCOMPARE(acknowledged->body(), QByteArray("[]"));
    // Behind what was acknowledged: those messages are gone.
    QCOMPARE(exchange(room.port(), request("GET", web.path() + "?since=0"))->status(), 400);
}

void tst_LongPoll::aSessionNobodyPollsLeavesWithTimeout()
{
    RoomConfig config = testConfig();
    config.longPollHoldMs = 200;
    config.longPollTimeoutMs = 600;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    RichClient mina;
    QVERIFY(!mina.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(room.port())), u"mina"_s).isEmpty());
    PollPeer web(room.port());
    QVERIFY(web.join(u"web"_s));
    QVERIFY(!mina.waitFor(ofType(u"join"_s, u"nick"_s, u"web"_s)).isEmpty());
    // The page is closed: nobody polls again.
    const QJsonObject leave = mina.waitFor(ofType(u"leave"_s, u"nick"_s, u"web"_s), 5000);
    QCOMPARE(leave.value(u"reason"_s).toString(), u"timeout"_s);
    QTRY_COMPARE(room.peerCount(), 1);
    QCOMPARE(exchange(room.port(), request("GET", web.path()))->status(), 404);
}

void tst_LongPoll::aSessionThatDoesNotReadIsDroppedAsSlow()
{
    RoomConfig config = testConfig();
    config.maxQueuedBytes = 8 * 1024;
    config.messagesPerSecond = 1000;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    RichClient mina;
    QVERIFY(!mina.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(room.port())), u"mina"_s).isEmpty());
    PollPeer web(room.port());
    QVERIFY(web.join(u"web"_s));
    QVERIFY(!mina.waitFor(ofType(u"join"_s, u"nick"_s, u"web"_s)).isEmpty());
    // Web stops polling; what the room says for it piles up past the limit.
    for (int i = 0; i < 12; ++i)
        mina.say(u"m-%1"_s.arg(i), QString(1000, u'x'));
    const QJsonObject leave = mina.waitFor(ofType(u"leave"_s, u"nick"_s, u"web"_s));
    QCOMPARE(leave.value(u"reason"_s).toString(), u"slow"_s);
}

void tst_LongPoll::aFullRoomRefusesTheSession()
{
    RoomConfig config = testConfig();
    config.maxPeers = 1;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    RichClient mina;
    QVERIFY(!mina.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(room.port())), u"mina"_s).isEmpty());
    PollPeer web(room.port());
    QVERIFY(web.open());
    // As a WebSocket would: the room's error, then the close with 1013.
    const QJsonObject error = web.waitFor(ofType(u"error"_s));
    QCOMPARE(error.value(u"code"_s).toString(), u"room-full"_s);
    const QJsonObject close = web.waitFor(
            [](const QJsonObject &o) { return o.value(u"poll"_s).toString() == u"close"_s; });
    QCOMPARE(close.value(u"code"_s).toInt(), 1013);
    QCOMPARE(exchange(room.port(), request("GET", web.path()))->status(), 404);
    QCOMPARE(room.peerCount(), 1);
}

void tst_LongPoll::floodControlAndNickRulesApply()
{
    RoomConfig config = testConfig();
    config.messagesPerSecond = 5;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    PollPeer bad(room.port());
    QVERIFY(bad.open());
    QCOMPARE(bad.post(hello(QString(40, u'n'))), 204); // longer than the 32 a nickname may be
    QCOMPARE(bad.waitFor(ofType(u"error"_s)).value(u"code"_s).toString(), u"nick-invalid"_s);

    PollPeer web(room.port());
    QVERIFY(web.join(u"web"_s));
    QJsonArray burst;
    for (int i = 0; i < 30; ++i)
        burst.append(say(u"w-%1"_s.arg(i), u"flood"_s));
    QCOMPARE(web.post(QJsonDocument(burst).toJson(QJsonDocument::Compact)), 204);
    QCOMPARE(web.waitFor(ofType(u"error"_s)).value(u"code"_s).toString(), u"rate-limited"_s);
}

void tst_LongPoll::kickEndsTheSession()
{
    RoomServer room(testConfig());
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    PollPeer web(room.port());
    QVERIFY(web.join(u"web"_s));
    const auto info = longPollPeer(room);
    QVERIFY(info);
    QVERIFY(room.kick(info->id, 4002, u"be nice"_s));
    const QJsonObject close = web.waitFor(
            [](const QJsonObject &o) { return o.value(u"poll"_s).toString() == u"close"_s; });
    QCOMPARE(close.value(u"code"_s).toInt(), 4002);
    QCOMPARE(close.value(u"reason"_s).toString(), u"be nice"_s);
    QTRY_COMPARE(room.peerCount(), 0);
}

void tst_LongPoll::aPingIsAnsweredByTheNextPoll()
{
    RoomServer room(testConfig()); // polls are held 25 s
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    PollPeer web(room.port());
    QVERIFY(web.join(u"web"_s));
    const int id = longPollPeer(room)->id;
    QCOMPARE(longPollPeer(room)->lastRttMs, -1);
    // The ping answers the held poll at once (empty); the next poll is the pong.
    auto held = web.startPoll();
    QTRY_VERIFY(room.ping(id) && held->isDone());
    QCOMPARE(web.collect(*held), 200);
    auto next = web.startPoll();
    QTRY_VERIFY(longPollPeer(room)->lastRttMs >= 0);
}

void tst_LongPoll::badRequestsChangeNothing_data()
{
    QTest::addColumn<QByteArray>("request"); // {sid} is the live session's id, {port} the room's
    QTest::addColumn<int>("status");

    const QByteArray sneaky = R"({"type":"say","id":"bad-1","text":"must not arrive"})";
    auto post = [](const QByteArray &target, const QByteArray &body, const QByteArray &extra = {}) {
        return request("POST", target, body, extra);
    };
    QTest::newRow("unknown session")
            << request("GET", "/poll/0123456789abcdef0123456789abcdef") << 404;
    QTest::newRow("malformed session") << request("GET", "/poll/{sid}x") << 404;
    QTest::newRow("no session") << request("GET", "/poll") << 404;
    QTest::newRow("open with GET") << request("GET", "/poll/open") << 405;
    QTest::newRow("PUT") << request("PUT", "/poll/{sid}", "[]") << 405;
    QTest::newRow("not JSON") << post("/poll/{sid}", "say hi") << 400;
    QTest::newRow("an object, not an array") << post("/poll/{sid}", sneaky) << 400;
    QTest::newRow("a number among messages") << post("/poll/{sid}", '[' + sneaky + ",3]") << 400;
    QTest::newRow("too large") << post("/poll/{sid}", "[" + QByteArray(4096, ' ') + "]") << 413;
    QTest::newRow("chunked")
            << ("POST /poll/{sid} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + QByteArray::number(sneaky.size() + 2, 16) + "\r\n[" + sneaky + "]\r\n0\r\n\r\n")
            << 411;
    QTest::newRow("since not a number") << request("GET", "/poll/{sid}?since=abc") << 400;
    QTest::newRow("since ahead") << request("GET", "/poll/{sid}?since=999") << 400;
    QTest::newRow("another site opens")
            << post("/poll/open", {}, "Origin: http://evil.example\r\n") << 403;
    QTest::newRow("another site posts")
            << post("/poll/{sid}", '[' + sneaky + ']', "Origin: http://evil.example\r\n") << 403;
    QTest::newRow("the room's own page posts")
            << post("/poll/{sid}", "[]", "Origin: http://127.0.0.1:{port}\r\n") << 204;
}

void tst_LongPoll::badRequestsChangeNothing()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);

    RoomConfig config = testConfig();
    config.maxMessageBytes = 4096;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    RichClient mina;
    QVERIFY(!mina.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(room.port())), u"mina"_s).isEmpty());
    PollPeer web(room.port());
    QVERIFY(web.join(u"web"_s));
    QVERIFY(!mina.waitFor(ofType(u"join"_s, u"nick"_s, u"web"_s)).isEmpty());

    request.replace("{sid}", web.sid()).replace("{port}", QByteArray::number(room.port()));
    // Host names the room as a browser would, so that its own page's Origin matches.
    request.replace("Host: 127.0.0.1\r\n",
                    QByteArray("Host: 127.0.0.1:" + QByteArray::number(room.port()) + "\r\n"));
    const auto call = exchange(room.port(), request);
    QVERIFY2(call->isDone(), request.constData());
    QCOMPARE(call->status(), status);

    // Nothing changed: the same two in the room, and the next thing web says is the first
    // mina hears from it.
    QCOMPARE(room.peerCount(), 2);
    QCOMPARE(web.post(say(u"after"_s, u"still here"_s)), 204);
    const QJsonObject next = mina.waitFor(ofType(u"message"_s));
    QCOMPARE(next.value(u"id"_s).toString(), u"after"_s);
    QVERIFY(!web.waitFor(ofType(u"message"_s, u"id"_s, u"after"_s)).isEmpty());
}

QTEST_MAIN(tst_LongPoll)

#include "tst_longpoll.moc"
