#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace Parlor {

/// RFC 6455 frames out: the counterpart of FrameDecoder. A server's frames are unmasked; a
/// client's carry a mask key (the caller chooses it, so tests and fuzzers can repeat a run).
class FrameEncoder
{
public:
    /// The longest header: 2 bytes, a 64-bit length and a mask key.
    static constexpr int MaxHeaderBytes = 14;

    /// Writes a frame header for \a payloadSize bytes into \a out (at least MaxHeaderBytes) and
    /// returns its size.
    static int writeHeader(char *out, quint8 opcode, quint64 payloadSize, bool fin = true,
                           std::optional<quint32> maskKey = std::nullopt);
    /// One whole frame: header and payload (masked with \a maskKey when there is one).
    static QByteArray frame(quint8 opcode, QByteArrayView payload, bool fin = true,
                            std::optional<quint32> maskKey = std::nullopt);
    /// A close frame's payload: nothing for 1005 (no status), else the code and \a reason.
    static QByteArray closePayload(int code, QByteArrayView reason);
};

} // namespace Parlor
