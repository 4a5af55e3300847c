#pragma once

#include <QStyledItemDelegate>

namespace Parlor {

/// A cell of the hosting view's peer table: peers the room is closing are shown in italics and
/// in the muted system colour, so a kicked peer visibly goes before its row disappears.
class PeerDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Parlor
