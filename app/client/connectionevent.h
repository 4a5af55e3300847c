#pragma once

#include <QJsonObject>
#include <QString>

namespace Parlor {

/// One thing the connection did, as the inspector and the trace export see it. The fields are
/// a JSON object so every kind carries what it needs and exports as it is (docs/TRACE.md).
struct ConnectionEvent
{
    enum class Kind {
        State,      ///< from, to, and for Closed: reason, code, codeName, closeReason, clean
        Handshake,  ///< url, headers sent, offered subprotocols; on Open: chosen subprotocol
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

    static QString kindName(Kind kind);
};

} // namespace Parlor
