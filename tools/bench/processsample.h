#pragma once

// What /proc says about a process at one moment: CPU time used so far and resident memory.

#include <string>
#include <sys/types.h>
#include <vector>

namespace bench {

struct ProcessSample
{
    bool valid = false;
    double cpuSeconds = 0; ///< user + system time since the process started
    long rssKiB = 0;       ///< VmRSS
    long threads = 0;
    /// Time the process's threads spent runnable but waiting for a CPU (/proc/PID/schedstat,
    /// the main thread's), in seconds: on a shared machine, CPU time it wanted and did not get.
    double runDelaySeconds = 0;

    /// Reads /proc/<pid>/stat and /proc/<pid>/status; valid stays false if the process is gone.
    static ProcessSample of(pid_t pid);
    /// The processes of \a pids together: CPU time, memory, threads and run delay summed; valid
    /// when every one of them (and at least one) could be read.
    static ProcessSample ofAll(const std::vector<pid_t> &pids);
    /// This process's own CPU time (getrusage), for "was the generator the limit?".
    static double ownCpuSeconds();
    /// This process's own run delay (/proc/self/schedstat), 0 where the kernel has no schedstat.
    static double ownRunDelaySeconds();
};

} // namespace bench
