#pragma once

#include "loopbackproxy.h"

/// An HTTP proxy on 127.0.0.1 that knows one method, CONNECT (RFC 9110, 9.3.6), as Qt's
/// QNetworkProxy::HttpProxy uses it for a TCP socket. It answers "200 Connection established"
/// and tunnels, or "403 Forbidden" while refusing. With credentials set, a request without the
/// right Basic Proxy-Authorization gets "407 Proxy Authentication Required", and the client may
/// ask again on the same connection.
class HttpConnectProxy : public LoopbackProxy
{
    Q_OBJECT

public:
    using LoopbackProxy::LoopbackProxy;

    /// The request lines received ("CONNECT 127.0.0.1:5870 HTTP/1.1").
    QStringList requestLines() const { return m_requestLines; }

protected:
    void negotiate(Link &link) override;
    void answerOpened(Link &link) override;
    void answerRefused(Link &link) override;

private:
    QStringList m_requestLines;
};
