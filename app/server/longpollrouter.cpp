#include "longpollrouter.h"

#include "core/logging.h"
#include "longpollsession.h"
#include "roompage.h"
#include "upgradegate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QUrlQuery>

namespace Parlor {

namespace {

constexpr QByteArrayView Prefix = "/poll/";
constexpr int IdBytes = 16; // 128 bits: nobody guesses another page's session

void answer(QTcpSocket *socket, const QByteArray &response)
{
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(response);
    socket->disconnectFromHost();
}

QByteArray refusal(int status, const QByteArray &why, const QByteArray &extraHeaders = {})
{
    return RoomPage::plainText(status, why + '\n', extraHeaders);
}

bool isSessionId(const QByteArray &id)
{
    if (id.size() != IdBytes * 2)
        return false;
    return std::all_of(id.cbegin(), id.cend(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// Method and request target of \a head; empty when the request line is malformed.
std::pair<QByteArray, QByteArray> requestLine(const QByteArray &head)
{
    const QList<QByteArray> parts = head.left(head.indexOf('\n')).trimmed().split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1."))
        return {};
    return {parts.at(0), parts.at(1)};
}

} // namespace

LongPollRouter::LongPollRouter(const RoomConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{}

LongPollRouter::~LongPollRouter() = default;

bool LongPollRouter::isPollRequest(const QByteArray &head)
{
    const QByteArray target = requestLine(head).second;
    return target == "/poll" || target.startsWith(Prefix);
}

int LongPollRouter::sessionCount() const
{
    return int(std::count_if(m_sessions.cbegin(), m_sessions.cend(),
                             [](const QPointer<LongPollSession> &s) {
                                 return s && s->state() != LongPollSession::State::Closed;
                             }));
}

LongPollSession *LongPollRouter::find(const QByteArray &id) const
{
    LongPollSession *session = m_sessions.value(id);
    return session && session->state() != LongPollSession::State::Closed ? session : nullptr;
}

void LongPollRouter::handle(QTcpSocket *socket, const QByteArray &head, const QByteArray &body)
{
    const auto [method, target] = requestLine(head);
    if (method.isEmpty())
        return answer(socket, refusal(400, "Bad Request"));
    QByteArray path = target;
    QByteArray query;
    if (const qsizetype q = path.indexOf('?'); q >= 0) {
        query = path.mid(q + 1);
        path.truncate(q);
    }
    if (path == "/poll/open") {
        if (method != "POST")
            return answer(socket, refusal(405, "open a session with POST", "Allow: POST\r\n"));
        return open(socket, head);
    }
    if (!path.startsWith(Prefix))
        return answer(socket, refusal(404, "Not Found"));
    const QByteArray id = path.mid(Prefix.size());
    LongPollSession *session = isSessionId(id) ? find(id) : nullptr;
    if (!session)
        return answer(socket, refusal(404, "no such session: open a new one"));
    if (method == "GET") {
        std::optional<qint64> since;
        const QUrlQuery params(QString::fromLatin1(query));
        if (params.hasQueryItem(QStringLiteral("since"))) {
            bool ok = false;
            since = params.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
            if (!ok)
                return answer(socket, refusal(400, "since must be a number"));
        }
        if (!session->poll(socket, since))
            return answer(socket, refusal(400, "since is not a number of messages this session "
                                               "handed out and was not told of yet"));
        return;
    }
    if (method == "POST")
        return post(socket, session, body);
    if (method == "DELETE") {
        answer(socket, RoomPage::reply(204, "text/plain; charset=utf-8", {}));
        session->leave();
        return;
    }
    answer(socket, refusal(405, "Method Not Allowed", "Allow: GET, POST, DELETE\r\n"));
}

void LongPollRouter::open(QTcpSocket *socket, const QByteArray &head)
{
    // The room's own limit decides who is let in (RoomServer admits the session as a peer);
    // this one only bounds sessions that are still on their way out.
    if (sessionCount() >= m_config.maxPeers)
        return answer(socket, refusal(503, "too many long-poll sessions"));
    QByteArray id(IdBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(id.data()), IdBytes / 4);
    id = id.toHex();
    LongPollSession::Request request;
    request.address = UpgradeGate::normalized(socket->peerAddress());
    request.port = socket->peerPort();
    request.origin = QString::fromUtf8(RoomPage::header(head, "origin"));
    request.userAgent = QString::fromUtf8(RoomPage::header(head, "user-agent"));
    auto *session = new LongPollSession(id, request, m_config.longPollHoldMs,
                                        m_config.longPollTimeoutMs, this);
    m_sessions.insert(id, session);
    connect(session, &QObject::destroyed, this, [this, id] { m_sessions.remove(id); });
    qCInfo(lcServer).noquote() << "long-poll session opened by" << request.address.toString();
    const QJsonObject about{{QStringLiteral("sid"), QString::fromLatin1(id)},
                            {QStringLiteral("hold"), m_config.longPollHoldMs},
                            {QStringLiteral("timeout"), m_config.longPollTimeoutMs},
                            {QStringLiteral("maxBytes"), m_config.maxMessageBytes}};
    answer(socket, RoomPage::reply(200, "application/json",
                                   QJsonDocument(about).toJson(QJsonDocument::Compact)));
    emit opened(session);
}

void LongPollRouter::post(QTcpSocket *socket, LongPollSession *session, const QByteArray &body)
{
    session->touch();
    // All or nothing: a body that is not an array of objects delivers none of them.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return answer(socket, refusal(400, "the body must be a JSON array of parlor.v1 messages"));
    QList<QByteArray> messages;
    const QJsonArray array = document.array();
    for (const QJsonValue &value : array) {
        if (!value.isObject())
            return answer(socket, refusal(400, "every element must be a parlor.v1 message (a "
                                               "JSON object)"));
        messages.append(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    answer(socket, RoomPage::reply(204, "text/plain; charset=utf-8", {}));
    session->receive(messages);
}

} // namespace Parlor
