// The room's log on disk: numbering and incarnation across restarts, group commits that
// complete only once written, damaged rows skipped, newer formats and busy files refused,
// retention. Real SQLite files in a temporary directory.
#include "protocol/codec.h"
#include "server/sqliteroomlog.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>

using namespace Parlor;

namespace {

RoomEvent message(const QString &client, const QString &id, const QString &text)
{
    RoomEvent e;
    e.kind = RoomEvent::Kind::Message;
    e.from = QStringLiteral("mina");
    e.client = client;
    e.id = id;
    e.text = text;
    return e;
}

/// Runs a statement on the file behind the log's back (the log must be closed).
bool tamper(const QString &file, const QString &sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("tamper"));
        db.setDatabaseName(file);
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    return ok;
}

} // namespace

class tst_SqliteRoomLog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    static RoomConfig config(int window = 100, qint64 retainEvents = 0, int retainDays = 0,
                             qint64 maxBytes = 0)
    {
        RoomConfig c;
        c.historyLength = window;
        c.retainEvents = retainEvents;
        c.retainDays = retainDays;
        c.maxLogBytes = maxBytes;
        return c;
    }
    std::unique_ptr<SqliteRoomLog> openLog(int window = 100, qint64 retainEvents = 0,
                                           int retainDays = 0, qint64 maxBytes = 0)
    {
        auto log = std::make_unique<SqliteRoomLog>(
                config(window, retainEvents, retainDays, maxBytes));
        if (!log->open(m_dir->path()))
            qWarning("open failed: %s", qPrintable(log->errorString()));
        return log;
    }
    /// Appends and waits for the commit; the appended event.
    RoomEvent appendAndWait(SqliteRoomLog *log, const RoomEvent &draft)
    {
        std::optional<RoomLog::Appended> result;
        log->append(draft, [&](const RoomLog::Appended &a) { result = a; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000) || !result->ok())
            return {};
        return result->event;
    }
    QString file() const { return m_dir->filePath(QStringLiteral("room.sqlite")); }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void appendsCompleteOnceCommittedInOrder()
    {
        auto log = openLog();
        QVERIFY(log->isOpen());
        QList<qint64> completed;
        for (int i = 1; i <= 5; ++i) {
            log->append(message(QStringLiteral("c"), QStringLiteral("m%1").arg(i),
                                QStringLiteral("text %1").arg(i)),
                        [&](const RoomLog::Appended &a) { completed.append(a.event.seq); });
        }
        // Not before the group is written: nobody may hear of an event a crash could take back.
        QVERIFY(completed.isEmpty());
        QCOMPARE(log->lastSeq(), 0);
        QTRY_COMPARE(completed, (QList<qint64>{1, 2, 3, 4, 5}));
        QCOMPARE(log->lastSeq(), 5);
        QCOMPARE(log->all().size(), 5);
        QCOMPARE(*log->delivered(QStringLiteral("c"), QStringLiteral("m3")), 3);
        QVERIFY(!log->delivered(QStringLiteral("other"), QStringLiteral("m3")));
    }

    void plainLinesAreNamedByTheirSeq()
    {
        auto log = openLog();
        const RoomEvent e = appendAndWait(log.get(), message({}, {}, QStringLiteral("plain")));
        QCOMPARE(e.id, QStringLiteral("plain-%1-1").arg(log->incarnation()));
    }

    void restartKeepsIncarnationNumberingAndHistory()
    {
        QString incarnation;
        {
            auto log = openLog();
            incarnation = log->incarnation();
            QCOMPARE(incarnation.size(), 16);
            for (int i = 1; i <= 3; ++i)
                appendAndWait(log.get(), message(QStringLiteral("c"), QStringLiteral("m%1").arg(i),
                                                 QStringLiteral("t%1").arg(i)));
        }
        auto log = openLog();
        QCOMPARE(log->incarnation(), incarnation);
        QCOMPARE(log->lastSeq(), 3);
        bool gap = true;
        const QList<RoomEvent> after = log->after(1, &gap);
        QVERIFY(!gap);
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.at(0).text, QStringLiteral("t2"));
        QCOMPARE(after.at(0).client, QStringLiteral("c"));
        // The de-duplication memory survived too.
        QCOMPARE(*log->delivered(QStringLiteral("c"), QStringLiteral("m1")), 1);
        QCOMPARE(appendAndWait(log.get(), message({}, {}, QStringLiteral("next"))).seq, 4);
    }

    void aSharedFileSurvivesARestart()
    {
        // The file object is part of the stored event (its JSON), so an old database needs no
        // new column, and a message without one reads back without one.
        RoomEvent shared = message(QStringLiteral("c"), QStringLiteral("f1"),
                                   QStringLiteral("보고서 draft.pdf"));
        shared.file = FileInfo{QStringLiteral("f0123456789abcdef0123456789abcdef"),
                               QStringLiteral("보고서 draft.pdf"), 1048576,
                               QStringLiteral("application/pdf")};
        shared.reply = ReplyQuote{1, QStringLiteral("mina"), QStringLiteral("send it")};
        RoomEvent stored;
        {
            auto log = openLog(1); // a window of one: the restart reads it from the disk
            appendAndWait(log.get(), message(QStringLiteral("c"), QStringLiteral("m1"),
                                             QStringLiteral("send it")));
            stored = appendAndWait(log.get(), shared);
            QCOMPARE(stored.file, shared.file);
            appendAndWait(log.get(), message(QStringLiteral("c"), QStringLiteral("m3"),
                                             QStringLiteral("thanks")));
        }
        auto log = openLog(1);
        const auto back = log->event(stored.seq);
        QVERIFY(back);
        QCOMPARE(*back, stored);
        QVERIFY(back->file);
        QCOMPARE(back->file->key, QStringLiteral("f0123456789abcdef0123456789abcdef"));
        QCOMPARE(back->file->size, 1048576);
        QVERIFY(!log->event(stored.seq + 1)->file);
        QVERIFY(!log->event(stored.seq - 1)->file);
    }

    void aWindowServesRecentEventsTheDiskTheRest()
    {
        {
            auto log = openLog(3);
            for (int i = 1; i <= 6; ++i)
                appendAndWait(log.get(), message(QStringLiteral("c"), QStringLiteral("m%1").arg(i),
                                                 QStringLiteral("t%1").arg(i)));
        }
        auto log = openLog(3);
        QCOMPARE(log->all().size(), 3);
        QCOMPARE(log->all().first().seq, 4);
        bool gap = false;
        log->after(1, &gap);
        QVERIFY(gap);
        // Older events are still found on disk (a re-sent say is answered with its event).
        QCOMPARE(log->event(2)->text, QStringLiteral("t2"));
        QCOMPARE(*log->delivered(QStringLiteral("c"), QStringLiteral("m1")), 1);
    }

    void aDamagedRowIsSkippedWithAWarning()
    {
        {
            auto log = openLog();
            for (int i = 1; i <= 3; ++i)
                appendAndWait(log.get(), message(QStringLiteral("c"), QStringLiteral("m%1").arg(i),
                                                 QStringLiteral("t%1").arg(i)));
        }
        QVERIFY(tamper(file(), QStringLiteral("UPDATE events SET body = '{\"type\":\"mess' "
                                              "WHERE seq = 3")));
        QTest::ignoreMessage(QtWarningMsg, "room log: skipped event 3 which cannot be read back");
        auto log = openLog();
        QVERIFY(log->isOpen());
        QCOMPARE(log->all().size(), 2);
        // The numbering goes on past it: seq 3 is never given twice.
        QCOMPARE(log->lastSeq(), 3);
        QCOMPARE(appendAndWait(log.get(), message({}, {}, QStringLiteral("after"))).seq, 4);
    }

    void aNewerFormatIsRefused()
    {
        openLog().reset();
        QVERIFY(tamper(file(), QStringLiteral("UPDATE meta SET value = '7' WHERE key = 'format'")));
        SqliteRoomLog log(config());
        QVERIFY(!log.open(m_dir->path()));
        QVERIFY2(log.errorString().contains(QLatin1String("newer version of Parlor (format 7)")),
                 qPrintable(log.errorString()));
    }

    void aNewerFormatOfAnotherShapeIsRefusedAsNewer()
    {
        // A newer format may have changed the tables too: the format is read before them, and
        // the file is left as it is.
        openLog().reset();
        QVERIFY(tamper(file(), QStringLiteral("UPDATE meta SET value = '2' WHERE key = 'format'")));
        QVERIFY(tamper(file(), QStringLiteral("DROP TABLE events")));
        QVERIFY(tamper(file(), QStringLiteral("CREATE TABLE events (seq TEXT, data BLOB)")));
        SqliteRoomLog log(config());
        QVERIFY(!log.open(m_dir->path()));
        QVERIFY2(log.errorString().contains(QLatin1String("newer version of Parlor (format 2)")),
                 qPrintable(log.errorString()));
        QVERIFY(tamper(file(), QStringLiteral("SELECT data FROM events")));
    }

    // Found by fuzz_sqlite_room_log: a table of another shape was opened, and every append
    // then failed ("Parameter count mismatch"); meta without a readable format or incarnation
    // was called a newer format.
    void aDamagedSchemaIsRefused_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<QString>("error");
        const QString drop = QStringLiteral("DROP INDEX events_by_message");
        QTest::newRow("no ts") << QStringList{QStringLiteral("ALTER TABLE events DROP COLUMN ts")}
                               << QStringLiteral("the events table has no column ts");
        QTest::newRow("no body") << QStringList{QStringLiteral(
                "ALTER TABLE events DROP COLUMN body")}
                                 << QStringLiteral("the events table has no column body");
        QTest::newRow("no msg_id")
                << QStringList{drop, QStringLiteral("ALTER TABLE events DROP COLUMN msg_id")}
                << QStringLiteral("the events table has no column msg_id");
        QTest::newRow("seq of text")
                << QStringList{QStringLiteral("DROP TABLE events"),
                               QStringLiteral("CREATE TABLE events (seq TEXT, ts, client, msg_id,"
                                              " body)")}
                << QStringLiteral("no integer primary key seq");
        QTest::newRow("meta without a key")
                << QStringList{QStringLiteral("DROP TABLE meta"),
                               QStringLiteral("CREATE TABLE meta (key TEXT, value TEXT)"),
                               QStringLiteral("INSERT INTO meta VALUES ('format', '1'),"
                                              " ('incarnation', 'abc')")}
                << QStringLiteral("the meta table has no key column");
        QTest::newRow("format not a number")
                << QStringList{QStringLiteral("UPDATE meta SET value = 'one' WHERE key = 'format'")}
                << QStringLiteral("its format \"one\" cannot be read");
        QTest::newRow("format 0") << QStringList{QStringLiteral(
                "UPDATE meta SET value = '0' WHERE key = 'format'")}
                                  << QStringLiteral("its format \"0\" cannot be read");
        QTest::newRow("no format")
                << QStringList{QStringLiteral("DELETE FROM meta WHERE key = 'format'")}
                << QStringLiteral("it has no format number");
        QTest::newRow("no incarnation")
                << QStringList{QStringLiteral("DELETE FROM meta WHERE key = 'incarnation'")}
                << QStringLiteral("it has no incarnation");
    }
    void aDamagedSchemaIsRefused()
    {
        QFETCH(const QStringList, statements);
        QFETCH(const QString, error);
        {
            auto log = openLog();
            appendAndWait(log.get(),
                          message(QStringLiteral("c"), QStringLiteral("m1"), QStringLiteral("t1")));
        }
        for (const QString &sql : statements)
            QVERIFY2(tamper(file(), sql), qPrintable(sql));
        SqliteRoomLog log(config());
        QVERIFY(!log.open(m_dir->path()));
        QVERIFY2(log.errorString().contains(QLatin1String("is not a Parlor room log, or it is "
                                                          "damaged"))
                         && log.errorString().contains(error),
                 qPrintable(log.errorString()));
    }

    // Found by fuzz_sqlite_room_log (UBSan): a last seq of 2^63 - 1 overflowed on the next
    // append. Clients read seqs as JSON numbers, exact up to 2^53 - 1.
    void aNumberingOutOfRangeIsRefused_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qint64>("lastSeq");
        QTest::newRow("last_seq 2^63-1")
                << QStringLiteral("UPDATE meta SET value = '9223372036854775807'"
                                  " WHERE key = 'last_seq'")
                << std::numeric_limits<qint64>::max();
        QTest::newRow("a row at 2^53-1")
                << QStringLiteral("UPDATE events SET seq = 9007199254740991 WHERE seq = 1")
                << SqliteRoomLog::MaxSeq;
        QTest::newRow("rows below 0")
                << QStringLiteral("UPDATE events SET seq = -5 WHERE seq = 1; ") << qint64(-5);
    }
    void aNumberingOutOfRangeIsRefused()
    {
        QFETCH(const QString, sql);
        QFETCH(const qint64, lastSeq);
        {
            auto log = openLog();
            appendAndWait(log.get(),
                          message(QStringLiteral("c"), QStringLiteral("m1"), QStringLiteral("t1")));
        }
        QVERIFY(tamper(file(), sql));
        if (lastSeq < 0)
            QVERIFY(tamper(file(), QStringLiteral("UPDATE meta SET value = '-7'"
                                                  " WHERE key = 'last_seq'")));
        SqliteRoomLog log(config());
        QVERIFY(!log.open(m_dir->path()));
        QVERIFY2(log.errorString().contains(
                         QStringLiteral("its last seq %1 is out of range").arg(lastSeq)),
                 qPrintable(log.errorString()));
    }

    void theLastSeqAClientCanReadIsStillGiven()
    {
        {
            auto log = openLog();
            appendAndWait(log.get(), message({}, {}, QStringLiteral("t1")));
        }
        QVERIFY(tamper(file(), QStringLiteral("UPDATE meta SET value = '9007199254740989'"
                                              " WHERE key = 'last_seq'")));
        auto log = openLog();
        QVERIFY(log->isOpen());
        QCOMPARE(appendAndWait(log.get(), message({}, {}, QStringLiteral("t2"))).seq,
                 SqliteRoomLog::MaxSeq - 1);
    }

    void aFileThatIsNoDatabaseIsRefusedAndKept()
    {
        QFile f(file());
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray junk(8192, 'x');
        f.write(junk);
        f.close();
        SqliteRoomLog log(config());
        QVERIFY(!log.open(m_dir->path()));
        QVERIFY2(log.errorString().contains(QLatin1String("not a Parlor room log")),
                 qPrintable(log.errorString()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), junk);
    }

    void oneServerPerDirectory()
    {
        auto first = openLog();
        QVERIFY(first->isOpen());
        SqliteRoomLog second(config());
        QVERIFY(!second.open(m_dir->path()));
        QVERIFY2(second.errorString().contains(QLatin1String("in use by another program")),
                 qPrintable(second.errorString()));
    }

    void retentionCompactsInSlices()
    {
        auto log = openLog(10, 10);
        const int count = SqliteRoomLog::CompactionSlice + 500;
        for (int i = 1; i <= count; ++i)
            log->append(message({}, {}, QStringLiteral("t%1").arg(i)), [](auto &&) {});
        log->commit();
        QCOMPARE(log->lastSeq(), count);
        QVERIFY(log->compactSlice()); // a full slice: more to do
        QVERIFY(!log->compactSlice());
        QVERIFY(!log->event(count - 10));
        QCOMPARE(log->event(count - 9)->text, QStringLiteral("t%1").arg(count - 9));
        log.reset();
        // Everything compacted away still leaves the numbering where it was.
        QVERIFY(tamper(file(), QStringLiteral("DELETE FROM events")));
        log = openLog(10, 10);
        QCOMPARE(log->lastSeq(), count);
    }

    void aFullLogRefusesUntilRetentionFreesRoom()
    {
        // A cap of 64 KiB stands for a full disk: SQLite refuses to grow past either alike.
        auto log = openLog(10, 0, 0, 64 * 1024);
        const QString text(400, u'x');
        int kept = 0;
        QString error;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not commit")));
        for (int i = 0; i < 1000 && error.isEmpty(); ++i) {
            std::optional<RoomLog::Appended> result;
            log->append(message(QStringLiteral("c"), QStringLiteral("m%1").arg(i), text),
                        [&](const RoomLog::Appended &a) { result = a; });
            log->commit();
            QVERIFY(result);
            if (result->ok())
                ++kept;
            else
                error = result->error;
        }
        QVERIFY2(error.contains(QLatin1String("full")), qPrintable(error));
        QVERIFY(kept > 10);
        // What was acknowledged is still there, and the numbering did not move.
        QCOMPARE(log->lastSeq(), kept);
        QCOMPARE(*log->delivered(QStringLiteral("c"), QStringLiteral("m0")), 1);
        log.reset();

        // Retention frees room: messages are taken again.
        log = openLog(10, 10, 0, 64 * 1024);
        while (log->compactSlice()) {
        }
        const RoomEvent next = appendAndWait(log.get(), message({}, {}, text));
        QCOMPARE(next.seq, kept + 1);
    }

    void ageRetention()
    {
        {
            auto log = openLog(100, 0, 1);
            for (int i = 1; i <= 3; ++i)
                appendAndWait(log.get(), message({}, {}, QStringLiteral("t%1").arg(i)));
        }
        QVERIFY(tamper(file(), QStringLiteral("UPDATE events SET ts = ts - 2 * 86400000 "
                                              "WHERE seq < 3")));
        auto log = openLog(100, 0, 1);
        QVERIFY(!log->compactSlice());
        QVERIFY(!log->event(2));
        QVERIFY(log->event(3));
    }
};

QTEST_GUILESS_MAIN(tst_SqliteRoomLog)
#include "tst_sqliteroomlog.moc"
