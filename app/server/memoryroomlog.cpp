#include "memoryroomlog.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>

namespace Parlor {

namespace {

QString randomIncarnation()
{
    return QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, u'0');
}

} // namespace

MemoryRoomLog::MemoryRoomLog(int historyLength, QObject *parent)
    : RoomLog(parent)
    , m_incarnation(randomIncarnation())
    , m_history(historyLength)
    , m_deliveries(std::max(1024, 4 * historyLength))
{}

void MemoryRoomLog::append(const RoomEvent &draft, Completion done)
{
    const RoomEvent event = stamped(draft, m_incarnation, ++m_seq,
                                    QDateTime::currentMSecsSinceEpoch());
    m_history.append(event);
    m_deliveries.remember(event);
    done(Appended{event, {}});
}

QList<RoomEvent> MemoryRoomLog::all() const
{
    return m_history.all();
}

QList<RoomEvent> MemoryRoomLog::after(qint64 since, bool *gap) const
{
    return m_history.after(since, m_seq, gap);
}

std::optional<RoomEvent> MemoryRoomLog::event(qint64 seq) const
{
    if (const RoomEvent *e = m_history.find(seq))
        return *e;
    return std::nullopt;
}

std::optional<qint64> MemoryRoomLog::delivered(const QString &client, const QString &id) const
{
    return m_deliveries.find(client, id);
}

} // namespace Parlor
