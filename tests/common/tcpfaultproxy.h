#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <memory>
#include <vector>

class QTcpSocket;

/// A TCP proxy on 127.0.0.1 in front of a server: the network between a client and the server,
/// under the test's control. Each connection it accepts gets its own connection upstream, and
/// bytes pass both ways until the test makes a fault:
/// - refuse new connections (the server seems down);
/// - hold back what the server sends (a message is accepted but its acknowledgement is lost, or
///   delayed until holding stops);
/// - drop every connection, or cut only the client's side of each (the server keeps a silent
///   connection and notices nothing until it writes).
/// When the server's side of a connection goes, the client's side is closed after what was
/// passed on is written, and what was held back is lost, as in the buffers of a server that
/// died. When the client's side goes, the server's side is closed.
class TcpFaultProxy : public QObject
{
    Q_OBJECT

public:
    /// Relays to the server on 127.0.0.1 \a upstreamPort (it need not listen yet).
    explicit TcpFaultProxy(quint16 upstreamPort, QObject *parent = nullptr);
    ~TcpFaultProxy() override;

    /// Listens on 127.0.0.1 on a free port.
    bool listen();
    quint16 port() const { return m_server.serverPort(); }

    /// While refusing, new connections are closed at once.
    void setRefusing(bool refusing) { m_refusing = refusing; }

    /// While holding, what the server sends is kept back instead of passed on; what was kept
    /// back goes on to the clients still connected when holding stops.
    void setHoldingDownstream(bool holding);
    /// Every byte the server sent while holding (passed on later or lost), since the start.
    qint64 heldBytes() const { return m_heldBytes; }

    /// Drops every connection on both sides at once (a reset); what was held back is lost.
    void dropAll();
    /// Drops the clients' side of every connection only: the server keeps a silent connection,
    /// as after a network change on the client's machine; what was held back is lost.
    void severClients();

private:
    struct Link
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray toUpstream; ///< from the client before the upstream connection was up
        QByteArray held;       ///< from the server while holding
        bool severed = false;
    };

    void onNewConnection();
    void relay(QTcpSocket *client);

    QTcpServer m_server;
    quint16 m_upstreamPort;
    bool m_refusing = false;
    bool m_holding = false;
    qint64 m_heldBytes = 0;
    std::vector<std::unique_ptr<Link>> m_links;
};
