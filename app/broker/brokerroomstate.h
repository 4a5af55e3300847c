#pragma once

#include "brokerrequest.h"
#include "server/deliveryindex.h"
#include "server/eventhistory.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Parlor {

/// The room as a stream of BrokerRequests makes it: who is in (and on which server), the
/// numbered events, the message ids seen. Every parlor-server sharing the stream runs one and
/// feeds it the same requests in the same order, so every server numbers the same events with
/// the same seqs and agrees on who holds which nickname, without asking any other.
///
/// The rules (docs/SCALING.md): a request a server sends again (its number is not above the last
/// one seen from that server) is ignored; a `say` whose client and id were seen before is a
/// duplicate of the first; a join takes a free nickname, or the nickname of a member with the
/// same client id (that member leaves first, reason "replaced"), and is refused otherwise; a
/// leave, nick change or say counts only from the server the member is on now; a server-lost
/// takes out that server's members, oldest first, with reason "lost".
class BrokerRoomState
{
public:
    struct Outcome
    {
        enum class Result {
            Appended,  ///< \a event was numbered
            Duplicate, ///< a say seen before: \a event is the first one (if still kept)
            Refused,   ///< \a code, \a error
            Ignored,   ///< a re-sent request, or a server-lost with nothing to do
        };
        Result result = Result::Ignored;
        RoomEvent event;
        /// Events the rules derived before \a event (a replaced member's leave), or all the
        /// events of a server-lost.
        QList<RoomEvent> derived;
        ErrorCode code = ErrorCode::NotStored;
        QString error;
    };

    struct Member
    {
        QString nick;
        MemberMode mode = MemberMode::Rich;
        QString client;
        QString server;
        qint64 joinSeq = 0;
    };

    /// Keeps \a historyLength events and the ids of at least four times as many messages.
    explicit BrokerRoomState(int historyLength);

    Outcome apply(const BrokerRequest &request);

    /// The first request's proposal; empty before any.
    QString incarnation() const { return m_incarnation; }
    qint64 lastSeq() const { return m_seq; }
    const EventHistory &history() const { return m_history; }
    std::optional<qint64> delivered(const QString &client, const QString &id) const;

    /// The members, by nickKey().
    const QHash<QString, Member> &members() const { return m_members; }
    /// The servers that have members now.
    QStringList serversWithMembers() const;

private:
    RoomEvent number(RoomEvent draft);
    void remember(const RoomEvent &event);

    QString m_incarnation;
    qint64 m_seq = 0;
    EventHistory m_history;
    QHash<QString, Member> m_members;
    QHash<QString, qint64> m_lastNumber; ///< per server
    DeliveryIndex m_deliveries;
};

} // namespace Parlor
