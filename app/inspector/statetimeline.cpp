#include "statetimeline.h"

#include "client/eventlog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QMetaEnum>

#include <algorithm>

namespace Parlor {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        list.append(v.toString());
    return list;
}

} // namespace

StateTimeline::StateTimeline(QObject *parent)
    : QAbstractListModel(parent)
{}

void StateTimeline::setLog(EventLog *log)
{
    if (m_log == log)
        return;
    if (m_log)
        m_log->disconnect(this);
    m_log = log;
    // One modelReset for the whole history instead of a row signal per transition.
    beginResetModel();
    m_resetting = true;
    clear();
    if (m_log)
        m_log->follow(this, &StateTimeline::addEvent, &StateTimeline::onCleared);
    m_resetting = false;
    endResetModel();
}

void StateTimeline::onCleared()
{
    clear();
}

void StateTimeline::clear()
{
    removeFirstRows(int(m_rows.size()));
    m_current = State::Closed;
    m_totalMs.fill(0);
    m_entries.fill(0);
    m_openedAtMs = -1;
    m_attempt = {};
    setSchedule(false, -1, {});
}

void StateTimeline::setMaximumRows(int rows)
{
    m_maximumRows = std::max(rows, 1);
    removeFirstRows(int(m_rows.size()) - m_maximumRows);
}

void StateTimeline::removeFirstRows(int count)
{
    if (count <= 0)
        return;
    if (!m_resetting)
        beginRemoveRows({}, 0, count - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    if (!m_resetting)
        endRemoveRows();
}

void StateTimeline::rowChanged(int row, const QList<int> &roles)
{
    if (!m_resetting)
        emit dataChanged(index(row), index(row), roles);
}

void StateTimeline::addEvent(const ConnectionEvent &event)
{
    switch (event.kind) {
    case ConnectionEvent::Kind::State:
        addState(event);
        return;
    case ConnectionEvent::Kind::Reconnect:
        addReconnect(event);
        return;
    case ConnectionEvent::Kind::Handshake:
        if (event.fields.value(EventField::phase).toString() == EventValue::request) {
            m_attempt.offered = stringList(event.fields.value(EventField::offered));
            m_attempt.proxy = event.fields.value(EventField::proxy).toString();
        } else if (!event.fields.value(EventField::refused).toBool()) {
            m_attempt.upgraded = true;
            m_attempt.chosen = event.fields.value(EventField::chosen).toString();
            if (m_attempt.offered.isEmpty())
                m_attempt.offered = stringList(event.fields.value(EventField::offered));
        }
        return;
    case ConnectionEvent::Kind::Error: {
        const QJsonValue socketError = event.fields.value(EventField::socketError);
        const QString sha256 = event.fields.value(EventField::sha256).toString();
        // Qt may report an attempt's error after its Closed (docs/TRACE.md): it still belongs to
        // that close, as long as no new attempt began.
        const int row = m_current == State::Closed ? lastClosedRow() : -1;
        if (row >= 0 && row == int(m_rows.size()) - 1) {
            Entry &e = m_rows[size_t(row)];
            if (socketError.isDouble() && e.attempt.socketError < 0)
                e.attempt.socketError = socketError.toInt();
            if (!sha256.isEmpty() && e.close.certificateFingerprint.isEmpty()) {
                e.close.certificateFingerprint = sha256;
                e.close.certificateSubject = event.fields.value(EventField::subject).toString();
            }
            rowChanged(row);
            return;
        }
        if (socketError.isDouble())
            m_attempt.socketError = socketError.toInt();
        if (!sha256.isEmpty()) {
            m_tlsFingerprint = sha256;
            m_tlsSubject = event.fields.value(EventField::subject).toString();
        }
        return;
    }
    default:
        return;
    }
}

void StateTimeline::addState(const ConnectionEvent &event)
{
    Entry entry;
    entry.seq = event.seq;
    entry.monotonicMs = event.monotonicMs;
    entry.wallMs = event.wallMs;
    entry.url = event.fields.value(EventField::url).toString();
    if (!stateFromName(event.fields.value(EventField::from).toString(), &entry.from)
        || !stateFromName(event.fields.value(EventField::to).toString(), &entry.to)) {
        return; // not a transition this build knows: nothing sensible to draw
    }

    if (!m_rows.empty()) {
        Entry &previous = m_rows.back();
        previous.durationMs = std::max<qint64>(0, entry.monotonicMs - previous.monotonicMs);
        m_totalMs[size_t(previous.to)] += previous.durationMs;
        rowChanged(int(m_rows.size()) - 1, {DurationMsRole, IsCurrentRole});
    }

    switch (entry.to) {
    case State::Connecting:
        m_attempt = {};
        m_attempt.phase = HandshakeExplainer::Phase::Handshake;
        m_tlsSubject.clear();
        m_tlsFingerprint.clear();
        m_openedAtMs = -1;
        setSchedule(false, -1, {});
        break;
    case State::Open:
        m_attempt.phase = HandshakeExplainer::Phase::Open;
        m_openedAtMs = entry.monotonicMs;
        break;
    case State::Closing:
        break;
    case State::Closed: {
        CloseInfo &c = entry.close;
        c = CloseInfo::fromJson(event.fields);
        c.certificateSubject = m_tlsSubject;
        c.certificateFingerprint = m_tlsFingerprint;
        entry.attempt = m_attempt;
        // A log attached half-way has not seen the attempt begin: the transition still tells.
        if (entry.attempt.phase == HandshakeExplainer::Phase::Unknown) {
            entry.attempt.phase = entry.from == State::Connecting
                                          ? HandshakeExplainer::Phase::Handshake
                                          : HandshakeExplainer::Phase::Open;
        }
        if (entry.attempt.phase == HandshakeExplainer::Phase::Open && m_openedAtMs >= 0)
            entry.attempt.openMs = entry.monotonicMs - m_openedAtMs;
        // The delay and time come with the Reconnect event right after this one.
        setSchedule(c.reconnectScheduled, -1, {});
        break;
    }
    }

    m_current = entry.to;
    ++m_entries[size_t(entry.to)];
    removeFirstRows(int(m_rows.size()) - m_maximumRows + 1);
    const int row = int(m_rows.size());
    if (!m_resetting)
        beginInsertRows({}, row, row);
    m_rows.push_back(std::move(entry));
    if (!m_resetting)
        endInsertRows();
}

void StateTimeline::addReconnect(const ConnectionEvent &event)
{
    const QJsonObject &f = event.fields;
    const int row = lastClosedRow();
    if (f.value(EventField::cancelled).toBool()) {
        if (row >= 0) {
            m_rows[size_t(row)].reconnectCancelled = true;
            rowChanged(row);
        }
        setSchedule(false, -1, {});
        return;
    }
    const int delayMs = f.value(EventField::delayMs).toInt();
    QDateTime at = QDateTime::fromString(f.value(EventField::at).toString(), Qt::ISODateWithMs);
    if (!at.isValid()) // the time the event was recorded plus the delay is as good
        at = QDateTime::fromMSecsSinceEpoch(event.wallMs + delayMs, Qt::UTC);
    at = at.toUTC();
    if (row >= 0) {
        Entry &e = m_rows[size_t(row)];
        e.reconnectAttempt = f.value(EventField::attempt).toInt();
        CloseInfo &c = e.close;
        c.reconnectScheduled = true;
        c.reconnectDelayMs = delayMs;
        c.reconnectAt = at;
        // CloseInfo counts the attempts that failed before this close, the event this one too.
        c.attempt = std::max(0, e.reconnectAttempt - 1);
        c.nextServer = f.value(EventField::url).toString();
        c.serverCount = f.value(EventField::serverCount).toInt(1);
        c.serversDown = f.value(EventField::serversDown).toInt();
        rowChanged(row);
    }
    setSchedule(true, delayMs, at);
}

void StateTimeline::setSchedule(bool scheduled, int delayMs, const QDateTime &at)
{
    if (scheduled == m_reconnectScheduled && delayMs == m_reconnectDelayMs && at == m_reconnectAt)
        return;
    m_reconnectScheduled = scheduled;
    m_reconnectDelayMs = delayMs;
    m_reconnectAt = at;
    emit reconnectScheduleChanged();
}

int StateTimeline::lastClosedRow() const
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows[size_t(row)].to == State::Closed)
            return row;
    }
    return -1;
}

int StateTimeline::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant StateTimeline::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Entry &e = m_rows[size_t(row)];
    const bool closed = e.to == State::Closed;
    switch (role) {
    case Qt::DisplayRole:
        return display(e);
    case Qt::AccessibleTextRole:
        // What the timeline draws beside the state, its time, in words too.
        return tr("%1: %2").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(e.wallMs)
                                                           .toLocalTime()
                                                           .time(),
                                                   QLocale::ShortFormat),
                                display(e));
    case Qt::ToolTipRole: {
        if (!closed)
            return display(e);
        const QString explanation = HandshakeExplainer::explain(e.close, e.attempt);
        return explanation.isEmpty() ? e.close.meaning() : explanation;
    }
    case StateRole:
        return QVariant::fromValue(e.to);
    case FromStateRole:
        return QVariant::fromValue(e.from);
    case StateNameRole:
        return stateText(e.to);
    case SeqRole:
        return e.seq;
    case MonotonicMsRole:
        return e.monotonicMs;
    case WallTimeRole:
        return QDateTime::fromMSecsSinceEpoch(e.wallMs, Qt::UTC);
    case DurationMsRole:
        return e.durationMs;
    case IsCurrentRole:
        return row == int(m_rows.size()) - 1;
    case UrlRole:
        return closed ? e.close.nextServer : e.url;
    default:
        break;
    }
    if (!closed)
        return {};
    const CloseInfo &c = e.close;
    switch (role) {
    case ReasonRole:
        return QVariant::fromValue(c.reason);
    case ReasonTextRole:
        return CloseInfo::reasonText(c.reason);
    case CodeRole:
        return c.code;
    case CodeNameRole:
        return c.codeName;
    case CodeMeaningRole:
        return c.meaning();
    case CloseReasonRole:
        return c.closeReason;
    case CleanRole:
        return c.clean;
    case ErrorRole:
        return c.errorString;
    case HttpStatusRole:
        return c.httpStatus;
    case ReconnectScheduledRole:
        return c.reconnectScheduled;
    case ReconnectDelayMsRole:
        return c.reconnectScheduled ? c.reconnectDelayMs : -1;
    case ReconnectAtRole:
        return c.reconnectAt;
    case ReconnectAttemptRole:
        return e.reconnectAttempt;
    case ReconnectCancelledRole:
        return e.reconnectCancelled;
    case OfferedRole:
        return e.attempt.offered;
    case ChosenRole:
        return e.attempt.upgraded ? QVariant(e.attempt.chosen) : QVariant();
    case FailureRole:
        return QVariant::fromValue(HandshakeExplainer::failure(c, e.attempt));
    case ExplanationRole:
        return HandshakeExplainer::explain(c, e.attempt);
    case AllServersDownRole:
        return c.allServersDown();
    default:
        return {};
    }
}

QString StateTimeline::display(const Entry &e) const
{
    if (e.to != State::Closed) {
        return e.url.isEmpty() ? stateText(e.to) : tr("%1 · %2").arg(stateText(e.to), e.url);
    }
    const CloseInfo &c = e.close;
    QStringList parts{stateText(e.to), c.summary()};
    // Still true when the user then cancelled the next round.
    if (c.allServersDown())
        parts.append(tr("none of the %1 servers could be reached").arg(c.serverCount));
    if (e.reconnectCancelled) {
        parts.append(tr("reconnect cancelled"));
    } else if (c.reconnectScheduled && c.reconnectDelayMs >= 0) {
        const QString seconds = QString::number(c.reconnectDelayMs / 1000.0, 'f', 1);
        parts.append(c.nextServer.isEmpty()
                             ? tr("reconnect in %1 s").arg(seconds)
                             : tr("reconnect to %1 in %2 s").arg(c.nextServer, seconds));
    }
    return parts.join(QStringLiteral(" · "));
}

QHash<int, QByteArray> StateTimeline::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    const QMetaEnum roles = QMetaEnum::fromType<Role>();
    for (int i = 0; i < roles.keyCount(); ++i) {
        // "StateRole" -> "state", "ReconnectAtRole" -> "reconnectAt"
        QByteArray name = roles.key(i);
        name.chop(4);
        name[0] = char(QChar::toLower(uint(name[0])));
        names.insert(roles.value(i), name);
    }
    return names;
}

CloseInfo StateTimeline::closeInfo(int row) const
{
    if (row < 0 || row >= int(m_rows.size()) || m_rows[size_t(row)].to != State::Closed)
        return {};
    return m_rows[size_t(row)].close;
}

HandshakeExplainer::Attempt StateTimeline::attempt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    return m_rows[size_t(row)].attempt;
}

QString StateTimeline::stateText(State state)
{
    switch (state) {
    case State::Closed:
        return tr("Closed");
    case State::Connecting:
        return tr("Connecting");
    case State::Open:
        return tr("Open");
    case State::Closing:
        return tr("Closing");
    }
    return {};
}

bool StateTimeline::stateFromName(const QString &name, State *state)
{
    bool ok = false;
    const int value = QMetaEnum::fromType<State>().keyToValue(name.toLatin1().constData(), &ok);
    if (ok && state)
        *state = State(value);
    return ok;
}

} // namespace Parlor
