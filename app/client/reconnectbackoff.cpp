#include "reconnectbackoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace Parlor {

ReconnectBackoff::ReconnectBackoff()
    : ReconnectBackoff(Policy())
{}

ReconnectBackoff::ReconnectBackoff(const Policy &policy)
    : m_policy(policy)
{}

int ReconnectBackoff::ceilingMs(int attempt) const
{
    const double ceiling = m_policy.initialMs * std::pow(2.0, std::min(attempt, 30));
    return int(std::min<double>(ceiling, m_policy.maxMs));
}

int ReconnectBackoff::nextDelayMs(const std::function<double()> &random01)
{
    const double r = random01 ? random01() : QRandomGenerator::global()->generateDouble();
    const int delay = int(std::clamp(r, 0.0, 1.0) * ceilingMs(m_attempt));
    ++m_attempt;
    return delay;
}

} // namespace Parlor
