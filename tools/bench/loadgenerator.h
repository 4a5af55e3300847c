#pragma once

// The engine of parlor-bench: N WebSocket client connections on one epoll loop in one thread,
// with no Qt and no allocation per delivery beyond the latency sample, so that the generator is
// never the bottleneck of what it measures (and says so when it is: see StepReport::benchCpuS).
//
// With several servers (URLs), connection i goes to server i mod (number of servers): a room
// spread over several servers on one broker is measured like one room, and every delivery is
// also counted as same-server (sender and receiver on one server) or cross-server.
//
// A run is: connect() once (every handshake validated, and in rich mode a parlor.v1 hello
// answered by a welcome), then any number of runStep() (S senders open-loop at R messages a
// second each, every delivery timed at every client), then closeAll().
//
// Open loop: each sender has a schedule fixed in advance (one message every 1/R s); a message
// carries its *scheduled* send time, and latency is measured from that time, not from when the
// generator got round to sending it. A server that stalls therefore shows its stall in every
// message that should have gone out meanwhile (no coordinated omission).

#include "wsprotocol.h"

#include <netdb.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bench {

struct GeneratorConfig
{
    std::vector<WsUrl> urls; ///< connection i goes to urls[i % urls.size()]
    int clients = 100;
    bool rich = false;       ///< say hello in parlor.v1 and wait for the welcome
    std::string subprotocol; ///< offered in the handshake (rich: parlor.v1); empty: none
    /// Rich: the hello's `features` (already checked to need no JSON escaping); empty: none.
    std::vector<std::string> helloFeatures;
    int connectTimeoutMs = 30000;
    int connectConcurrency = 0; ///< handshakes in flight at once; 0: all at once (a burst)
    int messageBytes = 64;      ///< the length of each chat text
};

struct ConnectReport
{
    int attempted = 0;
    int upgraded = 0; ///< 101 with a valid Sec-WebSocket-Accept
    int joined = 0;   ///< plain: upgraded; rich: welcomed
    int failed = 0;
    std::map<std::string, int> failures;   ///< reason → how many connections failed so
    std::vector<std::int64_t> handshakeUs; ///< connect() to a valid 101, per connection
    std::vector<std::int64_t> welcomeUs;   ///< hello sent to welcome received (rich)
    std::vector<int> joinedPerServer;      ///< joined, per URL in the order given
    double upgradeWallS = 0;               ///< from the first connect() to the last valid 101
    double joinWallS = 0;                  ///< from the first connect() to the last join
};

struct StepReport
{
    int senders = 0;
    double ratePerSender = 0;
    double durationS = 0;
    int receivers = 0;
    std::uint64_t sent = 0;
    std::uint64_t expected = 0;  ///< sent × receivers
    std::uint64_t delivered = 0; ///< deliveries of this step's messages within the step and drain
    std::uint64_t stray = 0;     ///< deliveries of an earlier step's messages that came late
    /// Latency of each delivery whose sender is on the receiver's server (all of them with
    /// one URL), and of those between two servers.
    std::vector<std::int64_t> latencyUs, crossLatencyUs;
    double wallS = 0;        ///< from the first scheduled send to the end of the drain
    double benchCpuS = 0;    ///< the generator's own CPU time over the same span
    double benchWaitS = 0;   ///< time it was runnable but had no CPU (a shared machine)
    double maxSendLagMs = 0; ///< how far behind its schedule the generator ever sent
    int lostConnections = 0;
};

class LoadGenerator
{
public:
    explicit LoadGenerator(GeneratorConfig config);
    ~LoadGenerator();
    LoadGenerator(const LoadGenerator &) = delete;
    LoadGenerator &operator=(const LoadGenerator &) = delete;

    /// Opens every connection and waits until each is joined or has failed (or the connect
    /// timeout passed: those count as failed).
    ConnectReport connect();
    /// Keeps the connections serviced (pings answered) for \a milliseconds.
    void idle(int milliseconds);
    /// S senders (the first S joined connections) send open-loop at \a ratePerSender for
    /// \a durationS, then the generator waits up to \a drainS for the deliveries still due.
    StepReport runStep(int senders, double ratePerSender, double durationS, double drainS);
    /// Sends a close frame on every open connection and closes it.
    void closeAll();

    int joinedCount() const;

private:
    struct Connection;

    static std::int64_t nowNs();
    void startConnection(Connection &connection);
    const addrinfo *resolve(Connection &connection);
    void fail(Connection &connection, const std::string &reason);
    void lose(Connection &connection);
    void handleEvent(Connection &connection, std::uint32_t events);
    void readFrom(Connection &connection);
    void parseFrames(Connection &connection);
    void handleMessage(Connection &connection, const char *data, std::size_t size);
    void sendFrame(Connection &connection, int opcode, const char *data, std::size_t size);
    void flush(Connection &connection);
    void setWatch(Connection &connection, bool writable);
    void closeSocket(Connection &connection);
    /// Runs the loop until \a done() or \a deadlineNs; the timer also wakes it at \a wakeNs.
    template<typename Done>
    bool pump(std::int64_t deadlineNs, Done done,
              std::int64_t (*nextWake)(LoadGenerator &) = nullptr);
    void armTimer(std::int64_t atNs);
    std::uint32_t nextMask();

    GeneratorConfig m_config;
    int m_epoll = -1;
    int m_timer = -1;
    std::vector<Connection> m_connections;
    std::vector<addrinfo *> m_resolved; ///< per URL, once
    std::int64_t m_epochNs = 0;
    std::uint64_t m_random = 0;
    ConnectReport *m_connectReport = nullptr; ///< while connect() runs
    int m_inFlight = 0;
    std::size_t m_nextToStart = 0;
    std::int64_t m_lastUpgradeNs = 0;
    std::int64_t m_lastJoinNs = 0;

    // The step being run.
    int m_step = 0;
    StepReport *m_stepReport = nullptr;
    std::vector<int> m_senders;
    std::vector<std::int64_t> m_nextSendNs;
    std::vector<std::uint64_t> m_sendSeq;
    std::int64_t m_sendEndNs = 0;
    std::int64_t m_periodNs = 0;
    std::string m_text;  ///< scratch: the text of the message being sent
    std::string m_frame; ///< scratch: the JSON of a rich say
    void sendDue();
    static std::int64_t nextSendWake(LoadGenerator &generator);
};

} // namespace bench
