#pragma once

#include "protocol.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

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
    /// What the client understands beyond the base protocol ("member-pages"); unknown ones are
    /// ignored (docs/PROTOCOL.md "Large rooms").
    QStringList features;
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

/// Starts or resumes the upload of one file (docs/PROTOCOL.md "Files").
struct FileOffer
{
    QString id; ///< a message id, like a `say` id: the file's `message` carries it back
    QString name;
    qint64 size = 0;
    QString mime;                  ///< the sender's guess; empty when it gave none
    std::optional<qint64> replyTo; ///< as in Say
};

/// Bytes of an upload, at exactly the offset the room has received so far.
struct FileChunk
{
    QString id;
    qint64 offset = 0;
    QByteArray data; ///< already decoded from base64
};

/// Asks for bytes of a kept file.
struct FileGet
{
    QString key;
    qint64 offset = 0;
    int length = 0; ///< 0: the room's fileChunkBytes
};

/// Asks for the next page of the member list (docs/PROTOCOL.md "Large rooms").
struct MembersRequest
{
    QString after; ///< the cursor of the page before: `membersNext` or a page's `next`
};

using ClientMessage = std::variant<Hello, Say, NickChange, Typing, FileOffer, FileChunk, FileGet,
                                   MembersRequest>;

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

/// A file shared in a message: what the room stored, not what the sender claimed (the room
/// sniffs the type).
struct FileInfo
{
    QString key; ///< "f" + 32 hex digits: file-get and the HTTP address /files/<key>
    QString name;
    qint64 size = 0;
    QString mime;

    friend bool operator==(const FileInfo &a, const FileInfo &b)
    {
        return a.key == b.key && a.name == b.name && a.size == b.size && a.mime == b.mime;
    }
    friend bool operator!=(const FileInfo &a, const FileInfo &b) { return !(a == b); }
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
    std::optional<FileInfo> file;    ///< Message: a shared file (then text is its name)

    friend bool operator==(const RoomEvent &a, const RoomEvent &b)
    {
        return a.kind == b.kind && a.seq == b.seq && a.ts == b.ts && a.id == b.id
               && a.from == b.from && a.text == b.text && a.nick == b.nick && a.to == b.to
               && a.reason == b.reason && a.mode == b.mode && a.client == b.client
               && a.reply == b.reply && a.file == b.file;
    }
};

/// The limits a room announces in `welcome`.
struct RoomLimits
{
    int maxMessageBytes = 0;
    int maxTextLength = 0;
    int maxNickLength = 0;
    int messagesPerSecond = 0;
    qint64 maxFileBytes = 0; ///< 0: the room takes no files (or is older than files)
    int fileChunkBytes = 0;  ///< the most bytes in one file-chunk or file-data
};

struct Welcome
{
    QString room;
    QString incarnation; ///< changes when the server restarts; `since` is only valid within one
    QString you;         ///< the nickname the server gave this client
    /// Everyone, or with the "member-pages" feature the first page of them.
    QList<Member> members;
    /// Set when the members come in pages: how many members the room has now.
    std::optional<qint64> memberCount;
    QString membersNext; ///< paged: the cursor of the next page; empty when none is left
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
    QString id;   ///< the `say` or file upload id the error is about, if any
    /// the key of the file a `file-get` error is about, if any (initialized so that the many
    /// `ErrorReply{code, text, id}` stay warning-free)
    QString file = {};
};

/// The answer to a file-offer: how many bytes of the upload the room already has.
struct FileReady
{
    QString id;
    qint64 received = 0;
};

/// The answer to an accepted file-chunk, paced by the peer's file rate.
struct FileProgress
{
    QString id;
    qint64 received = 0;
};

/// Bytes of a kept file: the answer to a file-get.
struct FileData
{
    QString key;
    qint64 offset = 0;
    QByteArray data; ///< already decoded from base64
};

/// One page of the member list: the answer to a MembersRequest.
struct MemberPage
{
    QList<Member> members;
    QString next; ///< the cursor of the next page; empty: this was the last
};

/// Room events (joins and leaves) collected over a short window: an `events` frame.
struct EventBatch
{
    QList<RoomEvent> events; ///< in seq order
};

/// What a storm of joins and leaves did, instead of the events themselves: a `presence` frame
/// (the "presence-digest" feature, docs/PROTOCOL.md "Large rooms").
struct PresenceDigest
{
    qint64 through = 0;     ///< the seq of the last event it stands for
    qint64 joined = 0;      ///< joins among those events
    qint64 left = 0;        ///< leaves among those events
    qint64 memberCount = 0; ///< members of the room when it was sent
    /// The cursor from which the member pages list everyone anew.
    QString membersFrom;

    bool operator==(const PresenceDigest &o) const
    {
        return through == o.through && joined == o.joined && left == o.left
               && memberCount == o.memberCount && membersFrom == o.membersFrom;
    }
};

using ServerMessage = std::variant<Welcome, RoomEvent, TypingEvent, ErrorReply, FileReady,
                                   FileProgress, FileData, MemberPage, EventBatch, PresenceDigest>;

} // namespace Parlor
