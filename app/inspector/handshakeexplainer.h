#pragma once

#include "client/closeinfo.h"

#include <QByteArray>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Parlor {

/// The WebSocket opening handshake in plain words: the Sec-WebSocket-Accept computation of
/// RFC 6455 (4.2.2), and why an attempt failed. The explanations are English source texts marked
/// with QT_TRANSLATE_NOOP in the "HandshakeExplainer" context; the UI translates them with
/// QCoreApplication::translate("HandshakeExplainer", text), or calls explain().
class HandshakeExplainer
{
    Q_GADGET

public:
    /// What went wrong, as far as the close and the handshake tell. One explanation text each.
    enum class Failure {
        None,                  ///< not a failure (the user closed, or an ordinary close)
        ConnectionRefused,     ///< nothing listens on that port
        HostNotFound,          ///< the name did not resolve
        HandshakeTimeout,      ///< TCP connected but no upgrade answer in time
        NotWebSocket,          ///< HTTP 2xx: an ordinary web server answered
        Redirect,              ///< HTTP 3xx: Qt does not follow redirects for WebSocket
        BadRequest,            ///< HTTP 400
        Unauthorized,          ///< HTTP 401 or 407
        Forbidden,             ///< HTTP 403
        NotFound,              ///< HTTP 404
        UpgradeRequired,       ///< HTTP 426: a WebSocket version the server does not speak
        TooManyRequests,       ///< HTTP 429
        ServerError,           ///< HTTP 5xx
        HttpStatus,            ///< any other HTTP status instead of 101
        TlsError,              ///< the certificate was not trusted
        BadAcceptKey,          ///< 101, but Sec-WebSocket-Accept did not match our key
        SubprotocolNotOffered, ///< 101 with a subprotocol the client did not offer
        NoCommonSubprotocol,   ///< accepted without a subprotocol, then closed at once
        NoSubprotocolOffered,  ///< none offered, and the server dropped or closed the connection
        ClosedDuringHandshake, ///< the server closed TCP before answering the upgrade
        PingTimeout,           ///< open, then pings got no pong
        ProxyRefused,          ///< the proxy would not connect to the server (HTTP 403, SOCKS rule)
        ProxyAuthentication,   ///< the proxy wants a user name and password (HTTP 407, SOCKS)
        ProxyUnreachable,      ///< nothing answered at the proxy's address, or it timed out
        ProxyProtocol,         ///< what answered is not that kind of proxy, or it broke off
    };
    Q_ENUM(Failure)

    /// Where the attempt got to: what the handshake events of the log add to a CloseInfo.
    enum class Phase {
        Unknown,   ///< only the CloseInfo is known
        Handshake, ///< closed while Connecting
        Open,      ///< closed after the upgrade succeeded
    };
    Q_ENUM(Phase)

    /// The facts of one connection attempt beyond its CloseInfo (StateTimeline collects them).
    struct Attempt
    {
        Phase phase = Phase::Unknown;
        QStringList offered;   ///< subprotocols offered, most preferred first
        bool upgraded = false; ///< a 101 response arrived
        QString chosen;        ///< the subprotocol in that response ("" for none)
        qint64 openMs = -1;    ///< how long the connection stayed Open; -1 if unknown
        int socketError = -1;  ///< QAbstractSocket::SocketError of the attempt's error, if any
        QString proxy;         ///< the way it went (ProxySetting::describe()); "" unknown
    };

    /// base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")): the Sec-WebSocket-Accept a
    /// server must answer to \a secWebSocketKey (surrounding whitespace is ignored).
    static QByteArray acceptKey(const QByteArray &secWebSocketKey);
    /// Whether \a secWebSocketAccept is the right answer to \a secWebSocketKey.
    static bool isValidAccept(const QByteArray &secWebSocketKey,
                              const QByteArray &secWebSocketAccept);

    /// The accept Qt expected (computed from the key it sent) and the one the server answered,
    /// read from Qt 6.4's error text for a mismatch ("Accept-Key received from server %1 does
    /// not match the client key %2."; %2 is the expected accept, not the key). Null when
    /// \a errorString is not that error.
    static QPair<QByteArray, QByteArray> acceptMismatch(const QString &errorString);

    /// Classifies a close. Without \a attempt, only what CloseInfo says is used.
    static Failure failure(const CloseInfo &info, const Attempt &attempt);
    static Failure failure(const CloseInfo &info);
    /// The untranslated explanation of failure(info, attempt); nullptr for Failure::None.
    static const char *failureExplanation(const CloseInfo &info, const Attempt &attempt);
    static const char *failureExplanation(const CloseInfo &info);
    /// The untranslated explanation of \a failure; nullptr for Failure::None.
    static const char *explanation(Failure failure);
    /// failureExplanation(), translated; empty for Failure::None.
    static QString explain(const CloseInfo &info, const Attempt &attempt);
    static QString explain(const CloseInfo &info);
};

} // namespace Parlor

Q_DECLARE_METATYPE(Parlor::HandshakeExplainer::Attempt)
