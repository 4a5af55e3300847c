#pragma once

#include "protocol.h"

#include <QList>
#include <QString>

#include <optional>
#include <variant>

/// The messages of parlor.v1 as plain values. Codec turns them into JSON and back.
namespace Parlor {

// Client to server --------------------------------------------------------------------------

/// Must be the first message of a rich client.
struct Hello
{
    QString nick;
    QString client;              ///< stable random id of the installation
    std::optional<qint64> since; ///< last room seq the client has seen
    QString incarnation;         ///< the room incarnation `since` belongs to
    QString password;
};

struct Say
{
    QString id; ///< unique per client; the echo carries it back as the acknowledgement
    QString text;
    std::optional<qint64> replyTo; ///< the seq of the message this one answers
};

struct NickChange
{
    QString nick;
};

struct Typing
{
    bool active = false;
};

using ClientMessage = std::variant<Hello, Say, NickChange, Typing>;

// Server to client --------------------------------------------------------------------------

enum class MemberMode { Rich, Plain };

struct Member
{
    QString nick;
    MemberMode mode = MemberMode::Rich;

    friend bool operator==(const Member &a, const Member &b)
    {
        return a.nick == b.nick && a.mode == b.mode;
    }
};

/// What a message answers, as the room quoted it when it was sent. The room, not the author,
/// writes the quote, so nobody can put words in another member's mouth.
struct ReplyQuote
{
    qint64 seq = 0;
    QString nick; ///< empty: the room no longer had the answered message
    QString text; ///< the start of the answered text (replyExcerpt())

    bool known() const { return !nick.isEmpty(); }
    friend bool operator==(const ReplyQuote &a, const ReplyQuote &b)
    {
        return a.seq == b.seq && a.nick == b.nick && a.text == b.text;
    }
};

/// A numbered room event: what the history is made of.
struct RoomEvent
{
    enum class Kind { Message, Join, Leave, Nick };

    Kind kind = Kind::Message;
    qint64 seq = 0;
    qint64 ts = 0;  ///< milliseconds since the Unix epoch, UTC
    QString id;     ///< Message: the sender's message id
    QString from;   ///< Message: the sender; Nick: the old nickname
    QString text;   ///< Message
    QString nick;   ///< Join, Leave
    QString to;     ///< Nick: the new nickname
    QString reason; ///< Leave: see docs/PROTOCOL.md ("quit", "lost", "flood", "slow", ...)
    MemberMode mode = MemberMode::Rich; ///< Join
    /// Message from a rich peer: its `client` id, which the room's log keeps to recognize a
    /// re-sent `say`. The room's own record: never on the wire.
    QString client;
    std::optional<ReplyQuote> reply; ///< Message: what it answers

    friend bool operator==(const RoomEvent &a, const RoomEvent &b)
    {
        return a.kind == b.kind && a.seq == b.seq && a.ts == b.ts && a.id == b.id
               && a.from == b.from && a.text == b.text && a.nick == b.nick && a.to == b.to
               && a.reason == b.reason && a.mode == b.mode && a.client == b.client
               && a.reply == b.reply;
    }
};

/// The limits a room announces in `welcome`.
struct RoomLimits
{
    int maxMessageBytes = 0;
    int maxTextLength = 0;
    int maxNickLength = 0;
    int messagesPerSecond = 0;
};

struct Welcome
{
    QString room;
    QString incarnation; ///< changes when the server restarts; `since` is only valid within one
    QString you;         ///< the nickname the server gave this client
    QList<Member> members;
    QList<RoomEvent> history;
    qint64 seq = 0;   ///< the room's latest seq
    bool gap = false; ///< events the client asked for with `since` are no longer available
    RoomLimits limits;
};

struct TypingEvent
{
    QString nick;
    bool active = false;
};

struct ErrorReply
{
    ErrorCode code = ErrorCode::BadMessage;
    QString text; ///< English, for people and logs; clients word the code themselves
    QString id;   ///< the `say` id the error is about, if any
};

using ServerMessage = std::variant<Welcome, RoomEvent, TypingEvent, ErrorReply>;

} // namespace Parlor
