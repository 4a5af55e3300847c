#include "connectionstatemachine.h"

#include "core/logging.h"

namespace Parlor {

ConnectionStateMachine::ConnectionStateMachine(QObject *parent)
    : QObject(parent)
    , m_enteredAt(QDateTime::currentDateTimeUtc())
{
    m_clock.start();
}

bool ConnectionStateMachine::isAllowed(State from, State to)
{
    using S = State;
    switch (from) {
    case S::Closed:
        return to == S::Connecting;
    case S::Connecting:
        return to == S::Open || to == S::Closed || to == S::Closing;
    case S::Open:
        return to == S::Closing || to == S::Closed; // Closed: abrupt loss
    case S::Closing:
        return to == S::Closed;
    }
    return false;
}

bool ConnectionStateMachine::transition(State to)
{
    if (!isAllowed(m_state, to)) {
        qCCritical(lcClient) << "illegal connection state transition" << m_state << "->" << to;
        Q_ASSERT_X(!m_assertOnIllegal, "ConnectionStateMachine::transition",
                   "illegal state transition");
        return false;
    }
    const State from = m_state;
    m_state = to;
    m_enteredAtMs = m_clock.elapsed();
    m_enteredAt = QDateTime::currentDateTimeUtc();
    qCDebug(lcClient) << "state" << from << "->" << to;
    emit transitioned(from, to, m_enteredAtMs, m_enteredAt);
    return true;
}

} // namespace Parlor
