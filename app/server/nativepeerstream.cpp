#include "nativepeerstream.h"

#include "streamnotifier.h"

#include <QTcpSocket>

#include <algorithm>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace Parlor {

namespace {

/// How many queued QByteArrays one sendmsg takes at most (IOV_MAX is 1024 on Linux; a burst of
/// small frames rarely has more, and the rest goes in the next call).
constexpr int MaxPieces = 64;

/// What one readyRead() may read from the kernel (QTcpSocket reads what the kernel holds when
/// notified, as here, but at most this much).
constexpr qint64 ReadBudget = 256 * 1024;

} // namespace

NativePeerStream::NativePeerStream(int descriptor, const QHostAddress &peerAddress,
                                   quint16 peerPort, const QByteArray &pending, QObject *parent)
    : PeerStream(parent)
    , m_descriptor(descriptor)
    , m_peerPort(peerPort)
    , m_pending(pending)
    , m_readBudget(ReadBudget)
    , m_peerAddress(peerAddress)
{
    const int flags = ::fcntl(descriptor, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK))
        ::fcntl(descriptor, F_SETFL, flags | O_NONBLOCK);
    m_readNotifier = new StreamNotifier(descriptor, QSocketNotifier::Read, this);
    // Enabled only while output waits for the kernel to take it.
    m_writeNotifier = new StreamNotifier(descriptor, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
}

NativePeerStream::~NativePeerStream()
{
    if (m_descriptor >= 0) {
        // Notifiers first: a descriptor must not be closed under a notifier still watching it.
        delete m_readNotifier;
        delete m_writeNotifier;
        ::close(m_descriptor);
    }
}

NativePeerStream *NativePeerStream::takeOver(QTcpSocket *socket, QObject *parent)
{
    const qintptr from = socket->socketDescriptor();
    if (from < 0 || socket->state() != QAbstractSocket::ConnectedState)
        return nullptr;
    // A duplicate outlives the socket's own descriptor, which abort() closes (close(), no
    // shutdown(): the connection stays up while another descriptor refers to it).
    const int descriptor = ::fcntl(int(from), F_DUPFD_CLOEXEC, 0);
    if (descriptor < 0)
        return nullptr;
    // Bytes the peer sent right behind what was read of it (frames behind the upgrade
    // request) are in the socket's buffer, ahead of anything still in the kernel.
    const QByteArray pending = socket->readAll();
    auto *stream = new NativePeerStream(descriptor, socket->peerAddress(), socket->peerPort(),
                                        pending, parent);
    socket->abort();
    socket->deleteLater();
    return stream;
}

void NativePeerStream::notified(QSocketNotifier::Type type)
{
    if (type == QSocketNotifier::Read)
        onReadable();
    else
        onWritable();
}

void NativePeerStream::onReadable()
{
    m_readBudget = ReadBudget;
    emit readyRead();
}

qint64 NativePeerStream::read(char *data, qint64 maxSize)
{
    if (!m_pending.isEmpty()) {
        const qsizetype n = std::min<qint64>(maxSize, m_pending.size());
        std::copy_n(m_pending.constData(), n, data);
        if (n == m_pending.size())
            m_pending = QByteArray(); // freed, not kept
        else
            m_pending.remove(0, n);
        return n;
    }
    if (m_state == State::Closed)
        return -1;
    // As QTcpSocket: nothing more is read once closing.
    // The rest comes with the next readyRead(): the descriptor is still readable then.
    if (m_state == State::Closing || maxSize <= 0 || m_readBudget <= 0)
        return 0;
    for (;;) {
        const ssize_t n = ::recv(m_descriptor, data, size_t(std::min(maxSize, m_readBudget)), 0);
        if (n > 0) {
            m_readBudget -= n;
            return n;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        // 0 is the peer's end; anything else (ECONNRESET, ETIMEDOUT...) is the connection's.
        closeDescriptor(false);
        return -1;
    }
}

void NativePeerStream::write(const QByteArray &data)
{
    if (m_state != State::Connected || data.isEmpty())
        return;
    m_queue.append(data);
    m_queuedBytes += data.size();
    // Written when the event loop finds the descriptor writable: whatever else is written to
    // this peer before then leaves in the same call (as QTcpSocket does).
    m_writeNotifier->setEnabled(true);
}

bool NativePeerStream::flush()
{
    const bool wrote = writeQueued();
    setWriteNotification();
    return wrote;
}

void NativePeerStream::onWritable()
{
    writeQueued();
    if (m_state == State::Closing && m_queue.isEmpty())
        closeDescriptor(true);
    else
        setWriteNotification();
}

bool NativePeerStream::writeQueued()
{
    bool wrote = false;
    while (m_descriptor >= 0 && !m_queue.isEmpty()) {
        iovec pieces[MaxPieces];
        const int count = int(std::min<qsizetype>(m_queue.size(), MaxPieces));
        size_t offered = 0;
        for (int i = 0; i < count; ++i) {
            const qsizetype skip = i == 0 ? m_sentOfFirst : 0;
            pieces[i].iov_base = const_cast<char *>(m_queue.at(i).constData() + skip);
            pieces[i].iov_len = size_t(m_queue.at(i).size() - skip);
            offered += pieces[i].iov_len;
        }
        msghdr message{};
        message.msg_iov = pieces;
        message.msg_iovlen = size_t(count);
        const ssize_t n = ::sendmsg(m_descriptor, &message, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            // EPIPE, ECONNRESET...: the peer is gone, and so is what was queued for it.
            closeDescriptor(false);
            break;
        }
        wrote = wrote || n > 0;
        m_queuedBytes -= n;
        qsizetype left = n;
        while (left > 0) {
            const qsizetype rest = m_queue.first().size() - m_sentOfFirst;
            if (left < rest) {
                m_sentOfFirst += left;
                break;
            }
            left -= rest;
            m_queue.removeFirst();
            m_sentOfFirst = 0;
        }
        if (size_t(n) < offered)
            break; // the kernel's buffer is full
    }
    // An idle peer keeps no queue storage.
    if (m_queue.isEmpty() && m_queue.capacity() > 0)
        m_queue = QList<QByteArray>();
    return wrote;
}

void NativePeerStream::setWriteNotification()
{
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_queue.isEmpty());
}

void NativePeerStream::disconnectFromHost()
{
    if (m_state != State::Connected)
        return;
    m_state = State::Closing;
    m_readNotifier->setEnabled(false);
    if (m_queue.isEmpty())
        closeDescriptor(true);
    else
        m_writeNotifier->setEnabled(true);
}

void NativePeerStream::abort()
{
    if (m_state != State::Closed)
        closeDescriptor(true);
}

void NativePeerStream::closeDescriptor(bool signalNow)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    // The notifiers may be the ones signalling right now, so they are deleted later; disabled
    // at once, since the descriptor they watch goes now.
    for (StreamNotifier *notifier : {m_readNotifier, m_writeNotifier}) {
        notifier->setEnabled(false);
        notifier->deleteLater();
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    ::close(m_descriptor);
    m_descriptor = -1;
    m_queue = QList<QByteArray>();
    m_sentOfFirst = 0;
    m_queuedBytes = 0;
    if (signalNow)
        emit disconnected();
    else
        QMetaObject::invokeMethod(
                this, [this] { emit disconnected(); }, Qt::QueuedConnection);
}

} // namespace Parlor
