#include "peerdelegate.h"

#include "server/peermodel.h"
#include "theme.h"

namespace Parlor {

void PeerDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(PeerModel::LeavingRole).toBool()) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, Theme::systemText(option->palette));
    }
}

} // namespace Parlor
