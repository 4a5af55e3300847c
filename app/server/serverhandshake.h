#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Parlor {

/// The server's half of the WebSocket opening handshake (RFC 6455 section 4.2), on a request
/// head the UpgradeGate has read: checks the upgrade and builds the answer — 101 with
/// Sec-WebSocket-Accept and the chosen subprotocol, 426 for a version other than 13, 400 with a
/// short text for anything else malformed. Origin is not judged here (UpgradeGate does it).
///
/// Parlor answers its own handshakes because it frames its own messages (ServerWebSocket):
/// Qt 6.4's QWebSocketServer cannot hand over a socket it has upgraded.
class ServerHandshake
{
public:
    struct Result
    {
        int status = 0; ///< 101 when the upgrade is accepted
        /// The whole HTTP response to send; after a refusal the connection closes.
        QByteArray response;
        QByteArray problem;  ///< why it was refused, in English (also the response's body)
        QString subprotocol; ///< the one chosen; empty: none (the peer is a plain one)
        QStringList offeredSubprotocols; ///< in the client's order
        QString origin;
        QString userAgent;

        bool accepted() const { return status == 101; }
    };

    /// Judges \a head (the request line and headers, without the blank line). The chosen
    /// subprotocol is the client's first preference that \a supported contains, as Qt's
    /// QWebSocketServer chose it (RFC 6455 leaves the pick to the server).
    static Result answer(const QByteArray &head, const QStringList &supported);
    /// Sec-WebSocket-Accept for \a key: base64(SHA-1(key + the RFC's GUID)).
    static QByteArray acceptKey(const QByteArray &key);
    /// Every value of header \a name in \a head (case-insensitive, all its lines), split at
    /// commas and trimmed, empty ones left out.
    static QList<QByteArray> headerTokens(const QByteArray &head, const QByteArray &name);
};

} // namespace Parlor
