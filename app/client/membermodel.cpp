#include "membermodel.h"

namespace Parlor {

MemberModel::MemberModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int MemberModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MemberModel::data(const QModelIndex &index, int role) const
{
    // Bounds, not checkIndex(): a view asking about a stale index is no bug worth a warning.
    if (!index.isValid() || index.model() != this || index.parent().isValid() || index.column() != 0
        || index.row() < 0 || index.row() >= rowCount())
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NickRole:
        return r.member.nick;
    case PlainRole:
        return r.member.mode == MemberMode::Plain;
    case IsYouRole:
        return r.member.nick == m_you;
    case TypingRole:
        return r.typing;
    case Qt::AccessibleTextRole: {
        // What the list draws as marks and colours, in words for a screen reader.
        QString text = r.member.nick;
        if (r.member.nick == m_you)
            text += tr(", you");
        if (r.member.mode == MemberMode::Plain)
            text += tr(", plain client");
        if (r.typing)
            text += tr(", typing");
        return text;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> MemberModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NickRole, "nick");
    names.insert(PlainRole, "plain");
    names.insert(IsYouRole, "isYou");
    names.insert(TypingRole, "typing");
    return names;
}

void MemberModel::reset(const QList<Member> &members, const QString &you, bool morePages)
{
    beginResetModel();
    m_rows.clear();
    for (const Member &m : members)
        m_rows.append(Row{m, false});
    m_you = you;
    m_paging = morePages;
    m_gone.clear();
    m_listed.clear();
    m_refreshing = false;
    endResetModel();
}

void MemberModel::startRefresh()
{
    m_paging = true;
    m_refreshing = true;
    m_gone.clear();
    m_listed.clear();
}

void MemberModel::mergePage(const QList<Member> &members, bool last)
{
    if (!m_paging)
        return;
    // One pass over the list per page, not one per member: rooms that page are large.
    QSet<QString> known;
    known.reserve(m_rows.size() + members.size());
    for (const Row &r : std::as_const(m_rows))
        known.insert(r.member.nick);
    QList<Row> added;
    for (const Member &m : members) {
        if (m_refreshing && !m_gone.contains(m.nick))
            m_listed.insert(m.nick);
        if (m_gone.contains(m.nick) || known.contains(m.nick))
            continue;
        known.insert(m.nick);
        added.append(Row{m, false});
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
    if (last && m_refreshing) {
        // Whoever the pages did not list left during the storm: one pass, rows removed from
        // the end so that the indexes before stay right.
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            const QString &nick = m_rows.at(row).member.nick;
            if (nick == m_you || m_listed.contains(nick))
                continue;
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        m_refreshing = false;
        m_listed.clear();
    }
    if (last) {
        m_paging = false;
        m_gone.clear();
    }
}

void MemberModel::add(const Member &member)
{
    m_gone.remove(member.nick);
    if (m_refreshing)
        m_listed.insert(member.nick);
    if (rowOf(member.nick) >= 0)
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(Row{member, false});
    endInsertRows();
}

void MemberModel::remove(const QString &nick)
{
    if (m_paging)
        m_gone.insert(nick);
    m_listed.remove(nick);
    const int row = rowOf(nick);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void MemberModel::rename(const QString &from, const QString &to)
{
    if (m_paging) {
        m_gone.insert(from);
        m_gone.remove(to);
    }
    if (m_refreshing) {
        m_listed.remove(from);
        m_listed.insert(to);
    }
    const int row = rowOf(from);
    if (row < 0)
        return;
    m_rows[row].member.nick = to;
    if (m_you == from)
        m_you = to;
    emit dataChanged(index(row), index(row));
}

void MemberModel::setTyping(const QString &nick, bool typing)
{
    const int row = rowOf(nick);
    if (row < 0 || m_rows.at(row).typing == typing)
        return;
    m_rows[row].typing = typing;
    emit dataChanged(index(row), index(row), {TypingRole, Qt::AccessibleTextRole});
}

void MemberModel::setYou(const QString &you)
{
    if (m_you == you)
        return;
    m_you = you;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1),
                         {IsYouRole, Qt::AccessibleTextRole});
}

int MemberModel::rowOf(const QString &nick) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).member.nick == nick)
            return i;
    }
    return -1;
}

QStringList MemberModel::nicks() const
{
    QStringList result;
    for (const Row &r : m_rows)
        result.append(r.member.nick);
    return result;
}

} // namespace Parlor
