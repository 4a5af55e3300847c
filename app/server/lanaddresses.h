#pragma once

#include <QHostAddress>
#include <QList>
#include <QUrl>

namespace Parlor {

/// Where people can reach a room: one ws:// (or, for a TLS room, wss://) URL per usable address
/// of this computer.
class LanAddresses
{
public:
    /// URLs for a server bound to \a bind on \a port. For a wildcard bind: every non-loopback
    /// address that is up (IPv4 first); for a specific address: that one.
    static QList<QUrl> joinUrls(const QHostAddress &bind, quint16 port, bool secure = false);
    static QUrl urlFor(const QHostAddress &address, quint16 port, bool secure = false);
    /// The address of the room's browser page for \a joinUrl (same host and port; http for
    /// ws://, https for wss://).
    static QUrl pageUrl(const QUrl &joinUrl);
};

} // namespace Parlor
