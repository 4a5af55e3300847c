// Replies and mentions in the client core: ChatSession sends a reply and shows the room's quote,
// MessageModel exposes it (and finds a line by seq), MentionMatcher decides what names me, and
// MentionModel lists those lines. Two sessions in a real RoomServer on 127.0.0.1.

#include "client/chatsession.h"
#include "client/mentionmatcher.h"
#include "client/mentionmodel.h"
#include "client/messagemodel.h"
#include "client/outbox.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QAbstractItemModelTester>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 5000;

ChatSession::Options sessionOptions(quint16 port, const QString &nick,
                                    const QString &outboxPath = {})
{
    ChatSession::Options options;
    options.connection.url = QUrl(u"ws://127.0.0.1:%1"_s.arg(port));
    options.connection.subprotocols = {u"parlor.v1"_s};
    options.connection.pingIntervalMs = 0;
    options.connection.closeTimeoutMs = 500;
    options.connection.backoff.initialMs = 50;
    options.connection.backoff.maxMs = 300;
    options.nick = nick;
    options.clientId = u"test-client-%1"_s.arg(qHash(nick)); // ids are ASCII
    options.outboxPath = outboxPath;
    return options;
}

/// The row of the line with \a text in \a model; -1 if none.
int rowOfText(const MessageModel &model, const QString &text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.line(row).text == text)
            return row;
    }
    return -1;
}

} // namespace

class tst_Replies : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void mentions_data();
    void mentions();
    void mentionRanges();

    void replyCarriesTheRoomsQuoteBothWays();
    void ownReplyIsQuotedAtOnceFromTheLoadedLine();
    void mentionsAreFlaggedAndListed();
    void replyToSurvivesTheOutbox();
    void refusedReplyFailsItsMessage();

private:
    bool join(ChatSession *session, const QString &nick, const QString &outbox = {});

    std::unique_ptr<RoomServer> m_room;
    std::unique_ptr<ChatSession> m_alice;
    std::unique_ptr<ChatSession> m_bob;
};

void tst_Replies::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false\nparlor.client.info=false"_s);
}

void tst_Replies::init()
{
    RoomConfig config;
    config.roomName = u"Replies"_s;
    config.messagesPerSecond = 1000;
    m_room = std::make_unique<RoomServer>(config);
    QVERIFY(m_room->listen(QHostAddress::LocalHost, 0));
    m_alice = std::make_unique<ChatSession>();
    m_bob = std::make_unique<ChatSession>();
}

void tst_Replies::cleanup()
{
    m_alice.reset();
    m_bob.reset();
    m_room.reset();
}

bool tst_Replies::join(ChatSession *session, const QString &nick, const QString &outbox)
{
    QSignalSpy joined(session, &ChatSession::joined);
    return session->start(sessionOptions(m_room->port(), nick, outbox)) && joined.wait(waitMs);
}

void tst_Replies::mentions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("nick");
    QTest::addColumn<bool>("expected");

    QTest::newRow("the name alone") << u"mina"_s << u"mina"_s << true;
    QTest::newRow("in a sentence, other case") << u"thanks MINA!"_s << u"mina"_s << true;
    QTest::newRow("with @") << u"@Mina can you look?"_s << u"mina"_s << true;
    QTest::newRow("addressed") << u"mina: hi"_s << u"mina"_s << true;
    QTest::newRow("inside a word") << u"minami is here"_s << u"mina"_s << false;
    QTest::newRow("end of a word") << u"Hermina"_s << u"mina"_s << false;
    QTest::newRow("after a digit") << u"2mina"_s << u"mina"_s << false;
    QTest::newRow("second occurrence counts") << u"minami and mina"_s << u"mina"_s << true;
    QTest::newRow("not there") << u"hello"_s << u"mina"_s << false;
    QTest::newRow("Korean name") << u"미나 안녕"_s << u"미나"_s << true;
    QTest::newRow("Korean name with a particle") << u"미나야 점심 먹자"_s << u"미나"_s << true;
    QTest::newRow("Korean name with a title") << u"미나님, 회의 시작해요"_s << u"미나"_s << true;
    QTest::newRow("Korean name inside a word") << u"아미나"_s << u"미나"_s << false;
    QTest::newRow("nick ending in a symbol") << u"hi fox🦊!"_s << u"fox🦊"_s << true;
    QTest::newRow("empty nick") << u"anything"_s << QString() << false;
}

void tst_Replies::mentions()
{
    QFETCH(QString, text);
    QFETCH(QString, nick);
    QFETCH(bool, expected);
    QCOMPARE(MentionMatcher::mentions(text, nick), expected);
}

void tst_Replies::mentionRanges()
{
    using R = MentionMatcher::Range;
    // The name itself, each time, by the same rule: not inside "minami", a particle not included.
    QCOMPARE(MentionMatcher::matches(u"minami and Mina, @mina"_s, u"mina"_s),
             (QList<R>{{11, 4}, {18, 4}}));
    QCOMPARE(MentionMatcher::matches(u"미나야 점심 먹자, 미나님"_s, u"미나"_s),
             (QList<R>{{0, 2}, {11, 2}}));
    QCOMPARE(MentionMatcher::matches(u"아미나"_s, u"미나"_s), QList<R>{});
    QCOMPARE(MentionMatcher::matches(u"mina"_s, QString()), QList<R>{});
}

void tst_Replies::replyCarriesTheRoomsQuoteBothWays()
{
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    MessageModel &atBob = *m_bob->messages();
    m_alice->send(u"lunch at noon?"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(atBob, u"lunch at noon?"_s) >= 0, waitMs);
    const qint64 answered = atBob.line(rowOfText(atBob, u"lunch at noon?"_s)).seq;
    QVERIFY(answered > 0);
    QCOMPARE(atBob.rowOfSeq(answered), rowOfText(atBob, u"lunch at noon?"_s));

    m_bob->send(u"yes!"_s, answered);
    MessageModel &atAlice = *m_alice->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(atAlice, u"yes!"_s) >= 0, waitMs);
    const QModelIndex reply = atAlice.index(rowOfText(atAlice, u"yes!"_s));
    QCOMPARE(reply.data(MessageModel::ReplyToRole).toLongLong(), answered);
    QCOMPARE(reply.data(MessageModel::ReplyNickRole).toString(), u"alice"_s);
    QCOMPARE(reply.data(MessageModel::ReplyTextRole).toString(), u"lunch at noon?"_s);
    // Answering me is meant for me.
    QVERIFY(reply.data(MessageModel::MentionRole).toBool());

    // bob's own line, once delivered, has the room's quote too.
    const int own = rowOfText(atBob, u"yes!"_s);
    QTRY_COMPARE_WITH_TIMEOUT(ChatLine::Delivery(
                                      atBob.index(own).data(MessageModel::DeliveryRole).toInt()),
                              ChatLine::Delivery::Delivered, waitMs);
    QCOMPARE(atBob.line(own).replyNick, u"alice"_s);
    QVERIFY(!atBob.line(own).mentionsMe);
}

void tst_Replies::ownReplyIsQuotedAtOnceFromTheLoadedLine()
{
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    m_alice->send(u"first\nsecond line"_s);
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(atBob, u"first\nsecond line"_s) >= 0, waitMs);
    const qint64 answered = atBob.line(rowOfText(atBob, u"first\nsecond line"_s)).seq;

    // Before any echo: stop the connection, so the line waits in the outbox with its quote.
    m_bob->stop();
    const QString id = m_bob->send(u"answer"_s, answered);
    const ChatLine &line = atBob.line(atBob.rowOfId(id));
    QCOMPARE(line.replyTo, answered);
    QCOMPARE(line.replyNick, u"alice"_s);
    QCOMPARE(line.replyText, u"first second line"_s);

    // A seq that is not loaded: the quote says so (no nick).
    const QString other = m_bob->send(u"about something old"_s, 1);
    QCOMPARE(atBob.line(atBob.rowOfId(other)).replyTo, qint64(1));
    QVERIFY(atBob.line(atBob.rowOfId(other)).replyNick.isEmpty());
}

void tst_Replies::mentionsAreFlaggedAndListed()
{
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"미나"_s));
    MentionModel mentions;
    mentions.setMessages(m_bob->messages());
    QAbstractItemModelTester tester(&mentions,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(mentions.rowCount(), 0);

    m_alice->send(u"미나야 점심 먹자"_s);
    m_alice->send(u"nothing for you"_s);
    m_alice->send(u"@미나 see above"_s);
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(atBob, u"@미나 see above"_s) >= 0, waitMs);
    QVERIFY(!atBob.line(rowOfText(atBob, u"nothing for you"_s)).mentionsMe);
    QVERIFY(atBob.line(rowOfText(atBob, u"미나야 점심 먹자"_s)).mentionsMe);

    QCOMPARE(mentions.rowCount(), 2);
    QCOMPARE(mentions.index(0, 0).data(MessageModel::TextRole).toString(), u"미나야 점심 먹자"_s);
    QCOMPARE(mentions.messageRow(1), rowOfText(atBob, u"@미나 see above"_s));

    // My own lines never mention me.
    m_bob->send(u"미나 here"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(atBob, u"미나 here"_s) >= 0, waitMs);
    QCOMPARE(mentions.rowCount(), 2);
}

void tst_Replies::replyToSurvivesTheOutbox()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"outbox.json"_s);
    {
        Outbox outbox(path);
        outbox.add(u"later"_s, 42);
    }
    Outbox again(path);
    QVERIFY(again.load());
    QCOMPARE(again.entries().size(), qsizetype(1));
    QCOMPARE(again.entries().first().replyTo, qint64(42));
    again.clearReplies();
    Outbox third(path);
    QVERIFY(third.load());
    QCOMPARE(third.entries().first().replyTo, qint64(0));
}

void tst_Replies::refusedReplyFailsItsMessage()
{
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QSignalSpy errors(m_alice.get(), &ChatSession::roomError);
    const QString id = m_alice->send(u"to the future"_s, 1000000);
    QVERIFY(errors.wait(waitMs));
    QCOMPARE(errors.first().at(0).value<ErrorCode>(), ErrorCode::BadReply);
    QCOMPARE(m_alice->messages()->line(m_alice->messages()->rowOfId(id)).delivery,
             ChatLine::Delivery::Failed);
}

QTEST_GUILESS_MAIN(tst_Replies)
#include "tst_replies.moc"
