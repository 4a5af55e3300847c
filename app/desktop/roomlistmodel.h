#pragma once

#include "client/chatline.h"
#include "sessioncontroller.h"

#include <QAbstractListModel>

#include <memory>
#include <vector>

namespace Parlor {

/// The rooms the desktop app is in at once, one row each: every room has a SessionController of
/// its own (its session, outbox, inspector log, reconnect, and the room it hosts, if any), so
/// joining another room adds one instead of replacing the current one. The model also keeps
/// what the room list shows of the rooms the user is not looking at: the lines that arrived
/// there unread, and whether one of them mentions the user's nick (ChatLine::mentionsMe).
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        StateRole = Qt::UserRole + 1, ///< int(ConnectionStateMachine::State)
        ReconnectingRole,             ///< bool: closed, with a reconnect scheduled
        UnreadRole,                   ///< int: live lines that arrived while not current
        MentionsRole,                 ///< int: how many of them mention my nick
        HostedRole,                   ///< bool: this computer hosts the room
        AddressRole,                  ///< QString: where the room is (its URL)
    };

    explicit RoomListModel(QObject *parent = nullptr);
    ~RoomListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Adds a room with a controller of its own, not yet joined or hosted: the caller
    /// connects to it (roomAdded() has been emitted) and then joins or hosts. It is spare()
    /// when there is one.
    SessionController *addRoom();
    /// The controller the next addRoom() will add, made now if need be: what the window shows
    /// as its room host before it is in any room (something can follow it before it hosts).
    SessionController *spare();
    /// Closes the room at \a row with its session and the room it hosts, and removes it. The
    /// current room moves to its neighbour (currentChanged()) before the room goes.
    void removeRoom(int row);
    /// Leaves every room and closes every hosted one at once (for exit).
    void shutdown();

    SessionController *controller(int row) const;
    int rowOf(const SessionController *controller) const;
    /// The row of the room joined at \a url (not the hosted ones), or -1. On a STOMP broker,
    /// each \a stompDestination is a room of its own.
    int rowOfUrl(const QUrl &url, const QByteArray &stompDestination = QByteArray()) const;

    /// The room the window shows (-1: none). Making a room current clears its unread count.
    int current() const { return m_current; }
    SessionController *currentController() const { return controller(m_current); }
    void setCurrent(int row);

    /// Unread lines in all rooms but the current one (the window adds the current one's).
    int unreadTotal() const;
    int unread(int row) const;
    int mentions(int row) const;
    /// What each room needs to be joined or hosted again at the next start, in list order.
    QList<SessionController::LastSession> sessions() const;
    /// The current room's index in sessions() (-1: none, or it has nothing to restore).
    int currentSession() const;

signals:
    /// A room was added; emitted before it joins or hosts, so its signals can be followed
    /// from its first session.
    void roomAdded(Parlor::SessionController *controller);
    /// The current room changed (\a controller is nullptr when no room is left).
    void currentChanged(int row, Parlor::SessionController *controller);
    void unreadTotalChanged(int total);
    /// A live line from someone else arrived in \a controller's room (current or not);
    /// \a mention: it mentions my nick there. For notifications.
    void lineArrived(Parlor::SessionController *controller, const Parlor::ChatLine &line,
                     bool mention);
    /// The set of rooms, or what restores one of them, changed (to be saved).
    void roomsChanged();

private:
    struct Room;

    void followSession(Room *room, ChatSession *session);
    void onLine(Room *room, const ChatLine &line);
    void changed(const Room *room);
    int rowOf(const Room *room) const;
    QString nameOf(const Room &room) const;

    std::vector<std::unique_ptr<Room>> m_rooms;
    std::unique_ptr<SessionController> m_spare;
    int m_current = -1;
};

} // namespace Parlor
