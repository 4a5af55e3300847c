#include "qtpeerstream.h"

namespace Parlor {

QtPeerStream::QtPeerStream(QTcpSocket *socket, QObject *parent)
    : PeerStream(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &PeerStream::readyRead);
    connect(socket, &QTcpSocket::disconnected, this, &PeerStream::disconnected);
}

QtPeerStream::~QtPeerStream()
{
    // The socket is a child and goes with this object; it must not signal a half-destroyed one.
    if (m_socket)
        m_socket->disconnect(this);
}

qint64 QtPeerStream::read(char *data, qint64 maxSize)
{
    if (!m_socket)
        return -1;
    const qint64 n = m_socket->read(data, maxSize);
    return n == 0 && m_socket->state() == QAbstractSocket::UnconnectedState ? -1 : n;
}

qint64 QtPeerStream::bytesAvailable() const
{
    return m_socket ? m_socket->bytesAvailable() : 0;
}

void QtPeerStream::write(const QByteArray &data)
{
    if (m_socket)
        m_socket->write(data);
}

qint64 QtPeerStream::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

bool QtPeerStream::flush()
{
    return m_socket && m_socket->flush();
}

void QtPeerStream::disconnectFromHost()
{
    if (m_socket)
        m_socket->disconnectFromHost();
}

void QtPeerStream::abort()
{
    if (m_socket)
        m_socket->abort();
}

QHostAddress QtPeerStream::peerAddress() const
{
    return m_socket ? m_socket->peerAddress() : QHostAddress();
}

quint16 QtPeerStream::peerPort() const
{
    return m_socket ? m_socket->peerPort() : 0;
}

} // namespace Parlor
