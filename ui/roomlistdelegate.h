#pragma once

#include <QStyledItemDelegate>

namespace Parlor {

/// One row of the room list (RoomListModel): the connection state as a dot in the badge's
/// colours (ConnectionBadge), the room's name (bold while it has unread lines), an "@" mark
/// when a line there mentions me, and the unread count.
class RoomListDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace Parlor
