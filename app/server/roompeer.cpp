#include "roompeer.h"

#include "core/logging.h"

namespace Parlor {

namespace {

bool allowed(RoomPeer::State from, RoomPeer::State to)
{
    using S = RoomPeer::State;
    switch (from) {
    case S::AwaitingHello:
        return to == S::Joining || to == S::Left;
    case S::Joining:
        return to == S::Joined || to == S::Leaving || to == S::Left || to == S::AwaitingHello;
    case S::Joined:
        return to == S::Leaving || to == S::Left;
    case S::Leaving:
        return to == S::Left;
    case S::Left:
        return false;
    }
    return false;
}

} // namespace

RoomPeer::RoomPeer(int id, MemberMode mode, const QHostAddress &address)
    : m_id(id)
    , m_mode(mode)
    , m_address(address)
{}

RoomPeer::~RoomPeer() = default;

void RoomPeer::setState(State state)
{
    if (state == m_state)
        return;
    if (!allowed(m_state, state)) {
        qCWarning(lcServer) << "peer" << m_id << ": refused move from" << int(m_state) << "to"
                            << int(state);
        Q_ASSERT_X(false, "RoomPeer::setState", "illegal peer state transition");
        return;
    }
    m_state = state;
}

void RoomPeer::join(const QString &nick, const QString &client)
{
    setState(State::Joining);
    m_nick = nick;
    m_client = client;
}

void RoomPeer::refused()
{
    setState(State::AwaitingHello);
    m_nick.clear();
    m_client.clear();
}

void RoomPeer::welcomed()
{
    setState(State::Joined);
}

void RoomPeer::rename(const QString &nick)
{
    Q_ASSERT(isIn());
    m_nick = nick;
}

bool RoomPeer::startLeaving(const QString &reason)
{
    if (m_state == State::Leaving || m_state == State::Left)
        return false;
    m_leaveReason = reason;
    setState(isIn() ? State::Leaving : State::Left);
    return true;
}

void RoomPeer::markLeft(const QString &reason)
{
    if (m_leaveReason.isEmpty())
        m_leaveReason = reason;
    setState(State::Left);
}

} // namespace Parlor
