#pragma once

// What /proc says about a process at one moment: CPU time used so far and resident memory.

#include <string>
#include <sys/types.h>

namespace bench {

struct ProcessSample
{
    bool valid = false;
    double cpuSeconds = 0; ///< user + system time since the process started
    long rssKiB = 0;       ///< VmRSS
    long threads = 0;

    /// Reads /proc/<pid>/stat and /proc/<pid>/status; valid stays false if the process is gone.
    static ProcessSample of(pid_t pid);
    /// This process's own CPU time (getrusage), for "was the generator the limit?".
    static double ownCpuSeconds();
};

} // namespace bench
