// HandshakeExplainer: the Sec-WebSocket-Accept computation against RFC 6455's own example and a
// real QWebSocketServer, and the explanation of failed attempts, from CloseInfos built by hand
// and from real ConnectionManager attempts against misbehaving servers on 127.0.0.1.

#include "client/connectionmanager.h"
#include "inspector/handshakeexplainer.h"
#include "inspector/statetimeline.h"

#include "scriptedhttpserver.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMetaEnum>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <functional>

using namespace Parlor;
using Failure = HandshakeExplainer::Failure;
using Phase = HandshakeExplainer::Phase;
using Attempt = HandshakeExplainer::Attempt;
using Reason = CloseInfo::Reason;
using State = ConnectionManager::State;

namespace {

constexpr int waitMs = 5000;

QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        const int colon = int(line.indexOf(':'));
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray upgradeAnswer(const QByteArray &head, const QByteArray &accept,
                         const QByteArray &subprotocol = {})
{
    QByteArray answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Accept: ";
    answer += accept.isNull()
                      ? HandshakeExplainer::acceptKey(headerValue(head, "Sec-WebSocket-Key"))
                      : accept;
    answer += "\r\n";
    if (!subprotocol.isEmpty())
        answer += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
    return answer + "\r\n";
}

ConnectionManager::Options options(const QUrl &url, const QStringList &subprotocols = {})
{
    ConnectionManager::Options o;
    o.url = url;
    o.subprotocols = subprotocols;
    o.handshakeTimeoutMs = 400;
    o.pingIntervalMs = 0;
    o.autoReconnect = false;
    return o;
}

/// Opens a connection, waits for the first Closed, and returns the timeline's last row's facts.
struct Outcome
{
    CloseInfo info;
    Attempt attempt;
};

bool runAttempt(const ConnectionManager::Options &o, Outcome *outcome)
{
    ConnectionManager manager;
    StateTimeline timeline;
    timeline.setLog(manager.eventLog());
    QList<CloseInfo> closes;
    QObject::connect(&manager, &ConnectionManager::closed,
                     [&closes](const CloseInfo &info) { closes.append(info); });
    if (!manager.open(o))
        return false;
    if (!QTest::qWaitFor([&] { return !closes.isEmpty(); }, waitMs))
        return false;
    const int row = timeline.rowCount() - 1;
    outcome->info = timeline.closeInfo(row);
    outcome->attempt = timeline.attempt(row);
    // The timeline's rebuilt CloseInfo agrees with the manager's own.
    const CloseInfo &real = closes.first();
    return outcome->info.reason == real.reason && outcome->info.code == real.code
           && outcome->info.httpStatus == real.httpStatus
           && outcome->info.errorString == real.errorString;
}

} // namespace

class tst_HandshakeExplainer : public QObject
{
    Q_OBJECT

private slots:
    void acceptKey_data();
    void acceptKey();
    void acceptKeyMatchesQtServer_data();
    void acceptKeyMatchesQtServer();
    void isValidAccept();
    void acceptMismatch_data();
    void acceptMismatch();

    void failure_data();
    void failure();
    void everyFailureIsExplained();
    void explainTranslates();

    void realFailures_data();
    void realFailures();
    void realBadAcceptKeyNamesBothAccepts();
};

void tst_HandshakeExplainer::acceptKey_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("accept");
    // RFC 6455, section 1.3.
    QTest::newRow("RFC 6455 example")
            << QByteArray("dGhlIHNhbXBsZSBub25jZQ==") << QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    QTest::newRow("RFC 6455 example, header whitespace")
            << QByteArray(" dGhlIHNhbXBsZSBub25jZQ==\r")
            << QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    // The example of the Wikipedia article "WebSocket".
    QTest::newRow("second published example")
            << QByteArray("x3JJHMbDL1EzLkh9GBhXDw==") << QByteArray("HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
}

void tst_HandshakeExplainer::acceptKey()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, accept);
    QCOMPARE(HandshakeExplainer::acceptKey(key), accept);
}

void tst_HandshakeExplainer::acceptKeyMatchesQtServer_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("RFC key") << QByteArray("dGhlIHNhbXBsZSBub25jZQ==");
    for (int i = 0; i < 3; ++i) {
        QByteArray nonce(16, '\0');
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
        QTest::addRow("random key %d", i) << nonce.toBase64();
    }
}

void tst_HandshakeExplainer::acceptKeyMatchesQtServer()
{
    QFETCH(QByteArray, key);
    // What a real server answers is the reference: Qt's QWebSocketServer computes it on its own.
    QWebSocketServer server(QStringLiteral("tst"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(waitMs));
    client.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                 + key + "\r\n\r\n");
    QByteArray response;
    QVERIFY(QTest::qWaitFor(
            [&] {
                response += client.readAll();
                return response.contains("\r\n\r\n");
            },
            waitMs));
    QVERIFY2(response.startsWith("HTTP/1.1 101"), response.constData());
    const QByteArray accept = headerValue(response, "Sec-WebSocket-Accept");
    QCOMPARE(HandshakeExplainer::acceptKey(key), accept);
    QVERIFY(HandshakeExplainer::isValidAccept(key, accept));
}

void tst_HandshakeExplainer::isValidAccept()
{
    const QByteArray key = "dGhlIHNhbXBsZSBub25jZQ==";
    QVERIFY(HandshakeExplainer::isValidAccept(key, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    QVERIFY(HandshakeExplainer::isValidAccept(key, " s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    QVERIFY(!HandshakeExplainer::isValidAccept(key, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo"));
    QVERIFY(!HandshakeExplainer::isValidAccept(key, {}));
    QVERIFY(!HandshakeExplainer::isValidAccept("x3JJHMbDL1EzLkh9GBhXDw==",
                                               "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    // An empty key has a well-defined SHA-1, but no server answer can be right for it.
    QVERIFY(!HandshakeExplainer::isValidAccept({}, HandshakeExplainer::acceptKey({})));
}

void tst_HandshakeExplainer::acceptMismatch_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<QByteArray>("expected"); // what Qt computed from the key it sent
    QTest::addColumn<QByteArray>("received"); // what the server answered
    QTest::newRow("Qt 6.4 wording")
            << QStringLiteral("Accept-Key received from server bm90IHRoZSBrZXk= does not match "
                              "the client key s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.")
            << QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") << QByteArray("bm90IHRoZSBrZXk=");
    QTest::newRow("no accept header at all")
            << QStringLiteral("Accept-Key received from server  does not match the client key "
                              "HSmrc0sMlYUkAGmm5OPpG2HaGWk=.")
            << QByteArray("HSmrc0sMlYUkAGmm5OPpG2HaGWk=") << QByteArray("");
    QTest::newRow("another error")
            << QStringLiteral("Connection refused") << QByteArray() << QByteArray();
    QTest::newRow("empty") << QString() << QByteArray() << QByteArray();
}

void tst_HandshakeExplainer::acceptMismatch()
{
    QFETCH(QString, error);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, received);
    const auto [gotExpected, gotReceived] = HandshakeExplainer::acceptMismatch(error);
    QCOMPARE(gotExpected, expected);
    QCOMPARE(gotReceived, received);
    QCOMPARE(gotExpected.isNull(), expected.isNull());
}

void tst_HandshakeExplainer::failure_data()
{
    QTest::addColumn<CloseInfo>("info");
    QTest::addColumn<Attempt>("attempt");
    QTest::addColumn<Failure>("expected");

    const auto close = [](Reason reason, int code = 1006, int httpStatus = 0,
                          const QString &error = {}) {
        CloseInfo info;
        info.reason = reason;
        info.code = code;
        info.httpStatus = httpStatus;
        info.errorString = error;
        return info;
    };
    const auto attempt = [](Phase phase, const QStringList &offered = {}, bool upgraded = false,
                            const QString &chosen = {}, qint64 openMs = -1, int socketError = -1) {
        Attempt a;
        a.phase = phase;
        a.offered = offered;
        a.upgraded = upgraded;
        a.chosen = chosen;
        a.openMs = openMs;
        a.socketError = socketError;
        return a;
    };
    const QStringList offered{QStringLiteral("parlor.v1"), QStringLiteral("chatting")};

    QTest::newRow("never connected") << close(Reason::None, 0) << Attempt() << Failure::None;
    QTest::newRow("user close") << close(Reason::User, 1000) << Attempt() << Failure::None;
    QTest::newRow("peer normal close after an hour")
            << close(Reason::Peer, 1000)
            << attempt(Phase::Open, offered, true, QStringLiteral("parlor.v1"), 3600000)
            << Failure::None;
    QTest::newRow("abrupt loss of an established connection")
            << close(Reason::NetworkError, 1006, 0,
                     QStringLiteral("The remote host closed the connection"))
            << attempt(Phase::Open, offered, true, QStringLiteral("parlor.v1"), 60000, 1)
            << Failure::None;

    QTest::newRow("refused, socket error")
            << close(Reason::NetworkError) << attempt(Phase::Handshake, offered, false, {}, -1, 0)
            << Failure::ConnectionRefused;
    QTest::newRow("refused, from the CloseInfo only")
            << close(Reason::NetworkError, 1006, 0, QStringLiteral("Connection refused"))
            << Attempt() << Failure::ConnectionRefused;
    QTest::newRow("host not found, socket error")
            << close(Reason::NetworkError) << attempt(Phase::Handshake, {}, false, {}, -1, 2)
            << Failure::HostNotFound;
    QTest::newRow("host not found, from the CloseInfo only")
            << close(Reason::NetworkError, 1006, 0, QStringLiteral("Host not found")) << Attempt()
            << Failure::HostNotFound;
    QTest::newRow("handshake timeout")
            << close(Reason::HandshakeTimeout) << Attempt() << Failure::HandshakeTimeout;
    QTest::newRow("tls") << close(Reason::TlsError, 1015) << Attempt() << Failure::TlsError;
    QTest::newRow("ping timeout") << close(Reason::PingTimeout) << Attempt()
                                  << Failure::PingTimeout;

    const QList<QPair<int, Failure>> statuses{
            {200, Failure::NotWebSocket},    {204, Failure::NotWebSocket},
            {301, Failure::Redirect},        {308, Failure::Redirect},
            {400, Failure::BadRequest},      {401, Failure::Unauthorized},
            {407, Failure::Unauthorized},    {403, Failure::Forbidden},
            {404, Failure::NotFound},        {426, Failure::UpgradeRequired},
            {429, Failure::TooManyRequests}, {500, Failure::ServerError},
            {503, Failure::ServerError},     {418, Failure::HttpStatus},
            {100, Failure::HttpStatus},
    };
    for (const auto &[status, failure] : statuses) {
        QTest::addRow("HTTP %d", status)
                << close(Reason::HandshakeRefused, 1006, status) << Attempt() << failure;
    }

    QTest::newRow("subprotocol not offered, from the attempt")
            << close(Reason::NetworkError)
            << attempt(Phase::Handshake, offered, true, QStringLiteral("evil.v9"))
            << Failure::SubprotocolNotOffered;
    QTest::newRow("subprotocol not offered, from Qt's error")
            << close(Reason::NetworkError, 1006, 0,
                     QStringLiteral("WebSocket server has chosen protocol evil.v9 which has not "
                                    "been requested"))
            << Attempt() << Failure::SubprotocolNotOffered;
    QTest::newRow("chosen one of the offered is fine")
            << close(Reason::Peer, 1000)
            << attempt(Phase::Open, offered, true, QStringLiteral("chatting"), 100)
            << Failure::None;
    QTest::newRow("bad accept key")
            << close(Reason::NetworkError, 1006, 0,
                     QStringLiteral("Accept-Key received from server bm90IHRoZSBrZXk= does not "
                                    "match the client key dGhlIHNhbXBsZSBub25jZQ==."))
            << attempt(Phase::Handshake, offered) << Failure::BadAcceptKey;

    QTest::newRow("none in common: accepted without one, closed 1002 at once")
            << close(Reason::Peer, 1002) << attempt(Phase::Open, offered, true, {}, 20)
            << Failure::NoCommonSubprotocol;
    QTest::newRow("none in common: accepted without one, dropped at once")
            << close(Reason::NetworkError, 1006) << attempt(Phase::Open, offered, true, {}, 20)
            << Failure::NoCommonSubprotocol;
    QTest::newRow("none offered: accepted, closed 1008 at once")
            << close(Reason::Peer, 1008) << attempt(Phase::Open, {}, true, {}, 20)
            << Failure::NoSubprotocolOffered;
    QTest::newRow("accepted without one, closed normally at once")
            << close(Reason::Peer, 1000) << attempt(Phase::Open, offered, true, {}, 20)
            << Failure::None;
    QTest::newRow("accepted without one, closed 1002 much later")
            << close(Reason::Peer, 1002) << attempt(Phase::Open, offered, true, {}, 600000)
            << Failure::None;
    QTest::newRow("accepted without one, open time unknown")
            << close(Reason::Peer, 1002) << attempt(Phase::Open, offered, true, {}, -1)
            << Failure::None;

    QTest::newRow("dropped during the handshake, subprotocols offered")
            << close(Reason::NetworkError, 1006, 0,
                     QStringLiteral("The remote host closed the connection"))
            << attempt(Phase::Handshake, offered, false, {}, -1, 1)
            << Failure::ClosedDuringHandshake;
    QTest::newRow("dropped during the handshake, none offered")
            << close(Reason::NetworkError, 1006, 0,
                     QStringLiteral("The remote host closed the connection"))
            << attempt(Phase::Handshake, {}, false, {}, -1, 1) << Failure::NoSubprotocolOffered;
    QTest::newRow("dropped, phase unknown")
            << close(Reason::NetworkError) << Attempt() << Failure::None;
}

void tst_HandshakeExplainer::failure()
{
    QFETCH(CloseInfo, info);
    QFETCH(Attempt, attempt);
    QFETCH(Failure, expected);

    QCOMPARE(HandshakeExplainer::failure(info, attempt), expected);
    const char *text = HandshakeExplainer::failureExplanation(info, attempt);
    QCOMPARE(text == nullptr, expected == Failure::None);
    if (text)
        QCOMPARE(QByteArray(text), QByteArray(HandshakeExplainer::explanation(expected)));
    if (attempt.phase == Phase::Unknown && attempt.socketError < 0 && attempt.offered.isEmpty()) {
        // The one-argument forms are the same as an empty Attempt.
        QCOMPARE(HandshakeExplainer::failure(info), expected);
        QCOMPARE(HandshakeExplainer::failureExplanation(info), text);
    }
}

void tst_HandshakeExplainer::everyFailureIsExplained()
{
    const QMetaEnum failures = QMetaEnum::fromType<Failure>();
    QSet<QByteArray> seen;
    for (int i = 0; i < failures.keyCount(); ++i) {
        const auto failure = Failure(failures.value(i));
        const char *text = HandshakeExplainer::explanation(failure);
        if (failure == Failure::None) {
            QVERIFY(!text);
            continue;
        }
        QVERIFY2(text && *text, failures.key(i));
        QVERIFY2(!seen.contains(text), failures.key(i)); // each says something of its own
        seen.insert(text);
    }
    QCOMPARE(seen.size(), failures.keyCount() - 1);
}

void tst_HandshakeExplainer::explainTranslates()
{
    CloseInfo info;
    info.reason = Reason::HandshakeRefused;
    info.httpStatus = 403;
    // No translator is installed: the translation is the English source, found in the context
    // the UI translates with.
    const char *text = HandshakeExplainer::failureExplanation(info);
    QVERIFY(text);
    QCOMPARE(HandshakeExplainer::explain(info),
             QCoreApplication::translate("HandshakeExplainer", text));
    QCOMPARE(HandshakeExplainer::explain(info), QString::fromUtf8(text));
    info.reason = Reason::User;
    QVERIFY(HandshakeExplainer::explain(info).isEmpty());
}

void tst_HandshakeExplainer::realFailures_data()
{
    QTest::addColumn<QString>("server"); // what the scripted server does
    QTest::addColumn<QStringList>("offered");
    QTest::addColumn<Failure>("expected");
    const QStringList offered{QStringLiteral("parlor.v1"), QStringLiteral("chatting")};
    QTest::newRow("refused") << QStringLiteral("refused") << offered << Failure::ConnectionRefused;
    QTest::newRow("silent") << QStringLiteral("silent") << offered << Failure::HandshakeTimeout;
    QTest::newRow("403") << QStringLiteral("403") << offered << Failure::Forbidden;
    QTest::newRow("404") << QStringLiteral("404") << offered << Failure::NotFound;
    QTest::newRow("200 web page") << QStringLiteral("200") << offered << Failure::NotWebSocket;
    QTest::newRow("101 with a subprotocol not offered")
            << QStringLiteral("evil") << offered << Failure::SubprotocolNotOffered;
    QTest::newRow("101 with a wrong accept")
            << QStringLiteral("badaccept") << offered << Failure::BadAcceptKey;
    QTest::newRow("closed before answering")
            << QStringLiteral("hangup") << offered << Failure::ClosedDuringHandshake;
    QTest::newRow("closed before answering, none offered")
            << QStringLiteral("hangup") << QStringList() << Failure::NoSubprotocolOffered;
    QTest::newRow("accepted without a subprotocol, then 1002")
            << QStringLiteral("nocommon") << offered << Failure::NoCommonSubprotocol;
    QTest::newRow("accepted with one offered, then 1000")
            << QStringLiteral("normal") << offered << Failure::None;
}

void tst_HandshakeExplainer::realFailures()
{
    QFETCH(QString, server);
    QFETCH(QStringList, offered);
    QFETCH(Failure, expected);

    QUrl url;
    std::unique_ptr<ScriptedHttpServer> scripted;
    std::unique_ptr<QWebSocketServer> wsServer;
    if (server == QLatin1String("refused")) {
        QTcpServer probe; // a port that was free a moment ago, and is closed now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(probe.serverPort()));
    } else if (server == QLatin1String("nocommon") || server == QLatin1String("normal")) {
        // A real Qt server: it accepts clients whatever they offer, choosing none it supports.
        wsServer = std::make_unique<QWebSocketServer>(QStringLiteral("tst"),
                                                      QWebSocketServer::NonSecureMode);
        if (server == QLatin1String("nocommon"))
            wsServer->setSupportedSubprotocols({QStringLiteral("other.v2")});
        else
            wsServer->setSupportedSubprotocols({QStringLiteral("chatting")});
        QVERIFY(wsServer->listen(QHostAddress::LocalHost, 0));
        const int code = server == QLatin1String("nocommon") ? 1002 : 1000;
        connect(wsServer.get(), &QWebSocketServer::newConnection, this, [&, code] {
            QWebSocket *peer = wsServer->nextPendingConnection();
            peer->setParent(wsServer.get());
            peer->close(QWebSocketProtocol::CloseCode(code), QStringLiteral("bye"));
        });
        url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(wsServer->serverPort()));
    } else {
        scripted = std::make_unique<ScriptedHttpServer>(
                [server](QTcpSocket *s, const QByteArray &head) {
                    if (server == QLatin1String("403"))
                        s->write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
                    else if (server == QLatin1String("404"))
                        s->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
                    else if (server == QLatin1String("200"))
                        s->write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
                    else if (server == QLatin1String("evil"))
                        s->write(upgradeAnswer(head, {}, "evil.v9"));
                    else if (server == QLatin1String("badaccept"))
                        s->write(upgradeAnswer(head, "bm90IHRoZSBrZXk="));
                    else if (server == QLatin1String("hangup"))
                        s->disconnectFromHost();
                    // "silent": says nothing
                });
        QVERIFY(scripted->listen());
        url = scripted->url();
    }

    Outcome outcome;
    QVERIFY(runAttempt(options(url, offered), &outcome));
    QVERIFY2(HandshakeExplainer::failure(outcome.info, outcome.attempt) == expected,
             qPrintable(QStringLiteral("%1 (%2, %3)")
                                .arg(QString::fromLatin1(QMetaEnum::fromType<Failure>().valueToKey(
                                             int(HandshakeExplainer::failure(outcome.info,
                                                                             outcome.attempt)))),
                                     outcome.info.errorString)
                                .arg(outcome.info.code)));
    QCOMPARE(outcome.attempt.offered, offered);
    QCOMPARE(HandshakeExplainer::explain(outcome.info, outcome.attempt).isEmpty(),
             expected == Failure::None);
}

void tst_HandshakeExplainer::realBadAcceptKeyNamesBothAccepts()
{
    ScriptedHttpServer scripted(
            [](QTcpSocket *s, const QByteArray &head) { s->write(upgradeAnswer(head, "AAAA")); });
    QVERIFY(scripted.listen());
    Outcome outcome;
    QVERIFY(runAttempt(options(scripted.url()), &outcome));
    QCOMPARE(scripted.requests.size(), 1);
    const QByteArray sentKey = headerValue(scripted.requests.first(), "Sec-WebSocket-Key");
    QVERIFY(!sentKey.isEmpty());
    // Qt names the accept it expected for the key it sent: ours, computed from the key on the
    // wire, is the same. The explainer can show both sides of the mismatch.
    const auto [expected, received] = HandshakeExplainer::acceptMismatch(outcome.info.errorString);
    QCOMPARE(expected, HandshakeExplainer::acceptKey(sentKey));
    QCOMPARE(received, QByteArray("AAAA"));
    QVERIFY(HandshakeExplainer::isValidAccept(sentKey, expected));
    QVERIFY(!HandshakeExplainer::isValidAccept(sentKey, received));
}

QTEST_GUILESS_MAIN(tst_HandshakeExplainer)
#include "tst_handshakeexplainer.moc"
