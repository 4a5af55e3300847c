#include "brokerroomlog.h"

#include "core/logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <memory>
#include <utility>

namespace Parlor {

namespace {

QString randomId()
{
    return QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, u'0');
}

QByteArray header(const StompMessage &message, const QByteArray &name)
{
    for (const auto &h : message.headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

bool needsBroker(const RoomEvent &draft)
{
    // Leaves and nick changes of members already in must reach the stream whatever happens, or
    // the other servers would keep ghosts; they are bounded by the number of peers.
    return draft.kind == RoomEvent::Kind::Message || draft.kind == RoomEvent::Kind::Join;
}

} // namespace

BrokerRoomLog::BrokerRoomLog(const BrokerConfig &broker, const RoomConfig &room, QObject *parent)
    : RoomLog(parent)
    , m_config(broker)
    , m_limits(room.protocol)
    , m_stream(broker.stream.isEmpty() ? defaultStreamName(room.roomName) : broker.stream)
    , m_serverId(randomId())
    , m_proposedIncarnation(randomId())
    , m_state(room.historyLength)
    , m_backoff(ReconnectBackoff::Policy{500, 10000, 10000})
{
    m_streamDestination = "/queue/" + m_stream.toUtf8();
    m_presenceTopic = "/topic/" + m_stream.toUtf8() + ".presence";
    m_typingTopic = "/topic/" + m_stream.toUtf8() + ".typing";
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &BrokerRoomLog::connectToBroker);
    m_presence.setInterval(m_config.presenceIntervalMs);
    connect(&m_presence, &QTimer::timeout, this, [this] {
        sendPresence();
        checkPresence();
    });
    connect(&m_stomp, &StompClient::connected, this, &BrokerRoomLog::onConnected);
    connect(&m_stomp, &StompClient::disconnected, this, &BrokerRoomLog::onDisconnected);
    connect(&m_stomp, &StompClient::messageReceived, this, &BrokerRoomLog::onMessage);
    connect(&m_stomp, &StompClient::receiptReceived, this, [this](const QByteArray &receipt) {
        if (!m_subscribeReceipt.isEmpty() && receipt == m_subscribeReceipt)
            onSubscribed();
    });
    connect(&m_stomp, &StompClient::errorReceived, this, [](const StompError &error) {
        qCWarning(lcServer).noquote() << "broker: ERROR" << QString::fromUtf8(error.message);
    });
}

BrokerRoomLog::~BrokerRoomLog()
{
    m_stomp.disconnect(this);
    m_stomp.abort();
}

QString BrokerRoomLog::defaultStreamName(const QString &roomName)
{
    QString safe;
    bool replaced = false;
    for (QChar c : roomName) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
                        || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
        safe += ok ? c : u'_';
        replaced = replaced || !ok;
    }
    if (replaced || safe.isEmpty()) {
        // "Café" and "Caf_" must not share a stream.
        safe += u'.'
                + QString::fromLatin1(
                        QCryptographicHash::hash(roomName.toUtf8(), QCryptographicHash::Sha256)
                                .toHex()
                                .left(8));
    }
    return QStringLiteral("parlor.room.") + safe;
}

void BrokerRoomLog::start()
{
    m_clock.start();
    qCInfo(lcServer).noquote() << "broker: this server is" << m_serverId << "on stream" << m_stream
                               << "at" << m_config.addresses();
    connectToBroker();
}

void BrokerRoomLog::connectToBroker()
{
    StompClient::Options options;
    options.url = currentUrl();
    options.host = m_config.vhost;
    options.login = m_config.login;
    options.passcode = m_config.passcode;
    // The stream is this room's only log: a connection that went quiet is found out in seconds.
    options.heartBeatSendMs = 5000;
    options.heartBeatReceiveMs = 5000;
    if (!m_stomp.connectToBroker(options)) {
        m_problem = QStringLiteral("cannot connect to %1")
                            .arg(currentUrl().toString(QUrl::RemoveUserInfo));
        qCWarning(lcServer).noquote() << "broker:" << m_problem;
    }
}

void BrokerRoomLog::onConnected()
{
    // Read on from where this server was: the first time, the whole stream, which is the room.
    QList<StompFrame::Header> headers = streamArguments();
    headers.append(StompFrame::Header("prefetch-count", "500"));
    headers.append(StompFrame::Header("x-stream-offset",
                                      m_lastOffset < 0
                                              ? QByteArray("first")
                                              : "offset=" + QByteArray::number(m_lastOffset + 1)));
    // The session is not the room's until the broker confirms the subscription: a stream just
    // declared by another server may not have its replica up yet, and the broker then ends the
    // session ("does not have a replica on the local node") instead.
    m_streamSubscription = m_stomp.subscribe(m_streamDestination, StompClient::AckMode::Client,
                                             headers, {}, &m_subscribeReceipt);
    m_stomp.subscribe(m_presenceTopic);
    m_stomp.subscribe(m_typingTopic);
}

void BrokerRoomLog::onSubscribed()
{
    m_subscribeReceipt.clear();
    m_everSubscribed = true;
    m_backoff.reset();
    m_problem.clear();
    // Requests the broker may or may not have: the rules ignore those seen twice.
    for (auto &[number, pending] : m_pending) {
        sendRequest(pending.body);
        pending.sent = true;
    }
    m_presence.start();
    sendPresence();
    qCInfo(lcServer).noquote() << "broker: connected to"
                               << currentUrl().toString(QUrl::RemoveUserInfo) + u';'
                               << "reading stream" << m_stream << "from"
                               << (m_lastOffset < 0 ? QStringLiteral("the start")
                                                    : QString::number(m_lastOffset + 1));
    setStatus(Status::Connected);
}

void BrokerRoomLog::onDisconnected(StompClient::EndReason reason, const QString &detail)
{
    Q_UNUSED(reason);
    m_presence.stop();
    m_unacked.clear();
    m_subscribeReceipt.clear();
    m_problem = detail.isEmpty() ? QStringLiteral("the connection to the broker ended") : detail;
    m_problem += QStringLiteral(" (%1)").arg(currentUrl().toString(QUrl::RemoveUserInfo));
    // A cluster's next node may well be up while this one is not: every new attempt goes to the
    // next address, round and round, with the back-off between attempts.
    if (m_config.urls.size() > 1)
        m_urlIndex = (m_urlIndex + 1) % int(m_config.urls.size());
    if (!m_everSubscribed) {
        // Still starting up: what waits keeps waiting (bounded by maxPending), as before the
        // first connection.
        const int delay = m_backoff.nextDelayMs();
        qCWarning(lcServer).noquote()
                << "broker:" << m_problem << "— connecting again in" << delay << "ms";
        m_reconnect.start(delay);
        return;
    }
    // Messages and joins that never left this server are refused now, like new ones: nobody
    // heard of them. (Those sent may be in the stream: they wait to be read back.)
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->second.sent || !it->second.refusable) {
            ++it;
            continue;
        }
        const Completion done = std::move(it->second.done);
        it = m_pending.erase(it);
        done(Appended{{},
                      QStringLiteral("the room's broker is unavailable (%1)").arg(m_problem),
                      ErrorCode::NotStored,
                      false});
    }
    const int delay = m_backoff.nextDelayMs();
    qCWarning(lcServer).noquote() << "broker:" << m_problem << "— connecting again in" << delay
                                  << "ms;" << m_pending.size() << "events wait";
    m_reconnect.start(delay);
    setStatus(Status::Reconnecting);
}

void BrokerRoomLog::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    emit statusChanged(status);
}

QList<StompFrame::Header> BrokerRoomLog::streamArguments() const
{
    // Every frame naming the queue declares it again: all must agree it is a durable stream.
    return {{"x-queue-type", "stream"}, {"durable", "true"}, {"auto-delete", "false"}};
}

void BrokerRoomLog::append(const RoomEvent &draft, Completion done)
{
    if (needsBroker(draft)) {
        // While the first connection is being made they wait (a server just started takes
        // its first joiners); once the broker has been lost they are refused.
        if (m_status == Status::Reconnecting) {
            done(Appended{{},
                          QStringLiteral("the room's broker is unavailable (%1)").arg(m_problem),
                          ErrorCode::NotStored,
                          false});
            return;
        }
        if (int(m_pending.size()) >= m_config.maxPending) {
            done(Appended{{},
                          QStringLiteral("the room's broker is slow: %1 events wait for it")
                                  .arg(m_pending.size()),
                          ErrorCode::NotStored,
                          false});
            return;
        }
    }
    BrokerRequest request;
    request.server = m_serverId;
    request.number = m_nextNumber++;
    request.incarnation = m_proposedIncarnation;
    request.draft = draft;
    request.draft.ts = QDateTime::currentMSecsSinceEpoch();
    const QByteArray body = request.encode();
    const bool sent = m_status == Status::Connected;
    m_pending.emplace(request.number,
                      Pending{body, std::move(done), sent, needsBroker(draft), m_clock.elapsed()});
    if (sent)
        sendRequest(body);
}

void BrokerRoomLog::sendRequest(const QByteArray &body)
{
    QList<StompFrame::Header> headers = streamArguments();
    headers.append(StompFrame::Header("content-type", "application/json"));
    m_stomp.send(m_streamDestination, body, headers);
}

void BrokerRoomLog::onMessage(const StompMessage &message)
{
    if (message.subscription == m_streamSubscription) {
        onStreamMessage(message);
        return;
    }
    if (message.destination == m_presenceTopic) {
        const QString server = QString::fromUtf8(message.body).trimmed();
        if (server.size() == 16)
            m_heardAtMs.insert(server, m_clock.elapsed());
        return;
    }
    if (message.destination == m_typingTopic) {
        const QJsonObject o = QJsonDocument::fromJson(message.body).object();
        const QString server = o.value(QLatin1String("server")).toString();
        const QString nick = o.value(QLatin1String("nick")).toString();
        const auto member = m_state.members().constFind(nickKey(nick));
        // Only for a member of that server: a topic is not checked like the stream is.
        if (server != m_serverId && member != m_state.members().cend() && member->server == server)
            emit typingArrived(TypingEvent{member->nick, o.value(QLatin1String("active")).toBool()});
    }
}

void BrokerRoomLog::onStreamMessage(const StompMessage &message)
{
    m_unacked = message.ack;
    if (!m_ackScheduled) {
        // One ACK (cumulative in ack:client) for everything that arrived in one go.
        m_ackScheduled = true;
        QMetaObject::invokeMethod(this, &BrokerRoomLog::acknowledge, Qt::QueuedConnection);
    }
    bool ok = false;
    const qint64 offset = header(message, "x-stream-offset").toLongLong(&ok);
    if (!ok) {
        qCWarning(lcServer) << "broker: a stream message without an offset was ignored";
        return;
    }
    if (offset <= m_lastOffset)
        return; // read again after a reconnect
    m_lastOffset = offset;
    QString error;
    const auto request = BrokerRequest::decode(message.body, m_limits, &error);
    if (!request) {
        qCWarning(lcServer).noquote()
                << "broker: ignored the stream's entry at offset" << offset << ":" << error;
        return;
    }
    m_heardAtMs.insert(request->server, m_clock.elapsed());
    applyRequest(*request);
}

void BrokerRoomLog::applyRequest(const BrokerRequest &request)
{
    using Result = BrokerRoomState::Outcome::Result;
    const BrokerRoomState::Outcome outcome = m_state.apply(request);
    for (const RoomEvent &e : outcome.derived)
        emit eventArrived(e);
    if (request.server != m_serverId) {
        if (outcome.result == Result::Appended)
            emit eventArrived(outcome.event);
        return;
    }
    const auto it = m_pending.find(request.number);
    if (it == m_pending.end())
        return;
    const Completion done = std::move(it->second.done);
    m_lastRoundTripMs = m_clock.elapsed() - it->second.madeAtMs;
    m_pending.erase(it);
    switch (outcome.result) {
    case Result::Appended:
        done(Appended{outcome.event, {}, ErrorCode::NotStored, false});
        break;
    case Result::Duplicate:
        if (outcome.event.kind == RoomEvent::Kind::Message && !outcome.event.id.isEmpty())
            done(Appended{outcome.event, {}, ErrorCode::NotStored, true});
        else
            done(Appended{{},
                          QStringLiteral("already delivered as seq %1").arg(outcome.event.seq),
                          ErrorCode::Duplicate,
                          false});
        break;
    case Result::Refused:
        done(Appended{{}, outcome.error, outcome.code, false});
        break;
    case Result::Ignored:
        done(Appended{{}, QStringLiteral("nothing to record"), ErrorCode::NotJoined, false});
        break;
    }
}

void BrokerRoomLog::acknowledge()
{
    m_ackScheduled = false;
    if (!m_unacked.isEmpty() && m_stomp.state() == StompClient::State::Connected)
        m_stomp.ack(m_unacked);
    m_unacked.clear();
}

void BrokerRoomLog::sendPresence()
{
    if (m_stomp.state() == StompClient::State::Connected)
        m_stomp.send(m_presenceTopic, m_serverId.toLatin1());
}

void BrokerRoomLog::checkPresence()
{
    const qint64 now = m_clock.elapsed();
    // A server never heard counts from this server's start: one that went before it, leaving
    // members in the stream, is taken for lost after one period like any other.
    auto alive = [&](const QString &server) {
        return server == m_serverId || now - m_heardAtMs.value(server, 0) < m_config.lostAfterMs;
    };
    // One server sends the server-lost, so the stream does not fill with copies: the alive one
    // with the lowest id, as each server sees it (a second copy would change nothing anyway).
    QString designated = m_serverId;
    for (auto it = m_heardAtMs.cbegin(); it != m_heardAtMs.cend(); ++it) {
        if (alive(it.key()) && it.key() < designated)
            designated = it.key();
    }
    if (designated != m_serverId)
        return;
    for (const QString &server : m_state.serversWithMembers()) {
        if (alive(server))
            continue;
        if (const auto sent = m_lostSentAtMs.constFind(server);
            sent != m_lostSentAtMs.cend() && now - *sent < m_config.lostAfterMs)
            continue;
        m_lostSentAtMs.insert(server, now);
        qCInfo(lcServer).noquote() << "broker: server" << server << "was not heard for"
                                   << m_config.lostAfterMs << "ms: its members leave";
        BrokerRequest request;
        request.kind = BrokerRequest::Kind::ServerLost;
        request.server = m_serverId;
        request.number = m_nextNumber++;
        request.incarnation = m_proposedIncarnation;
        request.lostServer = server;
        m_pending.emplace(request.number,
                          Pending{request.encode(), [](const Appended &) {}, true, false, now});
        sendRequest(m_pending.rbegin()->second.body);
    }
}

void BrokerRoomLog::stop(std::function<void()> done)
{
    m_presence.stop();
    if (m_status != Status::Connected) {
        qCInfo(lcServer) << "broker: not connected; the other servers will take this server's"
                         << "members out after" << m_config.lostAfterMs << "ms";
        QMetaObject::invokeMethod(this, std::move(done), Qt::QueuedConnection);
        return;
    }
    // Called once, by whichever comes first: the request read back, or the time running out.
    auto once = std::make_shared<std::function<void()>>(std::move(done));
    auto finish = [once] {
        if (*once)
            std::exchange(*once, {})();
    };
    const int members = int(std::count_if(m_state.members().cbegin(), m_state.members().cend(),
                                          [this](const BrokerRoomState::Member &m) {
                                              return m.server == m_serverId;
                                          }));
    qCInfo(lcServer).noquote() << "broker: leaving the stream;" << members
                               << "members of this server leave with \"shutdown\"";
    BrokerRequest request;
    request.kind = BrokerRequest::Kind::ServerLost;
    request.server = m_serverId;
    request.number = m_nextNumber++;
    request.incarnation = m_proposedIncarnation;
    request.lostServer = m_serverId;
    request.lostReason = QStringLiteral("shutdown");
    m_pending.emplace(request.number,
                      Pending{request.encode(), [finish](const Appended &) { finish(); }, true,
                              false, m_clock.elapsed()});
    sendRequest(m_pending.rbegin()->second.body);
    QTimer::singleShot(stopTimeoutMs, this, [once, finish] {
        if (*once)
            qCWarning(lcServer) << "broker: the shutdown was not read back in time";
        finish();
    });
}

void BrokerRoomLog::addHealth(HealthReport &report) const
{
    if (m_status != Status::Connected) {
        report.healthy = false;
        report.problem = QStringLiteral("the broker is unavailable: %1").arg(m_problem);
    }
    report.add("parlor_broker_connected", "gauge", m_status == Status::Connected ? 1 : 0,
               "Whether the connection to the room's broker is up.");
    report.add("parlor_broker_node", "gauge", m_urlIndex + 1,
               "Which of the --broker addresses the server uses or tries (1: the first).");
    report.add("parlor_broker_pending", "gauge", double(m_pending.size()),
               "Events sent to the broker and not read back from the stream yet.");
    report.add("parlor_broker_lag_seconds", "gauge", double(m_lastRoundTripMs) / 1000.0,
               "From handing the newest event to the broker to reading it back.");
    report.add("parlor_broker_stream_offset", "gauge", double(m_lastOffset),
               "The newest offset of the room's stream read (-1: none yet).");
}

void BrokerRoomLog::shareTyping(const TypingEvent &event)
{
    if (m_stomp.state() != StompClient::State::Connected)
        return;
    QJsonObject o;
    o.insert(QLatin1String("server"), m_serverId);
    o.insert(QLatin1String("nick"), event.nick);
    o.insert(QLatin1String("active"), event.active);
    m_stomp.send(m_typingTopic, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QList<RoomEvent> BrokerRoomLog::all() const
{
    return m_state.history().all();
}

QList<RoomEvent> BrokerRoomLog::after(qint64 since, bool *gap) const
{
    return m_state.history().after(since, m_state.lastSeq(), gap);
}

std::optional<RoomEvent> BrokerRoomLog::event(qint64 seq) const
{
    if (const RoomEvent *e = m_state.history().find(seq))
        return *e;
    return std::nullopt;
}

std::optional<qint64> BrokerRoomLog::delivered(const QString &client, const QString &id) const
{
    return m_state.delivered(client, id);
}

QList<Member> BrokerRoomLog::foreignMembers() const
{
    QList<Member> members;
    for (const auto &m : m_state.members()) {
        if (m.server != m_serverId)
            members.append(Member{m.nick, m.mode});
    }
    return members;
}

std::optional<QString> BrokerRoomLog::foreignMemberClient(const QString &key) const
{
    const auto it = m_state.members().constFind(key);
    if (it == m_state.members().cend() || it->server == m_serverId)
        return std::nullopt;
    return it->client;
}

} // namespace Parlor
