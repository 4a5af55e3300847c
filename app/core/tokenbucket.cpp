#include "tokenbucket.h"

#include <algorithm>

namespace Parlor {

TokenBucket::TokenBucket(double rate, double burst, qint64 nowMs)
    : m_rate(std::max(rate, 0.001))
    , m_burst(std::max(burst, 1.0))
    , m_tokens(m_burst)
    , m_lastMs(nowMs)
{
}

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
