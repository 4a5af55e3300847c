#pragma once

#include "core/tokenbucket.h"
#include "peerinfo.h"
#include "protocol/messages.h"

#include <QHostAddress>
#include <QPointer>
#include <QString>
#include <QWebSocket>

namespace Parlor {

/// What the room knows of one connection. RoomServer owns peers and their sockets.
struct Peer
{
    Peer(int id, QWebSocket *socket, MemberMode mode, const QHostAddress &address, qint64 nowMs,
         int messagesPerSecond);

    int id = 0;
    QPointer<QWebSocket> socket;
    MemberMode mode = MemberMode::Rich;
    QHostAddress address;
    QString nick;        ///< set once joined
    QString client;      ///< rich peers: the client id from hello
    bool joined = false; ///< plain peers join at once, rich peers with an accepted hello
    bool sawClosingHandshake = false; ///< a close frame arrived or was sent: not an abrupt loss
    QString leaveReason;              ///< set when the room decides to drop the peer

    // For the hosting view (PeerInfo); taken from the upgrade request at admission.
    quint16 port = 0;
    QStringList offeredSubprotocols;
    QString origin;
    QString userAgent;
    qint64 connectedAtMs = 0; ///< since the epoch
    qint64 messagesIn = 0;
    qint64 messagesOut = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    int lastRttMs = -1;

    qint64 lastHeardMs = 0; ///< any frame or pong from the peer, on the room's clock
    TokenBucket bucket;
    int droppedInFlood = 0; ///< messages dropped since the bucket was last full
    qint64 lastRateErrorMs = -1;

    PeerInfo info() const;
};

} // namespace Parlor
