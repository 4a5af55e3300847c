// Shared files (docs/PROTOCOL.md "Files"): upload in chunks, the message with its file object,
// file-get, resume, pacing, the store's bounds, a durable store, HTTP /files/<key> and every
// hostile input the room must refuse. Real QWebSocket clients (and raw TCP for HTTP) against an
// in-process RoomServer on 127.0.0.1.

#include "richclient.h"
#include "roomwithtwo.h"

#include "protocol/protocol.h"
#include "server/filestore.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

char *toString(const QJsonObject &object)
{
    return qstrdup(QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
}

namespace {

constexpr int Chunk = 32768;

RoomConfig testConfig()
{
    RoomConfig config;
    config.roomName = u"Files"_s;
    config.messagesPerSecond = 1000;
    config.historyLength = 50;
    config.announce = false;
    return config;
}

QByteArray randomBytes(qsizetype size, const QByteArray &head = {})
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(QRandomGenerator::global()->bounded(256));
    data.replace(0, head.size(), head);
    return data.left(size);
}

const QByteArray pngHead("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

RichClient::Predicate typeAndId(const QString &type, const QString &id)
{
    return [type, id](const QJsonObject &o) {
        return o.value(u"type"_s) == type && o.value(u"id"_s) == id;
    };
}

RichClient::Predicate errorAbout(const QString &id)
{
    return typeAndId(u"error"_s, id);
}

RichClient::Predicate errorAboutFile(const QString &key)
{
    return [key](const QJsonObject &o) {
        return o.value(u"type"_s) == "error"_L1 && o.value(u"file"_s) == key;
    };
}

/// One HTTP/1.1 exchange on a raw socket: the whole response as it came.
QByteArray httpGet(quint16 port, const QByteArray &path, const QByteArray &method = "GET")
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray response;
    [[maybe_unused]] const bool closed = QTest::qWaitFor(
            [&] {
                response += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            10000);
    return response + socket.readAll();
}

QByteArray headerOf(const QByteArray &response, const QByteArray &name)
{
    const QByteArray head = response.left(response.indexOf("\r\n\r\n"));
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray bodyOf(const QByteArray &response)
{
    return response.mid(response.indexOf("\r\n\r\n") + 4);
}

} // namespace

class tst_RoomFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void welcomeAnnouncesFileLimits();
    void uploadIsSharedAndFetchedByteForByte();
    void mimeIsTheRoomsNotTheSenders();
    void plainPeerGetsTheName();
    void uploadResumesAfterReconnect();
    void reofferOfADeliveredFileIsAcknowledged();
    void reofferWithAnotherSizeStartsOver();
    void chunksBeyondTheWindowAreRateLimited();
    void progressIsPacedByTheFileRate();
    void chatIsNotBlockedAndChunksTakeNoMessageTokens();
    void refusedFileMessagesCostMessageTokens();
    void hostileChunks_data();
    void hostileChunks();
    void hostileOffers_data();
    void hostileOffers();
    void roomWithoutFiles();
    void fileGetRefusals();
    void storeForgetsOldestFilesBySize();
    void storeFullOfUnfinishedUploads();
    void retentionForgetsOldFiles();
    void durableStoreSurvivesARestart();
    void httpServesFilesWithSafeHeaders();
    void httpRefusesUnknownKeysAndPaths_data();
    void httpRefusesUnknownKeysAndPaths();

private:
    bool startRoom(const RoomConfig &config = testConfig());
    QUrl url() const;

    RoomWithTwo m_room;
};

void tst_RoomFiles::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_RoomFiles::cleanup()
{
    m_room.reset();
}

bool tst_RoomFiles::startRoom(const RoomConfig &config)
{
    return m_room.start(config);
}

QUrl tst_RoomFiles::url() const
{
    return m_room.url();
}

void tst_RoomFiles::welcomeAnnouncesFileLimits()
{
    m_room.server = std::make_unique<RoomServer>(testConfig());
    QVERIFY(m_room.server->listen(QHostAddress::LocalHost, 0));
    RichClient client;
    const QJsonObject limits = client.join(url(), u"mina"_s, u"c-1"_s).value(u"limits"_s).toObject();
    QCOMPARE(limits.value(u"maxFileBytes"_s).toInteger(), 32 * 1024 * 1024);
    QCOMPARE(limits.value(u"fileChunkBytes"_s).toInteger(), Chunk);

    // A small message size makes the chunk smaller, so that a chunk always fits.
    RoomConfig small = testConfig();
    small.maxMessageBytes = 4096;
    m_room.server = std::make_unique<RoomServer>(small);
    QVERIFY(m_room.server->listen(QHostAddress::LocalHost, 0));
    RichClient other;
    QCOMPARE(other.join(url(), u"mina"_s, u"c-1"_s)
                     .value(u"limits"_s)
                     .toObject()
                     .value(u"fileChunkBytes"_s)
                     .toInteger(),
             fileChunkBytesFor(4096));
}

void tst_RoomFiles::uploadIsSharedAndFetchedByteForByte()
{
    QVERIFY(startRoom());
    const QByteArray data = randomBytes(5 * Chunk + 1234, pngHead);
    const QJsonObject ack = m_room.alice->uploadFile(u"f1"_s, u"사진 1.png"_s, data, Chunk);
    QVERIFY2(!ack.isEmpty(), qPrintable(m_room.alice->texts().join(u'\n').right(2000)));

    const QJsonObject atBob = m_room.bob->waitFor(typeAndId(u"message"_s, u"f1"_s));
    QCOMPARE(atBob.value(u"from"_s).toString(), u"alice"_s);
    QCOMPARE(atBob.value(u"text"_s).toString(), u"사진 1.png"_s);
    const QJsonObject file = atBob.value(u"file"_s).toObject();
    // (toString() is for QCOMPARE, which frees what it returns; QVERIFY2 does not.)
    QVERIFY2(isFileKey(file.value(u"key"_s).toString()),
             QJsonDocument(file).toJson(QJsonDocument::Compact).constData());
    QCOMPARE(file.value(u"name"_s).toString(), u"사진 1.png"_s);
    QCOMPARE(file.value(u"size"_s).toInteger(), data.size());
    QCOMPARE(file.value(u"mime"_s).toString(), u"image/png"_s);
    // The author's acknowledgement is the same event.
    QCOMPARE(ack, atBob);
    // Nothing of the upload reached bob before the message.
    for (const QJsonObject &o : m_room.bob->objects())
        QVERIFY(!o.value(u"type"_s).toString().startsWith(u"file-"_s));

    const QString key = file.value(u"key"_s).toString();
    QCOMPARE(m_room.bob->downloadFile(key, data.size()), data);
    // A file-get with a length, from the middle.
    m_room.alice->fileGet(key, 100, 50);
    const QJsonObject piece = m_room.alice->waitForType(u"file-data"_s);
    QCOMPARE(piece.value(u"offset"_s).toInteger(), 100);
    QCOMPARE(QByteArray::fromBase64(piece.value(u"data"_s).toString().toLatin1()),
             data.mid(100, 50));
    // The last bytes: a request past the end is cut to the file.
    m_room.alice->fileGet(key, data.size() - 10);
    const QJsonObject tail = m_room.alice->waitForType(u"file-data"_s);
    QCOMPARE(QByteArray::fromBase64(tail.value(u"data"_s).toString().toLatin1()), data.right(10));

    // A later joiner sees it in the history.
    RichClient carol;
    const QJsonObject welcome = carol.join(url(), u"carol"_s, u"c-carol"_s);
    const QJsonArray history = welcome.value(u"history"_s).toArray();
    const auto it = std::find_if(history.begin(), history.end(), [](const QJsonValue &v) {
        return v.toObject().value(u"id"_s) == "f1"_L1;
    });
    QVERIFY(it != history.end());
    QCOMPARE(it->toObject().value(u"file"_s).toObject(), file);
}

void tst_RoomFiles::mimeIsTheRoomsNotTheSenders()
{
    QVERIFY(startRoom());
    struct Case
    {
        QByteArray head;
        QString offered;
        QString expected;
    };
    const QList<Case> cases = {
            {"\xff\xd8\xff\xe0", u"application/pdf"_s, u"image/jpeg"_s},
            {"GIF89a", {}, u"image/gif"_s},
            {QByteArray("RIFF\0\0\0\0WEBPVP8 ", 16), {}, u"image/webp"_s},
            {"%PDF-1.7", u"application/pdf"_s, u"application/pdf"_s},
            // An "image" that is not one by its bytes is not shown as one.
            {"<svg onload=alert(1)>", u"image/svg+xml"_s, u"application/octet-stream"_s},
            {"<html>", u"image/png"_s, u"application/octet-stream"_s},
            {"plain text", {}, u"application/octet-stream"_s},
    };
    int n = 0;
    for (const Case &c : cases) {
        const QString id = u"m%1"_s.arg(++n);
        const QJsonObject ack = m_room.alice->uploadFile(id, u"file-%1"_s.arg(n),
                                                         randomBytes(100, c.head), Chunk,
                                                         c.offered);
        QCOMPARE(ack.value(u"file"_s).toObject().value(u"mime"_s).toString(), c.expected);
    }
}

void tst_RoomFiles::plainPeerGetsTheName()
{
    QVERIFY(startRoom());
    RichClient plain;
    plain.open(url(), {u"chatting"_s});
    QVERIFY(plain.waitConnected());
    QVERIFY(!m_room.bob
                     ->waitFor([](const QJsonObject &o) {
                         return o.value(u"type"_s) == "join"_L1 && o.value(u"mode"_s) == "plain"_L1;
                     })
                     .isEmpty());
    QVERIFY(!m_room.alice->uploadFile(u"f1"_s, u"notes.txt"_s, "hello", Chunk).isEmpty());
    QVERIFY(plain.waitForText(u"alice: notes.txt"_s));
}

void tst_RoomFiles::uploadResumesAfterReconnect()
{
    QVERIFY(startRoom());
    const QByteArray data = randomBytes(4 * Chunk + 77);
    m_room.alice->fileOffer(u"f1"_s, u"big.bin"_s, data.size());
    QCOMPARE(m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s))
                     .value(u"received"_s)
                     .toInteger(),
             0);
    m_room.alice->fileChunk(u"f1"_s, 0, data.left(Chunk));
    m_room.alice->fileChunk(u"f1"_s, Chunk, data.mid(Chunk, Chunk));
    QVERIFY(!m_room.alice
                     ->waitFor([](const QJsonObject &o) {
                         return o.value(u"type"_s) == "file-progress"_L1
                                && o.value(u"received"_s).toInteger() == 2 * Chunk;
                     })
                     .isEmpty());

    // The connection drops; the same client comes back and offers the same file again.
    m_room.alice.reset();
    QVERIFY(!m_room.bob->waitForType(u"leave"_s).isEmpty());
    m_room.alice = std::make_unique<RichClient>();
    QVERIFY(!m_room.alice->join(url(), u"alice"_s, u"c-alice"_s).isEmpty());
    m_room.alice->fileOffer(u"f1"_s, u"big.bin"_s, data.size());
    QCOMPARE(m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s))
                     .value(u"received"_s)
                     .toInteger(),
             2 * Chunk);
    // uploadFile() offers again and goes on from there.
    const QJsonObject ack = m_room.alice->uploadFile(u"f1"_s, u"big.bin"_s, data, Chunk);
    QVERIFY(!ack.isEmpty());
    const QString key = ack.value(u"file"_s).toObject().value(u"key"_s).toString();
    QCOMPARE(m_room.bob->downloadFile(key, data.size()), data);

    // Another client with the same message id has an upload of its own.
    m_room.bob->fileOffer(u"f2"_s, u"big.bin"_s, data.size());
    m_room.alice->fileOffer(u"f2"_s, u"big.bin"_s, data.size());
    m_room.alice->fileChunk(u"f2"_s, 0, data.left(10));
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-progress"_s, u"f2"_s)).isEmpty());
    m_room.bob->fileOffer(u"f2"_s, u"big.bin"_s, data.size());
    QVERIFY(!m_room.bob
                     ->waitFor([](const QJsonObject &o) {
                         return o.value(u"type"_s) == "file-ready"_L1 && o.value(u"id"_s) == "f2"_L1
                                && o.value(u"received"_s).toInteger() == 0;
                     })
                     .isEmpty());
}

void tst_RoomFiles::reofferOfADeliveredFileIsAcknowledged()
{
    QVERIFY(startRoom());
    const QJsonObject ack = m_room.alice->uploadFile(u"f1"_s, u"a.txt"_s, "abc", Chunk);
    QVERIFY(!ack.isEmpty());
    QVERIFY(!m_room.bob->waitFor(typeAndId(u"message"_s, u"f1"_s)).isEmpty());
    // The acknowledgement got lost: the client offers again and gets the original message, to
    // itself only, not a second copy of the file.
    m_room.alice->fileOffer(u"f1"_s, u"a.txt"_s, 3);
    QCOMPARE(m_room.alice->waitFor(typeAndId(u"message"_s, u"f1"_s)), ack);
    m_room.bob->say(u"b1"_s, u"after"_s);
    QVERIFY(!m_room.bob->waitFor(typeAndId(u"message"_s, u"b1"_s)).isEmpty());
    QCOMPARE(m_room.bob->objectsOfType(u"message"_s).size(), 2);
    QVERIFY(m_room.alice->objectsOfType(u"file-ready"_s).size() == 1);
}

void tst_RoomFiles::reofferWithAnotherSizeStartsOver()
{
    QVERIFY(startRoom());
    m_room.alice->fileOffer(u"f1"_s, u"a.bin"_s, 100);
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s)).isEmpty());
    m_room.alice->fileChunk(u"f1"_s, 0, QByteArray(50, 'x'));
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-progress"_s, u"f1"_s)).isEmpty());
    m_room.alice->fileOffer(u"f1"_s, u"a.bin"_s, 101);
    QCOMPARE(m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s))
                     .value(u"received"_s)
                     .toInteger(),
             0);
    m_room.alice->fileOffer(u"f1"_s, u"b.bin"_s, 101);
    QCOMPARE(m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s))
                     .value(u"received"_s)
                     .toInteger(),
             0);
}

void tst_RoomFiles::chunksBeyondTheWindowAreRateLimited()
{
    RoomConfig config = testConfig();
    config.maxMessageBytes = 4096;
    config.fileBytesPerSecond = 1024; // the burst (4 chunks) goes at once, then almost nothing
    QVERIFY(startRoom(config));
    const int chunk = fileChunkBytesFor(4096);
    const QByteArray data = randomBytes(20 * chunk);
    m_room.alice->fileOffer(u"f1"_s, u"a.bin"_s, data.size());
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s)).isEmpty());
    // 4 reported at once, 8 unreported are kept, the 13th is dropped.
    for (int i = 0; i < 13; ++i)
        m_room.alice->fileChunk(u"f1"_s, qint64(i) * chunk, data.mid(qint64(i) * chunk, chunk));
    const QJsonObject error = m_room.alice->waitFor(errorAbout(u"f1"_s));
    QCOMPARE(error.value(u"code"_s).toString(), u"rate-limited"_s);
    QCOMPARE(m_room.alice->objectsOfType(u"file-progress"_s).size(), 4);
    QCOMPARE(m_room.alice->objectsOfType(u"file-progress"_s)
                     .constLast()
                     .value(u"received"_s)
                     .toInteger(),
             4 * chunk);
    // What the room took is what a re-offer reports: all 12 kept chunks, not the dropped one.
    m_room.alice->fileOffer(u"f1"_s, u"a.bin"_s, data.size());
    QCOMPARE(m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s))
                     .value(u"received"_s)
                     .toInteger(),
             12 * chunk);
}

void tst_RoomFiles::progressIsPacedByTheFileRate()
{
    RoomConfig config = testConfig();
    config.maxMessageBytes = 4096;
    config.fileBytesPerSecond = 16 * 1024;
    QVERIFY(startRoom(config));
    const int chunk = fileChunkBytesFor(4096);
    // 16 chunks: 4 go with the burst, the other 12 at 16 KiB/s take about two seconds.
    const QByteArray data = randomBytes(16 * chunk);
    QElapsedTimer timer;
    timer.start();
    const QJsonObject ack = m_room.alice->uploadFile(u"f1"_s, u"a.bin"_s, data, chunk);
    QVERIFY(!ack.isEmpty());
    const qint64 minimumMs = (qint64(12) * chunk) * 1000 / config.fileBytesPerSecond;
    QVERIFY2(timer.elapsed() >= minimumMs - 50,
             qPrintable(u"%1 ms, expected at least %2"_s.arg(timer.elapsed()).arg(minimumMs)));
    QVERIFY(m_room.alice->objectsOfType(u"error"_s).isEmpty());

    // Downloads are paced the same way.
    const QString key = ack.value(u"file"_s).toObject().value(u"key"_s).toString();
    timer.restart();
    QCOMPARE(m_room.bob->downloadFile(key, data.size()), data);
    QVERIFY2(timer.elapsed() >= minimumMs - 50, qPrintable(QString::number(timer.elapsed())));
}

void tst_RoomFiles::chatIsNotBlockedAndChunksTakeNoMessageTokens()
{
    RoomConfig config = testConfig();
    config.messagesPerSecond = 2; // a burst of 4 messages
    config.maxMessageBytes = 4096;
    config.fileBytesPerSecond = 8 * 1024;
    QVERIFY(startRoom(config));
    const int chunk = fileChunkBytesFor(4096);
    const QByteArray data = randomBytes(12 * chunk);
    m_room.alice->fileOffer(u"f1"_s, u"a.bin"_s, data.size());
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s)).isEmpty());
    for (int i = 0; i < 12; ++i)
        m_room.alice->fileChunk(u"f1"_s, qint64(i) * chunk, data.mid(qint64(i) * chunk, chunk));
    // 12 chunks and the offer are far past 4 messages, yet a say still goes through, and at
    // once: it is not queued behind the chunks' progress.
    m_room.alice->say(u"s1"_s, u"still here"_s);
    QVERIFY(!m_room.bob->waitFor(typeAndId(u"message"_s, u"s1"_s), 2000).isEmpty());
    QVERIFY2(m_room.alice->objectsOfType(u"file-progress"_s).size() < 11,
             "the say waited for the upload");
    const QJsonObject ack = m_room.alice->waitFor(typeAndId(u"message"_s, u"f1"_s), 10000);
    QVERIFY(!ack.isEmpty());
    QVERIFY(m_room.alice->objectsOfType(u"error"_s).isEmpty());
}

void tst_RoomFiles::refusedFileMessagesCostMessageTokens()
{
    // Accepted chunks take no message tokens, refused ones do: a peer that sends nothing but bad
    // chunks (or file-gets of nothing) is closed like any flood, not answered forever.
    RoomConfig config = testConfig();
    config.messagesPerSecond = 2;
    QVERIFY(startRoom(config));
    for (int i = 0; i < 40 && m_room.alice->isConnected(); ++i)
        m_room.alice->fileChunk(u"nope"_s, 0, "abc");
    QVERIFY(m_room.alice->waitDisconnected());
    QCOMPARE(m_room.alice->closeCode(), 1008);
    QVERIFY(m_room.alice->objectsOfType(u"error"_s).size() < 10);

    for (int i = 0; i < 40 && m_room.bob->isConnected(); ++i)
        m_room.bob->fileGet(u"f"_s + QString(32, u'0'), 0);
    QVERIFY(m_room.bob->waitDisconnected());
    QCOMPARE(m_room.bob->closeCode(), 1008);
}

void tst_RoomFiles::hostileChunks_data()
{
    QTest::addColumn<QString>("frame"); // VALID: base64 of the next bytes; BIG: of too many
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("remaining"); // the file's bytes after the 4 that arrived

    const int chunk = fileChunkBytesFor(4096);
    QTest::newRow("wrong offset: ahead")
            << uR"({"type":"file-chunk","id":"f1","offset":10,"data":"VALID"})"_s << u"bad-chunk"_s
            << chunk + 2;
    QTest::newRow("wrong offset: behind")
            << uR"({"type":"file-chunk","id":"f1","offset":0,"data":"VALID"})"_s << u"bad-chunk"_s
            << chunk + 2;
    QTest::newRow("no such upload")
            << uR"({"type":"file-chunk","id":"nope","offset":4,"data":"VALID"})"_s << u"bad-chunk"_s
            << chunk + 2;
    QTest::newRow("bad base64") << uR"({"type":"file-chunk","id":"f1","offset":4,"data":"*VALID"})"_s
                                << u"bad-chunk"_s << chunk + 2;
    QTest::newRow("base64 without padding")
            << uR"({"type":"file-chunk","id":"f1","offset":4,"data":"eHk"})"_s << u"bad-chunk"_s
            << chunk + 2;
    QTest::newRow("empty data") << uR"({"type":"file-chunk","id":"f1","offset":4,"data":""})"_s
                                << u"bad-chunk"_s << chunk + 2;
    QTest::newRow("more bytes than offered")
            << uR"({"type":"file-chunk","id":"f1","offset":4,"data":"BIG"})"_s << u"bad-chunk"_s
            << 10;
    QTest::newRow("larger than fileChunkBytes")
            << uR"({"type":"file-chunk","id":"f1","offset":4,"data":"BIG"})"_s << u"bad-chunk"_s
            << 3 * chunk;
    QTest::newRow("negative offset")
            << uR"({"type":"file-chunk","id":"f1","offset":-1,"data":"VALID"})"_s << u"bad-field"_s
            << chunk + 2;
}

void tst_RoomFiles::hostileChunks()
{
    QFETCH(QString, frame);
    QFETCH(QString, code);
    QFETCH(int, remaining);

    RoomConfig config = testConfig();
    config.maxMessageBytes = 4096;
    QVERIFY(startRoom(config));
    const int chunk = fileChunkBytesFor(4096);
    const QByteArray data = randomBytes(4 + remaining);
    m_room.alice->fileOffer(u"f1"_s, u"a.bin"_s, data.size());
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s)).isEmpty());
    m_room.alice->fileChunk(u"f1"_s, 0, data.left(4));
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-progress"_s, u"f1"_s)).isEmpty());

    // BIG is one byte more than fits: in the file (10 left), or in a chunk.
    const QByteArray big(std::min(remaining, chunk) + 1, 'x');
    // BIG first: random base64 may well contain "BIG" (about one row in seventy), and BIG's own
    // base64 ("eHh4…") never contains "VALID".
    frame.replace(u"BIG"_s, QString::fromLatin1(big.toBase64()));
    frame.replace(u"VALID"_s, QString::fromLatin1(data.mid(4, chunk / 3 * 3).toBase64()));
    m_room.alice->sendText(frame);
    const QJsonObject error = m_room.alice->waitForType(u"error"_s);
    QCOMPARE(error.value(u"code"_s).toString(), code);
    QVERIFY(!error.value(u"id"_s).toString().isEmpty());
    QVERIFY(m_room.alice->isConnected());

    // Nothing of it was taken: the room still has 4 bytes (or, past the size, none: the upload
    // starts over), and the file completes with the right bytes.
    m_room.alice->fileOffer(u"f1"_s, u"a.bin"_s, data.size());
    const qint64 received = m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s))
                                    .value(u"received"_s)
                                    .toInteger();
    QCOMPARE(received, qstrcmp(QTest::currentDataTag(), "more bytes than offered") == 0 ? 0 : 4);
    const QJsonObject ack = m_room.alice->uploadFile(u"f1"_s, u"a.bin"_s, data, chunk);
    QVERIFY(!ack.isEmpty());
    QCOMPARE(m_room.bob->downloadFile(ack.value(u"file"_s).toObject().value(u"key"_s).toString(),
                                      data.size()),
             data);
}

void tst_RoomFiles::hostileOffers_data()
{
    QTest::addColumn<QJsonValue>("name");
    QTest::addColumn<QJsonValue>("size");
    QTest::addColumn<QString>("code");

    const QJsonValue ok = u"a.txt"_s;
    QTest::newRow("size above the limit")
            << ok << QJsonValue(1024 * 1024 + 1) << u"file-too-large"_s;
    QTest::newRow("size far above the limit") << ok << QJsonValue(1e15) << u"file-too-large"_s;
    QTest::newRow("size 0") << ok << QJsonValue(0) << u"bad-field"_s;
    QTest::newRow("size negative") << ok << QJsonValue(-1) << u"bad-field"_s;
    QTest::newRow("size not a number") << ok << QJsonValue(u"5"_s) << u"bad-field"_s;
    QTest::newRow("name with /") << QJsonValue(u"../../.bashrc"_s) << QJsonValue(5)
                                 << u"bad-file-name"_s;
    QTest::newRow("name with \\") << QJsonValue(u"..\\evil.dll"_s) << QJsonValue(5)
                                  << u"bad-file-name"_s;
    QTest::newRow("name ..") << QJsonValue(u".."_s) << QJsonValue(5) << u"bad-file-name"_s;
    QTest::newRow("name .") << QJsonValue(u"."_s) << QJsonValue(5) << u"bad-file-name"_s;
    QTest::newRow("name with a newline")
            << QJsonValue(u"a\nb"_s) << QJsonValue(5) << u"bad-file-name"_s;
    QTest::newRow("name with NUL")
            << QJsonValue(u"a"_s + QChar(0) + u"b"_s) << QJsonValue(5) << u"bad-file-name"_s;
    QTest::newRow("name with U+202E")
            << QJsonValue(u"invoice\u202Efdp.exe"_s) << QJsonValue(5) << u"bad-file-name"_s;
    QTest::newRow("name of 256 bytes")
            << QJsonValue(QString(256, u'a')) << QJsonValue(5) << u"bad-file-name"_s;
    QTest::newRow("name empty") << QJsonValue(QString()) << QJsonValue(5) << u"bad-file-name"_s;
    QTest::newRow("name missing") << QJsonValue(QJsonValue::Undefined) << QJsonValue(5)
                                  << u"bad-field"_s;
}

void tst_RoomFiles::hostileOffers()
{
    QFETCH(QJsonValue, name);
    QFETCH(QJsonValue, size);
    QFETCH(QString, code);

    RoomConfig config = testConfig();
    config.maxFileBytes = 1024 * 1024;
    QVERIFY(startRoom(config));
    QJsonObject offer{{u"type"_s, u"file-offer"_s}, {u"id"_s, u"f1"_s}, {u"size"_s, size}};
    if (!name.isUndefined())
        offer.insert(u"name"_s, name);
    m_room.alice->sendJson(offer);
    const QJsonObject error = m_room.alice->waitFor(errorAbout(u"f1"_s));
    QCOMPARE(error.value(u"code"_s).toString(), code);
    // No upload was started.
    m_room.alice->fileChunk(u"f1"_s, 0, "abcde");
    QCOMPARE(m_room.alice->waitFor(errorAbout(u"f1"_s)).value(u"code"_s).toString(), u"bad-chunk"_s);
    QVERIFY(m_room.alice->objectsOfType(u"file-ready"_s).isEmpty());
    QCOMPARE(m_room.server->files()->uploadCount(), 0);
}

void tst_RoomFiles::roomWithoutFiles()
{
    RoomConfig config = testConfig();
    config.maxFileBytes = 0;
    m_room.server = std::make_unique<RoomServer>(config);
    QVERIFY(m_room.server->listen(QHostAddress::LocalHost, 0));
    QVERIFY(!m_room.server->files());
    m_room.alice = std::make_unique<RichClient>();
    const QJsonObject welcome = m_room.alice->join(url(), u"alice"_s, u"c-alice"_s);
    QCOMPARE(welcome.value(u"limits"_s).toObject().value(u"maxFileBytes"_s).toInteger(-1), 0);
    m_room.alice->fileOffer(u"f1"_s, u"a.txt"_s, 1);
    QCOMPARE(m_room.alice->waitFor(errorAbout(u"f1"_s)).value(u"code"_s).toString(),
             u"file-too-large"_s);
    m_room.alice->fileGet(u"f"_s + QString(32, u'0'), 0);
    QCOMPARE(m_room.alice->waitFor(errorAboutFile(u"f"_s + QString(32, u'0')))
                     .value(u"code"_s)
                     .toString(),
             u"no-file"_s);
    QVERIFY(httpGet(m_room.server->port(), "/files/f" + QByteArray(32, '0'))
                    .startsWith("HTTP/1.1 404"));
}

void tst_RoomFiles::fileGetRefusals()
{
    QVERIFY(startRoom());
    const QJsonObject ack = m_room.alice->uploadFile(u"f1"_s, u"a.txt"_s, "0123456789", Chunk);
    const QString key = ack.value(u"file"_s).toObject().value(u"key"_s).toString();
    QVERIFY(isFileKey(key));

    const QString unknown = u"f"_s + QString(32, u'a');
    m_room.bob->fileGet(unknown, 0);
    QCOMPARE(m_room.bob->waitFor(errorAboutFile(unknown)).value(u"code"_s).toString(), u"no-file"_s);
    m_room.bob->fileGet(u"../room.sqlite"_s, 0);
    QCOMPARE(m_room.bob->waitFor(errorAboutFile(u"../room.sqlite"_s)).value(u"code"_s).toString(),
             u"no-file"_s);
    // Another key in upper case is not this key.
    m_room.bob->fileGet(key.toUpper(), 0);
    QCOMPARE(m_room.bob->waitFor(errorAboutFile(key.toUpper())).value(u"code"_s).toString(),
             u"no-file"_s);

    const auto refusedWith = [&](const QJsonObject &get) {
        m_room.bob->sendJson(get);
        return m_room.bob->waitFor(errorAboutFile(key)).value(u"code"_s).toString();
    };
    const QJsonObject get{{u"type"_s, u"file-get"_s}, {u"key"_s, key}};
    QJsonObject atSize = get;
    atSize.insert(u"offset"_s, 10); // the file has 10 bytes: 0 to 9
    QCOMPARE(refusedWith(atSize), u"bad-field"_s);
    QJsonObject negative = get;
    negative.insert(u"offset"_s, -1);
    QCOMPARE(refusedWith(negative), u"bad-field"_s);
    QJsonObject huge = get;
    huge.insert(u"offset"_s, 1e12);
    QCOMPARE(refusedWith(huge), u"bad-field"_s);
    QJsonObject tooLong = get;
    tooLong.insert(u"offset"_s, 0);
    tooLong.insert(u"length"_s, Chunk + 1);
    QCOMPARE(refusedWith(tooLong), u"bad-field"_s);
    QJsonObject zero = get;
    zero.insert(u"offset"_s, 0);
    zero.insert(u"length"_s, 0);
    QCOMPARE(refusedWith(zero), u"bad-field"_s);
    // And the valid one still works.
    QCOMPARE(m_room.bob->downloadFile(key, 10), QByteArray("0123456789"));
}

void tst_RoomFiles::storeForgetsOldestFilesBySize()
{
    RoomConfig config = testConfig();
    config.maxFileBytes = 1000;
    config.fileStoreBytes = 3000;
    QVERIFY(startRoom(config));
    QStringList keys;
    QList<QByteArray> contents;
    for (int i = 0; i < 4; ++i) {
        contents.append(randomBytes(1000));
        const QJsonObject ack = m_room.alice->uploadFile(u"f%1"_s.arg(i), u"%1.bin"_s.arg(i),
                                                         contents.constLast(), Chunk);
        QVERIFY(!ack.isEmpty());
        keys.append(ack.value(u"file"_s).toObject().value(u"key"_s).toString());
    }
    // The fourth made the first go; the message stays in the history.
    m_room.bob->fileGet(keys.at(0), 0);
    QCOMPARE(m_room.bob->waitFor(errorAboutFile(keys.at(0))).value(u"code"_s).toString(),
             u"no-file"_s);
    for (int i = 1; i < 4; ++i)
        QCOMPARE(m_room.bob->downloadFile(keys.at(i), 1000), contents.at(i));
    QCOMPARE(m_room.server->files()->storedBytes(), 3000);
    QVERIFY(httpGet(m_room.server->port(), "/files/" + keys.at(0).toLatin1())
                    .startsWith("HTTP/1.1 404"));
    RichClient carol;
    const QJsonArray history = carol.join(url(), u"carol"_s).value(u"history"_s).toArray();
    QVERIFY(std::any_of(history.begin(), history.end(), [&](const QJsonValue &v) {
        return v.toObject().value(u"file"_s).toObject().value(u"key"_s) == keys.at(0);
    }));
}

void tst_RoomFiles::storeFullOfUnfinishedUploads()
{
    RoomConfig config = testConfig();
    config.maxFileBytes = 1000;
    config.fileStoreBytes = 2500;
    QVERIFY(startRoom(config));
    const QJsonObject first = m_room.bob->uploadFile(u"b0"_s, u"kept.bin"_s, randomBytes(1000),
                                                     Chunk);
    QVERIFY(!first.isEmpty());
    // Two unfinished uploads reserve 2000 bytes: the complete file is forgotten to make room
    // for the second, and a third cannot be had at any price.
    m_room.alice->fileOffer(u"f1"_s, u"1.bin"_s, 1000);
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f1"_s)).isEmpty());
    m_room.alice->fileOffer(u"f2"_s, u"2.bin"_s, 1000);
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f2"_s)).isEmpty());
    m_room.bob->fileOffer(u"b1"_s, u"3.bin"_s, 1000);
    QCOMPARE(m_room.bob->waitFor(errorAbout(u"b1"_s)).value(u"code"_s).toString(), u"store-full"_s);
    QCOMPARE(m_room.server->files()->fileCount(), 0);
    // A small one still fits.
    QVERIFY(!m_room.bob->uploadFile(u"b2"_s, u"small.bin"_s, randomBytes(400), Chunk).isEmpty());
}

void tst_RoomFiles::retentionForgetsOldFiles()
{
    RoomConfig config = testConfig();
    config.fileRetentionHours = 24;
    QVERIFY(startRoom(config));
    qint64 now = 1700000000000;
    m_room.server->files()->setClock([&now] { return now; });
    const QJsonObject ack = m_room.alice->uploadFile(u"f1"_s, u"old.txt"_s, "old", Chunk);
    const QString key = ack.value(u"file"_s).toObject().value(u"key"_s).toString();
    now += 23 * 3600 * 1000;
    const QJsonObject newer = m_room.alice->uploadFile(u"f2"_s, u"new.txt"_s, "new", Chunk);
    const QString newerKey = newer.value(u"file"_s).toObject().value(u"key"_s).toString();
    QCOMPARE(m_room.bob->downloadFile(key, 3), QByteArray("old"));
    now += 3600 * 1000; // the first is 24 hours old
    m_room.bob->fileGet(key, 0);
    QCOMPARE(m_room.bob->waitFor(errorAboutFile(key)).value(u"code"_s).toString(), u"no-file"_s);
    QVERIFY(httpGet(m_room.server->port(), "/files/" + key.toLatin1()).startsWith("HTTP/1.1 404"));
    QCOMPARE(m_room.bob->downloadFile(newerKey, 3), QByteArray("new"));

    // An unfinished upload goes 10 minutes after its last chunk.
    m_room.alice->fileOffer(u"f3"_s, u"slow.bin"_s, 10);
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f3"_s)).isEmpty());
    m_room.alice->fileChunk(u"f3"_s, 0, "abc");
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-progress"_s, u"f3"_s)).isEmpty());
    now += FileStore::UploadIdleMs - 1;
    m_room.alice->fileOffer(u"f3"_s, u"slow.bin"_s, 10);
    QCOMPARE(m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f3"_s))
                     .value(u"received"_s)
                     .toInteger(),
             3);
    now += FileStore::UploadIdleMs;
    m_room.alice->fileChunk(u"f3"_s, 3, "def");
    QCOMPARE(m_room.alice->waitFor(errorAbout(u"f3"_s)).value(u"code"_s).toString(), u"bad-chunk"_s);
}

void tst_RoomFiles::durableStoreSurvivesARestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RoomConfig config = testConfig();
    config.dataDir = dir.path();
    QVERIFY(startRoom(config));
    const QByteArray data = randomBytes(3 * Chunk + 5, pngHead);
    const QJsonObject ack = m_room.alice->uploadFile(u"f1"_s, u"photo.png"_s, data, Chunk);
    QVERIFY(!ack.isEmpty());
    const QJsonObject file = ack.value(u"file"_s).toObject();
    const QString key = file.value(u"key"_s).toString();
    QVERIFY(QFile::exists(dir.filePath(u"files/"_s + key)));
    // An unfinished upload is in memory only.
    m_room.alice->fileOffer(u"f2"_s, u"half.bin"_s, 100);
    QVERIFY(!m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f2"_s)).isEmpty());
    cleanup();

    // Leftovers of a crash are cleaned up on the way.
    QFile junk(dir.filePath(u"files/"_s + key + u".tmp1234"_s));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("half a write");
    junk.close();

    QVERIFY(startRoom(config));
    QVERIFY(!QFile::exists(junk.fileName()));
    QCOMPARE(m_room.bob->downloadFile(key, data.size()), data);
    const QByteArray http = httpGet(m_room.server->port(), "/files/" + key.toLatin1());
    QVERIFY(http.startsWith("HTTP/1.1 200"));
    QCOMPARE(bodyOf(http), data);
    // The message kept its file object in the log.
    RichClient carol;
    const QJsonArray history = carol.join(url(), u"carol"_s).value(u"history"_s).toArray();
    QVERIFY(std::any_of(history.begin(), history.end(), [&](const QJsonValue &v) {
        return v.toObject().value(u"file"_s).toObject() == file;
    }));
    m_room.alice->fileOffer(u"f2"_s, u"half.bin"_s, 100);
    QCOMPARE(m_room.alice->waitFor(typeAndId(u"file-ready"_s, u"f2"_s))
                     .value(u"received"_s)
                     .toInteger(),
             0);
    // The re-sent offer of the delivered file is acknowledged from the log, after the restart.
    m_room.alice->fileOffer(u"f1"_s, u"photo.png"_s, data.size());
    QCOMPARE(m_room.alice->waitFor(typeAndId(u"message"_s, u"f1"_s)).value(u"file"_s).toObject(),
             file);
}

void tst_RoomFiles::httpServesFilesWithSafeHeaders()
{
    QVERIFY(startRoom());
    const QByteArray png = randomBytes(2 * Chunk + 3, pngHead);
    const QString pngKey = m_room.alice->uploadFile(u"f1"_s, u"사진.png"_s, png, Chunk)
                                   .value(u"file"_s)
                                   .toObject()
                                   .value(u"key"_s)
                                   .toString();
    const QByteArray image = httpGet(m_room.server->port(), "/files/" + pngKey.toLatin1());
    QVERIFY2(image.startsWith("HTTP/1.1 200 OK\r\n"), image.left(200).constData());
    QCOMPARE(headerOf(image, "Content-Type"), QByteArray("image/png"));
    QCOMPARE(headerOf(image, "Content-Length"), QByteArray::number(png.size()));
    QCOMPARE(headerOf(image, "X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(headerOf(image, "Content-Security-Policy"), QByteArray("sandbox"));
    QVERIFY(headerOf(image, "Content-Disposition").startsWith("inline"));
    QCOMPARE(bodyOf(image), png);

    // Anything else is a download, whatever the sender called it, with its name encoded.
    const QByteArray html = "<html><script>alert(1)</script></html>";
    const QString htmlKey = m_room.alice
                                    ->uploadFile(u"f2"_s, u"보고서 \"draft\".html"_s, html, Chunk,
                                                 u"text/html"_s)
                                    .value(u"file"_s)
                                    .toObject()
                                    .value(u"key"_s)
                                    .toString();
    const QByteArray download = httpGet(m_room.server->port(), "/files/" + htmlKey.toLatin1());
    QVERIFY(download.startsWith("HTTP/1.1 200 OK\r\n"));
    QCOMPARE(headerOf(download, "Content-Type"), QByteArray("application/octet-stream"));
    QCOMPARE(
            headerOf(download, "Content-Disposition"),
            QByteArray(
                    "attachment; filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C%20%22draft%22.html"));
    QCOMPARE(headerOf(download, "X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(headerOf(download, "Content-Security-Policy"), QByteArray("sandbox"));
    QCOMPARE(bodyOf(download), html);

    // HEAD: the headers without the body.
    const QByteArray head = httpGet(m_room.server->port(), "/files/" + pngKey.toLatin1(), "HEAD");
    QVERIFY(head.startsWith("HTTP/1.1 200 OK\r\n"));
    QCOMPARE(headerOf(head, "Content-Length"), QByteArray::number(png.size()));
    QVERIFY(bodyOf(head).isEmpty());
    // A query string is ignored.
    QCOMPARE(bodyOf(httpGet(m_room.server->port(), "/files/" + htmlKey.toLatin1() + "?x=1")), html);
}

void tst_RoomFiles::httpRefusesUnknownKeysAndPaths_data()
{
    QTest::addColumn<QByteArray>("path");

    QTest::newRow("unknown key") << QByteArray("/files/f" + QByteArray(32, 'a'));
    QTest::newRow("no key") << QByteArray("/files/");
    QTest::newRow("parent directory") << QByteArray("/files/../room.sqlite");
    QTest::newRow("parent of a key") << QByteArray("/files/KEY/../KEY");
    QTest::newRow("encoded parent") << QByteArray("/files/%2e%2e%2froom.sqlite");
    QTest::newRow("key with a suffix") << QByteArray("/files/KEY.json");
    QTest::newRow("key with a slash") << QByteArray("/files/KEY/");
    QTest::newRow("upper-case key") << QByteArray("/files/UPPERKEY");
    QTest::newRow("absolute path") << QByteArray("/files//etc/passwd");
}

void tst_RoomFiles::httpRefusesUnknownKeysAndPaths()
{
    QFETCH(QByteArray, path);

    QTemporaryDir dir;
    RoomConfig config = testConfig();
    config.dataDir = dir.path();
    QVERIFY(startRoom(config));
    const QString key = m_room.alice->uploadFile(u"f1"_s, u"a.txt"_s, "secret", Chunk)
                                .value(u"file"_s)
                                .toObject()
                                .value(u"key"_s)
                                .toString();
    QVERIFY(isFileKey(key));
    path.replace("UPPERKEY", key.toUpper().toLatin1());
    path.replace("KEY", key.toLatin1());
    const QByteArray response = httpGet(m_room.server->port(), path);
    QVERIFY2(response.startsWith("HTTP/1.1 404"), response.left(100).constData());
    QVERIFY(!response.contains("secret"));
    QCOMPARE(headerOf(response, "X-Content-Type-Options"), QByteArray("nosniff"));
    QVERIFY(headerOf(response, "Content-Security-Policy").startsWith("sandbox"));
}

QTEST_MAIN(tst_RoomFiles)
#include "tst_roomfiles.moc"
