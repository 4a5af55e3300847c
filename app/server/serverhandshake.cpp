#include "serverhandshake.h"

#include "roompage.h"

#include <QCryptographicHash>
#include <QList>

namespace Parlor {

namespace {

bool containsToken(const QList<QByteArray> &tokens, const QByteArray &token)
{
    for (const QByteArray &t : tokens) {
        if (t.compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray ServerHandshake::acceptKey(const QByteArray &key)
{
    return QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                    QCryptographicHash::Sha1)
            .toBase64();
}

QList<QByteArray> ServerHandshake::headerTokens(const QByteArray &head, const QByteArray &name)
{
    QList<QByteArray> tokens;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &token : line.mid(colon + 1).split(',')) {
            const QByteArray trimmed = token.trimmed();
            if (!trimmed.isEmpty())
                tokens.append(trimmed);
        }
    }
    return tokens;
}

ServerHandshake::Result ServerHandshake::answer(const QByteArray &head, const QStringList &supported)
{
    Result r;
    auto refuse = [&r](int status, const QByteArray &problem, const QByteArray &extra = {}) {
        r.status = status;
        r.problem = problem;
        r.response = RoomPage::plainText(status, problem + '\n', extra);
        return r;
    };

    const QList<QByteArray> requestLine = head.left(head.indexOf('\n')).trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET")
        return refuse(400, "a WebSocket upgrade is a GET request");
    if (requestLine.at(2) != "HTTP/1.1")
        return refuse(400, "a WebSocket upgrade needs HTTP/1.1");
    if (!containsToken(headerTokens(head, "upgrade"), "websocket"))
        return refuse(400, "Upgrade: websocket is missing");
    if (!containsToken(headerTokens(head, "connection"), "upgrade"))
        return refuse(400, "Connection: Upgrade is missing");
    if (RoomPage::header(head, "sec-websocket-version") != "13")
        return refuse(426, "only WebSocket version 13 is spoken here",
                      "Sec-WebSocket-Version: 13\r\n");
    const QByteArray key = RoomPage::header(head, "sec-websocket-key");
    const auto decoded = QByteArray::fromBase64Encoding(key,
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 16 || key.size() != 24)
        return refuse(400, "Sec-WebSocket-Key must be 16 bytes in base64");

    for (const QByteArray &offered : headerTokens(head, "sec-websocket-protocol")) {
        const QString name = QString::fromLatin1(offered);
        r.offeredSubprotocols.append(name);
        if (r.subprotocol.isEmpty() && supported.contains(name))
            r.subprotocol = name;
    }
    r.origin = QString::fromLatin1(RoomPage::header(head, "origin"));
    r.userAgent = QString::fromLatin1(RoomPage::header(head, "user-agent"));
    r.status = 101;
    r.response = "HTTP/1.1 101 Switching Protocols\r\n"
                 "Upgrade: websocket\r\n"
                 "Connection: Upgrade\r\n"
                 "Sec-WebSocket-Accept: "
                 + acceptKey(key) + "\r\n";
    if (!r.subprotocol.isEmpty())
        r.response += "Sec-WebSocket-Protocol: " + r.subprotocol.toLatin1() + "\r\n";
    r.response += "\r\n";
    return r;
}

} // namespace Parlor
