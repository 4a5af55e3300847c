#include "gatelistener.h"

#include "core/logging.h"

#include <QSslSocket>

namespace Parlor {

void GateListener::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
    m_secure = true;
}

void GateListener::incomingConnection(qintptr socketDescriptor)
{
    if (!m_secure) {
        QTcpServer::incomingConnection(socketDescriptor);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(m_tls);
    // A failed handshake (a plain http:// request, an old client, a client that rejects the
    // certificate) ends in disconnected(), which the gate already handles; say why here.
    connect(socket, &QSslSocket::errorOccurred, socket, [socket](QAbstractSocket::SocketError) {
        if (!socket->isEncrypted()) {
            qCInfo(lcServer).noquote() << "TLS handshake with" << socket->peerAddress().toString()
                                       << "failed:" << socket->errorString();
        }
    });
    socket->startServerEncryption();
    // As QTcpServer's own incomingConnection() does; the listener then signals newConnection.
    addPendingConnection(socket);
}

} // namespace Parlor
