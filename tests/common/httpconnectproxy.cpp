#include "httpconnectproxy.h"

#include <QTcpSocket>
#include <QUrl>

void HttpConnectProxy::negotiate(Link &link)
{
    const qsizetype end = link.pending.indexOf("\r\n\r\n");
    if (link.stage != 0 || end < 0)
        return;
    link.stage = 1;
    const QByteArray head = link.pending.left(end);
    link.pending.remove(0, end + 4);
    const QByteArray line = head.left(head.indexOf("\r\n") < 0 ? head.size() : head.indexOf("\r\n"));
    m_requestLines.append(QString::fromLatin1(line));
    const QList<QByteArray> parts = line.split(' ');
    // The authority form: host:port, an IPv6 host in brackets.
    const QUrl authority(parts.size() == 3 ? QStringLiteral("//") + QString::fromLatin1(parts.at(1))
                                           : QString());
    if (parts.size() != 3 || parts.at(0) != "CONNECT" || authority.host().isEmpty()
        || authority.port() <= 0) {
        link.client->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        closeAfterWriting(link.client);
        return;
    }
    request(link, authority.host(), quint16(authority.port()));
}

void HttpConnectProxy::answerOpened(Link &link)
{
    link.client->write("HTTP/1.1 200 Connection established\r\n\r\n");
}

void HttpConnectProxy::answerRefused(Link &link)
{
    link.client->write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}
