#include "framedecoder.h"

#include <algorithm>
#include <cstring>

namespace Parlor {

namespace {

constexpr int ProtocolError = 1002;
constexpr int InvalidPayload = 1007;
constexpr int TooBig = 1009;
constexpr int NoStatus = 1005;
constexpr int MaxControlPayload = 125;

bool isControl(quint8 opcode)
{
    return opcode & 0x8;
}

} // namespace

FrameDecoder::FrameDecoder(Role role, qint64 maxMessageBytes)
    : m_role(role)
    , m_maxMessageBytes(maxMessageBytes)
{}

bool FrameDecoder::isValidCloseCode(int code)
{
    // 1004–1006 and 1015 are reserved or local only, 1016–2999 unassigned, 5000 and up none.
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
           || (code >= 3000 && code <= 4999);
}

qsizetype FrameDecoder::decode(QByteArrayView bytes, Event *event)
{
    *event = Event();
    const char *const begin = bytes.data();
    const char *const end = begin + bytes.size();
    const char *p = begin;
    while (p < end && m_stage != Stage::Finished) {
        if (m_stage == Stage::Header) {
            while (m_headerSize < m_headerNeeded && p < end)
                m_header[m_headerSize++] = uchar(*p++);
            if (m_headerSize < m_headerNeeded)
                break;
            // The first two bytes tell everything but the extended length and the mask: judge
            // them at once, before waiting for more.
            if (m_headerSize == 2 && !checkFirstBytes(event))
                break;
            if (m_headerSize < m_headerNeeded)
                continue;
            if (!headerComplete(event) || event->kind != Event::Kind::None)
                break;
            continue;
        }

        const qsizetype n = qsizetype(std::min<quint64>(m_remaining, quint64(end - p)));
        if (isControl(m_opcode)) {
            const qsizetype old = m_control.size();
            m_control.resize(old + n);
            unmaskInto(m_control.data() + old, p, n);
        } else {
            const qsizetype old = m_message.size();
            m_message.resize(old + n);
            unmaskInto(m_message.data() + old, p, n);
            if (m_messageOpcode == Text
                && !m_utf8.feed(QByteArrayView(m_message.constData() + old, n))) {
                fail(event, InvalidPayload, "text is not UTF-8");
                break;
            }
        }
        p += n;
        m_remaining -= quint64(n);
        if (m_remaining == 0) {
            frameComplete(event);
            if (event->kind != Event::Kind::None)
                break;
        }
    }
    return p - begin;
}

bool FrameDecoder::checkFirstBytes(Event *event)
{
    const uchar b0 = m_header[0];
    const uchar b1 = m_header[1];
    m_fin = b0 & 0x80;
    m_opcode = b0 & 0x0F;
    m_masked = b1 & 0x80;
    const int length7 = b1 & 0x7F;

    if (b0 & 0x70) {
        fail(event, ProtocolError, "RSV bits set without an extension");
        return false;
    }
    switch (m_opcode) {
    case Continuation:
        if (m_messageOpcode == Continuation) {
            fail(event, ProtocolError, "continuation frame with nothing to continue");
            return false;
        }
        break;
    case Text:
    case Binary:
        if (m_messageOpcode != Continuation) {
            fail(event, ProtocolError, "new message inside a fragmented one");
            return false;
        }
        break;
    case Close:
    case Ping:
    case Pong:
        if (!m_fin) {
            fail(event, ProtocolError, "fragmented control frame");
            return false;
        }
        if (length7 > MaxControlPayload) {
            fail(event, ProtocolError, "control frame over 125 bytes");
            return false;
        }
        break;
    default:
        fail(event, ProtocolError, "reserved opcode");
        return false;
    }
    // RFC 6455 section 5.1: the server must close on an unmasked frame, the client on a masked
    // one. The mask keeps a browser's page from steering what proxies on the path cache.
    if (m_role == Role::Server && !m_masked) {
        fail(event, ProtocolError, "unmasked frame from a client");
        return false;
    }
    if (m_role == Role::Client && m_masked) {
        fail(event, ProtocolError, "masked frame from a server");
        return false;
    }
    m_headerNeeded = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (m_masked ? 4 : 0);
    return true;
}

bool FrameDecoder::headerComplete(Event *event)
{
    const int length7 = m_header[1] & 0x7F;
    int pos = 2;
    quint64 length = quint64(length7);
    if (length7 == 126) {
        length = (quint64(m_header[2]) << 8) | m_header[3];
        pos = 4;
    } else if (length7 == 127) {
        length = 0;
        for (int i = 2; i < 10; ++i)
            length = (length << 8) | m_header[i];
        pos = 10;
        if (length >> 63) {
            fail(event, ProtocolError, "frame length with the top bit set");
            return false;
        }
    }
    // Judged on the header, before a byte of the payload is taken: a header may claim any
    // length, and nothing is reserved for it.
    if (!isControl(m_opcode) && m_maxMessageBytes >= 0
        && length > quint64(m_maxMessageBytes) - quint64(m_message.size())) {
        fail(event, TooBig, "message too big");
        return false;
    }
    if (m_masked)
        std::memcpy(m_mask, m_header + pos, 4);
    m_maskPos = 0;
    m_remaining = length;
    m_stage = Stage::Payload;
    if (isControl(m_opcode)) {
        m_control.clear();
    } else if (m_opcode != Continuation) {
        m_messageOpcode = m_opcode;
        m_utf8.reset();
    }
    if (m_remaining == 0)
        frameComplete(event);
    return m_stage != Stage::Finished || event->kind != Event::Kind::Error;
}

void FrameDecoder::frameComplete(Event *event)
{
    m_stage = Stage::Header;
    m_headerSize = 0;
    m_headerNeeded = 2;

    switch (m_opcode) {
    case Ping:
        event->kind = Event::Kind::Ping;
        event->payload = m_control;
        return;
    case Pong:
        event->kind = Event::Kind::Pong;
        event->payload = m_control;
        return;
    case Close: {
        if (m_control.isEmpty()) {
            event->closeCode = NoStatus;
        } else if (m_control.size() == 1) {
            fail(event, ProtocolError, "close payload of one byte");
            return;
        } else {
            const int code = (uchar(m_control.at(0)) << 8) | uchar(m_control.at(1));
            if (!isValidCloseCode(code)) {
                fail(event, ProtocolError, "invalid close code");
                return;
            }
            const QByteArrayView reason = QByteArrayView(m_control).sliced(2);
            if (!Utf8Validator::isValidUtf8(reason)) {
                fail(event, InvalidPayload, "close reason is not UTF-8");
                return;
            }
            event->closeCode = code;
            event->reason = reason.toByteArray();
        }
        event->kind = Event::Kind::Close;
        m_stage = Stage::Finished;
        return;
    }
    default:
        break;
    }

    if (!m_fin)
        return;
    if (m_messageOpcode == Text && !m_utf8.isComplete()) {
        fail(event, InvalidPayload, "text ends inside a character");
        return;
    }
    event->kind = m_messageOpcode == Text ? Event::Kind::Text : Event::Kind::Binary;
    event->payload = std::move(m_message);
    m_message = QByteArray();
    m_messageOpcode = Continuation;
}

void FrameDecoder::fail(Event *event, int code, const char *reason)
{
    event->kind = Event::Kind::Error;
    event->closeCode = code;
    event->reason = reason;
    event->payload.clear();
    m_stage = Stage::Finished;
    m_message = QByteArray();
    m_control = QByteArray();
}

void FrameDecoder::unmaskInto(char *out, const char *in, qsizetype size)
{
    if (!m_masked) {
        std::memcpy(out, in, size_t(size));
        return;
    }
    // The key turned so that key[0] applies to out[0]; then eight bytes at a time.
    uchar key[8];
    for (int i = 0; i < 8; ++i)
        key[i] = m_mask[(m_maskPos + i) & 3];
    quint64 key64;
    std::memcpy(&key64, key, sizeof key64);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, in + i, sizeof word);
        word ^= key64;
        std::memcpy(out + i, &word, sizeof word);
    }
    for (; i < size; ++i)
        out[i] = char(uchar(in[i]) ^ key[i & 3]);
    m_maskPos = int((m_maskPos + size) & 3);
}

} // namespace Parlor
