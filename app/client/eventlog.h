#pragma once

#include "connectionevent.h"

#include <QObject>

#include <deque>

namespace Parlor {

/// A bounded, in-memory log of connection events: a ring that drops the oldest entries and
/// counts them, with a signal for each new one (what the inspector shows live).
class EventLog : public QObject
{
    Q_OBJECT

public:
    explicit EventLog(int capacity = 10000, QObject *parent = nullptr);

    const ConnectionEvent &append(ConnectionEvent event);
    int size() const { return int(m_events.size()); }
    int capacity() const { return m_capacity; }
    qint64 droppedCount() const { return m_dropped; }
    const ConnectionEvent &at(int i) const { return m_events.at(size_t(i)); }
    void clear();

    /// Replays the events held now to \a receiver's \a onEvent, oldest first, then connects it
    /// to every event appended and \a onCleared to cleared(): the one way a reader catches up
    /// with the log and follows it. disconnect(receiver) stops following.
    template<typename Receiver>
    void follow(Receiver *receiver, void (Receiver::*onEvent)(const ConnectionEvent &),
                void (Receiver::*onCleared)())
    {
        for (const ConnectionEvent &event : m_events)
            (receiver->*onEvent)(event);
        connect(this, &EventLog::appended, receiver, onEvent);
        connect(this, &EventLog::cleared, receiver, onCleared);
    }

signals:
    void appended(const Parlor::ConnectionEvent &event);
    void cleared();

private:
    int m_capacity;
    std::deque<ConnectionEvent> m_events;
    qint64 m_nextSeq = 1;
    qint64 m_dropped = 0;
};

} // namespace Parlor
