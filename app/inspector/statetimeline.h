#pragma once

#include "client/closeinfo.h"
#include "client/connectionevent.h"
#include "client/connectionstatemachine.h"
#include "client/eventlog.h"
#include "handshakeexplainer.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>

#include <array>
#include <deque>

namespace Parlor {

/// The connection's state transitions over time, as a list model for the inspector's Timeline:
/// one row per transition (oldest first) with its time, how long the state lasted, and for each
/// Closed why it closed (reason, code, close reason, clean) and what was scheduled next (the
/// reconnect's delay and time). Built from the State, Handshake, Error and Reconnect events of an
/// EventLog, which it follows live; rows stay when the log's ring drops their events.
class StateTimeline : public QAbstractListModel
{
    Q_OBJECT

public:
    using State = ConnectionStateMachine::State;

    enum Role {
        StateRole = Qt::UserRole + 1, ///< State entered (QVariant of State)
        FromStateRole,                ///< State left
        StateNameRole,                ///< translated name of StateRole
        SeqRole,                      ///< the State event's seq in the log
        MonotonicMsRole,              ///< when the state was entered, monotonic ms
        WallTimeRole,                 ///< when the state was entered, QDateTime (UTC)
        DurationMsRole,               ///< ms spent in the state; -1 for the current one
        IsCurrentRole,                ///< the last row: the state the connection is in
        // Closed rows only (invalid QVariant otherwise):
        ReasonRole,             ///< CloseInfo::Reason
        ReasonTextRole,         ///< CloseInfo::reasonText(), e.g. "closed by the server"
        CodeRole,               ///< close code, e.g. 1006
        CodeNameRole,           ///< RFC 6455 name of the code (English, as recorded)
        CodeMeaningRole,        ///< translated one-line meaning of the code (CloseCodes)
        CloseReasonRole,        ///< the close frame's reason text
        CleanRole,              ///< a closing handshake took place
        ErrorRole,              ///< Qt's error text, English, if any
        HttpStatusRole,         ///< for a refused upgrade, else 0
        ReconnectScheduledRole, ///< a reconnect was scheduled after this close
        ReconnectDelayMsRole,   ///< its delay (-1 if none)
        ReconnectAtRole,        ///< its wall time (QDateTime UTC, invalid if none)
        ReconnectAttemptRole,   ///< attempts in a row, this one included (0 if none)
        ReconnectCancelledRole, ///< the user cancelled it
        OfferedRole,            ///< QStringList of subprotocols offered in this attempt
        ChosenRole,             ///< subprotocol the server chose ("" none, invalid if no 101)
        FailureRole,            ///< HandshakeExplainer::Failure
        ExplanationRole,        ///< translated HandshakeExplainer text ("" if none)
        // Failover (several servers; appended, so the roles above keep their numbers):
        UrlRole,            ///< Connecting and Open: the server; Closed: the one tried next
                            ///< ("" with a single server, whose events do not record it)
        AllServersDownRole, ///< Closed: every listed server failed in a row (bool)
    };
    Q_ENUM(Role)

    explicit StateTimeline(QObject *parent = nullptr);

    /// Follows \a log (not owned): rebuilds the rows from the events it holds, then adds a row for
    /// every State event appended. nullptr detaches. The log's cleared() clears the timeline.
    void setLog(EventLog *log);
    EventLog *log() const { return m_log; }

    /// Applies one event (what setLog() does for each event of the log); for tests and for
    /// logs that are not EventLogs (a hosted room's peers).
    void addEvent(const ConnectionEvent &event);
    /// Forgets all rows, totals and the schedule.
    void clear();

    /// At most this many rows are kept; the oldest go first (default 1000). Totals keep counting.
    void setMaximumRows(int rows);
    int maximumRows() const { return m_maximumRows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The close of a Closed row rebuilt as a CloseInfo (reason None for other rows).
    CloseInfo closeInfo(int row) const;
    /// The handshake facts of the attempt a Closed row ended.
    HandshakeExplainer::Attempt attempt(int row) const;

    State currentState() const { return m_current; }
    /// Milliseconds spent in \a state over all finished stays (the current stay is not counted:
    /// the UI adds now - WallTimeRole of the last row).
    qint64 timeInState(State state) const { return m_totalMs[size_t(state)]; }
    /// How many times \a state was entered.
    int entries(State state) const { return m_entries[size_t(state)]; }

    /// A reconnect is scheduled and has not started yet (nor been cancelled).
    bool isReconnectScheduled() const { return m_reconnectScheduled; }
    /// When it will start (UTC); invalid if none is scheduled.
    QDateTime nextReconnectAt() const { return m_reconnectScheduled ? m_reconnectAt : QDateTime(); }
    int nextReconnectDelayMs() const { return m_reconnectScheduled ? m_reconnectDelayMs : -1; }

    /// Translated name of a state: "Connecting", "Open", "Closing", "Closed".
    static QString stateText(State state);
    /// State from the name the event log records ("Open"); CloseInfo::reasonFromName() reads a
    /// close's reason.
    static bool stateFromName(const QString &name, State *state);

signals:
    /// A reconnect was scheduled, started or cancelled.
    void reconnectScheduleChanged();

private:
    struct Entry
    {
        qint64 seq = 0;
        State from = State::Closed;
        State to = State::Closed;
        qint64 monotonicMs = 0;
        qint64 wallMs = 0;
        qint64 durationMs = -1;
        QString url; ///< Connecting and Open: the server (failover may change it)
        CloseInfo close;
        bool reconnectCancelled = false;
        int reconnectAttempt = 0;
        HandshakeExplainer::Attempt attempt;
    };

    void onCleared();
    void addState(const ConnectionEvent &event);
    void addReconnect(const ConnectionEvent &event);
    void setSchedule(bool scheduled, int delayMs, const QDateTime &at);
    void removeFirstRows(int count);
    void rowChanged(int row, const QList<int> &roles = {});
    int lastClosedRow() const;
    QString display(const Entry &entry) const;

    QPointer<EventLog> m_log;
    std::deque<Entry> m_rows;
    int m_maximumRows = 1000;
    bool m_resetting = false; ///< inside setLog()'s model reset: no row signals
    State m_current = State::Closed;
    std::array<qint64, 4> m_totalMs{};
    std::array<int, 4> m_entries{};
    qint64 m_openedAtMs = -1;

    // The attempt in progress, from its Handshake and Error events.
    HandshakeExplainer::Attempt m_attempt;
    QString m_tlsSubject;
    QString m_tlsFingerprint;

    bool m_reconnectScheduled = false;
    int m_reconnectDelayMs = -1;
    QDateTime m_reconnectAt;
};

} // namespace Parlor
