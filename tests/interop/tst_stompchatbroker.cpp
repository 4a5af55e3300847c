// Chatting on a STOMP broker (issue 11, "joining a STOMP room directly"): StompChat, the core of
// the v12.stomp mode, and parlor-cli -s v12.stomp, against a real RabbitMQ with Web-STOMP started
// for this test (RabbitMqBroker). Labelled "interop" and "broker"; a broker that cannot start
// fails the test with its log.
#include "childprocess.h"
#include "client/stompchat.h"
#include "rabbitmqbroker.h"
#include "stompchatoptions.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Parlor;

namespace {

constexpr int waitMs = 15000;

QByteArray uniqueTopic()
{
    return "/topic/chat-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

/// A StompChat and what it saw.
struct Chat
{
    StompChat chat;
    QList<StompChat::Line> lines;
    QStringList delivered;

    Chat()
    {
        QObject::connect(&chat, &StompChat::lineReceived,
                         [this](const StompChat::Line &l) { lines.append(l); });
        QObject::connect(&chat, &StompChat::delivered,
                         [this](const QString &id) { delivered.append(id); });
    }
    QStringList texts(bool mine) const
    {
        QStringList out;
        for (const StompChat::Line &l : lines) {
            if (l.mine == mine)
                out.append(l.text);
        }
        return out;
    }
};

} // namespace

class tst_StompChatBroker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void twoChatsOnATopicInOrder();
    void linesSaidBeforeTheSubscriptionWait();
    void aForeignClientsMessageIsShownWithoutName();
    void cliChatsWithAnAppSession();
    void cliWrongPasscodeIsReported();
    void cliStompUsageErrors_data();
    void cliStompUsageErrors();

private:
    StompChat::Options options(const QString &nick, const QByteArray &destination) const;
    bool join(Chat &chat, const StompChat::Options &options);
    std::unique_ptr<ChildProcess> startCli(const QStringList &arguments,
                                           const QByteArray &passcode = RabbitMqBroker::Password);

    RabbitMqBroker m_broker;
};

StompChat::Options tst_StompChatBroker::options(const QString &nick,
                                                const QByteArray &destination) const
{
    return stompChatOptions(m_broker, nick, destination, QStringLiteral("-client"));
}

bool tst_StompChatBroker::join(Chat &chat, const StompChat::Options &options)
{
    QSignalSpy joined(&chat.chat, &StompChat::joined);
    return chat.chat.start(options) && joined.wait(waitMs);
}

std::unique_ptr<ChildProcess> tst_StompChatBroker::startCli(const QStringList &arguments,
                                                            const QByteArray &passcode)
{
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(QStringLiteral("PARLOR_STOMP_LOGIN"), QString::fromLatin1(RabbitMqBroker::User));
    env.insert(QStringLiteral("PARLOR_STOMP_PASSCODE"), QString::fromLatin1(passcode));
    return std::make_unique<ChildProcess>(QStringLiteral("parlor-cli"), TestSupport::cliBinary(),
                                          arguments, env);
}

void tst_StompChatBroker::initTestCase()
{
    QVERIFY2(QFileInfo(TestSupport::cliBinary()).isExecutable(),
             qPrintable(TestSupport::cliBinary() + QStringLiteral(" is not built")));
    if (!m_broker.start()) {
        qWarning().noquote() << m_broker.failureReport();
        QFAIL("RabbitMQ did not start (its output and log are above)");
    }
}

void tst_StompChatBroker::twoChatsOnATopicInOrder()
{
    const QByteArray topic = uniqueTopic();
    Chat mina, joon;
    QVERIFY(join(mina, options(QStringLiteral("mina"), topic)));
    QVERIFY(join(joon, options(QStringLiteral("준"), topic)));
    QCOMPARE(mina.chat.state(), StompChat::State::Joined);

    QStringList said;
    for (int i = 0; i < 20; ++i) {
        said.append(QStringLiteral("line %1: 안녕, \\ and : kept").arg(i));
        QVERIFY(!mina.chat.say(said.last()).isEmpty());
    }
    QVERIFY(!joon.chat.say(QStringLiteral("hi mina")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(joon.texts(false), said, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(mina.texts(false), QStringList{QStringLiteral("hi mina")}, waitMs);
    // The broker gives each subscriber its own lines back too: marked as ours.
    QTRY_COMPARE_WITH_TIMEOUT(mina.texts(true), said, waitMs);
    for (const StompChat::Line &l : std::as_const(joon.lines))
        QCOMPARE(l.nick, l.mine ? QStringLiteral("준") : QStringLiteral("mina"));
    for (const StompChat::Line &l : std::as_const(mina.lines))
        QCOMPARE(l.nick, l.mine ? QStringLiteral("mina") : QStringLiteral("준"));
    QTRY_COMPARE_WITH_TIMEOUT(mina.delivered.size(), 20, waitMs);
    QCOMPARE(mina.chat.pendingCount(), 0);

    QSignalSpy ended(&mina.chat, &StompChat::ended);
    mina.chat.leave();
    QVERIFY(ended.wait(waitMs));
    QCOMPARE(ended.constFirst().at(0).value<StompClient::EndReason>(),
             StompClient::EndReason::Requested);
    QCOMPARE(ended.constFirst().at(2).toInt(), 0);
    QCOMPARE(mina.chat.state(), StompChat::State::Ended);
}

void tst_StompChatBroker::linesSaidBeforeTheSubscriptionWait()
{
    // Said at once after start(): they go out when the subscription is confirmed, in order, and
    // leave() right after still waits for their receipts.
    const QByteArray topic = uniqueTopic();
    Chat listener;
    QVERIFY(join(listener, options(QStringLiteral("listener"), topic)));
    Chat eager;
    QSignalSpy ended(&eager.chat, &StompChat::ended);
    QVERIFY(eager.chat.start(options(QStringLiteral("eager"), topic)));
    const QString first = eager.chat.say(QStringLiteral("one"));
    eager.chat.say(QStringLiteral("two"));
    QCOMPARE(eager.chat.pendingCount(), 2);
    eager.chat.leave();
    QVERIFY(ended.wait(waitMs));
    QCOMPARE(ended.constFirst().at(2).toInt(), 0);
    QCOMPARE(eager.delivered.size(), 2);
    QCOMPARE(eager.delivered.constFirst(), first);
    QTRY_COMPARE_WITH_TIMEOUT(listener.texts(false),
                              (QStringList{QStringLiteral("one"), QStringLiteral("two")}), waitMs);
}

void tst_StompChatBroker::aForeignClientsMessageIsShownWithoutName()
{
    // Any STOMP client may send to the destination: no Parlor headers, maybe not even text.
    const QByteArray topic = uniqueTopic();
    Chat chat;
    QVERIFY(join(chat, options(QStringLiteral("mina"), topic)));
    StompClient other;
    StompClient::Options o = options(QString(), topic).stomp;
    QVERIFY(other.connectToBroker(o));
    QTRY_COMPARE_WITH_TIMEOUT(other.state(), StompClient::State::Connected, waitMs);
    QVERIFY(other.send(topic, "plain words"));
    // A body with a NUL (content-length framing) is not a line of text. (Bytes that are not UTF-8
    // at all cannot be tried here: Web-STOMP would put them in a text frame, which a WebSocket
    // client must refuse; StompChat describes them the same way when a broker sends them binary.)
    QVERIFY(other.send(topic, QByteArray("a\0b", 3)));
    QTRY_COMPARE_WITH_TIMEOUT(chat.lines.size(), 2, waitMs);
    QCOMPARE(chat.lines.at(0).text, QStringLiteral("plain words"));
    QVERIFY(chat.lines.at(0).nick.isEmpty());
    QVERIFY(!chat.lines.at(0).mine);
    QVERIFY(chat.lines.at(1).binary);
    QCOMPARE(chat.lines.at(1).text, QStringLiteral("(3 bytes that are not text)"));
    other.abort();
}

void tst_StompChatBroker::cliChatsWithAnAppSession()
{
    const QByteArray topic = uniqueTopic();
    Chat app;
    QVERIFY(join(app, options(QStringLiteral("app"), topic)));
    auto cli = startCli({m_broker.webStompUrl().toString(), QStringLiteral("-s"),
                         QStringLiteral("v12.stomp"), QStringLiteral("--destination"),
                         QString::fromUtf8(topic), QStringLiteral("--nick"),
                         QStringLiteral("terminal")});
    QVERIFY2(cli->waitForMatch(QProcess::StandardOutput,
                               QRegularExpression(QStringLiteral("\\* subscribed to %1 on RabbitMQ")
                                                          .arg(QString::fromUtf8(topic))),
                               waitMs)
                     .hasMatch(),
             cli->transcript().constData());
    cli->writeLine(QStringLiteral("hello from the terminal"));
    QTRY_COMPARE_WITH_TIMEOUT(app.texts(false),
                              QStringList{QStringLiteral("hello from the terminal")}, waitMs);
    QCOMPARE(app.lines.constFirst().nick, QStringLiteral("terminal"));

    app.chat.say(QStringLiteral("hello, terminal"));
    QVERIFY2(cli->waitForMatch(QProcess::StandardOutput,
                               QRegularExpression(
                                       QStringLiteral("\\[\\d\\d:\\d\\d\\] app: hello, terminal")),
                               waitMs)
                     .hasMatch(),
             cli->transcript().constData());
    // The end of the input: what was said is confirmed, then it leaves with exit code 0.
    cli->writeLine(QStringLiteral("bye"));
    cli->process().closeWriteChannel();
    QVERIFY2(cli->waitForExit(waitMs), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), 0);
    QVERIFY(cli->out().contains(QStringLiteral("* disconnected")));
    QTRY_COMPARE_WITH_TIMEOUT(app.texts(false).size(), 2, waitMs);
    QCOMPARE(app.texts(false).constLast(), QStringLiteral("bye"));
}

void tst_StompChatBroker::cliWrongPasscodeIsReported()
{
    auto cli = startCli({m_broker.webStompUrl().toString(), QStringLiteral("-s"),
                         QStringLiteral("v12.stomp"), QStringLiteral("--json")},
                        "not the passcode");
    QVERIFY2(cli->waitForExit(waitMs), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), 1);
    bool error = false;
    for (const QJsonObject &o : cli->jsonLines()) {
        if (o.value(QLatin1String("event")).toString() == QLatin1String("error")) {
            QCOMPARE(o.value(QLatin1String("text")).toString(), QStringLiteral("Bad CONNECT"));
            error = true;
        }
    }
    QVERIFY2(error, cli->transcript().constData());
    QVERIFY(!cli->transcript().contains("not the passcode"));
}

void tst_StompChatBroker::cliStompUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString url = QStringLiteral("ws://127.0.0.1:1/ws");
    const QString s = QStringLiteral("-s");
    const QString stomp = QStringLiteral("v12.stomp");
    QTest::newRow("destination without stomp")
            << QStringList{url, QStringLiteral("--destination"), QStringLiteral("/topic/a")};
    QTest::newRow("vhost without stomp")
            << QStringList{url, QStringLiteral("--vhost"), QStringLiteral("/")};
    QTest::newRow("stomp with another subprotocol")
            << QStringList{url, s, stomp, s, QStringLiteral("parlor.v1")};
    QTest::newRow("a destination that is not one")
            << QStringList{url, s, stomp, QStringLiteral("--destination"), QStringLiteral("lobby")};
    QTest::newRow("a room password")
            << QStringList{url, s, stomp, QStringLiteral("--password"), QStringLiteral("x")};
    QTest::newRow("two brokers") << QStringList{url + QStringLiteral(",ws://127.0.0.1:2/ws"), s,
                                                stomp};
}

void tst_StompChatBroker::cliStompUsageErrors()
{
    QFETCH(QStringList, arguments);
    auto cli = startCli(arguments);
    QVERIFY2(cli->waitForExit(), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), 2);
    QVERIFY2(cli->err().startsWith(QStringLiteral("parlor-cli: ")), cli->transcript().constData());
}

QTEST_GUILESS_MAIN(tst_StompChatBroker)
#include "tst_stompchatbroker.moc"
