// Interop: files through the real parlor-cli binary against an in-process room on 127.0.0.1.
// `/share PATH` uploads a file (another member downloads the same bytes) and the input ending
// waits for the room to announce it; a file someone shares is printed as `[file] NAME (SIZE)`,
// and in --json carries the file object; a file that cannot be shared says why and exits 3.

#include "childprocess.h"
#include "testsupport.h"

#include "client/chatsession.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
    options.nick = nick;
    options.clientId = u"cli-files-%1"_s.arg(nick);
    return options;
}

QByteArray patternBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        bytes[i] = char((i * 131 + 7) & 0xff);
    return bytes;
}

int rowOfFile(const MessageModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.line(row).file && model.line(row).file->name == name)
            return row;
    }
    return -1;
}

} // namespace

class tst_CliFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void shareUploadsAndWaitsForTheRoom();
    void sharedFilesArePrinted();
    void refusedShareSaysWhy();

private:
    bool startRoom(RoomConfig config = {});
    std::unique_ptr<RoomServer> m_room;
};

void tst_CliFiles::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false\nparlor.client.info=false"_s);
}

bool tst_CliFiles::startRoom(RoomConfig config)
{
    config.roomName = u"Cli files"_s;
    m_room = std::make_unique<RoomServer>(config);
    return m_room->listen(QHostAddress::LocalHost, 0);
}

void tst_CliFiles::shareUploadsAndWaitsForTheRoom()
{
    QVERIFY(startRoom());
    ChatSession alice;
    QSignalSpy joined(&alice, &ChatSession::joined);
    QVERIFY(alice.start(sessionOptions(m_room->port(), u"alice"_s)));
    QVERIFY(joined.wait(waitMs));

    QTemporaryDir dir;
    const QByteArray bytes = patternBytes(100 * 1000 + 3); // several chunks
    const QString path = dir.filePath(u"notes 1.bin"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    ChildProcess cli(u"parlor-cli"_s, TestSupport::cliBinary(),
                     {u"ws://127.0.0.1:%1"_s.arg(m_room->port()), u"--nick"_s, u"bob"_s});
    cli.writeLine(u"/share "_s + path);
    // The input ends at once: the client still waits for the room to announce the file.
    cli.process().closeWriteChannel();
    QVERIFY2(cli.waitForMatch(QProcess::StandardOutput,
                              QRegularExpression(
                                      u"\\[\\d\\d:\\d\\d\\] bob: \\[file\\] notes 1\\.bin "
                                      "\\(97\\.7 [kK]B\\)\\n"_s),
                              waitMs)
                     .hasMatch(),
             cli.transcript().constData());
    QVERIFY2(cli.waitForExit(waitMs), cli.transcript().constData());
    QCOMPARE(cli.process().exitCode(), 0);

    // alice has it, and its bytes are the file's.
    QTRY_VERIFY_WITH_TIMEOUT(rowOfFile(*alice.messages(), u"notes 1.bin"_s) >= 0, waitMs);
    const ChatLine &line = alice.messages()->line(rowOfFile(*alice.messages(), u"notes 1.bin"_s));
    QCOMPARE(line.sender, u"bob"_s);
    QSignalSpy saved(&alice, &ChatSession::fileSaved);
    QVERIFY(alice.download(line.file->key, dir.filePath(u"copy"_s)));
    QVERIFY(saved.wait(waitMs));
    QFile copy(dir.filePath(u"copy"_s));
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), bytes);
}

void tst_CliFiles::sharedFilesArePrinted()
{
    QVERIFY(startRoom());
    const QString url = u"ws://127.0.0.1:%1"_s.arg(m_room->port());
    ChildProcess text(u"parlor-cli"_s, TestSupport::cliBinary(), {url, u"--nick"_s, u"bob"_s});
    ChildProcess json(u"parlor-cli --json"_s, TestSupport::cliBinary(),
                      {url, u"--nick"_s, u"carol"_s, u"--json"_s});
    QVERIFY(text.waitForMatch(QProcess::StandardOutput, QRegularExpression(u"joined .* as bob"_s),
                              waitMs)
                    .hasMatch());
    QVERIFY(json.waitForMatch(QProcess::StandardOutput, QRegularExpression(u"\"joined\""_s), waitMs)
                    .hasMatch());

    ChatSession alice;
    QSignalSpy joined(&alice, &ChatSession::joined);
    QVERIFY(alice.start(sessionOptions(m_room->port(), u"alice"_s)));
    QVERIFY(joined.wait(waitMs));
    const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a") + patternBytes(5000);
    const QString id = alice.shareData(u"사진.png"_s, png, u"image/png"_s);
    QVERIFY(!id.isEmpty());

    QVERIFY2(text.waitForMatch(QProcess::StandardOutput,
                               QRegularExpression(
                                       u"\\[\\d\\d:\\d\\d\\] alice: \\[file\\] 사진\\.png "
                                       "\\(4\\.9 [kK]B\\)\\n"_s),
                               waitMs)
                     .hasMatch(),
             text.transcript().constData());
    QJsonObject message;
    QVERIFY2(json.waitUntil(
                     [&] {
                         for (const QJsonObject &o : json.jsonLines()) {
                             if (o.value(u"id"_s) == id)
                                 message = o;
                         }
                         return !message.isEmpty();
                     },
                     waitMs),
             json.transcript().constData());
    QCOMPARE(message.value(u"event"_s).toString(), u"message"_s);
    QCOMPARE(message.value(u"text"_s).toString(), u"사진.png"_s);
    const QJsonObject file = message.value(u"file"_s).toObject();
    QCOMPARE(file.value(u"name"_s).toString(), u"사진.png"_s);
    QCOMPARE(file.value(u"size"_s).toInteger(), png.size());
    QCOMPARE(file.value(u"mime"_s).toString(), u"image/png"_s);
    QVERIFY(QRegularExpression(u"^f[0-9a-f]{32}$"_s)
                    .match(file.value(u"key"_s).toString())
                    .hasMatch());
}

void tst_CliFiles::refusedShareSaysWhy()
{
    RoomConfig config;
    config.maxFileBytes = 1000;
    QVERIFY(startRoom(config));
    QTemporaryDir dir;
    const QString big = dir.filePath(u"big.bin"_s);
    {
        QFile file(big);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(patternBytes(1001));
    }
    ChildProcess cli(u"parlor-cli"_s, TestSupport::cliBinary(),
                     {u"ws://127.0.0.1:%1"_s.arg(m_room->port()), u"--nick"_s, u"bob"_s});
    QVERIFY(cli.waitForMatch(QProcess::StandardOutput, QRegularExpression(u"joined .* as bob"_s),
                             waitMs)
                    .hasMatch());
    cli.writeLine(u"/share "_s + big);
    QVERIFY2(cli.waitForMatch(QProcess::StandardOutput,
                              QRegularExpression(u"\\* file not shared: the file is too large"_s),
                              waitMs)
                     .hasMatch(),
             cli.transcript().constData());
    cli.writeLine(u"/share "_s + dir.filePath(u"missing"_s));
    QVERIFY2(cli.waitForMatch(QProcess::StandardOutput,
                              QRegularExpression(u"\\* file not shared: the file cannot be read"_s),
                              waitMs)
                     .hasMatch(),
             cli.transcript().constData());
    cli.writeLine(u"/share"_s); // no path: sent as text, as before
    cli.writeLine(u"/share "_s);
    QVERIFY2(cli.waitForMatch(QProcess::StandardOutput,
                              QRegularExpression(u"\\* usage: /share PATH"_s), waitMs)
                     .hasMatch(),
             cli.transcript().constData());
    cli.process().closeWriteChannel();
    QVERIFY(cli.waitForExit(waitMs));
    QCOMPARE(cli.process().exitCode(), 3); // a file it was asked to share was not shared
}

QTEST_GUILESS_MAIN(tst_CliFiles)
#include "tst_clifiles.moc"
