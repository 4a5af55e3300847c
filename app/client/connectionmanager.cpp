#include "connectionmanager.h"

#include "core/logging.h"
#include "protocol/closecodes.h"
#include "protocol/protocol.h"

#include <QAuthenticator>
#include <QCryptographicHash>
#include <QNetworkInformation>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <QWebSocketProtocol>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#endif

namespace Parlor {

namespace {

int httpStatusFrom(const QString &errorString)
{
    // Qt words a refused upgrade as "... Unhandled http status code: 403 (Forbidden)."
    static const QRegularExpression status(QStringLiteral("status code: (\\d{3})"));
    const QRegularExpressionMatch m = status.match(errorString);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

} // namespace

ConnectionManager::ConnectionManager(QObject *parent)
    : QObject(parent)
{
    for (QTimer *timer :
         {&m_handshakeTimer, &m_pongTimer, &m_closeTimer, &m_stableTimer, &m_reconnectTimer}) {
        timer->setSingleShot(true);
    }
    // Coarse timers may fire up to 5 % early: a timeout must never end an attempt before the
    // time it promises.
    for (QTimer *timer : {&m_handshakeTimer, &m_pongTimer, &m_closeTimer})
        timer->setTimerType(Qt::PreciseTimer);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &ConnectionManager::onHandshakeTimeout);
    connect(&m_pingTimer, &QTimer::timeout, this, &ConnectionManager::ping);
    connect(&m_pongTimer, &QTimer::timeout, this, &ConnectionManager::onPongTimeout);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        // The peer did not answer our close frame: stop waiting for it.
        m_closeTimedOut = true;
        if (m_socket)
            m_socket->abort();
        finishClosed();
    });
    connect(&m_stableTimer, &QTimer::timeout, this, [this] {
        m_backoff.reset();
        m_failuresInRow = 0;
    });
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ConnectionManager::startAttempt);
    connect(&m_machine, &ConnectionStateMachine::transitioned, this,
            [this](State from, State to) { onTransition(from, to); });
}

ConnectionManager::~ConnectionManager()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

bool ConnectionManager::open(const Options &options)
{
    if (state() != State::Closed)
        return false;
    const QList<QUrl> servers = options.servers.isEmpty() ? QList<QUrl>{options.url}
                                                          : options.servers;
    for (const QUrl &url : servers) {
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
            return false;
        }
    }
    m_options = options;
    m_servers = servers;
    m_serverIndex = 0;
    m_failuresInRow = 0;
    m_options.url = m_servers.constFirst();
    m_backoff = ReconnectBackoff(options.backoff);
    m_reconnectTimer.stop();
    m_userClosed = false;
    watchNetwork();
    startAttempt();
    return true;
}

void ConnectionManager::startAttempt()
{
    m_reconnectTimer.stop();
    dropSocket();
    m_subprotocol.clear();
    m_userClosing = false;
    m_aborting = false;
    m_peerClosing = false;
    m_closeTimedOut = false;
    m_pendingReason = CloseInfo::Reason::None;
    m_lastError.clear();
    m_lastSocketError = -1;
    m_proxyLogins = 0;
    m_certificateSubject.clear();
    m_certificateFingerprint.clear();
    m_framesInMessage = 0;

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    QWebSocket *socket = m_socket;
    socket->setMaxAllowedIncomingMessageSize(m_options.maxIncomingMessageBytes);
    socket->setMaxAllowedIncomingFrameSize(m_options.maxIncomingMessageBytes);
    // One frame per message: Qt splits long text frames inside UTF-8 sequences (QT64-NOTES 3).
    socket->setOutgoingFrameSize(QWebSocket::maxOutgoingFrameSize());
    // Always set, never left to Qt's default: the record must say which way the connection went,
    // and `none` must win over $http_proxy (ProxySetting).
    m_proxy = m_options.proxy.proxyFor(m_options.url);
    socket->setProxy(m_proxy);
    connect(socket, &QWebSocket::connected, this, &ConnectionManager::onSocketConnected);
    connect(socket, &QWebSocket::disconnected, this, &ConnectionManager::onSocketDisconnected);
    connect(socket, &QWebSocket::aboutToClose, this, &ConnectionManager::onSocketAboutToClose);
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &ConnectionManager::onSocketError);
#if QT_CONFIG(ssl)
    connect(socket, &QWebSocket::sslErrors, this, &ConnectionManager::onSslErrors);
#endif
    connect(socket, &QWebSocket::pong, this, &ConnectionManager::onPong);
    connect(socket, &QWebSocket::proxyAuthenticationRequired, this,
            [this, socket](const QNetworkProxy &proxy, QAuthenticator *authenticator) {
                if (socket != m_socket)
                    return;
                if (authenticator->user().isEmpty())
                    authenticator->setUser(m_options.proxy.proxy().user());
                if (++m_proxyLogins == 1)
                    emit proxyAuthenticationRequired(proxy, authenticator);
                if (m_proxyLogins > 1 || authenticator->password().isEmpty()) {
                    // No login, or the one given was refused: Qt 6.4 would try the same again
                    // at once, for ever (thousands of logins a second). Give up instead.
                    failProxyLogin();
                    return;
                }
                // Asked once per connection, not at every reconnect.
                m_options.proxy.setUser(authenticator->user());
                m_options.proxy.setPassword(authenticator->password());
            });
    connect(socket, &QWebSocket::textFrameReceived, this, [this] { ++m_framesInMessage; });
    connect(socket, &QWebSocket::binaryFrameReceived, this, [this] { ++m_framesInMessage; });
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_recorder.textMessage(ConnectionEvent::Kind::MessageIn, text, text.toUtf8().size(),
                               std::max(1, m_framesInMessage));
        m_framesInMessage = 0;
        emit textMessageReceived(text);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        m_recorder.binaryMessage(ConnectionEvent::Kind::MessageIn, data, data.size(),
                                 std::max(1, m_framesInMessage));
        m_framesInMessage = 0;
        emit binaryMessageReceived(data);
    });

    QNetworkRequest request(m_options.url);
    if (!m_options.origin.isEmpty())
        request.setRawHeader("Origin", m_options.origin.toUtf8());
    for (const auto &[name, value] : std::as_const(m_options.headers))
        request.setRawHeader(name, value);
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols(m_options.subprotocols);

    m_machine.transition(State::Connecting);
    m_recorder.handshakeRequest(m_options.url, m_options.subprotocols, m_options.origin,
                                m_options.headers, m_backoff.attempts(),
                                ProxySetting::describe(m_proxy));
    // Qt 6.4 has no handshake timeout: a server that accepts TCP and stays silent, or answers
    // something that is not an upgrade, would leave us in Connecting forever (QT64-NOTES 1).
    m_handshakeTimer.start(m_options.handshakeTimeoutMs);
    socket->open(request, handshake);
}

void ConnectionManager::onSocketConnected()
{
    if (refuseUnpinnedCertificate())
        return;
    m_handshakeTimer.stop();
    m_subprotocol = m_socket->subprotocol();
    m_recorder.handshakeResponse(m_subprotocol, m_options.subprotocols);
    if (!m_machine.transition(State::Open))
        return;
    if (m_options.pingIntervalMs > 0)
        m_pingTimer.start(m_options.pingIntervalMs);
    m_stableTimer.start(m_options.backoff.stableAfterMs);
    emit opened(m_subprotocol);
}

void ConnectionManager::onSocketAboutToClose()
{
    // Emitted for a closing handshake only, whichever side began it; an abrupt loss goes straight
    // to disconnected.
    if (!m_userClosing && !m_aborting && state() == State::Open) {
        m_peerClosing = true;
        // Qt answers the peer's close frame at once with the same code and reason; both are
        // what closeCode() and closeReason() hold now (Qt 6.4 reports a code it considers
        // invalid as 1002, QT64-NOTES 2).
        const int code = m_socket->closeCode();
        const QString reason = m_socket->closeReason();
        m_recorder.closeFrame(EventValue::in, code, reason, false);
        m_recorder.closeFrame(EventValue::out, code, reason, true);
        m_machine.transition(State::Closing);
    }
}

void ConnectionManager::onSocketError()
{
    if (!m_socket)
        return;
    m_lastError = m_socket->errorString();
    m_lastSocketError = int(m_socket->error());
    if (state() == State::Connecting) {
        // The server answered the upgrade with something other than 101: that answer is the
        // handshake's response, and the inspector shows it as one.
        if (const int status = httpStatusFrom(m_lastError)) {
            m_recorder.handshakeRefused(status, m_options.subprotocols);
        }
    }
    m_recorder.error(m_lastError, int(m_socket->error()));
    if (state() == State::Connecting) {
        m_aborting = true;
        m_socket->abort();
        finishClosed();
    }
}

void ConnectionManager::onSslErrors(const QList<QSslError> &errors)
{
#if QT_CONFIG(ssl)
    const QSslCertificate certificate = m_socket->sslConfiguration().peerCertificate();
    m_certificateSubject = certificate.subjectDisplayName();
    m_certificateFingerprint = QString::fromLatin1(
            certificate.digest(QCryptographicHash::Sha256).toHex());
    QStringList problems;
    for (const QSslError &e : errors)
        problems.append(e.errorString());
    const bool pinned = (!m_options.onlyTrustedFingerprint
                         && m_pins.isTrusted(m_options.url.host(), m_options.url.port(443),
                                             m_certificateFingerprint))
                        || (!m_options.trustedFingerprint.isEmpty()
                            && CertificatePins::normalized(m_options.trustedFingerprint)
                                       == m_certificateFingerprint);
    m_recorder.certificateError(problems, m_certificateSubject, certificate.issuerDisplayName(),
                                m_certificateFingerprint, pinned);
    if (pinned) {
        m_socket->ignoreSslErrors(errors);
        return;
    }
    m_pendingReason = CloseInfo::Reason::TlsError;
#else
    Q_UNUSED(errors);
#endif
}

bool ConnectionManager::refuseUnpinnedCertificate()
{
#if QT_CONFIG(ssl)
    // A certificate that verified without errors never reached onSslErrors: with a pin, check
    // it here. Qt 6.4 gives no hook between TLS and the upgrade request, so this is the first
    // moment; the connection is dropped before anything is read from or sent to it.
    if (!m_options.onlyTrustedFingerprint || m_options.trustedFingerprint.isEmpty()
        || m_options.url.scheme().toLower() != QLatin1String("wss")) {
        return false;
    }
    const QSslCertificate certificate = m_socket->sslConfiguration().peerCertificate();
    const QString fingerprint = QString::fromLatin1(
            certificate.digest(QCryptographicHash::Sha256).toHex());
    if (fingerprint == CertificatePins::normalized(m_options.trustedFingerprint))
        return false;
    m_certificateSubject = certificate.subjectDisplayName();
    m_certificateFingerprint = fingerprint;
    m_recorder.certificateError({QStringLiteral("The certificate is not the pinned one")},
                                m_certificateSubject, certificate.issuerDisplayName(),
                                m_certificateFingerprint, false);
    m_pendingReason = CloseInfo::Reason::TlsError;
    m_aborting = true;
    m_socket->abort();
    finishClosed();
    return true;
#else
    return false;
#endif
}

void ConnectionManager::trustCertificateAndReconnect(const QString &sha256Fingerprint)
{
    // Only the certificate that just failed can be trusted, never an arbitrary fingerprint.
    if (m_lastClose.reason != CloseInfo::Reason::TlsError
        || CertificatePins::normalized(sha256Fingerprint)
                   != CertificatePins::normalized(m_lastClose.certificateFingerprint)) {
        return;
    }
    m_pins.trust(m_options.url.host(), m_options.url.port(443), sha256Fingerprint);
    reconnectNow();
}

void ConnectionManager::ping()
{
    if (state() != State::Open || !m_socket)
        return;
    const QByteArray payload = QByteArray::number(++m_pingCounter);
    m_socket->ping(payload);
    m_recorder.ping(payload);
    if (!m_pongTimer.isActive() && m_options.pingTimeoutMs > 0)
        m_pongTimer.start(m_options.pingTimeoutMs);
}

void ConnectionManager::onPong(quint64 elapsedMs, const QByteArray &payload)
{
    m_pongTimer.stop();
    m_lastRttMs = qint64(elapsedMs);
    m_recorder.pong(m_lastRttMs, payload);
    emit rttMeasured(m_lastRttMs);
}

void ConnectionManager::onHandshakeTimeout()
{
    if (state() != State::Connecting)
        return;
    m_pendingReason = CloseInfo::Reason::HandshakeTimeout;
    if (m_socket)
        m_socket->abort();
    finishClosed(); // abort() of a socket still resolving or connecting may not emit disconnected
}

void ConnectionManager::onPongTimeout()
{
    if (state() != State::Open)
        return;
    m_pendingReason = CloseInfo::Reason::PingTimeout;
    m_aborting = true;
    if (m_socket)
        m_socket->abort();
    finishClosed();
}

void ConnectionManager::close(int code, const QString &reason)
{
    m_userClosed = true;
    const bool wasScheduled = m_reconnectTimer.isActive();
    m_reconnectTimer.stop();
    switch (state()) {
    case State::Closed:
        if (wasScheduled) {
            m_lastClose.reconnectScheduled = false;
            m_lastClose.reconnectAt = {};
            m_recorder.reconnectCancelled();
        }
        return;
    case State::Connecting:
        m_userClosing = true;
        m_userCloseCode = code;
        m_userCloseReason = reason;
        if (m_socket)
            m_socket->abort();
        finishClosed();
        return;
    case State::Open:
        m_userClosing = true;
        m_userCloseCode = code;
        // Cut where Qt would cut (123 bytes), but at a character: Qt cuts bytes, and half a
        // character would make the peer fail the close with 1007.
        m_userCloseReason = CloseCodes::clippedReason(reason);
        m_machine.transition(State::Closing);
        m_closeTimer.start(m_options.closeTimeoutMs);
        m_recorder.closeFrame(EventValue::out, code, m_userCloseReason, false);
        m_socket->close(QWebSocketProtocol::CloseCode(code), m_userCloseReason);
        return;
    case State::Closing:
        return;
    }
}

void ConnectionManager::reconnectNow()
{
    if (state() != State::Closed || !m_options.url.isValid())
        return;
    m_userClosed = false;
    startAttempt();
}

qint64 ConnectionManager::sendText(const QString &text)
{
    return sendText(text, text);
}

qint64 ConnectionManager::sendText(const QString &text, const QString &preview)
{
    if (state() != State::Open || !m_socket)
        return -1;
    const qint64 sent = m_socket->sendTextMessage(text);
    m_recorder.textMessage(ConnectionEvent::Kind::MessageOut, preview, sent, 1);
    return sent;
}

qint64 ConnectionManager::sendBinary(const QByteArray &data)
{
    if (state() != State::Open || !m_socket)
        return -1;
    const qint64 sent = m_socket->sendBinaryMessage(data);
    m_recorder.binaryMessage(ConnectionEvent::Kind::MessageOut, data, sent, 1);
    return sent;
}

void ConnectionManager::onSocketDisconnected()
{
    // Qt 6.4 reports some failures (e.g. connection refused) after disconnected: wait one turn
    // of the event loop so the close carries its cause.
    QMetaObject::invokeMethod(
            this,
            [this, socket = m_socket] {
                if (socket == m_socket)
                    finishClosed();
            },
            Qt::QueuedConnection);
}

void ConnectionManager::failProxyLogin()
{
    if (m_lastSocketError == QAbstractSocket::ProxyAuthenticationRequiredError)
        return; // already failing
    m_lastSocketError = QAbstractSocket::ProxyAuthenticationRequiredError;
    m_lastError = QStringLiteral("the proxy wants a user name and password, and none that it "
                                 "accepts was given");
    m_recorder.error(m_lastError, m_lastSocketError);
    // Not from inside Qt's signal: the socket is still using the authenticator.
    QMetaObject::invokeMethod(
            this,
            [this, socket = m_socket] {
                if (socket != m_socket || state() != State::Connecting)
                    return;
                m_socket->abort();
                finishClosed();
            },
            Qt::QueuedConnection);
}

bool ConnectionManager::isProxyFailure() const
{
    if (m_proxy.type() == QNetworkProxy::NoProxy)
        return false;
    switch (m_lastSocketError) {
    case QAbstractSocket::ProxyAuthenticationRequiredError:
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
    // Qt's word for an HTTP proxy's 403 or 405 to CONNECT and a SOCKS "not allowed by ruleset"
    case QAbstractSocket::SocketAccessError:
        return true;
    default:
        return false;
    }
}

CloseInfo ConnectionManager::describeClose() const
{
    CloseInfo info;
    info.attempt = m_backoff.attempts();
    info.errorString = m_lastError;
    info.code = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
    if (m_userClosing) {
        info.reason = CloseInfo::Reason::User;
        info.code = m_userCloseCode;
        info.closeReason = m_userCloseReason;
        info.clean = state() == State::Closing && !m_closeTimedOut;
    } else if (m_pendingReason != CloseInfo::Reason::None) {
        info.reason = m_pendingReason;
        if (m_pendingReason == CloseInfo::Reason::TlsError) {
            info.code = 1015;
            info.certificateSubject = m_certificateSubject;
            info.certificateFingerprint = m_certificateFingerprint;
        }
    } else if (m_peerClosing && m_socket) {
        // A close frame arrived: only now is Qt's close code meaningful (QT64-NOTES 2). Qt 6.4
        // reads 1012-2999 as invalid and reports 1002 instead; what was sent is lost, which is
        // why the Parlor room explains a 1013 with an `error` message first.
        info.reason = CloseInfo::Reason::Peer;
        info.code = m_socket->closeCode();
        info.closeReason = m_socket->closeReason();
        info.clean = true;
    } else if (state() == State::Connecting && isProxyFailure()) {
        info.reason = CloseInfo::Reason::ProxyError;
    } else if (state() == State::Connecting) {
        info.httpStatus = httpStatusFrom(m_lastError);
        info.reason = info.httpStatus ? CloseInfo::Reason::HandshakeRefused
                                      : CloseInfo::Reason::NetworkError;
    } else {
        info.reason = CloseInfo::Reason::NetworkError;
        if (info.errorString.isEmpty())
            info.errorString = QStringLiteral("the connection dropped without a close frame");
    }
    info.codeName = CloseCodes::name(info.code);
    if (m_proxy.type() != QNetworkProxy::NoProxy)
        info.proxy = ProxySetting::describe(m_proxy);
    return info;
}

bool ConnectionManager::shouldReconnect(const CloseInfo &info) const
{
    if (!m_options.autoReconnect || m_userClosed)
        return false;
    switch (info.reason) {
    case CloseInfo::Reason::User:
    case CloseInfo::Reason::TlsError: // the user has to decide whether to trust the certificate
        return false;
    case CloseInfo::Reason::Peer:
        // Refused on policy or authentication, replaced by our own newer connection, or removed
        // by the room's host: trying again would only repeat the refusal (or defy the host).
        return info.code != QWebSocketProtocol::CloseCodePolicyViolated
               && info.code != CloseCode::Replaced && info.code != CloseCode::Kicked;
    case CloseInfo::Reason::ProxyError:
        // A proxy that forbids the destination or wants a login says the same next time; one
        // that is down or failed may be back.
        return m_lastSocketError != QAbstractSocket::SocketAccessError
               && m_lastSocketError != QAbstractSocket::ProxyAuthenticationRequiredError;
    case CloseInfo::Reason::HandshakeRefused:
        return info.httpStatus >= 500 || info.httpStatus == 429 || info.httpStatus == 408;
    default:
        return true;
    }
}

void ConnectionManager::finishClosed()
{
    if (state() == State::Closed)
        return;
    m_handshakeTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    m_closeTimer.stop();
    m_stableTimer.stop();

    CloseInfo info = describeClose();
    if (shouldReconnect(info)) {
        info.reconnectScheduled = true;
        info.reconnectDelayMs = nextDelayMs(&info);
        info.reconnectAt = QDateTime::currentDateTimeUtc().addMSecs(info.reconnectDelayMs);
    }
    m_lastClose = info;
    // Scheduled before Closed is announced, so whoever reacts to the transition already sees
    // the reconnect (a countdown, "Try now").
    if (info.reconnectScheduled)
        m_reconnectTimer.start(info.reconnectDelayMs);
    m_machine.transition(State::Closed);
    if (info.reconnectScheduled) {
        m_recorder.reconnectScheduled(info.reconnectDelayMs, m_backoff.attempts(), info.reconnectAt,
                                      info);
    }
    emit closed(info);
}

int ConnectionManager::nextDelayMs(CloseInfo *info)
{
    if (m_servers.size() < 2)
        return m_backoff.nextDelayMs();
    // Failover: the next server is tried at once, since the one that failed says nothing about
    // it. Only when every server has failed in a row (none stayed up for stableAfterMs) does
    // the backoff apply, so a room whose servers are all down is not hammered, and two servers
    // that each accept and drop at once are not tried in a tight loop.
    ++m_failuresInRow;
    m_serverIndex = (m_serverIndex + 1) % int(m_servers.size());
    m_options.url = m_servers.at(m_serverIndex);
    info->nextServer = m_options.url.toString(QUrl::RemoveUserInfo);
    info->serverCount = int(m_servers.size());
    info->serversDown = m_failuresInRow;
    if (m_failuresInRow < m_servers.size())
        return 0;
    m_failuresInRow = 0;
    return m_backoff.nextDelayMs();
}

void ConnectionManager::onTransition(State from, State to)
{
    // The server is recorded only where there is a choice: a single-server trace stays as it was.
    m_recorder.transition(from, to, m_lastClose, m_servers.size() > 1 ? m_options.url : QUrl());
    emit stateChanged(to, from);
}

void ConnectionManager::dropSocket()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void ConnectionManager::watchNetwork()
{
    // Reconnect at once when the network comes back instead of waiting out the backoff.
    static const bool loaded = QNetworkInformation::loadBackendByFeatures(
            QNetworkInformation::Feature::Reachability);
    if (m_watchingNetwork || !loaded || !QNetworkInformation::instance())
        return;
    m_watchingNetwork = true;
    connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                if (reachability == QNetworkInformation::Reachability::Online
                    && m_reconnectTimer.isActive()) {
                    qCInfo(lcClient) << "network is back: reconnecting now";
                    reconnectNow();
                }
            });
}

} // namespace Parlor
