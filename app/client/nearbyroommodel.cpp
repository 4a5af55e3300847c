#include "nearbyroommodel.h"

namespace Parlor {

NearbyRoomModel::NearbyRoomModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void NearbyRoomModel::setBrowser(RoomBrowser *browser)
{
    if (m_browser)
        m_browser->disconnect(this);
    beginResetModel();
    m_browser = browser;
    m_rooms = browser ? browser->rooms() : QList<DiscoveredRoom>();
    endResetModel();
    if (!browser)
        return;
    connect(browser, &RoomBrowser::roomAdded, this, &NearbyRoomModel::add);
    connect(browser, &RoomBrowser::roomChanged, this, &NearbyRoomModel::change);
    connect(browser, &RoomBrowser::roomRemoved, this, &NearbyRoomModel::remove);
    connect(browser, &QObject::destroyed, this, [this] {
        m_browser = nullptr;
        beginResetModel();
        m_rooms.clear();
        endResetModel();
    });
}

int NearbyRoomModel::rowOf(const QString &key) const
{
    for (int i = 0; i < m_rooms.size(); ++i) {
        if (m_rooms.at(i).key == key)
            return i;
    }
    return -1;
}

void NearbyRoomModel::add(const DiscoveredRoom &room)
{
    if (const int row = rowOf(room.key); row >= 0) {
        change(room);
        return;
    }
    beginInsertRows({}, int(m_rooms.size()), int(m_rooms.size()));
    m_rooms.append(room);
    endInsertRows();
}

void NearbyRoomModel::change(const DiscoveredRoom &room)
{
    const int row = rowOf(room.key);
    if (row < 0) {
        add(room);
        return;
    }
    m_rooms[row] = room;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void NearbyRoomModel::remove(const DiscoveredRoom &room)
{
    const int row = rowOf(room.key);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rooms.removeAt(row);
    endRemoveRows();
}

int NearbyRoomModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rooms.size());
}

int NearbyRoomModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NearbyRoomModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rooms.size())
        return {};
    const DiscoveredRoom &room = m_rooms.at(index.row());
    switch (role) {
    case UrlRole:
        return room.url();
    case PasswordRole:
        return room.password;
    case TlsRole:
        return room.tls;
    case FingerprintRole:
        return room.fingerprint;
    case Qt::ToolTipRole:
        // The name is the announcer's word; the address is where it really came from.
        return room.tls ? tr("%1 at %2\nCertificate SHA-256: %3")
                                  .arg(room.name, room.url().toString(), room.fingerprint)
                        : tr("%1 at %2").arg(room.name, room.url().toString());
    case Qt::TextAlignmentRole:
        if (index.column() == PeopleColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return room.name;
    case AddressColumn:
        return room.url().toString();
    case PeopleColumn:
        if (room.people < 0)
            return role == Qt::AccessibleTextRole ? tr("unknown") : QStringLiteral("–");
        return role == Qt::AccessibleTextRole ? tr("%n people", nullptr, room.people)
                                              : QVariant(room.people);
    case AccessColumn: {
        QStringList access;
        if (room.password)
            access.append(tr("password"));
        if (room.tls)
            access.append(tr("encrypted"));
        if (access.isEmpty())
            return tr("open");
        return access.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant NearbyRoomModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Room");
    case AddressColumn:
        return tr("Address");
    case PeopleColumn:
        return tr("People");
    case AccessColumn:
        return tr("Access");
    default:
        return {};
    }
}

} // namespace Parlor
