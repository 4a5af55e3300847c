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

QString deliveryKey(const QString &client, const QString &id)
{
    return client + u'\n' + id;
}

} // namespace

MemoryRoomLog::MemoryRoomLog(int historyLength, QObject *parent)
    : RoomLog(parent)
    , m_incarnation(randomIncarnation())
    , m_history(historyLength)
    , m_deliveryCapacity(std::max(1024, 4 * historyLength))
{}

void MemoryRoomLog::append(const RoomEvent &draft, Completion done)
{
    const RoomEvent event = stamped(draft, m_incarnation, ++m_seq,
                                    QDateTime::currentMSecsSinceEpoch());
    m_history.append(event);
    if (event.kind == RoomEvent::Kind::Message && !event.client.isEmpty()) {
        const QString key = deliveryKey(event.client, event.id);
        m_deliveries.insert(key, event.seq);
        m_deliveryOrder.enqueue(key);
        while (m_deliveryOrder.size() > m_deliveryCapacity)
            m_deliveries.remove(m_deliveryOrder.dequeue());
    }
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
    const auto it = m_deliveries.constFind(deliveryKey(client, id));
    if (it == m_deliveries.cend())
        return std::nullopt;
    return *it;
}

} // namespace Parlor
