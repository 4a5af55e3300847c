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
    static QByteArray encode(const ClientMessage &m);

    static QByteArray encode(const Welcome &m);
    static QByteArray encode(const RoomEvent &m);
    static QByteArray encode(const TypingEvent &m);
    static QByteArray encode(const ErrorReply &m);

    static QJsonObject toJson(const RoomEvent &m);

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
