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

} // namespace Parlor
