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

protected:
    void negotiate(Link &link) override;
    void answerOpened(Link &link) override;
    void answerRefused(Link &link) override;

private:
    static void reply(Link &link, char status);
};
