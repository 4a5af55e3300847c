#include "chatselection.h"

#include <initializer_list>

namespace Parlor {

bool ChatSelection::containsRow(int row) const
{
    return !spanInRow(row).isEmpty();
}

ChatSelection::Span ChatSelection::spanInRow(int row) const
{
    if (isEmpty())
        return {};
    const Point a = first();
    const Point b = last();
    if (row < a.row || row > b.row)
        return {};
    return {row == a.row ? a.pos : 0, row == b.row ? b.pos : End};
}

void ChatSelection::rowsInserted(int first, int last)
{
    const int count = last - first + 1;
    for (Point *p : {&m_anchor, &m_cursor}) {
        if (p->isValid() && p->row >= first)
            p->row += count;
    }
}

void ChatSelection::rowsRemoved(int first, int last)
{
    if (!m_anchor.isValid())
        return;
    const int count = last - first + 1;
    Point a = this->first();
    Point b = this->last();
    if (a.row >= first && b.row <= last) {
        clear();
        return;
    }
    // An end on a removed row moves to the edge of the kept text next to it, so the rest of the
    // selection stays what the user chose.
    if (a.row >= first && a.row <= last)
        a = {last + 1, 0};
    if (b.row >= first && b.row <= last)
        b = {first - 1, End};
    for (Point *p : {&a, &b}) {
        if (p->row > last)
            p->row -= count;
    }
    if (b < a || a == b) {
        clear();
        return;
    }
    // Keep the direction of the drag.
    const bool backwards = m_cursor < m_anchor;
    m_anchor = backwards ? b : a;
    m_cursor = backwards ? a : b;
}

} // namespace Parlor
