// Interop: replies through the real parlor-cli binary against an in-process room on 127.0.0.1.
// `/reply SEQ TEXT` sends a reply (the room relays its quote), a malformed one sends nothing, and
// a reply from someone else is printed with its quote on the line before it, in text and in
// --json. Every wait is on the child's output or a received frame.

#include "childprocess.h"
#include "richclient.h"
#include "testsupport.h"

#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;

RichClient::Predicate messageFrom(const QString &nick, const QString &text)
{
    return [nick, text](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == u"message"_s
               && o.value(u"from"_s).toString() == nick && o.value(u"text"_s).toString() == text;
    };
}

QJsonObject say(const QString &id, const QString &text, qint64 replyTo)
{
    return {{u"type"_s, u"say"_s},
            {u"id"_s, id},
            {u"text"_s, text},
            {u"reply_to"_s, double(replyTo)}};
}

} // namespace

class tst_CliReply : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cliRepliesAndPrintsQuotes();
    void jsonCarriesTheReply();
};

void tst_CliReply::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_CliReply::cliRepliesAndPrintsQuotes()
{
    RoomConfig config;
    config.roomName = u"Cli replies"_s;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    const QString url = u"ws://127.0.0.1:%1"_s.arg(room.port());
    RichClient alice;
    QVERIFY(!alice.join(QUrl(url), u"alice"_s).isEmpty());

    ChildProcess cli(u"parlor-cli"_s, TestSupport::cliBinary(), {url, u"--nick"_s, u"bob"_s});
    QVERIFY2(cli.waitForMatch(QProcess::StandardOutput, QRegularExpression(u"joined .* as bob"_s),
                              waitMs)
                     .hasMatch(),
             cli.transcript().constData());
    alice.say(u"a-1"_s, u"lunch at noon?"_s);
    const qint64 seq = alice.waitFor(messageFrom(u"alice"_s, u"lunch at noon?"_s))
                               .value(u"seq"_s)
                               .toInteger();
    QVERIFY(cli.waitForMatch(QProcess::StandardOutput,
                             QRegularExpression(u"alice: lunch at noon\\?"_s), waitMs)
                    .hasMatch());

    // A malformed /reply sends nothing and says how it is written.
    cli.writeLine(u"/reply soon yes"_s);
    QVERIFY2(cli.waitForMatch(QProcess::StandardOutput,
                              QRegularExpression(u"\\* usage: /reply SEQ TEXT"_s), waitMs)
                     .hasMatch(),
             cli.transcript().constData());

    // /reply SEQ TEXT: the room quotes what it answers.
    cli.writeLine(u"/reply %1 yes please"_s.arg(seq));
    const QJsonObject answer = alice.waitFor(messageFrom(u"bob"_s, u"yes please"_s), waitMs);
    QCOMPARE(answer.value(u"reply"_s).toObject(), (QJsonObject{{u"seq"_s, double(seq)},
                                                               {u"nick"_s, u"alice"_s},
                                                               {u"text"_s, u"lunch at noon?"_s}}));
    QVERIFY(alice.objectsOfType(u"message"_s).size() == 2); // "soon yes" was not sent

    // A reply from alice: its quote first, then the line, each on its own line.
    alice.sendJson(say(u"a-2"_s, u"great, see you"_s, answer.value(u"seq"_s).toInteger()));
    const QRegularExpressionMatch printed
            = cli.waitForMatch(QProcess::StandardOutput,
                               QRegularExpression(
                                       u"\\[\\d\\d:\\d\\d\\] alice ↳ bob #(\\d+): yes please\\n"
                                       "\\[\\d\\d:\\d\\d\\] alice: great, see you\\n"_s),
                               waitMs);
    QVERIFY2(printed.hasMatch(), cli.transcript().constData());
    QCOMPARE(printed.captured(1).toLongLong(), answer.value(u"seq"_s).toInteger());
}

void tst_CliReply::jsonCarriesTheReply()
{
    RoomConfig config;
    config.roomName = u"Cli replies"_s;
    config.historyLength = 3;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    const QString url = u"ws://127.0.0.1:%1"_s.arg(room.port());
    RichClient alice;
    QVERIFY(!alice.join(QUrl(url), u"alice"_s).isEmpty());
    alice.say(u"a-old"_s, u"forgotten soon"_s);
    const qint64 old = alice.waitFor(messageFrom(u"alice"_s, u"forgotten soon"_s))
                               .value(u"seq"_s)
                               .toInteger();
    for (int i = 0; i < 3; ++i) {
        alice.say(u"a-f%1"_s.arg(i), u"filler %1"_s.arg(i));
        QVERIFY(!alice.waitFor(messageFrom(u"alice"_s, u"filler %1"_s.arg(i))).isEmpty());
    }

    ChildProcess cli(u"parlor-cli"_s, TestSupport::cliBinary(),
                     {url, u"--nick"_s, u"bob"_s, u"--json"_s});
    QVERIFY(cli.waitUntil(
            [&] {
                for (const QJsonObject &o : cli.jsonLines()) {
                    if (o.value(u"event"_s) == u"joined"_s)
                        return true;
                }
                return false;
            },
            waitMs));
    alice.sendJson(say(u"a-r"_s, u"about the bob mention"_s, old));
    QJsonObject line;
    QVERIFY2(cli.waitUntil(
                     [&] {
                         for (const QJsonObject &o : cli.jsonLines()) {
                             if (o.value(u"id"_s) == u"a-r"_s)
                                 line = o;
                         }
                         return !line.isEmpty();
                     },
                     waitMs),
             cli.transcript().constData());
    // The room no longer had the answered message: the seq alone. bob is named: a mention.
    QCOMPARE(line.value(u"reply"_s).toObject(), (QJsonObject{{u"seq"_s, double(old)}}));
    QCOMPARE(line.value(u"mention"_s).toBool(), true);
}

QTEST_GUILESS_MAIN(tst_CliReply)
#include "tst_clireply.moc"
