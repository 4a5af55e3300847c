#include "healthserver.h"

#include <QTcpSocket>
#include <QTimer>

namespace Parlor {

namespace {

void answer(QTcpSocket *socket, const QByteArray &status, const QByteArray &type,
            const QByteArray &body)
{
    socket->write("HTTP/1.1 " + status + "\r\nContent-Type: " + type
                  + "\r\nContent-Length: " + QByteArray::number(body.size())
                  + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace

HealthServer::HealthServer(Provider provider, QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
{
    connect(&m_server, &QTcpServer::newConnection, this, &HealthServer::onNewConnection);
}

bool HealthServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

void HealthServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // A client that never finishes its request is not kept.
        auto *deadline = new QTimer(socket);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, socket, &QTcpSocket::abort);
        deadline->start(RequestTimeoutMs);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, deadline] {
            if (socket->property("answered").toBool()) {
                socket->readAll();
                return;
            }
            const QByteArray head = socket->peek(MaxRequestBytes + 1);
            const qsizetype end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                if (head.size() > MaxRequestBytes) {
                    socket->setProperty("answered", true);
                    answer(socket, "431 Request Header Fields Too Large", "text/plain",
                           "request too large\n");
                }
                return;
            }
            socket->setProperty("answered", true);
            deadline->stop();
            socket->readAll();
            const QList<QByteArray> request = head.left(head.indexOf("\r\n")).split(' ');
            if (request.size() != 3 || !request.at(2).startsWith("HTTP/1.")) {
                answer(socket, "400 Bad Request", "text/plain", "bad request\n");
                return;
            }
            const QByteArray &method = request.at(0);
            QByteArray path = request.at(1);
            path = path.left(path.indexOf('?') < 0 ? path.size() : path.indexOf('?'));
            if (path != "/health" && path != "/metrics") {
                answer(socket, "404 Not Found", "text/plain", "try /health or /metrics\n");
                return;
            }
            if (method != "GET" && method != "HEAD") {
                answer(socket, "405 Method Not Allowed", "text/plain", "GET only\n");
                return;
            }
            const HealthReport report = m_provider();
            if (path == "/metrics") {
                answer(socket, "200 OK", "text/plain; version=0.0.4; charset=utf-8",
                       method == "HEAD" ? QByteArray() : report.prometheusText());
            } else {
                answer(socket, report.healthy ? "200 OK" : "503 Service Unavailable",
                       "application/json", method == "HEAD" ? QByteArray() : report.healthJson());
            }
        });
    }
}

} // namespace Parlor
