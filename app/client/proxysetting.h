#pragma once

#include <QCoreApplication>
#include <QNetworkProxy>
#include <QString>
#include <QUrl>

namespace Parlor {

/// How one connection reaches its server: through the system's proxy (the default), straight
/// (`none`), or through an HTTP CONNECT or SOCKS5 proxy given by the user (`http://host:port`,
/// `socks5://host:port`, optionally with `user@` before the host).
///
/// Qt's default for a socket (QNetworkProxy::DefaultProxy) would pick a system proxy too, but
/// then nothing tells which one the connection used, `none` could not override $http_proxy, and
/// a name such as room.localhost would go through it. So the connection never leaves the choice
/// to Qt: proxyFor() decides, the socket gets that proxy explicitly, and the inspector says which
/// way each connection went. (QNetworkProxyFactory::systemProxyForQuery() alone, what Debian's
/// libproxy answers, does return $http_proxy even for 127.0.0.1: proxyFor() asks the
/// application-level factory and keeps loopback direct itself.)
class ProxySetting
{
    Q_DECLARE_TR_FUNCTIONS(Parlor::ProxySetting)

public:
    enum class Mode {
        System,   ///< what the system says (http_proxy, https_proxy, no_proxy; desktop settings
                  ///< through libproxy); loopback always direct
        None,     ///< always direct, whatever the environment says
        Explicit, ///< this proxy, for every server, loopback included (the user asked for it)
    };

    ProxySetting() = default;

    /// Parses what the user typed: "" or "system", "none" (or "direct"), "http://host:port",
    /// "socks5://host:port"; an explicit proxy may carry "user@" or "user:password@" before the
    /// host. Returns false with \a error set (translated) for anything else; \a setting is then
    /// untouched (it may be null: only checking).
    static bool parse(const QString &text, ProxySetting *setting, QString *error = nullptr);

    Mode mode() const { return m_mode; }
    /// The explicit proxy (type NoProxy unless mode() is Explicit).
    const QNetworkProxy &proxy() const { return m_proxy; }
    /// Supplies the password of an explicit proxy that named a user but no password (parlor-cli
    /// reads it from PARLOR_PROXY_PASSWORD, so it never appears in a process list).
    void setPassword(const QString &password) { m_proxy.setPassword(password); }
    void setUser(const QString &user) { m_proxy.setUser(user); }

    /// The setting as the user would type it again, never with a password: "system", "none",
    /// "socks5://alice@127.0.0.1:1080".
    QString toString() const;

    /// The proxy a connection to \a server goes through: NoProxy for direct.
    QNetworkProxy proxyFor(const QUrl &server) const;

    /// Whether \a host is this machine: "localhost", a name under .localhost, 127/8 or ::1.
    static bool isLoopback(const QString &host);
    /// \a proxy as the event log records it, without its credentials: "direct", or
    /// "http://127.0.0.1:3128", "socks5://127.0.0.1:1080".
    static QString describe(const QNetworkProxy &proxy);
    /// The translated route for a recorded describe() text: "direct", "via HTTP proxy
    /// 127.0.0.1:3128", "via SOCKS5 proxy 127.0.0.1:1080".
    static QString routeText(const QString &described);
    /// The translated name of a recorded proxy: "HTTP proxy 127.0.0.1:3128"; "" for direct.
    static QString proxyText(const QString &described);

private:
    Mode m_mode = Mode::System;
    QNetworkProxy m_proxy{QNetworkProxy::NoProxy};
};

} // namespace Parlor
