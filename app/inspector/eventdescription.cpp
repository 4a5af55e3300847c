#include "eventdescription.h"

#include "client/closeinfo.h"
#include "client/proxysetting.h"
#include "core/textutil.h"
#include "statetimeline.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Parlor {

namespace {

QString stateName(const QString &recorded)
{
    StateTimeline::State state;
    return StateTimeline::stateFromName(recorded, &state) ? StateTimeline::stateText(state)
                                                          : recorded;
}
} // namespace

bool EventDescription::isMessage(const ConnectionEvent &event)
{
    return event.kind == ConnectionEvent::Kind::MessageIn
           || event.kind == ConnectionEvent::Kind::MessageOut;
}

EventDescription::Direction EventDescription::directionOf(const ConnectionEvent &event)
{
    using Kind = ConnectionEvent::Kind;
    switch (event.kind) {
    case Kind::MessageOut:
    case Kind::Ping:
        return Direction::Out;
    case Kind::MessageIn:
    case Kind::Pong:
        return Direction::In;
    case Kind::Handshake:
        // The request goes out on the wire, the 101 comes in.
        return event.text(EventField::phase) == EventValue::request ? Direction::Out
                                                                    : Direction::In;
    case Kind::Close:
        return event.text(EventField::direction) == EventValue::in ? Direction::In : Direction::Out;
    default:
        return Direction::Local;
    }
}

EventDescription::Opcode EventDescription::opcodeOf(const ConnectionEvent &event)
{
    using Kind = ConnectionEvent::Kind;
    switch (event.kind) {
    case Kind::MessageIn:
    case Kind::MessageOut:
        return event.text(EventField::opcode) == EventValue::binary ? Opcode::Binary : Opcode::Text;
    case Kind::Ping:
        return Opcode::Ping;
    case Kind::Pong:
        return Opcode::Pong;
    case Kind::Close:
        return Opcode::Close;
    default:
        return Opcode::None;
    }
}

qint64 EventDescription::sizeOf(const ConnectionEvent &event)
{
    using Kind = ConnectionEvent::Kind;
    switch (event.kind) {
    case Kind::MessageIn:
    case Kind::MessageOut:
        return qint64(event.fields.value(EventField::size).toDouble(-1));
    case Kind::Ping:
    case Kind::Pong:
        return event.text(EventField::payload).toUtf8().size();
    case Kind::Close:
        return 2 + event.text(EventField::reason).toUtf8().size(); // the code, then the reason
    default:
        return -1;
    }
}

QByteArray EventDescription::previewBytes(const ConnectionEvent &event)
{
    const QString preview = event.text(EventField::preview);
    // Binary previews are recorded as hex pairs; fromHex skips the spaces.
    return opcodeOf(event) == Opcode::Binary ? QByteArray::fromHex(preview.toLatin1())
                                             : preview.toUtf8();
}

QString EventDescription::summaryOf(const ConnectionEvent &event)
{
    using Kind = ConnectionEvent::Kind;
    const QJsonObject &f = event.fields;
    switch (event.kind) {
    case Kind::State: {
        QStringList parts{tr("%1 → %2").arg(stateName(event.text(EventField::from)),
                                            stateName(event.text(EventField::to)))};
        if (event.text(EventField::to) == QLatin1String("Closed"))
            parts.append(CloseInfo::fromJson(f).summary());
        else if (!event.text(EventField::url).isEmpty())
            parts.append(event.text(EventField::url)); // which server, when there are several
        return parts.join(QStringLiteral(" · "));
    }
    case Kind::Handshake: {
        QStringList offered;
        for (const QJsonValue &v : f.value(EventField::offered).toArray())
            offered.append(v.toString());
        if (event.text(EventField::phase) == EventValue::request) {
            QString text = offered.isEmpty() ? tr("upgrade request %1 · no subprotocol offered")
                                                       .arg(event.text(EventField::url))
                                             : tr("upgrade request %1 · offered: %2")
                                                       .arg(event.text(EventField::url),
                                                            offered.join(QStringLiteral(", ")));
            // The way it went, when a proxy was involved (traces before proxies have no field).
            const QString proxy = event.text(EventField::proxy);
            if (!ProxySetting::proxyText(proxy).isEmpty())
                text += QStringLiteral(" · ") + ProxySetting::routeText(proxy);
            return text;
        }
        const QString chosen = event.text(EventField::chosen);
        return chosen.isEmpty() ? tr("%1 Switching Protocols · no subprotocol chosen")
                                          .arg(f.value(EventField::status).toInt())
                                : tr("%1 Switching Protocols · chosen: %2")
                                          .arg(f.value(EventField::status).toInt())
                                          .arg(chosen);
    }
    case Kind::MessageIn:
    case Kind::MessageOut: {
        QString text = oneLine(event.text(EventField::preview));
        if (qint64(previewBytes(event).size()) < sizeOf(event))
            text += QChar(0x2026); // …: the preview is the beginning of a longer message
        const int fragments = f.value(EventField::fragments).toInt(1);
        if (fragments > 1)
            return tr("%1 (%n fragments)", nullptr, fragments).arg(text);
        return text;
    }
    case Kind::Ping:
        return tr("payload %1").arg(event.text(EventField::payload));
    case Kind::Pong:
        return tr("rtt %1 ms").arg(f.value(EventField::rttMs).toInteger());
    case Kind::Error: {
        QString text = event.text(EventField::error);
        QStringList problems;
        for (const QJsonValue &v : f.value(EventField::problems).toArray())
            problems.append(v.toString());
        if (!problems.isEmpty())
            text = tr("%1: %2").arg(text, problems.join(QStringLiteral("; ")));
        return oneLine(text);
    }
    case Kind::Reconnect: {
        if (f.value(EventField::cancelled).toBool())
            return tr("reconnect cancelled");
        const QDateTime at = QDateTime::fromString(event.text(EventField::at), Qt::ISODateWithMs);
        QStringList parts{tr("attempt %1 in %2 s, at %3")
                                  .arg(f.value(EventField::attempt).toInt())
                                  .arg(f.value(EventField::delayMs).toInt() / 1000.0, 0, 'f', 1)
                                  .arg(at.toLocalTime().toString(QStringLiteral("HH:mm:ss")))};
        // Failover: where the attempt goes, and whether the whole list has failed.
        const QString next = event.text(EventField::url);
        if (!next.isEmpty())
            parts.append(tr("to %1").arg(next));
        const int count = f.value(EventField::serverCount).toInt();
        if (count > 1 && f.value(EventField::serversDown).toInt() >= count)
            parts.append(tr("none of the %1 servers could be reached").arg(count));
        return parts.join(QStringLiteral(" · "));
    }
    case Kind::Close: {
        QStringList parts{QStringLiteral("%1 %2")
                                  .arg(f.value(EventField::code).toInt())
                                  .arg(event.text(EventField::codeName))};
        const QString reason = event.text(EventField::reason);
        if (!reason.isEmpty())
            parts.append(tr("“%1”").arg(oneLine(reason)));
        if (f.value(EventField::reply).toBool())
            parts.append(tr("answer to the peer's close"));
        return parts.join(QStringLiteral(" · "));
    }
    }
    return {};
}

QString EventDescription::kindText(ConnectionEvent::Kind kind)
{
    using Kind = ConnectionEvent::Kind;
    switch (kind) {
    case Kind::State:
        return tr("State");
    case Kind::Handshake:
        return tr("Handshake");
    case Kind::MessageIn:
    case Kind::MessageOut:
        return tr("Message");
    case Kind::Ping:
        return tr("Ping");
    case Kind::Pong:
        return tr("Pong");
    case Kind::Error:
        return tr("Error");
    case Kind::Reconnect:
        return tr("Reconnect");
    case Kind::Close:
        return tr("Close");
    }
    return {};
}

QString EventDescription::opcodeText(Opcode opcode)
{
    switch (opcode) {
    case Opcode::None:
        return QString(QChar(0x2014)); // —
    case Opcode::Text:
        return tr("text", "WebSocket opcode");
    case Opcode::Binary:
        return tr("binary", "WebSocket opcode");
    case Opcode::Ping:
        return tr("ping", "WebSocket opcode");
    case Opcode::Pong:
        return tr("pong", "WebSocket opcode");
    case Opcode::Close:
        return tr("close", "WebSocket opcode");
    }
    return {};
}

QString EventDescription::directionSymbol(Direction direction)
{
    switch (direction) {
    case Direction::Out:
        return QString(QChar(0x2191)); // ↑
    case Direction::In:
        return QString(QChar(0x2193)); // ↓
    case Direction::Local:
        return QString(QChar(0x2013)); // –
    }
    return {};
}

QString EventDescription::directionText(Direction direction)
{
    switch (direction) {
    case Direction::Out:
        return tr("sent");
    case Direction::In:
        return tr("received");
    case Direction::Local:
        return tr("local");
    }
    return {};
}

QString EventDescription::prettyJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !(document.isObject() || document.isArray()))
        return {};
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
}

QString EventDescription::hexDump(const QByteArray &bytes)
{
    QString dump;
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        const QByteArray line = bytes.mid(offset, 16);
        QString hex = QString::fromLatin1(line.toHex(' '));
        hex = hex.leftJustified(16 * 3 - 1, QLatin1Char(' '));
        QString ascii;
        for (const char c : line)
            ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        if (!dump.isEmpty())
            dump += QLatin1Char('\n');
        dump += QStringLiteral("%1  %2  |%3|").arg(offset, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return dump;
}

} // namespace Parlor
