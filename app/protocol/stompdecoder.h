#pragma once

#include "stompframe.h"

#include <QByteArray>
#include <QString>

namespace Parlor {

/// What a STOMP decoder accepts before it refuses the stream. The spec lets a server set such
/// limits; the client sets its own so a peer cannot make it buffer without bound.
struct StompLimits
{
    int maxLineBytes = 16 * 1024; ///< a command or header line, without its EOL
    int maxHeaders = 128;         ///< header lines in one frame (repeats included)
    qint64 maxBodyBytes = 16 * 1024 * 1024;
};

/// Reads STOMP 1.2 frames from a byte stream that arrives in chunks of any size: a WebSocket
/// message may hold several frames, part of one, or only heart-beat EOLs. Socket-free.
///
/// Feed bytes with append(), take frames with next() until it says NeedMore. The first
/// malformed byte makes it fail for good (STOMP has no way to resynchronise): next() then returns
/// Failed and error()/errorString() tell why.
class StompDecoder
{
public:
    enum class Result { Frame, NeedMore, Failed };
    enum class Error {
        None,
        UnknownCommand,
        BadLineEnding,    ///< a CR that is not followed by LF
        MalformedHeader,  ///< no colon, or an empty name
        UndefinedEscape,  ///< a backslash not followed by r, n, c or a backslash
        BadContentLength, ///< not a decimal number
        MissingNul,       ///< the byte after a content-length body is not NUL
        LineTooLong,
        TooManyHeaders,
        BodyTooLarge,
    };

    explicit StompDecoder(const StompLimits &limits = {});

    void append(const QByteArray &bytes);
    /// Takes the next complete frame out of what was appended.
    Result next(StompFrame &frame);

    Error error() const { return m_error; }
    /// The error in English, with the limit or the offending bytes (for logs and ERROR frames).
    QString errorString() const { return m_errorString; }
    /// Heart-beat EOLs seen between frames so far.
    qint64 heartBeats() const { return m_heartBeats; }
    /// Bytes appended but not yet taken as frames or heart-beats.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }
    const StompLimits &limits() const { return m_limits; }
    /// Forgets everything appended and any error.
    void reset();

    /// Undoes STOMP 1.2 header escaping; false for an undefined escape or a lone backslash.
    static bool unescape(const QByteArray &escaped, QByteArray &raw);

private:
    enum class Phase { BetweenFrames, Lines, Body };

    Result fail(Error error, const QString &text);
    /// The next line (without its EOL) from m_pos, if complete; advances m_pos past it.
    Result takeLine(QByteArray &line);

    StompLimits m_limits;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    Phase m_phase = Phase::BetweenFrames;
    StompFrame m_frame;          ///< the frame being read
    qint64 m_contentLength = -1; ///< -1: the body ends at the first NUL
    qsizetype m_scanned = 0;     ///< body bytes already searched for NUL
    Error m_error = Error::None;
    QString m_errorString;
    qint64 m_heartBeats = 0;
};

} // namespace Parlor
