#pragma once

#include <QHostAddress>
#include <QList>
#include <QUrl>

namespace Parlor {

/// Where people can reach a room: one ws:// URL per usable address of this computer.
class LanAddresses
{
public:
    /// URLs for a server bound to \a bind on \a port. For a wildcard bind: every non-loopback
    /// address that is up (IPv4 first); for a specific address: that one.
    static QList<QUrl> joinUrls(const QHostAddress &bind, quint16 port);
    static QUrl urlFor(const QHostAddress &address, quint16 port);
    /// The address of the room's browser page for a ws:// \a joinUrl (same host and port, http).
    static QUrl pageUrl(const QUrl &joinUrl);
};

} // namespace Parlor
