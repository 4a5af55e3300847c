#pragma once

#include "chatline.h"

#include <QAbstractListModel>
#include <QHash>
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
    };
    Q_ENUM(Role)

    explicit MessageModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void append(const ChatLine &line);
    void append(const QList<ChatLine> &lines);
    /// Row of the line with message \a id, or -1.
    int rowOfId(const QString &id) const;
    bool containsId(const QString &id) const { return rowOfId(id) >= 0; }
    const ChatLine &line(int row) const { return m_lines.at(row); }
    void setDelivery(const QString &id, ChatLine::Delivery delivery, const QString &error = {});
    /// Replaces an own line's server-side facts once its echo arrived.
    void confirm(const QString &id, qint64 seq, const QDateTime &time);
    void removeId(const QString &id);
    void clear();

private:
    QList<ChatLine> m_lines;
    QHash<QString, int> m_rowById;
};

} // namespace Parlor
