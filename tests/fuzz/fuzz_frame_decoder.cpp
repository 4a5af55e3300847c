// RFC 6455 frames from anyone who completed a handshake (FrameDecoder): any bytes, cut into any
// pieces, as a server and as a client would read them.
#include "fuzzsupport.h"

#include "protocol/framedecoder.h"

#include <QList>

using namespace Parlor;
using Event = FrameDecoder::Event;

namespace {

/// UTF-8 checked the slow, obvious way, code point by code point: the oracle for the
/// decoder's incremental validator.
bool referenceUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const uchar c = p[i];
        int length = 0;
        char32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            length = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + length > n)
            return false;
        for (int k = 1; k < length; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < least[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

struct Outcome
{
    QList<Event> events;
    bool operator==(const Outcome &o) const
    {
        if (events.size() != o.events.size())
            return false;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const Event &a = events.at(i);
            const Event &b = o.events.at(i);
            if (a.kind != b.kind || a.payload != b.payload || a.closeCode != b.closeCode
                || a.reason != b.reason)
                return false;
        }
        return true;
    }
};

/// Decodes \a wire in pieces whose sizes come from \a plan in turn (each 1–256 bytes); an
/// empty plan means one piece.
Outcome decode(FrameDecoder::Role role, qint64 limit, const QByteArray &wire, const QByteArray &plan)
{
    FrameDecoder decoder(role, limit);
    Outcome out;
    qsizetype pos = 0;
    for (int step = 0; pos < wire.size(); ++step) {
        const qsizetype size = plan.isEmpty() ? wire.size()
                                              : qsizetype(uchar(plan.at(step % plan.size()))) + 1;
        QByteArrayView piece(wire.constData() + pos, std::min(size, wire.size() - pos));
        pos += piece.size();
        while (!piece.isEmpty()) {
            const bool finishedBefore = decoder.isFinished();
            Event event;
            const qsizetype used = decoder.decode(piece, &event);
            PARLOR_FUZZ_CHECK(used >= 0 && used <= piece.size(), {});
            if (finishedBefore) {
                PARLOR_FUZZ_CHECK(used == 0 && event.kind == Event::Kind::None,
                                  QStringLiteral("decoded after it finished"));
                break;
            }
            PARLOR_FUZZ_CHECK(used > 0 || event.kind != Event::Kind::None,
                              QStringLiteral("no progress"));
            piece = piece.sliced(used);
            if (event.kind != Event::Kind::None)
                out.events.append(event);
        }
    }
    return out;
}

void checkEvents(const Outcome &outcome, qint64 limit)
{
    for (qsizetype i = 0; i < outcome.events.size(); ++i) {
        const Event &e = outcome.events.at(i);
        const bool last = i == outcome.events.size() - 1;
        switch (e.kind) {
        case Event::Kind::Text:
            PARLOR_FUZZ_CHECK(referenceUtf8(e.payload), QString::fromLatin1(e.payload.toHex()));
            Q_FALLTHROUGH();
        case Event::Kind::Binary:
            PARLOR_FUZZ_CHECK(e.payload.size() <= limit, QString::number(e.payload.size()));
            break;
        case Event::Kind::Ping:
        case Event::Kind::Pong:
            PARLOR_FUZZ_CHECK(e.payload.size() <= 125, QString::number(e.payload.size()));
            break;
        case Event::Kind::Close:
            PARLOR_FUZZ_CHECK(last, QStringLiteral("an event after a close"));
            PARLOR_FUZZ_CHECK(e.closeCode == 1005 || FrameDecoder::isValidCloseCode(e.closeCode),
                              QString::number(e.closeCode));
            PARLOR_FUZZ_CHECK(e.reason.size() <= 123 && referenceUtf8(e.reason),
                              QString::fromLatin1(e.reason.toHex()));
            PARLOR_FUZZ_CHECK(e.closeCode != 1005 || e.reason.isEmpty(), {});
            break;
        case Event::Kind::Error:
            PARLOR_FUZZ_CHECK(last, QStringLiteral("an event after an error"));
            PARLOR_FUZZ_CHECK(e.closeCode == 1002 || e.closeCode == 1007 || e.closeCode == 1009,
                              QString::number(e.closeCode));
            // The reason goes into our close frame: short ASCII.
            PARLOR_FUZZ_CHECK(!e.reason.isEmpty() && e.reason.size() <= 123
                                      && referenceUtf8(e.reason),
                              QString::fromLatin1(e.reason));
            break;
        case Event::Kind::None:
            PARLOR_FUZZ_CHECK(false, QStringLiteral("an empty event"));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ParlorFuzz::Input in(data, size);
    const uint8_t flags = in.byte();
    const QByteArray plan = in.bytes();
    const QByteArray wire = in.rest();

    const auto role = flags & 1 ? FrameDecoder::Role::Client : FrameDecoder::Role::Server;
    const qint64 limits[] = {0, 7, 125, 126, 1000, 65536, 1 << 20, 1LL << 62};
    const qint64 limit = limits[(flags >> 1) & 7];

    const Outcome whole = decode(role, limit, wire, {});
    checkEvents(whole, limit);
    // The same bytes in other cuttings: byte by byte, and as the input's plan says.
    const Outcome bytewise = decode(role, limit, wire, QByteArray(1, '\0'));
    PARLOR_FUZZ_CHECK(bytewise == whole, QStringLiteral("byte by byte differs"));
    if (!plan.isEmpty()) {
        const Outcome planned = decode(role, limit, wire, plan);
        PARLOR_FUZZ_CHECK(planned == whole, QStringLiteral("the planned cutting differs"));
    }
    return 0;
}
