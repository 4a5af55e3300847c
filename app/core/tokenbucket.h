#pragma once

#include <QtGlobal>

namespace Parlor {

/// A token bucket: `rate` tokens a second, holding at most `burst`. Time is passed in (a
/// monotonic clock in milliseconds) so the arithmetic can be tested without waiting.
class TokenBucket
{
public:
    TokenBucket(double rate, double burst, qint64 nowMs);

    /// Takes one token if there is one.
    bool tryTake(qint64 nowMs);
    /// True when the bucket has refilled completely since the last take.
    bool isFull(qint64 nowMs);
    /// Takes \a count tokens (bytes, say) once the bucket holds them, or holds all it can hold
    /// when \a count is more than the burst: the balance may then go below zero, and the debt
    /// is paid back at the rate before anything else is taken. False, taking nothing, before.
    bool tryTake(qint64 nowMs, double count);
    /// Milliseconds until tryTake(\a count) can succeed; 0 when it can now.
    qint64 msUntil(qint64 nowMs, double count);
    double tokens(qint64 nowMs);

private:
    void refill(qint64 nowMs);

    double m_rate = 1;
    double m_burst = 1;
    double m_tokens = 1;
    qint64 m_lastMs = 0;
};

} // namespace Parlor
