#pragma once

#include "server/peerinfo.h"

#include <QAbstractTableModel>
#include <QList>

namespace Parlor {

/// The hosting view's table: one row per connection to the room, fed with RoomServer's reports
/// (RoomHost::peersChanged). Rows keep the order in which peers connected; a report updates the
/// rows that changed, removes the peers that went and appends the new ones, so a selection in
/// the view survives the once-a-second refresh.
class PeerModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AddressColumn,
        NickColumn,
        TransportColumn, ///< WebSocket or long-polling
        OfferedColumn,
        SubprotocolColumn,
        OriginColumn,
        SinceColumn,
        MessagesColumn,
        BytesColumn,
        RttColumn,
        QueuedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        PeerIdRole = Qt::UserRole + 1, ///< int
        SortRole,                      ///< the column's raw value, for sorting proxies
        LeavingRole,                   ///< bool: the room is closing this peer
    };
    Q_ENUM(Role)

    explicit PeerModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Replaces the rows with \a peers (ordered by id, as RoomServer::peers() gives them).
    void setPeers(const QList<PeerInfo> &peers);
    void clear();

    const PeerInfo &peerAt(int row) const { return m_rows.at(row); }
    int rowOf(int peerId) const;

    /// "WebSocket" or "long-polling", as the view shows it.
    static QString transportText(PeerInfo::Transport transport);
    /// "192.0.2.7:50312", "[2001:db8::1]:50312".
    static QString endpoint(const PeerInfo &peer);

private:
    QVariant display(const PeerInfo &peer, int column) const;
    QVariant sortValue(const PeerInfo &peer, int column) const;
    QString toolTip(const PeerInfo &peer) const;

    QList<PeerInfo> m_rows;
};

} // namespace Parlor
