#pragma once

#include "protocol/messages.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Parlor {

/// One row of the chat: a message, one of my own, or a system or error line.
struct ChatLine
{
    enum class Kind { Chat, Own, System, Error };
    /// What a System line reports; the view words it (the core only gives facts).
    /// Presence: a storm's joins and leaves counted, not listed (docs/PROTOCOL.md "Large
    /// rooms"); text holds "JOINED LEFT", two numbers.
    enum class Event { None, Join, Leave, NickChange, Gap, Joined, Disconnected, Presence };
    enum class Delivery { None, Queued, Sent, Delivered, Failed };

    Kind kind = Kind::Chat;
    Event event = Event::None; ///< System lines: sender is the subject, text the detail
                               ///< (leave reason, new nickname)
    qint64 seq = 0;            ///< room seq; 0 for lines that are not room events
    QString id;                ///< message id (own and others'); empty for system lines
    QString sender;
    QString text;
    QDateTime time;
    Delivery delivery = Delivery::None;
    QString error;           ///< why delivery failed
    bool replayed = false;   ///< came from history (welcome), not live: never notify for it
    qint64 replyTo = 0;      ///< the seq of the message this one answers; 0: not a reply
    QString replyNick;       ///< the answered message's author; empty: no longer available
    QString replyText;       ///< the start of the answered text, as the room quoted it
    bool mentionsMe = false; ///< someone else's line that names me or answers me
    /// A shared file (text is then its name). An own upload has an empty key until the room
    /// announced it.
    std::optional<FileInfo> file;
};

} // namespace Parlor

Q_DECLARE_METATYPE(Parlor::ChatLine)
