#pragma once

#include "protocol/messages.h"

#include <QAbstractListModel>
#include <QList>

namespace Parlor {

/// The people in the room: nickname, rich or plain client, whether it is me, whether typing.
class MemberModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { NickRole = Qt::UserRole + 1, PlainRole, IsYouRole, TypingRole };
    Q_ENUM(Role)

    explicit MemberModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void reset(const QList<Member> &members, const QString &you);
    void add(const Member &member);
    void remove(const QString &nick);
    void rename(const QString &from, const QString &to);
    void setTyping(const QString &nick, bool typing);
    void setYou(const QString &you);
    int rowOf(const QString &nick) const;
    QStringList nicks() const;

private:
    struct Row
    {
        Member member;
        bool typing = false;
    };
    QList<Row> m_rows;
    QString m_you;
};

} // namespace Parlor
