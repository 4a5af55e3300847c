#include "brokerroomstate.h"

#include "server/roomlog.h"

#include <QSet>

#include <algorithm>

namespace Parlor {

namespace {

BrokerRoomState::Outcome refused(ErrorCode code, const QString &error)
{
    BrokerRoomState::Outcome outcome;
    outcome.result = BrokerRoomState::Outcome::Result::Refused;
    outcome.code = code;
    outcome.error = error;
    return outcome;
}

} // namespace

BrokerRoomState::BrokerRoomState(int historyLength)
    : m_history(historyLength)
    , m_deliveries(std::max(1024, 4 * historyLength))
{}

RoomEvent BrokerRoomState::number(RoomEvent draft)
{
    const qint64 ts = draft.ts;
    RoomEvent event = RoomLog::stamped(std::move(draft), m_incarnation, ++m_seq, ts);
    remember(event);
    return event;
}

void BrokerRoomState::remember(const RoomEvent &event)
{
    m_history.append(event);
    m_deliveries.remember(event);
}

BrokerRoomState::Outcome BrokerRoomState::apply(const BrokerRequest &request)
{
    qint64 &last = m_lastNumber[request.server];
    if (request.number <= last)
        return {};
    last = request.number;
    if (m_incarnation.isEmpty())
        m_incarnation = request.incarnation;

    Outcome outcome;
    if (request.kind == BrokerRequest::Kind::ServerLost) {
        QList<Member> gone;
        for (const Member &m : std::as_const(m_members)) {
            if (m.server == request.lostServer)
                gone.append(m);
        }
        // Hash order differs between processes; join order does not.
        std::sort(gone.begin(), gone.end(),
                  [](const Member &a, const Member &b) { return a.joinSeq < b.joinSeq; });
        for (const Member &m : gone) {
            m_members.remove(nickKey(m.nick));
            RoomEvent leave;
            leave.kind = RoomEvent::Kind::Leave;
            leave.nick = m.nick;
            leave.reason = request.lostReason;
            leave.ts = request.draft.ts;
            outcome.derived.append(number(leave));
        }
        return outcome;
    }

    const RoomEvent &d = request.draft;
    // The member a say, leave or nick change speaks for must be on the server that sent it: a
    // server that lost a member to a newer connection elsewhere may still report its old one.
    auto memberHere = [&](const QString &nick) -> Member * {
        auto it = m_members.find(nickKey(nick));
        if (it == m_members.end() || it->server != request.server || it->nick != nick)
            return nullptr;
        return &*it;
    };
    switch (d.kind) {
    case RoomEvent::Kind::Message: {
        if (!memberHere(d.from))
            return refused(ErrorCode::NotJoined,
                           QStringLiteral("%1 is not in the room on this server").arg(d.from));
        if (!d.client.isEmpty()) {
            if (const auto seq = delivered(d.client, d.id)) {
                outcome.result = Outcome::Result::Duplicate;
                if (const RoomEvent *first = m_history.find(*seq))
                    outcome.event = *first;
                else
                    outcome.event.seq = *seq;
                return outcome;
            }
        }
        break;
    }
    case RoomEvent::Kind::Join: {
        const QString key = nickKey(d.nick);
        if (const auto it = m_members.constFind(key); it != m_members.cend()) {
            if (d.client.isEmpty() || it->client != d.client)
                return refused(ErrorCode::NickTaken,
                               QStringLiteral("the nickname \"%1\" is taken").arg(it->nick));
            // The same installation, on another connection: the old one goes first.
            RoomEvent leave;
            leave.kind = RoomEvent::Kind::Leave;
            leave.nick = it->nick;
            leave.reason = QStringLiteral("replaced");
            leave.ts = d.ts;
            m_members.remove(key);
            outcome.derived.append(number(leave));
        }
        break;
    }
    case RoomEvent::Kind::Leave:
        if (!memberHere(d.nick))
            return refused(ErrorCode::NotJoined,
                           QStringLiteral("%1 is not in the room on this server").arg(d.nick));
        break;
    case RoomEvent::Kind::Nick: {
        if (!memberHere(d.from))
            return refused(ErrorCode::NotJoined,
                           QStringLiteral("%1 is not in the room on this server").arg(d.from));
        const auto holder = m_members.constFind(nickKey(d.to));
        if (holder != m_members.cend() && nickKey(d.from) != nickKey(d.to))
            return refused(ErrorCode::NickTaken,
                           QStringLiteral("the nickname \"%1\" is taken").arg(holder->nick));
        break;
    }
    }

    outcome.result = Outcome::Result::Appended;
    outcome.event = number(d);
    const RoomEvent &e = outcome.event;
    switch (e.kind) {
    case RoomEvent::Kind::Message:
        break;
    case RoomEvent::Kind::Join:
        m_members.insert(nickKey(e.nick), Member{e.nick, e.mode, e.client, request.server, e.seq});
        break;
    case RoomEvent::Kind::Leave:
        m_members.remove(nickKey(e.nick));
        break;
    case RoomEvent::Kind::Nick: {
        Member m = m_members.take(nickKey(e.from));
        m.nick = e.to;
        m_members.insert(nickKey(e.to), m);
        break;
    }
    }
    return outcome;
}

std::optional<qint64> BrokerRoomState::delivered(const QString &client, const QString &id) const
{
    return m_deliveries.find(client, id);
}

QStringList BrokerRoomState::serversWithMembers() const
{
    QSet<QString> servers;
    for (const Member &m : m_members)
        servers.insert(m.server);
    QStringList list(servers.begin(), servers.end());
    list.sort();
    return list;
}

} // namespace Parlor
