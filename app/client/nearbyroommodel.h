#pragma once

#include "roombrowser.h"

#include <QAbstractTableModel>

namespace Parlor {

/// The rooms a RoomBrowser sees on the LAN, as a table for the join dialog: kept in the order
/// they were found (a list that reorders itself under the pointer is hard to double-click).
class NearbyRoomModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, AddressColumn, PeopleColumn, AccessColumn, ColumnCount };
    enum Role {
        UrlRole = Qt::UserRole + 1, ///< QUrl to join
        PasswordRole,               ///< bool
        TlsRole,                    ///< bool
        FingerprintRole,            ///< QString, with TLS
    };

    explicit NearbyRoomModel(QObject *parent = nullptr);

    /// Follows \a browser (not owned; may be null to stop following). The rows it already knows
    /// are taken at once.
    void setBrowser(RoomBrowser *browser);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    DiscoveredRoom room(int row) const { return m_rooms.at(row); }

private:
    void add(const DiscoveredRoom &room);
    void change(const DiscoveredRoom &room);
    void remove(const DiscoveredRoom &room);
    int rowOf(const QString &key) const;

    RoomBrowser *m_browser = nullptr;
    QList<DiscoveredRoom> m_rooms;
};

} // namespace Parlor
