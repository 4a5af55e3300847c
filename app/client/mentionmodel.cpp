#include "mentionmodel.h"

#include "messagemodel.h"

namespace Parlor {

MentionModel::MentionModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A line's flag is set when it arrives and does not change after: only inserts and resets
    // move the list, but dynamic filtering keeps it right if a model ever changes one.
    setDynamicSortFilter(true);
}

void MentionModel::setMessages(MessageModel *messages)
{
    setSourceModel(messages);
}

int MentionModel::messageRow(int row) const
{
    const QModelIndex source = mapToSource(index(row, 0));
    return source.isValid() ? source.row() : -1;
}

bool MentionModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return sourceModel()->index(sourceRow, 0, sourceParent).data(MessageModel::MentionRole).toBool();
}

} // namespace Parlor
