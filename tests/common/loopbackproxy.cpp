#include "loopbackproxy.h"

#include <QNetworkProxy>
#include <QTcpSocket>

LoopbackProxy::LoopbackProxy(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackProxy::onNewConnection);
}

LoopbackProxy::~LoopbackProxy()
{
    for (const auto &link : m_links) {
        for (QTcpSocket *socket : {link->client.data(), link->upstream.data()}) {
            if (socket) {
                socket->disconnect(this);
                socket->abort();
            }
        }
    }
}

bool LoopbackProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void LoopbackProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        auto link = std::make_unique<Link>();
        link->client = client;
        Link *l = link.get();
        m_links.push_back(std::move(link));
        connect(client, &QTcpSocket::readyRead, this, [this, l] {
            l->pending += l->client->readAll();
            if (!l->tunnelOpen) {
                negotiate(*l);
            } else if (l->upstream) {
                l->upstream->write(l->pending);
                l->pending.clear();
            }
        });
        connect(client, &QTcpSocket::disconnected, this, [l] {
            if (l->upstream)
                l->upstream->disconnectFromHost();
        });
    }
}

void LoopbackProxy::request(Link &link, const QString &host, quint16 port)
{
    const QString target = host + QLatin1Char(':') + QString::number(port);
    m_requests.append(target);
    emit requested(target);
    if (m_refusing) {
        answerRefused(link);
        closeAfterWriting(link.client);
        return;
    }
    auto *upstream = new QTcpSocket(this);
    // Straight to the destination: a test may set http_proxy, which would send the proxy's own
    // connection back into the proxy (Qt's default honours the environment).
    upstream->setProxy(QNetworkProxy::NoProxy);
    link.upstream = upstream;
    Link *l = &link;
    connect(upstream, &QTcpSocket::connected, this, [this, l] {
        ++m_tunnels;
        l->tunnelOpen = true;
        answerOpened(*l);
        // What the client sent after its request, before the answer (none, as a rule).
        if (!l->pending.isEmpty()) {
            l->upstream->write(l->pending);
            l->pending.clear();
        }
    });
    connect(upstream, &QTcpSocket::readyRead, this, [l] {
        if (l->client)
            l->client->write(l->upstream->readAll());
    });
    connect(upstream, &QTcpSocket::disconnected, this, [l] {
        if (l->client)
            closeAfterWriting(l->client);
    });
    connect(upstream, &QTcpSocket::errorOccurred, this, [l](QAbstractSocket::SocketError) {
        if (!l->tunnelOpen && l->client)
            l->client->abort();
    });
    upstream->connectToHost(host, port);
}

void LoopbackProxy::setCredentials(const QByteArray &user, const QByteArray &password)
{
    m_user = user;
    m_password = password;
}

bool LoopbackProxy::checkLogin(const QByteArray &user, const QByteArray &password)
{
    const bool ok = user == m_user && password == m_password;
    ++(ok ? m_logins : m_failedLogins);
    return ok;
}

void LoopbackProxy::closeAfterWriting(QTcpSocket *socket)
{
    if (socket)
        socket->disconnectFromHost(); // waits for the bytes written to go
}
