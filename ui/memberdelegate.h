#pragma once

#include <QStyledItemDelegate>

namespace Parlor {

/// A member of the room: a dot in the member's colour, the nickname, "(you)", "plain client",
/// and "typing…" while they type.
class MemberDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    static QString describe(const QModelIndex &index);
};

} // namespace Parlor
