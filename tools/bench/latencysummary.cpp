#include "latencysummary.h"

#include <algorithm>
#include <cmath>

namespace bench {

LatencySummary LatencySummary::of(std::vector<std::int64_t> &microseconds)
{
    LatencySummary summary;
    summary.count = microseconds.size();
    if (microseconds.empty())
        return summary;
    std::sort(microseconds.begin(), microseconds.end());
    // Nearest rank: the smallest sample with at least q of all samples at or below it.
    const auto rank = [&](double q) {
        const auto index = static_cast<std::size_t>(
                std::ceil(q * static_cast<double>(summary.count)));
        return static_cast<double>(
                       microseconds[std::min(summary.count - 1, index == 0 ? 0 : index - 1)])
               / 1000.0;
    };
    summary.p50Ms = rank(0.50);
    summary.p99Ms = rank(0.99);
    summary.p999Ms = rank(0.999);
    summary.maxMs = static_cast<double>(microseconds.back()) / 1000.0;
    double total = 0;
    for (const auto value : microseconds)
        total += static_cast<double>(value);
    summary.meanMs = total / static_cast<double>(summary.count) / 1000.0;
    return summary;
}

} // namespace bench
