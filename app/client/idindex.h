#pragma once

#include <QString>

#include <vector>

namespace Parlor {

class LineStore;

/// Rows of a LineStore found by their lines' message id: a hash table in 256 parts.
///
/// One QHash<QString, int> of a million ids doubled and rehashed every entry within one turn
/// of the event loop while history loaded, and cost about 35 bytes an id. Here each part is a
/// small open-addressing table (linear probing) of (hash, row) pairs, 8 bytes a slot; the id
/// itself is read from the store when a hash matches, so it is not kept twice. A part that
/// fills up grows alone: at a million ids one holds about 4 000, moved in microseconds.
class IdIndex
{
public:
    explicit IdIndex(const LineStore &lines)
        : m_lines(lines)
    {}

    /// Indexes \a row, whose line has its (non-empty) id already. A row indexed before with
    /// the same id is no longer found.
    void insert(int row);
    /// Row of the line with \a id, or -1.
    int rowOf(const QString &id) const;
    /// Forgets \a row; its line must still have the id it was indexed by.
    void remove(int row);
    /// The line in \a row left the store and the later rows moved up one: so do their entries.
    void rowRemoved(int row);
    void clear();
    int size() const { return m_size; }

private:
    struct Slot
    {
        quint32 hash = 0;
        qint32 row = -1; ///< -1: empty
    };
    struct Part
    {
        std::vector<Slot> table; ///< a power of two long, or empty
        int count = 0;
    };

    static constexpr int partBits = 8;
    static constexpr quint32 minSlots = 8;

    quint32 hashOf(const QString &id) const;
    static Part &partOf(std::vector<Part> &parts, quint32 hash)
    {
        return parts[hash >> (32 - partBits)];
    }
    static void grow(Part &part);
    /// Empties \a slot and moves later slots of its probe run back (no tombstones).
    static void erase(Part &part, size_t slot);

    const LineStore &m_lines;
    std::vector<Part> m_parts; ///< made with the first id
    int m_size = 0;
};

} // namespace Parlor
