#pragma once

#include "messages.h"

#include <QByteArray>
#include <QJsonObject>

namespace Parlor {

/// Encodes parlor.v1 messages as compact JSON (one object per text frame) and decodes and
/// validates them. Unknown fields are ignored; everything else that is wrong gets an ErrorReply
/// saying what, so the server can send it back as it is.
class Codec
{
public:
    static QByteArray encode(const Hello &m);
    static QByteArray encode(const Say &m);
    static QByteArray encode(const NickChange &m);
    static QByteArray encode(const Typing &m);
    static QByteArray encode(const FileOffer &m);
    static QByteArray encode(const FileChunk &m);
    static QByteArray encode(const FileGet &m);
    static QByteArray encode(const MembersRequest &m);
    static QByteArray encode(const ClientMessage &m);

    static QByteArray encode(const Welcome &m);
    static QByteArray encode(const RoomEvent &m);
    static QByteArray encode(const TypingEvent &m);
    static QByteArray encode(const ErrorReply &m);
    static QByteArray encode(const FileReady &m);
    static QByteArray encode(const FileProgress &m);
    static QByteArray encode(const FileData &m);
    static QByteArray encode(const MemberPage &m);
    /// A page with its members given already encoded (encode(Member)).
    static QByteArray encodeMemberPage(const QList<QByteArray> &members, const QString &next);
    static QByteArray encode(const EventBatch &m);
    /// The same bytes as encode(EventBatch), with its events given already encoded.
    static QByteArray encodeEventBatch(const QList<QByteArray> &events);
    static QByteArray encode(const PresenceDigest &m);
    static QByteArray encode(const ServerMessage &m);

    /// Strict base64 (standard alphabet, padded): nullopt for anything else.
    static std::optional<QByteArray> fromBase64(const QString &text);

    static QJsonObject toJson(const RoomEvent &m);

    /// One member as the welcome lists it: `{"mode":…,"nick":…}`.
    static QByteArray encode(const Member &m);
    /// The same bytes as encode(\a m), with its members and history given already encoded
    /// (encode(Member), encode(RoomEvent)) instead of taken from \a m: a room keeps those
    /// encoded, so a welcome costs a copy of them rather than a JSON tree of the whole room
    /// (docs/PERFORMANCE.md: joins in a room of thousands).
    static QByteArray encode(const Welcome &m, const QList<QByteArray> &members,
                             const QList<QByteArray> &history);

    using ClientDecode = std::variant<ClientMessage, ErrorReply>;
    /// Decodes and validates one frame from a client against \a limits.
    static ClientDecode decodeClient(const QByteArray &utf8, const ProtocolLimits &limits);

    /// What went wrong with a frame from a server, in English.
    struct DecodeFailure
    {
        QString text;
    };
    using ServerDecode = std::variant<ServerMessage, DecodeFailure>;
    /// Decodes one frame from a server. A client ignores (and logs) what fails here.
    static ServerDecode decodeServer(const QByteArray &utf8);

    static QString memberModeName(MemberMode mode);
};

} // namespace Parlor
