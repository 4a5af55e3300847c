// The rules of parlor.v1, with no socket: peers are test peers that record what the room sends
// them, and the log is the real in-memory one (or, where the test is about a log's timing or
// failure, a log that completes appends when the test says so).
#include "protocol/closecodes.h"
#include "protocol/codec.h"
#include "server/memoryroomlog.h"
#include "server/room.h"

#include <QTest>

#include <deque>
#include <memory>

using namespace Parlor;

namespace {

/// A peer as the room sees it: what it was sent, and whether and how it was closed.
class TestPeer : public RoomPeer
{
public:
    using RoomPeer::RoomPeer;

    void sendText(const QString &text) override
    {
        if (leaveReason().isEmpty())
            sent.append(text);
    }
    void closeConnection(int code, const QString &reason) override
    {
        closeCode = code;
        closeReason = reason;
    }

    /// Everything sent since the last call, decoded.
    QList<ServerMessage> take()
    {
        QList<ServerMessage> messages;
        for (const QString &text : std::as_const(sent)) {
            const auto decoded = Codec::decodeServer(text.toUtf8());
            if (const auto *m = std::get_if<ServerMessage>(&decoded))
                messages.append(*m);
            else
                qWarning("not a server message: %s", qPrintable(text));
        }
        sent.clear();
        return messages;
    }

    QStringList sent;
    int closeCode = 0;
    QString closeReason;
};

/// A log whose appends complete only when the test calls complete() (as on disk or on a
/// broker), or fail with an error.
class ManualLog : public RoomLog
{
public:
    QString incarnation() const override { return QStringLiteral("0123456789abcdef"); }
    qint64 lastSeq() const override { return m_seq; }
    void append(const RoomEvent &draft, Completion done) override
    {
        m_pending.push_back({draft, std::move(done)});
    }
    QList<RoomEvent> all() const override { return m_kept; }
    QList<RoomEvent> after(qint64 since, bool *gap) const override
    {
        *gap = false;
        QList<RoomEvent> list;
        for (const RoomEvent &e : m_kept) {
            if (e.seq > since)
                list.append(e);
        }
        return list;
    }
    std::optional<RoomEvent> event(qint64 seq) const override
    {
        for (const RoomEvent &e : m_kept) {
            if (e.seq == seq)
                return e;
        }
        return std::nullopt;
    }
    std::optional<qint64> delivered(const QString &client, const QString &id) const override
    {
        for (const RoomEvent &e : m_kept) {
            if (e.kind == RoomEvent::Kind::Message && e.client == client && e.id == id)
                return e.seq;
        }
        return std::nullopt;
    }

    int pending() const { return int(m_pending.size()); }
    /// Completes the oldest append.
    void complete()
    {
        auto [draft, done] = std::move(m_pending.front());
        m_pending.pop_front();
        ++m_seq;
        const RoomEvent event = stamped(draft, incarnation(), m_seq, 1700000000000 + m_seq);
        m_kept.append(event);
        done(Appended{event, {}});
    }
    /// Completes every pending append as one group: all are kept before the first completion
    /// runs (as a log that commits in groups does).
    void completeGroup()
    {
        std::vector<std::pair<RoomEvent, Completion>> group;
        while (!m_pending.empty()) {
            auto [draft, done] = std::move(m_pending.front());
            m_pending.pop_front();
            ++m_seq;
            const RoomEvent event = stamped(draft, incarnation(), m_seq, 1700000000000 + m_seq);
            m_kept.append(event);
            group.emplace_back(event, std::move(done));
        }
        for (auto &[event, done] : group)
            done(Appended{event, {}});
    }
    void fail(const QString &error)
    {
        auto [draft, done] = std::move(m_pending.front());
        m_pending.pop_front();
        done(Appended{draft, error});
    }

private:
    qint64 m_seq = 0;
    QList<RoomEvent> m_kept;
    std::deque<std::pair<RoomEvent, Completion>> m_pending;
};

QString say(const QString &id, const QString &text)
{
    return QString::fromUtf8(Codec::encode(Say{id, text, std::nullopt}));
}

QString hello(const QString &nick, const QString &client, std::optional<qint64> since = {},
              const QString &incarnation = {}, const QString &password = {})
{
    Hello h;
    h.nick = nick;
    h.client = client;
    h.since = since;
    h.incarnation = incarnation;
    h.password = password;
    return QString::fromUtf8(Codec::encode(h));
}

template<typename T>
QList<T> only(const QList<ServerMessage> &messages)
{
    QList<T> list;
    for (const ServerMessage &m : messages) {
        if (const auto *t = std::get_if<T>(&m))
            list.append(*t);
    }
    return list;
}

QStringList texts(const QList<RoomEvent> &events)
{
    QStringList list;
    for (const RoomEvent &e : events) {
        if (e.kind == RoomEvent::Kind::Message)
            list.append(e.text);
    }
    return list;
}

} // namespace

class tst_Room : public QObject
{
    Q_OBJECT

private:
    RoomConfig m_config;
    std::unique_ptr<MemoryRoomLog> m_log;
    std::unique_ptr<Room> m_room;
    std::vector<std::unique_ptr<TestPeer>> m_peers;
    int m_nextId = 1;

    TestPeer *attachPeer(MemberMode mode = MemberMode::Rich)
    {
        m_peers.push_back(std::make_unique<TestPeer>(m_nextId++, mode, QHostAddress::LocalHost));
        m_room->attach(m_peers.back().get());
        return m_peers.back().get();
    }
    /// A rich peer that said hello and took its welcome.
    TestPeer *joined(const QString &nick, Welcome *welcome = nullptr)
    {
        TestPeer *peer = attachPeer();
        m_room->receive(peer, hello(nick, QStringLiteral("client-") + nick));
        const auto welcomes = only<Welcome>(peer->take());
        if (welcomes.size() == 1 && welcome)
            *welcome = welcomes.first();
        return welcomes.size() == 1 ? peer : nullptr;
    }

private slots:
    void init()
    {
        m_config = RoomConfig{};
        m_config.roomName = QStringLiteral("Lunch");
        m_log = std::make_unique<MemoryRoomLog>(m_config.historyLength);
        m_room = std::make_unique<Room>(m_config, m_log.get());
        m_peers.clear();
        m_nextId = 1;
    }

    void cleanup()
    {
        m_room.reset();
        m_peers.clear();
    }

    void helloIsWelcomed()
    {
        Welcome first;
        TestPeer *mina = joined(QStringLiteral("mina"), &first);
        QVERIFY(mina);
        QCOMPARE(first.room, QStringLiteral("Lunch"));
        QCOMPARE(first.you, QStringLiteral("mina"));
        QCOMPARE(first.incarnation, m_log->incarnation());
        QCOMPARE(first.seq, 1);
        QCOMPARE(first.members.size(), 1);
        QCOMPARE(first.history.size(), 1); // its own join
        QCOMPARE(first.history.first().kind, RoomEvent::Kind::Join);
        QCOMPARE(first.limits.messagesPerSecond, m_config.messagesPerSecond);

        TestPeer *jun = attachPeer();
        m_room->receive(jun, hello(QStringLiteral("jun"), QStringLiteral("client-jun")));
        // The joiner learns of its own join only through welcome's history.
        const auto toJun = jun->take();
        QCOMPARE(toJun.size(), 1);
        const Welcome second = std::get<Welcome>(toJun.first());
        QCOMPARE(second.members.size(), 2);
        QCOMPARE(second.seq, 2);
        QCOMPARE(second.history.last().nick, QStringLiteral("jun"));
        // The first member hears of the second join at once.
        const auto events = only<RoomEvent>(mina->take());
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().kind, RoomEvent::Kind::Join);
        QCOMPARE(events.first().nick, QStringLiteral("jun"));
    }

    void nothingButHelloBeforeJoining()
    {
        TestPeer *peer = attachPeer();
        m_room->receive(peer, say(QStringLiteral("m1"), QStringLiteral("too early")));
        const auto errors = only<ErrorReply>(peer->take());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().code, ErrorCode::NotJoined);
        QCOMPARE(errors.first().id, QStringLiteral("m1"));
        QCOMPARE(m_room->seq(), 0);
    }

    void sayIsBroadcastAndAcknowledged()
    {
        TestPeer *mina = joined(QStringLiteral("mina"));
        TestPeer *jun = joined(QStringLiteral("jun"));
        TestPeer *guest = attachPeer(MemberMode::Plain);
        QCOMPARE(guest->nick(), QStringLiteral("guest-1"));
        mina->take();
        jun->take();

        m_room->receive(mina, say(QStringLiteral("m1"), QStringLiteral("hello all")));
        const auto ack = only<RoomEvent>(mina->take());
        QCOMPARE(ack.size(), 1);
        QCOMPARE(ack.first().id, QStringLiteral("m1"));
        QCOMPARE(ack.first().from, QStringLiteral("mina"));
        QCOMPARE(ack.first().seq, m_room->seq());
        QCOMPARE(texts(only<RoomEvent>(jun->take())), QStringList{QStringLiteral("hello all")});
        // A plain peer gets a line of text, not JSON.
        QCOMPARE(guest->sent, QStringList{QStringLiteral("mina: hello all")});
    }

    void plainLinesGetTheLogsId()
    {
        TestPeer *mina = joined(QStringLiteral("mina"));
        TestPeer *guest = attachPeer(MemberMode::Plain);
        mina->take();
        m_room->receive(guest, QStringLiteral("hi from a plain client"));
        const auto events = only<RoomEvent>(mina->take());
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().from, QStringLiteral("guest-1"));
        QCOMPARE(events.first().id,
                 QStringLiteral("plain-%1-%2").arg(m_log->incarnation()).arg(events.first().seq));
    }

    void resentSayIsPostedOnce()
    {
        TestPeer *mina = joined(QStringLiteral("mina"));
        TestPeer *jun = joined(QStringLiteral("jun"));
        mina->take();
        m_room->receive(mina, say(QStringLiteral("m1"), QStringLiteral("once")));
        const qint64 seq = m_room->seq();
        mina->take();
        jun->take();

        // The same client re-sends it (after a reconnect): only the author hears, the same seq.
        m_room->receive(mina, say(QStringLiteral("m1"), QStringLiteral("once")));
        const auto ack = only<RoomEvent>(mina->take());
        QCOMPARE(ack.size(), 1);
        QCOMPARE(ack.first().seq, seq);
        QVERIFY(jun->sent.isEmpty());
        QCOMPARE(m_room->seq(), seq);
    }

    void resumeGetsExactlyWhatWasMissed()
    {
        TestPeer *mina = joined(QStringLiteral("mina"));
        m_room->receive(mina, say(QStringLiteral("m1"), QStringLiteral("one")));
        const qint64 seen = m_room->seq();
        m_room->receive(mina, say(QStringLiteral("m2"), QStringLiteral("two")));
        m_room->receive(mina, say(QStringLiteral("m3"), QStringLiteral("three")));

        TestPeer *jun = attachPeer();
        m_room->receive(jun, hello(QStringLiteral("jun"), QStringLiteral("client-jun"), seen,
                                   m_log->incarnation()));
        const auto welcome = only<Welcome>(jun->take());
        QCOMPARE(welcome.size(), 1);
        QVERIFY(!welcome.first().gap);
        QCOMPARE(texts(welcome.first().history),
                 (QStringList{QStringLiteral("two"), QStringLiteral("three")}));
        QCOMPARE(welcome.first().history.last().kind, RoomEvent::Kind::Join);

        // From another incarnation: everything kept, and a gap.
        TestPeer *sora = attachPeer();
        m_room->receive(sora, hello(QStringLiteral("sora"), QStringLiteral("client-sora"), seen,
                                    QStringLiteral("another-life")));
        const auto other = only<Welcome>(sora->take());
        QCOMPARE(other.size(), 1);
        QVERIFY(other.first().gap);
        QCOMPARE(texts(other.first().history).size(), 3);
    }

    void nicknamesAreUnique()
    {
        TestPeer *mina = joined(QStringLiteral("mina"));
        TestPeer *other = attachPeer();
        m_room->receive(other, hello(QStringLiteral("MINA"), QStringLiteral("another-client")));
        const auto errors = only<ErrorReply>(other->take());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().code, ErrorCode::NickTaken);
        QCOMPARE(other->state(), RoomPeer::State::AwaitingHello);
        QCOMPARE(mina->state(), RoomPeer::State::Joined);
    }

    void sameClientReplacesItsOldConnection()
    {
        TestPeer *old = joined(QStringLiteral("mina"));
        TestPeer *jun = joined(QStringLiteral("jun"));
        jun->take();
        TestPeer *again = attachPeer();
        m_room->receive(again, hello(QStringLiteral("mina"), QStringLiteral("client-mina")));
        QCOMPARE(old->closeCode, CloseCode::Replaced);
        QCOMPARE(old->state(), RoomPeer::State::Left);
        QCOMPARE(again->state(), RoomPeer::State::Joined);
        const auto events = only<RoomEvent>(jun->take());
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).kind, RoomEvent::Kind::Leave);
        QCOMPARE(events.at(0).reason, QStringLiteral("replaced"));
        QCOMPARE(events.at(1).kind, RoomEvent::Kind::Join);
        // The old connection's end announces nothing more.
        m_room->detach(old, QStringLiteral("quit"));
        QVERIFY(jun->take().isEmpty());
    }

    void leavesAreAnnouncedWithTheRightReason()
    {
        TestPeer *mina = joined(QStringLiteral("mina"));
        TestPeer *jun = joined(QStringLiteral("jun"));
        TestPeer *sora = joined(QStringLiteral("sora"));
        mina->take();
        // A connection that ended by itself: the connection's reason.
        m_room->detach(jun, QStringLiteral("lost"));
        auto events = only<RoomEvent>(mina->take());
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().reason, QStringLiteral("lost"));
        // One the room closed: the room's reason, once the connection has ended.
        m_room->dismiss(sora, CloseCode::PolicyViolation, QStringLiteral("too many messages"),
                        QStringLiteral("flood"));
        QCOMPARE(sora->closeCode, CloseCode::PolicyViolation);
        QCOMPARE(sora->state(), RoomPeer::State::Leaving);
        QVERIFY(mina->take().isEmpty());
        m_room->detach(sora, QStringLiteral("quit"));
        events = only<RoomEvent>(mina->take());
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().nick, QStringLiteral("sora"));
        QCOMPARE(events.first().reason, QStringLiteral("flood"));
    }

    void noLeavesWhileClosingDown()
    {
        TestPeer *mina = joined(QStringLiteral("mina"));
        TestPeer *jun = joined(QStringLiteral("jun"));
        mina->take();
        const qint64 seq = m_room->seq();
        m_room->stopAnnouncing();
        m_room->detach(jun, QStringLiteral("quit"));
        QVERIFY(mina->take().isEmpty());
        QCOMPARE(m_room->seq(), seq);
    }

    void wrongPasswordIsClosed()
    {
        m_config.password = QStringLiteral("secret");
        m_room = std::make_unique<Room>(m_config, m_log.get());
        TestPeer *peer = attachPeer();
        m_room->receive(peer, hello(QStringLiteral("mina"), QStringLiteral("c"), {}, {},
                                    QStringLiteral("guess")));
        const auto errors = only<ErrorReply>(peer->take());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().code, ErrorCode::Auth);
        QCOMPARE(peer->closeCode, CloseCode::PolicyViolation);
        QCOMPARE(peer->state(), RoomPeer::State::Left);

        TestPeer *right = attachPeer();
        m_room->receive(right, hello(QStringLiteral("mina"), QStringLiteral("c"), {}, {},
                                     QStringLiteral("secret")));
        QCOMPARE(right->state(), RoomPeer::State::Joined);
    }

    void wrongPasswordsSlowAnAddressDown()
    {
        m_config.password = QStringLiteral("secret");
        m_config.passwordTries = 2;
        m_config.passwordDelayMs = 60000; // longer than the test: time never frees it here
        m_room = std::make_unique<Room>(m_config, m_log.get());
        auto attempt = [this](const QHostAddress &from, const QString &password) {
            m_peers.push_back(std::make_unique<TestPeer>(m_nextId++, MemberMode::Rich, from));
            TestPeer *peer = m_peers.back().get();
            m_room->attach(peer);
            m_room->receive(peer, hello(QStringLiteral("n%1").arg(peer->id()),
                                        QStringLiteral("c%1").arg(peer->id()), {}, {}, password));
            const auto errors = only<ErrorReply>(peer->take());
            return errors.isEmpty() ? QString() : errors.first().text;
        };
        const QHostAddress guesser(QStringLiteral("192.0.2.7"));
        QCOMPARE(attempt(guesser, QStringLiteral("guess 1")), QStringLiteral("wrong password"));
        QCOMPARE(attempt(guesser, QStringLiteral("guess 2")), QStringLiteral("wrong password"));
        // Past the tries, the address waits — even the right password is not looked at.
        const QString refused = attempt(guesser, QStringLiteral("secret"));
        QVERIFY2(refused.startsWith(QLatin1String("too many wrong passwords from your address: "
                                                  "try again in ")),
                 qPrintable(refused));
        QCOMPARE(m_peers.back()->closeCode, CloseCode::PolicyViolation);
        QCOMPARE(m_peers.back()->state(), RoomPeer::State::Left);
        // Another address is not affected, and a right password clears its own count.
        const QHostAddress other(QStringLiteral("192.0.2.8"));
        QCOMPARE(attempt(other, QStringLiteral("guess")), QStringLiteral("wrong password"));
        QCOMPARE(attempt(other, QStringLiteral("secret")), QString());
        QCOMPARE(m_peers.back()->state(), RoomPeer::State::Joined);
        QCOMPARE(attempt(other, QStringLiteral("guess")), QStringLiteral("wrong password"));
        QCOMPARE(attempt(other, QStringLiteral("secret")), QString());
    }

    void floodIsDroppedThenClosed()
    {
        TestPeer *mina = joined(QStringLiteral("mina"));
        mina->take();
        // A burst of twice the rate passes; past that messages are dropped with an error, and
        // after about another second's worth the peer is closed.
        const int burst = 2 * m_config.messagesPerSecond;
        for (int i = 0; i < burst + m_config.messagesPerSecond + 5; ++i)
            m_room->receive(mina, say(QStringLiteral("m%1").arg(i), QStringLiteral("spam")));
        const auto messages = mina->take();
        // The hello took one token; a slow machine may have refilled one meanwhile.
        QVERIFY(only<RoomEvent>(messages).size() >= burst - 1);
        QVERIFY(only<RoomEvent>(messages).size() <= burst);
        QVERIFY(!only<ErrorReply>(messages).isEmpty());
        QCOMPARE(only<ErrorReply>(messages).first().code, ErrorCode::RateLimited);
        QCOMPARE(mina->closeCode, CloseCode::PolicyViolation);
        QCOMPARE(mina->leaveReason(), QStringLiteral("flood"));
    }

    void nothingIsToldBeforeTheLogHasIt()
    {
        ManualLog log;
        Room room(m_config, &log);
        TestPeer mina(1, MemberMode::Rich, QHostAddress::LocalHost);
        TestPeer jun(2, MemberMode::Rich, QHostAddress::LocalHost);
        room.attach(&mina);
        room.attach(&jun);
        room.receive(&mina, hello(QStringLiteral("mina"), QStringLiteral("a")));
        room.receive(&jun, hello(QStringLiteral("jun"), QStringLiteral("b")));
        // The names are taken at once, but no welcome goes out before the joins are appended.
        QCOMPARE(mina.state(), RoomPeer::State::Joining);
        QVERIFY(mina.sent.isEmpty());
        QCOMPARE(log.pending(), 2);
        log.complete();
        QCOMPARE(only<Welcome>(mina.take()).size(), 1);
        log.complete();
        QCOMPARE(only<Welcome>(jun.take()).size(), 1);
        QCOMPARE(only<RoomEvent>(mina.take()).size(), 1); // jun's join

        room.receive(&mina, say(QStringLiteral("m1"), QStringLiteral("later")));
        // A re-send while the first is still with the log is not posted again.
        room.receive(&mina, say(QStringLiteral("m1"), QStringLiteral("later")));
        QCOMPARE(log.pending(), 1);
        QVERIFY(mina.sent.isEmpty());
        QVERIFY(jun.sent.isEmpty());
        log.complete();
        const auto ack = only<RoomEvent>(mina.take());
        QCOMPARE(ack.size(), 1);
        QCOMPARE(ack.first().seq, 3); // the log's number
        QCOMPARE(texts(only<RoomEvent>(jun.take())), QStringList{QStringLiteral("later")});

        // An append that fails tells nobody but its author, who learns it was not stored; the
        // same id may be tried again.
        room.receive(&mina, say(QStringLiteral("m2"), QStringLiteral("lost in the log")));
        QTest::ignoreMessage(QtWarningMsg, "the room's log did not keep an event: disk full");
        log.fail(QStringLiteral("disk full"));
        const auto refusal = only<ErrorReply>(mina.take());
        QCOMPARE(refusal.size(), 1);
        QCOMPARE(refusal.first().code, ErrorCode::NotStored);
        QCOMPARE(refusal.first().id, QStringLiteral("m2"));
        QVERIFY(refusal.first().text.contains(QLatin1String("disk full")));
        QVERIFY(jun.sent.isEmpty());
        room.receive(&mina, say(QStringLiteral("m2"), QStringLiteral("lost in the log")));
        QCOMPARE(log.pending(), 1);
    }

    void aJoinTheLogCannotKeepIsRefusedNotLeftWaiting()
    {
        // A full disk when someone arrives: its join is not stored, so its welcome (which ends
        // at its join) could never come. It is told so and asked to come back later.
        ManualLog log;
        Room room(m_config, &log);
        TestPeer mina(1, MemberMode::Rich, QHostAddress::LocalHost);
        TestPeer jun(2, MemberMode::Rich, QHostAddress::LocalHost);
        room.attach(&mina);
        room.receive(&mina, hello(QStringLiteral("mina"), QStringLiteral("a")));
        log.complete();
        mina.take();
        room.attach(&jun);
        room.receive(&jun, hello(QStringLiteral("jun"), QStringLiteral("b")));
        QTest::ignoreMessage(QtWarningMsg, "the room's log did not keep an event: disk full");
        log.fail(QStringLiteral("disk full"));
        const auto refusal = only<ErrorReply>(jun.take());
        QCOMPARE(refusal.size(), 1);
        QCOMPARE(refusal.first().code, ErrorCode::NotStored);
        QVERIFY(refusal.first().text.contains(QLatin1String("disk full")));
        QCOMPARE(jun.closeCode, CloseCode::TryAgainLater);
        QCOMPARE(jun.state(), RoomPeer::State::Left);
        // Nobody heard of it, so nobody hears it leave; its name is free again.
        room.detach(&jun, QStringLiteral("quit"));
        QCOMPARE(log.pending(), 0);
        QVERIFY(mina.sent.isEmpty());
        TestPeer again(3, MemberMode::Rich, QHostAddress::LocalHost);
        room.attach(&again);
        room.receive(&again, hello(QStringLiteral("jun"), QStringLiteral("b")));
        log.complete();
        QCOMPARE(only<Welcome>(again.take()).size(), 1);
    }

    void aJoinerHearsNothingBeforeItsWelcome()
    {
        // A log that appends in groups: a message and a join in one group, in either order.
        ManualLog log;
        Room room(m_config, &log);
        TestPeer mina(1, MemberMode::Rich, QHostAddress::LocalHost);
        TestPeer jun(2, MemberMode::Rich, QHostAddress::LocalHost);
        TestPeer sora(3, MemberMode::Rich, QHostAddress::LocalHost);
        room.attach(&mina);
        room.receive(&mina, hello(QStringLiteral("mina"), QStringLiteral("a")));
        log.complete();
        mina.take();

        // Said before jun's hello: jun gets it in its welcome, not live.
        room.attach(&jun);
        room.receive(&mina, say(QStringLiteral("m1"), QStringLiteral("before jun")));
        room.receive(&jun, hello(QStringLiteral("jun"), QStringLiteral("b")));
        log.complete(); // m1
        QVERIFY(jun.sent.isEmpty());
        log.complete(); // jun's join
        auto toJun = jun.take();
        QCOMPARE(toJun.size(), 1);
        Welcome welcome = std::get<Welcome>(toJun.first());
        QCOMPARE(texts(welcome.history), QStringList{QStringLiteral("before jun")});
        QCOMPARE(welcome.seq, 3);

        // Said after sora's hello but appended in the same group as her join: the welcome ends
        // at her join, and the message follows it live, once.
        room.attach(&sora);
        room.receive(&sora, hello(QStringLiteral("sora"), QStringLiteral("c")));
        room.receive(&mina, say(QStringLiteral("m2"), QStringLiteral("after sora")));
        log.completeGroup(); // sora's join and m2, both kept before the welcome is built
        const auto toSora = sora.take();
        QCOMPARE(toSora.size(), 2);
        welcome = std::get<Welcome>(toSora.at(0));
        QCOMPARE(welcome.seq, 4);
        QCOMPARE(welcome.history.constLast().seq, 4);
        QVERIFY(!texts(welcome.history).contains(QStringLiteral("after sora")));
        QCOMPARE(std::get<RoomEvent>(toSora.at(1)).text, QStringLiteral("after sora"));
    }

    void aJoinerGoneBeforeItsJoinIsAppendedGetsNothing()
    {
        ManualLog log;
        Room room(m_config, &log);
        TestPeer mina(1, MemberMode::Rich, QHostAddress::LocalHost);
        room.attach(&mina);
        room.receive(&mina, hello(QStringLiteral("mina"), QStringLiteral("a")));
        room.detach(&mina, QStringLiteral("lost"));
        log.complete(); // the join
        QVERIFY(mina.sent.isEmpty());
        QCOMPARE(log.pending(), 1); // its leave
    }
};

QTEST_GUILESS_MAIN(tst_Room)
#include "tst_room.moc"
