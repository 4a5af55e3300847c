// parlor-server --health-port (HealthServer, docs/SCALING.md "Operating it"): /health and
// /metrics over real sockets on 127.0.0.1, and what it does with requests it does not serve.

#include "testsupport.h"

#include "server/healthserver.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Parlor;
using TestSupport::httpExchange;

class tst_HealthServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void healthSaysOkOrWhyNot();
    void metricsInPrometheusText();
    void otherRequests_data();
    void otherRequests();
    void aRequestThatNeverEndsIsDropped();

private:
    HealthReport m_report;
};

void tst_HealthServer::init()
{
    m_report = HealthReport();
    m_report.add("parlor_peers", "gauge", 3, "Connections in the room.");
    m_report.add("parlor_messages_in_total", "counter", 12345678901.0, "Messages received.");
}

void tst_HealthServer::healthSaysOkOrWhyNot()
{
    HealthServer server([this] { return m_report; });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QByteArray get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    QByteArray answer = httpExchange(server.port(), get);
    QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
    QVERIFY(answer.contains("Content-Type: application/json\r\n"));
    QVERIFY(answer.endsWith("\r\n\r\n{\"status\":\"ok\"}\n"));

    m_report.healthy = false;
    m_report.problem = QStringLiteral("the broker is unavailable: refused");
    answer = httpExchange(server.port(), get);
    QVERIFY2(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer.constData());
    QVERIFY(answer.endsWith(
            "{\"problem\":\"the broker is unavailable: refused\",\"status\":\"degraded\"}\n"));
}

void tst_HealthServer::metricsInPrometheusText()
{
    HealthServer server([this] { return m_report; });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QByteArray answer = httpExchange(server.port(),
                                           "GET /metrics?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
    QVERIFY(answer.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"));
    const QByteArray body = answer.mid(answer.indexOf("\r\n\r\n") + 4);
    QCOMPARE(body, QByteArray("# HELP parlor_peers Connections in the room.\n"
                              "# TYPE parlor_peers gauge\n"
                              "parlor_peers 3\n"
                              "# HELP parlor_messages_in_total Messages received.\n"
                              "# TYPE parlor_messages_in_total counter\n"
                              "parlor_messages_in_total 12345678901\n"));
    QVERIFY(answer.contains(
            QByteArray("Content-Length: " + QByteArray::number(body.size()) + "\r\n")));
}

void tst_HealthServer::otherRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("another path") << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray("404");
    QTest::newRow("path traversal")
            << QByteArray("GET /../etc/passwd HTTP/1.1\r\n\r\n") << QByteArray("404");
    QTest::newRow("POST") << QByteArray("POST /health HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                          << QByteArray("405");
    QTest::newRow("not HTTP") << QByteArray("hello\r\n\r\n") << QByteArray("400");
    QTest::newRow("HTTP/2 preface")
            << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << QByteArray("400");
    QTest::newRow("too large") << ("GET /health HTTP/1.1\r\nX: "
                                   + QByteArray(HealthServer::MaxRequestBytes, 'a'))
                               << QByteArray("431");
}

void tst_HealthServer::otherRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    int asked = 0;
    HealthServer server([this, &asked] {
        ++asked;
        return m_report;
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QByteArray answer = httpExchange(server.port(), request);
    QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + status + ' ')), answer.constData());
    QCOMPARE(asked, 0); // nothing was measured for a request that is not served
    // The server goes on answering.
    QVERIFY(httpExchange(server.port(), "GET /health HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200"));
}

void tst_HealthServer::aRequestThatNeverEndsIsDropped()
{
    HealthServer server([this] { return m_report; });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket slow;
    QSignalSpy connected(&slow, &QTcpSocket::connected);
    QSignalSpy closed(&slow, &QTcpSocket::disconnected);
    slow.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(connected.wait());
    slow.write("GET /health HTTP/1.1\r\n"); // and nothing more
    QVERIFY(closed.wait(HealthServer::RequestTimeoutMs + 3000));
    QVERIFY(slow.readAll().isEmpty());
}

QTEST_GUILESS_MAIN(tst_HealthServer)
#include "tst_healthserver.moc"
