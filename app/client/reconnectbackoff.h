#pragma once

#include <QtGlobal>

#include <functional>

namespace Parlor {

/// Exponential backoff with full jitter: attempt n waits a uniformly random time in
/// [0, min(cap, initial * 2^n)]. Full jitter spreads a room's clients out when a server comes back.
class ReconnectBackoff
{
public:
    struct Policy
    {
        int initialMs = 500;
        int maxMs = 30000;
        int stableAfterMs = 10000; ///< an Open that lasts this long resets the attempt count
    };

    ReconnectBackoff();
    explicit ReconnectBackoff(const Policy &policy);

    /// The upper bound for \a attempt (0-based).
    int ceilingMs(int attempt) const;
    /// The delay for the next attempt, and counts it. \a random01 returns a number in [0, 1).
    int nextDelayMs(const std::function<double()> &random01 = {});
    int attempts() const { return m_attempt; }
    void reset() { m_attempt = 0; }
    const Policy &policy() const { return m_policy; }

private:
    Policy m_policy;
    int m_attempt = 0;
};

} // namespace Parlor
