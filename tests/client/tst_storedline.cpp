// StoredLine: the packed copy of a chat line the model keeps. Every field comes back as it went
// in, the rare ones live in a record only lines that have them pay for, and the record stays
// within the memory budget of issue 14 (at most 250 bytes a message beyond its text).

#include "client/storedline.h"

#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

ChatLine plainLine()
{
    ChatLine line;
    line.kind = ChatLine::Kind::Chat;
    line.seq = 41;
    line.id = u"m-41"_s;
    line.sender = u"mina"_s;
    line.text = u"hello"_s;
    line.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000);
    line.replayed = true;
    line.mentionsMe = true;
    return line;
}

void compareLines(const ChatLine &a, const ChatLine &b)
{
    QCOMPARE(a.kind, b.kind);
    QCOMPARE(a.event, b.event);
    QCOMPARE(a.seq, b.seq);
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.sender, b.sender);
    QCOMPARE(a.text, b.text);
    QCOMPARE(a.time, b.time);
    QCOMPARE(a.delivery, b.delivery);
    QCOMPARE(a.error, b.error);
    QCOMPARE(a.replayed, b.replayed);
    QCOMPARE(a.replyTo, b.replyTo);
    QCOMPARE(a.replyNick, b.replyNick);
    QCOMPARE(a.replyText, b.replyText);
    QCOMPARE(a.mentionsMe, b.mentionsMe);
    QCOMPARE(a.file.has_value(), b.file.has_value());
    if (a.file)
        QVERIFY(*a.file == *b.file);
}

} // namespace

class tst_StoredLine : public QObject
{
    Q_OBJECT

private slots:
    void staysWithinTheMemoryBudget();
    void plainLineRoundTripsWithoutRareRecord();
    void everyFieldRoundTrips_data();
    void everyFieldRoundTrips();
    void settersMakeAndDropTheRareRecord();
};

void tst_StoredLine::staysWithinTheMemoryBudget()
{
    // Issue 14: at most 250 bytes a message beyond its text, for the model and the view
    // together. The view takes 16-32 bytes a row, the model's indexes about 20 (IdIndex,
    // SeqIndex); the line itself: three strings (72), seq, time, the rare record's pointer
    // (8 each) and a byte for each enum and flag. ChatLine is 288 bytes: a field added here
    // that is not on most lines belongs in the rare record.
    QVERIFY2(sizeof(StoredLine) <= 104,
             qPrintable(u"sizeof(StoredLine) is %1 bytes"_s.arg(sizeof(StoredLine))));
    QVERIFY(sizeof(StoredLine) * 2 < sizeof(ChatLine));
}

void tst_StoredLine::plainLineRoundTripsWithoutRareRecord()
{
    const ChatLine line = plainLine();
    const StoredLine stored(line);
    QVERIFY(!stored.hasRareFields());
    compareLines(stored.toChatLine(), line);
    QCOMPARE(stored.kind(), ChatLine::Kind::Chat);
    QVERIFY(stored.replayed());
    QVERIFY(stored.mentionsMe());
    QVERIFY(stored.error().isEmpty());
    QCOMPARE(stored.replyTo(), 0);
    QVERIFY(!stored.file());
}

void tst_StoredLine::everyFieldRoundTrips_data()
{
    QTest::addColumn<ChatLine>("line");
    QTest::addColumn<bool>("rare");

    ChatLine system;
    system.kind = ChatLine::Kind::System;
    system.event = ChatLine::Event::Disconnected;
    system.text = u"gone"_s;
    QTest::newRow("system line") << system << false;

    ChatLine failed = plainLine();
    failed.kind = ChatLine::Kind::Own;
    failed.delivery = ChatLine::Delivery::Failed;
    failed.error = u"too long"_s;
    QTest::newRow("failed own line") << failed << true;

    ChatLine reply = plainLine();
    reply.replyTo = 7;
    reply.replyNick = u"jun"_s;
    reply.replyText = u"lunch?"_s;
    QTest::newRow("reply") << reply << true;

    ChatLine lostReply = plainLine();
    lostReply.replyTo = 3;
    QTest::newRow("reply to a message no longer available") << lostReply << true;

    ChatLine file = plainLine();
    file.text = u"notes.txt"_s;
    file.file = FileInfo{u"f0123"_s, u"notes.txt"_s, 1234, u"text/plain"_s};
    QTest::newRow("file") << file << true;

    ChatLine upload = plainLine();
    upload.file = FileInfo{};
    QTest::newRow("own upload not announced yet") << upload << true;
}

void tst_StoredLine::everyFieldRoundTrips()
{
    QFETCH(ChatLine, line);
    QFETCH(bool, rare);
    StoredLine stored(line);
    QCOMPARE(stored.hasRareFields(), rare);
    compareLines(stored.toChatLine(), line);
    // Moving keeps everything, as the store's chunks do when a line is removed.
    StoredLine moved(std::move(stored));
    compareLines(moved.toChatLine(), line);
}

void tst_StoredLine::settersMakeAndDropTheRareRecord()
{
    StoredLine stored{plainLine()};
    stored.setError({});
    stored.setReply(0, {}, {});
    stored.setFile(std::nullopt);
    QVERIFY(!stored.hasRareFields());

    stored.setError(u"offline"_s);
    QVERIFY(stored.hasRareFields());
    QCOMPARE(stored.error(), u"offline"_s);
    stored.setReply(5, u"jun"_s, u"hi"_s);
    stored.setFile(FileInfo{u"fkey"_s, u"a.png"_s, 10, u"image/png"_s});
    const ChatLine back = stored.toChatLine();
    QCOMPARE(back.error, u"offline"_s);
    QCOMPARE(back.replyTo, 5);
    QCOMPARE(back.replyNick, u"jun"_s);
    QCOMPARE(back.replyText, u"hi"_s);
    QVERIFY(back.file);
    QCOMPARE(back.file->key, u"fkey"_s);

    // Emptied field by field: the record goes once nothing is left in it.
    stored.setError({});
    stored.setFile(std::nullopt);
    QVERIFY(stored.hasRareFields());
    stored.setReply(0, {}, {});
    QVERIFY(!stored.hasRareFields());
    compareLines(stored.toChatLine(), plainLine());

    stored.setDelivery(ChatLine::Delivery::Sent);
    QCOMPARE(stored.delivery(), ChatLine::Delivery::Sent);
    QVERIFY(!stored.hasRareFields());
}

QTEST_GUILESS_MAIN(tst_StoredLine)
#include "tst_storedline.moc"
