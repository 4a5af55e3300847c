#include "eventhistory.h"

#include <algorithm>

namespace Parlor {

EventHistory::EventHistory(int capacity)
    : m_capacity(std::max(capacity, 0))
{}

void EventHistory::append(const RoomEvent &event)
{
    Q_ASSERT(m_events.empty() || event.seq > m_events.back().seq);
    if (m_capacity == 0)
        return;
    if (int(m_events.size()) == m_capacity)
        m_events.pop_front();
    m_events.push_back(event);
}

QList<RoomEvent> EventHistory::all() const
{
    return QList<RoomEvent>(m_events.cbegin(), m_events.cend());
}

QList<RoomEvent> EventHistory::after(qint64 since, qint64 roomSeq, bool *gap) const
{
    // Seqs are consecutive, so the first one kept tells whether any the client missed were lost.
    const qint64 firstKept = m_events.empty() ? roomSeq + 1 : m_events.front().seq;
    *gap = since < roomSeq && since + 1 < firstKept;
    const auto from = std::upper_bound(m_events.cbegin(), m_events.cend(), since,
                                       [](qint64 s, const RoomEvent &e) { return s < e.seq; });
    return QList<RoomEvent>(from, m_events.cend());
}

void EventHistory::dropUpTo(qint64 seq)
{
    while (!m_events.empty() && m_events.front().seq <= seq)
        m_events.pop_front();
}

const RoomEvent *EventHistory::find(qint64 seq) const
{
    const auto it = std::lower_bound(m_events.cbegin(), m_events.cend(), seq,
                                     [](const RoomEvent &e, qint64 s) { return e.seq < s; });
    return it != m_events.cend() && it->seq == seq ? &*it : nullptr;
}

} // namespace Parlor
