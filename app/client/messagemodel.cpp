#include "messagemodel.h"

namespace Parlor {

MessageModel::MessageModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    // Bounds, not checkIndex(): a view asking about a stale index is no bug worth a warning.
    if (!index.isValid() || index.model() != this || index.parent().isValid() || index.column() != 0
        || index.row() < 0 || index.row() >= rowCount())
        return {};
    const ChatLine &l = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return l.sender.isEmpty() ? l.text : l.sender + QLatin1String(": ") + l.text;
    case SeqRole:
        return l.seq;
    case IdRole:
        return l.id;
    case SenderRole:
        return l.sender;
    case TextRole:
        return l.text;
    case TimeRole:
        return l.time;
    case KindRole:
        return int(l.kind);
    case DeliveryRole:
        return int(l.delivery);
    case ErrorRole:
        return l.error;
    case ReplayedRole:
        return l.replayed;
    case EventRole:
        return int(l.event);
    case ReplyToRole:
        return l.replyTo;
    case ReplyNickRole:
        return l.replyNick;
    case ReplyTextRole:
        return l.replyText;
    case MentionRole:
        return l.mentionsMe;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SeqRole, "seq");
    names.insert(IdRole, "id");
    names.insert(SenderRole, "sender");
    names.insert(TextRole, "text");
    names.insert(TimeRole, "time");
    names.insert(KindRole, "kind");
    names.insert(DeliveryRole, "delivery");
    names.insert(ErrorRole, "error");
    names.insert(ReplayedRole, "replayed");
    names.insert(EventRole, "event");
    names.insert(ReplyToRole, "replyTo");
    names.insert(ReplyNickRole, "replyNick");
    names.insert(ReplyTextRole, "replyText");
    names.insert(MentionRole, "mention");
    return names;
}

void MessageModel::append(const ChatLine &line)
{
    append(QList<ChatLine>{line});
}

void MessageModel::append(const QList<ChatLine> &lines)
{
    if (lines.isEmpty())
        return;
    const int first = int(m_lines.size());
    beginInsertRows({}, first, first + int(lines.size()) - 1);
    m_lines.append(lines);
    for (int row = first; row < m_lines.size(); ++row) {
        if (!m_lines.at(row).id.isEmpty())
            m_rowById.insert(m_lines.at(row).id, row);
        if (m_lines.at(row).seq > 0)
            m_rowBySeq.insert(m_lines.at(row).seq, row);
    }
    endInsertRows();
}

int MessageModel::rowOfId(const QString &id) const
{
    return m_rowById.value(id, -1);
}

int MessageModel::rowOfSeq(qint64 seq) const
{
    return m_rowBySeq.value(seq, -1);
}

void MessageModel::setDelivery(const QString &id, ChatLine::Delivery delivery, const QString &error)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    ChatLine &l = m_lines[row];
    if (l.delivery == delivery && l.error == error)
        return;
    l.delivery = delivery;
    l.error = error;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {DeliveryRole, ErrorRole});
}

void MessageModel::confirm(const QString &id, qint64 seq, const QDateTime &time)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    ChatLine &l = m_lines[row];
    if (l.seq > 0)
        m_rowBySeq.remove(l.seq);
    l.seq = seq;
    if (seq > 0)
        m_rowBySeq.insert(seq, row);
    l.time = time;
    l.delivery = ChatLine::Delivery::Delivered;
    l.error.clear();
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {SeqRole, TimeRole, DeliveryRole, ErrorRole});
}

void MessageModel::setReply(const QString &id, qint64 replyTo, const QString &nick,
                            const QString &text)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    ChatLine &l = m_lines[row];
    if (l.replyTo == replyTo && l.replyNick == nick && l.replyText == text)
        return;
    l.replyTo = replyTo;
    l.replyNick = nick;
    l.replyText = text;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {ReplyToRole, ReplyNickRole, ReplyTextRole});
}

void MessageModel::removeId(const QString &id)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    if (m_lines.at(row).seq > 0)
        m_rowBySeq.remove(m_lines.at(row).seq);
    m_lines.removeAt(row);
    m_rowById.remove(id);
    for (auto it = m_rowById.begin(); it != m_rowById.end(); ++it) {
        if (it.value() > row)
            --it.value();
    }
    for (auto it = m_rowBySeq.begin(); it != m_rowBySeq.end(); ++it) {
        if (it.value() > row)
            --it.value();
    }
    endRemoveRows();
}

void MessageModel::clear()
{
    beginResetModel();
    m_lines.clear();
    m_rowById.clear();
    m_rowBySeq.clear();
    endResetModel();
}

} // namespace Parlor
