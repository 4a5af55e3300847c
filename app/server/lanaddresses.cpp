#include "lanaddresses.h"

#include <QNetworkInterface>

namespace Parlor {

QUrl LanAddresses::urlFor(const QHostAddress &address, quint16 port, bool secure)
{
    QUrl url;
    url.setScheme(secure ? QStringLiteral("wss") : QStringLiteral("ws"));
    QHostAddress host = address;
    host.setScopeId({});
    url.setHost(host.toString());
    url.setPort(port);
    return url;
}

QUrl LanAddresses::pageUrl(const QUrl &joinUrl)
{
    QUrl url = joinUrl;
    url.setScheme(joinUrl.scheme() == QLatin1String("wss") ? QStringLiteral("https")
                                                           : QStringLiteral("http"));
    url.setPath(QStringLiteral("/"));
    return url;
}

QList<QUrl> LanAddresses::joinUrls(const QHostAddress &bind, quint16 port, bool secure)
{
    const bool wildcard = bind == QHostAddress::Any || bind == QHostAddress::AnyIPv4
                          || bind == QHostAddress::AnyIPv6;
    if (!wildcard)
        return {urlFor(bind, port, secure)};

    QList<QUrl> v4;
    QList<QUrl> v6;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if (!iface.flags().testFlag(QNetworkInterface::IsUp)
            || !iface.flags().testFlag(QNetworkInterface::IsRunning)
            || iface.flags().testFlag(QNetworkInterface::IsLoopBack)) {
            continue;
        }
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            const QHostAddress a = entry.ip();
            if (a.isLoopback() || a.isLinkLocal())
                continue;
            if (a.protocol() == QAbstractSocket::IPv4Protocol && bind != QHostAddress::AnyIPv6)
                v4.append(urlFor(a, port, secure));
            else if (a.protocol() == QAbstractSocket::IPv6Protocol && bind != QHostAddress::AnyIPv4)
                v6.append(urlFor(a, port, secure));
        }
    }
    return v4 + v6;
}

} // namespace Parlor
