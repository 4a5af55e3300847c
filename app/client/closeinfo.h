#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Parlor {

/// Why a connection is Closed, and what happens next. Also the one owner of a close's JSON form
/// (the State event's fields, docs/TRACE.md) and of its wording, so every front end says the
/// same thing about the same close.
struct CloseInfo
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(CloseInfo)

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
        ProxyError,       ///< the proxy refused, failed or could not be reached
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
    QString proxy; ///< the proxy the attempt went through (ProxySetting::describe()); "" direct
    bool reconnectScheduled = false;
    int reconnectDelayMs = 0;
    QDateTime reconnectAt; ///< wall time of the next attempt
    int attempt = 0;       ///< how many attempts failed in a row before this one
    // Failover (several servers, ConnectionManager::Options::servers); not part of toJson(),
    // they travel in the Reconnect event like the delay.
    QString nextServer;  ///< the server the reconnect goes to ("" with one server)
    int serverCount = 1; ///< how many servers the room address lists
    int serversDown = 0; ///< attempts that failed in a row, this one included (several servers)
    /// Every server of the list failed in a row: the reconnect waits (backoff) before the round
    /// starts again. Never true with a single server.
    bool allServersDown() const { return serverCount > 1 && serversDown >= serverCount; }

    /// The close as the State event to Closed records it (EventField names): reason, code,
    /// codeName, closeReason, clean, reconnect; error and httpStatus when there are any. The
    /// certificate and the reconnect's delay travel in their own events.
    QJsonObject toJson() const;
    /// The inverse of toJson(); what it does not carry keeps its default.
    static CloseInfo fromJson(const QJsonObject &fields);

    /// The close in one translated sentence, the same in every front end:
    /// "CODE NAME “REASON” — MEANING (DETAIL)". The meaning is left out where DETAIL explains
    /// better (a timeout, a refused upgrade, an untrusted certificate: 1006 would mislead).
    QString text() const;
    /// The close in a few translated words for a row of a list: "REASON-TEXT · code CODE ·
    /// “REASON”" (HTTP STATUS instead of the code for a refused upgrade), on one line.
    QString summary() const;
    /// The translated meaning of the code (CloseCodes, "CloseCodes" context).
    QString meaning() const;

    /// Translated short description of \a reason, e.g. "closed by the server".
    static QString reasonText(Reason reason);
    /// The name the event log records for \a reason ("NetworkError"), and back (None if unknown).
    static QString reasonName(Reason reason);
    static Reason reasonFromName(const QString &name);
};

} // namespace Parlor

Q_DECLARE_METATYPE(Parlor::CloseInfo)
