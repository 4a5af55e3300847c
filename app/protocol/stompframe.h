#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Parlor {

/// One STOMP 1.2 frame: a command, headers in the order they came (a name may repeat; the first
/// one counts), and a body of any bytes. Socket-free; StompDecoder reads frames, encode() writes
/// one.
class StompFrame
{
public:
    enum class Command {
        Invalid,
        // client → server
        Connect,
        Stomp,
        Send,
        Subscribe,
        Unsubscribe,
        Ack,
        Nack,
        Begin,
        Commit,
        Abort,
        Disconnect,
        // server → client
        Connected,
        Message,
        Receipt,
        Error,
    };
    using Header = QPair<QByteArray, QByteArray>;

    StompFrame() = default;
    explicit StompFrame(Command command, QList<Header> headers = {}, QByteArray body = {})
        : command(command)
        , headers(std::move(headers))
        , body(std::move(body))
    {}

    /// The command as it is written on the wire ("SEND"); empty for Invalid.
    static QByteArray commandName(Command command);
    /// The command a wire name stands for; Invalid for anything STOMP 1.2 does not define
    /// (names are case-sensitive).
    static Command commandFromName(const QByteArray &name);
    /// CONNECT, STOMP and CONNECTED headers are not escaped (STOMP 1.2, "Value Encoding").
    static bool escapesHeaders(Command command);

    /// The first value of header \a name, or \a defaultValue if the frame has none.
    QByteArray header(const QByteArray &name, const QByteArray &defaultValue = {}) const;
    bool hasHeader(const QByteArray &name) const;
    /// Appends a header (an earlier one of the same name keeps precedence).
    void addHeader(const QByteArray &name, const QByteArray &value);
    /// Replaces every header called \a name with one of value \a value.
    void setHeader(const QByteArray &name, const QByteArray &value);

    /// The frame on the wire, NUL-terminated. A non-empty body always gets a content-length
    /// header (any given one is replaced), so bodies may hold NULs. Header names and values are
    /// escaped except in CONNECT, STOMP and CONNECTED, where a CR or LF cannot be written at all:
    /// check with canEncode() first.
    QByteArray encode() const;
    /// False if encode() could not write the frame faithfully: a header with an empty name, or a
    /// CR or LF in a CONNECT/STOMP/CONNECTED header (or a colon in its name), or no command.
    bool canEncode() const;

    static QByteArray escape(const QByteArray &raw);

    Command command = Command::Invalid;
    QList<Header> headers;
    QByteArray body;
};

} // namespace Parlor
