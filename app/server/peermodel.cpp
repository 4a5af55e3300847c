#include "peermodel.h"

#include "core/datasize.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QSet>

#include <limits>

namespace Parlor {

PeerModel::PeerModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int PeerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PeerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PeerModel::endpoint(const PeerInfo &peer)
{
    const QString host = peer.address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? QStringLiteral("[%1]").arg(peer.address.toString())
                                 : peer.address.toString();
    return QStringLiteral("%1:%2").arg(host).arg(peer.port);
}

QString PeerModel::transportText(PeerInfo::Transport transport)
{
    return transport == PeerInfo::Transport::LongPolling ? tr("long-polling")
                                                         : tr("WebSocket", "a transport");
}

QVariant PeerModel::display(const PeerInfo &peer, int column) const
{
    const QString none = tr("—", "no value");
    switch (column) {
    case AddressColumn:
        return endpoint(peer);
    case NickColumn:
        if (!peer.leaving.isEmpty())
            return tr("%1 (leaving: %2)").arg(peer.nick.isEmpty() ? none : peer.nick, peer.leaving);
        if (!peer.joined)
            return tr("(no hello yet)");
        return peer.mode == MemberMode::Plain ? tr("%1 (plain)").arg(peer.nick) : peer.nick;
    case TransportColumn:
        return transportText(peer.transport);
    case OfferedColumn:
        return peer.offeredSubprotocols.isEmpty()
                       ? tr("(none)")
                       : peer.offeredSubprotocols.join(QLatin1String(", "));
    case SubprotocolColumn:
        return peer.subprotocol.isEmpty() ? tr("(none)") : peer.subprotocol;
    case OriginColumn:
        return peer.origin.isEmpty() ? none : peer.origin;
    case SinceColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(peer.connectedAtMs).time(),
                                  QStringLiteral("HH:mm:ss"));
    case MessagesColumn:
        return tr("%1 / %2").arg(QLocale().toString(peer.messagesIn),
                                 QLocale().toString(peer.messagesOut));
    case BytesColumn:
        return tr("%1 / %2").arg(dataSizeText(peer.bytesIn), dataSizeText(peer.bytesOut));
    case RttColumn:
        return peer.lastRttMs < 0 ? none : tr("%1 ms").arg(peer.lastRttMs);
    case QueuedColumn:
        return dataSizeText(peer.bytesQueued);
    default:
        return {};
    }
}

QVariant PeerModel::sortValue(const PeerInfo &peer, int column) const
{
    switch (column) {
    case AddressColumn:
        return peer.id; // connection order
    case NickColumn:
        return peer.nick.toCaseFolded();
    case SinceColumn:
        return peer.connectedAtMs;
    case MessagesColumn:
        return peer.messagesIn + peer.messagesOut;
    case BytesColumn:
        return peer.bytesIn + peer.bytesOut;
    case RttColumn:
        return peer.lastRttMs < 0 ? std::numeric_limits<int>::max() : peer.lastRttMs;
    case QueuedColumn:
        return peer.bytesQueued;
    default:
        return display(peer, column);
    }
}

QString PeerModel::toolTip(const PeerInfo &peer) const
{
    QStringList lines;
    lines << tr("Connection %1 from %2").arg(peer.id).arg(endpoint(peer));
    const QDateTime since = QDateTime::fromMSecsSinceEpoch(peer.connectedAtMs);
    lines << tr("Connected at %1").arg(QLocale().toString(since, QLocale::LongFormat));
    lines << tr("Transport: %1").arg(transportText(peer.transport));
    lines << tr("Offered subprotocols: %1")
                     .arg(peer.offeredSubprotocols.isEmpty()
                                  ? tr("(none)")
                                  : peer.offeredSubprotocols.join(QLatin1String(", ")));
    lines << tr("Chosen subprotocol: %1")
                     .arg(peer.subprotocol.isEmpty() ? tr("(none)") : peer.subprotocol);
    if (!peer.origin.isEmpty())
        lines << tr("Origin: %1").arg(peer.origin);
    if (!peer.userAgent.isEmpty())
        lines << tr("User-Agent: %1").arg(peer.userAgent);
    lines << tr("Received %1 messages (%2), sent %3 messages (%4)")
                     .arg(QLocale().toString(peer.messagesIn), dataSizeText(peer.bytesIn),
                          QLocale().toString(peer.messagesOut), dataSizeText(peer.bytesOut));
    return lines.join(u'\n');
}

QVariant PeerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PeerInfo &peer = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(peer, index.column());
    case Qt::ToolTipRole:
        return toolTip(peer);
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case MessagesColumn:
        case BytesColumn:
        case RttColumn:
        case QueuedColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case PeerIdRole:
        return peer.id;
    case SortRole:
        return sortValue(peer, index.column());
    case LeavingRole:
        return !peer.leaving.isEmpty();
    default:
        return {};
    }
}

QVariant PeerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        const bool number = section == MessagesColumn || section == BytesColumn
                            || section == RttColumn || section == QueuedColumn;
        return QVariant::fromValue((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case TransportColumn:
            return tr("How the peer's messages travel: a WebSocket, or HTTP long-polling for a "
                      "browser whose WebSocket could not get through");
        case OfferedColumn:
            return tr("The subprotocols the client offered, in its order");
        case SubprotocolColumn:
            return tr("The subprotocol the room chose");
        case MessagesColumn:
            return tr("Messages received from / sent to this peer");
        case BytesColumn:
            return tr("Payload bytes received from / sent to this peer");
        case RttColumn:
            return tr("Round trip of the room's last ping to this peer");
        case QueuedColumn:
            return tr("Bytes written for this peer that the network has not taken yet");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AddressColumn:
        return tr("Address");
    case NickColumn:
        return tr("Nickname");
    case TransportColumn:
        return tr("Transport");
    case OfferedColumn:
        return tr("Offered");
    case SubprotocolColumn:
        return tr("Chosen");
    case OriginColumn:
        return tr("Origin");
    case SinceColumn:
        return tr("Since");
    case MessagesColumn:
        return tr("Msgs in / out");
    case BytesColumn:
        return tr("Bytes in / out");
    case RttColumn:
        return tr("RTT");
    case QueuedColumn:
        return tr("Queued");
    default:
        return {};
    }
}

int PeerModel::rowOf(int peerId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == peerId)
            return row;
    }
    return -1;
}

void PeerModel::setPeers(const QList<PeerInfo> &peers)
{
    QHash<int, qsizetype> incoming;
    incoming.reserve(peers.size());
    for (qsizetype i = 0; i < peers.size(); ++i)
        incoming.insert(peers.at(i).id, i);

    // Gone peers first, from the end so the rows above keep their numbers.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!incoming.contains(m_rows.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    QSet<int> present;
    for (int row = 0; row < m_rows.size(); ++row) {
        const PeerInfo &fresh = peers.at(incoming.value(m_rows.at(row).id));
        present.insert(fresh.id);
        if (fresh != m_rows.at(row)) {
            m_rows[row] = fresh;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    QList<PeerInfo> added;
    for (const PeerInfo &peer : peers) {
        if (!present.contains(peer.id))
            added.append(peer);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
}

void PeerModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

} // namespace Parlor
