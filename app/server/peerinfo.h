#pragma once

#include "protocol/messages.h"

#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Parlor {

/// A copy of what the room knows about one connection, taken in the room's thread and handed to
/// whoever shows it (the hosting view of the inspector). Plain data: safe to pass across threads.
struct PeerInfo
{
    /// How the peer's messages travel (PeerTransport).
    enum class Transport { WebSocket, LongPolling };

    int id = 0; ///< unique within one RoomServer, never reused
    QHostAddress address;
    quint16 port = 0;
    QString nick;        ///< empty until a rich peer's hello is accepted
    bool joined = false; ///< a member of the room (plain peers join at once)
    MemberMode mode = MemberMode::Rich;
    Transport transport = Transport::WebSocket;
    QStringList offeredSubprotocols; ///< Sec-WebSocket-Protocol of the request, in its order
    QString subprotocol;             ///< the one the room chose; empty for none
    QString origin;                  ///< the Origin header; browsers send one, others rarely
    QString userAgent;
    qint64 connectedAtMs = 0; ///< milliseconds since the epoch
    qint64 messagesIn = 0;
    qint64 messagesOut = 0;
    qint64 bytesIn = 0;     ///< payload bytes of the messages received
    qint64 bytesOut = 0;    ///< payload bytes of the messages sent
    int lastRttMs = -1;     ///< round trip of the last ping the room sent; -1 before the first pong
    qint64 bytesQueued = 0; ///< written but not yet taken by the network
    QString leaving;        ///< non-empty once the room is closing it: the leave reason

    bool operator==(const PeerInfo &other) const;
    bool operator!=(const PeerInfo &other) const { return !(*this == other); }
};

} // namespace Parlor

Q_DECLARE_METATYPE(Parlor::PeerInfo)
