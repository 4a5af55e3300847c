#include "roomserver.h"

#include "core/logging.h"
#include "peer.h"
#include "protocol/closecodes.h"
#include "protocol/codec.h"
#include "roompage.h"

#include <QDateTime>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

#include <algorithm>

namespace Parlor {

namespace {

// How long peers get to answer our close frame at shutdown before they are dropped.
constexpr int shutdownGraceMs = 2000;

QHostAddress normalized(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

bool constantTimeEquals(const QString &a, const QString &b)
{
    // Compares every byte, so the time taken does not tell how much of a guess was right.
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    if (x.size() != y.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < x.size(); ++i)
        diff |= uchar(x[i]) ^ uchar(y[i]);
    return diff == 0;
}

QString randomIncarnation()
{
    return QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, u'0');
}

} // namespace

RoomServer::RoomServer(const RoomConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_incarnation(randomIncarnation())
    , m_tcpServer(new QTcpServer(this))
    , m_wsServer(new QWebSocketServer(config.roomName, QWebSocketServer::NonSecureMode, this))
    , m_history(config.historyLength)
{
    m_clock.start();
    m_heartbeat = new QTimer(this);
    connect(m_heartbeat, &QTimer::timeout, this, &RoomServer::onHeartbeat);
    // Output that does not go through sendTo() — Qt's own pongs to a peer's pings — is watched
    // here: a peer that pings and never reads would otherwise grow its queue without bound.
    m_backpressure = new QTimer(this);
    m_backpressure->setInterval(250);
    connect(m_backpressure, &QTimer::timeout, this, [this] {
        for (const auto &p : m_peers) {
            if (p->leaveReason.isEmpty())
                checkBackpressure(p.get());
        }
    });
    m_peerReport = new QTimer(this);
    connect(m_peerReport, &QTimer::timeout, this, &RoomServer::reportPeers);
    // QTcpServer gives us the sockets, so Nagle can be turned off before the handshake (it cost a
    // 36 ms p99 otherwise) and the accept backlog raised for bursts of joins.
    m_tcpServer->setListenBacklogSize(1024);
    connect(m_tcpServer, &QTcpServer::newConnection, this, &RoomServer::onTcpConnection);

    m_wsServer->setSupportedSubprotocols(
            {QLatin1String(RichSubprotocol), QLatin1String(PlainSubprotocol)});
    m_wsServer->setHandshakeTimeout(std::chrono::milliseconds(m_config.handshakeTimeoutMs));
    // Qt silently drops upgraded sockets beyond this queue; we drain it at every signal.
    m_wsServer->setMaxPendingConnections(std::numeric_limits<int>::max());
    connect(m_wsServer, &QWebSocketServer::newConnection, this, &RoomServer::onWebSocketConnection);
    connect(m_wsServer, &QWebSocketServer::originAuthenticationRequired, this,
            [this](QWebSocketCorsAuthenticator *auth) {
                // Only browsers send an Origin; the allow-list is about web pages, not about
                // desktop or command-line clients.
                if (m_config.allowedOrigins.isEmpty() || auth->origin().isEmpty())
                    return;
                const bool allowed = m_config.allowedOrigins.contains(auth->origin(),
                                                                      Qt::CaseInsensitive);
                if (!allowed)
                    qCInfo(lcServer) << "refused a connection from origin" << auth->origin();
                auth->setAllowed(allowed);
            });
}

RoomServer::~RoomServer()
{
    // Sockets are children; they must not call back into a half-destroyed room.
    for (const auto &peer : m_peers) {
        if (peer->socket)
            peer->socket->disconnect(this);
    }
}

bool RoomServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcpServer->listen(address, port))
        return false;
    if (m_config.pingIntervalMs > 0)
        m_heartbeat->start(m_config.pingIntervalMs);
    m_backpressure->start();
    const bool wildcard = address == QHostAddress::Any || address == QHostAddress::AnyIPv6;
    qCInfo(lcServer).noquote() << "listening on"
                               << QStringLiteral("%1:%2")
                                          .arg(wildcard ? QStringLiteral("*") : address.toString())
                                          .arg(this->port());
    return true;
}

bool RoomServer::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 RoomServer::port() const
{
    return m_tcpServer->serverPort();
}

QHostAddress RoomServer::address() const
{
    return m_tcpServer->serverAddress();
}

QString RoomServer::errorString() const
{
    return m_tcpServer->errorString();
}

void RoomServer::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        // Connections still in the HTTP upgrade are bounded like peers: each one costs memory
        // until the handshake timeout ends it.
        m_handshaking.removeIf([](const QPointer<QTcpSocket> &s) {
            return !s || s->state() != QAbstractSocket::ConnectedState;
        });
        const QHostAddress from = normalized(socket->peerAddress());
        const auto fromSameAddress = std::count_if(m_handshaking.cbegin(), m_handshaking.cend(),
                                                   [&](const QPointer<QTcpSocket> &s) {
                                                       return normalized(s->peerAddress()) == from;
                                                   });
        // Bounded per address too, so that one host cannot hold every slot and lock others out.
        if (m_shuttingDown || m_handshaking.size() >= m_config.maxPeers
            || fromSameAddress >= m_config.maxPeersPerAddress) {
            qCInfo(lcServer) << "refused a connection from" << from.toString()
                             << ": too many handshakes in progress";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_handshaking.append(socket);
        // Qt's own handshake timeout is not relied upon alone: a connection that never completes
        // the upgrade is dropped here too.
        QTimer::singleShot(m_config.handshakeTimeoutMs, socket, [this, socket] {
            if (m_handshaking.contains(socket)) {
                qCInfo(lcServer) << "handshake timed out for" << socket->peerAddress().toString();
                m_handshaking.removeAll(socket);
                socket->abort();
                socket->deleteLater();
            }
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (m_handshaking.removeAll(socket) > 0)
                socket->deleteLater();
        });
        // The request head decides: a WebSocket upgrade goes to QWebSocketServer, anything else
        // is plain HTTP (the browser client page).
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { routeRequest(socket); });
    }
}

void RoomServer::routeRequest(QTcpSocket *socket)
{
    // Plain HTTP gets one answer, then the connection closes; it leaves the handshakes then.
    auto answer = [this, socket](const QByteArray &response) {
        socket->disconnect(this);
        m_handshaking.removeAll(socket);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(response);
        socket->disconnectFromHost();
    };
    const QByteArray buffered = socket->peek(RoomPage::MaxHeadBytes + 4);
    const qsizetype end = buffered.indexOf("\r\n\r\n");
    if (end < 0) {
        if (buffered.size() > RoomPage::MaxHeadBytes)
            answer(RoomPage::headTooLarge());
        return; // the rest of the head is still to come
    }
    const QByteArray head = buffered.left(end);
    if (RoomPage::isWebSocketUpgrade(head)) {
        disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
        // The head stays in the socket's buffer (peek): QWebSocketServer reads it from there.
        m_wsServer->handleConnection(socket);
        return;
    }
    qCDebug(lcServer).noquote() << "HTTP" << head.left(head.indexOf('\r')) << "from"
                                << socket->peerAddress().toString();
    answer(RoomPage::respond(head));
}

void RoomServer::onWebSocketConnection()
{
    while (QWebSocket *socket = m_wsServer->nextPendingConnection())
        admit(socket);
}

void RoomServer::admit(QWebSocket *socket)
{
    m_handshaking.removeIf([socket](const QPointer<QTcpSocket> &s) {
        return !s
               || (s->peerPort() == socket->peerPort() && s->peerAddress() == socket->peerAddress());
    });
    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(quint64(m_config.maxMessageBytes));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_config.maxMessageBytes));
    // One frame per message: Qt splits text frames inside UTF-8 sequences, which Qt peers then
    // reject with 1007 (QT64-NOTES 3).
    socket->setOutgoingFrameSize(QWebSocket::maxOutgoingFrameSize());

    const QHostAddress address = normalized(socket->peerAddress());
    const MemberMode mode = socket->subprotocol() == QLatin1String(RichSubprotocol)
                                    ? MemberMode::Rich
                                    : MemberMode::Plain;

    auto refuse = [&](int code, const QString &reason) {
        qCInfo(lcServer).noquote() << "refused" << address.toString() << "with" << code << reason;
        if (mode == MemberMode::Rich && code == CloseCode::TryAgainLater)
            socket->sendTextMessage(
                    QString::fromUtf8(Codec::encode(ErrorReply{ErrorCode::RoomFull, reason, {}})));
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(shutdownGraceMs, socket, [socket] { socket->abort(); });
        socket->close(QWebSocketProtocol::CloseCode(code), reason);
    };
    if (m_shuttingDown)
        return refuse(CloseCode::GoingAway, QStringLiteral("server shutting down"));
    if (peerCount() >= m_config.maxPeers)
        return refuse(CloseCode::TryAgainLater, QStringLiteral("the room is full"));
    if (peersFrom(address) >= m_config.maxPeersPerAddress)
        return refuse(CloseCode::TryAgainLater,
                      QStringLiteral("too many connections from your address"));
    if (mode == MemberMode::Plain && !m_config.password.isEmpty()) {
        return refuse(CloseCode::PolicyViolation,
                      QStringLiteral("this room needs a password: join with a parlor.v1 client"));
    }

    auto owned = std::make_unique<Peer>(m_nextPeerId++, socket, mode, address, m_clock.elapsed(),
                                        m_config.messagesPerSecond);
    Peer *peer = owned.get();
    peer->port = socket->peerPort();
    peer->connectedAtMs = QDateTime::currentMSecsSinceEpoch();
    peer->origin = socket->origin();
    const QNetworkRequest request = socket->request();
    peer->userAgent = QString::fromLatin1(request.rawHeader("User-Agent"));
    for (const QByteArray &offered : request.rawHeader("Sec-WebSocket-Protocol").split(',')) {
        if (!offered.trimmed().isEmpty())
            peer->offeredSubprotocols.append(QString::fromLatin1(offered.trimmed()));
    }
    m_peers.push_back(std::move(owned));
    qCInfo(lcServer).noquote() << "peer" << peer->id << "connected from" << address.toString()
                               << "subprotocol"
                               << (socket->subprotocol().isEmpty() ? QStringLiteral("(none)")
                                                                   : socket->subprotocol());

    connect(socket, &QWebSocket::textMessageReceived, this, [this, peer](const QString &text) {
        peer->lastHeardMs = m_clock.elapsed();
        ++peer->messagesIn;
        peer->bytesIn += utf8Size(text);
        onTextMessage(peer, text);
    });
    connect(socket, &QWebSocket::pong, this, [this, peer](quint64 elapsedMs) {
        peer->lastHeardMs = m_clock.elapsed();
        peer->lastRttMs = int(std::min<quint64>(elapsedMs, std::numeric_limits<int>::max()));
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, peer](const QByteArray &data) {
        ++peer->messagesIn;
        peer->bytesIn += data.size();
        closePeer(peer, CloseCode::UnsupportedData,
                  QStringLiteral("binary messages are not supported"), QStringLiteral("binary"));
    });
    // aboutToClose comes only with a closing handshake; an abrupt loss goes straight to
    // disconnected, although Qt then reports close code 1000 (QT64-NOTES 2).
    connect(socket, &QWebSocket::aboutToClose, this, [peer] { peer->sawClosingHandshake = true; });
    connect(socket, &QWebSocket::disconnected, this, [this, id = peer->id] {
        // Deferred: a socket may drop in the middle of a broadcast that is walking the peers.
        QMetaObject::invokeMethod(
                this, [this, id] { onDisconnected(id); }, Qt::QueuedConnection);
    });
    emit peerCountChanged(peerCount());
    reportPeersSoon();

    if (mode == MemberMode::Plain) {
        join(peer, guestNick());
    } else {
        QTimer::singleShot(m_config.handshakeTimeoutMs, socket, [this, id = peer->id] {
            Peer *peer = findById(id);
            if (peer && !peer->joined && peer->leaveReason.isEmpty()) {
                closePeer(peer, CloseCode::PolicyViolation,
                          QStringLiteral("no hello within %1 ms").arg(m_config.handshakeTimeoutMs),
                          QStringLiteral("timeout"));
            }
        });
    }
}

void RoomServer::onTextMessage(Peer *peer, const QString &text)
{
    if (!peer->leaveReason.isEmpty())
        return;
    if (peer->mode == MemberMode::Plain)
        onPlainMessage(peer, text);
    else
        onRichMessage(peer, text);
}

void RoomServer::onPlainMessage(Peer *peer, const QString &text)
{
    if (!takeRateToken(peer, {}))
        return;
    // A plain client has no error channel: what is not a valid chat line is dropped and logged.
    if (const auto problem = textProblem(text, m_config.protocol.maxTextLength)) {
        qCDebug(lcServer) << "dropped a line from" << peer->nick << ":" << *problem;
        return;
    }
    postMessage(peer, {}, text);
}

void RoomServer::onRichMessage(Peer *peer, const QString &text)
{
    const Codec::ClientDecode decoded = Codec::decodeClient(text.toUtf8(), m_config.protocol);
    if (const auto *error = std::get_if<ErrorReply>(&decoded)) {
        if (takeRateToken(peer, error->id))
            sendTo(peer, Codec::encode(*error));
        return;
    }
    const auto &message = std::get<ClientMessage>(decoded);
    const Say *say = std::get_if<Say>(&message);
    if (!takeRateToken(peer, say ? say->id : QString()))
        return;
    if (const auto *hello = std::get_if<Hello>(&message)) {
        handleHello(peer, *hello);
        return;
    }
    if (!peer->joined) {
        sendError(peer, ErrorCode::NotJoined, QStringLiteral("send hello first"),
                  say ? say->id : QString());
        return;
    }
    if (say)
        handleSay(peer, *say);
    else if (const auto *nick = std::get_if<NickChange>(&message))
        handleNick(peer, *nick);
    else if (const auto *typing = std::get_if<Typing>(&message))
        handleTyping(peer, *typing);
}

bool RoomServer::takeRateToken(Peer *peer, const QString &id)
{
    const qint64 now = m_clock.elapsed();
    if (peer->bucket.isFull(now))
        peer->droppedInFlood = 0;
    if (peer->bucket.tryTake(now))
        return true;
    // Past the burst the message is dropped with an error; a peer that keeps flooding for about
    // another second's worth of messages is closed.
    if (++peer->droppedInFlood >= std::max(1, m_config.messagesPerSecond)) {
        closePeer(peer, CloseCode::PolicyViolation, QStringLiteral("too many messages"),
                  QStringLiteral("flood"));
        return false;
    }
    if (peer->mode == MemberMode::Rich
        && (peer->lastRateErrorMs < 0 || now - peer->lastRateErrorMs >= 1000 || !id.isEmpty())) {
        peer->lastRateErrorMs = now;
        sendError(peer, ErrorCode::RateLimited,
                  QStringLiteral("more than %1 messages a second: message dropped")
                          .arg(m_config.messagesPerSecond),
                  id);
    }
    return false;
}

void RoomServer::handleHello(Peer *peer, const Hello &hello)
{
    if (peer->joined) {
        sendError(peer, ErrorCode::AlreadyJoined, QStringLiteral("hello was already accepted"));
        return;
    }
    if (!m_config.password.isEmpty() && !constantTimeEquals(hello.password, m_config.password)) {
        sendError(peer, ErrorCode::Auth,
                  hello.password.isEmpty() ? QStringLiteral("this room needs a password")
                                           : QStringLiteral("wrong password"));
        closePeer(peer, CloseCode::PolicyViolation, QStringLiteral("authentication failed"),
                  QStringLiteral("auth"));
        return;
    }
    if (Peer *holder = findByNick(hello.nick)) {
        if (holder->mode == MemberMode::Rich && holder->client == hello.client) {
            // The same installation reconnected before we noticed its old connection drop. The
            // old one leaves now, before the new one joins under the same name.
            leave(holder, QStringLiteral("replaced"));
            closePeer(holder, CloseCode::Replaced, QStringLiteral("replaced by a newer connection"),
                      QStringLiteral("replaced"));
        } else {
            sendError(peer, ErrorCode::NickTaken,
                      QStringLiteral("the nickname \"%1\" is taken").arg(holder->nick));
            return;
        }
    }
    peer->client = hello.client;
    join(peer, hello.nick);

    Welcome welcome;
    welcome.room = m_config.roomName;
    welcome.incarnation = m_incarnation;
    welcome.you = peer->nick;
    for (const auto &p : m_peers) {
        if (p->joined && p->leaveReason.isEmpty())
            welcome.members.append(Member{p->nick, p->mode});
    }
    if (hello.since && hello.incarnation == m_incarnation && *hello.since <= m_seq) {
        welcome.history = m_history.after(*hello.since, m_seq, &welcome.gap);
    } else {
        // A client from another incarnation of the room (or with a seq this room never reached)
        // cannot know what it missed.
        welcome.history = m_history.all();
        welcome.gap = hello.since.has_value();
    }
    // The welcome is bounded like any output: the newest events that fit in half the queue
    // limit (a joiner must never be dropped as "slow" for its own welcome); older ones are a gap.
    // Sizes are bounded from above without encoding (3 UTF-8 bytes per UTF-16 unit is the
    // worst case, plus the JSON around the fields).
    qint64 bytes = 0;
    qsizetype keep = welcome.history.size();
    while (keep > 0) {
        const RoomEvent &e = welcome.history.at(keep - 1);
        bytes += 3
                         * (e.text.size() + e.from.size() + e.nick.size() + e.to.size()
                            + e.reason.size() + e.id.size())
                 + 128;
        if (bytes > m_config.maxQueuedBytes / 2)
            break;
        --keep;
    }
    if (keep > 0) {
        welcome.history.remove(0, keep);
        welcome.gap = true;
    }
    welcome.seq = m_seq;
    welcome.limits = RoomLimits{m_config.maxMessageBytes, m_config.protocol.maxTextLength,
                                m_config.protocol.maxNickLength, m_config.messagesPerSecond};
    sendTo(peer, Codec::encode(welcome));
}

void RoomServer::join(Peer *peer, const QString &nick)
{
    peer->nick = nick;
    peer->joined = true;
    reportPeersSoon();
    RoomEvent event = nextEvent(RoomEvent::Kind::Join);
    event.nick = nick;
    event.mode = peer->mode;
    record(event);
    qCInfo(lcServer).noquote() << nick << "joined from" << peer->address.toString();
    // The joiner learns of its own join through welcome's history; everyone else now.
    const QString json = QString::fromUtf8(Codec::encode(event));
    for (const auto &p : m_peers) {
        if (p.get() != peer && p->joined && p->mode == MemberMode::Rich)
            sendText(p.get(), json);
    }
}

void RoomServer::handleSay(Peer *peer, const Say &say)
{
    if (say.id.startsWith(QLatin1String("plain-"))) {
        // The room makes these ids for plain peers' lines; a rich client reusing one could make
        // receivers hide a real message as a duplicate.
        sendError(peer, ErrorCode::BadField,
                  QStringLiteral("ids starting with \"plain-\" are reserved"), say.id);
        return;
    }
    const auto known = m_deliveries.constFind(peer->client + u'\n' + say.id);
    if (known != m_deliveries.cend()) {
        // A re-send after a reconnect: acknowledge it to its author only.
        if (const RoomEvent *event = m_history.find(*known)) {
            sendTo(peer, Codec::encode(*event));
        } else {
            sendError(peer, ErrorCode::Duplicate,
                      QStringLiteral("already delivered as seq %1").arg(*known), say.id);
        }
        return;
    }
    postMessage(peer, say.id, say.text);
}

void RoomServer::postMessage(Peer *peer, const QString &id, const QString &text)
{
    RoomEvent event = nextEvent(RoomEvent::Kind::Message);
    event.from = peer->nick;
    event.text = text;
    // Plain peers send no ids; the room makes one that is unique across incarnations.
    event.id = id.isEmpty() ? QStringLiteral("plain-%1-%2").arg(m_incarnation).arg(event.seq) : id;
    record(event);
    if (peer->mode == MemberMode::Rich)
        rememberDelivery(peer, id, event.seq);
    broadcast(event);
}

void RoomServer::handleNick(Peer *peer, const NickChange &change)
{
    if (change.nick == peer->nick)
        return;
    if (Peer *holder = findByNick(change.nick); holder && holder != peer) {
        sendError(peer, ErrorCode::NickTaken,
                  QStringLiteral("the nickname \"%1\" is taken").arg(holder->nick));
        return;
    }
    RoomEvent event = nextEvent(RoomEvent::Kind::Nick);
    event.from = peer->nick;
    event.to = change.nick;
    peer->nick = change.nick;
    reportPeersSoon();
    record(event);
    broadcast(event);
}

void RoomServer::handleTyping(Peer *peer, const Typing &typing)
{
    const QString json = QString::fromUtf8(Codec::encode(TypingEvent{peer->nick, typing.active}));
    for (const auto &p : m_peers) {
        if (p.get() != peer && p->joined && p->mode == MemberMode::Rich)
            sendText(p.get(), json);
    }
}

RoomEvent RoomServer::nextEvent(RoomEvent::Kind kind)
{
    RoomEvent event;
    event.kind = kind;
    event.seq = ++m_seq;
    event.ts = QDateTime::currentMSecsSinceEpoch();
    return event;
}

void RoomServer::record(const RoomEvent &event)
{
    m_history.append(event);
}

void RoomServer::broadcast(const RoomEvent &event)
{
    // Serialized (and converted to the QString QWebSocket takes) once for everyone; per
    // recipient only Qt's own UTF-8 encoding remains.
    const QString json = QString::fromUtf8(Codec::encode(event));
    const QString plainLine = event.kind == RoomEvent::Kind::Message
                                      ? event.from + QLatin1String(": ") + event.text
                                      : QString();
    for (const auto &p : m_peers) {
        if (!p->joined)
            continue;
        if (p->mode == MemberMode::Rich)
            sendText(p.get(), json);
        else if (!plainLine.isEmpty())
            sendText(p.get(), plainLine);
    }
}

void RoomServer::sendTo(Peer *peer, const QByteArray &json)
{
    sendText(peer, QString::fromUtf8(json));
}

void RoomServer::sendText(Peer *peer, const QString &text)
{
    if (!peer->socket || !peer->leaveReason.isEmpty())
        return;
    ++peer->messagesOut;
    peer->bytesOut += peer->socket->sendTextMessage(text);
    checkBackpressure(peer);
}

void RoomServer::checkBackpressure(Peer *peer)
{
    // Qt buffers output without limit; a peer that does not read would grow the server by
    // everything the room says. Beyond the cap it is dropped (no close frame could reach it).
    // Only when over the cap is the queue flushed before judging (a flush is a system call per
    // frame per peer; writes coalesce otherwise): a fast reader that got a burst in one pass
    // must not look slow.
    if (!peer->socket || peer->socket->bytesToWrite() <= m_config.maxQueuedBytes)
        return;
    peer->socket->flush();
    if (peer->socket->bytesToWrite() > m_config.maxQueuedBytes) {
        qCWarning(lcServer).noquote()
                << "dropping" << peer->nick << "from" << peer->address.toString() << ":"
                << peer->socket->bytesToWrite() << "bytes queued, it does not read";
        peer->leaveReason = QStringLiteral("slow");
        peer->socket->abort();
    }
}

void RoomServer::sendError(Peer *peer, ErrorCode code, const QString &text, const QString &id)
{
    sendTo(peer, Codec::encode(ErrorReply{code, text, id}));
}

void RoomServer::closePeer(Peer *peer, int code, const QString &reason, const QString &leaveReason)
{
    if (!peer->socket || !peer->leaveReason.isEmpty())
        return;
    qCInfo(lcServer).noquote() << "closing peer" << peer->id
                               << (peer->nick.isEmpty() ? QString() : peer->nick) << "with" << code
                               << reason;
    peer->leaveReason = leaveReason;
    QWebSocket *socket = peer->socket;
    QTimer::singleShot(shutdownGraceMs, socket, [socket] { socket->abort(); });
    socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void RoomServer::onDisconnected(int peerId)
{
    const auto it = std::find_if(m_peers.begin(), m_peers.end(),
                                 [peerId](const auto &p) { return p->id == peerId; });
    if (it == m_peers.end())
        return;
    std::unique_ptr<Peer> peer = std::move(*it);
    m_peers.erase(it);
    if (peer->socket)
        peer->socket->disconnect(this);
    QString reason = peer->leaveReason;
    if (reason.isEmpty() && peer->socket) {
        // Qt closes on its own for some protocol errors; say which.
        switch (peer->socket->closeCode()) {
        case QWebSocketProtocol::CloseCodeTooMuchData:
            reason = QStringLiteral("too-big");
            break;
        case QWebSocketProtocol::CloseCodeWrongDatatype:
            reason = QStringLiteral("bad-utf8");
            break;
        case QWebSocketProtocol::CloseCodeProtocolError:
            reason = QStringLiteral("protocol-error");
            break;
        default:
            break;
        }
    }
    if (reason.isEmpty())
        reason = peer->sawClosingHandshake ? QStringLiteral("quit") : QStringLiteral("lost");
    qCInfo(lcServer).noquote() << "peer" << peer->id << peer->nick << "left:" << reason;
    if (!m_shuttingDown)
        leave(peer.get(), reason);
    if (peer->socket)
        peer->socket->deleteLater();
    emit peerCountChanged(peerCount());
    reportPeersSoon();
    checkStopped();
}

void RoomServer::leave(Peer *peer, const QString &reason)
{
    if (!peer->joined)
        return;
    peer->joined = false;
    RoomEvent event = nextEvent(RoomEvent::Kind::Leave);
    event.nick = peer->nick;
    event.reason = reason;
    record(event);
    broadcast(event);
}

Peer *RoomServer::findById(int id) const
{
    for (const auto &p : m_peers) {
        if (p->id == id)
            return p.get();
    }
    return nullptr;
}

Peer *RoomServer::findByNick(const QString &nick) const
{
    const QString key = nickKey(nick);
    for (const auto &p : m_peers) {
        if (p->joined && p->leaveReason.isEmpty() && nickKey(p->nick) == key)
            return p.get();
    }
    return nullptr;
}

int RoomServer::peersFrom(const QHostAddress &address) const
{
    return int(std::count_if(m_peers.cbegin(), m_peers.cend(),
                             [&](const auto &p) { return p->address == address; }));
}

QString RoomServer::guestNick()
{
    QString nick;
    do {
        nick = QStringLiteral("guest-%1").arg(m_nextGuest++);
    } while (findByNick(nick));
    return nick;
}

void RoomServer::rememberDelivery(const Peer *peer, const QString &id, qint64 seq)
{
    const QString key = peer->client + u'\n' + id;
    m_deliveries.insert(key, seq);
    m_deliveryOrder.enqueue(key);
    const int capacity = std::max(1024, 4 * m_config.historyLength);
    while (m_deliveryOrder.size() > capacity)
        m_deliveries.remove(m_deliveryOrder.dequeue());
}

QList<PeerInfo> RoomServer::peers() const
{
    QList<PeerInfo> list;
    list.reserve(qsizetype(m_peers.size()));
    for (const auto &p : m_peers)
        list.append(p->info());
    return list;
}

void RoomServer::setPeerReportInterval(int ms)
{
    if (ms > 0) {
        m_peerReport->start(ms);
        reportPeersSoon();
    } else {
        m_peerReport->stop();
    }
}

void RoomServer::reportPeersSoon()
{
    if (!m_peerReport->isActive() || m_peerReportPending)
        return;
    m_peerReportPending = true;
    QMetaObject::invokeMethod(this, &RoomServer::reportPeers, Qt::QueuedConnection);
}

void RoomServer::reportPeers()
{
    m_peerReportPending = false;
    emit peersChanged(peers());
}

bool RoomServer::kick(int peerId, int code, const QString &reason)
{
    Peer *peer = findById(peerId);
    if (!peer || !peer->socket || !peer->leaveReason.isEmpty() || !CloseCodes::isSendable(code))
        return false;
    const QString kicked = QStringLiteral("kicked");
    // Everyone sees it go at once, before its close handshake ends (like a replaced peer).
    leave(peer, kicked);
    closePeer(peer, code, CloseCodes::clippedReason(reason), kicked);
    reportPeersSoon();
    return true;
}

bool RoomServer::ping(int peerId)
{
    Peer *peer = findById(peerId);
    if (!peer || !peer->socket || !peer->leaveReason.isEmpty())
        return false;
    peer->socket->ping();
    return true;
}

void RoomServer::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcServer) << "shutting down:" << peerCount() << "peers";
    m_tcpServer->close();
    m_heartbeat->stop();
    m_backpressure->stop();
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_handshaking)) {
        if (socket)
            socket->abort();
    }
    m_handshaking.clear();
    for (const auto &peer : m_peers)
        closePeer(peer.get(), CloseCode::GoingAway, QStringLiteral("server shutting down"),
                  QStringLiteral("shutdown"));
    checkStopped();
}

void RoomServer::onHeartbeat()
{
    // A peer whose network vanished sends no FIN: without pings it would stay "in the room"
    // until TCP gives up, hours later.
    const qint64 now = m_clock.elapsed();
    for (const auto &p : m_peers) {
        if (!p->socket || !p->leaveReason.isEmpty())
            continue;
        if (now - p->lastHeardMs > 2 * qint64(m_config.pingIntervalMs)) {
            qCInfo(lcServer).noquote() << "peer" << p->id << p->nick << "answers no pings";
            p->leaveReason = QStringLiteral("timeout");
            p->socket->abort();
        } else {
            p->socket->ping();
        }
    }
}

void RoomServer::checkStopped()
{
    if (m_shuttingDown && m_peers.empty() && !m_stopped) {
        m_stopped = true;
        QMetaObject::invokeMethod(this, &RoomServer::stopped, Qt::QueuedConnection);
    }
}

} // namespace Parlor
