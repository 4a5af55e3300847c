#include "stompdecoder.h"

#include <cstring>

namespace Parlor {

namespace {

// Offending bytes quoted in an error, short and printable.
QString quoted(const QByteArray &bytes)
{
    constexpr int shown = 40;
    QString text = QString::fromLatin1(bytes.left(shown).toPercentEncoding(" :/-_.=,;"));
    if (bytes.size() > shown)
        text += QStringLiteral("…");
    return u'"' + text + u'"';
}

} // namespace

StompDecoder::StompDecoder(const StompLimits &limits)
    : m_limits(limits)
{}

void StompDecoder::reset()
{
    *this = StompDecoder(m_limits);
}

void StompDecoder::append(const QByteArray &bytes)
{
    if (m_error != Error::None)
        return;
    // Drop what was consumed before growing the buffer: a long-lived connection would otherwise
    // keep every byte it ever received.
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    m_buffer += bytes;
}

StompDecoder::Result StompDecoder::fail(Error error, const QString &text)
{
    m_error = error;
    m_errorString = text;
    m_buffer.clear();
    m_pos = 0;
    return Result::Failed;
}

bool StompDecoder::unescape(const QByteArray &escaped, QByteArray &raw)
{
    raw.clear();
    raw.reserve(escaped.size());
    for (qsizetype i = 0; i < escaped.size(); ++i) {
        const char c = escaped.at(i);
        if (c != '\\') {
            raw += c;
            continue;
        }
        if (++i == escaped.size())
            return false;
        switch (escaped.at(i)) {
        case 'r':
            raw += '\r';
            break;
        case 'n':
            raw += '\n';
            break;
        case 'c':
            raw += ':';
            break;
        case '\\':
            raw += '\\';
            break;
        default:
            // "Undefined escape sequences such as \t MUST be treated as a fatal protocol error."
            return false;
        }
    }
    return true;
}

StompDecoder::Result StompDecoder::takeLine(QByteArray &line)
{
    const qsizetype newline = m_buffer.indexOf('\n', m_pos);
    if (newline < 0) {
        // +1: the CR of a CR LF may already be here.
        if (m_buffer.size() - m_pos > qsizetype(m_limits.maxLineBytes) + 1) {
            return fail(Error::LineTooLong,
                        QStringLiteral("a line is longer than %1 bytes").arg(m_limits.maxLineBytes));
        }
        return Result::NeedMore;
    }
    qsizetype end = newline;
    if (end > m_pos && m_buffer.at(end - 1) == '\r')
        --end;
    line = m_buffer.mid(m_pos, end - m_pos);
    if (line.size() > m_limits.maxLineBytes) {
        return fail(Error::LineTooLong,
                    QStringLiteral("a line is longer than %1 bytes").arg(m_limits.maxLineBytes));
    }
    if (line.contains('\r'))
        return fail(Error::BadLineEnding, QStringLiteral("a CR without LF in ") + quoted(line));
    m_pos = newline + 1;
    return Result::Frame;
}

StompDecoder::Result StompDecoder::next(StompFrame &frame)
{
    if (m_error != Error::None)
        return Result::Failed;

    if (m_phase == Phase::BetweenFrames) {
        // Heart-beats: any number of EOLs before a frame (and after the NUL of the last one).
        while (m_pos < m_buffer.size()) {
            const char c = m_buffer.at(m_pos);
            if (c == '\n') {
                ++m_pos;
            } else if (c == '\r') {
                if (m_pos + 1 >= m_buffer.size())
                    return Result::NeedMore;
                if (m_buffer.at(m_pos + 1) != '\n')
                    return fail(Error::BadLineEnding, QStringLiteral("a CR without LF"));
                m_pos += 2;
            } else {
                break;
            }
            ++m_heartBeats;
        }
        if (m_pos >= m_buffer.size())
            return Result::NeedMore;
        m_phase = Phase::Lines;
        m_frame = StompFrame();
    }

    while (m_phase == Phase::Lines) {
        QByteArray line;
        const Result r = takeLine(line);
        if (r != Result::Frame)
            return r;
        if (m_frame.command == StompFrame::Command::Invalid) {
            m_frame.command = StompFrame::commandFromName(line);
            if (m_frame.command == StompFrame::Command::Invalid)
                return fail(Error::UnknownCommand,
                            QStringLiteral("unknown command ") + quoted(line));
            continue;
        }
        if (line.isEmpty()) {
            m_phase = Phase::Body;
            m_scanned = 0;
            m_contentLength = -1;
            // Repeated headers: the first one counts, content-length included.
            if (m_frame.hasHeader("content-length")) {
                const QByteArray value = m_frame.header("content-length");
                bool ok = !value.isEmpty() && value.size() <= 18;
                for (const char c : value)
                    ok = ok && c >= '0' && c <= '9';
                if (!ok) {
                    return fail(Error::BadContentLength,
                                QStringLiteral("content-length ") + quoted(value)
                                        + QStringLiteral(" is not a number"));
                }
                m_contentLength = value.toLongLong();
                if (m_contentLength > m_limits.maxBodyBytes) {
                    return fail(Error::BodyTooLarge,
                                QStringLiteral("a body of %1 bytes is over the limit of %2")
                                        .arg(m_contentLength)
                                        .arg(m_limits.maxBodyBytes));
                }
            }
            break;
        }
        if (m_frame.headers.size() >= m_limits.maxHeaders) {
            return fail(Error::TooManyHeaders,
                        QStringLiteral("more than %1 headers").arg(m_limits.maxHeaders));
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            return fail(Error::MalformedHeader,
                        QStringLiteral("header without a name or a colon: ") + quoted(line));
        }
        QByteArray name = line.left(colon);
        QByteArray value = line.mid(colon + 1);
        if (StompFrame::escapesHeaders(m_frame.command)) {
            QByteArray rawName, rawValue;
            if (!unescape(name, rawName) || !unescape(value, rawValue)) {
                return fail(Error::UndefinedEscape,
                            QStringLiteral("undefined escape sequence in ") + quoted(line));
            }
            name = std::move(rawName);
            value = std::move(rawValue);
        }
        m_frame.headers.append({std::move(name), std::move(value)});
    }

    // The body.
    const qsizetype available = m_buffer.size() - m_pos;
    qsizetype length;
    if (m_contentLength >= 0) {
        if (available < m_contentLength + 1)
            return Result::NeedMore;
        length = qsizetype(m_contentLength);
        if (m_buffer.at(m_pos + length) != '\0') {
            return fail(Error::MissingNul,
                        QStringLiteral("no NUL after a body of content-length %1").arg(length));
        }
    } else {
        // Without content-length the body ends at the first NUL; remember how far we looked so
        // that a large body arriving in small pieces is searched once, not once per piece.
        const char *start = m_buffer.constData() + m_pos;
        const void *nul = std::memchr(start + m_scanned, '\0', size_t(available - m_scanned));
        if (!nul) {
            m_scanned = available;
            if (m_scanned > m_limits.maxBodyBytes) {
                return fail(Error::BodyTooLarge,
                            QStringLiteral("a body is over the limit of %1 bytes")
                                    .arg(m_limits.maxBodyBytes));
            }
            return Result::NeedMore;
        }
        length = static_cast<const char *>(nul) - start;
        if (length > m_limits.maxBodyBytes) {
            return fail(Error::BodyTooLarge,
                        QStringLiteral("a body of %1 bytes is over the limit of %2")
                                .arg(length)
                                .arg(m_limits.maxBodyBytes));
        }
    }
    m_frame.body = m_buffer.mid(m_pos, length);
    m_pos += length + 1;
    m_phase = Phase::BetweenFrames;
    frame = std::move(m_frame);
    m_frame = StompFrame();
    return Result::Frame;
}

} // namespace Parlor
