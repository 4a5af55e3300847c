#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>

namespace Parlor {

/// Deadlines of one length for many objects (every connection's handshake, every rich peer's
/// hello), on one timer.
///
/// A QTimer per connection made a burst of connections cost O(n²): Qt keeps a thread's timers
/// in one list sorted by due time, and starting or stopping any shorter timer (the room's
/// 50 ms announcement window, its 2 s memory trim) scanned past every connection's timer. Since
/// the deadlines here all have the same length, they come due in the order they were added: a
/// queue and one timer set for the first of them is enough.
class DeadlineQueue : public QObject
{
    Q_OBJECT

public:
    /// \a expired is called with each object whose deadline passed and that still exists; it
    /// decides whether the object is still late (it may have moved on since it was added).
    explicit DeadlineQueue(std::function<void(QObject *)> expired, QObject *parent = nullptr);

    /// The length of a deadline; applies to objects added from now on.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }

    /// \a object's deadline is timeoutMs() from now. An object destroyed before then is
    /// forgotten.
    void add(QObject *object);
    /// Entries waiting, expired or not (destroyed objects included until their time comes).
    qsizetype size() const { return qsizetype(m_entries.size()); }
    void clear();

private:
    void expire();
    void arm();

    struct Entry
    {
        qint64 dueMs = 0;
        QPointer<QObject> object;
    };
    std::function<void(QObject *)> m_expired;
    std::deque<Entry> m_entries; ///< in the order added, which is the order they come due
    QTimer m_timer;
    QElapsedTimer m_clock;
    int m_timeoutMs = 5000;
};

} // namespace Parlor
