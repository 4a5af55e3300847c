// StompClient against a real RabbitMQ (Debian's rabbitmq-server with Web-STOMP), started for this
// test by RabbitMqBroker. Labelled "interop" and "broker". A broker that cannot start fails the
// test with its log: nothing here is skipped.
#include "client/stompclient.h"
#include "rabbitmqbroker.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Parlor;

namespace {

constexpr int brokerWaitMs = 15000;

QByteArray headerOf(const StompMessage &m, const QByteArray &name)
{
    for (const StompFrame::Header &h : m.headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

// The stream's arguments, on every frame that names it: RabbitMQ declares a /queue/ destination
// on a connection's first SUBSCRIBE or SEND to it, and a declaration that differs from the
// existing queue (a classic one, by default) is refused and ends the connection ("STOMP died").
const QList<StompFrame::Header> streamArguments{{"x-queue-type", "stream"},
                                                {"durable", "true"},
                                                {"auto-delete", "false"}};

QByteArray uniqueName(const char *prefix)
{
    return prefix + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

/// A client and what it received.
struct Session
{
    StompClient client;
    QList<StompMessage> messages;
    QList<QByteArray> receipts;

    Session()
    {
        QObject::connect(&client, &StompClient::messageReceived,
                         [this](const StompMessage &m) { messages.append(m); });
        QObject::connect(&client, &StompClient::receiptReceived,
                         [this](const QByteArray &id) { receipts.append(id); });
    }
};

} // namespace

class tst_StompBroker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void topicWithReceiptsAndEscapedHeaders();
    void streamInOrderWithOffsetsAndAcks();
    void streamFromAnOffset();
    void wrongPasswordIsAnError();
    void heartBeatsNegotiatedAndKept();
    void gracefulDisconnect();

private:
    StompClient::Options options(int heartBeatMs = 0) const;
    bool open(Session &session, const StompClient::Options &options);
    /// Subscribes \a session to this test's stream from \a offset, with client acks.
    QByteArray subscribeStream(Session &session, const QByteArray &offset, int prefetch);

    RabbitMqBroker m_broker;
    QByteArray m_stream;
    QList<qint64> m_offsets; ///< x-stream-offset of each message streamInOrder… sent
};

StompClient::Options tst_StompBroker::options(int heartBeatMs) const
{
    StompClient::Options o;
    o.url = m_broker.webStompUrl();
    o.login = RabbitMqBroker::User;
    o.passcode = RabbitMqBroker::Password;
    o.heartBeatSendMs = heartBeatMs;
    o.heartBeatReceiveMs = heartBeatMs;
    return o;
}

bool tst_StompBroker::open(Session &session, const StompClient::Options &options)
{
    if (!session.client.connectToBroker(options))
        return false;
    // Either way the state says how it went; the wait's own result adds nothing.
    const bool settled = QTest::qWaitFor(
            [&] { return session.client.state() != StompClient::State::Connecting; }, brokerWaitMs);
    if (!settled || session.client.state() != StompClient::State::Connected) {
        qWarning() << "not connected:" << session.client.endReason() << session.client.endDetail();
        return false;
    }
    return true;
}

QByteArray tst_StompBroker::subscribeStream(Session &session, const QByteArray &offset, int prefetch)
{
    QByteArray receipt;
    // The headers the issue checked with 3.10: they declare the stream on first use.
    const QByteArray id = session.client.subscribe(
            m_stream, StompClient::AckMode::Client,
            streamArguments
                    + QList<StompFrame::Header>{{"prefetch-count", QByteArray::number(prefetch)},
                                                {"x-stream-offset", offset}},
            {}, &receipt);
    if (id.isEmpty()
        || !QTest::qWaitFor([&] { return session.receipts.contains(receipt); }, brokerWaitMs)) {
        return {};
    }
    return id;
}

void tst_StompBroker::initTestCase()
{
    if (!m_broker.start()) {
        // In full: QVERIFY2 would cut a message this long.
        qWarning().noquote() << m_broker.failureReport();
        QFAIL("RabbitMQ did not start (its output and log are above)");
    }
    qInfo("RabbitMQ %s started in %lld ms (Web-STOMP on port %u)", qPrintable(m_broker.nodeName()),
          m_broker.startupMs(), m_broker.webStompPort());
    m_stream = uniqueName("/queue/parlor-stream-");
}

void tst_StompBroker::cleanupTestCase()
{
    m_broker.stop();
}

void tst_StompBroker::topicWithReceiptsAndEscapedHeaders()
{
    Session reader, writer;
    QVERIFY(open(reader, options()));
    QVERIFY(open(writer, options()));
    const QByteArray topic = uniqueName("/topic/parlor-");

    QByteArray subscribed;
    const QByteArray id = reader.client.subscribe(topic, StompClient::AckMode::Auto, {}, {},
                                                  &subscribed);
    QTRY_VERIFY_WITH_TIMEOUT(reader.receipts.contains(subscribed), brokerWaitMs);

    // A header with every character STOMP escapes makes the round trip through the broker.
    const QByteArray odd = "a:b\\c\nd\re";
    QList<QByteArray> sent;
    for (int i = 0; i < 3; ++i) {
        QByteArray receipt;
        QVERIFY(writer.client.send(topic, "line " + QByteArray::number(i),
                                   {{"x-parlor-note", odd}, {"content-type", "text/plain"}},
                                   &receipt));
        sent.append(receipt);
    }
    // Every receipt comes back, and none is left pending.
    QTRY_COMPARE_WITH_TIMEOUT(writer.receipts.size(), 3, brokerWaitMs);
    QCOMPARE(writer.receipts, sent);
    QVERIFY(writer.client.pendingReceipts().isEmpty());

    QTRY_COMPARE_WITH_TIMEOUT(reader.messages.size(), 3, brokerWaitMs);
    for (int i = 0; i < 3; ++i) {
        const StompMessage &m = reader.messages.at(i);
        QCOMPARE(m.body, "line " + QByteArray::number(i));
        QCOMPARE(m.destination, topic);
        QCOMPARE(m.subscription, id);
        QVERIFY(!m.messageId.isEmpty());
        QCOMPARE(headerOf(m, "x-parlor-note"), odd);
    }
}

void tst_StompBroker::streamInOrderWithOffsetsAndAcks()
{
    Session reader, writer;
    QVERIFY(open(reader, options()));
    QVERIFY(open(writer, options()));
    // A prefetch of 3 for 20 messages: only acks keep them coming.
    const QByteArray id = subscribeStream(reader, "first", 3);
    QVERIFY2(!id.isEmpty(), qPrintable(reader.client.endDetail()));
    QObject::connect(&reader.client, &StompClient::messageReceived, &reader.client,
                     [&reader](const StompMessage &m) { reader.client.ack(m.ack); });

    constexpr int count = 20;
    for (int i = 0; i < count; ++i) {
        QByteArray receipt;
        QVERIFY(writer.client.send(m_stream, "msg " + QByteArray::number(i), streamArguments,
                                   &receipt));
    }
    QTRY_COMPARE_WITH_TIMEOUT(writer.receipts.size(), count, brokerWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(reader.messages.size(), count, brokerWaitMs);

    qint64 previous = -1;
    for (int i = 0; i < count; ++i) {
        const StompMessage &m = reader.messages.at(i);
        QCOMPARE(m.body, "msg " + QByteArray::number(i));
        QCOMPARE(m.subscription, id);
        QVERIFY(!m.ack.isEmpty());
        bool ok = false;
        const qint64 offset = headerOf(m, "x-stream-offset").toLongLong(&ok);
        QVERIFY2(ok, headerOf(m, "x-stream-offset").constData());
        QVERIFY2(offset > previous,
                 qPrintable(QStringLiteral("%1 after %2").arg(offset).arg(previous)));
        previous = offset;
        m_offsets.append(offset);
    }
    QCOMPARE(reader.client.state(), StompClient::State::Connected);
}

void tst_StompBroker::streamFromAnOffset()
{
    QCOMPARE(m_offsets.size(), 20); // written by the test before
    // From the offset of message 12: exactly messages 12…19, then the marker sent afterwards.
    Session reader, writer;
    QVERIFY(open(reader, options()));
    QVERIFY(open(writer, options()));
    QVERIFY(!subscribeStream(reader, "offset=" + QByteArray::number(m_offsets.at(12)), 50).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(reader.messages.size(), 8, brokerWaitMs);
    QByteArray receipt;
    QVERIFY(writer.client.send(m_stream, "marker", streamArguments, &receipt));
    QTRY_COMPARE_WITH_TIMEOUT(reader.messages.size(), 9, brokerWaitMs);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(reader.messages.at(i).body, "msg " + QByteArray::number(12 + i));
        QCOMPARE(headerOf(reader.messages.at(i), "x-stream-offset").toLongLong(),
                 m_offsets.at(12 + i));
    }
    QCOMPARE(reader.messages.at(8).body, QByteArray("marker"));
}

void tst_StompBroker::wrongPasswordIsAnError()
{
    StompClient client;
    QSignalSpy errors(&client, &StompClient::errorReceived);
    QSignalSpy ended(&client, &StompClient::disconnected);
    StompClient::Options o = options();
    o.passcode = "not the password";
    QVERIFY(client.connectToBroker(o));
    QVERIFY(ended.wait(brokerWaitMs));
    QCOMPARE(errors.size(), 1);
    const StompError error = errors.at(0).at(0).value<StompError>();
    qInfo("RabbitMQ says: %s / %s", error.message.constData(), error.body.constData());
    QVERIFY(!error.message.isEmpty());
    QVERIFY(!error.body.isEmpty());
    QCOMPARE(client.endReason(), StompClient::EndReason::ServerError);
    QCOMPARE(client.endDetail(), QString::fromUtf8(error.message));
    QCOMPARE(client.state(), StompClient::State::Disconnected);
}

void tst_StompBroker::heartBeatsNegotiatedAndKept()
{
    Session session;
    QVERIFY(open(session, options(200)));
    // RabbitMQ answers with its own intervals (3.10 raises 200 ms to 1000 ms); the agreed ones
    // are the slower of each pair, both directions on.
    const QList<QByteArray> server = session.client.connectedFrame().header("heart-beat").split(',');
    QCOMPARE(server.size(), 2);
    QVERIFY(server.at(0).toInt() > 0 && server.at(1).toInt() > 0);
    QCOMPARE(session.client.outgoingHeartBeatMs(), std::max(200, server.at(1).toInt()));
    QCOMPARE(session.client.incomingHeartBeatMs(), std::max(200, server.at(0).toInt()));
    // Several intervals of silence on both sides: heart-beats flow, nobody gives up (the broker
    // closes a client that stops beating; we end on a silent broker).
    QTRY_VERIFY_WITH_TIMEOUT(session.client.heartBeatsReceived() >= 3
                                     && session.client.heartBeatsSent() >= 3,
                             brokerWaitMs);
    QCOMPARE(session.client.state(), StompClient::State::Connected);
    // And the session still works.
    QByteArray receipt;
    QVERIFY(session.client.send(uniqueName("/topic/hb-"), "alive", {}, &receipt));
    QTRY_VERIFY_WITH_TIMEOUT(session.receipts.contains(receipt), brokerWaitMs);
}

void tst_StompBroker::gracefulDisconnect()
{
    Session session;
    QVERIFY(open(session, options()));
    QSignalSpy ended(&session.client, &StompClient::disconnected);
    session.client.disconnectFromBroker();
    QCOMPARE(session.client.state(), StompClient::State::Disconnecting);
    QVERIFY(ended.wait(brokerWaitMs));
    QCOMPARE(session.client.endReason(), StompClient::EndReason::Requested);
    // RabbitMQ 3.10's Web-STOMP sends no RECEIPT for DISCONNECT: it closes the WebSocket with
    // 1000 "STOMP died" at once. That close, not our timeout, must end the session.
    QCOMPARE(session.client.endDetail(),
             QStringLiteral("the broker closed without a receipt for DISCONNECT"));
}

QTEST_GUILESS_MAIN(tst_StompBroker)
#include "tst_stompbroker.moc"
