#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <optional>

class ChildProcess;

/// A throw-away RabbitMQ broker (Debian's rabbitmq-server) for one test: its own node name, its
/// own free ports (AMQP, Erlang distribution, EPMD, STOMP, Web-STOMP), its data, logs, config,
/// enabled plugins and Erlang cookie in a temporary folder. It cannot collide with a system broker
/// or another test's. stop() (or the destructor) ends it and removes everything, EPMD included.
///
/// Debian's /usr/sbin/rabbitmq-server refuses users other than rabbitmq, so this runs the script
/// in /usr/lib/rabbitmq/bin directly.
class RabbitMqBroker : public QObject
{
    Q_OBJECT

public:
    /// The default user Debian's broker creates; it may log in from 127.0.0.1.
    static constexpr const char *User = "guest";
    static constexpr const char *Password = "guest";

    /// What the nodes of one cluster share (RabbitMqCluster): the EPMD that finds them, the
    /// Erlang cookie that lets them talk, and their names, which each node's configuration
    /// lists so that it joins the others on its first start (classic_config peer discovery).
    struct Cluster
    {
        quint16 epmdPort = 0;
        QByteArray cookie;
        QStringList nodeNames;
    };

    RabbitMqBroker();
    ~RabbitMqBroker() override;

    /// Starts the broker and waits until Web-STOMP accepts connections. False if it could not
    /// start in time or exited: failureReport() then holds its output and log.
    bool start(int timeoutMs = 120000);
    /// start() in two halves, so that a cluster's nodes start side by side: launch() starts the
    /// program; with \a cluster, as the node called \a nodeName of it (EPMD and cookie shared,
    /// and the EPMD left running by stop(): the cluster ends it).
    bool launch(const Cluster *cluster = nullptr, const QString &nodeName = {});
    /// Waits until the launched broker answers Web-STOMP.
    bool waitUntilStarted(int timeoutMs = 120000);
    /// Runs rabbitmqctl against this node (`rabbitmqctl -n <node> \a arguments`); its standard
    /// output, or nullopt with \a error set when it failed.
    std::optional<QByteArray> control(const QStringList &arguments, QString *error = nullptr);
    /// Stops the broker (SIGTERM, which the script turns into `rabbitmqctl stop`; SIGKILL if that
    /// takes too long), its EPMD, and removes the temporary folder.
    void stop();

    bool isRunning() const;
    QString nodeName() const { return m_nodeName; }
    quint16 webStompPort() const { return m_webStompPort; }
    quint16 stompPort() const { return m_stompPort; }
    quint16 amqpPort() const { return m_amqpPort; }
    /// ws://127.0.0.1:<port>/ws, where Web-STOMP answers v12.stomp.
    QUrl webStompUrl() const;
    /// The process id of the broker's Erlang VM (the process that does the work, a child of the
    /// script this object starts), from its pid file; 0 if it is not running or not known yet.
    qint64 vmPid() const;
    /// How long start() took until Web-STOMP answered, in ms.
    qint64 startupMs() const { return m_startupMs; }
    /// The broker's output and its log file, for a failure message.
    QByteArray failureReport();

private:
    bool webStompAnswers();
    void killLeftovers();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ChildProcess> m_process;
    QString m_nodeName;
    quint16 m_amqpPort = 0;
    quint16 m_distPort = 0;
    quint16 m_epmdPort = 0;
    quint16 m_stompPort = 0;
    quint16 m_webStompPort = 0;
    qint64 m_startupMs = -1;
    bool m_ownsEpmd = true;
    qint64 m_launchedAt = 0;
};
