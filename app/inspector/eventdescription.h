#pragma once

#include "client/connectionevent.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QMetaType>
#include <QString>

namespace Parlor {

/// What one connection event is, in facts and in words: its direction on the wire, its opcode,
/// its payload size, and a one-line translated summary built from its fields. EventLogModel's
/// columns and roles and FrameFilter's choices are made of these.
class EventDescription
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(EventDescription)

public:
    enum class Direction { Local, In, Out };
    Q_ENUM(Direction)

    enum class Opcode { None, Text, Binary, Ping, Pong, Close };
    Q_ENUM(Opcode)

    /// A message in or out (the events with a preview).
    static bool isMessage(const ConnectionEvent &event);
    static Direction directionOf(const ConnectionEvent &event);
    static Opcode opcodeOf(const ConnectionEvent &event);
    /// Payload bytes, or -1 for an event without a payload.
    static qint64 sizeOf(const ConnectionEvent &event);
    /// A message's preview as bytes (binary previews are recorded as hex pairs).
    static QByteArray previewBytes(const ConnectionEvent &event);
    /// The translated one-line summary of an event.
    static QString summaryOf(const ConnectionEvent &event);
    /// Translated names, for the columns and for filter menus.
    static QString kindText(ConnectionEvent::Kind kind);
    static QString opcodeText(Opcode opcode);
    static QString directionSymbol(Direction direction);
    static QString directionText(Direction direction);
    /// \a text indented, if it is a JSON object or array; empty otherwise.
    static QString prettyJson(const QString &text);
    /// A hex dump: "00000000  7b 22 74 ...  |{"t...|", 16 bytes a line.
    static QString hexDump(const QByteArray &bytes);
};

} // namespace Parlor
