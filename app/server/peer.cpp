#include "peer.h"

namespace Parlor {

Peer::Peer(int id, QWebSocket *socket, MemberMode mode, const QHostAddress &address, qint64 nowMs,
           int messagesPerSecond)
    : id(id)
    , socket(socket)
    , mode(mode)
    , address(address)
    , lastHeardMs(nowMs)
    , bucket(messagesPerSecond, 2.0 * messagesPerSecond, nowMs)
{}

PeerInfo Peer::info() const
{
    PeerInfo i;
    i.id = id;
    i.address = address;
    i.port = port;
    i.nick = nick;
    i.joined = joined;
    i.mode = mode;
    i.offeredSubprotocols = offeredSubprotocols;
    i.subprotocol = socket ? socket->subprotocol() : QString();
    i.origin = origin;
    i.userAgent = userAgent;
    i.connectedAtMs = connectedAtMs;
    i.messagesIn = messagesIn;
    i.messagesOut = messagesOut;
    i.bytesIn = bytesIn;
    i.bytesOut = bytesOut;
    i.lastRttMs = lastRttMs;
    i.bytesQueued = socket ? socket->bytesToWrite() : 0;
    i.leaving = leaveReason;
    return i;
}

} // namespace Parlor
