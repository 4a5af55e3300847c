#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Parlor {

/// Why a connection is Closed, and what happens next.
struct CloseInfo
{
    Q_GADGET

public:
    enum class Reason {
        None,             ///< never connected
        User,             ///< we closed it
        Peer,             ///< the other side sent a close frame
        NetworkError,     ///< refused, unreachable, reset, or dropped without a close frame
        HandshakeTimeout, ///< the WebSocket handshake did not finish in time
        HandshakeRefused, ///< the server answered the upgrade with an HTTP error
        PingTimeout,      ///< a ping got no pong in time: the peer or the path is dead
        TlsError,         ///< the certificate was not trusted
    };
    Q_ENUM(Reason)

    Reason reason = Reason::None;
    int code = 0;               ///< as reported: 1006 for an abrupt loss, never Qt's bogus 1000
    QString codeName;           ///< the RFC 6455 name of the code
    QString closeReason;        ///< the close frame's reason text
    bool clean = false;         ///< a close frame was sent or received (Qt 6.4 does not wait for
                                ///< the peer's answer to ours)
    QString errorString;        ///< the network or handshake error, in English
    int httpStatus = 0;         ///< for HandshakeRefused
    QString certificateSubject; ///< for TlsError
    QString certificateFingerprint; ///< SHA-256, hex, for TlsError
    bool reconnectScheduled = false;
    int reconnectDelayMs = 0;
    QDateTime reconnectAt; ///< wall time of the next attempt
    int attempt = 0;       ///< how many attempts failed in a row before this one
};

} // namespace Parlor

Q_DECLARE_METATYPE(Parlor::CloseInfo)
