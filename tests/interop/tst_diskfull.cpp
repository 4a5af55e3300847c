// A full disk, for real: parlor-server keeps its room log (--data-dir) on a small tmpfs that a
// ballast file fills, parlor-cli clients write until the disk is full, and then:
//   - the room refuses further messages with `error not-stored` (carrying the say's id);
//   - the server does not crash, and nobody receives a refused message;
//   - once the ballast is deleted it takes messages again;
//   - killed (SIGKILL) and started again on the same directory, its history holds every message
//     it had acknowledged, each once.
//
// Needs root for mount(8) (CI runs as root). A tmpfs that cannot be mounted fails the test: it
// must not pass by testing nothing. No sleeps: every wait is on output, a message or an exit.

#include "richclient.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

constexpr int waitMs = 20000;
constexpr int clients = 3;
constexpr int linesPerClient = 40;
constexpr int lineLength = 3000;          // characters, under the room's 4000
constexpr qint64 roomToFill = 256 * 1024; // left free after the ballast

QString lineText(int client, int n)
{
    const QString head = QStringLiteral("c%1 line %2 ").arg(client).arg(n, 2, 10, QLatin1Char('0'));
    return head + QString(lineLength - head.size(), QLatin1Char('a' + client));
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

bool run(const QString &program, const QStringList &arguments, QString *output = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    const bool ok = p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit
                    && p.exitCode() == 0;
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return ok;
}

} // namespace

class tst_DiskFull : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void fullDiskRefusesLosesNothingAndRecovers();

private:
    QTemporaryDir m_dir;
    QString m_mount;
    bool m_mounted = false;
};

void tst_DiskFull::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_mount = m_dir.filePath(QStringLiteral("tmpfs"));
    QVERIFY(QDir().mkpath(m_mount));
    QString output;
    m_mounted = run(QStringLiteral("mount"),
                    {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                     QStringLiteral("size=4m"), QStringLiteral("tmpfs"), m_mount},
                    &output);
    QVERIFY2(m_mounted,
             qPrintable(QStringLiteral("cannot mount a tmpfs at %1 (this test needs root): %2")
                                .arg(m_mount, output.trimmed())));
    QCOMPARE(QStorageInfo(m_mount).fileSystemType(), QByteArray("tmpfs"));
}

void tst_DiskFull::cleanupTestCase()
{
    if (m_mounted)
        QVERIFY(run(QStringLiteral("umount"), {m_mount}));
}

void tst_DiskFull::fullDiskRefusesLosesNothingAndRecovers()
{
    const QString dataDir = m_mount + QStringLiteral("/room");
    const QStringList serverArguments = ServerProcess::localArguments(0)
                                        + QStringList{QStringLiteral("--data-dir"),
                                                      dataDir,
                                                      QStringLiteral("--history"),
                                                      QStringLiteral("10000"),
                                                      QStringLiteral("--rate"),
                                                      QStringLiteral("200")};
    auto server = std::make_unique<ServerProcess>(serverArguments);
    QVERIFY2(server->waitForPort(), server->transcript().constData());
    const QUrl url = server->url();

    // Fill the disk with ballast, then give back a little: the room has roomToFill bytes left.
    const QString ballastPath = m_mount + QStringLiteral("/ballast");
    {
        QFile ballast(ballastPath);
        QVERIFY(ballast.open(QIODevice::WriteOnly));
        const QByteArray chunk(64 * 1024, 'b');
        while (ballast.write(chunk) == chunk.size() && ballast.flush()) {
        }
        ballast.close();
        QVERIFY(QStorageInfo(m_mount).bytesAvailable() < 64 * 1024);
        QVERIFY(ballast.resize(ballast.size() > roomToFill ? ballast.size() - roomToFill : 0));
    }

    // A witness in the room: it must never receive a message the room refused.
    RichClient witness;
    QVERIFY(!witness.join(url, QStringLiteral("witness"), QStringLiteral("witness-id")).isEmpty());

    // Writers: more than the disk holds.
    std::vector<std::unique_ptr<ChildProcess>> writers;
    for (int c = 0; c < clients; ++c) {
        writers.push_back(
                std::make_unique<ChildProcess>(QStringLiteral("c%1").arg(c),
                                               TestSupport::cliBinary(),
                                               QStringList{url.toString(), QStringLiteral("--nick"),
                                                           QStringLiteral("c%1").arg(c),
                                                           QStringLiteral("--json")}));
    }
    // All in the room before the disk fills (an arrival is an event the log must store too).
    for (auto &w : writers) {
        QVERIFY2(w->waitUntil(
                         [&] {
                             const auto &events = w->jsonLines();
                             return std::any_of(events.cbegin(), events.cend(),
                                                [](const QJsonObject &e) {
                                                    return str(e, "event")
                                                           == QLatin1String("joined");
                                                });
                         },
                         waitMs),
                 w->transcript().constData());
    }
    // A few lines each that the disk surely holds, confirmed, then the flood. (The room commits
    // what arrives together in one transaction: a flood could otherwise be refused as a whole.)
    constexpr int linesThatFit = 5;
    const auto deliveredCount = [](ChildProcess &w) {
        const auto &events = w.jsonLines();
        return std::count_if(events.cbegin(), events.cend(), [](const QJsonObject &e) {
            return str(e, "event") == QLatin1String("delivery")
                   && str(e, "state") == QLatin1String("delivered");
        });
    };
    for (int c = 0; c < clients; ++c) {
        for (int n = 0; n < linesThatFit; ++n)
            writers[size_t(c)]->writeLine(lineText(c, n));
    }
    for (auto &w : writers) {
        QVERIFY2(w->waitUntil([&] { return deliveredCount(*w) == linesThatFit; }, waitMs),
                 w->transcript().constData());
    }
    for (int c = 0; c < clients; ++c) {
        for (int n = linesThatFit; n < linesPerClient; ++n)
            writers[size_t(c)]->writeLine(lineText(c, n));
        writers[size_t(c)]->process().closeWriteChannel();
    }
    // Each ends once every line was confirmed or refused: with 3, as some were refused.
    QHash<QString, QString> acknowledged; // id -> text
    int refused = 0;
    for (auto &w : writers) {
        QVERIFY2(w->waitForExit(60000), w->transcript().constData());
        QHash<QString, QString> textById;
        int refusedHere = 0;
        for (const QJsonObject &e : w->jsonLines()) {
            if (str(e, "event") == QLatin1String("message")
                && e.value(QLatin1String("own")).toBool())
                textById.insert(str(e, "id"), str(e, "text"));
            if (str(e, "event") != QLatin1String("delivery"))
                continue;
            if (str(e, "state") == QLatin1String("delivered")) {
                QVERIFY2(!acknowledged.contains(str(e, "id")), qPrintable(str(e, "id")));
                acknowledged.insert(str(e, "id"), textById.value(str(e, "id")));
            } else if (str(e, "state") == QLatin1String("failed")) {
                QVERIFY2(str(e, "error").contains(QLatin1String("could not store")),
                         qPrintable(str(e, "error")));
                ++refusedHere;
            }
        }
        refused += refusedHere;
        QCOMPARE(w->process().exitCode(), refusedHere > 0 ? 3 : 0);
    }
    qInfo("%d lines acknowledged, %d refused", int(acknowledged.size()), refused);
    QVERIFY2(refused > 0, "the disk never filled up");
    QVERIFY2(acknowledged.size() > 0, "nothing was stored before the disk filled up");
    QCOMPARE(acknowledged.size() + refused, clients * linesPerClient);
    QVERIFY2(server->isRunning(), server->transcript().constData());

    // What the refusals left free is filled too: from here on the disk is full for certain.
    const QString ballast2Path = m_mount + QStringLiteral("/ballast2");
    {
        QFile ballast(ballast2Path);
        QVERIFY(ballast.open(QIODevice::WriteOnly));
        const QByteArray chunk(4096, 'b');
        while (ballast.write(chunk) == chunk.size() && ballast.flush()) {
        }
    }

    // The refusal on the wire: error not-stored with the say's id. SQLite first reuses the space
    // its files already hold (the frames of the transactions that failed), so a few more may
    // still fit; it must come within the space of the last refused group, not go on forever.
    QString refusedId;
    for (int n = 0; n < 60 && refusedId.isEmpty(); ++n) {
        const QString id = QStringLiteral("w%1").arg(n);
        witness.say(id, lineText(9, n));
        const QJsonObject answer
                = witness.waitFor([&](const QJsonObject &o) { return str(o, "id") == id; }, waitMs);
        QVERIFY2(!answer.isEmpty(), server->transcript().right(2000).constData());
        if (str(answer, "type") == QLatin1String("message")) {
            acknowledged.insert(id, lineText(9, n));
            continue;
        }
        QCOMPARE(str(answer, "type"), QStringLiteral("error"));
        QCOMPARE(str(answer, "code"), QStringLiteral("not-stored"));
        refusedId = id;
    }
    QVERIFY2(!refusedId.isEmpty(), "the room kept taking messages on a full disk");

    // Nobody received a refused message: the witness saw exactly the acknowledged ones.
    QSet<QString> seenIds;
    for (const QJsonObject &o : witness.objectsOfType(QStringLiteral("message"))) {
        if (str(o, "from") == QLatin1String("witness"))
            continue;
        QVERIFY2(!seenIds.contains(str(o, "id")), qPrintable(str(o, "id")));
        seenIds.insert(str(o, "id"));
    }
    QSet<QString> fromWriters(acknowledged.keyBegin(), acknowledged.keyEnd());
    for (auto it = fromWriters.begin(); it != fromWriters.end();)
        it = it->startsWith(u'w') && it->size() <= 3 ? fromWriters.erase(it) : std::next(it);
    QCOMPARE(seenIds, fromWriters);

    // Someone arriving now cannot be stored either: told so, and asked to come back (1013)
    // rather than left waiting for a welcome that cannot come.
    {
        RichClient late;
        late.open(url);
        QVERIFY(late.waitConnected());
        late.hello(QStringLiteral("late"));
        // Its arrival may still fit where the refused message did not; either way it is never
        // left waiting for a welcome.
        const QJsonObject answer = late.waitFor(
                [](const QJsonObject &o) {
                    return str(o, "type") == QLatin1String("welcome")
                           || str(o, "type") == QLatin1String("error");
                },
                waitMs);
        QVERIFY2(!answer.isEmpty(), server->transcript().right(2000).constData());
        if (str(answer, "type") == QLatin1String("error")) {
            QCOMPARE(str(answer, "code"), QStringLiteral("not-stored"));
            QVERIFY(late.waitDisconnected(waitMs));
            QVERIFY(late.objectsOfType(QStringLiteral("welcome")).isEmpty());
        }
    }
    QVERIFY2(server->isRunning(), server->transcript().constData());

    // Space again: the room takes messages again, the refused one included when sent again.
    QVERIFY(QFile::remove(ballastPath));
    QVERIFY(QFile::remove(ballast2Path));
    witness.say(refusedId, QStringLiteral("sent again"));
    const QJsonObject echo = witness.waitFor(
            [&](const QJsonObject &o) {
                return str(o, "type") == QLatin1String("message") && str(o, "id") == refusedId;
            },
            waitMs);
    QVERIFY2(!echo.isEmpty(), server->transcript().constData());
    acknowledged.insert(refusedId, QStringLiteral("sent again"));
    {
        ChildProcess after(QStringLiteral("after"), TestSupport::cliBinary(),
                           {url.toString(), QStringLiteral("--nick"), QStringLiteral("after"),
                            QStringLiteral("--json")});
        after.writeLine(QStringLiteral("room again"));
        after.process().closeWriteChannel();
        QVERIFY2(after.waitForExit(waitMs), after.transcript().constData());
        QCOMPARE(after.process().exitCode(), 0);
        for (const QJsonObject &e : after.jsonLines()) {
            if (str(e, "event") == QLatin1String("delivery")
                && str(e, "state") == QLatin1String("delivered"))
                acknowledged.insert(str(e, "id"), QStringLiteral("room again"));
        }
    }
    QVERIFY(server->isRunning());

    // Killed and started again: every acknowledged message is in its history, once.
    server->kill();
    server = std::make_unique<ServerProcess>(serverArguments);
    QVERIFY2(server->waitForPort(), server->transcript().constData());
    RichClient reader;
    const QJsonObject welcome = reader.join(server->url(), QStringLiteral("reader"));
    QVERIFY(!welcome.isEmpty());
    QVERIFY(!welcome.value(QLatin1String("gap")).toBool());
    QHash<QString, QString> kept;
    for (const QJsonValue &v : welcome.value(QLatin1String("history")).toArray()) {
        const QJsonObject e = v.toObject();
        if (str(e, "type") != QLatin1String("message"))
            continue;
        QVERIFY2(!kept.contains(str(e, "id")), qPrintable(str(e, "id")));
        kept.insert(str(e, "id"), str(e, "text"));
    }
    QCOMPARE(kept.size(), acknowledged.size());
    for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it)
        QVERIFY2(kept.value(it.key()) == it.value(),
                 qPrintable(QStringLiteral("lost %1").arg(it.key())));
}

QTEST_GUILESS_MAIN(tst_DiskFull)

#include "tst_diskfull.moc"
