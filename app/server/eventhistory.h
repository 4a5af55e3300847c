#pragma once

#include "protocol/messages.h"

#include <QList>

#include <deque>

namespace Parlor {

/// The room's last N numbered events: a ring that answers "what came after seq S".
class EventHistory
{
public:
    explicit EventHistory(int capacity);

    void append(const RoomEvent &event);
    int capacity() const { return m_capacity; }
    int size() const { return int(m_events.size()); }

    /// All events kept, oldest first.
    QList<RoomEvent> all() const;
    /// The events with seq > \a since, in a room whose latest seq is \a roomSeq. \a gap is set
    /// when some of them are no longer kept.
    QList<RoomEvent> after(qint64 since, qint64 roomSeq, bool *gap) const;
    /// Forgets the events up to and including \a seq.
    void dropUpTo(qint64 seq);
    /// The event with \a seq, if it is still kept.
    const RoomEvent *find(qint64 seq) const;

private:
    int m_capacity = 0;
    std::deque<RoomEvent> m_events;
};

} // namespace Parlor
