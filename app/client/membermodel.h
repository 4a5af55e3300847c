#pragma once

#include "protocol/messages.h"

#include <QAbstractListModel>
#include <QList>
#include <QSet>

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

    /// \a morePages: \a members is the first page of a room that lists its members in pages
    /// (docs/PROTOCOL.md "Large rooms"); mergePage() brings the rest.
    void reset(const QList<Member> &members, const QString &you, bool morePages = false);
    /// Adds the members of a further page that are not in the list yet. Presence that arrived
    /// since the paging began wins: a member who left (or took another name) meanwhile is not
    /// brought back by a page. \a last: the list is complete.
    void mergePage(const QList<Member> &members, bool last);
    /// The list is stale (a presence digest counted joins and leaves without naming them):
    /// pages from the start follow, and when the last is in, members no page listed and no
    /// join named since are dropped. Meanwhile the stale list stays shown.
    void startRefresh();
    /// Not all pages are in yet.
    bool isPaging() const { return m_paging; }
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
    bool m_paging = false;
    /// While paging: nicknames that left or were renamed away since the paging began.
    QSet<QString> m_gone;
    /// While refreshing (startRefresh()): nicknames a page listed or a join named since.
    QSet<QString> m_listed;
    bool m_refreshing = false;
};

} // namespace Parlor
