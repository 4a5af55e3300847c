// parlor-bench: a WebSocket load generator. Opens N connections to a ws:// server, has S of them
// send open-loop, times every delivery at every client, and reports one key=value line (and
// optionally JSON). Usable against any server that sends each text message to every connection,
// the sender included (a broadcast server); --hello speaks parlor.v1 to a Parlor room.
// docs/PERFORMANCE.md ("parlor-bench") explains the figures.

#include "latencysummary.h"
#include "loadgenerator.h"
#include "processsample.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace bench;

namespace {

const char usageText[] = R"(Usage: parlor-bench [OPTIONS] URL...
Load-test a WebSocket server: open many connections to URL (ws://HOST:PORT/PATH), have some of
them send messages open-loop, and time every delivery at every client.

Several URLs (given one after another, or separated by commas) are the servers of one room, such
as parlor-servers on one broker: the clients are spread over them in turn (client i to URL
i mod N), and the latency is also given for deliveries within one server and between two.

The server must send every text message to every connection, the sender's own included (a
broadcast or chat room server). With --hello it is a Parlor room: each client says hello in
parlor.v1 and sends "say" messages. Latency counts from each message's scheduled send time, so a
server that stalls cannot hide it (no coordinated omission).

Presets (options given after or before --preset override its values):
  fanout      100 clients, 10 senders at 20 messages/s each, 5 s
  ramp        100 clients, 10 senders; the rate per sender grows by --ramp-factor every
              --ramp-step seconds until fewer than 99 % are delivered or p99 reaches 100 ms
              (in --ramp-misses steps in a row); reports the highest rate that passed
  idle1000    1000 clients that only connect: handshakes/s, server memory per peer
  idle5000    the same with 5000 clients
  large       1000 clients, 2 senders at 5 messages/s each, 5 s

Options:
  --preset NAME          one of the presets above
  --clients N            connections to open (default 100)
  --senders S            how many of them send (default 0: connect only)
  --rate R               messages a second per sender (default 20)
  --duration SECONDS     how long the senders send (default 5)
  --drain SECONDS        how long to wait for late deliveries afterwards (default 2)
  --size BYTES           length of each message text, at least 40 (default 64)
  --hello                Parlor rich mode: offer parlor.v1, say hello, wait for the welcome
  --hello-features LIST  with --hello: the comma-separated features the hello names, e.g.
                         member-pages (default: none, as an older client)
  --subprotocol NAME     plain mode: offer NAME in Sec-WebSocket-Protocol (default: none)
  --connect-timeout MS   time for all connections to be established (default 60000)
  --connect-concurrency N
                         handshakes in flight at once (default 0: all at once, a burst)
  --settle MS            wait before sampling the idle server's memory (default 500)
  --server-pid PID       read the server's CPU time and memory from /proc/PID; repeat it
                         for several servers (their figures are summed, and the CPU is
                         also given per server, in the order given)
  --broker-pid PID       read a broker's CPU time and memory from /proc/PID too, apart
  --ramp-start R         ramp: first rate per sender (default 10)
  --ramp-factor F        ramp: rate multiplier per step (default 1.5)
  --ramp-step SECONDS    ramp: length of each step (default 2)
  --ramp-max-steps N     ramp: at most N steps (default 30)
  --ramp-misses N        ramp: stop after N failed steps in a row (default 2: one
                         hiccup of a busy machine does not end the ramp)
  --ramp-p99 MS          ramp: a step passes while p99 stays below MS (default 100)
  --ramp-delivered PCT   ramp: a step passes with at least PCT % delivered (default 99)
  --label TEXT           a name for the server, repeated in the summary (default: none)
  --json FILE            also write the results, every ramp step included, to FILE as JSON
  --help                 show this help and exit
  --version              show the version and exit

Output: one line of key=value pairs on standard output (docs/PERFORMANCE.md lists the keys);
problems on standard error. bench_cpu_limited=1 says the generator itself was busy (nearly) all
the time while sending: running, or runnable and waiting for a CPU another process had
(bench_wait_pct; server_wait_pct is the same for the server) — the figures then say more about
the generator or the machine than about the server.

Exit status: 0 when every connection was established (and welcomed) and none was lost; 1 when
some failed (the reasons are on standard error); 2 for a bad command line.
)";

struct Options
{
    std::vector<std::string> urls;
    std::string preset;
    std::optional<int> clients, senders, connectTimeoutMs, connectConcurrency, settleMs, size,
            rampMaxSteps, rampMisses;
    std::optional<double> rate, duration, drain, rampStart, rampFactor, rampStep, rampP99,
            rampDelivered;
    bool hello = false;
    std::string subprotocol;
    std::vector<std::string> helloFeatures;
    std::vector<pid_t> serverPids;
    pid_t brokerPid = 0;
    std::string label;
    std::string jsonFile;
};

/// The values a run uses: the preset's, overridden by what the command line gave.
struct Plan
{
    int clients = 100, senders = 0, connectTimeoutMs = 60000, connectConcurrency = 0,
        settleMs = 500, size = 64, rampMaxSteps = 30, rampMisses = 2;
    double rate = 20, duration = 5, drain = 2, rampStart = 10, rampFactor = 1.5, rampStep = 2,
           rampP99 = 100, rampDelivered = 99;
    bool ramp = false;
};

[[noreturn]] void usageError(const std::string &message)
{
    std::fprintf(stderr, "parlor-bench: %s\nTry 'parlor-bench --help'.\n", message.c_str());
    std::exit(2);
}

template<typename T>
T number(const std::string &option, const char *text, T low, T high)
{
    char *end = nullptr;
    errno = 0;
    const double value = std::strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !std::isfinite(value)
        || value < static_cast<double>(low) || value > static_cast<double>(high)
        || (std::is_integral<T>::value && value != std::floor(value)))
        usageError(option + " needs a number from " + std::to_string(low) + " to "
                   + std::to_string(high) + ", not \"" + text + "\"");
    return static_cast<T>(value);
}

Options parseArguments(int argc, char **argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> const char * {
            if (i + 1 >= argc)
                usageError(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::fputs(usageText, stdout);
            std::exit(0);
        } else if (arg == "--version") {
            std::printf("parlor-bench %s\n", PARLOR_VERSION);
            std::exit(0);
        } else if (arg == "--preset") {
            options.preset = value();
            if (options.preset != "fanout" && options.preset != "ramp"
                && options.preset != "idle1000" && options.preset != "idle5000"
                && options.preset != "large")
                usageError("unknown preset \"" + options.preset
                           + "\" (fanout, ramp, idle1000, idle5000, large)");
        } else if (arg == "--clients") {
            options.clients = number<int>(arg, value(), 1, 1000000);
        } else if (arg == "--senders") {
            options.senders = number<int>(arg, value(), 0, 1000000);
        } else if (arg == "--rate") {
            options.rate = number<double>(arg, value(), 0.01, 1e6);
        } else if (arg == "--duration") {
            options.duration = number<double>(arg, value(), 0.01, 86400);
        } else if (arg == "--drain") {
            options.drain = number<double>(arg, value(), 0, 3600);
        } else if (arg == "--size") {
            options.size = number<int>(arg, value(), 40, 16 * 1024 * 1024);
        } else if (arg == "--hello") {
            options.hello = true;
        } else if (arg == "--hello-features") {
            const std::string list = value();
            options.helloFeatures.clear();
            std::size_t from = 0;
            while (from <= list.size()) {
                const std::size_t comma = list.find(',', from);
                const std::string name = list.substr(from, comma - from);
                // Names go into JSON as they are: keep them to what a feature name is.
                if (name.empty()
                    || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-")
                               != std::string::npos)
                    usageError("--hello-features takes names of lower-case letters, digits and "
                               "'-', separated by commas");
                options.helloFeatures.push_back(name);
                if (comma == std::string::npos)
                    break;
                from = comma + 1;
            }
        } else if (arg == "--subprotocol") {
            options.subprotocol = value();
        } else if (arg == "--connect-timeout") {
            options.connectTimeoutMs = number<int>(arg, value(), 1, 86400000);
        } else if (arg == "--connect-concurrency") {
            options.connectConcurrency = number<int>(arg, value(), 0, 1000000);
        } else if (arg == "--settle") {
            options.settleMs = number<int>(arg, value(), 0, 600000);
        } else if (arg == "--server-pid") {
            options.serverPids.push_back(number<int>(arg, value(), 1, 1 << 30));
        } else if (arg == "--broker-pid") {
            options.brokerPid = number<int>(arg, value(), 1, 1 << 30);
        } else if (arg == "--ramp-start") {
            options.rampStart = number<double>(arg, value(), 0.01, 1e6);
        } else if (arg == "--ramp-factor") {
            options.rampFactor = number<double>(arg, value(), 1.01, 100);
        } else if (arg == "--ramp-step") {
            options.rampStep = number<double>(arg, value(), 0.05, 3600);
        } else if (arg == "--ramp-max-steps") {
            options.rampMaxSteps = number<int>(arg, value(), 1, 1000);
        } else if (arg == "--ramp-misses") {
            options.rampMisses = number<int>(arg, value(), 1, 1000);
        } else if (arg == "--ramp-p99") {
            options.rampP99 = number<double>(arg, value(), 0.001, 1e6);
        } else if (arg == "--ramp-delivered") {
            options.rampDelivered = number<double>(arg, value(), 0, 100);
        } else if (arg == "--label") {
            options.label = value();
        } else if (arg == "--json") {
            options.jsonFile = value();
        } else if (!arg.empty() && arg[0] == '-') {
            usageError("unknown option " + arg);
        } else {
            // ws://a/,ws://b/ as Parlor's own clients take a list of servers.
            std::size_t from = 0;
            for (;;) {
                const std::size_t comma = arg.find(',', from);
                options.urls.push_back(arg.substr(from, comma - from));
                if (comma == std::string::npos)
                    break;
                from = comma + 1;
            }
        }
    }
    if (options.urls.empty())
        usageError("which server? Give its ws:// URL");
    if (options.hello && !options.subprotocol.empty())
        usageError("--hello offers parlor.v1; --subprotocol is for plain mode");
    if (!options.hello && !options.helloFeatures.empty())
        usageError("--hello-features needs --hello");
    return options;
}

Plan makePlan(const Options &options)
{
    Plan plan;
    if (options.preset == "fanout") {
        plan.clients = 100;
        plan.senders = 10;
        plan.rate = 20;
    } else if (options.preset == "ramp") {
        plan.clients = 100;
        plan.senders = 10;
        plan.ramp = true;
    } else if (options.preset == "idle1000") {
        plan.clients = 1000;
    } else if (options.preset == "idle5000") {
        plan.clients = 5000;
    } else if (options.preset == "large") {
        plan.clients = 1000;
        plan.senders = 2;
        plan.rate = 5;
    }
    plan.clients = options.clients.value_or(plan.clients);
    plan.senders = std::min(options.senders.value_or(plan.senders), plan.clients);
    plan.connectTimeoutMs = options.connectTimeoutMs.value_or(plan.connectTimeoutMs);
    plan.connectConcurrency = options.connectConcurrency.value_or(plan.connectConcurrency);
    plan.settleMs = options.settleMs.value_or(plan.settleMs);
    plan.size = options.size.value_or(plan.size);
    plan.rampMaxSteps = options.rampMaxSteps.value_or(plan.rampMaxSteps);
    plan.rampMisses = options.rampMisses.value_or(plan.rampMisses);
    plan.rate = options.rate.value_or(plan.rate);
    plan.duration = options.duration.value_or(plan.duration);
    plan.drain = options.drain.value_or(plan.drain);
    plan.rampStart = options.rampStart.value_or(plan.rampStart);
    plan.rampFactor = options.rampFactor.value_or(plan.rampFactor);
    plan.rampStep = options.rampStep.value_or(plan.rampStep);
    plan.rampP99 = options.rampP99.value_or(plan.rampP99);
    plan.rampDelivered = options.rampDelivered.value_or(plan.rampDelivered);
    return plan;
}

/// Raises the soft limit on open files as far as the hard limit allows; returns the new one.
rlim_t raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur;
}

/// The results, in order, as key=value and as JSON.
class Results
{
public:
    void add(const std::string &key, double value, int decimals = 2)
    {
        char text[64];
        std::snprintf(text, sizeof text, "%.*f", decimals, value);
        m_items.push_back({key, text, false});
    }
    void addInt(const std::string &key, long long value)
    {
        m_items.push_back({key, std::to_string(value), false});
    }
    void addText(const std::string &key, const std::string &value)
    {
        m_items.push_back({key, value, true});
    }
    std::string line() const
    {
        std::string out;
        for (const auto &item : m_items) {
            if (!out.empty())
                out += ' ';
            std::string value = item.value;
            for (auto &c : value) {
                if (c == ' ' || c == '\n' || c == '\t' || c == '=')
                    c = '_'; // one token per value, so `key=value` splits on spaces
            }
            out += item.key + "=" + (value.empty() ? std::string("-") : value);
        }
        return out;
    }
    std::string json(const std::string &indent = "  ") const
    {
        std::string out = "{";
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            out += (i ? ",\n" : "\n") + indent + "\"" + m_items[i].key + "\": ";
            out += m_items[i].isText ? quote(m_items[i].value) : m_items[i].value;
        }
        return out;
    }
    static std::string quote(const std::string &text)
    {
        std::string out = "\"";
        for (const unsigned char c : text) {
            if (c == '"' || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out += escaped;
            } else {
                out += static_cast<char>(c);
            }
        }
        return out + "\"";
    }

private:
    struct Item
    {
        std::string key, value;
        bool isText;
    };
    std::vector<Item> m_items;
};

struct MeasuredStep
{
    StepReport report;
    LatencySummary latency;
    LatencySummary sameLatency, crossLatency; ///< with several URLs
    bool split = false;                       ///< several URLs: the two above are set
    double serverCpuPct = -1;
    std::vector<double> serverCpuPctEach; ///< with several --server-pid
    double serverWaitPct = -1;
    long serverRssKiB = -1;
    double brokerCpuPct = -1;
    long brokerRssKiB = -1;
    bool benchLimited = false;
    bool passed = false;
};

/// The processes a run watches in /proc.
struct Watched
{
    std::vector<pid_t> servers;
    pid_t broker = 0;
    bool severalUrls = false;
};

MeasuredStep measureStep(LoadGenerator &generator, const Watched &watched, int senders, double rate,
                         double duration, double drain)
{
    MeasuredStep step;
    std::vector<ProcessSample> before, after;
    for (const pid_t pid : watched.servers)
        before.push_back(ProcessSample::of(pid));
    const ProcessSample brokerBefore = ProcessSample::of(watched.broker);
    step.report = generator.runStep(senders, rate, duration, drain);
    for (const pid_t pid : watched.servers)
        after.push_back(ProcessSample::of(pid));
    const ProcessSample brokerAfter = ProcessSample::of(watched.broker);
    const double wall = step.report.wallS;
    bool valid = !before.empty() && wall > 0;
    double cpu = 0, wait = 0;
    long rss = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        valid = valid && before[i].valid && after[i].valid;
        const double own = after[i].cpuSeconds - before[i].cpuSeconds;
        cpu += own;
        wait += after[i].runDelaySeconds - before[i].runDelaySeconds;
        rss += after[i].rssKiB;
        step.serverCpuPctEach.push_back(wall > 0 ? 100.0 * own / wall : -1);
    }
    if (valid) {
        step.serverCpuPct = 100.0 * cpu / wall;
        step.serverWaitPct = 100.0 * wait / wall;
        step.serverRssKiB = rss;
    } else {
        step.serverCpuPctEach.assign(step.serverCpuPctEach.size(), -1);
    }
    if (brokerBefore.valid && brokerAfter.valid && wall > 0) {
        step.brokerCpuPct = 100.0 * (brokerAfter.cpuSeconds - brokerBefore.cpuSeconds) / wall;
        step.brokerRssKiB = brokerAfter.rssKiB;
    }
    std::vector<std::int64_t> &same = step.report.latencyUs;
    std::vector<std::int64_t> &cross = step.report.crossLatencyUs;
    step.split = watched.severalUrls;
    if (step.split) {
        step.sameLatency = LatencySummary::of(same);
        step.crossLatency = LatencySummary::of(cross);
    }
    same.insert(same.end(), cross.begin(), cross.end());
    step.latency = LatencySummary::of(same);
    same.clear();
    same.shrink_to_fit();
    cross.clear();
    cross.shrink_to_fit();
    // One thread can use at most one core: when it ran, or wanted to run and waited for a CPU
    // (another process on its core), 90 % of the time, the generator is what limits.
    step.benchLimited = step.report.wallS > 0
                        && (step.report.benchCpuS + step.report.benchWaitS) / step.report.wallS
                                   >= 0.9;
    return step;
}

/// Numbers separated by commas, one token for the summary line.
std::string list(const std::vector<double> &values, int decimals)
{
    std::string out;
    for (const double value : values) {
        char text[64];
        std::snprintf(text, sizeof text, "%.*f", decimals, value);
        out += (out.empty() ? "" : ",") + std::string(text);
    }
    return out;
}

double deliveredPct(const StepReport &report)
{
    return report.expected ? 100.0 * double(report.delivered) / double(report.expected) : 100.0;
}

void addStep(Results &results, const MeasuredStep &step)
{
    const StepReport &r = step.report;
    results.addInt("senders", r.senders);
    results.add("rate", r.ratePerSender);
    results.add("duration_s", r.durationS);
    results.addInt("receivers", r.receivers);
    results.addInt("sent", static_cast<long long>(r.sent));
    results.addInt("expected", static_cast<long long>(r.expected));
    results.addInt("delivered", static_cast<long long>(r.delivered));
    results.add("delivered_pct", deliveredPct(r), 3);
    results.add("deliveries_per_s", r.durationS > 0 ? double(r.delivered) / r.durationS : 0, 1);
    results.add("p50_ms", step.latency.p50Ms, 3);
    results.add("p99_ms", step.latency.p99Ms, 3);
    results.add("p999_ms", step.latency.p999Ms, 3);
    results.add("max_ms", step.latency.maxMs, 3);
    results.addInt("lost", r.lostConnections);
    results.addInt("stray", static_cast<long long>(r.stray));
    results.add("send_lag_max_ms", r.maxSendLagMs, 3);
    if (step.split) {
        results.addInt("delivered_same", static_cast<long long>(step.sameLatency.count));
        results.addInt("delivered_cross", static_cast<long long>(step.crossLatency.count));
        results.add("p50_same_ms", step.sameLatency.p50Ms, 3);
        results.add("p99_same_ms", step.sameLatency.p99Ms, 3);
        results.add("p50_cross_ms", step.crossLatency.p50Ms, 3);
        results.add("p99_cross_ms", step.crossLatency.p99Ms, 3);
    }
    results.add("server_cpu_pct", step.serverCpuPct, 1);
    if (step.serverCpuPctEach.size() > 1)
        results.addText("server_cpu_pct_each", list(step.serverCpuPctEach, 1));
    results.addInt("server_rss_load_kib", step.serverRssKiB);
    results.add("broker_cpu_pct", step.brokerCpuPct, 1);
    results.addInt("broker_rss_load_kib", step.brokerRssKiB);
    results.add("bench_cpu_pct", r.wallS > 0 ? 100.0 * r.benchCpuS / r.wallS : 0, 1);
    results.add("server_wait_pct", step.serverWaitPct, 1);
    results.add("bench_wait_pct", r.wallS > 0 ? 100.0 * r.benchWaitS / r.wallS : 0, 1);
    results.addInt("bench_cpu_limited", step.benchLimited ? 1 : 0);
}

} // namespace

int main(int argc, char **argv)
{
    const Options options = parseArguments(argc, argv);
    const Plan plan = makePlan(options);
    std::vector<WsUrl> urls;
    std::string urlList;
    for (const std::string &text : options.urls) {
        WsUrl url;
        std::string error;
        if (!parseWsUrl(text, url, error))
            usageError("\"" + text + "\": " + error);
        urls.push_back(url);
        urlList += (urlList.empty() ? "" : ",") + text;
    }
    const rlim_t files = raiseFileLimit();
    if (static_cast<rlim_t>(plan.clients) + 32 > files)
        usageError(std::to_string(plan.clients) + " clients need more open files than the limit of "
                   + std::to_string(files) + " allows (raise the hard limit: ulimit -Hn)");
    for (const pid_t pid : options.serverPids) {
        if (!ProcessSample::of(pid).valid)
            usageError("no process " + std::to_string(pid) + " to watch (--server-pid)");
    }
    if (options.brokerPid && !ProcessSample::of(options.brokerPid).valid)
        usageError("no process " + std::to_string(options.brokerPid) + " to watch (--broker-pid)");
    const Watched watched{options.serverPids, options.brokerPid, urls.size() > 1};

    GeneratorConfig config;
    config.urls = urls;
    config.clients = plan.clients;
    config.rich = options.hello;
    config.subprotocol = options.hello ? "parlor.v1" : options.subprotocol;
    config.helloFeatures = options.helloFeatures;
    config.connectTimeoutMs = plan.connectTimeoutMs;
    config.connectConcurrency = plan.connectConcurrency;
    config.messageBytes = plan.size;

    LoadGenerator generator(config);
    const ProcessSample serverBefore = ProcessSample::ofAll(options.serverPids);
    ConnectReport connect = generator.connect();
    const ProcessSample serverConnected = ProcessSample::ofAll(options.serverPids);
    generator.idle(plan.settleMs);
    const ProcessSample serverIdle = ProcessSample::ofAll(options.serverPids);

    std::vector<MeasuredStep> steps;
    int best = -1; // the step the summary reports
    if (connect.joined > 0 && plan.senders > 0) {
        if (plan.ramp) {
            double rate = plan.rampStart;
            int misses = 0;
            for (int i = 0; i < plan.rampMaxSteps; ++i) {
                MeasuredStep step = measureStep(generator, watched, plan.senders, rate,
                                                plan.rampStep, 1.0);
                step.passed = deliveredPct(step.report) >= plan.rampDelivered
                              && step.latency.p99Ms < plan.rampP99
                              && step.report.lostConnections == 0;
                steps.push_back(step);
                std::fprintf(stderr,
                             "parlor-bench: ramp %.1f msg/s per sender: %.1f deliveries/s, "
                             "%.2f %% delivered, p99 %.2f ms%s%s\n",
                             rate, double(step.report.delivered) / plan.rampStep,
                             deliveredPct(step.report), step.latency.p99Ms,
                             step.passed ? "" : " (fails)",
                             step.benchLimited ? " [generator CPU-bound]" : "");
                if (step.report.lostConnections > 0 || generator.joinedCount() == 0)
                    break;
                if (step.passed) {
                    misses = 0;
                    best = static_cast<int>(steps.size()) - 1;
                } else if (++misses >= plan.rampMisses) {
                    break;
                }
                if (step.benchLimited)
                    break; // more would only measure the generator
                rate *= plan.rampFactor;
            }
        } else {
            steps.push_back(measureStep(generator, watched, plan.senders, plan.rate, plan.duration,
                                        plan.drain));
            best = 0;
        }
    }
    const int lost = steps.empty() ? 0 : steps.back().report.lostConnections;
    generator.closeAll();
    ProcessSample serverAfter;
    if (!options.serverPids.empty()) {
        generator.idle(plan.settleMs);
        serverAfter = ProcessSample::ofAll(options.serverPids);
    }

    Results results;
    results.addText("label", options.label);
    results.addText("preset", options.preset.empty() ? std::string("custom") : options.preset);
    results.addText("mode", options.hello ? "rich" : "plain");
    std::string features;
    for (const std::string &name : options.helloFeatures)
        features += (features.empty() ? "" : ",") + name;
    if (options.hello)
        results.addText("hello_features", features.empty() ? std::string("none") : features);
    results.addText("url", urlList);
    results.addInt("servers", static_cast<long long>(urls.size()));
    results.addInt("clients", plan.clients);
    results.addInt("joined", connect.joined);
    if (urls.size() > 1) {
        std::vector<double> joined(connect.joinedPerServer.begin(), connect.joinedPerServer.end());
        results.addText("joined_each", list(joined, 0));
    }
    results.addInt("handshake_failures", connect.failed);
    const LatencySummary handshake = LatencySummary::of(connect.handshakeUs);
    const LatencySummary welcome = LatencySummary::of(connect.welcomeUs);
    results.add("handshakes_per_s",
                connect.upgradeWallS > 0 ? connect.upgraded / connect.upgradeWallS : 0, 1);
    results.add("handshake_p50_ms", handshake.p50Ms, 3);
    results.add("handshake_p99_ms", handshake.p99Ms, 3);
    results.add("handshake_max_ms", handshake.maxMs, 3);
    results.add("welcome_p99_ms", welcome.p99Ms, 3);
    results.add("join_wall_s", connect.joinWallS, 3);
    if (serverBefore.valid && serverIdle.valid) {
        results.add("server_cpu_connect_s", serverConnected.cpuSeconds - serverBefore.cpuSeconds, 3);
        results.addInt("server_rss_before_kib", serverBefore.rssKiB);
        results.addInt("server_rss_idle_kib", serverIdle.rssKiB);
        results.add("server_kib_per_peer",
                    connect.joined
                            ? double(serverIdle.rssKiB - serverBefore.rssKiB) / connect.joined
                            : 0,
                    2);
        results.addInt("server_threads", serverIdle.threads);
    } else {
        results.add("server_cpu_connect_s", -1);
        results.addInt("server_rss_before_kib", -1);
        results.addInt("server_rss_idle_kib", -1);
        results.add("server_kib_per_peer", -1);
        results.addInt("server_threads", -1);
    }
    results.addInt("server_rss_after_kib", serverAfter.valid ? serverAfter.rssKiB : -1);
    if (plan.ramp) {
        results.addInt("ramp_steps", static_cast<long long>(steps.size()));
        results.add("saturation_rate", best >= 0 ? steps[best].report.ratePerSender : 0);
        results.add("saturation_deliveries_per_s",
                    best >= 0 ? double(steps[best].report.delivered) / steps[best].report.durationS
                              : 0,
                    1);
    }
    if (best >= 0) {
        addStep(results, steps[static_cast<std::size_t>(best)]);
    } else {
        MeasuredStep none;
        none.report.senders = plan.senders;
        addStep(results, none);
    }
    std::printf("%s\n", results.line().c_str());
    std::fflush(stdout);

    if (!options.jsonFile.empty()) {
        std::string json = results.json();
        json += ",\n  \"handshake_failure_reasons\": {";
        bool first = true;
        for (const auto &[reason, count] : connect.failures) {
            json += std::string(first ? "\n" : ",\n") + "    " + Results::quote(reason) + ": "
                    + std::to_string(count);
            first = false;
        }
        json += std::string(first ? "" : "\n  ") + "},\n  \"steps\": [";
        for (std::size_t i = 0; i < steps.size(); ++i) {
            Results step;
            addStep(step, steps[i]);
            step.addInt("passed", steps[i].passed ? 1 : 0);
            json += (i ? ",\n    " : "\n    ") + step.json("      ") + "\n    }";
        }
        json += steps.empty() ? "]\n}\n" : "\n  ]\n}\n";
        std::ofstream file(options.jsonFile);
        file << json;
        if (!file) {
            std::fprintf(stderr, "parlor-bench: cannot write %s\n", options.jsonFile.c_str());
            return 1;
        }
    }

    bool ok = true;
    if (connect.failed > 0) {
        ok = false;
        std::fprintf(stderr, "parlor-bench: %d of %d connections failed:\n", connect.failed,
                     connect.attempted);
        for (const auto &[reason, count] : connect.failures)
            std::fprintf(stderr, "  %s (%d)\n", reason.c_str(), count);
    }
    if (lost > 0) {
        ok = false;
        std::fprintf(stderr, "parlor-bench: the server closed %d connection(s) while sending\n",
                     lost);
    }
    for (const auto &step : steps) {
        if (step.benchLimited) {
            std::fprintf(stderr,
                         "parlor-bench: the generator ran %.0f %% and waited for a CPU %.0f %% of "
                         "the time at %.1f msg/s per sender: it was the limit there, not the "
                         "server\n",
                         100.0 * step.report.benchCpuS / step.report.wallS,
                         100.0 * step.report.benchWaitS / step.report.wallS,
                         step.report.ratePerSender);
            break;
        }
    }
    return ok ? 0 : 1;
}
