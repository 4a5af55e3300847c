#include "upgradegate.h"

#include "core/logging.h"
#include "deadlinequeue.h"
#include "filestore.h"
#include "gatelistener.h"
#include "longpollrouter.h"
#include "longpollsession.h"
#include "nativepeerstream.h"
#include "protocol/protocol.h"
#include "qtpeerstream.h"
#include "roompage.h"
#include "serverhandshake.h"
#include "serverwebsocket.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <memory>

namespace Parlor {

UpgradeGate::UpgradeGate(const RoomConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_tcpServer(new GateListener(this))
    , m_polls(new LongPollRouter(config, this))
{
    // A connection that never completes its request head (or never reads the answer to it) is
    // dropped.
    m_deadlines = new DeadlineQueue(
            [this](QObject *object) {
                auto *socket = static_cast<QTcpSocket *>(object);
                if (!m_handshaking.contains(socket))
                    return; // upgraded, answered or gone meanwhile
                qCInfo(lcServer) << "handshake timed out for"
                                 << m_handshaking.value(socket).toString();
                release(socket);
                socket->abort();
                socket->deleteLater();
            },
            this);
    m_deadlines->setTimeoutMs(config.handshakeTimeoutMs);
    connect(m_polls, &LongPollRouter::opened, this, &UpgradeGate::pollOpened);
    // QTcpServer gives us the sockets, so Nagle can be turned off before the handshake (it cost a
    // 36 ms p99 otherwise) and the accept backlog raised for bursts of joins: 4096, as the
    // benchmark's references (ws, the C server) use; the kernel caps it at net.core.somaxconn.
    // Connections beyond it lose their SYN and retry a second later, which a burst of 5 000 saw
    // as a handshake p99 of over a second at 1024.
    m_tcpServer->setListenBacklogSize(4096);
    connect(m_tcpServer, &QTcpServer::newConnection, this, &UpgradeGate::onTcpConnection);
}

UpgradeGate::~UpgradeGate() = default;

bool UpgradeGate::originAllowed(const QByteArray &origin, const QByteArray &host,
                                const QStringList &allowed)
{
    // Only browsers send an Origin; desktop and command-line clients are not web pages.
    if (origin.isEmpty())
        return true;
    if (allowed.contains(QString::fromLatin1(origin), Qt::CaseInsensitive))
        return true;
    // The room's own page: the browser sends the Host it asked for and the Origin of the page,
    // the same host and port when the page came from this room ("null" and other opaque
    // origins never match).
    const QUrl page = QUrl::fromEncoded(origin, QUrl::StrictMode);
    if (!page.isValid() || page.host().isEmpty()
        || (page.scheme() != QLatin1String("http") && page.scheme() != QLatin1String("https")))
        return false;
    const QUrl asked = QUrl::fromEncoded("http://" + host, QUrl::StrictMode);
    if (!asked.isValid() || asked.host().isEmpty() || !asked.path().isEmpty()
        || asked.host().compare(page.host(), Qt::CaseInsensitive) != 0)
        return false;
    // A Host without a port (a proxy in front of the room) names the host alone.
    if (asked.port() < 0)
        return true;
    return asked.port() == page.port(page.scheme() == QLatin1String("https") ? 443 : 80);
}

QHostAddress UpgradeGate::normalized(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

bool UpgradeGate::listen(const QHostAddress &address, quint16 port)
{
    return m_tcpServer->listen(address, port);
}

void UpgradeGate::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tcpServer->setTlsConfiguration(configuration);
}

bool UpgradeGate::isSecure() const
{
    return m_tcpServer->isSecure();
}

bool UpgradeGate::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 UpgradeGate::port() const
{
    return m_tcpServer->serverPort();
}

QHostAddress UpgradeGate::address() const
{
    return m_tcpServer->serverAddress();
}

QString UpgradeGate::errorString() const
{
    return m_tcpServer->errorString();
}

void UpgradeGate::close()
{
    m_closed = true;
    m_tcpServer->close();
    m_deadlines->clear();
    // Each one's disconnected() releases it and deletes it later.
    const QList<QTcpSocket *> sockets = m_handshaking.keys();
    for (QTcpSocket *socket : sockets)
        socket->abort();
    m_handshaking.clear();
    m_handshakesFrom.clear();
}

bool UpgradeGate::release(QTcpSocket *socket)
{
    const auto it = m_handshaking.constFind(socket);
    if (it == m_handshaking.cend())
        return false;
    if (auto from = m_handshakesFrom.find(*it); from != m_handshakesFrom.end() && --*from <= 0)
        m_handshakesFrom.erase(from);
    m_handshaking.erase(it);
    return true;
}

void UpgradeGate::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        // Connections still in the HTTP upgrade are bounded like peers: each one costs memory
        // until the handshake timeout ends it. Bounded per address too, so that one host cannot
        // hold every slot and lock others out.
        const QHostAddress from = normalized(socket->peerAddress());
        if (m_closed || m_handshaking.size() >= m_config.maxPeers
            || m_handshakesFrom.value(from) >= m_config.maxPeersPerAddress) {
            qCInfo(lcServer) << "refused a connection from" << from.toString()
                             << ": too many handshakes in progress";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_handshaking.insert(socket, from);
        ++m_handshakesFrom[from];
        m_deadlines->add(socket);
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (release(socket))
                socket->deleteLater();
        });
        // The request head decides: a WebSocket upgrade is answered here, anything else is
        // plain HTTP (the browser client page).
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { routeRequest(socket); });
    }
}

void UpgradeGate::answerAndClose(QTcpSocket *socket, const QByteArray &response)
{
    // Plain HTTP gets one answer, then the connection closes; it leaves the handshakes then.
    socket->disconnect(this);
    release(socket);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(response);
    socket->disconnectFromHost();
}

void UpgradeGate::routeRequest(QTcpSocket *socket)
{
    auto answer = [this, socket](const QByteArray &response) {
        answerAndClose(socket, response);
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
        const QByteArray origin = RoomPage::header(head, "origin");
        if (!originAllowed(origin, RoomPage::header(head, "host"), m_config.allowedOrigins)) {
            qCInfo(lcServer) << "refused a connection from origin" << origin << "at"
                             << socket->peerAddress().toString();
            answer(RoomPage::forbidden());
            return;
        }
        upgrade(socket, head, end + 4);
        return;
    }
    if (LongPollRouter::isPollRequest(head)) {
        routePoll(socket, head, end + 4);
        return;
    }
    qCDebug(lcServer).noquote() << "HTTP" << head.left(head.indexOf('\r')) << "from"
                                << socket->peerAddress().toString();
    if (RoomPage::isFileRequest(head)) {
        serveFile(socket, head);
        return;
    }
    answer(RoomPage::respond(head));
}

void UpgradeGate::setFileStore(FileStore *store)
{
    m_files = store;
}

void UpgradeGate::serveFile(QTcpSocket *socket, const QByteArray &head)
{
    const QString key = RoomPage::fileKey(head);
    const auto info = m_files && isFileKey(key) ? m_files->info(key) : std::nullopt;
    const bool headOnly = head.startsWith("HEAD ");
    if (!info)
        return answerAndClose(socket, RoomPage::fileNotFound(headOnly));
    // Out of the handshakes: a large file may take longer than the handshake timeout.
    socket->disconnect(this);
    release(socket);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(RoomPage::fileHead(*info));
    if (headOnly) {
        socket->disconnectFromHost();
        return;
    }
    // Streamed a piece at a time as the socket drains, not read whole into memory: a file
    // can be as large as --max-file-size, and several browsers may fetch it at once.
    auto offset = std::make_shared<qint64>(0);
    auto pump = [this, socket, key, offset, size = info->size] {
        constexpr qint64 piece = 64 * 1024;
        while (*offset < size && socket->bytesToWrite() < 4 * piece) {
            const auto data = m_files ? m_files->read(key, *offset, piece) : std::nullopt;
            if (!data || data->isEmpty()) {
                // Forgotten meanwhile: the length promised cannot be kept, so the browser must
                // see the transfer fail rather than end short and look complete.
                socket->abort();
                return;
            }
            socket->write(*data);
            *offset += data->size();
        }
        if (*offset >= size)
            socket->disconnectFromHost();
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, pump);
    pump();
}

void UpgradeGate::routePoll(QTcpSocket *socket, const QByteArray &head, qsizetype headBytes)
{
    // The same Origin rule as the upgrade: another site's page must not open a session in a
    // visitor's browser (a form may POST across sites without asking).
    const QByteArray origin = RoomPage::header(head, "origin");
    if (!originAllowed(origin, RoomPage::header(head, "host"), m_config.allowedOrigins)) {
        qCInfo(lcServer) << "refused a long-poll request from origin" << origin << "at"
                         << socket->peerAddress().toString();
        return answerAndClose(socket, RoomPage::forbidden());
    }
    // The body stays in the socket's buffer until it is whole, so it is bounded before it is
    // waited for, and the handshake timeout covers a body that never comes.
    if (!RoomPage::header(head, "transfer-encoding").isEmpty())
        return answerAndClose(socket, RoomPage::plainText(411, "send the body with a "
                                                               "Content-Length\n"));
    const QByteArray lengthHeader = RoomPage::header(head, "content-length");
    bool ok = true;
    const qint64 length = lengthHeader.isEmpty() ? 0 : lengthHeader.toLongLong(&ok);
    if (!ok || length < 0)
        return answerAndClose(socket, RoomPage::plainText(400, "bad Content-Length\n"));
    if (length > m_polls->maxBodyBytes()) {
        return answerAndClose(socket,
                              RoomPage::plainText(413, "a request body may take at most "
                                                               + QByteArray::number(
                                                                       m_polls->maxBodyBytes())
                                                               + " bytes\n"));
    }
    if (socket->bytesAvailable() < headBytes + length)
        return; // the rest of the body is still to come
    socket->disconnect(this);
    release(socket);
    socket->skip(headBytes);
    const QByteArray body = socket->read(length);
    m_polls->handle(socket, head, body);
}

void UpgradeGate::upgrade(QTcpSocket *socket, const QByteArray &head, qsizetype headBytes)
{
    const ServerHandshake::Result handshake
            = ServerHandshake::answer(head, {QLatin1String(RichSubprotocol),
                                             QLatin1String(PlainSubprotocol)});
    socket->disconnect(this);
    release(socket);
    if (!handshake.accepted()) {
        qCInfo(lcServer).noquote() << "refused an upgrade from" << socket->peerAddress().toString()
                                   << ":" << handshake.status << handshake.problem;
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(handshake.response);
        socket->disconnectFromHost();
        return;
    }
    // Only the head is taken: frames the client sent right behind it stay in the socket's
    // buffer, where the stream takes them from.
    socket->skip(headBytes);
    // A plain connection leaves QTcpSocket for a stream on its descriptor: Qt's socket keeps
    // ~18 KiB of buffers and notifiers for an idle peer (NativePeerStream). TLS stays on the
    // QSslSocket, which does the encryption.
    PeerStream *stream = qobject_cast<QSslSocket *>(socket) ? nullptr
                                                            : NativePeerStream::takeOver(socket);
    if (!stream)
        stream = new QtPeerStream(socket);
    stream->write(handshake.response);
    emit upgraded(new ServerWebSocket(stream, handshake, m_config.maxMessageBytes));
}

} // namespace Parlor
