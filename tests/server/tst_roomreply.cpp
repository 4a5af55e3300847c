// Replies (docs/PROTOCOL.md, "Replies"): the room quotes what a `say` with `reply_to` answers,
// from its own log, and refuses what cannot be answered. Real QWebSocket clients against an
// in-process room on 127.0.0.1, in memory and on disk.

#include "richclient.h"
#include "roomwithtwo.h"

#include "protocol/protocol.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

char *toString(const QJsonObject &object)
{
    return qstrdup(QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
}

namespace {

RoomConfig testConfig()
{
    RoomConfig config;
    config.roomName = u"Replies"_s;
    config.messagesPerSecond = 1000;
    config.historyLength = 50;
    return config;
}

QJsonObject say(const QString &id, const QString &text, const QJsonValue &replyTo = {})
{
    QJsonObject o{{u"type"_s, u"say"_s}, {u"id"_s, id}, {u"text"_s, text}};
    if (!replyTo.isUndefined())
        o.insert(u"reply_to"_s, replyTo);
    return o;
}

RichClient::Predicate messageWithId(const QString &id)
{
    return [id](const QJsonObject &o) {
        return o.value(u"type"_s) == "message"_L1 && o.value(u"id"_s) == id;
    };
}

RichClient::Predicate errorFor(const QString &id)
{
    return [id](const QJsonObject &o) {
        return o.value(u"type"_s) == "error"_L1 && o.value(u"id"_s) == id;
    };
}

QJsonObject reply(const QJsonObject &message)
{
    return message.value(u"reply"_s).toObject();
}

/// The message with \a id in a welcome's history; empty when it is not there.
QJsonObject inHistory(const QJsonObject &welcome, const QString &id)
{
    for (const QJsonValue &v : welcome.value(u"history"_s).toArray()) {
        if (v.toObject().value(u"id"_s) == id)
            return v.toObject();
    }
    return {};
}

} // namespace

class tst_RoomReply : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void replyIsRelayedWithTheRoomsQuote();
    void quoteIsOneShortLine();
    void forgottenMessageIsNamedBySeqOnly();
    void unanswerableReplyIsRefusedAndNotStored_data();
    void unanswerableReplyIsRefusedAndNotStored();
    void replySurvivesWelcomeAndResume();
    void replySurvivesARestartOnDisk();

private:
    bool startRoom(const RoomConfig &config = testConfig());
    QUrl url() const;
    /// alice says \a text; returns the seq of her message (as bob saw it).
    qint64 aliceSays(const QString &id, const QString &text);

    RoomWithTwo m_room;
};

void tst_RoomReply::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_RoomReply::cleanup()
{
    m_room.reset();
}

bool tst_RoomReply::startRoom(const RoomConfig &config)
{
    return m_room.start(config);
}

QUrl tst_RoomReply::url() const
{
    return m_room.url();
}

qint64 tst_RoomReply::aliceSays(const QString &id, const QString &text)
{
    m_room.alice->sendJson(say(id, text));
    return m_room.bob->waitFor(messageWithId(id)).value(u"seq"_s).toInteger(-1);
}

void tst_RoomReply::replyIsRelayedWithTheRoomsQuote()
{
    QVERIFY(startRoom());
    const qint64 answered = aliceSays(u"a1"_s, u"점심 먹을래요? Lunch?"_s);
    QVERIFY(answered > 0);

    // Whatever quote the author claims is ignored: the room writes it from its log.
    QJsonObject claim = say(u"b1"_s, u"네, 좋아요"_s, answered);
    claim.insert(u"reply"_s, QJsonObject{{u"seq"_s, answered},
                                         {u"nick"_s, u"mallory"_s},
                                         {u"text"_s, u"I owe bob money"_s}});
    m_room.bob->sendJson(claim);

    const QJsonObject expected{{u"seq"_s, answered},
                               {u"nick"_s, u"alice"_s},
                               {u"text"_s, u"점심 먹을래요? Lunch?"_s}};
    const QJsonObject atAlice = m_room.alice->waitFor(messageWithId(u"b1"_s));
    QCOMPARE(reply(atAlice), expected);
    QCOMPARE(atAlice.value(u"text"_s).toString(), u"네, 좋아요"_s);
    // The author's acknowledgement carries it too.
    QCOMPARE(reply(m_room.bob->waitFor(messageWithId(u"b1"_s))), expected);

    // A plain message has no reply field at all.
    m_room.bob->sendJson(say(u"b2"_s, u"plain"_s));
    QVERIFY(!m_room.alice->waitFor(messageWithId(u"b2"_s)).contains(u"reply"_s));
}

void tst_RoomReply::quoteIsOneShortLine()
{
    QVERIFY(startRoom());
    const QString longText = u"first line\n"_s + QString(300, u'가');
    const qint64 answered = aliceSays(u"a1"_s, longText);
    m_room.bob->sendJson(say(u"b1"_s, u"tl;dr"_s, answered));
    const QString quoted
            = reply(m_room.alice->waitFor(messageWithId(u"b1"_s))).value(u"text"_s).toString();
    QCOMPARE(quoted, (u"first line "_s + QString(89, u'가') + QChar(0x2026)));
}

void tst_RoomReply::forgottenMessageIsNamedBySeqOnly()
{
    RoomConfig config = testConfig();
    config.historyLength = 4;
    QVERIFY(startRoom(config));
    const qint64 old = aliceSays(u"a0"_s, u"long ago"_s);
    QVERIFY(old > 0);
    for (int i = 1; i <= 5; ++i)
        QVERIFY(aliceSays(u"a%1"_s.arg(i), u"filler %1"_s.arg(i)) > 0);

    m_room.bob->sendJson(say(u"b1"_s, u"what was that?"_s, old));
    const QJsonObject atAlice = m_room.alice->waitFor(messageWithId(u"b1"_s));
    QCOMPARE(reply(atAlice), (QJsonObject{{u"seq"_s, old}}));
    QVERIFY(atAlice.value(u"seq"_s).toInteger() > old);
}

void tst_RoomReply::unanswerableReplyIsRefusedAndNotStored_data()
{
    QTest::addColumn<QJsonValue>("given"); // relative: a number to add to the room's latest seq
    QTest::addColumn<bool>("relative");
    QTest::addColumn<QString>("code");

    QTest::newRow("a string") << QJsonValue(u"1"_s) << false << u"bad-field"_s;
    QTest::newRow("negative") << QJsonValue(-1) << false << u"bad-field"_s;
    QTest::newRow("a fraction") << QJsonValue(1.5) << false << u"bad-field"_s;
    QTest::newRow("true") << QJsonValue(true) << false << u"bad-field"_s;
    QTest::newRow("an object") << QJsonValue(QJsonObject{{u"seq"_s, 1}}) << false << u"bad-field"_s;
    QTest::newRow("beyond 2^53") << QJsonValue(1e300) << false << u"bad-field"_s;
    QTest::newRow("0, before the first event") << QJsonValue(0) << false << u"bad-reply"_s;
    QTest::newRow("the next seq, not there yet") << QJsonValue(1) << true << u"bad-reply"_s;
    QTest::newRow("far in the future") << QJsonValue(1000000) << true << u"bad-reply"_s;
    // seq 1 is alice's join: not a message.
    QTest::newRow("a join, not a message") << QJsonValue(1) << false << u"bad-reply"_s;
}

void tst_RoomReply::unanswerableReplyIsRefusedAndNotStored()
{
    QFETCH(QJsonValue, given);
    QFETCH(bool, relative);
    QFETCH(QString, code);

    QVERIFY(startRoom());
    QVERIFY(aliceSays(u"a1"_s, u"hello"_s) > 0);
    QJsonValue replyTo = given;
    if (relative)
        replyTo = double(m_room.server->seq() + given.toInteger());

    m_room.bob->sendJson(say(u"bad"_s, u"sneaky"_s, replyTo));
    const QJsonObject error = m_room.bob->waitFor(errorFor(u"bad"_s));
    QCOMPARE(error.value(u"code"_s).toString(), code);

    // Not stored, not relayed: alice's next message is the next thing after hers, and a joiner's
    // history does not have it.
    m_room.bob->sendJson(say(u"b2"_s, u"after"_s));
    QVERIFY(!m_room.alice->waitFor(messageWithId(u"b2"_s)).isEmpty());
    QVERIFY(m_room.alice->waitFor(messageWithId(u"bad"_s), 0).isEmpty());
    RichClient carol;
    const QJsonObject welcome = carol.join(url(), u"carol"_s, u"c-carol"_s);
    QVERIFY(!welcome.isEmpty());
    QVERIFY(inHistory(welcome, u"bad"_s).isEmpty());
    QVERIFY(!inHistory(welcome, u"b2"_s).isEmpty());
}

void tst_RoomReply::replySurvivesWelcomeAndResume()
{
    QVERIFY(startRoom());
    const qint64 answered = aliceSays(u"a1"_s, u"who has the key?"_s);
    const QJsonObject expected{{u"seq"_s, answered},
                               {u"nick"_s, u"alice"_s},
                               {u"text"_s, u"who has the key?"_s}};
    const qint64 before = m_room.server->seq();

    // A member who resumes after the reply gets it with its quote ...
    m_room.alice.reset();
    m_room.bob->sendJson(say(u"b1"_s, u"I do"_s, answered));
    QVERIFY(!m_room.bob->waitFor(messageWithId(u"b1"_s)).isEmpty());
    RichClient again;
    again.open(url());
    QVERIFY(again.waitConnected());
    again.hello(u"alice"_s, u"c-alice"_s, before, m_room.server->incarnation());
    const QJsonObject resumed = again.waitForType(u"welcome"_s);
    QCOMPARE(reply(inHistory(resumed, u"b1"_s)), expected);

    // ... and so does a newcomer, in its welcome's history.
    RichClient carol;
    QCOMPARE(reply(inHistory(carol.join(url(), u"carol"_s, u"c-carol"_s), u"b1"_s)), expected);
}

void tst_RoomReply::replySurvivesARestartOnDisk()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RoomConfig config = testConfig();
    config.dataDir = dir.path();
    QVERIFY2(startRoom(config), qPrintable(m_room.server->errorString()));
    const qint64 answered = aliceSays(u"a1"_s, u"see you at 3"_s);
    m_room.bob->sendJson(say(u"b1"_s, u"ok"_s, answered));
    QVERIFY(!m_room.alice->waitFor(messageWithId(u"b1"_s)).isEmpty());
    cleanup();

    m_room.server = std::make_unique<RoomServer>(config);
    QVERIFY2(m_room.server->listen(QHostAddress::LocalHost, 0),
             qPrintable(m_room.server->errorString()));
    RichClient carol;
    const QJsonObject welcome = carol.join(url(), u"carol"_s, u"c-carol"_s);
    QCOMPARE(reply(inHistory(welcome, u"b1"_s)), (QJsonObject{{u"seq"_s, answered},
                                                              {u"nick"_s, u"alice"_s},
                                                              {u"text"_s, u"see you at 3"_s}}));
}

QTEST_GUILESS_MAIN(tst_RoomReply)
#include "tst_roomreply.moc"
