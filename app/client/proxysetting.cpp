#include "proxysetting.h"

#include <QHostAddress>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>

namespace Parlor {

namespace {

QString schemeOf(QNetworkProxy::ProxyType type)
{
    switch (type) {
    case QNetworkProxy::HttpProxy:
        return QStringLiteral("http");
    case QNetworkProxy::Socks5Proxy:
        return QStringLiteral("socks5");
    default:
        return {};
    }
}

QString hostPort(const QString &host, quint16 port)
{
    // An IPv6 literal needs its brackets back, as in a URL.
    const QString shown = host.contains(QLatin1Char(':'))
                                  ? QLatin1Char('[') + host + QLatin1Char(']')
                                  : host;
    return shown + QLatin1Char(':') + QString::number(port);
}

} // namespace

bool ProxySetting::parse(const QString &text, ProxySetting *setting, QString *error)
{
    const QString trimmed = text.trimmed();
    const QString lower = trimmed.toLower();
    ProxySetting result;
    if (lower.isEmpty() || lower == QLatin1String("system")) {
        result.m_mode = Mode::System;
    } else if (lower == QLatin1String("none") || lower == QLatin1String("direct")) {
        result.m_mode = Mode::None;
    } else {
        const QUrl url(trimmed, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        QNetworkProxy::ProxyType type = QNetworkProxy::NoProxy;
        if (scheme == QLatin1String("http"))
            type = QNetworkProxy::HttpProxy;
        else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h"))
            type = QNetworkProxy::Socks5Proxy;
        const QString path = url.path();
        if (!url.isValid() || type == QNetworkProxy::NoProxy || url.host().isEmpty()
            || url.port() <= 0 || !(path.isEmpty() || path == QLatin1String("/")) || url.hasQuery()
            || url.hasFragment()) {
            if (error) {
                *error = tr("\"%1\" is not a proxy: give http://host:port, socks5://host:port, "
                            "none or system.")
                                 .arg(url.isValid() ? url.toString(QUrl::RemovePassword) : trimmed);
            }
            return false;
        }
        result.m_mode = Mode::Explicit;
        result.m_proxy = QNetworkProxy(type, url.host(), quint16(url.port()),
                                       url.userName(QUrl::FullyDecoded),
                                       url.password(QUrl::FullyDecoded));
        // Only a tunnel will do for a WebSocket: Qt's HttpProxy tunnels TCP with CONNECT (the
        // caching kind would not), and both kinds let the proxy resolve the server's name.
        result.m_proxy.setCapabilities(QNetworkProxy::TunnelingCapability
                                       | QNetworkProxy::HostNameLookupCapability);
    }
    if (setting)
        *setting = result;
    return true;
}

QString ProxySetting::toString() const
{
    switch (m_mode) {
    case Mode::System:
        return QStringLiteral("system");
    case Mode::None:
        return QStringLiteral("none");
    case Mode::Explicit:
        break;
    }
    QString user;
    if (!m_proxy.user().isEmpty())
        user = QString::fromUtf8(QUrl::toPercentEncoding(m_proxy.user())) + QLatin1Char('@');
    return schemeOf(m_proxy.type()) + QStringLiteral("://") + user
           + hostPort(m_proxy.hostName(), m_proxy.port());
}

QNetworkProxy ProxySetting::proxyFor(const QUrl &server) const
{
    switch (m_mode) {
    case Mode::None:
        return QNetworkProxy(QNetworkProxy::NoProxy);
    case Mode::Explicit:
        return m_proxy;
    case Mode::System:
        break;
    }
    if (isLoopback(server.host()))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    // Asked as the HTTP request the upgrade is, so that wss:// uses https_proxy and ws://
    // http_proxy, as browsers do; the application's factory honours setApplicationProxy too.
    QUrl asHttp = server;
    asHttp.setScheme(server.scheme().toLower() == QLatin1String("wss") ? QStringLiteral("https")
                                                                       : QStringLiteral("http"));
    const QList<QNetworkProxy> candidates = QNetworkProxyFactory::proxyForQuery(
            QNetworkProxyQuery(asHttp));
    for (const QNetworkProxy &candidate : candidates) {
        // The first the socket can use: a caching-only HTTP proxy cannot carry a WebSocket.
        if (candidate.type() == QNetworkProxy::NoProxy
            || candidate.type() == QNetworkProxy::DefaultProxy) {
            break;
        }
        if (candidate.type() == QNetworkProxy::HttpProxy
            || candidate.type() == QNetworkProxy::Socks5Proxy) {
            return candidate;
        }
    }
    return QNetworkProxy(QNetworkProxy::NoProxy);
}

bool ProxySetting::isLoopback(const QString &host)
{
    const QString name = host.toLower();
    if (name == QLatin1String("localhost") || name.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(name);
    return !address.isNull() && address.isLoopback();
}

QString ProxySetting::describe(const QNetworkProxy &proxy)
{
    const QString scheme = schemeOf(proxy.type());
    if (scheme.isEmpty())
        return QStringLiteral("direct");
    return scheme + QStringLiteral("://") + hostPort(proxy.hostName(), proxy.port());
}

QString ProxySetting::routeText(const QString &described)
{
    const QString proxy = proxyText(described);
    return proxy.isEmpty() ? tr("direct") : tr("via %1").arg(proxy);
}

QString ProxySetting::proxyText(const QString &described)
{
    if (described.isEmpty() || described == QLatin1String("direct"))
        return {};
    const QUrl url(described);
    const QString where = hostPort(url.host(), quint16(url.port()));
    if (url.scheme() == QLatin1String("socks5"))
        return tr("SOCKS5 proxy %1").arg(where);
    return tr("HTTP proxy %1").arg(where);
}

} // namespace Parlor
