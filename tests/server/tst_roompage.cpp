// Plain HTTP on the room's port (RoomPage): the browser client page, its assets, and clear answers
// to everything else — wrong paths, methods, oversized or garbage heads — while the room's
// WebSocket peers go on undisturbed. Real sockets on 127.0.0.1; requests written by hand.

#include "richclient.h"

#include "server/roomconfig.h"
#include "server/roompage.h"
#include "server/roomserver.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

struct HttpReply
{
    int status = -1;
    QByteArray head; ///< status line and headers
    QByteArray body;
    bool closed = false; ///< the server closed the connection after the reply

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

/// Collects what the server sends on \a socket until it closes; the room runs in this thread, so
/// every wait runs the event loop (a signal wakes it).
QByteArray readUntilClosed(QTcpSocket &socket, int timeoutMs = 5000)
{
    QByteArray all;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { all += socket.readAll(); });
    QSignalSpy gone(&socket, &QTcpSocket::disconnected);
    if (socket.state() == QAbstractSocket::ConnectedState)
        gone.wait(timeoutMs);
    all += socket.readAll();
    return all;
}

HttpReply parse(const QByteArray &all, bool closed)
{
    HttpReply reply;
    reply.closed = closed;
    const qsizetype end = all.indexOf("\r\n\r\n");
    if (end < 0)
        return reply;
    reply.head = all.left(end);
    reply.body = all.mid(end + 4);
    const QList<QByteArray> statusLine = reply.head.left(reply.head.indexOf('\r')).split(' ');
    if (statusLine.size() >= 2 && statusLine.at(0) == "HTTP/1.1")
        reply.status = statusLine.at(1).toInt();
    return reply;
}

bool connectTo(QTcpSocket &socket, quint16 port)
{
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    socket.connectToHost(QHostAddress::LocalHost, port);
    return connected.wait(5000);
}

/// Writes \a request as it is and reads the reply until the server closes the connection.
HttpReply exchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    if (!connectTo(socket, port))
        return {};
    socket.write(request);
    const QByteArray all = readUntilClosed(socket);
    return parse(all, socket.state() == QAbstractSocket::UnconnectedState);
}

QByteArray get(const QByteArray &path, const QByteArray &method = "GET")
{
    return method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: tst_roompage\r\n\r\n";
}

} // namespace

class tst_RoomPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void assets_data();
    void assets();
    void headHasNoBody();
    void refusals_data();
    void refusals();
    void headInPieces();
    void upgradeDetection_data();
    void upgradeDetection();
    void websocketStillWorksOnTheSamePort();

private:
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server->port())); }
    std::unique_ptr<RoomServer> m_server;
    RichClient *m_member = nullptr;
};

void tst_RoomPage::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_RoomPage::init()
{
    m_server = std::make_unique<RoomServer>(RoomConfig{});
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    // A member in the room all along: whatever HTTP does must not disturb it (checked in cleanup).
    m_member = new RichClient(this);
    QVERIFY(!m_member->join(url(), u"member"_s).isEmpty());
}

void tst_RoomPage::cleanup()
{
    if (m_member && m_member->isConnected()) {
        const QString id = u"after-%1"_s.arg(QString::fromLatin1(QTest::currentTestFunction()));
        m_member->say(id, u"still here"_s);
        QVERIFY(!m_member->waitFor([&](const QJsonObject &o) {
                             return o.value(u"id"_s).toString() == id;
                         })
                         .isEmpty());
        QCOMPARE(m_server->peerCount(), 1);
    } else if (m_member) {
        QFAIL("the room member was disconnected");
    }
    delete m_member;
    m_member = nullptr;
    m_server.reset();
}

void tst_RoomPage::assets_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("contains");

    QTest::newRow("page") << "/"_ba
                          << "text/html; charset=utf-8"_ba
                          << "parlor-web.js"_ba;
    QTest::newRow("page with a query") << "/?nick=jun"_ba
                                       << "text/html; charset=utf-8"_ba
                                       << "<!DOCTYPE html>"_ba;
    QTest::newRow("index.html") << "/index.html"_ba
                                << "text/html; charset=utf-8"_ba
                                << "<!DOCTYPE html>"_ba;
    QTest::newRow("script") << "/parlor-web.js"_ba
                            << "text/javascript; charset=utf-8"_ba
                            << "parlor.v1"_ba;
    QTest::newRow("style") << "/parlor-web.css"_ba
                           << "text/css; charset=utf-8"_ba
                           << "body"_ba;
    QTest::newRow("icon") << "/parlor.svg"_ba
                          << "image/svg+xml"_ba
                          << "<svg"_ba;
    QTest::newRow("favicon") << "/favicon.ico"_ba
                             << "image/svg+xml"_ba
                             << "<svg"_ba;
}

void tst_RoomPage::assets()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, contains);

    const HttpReply reply = exchange(m_server->port(), get(path));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), type);
    QCOMPARE(reply.header("Content-Length").toLongLong(), reply.body.size());
    QVERIFY(reply.body.contains(contains));
    // The page may only run its own script and talk to its own room.
    QVERIFY(reply.header("Content-Security-Policy").contains("default-src 'none'"));
    QVERIFY(reply.header("Content-Security-Policy").contains("connect-src 'self'"));
    QCOMPARE(reply.header("X-Content-Type-Options"), "nosniff"_ba);
    QCOMPARE(reply.header("Connection"), "close"_ba);
    QVERIFY(reply.closed);
}

void tst_RoomPage::headHasNoBody()
{
    const HttpReply reply = exchange(m_server->port(), get("/", "HEAD"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Length").toInt() > 0);
    QVERIFY(reply.body.isEmpty());
}

void tst_RoomPage::refusals_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    QTest::newRow("unknown path") << get("/secret") << 404;
    QTest::newRow("path traversal") << get("/../../etc/passwd") << 404;
    QTest::newRow("resource path") << get("/:/web/index.html") << 404;
    QTest::newRow("POST") << get("/", "POST") << 405;
    QTest::newRow("DELETE") << get("/", "DELETE") << 405;
    QTest::newRow("not HTTP") << "hello there\r\n\r\n"_ba << 400;
    QTest::newRow("HTTP/2 preface") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba << 400;
    QTest::newRow("head too large")
            << "GET / HTTP/1.1\r\nX-Filler: "_ba + QByteArray(RoomPage::MaxHeadBytes, 'a') + "\r\n"
            << 431;
}

void tst_RoomPage::refusals()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    const HttpReply reply = exchange(m_server->port(), request);
    QCOMPARE(reply.status, status);
    QVERIFY(reply.closed);
    if (status == 405)
        QCOMPARE(reply.header("Allow"), "GET, HEAD"_ba);
}

void tst_RoomPage::headInPieces()
{
    // A head that arrives a few bytes at a time is answered once it is complete.
    QTcpSocket socket;
    QVERIFY(connectTo(socket, m_server->port()));
    const QByteArray request = get("/parlor-web.css");
    for (qsizetype i = 0; i < request.size(); i += 7) {
        QSignalSpy written(&socket, &QTcpSocket::bytesWritten);
        socket.write(request.mid(i, 7));
        QVERIFY(written.wait(5000)); // each piece leaves on its own
    }
    const HttpReply reply = parse(readUntilClosed(socket), true);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), "text/css; charset=utf-8"_ba);
}

void tst_RoomPage::upgradeDetection_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("upgrade");

    QTest::newRow("plain GET") << get("/").trimmed() << false;
    QTest::newRow("websocket") << "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket"_ba << true;
    QTest::newRow("case") << "GET / HTTP/1.1\r\nupgrade: WebSocket"_ba << true;
    QTest::newRow("h2c is not websocket") << "GET / HTTP/1.1\r\nUpgrade: h2c"_ba << false;
    QTest::newRow("in the request line only") << "GET /Upgrade:websocket HTTP/1.1"_ba << false;
}

void tst_RoomPage::upgradeDetection()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, upgrade);
    QCOMPARE(RoomPage::isWebSocketUpgrade(head), upgrade);
}

void tst_RoomPage::websocketStillWorksOnTheSamePort()
{
    // A page request and a WebSocket upgrade, one after the other, on one port.
    QCOMPARE(exchange(m_server->port(), get("/")).status, 200);
    RichClient second;
    QVERIFY(!second.join(url(), u"second"_s).isEmpty());
    second.say(u"s-1"_s, u"hi"_s);
    QVERIFY(!m_member->waitFor([](const QJsonObject &o) {
                         return o.value(u"id"_s).toString() == u"s-1"_s;
                     })
                     .isEmpty());
    second.socket().close();
    QVERIFY(second.waitDisconnected());
    QTRY_COMPARE(m_server->peerCount(), 1);
}

QTEST_GUILESS_MAIN(tst_RoomPage)
#include "tst_roompage.moc"
