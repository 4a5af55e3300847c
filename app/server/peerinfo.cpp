#include "peerinfo.h"

namespace Parlor {

bool PeerInfo::operator==(const PeerInfo &o) const
{
    return id == o.id && address == o.address && port == o.port && nick == o.nick
           && joined == o.joined && mode == o.mode && transport == o.transport
           && offeredSubprotocols == o.offeredSubprotocols && subprotocol == o.subprotocol
           && origin == o.origin && userAgent == o.userAgent && connectedAtMs == o.connectedAtMs
           && messagesIn == o.messagesIn && messagesOut == o.messagesOut && bytesIn == o.bytesIn
           && bytesOut == o.bytesOut && lastRttMs == o.lastRttMs && bytesQueued == o.bytesQueued
           && leaving == o.leaving;
}

} // namespace Parlor
