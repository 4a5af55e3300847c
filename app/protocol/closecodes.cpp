#include "closecodes.h"

#include "protocol.h"

#include <QtGlobal>

namespace Parlor {

namespace {

struct CodeInfo
{
    int code;
    const char *name;
    const char *meaning;
};

constexpr CodeInfo codes[] = {
        {1000, "Normal Closure",
         QT_TRANSLATE_NOOP("CloseCodes",
                           "The connection was closed on purpose; its job was done.")},
        {1001, "Going Away",
         QT_TRANSLATE_NOOP("CloseCodes", "The server is shutting down or the other side left.")},
        {1002, "Protocol Error",
         QT_TRANSLATE_NOOP("CloseCodes",
                           "The other side received a frame that breaks the WebSocket protocol.")},
        {1003, "Unsupported Data",
         QT_TRANSLATE_NOOP("CloseCodes",
                           "The other side cannot accept this kind of data (for example binary).")},
        {1005, "No Status Received",
         QT_TRANSLATE_NOOP("CloseCodes", "A close frame arrived without a code. Reported locally; "
                                         "never sent on the wire.")},
        {1006, "Abnormal Closure",
         QT_TRANSLATE_NOOP("CloseCodes",
                           "The connection dropped without a close frame (network loss, crash or "
                           "proxy timeout). Reported locally; never sent on the wire.")},
        {1007, "Invalid Frame Payload Data",
         QT_TRANSLATE_NOOP("CloseCodes", "A text message was not valid UTF-8.")},
        {1008, "Policy Violation",
         QT_TRANSLATE_NOOP("CloseCodes", "The other side refused a message or the connection by "
                                         "its rules (for example a wrong password or flooding).")},
        {1009, "Message Too Big",
         QT_TRANSLATE_NOOP("CloseCodes", "A message was larger than the other side accepts.")},
        {1010, "Mandatory Extension",
         QT_TRANSLATE_NOOP("CloseCodes",
                           "The server did not offer an extension the client requires.")},
        {1011, "Internal Error",
         QT_TRANSLATE_NOOP("CloseCodes", "The server met an unexpected condition.")},
        {1012, "Service Restart",
         QT_TRANSLATE_NOOP("CloseCodes", "The server is restarting; reconnect shortly.")},
        {1013, "Try Again Later",
         QT_TRANSLATE_NOOP("CloseCodes", "The server is overloaded or full; try again later.")},
        {1014, "Bad Gateway",
         QT_TRANSLATE_NOOP("CloseCodes",
                           "A gateway or proxy got an invalid answer from the server behind it.")},
        {1015, "TLS Handshake",
         QT_TRANSLATE_NOOP("CloseCodes",
                           "The TLS handshake failed (for example the certificate was not "
                           "trusted). Reported locally; never sent on the wire.")},
};

} // namespace

QString CloseCodes::name(int code)
{
    for (const CodeInfo &c : codes) {
        if (c.code == code)
            return QString::fromLatin1(c.name);
    }
    if (code >= 4000 && code <= 4999)
        return QStringLiteral("Application");
    if (code >= 3000 && code <= 3999)
        return QStringLiteral("Registered");
    return QStringLiteral("Unknown");
}

const char *CloseCodes::meaning(int code)
{
    for (const CodeInfo &c : codes) {
        if (c.code == code)
            return c.meaning;
    }
    if (code >= 4000 && code <= 4999)
        return QT_TRANSLATE_NOOP("CloseCodes",
                                 "A code private to the application on the other side.");
    if (code >= 3000 && code <= 3999)
        return QT_TRANSLATE_NOOP("CloseCodes", "A code registered by a library or framework.");
    return QT_TRANSLATE_NOOP("CloseCodes", "A code RFC 6455 does not define.");
}

bool CloseCodes::isSendable(int code)
{
    // RFC 6455 7.4.2: 1000-2999 are for the protocol (only the defined ones may be sent; 1004 is
    // reserved, 1005, 1006 and 1015 are local only), 3000-4999 for libraries and applications.
    if (code >= 3000 && code <= 4999)
        return true;
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014);
}

QString CloseCodes::clippedReason(const QString &reason)
{
    qsizetype bytes = 0;
    qsizetype end = 0;
    while (end < reason.size()) {
        // Whole code points only: a surrogate pair is one character of 4 bytes.
        const qsizetype step = reason.at(end).isHighSurrogate() && end + 1 < reason.size() ? 2 : 1;
        const qsizetype size = utf8Size(QStringView(reason).mid(end, step));
        if (bytes + size > MaxReasonBytes)
            break;
        bytes += size;
        end += step;
    }
    return reason.left(end);
}

} // namespace Parlor
