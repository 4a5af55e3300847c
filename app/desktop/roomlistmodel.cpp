#include "roomlistmodel.h"

#include "client/chatsession.h"
#include "client/connectionmanager.h"

namespace Parlor {

struct RoomListModel::Room
{
    std::unique_ptr<SessionController> controller;
    SessionController::LastSession last;
    int unread = 0;
    int mentions = 0;
};

RoomListModel::RoomListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

RoomListModel::~RoomListModel()
{
    shutdown();
}

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rooms.size());
}

QString RoomListModel::nameOf(const Room &room) const
{
    const SessionController *c = room.controller.get();
    if (c->session() && !c->session()->room().isEmpty())
        return c->session()->room();
    if (c->hosting() != SessionController::Hosting::Off)
        return c->host()->config().roomName;
    if (!room.last.roomName.isEmpty())
        return room.last.roomName;
    const QUrl url = c->session() ? c->session()->connection()->options().url : room.last.url;
    if (url.isValid())
        return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port())
                              : url.host();
    return tr("New room");
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Room &room = *m_rooms[size_t(index.row())];
    const SessionController *c = room.controller.get();
    const ConnectionManager *connection = c->session() ? c->session()->connection() : nullptr;
    const auto state = connection ? connection->state() : ConnectionStateMachine::State::Closed;
    const bool reconnecting = connection && state == ConnectionStateMachine::State::Closed
                              && connection->isReconnectScheduled();
    switch (role) {
    case Qt::DisplayRole:
        return nameOf(room);
    case Qt::ToolTipRole:
    case AddressRole:
        return connection ? connection->options().url.toString() : room.last.url.toString();
    case Qt::AccessibleTextRole: {
        // What a screen reader says for the row: the badge and marks in words.
        QString stateText;
        switch (state) {
        case ConnectionStateMachine::State::Connecting:
            stateText = tr("connecting");
            break;
        case ConnectionStateMachine::State::Open:
            stateText = tr("connected");
            break;
        case ConnectionStateMachine::State::Closing:
            stateText = tr("closing");
            break;
        case ConnectionStateMachine::State::Closed:
            stateText = reconnecting ? tr("reconnecting") : tr("disconnected");
            break;
        }
        QString text = tr("%1, %2").arg(nameOf(room), stateText);
        if (c->isHosting())
            text += tr(", hosted here");
        if (room.unread > 0)
            text += tr(", %1 unread").arg(room.unread); // no plural: the number stands alone
        if (room.mentions > 0)
            text += tr(", you were mentioned");
        return text;
    }
    case StateRole:
        return int(state);
    case ReconnectingRole:
        return reconnecting;
    case UnreadRole:
        return room.unread;
    case MentionsRole:
        return room.mentions;
    case HostedRole:
        return c->hosting() != SessionController::Hosting::Off;
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(StateRole, "state");
    names.insert(ReconnectingRole, "reconnecting");
    names.insert(UnreadRole, "unread");
    names.insert(MentionsRole, "mentions");
    names.insert(HostedRole, "hosted");
    names.insert(AddressRole, "address");
    return names;
}

SessionController *RoomListModel::addRoom()
{
    auto room = std::make_unique<Room>();
    room->controller = m_spare ? std::move(m_spare) : std::make_unique<SessionController>();
    Room *r = room.get();
    SessionController *c = r->controller.get();
    connect(c, &SessionController::sessionChanged, this,
            [this, r](ChatSession *session, const QString &) {
                if (session)
                    followSession(r, session);
                changed(r);
            });
    connect(c, &SessionController::hostingChanged, this, [this, r] { changed(r); });
    connect(c, &SessionController::lastSessionChanged, this,
            [this, r](const SessionController::LastSession &last) {
                r->last = last;
                emit roomsChanged();
            });
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_rooms.push_back(std::move(room));
    endInsertRows();
    emit roomAdded(c);
    emit roomsChanged();
    return c;
}

SessionController *RoomListModel::spare()
{
    if (!m_spare)
        m_spare = std::make_unique<SessionController>();
    return m_spare.get();
}

void RoomListModel::followSession(Room *room, ChatSession *session)
{
    // These connections end with the session (the controller replaces or drops it).
    ConnectionManager *connection = session->connection();
    connect(connection, &ConnectionManager::stateChanged, this, [this, room] { changed(room); });
    connect(session, &ChatSession::joined, this, [this, room] { changed(room); });
    connect(session, &ChatSession::nickChanged, this, [this, room](const QString &nick) {
        room->last.nick = nick;
        emit roomsChanged();
    });
    connect(session, &ChatSession::lineArrived, this,
            [this, room](const ChatLine &line) { onLine(room, line); });
}

void RoomListModel::onLine(Room *room, const ChatLine &line)
{
    if (line.replayed || line.kind != ChatLine::Kind::Chat)
        return;
    const bool mention = line.mentionsMe; // named or answered (ChatSession, MentionMatcher)
    if (rowOf(room) != m_current) {
        ++room->unread;
        if (mention)
            ++room->mentions;
        changed(room);
        emit unreadTotalChanged(unreadTotal());
    }
    emit lineArrived(room->controller.get(), line, mention);
}

void RoomListModel::changed(const Room *room)
{
    const int row = rowOf(room);
    if (row >= 0)
        emit dataChanged(index(row), index(row));
}

int RoomListModel::rowOf(const Room *room) const
{
    for (size_t i = 0; i < m_rooms.size(); ++i) {
        if (m_rooms[i].get() == room)
            return int(i);
    }
    return -1;
}

int RoomListModel::rowOf(const SessionController *controller) const
{
    for (size_t i = 0; i < m_rooms.size(); ++i) {
        if (m_rooms[i]->controller.get() == controller)
            return int(i);
    }
    return -1;
}

int RoomListModel::rowOfUrl(const QUrl &url, const QByteArray &stompDestination) const
{
    for (size_t i = 0; i < m_rooms.size(); ++i) {
        const SessionController *c = m_rooms[i]->controller.get();
        if (c->hosting() == SessionController::Hosting::Off && c->session()
            && c->session()->connection()->options().url == url
            && c->session()->stompTarget().destination == stompDestination) {
            return int(i);
        }
    }
    return -1;
}

SessionController *RoomListModel::controller(int row) const
{
    return row >= 0 && row < rowCount() ? m_rooms[size_t(row)]->controller.get() : nullptr;
}

void RoomListModel::setCurrent(int row)
{
    if (row < -1 || row >= rowCount())
        return;
    if (row >= 0) {
        Room &room = *m_rooms[size_t(row)];
        const bool hadUnread = room.unread > 0 || room.mentions > 0;
        room.unread = 0;
        room.mentions = 0;
        if (hadUnread) {
            changed(&room);
            emit unreadTotalChanged(unreadTotal());
        }
    }
    if (row == m_current)
        return;
    m_current = row;
    emit currentChanged(row, controller(row));
    emit roomsChanged();
}

void RoomListModel::removeRoom(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    if (row == m_current) {
        // The neighbour below, or above at the end; none when it was the last room.
        const int next = row + 1 < rowCount() ? row + 1 : row - 1;
        setCurrent(next);
    }
    // The controller goes first, while the views that follow the room no longer do: leaving
    // closes its session (1000 to the room), stopping closes the hosted room (1001 to its peers).
    m_rooms[size_t(row)]->controller->shutdown();
    beginRemoveRows({}, row, row);
    std::unique_ptr<Room> gone = std::move(m_rooms[size_t(row)]);
    m_rooms.erase(m_rooms.begin() + row);
    if (m_current > row)
        --m_current;
    endRemoveRows();
    gone.reset();
    emit unreadTotalChanged(unreadTotal());
    emit roomsChanged();
}

void RoomListModel::shutdown()
{
    for (const auto &room : m_rooms)
        room->controller->shutdown();
}

int RoomListModel::unreadTotal() const
{
    int total = 0;
    for (const auto &room : m_rooms)
        total += room->unread;
    return total;
}

int RoomListModel::unread(int row) const
{
    return row >= 0 && row < rowCount() ? m_rooms[size_t(row)]->unread : 0;
}

int RoomListModel::mentions(int row) const
{
    return row >= 0 && row < rowCount() ? m_rooms[size_t(row)]->mentions : 0;
}

QList<SessionController::LastSession> RoomListModel::sessions() const
{
    QList<SessionController::LastSession> list;
    for (const auto &room : m_rooms) {
        if (room->last.kind != SessionController::LastSession::Kind::None)
            list.append(room->last);
    }
    return list;
}

int RoomListModel::currentSession() const
{
    if (m_current < 0
        || m_rooms[size_t(m_current)]->last.kind == SessionController::LastSession::Kind::None) {
        return -1;
    }
    int index = 0;
    for (int row = 0; row < m_current; ++row) {
        if (m_rooms[size_t(row)]->last.kind != SessionController::LastSession::Kind::None)
            ++index;
    }
    return index;
}

} // namespace Parlor
