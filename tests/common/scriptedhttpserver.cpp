#include "scriptedhttpserver.h"

#include <QTcpSocket>

#include <memory>

ScriptedHttpServer::ScriptedHttpServer(Handler onRequest, Handler onData, QObject *parent)
    : QObject(parent)
    , m_onRequest(std::move(onRequest))
    , m_onData(std::move(onData))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            accept(socket);
    });
}

bool ScriptedHttpServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

QUrl ScriptedHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
}

void ScriptedHttpServer::resumeReading()
{
    stopReadingAfterHead = false;
    for (const QPointer<QTcpSocket> &socket : std::as_const(sockets)) {
        if (!socket)
            continue;
        socket->setReadBufferSize(0);
        afterHead += socket->readAll();
    }
}

void ScriptedHttpServer::accept(QTcpSocket *socket)
{
    ++connections;
    sockets.append(socket);
    auto buffer = std::make_shared<QByteArray>();
    auto headDone = std::make_shared<bool>(false);
    connect(socket, &QTcpSocket::disconnected, this, [this] { ++disconnections; });
    connect(socket, &QTcpSocket::readyRead, this, [=] {
        if (*headDone && stopReadingAfterHead)
            return;
        const QByteArray bytes = socket->readAll();
        if (*headDone) {
            afterHead += bytes;
            if (m_onData)
                m_onData(socket, bytes);
            return;
        }
        *buffer += bytes;
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        *headDone = true;
        const QByteArray head = buffer->left(end + 4);
        const QByteArray rest = buffer->mid(end + 4);
        requests.append(head);
        if (m_onRequest)
            m_onRequest(socket, head);
        if (stopReadingAfterHead) {
            socket->setReadBufferSize(1);
            socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 1024);
            return;
        }
        if (!rest.isEmpty()) {
            afterHead += rest;
            if (m_onData)
                m_onData(socket, rest);
        }
    });
}
