#include "loadgenerator.h"

#include "processsample.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace bench {

namespace {
constexpr std::uint64_t timerToken = ~std::uint64_t(0);
constexpr std::size_t maxResponseHead = 16384;
constexpr std::size_t maxMessage = 64 * 1024 * 1024;
const char marker[] = "~pb~";
} // namespace

struct LoadGenerator::Connection
{
    enum State { Idle, Connecting, Upgrading, AwaitingWelcome, Joined, Closed };
    int index = 0;
    int server = 0; ///< which of the URLs
    int fd = -1;
    State state = Idle;
    std::string key;
    std::string in;
    std::string out;
    std::size_t outSent = 0;
    std::string message; ///< a fragmented message being put together
    bool inMessage = false;
    bool watchingWrite = false;
    std::int64_t startNs = 0;
    std::int64_t helloNs = 0;
};

LoadGenerator::LoadGenerator(GeneratorConfig config)
    : m_config(std::move(config))
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = timerToken;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_timer, &event);
    if (getrandom(&m_random, sizeof m_random, 0) != sizeof m_random || m_random == 0)
        m_random = 0x9e3779b97f4a7c15ULL ^ static_cast<std::uint64_t>(nowNs());
    m_connections.resize(static_cast<std::size_t>(std::max(0, m_config.clients)));
    m_resolved.assign(m_config.urls.size(), nullptr);
    for (std::size_t i = 0; i < m_connections.size(); ++i) {
        m_connections[i].index = static_cast<int>(i);
        m_connections[i].server = static_cast<int>(
                i % std::max<std::size_t>(1, m_config.urls.size()));
    }
    m_epochNs = nowNs();
}

LoadGenerator::~LoadGenerator()
{
    for (auto &connection : m_connections)
        closeSocket(connection);
    for (addrinfo *resolved : m_resolved) {
        if (resolved)
            freeaddrinfo(resolved);
    }
    close(m_timer);
    close(m_epoll);
}

std::int64_t LoadGenerator::nowNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

std::uint32_t LoadGenerator::nextMask()
{
    // xorshift64*: masks only have to be unpredictable to a browser-side attacker (RFC 6455
    // section 10.3), which a load generator has none of; seeded from getrandom().
    m_random ^= m_random >> 12;
    m_random ^= m_random << 25;
    m_random ^= m_random >> 27;
    return static_cast<std::uint32_t>((m_random * 0x2545F4914F6CDD1DULL) >> 32);
}

void LoadGenerator::armTimer(std::int64_t atNs)
{
    itimerspec spec{};
    if (atNs <= 0)
        atNs = 1; // zero would disarm it
    spec.it_value.tv_sec = atNs / 1000000000;
    spec.it_value.tv_nsec = atNs % 1000000000;
    timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &spec, nullptr);
}

template<typename Done>
bool LoadGenerator::pump(std::int64_t deadlineNs, Done done,
                         std::int64_t (*nextWake)(LoadGenerator &))
{
    epoll_event events[512];
    for (;;) {
        if (nextWake)
            sendDue();
        if (done())
            return true;
        const std::int64_t now = nowNs();
        if (now >= deadlineNs)
            return false;
        std::int64_t wake = deadlineNs;
        if (nextWake)
            wake = std::min(wake, nextWake(*this));
        armTimer(wake);
        const int count = epoll_wait(m_epoll, events, 512, -1);
        if (count < 0) {
            if (errno == EINTR)
                continue;
            std::perror("parlor-bench: epoll_wait");
            return false;
        }
        for (int i = 0; i < count; ++i) {
            if (events[i].data.u64 == timerToken) {
                std::uint64_t expirations;
                [[maybe_unused]] auto ignored = read(m_timer, &expirations, sizeof expirations);
                continue;
            }
            handleEvent(m_connections[events[i].data.u64], events[i].events);
        }
    }
}

const addrinfo *LoadGenerator::resolve(Connection &connection)
{
    // Once per URL: every connection to it goes to one host.
    addrinfo *&resolved = m_resolved[static_cast<std::size_t>(connection.server)];
    if (resolved)
        return resolved;
    const WsUrl &url = m_config.urls[static_cast<std::size_t>(connection.server)];
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    const int status = getaddrinfo(url.host.c_str(), std::to_string(url.port).c_str(), &hints,
                                   &resolved);
    if (status != 0) {
        resolved = nullptr;
        ++m_inFlight;
        fail(connection, std::string("cannot resolve the host: ") + gai_strerror(status));
    }
    return resolved;
}

void LoadGenerator::startConnection(Connection &connection)
{
    const addrinfo *resolved = resolve(connection);
    if (!resolved)
        return;
    ++m_inFlight;
    connection.startNs = nowNs();
    connection.fd = socket(resolved->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (connection.fd < 0) {
        fail(connection, std::string("socket: ") + std::strerror(errno));
        return;
    }
    const int one = 1;
    setsockopt(connection.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(connection.fd, resolved->ai_addr, resolved->ai_addrlen) < 0
        && errno != EINPROGRESS) {
        fail(connection, std::string("connect: ") + std::strerror(errno));
        return;
    }
    connection.state = Connection::Connecting;
    const std::uint64_t random1 = (static_cast<std::uint64_t>(nextMask()) << 32) | nextMask();
    const std::uint64_t random2 = (static_cast<std::uint64_t>(nextMask()) << 32) | nextMask();
    connection.key = makeWebSocketKey(random1, random2);
    epoll_event event{};
    event.events = EPOLLOUT;
    event.data.u64 = static_cast<std::uint64_t>(connection.index);
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, connection.fd, &event);
    connection.watchingWrite = true;
}

void LoadGenerator::closeSocket(Connection &connection)
{
    if (connection.fd >= 0) {
        close(connection.fd); // also takes it out of the epoll set
        connection.fd = -1;
    }
    connection.state = Connection::Closed;
    connection.in.clear();
    connection.in.shrink_to_fit();
    connection.out.clear();
    connection.out.shrink_to_fit();
    connection.outSent = 0;
}

void LoadGenerator::fail(Connection &connection, const std::string &reason)
{
    const bool wasJoined = connection.state == Connection::Joined;
    closeSocket(connection);
    if (wasJoined) {
        if (m_stepReport)
            ++m_stepReport->lostConnections;
        return;
    }
    if (m_connectReport) {
        ++m_connectReport->failed;
        ++m_connectReport->failures[reason];
    }
    --m_inFlight;
}

void LoadGenerator::lose(Connection &connection)
{
    if (connection.state == Connection::Joined) {
        closeSocket(connection);
        if (m_stepReport)
            ++m_stepReport->lostConnections;
    } else if (connection.state != Connection::Closed) {
        fail(connection,
             "the server closed the connection before the "
                     + std::string(connection.state == Connection::AwaitingWelcome ? "welcome"
                                                                                   : "101"));
    }
}

void LoadGenerator::setWatch(Connection &connection, bool writable)
{
    if (connection.fd < 0 || connection.watchingWrite == writable)
        return;
    epoll_event event{};
    event.events = writable ? EPOLLIN | EPOLLOUT : EPOLLIN;
    event.data.u64 = static_cast<std::uint64_t>(connection.index);
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, connection.fd, &event);
    connection.watchingWrite = writable;
}

void LoadGenerator::flush(Connection &connection)
{
    while (connection.fd >= 0 && connection.outSent < connection.out.size()) {
        const ssize_t written = send(connection.fd, connection.out.data() + connection.outSent,
                                     connection.out.size() - connection.outSent, MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                setWatch(connection, true);
                return;
            }
            if (errno == EINTR)
                continue;
            lose(connection);
            return;
        }
        connection.outSent += static_cast<std::size_t>(written);
    }
    if (connection.fd < 0)
        return;
    connection.out.clear();
    connection.outSent = 0;
    setWatch(connection, false);
}

void LoadGenerator::sendFrame(Connection &connection, int opcode, const char *data, std::size_t size)
{
    if (connection.fd < 0)
        return;
    appendClientFrame(connection.out, opcode, data, size, nextMask());
    if (!connection.watchingWrite)
        flush(connection);
}

void LoadGenerator::handleEvent(Connection &connection, std::uint32_t events)
{
    if (connection.fd < 0)
        return;
    if (connection.state == Connection::Connecting) {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(connection.fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0) {
            fail(connection, std::string("connect: ") + std::strerror(error));
            return;
        }
        if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        connection.state = Connection::Upgrading;
        connection.out = upgradeRequest(m_config.urls[static_cast<std::size_t>(connection.server)],
                                        connection.key, m_config.subprotocol);
        connection.watchingWrite = true; // force the MOD below
        setWatch(connection, false);
        flush(connection);
        return;
    }
    if (events & EPOLLOUT) {
        flush(connection);
        if (connection.fd < 0)
            return;
    }
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP))
        readFrom(connection);
}

void LoadGenerator::readFrom(Connection &connection)
{
    char buffer[65536];
    for (int round = 0; round < 4 && connection.fd >= 0; ++round) {
        const ssize_t got = recv(connection.fd, buffer, sizeof buffer, 0);
        if (got == 0) {
            lose(connection);
            return;
        }
        if (got < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            if (errno == EINTR)
                continue;
            if (connection.state != Connection::Joined && connection.state != Connection::Closed)
                fail(connection, std::string("recv: ") + std::strerror(errno));
            else
                lose(connection);
            return;
        }
        connection.in.append(buffer, static_cast<std::size_t>(got));
        if (connection.state == Connection::Upgrading) {
            const auto end = connection.in.find("\r\n\r\n");
            if (end == std::string::npos) {
                if (connection.in.size() > maxResponseHead)
                    fail(connection, "the response head is longer than 16 KiB");
                continue;
            }
            const std::string problem = validateUpgradeResponse(connection.in.substr(0, end),
                                                                connection.key,
                                                                m_config.subprotocol);
            if (!problem.empty()) {
                fail(connection, problem);
                return;
            }
            const std::int64_t now = nowNs();
            connection.in.erase(0, end + 4);
            m_lastUpgradeNs = now;
            if (m_connectReport) {
                ++m_connectReport->upgraded;
                m_connectReport->handshakeUs.push_back((now - connection.startNs) / 1000);
            }
            if (m_config.rich) {
                connection.state = Connection::AwaitingWelcome;
                std::string features;
                for (const std::string &name : m_config.helloFeatures)
                    features += (features.empty() ? ",\"features\":[\"" : ",\"") + name + "\"";
                if (!features.empty())
                    features += ']';
                const std::string hello = "{\"type\":\"hello\",\"nick\":\"pb"
                                          + std::to_string(getpid() % 100000) + "-"
                                          + std::to_string(connection.index)
                                          + "\",\"client\":\"parlor-bench-"
                                          + std::to_string(getpid()) + "-"
                                          + std::to_string(connection.index) + "\"" + features
                                          + "}";
                connection.helloNs = now;
                sendFrame(connection, Text, hello.data(), hello.size());
            } else {
                connection.state = Connection::Joined;
                m_lastJoinNs = now;
                --m_inFlight;
                if (m_connectReport) {
                    ++m_connectReport->joined;
                    ++m_connectReport->joinedPerServer[static_cast<std::size_t>(connection.server)];
                }
            }
        }
        parseFrames(connection);
    }
}

void LoadGenerator::parseFrames(Connection &connection)
{
    std::size_t at = 0;
    std::string &in = connection.in;
    while (connection.fd >= 0) {
        const std::size_t available = in.size() - at;
        if (available < 2)
            break;
        const auto *bytes = reinterpret_cast<const unsigned char *>(in.data() + at);
        const bool fin = bytes[0] & 0x80;
        const int opcode = bytes[0] & 0x0f;
        const bool masked = bytes[1] & 0x80;
        std::uint64_t length = bytes[1] & 0x7f;
        std::size_t header = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = (std::uint64_t(bytes[2]) << 8) | bytes[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | bytes[2 + i];
            header = 10;
        }
        if (masked) {
            // RFC 6455 section 5.1: a client closes when a server frame is masked.
            fail(connection, "the server sent a masked frame");
            return;
        }
        if (length > maxMessage) {
            fail(connection, "the server sent a frame longer than 64 MiB");
            return;
        }
        if (available < header + length)
            break;
        const char *payload = in.data() + at + header;
        const auto size = static_cast<std::size_t>(length);
        at += header + size;
        switch (opcode) {
        case Text:
        case Binary:
            if (fin) {
                if (opcode == Text)
                    handleMessage(connection, payload, size);
            } else {
                connection.message.assign(payload, size);
                connection.inMessage = opcode == Text;
            }
            break;
        case Continuation:
            if (connection.inMessage) {
                connection.message.append(payload, size);
                if (fin) {
                    connection.inMessage = false;
                    const std::string message = std::move(connection.message);
                    connection.message.clear();
                    handleMessage(connection, message.data(), message.size());
                }
            }
            break;
        case Ping:
            sendFrame(connection, Pong, payload, size);
            break;
        case Close: {
            // Answer with the same code, then hang up: the generator does not wait for the
            // server's side of the TCP close.
            sendFrame(connection, Close, payload, std::min<std::size_t>(size, 2));
            std::string reason = "the server closed the WebSocket";
            if (size >= 2)
                reason += " with code "
                          + std::to_string((static_cast<unsigned char>(payload[0]) << 8)
                                           | static_cast<unsigned char>(payload[1]))
                          + (size > 2 ? " \""
                                                + std::string(payload + 2,
                                                              std::min<std::size_t>(size - 2, 80))
                                                + "\""
                                      : std::string());
            if (connection.state == Connection::Joined)
                lose(connection);
            else
                fail(connection, reason);
            return;
        }
        default:
            break;
        }
    }
    if (connection.fd >= 0)
        in.erase(0, at);
}

void LoadGenerator::handleMessage(Connection &connection, const char *data, std::size_t size)
{
    const std::int64_t now = nowNs();
    if (connection.state == Connection::AwaitingWelcome) {
        static const char welcome[] = "\"type\":\"welcome\"";
        static const char error[] = "\"type\":\"error\"";
        if (memmem(data, size, welcome, sizeof welcome - 1)) {
            connection.state = Connection::Joined;
            m_lastJoinNs = now;
            --m_inFlight;
            if (m_connectReport) {
                ++m_connectReport->joined;
                ++m_connectReport->joinedPerServer[static_cast<std::size_t>(connection.server)];
                m_connectReport->welcomeUs.push_back((now - connection.helloNs) / 1000);
            }
        } else if (memmem(data, size, error, sizeof error - 1)) {
            fail(connection,
                 "the hello was refused: " + std::string(data, std::min<std::size_t>(size, 160)));
        }
        return;
    }
    if (!m_stepReport)
        return;
    const char *found = static_cast<const char *>(memmem(data, size, marker, sizeof marker - 1));
    if (!found)
        return;
    // ~pb~STEP~SENDER~SEQ~SCHEDULED_US~
    const char *cursor = found + sizeof marker - 1;
    const char *end = data + size;
    long long fields[4] = {0, 0, 0, 0};
    for (auto &field : fields) {
        long long value = 0;
        bool digits = false;
        while (cursor < end && *cursor >= '0' && *cursor <= '9') {
            value = value * 10 + (*cursor++ - '0');
            digits = true;
        }
        if (!digits || cursor >= end || *cursor != '~')
            return; // not one of ours after all
        ++cursor;
        field = value;
    }
    if (fields[0] != m_step) {
        ++m_stepReport->stray;
        return;
    }
    ++m_stepReport->delivered;
    const std::int64_t latencyUs = (now - m_epochNs) / 1000 - fields[3];
    const auto sender = static_cast<std::size_t>(fields[1]);
    if (sender < m_connections.size() && m_connections[sender].server != connection.server)
        m_stepReport->crossLatencyUs.push_back(latencyUs);
    else
        m_stepReport->latencyUs.push_back(latencyUs);
}

ConnectReport LoadGenerator::connect()
{
    ConnectReport report;
    m_connectReport = &report;
    report.attempted = static_cast<int>(m_connections.size());
    report.handshakeUs.reserve(m_connections.size());
    report.joinedPerServer.assign(m_config.urls.size(), 0);
    const std::int64_t start = nowNs();
    const std::size_t limit = m_config.connectConcurrency > 0
                                      ? static_cast<std::size_t>(m_config.connectConcurrency)
                                      : m_connections.size();
    m_nextToStart = 0;
    m_inFlight = 0;
    const auto startMore = [&] {
        while (m_nextToStart < m_connections.size() && static_cast<std::size_t>(m_inFlight) < limit)
            startConnection(m_connections[m_nextToStart++]);
    };
    startMore();
    pump(start + std::int64_t(m_config.connectTimeoutMs) * 1000000, [&] {
        startMore();
        return m_nextToStart == m_connections.size() && m_inFlight <= 0;
    });
    for (auto &connection : m_connections) {
        if (connection.state == Connection::Idle) {
            connection.state = Connection::Closed;
            ++report.failed;
            ++report.failures["not started within the connect timeout"];
        } else if (connection.state != Connection::Joined
                   && connection.state != Connection::Closed) {
            fail(connection, connection.state == Connection::AwaitingWelcome
                                     ? "no welcome within the connect timeout"
                                     : "no 101 within the connect timeout");
        }
    }
    report.upgradeWallS = m_lastUpgradeNs > start ? double(m_lastUpgradeNs - start) / 1e9 : 0;
    report.joinWallS = m_lastJoinNs > start ? double(m_lastJoinNs - start) / 1e9 : 0;
    m_connectReport = nullptr;
    return report;
}

void LoadGenerator::idle(int milliseconds)
{
    pump(nowNs() + std::int64_t(milliseconds) * 1000000, [] { return false; });
}

int LoadGenerator::joinedCount() const
{
    return static_cast<int>(
            std::count_if(m_connections.begin(), m_connections.end(),
                          [](const Connection &c) { return c.state == Connection::Joined; }));
}

std::int64_t LoadGenerator::nextSendWake(LoadGenerator &generator)
{
    std::int64_t next = generator.m_sendEndNs;
    for (const auto due : generator.m_nextSendNs)
        next = std::min(next, due);
    return next;
}

void LoadGenerator::sendDue()
{
    const std::int64_t now = nowNs();
    for (std::size_t i = 0; i < m_senders.size(); ++i) {
        Connection &connection = m_connections[static_cast<std::size_t>(m_senders[i])];
        while (m_nextSendNs[i] <= now && m_nextSendNs[i] < m_sendEndNs) {
            const std::int64_t scheduled = m_nextSendNs[i];
            m_nextSendNs[i] += m_periodNs;
            m_stepReport->maxSendLagMs = std::max(m_stepReport->maxSendLagMs,
                                                  double(now - scheduled) / 1e6);
            if (connection.state != Connection::Joined)
                continue; // a lost sender: its messages count as sent and undelivered
            char head[96];
            const int length = std::snprintf(head, sizeof head, "~pb~%d~%d~%llu~%lld~", m_step,
                                             connection.index,
                                             static_cast<unsigned long long>(m_sendSeq[i]++),
                                             static_cast<long long>((scheduled - m_epochNs) / 1000));
            m_text.assign(head, static_cast<std::size_t>(length));
            if (m_text.size() < static_cast<std::size_t>(m_config.messageBytes))
                m_text.append(static_cast<std::size_t>(m_config.messageBytes) - m_text.size(), 'x');
            ++m_stepReport->sent;
            m_stepReport->expected += static_cast<std::uint64_t>(m_stepReport->receivers);
            if (m_config.rich) {
                m_frame = "{\"type\":\"say\",\"id\":\"pb-";
                m_frame += std::to_string(m_step);
                m_frame += '-';
                m_frame += std::to_string(connection.index);
                m_frame += '-';
                m_frame += std::to_string(m_sendSeq[i]);
                m_frame += "\",\"text\":\"";
                m_frame += m_text;
                m_frame += "\"}";
                sendFrame(connection, Text, m_frame.data(), m_frame.size());
            } else {
                sendFrame(connection, Text, m_text.data(), m_text.size());
            }
        }
    }
}

StepReport LoadGenerator::runStep(int senders, double ratePerSender, double durationS, double drainS)
{
    StepReport report;
    ++m_step;
    m_stepReport = &report;
    report.senders = senders;
    report.ratePerSender = ratePerSender;
    report.durationS = durationS;
    report.receivers = joinedCount();
    m_senders.clear();
    for (const auto &connection : m_connections) {
        if (static_cast<int>(m_senders.size()) >= senders)
            break;
        if (connection.state == Connection::Joined)
            m_senders.push_back(connection.index);
    }
    report.senders = static_cast<int>(m_senders.size());
    const double totalRate = ratePerSender * report.senders;
    const double samples = std::min(5e7, totalRate * durationS * report.receivers * 1.05 + 16);
    if (m_config.urls.size() > 1) {
        // Round robin: about 1/n of the deliveries stay on their sender's server.
        const double share = 1.0 / static_cast<double>(m_config.urls.size());
        report.latencyUs.reserve(static_cast<std::size_t>(samples * share * 1.1));
        report.crossLatencyUs.reserve(static_cast<std::size_t>(samples * (1 - share) * 1.1));
    } else {
        report.latencyUs.reserve(static_cast<std::size_t>(samples));
    }
    m_periodNs = ratePerSender > 0 ? static_cast<std::int64_t>(1e9 / ratePerSender) : 0;
    const std::int64_t start = nowNs() + 1000000;
    m_sendEndNs = start + static_cast<std::int64_t>(durationS * 1e9);
    m_nextSendNs.assign(m_senders.size(), m_sendEndNs);
    m_sendSeq.assign(m_senders.size(), 0);
    for (std::size_t i = 0; i < m_senders.size() && m_periodNs > 0; ++i) {
        // Spread the senders evenly over one period rather than sending in bursts.
        m_nextSendNs[i] = start
                          + m_periodNs * static_cast<std::int64_t>(i)
                                    / static_cast<std::int64_t>(m_senders.size());
    }
    const double cpuBefore = ProcessSample::ownCpuSeconds();
    const double waitBefore = ProcessSample::ownRunDelaySeconds();
    pump(
            m_sendEndNs, [] { return false; }, &LoadGenerator::nextSendWake);
    m_senders.clear();
    m_nextSendNs.clear();
    pump(m_sendEndNs + static_cast<std::int64_t>(drainS * 1e9),
         [&] { return report.delivered >= report.expected; });
    const std::int64_t end = nowNs();
    report.wallS = double(end - start) / 1e9;
    report.benchCpuS = ProcessSample::ownCpuSeconds() - cpuBefore;
    report.benchWaitS = ProcessSample::ownRunDelaySeconds() - waitBefore;
    m_stepReport = nullptr;
    return report;
}

void LoadGenerator::closeAll()
{
    static const char normal[2] = {char(0x03), char(0xe8)}; // 1000
    for (auto &connection : m_connections) {
        if (connection.fd >= 0 && connection.state != Connection::Connecting) {
            connection.out.clear();
            connection.outSent = 0;
            connection.watchingWrite = false;
            sendFrame(connection, Close, normal, sizeof normal);
        }
        closeSocket(connection);
    }
}

} // namespace bench
