#pragma once

#include <QSortFilterProxyModel>

namespace Parlor {

class MessageModel;

/// The lines of a MessageModel that mention me (MessageModel::MentionRole), in chat order: the
/// list behind the room's "Mentions" menu. Its rows map to the chat's rows (mapToSource()), so
/// choosing one can scroll the chat to it.
class MentionModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit MentionModel(QObject *parent = nullptr);

    void setMessages(MessageModel *messages);
    /// The chat row of mention \a row, or -1.
    int messageRow(int row) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
};

} // namespace Parlor
