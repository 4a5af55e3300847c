#include "client/stompclient.h"
#include "socks5proxy.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Parlor;

Q_DECLARE_METATYPE(StompClient::EndReason)

namespace {

/// A STOMP broker played by the test: a real QWebSocketServer on 127.0.0.1 offering v12.stomp,
/// which records what the client sends (decoded with the codec) and sends whatever bytes the
/// test scripts, split or packed into WebSocket messages as the test likes.
class ScriptedBroker : public QObject
{
    Q_OBJECT

public:
    ScriptedBroker()
        : m_server(QStringLiteral("tst_stompclient"), QWebSocketServer::NonSecureMode)
    {
        m_server.setSupportedSubprotocols({QStringLiteral("v12.stomp")});
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            m_peer = m_server.nextPendingConnection();
            // nextPendingConnection() gives no parent: without one the socket would leak.
            m_peer->setParent(this);
            connect(m_peer, &QWebSocket::textMessageReceived, this,
                    [this](const QString &text) { take(text.toUtf8()); });
            connect(m_peer, &QWebSocket::binaryMessageReceived, this, &ScriptedBroker::take);
            connect(m_peer, &QWebSocket::disconnected, this, [this] { m_peerGone = true; });
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_server.serverPort()));
    }

    /// Sends \a bytes as one WebSocket text message.
    void send(const QByteArray &bytes) { m_peer->sendTextMessage(QString::fromUtf8(bytes)); }
    void sendBinary(const QByteArray &bytes) { m_peer->sendBinaryMessage(bytes); }

    /// Waits for the next frame the client sends and returns it (Invalid if none came).
    StompFrame nextFrame(int timeoutMs = 5000)
    {
        if (!QTest::qWaitFor([this] { return m_taken < m_frames.size(); }, timeoutMs))
            return {};
        return m_frames.at(m_taken++);
    }

    /// Answers the client's CONNECT with CONNECTED and \a heartBeat; returns the CONNECT.
    StompFrame acceptConnect(const QByteArray &heartBeat = "0,0")
    {
        const StompFrame connect = nextFrame();
        send("CONNECTED\nversion:1.2\nserver:scripted/1\nheart-beat:" + heartBeat + "\n\n"
             + QByteArray(1, '\0'));
        return connect;
    }

    qint64 heartBeats() const { return m_decoder.heartBeats(); }
    bool peerGone() const { return m_peerGone; }
    StompDecoder::Error decodeError() const { return m_decoder.error(); }

private:
    void take(const QByteArray &bytes)
    {
        m_decoder.append(bytes);
        StompFrame frame;
        while (m_decoder.next(frame) == StompDecoder::Result::Frame)
            m_frames.append(frame);
    }

    QWebSocketServer m_server;
    QWebSocket *m_peer = nullptr;
    StompDecoder m_decoder;
    QList<StompFrame> m_frames;
    int m_taken = 0;
    bool m_peerGone = false;
};

QByteArray nul()
{
    return QByteArray(1, '\0');
}

StompClient::Options optionsFor(const ScriptedBroker &broker)
{
    StompClient::Options o;
    o.url = broker.url();
    o.heartBeatSendMs = 0;
    o.heartBeatReceiveMs = 0;
    return o;
}

} // namespace

class tst_StompClient : public QObject
{
    Q_OBJECT

private slots:
    void connectFrameAndStates();
    void heartBeatNegotiation_data();
    void heartBeatNegotiation();
    void sendsHeartBeatsWhenIdle();
    void heartBeatLoss();
    void receiptTracking();
    void subscribeAckUnsubscribe();
    void framesSplitAndPacked();
    void errorFrameEndsTheSession();
    void badBrokerFrames_data();
    void badBrokerFrames();
    void gracefulDisconnect();
    void disconnectWithoutReceipt();
    void refusedConnection();
    void refusesUnwritableCredentials();
    void goesThroughTheProxyItIsGiven();
};

void tst_StompClient::connectFrameAndStates()
{
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    QSignalSpy states(&client, &StompClient::stateChanged);
    StompClient::Options options = optionsFor(broker);
    options.host = "vhost-a";
    options.login = "guest";
    options.passcode = "s3cret:x";
    options.heartBeatSendMs = 1000;
    options.heartBeatReceiveMs = 2000;
    QVERIFY(client.connectToBroker(options));
    QCOMPARE(client.state(), StompClient::State::Connecting);
    QVERIFY(!client.connectToBroker(options)); // only from Disconnected

    const StompFrame connect = broker.acceptConnect();
    QCOMPARE(connect.command, StompFrame::Command::Connect);
    QCOMPARE(connect.header("accept-version"), QByteArray("1.2"));
    QCOMPARE(connect.header("host"), QByteArray("vhost-a"));
    QCOMPARE(connect.header("login"), QByteArray("guest"));
    // CONNECT is not escaped: the colon goes as it is.
    QCOMPARE(connect.header("passcode"), QByteArray("s3cret:x"));
    QCOMPARE(connect.header("heart-beat"), QByteArray("1000,2000"));

    QTRY_COMPARE(client.state(), StompClient::State::Connected);
    QCOMPARE(client.connectedFrame().header("server"), QByteArray("scripted/1"));
    // Nothing may be sent before CONNECTED, and SEND works after it.
    QVERIFY(client.send("/topic/a", "x"));
    QCOMPARE(broker.nextFrame().command, StompFrame::Command::Send);

    client.abort();
    QCOMPARE(client.state(), StompClient::State::Disconnected);
    QCOMPARE(states.size(), 3);
    QCOMPARE(states.at(0).at(0).value<StompClient::State>(), StompClient::State::Connecting);
    QCOMPARE(states.at(1).at(0).value<StompClient::State>(), StompClient::State::Connected);
    QCOMPARE(states.at(2).at(0).value<StompClient::State>(), StompClient::State::Disconnected);
    QVERIFY(!client.send("/topic/a", "x"));
}

void tst_StompClient::heartBeatNegotiation_data()
{
    QTest::addColumn<int>("clientSends");
    QTest::addColumn<int>("clientWants");
    QTest::addColumn<QByteArray>("server");
    QTest::addColumn<int>("outgoing");
    QTest::addColumn<int>("incoming");

    QTest::newRow("both zero") << 0 << 0 << QByteArray("0,0") << 0 << 0;
    QTest::newRow("client cannot send") << 0 << 500 << QByteArray("300,400") << 0 << 500;
    QTest::newRow("server does not want any") << 500 << 500 << QByteArray("300,0") << 0 << 500;
    QTest::newRow("server cannot send") << 500 << 500 << QByteArray("0,400") << 500 << 0;
    QTest::newRow("the slower side wins") << 100 << 200 << QByteArray("700,900") << 900 << 700;
}

void tst_StompClient::heartBeatNegotiation()
{
    QFETCH(int, clientSends);
    QFETCH(int, clientWants);
    QFETCH(QByteArray, server);
    QFETCH(int, outgoing);
    QFETCH(int, incoming);

    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    StompClient::Options options = optionsFor(broker);
    options.heartBeatSendMs = clientSends;
    options.heartBeatReceiveMs = clientWants;
    QVERIFY(client.connectToBroker(options));
    broker.acceptConnect(server);
    QTRY_COMPARE(client.state(), StompClient::State::Connected);
    QCOMPARE(client.outgoingHeartBeatMs(), outgoing);
    QCOMPARE(client.incomingHeartBeatMs(), incoming);
}

void tst_StompClient::sendsHeartBeatsWhenIdle()
{
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    StompClient::Options options = optionsFor(broker);
    options.heartBeatSendMs = 30;
    QVERIFY(client.connectToBroker(options));
    broker.acceptConnect("0,50");
    QTRY_COMPARE(client.state(), StompClient::State::Connected);
    QCOMPARE(client.outgoingHeartBeatMs(), 50);
    // EOLs keep coming while the client has nothing else to say.
    QTRY_VERIFY_WITH_TIMEOUT(broker.heartBeats() >= 4, 5000);
    QVERIFY(client.heartBeatsSent() >= 4);
    QCOMPARE(client.state(), StompClient::State::Connected);
}

void tst_StompClient::heartBeatLoss()
{
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    QSignalSpy ended(&client, &StompClient::disconnected);
    StompClient::Options options = optionsFor(broker);
    options.heartBeatReceiveMs = 50;
    QVERIFY(client.connectToBroker(options));
    broker.acceptConnect("300,0");
    QTRY_COMPARE(client.state(), StompClient::State::Connected);
    QCOMPARE(client.incomingHeartBeatMs(), 300);

    // The broker keeps beating every 100 ms: well past one deadline (600 ms), still connected.
    // (Margins are wide so that a loaded or sanitized run cannot miss a beat by accident.)
    QTimer beat;
    connect(&beat, &QTimer::timeout, &broker, [&broker] { broker.send("\n"); });
    beat.start(100);
    QTRY_VERIFY_WITH_TIMEOUT(client.heartBeatsReceived() >= 8, 5000);
    QCOMPARE(client.state(), StompClient::State::Connected);

    // Then it falls silent: the client gives up after twice the interval.
    beat.stop();
    QElapsedTimer silence;
    silence.start();
    QVERIFY(ended.wait(5000));
    // Not at once: the deadline (600 ms) less one beat interval, with room for timer slack.
    QVERIFY2(silence.elapsed() >= 400, qPrintable(QString::number(silence.elapsed())));
    QCOMPARE(client.endReason(), StompClient::EndReason::HeartBeatLost);
    QCOMPARE(ended.at(0).at(0).value<StompClient::EndReason>(),
             StompClient::EndReason::HeartBeatLost);
    QVERIFY(client.endDetail().contains(QStringLiteral("600 ms")));
    QTRY_VERIFY(broker.peerGone());
}

void tst_StompClient::receiptTracking()
{
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    QSignalSpy receipts(&client, &StompClient::receiptReceived);
    QVERIFY(client.connectToBroker(optionsFor(broker)));
    broker.acceptConnect();
    QTRY_COMPARE(client.state(), StompClient::State::Connected);

    QByteArray first, second;
    QVERIFY(client.send("/queue/a", "one", {}, &first));
    QVERIFY(client.send("/queue/a", "two", {{"receipt", "caller's own"}}, &second));
    QVERIFY(client.send("/queue/a", "three")); // no receipt asked
    QVERIFY(!first.isEmpty());
    QVERIFY(first != second);
    QCOMPARE(client.pendingReceipts(), (QList<QByteArray>{first, second}));

    QCOMPARE(broker.nextFrame().header("receipt"), first);
    // The receipt id is the client's: one the caller put in is replaced, not sent twice.
    const StompFrame two = broker.nextFrame();
    QCOMPARE(two.header("receipt"), second);
    QCOMPARE(two.headers.count({"receipt", second}), 1);
    QVERIFY(!broker.nextFrame().hasHeader("receipt"));

    // Confirmed out of order, with a stray receipt in between that must confirm nothing.
    broker.send("RECEIPT\nreceipt-id:" + second + "\n\n" + nul() + "RECEIPT\nreceipt-id:nobody\n\n"
                + nul());
    QVERIFY(receipts.wait());
    QCOMPARE(receipts.at(0).at(0).toByteArray(), second);
    QCOMPARE(client.pendingReceipts(), QList<QByteArray>{first});
    broker.send("RECEIPT\nreceipt-id:" + first + "\n\n" + nul());
    QVERIFY(receipts.wait());
    QCOMPARE(receipts.size(), 2);
    QCOMPARE(receipts.at(1).at(0).toByteArray(), first);
    QVERIFY(client.pendingReceipts().isEmpty());
    QCOMPARE(client.state(), StompClient::State::Connected);
}

void tst_StompClient::subscribeAckUnsubscribe()
{
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    QVERIFY(client.connectToBroker(optionsFor(broker)));
    broker.acceptConnect();
    QTRY_COMPARE(client.state(), StompClient::State::Connected);

    QByteArray receipt;
    const QByteArray id = client.subscribe("/queue/room", StompClient::AckMode::Client,
                                           {{"x-queue-type", "stream"},
                                            {"x-stream-offset", "offset=5"},
                                            {"prefetch-count", "10"},
                                            {"x:odd", "a\nb"}},
                                           {}, &receipt);
    QVERIFY(!id.isEmpty());
    const StompFrame subscribe = broker.nextFrame();
    QCOMPARE(subscribe.command, StompFrame::Command::Subscribe);
    QCOMPARE(subscribe.header("id"), id);
    QCOMPARE(subscribe.header("destination"), QByteArray("/queue/room"));
    QCOMPARE(subscribe.header("ack"), QByteArray("client"));
    QCOMPARE(subscribe.header("x-queue-type"), QByteArray("stream"));
    QCOMPARE(subscribe.header("x-stream-offset"), QByteArray("offset=5"));
    QCOMPARE(subscribe.header("prefetch-count"), QByteArray("10"));
    QCOMPARE(subscribe.header("x:odd"), QByteArray("a\nb")); // escaped and unescaped
    QCOMPARE(subscribe.header("receipt"), receipt);

    const QByteArray other = client.subscribe("/topic/t", StompClient::AckMode::ClientIndividual,
                                              {}, "mine");
    QCOMPARE(other, QByteArray("mine"));
    QCOMPARE(broker.nextFrame().header("ack"), QByteArray("client-individual"));
    QVERIFY(client.subscribe("/topic/t") != id); // made-up ids differ
    QCOMPARE(broker.nextFrame().header("ack"), QByteArray("auto"));

    QVERIFY(client.ack("ack-7"));
    StompFrame ack = broker.nextFrame();
    QCOMPARE(ack.command, StompFrame::Command::Ack);
    QCOMPARE(ack.header("id"), QByteArray("ack-7"));
    QVERIFY(client.nack("ack-8"));
    ack = broker.nextFrame();
    QCOMPARE(ack.command, StompFrame::Command::Nack);
    QCOMPARE(ack.header("id"), QByteArray("ack-8"));
    QVERIFY(client.unsubscribe(id));
    const StompFrame unsubscribe = broker.nextFrame();
    QCOMPARE(unsubscribe.command, StompFrame::Command::Unsubscribe);
    QCOMPARE(unsubscribe.header("id"), id);
}

void tst_StompClient::framesSplitAndPacked()
{
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    QSignalSpy messages(&client, &StompClient::messageReceived);
    QSignalSpy receipts(&client, &StompClient::receiptReceived);
    QVERIFY(client.connectToBroker(optionsFor(broker)));
    const StompFrame connect = broker.nextFrame();
    QCOMPARE(connect.command, StompFrame::Command::Connect);

    // CONNECTED, two MESSAGEs and a heart-beat packed into one WebSocket message.
    broker.send("CONNECTED\nversion:1.2\n\n" + nul()
                + "\nMESSAGE\ndestination:/topic/a\n"
                  "subscription:s1\nmessage-id:m1\nack:a1\n\nfirst"
                + nul() + "MESSAGE\ndestination:/topic/a\nsubscription:s1\nmessage-id:m2\n\nsecond"
                + nul() + "\n");
    QTRY_COMPARE(messages.size(), 2);
    QCOMPARE(client.state(), StompClient::State::Connected);
    auto message = [&](int i) {
        return messages.at(i).at(0).value<StompMessage>();
    };
    QCOMPARE(message(0).destination, QByteArray("/topic/a"));
    QCOMPARE(message(0).subscription, QByteArray("s1"));
    QCOMPARE(message(0).messageId, QByteArray("m1"));
    QCOMPARE(message(0).ack, QByteArray("a1"));
    QCOMPARE(message(0).body, QByteArray("first"));
    QCOMPARE(message(1).body, QByteArray("second"));
    QCOMPARE(message(1).ack, QByteArray());

    // One MESSAGE in four WebSocket messages, cut inside an escape sequence, inside the
    // content-length body (which holds a NUL) and before its final NUL; binary and text mixed.
    QByteArray body("bin\0ary", 7);
    const QByteArray frame = "MESSAGE\ndestination:/queue/b\nsubscription:s2\nmessage-id:m3\n"
                             "x-stream-offset:41\nkey\\cwith\\\\escapes:v\\na\\cl\ncontent-length:7"
                             "\n\n"
                             + body + nul() + "RECEIPT\nreceipt-id:";
    const qsizetype escape = frame.indexOf("\\c") + 1;
    const qsizetype inBody = frame.indexOf("bin") + 4;
    broker.send(frame.left(escape));
    broker.sendBinary(frame.mid(escape, inBody - escape));
    broker.sendBinary(frame.mid(inBody, frame.size() - inBody - 20));
    QByteArray receipt;
    QVERIFY(client.send("/queue/b", "x", {}, &receipt));
    broker.send(frame.right(20) + receipt + "\n\n" + nul());
    QTRY_COMPARE(messages.size(), 3);
    QCOMPARE(message(2).body, body);
    QCOMPARE(message(2).destination, QByteArray("/queue/b"));
    bool found = false;
    for (const StompFrame::Header &h : message(2).headers) {
        if (h.first == "key:with\\escapes") {
            QCOMPARE(h.second, QByteArray("v\na:l"));
            found = true;
        }
    }
    QVERIFY2(found, "the escaped header is missing");
    QCOMPARE(StompFrame(StompFrame::Command::Message, message(2).headers).header("x-stream-offset"),
             QByteArray("41"));
    QTRY_COMPARE(receipts.size(), 1);
    QCOMPARE(client.heartBeatsReceived(), 2);
}

void tst_StompClient::errorFrameEndsTheSession()
{
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    QSignalSpy errors(&client, &StompClient::errorReceived);
    QSignalSpy ended(&client, &StompClient::disconnected);
    QVERIFY(client.connectToBroker(optionsFor(broker)));
    broker.nextFrame();
    // An ERROR instead of CONNECTED, as RabbitMQ answers a wrong password.
    broker.send("ERROR\nmessage:Access refused for user 'guest'\ncontent-type:text/plain\n"
                "receipt-id:r9\n\nLogin or password incorrect\n"
                + nul());
    QVERIFY(errors.wait());
    const StompError error = errors.at(0).at(0).value<StompError>();
    QCOMPARE(error.message, QByteArray("Access refused for user 'guest'"));
    QCOMPARE(error.body, QByteArray("Login or password incorrect\n"));
    QCOMPARE(error.receiptId, QByteArray("r9"));
    QCOMPARE(client.state(), StompClient::State::Disconnected);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(client.endReason(), StompClient::EndReason::ServerError);
    QCOMPARE(client.endDetail(), QStringLiteral("Access refused for user 'guest'"));
    // The client ends the connection itself.
    QTRY_VERIFY(broker.peerGone());
}

void tst_StompClient::badBrokerFrames_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("detail");
    QTest::newRow("unknown command")
            << QByteArray("HELLO\n\n") + nul() << QStringLiteral("unknown command \"HELLO\"");
    QTest::newRow("undefined escape") << QByteArray("MESSAGE\na:\\t\n\n") + nul()
                                      << QStringLiteral("undefined escape sequence");
    QTest::newRow("a second CONNECTED") << QByteArray("CONNECTED\nversion:1.2\n\n") + nul()
                                        << QStringLiteral("unexpected CONNECTED from the broker");
    QTest::newRow("a client frame")
            << QByteArray("SEND\n\n") + nul() << QStringLiteral("unexpected SEND from the broker");
}

void tst_StompClient::badBrokerFrames()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, detail);
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    QSignalSpy ended(&client, &StompClient::disconnected);
    QVERIFY(client.connectToBroker(optionsFor(broker)));
    broker.acceptConnect();
    QTRY_COMPARE(client.state(), StompClient::State::Connected);
    broker.send(bytes);
    QVERIFY(ended.wait());
    QCOMPARE(client.endReason(), StompClient::EndReason::ProtocolError);
    QVERIFY2(client.endDetail().contains(detail), qPrintable(client.endDetail()));
    QTRY_VERIFY(broker.peerGone());
}

void tst_StompClient::gracefulDisconnect()
{
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    QSignalSpy ended(&client, &StompClient::disconnected);
    QVERIFY(client.connectToBroker(optionsFor(broker)));
    broker.acceptConnect();
    QTRY_COMPARE(client.state(), StompClient::State::Connected);

    client.disconnectFromBroker();
    QCOMPARE(client.state(), StompClient::State::Disconnecting);
    QVERIFY(!client.send("/topic/a", "too late"));
    const StompFrame disconnect = broker.nextFrame();
    QCOMPARE(disconnect.command, StompFrame::Command::Disconnect);
    const QByteArray receipt = disconnect.header("receipt");
    QVERIFY(!receipt.isEmpty());
    QCOMPARE(client.pendingReceipts(), QList<QByteArray>{receipt});
    // A receipt for something else does not end it.
    broker.send("RECEIPT\nreceipt-id:other\n\n" + nul());
    broker.send("RECEIPT\nreceipt-id:" + receipt + "\n\n" + nul());
    QVERIFY(ended.wait());
    QCOMPARE(client.state(), StompClient::State::Disconnected);
    QCOMPARE(client.endReason(), StompClient::EndReason::Requested);
    QVERIFY(client.endDetail().isEmpty());
    QTRY_VERIFY(broker.peerGone());
}

void tst_StompClient::disconnectWithoutReceipt()
{
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    StompClient client;
    QSignalSpy ended(&client, &StompClient::disconnected);
    StompClient::Options options = optionsFor(broker);
    options.disconnectTimeoutMs = 100;
    QVERIFY(client.connectToBroker(options));
    broker.acceptConnect();
    QTRY_COMPARE(client.state(), StompClient::State::Connected);
    client.disconnectFromBroker();
    QVERIFY(ended.wait());
    QCOMPARE(client.endReason(), StompClient::EndReason::Requested);
    QCOMPARE(client.endDetail(), QStringLiteral("no receipt for DISCONNECT within 100 ms"));
}

void tst_StompClient::refusedConnection()
{
    // A port that was just free: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    StompClient client;
    QSignalSpy ended(&client, &StompClient::disconnected);
    StompClient::Options options;
    options.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port));
    QVERIFY(client.connectToBroker(options));
    QVERIFY(ended.wait());
    QCOMPARE(client.endReason(), StompClient::EndReason::Refused);
    QCOMPARE(client.state(), StompClient::State::Disconnected);
}

void tst_StompClient::refusesUnwritableCredentials()
{
    StompClient client;
    StompClient::Options options;
    options.url = QUrl(QStringLiteral("ws://127.0.0.1:1/ws"));
    options.passcode = "two\nlines";
    QVERIFY(!client.connectToBroker(options));
    options.passcode = "fine";
    options.url = QUrl(QStringLiteral("http://127.0.0.1:1/ws"));
    QVERIFY(!client.connectToBroker(options));
    QCOMPARE(client.state(), StompClient::State::Disconnected);
}

void tst_StompClient::goesThroughTheProxyItIsGiven()
{
    // Direct unless told otherwise (Options::proxy is NoProxy); a proxy given is the one used.
    // (That the default stays direct cannot be seen on loopback: Qt never sends a loopback
    // connection through the application proxy anyway.)
    QCOMPARE(StompClient::Options().proxy.type(), QNetworkProxy::NoProxy);
    ScriptedBroker broker;
    QVERIFY(broker.listen());
    Socks5Proxy proxy;
    QVERIFY(proxy.listen());
    StompClient client;
    StompClient::Options options = optionsFor(broker);
    options.proxy = QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"),
                                  proxy.port());
    QVERIFY(client.connectToBroker(options));
    QCOMPARE(broker.acceptConnect().command, StompFrame::Command::Connect);
    QTRY_COMPARE(client.state(), StompClient::State::Connected);
    QCOMPARE(proxy.requests(), QStringList{QStringLiteral("127.0.0.1:%1").arg(broker.url().port())});
    QCOMPARE(proxy.tunnels(), 1);
    client.abort();
}

QTEST_GUILESS_MAIN(tst_StompClient)
#include "tst_stompclient.moc"
