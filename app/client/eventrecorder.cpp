#include "eventrecorder.h"

#include "protocol/closecodes.h"

#include <QJsonArray>
#include <QMetaEnum>

namespace Parlor {

namespace {

bool isSensitiveHeader(const QByteArray &name)
{
    const QByteArray n = name.toLower();
    return n == "authorization" || n == "cookie" || n == "proxy-authorization";
}

QString stateName(ConnectionStateMachine::State state)
{
    return QString::fromLatin1(
            QMetaEnum::fromType<ConnectionStateMachine::State>().valueToKey(int(state)));
}

} // namespace

EventRecorder::EventRecorder(const ConnectionStateMachine *clock)
    : m_clock(clock)
{}

void EventRecorder::handshakeRequest(const QUrl &url, const QStringList &offered,
                                     const QString &origin,
                                     const QList<QPair<QByteArray, QByteArray>> &extraHeaders,
                                     int attempt, const QString &proxy)
{
    QJsonObject headers{{QStringLiteral("Host"), url.adjusted(QUrl::RemoveUserInfo).authority()},
                        {QStringLiteral("Upgrade"), QStringLiteral("websocket")},
                        {QStringLiteral("Connection"), QStringLiteral("Upgrade")},
                        {QStringLiteral("Sec-WebSocket-Version"), QStringLiteral("13")}};
    if (!offered.isEmpty())
        headers.insert(QStringLiteral("Sec-WebSocket-Protocol"),
                       offered.join(QStringLiteral(", ")));
    if (!origin.isEmpty())
        headers.insert(QStringLiteral("Origin"), origin);
    for (const auto &[name, value] : extraHeaders) {
        headers.insert(QString::fromLatin1(name), isSensitiveHeader(name)
                                                          ? QStringLiteral("<redacted>")
                                                          : QString::fromLatin1(value));
    }
    QJsonObject fields{{EventField::phase, EventValue::request},
                       {EventField::url, url.toString(QUrl::RemoveUserInfo)},
                       {EventField::headers, headers},
                       {EventField::offered, QJsonArray::fromStringList(offered)},
                       {EventField::attempt, attempt}};
    if (!proxy.isEmpty())
        fields.insert(EventField::proxy, proxy);
    record(ConnectionEvent::Kind::Handshake, fields);
}

void EventRecorder::handshakeResponse(const QString &chosen, const QStringList &offered)
{
    record(ConnectionEvent::Kind::Handshake,
           {{EventField::phase, EventValue::response},
            {EventField::status, 101},
            {EventField::chosen, chosen},
            {EventField::offered, QJsonArray::fromStringList(offered)}});
}

void EventRecorder::handshakeRefused(int status, const QStringList &offered)
{
    record(ConnectionEvent::Kind::Handshake,
           {{EventField::phase, EventValue::response},
            {EventField::status, status},
            {EventField::refused, true},
            {EventField::offered, QJsonArray::fromStringList(offered)}});
}

void EventRecorder::textMessage(ConnectionEvent::Kind kind, const QString &preview, qint64 size,
                                int frames)
{
    // Received messages count the frames they arrived in, sent ones the frames they left in.
    record(kind,
           {{EventField::opcode, EventValue::text},
            {EventField::size, size},
            {kind == ConnectionEvent::Kind::MessageIn ? EventField::fragments : EventField::frames,
             frames},
            {EventField::preview, preview.left(PreviewLength)}});
}

void EventRecorder::binaryMessage(ConnectionEvent::Kind kind, const QByteArray &data, qint64 size,
                                  int frames)
{
    record(kind,
           {{EventField::opcode, EventValue::binary},
            {EventField::size, size},
            {kind == ConnectionEvent::Kind::MessageIn ? EventField::fragments : EventField::frames,
             frames},
            {EventField::preview, QString::fromLatin1(data.left(PreviewLength / 2).toHex(' '))}});
}

void EventRecorder::ping(const QByteArray &payload)
{
    record(ConnectionEvent::Kind::Ping, {{EventField::payload, QString::fromLatin1(payload)}});
}

void EventRecorder::pong(qint64 rttMs, const QByteArray &payload)
{
    record(ConnectionEvent::Kind::Pong,
           {{EventField::rttMs, rttMs}, {EventField::payload, QString::fromLatin1(payload)}});
}

void EventRecorder::error(const QString &errorString, int socketError)
{
    record(ConnectionEvent::Kind::Error,
           {{EventField::error, errorString}, {EventField::socketError, socketError}});
}

void EventRecorder::certificateError(const QStringList &problems, const QString &subject,
                                     const QString &issuer, const QString &sha256, bool pinned)
{
    record(ConnectionEvent::Kind::Error,
           {{EventField::error, QStringLiteral("TLS certificate not verified")},
            {EventField::problems, QJsonArray::fromStringList(problems)},
            {EventField::subject, subject},
            {EventField::issuer, issuer},
            {EventField::sha256, sha256},
            {EventField::pinned, pinned}});
}

void EventRecorder::closeFrame(QLatin1String direction, int code, const QString &reason, bool reply)
{
    QJsonObject fields{{EventField::direction, direction},
                       {EventField::code, code},
                       {EventField::codeName, CloseCodes::name(code)},
                       {EventField::reason, reason}};
    if (reply)
        fields.insert(EventField::reply, true);
    record(ConnectionEvent::Kind::Close, fields);
}

void EventRecorder::transition(State from, State to, const CloseInfo &close, const QUrl &url)
{
    QJsonObject fields = to == State::Closed ? close.toJson() : QJsonObject();
    fields.insert(EventField::from, stateName(from));
    fields.insert(EventField::to, stateName(to));
    if ((to == State::Connecting || to == State::Open) && !url.isEmpty())
        fields.insert(EventField::url, url.toString(QUrl::RemoveUserInfo));
    record(ConnectionEvent::Kind::State, fields);
}

void EventRecorder::reconnectScheduled(int delayMs, int attempt, const QDateTime &at,
                                       const CloseInfo &close)
{
    QJsonObject fields{{EventField::delayMs, delayMs},
                       {EventField::attempt, attempt},
                       {EventField::at, at.toString(Qt::ISODateWithMs)}};
    if (!close.nextServer.isEmpty()) {
        fields.insert(EventField::url, close.nextServer);
        fields.insert(EventField::serversDown, close.serversDown);
        fields.insert(EventField::serverCount, close.serverCount);
    }
    record(ConnectionEvent::Kind::Reconnect, fields);
}

void EventRecorder::reconnectCancelled()
{
    record(ConnectionEvent::Kind::Reconnect, {{EventField::cancelled, true}});
}

void EventRecorder::record(ConnectionEvent::Kind kind, const QJsonObject &fields)
{
    ConnectionEvent event;
    event.kind = kind;
    event.monotonicMs = m_clock->elapsedMs();
    event.wallMs = QDateTime::currentMSecsSinceEpoch();
    event.fields = fields;
    m_log.append(std::move(event));
}

} // namespace Parlor
