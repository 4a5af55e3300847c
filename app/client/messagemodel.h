#pragma once

#include "chatline.h"
#include "idindex.h"
#include "linestore.h"
#include "seqindex.h"

#include <QAbstractListModel>
#include <QList>

namespace Parlor {

/// The chat as a list model: lines in arrival order, found by message id for delivery updates.
/// Lines arrive in batches: one insert per batch keeps a 100 000-line backlog cheap for views.
class MessageModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        IdRole,
        SenderRole,
        TextRole,
        TimeRole,
        KindRole,
        DeliveryRole,
        ErrorRole,
        ReplayedRole,
        EventRole,
        ReplyToRole,   ///< qint64: the seq answered; 0: not a reply
        ReplyNickRole, ///< empty on a reply: the answered message is no longer available
        ReplyTextRole,
        MentionRole,  ///< bool: a line of someone else's that names me or answers me
        FileKeyRole,  ///< QString: the shared file's key; empty: no file, or not announced yet
        FileNameRole, ///< QString: the shared file's name
        FileSizeRole, ///< qint64: the shared file's size in bytes
        FileMimeRole, ///< QString: the shared file's type (the room's, once announced)
        IsFileRole,   ///< bool: the line shares a file
    };
    Q_ENUM(Role)

    explicit MessageModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// What a screen reader says for \a line (Qt::AccessibleTextRole, which QListView's
    /// accessible cells read as their name): "mina, 14:03: hello", with the reply it answers,
    /// its delivery and a mention in words; an event line as its event ("jun joined").
    static QString accessibleText(const ChatLine &line);
    /// An own line's delivery in words ("sent", "not sent: …"); empty for others' lines.
    static QString deliveryText(const ChatLine &line);
    /// A system line's event in words, without the arrows the chat draws.
    static QString eventText(const ChatLine &line);
    /// Why someone left, in words, from the room's reason code ("timeout", "kicked", …).
    static QString leaveReasonText(const QString &reason);

    void append(const ChatLine &line);
    void append(const QList<ChatLine> &lines);
    /// Row of the line with message \a id, or -1.
    int rowOfId(const QString &id) const;
    /// Row of the line with room seq \a seq (a message or event that is loaded), or -1.
    int rowOfSeq(qint64 seq) const;
    bool containsId(const QString &id) const { return rowOfId(id) >= 0; }
    /// The line in \a row, made from the packed copy the model keeps (StoredLine).
    ChatLine line(int row) const { return m_lines.line(row); }
    /// What a search through every line reads, without making whole ChatLines.
    ChatLine::Kind kindAt(int row) const { return m_lines.at(row).kind(); }
    const QString &textAt(int row) const { return m_lines.at(row).text; }
    void setDelivery(const QString &id, ChatLine::Delivery delivery, const QString &error = {});
    /// Replaces an own line's server-side facts once its echo arrived.
    void confirm(const QString &id, qint64 seq, const QDateTime &time);
    /// Sets what the line with \a id answers (an own reply's quote, once the room wrote it).
    void setReply(const QString &id, qint64 replyTo, const QString &nick, const QString &text);
    /// Sets the file an own line shares, once the room announced it (with its key).
    void setFile(const QString &id, const FileInfo &file);
    void removeId(const QString &id);
    void clear();

private:
    /// Adds the line in \a row to the indexes it belongs in.
    void addToIndexes(int row);

    LineStore m_lines;
    IdIndex m_rowById{m_lines};   ///< lines with an id: delivery updates, "shown once"
    SeqIndex m_rowBySeq{m_lines}; ///< lines with a seq; reply quotes are found by it
};

} // namespace Parlor
