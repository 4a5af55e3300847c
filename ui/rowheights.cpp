#include "rowheights.h"

#include <algorithm>

namespace Parlor {

namespace {

int lowBit(size_t i)
{
    return int(i & (~i + 1));
}

int highestPowerOfTwo(size_t n)
{
    size_t bit = 1;
    while (bit * 2 <= n)
        bit *= 2;
    return n == 0 ? 0 : int(bit);
}

} // namespace

void RowHeights::clear()
{
    m_heights.clear();
    m_keys.clear();
    m_tree.assign(1, 0);
    m_total = 0;
    m_topBit = 0;
}

void RowHeights::reserve(int rows)
{
    m_heights.reserve(size_t(rows));
    m_keys.reserve(size_t(rows));
    m_tree.reserve(size_t(rows) + 1);
}

void RowHeights::append(int height, quint32 key)
{
    height = std::max(1, height);
    if (m_tree.empty())
        m_tree.assign(1, 0);
    m_heights.push_back(quint32(height) << 1);
    m_keys.push_back(key);
    // The new node i covers (i - lowbit(i), i]: the sum of the rows before it in that range is
    // prefix(i - 1) - prefix(i - lowbit(i)), both O(log n).
    const size_t i = m_heights.size();
    const qint64 before = top(int(i) - 1) - top(int(i) - lowBit(i));
    m_tree.push_back(before + height);
    m_total += height;
    m_topBit = highestPowerOfTwo(i);
}

void RowHeights::insert(int row, int count, int height)
{
    row = std::clamp(row, 0, this->count());
    m_heights.insert(m_heights.begin() + row, size_t(count), quint32(std::max(1, height)) << 1);
    m_keys.insert(m_keys.begin() + row, size_t(count), 0);
    rebuild();
}

void RowHeights::remove(int row, int count)
{
    row = std::clamp(row, 0, this->count());
    count = std::clamp(count, 0, this->count() - row);
    m_heights.erase(m_heights.begin() + row, m_heights.begin() + row + count);
    m_keys.erase(m_keys.begin() + row, m_keys.begin() + row + count);
    rebuild();
}

void RowHeights::setHeight(int row, int height, bool exact)
{
    height = std::max(1, height);
    const qint64 delta = qint64(height) - this->height(row);
    m_heights[size_t(row)] = quint32(height) << 1 | (exact ? 1 : 0);
    if (delta == 0)
        return;
    for (size_t i = size_t(row) + 1; i < m_tree.size(); i += size_t(lowBit(i)))
        m_tree[i] += delta;
    m_total += delta;
}

void RowHeights::markInexact(int first, int last)
{
    first = std::max(0, first);
    last = std::min(last, count() - 1);
    for (int row = first; row <= last; ++row)
        m_heights[size_t(row)] &= ~quint32(1);
}

qint64 RowHeights::top(int row) const
{
    qint64 sum = 0;
    for (size_t i = size_t(std::clamp(row, 0, count())); i > 0; i -= size_t(lowBit(i)))
        sum += m_tree[i];
    return sum;
}

int RowHeights::rowAt(qint64 y) const
{
    if (y < 0 || y >= m_total)
        return -1;
    // Descends the tree: the largest prefix whose sum is <= y is the number of rows above.
    size_t pos = 0;
    qint64 rest = y;
    for (size_t bit = size_t(m_topBit); bit > 0; bit /= 2) {
        const size_t next = pos + bit;
        if (next < m_tree.size() && m_tree[next] <= rest) {
            pos = next;
            rest -= m_tree[next];
        }
    }
    return int(pos);
}

void RowHeights::rebuild()
{
    const size_t n = m_heights.size();
    m_tree.assign(n + 1, 0);
    m_total = 0;
    for (size_t i = 1; i <= n; ++i) {
        m_tree[i] += qint64(m_heights[i - 1] >> 1);
        m_total += qint64(m_heights[i - 1] >> 1);
        const size_t parent = i + size_t(lowBit(i));
        if (parent <= n)
            m_tree[parent] += m_tree[i];
    }
    m_topBit = highestPowerOfTwo(n);
}

} // namespace Parlor
