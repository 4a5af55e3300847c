// bench_room: how fast the room server relays. Not a test: it prints figures for
// docs/PERFORMANCE.md.
//
// The server runs in its own process (the real parlor-server binary by default), the clients
// (QWebSocket, parlor.v1) in this one, so the two sides do not share an event loop and, on a
// two-core machine, each has a core. Measured:
//   - handshakes per second for a burst of connections, and each one's open→101 time;
//   - messages relayed per second at saturation (every client keeps a few messages in flight);
//   - latency (p50/p99) at a fixed moderate rate, from a timestamp in the text;
//   - a rejoin storm: many rich clients say hello at once while the history is full;
//   - the server's memory (VmRSS) idle, with clients, under load;
//   - a slow reader that never reads: the server's memory stays bounded (--max-queued) and the
//     others keep their rate;
//   - the Unix event dispatcher (QT_NO_GLIB=1, what parlor-server uses) against glib's.
//
//   bench_room [--clients N] [--burst M] ...        (bench_room --help for all options)
//   bench_room --smoke                               (seconds; ctest runs this)
//   bench_room --serve [parlor-server options]       (internal: a RoomServer in this process)

#include "benchutil.h"
#include "core/unixsignalwatcher.h"
#include "rawwebsocketclient.h"
#include "server/roomserver.h"
#include "server/servercommandline.h"
#include "testsupport.h"

#include <QAbstractEventDispatcher>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>
#include <sys/resource.h>
#include <vector>

namespace {

/// Nanoseconds on the monotonic clock.
qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

QString dispatcherName()
{
    const QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    return dispatcher ? QString::fromLatin1(dispatcher->metaObject()->className())
                      : QStringLiteral("none");
}

/// Thrown when a measurement cannot go on (a timeout, a server that did not start). Never thrown
/// from a slot: the event loop is not unwound, only the benchmark's own calls are, so every
/// server process is still stopped by its destructor.
struct Failure
{
    QString why;
};

[[noreturn]] void fail(const QString &why)
{
    throw Failure{why};
}

// --- the server process -----------------------------------------------------------------------

/// A room server in a child process: the real parlor-server, or this program in --serve mode.
class ServerProcess
{
public:
    enum class Dispatcher { Default, Unix, Glib };

    ServerProcess(const QString &program, const QStringList &arguments, Dispatcher dispatcher,
                  const QString &logFile)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("LANGUAGE"), QString());
        // Qt picks glib unless QT_NO_GLIB is set to something non-empty. parlor-server sets it
        // itself when it is empty, so only a --serve child can run on glib; without the variable
        // parlor-server makes its own choice.
        if (dispatcher == Dispatcher::Unix)
            env.insert(QStringLiteral("QT_NO_GLIB"), QStringLiteral("1"));
        else
            env.remove(QStringLiteral("QT_NO_GLIB"));
        m_process.setProcessEnvironment(env);
        m_process.setStandardErrorFile(logFile, QIODevice::Append);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(program, arguments);
        if (!m_process.waitForStarted(10000))
            fail(QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString()));
        // The welcome text names the URL; wait for it on the event loop.
        QEventLoop loop;
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &loop, [&] {
            m_output += m_process.readAllStandardOutput();
            if (port() > 0)
                loop.quit();
        });
        QObject::connect(&m_process, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        if (port() == 0) {
            fail(QStringLiteral("%1 did not say where it listens; its output: %2 (log: %3)")
                         .arg(program, QString::fromUtf8(m_output), logFile));
        }
        const auto match = QRegularExpression(QStringLiteral("dispatcher: (\\S+)"))
                                   .match(QString::fromUtf8(m_output));
        m_dispatcher = match.hasMatch() ? match.captured(1)
                                        : QStringLiteral("parlor-server's own (QT_NO_GLIB=1)");
    }

    ~ServerProcess()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }

    quint16 port() const
    {
        const auto match = QRegularExpression(QStringLiteral("ws://127\\.0\\.0\\.1:(\\d+)"))
                                   .match(QString::fromUtf8(m_output));
        return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port())); }
    qint64 pid() const { return m_process.processId(); }
    QString dispatcher() const { return m_dispatcher; }
    qint64 rssKiB() const { return Bench::rssKiB(pid()); }
    double cpuMs() const { return Bench::cpuMs(pid()); }

private:
    QProcess m_process;
    QByteArray m_output;
    QString m_dispatcher;
};

// --- the clients ------------------------------------------------------------------------------

class Load;

/// One member of the room on a real QWebSocket. Its messages carry their sender, a number and
/// the monotonic time they were sent: "b <sender> <n> <ns>".
class LoadClient : public QObject
{
public:
    LoadClient(Load *load, int index);

    void open(const QUrl &url);
    void say();

    QWebSocket socket;
    const int index;
    int outstanding = 0; ///< sent, own echo not back yet
    qint64 sent = 0;
    bool welcomed = false;
    qint64 openedNs = 0;
    qint64 welcomedNs = 0;

private:
    void onText(const QString &text);

    Load *m_load;
};

/// The clients and everything they count. Waits run the event loop and end as soon as the
/// condition holds: every handler calls poke(), which checks the condition of the wait in
/// progress. Nothing sleeps.
class Load : public QObject
{
public:
    enum class Phase { Idle, Saturate, Paced };

    bool runUntil(const std::function<bool()> &condition, int timeoutMs)
    {
        if (condition())
            return true;
        QEventLoop loop;
        QTimer deadline;
        deadline.setSingleShot(true);
        connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        deadline.start(timeoutMs);
        const auto previousCondition = m_condition;
        QEventLoop *previousLoop = m_loop;
        m_condition = condition;
        m_loop = &loop;
        loop.exec();
        m_condition = previousCondition;
        m_loop = previousLoop;
        return condition();
    }
    void runFor(int ms)
    {
        runUntil([] { return false; }, ms);
    }
    void poke()
    {
        if (m_loop && m_condition())
            m_loop->quit();
    }

    /// Opens \a count clients and waits until every one is welcomed.
    void join(const QUrl &url, int count)
    {
        const int first = int(clients.size());
        for (int i = first; i < first + count; ++i) {
            clients.push_back(std::make_unique<LoadClient>(this, i));
            clients.back()->open(url);
        }
        if (!runUntil([this] { return welcomedCount() == int(clients.size()); }, 60000))
            fail(QStringLiteral("only %1 of %2 clients joined")
                         .arg(welcomedCount())
                         .arg(clients.size()));
    }
    int welcomedCount() const
    {
        return int(std::count_if(clients.cbegin(), clients.cend(),
                                 [](const auto &c) { return c->welcomed; }));
    }
    void closeAll()
    {
        closing = true;
        for (const auto &c : clients)
            c->socket.abort();
        clients.clear();
    }

    void setPhase(Phase p)
    {
        phase = p;
        if (phase == Phase::Saturate) {
            for (const auto &c : clients)
                topUp(c.get());
        }
    }
    void topUp(LoadClient *client)
    {
        while (client->outstanding < window)
            client->say();
    }
    /// Stops sending and waits until every message in flight has come back to its sender.
    bool drain(int timeoutMs = 20000)
    {
        setPhase(Phase::Idle);
        return runUntil(
                [this] {
                    return std::all_of(clients.cbegin(), clients.cend(),
                                       [](const auto &c) { return c->outstanding == 0; });
                },
                timeoutMs);
    }
    int totalOutstanding() const
    {
        int n = 0;
        for (const auto &c : clients)
            n += c->outstanding;
        return n;
    }

    void onMessage(LoadClient *receiver, int sender, qint64 sentNs)
    {
        ++deliveries;
        if (recordLatency && (recordAllReceivers || receiver->index == 0))
            latencyMs.append(double(nowNs() - sentNs) / 1e6);
        if (sender == receiver->index) {
            --receiver->outstanding;
            if (phase == Phase::Saturate)
                topUp(receiver);
        }
        if (m_loop)
            poke();
    }
    void onOther(const QString &text)
    {
        if (text.contains(QLatin1String("\"type\":\"join\"")))
            ++joinsSeen;
        else if (text.contains(QLatin1String("\"type\":\"leave\""))) {
            ++leavesSeen;
            if (!watchLeaveOf.isEmpty()
                && text.contains(QLatin1String("\"nick\":\"") + watchLeaveOf + u'"')) {
                watchedLeftNs = nowNs();
                const auto match = QRegularExpression(QStringLiteral("\"reason\":\"([^\"]*)\""))
                                           .match(text);
                watchedLeaveReason = match.captured(1);
            }
        }
        poke();
    }

    ~Load() override { closeAll(); }

    std::vector<std::unique_ptr<LoadClient>> clients;
    bool closing = false;
    QString nickPrefix = QStringLiteral("bench");
    Phase phase = Phase::Idle;
    int window = 8;        ///< messages each client keeps in flight at saturation
    QString padding;       ///< appended to every message text (after a space)
    qint64 deliveries = 0; ///< bench messages received, by all clients
    bool recordLatency = false;
    bool recordAllReceivers = false; ///< else only client 0's receptions are timed
    QList<double> latencyMs;
    qint64 joinsSeen = 0;
    qint64 leavesSeen = 0;
    QString watchLeaveOf;
    qint64 watchedLeftNs = 0;
    QString watchedLeaveReason;

private:
    std::function<bool()> m_condition;
    QEventLoop *m_loop = nullptr;
};

LoadClient::LoadClient(Load *load, int index)
    : index(index)
    , m_load(load)
{
    connect(&socket, &QWebSocket::textMessageReceived, this, &LoadClient::onText);
    connect(&socket, &QWebSocket::connected, this, [this] {
        const QString name = m_load->nickPrefix + QString::number(this->index);
        socket.sendTextMessage(QLatin1String(R"({"type":"hello","nick":")") + name
                               + QLatin1String(R"(","client":"client-)") + name
                               + QLatin1String("\"}"));
    });
    connect(&socket, &QWebSocket::disconnected, this, [this] {
        if (welcomed && !m_load->closing)
            std::fprintf(stderr, "bench_room: client %d lost its connection (%d %s)\n", this->index,
                         int(socket.closeCode()), qPrintable(socket.closeReason()));
        m_load->poke();
    });
}

void LoadClient::open(const QUrl &url)
{
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QStringLiteral("parlor.v1")});
    openedNs = nowNs();
    socket.open(QNetworkRequest(url), options);
}

void LoadClient::say()
{
    ++sent;
    ++outstanding;
    const QString n = QString::number(index);
    const QString s = QString::number(sent);
    socket.sendTextMessage(QLatin1String(R"({"type":"say","id":")") + n + u'-' + s
                           + QLatin1String(R"(","text":"b )") + n + u' ' + s + u' '
                           + QString::number(nowNs()) + m_load->padding + QLatin1String("\"}"));
}

void LoadClient::onText(const QString &text)
{
    if (!welcomed) {
        if (text.contains(QLatin1String("\"type\":\"welcome\""))) {
            welcomed = true;
            welcomedNs = nowNs();
            m_load->poke();
        }
        return;
    }
    // Compact JSON, keys in order: ..."text":"b <sender> <n> <ns>","ts":...
    static const QLatin1String marker("\"text\":\"b ");
    const qsizetype at = text.indexOf(marker);
    if (at < 0) {
        m_load->onOther(text);
        return;
    }
    const QStringView rest = QStringView(text).mid(at + marker.size());
    const qsizetype space1 = rest.indexOf(u' ');
    const qsizetype space2 = rest.indexOf(u' ', space1 + 1);
    if (space1 < 0 || space2 < 0)
        return;
    // The time ends at the quote, or at the space before the padding.
    qsizetype end = space2 + 1;
    while (end < rest.size() && rest.at(end).isDigit())
        ++end;
    const int sender = rest.left(space1).toInt();
    const qint64 sentNs = rest.mid(space2 + 1, end - space2 - 1).toLongLong();
    m_load->onMessage(this, sender, sentNs);
}

// --- measurements -----------------------------------------------------------------------------

struct Options
{
    QString server;
    int clients = 50;
    int burst = 500;
    int burstReps = 5;
    int window = 8;
    int saturationWindows = 5;
    int windowMs = 2000;
    int warmupMs = 500;
    int rate = 500; ///< messages per second for the latency runs
    int latencyReps = 3;
    int latencyMs = 4000;
    int slowMaxMs = 20000;
    int slowText = 2000; ///< characters of padding in the slow-reader run
    QString maxQueued;   ///< passed to the server when set
    QString dataDir;     ///< --durable: the server's --data-dir, a new one for each run
    int glibClients = 200;
    int glibRate = 100;
    int glibRounds = 2;
    int glibMs = 3000;
    int rejoin = 200;
    int rejoinReps = 3;
    QStringList phases = {QStringLiteral("handshakes"), QStringLiteral("saturation"),
                          QStringLiteral("latency"),    QStringLiteral("rejoin"),
                          QStringLiteral("slow"),       QStringLiteral("glib")};

    bool has(const QString &phase) const { return phases.contains(phase); }
    bool smoke = false;
};

QStringList serverArguments(const Options &o)
{
    QStringList args = {QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"), QStringLiteral("0"),
                        // The load generator sends as fast as the room relays; per-peer flood
                        // limits and address limits are not what is measured here.
                        QStringLiteral("--rate"), QStringLiteral("100000"),
                        QStringLiteral("--max-peers"), QStringLiteral("10000"),
                        QStringLiteral("--max-peers-per-address"), QStringLiteral("10000"),
                        QStringLiteral("--ping-interval"), QStringLiteral("0")};
    if (!o.maxQueued.isEmpty())
        args << QStringLiteral("--max-queued") << o.maxQueued;
    if (!o.dataDir.isEmpty())
        args << QStringLiteral("--data-dir") << o.dataDir;
    return args;
}

struct SaturationResult
{
    QList<double> messagesPerSecond; ///< room messages (broadcasts) per second, per window
    QList<double> deliveriesPerSecond;
    QList<double> serverCpuPercent;
    QList<double> clientCpuPercent;
    qint64 serverPeakRssKiB = 0;
    Bench::Stats latency; ///< client 0's receptions, queueing included
};

/// Server CPU time per frame delivered, in microseconds, for each window.
QList<double> cpuPerDelivery(const SaturationResult &r)
{
    QList<double> values;
    for (qsizetype i = 0; i < r.deliveriesPerSecond.size(); ++i) {
        // percent of a core = 10 ms of CPU per second
        values.append(r.serverCpuPercent.at(i) * 1e4 / std::max(1.0, r.deliveriesPerSecond.at(i)));
    }
    return values;
}

/// Keeps \a load saturated and measures consecutive windows after a warm-up.
SaturationResult saturate(Load &load, const ServerProcess &server, int windows, int windowMs,
                          int warmupMs)
{
    SaturationResult r;
    QTimer rssSampler;
    QObject::connect(&rssSampler, &QTimer::timeout, &rssSampler,
                     [&] { r.serverPeakRssKiB = std::max(r.serverPeakRssKiB, server.rssKiB()); });
    rssSampler.start(100);
    load.latencyMs.clear();
    load.recordAllReceivers = false;
    load.setPhase(Load::Phase::Saturate);
    load.runFor(warmupMs);
    load.recordLatency = true;
    const int n = int(load.clients.size());
    for (int w = 0; w < windows; ++w) {
        const qint64 d0 = load.deliveries;
        const double s0 = server.cpuMs();
        const double c0 = Bench::cpuMs();
        QElapsedTimer timer;
        timer.start();
        load.runFor(windowMs);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const double deliveries = double(load.deliveries - d0);
        r.deliveriesPerSecond.append(deliveries / seconds);
        r.messagesPerSecond.append(deliveries / n / seconds);
        r.serverCpuPercent.append((server.cpuMs() - s0) / 10.0 / seconds);
        r.clientCpuPercent.append((Bench::cpuMs() - c0) / 10.0 / seconds);
    }
    load.recordLatency = false;
    r.latency = Bench::stats(load.latencyMs);
    if (!load.drain())
        fail(QStringLiteral("%1 messages never came back after saturation")
                     .arg(load.totalOutstanding()));
    r.serverPeakRssKiB = std::max(r.serverPeakRssKiB, server.rssKiB());
    return r;
}

struct PacedResult
{
    Bench::Stats latency;
    double achievedRate = 0;
    double serverCpuPercent = 0;
};

/// Sends \a rate messages a second (round robin over the clients) for \a ms and times every
/// reception by every client.
PacedResult paced(Load &load, const ServerProcess &server, int rate, int ms)
{
    PacedResult r;
    load.latencyMs.clear();
    load.latencyMs.reserve(
            qsizetype(double(rate) * ms / 1000.0 * double(load.clients.size()) * 1.1));
    load.recordAllReceivers = true;
    load.recordLatency = true;
    load.setPhase(Load::Phase::Paced);
    qint64 sent = 0;
    std::size_t next = 0;
    QElapsedTimer clock;
    clock.start();
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    // The timer only paces: every tick sends what is due by now, so a late tick catches up.
    QObject::connect(&pacer, &QTimer::timeout, &pacer, [&] {
        const qint64 due = clock.nsecsElapsed() * rate / 1000000000;
        while (sent < due) {
            load.clients.at(next)->say();
            next = (next + 1) % load.clients.size();
            ++sent;
        }
    });
    const double s0 = server.cpuMs();
    pacer.start(1);
    load.runFor(ms);
    pacer.stop();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    r.serverCpuPercent = (server.cpuMs() - s0) / 10.0 / seconds;
    r.achievedRate = double(sent) / seconds;
    if (!load.drain())
        fail(QStringLiteral("%1 paced messages never came back").arg(load.totalOutstanding()));
    load.recordLatency = false;
    r.latency = Bench::stats(load.latencyMs);
    return r;
}

struct BurstResult
{
    double handshakesPerSecond = 0;
    Bench::Stats handshakeMs;
    int failed = 0;
    double serverCpuUsPerHandshake = 0; ///< accept, upgrade, join, leave and close
    double clientCpuUsPerHandshake = 0;
};

/// Opens \a count plain connections at once; the observer (a joined rich client) sees each join
/// and leave, which tells when the server is done with them.
BurstResult burst(Load &load, const ServerProcess &server, int count)
{
    BurstResult r;
    const QUrl url = server.url();
    const double serverCpu0 = server.cpuMs();
    const double clientCpu0 = Bench::cpuMs();
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    sockets.reserve(std::size_t(count));
    QList<qint64> openedNs(count);
    QList<double> handshakeMs;
    int connected = 0;
    int failed = 0;
    int disconnected = 0;
    qint64 lastConnectedNs = 0;
    const qint64 joinsBefore = load.joinsSeen;
    const qint64 leavesBefore = load.leavesSeen;
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QStringLiteral("chatting")});
    const qint64 startNs = nowNs();
    for (int i = 0; i < count; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QObject::connect(socket.get(), &QWebSocket::connected, &load, [&, i] {
            lastConnectedNs = nowNs();
            handshakeMs.append(double(lastConnectedNs - openedNs.at(i)) / 1e6);
            ++connected;
            load.poke();
        });
        QObject::connect(socket.get(), &QWebSocket::disconnected, &load, [&] {
            ++disconnected;
            load.poke();
        });
        QObject::connect(socket.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
                         &load, [&] {
                             ++failed;
                             load.poke();
                         });
        openedNs[i] = nowNs();
        socket->open(QNetworkRequest(url), options);
        sockets.push_back(std::move(socket));
    }
    if (!load.runUntil([&] { return connected + failed >= count; }, 60000))
        fail(QStringLiteral("burst: only %1 of %2 handshakes completed").arg(connected).arg(count));
    r.failed = failed;
    r.handshakesPerSecond = double(connected) / (double(lastConnectedNs - startNs) / 1e9);
    r.handshakeMs = Bench::stats(handshakeMs);
    // The server has admitted them all once the observer saw every join.
    if (!load.runUntil([&] { return load.joinsSeen - joinsBefore >= connected; }, 30000))
        fail(QStringLiteral("burst: the room announced only %1 of %2 joins")
                     .arg(load.joinsSeen - joinsBefore)
                     .arg(connected));
    for (const auto &socket : sockets)
        socket->close();
    if (!load.runUntil([&] { return load.leavesSeen - leavesBefore >= connected; }, 30000))
        fail(QStringLiteral("burst: the room announced only %1 of %2 leaves")
                     .arg(load.leavesSeen - leavesBefore)
                     .arg(connected));
    load.runUntil([&] { return disconnected >= connected; }, 10000);
    r.serverCpuUsPerHandshake = (server.cpuMs() - serverCpu0) * 1000.0 / std::max(1, connected);
    r.clientCpuUsPerHandshake = (Bench::cpuMs() - clientCpu0) * 1000.0 / std::max(1, connected);
    return r;
}

QString mib(qint64 kib)
{
    if (kib <= 0)
        return QStringLiteral("-"); // not measured in this run
    return Bench::fixed(double(kib) / 1024.0, 1);
}

class Report
{
public:
    explicit Report(QTextStream &out)
        : m_out(out)
    {}
    void heading(const QString &text)
    {
        m_out << '\n' << text << '\n';
        m_out.flush();
    }
    void row(const QString &what, const QString &value, const QString &note = {})
    {
        m_out << "| " << what.leftJustified(50) << " | " << value.rightJustified(12) << " | "
              << note << '\n';
        m_out.flush();
    }

private:
    QTextStream &m_out;
};

QString range(const QList<double> &values, int decimals = 0)
{
    const Bench::Stats s = Bench::stats(values);
    return QStringLiteral("median of %1: min %2, max %3")
            .arg(s.count)
            .arg(Bench::fixed(s.min, decimals), Bench::fixed(s.max, decimals));
}

int runBenchmark(const Options &o)
{
    QTextStream out(stdout);
    Report report(out);
    QTemporaryDir logs;
    const QString logFile = logs.filePath(QStringLiteral("server.log"));
    out << "bench_room: " << o.clients << " clients, burst of " << o.burst << ", server "
        << o.server << '\n'
        << Bench::machineLine() << '\n'
        << "load generator: this process, " << dispatcherName() << '\n'
        << "room: "
        << (o.dataDir.isEmpty() ? QStringLiteral("in memory")
                                : QStringLiteral("durable, --data-dir ") + o.dataDir)
        << '\n';
    out.flush();
    const QStringList args = serverArguments(o);
    bool ok = true;

    {
        ServerProcess server(o.server, args, ServerProcess::Dispatcher::Default, logFile);
        const qint64 rssIdle = server.rssKiB();
        Load load;
        load.window = o.window;
        out << "server: pid " << server.pid() << ", " << server.dispatcher() << ", "
            << server.url().toString() << '\n';

        // Handshakes: one rich observer, then bursts of plain connections.
        load.join(server.url(), 1);
        qint64 rssAfterBursts = -1;
        if (o.has(QStringLiteral("handshakes"))) {
            report.heading(QStringLiteral("handshake bursts (%1 connections at once, %2 bursts)")
                                   .arg(o.burst)
                                   .arg(o.burstReps));
            QList<double> rates;
            QList<double> p50s;
            QList<double> p99s;
            QList<double> maxes;
            QList<double> serverCpu;
            QList<double> clientCpu;
            int failed = 0;
            for (int i = 0; i < o.burstReps; ++i) {
                const BurstResult b = burst(load, server, o.burst);
                serverCpu.append(b.serverCpuUsPerHandshake);
                clientCpu.append(b.clientCpuUsPerHandshake);
                rates.append(b.handshakesPerSecond);
                p50s.append(b.handshakeMs.median);
                p99s.append(b.handshakeMs.p99);
                maxes.append(b.handshakeMs.max);
                failed += b.failed;
            }
            report.row(QStringLiteral("handshakes per second"),
                       Bench::fixed(Bench::median(rates), 0), range(rates));
            report.row(QStringLiteral("open → 101, p50 (ms)"), Bench::fixed(Bench::median(p50s), 1),
                       range(p50s, 1));
            report.row(QStringLiteral("open → 101, p99 (ms)"), Bench::fixed(Bench::median(p99s), 1),
                       range(p99s, 1));
            report.row(QStringLiteral("open → 101, max (ms)"),
                       Bench::fixed(Bench::median(maxes), 1), range(maxes, 1));
            report.row(QStringLiteral("server CPU per connection (µs)"),
                       Bench::fixed(Bench::median(serverCpu), 0),
                       QStringLiteral("accept to close; %1").arg(range(serverCpu)));
            report.row(QStringLiteral("load generator CPU per connection (µs)"),
                       Bench::fixed(Bench::median(clientCpu), 0), range(clientCpu));
            report.row(QStringLiteral("failed connections"), QString::number(failed));
            rssAfterBursts = server.rssKiB();
        }

        load.join(server.url(), o.clients - 1);
        const qint64 rssJoined = server.rssKiB();

        SaturationResult sat;
        if (o.has(QStringLiteral("saturation"))) {
            report.heading(
                    QStringLiteral(
                            "saturation (%1 clients, %2 in flight each, %3 windows of %4 ms)")
                            .arg(o.clients)
                            .arg(o.window)
                            .arg(o.saturationWindows)
                            .arg(o.windowMs));
            sat = saturate(load, server, o.saturationWindows, o.windowMs, o.warmupMs);
            if (Bench::median(sat.deliveriesPerSecond) <= 0) {
                ok = false;
                std::fprintf(stderr, "bench_room: nothing was relayed at saturation\n");
            }
            report.row(QStringLiteral("messages per second (broadcasts)"),
                       Bench::fixed(Bench::median(sat.messagesPerSecond), 0),
                       range(sat.messagesPerSecond));
            report.row(QStringLiteral("deliveries per second (frames to clients)"),
                       Bench::fixed(Bench::median(sat.deliveriesPerSecond), 0),
                       range(sat.deliveriesPerSecond));
            report.row(QStringLiteral("server CPU (% of one core)"),
                       Bench::fixed(Bench::median(sat.serverCpuPercent), 0),
                       range(sat.serverCpuPercent));
            report.row(QStringLiteral("load generator CPU (% of one core)"),
                       Bench::fixed(Bench::median(sat.clientCpuPercent), 0),
                       range(sat.clientCpuPercent));
            report.row(QStringLiteral("server CPU per delivery (µs)"),
                       Bench::fixed(Bench::median(cpuPerDelivery(sat)), 2),
                       range(cpuPerDelivery(sat), 2));
            report.row(QStringLiteral("latency at saturation, p50 / p99 (ms)"),
                       Bench::fixed(sat.latency.median, 1) + QStringLiteral(" / ")
                               + Bench::fixed(sat.latency.p99, 1),
                       QStringLiteral("client 0's receptions, queueing included"));
        }

        if (o.has(QStringLiteral("latency"))) {
            report.heading(
                    QStringLiteral("latency at %1 messages/s = %2 deliveries/s (%3 runs of %4 ms)")
                            .arg(o.rate)
                            .arg(qint64(o.rate) * o.clients)
                            .arg(o.latencyReps)
                            .arg(o.latencyMs));
            QList<double> lp50;
            QList<double> lp99;
            QList<double> lmax;
            QList<double> lcpu;
            QList<double> achieved;
            for (int i = 0; i < o.latencyReps; ++i) {
                const PacedResult p = paced(load, server, o.rate, o.latencyMs);
                lp50.append(p.latency.median);
                lp99.append(p.latency.p99);
                lmax.append(p.latency.max);
                lcpu.append(p.serverCpuPercent);
                achieved.append(p.achievedRate);
            }
            report.row(QStringLiteral("messages per second sent"),
                       Bench::fixed(Bench::median(achieved), 0));
            report.row(QStringLiteral("latency p50 (ms)"), Bench::fixed(Bench::median(lp50), 2),
                       range(lp50, 2));
            report.row(QStringLiteral("latency p99 (ms)"), Bench::fixed(Bench::median(lp99), 2),
                       range(lp99, 2));
            report.row(QStringLiteral("latency max (ms)"), Bench::fixed(Bench::median(lmax), 2),
                       range(lmax, 2));
            report.row(QStringLiteral("server CPU (% of one core)"),
                       Bench::fixed(Bench::median(lcpu), 0), range(lcpu));
        }

        if (o.has(QStringLiteral("rejoin"))) {
            // Everyone comes back at once (after a server restart or a network blip): rich
            // clients open and say hello together while the room's history is full.
            report.heading(QStringLiteral("rejoin storm (%1 rich clients open and say hello at "
                                          "once, full history, %2 storms)")
                                   .arg(o.rejoin)
                                   .arg(o.rejoinReps));
            QList<double> rates;
            QList<double> p50s;
            QList<double> p99s;
            QList<double> cpu;
            for (int i = 0; i < o.rejoinReps; ++i) {
                const qint64 leavesBefore = load.leavesSeen;
                Load storm;
                storm.nickPrefix = QStringLiteral("storm");
                const double s0 = server.cpuMs();
                const qint64 startNs = nowNs();
                storm.join(server.url(), o.rejoin);
                QList<double> joinMs;
                qint64 lastNs = startNs;
                for (const auto &c : storm.clients) {
                    joinMs.append(double(c->welcomedNs - c->openedNs) / 1e6);
                    lastNs = std::max(lastNs, c->welcomedNs);
                }
                cpu.append((server.cpuMs() - s0) * 1000.0 / o.rejoin);
                rates.append(o.rejoin / (double(lastNs - startNs) / 1e9));
                const Bench::Stats st = Bench::stats(joinMs);
                p50s.append(st.median);
                p99s.append(st.p99);
                storm.closeAll();
                if (!load.runUntil([&] { return load.leavesSeen - leavesBefore >= o.rejoin; },
                                   30000))
                    fail(QStringLiteral("rejoin: the room did not announce every leave"));
            }
            report.row(QStringLiteral("joins per second (open → welcome)"),
                       Bench::fixed(Bench::median(rates), 0), range(rates));
            report.row(QStringLiteral("open → welcome, p50 (ms)"),
                       Bench::fixed(Bench::median(p50s), 1), range(p50s, 1));
            report.row(QStringLiteral("open → welcome, p99 (ms)"),
                       Bench::fixed(Bench::median(p99s), 1), range(p99s, 1));
            report.row(QStringLiteral("server CPU per join (µs)"),
                       Bench::fixed(Bench::median(cpu), 0),
                       QStringLiteral("handshake, hello, welcome with history, leave; %1")
                               .arg(range(cpu)));
        }

        qint64 slowPeak = -1;
        if (o.has(QStringLiteral("slow"))) {
            // A slow reader: joins, then never reads again while the room is saturated. Messages are
            // padded so that the kernel's socket buffers (several MiB on loopback) fill in seconds
            // and the server's own queue for the reader is what grows.
            report.heading(
                    QStringLiteral("slow reader (one client that never reads, room saturated, "
                                   "%1-character messages)")
                            .arg(o.slowText));
            load.padding = u' ' + QString(o.slowText, u'x');
            const int sliceMs = o.smoke ? 250 : 1000;
            QList<double> baseline;
            qint64 baselinePeak = 0;
            slowPeak = 0;
            QList<QPair<double, qint64>> rssTrace; // (seconds, KiB)
            const qint64 phaseStartNs = nowNs();
            QTimer rssSampler;
            QObject::connect(&rssSampler, &QTimer::timeout, &rssSampler, [&] {
                const qint64 rss = server.rssKiB();
                slowPeak = std::max(slowPeak, rss);
                rssTrace.append({double(nowNs() - phaseStartNs) / 1e9, rss});
            });
            rssSampler.start(100);
            auto slice = [&] {
                const qint64 d0 = load.deliveries;
                QElapsedTimer timer;
                timer.start();
                load.runFor(sliceMs);
                return double(load.deliveries - d0) / (double(timer.nsecsElapsed()) / 1e9);
            };
            load.setPhase(Load::Phase::Saturate);
            load.runFor(o.warmupMs);
            for (int i = 0; i < 3; ++i)
                baseline.append(slice());
            baselinePeak = slowPeak;

            RawWebSocketClient slow;
            if (!slow.open(QHostAddress::LocalHost, server.port()))
                fail(QStringLiteral("the slow reader could not connect"));
            slow.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("hello")},
                                      {QStringLiteral("nick"), QStringLiteral("slowpoke")},
                                      {QStringLiteral("client"), QStringLiteral("slow-client")}});
            if (slow.waitForJsonType(QStringLiteral("welcome"), 10000).isEmpty())
                fail(QStringLiteral("the slow reader was not welcomed"));
            slow.pauseReading();
            load.watchLeaveOf = QStringLiteral("slowpoke");
            const qint64 slowStartNs = nowNs();
            QList<double> before;
            QList<double> after;
            while (double(nowNs() - slowStartNs) / 1e6 < o.slowMaxMs && after.size() < 3) {
                const bool wasDropped = load.watchedLeftNs > 0;
                const double rate = slice();
                if (wasDropped)
                    after.append(rate);
                else if (load.watchedLeftNs == 0)
                    before.append(rate);
            }
            rssSampler.stop();
            if (!load.drain())
                fail(QStringLiteral("messages stuck after the slow-reader run"));
            load.padding.clear();
            const bool dropped = load.watchedLeftNs > 0;
            report.row(QStringLiteral("slow reader dropped after (s)"),
                       dropped ? Bench::fixed(double(load.watchedLeftNs - slowStartNs) / 1e9, 1)
                               : QStringLiteral("never"),
                       dropped ? QStringLiteral("leave reason \"%1\"").arg(load.watchedLeaveReason)
                               : QStringLiteral("within %1 ms").arg(o.slowMaxMs));
            report.row(QStringLiteral("server VmRSS peak before it joined (MiB)"),
                       mib(baselinePeak));
            report.row(QStringLiteral("server VmRSS peak with it (MiB)"), mib(slowPeak),
                       QStringLiteral("+%1 MiB; the queue cap is %2")
                               .arg(mib(slowPeak - baselinePeak),
                                    o.maxQueued.isEmpty() ? QStringLiteral("the default (4 MiB)")
                                                          : o.maxQueued + QStringLiteral(" bytes")));
            report.row(QStringLiteral("server VmRSS after the drop (MiB)"), mib(server.rssKiB()));
            report.row(QStringLiteral("deliveries/s before it joined"),
                       Bench::fixed(Bench::median(baseline), 0), range(baseline));
            report.row(QStringLiteral("others' deliveries/s while it is connected"),
                       Bench::fixed(Bench::median(before), 0), range(before));
            report.row(QStringLiteral("others' deliveries/s after the drop"),
                       Bench::fixed(Bench::median(after), 0), range(after));
            QStringList trace;
            for (qsizetype i = 0; i < rssTrace.size();
                 i += std::max<qsizetype>(1, rssTrace.size() / 12))
                trace.append(QStringLiteral("%1s:%2").arg(Bench::fixed(rssTrace.at(i).first, 1),
                                                          mib(rssTrace.at(i).second)));
            out << "server VmRSS over time (MiB; the reader joined at "
                << Bench::fixed(double(slowStartNs - phaseStartNs) / 1e9, 1)
                << " s): " << trace.join(QStringLiteral("  ")) << '\n';
        }

        report.heading(QStringLiteral("server memory (VmRSS)"));
        report.row(QStringLiteral("idle, no peers (MiB)"), mib(rssIdle));
        report.row(QStringLiteral("after %1 bursts of %2 connections (MiB)")
                           .arg(o.burstReps)
                           .arg(o.burst),
                   mib(rssAfterBursts));
        report.row(QStringLiteral("%1 rich peers joined, idle (MiB)").arg(o.clients),
                   mib(rssJoined));
        report.row(QStringLiteral("peak at saturation (MiB)"), mib(sat.serverPeakRssKiB));
        report.row(QStringLiteral("peak with the slow reader (MiB)"), mib(slowPeak),
                   QStringLiteral("%1-character messages").arg(o.slowText));
        report.row(QStringLiteral("server VmHWM at the end (MiB)"),
                   mib(Bench::procStatusKiB(QStringLiteral("VmHWM"), server.pid())));
        load.closeAll();
    }

    if (o.has(QStringLiteral("glib"))) {
        // The same room code in this program's --serve mode, once on the Unix dispatcher and once
        // on glib's, alternating, with more peers (glib's cost grows with the sockets it polls).
        report.heading(QStringLiteral("event dispatcher: Unix (QT_NO_GLIB=1) vs glib, %1 clients, "
                                      "bench_room --serve, %2 rounds alternating")
                               .arg(o.glibClients)
                               .arg(o.glibRounds));
        struct Figures
        {
            QString name;
            QList<double> deliveries, cpuPerDelivery, p50, p99, pacedCpu;
        };
        Figures figures[2];
        const ServerProcess::Dispatcher kinds[2] = {ServerProcess::Dispatcher::Unix,
                                                    ServerProcess::Dispatcher::Glib};
        QStringList serveArgs = {QStringLiteral("--serve")};
        serveArgs += args;
        for (int round = 0; round < o.glibRounds; ++round) {
            for (int k = 0; k < 2; ++k) {
                // Alternate which goes first, so a drift in the machine's load hits both.
                const int which = (round % 2 == 0) ? k : 1 - k;
                ServerProcess server(QCoreApplication::applicationFilePath(), serveArgs,
                                     kinds[which], logFile);
                figures[which].name = server.dispatcher();
                Load load;
                load.window = std::max(1, o.window / 4);
                load.join(server.url(), o.glibClients);
                const SaturationResult sat = saturate(load, server, 1, o.glibMs, o.warmupMs);
                const PacedResult p = paced(load, server, o.glibRate, o.glibMs);
                figures[which].deliveries.append(sat.deliveriesPerSecond.constFirst());
                figures[which].cpuPerDelivery.append(cpuPerDelivery(sat).constFirst());
                figures[which].p50.append(p.latency.median);
                figures[which].p99.append(p.latency.p99);
                figures[which].pacedCpu.append(p.serverCpuPercent);
                load.closeAll();
            }
        }
        out << "| " << QStringLiteral("measure").leftJustified(50) << " | "
            << figures[0].name.rightJustified(24) << " | " << figures[1].name.rightJustified(24)
            << " |\n";
        auto pair = [&](const QString &what, const QList<double> &a, const QList<double> &b,
                        int decimals) {
            out << "| " << what.leftJustified(50) << " | "
                << Bench::fixed(Bench::median(a), decimals).rightJustified(24) << " | "
                << Bench::fixed(Bench::median(b), decimals).rightJustified(24) << " |\n";
        };
        pair(QStringLiteral("deliveries per second at saturation"), figures[0].deliveries,
             figures[1].deliveries, 0);
        pair(QStringLiteral("server CPU per delivery (µs)"), figures[0].cpuPerDelivery,
             figures[1].cpuPerDelivery, 2);
        pair(QStringLiteral("latency p50 at %1 msg/s (ms)").arg(o.glibRate), figures[0].p50,
             figures[1].p50, 2);
        pair(QStringLiteral("latency p99 at %1 msg/s (ms)").arg(o.glibRate), figures[0].p99,
             figures[1].p99, 2);
        pair(QStringLiteral("server CPU at %1 msg/s (% of one core)").arg(o.glibRate),
             figures[0].pacedCpu, figures[1].pacedCpu, 1);
        out.flush();
    }
    return ok ? 0 : 1;
}

/// --serve: a RoomServer in this process, with whatever dispatcher the environment selects.
int serve(QCoreApplication &app, QStringList arguments)
{
    arguments.removeAll(QStringLiteral("--serve"));
    Parlor::ServerCommandLine commandLine;
    if (commandLine.parse(arguments) != Parlor::ServerCommandLine::Outcome::Run) {
        std::fprintf(stderr, "bench_room --serve: %s\n", qPrintable(commandLine.errorText));
        return 2;
    }
    Parlor::RoomServer room(commandLine.config);
    Parlor::UnixSignalWatcher watcher;
    watcher.watch(SIGINT);
    watcher.watch(SIGTERM);
    QObject::connect(&watcher, &Parlor::UnixSignalWatcher::signalReceived, &room,
                     &Parlor::RoomServer::shutdown);
    QObject::connect(&room, &Parlor::RoomServer::stopped, &app, &QCoreApplication::quit);
    if (!room.listen(commandLine.bindAddress, commandLine.port)) {
        std::fprintf(stderr, "bench_room --serve: %s\n", qPrintable(room.errorString()));
        return 1;
    }
    QTextStream out(stdout);
    out << "dispatcher: " << dispatcherName() << '\n'
        << "ws://" << room.address().toString() << ':' << room.port() << '\n';
    out.flush();
    return app.exec();
}

void raiseFileLimit()
{
    // Bursts of connections need file descriptors on both sides; the server inherits this.
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    bool serveMode = false;
    for (int i = 1; i < argc; ++i)
        serveMode = serveMode || qstrcmp(argv[i], "--serve") == 0;
    // The load generator runs on the Unix dispatcher like the server (it is cheaper per socket);
    // in --serve mode the environment the parent chose decides.
    if (!serveMode && qEnvironmentVariableIsEmpty("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    raiseFileLimit();
    QCoreApplication app(argc, argv);
    if (serveMode)
        return serve(app, app.arguments());

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Room server benchmark (docs/PERFORMANCE.md)."));
    parser.addHelpOption();
    Options o;
    o.server = TestSupport::serverBinary();
    auto intOption = [&](const QString &name, const QString &description, int value) {
        return QCommandLineOption(name,
                                  QStringLiteral("%1 (default %2).").arg(description).arg(value),
                                  QStringLiteral("n"), QString::number(value));
    };
    const QCommandLineOption serverOption(QStringLiteral("server"),
                                          QStringLiteral("The parlor-server binary."),
                                          QStringLiteral("path"), o.server);
    const QCommandLineOption clientsOption = intOption(QStringLiteral("clients"),
                                                       QStringLiteral("Rich clients in the room"),
                                                       o.clients);
    const QCommandLineOption burstOption = intOption(QStringLiteral("burst"),
                                                     QStringLiteral(
                                                             "Connections per handshake burst"),
                                                     o.burst);
    const QCommandLineOption burstRepsOption = intOption(QStringLiteral("bursts"),
                                                         QStringLiteral("Handshake bursts"),
                                                         o.burstReps);
    const QCommandLineOption windowOption
            = intOption(QStringLiteral("in-flight"),
                        QStringLiteral("Messages each client keeps in flight at saturation"),
                        o.window);
    const QCommandLineOption windowsOption = intOption(QStringLiteral("windows"),
                                                       QStringLiteral("Saturation windows"),
                                                       o.saturationWindows);
    const QCommandLineOption windowMsOption = intOption(QStringLiteral("window-ms"),
                                                        QStringLiteral(
                                                                "Length of a saturation window"),
                                                        o.windowMs);
    const QCommandLineOption rateOption
            = intOption(QStringLiteral("rate"),
                        QStringLiteral("Messages per second for the latency runs"), o.rate);
    const QCommandLineOption latencyRepsOption = intOption(QStringLiteral("latency-runs"),
                                                           QStringLiteral("Latency runs"),
                                                           o.latencyReps);
    const QCommandLineOption latencyMsOption = intOption(QStringLiteral("latency-ms"),
                                                         QStringLiteral("Length of a latency run"),
                                                         o.latencyMs);
    const QCommandLineOption slowMsOption = intOption(QStringLiteral("slow-ms"),
                                                      QStringLiteral("Longest slow-reader run"),
                                                      o.slowMaxMs);
    const QCommandLineOption rejoinOption = intOption(QStringLiteral("rejoin"),
                                                      QStringLiteral(
                                                              "Rich clients per rejoin storm"),
                                                      o.rejoin);
    const QCommandLineOption slowTextOption
            = intOption(QStringLiteral("slow-text"),
                        QStringLiteral("Characters per message in the slow-reader run"),
                        o.slowText);
    const QCommandLineOption
            maxQueuedOption(QStringLiteral("max-queued"),
                            QStringLiteral(
                                    "Passed to the server (default: the server's own default)."),
                            QStringLiteral("bytes"));
    const QCommandLineOption glibClientsOption
            = intOption(QStringLiteral("glib-clients"),
                        QStringLiteral("Clients in the dispatcher comparison"), o.glibClients);
    const QCommandLineOption glibRateOption
            = intOption(QStringLiteral("glib-rate"),
                        QStringLiteral(
                                "Messages per second for the dispatcher comparison's latency"),
                        o.glibRate);
    const QCommandLineOption glibRoundsOption
            = intOption(QStringLiteral("glib-rounds"),
                        QStringLiteral("Rounds of the dispatcher comparison"), o.glibRounds);
    const QCommandLineOption phasesOption(QStringLiteral("phases"),
                                          QStringLiteral(
                                                  "Comma-separated phases to run (default %1).")
                                                  .arg(o.phases.join(u',')),
                                          QStringLiteral("list"));
    const QCommandLineOption
            durableOption(QStringLiteral("durable"),
                          QStringLiteral(
                                  "A durable room: the server gets --data-dir on a new temporary "
                                  "directory, its log in SQLite (default: the room in memory)."));
    const QCommandLineOption
            smokeOption(QStringLiteral("smoke"),
                        QStringLiteral(
                                "A few seconds with tiny sizes: proves the benchmark works."));
    parser.addOptions({serverOption,      clientsOption,   burstOption,       burstRepsOption,
                       windowOption,      windowsOption,   windowMsOption,    rateOption,
                       latencyRepsOption, latencyMsOption, slowMsOption,      slowTextOption,
                       rejoinOption,      maxQueuedOption, glibClientsOption, glibRateOption,
                       glibRoundsOption,  phasesOption,    durableOption,     smokeOption});
    parser.process(app);

    if (parser.isSet(smokeOption)) {
        o.smoke = true;
        o.clients = 4;
        o.burst = 20;
        o.burstReps = 1;
        o.saturationWindows = 1;
        o.windowMs = 300;
        o.warmupMs = 100;
        o.rate = 100;
        o.latencyReps = 1;
        o.latencyMs = 500;
        o.rejoin = 10;
        o.rejoinReps = 1;
        o.slowMaxMs = 3000;
        o.maxQueued = QStringLiteral("65536");
        o.glibClients = 4;
        o.glibRounds = 1;
        o.glibMs = 300;
    }
    auto intValue = [&](const QCommandLineOption &option, int *value) {
        if (parser.isSet(option))
            *value = std::max(1, parser.value(option).toInt());
    };
    o.server = parser.value(serverOption);
    intValue(clientsOption, &o.clients);
    intValue(burstOption, &o.burst);
    intValue(burstRepsOption, &o.burstReps);
    intValue(windowOption, &o.window);
    intValue(windowsOption, &o.saturationWindows);
    intValue(windowMsOption, &o.windowMs);
    intValue(rateOption, &o.rate);
    intValue(latencyRepsOption, &o.latencyReps);
    intValue(latencyMsOption, &o.latencyMs);
    intValue(slowMsOption, &o.slowMaxMs);
    intValue(slowTextOption, &o.slowText);
    intValue(rejoinOption, &o.rejoin);
    intValue(glibClientsOption, &o.glibClients);
    intValue(glibRateOption, &o.glibRate);
    intValue(glibRoundsOption, &o.glibRounds);
    if (parser.isSet(maxQueuedOption))
        o.maxQueued = parser.value(maxQueuedOption);
    if (parser.isSet(phasesOption))
        o.phases = parser.value(phasesOption).split(u',', Qt::SkipEmptyParts);
    QTemporaryDir dataDir;
    if (parser.isSet(durableOption))
        o.dataDir = dataDir.filePath(QStringLiteral("room"));
    QElapsedTimer total;
    total.start();
    int code = 0;
    try {
        code = runBenchmark(o);
    } catch (const Failure &failure) {
        std::fprintf(stderr, "bench_room: %s\n", qPrintable(failure.why));
        code = 1;
    }
    std::printf("\ntotal run time: %.1f s\n", double(total.elapsed()) / 1000.0);
    return code;
}
