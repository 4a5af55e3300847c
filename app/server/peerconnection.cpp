#include "peerconnection.h"

#include "core/logging.h"

#include <QDateTime>
#include <QTimer>

#include <limits>

namespace Parlor {

PeerConnection::PeerConnection(int id, PeerTransport *socket, MemberMode mode,
                               const QHostAddress &address, const QElapsedTimer &clock,
                               qint64 maxQueuedBytes, QObject *parent)
    : QObject(parent)
    , RoomPeer(id, mode, address)
    , m_socket(socket)
    , m_clock(clock)
    , m_maxQueuedBytes(maxQueuedBytes)
    , m_port(socket->peerPort())
    , m_connectedAtMs(QDateTime::currentMSecsSinceEpoch())
    , m_lastHeardMs(clock.elapsed())
{
    socket->setParent(this);
    connect(socket, &PeerTransport::textMessageReceived, this, [this](const QString &text) {
        m_lastHeardMs = m_clock.elapsed();
        ++m_messagesIn;
        m_bytesIn += utf8Size(text);
        emit textReceived(text);
    });
    connect(socket, &PeerTransport::binaryMessageReceived, this, [this](const QByteArray &data) {
        ++m_messagesIn;
        m_bytesIn += data.size();
        emit binaryReceived();
    });
    connect(socket, &PeerTransport::pong, this, [this](quint64 elapsedMs) {
        m_lastHeardMs = m_clock.elapsed();
        m_lastRttMs = int(std::min<quint64>(elapsedMs, std::numeric_limits<int>::max()));
    });
    // aboutToClose comes only with a closing handshake; an abrupt loss goes straight to
    // disconnected.
    connect(socket, &PeerTransport::aboutToClose, this, [this] { m_sawClosingHandshake = true; });
    connect(socket, &PeerTransport::disconnected, this, [this] {
        // Deferred: a socket may drop in the middle of a broadcast that is walking the peers.
        QMetaObject::invokeMethod(
                this, [this] { emit finished(endReason()); }, Qt::QueuedConnection);
    });
}

PeerConnection::~PeerConnection()
{
    // The socket is a child; it must not report into a half-destroyed connection.
    if (m_socket)
        m_socket->disconnect(this);
}

void PeerConnection::sendText(const QString &text)
{
    if (!m_socket || !leaveReason().isEmpty())
        return;
    ++m_messagesOut;
    m_bytesOut += m_socket->sendText(text);
    checkBackpressure();
}

void PeerConnection::sendUtf8(const QByteArray &utf8)
{
    if (!m_socket || !leaveReason().isEmpty())
        return;
    ++m_messagesOut;
    m_bytesOut += m_socket->sendUtf8(utf8);
    checkBackpressure();
}

void PeerConnection::checkBackpressure()
{
    // The socket buffers output without limit; a peer that does not read would grow the server by
    // everything the room says. Beyond the cap it is dropped (no close frame could reach it).
    // Only when over the cap is the queue flushed before judging (a flush is a system call per
    // frame per peer; writes coalesce otherwise): a fast reader that got a burst in one pass
    // must not look slow.
    if (!m_socket || m_socket->bytesToWrite() <= m_maxQueuedBytes)
        return;
    m_socket->flush();
    if (m_socket->bytesToWrite() > m_maxQueuedBytes) {
        qCWarning(lcServer).noquote()
                << "dropping" << nick() << "from" << address().toString() << ":"
                << m_socket->bytesToWrite() << "bytes queued, it does not read";
        drop(QStringLiteral("slow"));
    }
}

void PeerConnection::closeConnection(int code, const QString &reason)
{
    if (!m_socket)
        return;
    qCInfo(lcServer).noquote() << "closing peer" << id() << nick() << "with" << code << reason;
    PeerTransport *socket = m_socket;
    QTimer::singleShot(CloseGraceMs, socket, [socket] { socket->abort(); });
    socket->close(code, reason);
}

void PeerConnection::drop(const QString &reason)
{
    startLeaving(reason);
    if (m_socket)
        m_socket->abort();
}

bool PeerConnection::ping()
{
    if (!m_socket || !leaveReason().isEmpty())
        return false;
    m_socket->ping();
    return true;
}

void PeerConnection::heartbeat(int intervalMs)
{
    // A peer whose network vanished sends no FIN: without pings it would stay "in the room"
    // until TCP gives up, hours later.
    if (!m_socket || !leaveReason().isEmpty())
        return;
    if (m_clock.elapsed() - m_lastHeardMs > 2 * qint64(intervalMs)) {
        qCInfo(lcServer).noquote() << "peer" << id() << nick() << "answers no pings";
        drop(QStringLiteral("timeout"));
    } else {
        m_socket->ping();
    }
}

QString PeerConnection::endReason() const
{
    if (m_socket) {
        if (QString reason = m_socket->endReason(); !reason.isEmpty())
            return reason;
        // The socket closes on its own when the peer breaks a framing rule; say which.
        switch (m_socket->closeCode()) {
        case 1009:
            return QStringLiteral("too-big");
        case 1007:
            return QStringLiteral("bad-utf8");
        case 1002:
            return QStringLiteral("protocol-error");
        default:
            break;
        }
    }
    return m_sawClosingHandshake ? QStringLiteral("quit") : QStringLiteral("lost");
}

PeerInfo PeerConnection::info() const
{
    PeerInfo i;
    i.id = id();
    i.address = address();
    i.port = m_port;
    i.nick = nick();
    i.joined = owesLeave();
    i.mode = mode();
    if (m_socket) {
        i.transport = m_socket->kind();
        i.offeredSubprotocols = m_socket->offeredSubprotocols();
        i.subprotocol = m_socket->subprotocol();
        i.origin = m_socket->origin();
        i.userAgent = m_socket->userAgent();
    }
    i.connectedAtMs = m_connectedAtMs;
    i.messagesIn = m_messagesIn;
    i.messagesOut = m_messagesOut;
    i.bytesIn = m_bytesIn;
    i.bytesOut = m_bytesOut;
    i.lastRttMs = m_lastRttMs;
    i.bytesQueued = m_socket ? m_socket->bytesToWrite() : 0;
    i.leaving = leaveReason();
    return i;
}

} // namespace Parlor
