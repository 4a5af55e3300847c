#pragma once

#include "loopbackproxy.h"

/// A SOCKS5 proxy on 127.0.0.1 (RFC 1928): CONNECT only, to an IPv4, IPv6 or domain-name
/// destination; without authentication, or with a user name and password (RFC 1929) once
/// setCredentials() was called. While refusing it answers 0x02, "connection not allowed by
/// ruleset".
class Socks5Proxy : public LoopbackProxy
{
    Q_OBJECT

public:
    using LoopbackProxy::LoopbackProxy;

    /// From now on, only this user with this password gets through.
    void setCredentials(const QByteArray &user, const QByteArray &password);
    /// How many clients gave the right user and password, and how many a wrong one.
    int logins() const { return m_logins; }
    int failedLogins() const { return m_failedLogins; }

protected:
    void negotiate(Link &link) override;
    void answerOpened(Link &link) override;
    void answerRefused(Link &link) override;

private:
    QByteArray m_user;
    QByteArray m_password;
    int m_logins = 0;
    int m_failedLogins = 0;

    static void reply(Link &link, char status);
};
