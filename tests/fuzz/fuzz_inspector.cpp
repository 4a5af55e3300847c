// The inspector's reading of what a server sent: a received frame's preview and fields are the
// server's bytes, shown (JSON pretty-printed, binary as hex) and exported as a trace line
// (TraceWriter). Also Qt's handshake error text, which carries the server's Accept key, and a
// STOMP broker's frames, read leniently from a preview that may be cut anywhere (StompFrameView).
#include "fuzzsupport.h"

#include "inspector/eventdescription.h"
#include "inspector/handshakeexplainer.h"
#include "inspector/stompframeview.h"
#include "inspector/tracewriter.h"

#include "protocol/stompframe.h"

#include <QJsonDocument>

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ParlorFuzz::Input in(data, size);
    ConnectionEvent event;
    event.kind = ConnectionEvent::Kind(in.byte() % 9);
    event.seq = in.byte();
    event.monotonicMs = qint64(in.byte()) << (in.byte() % 48);
    event.wallMs = qint64(in.byte()) << (in.byte() % 48);
    const QByteArray rest = in.rest();
    // The fields: a JSON object when the input is one, else the bytes as a frame's preview.
    const QJsonDocument doc = QJsonDocument::fromJson(rest);
    if (doc.isObject())
        event.fields = doc.object();
    else
        event.fields.insert(QStringLiteral("preview"), QString::fromUtf8(rest));

    EventDescription::directionOf(event);
    EventDescription::opcodeOf(event);
    EventDescription::sizeOf(event);
    EventDescription::summaryOf(event);
    const QByteArray &preview = rest;
    const QString pretty = EventDescription::prettyJson(QString::fromUtf8(rest));
    if (!pretty.isEmpty())
        PARLOR_FUZZ_CHECK(!QJsonDocument::fromJson(pretty.toUtf8()).isNull(), pretty);
    const QString dump = EventDescription::hexDump(preview);
    PARLOR_FUZZ_CHECK(dump.count(u'\n') == (preview.size() + 15) / 16 - 1 || preview.isEmpty(),
                      dump);

    // A trace is JSON Lines: whatever the fields hold, one event is exactly one line, and it
    // reads back as an object with the event's kind and seq.
    const QByteArray line = TraceWriter::toLine(event);
    PARLOR_FUZZ_CHECK(line.endsWith('\n') && line.count('\n') == 1, QString::fromUtf8(line));
    const QJsonDocument back = QJsonDocument::fromJson(line);
    PARLOR_FUZZ_CHECK(back.isObject(), QString::fromUtf8(line));
    PARLOR_FUZZ_CHECK(back.object().value(QStringLiteral("kind")).toString()
                              == ConnectionEvent::kindName(event.kind),
                      QString::fromUtf8(line));
    PARLOR_FUZZ_CHECK(qint64(back.object().value(QStringLiteral("seq")).toDouble()) == event.seq,
                      QString::fromUtf8(line));

    // A frame or a heart-beat, never both; what is neither says nothing; a frame's command is
    // one STOMP knows, and a preview shorter than the message is always said to be cut.
    const StompFrameView stomp = StompFrameView::read(rest, rest.size() + (event.seq % 2));
    PARLOR_FUZZ_CHECK(!(stomp.isFrame() && stomp.isHeartBeat()), QString::fromUtf8(rest));
    const bool said = !stomp.summary().isEmpty();
    PARLOR_FUZZ_CHECK(said == (stomp.isFrame() || stomp.isHeartBeat()), QString::fromUtf8(rest));
    PARLOR_FUZZ_CHECK(said == !stomp.details().isEmpty(), QString::fromUtf8(rest));
    if (stomp.isFrame()) {
        PARLOR_FUZZ_CHECK(StompFrame::commandFromName(stomp.command())
                                  != StompFrame::Command::Invalid,
                          QString::fromUtf8(rest));
        PARLOR_FUZZ_CHECK(stomp.isCut() || event.seq % 2 == 0, QString::fromUtf8(rest));
    }

    const QString errorText = QString::fromUtf8(rest);
    HandshakeExplainer::acceptMismatch(errorText);
    HandshakeExplainer::isValidAccept(rest.left(rest.size() / 2), rest.mid(rest.size() / 2));
    return 0;
}
