#include "handshakeexplainer.h"

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>

namespace Parlor {

namespace {

// RFC 6455, section 1.3: the GUID every server appends to the client's key.
constexpr char acceptGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// A peer that closes this soon after accepting without a subprotocol most likely closed because
// of it; a later close has other causes.
constexpr qint64 quickCloseMs = 3000;

struct Text
{
    HandshakeExplainer::Failure failure;
    const char *text;
};

using F = HandshakeExplainer::Failure;

constexpr Text texts[] = {
        {F::ConnectionRefused,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "Nothing accepts connections at this address and port: the server is "
                           "not running, or it listens on another port.")},
        {F::HostNotFound,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The host name could not be found: check the address and the network.")},
        {F::HandshakeTimeout,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server accepted the TCP connection but did not answer the "
                           "WebSocket upgrade in time: it may not be a WebSocket server, or it is "
                           "overloaded.")},
        {F::NotWebSocket,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "An ordinary web page answered instead of a WebSocket endpoint: check "
                           "the path in the address.")},
        {F::Redirect,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server answered with a redirect, which WebSocket clients do not "
                           "follow: use the address it redirects to.")},
        {F::BadRequest,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server rejected the upgrade request. Servers do this when the "
                           "subprotocol, the Origin or the WebSocket version is not what they "
                           "expect.")},
        {F::Unauthorized,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server requires authentication before it accepts the "
                           "connection.")},
        {F::Forbidden,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server refused the connection: this Origin, address or client is "
                           "not allowed.")},
        {F::NotFound,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "There is no WebSocket endpoint at this path on the server.")},
        {F::UpgradeRequired,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server wants a WebSocket version this client does not speak.")},
        {F::TooManyRequests,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server turns connections away because there were too many: try "
                           "again later.")},
        {F::ServerError,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server failed while handling the upgrade: the problem is on its "
                           "side.")},
        {F::HttpStatus,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server answered the upgrade with an HTTP status instead of 101 "
                           "Switching Protocols.")},
        {F::TlsError,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server's certificate is not trusted: it may be self-signed, "
                           "expired or made for another name. Trust it only if you can check its "
                           "fingerprint.")},
        {F::BadAcceptKey,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server answered with a wrong Sec-WebSocket-Accept: it is not a "
                           "correct WebSocket server, or something on the way alters the "
                           "handshake.")},
        {F::SubprotocolNotOffered,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server chose a subprotocol that was not offered, so the "
                           "connection was failed, as RFC 6455 requires.")},
        {F::NoCommonSubprotocol,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server accepted the connection without choosing any of the "
                           "offered subprotocols and closed it at once: it probably expects a "
                           "subprotocol that was not offered.")},
        {F::NoSubprotocolOffered,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "No subprotocol was offered and the server dropped the connection: "
                           "some servers refuse, or even crash, when a client does not offer the "
                           "subprotocol they expect.")},
        {F::ClosedDuringHandshake,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The server closed the connection before answering the upgrade: it may "
                           "not accept the offered subprotocols, the path or the Origin, or it "
                           "crashed.")},
        {F::PingTimeout,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The connection stopped answering pings: the server, or the network "
                           "path to it, is gone.")},
        {F::ProxyRefused,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The proxy refused to connect to the server: it does not allow this "
                           "address or port (many HTTP proxies tunnel to port 443 only). Choose "
                           "another proxy, or \"none\" to connect directly.")},
        {F::ProxyAuthentication,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The proxy wants a user name and password: give the user in the proxy "
                           "address (user@host:port) and the password when asked.")},
        {F::ProxyUnreachable,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "The proxy could not be reached: check its address and port, and that "
                           "it is running.")},
        {F::ProxyProtocol,
         QT_TRANSLATE_NOOP("HandshakeExplainer",
                           "What answered at the proxy's address does not speak that kind of "
                           "proxy, or broke off: check http:// against socks5://.")},
};

HandshakeExplainer::Failure fromHttpStatus(int status)
{
    if (status >= 200 && status < 300)
        return F::NotWebSocket;
    if (status >= 300 && status < 400)
        return F::Redirect;
    if (status >= 500 && status < 600)
        return F::ServerError;
    switch (status) {
    case 400:
        return F::BadRequest;
    case 401:
    case 407:
        return F::Unauthorized;
    case 403:
        return F::Forbidden;
    case 404:
        return F::NotFound;
    case 426:
        return F::UpgradeRequired;
    case 429:
        return F::TooManyRequests;
    default:
        return F::HttpStatus;
    }
}

HandshakeExplainer::Failure fromProxySocketError(int socketError, const QString &error)
{
    switch (socketError) {
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return F::ProxyAuthentication;
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return F::ProxyUnreachable;
    case QAbstractSocket::ProxyProtocolError:
    case QAbstractSocket::ProxyConnectionClosedError:
        return F::ProxyProtocol;
    case QAbstractSocket::SocketAccessError:
        return F::ProxyRefused;
    default:
        // Only the close is known (a trace without the Error event): Qt's English words.
        if (error.contains(QLatin1String("authentication"), Qt::CaseInsensitive))
            return F::ProxyAuthentication;
        if (error.contains(QLatin1String("refused"), Qt::CaseInsensitive)
            || error.contains(QLatin1String("not found"), Qt::CaseInsensitive)
            || error.contains(QLatin1String("timed out"), Qt::CaseInsensitive)) {
            return F::ProxyUnreachable;
        }
        if (error.contains(QLatin1String("denied"), Qt::CaseInsensitive)
            || error.contains(QLatin1String("not allowed"), Qt::CaseInsensitive)) {
            return F::ProxyRefused;
        }
        return F::ProxyProtocol;
    }
}

// Qt 6.4 words this failure "WebSocket server has chosen protocol %1 which has not been
// requested"; the CloseInfo has no other trace of it. Qt's text is English unless the app loads
// Qt's own translations, so this is a fallback behind the recorded offered/chosen facts.
bool isUnrequestedProtocolError(const QString &error)
{
    return error.contains(QLatin1String("has chosen protocol"))
           && error.contains(QLatin1String("not been requested"));
}

bool hasWord(const QString &error, const char *words)
{
    return error.contains(QLatin1String(words), Qt::CaseInsensitive);
}

} // namespace

QByteArray HandshakeExplainer::acceptKey(const QByteArray &secWebSocketKey)
{
    const QByteArray keyAndGuid = secWebSocketKey.trimmed() + QByteArray(acceptGuid);
    return QCryptographicHash::hash(keyAndGuid, QCryptographicHash::Sha1).toBase64();
}

bool HandshakeExplainer::isValidAccept(const QByteArray &secWebSocketKey,
                                       const QByteArray &secWebSocketAccept)
{
    return !secWebSocketKey.trimmed().isEmpty()
           && acceptKey(secWebSocketKey) == secWebSocketAccept.trimmed();
}

QPair<QByteArray, QByteArray> HandshakeExplainer::acceptMismatch(const QString &errorString)
{
    static const QRegularExpression mismatch(
            QStringLiteral("Accept-Key received from server (\\S*) does not match the client key "
                           "(\\S*?)\\.?$"));
    const QRegularExpressionMatch m = mismatch.match(errorString.trimmed());
    if (!m.hasMatch())
        return {};
    return {m.captured(2).toLatin1(), m.captured(1).toLatin1()};
}

HandshakeExplainer::Failure HandshakeExplainer::failure(const CloseInfo &info,
                                                        const Attempt &attempt)
{
    using Reason = CloseInfo::Reason;
    switch (info.reason) {
    case Reason::None:
    case Reason::User:
        return F::None;
    case Reason::TlsError:
        return F::TlsError;
    case Reason::HandshakeTimeout:
        return F::HandshakeTimeout;
    case Reason::HandshakeRefused:
        return fromHttpStatus(info.httpStatus);
    case Reason::PingTimeout:
        return F::PingTimeout;
    case Reason::ProxyError:
        return fromProxySocketError(attempt.socketError, info.errorString);
    case Reason::Peer:
    case Reason::NetworkError:
        break;
    }

    const bool chosenNotOffered = attempt.upgraded && !attempt.chosen.isEmpty()
                                  && !attempt.offered.contains(attempt.chosen);
    if (chosenNotOffered || isUnrequestedProtocolError(info.errorString))
        return F::SubprotocolNotOffered;
    if (!acceptMismatch(info.errorString).first.isNull())
        return F::BadAcceptKey;
    // The socket error code is exact; Qt's English wording is the fallback when only the
    // CloseInfo is known.
    if (attempt.socketError == QAbstractSocket::ConnectionRefusedError
        || (attempt.socketError < 0 && hasWord(info.errorString, "connection refused"))) {
        return F::ConnectionRefused;
    }
    if (attempt.socketError == QAbstractSocket::HostNotFoundError
        || (attempt.socketError < 0 && hasWord(info.errorString, "host not found"))) {
        return F::HostNotFound;
    }

    if (attempt.phase == Phase::Handshake && info.reason == Reason::NetworkError)
        return attempt.offered.isEmpty() ? F::NoSubprotocolOffered : F::ClosedDuringHandshake;

    if (attempt.phase == Phase::Open && attempt.upgraded && attempt.chosen.isEmpty()
        && attempt.openMs >= 0 && attempt.openMs < quickCloseMs) {
        // A close right after an upgrade without a subprotocol is how many servers say "I do not
        // speak any of these"; a normal close or a going-away is not.
        const bool refusingClose = info.reason == Reason::NetworkError
                                   || (info.code != 1000 && info.code != 1001);
        if (refusingClose)
            return attempt.offered.isEmpty() ? F::NoSubprotocolOffered : F::NoCommonSubprotocol;
    }
    return F::None;
}

HandshakeExplainer::Failure HandshakeExplainer::failure(const CloseInfo &info)
{
    return failure(info, Attempt());
}

const char *HandshakeExplainer::explanation(Failure failure)
{
    for (const Text &t : texts) {
        if (t.failure == failure)
            return t.text;
    }
    return nullptr;
}

const char *HandshakeExplainer::failureExplanation(const CloseInfo &info, const Attempt &attempt)
{
    return explanation(failure(info, attempt));
}

const char *HandshakeExplainer::failureExplanation(const CloseInfo &info)
{
    return failureExplanation(info, Attempt());
}

QString HandshakeExplainer::explain(const CloseInfo &info)
{
    return explain(info, Attempt());
}

QString HandshakeExplainer::explain(const CloseInfo &info, const Attempt &attempt)
{
    const char *text = failureExplanation(info, attempt);
    return text ? QCoreApplication::translate("HandshakeExplainer", text) : QString();
}

} // namespace Parlor
