#include "eventlog.h"

#include <algorithm>

namespace Parlor {

QString ConnectionEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::State:
        return QStringLiteral("state");
    case Kind::Handshake:
        return QStringLiteral("handshake");
    case Kind::MessageIn:
        return QStringLiteral("message-in");
    case Kind::MessageOut:
        return QStringLiteral("message-out");
    case Kind::Ping:
        return QStringLiteral("ping");
    case Kind::Pong:
        return QStringLiteral("pong");
    case Kind::Error:
        return QStringLiteral("error");
    case Kind::Reconnect:
        return QStringLiteral("reconnect");
    case Kind::Close:
        return QStringLiteral("close");
    }
    return {};
}

EventLog::EventLog(int capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(std::max(capacity, 1))
{}

const ConnectionEvent &EventLog::append(ConnectionEvent event)
{
    event.seq = m_nextSeq++;
    if (int(m_events.size()) == m_capacity) {
        m_events.pop_front();
        ++m_dropped;
    }
    m_events.push_back(std::move(event));
    emit appended(m_events.back());
    return m_events.back();
}

void EventLog::clear()
{
    m_events.clear();
    emit cleared();
}

} // namespace Parlor
