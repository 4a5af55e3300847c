#include "rabbitmqbroker.h"

#include "childprocess.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <array>
#include <csignal>
#include <sys/types.h>

namespace {

const QString serverScript = QStringLiteral("/usr/lib/rabbitmq/bin/rabbitmq-server");

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) >= 0;
}

} // namespace

RabbitMqBroker::RabbitMqBroker() = default;

RabbitMqBroker::~RabbitMqBroker()
{
    stop();
}

bool RabbitMqBroker::isRunning() const
{
    return m_process && m_process->isRunning();
}

QUrl RabbitMqBroker::webStompUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_webStompPort));
}

bool RabbitMqBroker::start(int timeoutMs)
{
    return launch() && waitUntilStarted(timeoutMs);
}

bool RabbitMqBroker::launch(const Cluster *cluster, const QString &nodeName)
{
    stop();
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath()
                                            + QStringLiteral("/parlor-rabbitmq-XXXXXX"));
    if (!m_dir->isValid())
        return false;
    const QString dir = m_dir->path();
    for (const char *sub : {"home", "mnesia", "log"})
        QDir(dir).mkpath(QLatin1String(sub));

    // Five ports the system gave out just now, all held at once so that they differ. The broker
    // takes them a moment later; another process could in theory grab one in between, which
    // would show as a failed start with the reason in the log.
    // (A cluster's nodes share the cluster's EPMD: the fifth port is then left unused.)
    std::array<QTcpServer, 5> probes;
    for (QTcpServer &probe : probes) {
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return false;
    }
    m_amqpPort = probes[0].serverPort();
    m_distPort = probes[1].serverPort();
    m_epmdPort = cluster ? cluster->epmdPort : probes[2].serverPort();
    m_ownsEpmd = !cluster;
    m_stompPort = probes[3].serverPort();
    m_webStompPort = probes[4].serverPort();
    for (QTcpServer &probe : probes)
        probe.close();

    m_nodeName = !nodeName.isEmpty()
                         ? nodeName
                         : QStringLiteral("parlor-test-%1@localhost")
                                   .arg(QRandomGenerator::global()->generate64(), 0, 36);

    QByteArray config = QStringLiteral("listeners.tcp.1 = 127.0.0.1:%1\n"
                                       "stomp.listeners.tcp.1 = 127.0.0.1:%2\n"
                                       "web_stomp.tcp.ip = 127.0.0.1\n"
                                       "web_stomp.tcp.port = %3\n")
                                .arg(m_amqpPort)
                                .arg(m_stompPort)
                                .arg(m_webStompPort)
                                .toUtf8();
    if (cluster) {
        config += "cluster_formation.peer_discovery_backend = classic_config\n";
        for (int i = 0; i < cluster->nodeNames.size(); ++i) {
            config += "cluster_formation.classic_config.nodes." + QByteArray::number(i + 1) + " = "
                      + cluster->nodeNames.at(i).toUtf8() + '\n';
        }
        QFile cookie(dir + QStringLiteral("/home/.erlang.cookie"));
        if (!cookie.open(QIODevice::WriteOnly) || cookie.write(cluster->cookie) < 0)
            return false;
        cookie.close();
        // Erlang refuses a cookie file others may read.
        cookie.setPermissions(QFileDevice::ReadOwner);
    }
    if (!writeFile(dir + QStringLiteral("/rabbitmq.conf"), config)
        || !writeFile(dir + QStringLiteral("/enabled_plugins"), "[rabbitmq_web_stomp].\n")) {
        return false;
    }

    QProcessEnvironment env = ChildProcess::environment();
    // Erlang keeps its cookie in $HOME/.erlang.cookie.
    env.insert(QStringLiteral("HOME"), dir + QStringLiteral("/home"));
    env.insert(QStringLiteral("RABBITMQ_NODENAME"), m_nodeName);
    env.insert(QStringLiteral("RABBITMQ_NODE_PORT"), QString::number(m_amqpPort));
    env.insert(QStringLiteral("RABBITMQ_DIST_PORT"), QString::number(m_distPort));
    // An EPMD of its own: the default one on 4369 would be shared with a system broker and
    // outlive the test. Stopped in stop().
    env.insert(QStringLiteral("ERL_EPMD_PORT"), QString::number(m_epmdPort));
    env.insert(QStringLiteral("RABBITMQ_MNESIA_BASE"), dir + QStringLiteral("/mnesia"));
    env.insert(QStringLiteral("RABBITMQ_LOG_BASE"), dir + QStringLiteral("/log"));
    env.insert(QStringLiteral("RABBITMQ_CONFIG_FILE"), dir + QStringLiteral("/rabbitmq.conf"));
    env.insert(QStringLiteral("RABBITMQ_ENABLED_PLUGINS_FILE"),
               dir + QStringLiteral("/enabled_plugins"));
    env.insert(QStringLiteral("RABBITMQ_PID_FILE"), dir + QStringLiteral("/broker.pid"));
    // Files that do not exist, so that nothing in /etc/rabbitmq applies.
    env.insert(QStringLiteral("RABBITMQ_CONF_ENV_FILE"), dir + QStringLiteral("/none-env.conf"));
    env.insert(QStringLiteral("RABBITMQ_ADVANCED_CONFIG_FILE"),
               dir + QStringLiteral("/none-advanced.config"));

    m_launchedAt = QDateTime::currentMSecsSinceEpoch();
    m_process = std::make_unique<ChildProcess>(m_nodeName.section(u'@', 0, 0), serverScript,
                                               QStringList(), env, dir);
    return true;
}

bool RabbitMqBroker::waitUntilStarted(int timeoutMs)
{
    if (!m_process)
        return false;
    // The script prints this line once every plugin (Web-STOMP among them) has started.
    const bool started = m_process->waitUntil(
            [this] {
                return !m_process->isRunning()
                       || m_process->out().contains(QLatin1String("Starting broker... completed"));
            },
            timeoutMs);
    if (!started || !m_process->isRunning() || !webStompAnswers())
        return false;
    m_startupMs = QDateTime::currentMSecsSinceEpoch() - m_launchedAt;
    return true;
}

std::optional<QByteArray> RabbitMqBroker::control(const QStringList &arguments, QString *error)
{
    if (!m_dir) {
        if (error)
            *error = QStringLiteral("the broker is not running");
        return std::nullopt;
    }
    QProcess ctl;
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(QStringLiteral("HOME"), m_dir->path() + QStringLiteral("/home"));
    env.insert(QStringLiteral("ERL_EPMD_PORT"), QString::number(m_epmdPort));
    ctl.setProcessEnvironment(env);
    ctl.start(QStringLiteral("/usr/lib/rabbitmq/bin/rabbitmqctl"),
              QStringList{QStringLiteral("-n"), m_nodeName} + arguments);
    const bool finished = ctl.waitForFinished(60000);
    if (!finished || ctl.exitStatus() != QProcess::NormalExit || ctl.exitCode() != 0) {
        if (error) {
            *error = QStringLiteral("rabbitmqctl %1 failed (%2): %3")
                             .arg(arguments.join(u' '),
                                  finished ? QString::number(ctl.exitCode())
                                           : QStringLiteral("no answer in 60 s"),
                                  QString::fromLocal8Bit(ctl.readAllStandardError()
                                                         + ctl.readAllStandardOutput()));
        }
        return std::nullopt;
    }
    return ctl.readAllStandardOutput();
}

bool RabbitMqBroker::webStompAnswers()
{
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, m_webStompPort);
    return probe.waitForConnected(5000);
}

QByteArray RabbitMqBroker::failureReport()
{
    QByteArray report = "RabbitMQ node " + m_nodeName.toUtf8() + ", Web-STOMP port "
                        + QByteArray::number(m_webStompPort) + "\n";
    if (!QFile::exists(serverScript))
        report += serverScript.toUtf8()
                  + " is missing: install rabbitmq-server "
                    "(scripts/setup.sh --tests)\n";
    if (m_process)
        report += m_process->transcript();
    if (m_dir) {
        QFile log(m_dir->path() + QStringLiteral("/log/") + m_nodeName + QStringLiteral(".log"));
        if (log.open(QIODevice::ReadOnly)) {
            const QByteArray text = log.readAll();
            report += "--- " + log.fileName().toUtf8() + " (end):\n" + text.right(20000);
        }
    }
    return report;
}

qint64 RabbitMqBroker::vmPid() const
{
    if (!m_dir)
        return 0;
    QFile pidFile(m_dir->path() + QStringLiteral("/broker.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return 0;
    bool ok = false;
    const qint64 pid = pidFile.readAll().trimmed().toLongLong(&ok);
    return ok && pid > 0 && ::kill(pid_t(pid), 0) == 0 ? pid : 0;
}

void RabbitMqBroker::killLeftovers()
{
    if (!m_dir)
        return;
    // The script runs the Erlang VM as a child of its own: if the script died without stopping
    // it (SIGKILL), the VM would live on.
    QFile pidFile(m_dir->path() + QStringLiteral("/broker.pid"));
    if (pidFile.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong(&ok));
        if (ok && pid > 0 && ::kill(pid, 0) == 0) {
            ::kill(pid, SIGKILL);
            // Not our child, so no waitpid: wait until it is gone or a zombie of someone else.
            if (!QTest::qWaitFor([pid] { return ::kill(pid, 0) != 0; }, 5000))
                qWarning("RabbitMQ VM %d did not go away", int(pid));
        }
    }
    if (m_epmdPort && m_ownsEpmd) {
        QProcess epmd;
        epmd.setStandardOutputFile(QProcess::nullDevice());
        epmd.setStandardErrorFile(QProcess::nullDevice());
        epmd.start(QStringLiteral("epmd"),
                   {QStringLiteral("-port"), QString::number(m_epmdPort), QStringLiteral("-kill")});
        epmd.waitForFinished(10000);
    }
}

void RabbitMqBroker::stop()
{
    if (m_process) {
        if (m_process->isRunning()) {
            // The script traps SIGTERM and runs `rabbitmqctl stop`, a graceful shutdown.
            m_process->process().terminate();
            if (!m_process->waitForExit(30000))
                m_process->kill();
        }
        m_process.reset();
    }
    killLeftovers();
    m_dir.reset();
    m_epmdPort = 0;
}
