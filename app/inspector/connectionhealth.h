#pragma once

#include "client/connectionevent.h"
#include "client/eventlog.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace Parlor {

/// The Health tab's numbers, counted from the events of one EventLog: messages and payload
/// bytes each way, pings and pongs, round-trip times (now, min, mean, max and the last N for a
/// sparkline), the time of the last frame, reconnects and errors. Counting is O(1) per event;
/// changed() comes at most once per pass of the event loop. Everything restarts from zero when
/// the log is cleared (or reset() is called). Counts cover the events seen since then, also
/// those the log's ring has dropped since.
class ConnectionHealth : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionHealth(QObject *parent = nullptr);

    /// Counts the events \a log holds, then follows it (not owned); nullptr detaches.
    void setLog(EventLog *log);
    EventLog *log() const { return m_log; }

    /// Counts one event (what setLog() does for each event of the log): for tests and for a
    /// hosted room's peers, whose events do not come from an EventLog.
    void addEvent(const ConnectionEvent &event);
    /// Back to zero (also on the log's cleared()).
    void reset();

    /// How many round-trip times recentRtts() keeps (default 60).
    void setHistorySize(int size);
    int historySize() const { return m_historySize; }

    qint64 messagesIn() const { return m_messagesIn; }
    qint64 messagesOut() const { return m_messagesOut; }
    /// Payload bytes of data messages (not frame headers, not control frames).
    qint64 bytesIn() const { return m_bytesIn; }
    qint64 bytesOut() const { return m_bytesOut; }
    qint64 pings() const { return m_pings; }
    qint64 pongs() const { return m_pongs; }
    qint64 errors() const { return m_errors; }
    /// Attempts that began while a reconnect was scheduled (by its timer or "Try now").
    qint64 reconnects() const { return m_reconnects; }

    /// Round-trip times in ms; -1 (mean: -1.0) until the first pong.
    qint64 rttMs() const { return m_rttLast; }
    qint64 minRttMs() const { return m_rttMin; }
    qint64 maxRttMs() const { return m_rttMax; }
    double meanRttMs() const { return m_pongs ? double(m_rttSum) / double(m_pongs) : -1.0; }
    /// The last historySize() round-trip times, oldest first.
    QList<qint64> recentRtts() const;

    /// Wall time (UTC) of the last frame either way: a data message, ping, pong or close;
    /// invalid if none yet.
    QDateTime lastFrameAt() const;
    /// Wall time (UTC) of the last frame received (message or pong).
    QDateTime lastReceivedAt() const;
    /// Milliseconds from the last frame to \a nowMsSinceEpoch (default: now); -1 if none.
    qint64 msSinceLastFrame(qint64 nowMsSinceEpoch = -1) const;
    qint64 lastFrameMonotonicMs() const { return m_lastFrameMonotonicMs; }

signals:
    /// Some number changed; at most once per pass of the event loop.
    void changed();

private:
    void scheduleChanged();

    QPointer<EventLog> m_log;
    QTimer m_changedTimer;
    int m_historySize = 60;

    qint64 m_messagesIn = 0;
    qint64 m_messagesOut = 0;
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;
    qint64 m_pings = 0;
    qint64 m_pongs = 0;
    qint64 m_errors = 0;
    qint64 m_reconnects = 0;
    bool m_reconnectPending = false;

    qint64 m_rttLast = -1;
    qint64 m_rttMin = -1;
    qint64 m_rttMax = -1;
    qint64 m_rttSum = 0;
    std::deque<qint64> m_rtts;

    qint64 m_lastFrameWallMs = -1;
    qint64 m_lastFrameMonotonicMs = -1;
    qint64 m_lastReceivedWallMs = -1;
};

} // namespace Parlor
