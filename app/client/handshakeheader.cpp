#include "handshakeheader.h"

namespace Parlor {

namespace {

// RFC 9110 5.6.2: token = 1*tchar.
bool isTokenCharacter(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

} // namespace

HandshakeHeader HandshakeHeader::parse(const QString &line)
{
    HandshakeHeader header;
    const qsizetype colon = line.indexOf(u':');
    if (colon <= 0) {
        header.problem = tr("\"%1\" is not a header: write it as \"Name: value\".").arg(line);
        return header;
    }
    const QString name = line.left(colon);
    // Names are ASCII tokens: no spaces (not even before the colon), no controls, no UTF-8.
    for (const QChar c : name) {
        if (c.unicode() > 0x7e || !isTokenCharacter(char(c.unicode()))) {
            header.problem = tr("\"%1\" is not a valid header name (letters, digits and "
                                "!#$%&'*+-.^_`|~ only).")
                                     .arg(name);
            return header;
        }
    }
    const QString value = line.mid(colon + 1).trimmed();
    // A line break would end the header and start another one the user did not mean (or a
    // body); other controls are refused by servers. A tab inside is allowed, as HTTP allows it.
    for (const QChar c : value) {
        if ((c.unicode() < 0x20 && c != u'\t') || c.unicode() == 0x7f) {
            header.problem = tr("The value of the header \"%1\" contains a control character "
                                "(such as a line break).")
                                     .arg(name);
            return header;
        }
    }
    const QString lower = name.toLower();
    if (lower == QLatin1String("origin")) {
        header.problem = tr("Set the Origin header with --origin.");
        return header;
    }
    if (lower == QLatin1String("sec-websocket-protocol")) {
        header.problem = tr("Offer subprotocols with --subprotocol.");
        return header;
    }
    if (lower == QLatin1String("host") || lower == QLatin1String("upgrade")
        || lower == QLatin1String("connection") || lower == QLatin1String("content-length")
        || lower == QLatin1String("transfer-encoding")
        || lower.startsWith(QLatin1String("sec-websocket-"))) {
        header.problem = tr("The header \"%1\" belongs to the WebSocket handshake and cannot be "
                            "set.")
                                 .arg(name);
        return header;
    }
    header.name = name.toLatin1();
    header.value = value.toUtf8();
    return header;
}

} // namespace Parlor
