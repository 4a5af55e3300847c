#include "roompage.h"

#include "protocol/messages.h"

#include <QFile>
#include <QList>
#include <QUrl>

namespace Parlor {

namespace {

struct Asset
{
    const char *path;
    const char *file;
    const char *type;
};

constexpr Asset assets[] = {
        {"/", ":/web/index.html", "text/html; charset=utf-8"},
        {"/index.html", ":/web/index.html", "text/html; charset=utf-8"},
        {"/parlor-web.js", ":/web/parlor-web.js", "text/javascript; charset=utf-8"},
        {"/parlor-web.css", ":/web/parlor-web.css", "text/css; charset=utf-8"},
        {"/parlor.svg", ":/web/parlor.svg", "image/svg+xml"},
        {"/favicon.ico", ":/web/parlor.svg", "image/svg+xml"},
};

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 403:
        return "Forbidden";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 426:
        return "Upgrade Required";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Internal Server Error";
    }
}

QByteArray response(int status, const QByteArray &type, const QByteArray &body, bool withBody,
                    const QByteArray &extraHeaders = {})
{
    QByteArray r = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    r += "Content-Type: " + type + "\r\n";
    r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    // The page only talks to the room it came from; nothing else may run or load in it.
    r += "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; "
         "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
         "frame-ancestors 'none'\r\n";
    r += "X-Content-Type-Options: nosniff\r\n";
    r += "Referrer-Policy: no-referrer\r\n";
    r += "Cache-Control: no-cache\r\n";
    r += extraHeaders;
    r += "Connection: close\r\n\r\n";
    if (withBody)
        r += body;
    return r;
}

QByteArray textResponse(int status, bool withBody, const QByteArray &extraHeaders = {})
{
    return response(status, "text/plain; charset=utf-8", reasonPhrase(status) + '\n', withBody,
                    extraHeaders);
}

} // namespace

QByteArray RoomPage::header(const QByteArray &head, const QByteArray &name)
{
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

bool RoomPage::isWebSocketUpgrade(const QByteArray &head)
{
    return header(head, "upgrade").toLower().contains("websocket");
}

QByteArray RoomPage::forbidden()
{
    return textResponse(403, true);
}

QByteArray RoomPage::plainText(int status, const QByteArray &text, const QByteArray &extraHeaders)
{
    return response(status, "text/plain; charset=utf-8", text, true, extraHeaders);
}

QByteArray RoomPage::reply(int status, const QByteArray &type, const QByteArray &body,
                           const QByteArray &extraHeaders)
{
    return response(status, type, body, true, extraHeaders);
}

QByteArray RoomPage::respond(const QByteArray &head)
{
    const QByteArray requestLine = head.left(head.indexOf('\n')).trimmed();
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1."))
        return textResponse(400, true);
    const QByteArray method = parts.at(0);
    const bool head_ = method == "HEAD";
    if (method != "GET" && !head_)
        return textResponse(405, true, "Allow: GET, HEAD\r\n");
    QByteArray path = parts.at(1);
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);
    for (const Asset &asset : assets) {
        if (path != asset.path)
            continue;
        QFile file(QLatin1String(asset.file));
        if (!file.open(QIODevice::ReadOnly))
            return textResponse(500, !head_);
        return response(200, asset.type, file.readAll(), !head_);
    }
    return textResponse(404, !head_);
}

namespace {

QByteArray requestPath(const QByteArray &head, QByteArray *method)
{
    const QByteArray requestLine = head.left(head.indexOf('\n')).trimmed();
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1."))
        return {};
    *method = parts.at(0);
    QByteArray path = parts.at(1);
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);
    return path;
}

constexpr char filesPrefix[] = "/files/";

} // namespace

bool RoomPage::isFileRequest(const QByteArray &head)
{
    QByteArray method;
    const QByteArray path = requestPath(head, &method);
    return (method == "GET" || method == "HEAD") && path.startsWith(filesPrefix);
}

QString RoomPage::fileKey(const QByteArray &head)
{
    QByteArray method;
    const QByteArray path = requestPath(head, &method);
    if (!path.startsWith(filesPrefix))
        return {};
    return QString::fromLatin1(path.mid(qsizetype(qstrlen(filesPrefix))));
}

QByteArray RoomPage::fileHead(const FileInfo &file)
{
    const bool image = file.mime == QLatin1String("image/png")
                       || file.mime == QLatin1String("image/jpeg")
                       || file.mime == QLatin1String("image/gif")
                       || file.mime == QLatin1String("image/webp");
    // RFC 6266 / 8187: the name in UTF-8, percent-encoded, so no quote or line break in it can
    // end the header.
    const QByteArray name = "UTF-8''" + QUrl::toPercentEncoding(file.name);
    QByteArray r = "HTTP/1.1 200 OK\r\n";
    r += "Content-Type: " + (image ? file.mime.toLatin1() : QByteArray("application/octet-stream"))
         + "\r\n";
    r += "Content-Length: " + QByteArray::number(file.size) + "\r\n";
    r += QByteArray(image ? "Content-Disposition: inline; filename*="
                          : "Content-Disposition: attachment; filename*=")
         + name + "\r\n";
    // Whatever the bytes are, a browser neither guesses another type nor runs anything in them.
    r += "X-Content-Type-Options: nosniff\r\n";
    r += "Content-Security-Policy: sandbox\r\n";
    r += "Referrer-Policy: no-referrer\r\n";
    // A key names the same bytes for as long as it names any.
    r += "Cache-Control: private, max-age=86400\r\n";
    r += "Connection: close\r\n\r\n";
    return r;
}

QByteArray RoomPage::fileNotFound(bool headOnly)
{
    QByteArray r = response(404, "text/plain; charset=utf-8", reasonPhrase(404) + '\n', !headOnly);
    // As every answer under /files/: nothing in it may run.
    r.replace("Content-Security-Policy: ", "Content-Security-Policy: sandbox; ");
    return r;
}

QByteArray RoomPage::headTooLarge()
{
    return textResponse(431, true);
}

} // namespace Parlor
