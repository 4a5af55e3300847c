#include "tokenbucket.h"

#include <algorithm>
#include <cmath>

namespace Parlor {

TokenBucket::TokenBucket(double rate, double burst, qint64 nowMs)
    : m_rate(std::max(rate, 0.001))
    , m_burst(std::max(burst, 1.0))
    , m_tokens(m_burst)
    , m_lastMs(nowMs)
{}

void TokenBucket::refill(qint64 nowMs)
{
    if (nowMs > m_lastMs) {
        m_tokens = std::min(m_burst, m_tokens + (nowMs - m_lastMs) * m_rate / 1000.0);
        m_lastMs = nowMs;
    }
}

bool TokenBucket::tryTake(qint64 nowMs)
{
    refill(nowMs);
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

bool TokenBucket::tryTake(qint64 nowMs, double count)
{
    refill(nowMs);
    if (m_tokens < std::min(count, m_burst))
        return false;
    m_tokens -= count;
    return true;
}

qint64 TokenBucket::msUntil(qint64 nowMs, double count)
{
    refill(nowMs);
    const double missing = std::min(count, m_burst) - m_tokens;
    if (missing <= 0)
        return 0;
    return qint64(std::ceil(missing * 1000.0 / m_rate));
}

bool TokenBucket::isFull(qint64 nowMs)
{
    refill(nowMs);
    return m_tokens >= m_burst;
}

double TokenBucket::tokens(qint64 nowMs)
{
    refill(nowMs);
    return m_tokens;
}

} // namespace Parlor
