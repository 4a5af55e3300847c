// StompDecoder: every byte a STOMP broker (or anyone posing as one) sends reaches it first, in
// WebSocket messages cut wherever the sender likes.
#include "fuzzsupport.h"

#include "protocol/stompdecoder.h"

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

namespace {

struct Outcome
{
    QList<StompFrame> frames;
    StompDecoder::Error error = StompDecoder::Error::None;
    QString errorString;
    qint64 heartBeats = 0;
};

// Feeds \a stream cut at the lengths \a cuts gives (cycled; 0 means the rest at once).
Outcome decode(const QByteArray &stream, const QByteArray &cuts, const StompLimits &limits)
{
    StompDecoder decoder(limits);
    Outcome out;
    qsizetype at = 0;
    int cut = 0;
    do {
        const int n = cuts.isEmpty() ? 0 : uchar(cuts.at(cut++ % cuts.size()));
        const qsizetype take = n == 0 ? stream.size() - at
                                      : std::min<qsizetype>(n, stream.size() - at);
        decoder.append(stream.mid(at, take));
        at += take;
        StompFrame frame;
        StompDecoder::Result r;
        while ((r = decoder.next(frame)) == StompDecoder::Result::Frame) {
            PARLOR_FUZZ_CHECK(frame.command != StompFrame::Command::Invalid, QString());
            PARLOR_FUZZ_CHECK(frame.body.size() <= limits.maxBodyBytes, QString());
            PARLOR_FUZZ_CHECK(frame.headers.size() <= limits.maxHeaders, QString());
            out.frames.append(frame);
        }
        if (r == StompDecoder::Result::Failed)
            break;
        // Waiting for more must never mean holding more than one frame's worth of bytes.
        PARLOR_FUZZ_CHECK(decoder.bufferedBytes()
                                  <= qint64(limits.maxLineBytes + 2) * (limits.maxHeaders + 2)
                                             + limits.maxBodyBytes + 1,
                          QString::number(decoder.bufferedBytes()));
    } while (at < stream.size());
    out.error = decoder.error();
    out.errorString = decoder.errorString();
    out.heartBeats = decoder.heartBeats();
    PARLOR_FUZZ_CHECK(out.errorString.isEmpty() == (out.error == StompDecoder::Error::None),
                      out.errorString);
    return out;
}

QList<StompFrame::Header> withoutContentLength(QList<StompFrame::Header> headers)
{
    headers.removeIf([](const StompFrame::Header &h) { return h.first == "content-length"; });
    return headers;
}

QString describe(const QList<StompFrame::Header> &headers)
{
    QString out;
    for (const StompFrame::Header &h : headers) {
        out += QString::fromLatin1(h.first.toPercentEncoding()) + u'='
               + QString::fromLatin1(h.second.toPercentEncoding()) + u'\n';
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ParlorFuzz::Input input(data, size);
    const bool tiny = input.byte() & 1;
    const QByteArray cuts = input.bytes();
    const QByteArray stream = input.rest();
    const StompLimits limits = tiny ? StompLimits{16, 4, 32} : StompLimits{};

    // Where the chunks end must not change what is decoded.
    const Outcome whole = decode(stream, {}, limits);
    const Outcome pieces = decode(stream, cuts, limits);
    PARLOR_FUZZ_CHECK(whole.frames.size() == pieces.frames.size(), QString());
    PARLOR_FUZZ_CHECK(whole.error == pieces.error, whole.errorString + u'/' + pieces.errorString);
    for (qsizetype i = 0; i < whole.frames.size(); ++i) {
        PARLOR_FUZZ_CHECK(whole.frames.at(i).encode() == pieces.frames.at(i).encode(), QString());
    }

    // Every decoded frame, encoded again, decodes to the same frame (content-length aside,
    // which encode() writes itself).
    const StompLimits roomy{1 << 20, 1 << 16, 1 << 24};
    for (const StompFrame &frame : whole.frames) {
        PARLOR_FUZZ_CHECK(frame.canEncode(),
                          QString::fromLatin1(frame.encode().toPercentEncoding()));
        const QByteArray wire = frame.encode();
        StompDecoder again(roomy);
        again.append(wire);
        StompFrame back;
        PARLOR_FUZZ_CHECK(again.next(back) == StompDecoder::Result::Frame,
                          again.errorString() + u' '
                                  + QString::fromLatin1(wire.toPercentEncoding()));
        PARLOR_FUZZ_CHECK(back.command == frame.command, QString());
        PARLOR_FUZZ_CHECK(back.body == frame.body, QString());
        PARLOR_FUZZ_CHECK(withoutContentLength(back.headers) == withoutContentLength(frame.headers),
                          describe(frame.headers) + QStringLiteral("--- back:\n")
                                  + describe(back.headers));
        PARLOR_FUZZ_CHECK(again.next(back) == StompDecoder::Result::NeedMore, QString());
    }
    return 0;
}
