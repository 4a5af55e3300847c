#pragma once

#include "eventhistory.h"
#include "roomconfig.h"
#include "roomlog.h"

#include <QSqlDatabase>
#include <QTimer>

#include <deque>

namespace Parlor {

/// The room's log on disk: SQLite through Qt's QSQLITE driver, in WAL mode, one file
/// (room.sqlite) in the room's data directory. It keeps the incarnation and the numbering
/// across restarts, so a client resuming after a crash gets exactly what it missed, and a
/// re-sent `say` is still recognized.
///
/// Durability: appends are committed in groups — everything appended within one pass of the
/// event loop goes into one transaction, synced to disk (synchronous=FULL) — and only then
/// completed, so nothing is broadcast or acknowledged that a crash or power cut could take
/// back. Old events are compacted away past the retention (count and age), a slice at a time.
class SqliteRoomLog : public RoomLog
{
    Q_OBJECT

public:
    /// The file format this version writes and reads. A file of a newer format is refused.
    static constexpr int FormatVersion = 1;
    /// Past the last seq a client can read exactly (JSON numbers are doubles): a file whose
    /// numbering reached it, or went below 0, is refused.
    static constexpr qint64 MaxSeq = (qint64(1) << 53) - 1;
    /// Rows deleted per compaction step, so the room never waits long for one.
    static constexpr int CompactionSlice = 1000;

    /// Keeps \a config's historyLength events in memory for welcome and resume; its
    /// retainEvents, retainDays and maxLogBytes bound what stays on disk.
    explicit SqliteRoomLog(const RoomConfig &config, QObject *parent = nullptr);
    ~SqliteRoomLog() override;

    /// Opens the log in \a directory, making both if needed. False with errorString() when it
    /// cannot: the directory cannot be written, the file is of a newer format, or it is not a
    /// database (a file that SQLite cannot read is never overwritten).
    bool open(const QString &directory);
    bool isOpen() const { return m_db.isOpen(); }
    QString errorString() const { return m_error; }
    QString fileName() const;

    QString incarnation() const override { return m_incarnation; }
    qint64 lastSeq() const override { return m_seq; }
    void append(const RoomEvent &draft, Completion done) override;
    QList<RoomEvent> all() const override;
    QList<RoomEvent> after(qint64 since, bool *gap) const override;
    std::optional<RoomEvent> event(qint64 seq) const override;
    std::optional<qint64> delivered(const QString &client, const QString &id) const override;

    /// Commits what is pending now rather than at the next pass of the event loop.
    void commit();
    /// Deletes one slice of events past the retention; true while more remain to delete.
    bool compactSlice();

private:
    bool fail(const QString &error);
    bool createOrCheckSchema();
    /// What is wrong with the shape of the tables, or nothing.
    QString schemaProblem() const;
    void loadWindow();

    int m_windowLength = 0;
    qint64 m_retainEvents = 0;
    int m_retainDays = 0;
    qint64 m_maxBytes = 0;
    QString m_connection; ///< this log's QSqlDatabase connection name
    QSqlDatabase m_db;
    QString m_error;
    QString m_incarnation;
    qint64 m_seq = 0;
    EventHistory m_window;
    std::deque<std::pair<RoomEvent, Completion>> m_pending;
    QTimer m_commitTimer;
    QTimer m_compactTimer;
};

} // namespace Parlor
