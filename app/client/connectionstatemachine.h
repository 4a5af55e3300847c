#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>

namespace Parlor {

/// The WebSocket ready states and the only moves between them. Every transition goes through
/// transition(), which stamps it and emits one signal; a move that is not in the table is refused
/// and logged as a bug (and asserts in debug builds).
class ConnectionStateMachine : public QObject
{
    Q_OBJECT

public:
    enum class State { Closed, Connecting, Open, Closing };
    Q_ENUM(State)

    explicit ConnectionStateMachine(QObject *parent = nullptr);

    State state() const { return m_state; }
    /// Monotonic milliseconds (since the machine was made) and wall time of the last transition.
    qint64 enteredAtMs() const { return m_enteredAtMs; }
    QDateTime enteredAt() const { return m_enteredAt; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    /// The transition table from the brief.
    static bool isAllowed(State from, State to);

    /// Moves to \a to. Returns false, and changes nothing, for a move not in the table (a move to
    /// the current state is not a transition either).
    bool transition(State to);

    /// Tests of the refusals switch the debug assertion off; the refusal itself stays.
    void setAssertOnIllegalTransition(bool enabled) { m_assertOnIllegal = enabled; }

signals:
    void transitioned(Parlor::ConnectionStateMachine::State from,
                      Parlor::ConnectionStateMachine::State to, qint64 monotonicMs,
                      const QDateTime &wallTime);

private:
    State m_state = State::Closed;
    QElapsedTimer m_clock;
    qint64 m_enteredAtMs = 0;
    QDateTime m_enteredAt;
    bool m_assertOnIllegal = true;
};

} // namespace Parlor
