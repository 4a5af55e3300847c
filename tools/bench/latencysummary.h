#pragma once

// Percentiles of a set of latencies, exact (every sample is kept and sorted: a run has at most a
// few million, and the tail is what a benchmark is for).

#include <cstdint>
#include <vector>

namespace bench {

struct LatencySummary
{
    std::size_t count = 0;
    double p50Ms = 0, p99Ms = 0, p999Ms = 0, maxMs = 0, meanMs = 0;

    /// Sorts \a microseconds in place and summarizes it (all zero when empty).
    static LatencySummary of(std::vector<std::int64_t> &microseconds);
};

} // namespace bench
