#include "scrollanchor.h"

#include <QAbstractItemView>
#include <QScrollBar>

#include <algorithm>

namespace Parlor {

ScrollAnchor ScrollAnchor::capture(const QAbstractItemView *view)
{
    ScrollAnchor anchor;
    if (!view->model() || view->model()->rowCount(view->rootIndex()) == 0)
        return anchor;
    // A few pixels in, so that a spacing between rows does not hide the row at the top.
    const QModelIndex top = view->indexAt(QPoint(view->viewport()->width() / 2, 1));
    const QRect rect = top.isValid() ? view->visualRect(top) : QRect();
    if (rect.isEmpty())
        return anchor;
    anchor.m_row = top.row();
    anchor.m_offset = std::max(0, -rect.top());
    anchor.m_height = rect.height();
    return anchor;
}

bool ScrollAnchor::restore(QAbstractItemView *view) const
{
    if (!isValid() || !view->model() || m_row >= view->model()->rowCount(view->rootIndex()))
        return false;
    const QRect rect = view->visualRect(view->model()->index(m_row, 0, view->rootIndex()));
    if (rect.isEmpty())
        return false;
    // The row may have changed height (wrapped at another width): keep the same share of it.
    const int offset = m_height > 0 ? int(qint64(m_offset) * rect.height() / m_height) : 0;
    QScrollBar *bar = view->verticalScrollBar();
    bar->setValue(bar->value() + rect.top() + offset);
    return true;
}

} // namespace Parlor
