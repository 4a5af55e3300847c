#pragma once

#include "protocol/messages.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace Parlor {

/// Where a Room numbers and keeps its events. The log, not the room, decides an event's seq:
/// an append is a request that completes later — at once in memory, after a commit on disk,
/// once a broker has ordered it among the events of other servers — and the room acts on an
/// event (broadcasts it, acknowledges it) only when its append has completed.
///
/// Reads are answered at once from what the log keeps at hand: every kind of log keeps the
/// window of recent events that `welcome` and resume are served from.
class RoomLog : public QObject
{
    Q_OBJECT

public:
    /// What became of one append: the event as the log numbered and stamped it, or why the log
    /// could not keep it (then nothing was numbered and nobody must be told of it).
    struct Appended
    {
        RoomEvent event;
        QString error;
        /// Why it was refused, as the author is told: NotStored (the log could not keep it), or,
        /// in a log shared by several servers whose order decides, NickTaken (another server's
        /// member took the nickname first) and NotJoined (the author is no longer a member).
        ErrorCode code = ErrorCode::NotStored;
        /// A `say` another server had appended already (the same client and id, re-sent after a
        /// failover): \a event is the one appended then, owed to its author only.
        bool duplicate = false;
        bool ok() const { return error.isEmpty(); }
    };
    using Completion = std::function<void(const Appended &)>;

    explicit RoomLog(QObject *parent = nullptr);

    /// This life of the room's history. Seqs compare only within one incarnation: a log that
    /// starts empty starts a new one.
    virtual QString incarnation() const = 0;
    /// The seq of the newest event, 0 before the first.
    virtual qint64 lastSeq() const = 0;

    /// Appends \a draft. Its seq and ts are the log's to set, and so is the id of a message
    /// without one (a plain peer's line: see stamped()). \a done is called exactly once, in
    /// the log's thread, possibly before append() returns; completions come in seq order.
    virtual void append(const RoomEvent &draft, Completion done) = 0;

    /// The events kept, oldest first.
    virtual QList<RoomEvent> all() const = 0;
    /// The events with seq > \a since that are kept, oldest first; \a gap is set when some
    /// events after \a since are no longer kept.
    virtual QList<RoomEvent> after(qint64 since, bool *gap) const = 0;
    /// The event with \a seq, if it is still kept.
    virtual std::optional<RoomEvent> event(qint64 seq) const = 0;
    /// The seq a message from \a client with \a id was appended as, while the log remembers it
    /// (longer than it keeps the event itself): a re-sent `say` is then not posted twice.
    virtual std::optional<qint64> delivered(const QString &client, const QString &id) const = 0;

    /// Members of the room who are connected to other servers sharing this log (BrokerRoomLog):
    /// they are in every welcome's member list and their nicknames are taken. None by default.
    virtual QList<Member> foreignMembers() const { return {}; }
    /// The client id of the foreign member whose nickKey() is \a key (empty for a plain peer).
    virtual std::optional<QString> foreignMemberClient(const QString &key) const
    {
        Q_UNUSED(key);
        return std::nullopt;
    }
    /// Tells the other servers that \a event's member is typing; transient, not numbered.
    virtual void shareTyping(const TypingEvent &event) { Q_UNUSED(event); }
    /// The server is stopping and has closed its peers (without leave events: nobody is left
    /// to tell). A log shared with other servers tells them that this server's members are
    /// gone, so they see them leave at once rather than after a silence; \a done is called,
    /// once, when that is recorded or given up (never later than a few seconds). At once by
    /// default.
    virtual void stop(std::function<void()> done) { done(); }

signals:
    /// An event this server did not append, in seq order with the completions: another
    /// server's, or one the shared log's rules derived (a member replaced by a newer connection
    /// elsewhere, the members of a server that went silent). The room tells its members.
    void eventArrived(const Parlor::RoomEvent &event);
    /// Another server's member is typing.
    void typingArrived(const Parlor::TypingEvent &event);

public:
    /// \a draft numbered as \a seq at \a ts: what every log does to an event it appends. A
    /// message without an id gets `plain-<incarnation>-<seq>` (docs/PROTOCOL.md), unique
    /// across incarnations and derived from the numbering, so every server that reads the same
    /// log names it alike.
    static RoomEvent stamped(RoomEvent draft, const QString &incarnation, qint64 seq, qint64 ts);
};

} // namespace Parlor
