#pragma once

#include <QObject>
#include <QString>

#include <optional>

/// The parlor.v1 wire protocol: names, error codes, limits and the validation rules both the
/// server and the client apply. docs/PROTOCOL.md is the normative description.
namespace Parlor {
Q_NAMESPACE

/// The rich subprotocol: JSON messages, one object per text frame.
inline constexpr char RichSubprotocol[] = "parlor.v1";
/// The plain subprotocol: every text frame is one chat line.
inline constexpr char PlainSubprotocol[] = "chatting";

/// Codes of the `error` message. The wire names are in errorCodeName().
enum class ErrorCode {
    BadJson,       ///< the frame is not valid JSON
    BadMessage,    ///< a JSON object without a string `type` (a bare value is bad-json: Qt
                   ///< parses only objects and arrays at the top level)
    UnknownType,   ///< `type` names no client message
    BadField,      ///< a field is missing, of the wrong type or out of range
    NotJoined,     ///< a message other than `hello` before `hello` was accepted
    AlreadyJoined, ///< a second `hello`
    NickInvalid,   ///< the nickname breaks the nickname rules
    NickTaken,     ///< another member uses the nickname (compared case-insensitively)
    Auth,          ///< wrong or missing room password; the server closes with 1008
    RateLimited,   ///< too many messages per second; the message was dropped
    Duplicate,     ///< a `say` whose `id` was accepted before and has left the history
    RoomFull,      ///< the room or the caller's address has too many connections; 1013 follows
    NotStored,     ///< the room could not store the message (its disk is full or failing); it
                   ///< was not delivered
    BadReply,      ///< `reply_to` names a seq the room has not reached, or an event that is not
                   ///< a message; the message was not stored
    BadFileName,   ///< a file-offer's name breaks the file name rules (fileNameProblem())
    FileTooLarge,  ///< a file-offer above maxFileBytes, or the room takes no files
    BadChunk,      ///< a file-chunk for no upload, at the wrong offset, not base64, empty, too
                   ///< long, or past the offered size
    NoFile,        ///< a file-get for a key the room does not (or no longer) keep
    StoreFull,     ///< unfinished uploads fill the room's file store
};
Q_ENUM_NS(ErrorCode)

/// Close codes the room sends. Qt's enum lacks 1013, and Qt 6.4 clients report a received 1013
/// as 1002 ("invalid close code"), which is why `error room-full` precedes it.
namespace CloseCode {
inline constexpr int GoingAway = 1001;
inline constexpr int UnsupportedData = 1003;
inline constexpr int PolicyViolation = 1008;
inline constexpr int MessageTooBig = 1009;
inline constexpr int TryAgainLater = 1013;
inline constexpr int Replaced = 4001; ///< a newer connection of the same client took over
inline constexpr int Kicked = 4002;   ///< the default when the room's host removes a peer
} // namespace CloseCode

/// The wire name of \a code, e.g. "bad-json".
QString errorCodeName(ErrorCode code);
/// The code for a wire name; nullopt for a name this version does not know.
std::optional<ErrorCode> errorCodeFromName(const QString &name);

/// Limits that shape what a valid message is. The server announces them in `welcome`.
struct ProtocolLimits
{
    int maxNickLength = 32;   ///< in characters (code points)
    int maxTextLength = 4000; ///< in characters (code points)
    int maxIdLength = 64;     ///< for message ids and client ids, in ASCII characters
    int maxPasswordLength = 256;
};

/// Why a nickname is refused, in English (for the `error` text); nullopt when it is valid.
/// A nickname has 1 to maxLength characters, no leading or trailing white space, and no
/// control, format (invisible) or line-separator characters.
std::optional<QString> nickProblem(const QString &nick, int maxLength);
/// Why a chat text is refused; nullopt when it is valid. Text is 1 to maxLength characters, not
/// only white space, and has no control characters but tab, line feed and carriage return.
std::optional<QString> textProblem(const QString &text, int maxLength);
/// Why a message id or client id is refused; nullopt when it is valid: 1 to maxLength printable
/// ASCII characters, no spaces.
std::optional<QString> idProblem(const QString &id, int maxLength);

/// Why a shared file's name is refused, in English; nullopt when it is valid: 1 to 255 bytes of
/// UTF-8, no '/' or '\\', no control, format (Cf) or line/paragraph separator characters, not
/// "." or "..", no leading or trailing white space.
std::optional<QString> fileNameProblem(const QString &name);
/// Why a file-offer's mime hint is refused; nullopt when it is valid: `type/subtype`, 1 to 127
/// printable ASCII characters without spaces.
std::optional<QString> mimeProblem(const QString &mime);
/// Whether \a key has the form of a file key: "f" followed by 32 lower-case hex digits.
bool isFileKey(QStringView key);
/// The largest chunk a room takes in one file-chunk or sends in one file-data, before base64:
/// 32768, or less so that a chunk's message fits in \a maxMessageBytes.
int fileChunkBytesFor(int maxMessageBytes);
/// The chunk size when the message size allows it.
inline constexpr int MaxFileChunkBytes = 32768;

/// The hello feature with which a welcome lists the members in pages (docs/PROTOCOL.md
/// "Large rooms").
inline constexpr char FeatureMemberPages[] = "member-pages";
/// The hello feature with which joins and leaves during a storm come collected in `events`
/// frames (docs/PROTOCOL.md "Large rooms").
inline constexpr char FeatureEventBatches[] = "event-batches";
/// The hello feature (with event-batches) with which a window of many joins and leaves comes
/// as one `presence` count instead of the events (docs/PROTOCOL.md "Large rooms").
inline constexpr char FeaturePresenceDigest[] = "presence-digest";
/// Joins and leaves in one window above which a digesting client gets a `presence` frame
/// (`parlor-server --digest-threshold`): the default and the range; 0 never digests.
inline constexpr int DefaultDigestThreshold = 50;
inline constexpr int MaxDigestThreshold = 100000;
/// The most entries in a hello's `features`.
inline constexpr int MaxHelloFeatures = 16;
/// Members in a page (`parlor-server --member-page`): the default and the range.
inline constexpr int DefaultMemberPage = 200;
inline constexpr int MinMemberPage = 1;
inline constexpr int MaxMemberPage = 5000;

/// How long a reply's quote of the answered text is, in characters (code points).
inline constexpr int ReplyExcerptLength = 100;
/// The quote of \a text a reply carries: line breaks and runs of white space made one space, cut
/// to ReplyExcerptLength characters (never inside a surrogate pair) with "…" when cut.
QString replyExcerpt(const QString &text);

/// The canonical form used to compare nicknames: NFKC-normalized and case-folded.
QString nickKey(const QString &nick);

/// The size of \a text in UTF-8, counted without converting it (what a text frame carries).
/// Agrees with QString::toUtf8(), which QWebSocket uses: an unpaired surrogate is one byte ('?').
qsizetype utf8Size(QStringView text);

} // namespace Parlor
