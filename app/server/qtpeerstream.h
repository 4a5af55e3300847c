#pragma once

#include "peerstream.h"

#include <QPointer>
#include <QTcpSocket>

namespace Parlor {

/// A PeerStream over a QTcpSocket, kept for TLS: QSslSocket does the encryption, so those
/// connections stay on Qt's socket and its buffers. Plain connections use NativePeerStream,
/// which costs far less per idle peer (see there).
class QtPeerStream : public PeerStream
{
    Q_OBJECT

public:
    /// Takes \a socket over (it becomes a child).
    explicit QtPeerStream(QTcpSocket *socket, QObject *parent = nullptr);
    ~QtPeerStream() override;

    qint64 read(char *data, qint64 maxSize) override;
    qint64 bytesAvailable() const override;
    void write(const QByteArray &data) override;
    qint64 bytesToWrite() const override;
    bool flush() override;
    void disconnectFromHost() override;
    void abort() override;
    QHostAddress peerAddress() const override;
    quint16 peerPort() const override;

    QTcpSocket *socket() const { return m_socket; }

private:
    QPointer<QTcpSocket> m_socket;
};

} // namespace Parlor
