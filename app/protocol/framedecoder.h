#pragma once

#include "utf8validator.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Parlor {

/// RFC 6455 frames in, messages and control frames out: an incremental decoder with no socket,
/// fed whatever bytes arrive, cut anywhere. It enforces every framing rule of the RFC for its
/// role and reports the first violation as an error carrying the close code to answer with:
///
/// - 1002: an unmasked frame from a client (a masked one from a server); RSV bits (Parlor
///   negotiates no extension); a reserved opcode; a control frame that is fragmented or longer
///   than 125 bytes; a continuation with nothing to continue, or a new data frame inside a
///   fragmented message; a 64-bit length with its top bit set; a close payload of one byte or
///   with a code that may not be sent;
/// - 1009: a message longer than the limit, counted over all its fragments and judged from the
///   frame headers, before any of it is buffered (nothing is allocated for a length a header
///   merely claims);
/// - 1007: text (or a close reason) that is not UTF-8, checked across fragments as the bytes
///   arrive and failing at the first impossible byte.
///
/// Control frames may come between the fragments of a message. After a close frame or an error
/// the decoder is finished and takes no more bytes. Decoding the same bytes in any chunking
/// gives the same events.
///
/// Qt 6.4's server accepts unmasked frames and refuses UTF-8 split across fragments, with no
/// way to change either (QT64-NOTES 3 and 5): that is why Parlor decodes its own frames.
class FrameDecoder
{
public:
    /// Which end decodes: a server decodes what clients send (masked), a client the reverse.
    enum class Role { Server, Client };

    enum OpCode : quint8 {
        Continuation = 0x0,
        Text = 0x1,
        Binary = 0x2,
        Close = 0x8,
        Ping = 0x9,
        Pong = 0xA,
    };

    struct Event
    {
        enum class Kind { None, Text, Binary, Ping, Pong, Close, Error };
        Kind kind = Kind::None;
        /// A whole message (Text: valid UTF-8), or a ping's or pong's payload.
        QByteArray payload;
        /// Close: the peer's code (1005 for an empty close frame). Error: the code to close
        /// the connection with.
        int closeCode = 0;
        /// Close: the peer's reason (valid UTF-8). Error: what was wrong, in short ASCII that
        /// fits a close frame.
        QByteArray reason;
    };

    /// \a maxMessageBytes bounds a data message over all its fragments (a message of exactly
    /// that size passes).
    FrameDecoder(Role role, qint64 maxMessageBytes);

    /// Takes bytes from the front of \a bytes until an event is complete or they are used up;
    /// returns how many it took and fills \a event (Kind::None when more bytes are needed).
    /// Call again with the rest: every call takes at least one byte or completes an event.
    qsizetype decode(QByteArrayView bytes, Event *event);
    /// A close frame or an error has been decoded: nothing more will be.
    bool isFinished() const { return m_stage == Stage::Finished; }
    qint64 maxMessageBytes() const { return m_maxMessageBytes; }
    void setMaxMessageBytes(qint64 bytes) { m_maxMessageBytes = bytes; }

    /// Whether \a code may arrive in a close frame: 1000–1003, 1007–1014 and 3000–4999.
    static bool isValidCloseCode(int code);

private:
    enum class Stage { Header, Payload, Finished };

    bool headerComplete(Event *event);
    bool checkFirstBytes(Event *event);
    void frameComplete(Event *event);
    void fail(Event *event, int code, const char *reason);
    void unmaskInto(char *out, const char *in, qsizetype size);

    Role m_role;
    qint64 m_maxMessageBytes;
    Stage m_stage = Stage::Header;

    // The frame being read. A header is at most 14 bytes; only those are ever buffered here.
    uchar m_header[14] = {};
    int m_headerSize = 0;
    int m_headerNeeded = 2;
    quint8 m_opcode = 0;
    bool m_fin = false;
    bool m_masked = false;
    uchar m_mask[4] = {};
    int m_maskPos = 0;
    quint64 m_remaining = 0; ///< payload bytes of the frame still to come

    // The data message being assembled (its first frame's opcode; Continuation: none).
    quint8 m_messageOpcode = Continuation;
    QByteArray m_message;
    Utf8Validator m_utf8;
    QByteArray m_control; ///< a control frame's payload (at most 125 bytes)
};

} // namespace Parlor
