#include "seqindex.h"

#include "linestore.h"

#include <algorithm>

namespace Parlor {

qint64 SeqIndex::seqOf(int row) const
{
    return m_lines.at(row).seq;
}

void SeqIndex::insert(int row)
{
    const qint64 seq = seqOf(row);
    if (m_rows.empty() || seqOf(m_rows.back()) <= seq) {
        m_rows.push_back(row);
        return;
    }
    // After every row with the same seq: the newest of them is the one found.
    const auto at = std::upper_bound(m_rows.begin(), m_rows.end(), seq,
                                     [this](qint64 s, int r) { return s < seqOf(r); });
    m_rows.insert(at, row);
}

int SeqIndex::rowOf(qint64 seq) const
{
    auto it = std::upper_bound(m_rows.begin(), m_rows.end(), seq,
                               [this](qint64 s, int r) { return s < seqOf(r); });
    if (it == m_rows.begin())
        return -1;
    --it;
    return seqOf(*it) == seq ? *it : -1;
}

void SeqIndex::remove(int row)
{
    const qint64 seq = seqOf(row);
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), seq,
                               [this](int r, qint64 s) { return seqOf(r) < s; });
    for (; it != m_rows.end() && seqOf(*it) == seq; ++it) {
        if (*it == row) {
            m_rows.erase(it);
            return;
        }
    }
}

void SeqIndex::rowRemoved(int row)
{
    for (int &r : m_rows) {
        if (r > row)
            --r;
    }
}

} // namespace Parlor
