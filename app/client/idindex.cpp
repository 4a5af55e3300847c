#include "idindex.h"

#include "linestore.h"

#include <QHashFunctions>

namespace Parlor {

quint32 IdIndex::hashOf(const QString &id) const
{
    // Seeded as QHash seeds: ids come from the network, and a fixed hash could be flooded.
    const size_t h = qHash(id, QHashSeed::globalSeed());
    return quint32(h) ^ quint32(quint64(h) >> 32);
}

void IdIndex::grow(Part &part)
{
    std::vector<Slot> old;
    old.swap(part.table);
    part.table.resize(std::max<size_t>(minSlots, old.size() * 2));
    const size_t mask = part.table.size() - 1;
    for (const Slot &s : old) {
        if (s.row < 0)
            continue;
        size_t i = s.hash & mask;
        while (part.table[i].row >= 0)
            i = (i + 1) & mask;
        part.table[i] = s;
    }
}

void IdIndex::insert(int row)
{
    const QString &id = m_lines.at(row).id;
    if (m_parts.empty())
        m_parts.resize(size_t(1) << partBits);
    const quint32 hash = hashOf(id);
    Part &part = partOf(m_parts, hash);
    // At most three quarters full: the probe runs of linear probing stay short.
    if ((size_t(part.count) + 1) * 4 > part.table.size() * 3)
        grow(part);
    const size_t mask = part.table.size() - 1;
    size_t i = hash & mask;
    for (; part.table[i].row >= 0; i = (i + 1) & mask) {
        if (part.table[i].hash == hash && m_lines.at(part.table[i].row).id == id) {
            part.table[i].row = row;
            return;
        }
    }
    part.table[i] = {hash, row};
    ++part.count;
    ++m_size;
}

int IdIndex::rowOf(const QString &id) const
{
    if (m_parts.empty() || id.isEmpty())
        return -1;
    const quint32 hash = hashOf(id);
    const Part &part = m_parts[hash >> (32 - partBits)];
    if (part.table.empty())
        return -1;
    const size_t mask = part.table.size() - 1;
    for (size_t i = hash & mask; part.table[i].row >= 0; i = (i + 1) & mask) {
        if (part.table[i].hash == hash && m_lines.at(part.table[i].row).id == id)
            return part.table[i].row;
    }
    return -1;
}

void IdIndex::remove(int row)
{
    if (m_parts.empty())
        return;
    const quint32 hash = hashOf(m_lines.at(row).id);
    Part &part = partOf(m_parts, hash);
    if (part.table.empty())
        return;
    const size_t mask = part.table.size() - 1;
    for (size_t i = hash & mask; part.table[i].row >= 0; i = (i + 1) & mask) {
        if (part.table[i].row == row) {
            erase(part, i);
            --part.count;
            --m_size;
            return;
        }
    }
}

void IdIndex::erase(Part &part, size_t slot)
{
    const size_t mask = part.table.size() - 1;
    size_t hole = slot;
    for (size_t j = (hole + 1) & mask; part.table[j].row >= 0; j = (j + 1) & mask) {
        // The entry in j may fill the hole unless its home lies cyclically in (hole, j]: then
        // moving it before its home would hide it from lookups.
        const size_t home = part.table[j].hash & mask;
        const bool homeBetween = hole <= j ? (hole < home && home <= j)
                                           : (hole < home || home <= j);
        if (homeBetween)
            continue;
        part.table[hole] = part.table[j];
        hole = j;
    }
    part.table[hole] = Slot{};
}

void IdIndex::rowRemoved(int row)
{
    for (Part &part : m_parts) {
        for (Slot &s : part.table) {
            if (s.row > row)
                --s.row;
        }
    }
}

void IdIndex::clear()
{
    m_parts.clear();
    m_size = 0;
}

} // namespace Parlor
