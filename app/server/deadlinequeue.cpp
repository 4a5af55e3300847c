#include "deadlinequeue.h"

#include <utility>

namespace Parlor {

DeadlineQueue::DeadlineQueue(std::function<void(QObject *)> expired, QObject *parent)
    : QObject(parent)
    , m_expired(std::move(expired))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DeadlineQueue::expire);
    m_clock.start();
}

void DeadlineQueue::add(QObject *object)
{
    m_entries.push_back({m_clock.elapsed() + m_timeoutMs, object});
    if (!m_timer.isActive())
        arm();
}

void DeadlineQueue::clear()
{
    m_entries.clear();
    m_timer.stop();
}

void DeadlineQueue::expire()
{
    const qint64 now = m_clock.elapsed();
    // Taken off the queue before the call: the callback may add or clear.
    while (!m_entries.empty() && m_entries.front().dueMs <= now) {
        const QPointer<QObject> object = std::move(m_entries.front().object);
        m_entries.pop_front();
        if (object)
            m_expired(object);
    }
    if (!m_timer.isActive())
        arm();
}

void DeadlineQueue::arm()
{
    if (m_entries.empty())
        return;
    // A timeout changed in between may put a later entry before an earlier one; the queue is
    // still walked in order, so such an entry waits at most for the one ahead of it.
    m_timer.start(int(qMax<qint64>(0, m_entries.front().dueMs - m_clock.elapsed())));
}

} // namespace Parlor
