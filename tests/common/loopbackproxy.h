#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTcpServer>

#include <memory>
#include <vector>

class QTcpSocket;

/// A small proxy on 127.0.0.1 for tests: it accepts a client, lets the subclass read the proxy
/// protocol's request (HTTP CONNECT, SOCKS5), opens a tunnel to the host and port asked for and
/// then relays bytes both ways, as a real proxy would. It records every destination asked for,
/// so a test can check that a connection went through it and where to; while refusing, the
/// subclass answers with its protocol's refusal instead of opening the tunnel.
class LoopbackProxy : public QObject
{
    Q_OBJECT

public:
    explicit LoopbackProxy(QObject *parent = nullptr);
    ~LoopbackProxy() override;

    /// Listens on 127.0.0.1 on a free port.
    bool listen();
    quint16 port() const { return m_server.serverPort(); }

    /// Every destination asked for, as "host:port", in order (refused ones too).
    QStringList requests() const { return m_requests; }
    /// Tunnels opened to their destination.
    int tunnels() const { return m_tunnels; }
    /// While refusing, requests are answered with the protocol's refusal.
    void setRefusing(bool refusing) { m_refusing = refusing; }
    /// From now on, only this user with this password gets through (the protocol's own login).
    void setCredentials(const QByteArray &user, const QByteArray &password);
    /// Logins with the right user and password, and with a wrong one (or a user without one).
    int logins() const { return m_logins; }
    int failedLogins() const { return m_failedLogins; }

signals:
    void requested(const QString &target);

protected:
    struct Link
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray pending; ///< from the client, not yet read by negotiate() or relayed
        bool tunnelOpen = false;
        int stage = 0; ///< the subclass's progress through its protocol
    };

    /// Reads the client's bytes (link.pending) until the request is complete; then calls
    /// request(). Called each time more arrive before the tunnel is open.
    virtual void negotiate(Link &link) = 0;
    /// Writes the protocol's success answer (the tunnel to the destination is up).
    virtual void answerOpened(Link &link) = 0;
    /// Writes the protocol's refusal; the client is closed after it.
    virtual void answerRefused(Link &link) = 0;

    /// The client asked for \a host : \a port: records it, then refuses or opens the tunnel.
    void request(Link &link, const QString &host, quint16 port);
    /// Closes the client's side once what was written has gone.
    static void closeAfterWriting(QTcpSocket *socket);
    bool wantsLogin() const { return !m_user.isEmpty(); }
    /// Whether \a user and \a password are the ones set; counted either way.
    bool checkLogin(const QByteArray &user, const QByteArray &password);

private:
    void onNewConnection();

    QTcpServer m_server;
    bool m_refusing = false;
    QByteArray m_user;
    QByteArray m_password;
    int m_logins = 0;
    int m_failedLogins = 0;
    QStringList m_requests;
    int m_tunnels = 0;
    std::vector<std::unique_ptr<Link>> m_links;
};
