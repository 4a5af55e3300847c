// ServerHandshake: the checks of RFC 6455 section 4.2 and the answer, without a socket.

#include "server/serverhandshake.h"

#include <QTest>

using namespace Parlor;

namespace {

const QStringList supported{QStringLiteral("parlor.v1"), QStringLiteral("chatting")};

QByteArray head(const QByteArray &extra)
{
    return "GET /room HTTP/1.1\r\nHost: 127.0.0.1:5870\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           + extra;
}

} // namespace

class tst_ServerHandshake : public QObject
{
    Q_OBJECT

private slots:
    void acceptKeyOfTheRfc();
    void subprotocolChoice_data();
    void subprotocolChoice();
    void requestFacts();
    void refusalsCloseTheConnection();
};

void tst_ServerHandshake::acceptKeyOfTheRfc()
{
    // RFC 6455 section 1.3.
    QCOMPARE(ServerHandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="),
             QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    const ServerHandshake::Result r = ServerHandshake::answer(head({}), supported);
    QVERIFY(r.accepted());
    QVERIFY(r.response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
    QVERIFY(r.response.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    QVERIFY(r.response.endsWith("\r\n\r\n"));
}

void tst_ServerHandshake::subprotocolChoice_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QString>("chosen");
    QTest::addColumn<QStringList>("offered");

    // The same choices as tst_roomserver's subprotocolChoice, which Qt's server made.
    QTest::newRow("none") << QByteArray() << QString() << QStringList();
    QTest::newRow("unknown only") << QByteArray("Sec-WebSocket-Protocol: superchat\r\n")
                                  << QString() << QStringList{QStringLiteral("superchat")};
    QTest::newRow("first supported in the client's order")
            << QByteArray("Sec-WebSocket-Protocol: superchat, chatting, parlor.v1\r\n")
            << QStringLiteral("chatting")
            << QStringList{QStringLiteral("superchat"), QStringLiteral("chatting"),
                           QStringLiteral("parlor.v1")};
    QTest::newRow("over two header lines")
            << QByteArray("Sec-WebSocket-Protocol: superchat\r\n"
                          "Sec-WebSocket-Protocol: parlor.v1\r\n")
            << QStringLiteral("parlor.v1")
            << QStringList{QStringLiteral("superchat"), QStringLiteral("parlor.v1")};
    QTest::newRow("names are case-sensitive")
            << QByteArray("Sec-WebSocket-Protocol: Parlor.V1\r\n") << QString()
            << QStringList{QStringLiteral("Parlor.V1")};
}

void tst_ServerHandshake::subprotocolChoice()
{
    QFETCH(QByteArray, headers);
    QFETCH(QString, chosen);
    QFETCH(QStringList, offered);

    const ServerHandshake::Result r = ServerHandshake::answer(head(headers), supported);
    QVERIFY(r.accepted());
    QCOMPARE(r.subprotocol, chosen);
    QCOMPARE(r.offeredSubprotocols, offered);
    QCOMPARE(r.response.contains(
                     QByteArray("Sec-WebSocket-Protocol: " + chosen.toLatin1() + "\r\n")),
             !chosen.isEmpty());
    if (chosen.isEmpty())
        QVERIFY(!r.response.contains("Sec-WebSocket-Protocol"));
}

void tst_ServerHandshake::requestFacts()
{
    const ServerHandshake::Result r = ServerHandshake::answer(
            head("Origin: http://127.0.0.1:5870\r\nUser-Agent: probe/1.0\r\n"), supported);
    QVERIFY(r.accepted());
    QCOMPARE(r.origin, QStringLiteral("http://127.0.0.1:5870"));
    QCOMPARE(r.userAgent, QStringLiteral("probe/1.0"));
}

void tst_ServerHandshake::refusalsCloseTheConnection()
{
    const ServerHandshake::Result version = ServerHandshake::answer(
            "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
            supported);
    QCOMPARE(version.status, 426);
    QVERIFY(version.response.startsWith("HTTP/1.1 426 Upgrade Required\r\n"));
    QVERIFY(version.response.contains("\r\nSec-WebSocket-Version: 13\r\n"));
    QVERIFY(version.response.contains("\r\nConnection: close\r\n"));

    const ServerHandshake::Result key = ServerHandshake::answer(
            "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: c2hvcnQ=\r\n",
            supported);
    QCOMPARE(key.status, 400);
    QVERIFY(key.response.startsWith("HTTP/1.1 400 Bad Request\r\n"));
    QVERIFY(key.response.endsWith(QByteArray(key.problem + "\n")));
    QVERIFY(!key.problem.isEmpty());
}

QTEST_GUILESS_MAIN(tst_ServerHandshake)
#include "tst_serverhandshake.moc"
