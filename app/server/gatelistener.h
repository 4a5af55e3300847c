#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

namespace Parlor {

/// The UpgradeGate's listening socket. For a wss:// room each accepted connection is a
/// QSslSocket that starts its TLS handshake at once, so the gate's limits on connections still
/// in their upgrade (how many, from where, for how long) cover the TLS handshake too — a
/// client that opens TCP and never says hello costs no more than on a ws:// room.
class GateListener : public QTcpServer
{
    Q_OBJECT

public:
    using QTcpServer::QTcpServer;

    /// From now on connections are TLS, presenting \a configuration's certificate.
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isSecure() const { return m_secure; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QSslConfiguration m_tls;
    bool m_secure = false;
};

} // namespace Parlor
