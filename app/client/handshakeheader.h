#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Parlor {

/// One extra header for the WebSocket opening handshake, as a user writes it ("Name: value",
/// parlor-cli -H). Checked before anything is sent: the name must be an HTTP token, the value
/// must not break the request, and headers the handshake itself owns (Host, Upgrade,
/// Connection, Sec-WebSocket-*, Origin) are refused, since a second copy of one of them would
/// make the server refuse the upgrade, or worse, accept a different one than Qt negotiates.
struct HandshakeHeader
{
    Q_DECLARE_TR_FUNCTIONS(HandshakeHeader)

public:
    QByteArray name;
    QByteArray value;
    /// Empty when the header can be sent; otherwise why not, in words for the user.
    QString problem;

    /// Parses "Name: value" (white space around the value is dropped).
    static HandshakeHeader parse(const QString &line);
};

} // namespace Parlor
