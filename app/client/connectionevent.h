#pragma once

#include <QJsonObject>
#include <QLatin1String>
#include <QString>

namespace Parlor {

/// The names of ConnectionEvent::fields: one definition for the connection manager that writes
/// them and for the inspector and the trace that read them (docs/TRACE.md). A typo in a key is a
/// build error here, not a field that is silently empty.
namespace EventField {
// State
inline constexpr QLatin1String from{"from"};
inline constexpr QLatin1String to{"to"};
// State to Closed (CloseInfo::toJson()), and Close frames
inline constexpr QLatin1String reason{"reason"}; ///< CloseInfo::Reason's name; a frame's text
inline constexpr QLatin1String code{"code"};
inline constexpr QLatin1String codeName{"codeName"};
inline constexpr QLatin1String closeReason{"closeReason"};
inline constexpr QLatin1String clean{"clean"};
inline constexpr QLatin1String httpStatus{"httpStatus"};
inline constexpr QLatin1String reconnect{"reconnect"};
inline constexpr QLatin1String direction{"direction"}; ///< EventValue::in or out
inline constexpr QLatin1String reply{"reply"};
// Handshake
inline constexpr QLatin1String phase{"phase"}; ///< EventValue::request or response
inline constexpr QLatin1String url{"url"};
inline constexpr QLatin1String headers{"headers"};
inline constexpr QLatin1String offered{"offered"};
inline constexpr QLatin1String chosen{"chosen"};
inline constexpr QLatin1String status{"status"};
inline constexpr QLatin1String refused{"refused"};
/// The way the connection went: "direct", or the proxy without credentials
/// ("http://127.0.0.1:3128", "socks5://[::1]:1080"); in the request, and in a close via a proxy
inline constexpr QLatin1String proxy{"proxy"};
// Messages, pings and pongs
inline constexpr QLatin1String opcode{"opcode"}; ///< EventValue::text or binary
inline constexpr QLatin1String size{"size"};
inline constexpr QLatin1String fragments{"fragments"};
inline constexpr QLatin1String frames{"frames"};
inline constexpr QLatin1String preview{"preview"};
inline constexpr QLatin1String payload{"payload"};
inline constexpr QLatin1String rttMs{"rttMs"};
// Errors
inline constexpr QLatin1String error{"error"};
inline constexpr QLatin1String socketError{"socketError"};
inline constexpr QLatin1String problems{"problems"};
inline constexpr QLatin1String subject{"subject"};
inline constexpr QLatin1String issuer{"issuer"};
inline constexpr QLatin1String sha256{"sha256"};
inline constexpr QLatin1String pinned{"pinned"};
// Reconnects (and the Handshake request's attempt)
inline constexpr QLatin1String delayMs{"delayMs"};
inline constexpr QLatin1String attempt{"attempt"};
inline constexpr QLatin1String at{"at"};
inline constexpr QLatin1String cancelled{"cancelled"};
// With several servers (failover): the Reconnect's url is the server tried next; serversDown
// counts the attempts that failed in a row, serverCount the servers listed (equal: none answered)
inline constexpr QLatin1String serversDown{"serversDown"};
inline constexpr QLatin1String serverCount{"serverCount"};
// What a trace line adds to the fields (TraceWriter)
inline constexpr QLatin1String seq{"seq"};
inline constexpr QLatin1String kind{"kind"};
inline constexpr QLatin1String monotonicMs{"t"};
inline constexpr QLatin1String time{"time"};
} // namespace EventField

/// The values of the fields that take one of a few words.
namespace EventValue {
inline constexpr QLatin1String request{"request"};   ///< EventField::phase
inline constexpr QLatin1String response{"response"}; ///< EventField::phase
inline constexpr QLatin1String in{"in"};             ///< EventField::direction
inline constexpr QLatin1String out{"out"};           ///< EventField::direction
inline constexpr QLatin1String text{"text"};         ///< EventField::opcode
inline constexpr QLatin1String binary{"binary"};     ///< EventField::opcode
} // namespace EventValue

/// One thing the connection did, as the inspector and the trace export see it. The fields are
/// a JSON object so every kind carries what it needs and exports as it is (docs/TRACE.md); their
/// names are EventField's.
struct ConnectionEvent
{
    enum class Kind {
        State,      ///< from, to, and for Closed: reason, code, codeName, closeReason, clean
        Handshake,  ///< url, headers sent, offered subprotocols, proxy; on Open: chosen
                    ///< subprotocol
        MessageIn,  ///< opcode (text/binary), size, fragments, preview
        MessageOut, ///< opcode, size, frames, preview
        Ping,       ///< payload
        Pong,       ///< rttMs
        Error,      ///< what failed, in English, and details (e.g. TLS certificate)
        Reconnect,  ///< delayMs, attempt, at (wall time)
        Close,      ///< a close frame: direction (in/out), code, codeName, reason; reply: the
                    ///< automatic answer to the peer's close frame
    };

    qint64 seq = 0; ///< position in the log, from 1
    Kind kind = Kind::State;
    qint64 monotonicMs = 0; ///< since the connection manager was made
    qint64 wallMs = 0;      ///< milliseconds since the Unix epoch, UTC
    QJsonObject fields;

    /// The string field \a name ("" when absent).
    QString text(QLatin1String name) const { return fields.value(name).toString(); }

    static QString kindName(Kind kind);
};

} // namespace Parlor
