#pragma once

#include <QByteArray>
#include <QString>

namespace Parlor {

struct FileInfo;

/// Plain HTTP on the room's port, for browsers: GET / answers the browser client page
/// (resources/web), so "open http://host:port in a browser" joins the room. Everything that is
/// not a WebSocket upgrade comes here; nothing here touches the room.
class RoomPage
{
public:
    /// The most a request head may take; a longer one is answered 431. As Node's HTTP server:
    /// enough for a browser's upgrade request with its cookies.
    static constexpr int MaxHeadBytes = 16 * 1024;

    /// Whether \a head (request line and headers, without the blank line) asks for a WebSocket
    /// upgrade: then ServerHandshake answers it, including when it is malformed.
    static bool isWebSocketUpgrade(const QByteArray &head);
    /// The whole HTTP/1.1 response (status, headers, body) to \a head. The connection closes
    /// after it (Connection: close).
    static QByteArray respond(const QByteArray &head);
    /// The response to a request head longer than MaxHeadBytes.
    static QByteArray headTooLarge();
    /// The response to an upgrade the room refuses (403 Forbidden).
    static QByteArray forbidden();
    /// A response with \a status and \a text as its plain-text body (and \a extraHeaders, each
    /// ending in CRLF), for refusals.
    static QByteArray plainText(int status, const QByteArray &text,
                                const QByteArray &extraHeaders = {});
    /// A response with \a status and \a body of content type \a type (long-polling's JSON).
    static QByteArray reply(int status, const QByteArray &type, const QByteArray &body,
                            const QByteArray &extraHeaders = {});
    /// Whether \a head is a GET or HEAD of a shared file, /files/<key> (UpgradeGate serves
    /// those from the room's FileStore).
    static bool isFileRequest(const QByteArray &head);
    /// The <key> of a file request, exactly as it came: no percent-decoding, so nothing but a
    /// well-formed key (isFileKey()) can name a file.
    static QString fileKey(const QByteArray &head);
    /// The head (status and headers, ending with the blank line) of a 200 for \a file: the
    /// four image types as themselves, shown inline; anything else as
    /// application/octet-stream with Content-Disposition: attachment; always nosniff and a
    /// sandbox CSP (docs/PROTOCOL.md "Files over HTTP").
    static QByteArray fileHead(const FileInfo &file);
    /// The 404 for a file the room does not keep.
    static QByteArray fileNotFound(bool headOnly);
    /// The value of the first header \a name (case-insensitive) in \a head, trimmed; empty if
    /// there is none.
    static QByteArray header(const QByteArray &head, const QByteArray &name);
};

} // namespace Parlor
