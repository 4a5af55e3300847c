#include "eventlogmodel.h"

#include "client/eventlog.h"
#include "stompframeview.h"
#include "tracewriter.h"

#include <QDateTime>
#include <QMetaEnum>

#include <limits>

namespace Parlor {

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // Zero-timer coalescing: however many events arrive in one pass of the event loop, views
    // and proxies see one insert (a QSortFilterProxyModel pays O(rows) per source signal).
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventLogModel::flush);
}

void EventLogModel::setLog(EventLog *log)
{
    if (m_log == log)
        return;
    if (m_log)
        m_log->disconnect(this);
    m_flushTimer.stop();
    beginResetModel();
    m_log = log;
    m_rows.clear();
    m_pending.clear();
    m_stompNow = false;
    m_stompSeqs.clear();
    m_pausedCount = 0;
    m_droppedBase = log ? log->droppedCount() : 0;
    if (log) {
        m_replaying = true; // what the log holds now is part of the reset, not an insert
        log->follow(this, &EventLogModel::onAppended, &EventLogModel::onCleared);
        m_replaying = false;
    }
    endResetModel();
    emitCounts();
    if (!log)
        return;
    connect(log, &QObject::destroyed, this, [this] {
        // The copies stay readable: show the last events (often the close that led to the
        // log's end) and stop following.
        m_flushTimer.stop();
        if (!m_pending.empty() && !m_paused) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(m_pending.size()) - 1);
            std::move(m_pending.begin(), m_pending.end(), std::back_inserter(m_rows));
            m_pending.clear();
            endInsertRows();
        }
        m_pending.clear();
    });
}

void EventLogModel::noteProtocol(const ConnectionEvent &event)
{
    // Events come in order: the upgrade's answer says what the messages after it are.
    if (event.kind == ConnectionEvent::Kind::Handshake) {
        m_stompNow = event.text(EventField::phase) == EventValue::response
                     && event.text(EventField::chosen) == QLatin1String("v12.stomp");
    } else if (m_stompNow && EventDescription::isMessage(event)) {
        m_stompSeqs.insert(event.seq);
    }
}

QString EventLogModel::summaryOf(const ConnectionEvent &e) const
{
    if (m_stompSeqs.contains(e.seq)) {
        const StompFrameView frame = StompFrameView::read(EventDescription::previewBytes(e),
                                                          EventDescription::sizeOf(e));
        if (frame.isFrame() || frame.isHeartBeat())
            return frame.summary();
    }
    return EventDescription::summaryOf(e);
}

void EventLogModel::onAppended(const ConnectionEvent &event)
{
    noteProtocol(event);
    if (m_replaying) {
        m_rows.push_back(event);
        return;
    }
    // O(1) per event: the work waits for flush().
    m_pending.push_back(event);
    // What exceeds the ring's capacity has surely been dropped from the log already.
    if (m_log && m_pending.size() > size_t(m_log->capacity()))
        m_pending.pop_front();
    if (m_paused)
        ++m_pausedCount;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void EventLogModel::flush()
{
    m_flushTimer.stop();
    if (m_log && !m_paused) {
        const qint64 firstKept = m_log->size() > 0 ? m_log->at(0).seq
                                                   : std::numeric_limits<qint64>::max();
        // Rows are in seq order, so the dropped ones are a prefix: one removal for all of them.
        size_t drop = 0;
        while (drop < m_rows.size() && m_rows[drop].seq < firstKept)
            ++drop;
        if (drop > 0) {
            for (size_t i = 0; i < drop; ++i)
                m_stompSeqs.remove(m_rows[i].seq);
            beginRemoveRows({}, 0, int(drop) - 1);
            m_rows.erase(m_rows.begin(), m_rows.begin() + qsizetype(drop));
            endRemoveRows();
        }
        while (!m_pending.empty() && m_pending.front().seq < firstKept)
            m_pending.pop_front();
        if (!m_pending.empty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(m_pending.size()) - 1);
            std::move(m_pending.begin(), m_pending.end(), std::back_inserter(m_rows));
            m_pending.clear();
            endInsertRows();
        }
    }
    emitCounts();
}

void EventLogModel::onCleared()
{
    m_flushTimer.stop();
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_stompSeqs.clear();
    m_pausedCount = 0;
    m_droppedBase = m_log ? m_log->droppedCount() : 0;
    endResetModel();
    emitCounts();
}

void EventLogModel::emitCounts()
{
    if (m_pausedCount != m_emittedPaused) {
        m_emittedPaused = m_pausedCount;
        emit pausedCountChanged(m_pausedCount);
    }
    const qint64 dropped = droppedCount();
    if (dropped != m_emittedDropped) {
        m_emittedDropped = dropped;
        emit droppedCountChanged(dropped);
    }
}

void EventLogModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    // Show what arrived before the pause, so the frozen view is the log as it was.
    if (paused)
        flush();
    m_paused = paused;
    m_pausedCount = 0;
    if (!paused)
        flush();
    else
        emitCounts();
    emit pausedChanged(paused);
}

qint64 EventLogModel::droppedCount() const
{
    return m_log ? m_log->droppedCount() - m_droppedBase : 0;
}

int EventLogModel::rowOfSeq(qint64 seq) const
{
    if (m_rows.empty())
        return -1;
    // Rows hold consecutive seqs (a suffix of the log); the search is the fallback.
    const qint64 guess = seq - m_rows.front().seq;
    if (guess >= 0 && guess < qint64(m_rows.size()) && m_rows[size_t(guess)].seq == seq)
        return int(guess);
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), seq,
                                     [](const ConnectionEvent &e, qint64 s) { return e.seq < s; });
    return it != m_rows.end() && it->seq == seq ? int(it - m_rows.begin()) : -1;
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConnectionEvent &e = m_rows[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.wallMs).toString(
                    QStringLiteral("HH:mm:ss.zzz"));
        case DirectionColumn:
            return EventDescription::directionSymbol(EventDescription::directionOf(e));
        case KindColumn:
            return EventDescription::kindText(e.kind);
        case OpcodeColumn:
            return EventDescription::opcodeText(EventDescription::opcodeOf(e));
        case SizeColumn: {
            const qint64 size = EventDescription::sizeOf(e);
            return size >= 0 ? QVariant(size) : QVariant();
        }
        case SummaryColumn:
            return summaryOf(e);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (column) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.wallMs).toString(Qt::ISODateWithMs);
        case DirectionColumn:
            return EventDescription::directionText(EventDescription::directionOf(e));
        case SummaryColumn:
            return summaryOf(e);
        default:
            return {};
        }
    case Qt::AccessibleTextRole:
        return column == DirectionColumn
                       ? EventDescription::directionText(EventDescription::directionOf(e))
                       : QVariant();
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (column == DirectionColumn)
            return int(Qt::AlignCenter);
        return {};
    case SeqRole:
        return e.seq;
    case KindRole:
        return int(e.kind);
    case KindNameRole:
        return ConnectionEvent::kindName(e.kind);
    case MonotonicMsRole:
        return e.monotonicMs;
    case WallTimeRole:
        return QDateTime::fromMSecsSinceEpoch(e.wallMs, Qt::UTC);
    case DirectionRole:
        return QVariant::fromValue(EventDescription::directionOf(e));
    case OpcodeRole:
        return QVariant::fromValue(EventDescription::opcodeOf(e));
    case SizeRole: {
        const qint64 size = EventDescription::sizeOf(e);
        return size >= 0 ? QVariant(size) : QVariant();
    }
    case FieldsRole:
        return e.fields;
    case FieldsMapRole:
        return e.fields.toVariantMap();
    case TraceJsonRole:
        return TraceWriter::toJson(e);
    case PreviewRole:
        return EventDescription::isMessage(e) ? QVariant(e.text(EventField::preview)) : QVariant();
    case TruncatedRole:
        return EventDescription::isMessage(e)
               && qint64(EventDescription::previewBytes(e).size()) < EventDescription::sizeOf(e);
    case SummaryRole:
        return summaryOf(e);
    case StompRole: {
        if (!m_stompSeqs.contains(e.seq))
            return {};
        const QString details = StompFrameView::read(EventDescription::previewBytes(e),
                                                     EventDescription::sizeOf(e))
                                        .details();
        return details.isEmpty() ? QVariant() : QVariant(details);
    }
    case PrettyJsonRole: {
        if (EventDescription::opcodeOf(e) != EventDescription::Opcode::Text)
            return {};
        const QString pretty = EventDescription::prettyJson(e.text(EventField::preview));
        return pretty.isEmpty() ? QVariant() : QVariant(pretty);
    }
    case HexRole:
        return EventDescription::isMessage(e)
                       ? QVariant(EventDescription::hexDump(EventDescription::previewBytes(e)))
                       : QVariant();
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Direction");
    case KindColumn:
        return tr("Kind");
    case OpcodeColumn:
        return tr("Opcode");
    case SizeColumn:
        return tr("Size");
    case SummaryColumn:
        return tr("Summary");
    default:
        return {};
    }
}

QHash<int, QByteArray> EventLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    const QMetaEnum roles = QMetaEnum::fromType<Role>();
    for (int i = 0; i < roles.keyCount(); ++i) {
        QByteArray name = roles.key(i); // "SeqRole" -> "seq"
        name.chop(4);
        name[0] = char(QChar::toLower(uint(name[0])));
        names.insert(roles.value(i), name);
    }
    return names;
}

} // namespace Parlor
