#include "tcpfaultproxy.h"

#include <QTcpSocket>

TcpFaultProxy::TcpFaultProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpFaultProxy::onNewConnection);
}

TcpFaultProxy::~TcpFaultProxy()
{
    // The sockets are children of this object; no signal of theirs may reach a Link that is gone.
    for (const auto &link : m_links) {
        for (QTcpSocket *socket : {link->client.data(), link->upstream.data()}) {
            if (socket)
                socket->disconnect(this);
        }
    }
}

bool TcpFaultProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TcpFaultProxy::setHoldingDownstream(bool holding)
{
    m_holding = holding;
    if (holding)
        return;
    for (const auto &link : m_links) {
        if (!link->severed && link->client && !link->held.isEmpty())
            link->client->write(link->held);
        link->held.clear();
    }
}

void TcpFaultProxy::dropAll()
{
    for (const auto &link : m_links) {
        link->severed = true;
        link->held.clear();
        if (link->client)
            link->client->abort();
        if (link->upstream)
            link->upstream->abort();
    }
}

void TcpFaultProxy::severClients()
{
    for (const auto &link : m_links) {
        link->severed = true;
        link->held.clear();
        if (link->client)
            link->client->abort();
    }
}

void TcpFaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        if (m_refusing) {
            client->abort();
            client->deleteLater();
            continue;
        }
        relay(client);
    }
}

void TcpFaultProxy::relay(QTcpSocket *client)
{
    client->setParent(this);
    m_links.push_back(std::make_unique<Link>());
    Link *link = m_links.back().get();
    link->client = client;
    link->upstream = new QTcpSocket(this);
    QTcpSocket *upstream = link->upstream;

    connect(client, &QTcpSocket::readyRead, this, [link] {
        const QByteArray data = link->client->readAll();
        if (link->severed || !link->upstream)
            return;
        if (link->upstream->state() == QAbstractSocket::ConnectedState)
            link->upstream->write(data);
        else
            link->toUpstream += data;
    });
    connect(upstream, &QTcpSocket::connected, this, [link] {
        if (!link->toUpstream.isEmpty())
            link->upstream->write(link->toUpstream);
        link->toUpstream.clear();
    });
    connect(upstream, &QTcpSocket::readyRead, this, [this, link] {
        const QByteArray data = link->upstream->readAll();
        if (link->severed || !link->client)
            return;
        if (m_holding) {
            link->held += data;
            m_heldBytes += data.size();
        } else {
            link->client->write(data);
        }
    });
    const auto upstreamGone = [link] {
        if (link->severed)
            return;
        link->severed = true;
        link->held.clear();
        // disconnectFromHost() writes what is still buffered first.
        if (link->client)
            link->client->disconnectFromHost();
    };
    connect(upstream, &QTcpSocket::disconnected, this, upstreamGone);
    connect(upstream, &QTcpSocket::errorOccurred, this, upstreamGone);
    connect(client, &QTcpSocket::disconnected, this, [link] {
        if (link->severed)
            return;
        link->severed = true;
        if (link->upstream)
            link->upstream->disconnectFromHost();
    });
    upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
}
