// NativePeerStream: a plain connection taken over from QTcpSocket onto its descriptor keeps
// every byte in order, drains a large queue to a slow reader, and ends as QTcpSocket would.

#include "server/nativepeerstream.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

#include <sys/socket.h>

using namespace Parlor;

namespace {

/// A client and the server's QTcpSocket for it, connected over loopback.
struct Pair
{
    QTcpServer server;
    std::unique_ptr<QTcpSocket> client = std::make_unique<QTcpSocket>();
    QTcpSocket *accepted = nullptr;

    bool connect()
    {
        if (!server.listen(QHostAddress::LocalHost))
            return false;
        client->connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!server.waitForNewConnection(5000))
            return false;
        accepted = server.nextPendingConnection();
        return accepted && client->waitForConnected(5000);
    }
};

/// A test pattern: byte i of the whole stream is a function of i, so loss or reordering shows.
QByteArray pattern(qint64 from, qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(((from + i) * 7 + (from + i) / 251) & 0xFF);
    return bytes;
}

/// Everything \a stream can read now.
QByteArray readAll(NativePeerStream &stream)
{
    QByteArray all;
    char buffer[4096];
    qint64 n;
    while ((n = stream.read(buffer, sizeof buffer)) > 0)
        all.append(buffer, n);
    return all;
}

} // namespace

class tst_NativePeerStream : public QObject
{
    Q_OBJECT

private slots:
    void bytesBehindTheRequestAreKept();
    void largeQueueDrainsInOrderToASlowReader();
    void disconnectFromHostSendsEverythingFirst();
    void disconnectFromHostWithNothingQueuedIsImmediate();
    void peerResetDisconnects();
    void writeToAResetPeerDisconnects();
    void peerEndDisconnects();
    void abortDropsTheQueue();
};

void tst_NativePeerStream::bytesBehindTheRequestAreKept()
{
    Pair pair;
    QVERIFY(pair.connect());
    const QByteArray head = "GET / HTTP/1.1\r\n\r\n";
    pair.client->write(head + "frames behind");
    QTRY_COMPARE(pair.accepted->bytesAvailable(), head.size() + 13);
    QVERIFY(pair.accepted->skip(head.size()) == head.size());
    const quint16 clientPort = pair.client->localPort();

    QPointer<QTcpSocket> old = pair.accepted;
    std::unique_ptr<NativePeerStream> stream(NativePeerStream::takeOver(pair.accepted));
    QVERIFY(stream);
    QCOMPARE(stream->peerPort(), clientPort);
    QCOMPARE(stream->peerAddress(), QHostAddress(QHostAddress::LocalHost));
    // The socket is done with (deleted later), yet the connection stays up on the stream.
    QCOMPARE(old->state(), QAbstractSocket::UnconnectedState);
    QTRY_VERIFY(!old);
    QCOMPARE(stream->bytesAvailable(), 13);

    QByteArray received = readAll(*stream);
    QCOMPARE(received, QByteArray("frames behind"));
    QCOMPARE(stream->bytesAvailable(), 0);
    // More from the client comes through the stream's own reads, after what was buffered.
    QByteArray more;
    connect(stream.get(), &PeerStream::readyRead, this, [&] { more += readAll(*stream); });
    pair.client->write(" and more");
    QTRY_COMPARE(more, QByteArray(" and more"));

    // And the other way.
    stream->write("HTTP/1.1 101 Switching Protocols\r\n\r\n");
    QCOMPARE(stream->bytesToWrite(), 36);
    QTRY_COMPARE(pair.client->bytesAvailable(), 36);
    QCOMPARE(stream->bytesToWrite(), 0);
    QVERIFY(pair.client->readAll().startsWith("HTTP/1.1 101"));
    QVERIFY(stream->isOpen());
}

void tst_NativePeerStream::largeQueueDrainsInOrderToASlowReader()
{
    Pair pair;
    QVERIFY(pair.connect());
    std::unique_ptr<NativePeerStream> stream(NativePeerStream::takeOver(pair.accepted));
    QVERIFY(stream);
    // The client takes at most 16 KiB a turn, so the kernel buffers fill and the stream queues.
    pair.client->setReadBufferSize(16 * 1024);

    // Pieces of many sizes, one of them queued many times (a broadcast frame is one
    // QByteArray for every peer): the pattern tells whether each landed where it belongs.
    constexpr qsizetype total = 24 * 1024 * 1024;
    QByteArray expected;
    qint64 at = 0;
    int turn = 0;
    while (at < total) {
        const qsizetype size = (turn++ % 5 == 0) ? 65536 + 3 : 1 + (turn * 997) % 3000;
        const QByteArray piece = pattern(at, size);
        stream->write(piece);
        expected += piece;
        at += size;
    }
    const QByteArray shared = "the same frame";
    for (int i = 0; i < 100; ++i) {
        stream->write(shared);
        expected += shared;
    }
    QCOMPARE(stream->bytesToWrite(), expected.size());
    QVERIFY(stream->flush());
    QVERIFY(stream->bytesToWrite() > 0); // more than the kernel takes at once
    QVERIFY(stream->bytesToWrite() < expected.size());

    QByteArray received;
    connect(pair.client.get(), &QTcpSocket::readyRead, this, [&] {
        received += pair.client->readAll(); // 16 KiB at most a turn
    });
    QTRY_COMPARE_WITH_TIMEOUT(received.size() + pair.client->bytesAvailable(), expected.size(),
                              30000);
    received += pair.client->readAll();
    QCOMPARE(stream->bytesToWrite(), 0);
    QVERIFY(received == expected);
    QVERIFY(stream->isOpen());
}

void tst_NativePeerStream::disconnectFromHostSendsEverythingFirst()
{
    Pair pair;
    QVERIFY(pair.connect());
    std::unique_ptr<NativePeerStream> stream(NativePeerStream::takeOver(pair.accepted));
    QVERIFY(stream);
    QSignalSpy disconnected(stream.get(), &PeerStream::disconnected);
    const QByteArray all = pattern(0, 4 * 1024 * 1024);
    stream->write(all.left(1000));
    stream->write(all.mid(1000));
    stream->disconnectFromHost();
    // Closing: nothing more is taken, and what is queued still goes.
    stream->write("after the end");
    QCOMPARE(stream->bytesToWrite(), all.size());
    QCOMPARE(disconnected.count(), 0);
    QVERIFY(stream->isOpen());

    QSignalSpy clientDisconnected(pair.client.get(), &QTcpSocket::disconnected);
    QByteArray received;
    connect(pair.client.get(), &QTcpSocket::readyRead, this,
            [&] { received += pair.client->readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 30000);
    QVERIFY(!stream->isOpen());
    QTRY_COMPARE(clientDisconnected.count(), 1);
    received += pair.client->readAll();
    QCOMPARE(received.size(), all.size());
    QVERIFY(received == all);
    QCOMPARE(disconnected.count(), 1);
}

void tst_NativePeerStream::disconnectFromHostWithNothingQueuedIsImmediate()
{
    Pair pair;
    QVERIFY(pair.connect());
    std::unique_ptr<NativePeerStream> stream(NativePeerStream::takeOver(pair.accepted));
    QVERIFY(stream);
    QSignalSpy disconnected(stream.get(), &PeerStream::disconnected);
    // As QTcpSocket: disconnected() before disconnectFromHost() returns.
    stream->disconnectFromHost();
    QCOMPARE(disconnected.count(), 1);
    QVERIFY(!stream->isOpen());
    char buffer[16];
    QCOMPARE(stream->read(buffer, sizeof buffer), -1);
    QSignalSpy clientDisconnected(pair.client.get(), &QTcpSocket::disconnected);
    QTRY_COMPARE(clientDisconnected.count(), 1);
    QCOMPARE(disconnected.count(), 1);
}

namespace {

/// Closes \a socket so that the kernel resets the connection (SO_LINGER with no time).
void reset(QTcpSocket &socket)
{
    const linger noLinger{1, 0};
    QCOMPARE(::setsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger,
                          sizeof noLinger),
             0);
    socket.abort();
}

} // namespace

void tst_NativePeerStream::peerResetDisconnects()
{
    Pair pair;
    QVERIFY(pair.connect());
    std::unique_ptr<NativePeerStream> stream(NativePeerStream::takeOver(pair.accepted));
    QVERIFY(stream);
    QSignalSpy disconnected(stream.get(), &PeerStream::disconnected);
    connect(stream.get(), &PeerStream::readyRead, this, [&] { readAll(*stream); });
    reset(*pair.client);
    QTRY_COMPARE(disconnected.count(), 1);
    QVERIFY(!stream->isOpen());
    stream->write("too late");
    QCOMPARE(stream->bytesToWrite(), 0);
}

void tst_NativePeerStream::writeToAResetPeerDisconnects()
{
    Pair pair;
    QVERIFY(pair.connect());
    std::unique_ptr<NativePeerStream> stream(NativePeerStream::takeOver(pair.accepted));
    QVERIFY(stream);
    QSignalSpy disconnected(stream.get(), &PeerStream::disconnected);
    // Nobody reads the stream here: the reset is found by writing (EPIPE or ECONNRESET, and
    // no SIGPIPE to kill the test).
    disconnect(stream.get(), &PeerStream::readyRead, nullptr, nullptr);
    reset(*pair.client);
    const QByteArray piece = pattern(0, 64 * 1024);
    for (int i = 0; i < 64 && stream->isOpen(); ++i) {
        stream->write(piece);
        stream->flush();
    }
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(stream->bytesToWrite(), 0);
}

void tst_NativePeerStream::peerEndDisconnects()
{
    Pair pair;
    QVERIFY(pair.connect());
    std::unique_ptr<NativePeerStream> stream(NativePeerStream::takeOver(pair.accepted));
    QVERIFY(stream);
    QSignalSpy disconnected(stream.get(), &PeerStream::disconnected);
    QByteArray received;
    connect(stream.get(), &PeerStream::readyRead, this, [&] { received += readAll(*stream); });
    pair.client->write("last words");
    pair.client->disconnectFromHost();
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(received, QByteArray("last words"));
    QVERIFY(!stream->isOpen());
}

void tst_NativePeerStream::abortDropsTheQueue()
{
    Pair pair;
    QVERIFY(pair.connect());
    std::unique_ptr<NativePeerStream> stream(NativePeerStream::takeOver(pair.accepted));
    QVERIFY(stream);
    QSignalSpy disconnected(stream.get(), &PeerStream::disconnected);
    stream->write(pattern(0, 1024));
    QCOMPARE(stream->bytesToWrite(), 1024);
    stream->abort();
    QCOMPARE(disconnected.count(), 1);
    QCOMPARE(stream->bytesToWrite(), 0);
    QVERIFY(!stream->isOpen());
    stream->abort();
    stream->disconnectFromHost();
    QCOMPARE(disconnected.count(), 1);
    // Nothing of the queue went: the client sees the end and no bytes.
    QSignalSpy clientDisconnected(pair.client.get(), &QTcpSocket::disconnected);
    QTRY_COMPARE(clientDisconnected.count(), 1);
    QCOMPARE(pair.client->bytesAvailable(), 0);
}

QTEST_GUILESS_MAIN(tst_NativePeerStream)
#include "tst_nativepeerstream.moc"
