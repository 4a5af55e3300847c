#pragma once

#include <climits>

namespace Parlor {

/// A text selection in the chat: from an anchor (where the drag began) to a cursor (where it
/// is now), each a row and a position in the text that row shows. It refers to rows, so the
/// view tells it when rows come and go; it knows nothing of the text itself (the delegate
/// does), only which part of each row is covered.
class ChatSelection
{
public:
    /// A position meaning "after the last character of the row", whatever its length.
    static constexpr int End = INT_MAX;

    struct Point
    {
        int row = -1;
        int pos = 0; ///< offset into the row's shown text, 0…length, or End

        bool isValid() const { return row >= 0; }
        bool operator==(const Point &o) const { return row == o.row && pos == o.pos; }
        bool operator!=(const Point &o) const { return !(*this == o); }
        bool operator<(const Point &o) const { return row != o.row ? row < o.row : pos < o.pos; }
    };

    /// The covered part of one row: [from, to), to may be End.
    struct Span
    {
        int from = 0;
        int to = 0;
        bool isEmpty() const { return to <= from; }
    };

    void clear() { m_anchor = m_cursor = Point(); }
    /// Starts a selection at \a anchor (nothing is selected until the cursor moves away).
    void start(Point anchor) { m_anchor = m_cursor = anchor; }
    void select(Point anchor, Point cursor)
    {
        m_anchor = anchor;
        m_cursor = cursor;
    }
    void setCursor(Point cursor) { m_cursor = cursor; }

    Point anchor() const { return m_anchor; }
    Point cursor() const { return m_cursor; }
    /// The earlier and the later end, whichever way the user dragged.
    Point first() const { return m_cursor < m_anchor ? m_cursor : m_anchor; }
    Point last() const { return m_cursor < m_anchor ? m_anchor : m_cursor; }

    bool isEmpty() const
    {
        return !m_anchor.isValid() || !m_cursor.isValid() || m_anchor == m_cursor;
    }
    bool containsRow(int row) const;
    /// What of \a row is selected; empty when nothing.
    Span spanInRow(int row) const;

    /// Rows \a first … \a last were inserted: rows at and after \a first move down.
    void rowsInserted(int first, int last);
    /// Rows \a first … \a last were removed: an end inside them moves to the nearest row kept;
    /// a selection wholly inside them is gone.
    void rowsRemoved(int first, int last);

private:
    Point m_anchor;
    Point m_cursor;
};

} // namespace Parlor
