// Files in the client core: ChatSession shares a file (read by chunks, a window of 4), the room
// announces it, another session downloads it; uploads and downloads resume after the connection
// is cut; nothing is overwritten; limits and failures are reported. Real RoomServer on
// 127.0.0.1, a TcpFaultProxy where the network has to fail.

#include "client/chatsession.h"
#include "client/messagemodel.h"
#include "client/transfermodel.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"
#include "tcpfaultproxy.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;

ChatSession::Options sessionOptions(quint16 port, const QString &nick)
{
    ChatSession::Options options;
    options.connection.url = QUrl(u"ws://127.0.0.1:%1"_s.arg(port));
    options.connection.subprotocols = {u"parlor.v1"_s};
    options.connection.pingIntervalMs = 0;
    options.connection.closeTimeoutMs = 500;
    options.connection.backoff.initialMs = 50;
    options.connection.backoff.maxMs = 300;
    options.nick = nick;
    options.clientId = u"files-client-%1"_s.arg(qHash(nick));
    return options;
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(size); // the same bytes every run
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(generator.bounded(256));
    return bytes;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The row of the file line named \a name in \a model; -1 if none.
int rowOfFile(const MessageModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.line(row).file && model.line(row).file->name == name)
            return row;
    }
    return -1;
}

int rowOfText(const MessageModel &model, const QString &text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.line(row).text == text && !model.line(row).file)
            return row;
    }
    return -1;
}

TransferModel::State stateOf(TransferModel *model, int row)
{
    return TransferModel::State(model->index(row).data(TransferModel::StateRole).toInt());
}

/// What the room said in its file messages, as the session received it.
struct FrameLog
{
    explicit FrameLog(ChatSession *session)
    {
        m_connection = QObject::connect(session->connection(),
                                        &ConnectionManager::textMessageReceived, session,
                                        [this](const QString &text) {
                                            const QJsonObject o = QJsonDocument::fromJson(
                                                                          text.toUtf8())
                                                                          .object();
                                            const QString type = o.value(u"type"_s).toString();
                                            if (type.startsWith(u"file-"_s) || type == u"error"_s)
                                                frames.append(o);
                                        });
    }
    ~FrameLog() { QObject::disconnect(m_connection); }
    Q_DISABLE_COPY(FrameLog)

    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &o : frames) {
            if (o.value(u"type"_s).toString() == type)
                out.append(o);
        }
        return out;
    }
    QList<QJsonObject> frames;
    QMetaObject::Connection m_connection;
};

} // namespace

class tst_FileTransfer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void shareFileBetweenTwoSessions();
    void sharedDataKeepsItsType();
    void sayDuringAnUploadArrivesFirst();
    void uploadResumesAfterTheConnectionIsCut();
    void downloadResumesAfterTheConnectionIsCut();
    void downloadNeverOverwrites();
    void destinationAppearingMeanwhileIsKept();
    void roomWithoutFilesTakesNone();
    void tooLargeFails();
    void fileChangedDuringUploadFails();
    void forgottenFileFailsItsDownload();
    void cancelledUploadLeavesNoLine();

private:
    bool startRoom(const RoomConfig &config);
    bool join(ChatSession *session, const QString &nick, quint16 port = 0);

    std::unique_ptr<RoomServer> m_room;
    std::unique_ptr<ChatSession> m_alice;
    std::unique_ptr<ChatSession> m_bob;
};

void tst_FileTransfer::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false\nparlor.client.info=false"_s);
}

void tst_FileTransfer::cleanup()
{
    m_alice.reset();
    m_bob.reset();
    m_room.reset();
}

bool tst_FileTransfer::startRoom(const RoomConfig &base)
{
    RoomConfig config = base;
    config.roomName = u"Files"_s;
    config.messagesPerSecond = 1000;
    m_room = std::make_unique<RoomServer>(config);
    if (!m_room->listen(QHostAddress::LocalHost, 0))
        return false;
    m_alice = std::make_unique<ChatSession>();
    m_bob = std::make_unique<ChatSession>();
    return true;
}

bool tst_FileTransfer::join(ChatSession *session, const QString &nick, quint16 port)
{
    QSignalSpy joined(session, &ChatSession::joined);
    return session->start(sessionOptions(port ? port : m_room->port(), nick))
           && joined.wait(waitMs);
}

void tst_FileTransfer::shareFileBetweenTwoSessions()
{
    QVERIFY(startRoom(RoomConfig()));
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    QVERIFY(m_alice->canShareFiles());
    const int chunk = m_alice->limits().fileChunkBytes;
    QVERIFY(chunk > 0);
    QAbstractItemModelTester tester(m_alice->transfers(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Ten chunks and a bit: more than the window, not a multiple of the chunk size.
    QTemporaryDir dir;
    const QByteArray bytes = randomBytes(10 * chunk + 1234);
    const QString path = writeFile(dir, u"report.bin"_s, bytes);
    QVERIFY(!path.isEmpty());
    QSignalSpy errors(m_alice.get(), &ChatSession::roomError);
    const QString id = m_alice->shareFile(path);
    QVERIFY(!id.isEmpty());

    // At once: an own line, queued, with the file's name and size but no key yet.
    MessageModel &atAlice = *m_alice->messages();
    const int own = atAlice.rowOfId(id);
    QVERIFY(own >= 0);
    QCOMPARE(atAlice.line(own).kind, ChatLine::Kind::Own);
    QVERIFY(atAlice.index(own).data(MessageModel::IsFileRole).toBool());
    QCOMPARE(atAlice.index(own).data(MessageModel::FileNameRole).toString(), u"report.bin"_s);
    QCOMPARE(atAlice.index(own).data(MessageModel::FileSizeRole).toLongLong(), qint64(bytes.size()));
    QVERIFY(atAlice.index(own).data(MessageModel::FileKeyRole).toString().isEmpty());
    const int row = m_alice->transfers()->rowOfUpload(id);
    QVERIFY(row >= 0);
    QCOMPARE(m_alice->transfers()->index(row).data(TransferModel::PathRole).toString(), path);

    // Acknowledged: delivered, with the room's key.
    QTRY_COMPARE_WITH_TIMEOUT(atAlice.line(atAlice.rowOfId(id)).delivery,
                              ChatLine::Delivery::Delivered, waitMs);
    const QString key = atAlice.index(atAlice.rowOfId(id)).data(MessageModel::FileKeyRole).toString();
    QVERIFY(key.startsWith(u'f'));
    QCOMPARE(key.size(), 33);
    QCOMPARE(stateOf(m_alice->transfers(), row), TransferModel::State::Done);
    QCOMPARE(m_alice->transfers()->index(row).data(TransferModel::DoneRole).toLongLong(),
             qint64(bytes.size()));
    QCOMPARE(m_alice->pendingCount(), 0);
    // The window kept the room from ever refusing a chunk.
    QVERIFY2(errors.isEmpty(),
             qPrintable(errors.isEmpty() ? QString() : errors.first().at(1).toString()));

    // bob sees it and fetches it.
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(atBob, u"report.bin"_s) >= 0, waitMs);
    const QModelIndex line = atBob.index(rowOfFile(atBob, u"report.bin"_s));
    QCOMPARE(line.data(MessageModel::FileKeyRole).toString(), key);
    QCOMPARE(line.data(MessageModel::SenderRole).toString(), u"alice"_s);
    QCOMPARE(line.data(MessageModel::FileMimeRole).toString(), u"application/octet-stream"_s);
    QVERIFY(line.data(Qt::AccessibleTextRole).toString().contains(u"shared the file report.bin"_s));

    QSignalSpy saved(m_bob.get(), &ChatSession::fileSaved);
    const QString destination = dir.filePath(u"saved.bin"_s);
    QVERIFY(m_bob->download(key, destination));
    QVERIFY(!m_bob->download(key, dir.filePath(u"again.bin"_s))); // already on its way
    QVERIFY(saved.wait(waitMs));
    QCOMPARE(saved.first().at(0).toString(), key);
    QCOMPARE(saved.first().at(1).toString(), destination);
    QCOMPARE(readFile(destination), bytes);
    QVERIFY(!QFile::exists(destination + u".part"_s));
    const int down = m_bob->transfers()->rowOfDownload(key);
    QCOMPARE(stateOf(m_bob->transfers(), down), TransferModel::State::Done);
    QCOMPARE(m_bob->transfers()->index(down).data(TransferModel::DirectionRole).toInt(),
             int(TransferModel::Direction::Download));
}

void tst_FileTransfer::sharedDataKeepsItsType()
{
    QVERIFY(startRoom(RoomConfig()));
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    // A pasted picture: only its bytes, a made-up name; the room sees the PNG signature.
    QByteArray png = QByteArray::fromHex("89504e470d0a1a0a") + randomBytes(5000);
    const QString id = m_alice->shareData(u"pasted image.png"_s, png, u"image/png"_s);
    QVERIFY(!id.isEmpty());
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(atBob, u"pasted image.png"_s) >= 0, waitMs);
    const ChatLine &line = atBob.line(rowOfFile(atBob, u"pasted image.png"_s));
    QCOMPARE(line.file->mime, u"image/png"_s);
    QCOMPARE(line.file->size, qint64(png.size()));
    QTemporaryDir dir;
    QSignalSpy saved(m_bob.get(), &ChatSession::fileSaved);
    QVERIFY(m_bob->download(line.file->key, dir.filePath(u"p.png"_s)));
    QVERIFY(saved.wait(waitMs));
    QCOMPARE(readFile(dir.filePath(u"p.png"_s)), png);
}

void tst_FileTransfer::sayDuringAnUploadArrivesFirst()
{
    RoomConfig config;
    config.fileBytesPerSecond = 256 * 1024; // a slow room: the upload takes a while
    QVERIFY(startRoom(config));
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    QSignalSpy errors(m_alice.get(), &ChatSession::roomError);
    QTemporaryDir dir;
    const QByteArray bytes = randomBytes(768 * 1024);
    const QString id = m_alice->shareFile(writeFile(dir, u"big.bin"_s, bytes));
    QVERIFY(!id.isEmpty());
    const int row = m_alice->transfers()->rowOfUpload(id);
    TransferModel *transfers = m_alice->transfers();
    QTRY_VERIFY_WITH_TIMEOUT(transfers->index(row).data(TransferModel::DoneRole).toLongLong() > 0,
                             waitMs);

    m_alice->send(u"while it uploads"_s);
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(atBob, u"while it uploads"_s) >= 0, waitMs);
    // The say did not wait for the file: it is there, the file not yet.
    QCOMPARE(rowOfFile(atBob, u"big.bin"_s), -1);
    QVERIFY(transfers->index(row).data(TransferModel::DoneRole).toLongLong() < bytes.size());
    QCOMPARE(stateOf(transfers, row), TransferModel::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(atBob, u"big.bin"_s) >= 0, 3 * waitMs);
    QVERIFY(rowOfText(atBob, u"while it uploads"_s) < rowOfFile(atBob, u"big.bin"_s));
    // A slow room reports progress slowly: the window kept the chunks within what it takes
    // (more than 8 unreported are refused as rate-limited).
    QVERIFY2(errors.isEmpty(),
             qPrintable(errors.isEmpty() ? QString() : errors.first().at(1).toString()));
}

void tst_FileTransfer::uploadResumesAfterTheConnectionIsCut()
{
    RoomConfig config;
    config.fileBytesPerSecond = 256 * 1024;
    QVERIFY(startRoom(config));
    TcpFaultProxy proxy(m_room->port());
    QVERIFY(proxy.listen());
    QVERIFY(join(m_alice.get(), u"alice"_s, proxy.port()));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    FrameLog log(m_alice.get());

    QTemporaryDir dir;
    const QByteArray bytes = randomBytes(1024 * 1024 + 77);
    const QString id = m_alice->shareFile(writeFile(dir, u"resumed.bin"_s, bytes));
    TransferModel *transfers = m_alice->transfers();
    const int row = transfers->rowOfUpload(id);
    QTRY_VERIFY_WITH_TIMEOUT(transfers->index(row).data(TransferModel::DoneRole).toLongLong()
                                     > bytes.size() / 4,
                             waitMs);

    QSignalSpy joined(m_alice.get(), &ChatSession::joined);
    proxy.dropAll();
    QVERIFY(joined.wait(waitMs));
    QTRY_COMPARE_WITH_TIMEOUT(m_alice->messages()->line(m_alice->messages()->rowOfId(id)).delivery,
                              ChatLine::Delivery::Delivered, 3 * waitMs);

    // The room said where to go on, and it was not the start.
    const QList<QJsonObject> ready = log.ofType(u"file-ready"_s);
    QCOMPARE(ready.size(), 2);
    QCOMPARE(ready.at(0).value(u"received"_s).toInteger(), 0);
    QVERIFY(ready.at(1).value(u"received"_s).toInteger() > bytes.size() / 4);
    QVERIFY(log.ofType(u"error"_s).isEmpty());
    QCOMPARE(stateOf(transfers, row), TransferModel::State::Done);

    // And the bytes are the file's.
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(atBob, u"resumed.bin"_s) >= 0, waitMs);
    QSignalSpy saved(m_bob.get(), &ChatSession::fileSaved);
    QVERIFY(m_bob->download(atBob.line(rowOfFile(atBob, u"resumed.bin"_s)).file->key,
                            dir.filePath(u"out.bin"_s)));
    QVERIFY(saved.wait(3 * waitMs));
    QCOMPARE(readFile(dir.filePath(u"out.bin"_s)), bytes);
}

void tst_FileTransfer::downloadResumesAfterTheConnectionIsCut()
{
    RoomConfig config;
    config.fileBytesPerSecond = 256 * 1024;
    QVERIFY(startRoom(config));
    TcpFaultProxy proxy(m_room->port());
    QVERIFY(proxy.listen());
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s, proxy.port()));

    QTemporaryDir dir;
    const QByteArray bytes = randomBytes(1024 * 1024 + 5);
    // Shared as data: the upload's own pace does not matter here.
    QVERIFY(!m_alice->shareData(u"down.bin"_s, bytes, u"application/octet-stream"_s).isEmpty());
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(atBob, u"down.bin"_s) >= 0, 3 * waitMs);
    const QString key = atBob.line(rowOfFile(atBob, u"down.bin"_s)).file->key;

    FrameLog log(m_bob.get());
    const QString destination = dir.filePath(u"down.bin"_s);
    QVERIFY(m_bob->download(key, destination));
    TransferModel *transfers = m_bob->transfers();
    const int row = transfers->rowOfDownload(key);
    QTRY_VERIFY_WITH_TIMEOUT(transfers->index(row).data(TransferModel::DoneRole).toLongLong()
                                     > bytes.size() / 4,
                             waitMs);
    QSignalSpy joined(m_bob.get(), &ChatSession::joined);
    const int before = int(log.ofType(u"file-data"_s).size());
    proxy.dropAll();
    QVERIFY(joined.wait(waitMs));
    QSignalSpy saved(m_bob.get(), &ChatSession::fileSaved);
    QVERIFY(saved.wait(3 * waitMs));
    QCOMPARE(readFile(destination), bytes);

    // After the cut it asked from what it had, not from 0.
    const QList<QJsonObject> data = log.ofType(u"file-data"_s);
    QVERIFY(data.size() > before);
    qint64 firstAfter = -1;
    for (int i = before; i < data.size(); ++i) {
        const qint64 offset = data.at(i).value(u"offset"_s).toInteger();
        if (i == before || offset < firstAfter)
            firstAfter = offset;
    }
    QVERIFY2(firstAfter > bytes.size() / 4, qPrintable(QString::number(firstAfter)));
}

void tst_FileTransfer::downloadNeverOverwrites()
{
    QVERIFY(startRoom(RoomConfig()));
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    const QByteArray bytes = randomBytes(3000);
    QVERIFY(!m_alice->shareData(u"mine.txt"_s, bytes, u"text/plain"_s).isEmpty());
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(atBob, u"mine.txt"_s) >= 0, waitMs);
    const QString key = atBob.line(rowOfFile(atBob, u"mine.txt"_s)).file->key;

    QTemporaryDir dir;
    const QString existing = writeFile(dir, u"mine.txt"_s, "precious");
    QVERIFY(!m_bob->download(key, existing));
    QVERIFY(!m_bob->download(key, existing, false));
    QCOMPARE(readFile(existing), QByteArray("precious"));
    QVERIFY(!QFile::exists(existing + u".part"_s));
    // A folder that is not there, and a key nobody shared, are refused too.
    QVERIFY(!m_bob->download(key, dir.filePath(u"no/such/folder/x.txt"_s)));
    QVERIFY(!m_bob->download(u"f00000000000000000000000000000000"_s, dir.filePath(u"y"_s)));
    QCOMPARE(m_bob->transfers()->rowCount(), 0);

    // Asked to overwrite (the user said yes): it does.
    QSignalSpy saved(m_bob.get(), &ChatSession::fileSaved);
    QVERIFY(m_bob->download(key, existing, true));
    QVERIFY(saved.wait(waitMs));
    QCOMPARE(readFile(existing), bytes);
}

void tst_FileTransfer::destinationAppearingMeanwhileIsKept()
{
    RoomConfig config;
    config.fileBytesPerSecond = 256 * 1024; // the download takes a while
    QVERIFY(startRoom(config));
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    QVERIFY(!m_alice->shareData(u"slow.bin"_s, randomBytes(512 * 1024), u"a/b"_s).isEmpty());
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(atBob, u"slow.bin"_s) >= 0, 3 * waitMs);
    const QString key = atBob.line(rowOfFile(atBob, u"slow.bin"_s)).file->key;

    QTemporaryDir dir;
    const QString destination = dir.filePath(u"slow.bin"_s);
    QSignalSpy failed(m_bob.get(), &ChatSession::transferFailed);
    QVERIFY(m_bob->download(key, destination));
    const int row = m_bob->transfers()->rowOfDownload(key);
    QTRY_VERIFY_WITH_TIMEOUT(m_bob->transfers()->index(row).data(TransferModel::DoneRole).toLongLong()
                                     > 0,
                             waitMs);
    // Someone else writes a file of that name while the bytes come: it is not replaced.
    QVERIFY(!writeFile(dir, u"slow.bin"_s, "written meanwhile").isEmpty());
    QVERIFY(failed.wait(3 * waitMs));
    QCOMPARE(failed.first().at(0).toString(), key);
    QCOMPARE(m_bob->transfers()->index(row).data(TransferModel::ErrorRole).toString(), u"exists"_s);
    QCOMPARE(readFile(destination), QByteArray("written meanwhile"));
    QVERIFY(!QFile::exists(destination + u".part"_s));
}

void tst_FileTransfer::roomWithoutFilesTakesNone()
{
    RoomConfig config;
    config.maxFileBytes = 0;
    QVERIFY(startRoom(config));
    QVERIFY(!m_alice->canShareFiles()); // not joined
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QCOMPARE(m_alice->limits().maxFileBytes, qint64(0));
    QVERIFY(!m_alice->canShareFiles());
    QSignalSpy failed(m_alice.get(), &ChatSession::transferFailed);
    QTemporaryDir dir;
    const int rows = m_alice->messages()->rowCount();
    QCOMPARE(m_alice->shareFile(writeFile(dir, u"a.txt"_s, "abc")), QString());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toString(), QString());
    // Said as what it is: this room takes no files at all (not "too large").
    QCOMPARE(failed.first().at(1).toString(), TransferModel::errorText(u"no-files"_s));
    QCOMPARE(m_alice->messages()->rowCount(), rows); // nothing shown, nothing sent
    QCOMPARE(m_alice->transfers()->rowCount(), 0);
}

void tst_FileTransfer::tooLargeFails()
{
    RoomConfig config;
    config.maxFileBytes = 4000;
    QVERIFY(startRoom(config));

    // Shared before the room's limits are known: it fails once they are.
    const QString early = m_alice->shareData(u"early.bin"_s, randomBytes(4001), u"a/b"_s);
    QVERIFY(!early.isEmpty());
    QSignalSpy failed(m_alice.get(), &ChatSession::transferFailed);
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, waitMs);
    QCOMPARE(failed.first().at(0).toString(), early);
    const int row = m_alice->transfers()->rowOfUpload(early);
    QCOMPARE(stateOf(m_alice->transfers(), row), TransferModel::State::Failed);
    QCOMPARE(m_alice->transfers()->index(row).data(TransferModel::ErrorRole).toString(),
             u"too-large"_s);
    const ChatLine &line = m_alice->messages()->line(m_alice->messages()->rowOfId(early));
    QCOMPARE(line.delivery, ChatLine::Delivery::Failed);
    QVERIFY(!line.error.isEmpty());

    // Once joined: refused at once. One byte less is fine.
    QTemporaryDir dir;
    QCOMPARE(m_alice->shareFile(writeFile(dir, u"big.bin"_s, randomBytes(4001))), QString());
    QCOMPARE(failed.size(), 2);
    const QString fits = m_alice->shareFile(writeFile(dir, u"fits.bin"_s, randomBytes(4000)));
    QVERIFY(!fits.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_alice->messages()->line(m_alice->messages()->rowOfId(fits)).delivery,
                              ChatLine::Delivery::Delivered, waitMs);
    // Empty and unreadable files are refused too.
    QCOMPARE(m_alice->shareFile(writeFile(dir, u"empty"_s, {})), QString());
    QCOMPARE(m_alice->shareFile(dir.filePath(u"not-there"_s)), QString());
    QCOMPARE(failed.size(), 4);
}

void tst_FileTransfer::fileChangedDuringUploadFails()
{
    RoomConfig config;
    config.fileBytesPerSecond = 128 * 1024;
    QVERIFY(startRoom(config));
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QTemporaryDir dir;
    const QString path = writeFile(dir, u"growing.log"_s, randomBytes(512 * 1024));
    const QString id = m_alice->shareFile(path);
    TransferModel *transfers = m_alice->transfers();
    const int row = transfers->rowOfUpload(id);
    QTRY_VERIFY_WITH_TIMEOUT(transfers->index(row).data(TransferModel::DoneRole).toLongLong() > 0,
                             waitMs);
    QSignalSpy failed(m_alice.get(), &ChatSession::transferFailed);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("more lines\n");
    }
    QVERIFY(failed.wait(waitMs));
    QCOMPARE(failed.first().at(0).toString(), id);
    QCOMPARE(stateOf(transfers, row), TransferModel::State::Failed);
    QCOMPARE(transfers->index(row).data(TransferModel::ErrorRole).toString(), u"file-changed"_s);
    QCOMPARE(m_alice->messages()->line(m_alice->messages()->rowOfId(id)).delivery,
             ChatLine::Delivery::Failed);
    QCOMPARE(m_alice->pendingCount(), 0);
}

void tst_FileTransfer::forgottenFileFailsItsDownload()
{
    // A store that holds one file: the second forgets the first.
    RoomConfig config;
    config.maxFileBytes = 10000;
    config.fileStoreBytes = 10000;
    QVERIFY(startRoom(config));
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    QVERIFY(!m_alice->shareData(u"first.bin"_s, randomBytes(8000), u"a/b"_s).isEmpty());
    MessageModel &atBob = *m_bob->messages();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(atBob, u"first.bin"_s) >= 0, waitMs);
    QVERIFY(!m_alice->shareData(u"second.bin"_s, randomBytes(8000), u"a/b"_s).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(atBob, u"second.bin"_s) >= 0, waitMs);

    const QString key = atBob.line(rowOfFile(atBob, u"first.bin"_s)).file->key;
    QTemporaryDir dir;
    QSignalSpy failed(m_bob.get(), &ChatSession::transferFailed);
    QVERIFY(m_bob->download(key, dir.filePath(u"first.bin"_s)));
    QVERIFY(failed.wait(waitMs));
    QCOMPARE(failed.first().at(0).toString(), key);
    const int row = m_bob->transfers()->rowOfDownload(key);
    QCOMPARE(stateOf(m_bob->transfers(), row), TransferModel::State::Failed);
    QCOMPARE(m_bob->transfers()->index(row).data(TransferModel::ErrorRole).toString(), u"no-file"_s);
    QVERIFY(!QFile::exists(dir.filePath(u"first.bin"_s)));
    QVERIFY(!QFile::exists(dir.filePath(u"first.bin.part"_s)));
}

void tst_FileTransfer::cancelledUploadLeavesNoLine()
{
    RoomConfig config;
    config.fileBytesPerSecond = 128 * 1024;
    QVERIFY(startRoom(config));
    QVERIFY(join(m_alice.get(), u"alice"_s));
    QVERIFY(join(m_bob.get(), u"bob"_s));
    QTemporaryDir dir;
    const QString id = m_alice->shareFile(writeFile(dir, u"never.bin"_s, randomBytes(512 * 1024)));
    TransferModel *transfers = m_alice->transfers();
    const int row = transfers->rowOfUpload(id);
    QTRY_VERIFY_WITH_TIMEOUT(transfers->index(row).data(TransferModel::DoneRole).toLongLong() > 0,
                             waitMs);
    QSignalSpy drained(m_alice.get(), &ChatSession::outboxDrained);
    m_alice->cancelTransfer(id);
    QCOMPARE(stateOf(transfers, row), TransferModel::State::Cancelled);
    QVERIFY(!m_alice->messages()->containsId(id));
    QVERIFY(!drained.isEmpty());
    // The room never announces it: a say after it arrives, the file does not.
    m_alice->send(u"after"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(*m_bob->messages(), u"after"_s) >= 0, waitMs);
    QCOMPARE(rowOfFile(*m_bob->messages(), u"never.bin"_s), -1);
}

QTEST_GUILESS_MAIN(tst_FileTransfer)
#include "tst_filetransfer.moc"
