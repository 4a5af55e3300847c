#pragma once

#include "rabbitmqbroker.h"

#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

/// A throw-away RabbitMQ cluster for one test: several RabbitMqBroker nodes on this machine,
/// each with its own ports and folder, sharing one EPMD and one Erlang cookie and joining each
/// other on their first start (classic_config peer discovery). stop() (or the destructor) ends
/// every node, then the EPMD.
class RabbitMqCluster
{
public:
    explicit RabbitMqCluster(int size = 3);
    ~RabbitMqCluster();

    /// Starts the nodes side by side and waits until each answers Web-STOMP and the first sees
    /// all of them running in its cluster. False on failure: failureReport() says why.
    bool start(int timeoutMs = 240000);
    void stop();

    int size() const { return int(m_nodes.size()); }
    RabbitMqBroker &node(int index) { return *m_nodes.at(size_t(index)); }
    /// Each node's Web-STOMP address, in node order.
    QList<QUrl> webStompUrls() const;
    /// The node that leads the queue or stream \a queue (asked of a running node), or -1 with
    /// \a error set.
    int leaderOf(const QString &queue, QString *error);
    /// The nodes that hold a replica of \a queue, in node order; empty with \a error set.
    QList<int> membersOf(const QString &queue, QString *error);
    QByteArray failureReport();

private:
    std::optional<QJsonObject> queueInfo(const QString &queue, QString *error);
    int indexOf(const QString &nodeName) const;

    std::vector<std::unique_ptr<RabbitMqBroker>> m_nodes;
    RabbitMqBroker::Cluster m_cluster;
    QString m_problem;
};
