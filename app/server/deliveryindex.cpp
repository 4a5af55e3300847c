#include "deliveryindex.h"

namespace Parlor {

DeliveryIndex::DeliveryIndex(int capacity)
    : m_capacity(capacity)
{}

void DeliveryIndex::remember(const RoomEvent &event)
{
    if (event.kind != RoomEvent::Kind::Message || event.client.isEmpty())
        return;
    const QString k = key(event.client, event.id);
    m_seqs.insert(k, event.seq);
    m_order.enqueue(k);
    while (m_order.size() > m_capacity)
        m_seqs.remove(m_order.dequeue());
}

std::optional<qint64> DeliveryIndex::find(const QString &client, const QString &id) const
{
    const auto it = m_seqs.constFind(key(client, id));
    if (it == m_seqs.cend())
        return std::nullopt;
    return *it;
}

} // namespace Parlor
