#include "upgraderefusingproxy.h"

#include <QTcpSocket>

UpgradeRefusingProxy::UpgradeRefusingProxy(const QString &host, quint16 port, QObject *parent)
    : LoopbackProxy(parent)
    , m_host(host)
    , m_port(port)
{}

void UpgradeRefusingProxy::negotiate(Link &link)
{
    const qsizetype end = link.pending.indexOf("\r\n\r\n");
    if (link.stage != 0 || end < 0)
        return;
    link.stage = 1; // the request is judged once; the rest of the connection is relayed
    const QByteArray head = link.pending.left(end);
    const qsizetype lineEnd = head.indexOf("\r\n");
    m_requestLines.append(QString::fromLatin1(lineEnd < 0 ? head : head.left(lineEnd)));
    bool upgrade = false;
    for (const QByteArray &header : head.split('\n')) {
        const QByteArray trimmed = header.trimmed().toLower();
        if (trimmed.startsWith("upgrade:") && trimmed.contains("websocket"))
            upgrade = true;
    }
    if (upgrade) {
        ++m_refusedUpgrades;
        answerRefused(link);
        closeAfterWriting(link.client);
        return;
    }
    // The request stays in link.pending: it goes to the server as it came once the connection
    // to it is open.
    request(link, m_host, m_port);
}

void UpgradeRefusingProxy::answerOpened(Link &)
{
    // A reverse proxy says nothing of its own: the server's answer is the answer.
}

void UpgradeRefusingProxy::answerRefused(Link &link)
{
    link.client->write("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 28\r\nConnection: close\r\n\r\n"
                       "WebSocket upgrades refused.\n");
}
