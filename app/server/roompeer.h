#pragma once

#include "core/tokenbucket.h"
#include "protocol/messages.h"

#include <QHostAddress>
#include <QString>

namespace Parlor {

/// One connection as a Room sees it: who it is in the room, how far it has come, and the two
/// things the room can ask of it — send a text message, close. The room never sees a socket:
/// PeerConnection is the real peer, a test can be one too.
class RoomPeer
{
public:
    /// How far a peer has come. A connection still in its HTTP upgrade is not a peer yet (the
    /// UpgradeGate holds it).
    ///
    ///     AwaitingHello ─hello─▶ Joining ─join appended, welcome sent─▶ Joined
    ///        ▲ │                    │                                    │
    ///        └─┼─join refused by ───┤                                    │
    ///          │ a shared log       └──────room closes it──▶ Leaving ◀───┘
    ///          │                                                │
    ///          └─closed──────────────▶ Left ◀──leave announced──┘
    ///
    /// A plain peer is Joining from the start. A Joining peer holds its nickname but hears
    /// nothing until the log has its join and it has its welcome: everything after comes live,
    /// nothing before it twice. A Leaving peer's leave is announced when its connection ends; a
    /// Left one is out of the room already and only its connection is still closing.
    enum class State { AwaitingHello, Joining, Joined, Leaving, Left };

    RoomPeer(int id, MemberMode mode, const QHostAddress &address);
    virtual ~RoomPeer();
    RoomPeer(const RoomPeer &) = delete;
    RoomPeer &operator=(const RoomPeer &) = delete;

    int id() const { return m_id; }
    MemberMode mode() const { return m_mode; }
    QHostAddress address() const { return m_address; }
    State state() const { return m_state; }
    /// Gets the room's events and is in its member list.
    bool isMember() const { return m_state == State::Joined; }
    /// Its hello was accepted (plain peers: it came in) and it has not started leaving: its
    /// nickname is taken and it may talk.
    bool isIn() const { return m_state == State::Joining || m_state == State::Joined; }
    /// Its join was (or is being) announced and its leave is not announced yet.
    bool owesLeave() const { return isIn() || m_state == State::Leaving; }
    QString nick() const { return m_nick; }
    QString client() const { return m_client; }
    /// Why the room closes it; empty while it is AwaitingHello or Joined.
    QString leaveReason() const { return m_leaveReason; }

    /// Sends one text message; nothing once the peer is Leaving or Left.
    virtual void sendText(const QString &text) = 0;
    /// Sends one text message that is UTF-8 already (the room's encoded JSON); nothing once the
    /// peer is Leaving or Left.
    virtual void sendUtf8(const QByteArray &utf8) { sendText(QString::fromUtf8(utf8)); }
    /// Closes the connection with \a code and \a reason; the room has moved the peer to Leaving
    /// or Left before. The connection's end comes back as Room::detach().
    virtual void closeConnection(int code, const QString &reason) = 0;

    // The room's moves. Each is legal only from the states the diagram shows; anything else is
    // a bug, logged and refused.
    /// Hello accepted: → Joining under \a nick.
    void join(const QString &nick, const QString &client);
    /// A log shared by several servers refused its join (another server's member took the
    /// nickname first): Joining → AwaitingHello, so it may say hello again.
    void refused();
    /// Its join is in the log and it has been welcomed: → Joined.
    void welcomed();
    void rename(const QString &nick);
    /// The room closes the peer: Joining or Joined → Leaving, AwaitingHello → Left. False if it
    /// was already on its way out.
    bool startLeaving(const QString &reason);
    /// Its leave is announced (or it never joined): → Left.
    void markLeft(const QString &reason);

    // Flood control, the room's per-peer bookkeeping.
    TokenBucket bucket{1, 1, 0};
    int droppedInFlood = 0; ///< messages dropped since the bucket was last full
    qint64 lastRateErrorMs = -1;
    /// File bytes it may send and fetch (RoomConfig::fileBytesPerSecond): paces the room's
    /// file-progress and file-data answers.
    TokenBucket fileBucket{1, 1, 0};
    /// Its entry in a welcome's member list, encoded when it joins or changes nickname.
    QByteArray memberJson;
    /// Its hello asked for "member-pages": its welcome lists the first page of members only.
    bool memberPages = false;
    /// Its hello asked for "event-batches": joins and leaves come collected in `events` frames.
    bool eventBatches = false;
    /// Its hello asked for "presence-digest" (with event-batches): a window of many joins and
    /// leaves comes as a `presence` count.
    bool presenceDigest = false;
    /// Where its announcements not sent yet start in the room's batch (Room::m_announceBatch);
    /// -1: none waiting.
    qsizetype batchStart = -1;

private:
    void setState(State state);

    int m_id = 0;
    MemberMode m_mode = MemberMode::Rich;
    QHostAddress m_address;
    State m_state = State::AwaitingHello;
    QString m_nick;
    QString m_client;
    QString m_leaveReason;
};

} // namespace Parlor
