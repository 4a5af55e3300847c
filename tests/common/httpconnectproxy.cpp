#include "httpconnectproxy.h"

#include <QTcpSocket>
#include <QUrl>

void HttpConnectProxy::negotiate(Link &link)
{
    const qsizetype end = link.pending.indexOf("\r\n\r\n");
    if (link.stage != 0 || end < 0)
        return;
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
        link.stage = 1; // nothing more is read from this client
        link.client->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        closeAfterWriting(link.client);
        return;
    }
    if (wantsLogin()) {
        // Only a request that carries a login counts as a try: the first one of a client
        // usually has none, and learns from the 407 that it is needed.
        QByteArray credentials;
        for (const QByteArray &header : head.split('\n')) {
            const QByteArray trimmed = header.trimmed();
            if (trimmed.toLower().startsWith("proxy-authorization:"))
                credentials = trimmed.mid(int(qstrlen("proxy-authorization:"))).trimmed();
        }
        const QByteArray basic = credentials.startsWith("Basic ")
                                         ? QByteArray::fromBase64(credentials.mid(6))
                                         : QByteArray();
        const qsizetype colon = basic.indexOf(':');
        if (credentials.isEmpty()
            || !checkLogin(basic.left(colon), colon < 0 ? QByteArray() : basic.mid(colon + 1))) {
            link.client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                               "Proxy-Authenticate: Basic realm=\"test\"\r\n"
                               "Content-Length: 0\r\n\r\n");
            negotiate(link); // a request sent right behind this one
            return;
        }
    }
    link.stage = 1;
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
