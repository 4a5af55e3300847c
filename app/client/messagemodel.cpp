#include "messagemodel.h"

#include "filenames.h"

#include <QLocale>

namespace Parlor {

MessageModel::MessageModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_lines.size();
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    // Bounds, not checkIndex(): a view asking about a stale index is no bug worth a warning.
    if (!index.isValid() || index.model() != this || index.parent().isValid() || index.column() != 0
        || index.row() < 0 || index.row() >= rowCount())
        return {};
    const StoredLine &l = m_lines.at(index.row());
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
        return int(l.kind());
    case DeliveryRole:
        return int(l.delivery());
    case ErrorRole:
        return l.error();
    case ReplayedRole:
        return l.replayed();
    case EventRole:
        return int(l.event());
    case ReplyToRole:
        return l.replyTo();
    case ReplyNickRole:
        return l.replyNick();
    case ReplyTextRole:
        return l.replyText();
    case MentionRole:
        return l.mentionsMe();
    case FileKeyRole:
        return l.file() ? l.file()->key : QString();
    case FileNameRole:
        return l.file() ? l.file()->name : QString();
    case FileSizeRole:
        return l.file() ? l.file()->size : qint64(0);
    case FileMimeRole:
        return l.file() ? l.file()->mime : QString();
    case IsFileRole:
        return l.file().has_value();
    case Qt::AccessibleTextRole:
        return accessibleText(l.toChatLine());
    case Qt::AccessibleDescriptionRole:
        return deliveryText(l.toChatLine());
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
    names.insert(FileKeyRole, "fileKey");
    names.insert(FileNameRole, "fileName");
    names.insert(FileSizeRole, "fileSize");
    names.insert(FileMimeRole, "fileMime");
    names.insert(IsFileRole, "isFile");
    return names;
}

QString MessageModel::leaveReasonText(const QString &reason)
{
    if (reason == QLatin1String("timeout"))
        return tr("no answer in time");
    if (reason == QLatin1String("flood"))
        return tr("sent too many messages");
    if (reason == QLatin1String("slow"))
        return tr("could not keep up");
    if (reason == QLatin1String("kicked"))
        return tr("removed by the host");
    if (reason == QLatin1String("shutdown"))
        return tr("the room closed");
    if (reason == QLatin1String("auth"))
        return tr("wrong password");
    if (reason == QLatin1String("binary"))
        return tr("sent data the room does not take");
    if (reason == QLatin1String("replaced"))
        return tr("joined again from elsewhere");
    return reason;
}

QString MessageModel::eventText(const ChatLine &line)
{
    const QString &subject = line.sender;
    const QString &detail = line.text;
    switch (line.event) {
    case ChatLine::Event::Join:
        return tr("%1 joined").arg(subject);
    case ChatLine::Event::Leave:
        if (detail == QLatin1String("quit") || detail.isEmpty())
            return tr("%1 left").arg(subject);
        if (detail == QLatin1String("lost"))
            return tr("%1 lost the connection").arg(subject);
        return tr("%1 left: %2").arg(subject, leaveReasonText(detail));
    case ChatLine::Event::NickChange:
        return tr("%1 is now known as %2").arg(subject, detail);
    case ChatLine::Event::Gap:
        return tr("Some earlier messages are no longer available.");
    case ChatLine::Event::Presence: {
        const QStringList counts = detail.split(u' ');
        const QString joined = counts.value(0);
        const QString left = counts.value(1);
        if (left == QLatin1String("0"))
            //: A storm of joins, counted instead of named: %1 people joined
            return tr("Many people joined: %1").arg(joined);
        if (joined == QLatin1String("0"))
            //: A storm of leaves, counted instead of named: %1 people left
            return tr("Many people left: %1").arg(left);
        //: A storm of joins and leaves, counted instead of named: %1 joined, %2 left
        return tr("Many people came and went: %1 joined, %2 left").arg(joined, left);
    }
    default:
        return detail;
    }
}

QString MessageModel::deliveryText(const ChatLine &line)
{
    if (line.kind != ChatLine::Kind::Own)
        return {};
    switch (line.delivery) {
    case ChatLine::Delivery::Queued:
        return tr("sending");
    case ChatLine::Delivery::Sent:
        return tr("sent");
    case ChatLine::Delivery::Delivered:
        return tr("delivered");
    case ChatLine::Delivery::Failed:
        return line.error.isEmpty() ? tr("not sent") : tr("not sent: %1").arg(line.error);
    case ChatLine::Delivery::None:
        break;
    }
    return {};
}

QString MessageModel::accessibleText(const ChatLine &line)
{
    // Spoken, not drawn: no arrows or ticks, the parts in the order a listener wants them
    // (who, when, what), the rest after the text.
    const QString time = line.time.isValid() ? QLocale().toString(line.time.toLocalTime().time(),
                                                                  QLocale::ShortFormat)
                                             : QString();
    if (line.kind == ChatLine::Kind::System || line.kind == ChatLine::Kind::Error) {
        const QString what = eventText(line);
        if (time.isEmpty())
            return what;
        return line.kind == ChatLine::Kind::Error ? tr("%1, error: %2").arg(time, what)
                                                  : tr("%1: %2").arg(time, what);
    }
    QString text;
    if (line.file) {
        //: A shared file: %1 the sender, %2 the time, %3 the file's name, %4 its size ("1.2 MB")
        text = tr("%1, %2: shared the file %3, %4")
                       .arg(line.sender, time, line.file->name, fileSizeText(line.file->size));
    } else if (line.text.startsWith(QLatin1String("/me ")) && !line.sender.isEmpty()) {
        //: An action line (/me): %1 the sender, %2 what they do, %3 the time
        text = tr("%1 %2, %3").arg(line.sender, line.text.mid(4), time);
    } else if (line.sender.isEmpty()) {
        text = time.isEmpty() ? line.text : tr("%1: %2").arg(time, line.text);
    } else {
        //: A chat line: %1 the sender, %2 the time, %3 the text
        text = tr("%1, %2: %3").arg(line.sender, time, line.text);
    }
    if (line.replyTo > 0) {
        text += line.replyNick.isEmpty()
                        ? tr(", in reply to a message no longer available")
                        : tr(", in reply to %1: %2").arg(line.replyNick, line.replyText);
    }
    if (line.mentionsMe)
        text += tr(", mentions you");
    if (const QString delivery = deliveryText(line); !delivery.isEmpty())
        text += tr(", %1").arg(delivery);
    return text;
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
    for (int row = first; row < m_lines.size(); ++row)
        addToIndexes(row);
    endInsertRows();
}

void MessageModel::addToIndexes(int row)
{
    const StoredLine &l = m_lines.at(row);
    if (!l.id.isEmpty())
        m_rowById.insert(row);
    if (l.seq > 0)
        m_rowBySeq.insert(row);
}

int MessageModel::rowOfId(const QString &id) const
{
    return m_rowById.rowOf(id);
}

int MessageModel::rowOfSeq(qint64 seq) const
{
    return seq > 0 ? m_rowBySeq.rowOf(seq) : -1;
}

void MessageModel::setDelivery(const QString &id, ChatLine::Delivery delivery, const QString &error)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    StoredLine &l = m_lines[row];
    if (l.delivery() == delivery && l.error() == error)
        return;
    l.setDelivery(delivery);
    l.setError(error);
    const QModelIndex i = index(row);
    emit dataChanged(i, i,
                     {DeliveryRole, ErrorRole, Qt::AccessibleTextRole,
                      Qt::AccessibleDescriptionRole});
}

void MessageModel::confirm(const QString &id, qint64 seq, const QDateTime &time)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    StoredLine &l = m_lines[row];
    // Out of the seq index while its seq changes: the index is ordered by the lines' seqs.
    if (l.seq > 0)
        m_rowBySeq.remove(row);
    l.seq = seq;
    if (seq > 0)
        m_rowBySeq.insert(row);
    l.time = time;
    l.setDelivery(ChatLine::Delivery::Delivered);
    l.setError({});
    const QModelIndex i = index(row);
    emit dataChanged(i, i,
                     {SeqRole, TimeRole, DeliveryRole, ErrorRole, Qt::AccessibleTextRole,
                      Qt::AccessibleDescriptionRole});
}

void MessageModel::setReply(const QString &id, qint64 replyTo, const QString &nick,
                            const QString &text)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    StoredLine &l = m_lines[row];
    if (l.replyTo() == replyTo && l.replyNick() == nick && l.replyText() == text)
        return;
    l.setReply(replyTo, nick, text);
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {ReplyToRole, ReplyNickRole, ReplyTextRole, Qt::AccessibleTextRole});
}

void MessageModel::setFile(const QString &id, const FileInfo &file)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    StoredLine &l = m_lines[row];
    if (l.file() == file)
        return;
    l.setFile(file);
    const QModelIndex i = index(row);
    emit dataChanged(i, i,
                     {FileKeyRole, FileNameRole, FileSizeRole, FileMimeRole, IsFileRole,
                      Qt::AccessibleTextRole});
}

void MessageModel::removeId(const QString &id)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    // The indexes read the line while it is still there, and renumber after it is gone.
    if (m_lines.at(row).seq > 0)
        m_rowBySeq.remove(row);
    m_rowById.remove(row);
    m_lines.removeAt(row);
    m_rowById.rowRemoved(row);
    m_rowBySeq.rowRemoved(row);
    endRemoveRows();
}

void MessageModel::clear()
{
    beginResetModel();
    m_rowById.clear();
    m_rowBySeq.clear();
    m_lines.clear();
    endResetModel();
}

} // namespace Parlor
