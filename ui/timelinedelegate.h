#pragma once

#include <QStyledItemDelegate>

namespace Parlor {

/// One row of the state timeline: a dot in the state's colour, the time, the state, how long it
/// lasted, and for a close its code, meaning and the reconnect that followed.
class TimelineDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    static QString durationText(qint64 ms);
};

} // namespace Parlor
