#pragma once

#include "client/connectionevent.h"
#include "client/eventlog.h"
#include "eventdescription.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <deque>

namespace Parlor {

/// The events of an EventLog as a table for the inspector's Frames tab: one row per event,
/// oldest first, each described by EventDescription. It follows the log live and cheaply: the events appended during one pass of the
/// event loop arrive as one rowsInserted, and the rows whose events the log's ring dropped leave
/// as one rowsRemoved of the first rows. Each row keeps a copy of its event (cheap: the fields
/// are implicitly shared), so a row stays readable until the model removes it.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool paused READ isPaused WRITE setPaused NOTIFY pausedChanged)

public:
    enum Column {
        TimeColumn,      ///< local wall time "HH:mm:ss.zzz"
        DirectionColumn, ///< ↑ sent, ↓ received, – local
        KindColumn,      ///< translated kind
        OpcodeColumn,    ///< text, binary, ping, pong, close or —
        SizeColumn,      ///< payload bytes (number); empty when there is no payload
        SummaryColumn,   ///< one translated line built from the fields
        ColumnCount
    };
    Q_ENUM(Column)

    using Direction = EventDescription::Direction;
    using Opcode = EventDescription::Opcode;

    /// Roles give the same answer in every column.
    enum Role {
        SeqRole = Qt::UserRole + 1, ///< qint64, the event's seq in the log
        KindRole,                   ///< int(ConnectionEvent::Kind)
        KindNameRole,               ///< "state", "message-in", ... (the trace names, untranslated)
        MonotonicMsRole,            ///< qint64, ms since the connection manager was made
        WallTimeRole,               ///< QDateTime, UTC
        DirectionRole,              ///< Direction
        OpcodeRole,                 ///< Opcode
        SizeRole,                   ///< qint64 payload bytes; invalid when none
        FieldsRole,                 ///< QJsonObject, the event's fields as recorded
        FieldsMapRole,              ///< the same as a QVariantMap
        TraceJsonRole,              ///< QJsonObject, the event as a trace line (docs/TRACE.md)
        PreviewRole,                ///< the message's preview (text, or hex pairs for binary)
        TruncatedRole,              ///< the preview is shorter than the message
        SummaryRole,                ///< as SummaryColumn
        PrettyJsonRole, ///< the text preview indented, if it parses as a JSON object or array
        HexRole,        ///< hex dump (offset, 16 bytes, ASCII) of a message's preview bytes
        /// A message of a v12.stomp connection laid out as a STOMP frame (StompFrameView::
        /// details()); invalid for other events. SummaryColumn then says what the frame is.
        StompRole,
    };
    Q_ENUM(Role)

    explicit EventLogModel(QObject *parent = nullptr);

    /// Shows \a log (not owned) and follows it; nullptr detaches. The log's cleared() empties the
    /// model; a destroyed log detaches.
    void setLog(EventLog *log);
    EventLog *log() const { return m_log; }

    /// While paused, the rows do not change: new events are counted (pausedCount()) but not
    /// shown, and rows whose events the ring dropped stay. Resuming shows what is still in the
    /// log at once.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// Events appended since the model was paused (0 while not paused).
    qint64 pausedCount() const { return m_pausedCount; }
    /// Events that fell out of the log's ring since setLog() or the last clear.
    qint64 droppedCount() const;

    /// Applies pending appends now instead of at the next pass of the event loop.
    void flush();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The event shown in \a row (0 <= row < rowCount()).
    const ConnectionEvent &eventAt(int row) const { return m_rows[size_t(row)]; }
    /// The row of the event with \a seq, or -1 (O(1): rows are in seq order).
    int rowOfSeq(qint64 seq) const;

signals:
    void pausedChanged(bool paused);
    /// At most once per pass of the event loop.
    void pausedCountChanged(qint64 count);
    /// At most once per pass of the event loop.
    void droppedCountChanged(qint64 count);

private:
    void onAppended(const ConnectionEvent &event);
    /// Notes whether \a event is a STOMP frame: a message after the upgrade chose v12.stomp.
    void noteProtocol(const ConnectionEvent &event);
    /// The summary of \a e: a STOMP frame's, or EventDescription's.
    QString summaryOf(const ConnectionEvent &e) const;
    void onCleared();
    void scheduleFlush();
    void emitCounts();

    QPointer<EventLog> m_log;
    std::deque<ConnectionEvent> m_rows;
    std::deque<ConnectionEvent> m_pending; ///< appended, not yet shown
    bool m_stompNow = false;               ///< the last upgrade chose v12.stomp
    QSet<qint64> m_stompSeqs;              ///< the events (by seq) that are STOMP frames
    QTimer m_flushTimer;
    bool m_paused = false;
    bool m_replaying = false; ///< inside setLog(): events go straight to the rows
    qint64 m_pausedCount = 0;
    qint64 m_droppedBase = 0;
    qint64 m_emittedPaused = 0;
    qint64 m_emittedDropped = 0;
};

} // namespace Parlor
