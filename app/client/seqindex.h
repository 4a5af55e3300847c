#pragma once

#include <deque>

#include <QtGlobal>

namespace Parlor {

class LineStore;

/// Rows of a LineStore found by their lines' room seq, without a hash table.
///
/// A QHash of a million seqs doubled and rehashed all of them within one turn of the event
/// loop while history loaded, and cost about 25 bytes a line. Room events arrive in seq order,
/// so here the rows are kept in a list ordered by their lines' seqs, 4 bytes a row, and a seq
/// is found by binary search (reading the seqs from the store). Nearly every seq lands at the
/// end. The few that do not (an own line confirmed before older history that came with a
/// reconnect, a room that restarted from seq 1) are inserted in place: a deque moves the
/// shorter side and never copies itself whole. Two lines can have the same seq (a room that
/// restarted): the one indexed last is found, as the hash that overwrote found it.
class SeqIndex
{
public:
    explicit SeqIndex(const LineStore &lines)
        : m_lines(lines)
    {}

    /// Indexes \a row, whose line has its seq (> 0) already.
    void insert(int row);
    /// Row of the line last indexed with \a seq, or -1.
    int rowOf(qint64 seq) const;
    /// Forgets \a row; its line must still have the seq it was indexed by.
    void remove(int row);
    /// The line in \a row left the store and the later rows moved up one: so do their entries.
    void rowRemoved(int row);
    void clear() { m_rows.clear(); }
    int size() const { return int(m_rows.size()); }

private:
    qint64 seqOf(int row) const;

    const LineStore &m_lines;
    std::deque<int> m_rows; ///< ascending by seq; equal seqs in the order they were indexed
};

} // namespace Parlor
