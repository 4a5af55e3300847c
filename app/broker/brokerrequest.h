#pragma once

#include "protocol/messages.h"
#include "protocol/protocol.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Parlor {

/// One entry of a room's stream on the broker: what one parlor-server asked the room to record.
/// The stream holds requests, not numbered events; every server applies them in the stream's
/// order with the same rules (BrokerRoomState), so that all of them number the same events alike
/// and no server has to be asked. Encoded as one JSON object per STOMP message (docs/SCALING.md).
struct BrokerRequest
{
    enum class Kind {
        Event, ///< a member's say, join, leave or nick change: \a draft
        /// the members of server \a lostServer leave with \a lostReason: "lost" when another
        /// server stopped hearing it, "shutdown" when it said so itself on its way out
        ServerLost,
    };

    Kind kind = Kind::Event;
    QString server;      ///< the id of the parlor-server that sent it (16 hexadecimal digits)
    qint64 number = 0;   ///< that server's count of requests, from 1: re-sends are recognized
    QString incarnation; ///< proposed by the sender; the stream's first request decides
    RoomEvent draft;     ///< Event: seq is not set; ts is the sender's clock
    QString lostServer;  ///< ServerLost
    QString lostReason = QStringLiteral("lost"); ///< ServerLost: "lost" or "shutdown"

    QByteArray encode() const;
    /// Parses and validates what the broker delivered (anyone who may write to the stream could
    /// have put it there): unknown kinds, missing fields, nicknames and texts that break the
    /// room's rules are refused with \a error set.
    static std::optional<BrokerRequest> decode(const QByteArray &body, const ProtocolLimits &limits,
                                               QString *error);
};

} // namespace Parlor
