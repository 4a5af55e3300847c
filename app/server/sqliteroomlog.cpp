#include "sqliteroomlog.h"

#include "core/logging.h"
#include "protocol/codec.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Parlor {

namespace {

QString randomIncarnation()
{
    return QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, u'0');
}

/// One row back as an event; nullopt (with a warning) for a row that cannot be read — a torn
/// or damaged record is skipped, never fatal.
std::optional<RoomEvent> eventFromRow(qint64 seq, const QString &client, const QByteArray &body)
{
    const Codec::ServerDecode decoded = Codec::decodeServer(body);
    const auto *message = std::get_if<ServerMessage>(&decoded);
    const auto *event = message ? std::get_if<RoomEvent>(message) : nullptr;
    if (!event || event->seq != seq) {
        qCWarning(lcServer).noquote()
                << "room log: skipped event" << seq << "which cannot be read back";
        return std::nullopt;
    }
    RoomEvent e = *event;
    e.client = client;
    return e;
}

} // namespace

SqliteRoomLog::SqliteRoomLog(const RoomConfig &config, QObject *parent)
    : RoomLog(parent)
    , m_windowLength(config.retainEvents > 0
                             ? int(std::min<qint64>(config.historyLength, config.retainEvents))
                             : config.historyLength)
    , m_retainEvents(config.retainEvents)
    , m_retainDays(config.retainDays)
    , m_maxBytes(config.maxLogBytes)
    , m_connection(QStringLiteral("parlor-roomlog-%1").arg(quintptr(this)))
    , m_window(m_windowLength)
    , m_commitTimer(this)
    , m_compactTimer(this)
{
    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(0);
    connect(&m_commitTimer, &QTimer::timeout, this, &SqliteRoomLog::commit);
    m_compactTimer.setSingleShot(true);
    connect(&m_compactTimer, &QTimer::timeout, this, [this] {
        // Slices follow each other closely while there is a backlog, then once a minute.
        m_compactTimer.start(compactSlice() ? 10 : 60000);
    });
}

SqliteRoomLog::~SqliteRoomLog()
{
    // Appends still pending were never acknowledged: their senders will send them again.
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

QString SqliteRoomLog::fileName() const
{
    return m_db.databaseName();
}

bool SqliteRoomLog::fail(const QString &error)
{
    m_error = error;
    if (m_db.isOpen())
        m_db.close();
    return false;
}

bool SqliteRoomLog::open(const QString &directory)
{
    if (!QDir().mkpath(directory))
        return fail(tr("Cannot create the data directory %1.").arg(directory));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!m_db.isValid())
        return fail(tr("Qt's SQLite driver (QSQLITE) is missing: install libqt6sql6-sqlite."));
    m_db.setDatabaseName(QDir(directory).filePath(QStringLiteral("room.sqlite")));
    if (!m_db.open())
        return fail(tr("Cannot open %1: %2").arg(m_db.databaseName(), m_db.lastError().text()));
    QSqlQuery pragma(m_db);
    // One server per data directory: the exclusive lock makes a second one fail at once rather
    // than interleave its numbering with ours. WAL with FULL sync: a commit is on the disk
    // when it returns.
    if (!pragma.exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"))
        || !pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !pragma.next()) {
        if (pragma.lastError().nativeErrorCode() == QLatin1String("5")) // SQLITE_BUSY
            return fail(tr("%1 is in use by another program.").arg(m_db.databaseName()));
        return fail(tr("%1 is not a Parlor room log, or it is damaged: %2")
                            .arg(m_db.databaseName(), pragma.lastError().text()));
    }
    if (pragma.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return fail(tr("%1 is in use by another program.").arg(m_db.databaseName()));
    pragma.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    if (m_maxBytes > 0 && pragma.exec(QStringLiteral("PRAGMA page_size")) && pragma.next()) {
        // SQLite refuses to grow past this as it would past a full disk (SQLITE_FULL): the
        // same refusal, at a size the host chose.
        const qint64 pages = std::max<qint64>(2, m_maxBytes / pragma.value(0).toLongLong());
        pragma.exec(QStringLiteral("PRAGMA max_page_count=%1").arg(pages));
    }
    if (!createOrCheckSchema())
        return false;
    loadWindow();
    m_compactTimer.start(0);
    qCInfo(lcServer).noquote() << "room log" << m_db.databaseName() << ": incarnation"
                               << m_incarnation << ", seq" << m_seq << "," << m_window.size()
                               << "recent events";
    return true;
}

bool SqliteRoomLog::createOrCheckSchema()
{
    QSqlQuery q(m_db);
    const auto sqlFailed = [&] {
        m_db.rollback();
        return fail(tr("%1 cannot be used: %2").arg(m_db.databaseName(), q.lastError().text()));
    };
    const auto damaged = [&](const QString &problem) {
        m_db.rollback();
        return fail(tr("%1 is not a Parlor room log, or it is damaged: %2")
                            .arg(m_db.databaseName(), problem));
    };
    if (!m_db.transaction())
        return fail(tr("%1 cannot be used: %2").arg(m_db.databaseName(), m_db.lastError().text()));
    // The format first: a newer one may have tables of another shape, and is left as it is.
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS meta"
                               " (key TEXT PRIMARY KEY, value TEXT NOT NULL)"))
        || !q.exec(QStringLiteral("SELECT key, value FROM meta")))
        return sqlFailed();
    QString format;
    qint64 lastSeq = 0;
    bool metaRows = false;
    while (q.next()) {
        metaRows = true;
        const QString key = q.value(0).toString();
        if (key == QLatin1String("format"))
            format = q.value(1).toString();
        else if (key == QLatin1String("incarnation"))
            m_incarnation = q.value(1).toString();
        else if (key == QLatin1String("last_seq"))
            lastSeq = q.value(1).toLongLong();
    }
    bool numeric = false;
    const int version = format.toInt(&numeric);
    if (numeric && version > FormatVersion) {
        m_db.rollback();
        return fail(tr("%1 was written by a newer version of Parlor (format %2); this "
                       "version reads format %3. Use a newer Parlor, or another data "
                       "directory.")
                            .arg(m_db.databaseName(), format)
                            .arg(FormatVersion));
    }
    if (format.isEmpty() && metaRows)
        return damaged(tr("it has no format number"));
    if (!format.isEmpty() && (!numeric || version < 1))
        return damaged(tr("its format \"%1\" cannot be read").arg(format));
    if (!format.isEmpty() && m_incarnation.isEmpty())
        return damaged(tr("it has no incarnation"));

    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY,"
                               " ts INTEGER NOT NULL, client TEXT, msg_id TEXT,"
                               " body TEXT NOT NULL)")))
        return sqlFailed();
    if (const QString problem = schemaProblem(); !problem.isEmpty())
        return damaged(problem);
    if (!q.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS events_by_message"
                               " ON events (client, msg_id) WHERE client IS NOT NULL")))
        return sqlFailed();

    if (format.isEmpty()) {
        m_incarnation = randomIncarnation();
        q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('format', ?),"
                                 " ('incarnation', ?), ('last_seq', '0')"));
        q.addBindValue(QString::number(FormatVersion));
        q.addBindValue(m_incarnation);
        if (!q.exec())
            return sqlFailed();
    }
    if (!q.exec(QStringLiteral("SELECT MAX(seq) FROM events")) || !q.next())
        return sqlFailed();
    // Compaction may have taken every event; the numbering goes on from the last one ever.
    m_seq = std::max(lastSeq, q.value(0).toLongLong());
    // Only a damaged or hand-edited file gets here: JSON, and so every client, reads integers
    // exactly only up to 2^53 - 1, and the next event needs a seq of its own.
    if (m_seq < 0 || m_seq >= MaxSeq)
        return damaged(tr("its last seq %1 is out of range").arg(m_seq));
    if (!m_db.commit())
        return fail(tr("%1 cannot be used: %2").arg(m_db.databaseName(), m_db.lastError().text()));
    return true;
}

QString SqliteRoomLog::schemaProblem() const
{
    // CREATE TABLE IF NOT EXISTS leaves a table of another shape as it is; appends to it would
    // fail one by one, long after the room opened.
    const auto columns = [this](const QString &table) {
        QHash<QString, std::pair<QString, int>> found; // name -> declared type, pk
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table))) {
            while (q.next())
                found.insert(q.value(1).toString(),
                             {q.value(2).toString().toUpper(), q.value(5).toInt()});
        }
        return found;
    };
    const auto events = columns(QStringLiteral("events"));
    const auto seq = events.value(QStringLiteral("seq"));
    if (seq.first != QLatin1String("INTEGER") || seq.second != 1)
        return tr("the events table has no integer primary key seq");
    for (const char *name : {"ts", "client", "msg_id", "body"}) {
        if (!events.contains(QLatin1String(name)))
            return tr("the events table has no column %1").arg(QLatin1String(name));
    }
    const auto meta = columns(QStringLiteral("meta"));
    if (meta.value(QStringLiteral("key")).second != 1 || !meta.contains(QStringLiteral("value")))
        return tr("the meta table has no key column as its primary key, or no value column");
    return {};
}

void SqliteRoomLog::loadWindow()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, client, body FROM events ORDER BY seq DESC LIMIT ?"));
    q.addBindValue(m_windowLength);
    q.exec();
    QList<RoomEvent> newestFirst;
    while (q.next()) {
        const qint64 seq = q.value(0).toLongLong();
        // A damaged b-tree can yield rows out of order, or rowids SQLite never gave (0): the
        // window's numbering must still go up.
        if (seq <= 0 || (!newestFirst.isEmpty() && seq >= newestFirst.constLast().seq)) {
            qCWarning(lcServer).noquote()
                    << "room log: skipped event" << seq << "which is out of order";
            continue;
        }
        if (auto e = eventFromRow(seq, q.value(1).toString(), q.value(2).toByteArray()))
            newestFirst.append(*e);
    }
    std::for_each(newestFirst.crbegin(), newestFirst.crend(),
                  [this](const RoomEvent &e) { m_window.append(e); });
}

void SqliteRoomLog::append(const RoomEvent &draft, Completion done)
{
    m_pending.emplace_back(draft, std::move(done));
    if (!m_commitTimer.isActive())
        m_commitTimer.start();
}

void SqliteRoomLog::commit()
{
    if (m_pending.empty())
        return;
    // Completions may append again; those go to the next group.
    std::deque<std::pair<RoomEvent, Completion>> group;
    group.swap(m_pending);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<RoomEvent> events;
    events.reserve(qsizetype(group.size()));
    for (const auto &entry : group)
        events.append(stamped(entry.first, m_incarnation, m_seq + events.size() + 1, now));

    QString error;
    if (!m_db.isOpen()) {
        error = QStringLiteral("the room's log is not open");
    } else if (!m_db.transaction()) {
        error = m_db.lastError().text();
    } else {
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral(
                "INSERT INTO events (seq, ts, client, msg_id, body) VALUES (?, ?, ?, ?, ?)"));
        for (const RoomEvent &e : std::as_const(events)) {
            insert.addBindValue(e.seq);
            insert.addBindValue(e.ts);
            insert.addBindValue(e.client.isEmpty() ? QVariant() : QVariant(e.client));
            insert.addBindValue(e.client.isEmpty() ? QVariant() : QVariant(e.id));
            insert.addBindValue(QString::fromUtf8(Codec::encode(e)));
            if (!insert.exec()) {
                error = insert.lastError().text();
                break;
            }
        }
        QSqlQuery last(m_db);
        if (error.isEmpty()) {
            last.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'last_seq'"));
            last.addBindValue(QString::number(events.constLast().seq));
            if (!last.exec())
                error = last.lastError().text();
        }
        if (error.isEmpty() && !m_db.commit())
            error = m_db.lastError().text();
        if (!error.isEmpty())
            m_db.rollback();
    }

    if (!error.isEmpty()) {
        qCWarning(lcServer).noquote()
                << "room log: could not commit" << events.size() << "events:" << error;
        for (auto &entry : group)
            entry.second(Appended{entry.first, error});
        return;
    }
    m_seq = events.constLast().seq;
    for (const RoomEvent &e : std::as_const(events))
        m_window.append(e);
    for (qsizetype i = 0; i < events.size(); ++i)
        group[size_t(i)].second(Appended{events.at(i), {}});
}

bool SqliteRoomLog::compactSlice()
{
    if (!m_db.isOpen() || (m_retainEvents <= 0 && m_retainDays <= 0))
        return false;
    const qint64 dropUpTo = m_retainEvents > 0 ? m_seq - m_retainEvents : 0;
    const qint64 olderThan = m_retainDays > 0 ? QDateTime::currentMSecsSinceEpoch()
                                                        - qint64(m_retainDays) * 24 * 3600 * 1000
                                              : 0;
    // Events go oldest first, so what is gone from the disk is a prefix of the numbering, and
    // the window forgets the same prefix.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT MAX(seq), COUNT(*) FROM (SELECT seq FROM events"
                             " WHERE seq <= ? OR ts < ? ORDER BY seq LIMIT ?)"));
    q.addBindValue(dropUpTo);
    q.addBindValue(olderThan);
    q.addBindValue(CompactionSlice);
    if (!q.exec() || !q.next()) {
        qCWarning(lcServer).noquote() << "room log: compaction failed:" << q.lastError().text();
        return false;
    }
    const qint64 last = q.value(0).toLongLong();
    const int count = q.value(1).toInt();
    if (count == 0)
        return false;
    q.prepare(QStringLiteral("DELETE FROM events WHERE seq <= ?"));
    q.addBindValue(last);
    if (!q.exec()) {
        qCWarning(lcServer).noquote() << "room log: compaction failed:" << q.lastError().text();
        return false;
    }
    m_window.dropUpTo(last);
    return count >= CompactionSlice;
}

QList<RoomEvent> SqliteRoomLog::all() const
{
    return m_window.all();
}

QList<RoomEvent> SqliteRoomLog::after(qint64 since, bool *gap) const
{
    return m_window.after(since, m_seq, gap);
}

std::optional<RoomEvent> SqliteRoomLog::event(qint64 seq) const
{
    if (const RoomEvent *e = m_window.find(seq))
        return *e;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT client, body FROM events WHERE seq = ?"));
    q.addBindValue(seq);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return eventFromRow(seq, q.value(0).toString(), q.value(1).toByteArray());
}

std::optional<qint64> SqliteRoomLog::delivered(const QString &client, const QString &id) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq FROM events WHERE client = ? AND msg_id = ?"));
    q.addBindValue(client);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

} // namespace Parlor
