#pragma once

#include <QtGlobal>

#include <vector>

namespace Parlor {

/// The heights of a list's rows and where each row starts, for a view that lays out only what
/// it shows. A row never laid out has an estimated height (made from a key the view computes
/// cheaply when the row arrives); once laid out, its height is exact. The running sums live in
/// a Fenwick tree, so a row's position, the row at a position and a change of one height all
/// cost O(log n), and appending a row costs O(log n): a live message does not grow dearer with
/// the length of the chat.
class RowHeights
{
public:
    int count() const { return int(m_heights.size()); }
    void clear();
    void reserve(int rows);

    /// Adds a row at the end with an estimated \a height and its estimate's \a key.
    void append(int height, quint32 key);
    /// Inserts \a count rows before \a row with estimated height \a height and key 0 (O(n)).
    void insert(int row, int count, int height);
    /// Removes \a count rows from \a row on (O(n)).
    void remove(int row, int count);

    int height(int row) const { return int(m_heights[size_t(row)] >> 1); }
    bool isExact(int row) const { return m_heights[size_t(row)] & 1; }
    quint32 key(int row) const { return m_keys[size_t(row)]; }
    void setKey(int row, quint32 key) { m_keys[size_t(row)] = key; }
    /// Sets \a row's height; \a exact: laid out (not estimated).
    void setHeight(int row, int height, bool exact);
    /// Rows \a first to \a last (clamped) must be laid out again; their heights stay as the
    /// estimate meanwhile.
    void markInexact(int first, int last);
    /// Every row: a new estimate from \a estimate(key), none exact (the width or font changed).
    template<typename Estimate>
    void reestimate(Estimate estimate)
    {
        for (size_t i = 0; i < m_heights.size(); ++i)
            m_heights[i] = quint32(std::max(1, int(estimate(m_keys[i])))) << 1;
        rebuild();
    }

    /// The y of \a row's top; count() gives the total height.
    qint64 top(int row) const;
    qint64 total() const { return m_total; }
    /// The row that covers \a y; -1 when \a y is above the first row or below the last.
    int rowAt(qint64 y) const;

private:
    void rebuild();

    std::vector<quint32> m_heights; ///< height << 1 | exact
    std::vector<quint32> m_keys;
    std::vector<qint64> m_tree; ///< Fenwick tree, 1-based: m_tree[i] sums (i - lowbit(i), i]
    qint64 m_total = 0;
    int m_topBit = 0; ///< the highest power of two <= count(), for rowAt()
};

} // namespace Parlor
