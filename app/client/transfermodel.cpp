#include "transfermodel.h"

namespace Parlor {

TransferModel::TransferModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int TransferModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_transfers.size());
}

QVariant TransferModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.parent().isValid() || index.column() != 0
        || index.row() < 0 || index.row() >= rowCount())
        return {};
    const Transfer &t = m_transfers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return t.name;
    case IdRole:
        return t.id;
    case DirectionRole:
        return int(t.direction);
    case SizeRole:
        return t.size;
    case DoneRole:
        return t.done;
    case StateRole:
        return int(t.state);
    case ErrorRole:
        return t.error;
    case PathRole:
        return t.path;
    case ErrorTextRole:
        return errorText(t.error);
    default:
        return {};
    }
}

QHash<int, QByteArray> TransferModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(DirectionRole, "direction");
    names.insert(NameRole, "name");
    names.insert(SizeRole, "size");
    names.insert(DoneRole, "done");
    names.insert(StateRole, "state");
    names.insert(ErrorRole, "error");
    names.insert(PathRole, "path");
    names.insert(ErrorTextRole, "errorText");
    return names;
}

int TransferModel::rowOfUpload(const QString &id) const
{
    for (int row = 0; row < m_transfers.size(); ++row) {
        if (m_transfers.at(row).direction == Direction::Upload && m_transfers.at(row).id == id)
            return row;
    }
    return -1;
}

int TransferModel::rowOfDownload(const QString &key) const
{
    for (int row = int(m_transfers.size()) - 1; row >= 0; --row) {
        if (m_transfers.at(row).direction == Direction::Download && m_transfers.at(row).id == key)
            return row;
    }
    return -1;
}

QString TransferModel::errorText(const QString &code)
{
    if (code.isEmpty())
        return {};
    if (code == QLatin1String("unreadable"))
        return tr("the file cannot be read");
    if (code == QLatin1String("file-changed"))
        return tr("the file changed while it was being sent");
    if (code == QLatin1String("empty-file"))
        return tr("the file is empty");
    if (code == QLatin1String("no-files"))
        return tr("this room does not take files");
    if (code == QLatin1String("too-large") || code == QLatin1String("file-too-large"))
        return tr("the file is too large for this room");
    if (code == QLatin1String("write-failed"))
        return tr("the file cannot be written");
    if (code == QLatin1String("exists"))
        return tr("a file of that name is already there");
    if (code == QLatin1String("bad-data") || code == QLatin1String("bad-chunk"))
        return tr("the transfer went wrong");
    if (code == QLatin1String("bad-file-name"))
        return tr("the room does not take this file name");
    if (code == QLatin1String("store-full"))
        return tr("the room has no room for more files just now");
    if (code == QLatin1String("no-file"))
        return tr("the file is no longer available");
    return tr("the room refused it (%1)").arg(code);
}

int TransferModel::add(const Transfer &transfer)
{
    const int existing = transfer.direction == Direction::Upload ? rowOfUpload(transfer.id)
                                                                 : rowOfDownload(transfer.id);
    if (existing >= 0) {
        m_transfers[existing] = transfer;
        const QModelIndex i = index(existing);
        emit dataChanged(i, i);
        return existing;
    }
    const int row = int(m_transfers.size());
    beginInsertRows({}, row, row);
    m_transfers.append(transfer);
    endInsertRows();
    return row;
}

void TransferModel::setDone(int row, qint64 done)
{
    if (row < 0 || row >= m_transfers.size() || m_transfers.at(row).done == done)
        return;
    m_transfers[row].done = done;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {DoneRole});
}

void TransferModel::setState(int row, State state, const QString &error)
{
    if (row < 0 || row >= m_transfers.size())
        return;
    Transfer &t = m_transfers[row];
    if (t.state == state && t.error == error)
        return;
    t.state = state;
    t.error = error;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {StateRole, ErrorRole, ErrorTextRole});
}

} // namespace Parlor
