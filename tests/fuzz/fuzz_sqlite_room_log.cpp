// The room's log on disk (SqliteRoomLog::open and what it loads): room.sqlite survives crashes
// and restarts, so it may be damaged, torn, from another version, or edited by hand. A valid log
// is made once; each input then damages a copy of it in one of three ways:
//
//   0. bytes of the file changed (offset, value pairs) and the file cut short;
//   1. a crash image (the file plus the WAL of commits not yet checkpointed) with the WAL torn
//      at any length and bytes of it changed;
//   2. rows and tables changed through SQL: bodies that are not JSON or not the row's event, rows
//      deleted (seq gaps), seqs, times and last_seq set to any 64-bit number, a newer or
//      unreadable format, meta rows missing, columns dropped.
//
// Invariants: never a crash or a sanitizer report. Open refused -> an error text; a format newer
// than FormatVersion -> refused, saying so. Opened -> the loaded events have strictly increasing
// seqs, none past lastSeq(); lastSeq() is the larger of last_seq and the highest row; the history
// ends at that highest row, or, when that row is damaged, skips it with a warning; a further
// append gets the next seq. (The expectations come from a second reader on a copy of the files,
// opened before the log.)
#include "fuzzsupport.h"

#include "core/logging.h"
#include "protocol/codec.h"
#include "server/sqliteroomlog.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstring>
#include <optional>

using namespace Parlor;

namespace {

std::unique_ptr<QTemporaryDir> dir;
QByteArray cleanFile; // a closed log with TemplateEvents events
QByteArray crashFile; // the same log, open again with more commits in its WAL...
QByteArray crashWal;  // ...which are here
constexpr int TemplateEvents = 12;
QStringList warnings;

RoomEvent draft(int i)
{
    RoomEvent e;
    switch (i % 4) {
    case 0:
        e.kind = RoomEvent::Kind::Join;
        e.nick = QStringLiteral("mina%1").arg(i);
        break;
    case 1:
        e.kind = RoomEvent::Kind::Message;
        e.from = QStringLiteral("mina");
        e.client = QStringLiteral("client-%1").arg(i % 3);
        e.id = QStringLiteral("m%1").arg(i);
        e.text = QStringLiteral("안녕 %1").arg(i);
        break;
    case 2:
        e.kind = RoomEvent::Kind::Message; // a plain line: no client, the log names it
        e.from = QStringLiteral("guest");
        e.text = QStringLiteral("plain %1").arg(i);
        break;
    default:
        e.kind = RoomEvent::Kind::Leave;
        e.nick = QStringLiteral("mina%1").arg(i - 3);
        e.reason = QStringLiteral("quit");
        break;
    }
    return e;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || f.write(bytes) != qint64(bytes.size()))
        abort();
}

RoomConfig config(int window, qint64 retainEvents)
{
    RoomConfig c;
    c.historyLength = window;
    c.retainEvents = retainEvents;
    return c;
}

void appendAll(SqliteRoomLog &log, int from, int to)
{
    for (int i = from; i < to; ++i) {
        log.append(draft(i), [](const RoomLog::Appended &a) {
            if (!a.ok())
                abort();
        });
        log.commit();
    }
}

void makeTemplates()
{
    const QString templateDir = dir->filePath(QStringLiteral("template"));
    const QString file = QDir(templateDir).filePath(QStringLiteral("room.sqlite"));
    {
        SqliteRoomLog log(config(100, 0));
        if (!log.open(templateDir))
            abort();
        appendAll(log, 0, TemplateEvents);
    } // closing checkpoints the WAL into the file and removes it
    cleanFile = readFile(file);
    SqliteRoomLog log(config(100, 0));
    if (!log.open(templateDir))
        abort();
    appendAll(log, TemplateEvents, TemplateEvents + 4);
    crashFile = readFile(file);
    crashWal = readFile(file + QStringLiteral("-wal"));
    if (cleanFile.isEmpty() || crashWal.isEmpty())
        abort();
}

QLoggingCategory::CategoryFilter previousFilter = nullptr;

void categoryFilter(QLoggingCategory *category)
{
    previousFilter(category);
    if (qstrcmp(category->categoryName(), "parlor.server") == 0)
        category->setEnabled(QtWarningMsg, true);
}

void messageHandler(QtMsgType type, const QMessageLogContext &, const QString &text)
{
    if (type == QtWarningMsg)
        warnings.append(text);
}

/// Runs statements on a closed file through a connection of its own.
class Editor
{
public:
    explicit Editor(const QString &file)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name());
        db.setDatabaseName(file);
        m_ok = db.open();
    }
    ~Editor()
    {
        QSqlDatabase::database(name(), false).close();
        QSqlDatabase::removeDatabase(name());
    }
    bool ok() const { return m_ok; }
    /// Runs \a sql with \a values bound in order; false when SQLite refused it.
    bool exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(QSqlDatabase::database(name(), false));
        if (!q.prepare(sql))
            return false;
        for (const QVariant &v : values)
            q.addBindValue(v);
        return q.exec();
    }
    /// The first column of the first row of \a sql, or an invalid QVariant.
    QVariant value(const QString &sql, const QVariantList &values = {}, bool *ok = nullptr)
    {
        QSqlQuery q(QSqlDatabase::database(name(), false));
        const bool done = q.prepare(sql) && [&] {
            for (const QVariant &v : values)
                q.addBindValue(v);
            return q.exec();
        }();
        // A step that fails (a damaged page SQLite finds only now) is a failure too.
        const bool row = done && q.next();
        if (ok)
            *ok = done && !q.lastError().isValid();
        return row ? q.value(0) : QVariant();
    }
    QSqlDatabase db() const { return QSqlDatabase::database(name(), false); }

private:
    static QString name() { return QStringLiteral("fuzz-editor"); }
    bool m_ok = false;
};

qint64 int64(ParlorFuzz::Input &in)
{
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | in.byte();
    qint64 s;
    std::memcpy(&s, &v, sizeof s);
    return s;
}

/// Three bytes, first to last (not in one expression: the order of its operands is unspecified).
int int24(ParlorFuzz::Input &in)
{
    int v = 0;
    for (int i = 0; i < 3; ++i)
        v = (v << 8) | in.byte();
    return v;
}

/// One SQL-level change to the closed file, chosen by the input.
void edit(Editor &e, ParlorFuzz::Input &in)
{
    const qint64 row = in.byte() % (TemplateEvents + 2); // 0 and 13 name no row
    switch (in.byte() % 14) {
    case 0: // a body that is anything (text)
        e.exec(QStringLiteral("UPDATE events SET body = ? WHERE seq = ?"), {in.utf8(), row});
        break;
    case 1: // a body that is anything (a blob)
        e.exec(QStringLiteral("UPDATE events SET body = ? WHERE seq = ?"), {in.bytes(), row});
        break;
    case 2: // a gap
        e.exec(QStringLiteral("DELETE FROM events WHERE seq = ?"), {row});
        break;
    case 3: // a row moved to any seq
        e.exec(QStringLiteral("UPDATE events SET seq = ? WHERE seq = ?"), {int64(in), row});
        break;
    case 4: { // a row at any seq whose body is a valid event of some seq
        const qint64 seq = int64(in);
        RoomEvent event = draft(in.byte());
        event.seq = in.byte() & 1 ? seq : int64(in);
        event.ts = int64(in);
        if (event.id.isEmpty())
            event.id = QStringLiteral("plain-0123456789abcdef-%1").arg(event.seq);
        e.exec(QStringLiteral("INSERT OR REPLACE INTO events (seq, ts, client, msg_id, body)"
                              " VALUES (?, ?, ?, ?, ?)"),
               {seq, event.ts, event.client.isEmpty() ? QVariant() : QVariant(event.client),
                event.id, QString::fromUtf8(Codec::encode(event))});
        break;
    }
    case 5: // a format of any text, a newer one often
        e.exec(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'format'"),
               {in.byte() & 1 ? QString::number(in.byte() % 4) : in.utf8()});
        break;
    case 6: // last_seq of any number, or any text
        e.exec(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'last_seq'"),
               {in.byte() & 1 ? QString::number(int64(in)) : in.utf8()});
        break;
    case 7: { // a meta row missing
        static const char *const keys[] = {"format", "incarnation", "last_seq"};
        e.exec(QStringLiteral("DELETE FROM meta WHERE key = ?"),
               {QString::fromLatin1(keys[in.byte() % 3])});
        break;
    }
    case 8: { // a column missing
        static const char *const columns[] = {"ts", "client", "msg_id", "body"};
        e.exec(QStringLiteral("DROP INDEX IF EXISTS events_by_message"));
        e.exec(QStringLiteral("ALTER TABLE events DROP COLUMN %1")
                       .arg(QString::fromLatin1(columns[in.byte() % 4])));
        break;
    }
    case 9: // a time of any number
        e.exec(QStringLiteral("UPDATE events SET ts = ? WHERE seq = ?"), {int64(in), row});
        break;
    case 10: // an incarnation of any text
        e.exec(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'incarnation'"), {in.utf8()});
        break;
    case 11: // any client and message id
        e.exec(QStringLiteral("UPDATE events SET client = ?, msg_id = ? WHERE seq = ?"),
               {in.byte() & 1 ? QVariant() : QVariant(in.utf8()), in.utf8(), row});
        break;
    case 12: // a table gone, or replaced by one of another shape
        switch (in.byte() % 4) {
        case 0:
            e.exec(QStringLiteral("DROP TABLE events"));
            break;
        case 1:
            e.exec(QStringLiteral("DROP TABLE meta"));
            break;
        case 2:
            e.exec(QStringLiteral("DROP TABLE meta"));
            e.exec(QStringLiteral("CREATE TABLE meta (key TEXT, value BLOB)"));
            e.exec(QStringLiteral("INSERT INTO meta VALUES ('format', ?), ('format', '1')"),
                   {in.bytes()});
            break;
        default:
            e.exec(QStringLiteral("DROP TABLE events"));
            e.exec(QStringLiteral("CREATE TABLE events (seq TEXT, ts, client, msg_id, body)"));
            e.exec(QStringLiteral("INSERT INTO events VALUES (?, ?, ?, ?, ?)"),
                   {in.utf8(), in.utf8(), in.utf8(), in.utf8(), in.utf8()});
            break;
        }
        break;
    default: // a body that is another row's event, of another seq
        e.exec(QStringLiteral("UPDATE events SET body = (SELECT body FROM events WHERE seq = ?)"
                              " WHERE seq = ?"),
               {qint64(in.byte() % (TemplateEvents + 2)), row});
        break;
    }
}

/// What a second reader finds in (a copy of) the files, before the log opens them.
struct Expected
{
    bool read = false;  ///< the reader got through
    QString format;     ///< meta's format, empty when there is none
    qint64 lastSeq = 0; ///< the larger of last_seq and the highest row's seq
    qint64 maxSeq = 0;  ///< the highest row's seq (0 without rows)
    bool hasRows = false;
    qint64 topSeq = 0; ///< the seq of the first row in descending order
    /// The rows come in strictly descending order: a damaged b-tree can yield them out of
    /// order, and then "the last record" means nothing.
    bool ordered = true;
    bool lastReadable = false; ///< the highest row holds its own event
};

Expected expect(const QString &runDir)
{
    const QString probeDir = dir->filePath(QStringLiteral("probe"));
    QDir(probeDir).removeRecursively();
    QDir().mkpath(probeDir);
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        const QString from = QDir(runDir).filePath(QStringLiteral("room.sqlite") + suffix);
        if (QFile::exists(from))
            QFile::copy(from, QDir(probeDir).filePath(QStringLiteral("room.sqlite") + suffix));
    }
    Expected x;
    Editor e(QDir(probeDir).filePath(QStringLiteral("room.sqlite")));
    if (!e.ok())
        return x;
    // Read the file as the log does.
    e.exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"));
    e.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    bool ok = false;
    QSqlQuery meta(e.db());
    if (!meta.exec(QStringLiteral("SELECT key, value FROM meta")))
        return x;
    qint64 lastSeqMeta = 0;
    while (meta.next()) {
        // The same reading as the log's: the last row of a key wins.
        if (meta.value(0).toString() == QLatin1String("format"))
            x.format = meta.value(1).toString();
        else if (meta.value(0).toString() == QLatin1String("last_seq"))
            lastSeqMeta = meta.value(1).toLongLong();
    }
    if (meta.lastError().isValid())
        return x;
    x.maxSeq = e.value(QStringLiteral("SELECT MAX(seq) FROM events"), {}, &ok).toLongLong();
    if (!ok)
        return x;
    QSqlQuery top(e.db());
    if (!top.exec(QStringLiteral("SELECT seq, body FROM events ORDER BY seq DESC LIMIT 1")))
        return x;
    QSqlQuery all(e.db());
    if (!all.exec(QStringLiteral("SELECT seq FROM events ORDER BY seq DESC")))
        return x;
    for (std::optional<qint64> previous; all.next();) {
        const qint64 seq = all.value(0).toLongLong();
        x.ordered = x.ordered && (!previous || seq < *previous);
        previous = seq;
    }
    if (all.lastError().isValid())
        return x;
    const bool topRow = top.next();
    if (top.lastError().isValid())
        return x;
    if (topRow) {
        x.hasRows = true;
        x.topSeq = top.value(0).toLongLong();
        const Codec::ServerDecode decoded = Codec::decodeServer(top.value(1).toByteArray());
        const auto *message = std::get_if<ServerMessage>(&decoded);
        const auto *event = message ? std::get_if<RoomEvent>(message) : nullptr;
        x.lastReadable = event && event->seq == top.value(0).toLongLong()
                         && top.value(0).toLongLong() == x.maxSeq;
    }
    x.lastSeq = std::max(lastSeqMeta, x.maxSeq);
    x.read = true;
    return x;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    // The log's warnings are part of what is checked: collected, not printed. (The rules that
    // initApplication sets in the environment win over QLoggingCategory::setFilterRules.)
    previousFilter = QLoggingCategory::installFilter(categoryFilter);
    qInstallMessageHandler(messageHandler);
    dir = std::make_unique<QTemporaryDir>();
    makeTemplates();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ParlorFuzz::Input in(data, size);
    const QString runDir = dir->filePath(QStringLiteral("run"));
    QDir(runDir).removeRecursively();
    QDir().mkpath(runDir);
    const QString file = QDir(runDir).filePath(QStringLiteral("room.sqlite"));

    const int mode = in.byte() % 3;
    const int window = 1 + in.byte() % 20;
    const qint64 retain = in.byte() % 8; // 0: keep everything
    if (mode == 0 || mode == 1) {
        QByteArray bytes = mode == 0 ? cleanFile : crashWal;
        const int patches = in.byte() % 16;
        for (int i = 0; i < patches && !bytes.isEmpty(); ++i) {
            const int offset = int24(in) % bytes.size();
            bytes[offset] = char(in.byte());
        }
        const int cut = int24(in);
        if (cut < bytes.size())
            bytes.truncate(cut);
        writeFile(file, mode == 0 ? bytes : crashFile);
        if (mode == 1)
            writeFile(file + QStringLiteral("-wal"), bytes);
    } else {
        writeFile(file, cleanFile);
        Editor e(file);
        if (!e.ok())
            abort();
        const int edits = 1 + in.byte() % 6;
        for (int i = 0; i < edits; ++i)
            edit(e, in);
    }
    const Expected x = expect(runDir);
    bool newer = false;
    const int format = x.format.toInt(&newer);
    newer = newer && format > SqliteRoomLog::FormatVersion;
    const bool outOfRange = x.lastSeq < 0 || x.lastSeq >= SqliteRoomLog::MaxSeq;

    warnings.clear();
    SqliteRoomLog log(config(window, retain));
    const QString detail = QStringLiteral(
                                   "mode %1, format %2, last_seq %3, max seq %4, top row %5 (%6)")
                                   .arg(mode)
                                   .arg(x.format)
                                   .arg(x.lastSeq)
                                   .arg(x.maxSeq)
                                   .arg(x.topSeq)
                                   .arg(x.lastReadable ? QStringLiteral("readable")
                                                       : QStringLiteral("damaged"));
    if (!log.open(runDir)) {
        PARLOR_FUZZ_CHECK(!log.errorString().isEmpty(), detail);
        if (x.read && newer)
            PARLOR_FUZZ_CHECK(log.errorString().contains(QLatin1String("newer version")),
                              log.errorString());
        return 0;
    }
    PARLOR_FUZZ_CHECK(!(x.read && (newer || outOfRange)), detail);

    const auto checkHistory = [&](const char *when) {
        const QList<RoomEvent> history = log.all();
        const QString at = detail + QLatin1String(", ") + QLatin1String(when);
        PARLOR_FUZZ_CHECK(history.size() <= window, at);
        for (qsizetype i = 0; i < history.size(); ++i) {
            PARLOR_FUZZ_CHECK(history.at(i).seq <= log.lastSeq(), at);
            PARLOR_FUZZ_CHECK(i == 0 || history.at(i - 1).seq < history.at(i).seq, at);
        }
        return history;
    };
    const QList<RoomEvent> history = checkHistory("after open");
    QString seqs;
    for (const RoomEvent &e : history)
        seqs += QString::number(e.seq) + u' ';
    PARLOR_FUZZ_CHECK(log.lastSeq() >= 0 && log.lastSeq() < SqliteRoomLog::MaxSeq, detail);
    if (x.read) {
        PARLOR_FUZZ_CHECK(log.lastSeq() == x.lastSeq, detail);
        if (!x.ordered) {
            // Nothing to compare with: the rows have no last one.
        } else if (x.hasRows && x.lastReadable) {
            // The history a welcome carries ends at the last event on disk.
            PARLOR_FUZZ_CHECK(!history.isEmpty() && history.constLast().seq == x.maxSeq, detail);
        } else if (x.hasRows) {
            // A damaged last record is skipped, with a warning.
            PARLOR_FUZZ_CHECK(history.isEmpty() || history.constLast().seq < x.maxSeq,
                              detail + QLatin1String(", history ") + seqs);
            PARLOR_FUZZ_CHECK(
                    warnings.contains(
                            QStringLiteral("room log: skipped event %1 which cannot be read back")
                                    .arg(x.maxSeq)),
                    detail + QLatin1Char('\n') + warnings.join(u'\n'));
        }
    }
    for (const RoomEvent &e : history) {
        const std::optional<RoomEvent> again = log.event(e.seq);
        PARLOR_FUZZ_CHECK(again && *again == e, detail);
    }

    // The numbering goes on after the last seq ever given, never reusing one.
    const qint64 before = log.lastSeq();
    std::optional<RoomLog::Appended> appended;
    RoomEvent next = draft(1);
    next.id = QStringLiteral("fuzz-next");
    log.append(next, [&](const RoomLog::Appended &a) { appended = a; });
    log.commit();
    PARLOR_FUZZ_CHECK(appended.has_value(), detail);
    if (appended->ok()) {
        PARLOR_FUZZ_CHECK(appended->event.seq == before + 1 && log.lastSeq() == before + 1, detail);
        const QList<RoomEvent> after = checkHistory("after an append");
        PARLOR_FUZZ_CHECK(!after.isEmpty() && after.constLast() == appended->event, detail);
        PARLOR_FUZZ_CHECK(log.delivered(appended->event.client, appended->event.id).has_value(),
                          detail);
    } else {
        PARLOR_FUZZ_CHECK(!appended->error.isEmpty(), detail);
        // SQL-level changes leave a sound database: one the log opened must take appends.
        PARLOR_FUZZ_CHECK(mode != 2, detail + QLatin1Char('\n') + appended->error);
        PARLOR_FUZZ_CHECK(log.lastSeq() == before, detail);
    }
    if (retain > 0) {
        const qint64 last = log.lastSeq();
        while (log.compactSlice()) {
        }
        checkHistory("after compaction");
        PARLOR_FUZZ_CHECK(log.lastSeq() == last, detail);
    }
    return 0;
}
