// The rules every parlor-server applies to a room's stream on the broker (BrokerRoomState), and
// the stream's entries as they are read back (BrokerRequest::decode): no broker needed.

#include "broker/brokerroomstate.h"

#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

const QString A = QStringLiteral("aaaaaaaaaaaaaaaa");
const QString B = QStringLiteral("bbbbbbbbbbbbbbbb");
const QString C = QStringLiteral("cccccccccccccccc");

using Result = BrokerRoomState::Outcome::Result;

class Stream
{
public:
    BrokerRequest event(const QString &server, RoomEvent draft)
    {
        BrokerRequest r;
        r.server = server;
        r.number = ++m_numbers[server];
        r.incarnation = server; // each proposes its own; the first request's wins
        draft.ts = 1000 + r.number;
        r.draft = draft;
        return r;
    }
    BrokerRequest join(const QString &server, const QString &nick, const QString &client)
    {
        RoomEvent d;
        d.kind = RoomEvent::Kind::Join;
        d.nick = nick;
        d.client = client;
        return event(server, d);
    }
    BrokerRequest say(const QString &server, const QString &from, const QString &client,
                      const QString &id, const QString &text)
    {
        RoomEvent d;
        d.kind = RoomEvent::Kind::Message;
        d.from = from;
        d.client = client;
        d.id = id;
        d.text = text;
        return event(server, d);
    }
    BrokerRequest leave(const QString &server, const QString &nick)
    {
        RoomEvent d;
        d.kind = RoomEvent::Kind::Leave;
        d.nick = nick;
        d.reason = QStringLiteral("quit");
        return event(server, d);
    }
    BrokerRequest nick(const QString &server, const QString &from, const QString &to)
    {
        RoomEvent d;
        d.kind = RoomEvent::Kind::Nick;
        d.from = from;
        d.to = to;
        return event(server, d);
    }
    BrokerRequest lost(const QString &server, const QString &lostServer,
                       const QString &reason = QStringLiteral("lost"))
    {
        BrokerRequest r;
        r.kind = BrokerRequest::Kind::ServerLost;
        r.server = server;
        r.number = ++m_numbers[server];
        r.incarnation = server;
        r.lostServer = lostServer;
        r.lostReason = reason;
        return r;
    }

private:
    QHash<QString, qint64> m_numbers;
};

QStringList describe(const QList<RoomEvent> &events)
{
    QStringList out;
    for (const RoomEvent &e : events) {
        switch (e.kind) {
        case RoomEvent::Kind::Join:
            out << QStringLiteral("%1 join %2").arg(e.seq).arg(e.nick);
            break;
        case RoomEvent::Kind::Leave:
            out << QStringLiteral("%1 leave %2 %3").arg(e.seq).arg(e.nick, e.reason);
            break;
        case RoomEvent::Kind::Message:
            out << QStringLiteral("%1 say %2 %3").arg(e.seq).arg(e.from, e.text);
            break;
        case RoomEvent::Kind::Nick:
            out << QStringLiteral("%1 nick %2 %3").arg(e.seq).arg(e.from, e.to);
            break;
        }
    }
    return out;
}

} // namespace

class tst_BrokerRoomState : public QObject
{
    Q_OBJECT

private slots:
    void everyServerNumbersAlike();
    void aResentRequestIsIgnored();
    void aSayAnotherServerAppendedIsADuplicate();
    void joinTakesAFreeNickOrReplacesTheSameClient();
    void onlyTheMembersServerSpeaksForIt();
    void aLostServersMembersLeaveOnce();
    void aStoppingServersMembersLeaveWithShutdown();
    void nickChangesNeedAFreeName();
    void plainLinesAreNamedFromTheNumbering();
    void encodeDecodeRoundTrip();
    void decodeRefusesWhatIsNotARequest_data();
    void decodeRefusesWhatIsNotARequest();
};

void tst_BrokerRoomState::everyServerNumbersAlike()
{
    Stream s;
    const QList<BrokerRequest> stream = {
            s.join(A, u"ann"_s, u"c-ann"_s),
            s.join(B, u"bob"_s, u"c-bob"_s),
            s.say(B, u"bob"_s, u"c-bob"_s, u"m1"_s, u"hi"_s),
            s.say(A, u"ann"_s, u"c-ann"_s, u"m1"_s, u"hello"_s),
            s.leave(B, u"bob"_s),
    };
    BrokerRoomState one(100), two(100);
    for (const BrokerRequest &r : stream) {
        const auto a = one.apply(r);
        const auto b = two.apply(r);
        QCOMPARE(a.result, Result::Appended);
        QCOMPARE(a.event, b.event);
    }
    QCOMPARE(describe(one.history().all()),
             QStringList({u"1 join ann"_s, u"2 join bob"_s, u"3 say bob hi"_s, u"4 say ann hello"_s,
                          u"5 leave bob quit"_s}));
    QCOMPARE(one.incarnation(), A); // the first request's proposal
    QCOMPARE(two.incarnation(), A);
    QCOMPARE(one.lastSeq(), 5);
    QCOMPARE(one.members().size(), 1);
    QCOMPARE(one.members().value(nickKey(u"ann"_s)).server, A);
}

void tst_BrokerRoomState::aResentRequestIsIgnored()
{
    Stream s;
    BrokerRoomState state(100);
    const BrokerRequest join = s.join(A, u"ann"_s, u"c-ann"_s);
    const BrokerRequest say = s.say(A, u"ann"_s, u"c-ann"_s, u"m1"_s, u"once"_s);
    QCOMPARE(state.apply(join).result, Result::Appended);
    QCOMPARE(state.apply(say).result, Result::Appended);
    // A broker connection lost before the server saw its requests back: it sends them again.
    QCOMPARE(state.apply(join).result, Result::Ignored);
    QCOMPARE(state.apply(say).result, Result::Ignored);
    QCOMPARE(state.lastSeq(), 2);
}

void tst_BrokerRoomState::aSayAnotherServerAppendedIsADuplicate()
{
    Stream s;
    BrokerRoomState state(100);
    state.apply(s.join(A, u"ann"_s, u"c-ann"_s));
    const auto first = state.apply(s.say(A, u"ann"_s, u"c-ann"_s, u"m1"_s, u"before the crash"_s));
    QCOMPARE(first.result, Result::Appended);
    // Server A dies before ann hears back; her client joins B and sends m1 again.
    const auto rejoin = state.apply(s.join(B, u"ann"_s, u"c-ann"_s));
    QCOMPARE(rejoin.result, Result::Appended);
    const auto again = state.apply(s.say(B, u"ann"_s, u"c-ann"_s, u"m1"_s, u"before the crash"_s));
    QCOMPARE(again.result, Result::Duplicate);
    QCOMPARE(again.event, first.event);
    QCOMPARE(state.delivered(u"c-ann"_s, u"m1"_s), first.event.seq);
    // Another client may use the same id.
    state.apply(s.join(B, u"bob"_s, u"c-bob"_s));
    QCOMPARE(state.apply(s.say(B, u"bob"_s, u"c-bob"_s, u"m1"_s, u"mine"_s)).result,
             Result::Appended);
}

void tst_BrokerRoomState::joinTakesAFreeNickOrReplacesTheSameClient()
{
    Stream s;
    BrokerRoomState state(100);
    state.apply(s.join(A, u"Ann"_s, u"c-ann"_s));
    const auto taken = state.apply(s.join(B, u"ann"_s, u"c-other"_s));
    QCOMPARE(taken.result, Result::Refused);
    QCOMPARE(taken.code, ErrorCode::NickTaken);
    const auto plain = state.apply(s.join(B, u"ANN"_s, QString()));
    QCOMPARE(plain.result, Result::Refused);
    const auto replaced = state.apply(s.join(B, u"Ann"_s, u"c-ann"_s));
    QCOMPARE(replaced.result, Result::Appended);
    QCOMPARE(describe(replaced.derived), QStringList({u"2 leave Ann replaced"_s}));
    QCOMPARE(describe({replaced.event}), QStringList({u"3 join Ann"_s}));
    QCOMPARE(state.members().value(nickKey(u"Ann"_s)).server, B);
}

void tst_BrokerRoomState::onlyTheMembersServerSpeaksForIt()
{
    Stream s;
    BrokerRoomState state(100);
    state.apply(s.join(A, u"ann"_s, u"c-ann"_s));
    state.apply(s.join(B, u"ann"_s, u"c-ann"_s)); // moved to B
    // A notices her old connection's end late: its leave must not take her out.
    const auto late = state.apply(s.leave(A, u"ann"_s));
    QCOMPARE(late.result, Result::Refused);
    QCOMPARE(late.code, ErrorCode::NotJoined);
    QCOMPARE(state.apply(s.say(A, u"ann"_s, u"c-ann"_s, u"m9"_s, u"ghost"_s)).result,
             Result::Refused);
    QVERIFY(state.members().contains(nickKey(u"ann"_s)));
    QCOMPARE(state.apply(s.leave(B, u"ann"_s)).result, Result::Appended);
    QVERIFY(state.members().isEmpty());
}

void tst_BrokerRoomState::aLostServersMembersLeaveOnce()
{
    Stream s;
    BrokerRoomState state(100);
    state.apply(s.join(A, u"zed"_s, u"c-zed"_s));
    state.apply(s.join(B, u"bob"_s, u"c-bob"_s));
    state.apply(s.join(A, u"amy"_s, u"c-amy"_s));
    QCOMPARE(state.serversWithMembers(), QStringList({A, B}));
    // B and C both noticed A's silence.
    const auto lost = state.apply(s.lost(B, A));
    QCOMPARE(describe(lost.derived), QStringList({u"4 leave zed lost"_s, u"5 leave amy lost"_s}));
    QCOMPARE(state.apply(s.lost(C, A)).derived.size(), 0);
    QCOMPARE(state.serversWithMembers(), QStringList({B}));
    QCOMPARE(state.lastSeq(), 5);
}

void tst_BrokerRoomState::aStoppingServersMembersLeaveWithShutdown()
{
    Stream s;
    BrokerRoomState state(100);
    state.apply(s.join(A, u"zed"_s, u"c-zed"_s));
    state.apply(s.join(B, u"bob"_s, u"c-bob"_s));
    // A says so itself on its way out; B noticing the silence later changes nothing.
    QCOMPARE(describe(state.apply(s.lost(A, A, u"shutdown"_s)).derived),
             QStringList({u"3 leave zed shutdown"_s}));
    QCOMPARE(state.apply(s.lost(B, A)).derived.size(), 0);
    QCOMPARE(state.serversWithMembers(), QStringList({B}));
}

void tst_BrokerRoomState::nickChangesNeedAFreeName()
{
    Stream s;
    BrokerRoomState state(100);
    state.apply(s.join(A, u"ann"_s, u"c-ann"_s));
    state.apply(s.join(B, u"bob"_s, u"c-bob"_s));
    const auto taken = state.apply(s.nick(A, u"ann"_s, u"BOB"_s));
    QCOMPARE(taken.result, Result::Refused);
    QCOMPARE(taken.code, ErrorCode::NickTaken);
    QCOMPARE(state.apply(s.nick(A, u"ann"_s, u"Ann"_s)).result,
             Result::Appended); // her own, recased
    QCOMPARE(state.apply(s.nick(A, u"Ann"_s, u"anna"_s)).result, Result::Appended);
    QCOMPARE(state.members().value(nickKey(u"anna"_s)).client, u"c-ann"_s);
    QVERIFY(!state.members().contains(nickKey(u"ann"_s)));
}

void tst_BrokerRoomState::plainLinesAreNamedFromTheNumbering()
{
    Stream s;
    BrokerRoomState state(100);
    state.apply(s.join(A, u"guest-1"_s, QString()));
    const auto line = state.apply(s.say(A, u"guest-1"_s, QString(), QString(), u"hello?"_s));
    QCOMPARE(line.event.id, u"plain-%1-2"_s.arg(A));
    // Plain lines have no client: never duplicates of one another.
    QCOMPARE(state.apply(s.say(A, u"guest-1"_s, QString(), QString(), u"hello?"_s)).result,
             Result::Appended);
}

void tst_BrokerRoomState::encodeDecodeRoundTrip()
{
    Stream s;
    // Replies carry the quote the writing server took, and every server relays that one.
    BrokerRequest quoted = s.say(A, u"x"_s, u"c-2"_s, u"m2"_s, u"yes"_s);
    quoted.draft.reply = ReplyQuote{3, u"미나"_s, u"a b \"c\""_s};
    BrokerRequest forgotten = s.say(A, u"x"_s, u"c-2"_s, u"m3"_s, u"what?"_s);
    forgotten.draft.reply = ReplyQuote{1, {}, {}};
    for (const BrokerRequest &r :
         {s.join(A, u"미나"_s, u"c-1"_s), s.say(A, u"미나"_s, u"c-1"_s, u"m1"_s, u"a\nb \"c\""_s),
          quoted, forgotten, s.leave(A, u"미나"_s), s.nick(B, u"x"_s, u"y"_s), s.lost(C, A),
          s.lost(A, A, u"shutdown"_s)}) {
        QString error;
        const auto back = BrokerRequest::decode(r.encode(), ProtocolLimits{}, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->kind, r.kind);
        QCOMPARE(back->server, r.server);
        QCOMPARE(back->number, r.number);
        QCOMPARE(back->incarnation, r.incarnation);
        QCOMPARE(back->draft, r.draft);
        QCOMPARE(back->lostServer, r.lostServer);
        QCOMPARE(back->lostReason, r.lostReason);
    }
    // The first streams' server-lost had no reason: it means "lost".
    const auto old = BrokerRequest::decode(
            R"({"v":1,"server":"aaaaaaaaaaaaaaaa","n":1,"inc":"aaaaaaaaaaaaaaaa","kind":"server-lost","lost":"bbbbbbbbbbbbbbbb"})",
            ProtocolLimits{}, nullptr);
    QVERIFY(old);
    QCOMPARE(old->lostReason, u"lost"_s);
}

void tst_BrokerRoomState::decodeRefusesWhatIsNotARequest_data()
{
    QTest::addColumn<QByteArray>("body");
    const QByteArray head = R"("v":1,"server":"aaaaaaaaaaaaaaaa","n":1,"inc":"aaaaaaaaaaaaaaaa",)";
    QTest::newRow("not json") << QByteArray("hello");
    QTest::newRow("array") << QByteArray("[1]");
    QTest::newRow("version 2") << QByteArray(
            R"({"v":2,"server":"aaaaaaaaaaaaaaaa","n":1,"inc":"aaaaaaaaaaaaaaaa","kind":"join","nick":"x","mode":"rich","ts":1})");
    QTest::newRow("server id") << QByteArray(
            R"({"v":1,"server":"../../etc","n":1,"inc":"aaaaaaaaaaaaaaaa","kind":"join","nick":"x","mode":"rich","ts":1})");
    QTest::newRow("number 0") << QByteArray(
            R"({"v":1,"server":"aaaaaaaaaaaaaaaa","n":0,"inc":"aaaaaaaaaaaaaaaa","kind":"join","nick":"x","mode":"rich","ts":1})");
    QTest::newRow("number fraction") << QByteArray(
            R"({"v":1,"server":"aaaaaaaaaaaaaaaa","n":1.5,"inc":"aaaaaaaaaaaaaaaa","kind":"join","nick":"x","mode":"rich","ts":1})");
    QTest::newRow("number huge") << QByteArray(
            R"({"v":1,"server":"aaaaaaaaaaaaaaaa","n":1e300,"inc":"aaaaaaaaaaaaaaaa","kind":"join","nick":"x","mode":"rich","ts":1})");
    QTest::newRow("unknown kind") << "{" + head + R"("kind":"kick","nick":"x","ts":1})";
    QTest::newRow("join no mode") << "{" + head + R"("kind":"join","nick":"x","ts":1})";
    QTest::newRow("join bad nick")
            << "{" + head + R"("kind":"join","nick":"","mode":"rich","ts":1})";
    QTest::newRow("join control nick")
            << "{" + head + "\"kind\":\"join\",\"nick\":\"a\\u0007b\",\"mode\":\"rich\",\"ts\":1}";
    QTest::newRow("say no ts") << "{" + head + R"("kind":"say","from":"x","text":"t"})";
    QTest::newRow("say empty text") << "{" + head + R"("kind":"say","from":"x","text":"","ts":1})";
    QTest::newRow("say text too long") << "{" + head + R"("kind":"say","from":"x","text":")"
                                                  + QByteArray(4001, 'a') + R"(","ts":1})";
    QTest::newRow("say reply not an object")
            << "{" + head + R"("kind":"say","from":"x","text":"t","ts":1,"reply":7})";
    QTest::newRow("say reply seq 0")
            << "{" + head + R"("kind":"say","from":"x","text":"t","ts":1,"reply":{"seq":0}})";
    QTest::newRow("say reply bad nick") << "{" + head
                                                   + R"("kind":"say","from":"x","text":"t","ts":1,)"
                                                     R"("reply":{"seq":1,"nick":" x","text":"q"}})";
    QTest::newRow("say reply quote too long")
            << "{" + head
                       + R"("kind":"say","from":"x","text":"t","ts":1,"reply":{"seq":1,)"
                         R"("nick":"y","text":")"
                       + QByteArray(401, 'q') + R"("}})";
    QTest::newRow("leave no reason") << "{" + head + R"("kind":"leave","nick":"x","ts":1})";
    QTest::newRow("nick no to") << "{" + head + R"("kind":"nick","from":"x","ts":1})";
    QTest::newRow("lost bad id") << "{" + head + R"("kind":"server-lost","lost":"x"})";
    QTest::newRow("lost bad reason")
            << "{" + head + R"("kind":"server-lost","lost":"bbbbbbbbbbbbbbbb","reason":"kicked"})";
}

void tst_BrokerRoomState::decodeRefusesWhatIsNotARequest()
{
    QFETCH(QByteArray, body);
    QString error;
    QVERIFY(!BrokerRequest::decode(body, ProtocolLimits{}, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(tst_BrokerRoomState)
#include "tst_brokerroomstate.moc"
