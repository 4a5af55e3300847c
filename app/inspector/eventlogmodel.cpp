#include "eventlogmodel.h"

#include "client/eventlog.h"
#include "statetimeline.h"
#include "tracewriter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>

#include <limits>

namespace Parlor {

namespace {

bool isMessage(const ConnectionEvent &event)
{
    return event.kind == ConnectionEvent::Kind::MessageIn
           || event.kind == ConnectionEvent::Kind::MessageOut;
}

QString stateName(const QString &recorded)
{
    StateTimeline::State state;
    return StateTimeline::stateFromName(recorded, &state) ? StateTimeline::stateText(state)
                                                          : recorded;
}

// A summary is one line: line breaks and tabs of a preview would break the table row.
QString oneLine(const QString &text)
{
    QString line = text;
    for (QChar &c : line) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    return line;
}

} // namespace

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

void EventLogModel::onAppended(const ConnectionEvent &event)
{
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
            return directionSymbol(directionOf(e));
        case KindColumn:
            return kindText(e.kind);
        case OpcodeColumn:
            return opcodeText(opcodeOf(e));
        case SizeColumn: {
            const qint64 size = sizeOf(e);
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
            return directionText(directionOf(e));
        case SummaryColumn:
            return summaryOf(e);
        default:
            return {};
        }
    case Qt::AccessibleTextRole:
        return column == DirectionColumn ? directionText(directionOf(e)) : QVariant();
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
        return QVariant::fromValue(directionOf(e));
    case OpcodeRole:
        return QVariant::fromValue(opcodeOf(e));
    case SizeRole: {
        const qint64 size = sizeOf(e);
        return size >= 0 ? QVariant(size) : QVariant();
    }
    case FieldsRole:
        return e.fields;
    case FieldsMapRole:
        return e.fields.toVariantMap();
    case TraceJsonRole:
        return TraceWriter::toJson(e);
    case PreviewRole:
        return isMessage(e) ? QVariant(e.text(EventField::preview)) : QVariant();
    case TruncatedRole:
        return isMessage(e) && qint64(previewBytes(e).size()) < sizeOf(e);
    case SummaryRole:
        return summaryOf(e);
    case PrettyJsonRole: {
        if (opcodeOf(e) != Opcode::Text)
            return {};
        const QString pretty = prettyJson(e.text(EventField::preview));
        return pretty.isEmpty() ? QVariant() : QVariant(pretty);
    }
    case HexRole:
        return isMessage(e) ? QVariant(hexDump(previewBytes(e))) : QVariant();
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

EventLogModel::Direction EventLogModel::directionOf(const ConnectionEvent &event)
{
    using Kind = ConnectionEvent::Kind;
    switch (event.kind) {
    case Kind::MessageOut:
    case Kind::Ping:
        return Direction::Out;
    case Kind::MessageIn:
    case Kind::Pong:
        return Direction::In;
    case Kind::Handshake:
        // The request goes out on the wire, the 101 comes in.
        return event.text(EventField::phase) == EventValue::request ? Direction::Out
                                                                    : Direction::In;
    case Kind::Close:
        return event.text(EventField::direction) == EventValue::in ? Direction::In : Direction::Out;
    default:
        return Direction::Local;
    }
}

EventLogModel::Opcode EventLogModel::opcodeOf(const ConnectionEvent &event)
{
    using Kind = ConnectionEvent::Kind;
    switch (event.kind) {
    case Kind::MessageIn:
    case Kind::MessageOut:
        return event.text(EventField::opcode) == EventValue::binary ? Opcode::Binary : Opcode::Text;
    case Kind::Ping:
        return Opcode::Ping;
    case Kind::Pong:
        return Opcode::Pong;
    case Kind::Close:
        return Opcode::Close;
    default:
        return Opcode::None;
    }
}

qint64 EventLogModel::sizeOf(const ConnectionEvent &event)
{
    using Kind = ConnectionEvent::Kind;
    switch (event.kind) {
    case Kind::MessageIn:
    case Kind::MessageOut:
        return qint64(event.fields.value(EventField::size).toDouble(-1));
    case Kind::Ping:
    case Kind::Pong:
        return event.text(EventField::payload).toUtf8().size();
    case Kind::Close:
        return 2 + event.text(EventField::reason).toUtf8().size(); // the code, then the reason
    default:
        return -1;
    }
}

QByteArray EventLogModel::previewBytes(const ConnectionEvent &event)
{
    const QString preview = event.text(EventField::preview);
    // Binary previews are recorded as hex pairs; fromHex skips the spaces.
    return opcodeOf(event) == Opcode::Binary ? QByteArray::fromHex(preview.toLatin1())
                                             : preview.toUtf8();
}

QString EventLogModel::summaryOf(const ConnectionEvent &event)
{
    using Kind = ConnectionEvent::Kind;
    const QJsonObject &f = event.fields;
    switch (event.kind) {
    case Kind::State: {
        QStringList parts{tr("%1 → %2").arg(stateName(event.text(EventField::from)),
                                            stateName(event.text(EventField::to)))};
        if (event.text(EventField::to) == QLatin1String("Closed"))
            parts.append(CloseInfo::fromJson(f).summary());
        return parts.join(QStringLiteral(" · "));
    }
    case Kind::Handshake: {
        QStringList offered;
        for (const QJsonValue &v : f.value(EventField::offered).toArray())
            offered.append(v.toString());
        if (event.text(EventField::phase) == EventValue::request) {
            return offered.isEmpty() ? tr("upgrade request %1 · no subprotocol offered")
                                               .arg(event.text(EventField::url))
                                     : tr("upgrade request %1 · offered: %2")
                                               .arg(event.text(EventField::url),
                                                    offered.join(QStringLiteral(", ")));
        }
        const QString chosen = event.text(EventField::chosen);
        return chosen.isEmpty() ? tr("%1 Switching Protocols · no subprotocol chosen")
                                          .arg(f.value(EventField::status).toInt())
                                : tr("%1 Switching Protocols · chosen: %2")
                                          .arg(f.value(EventField::status).toInt())
                                          .arg(chosen);
    }
    case Kind::MessageIn:
    case Kind::MessageOut: {
        QString text = oneLine(event.text(EventField::preview));
        if (qint64(previewBytes(event).size()) < sizeOf(event))
            text += QChar(0x2026); // …: the preview is the beginning of a longer message
        const int fragments = f.value(EventField::fragments).toInt(1);
        if (fragments > 1)
            return tr("%1 (%n fragments)", nullptr, fragments).arg(text);
        return text;
    }
    case Kind::Ping:
        return tr("payload %1").arg(event.text(EventField::payload));
    case Kind::Pong:
        return tr("rtt %1 ms").arg(f.value(EventField::rttMs).toInteger());
    case Kind::Error: {
        QString text = event.text(EventField::error);
        QStringList problems;
        for (const QJsonValue &v : f.value(EventField::problems).toArray())
            problems.append(v.toString());
        if (!problems.isEmpty())
            text = tr("%1: %2").arg(text, problems.join(QStringLiteral("; ")));
        return oneLine(text);
    }
    case Kind::Reconnect: {
        if (f.value(EventField::cancelled).toBool())
            return tr("reconnect cancelled");
        const QDateTime at = QDateTime::fromString(event.text(EventField::at), Qt::ISODateWithMs);
        return tr("attempt %1 in %2 s, at %3")
                .arg(f.value(EventField::attempt).toInt())
                .arg(f.value(EventField::delayMs).toInt() / 1000.0, 0, 'f', 1)
                .arg(at.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    }
    case Kind::Close: {
        QStringList parts{QStringLiteral("%1 %2")
                                  .arg(f.value(EventField::code).toInt())
                                  .arg(event.text(EventField::codeName))};
        const QString reason = event.text(EventField::reason);
        if (!reason.isEmpty())
            parts.append(tr("“%1”").arg(oneLine(reason)));
        if (f.value(EventField::reply).toBool())
            parts.append(tr("answer to the peer's close"));
        return parts.join(QStringLiteral(" · "));
    }
    }
    return {};
}

QString EventLogModel::kindText(ConnectionEvent::Kind kind)
{
    using Kind = ConnectionEvent::Kind;
    switch (kind) {
    case Kind::State:
        return tr("State");
    case Kind::Handshake:
        return tr("Handshake");
    case Kind::MessageIn:
    case Kind::MessageOut:
        return tr("Message");
    case Kind::Ping:
        return tr("Ping");
    case Kind::Pong:
        return tr("Pong");
    case Kind::Error:
        return tr("Error");
    case Kind::Reconnect:
        return tr("Reconnect");
    case Kind::Close:
        return tr("Close");
    }
    return {};
}

QString EventLogModel::opcodeText(Opcode opcode)
{
    switch (opcode) {
    case Opcode::None:
        return QString(QChar(0x2014)); // —
    case Opcode::Text:
        return tr("text", "WebSocket opcode");
    case Opcode::Binary:
        return tr("binary", "WebSocket opcode");
    case Opcode::Ping:
        return tr("ping", "WebSocket opcode");
    case Opcode::Pong:
        return tr("pong", "WebSocket opcode");
    case Opcode::Close:
        return tr("close", "WebSocket opcode");
    }
    return {};
}

QString EventLogModel::directionSymbol(Direction direction)
{
    switch (direction) {
    case Direction::Out:
        return QString(QChar(0x2191)); // ↑
    case Direction::In:
        return QString(QChar(0x2193)); // ↓
    case Direction::Local:
        return QString(QChar(0x2013)); // –
    }
    return {};
}

QString EventLogModel::directionText(Direction direction)
{
    switch (direction) {
    case Direction::Out:
        return tr("sent");
    case Direction::In:
        return tr("received");
    case Direction::Local:
        return tr("local");
    }
    return {};
}

QString EventLogModel::prettyJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !(document.isObject() || document.isArray()))
        return {};
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
}

QString EventLogModel::hexDump(const QByteArray &bytes)
{
    QString dump;
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        const QByteArray line = bytes.mid(offset, 16);
        QString hex = QString::fromLatin1(line.toHex(' '));
        hex = hex.leftJustified(16 * 3 - 1, QLatin1Char(' '));
        QString ascii;
        for (const char c : line)
            ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        if (!dump.isEmpty())
            dump += QLatin1Char('\n');
        dump += QStringLiteral("%1  %2  |%3|").arg(offset, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return dump;
}

} // namespace Parlor
