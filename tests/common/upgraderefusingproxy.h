#pragma once

#include "loopbackproxy.h"

/// A reverse HTTP proxy on 127.0.0.1 in front of one server, as some corporate proxies are: it
/// forwards plain HTTP requests to the server as they are, but answers every WebSocket upgrade
/// itself with "400 Bad Request" — what a browser behind it sees is a WebSocket that fails
/// before it opens. Each request (one per connection: the room closes after its answer) is
/// recorded by its request line.
class UpgradeRefusingProxy : public LoopbackProxy
{
    Q_OBJECT

public:
    /// Forwards to \a host : \a port.
    UpgradeRefusingProxy(const QString &host, quint16 port, QObject *parent = nullptr);

    /// The request lines forwarded or refused ("GET /poll/… HTTP/1.1").
    QStringList requestLines() const { return m_requestLines; }
    /// Upgrades answered with 400.
    int refusedUpgrades() const { return m_refusedUpgrades; }

protected:
    void negotiate(Link &link) override;
    void answerOpened(Link &link) override;
    void answerRefused(Link &link) override;

private:
    QString m_host;
    quint16 m_port = 0;
    QStringList m_requestLines;
    int m_refusedUpgrades = 0;
};
