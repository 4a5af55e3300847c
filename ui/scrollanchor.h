#pragma once

#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QAbstractItemView;
QT_END_NAMESPACE

namespace Parlor {

/// Where a reader is in a list view: the row at the top of the viewport and how far it is
/// scrolled into that row. Pixel positions change whenever rows are measured again (the view got
/// narrower and lines wrap, rows were added) and when another model is shown (another room);
/// the row and the part of it above the viewport do not, so capture() before such a change and
/// restore() after the view has laid its rows out again keeps the same text in sight.
class ScrollAnchor
{
public:
    ScrollAnchor() = default;

    /// The anchor of \a view as laid out now; invalid when the view shows no rows.
    static ScrollAnchor capture(const QAbstractItemView *view);

    /// Scrolls \a view (per pixel) so that the anchor row is where it was: the same share of it
    /// above the viewport's top. Returns false when the row is no longer in the model.
    bool restore(QAbstractItemView *view) const;

    bool isValid() const { return m_row >= 0; }
    int row() const { return m_row; }
    /// Pixels of the row above the viewport's top when captured (0 when the row starts there).
    int offset() const { return m_offset; }

private:
    int m_row = -1;
    int m_offset = 0;
    int m_height = 0;
};

} // namespace Parlor
