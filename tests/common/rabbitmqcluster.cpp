#include "rabbitmqcluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>

#include <algorithm>

RabbitMqCluster::RabbitMqCluster(int size)
{
    for (int i = 0; i < size; ++i)
        m_nodes.push_back(std::make_unique<RabbitMqBroker>());
}

RabbitMqCluster::~RabbitMqCluster()
{
    stop();
}

bool RabbitMqCluster::start(int timeoutMs)
{
    stop();
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        m_problem = QStringLiteral("no free port for EPMD");
        return false;
    }
    m_cluster.epmdPort = probe.serverPort();
    probe.close();
    // Erlang cookies are up to 255 characters of letters and digits.
    const QString run = QString::number(QRandomGenerator::global()->generate64(), 36);
    m_cluster.cookie = "PARLOR" + run.toUpper().toLatin1();
    m_cluster.nodeNames.clear();
    for (int i = 0; i < size(); ++i) {
        m_cluster.nodeNames.append(
                QStringLiteral("parlor-cluster-%1-%2@localhost").arg(run).arg(i + 1));
    }
    // Side by side: each node boots in tens of seconds on a busy two-core machine. The nodes
    // find each other while they boot; classic_config lets only one of them form the cluster
    // and the others join it.
    for (int i = 0; i < size(); ++i) {
        if (!node(i).launch(&m_cluster, m_cluster.nodeNames.at(i))) {
            m_problem = QStringLiteral("node %1 could not be launched").arg(i + 1);
            return false;
        }
    }
    for (int i = 0; i < size(); ++i) {
        if (!node(i).waitUntilStarted(timeoutMs)) {
            m_problem = QStringLiteral("node %1 did not start").arg(i + 1);
            return false;
        }
    }
    QString error;
    const auto status = node(0).control({QStringLiteral("cluster_status"),
                                         QStringLiteral("--formatter"), QStringLiteral("json")},
                                        &error);
    if (!status) {
        m_problem = error;
        return false;
    }
    const QJsonArray running = QJsonDocument::fromJson(*status)
                                       .object()
                                       .value(QLatin1String("running_nodes"))
                                       .toArray();
    if (running.size() != size()) {
        m_problem = QStringLiteral("the cluster has %1 running nodes, not %2: %3")
                            .arg(running.size())
                            .arg(size())
                            .arg(QString::fromUtf8(*status));
        return false;
    }
    return true;
}

void RabbitMqCluster::stop()
{
    for (auto &n : m_nodes)
        n->stop();
    if (m_cluster.epmdPort) {
        QProcess epmd;
        epmd.setStandardOutputFile(QProcess::nullDevice());
        epmd.setStandardErrorFile(QProcess::nullDevice());
        epmd.start(QStringLiteral("epmd"),
                   {QStringLiteral("-port"), QString::number(m_cluster.epmdPort),
                    QStringLiteral("-kill")});
        epmd.waitForFinished(10000);
        m_cluster.epmdPort = 0;
    }
}

QList<QUrl> RabbitMqCluster::webStompUrls() const
{
    QList<QUrl> urls;
    for (const auto &n : m_nodes)
        urls.append(n->webStompUrl());
    return urls;
}

int RabbitMqCluster::indexOf(const QString &nodeName) const
{
    return int(m_cluster.nodeNames.indexOf(nodeName));
}

std::optional<QJsonObject> RabbitMqCluster::queueInfo(const QString &queue, QString *error)
{
    for (int i = 0; i < size(); ++i) {
        if (!node(i).isRunning())
            continue;
        const auto out = node(i).control({QStringLiteral("list_queues"), QStringLiteral("name"),
                                          QStringLiteral("leader"), QStringLiteral("members"),
                                          QStringLiteral("--formatter"), QStringLiteral("json")},
                                         error);
        if (!out)
            return std::nullopt;
        for (const QJsonValue &q : QJsonDocument::fromJson(*out).array()) {
            if (q.toObject().value(QLatin1String("name")).toString() == queue)
                return q.toObject();
        }
        if (error)
            *error = QStringLiteral("no queue %1 in %2").arg(queue, QString::fromUtf8(*out));
        return std::nullopt;
    }
    if (error)
        *error = QStringLiteral("no node is running");
    return std::nullopt;
}

int RabbitMqCluster::leaderOf(const QString &queue, QString *error)
{
    const auto info = queueInfo(queue, error);
    if (!info)
        return -1;
    const int index = indexOf(info->value(QLatin1String("leader")).toString());
    if (index < 0 && error)
        *error = QStringLiteral("no leader node in %1")
                         .arg(QString::fromUtf8(QJsonDocument(*info).toJson()));
    return index;
}

QList<int> RabbitMqCluster::membersOf(const QString &queue, QString *error)
{
    QList<int> members;
    const auto info = queueInfo(queue, error);
    if (!info)
        return members;
    for (const QJsonValue &m : info->value(QLatin1String("members")).toArray())
        members.append(indexOf(m.toString()));
    std::sort(members.begin(), members.end());
    return members;
}

QByteArray RabbitMqCluster::failureReport()
{
    QByteArray report = m_problem.toUtf8() + '\n';
    for (auto &n : m_nodes)
        report += n->failureReport() + '\n';
    return report;
}
