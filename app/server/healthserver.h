#pragma once

#include "healthreport.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

#include <functional>

namespace Parlor {

/// parlor-server --health-port: a small HTTP/1.1 listener for load balancers and monitoring,
/// apart from the room's port. `GET /health` answers 200 {"status":"ok"} or 503 with the problem
/// (a broker that is away); `GET /metrics` the figures in Prometheus' text format. Anything
/// else is 404 (405 for other methods); a request is read for at most 5 s and 8 KiB, then the
/// connection is closed (431 when too large). Every answer closes its connection.
class HealthServer : public QObject
{
    Q_OBJECT

public:
    using Provider = std::function<HealthReport()>;

    static constexpr int MaxRequestBytes = 8 * 1024;
    static constexpr int RequestTimeoutMs = 5000;

    explicit HealthServer(Provider provider, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_server.serverPort(); }
    QString errorString() const { return m_server.errorString(); }

private:
    void onNewConnection();

    Provider m_provider;
    QTcpServer m_server;
};

} // namespace Parlor
