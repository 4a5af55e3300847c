// The desktop app's STOMP mode in its core (issue 11, "joining a STOMP room directly"): a
// ChatSession with a StompTarget chats in a RabbitMQ Web-STOMP destination through its own
// ConnectionManager, so the inspector's event log holds every STOMP frame. Against a real
// RabbitMQ started for this test (RabbitMqBroker); labelled "interop" and "broker".
#include "client/chatsession.h"
#include "client/stompchat.h"
#include "rabbitmqbroker.h"
#include "stompchatoptions.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Parlor;

namespace {

constexpr int waitMs = 15000;

QByteArray uniqueTopic()
{
    return "/topic/session-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

QStringList rowsOf(const MessageModel &model, ChatLine::Kind kind)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.line(row).kind == kind)
            out.append(model.line(row).text);
    }
    return out;
}

int deliveredCount(const MessageModel &model)
{
    int n = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        n += model.line(row).delivery == ChatLine::Delivery::Delivered ? 1 : 0;
    return n;
}

/// Every message preview the connection recorded in one direction.
QStringList previews(ConnectionManager *connection, ConnectionEvent::Kind kind)
{
    QStringList out;
    EventLog *log = connection->eventLog();
    for (int i = 0; i < log->size(); ++i) {
        if (log->at(i).kind == kind)
            out.append(log->at(i).text(EventField::preview));
    }
    return out;
}

} // namespace

class tst_StompSessionBroker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sessionChatsWithAStompPeer();
    void theEventLogShowsStompFramesWithoutThePasscode();
    void aRefusedLoginEndsTheSessionWithoutRetrying();
    void linesWrittenWhileClosedGoOnceJoined();

private:
    ChatSession::Options options(const QString &nick, const QByteArray &destination,
                                 const QByteArray &passcode = RabbitMqBroker::Password) const;
    StompChat::Options peerOptions(const QString &nick, const QByteArray &destination) const;

    RabbitMqBroker m_broker;
};

ChatSession::Options tst_StompSessionBroker::options(const QString &nick,
                                                     const QByteArray &destination,
                                                     const QByteArray &passcode) const
{
    ChatSession::Options o;
    o.connection.url = m_broker.webStompUrl();
    // What the desktop offers a Parlor room; start() must replace it with v12.stomp alone.
    o.connection.subprotocols = {QStringLiteral("parlor.v1")};
    o.connection.backoff.initialMs = 100;
    o.nick = nick;
    o.clientId = nick + QStringLiteral("-desktop");
    o.stomp.destination = destination;
    o.stomp.login = RabbitMqBroker::User;
    o.stomp.passcode = passcode;
    return o;
}

StompChat::Options tst_StompSessionBroker::peerOptions(const QString &nick,
                                                       const QByteArray &destination) const
{
    return stompChatOptions(m_broker, nick, destination, QStringLiteral("-peer"));
}

void tst_StompSessionBroker::initTestCase()
{
    if (!m_broker.start()) {
        qWarning().noquote() << m_broker.failureReport();
        QFAIL("RabbitMQ did not start (its output and log are above)");
    }
}

void tst_StompSessionBroker::sessionChatsWithAStompPeer()
{
    const QByteArray topic = uniqueTopic();
    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QVERIFY(session.start(options(QStringLiteral("mina"), topic)));
    QVERIFY(joined.wait(waitMs));
    QCOMPARE(session.mode(), ChatSession::Mode::Stomp);
    QCOMPARE(session.connection()->subprotocol(), QStringLiteral("v12.stomp"));
    QCOMPARE(joined.constFirst().at(0).toString(), QString::fromUtf8(topic));
    QCOMPARE(session.members()->rowCount(), 1); // a broker lists nobody: only ourselves

    StompChat peer;
    QList<StompChat::Line> peerLines;
    connect(&peer, &StompChat::lineReceived,
            [&peerLines](const StompChat::Line &line) { peerLines.append(line); });
    QSignalSpy peerJoined(&peer, &StompChat::joined);
    QVERIFY(peer.start(peerOptions(QStringLiteral("준"), topic)));
    QVERIFY(peerJoined.wait(waitMs));

    QStringList said;
    for (int i = 0; i < 5; ++i) {
        said.append(QStringLiteral("line %1 — 안녕").arg(i));
        session.send(said.last());
    }
    // Each line is confirmed by its receipt, and the topic's copy of it is not shown again.
    QTRY_COMPARE_WITH_TIMEOUT(deliveredCount(*session.messages()), 5, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(peerLines.size(), 5, waitMs);
    QStringList peerSaw;
    for (const StompChat::Line &line : std::as_const(peerLines)) {
        QCOMPARE(line.nick, QStringLiteral("mina"));
        peerSaw.append(line.text);
    }
    QCOMPARE(peerSaw, said);
    QCOMPARE(session.pendingCount(), 0);

    peer.say(QStringLiteral("hi mina"));
    QTRY_COMPARE_WITH_TIMEOUT(rowsOf(*session.messages(), ChatLine::Kind::Chat),
                              QStringList{QStringLiteral("hi mina")}, waitMs);
    QCOMPARE(rowsOf(*session.messages(), ChatLine::Kind::Own), said);
    const MessageModel &model = *session.messages();
    QCOMPARE(model.line(model.rowCount() - 1).sender, QStringLiteral("준"));

    // A nickname change needs no broker: the next line carries it.
    session.changeNick(QStringLiteral("mina2"));
    session.send(QStringLiteral("renamed"));
    QTRY_VERIFY_WITH_TIMEOUT(!peerLines.isEmpty()
                                     && peerLines.constLast().text == QStringLiteral("renamed"),
                             waitMs);
    QCOMPARE(peerLines.constLast().nick, QStringLiteral("mina2"));
}

void tst_StompSessionBroker::theEventLogShowsStompFramesWithoutThePasscode()
{
    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QVERIFY(session.start(options(QStringLiteral("ana"), uniqueTopic())));
    QVERIFY(joined.wait(waitMs));
    session.send(QStringLiteral("seen by the inspector"));
    QTRY_COMPARE_WITH_TIMEOUT(deliveredCount(*session.messages()), 1, waitMs);

    const QStringList out = previews(session.connection(), ConnectionEvent::Kind::MessageOut);
    QVERIFY2(out.size() >= 3, qPrintable(out.join(u'|')));
    QVERIFY(out.at(0).startsWith(QStringLiteral("CONNECT\n")));
    QVERIFY(out.at(0).contains(QStringLiteral("\npasscode:***\n")));
    // (The test broker's passcode is also its login, "guest": look for the header itself.)
    for (const QString &frame : out) {
        QVERIFY2(!frame.contains(QStringLiteral("passcode:%1")
                                         .arg(QString::fromLatin1(RabbitMqBroker::Password))),
                 qPrintable(frame));
    }
    QVERIFY(out.at(1).startsWith(QStringLiteral("SUBSCRIBE\n")));
    QVERIFY(out.at(2).startsWith(QStringLiteral("SEND\n")));
    QVERIFY(out.at(2).contains(QStringLiteral("seen by the inspector")));

    const QStringList in = previews(session.connection(), ConnectionEvent::Kind::MessageIn);
    QVERIFY2(!in.isEmpty() && in.at(0).startsWith(QStringLiteral("CONNECTED\n")),
             qPrintable(in.join(u'|')));
    QVERIFY(in.filter(QRegularExpression(QStringLiteral("^RECEIPT\n"))).size() >= 2);
}

void tst_StompSessionBroker::aRefusedLoginEndsTheSessionWithoutRetrying()
{
    ChatSession session;
    QSignalSpy refused(&session, &ChatSession::brokerError);
    QSignalSpy closed(session.connection(), &ConnectionManager::closed);
    QVERIFY(session.start(options(QStringLiteral("eve"), uniqueTopic(), "not the passcode")));
    QVERIFY(refused.wait(waitMs));
    // RabbitMQ: message "Bad CONNECT", body "Access refused for user 'guest'".
    QCOMPARE(refused.constFirst().at(0).toString(), QStringLiteral("Bad CONNECT"));
    QVERIFY2(refused.constFirst().at(1).toString().contains(QStringLiteral("refused"),
                                                            Qt::CaseInsensitive),
             qPrintable(refused.constFirst().at(1).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), ConnectionManager::State::Closed,
                              waitMs);
    // The same login would be refused again: no reconnect is scheduled, and nothing joined.
    QVERIFY(!session.connection()->isReconnectScheduled());
    QVERIFY(!session.isJoined());
}

void tst_StompSessionBroker::linesWrittenWhileClosedGoOnceJoined()
{
    const QByteArray topic = uniqueTopic();
    StompChat peer;
    QStringList peerSaw;
    connect(&peer, &StompChat::lineReceived,
            [&peerSaw](const StompChat::Line &line) { peerSaw.append(line.text); });
    QSignalSpy peerJoined(&peer, &StompChat::joined);
    QVERIFY(peer.start(peerOptions(QStringLiteral("bo"), topic)));
    QVERIFY(peerJoined.wait(waitMs));

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QVERIFY(session.start(options(QStringLiteral("ida"), topic)));
    // Written while connecting: kept in the outbox, sent once subscribed.
    session.send(QStringLiteral("queued early"));
    QVERIFY(!session.isJoined());
    QVERIFY(joined.wait(waitMs));
    QTRY_COMPARE_WITH_TIMEOUT(peerSaw, QStringList{QStringLiteral("queued early")}, waitMs);

    // Left and joined again: what is written in between goes after the new subscription.
    session.stop();
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), ConnectionManager::State::Closed,
                              waitMs);
    session.send(QStringLiteral("written while away"));
    QCOMPARE(session.pendingCount(), 1);
    session.connection()->reconnectNow();
    QVERIFY(joined.wait(waitMs));
    QTRY_COMPARE_WITH_TIMEOUT(peerSaw,
                              (QStringList{QStringLiteral("queued early"),
                                           QStringLiteral("written while away")}),
                              waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(session.pendingCount(), 0, waitMs);
}

QTEST_GUILESS_MAIN(tst_StompSessionBroker)
#include "tst_stompsessionbroker.moc"
