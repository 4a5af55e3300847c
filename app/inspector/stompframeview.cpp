#include "stompframeview.h"

#include "protocol/stompdecoder.h"
#include "protocol/stompframe.h"

namespace Parlor {

namespace {

// How much of a body the one-line summary quotes.
constexpr int quotedCharacters = 60;

QString fromUtf8Lenient(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes); // a cut preview may end inside a character: shown as U+FFFD
}

} // namespace

StompFrameView StompFrameView::read(const QByteArray &bytes, qint64 size)
{
    StompFrameView view;
    qsizetype pos = 0;
    // EOLs before a frame are heart-beats; a message of nothing else is one.
    while (pos < bytes.size() && (bytes.at(pos) == '\n' || bytes.at(pos) == '\r')) {
        if (bytes.at(pos) == '\n')
            ++view.m_heartBeats;
        ++pos;
    }
    if (pos == bytes.size())
        return view;
    auto takeLine = [&bytes, &pos](QByteArray &line) {
        const qsizetype eol = bytes.indexOf('\n', pos);
        if (eol < 0) {
            line = bytes.mid(pos);
            pos = bytes.size();
            return false;
        }
        line = bytes.mid(pos, eol - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = eol + 1;
        return true;
    };
    QByteArray line;
    const bool complete = takeLine(line);
    const StompFrame::Command command = StompFrame::commandFromName(line);
    if (command == StompFrame::Command::Invalid || !complete) {
        view.m_heartBeats = 0;
        return view; // not STOMP, or too little of it to say
    }
    view.m_command = line;
    const bool escaped = StompFrame::escapesHeaders(command);
    bool inHeaders = true;
    while (inHeaders) {
        if (!takeLine(line)) {
            view.m_cut = true; // the preview ends among the headers
            if (!line.isEmpty())
                inHeaders = false;
            break;
        }
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        QByteArray name = colon < 0 ? line : line.left(colon);
        QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
        if (escaped) {
            QByteArray raw;
            if (StompDecoder::unescape(name, raw))
                name = raw;
            if (StompDecoder::unescape(value, raw))
                value = raw;
        }
        view.m_headers.append({name, value});
    }
    if (!view.m_cut) {
        QByteArray body = bytes.mid(pos);
        const qsizetype nul = body.indexOf('\0');
        if (nul >= 0)
            body.truncate(nul);
        else
            view.m_cut = true; // no NUL yet: the body goes on beyond the preview
        view.m_body = body;
    }
    if (qint64(bytes.size()) < size)
        view.m_cut = true;
    return view;
}

QByteArray StompFrameView::header(const QByteArray &name) const
{
    for (const auto &h : m_headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

QString StompFrameView::summary() const
{
    if (isHeartBeat())
        return tr("heart-beat");
    if (!isFrame())
        return {};
    QStringList parts{QString::fromLatin1(m_command)};
    if (const QByteArray d = header("destination"); !d.isEmpty())
        parts.first() += u' ' + fromUtf8Lenient(d);
    // The headers that say what a frame is about, in the order a reader looks for them.
    // A MESSAGE carries its sender's receipt header too: that receipt is the sender's business.
    const bool message = m_command == "MESSAGE";
    for (const char *name : {"message", "parlor-nick", "receipt", "receipt-id", "x-stream-offset",
                             "subscription", "heart-beat"}) {
        if (message && qstrcmp(name, "receipt") == 0)
            continue;
        const QByteArray value = header(name);
        if (!value.isEmpty())
            parts.append(tr("%1 %2").arg(QString::fromLatin1(name), fromUtf8Lenient(value)));
    }
    if (!m_body.isEmpty()) {
        QString text = fromUtf8Lenient(m_body).simplified();
        if (text.size() > quotedCharacters || m_cut)
            text = text.left(quotedCharacters) + QChar(0x2026);
        parts.append(tr("“%1”").arg(text));
    }
    return parts.join(QStringLiteral(" · "));
}

QString StompFrameView::details() const
{
    if (isHeartBeat())
        return tr("heart-beat (%n end-of-line(s)): the peer is still there", nullptr, m_heartBeats);
    if (!isFrame())
        return {};
    QStringList lines{tr("STOMP %1").arg(QString::fromLatin1(m_command)), QString()};
    if (m_headers.isEmpty())
        lines.append(tr("no headers"));
    for (const auto &h : m_headers)
        lines.append(
                QStringLiteral("%1: %2").arg(fromUtf8Lenient(h.first), fromUtf8Lenient(h.second)));
    lines.append(QString());
    if (m_body.isEmpty() && !m_cut) {
        lines.append(tr("no body"));
    } else {
        lines.append(tr("body (%n byte(s) shown):", nullptr, int(m_body.size())));
        lines.append(fromUtf8Lenient(m_body));
    }
    if (m_cut)
        lines.append(tr("(the rest of the frame is not in the preview)"));
    return lines.join(u'\n');
}

} // namespace Parlor
