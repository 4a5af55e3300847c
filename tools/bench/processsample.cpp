#include "processsample.h"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace bench {

ProcessSample ProcessSample::of(pid_t pid)
{
    ProcessSample sample;
    if (pid <= 0)
        return sample;
    const std::string dir = "/proc/" + std::to_string(pid);
    std::ifstream stat(dir + "/stat");
    std::string text;
    if (!std::getline(stat, text))
        return sample;
    // The command name (field 2) may hold spaces and parentheses: fields are counted from the
    // last ')'. utime and stime are fields 14 and 15, in clock ticks.
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return sample;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int index = 3; fields >> field; ++index) {
        if (index == 14)
            utime = std::stoull(field);
        else if (index == 15) {
            stime = std::stoull(field);
            break;
        }
    }
    sample.cpuSeconds = static_cast<double>(utime + stime)
                        / static_cast<double>(sysconf(_SC_CLK_TCK));
    std::ifstream status(dir + "/status");
    while (std::getline(status, text)) {
        if (text.compare(0, 6, "VmRSS:") == 0)
            sample.rssKiB = std::stol(text.substr(6));
        else if (text.compare(0, 8, "Threads:") == 0)
            sample.threads = std::stol(text.substr(8));
    }
    std::ifstream schedstat(dir + "/schedstat");
    unsigned long long onCpu = 0, waiting = 0;
    if (schedstat >> onCpu >> waiting)
        sample.runDelaySeconds = static_cast<double>(waiting) / 1e9;
    sample.valid = true;
    return sample;
}

ProcessSample ProcessSample::ofAll(const std::vector<pid_t> &pids)
{
    ProcessSample sum;
    sum.valid = !pids.empty();
    for (const pid_t pid : pids) {
        const ProcessSample one = of(pid);
        sum.valid = sum.valid && one.valid;
        sum.cpuSeconds += one.cpuSeconds;
        sum.rssKiB += one.rssKiB;
        sum.threads += one.threads;
        sum.runDelaySeconds += one.runDelaySeconds;
    }
    return sum;
}

double ProcessSample::ownCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double ProcessSample::ownRunDelaySeconds()
{
    std::ifstream schedstat("/proc/self/schedstat");
    unsigned long long onCpu = 0, waiting = 0;
    if (schedstat >> onCpu >> waiting)
        return static_cast<double>(waiting) / 1e9;
    return 0;
}

} // namespace bench
