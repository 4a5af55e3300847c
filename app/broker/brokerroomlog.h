#pragma once

#include "brokerroomstate.h"
#include "client/reconnectbackoff.h"
#include "client/stompclient.h"
#include "server/healthreport.h"
#include "server/roomconfig.h"
#include "server/roomlog.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include <map>

namespace Parlor {

/// A room's log kept in a RabbitMQ stream that several parlor-servers share, spoken to in STOMP
/// 1.2 over WebSocket (docs/SCALING.md). Each server sends its own peers' events to the stream as
/// requests and reads the whole stream back in the broker's order, applying every request with
/// the same rules (BrokerRoomState): an append completes when its request comes back, with the
/// seq the stream's order gave it; other servers' events arrive as eventArrived(). Servers say
/// they are alive on a topic; the members of one not heard for BrokerConfig::lostAfterMs leave
/// with "lost". Typing goes over a topic too, never into the stream.
///
/// The broker connection is the log's own: lost, it is made again with backoff and the stream
/// read on from the offset after the last one seen; requests not seen back are sent again (the
/// rules ignore a request seen twice). While the broker is away, or too many requests wait for
/// it (BrokerConfig::maxPending), new messages and joins are refused at once — never queued
/// without bound; leaves and nick changes always wait, since the room needs them. Until the
/// broker has first confirmed the stream's subscription, everything waits (bounded the same way).
class BrokerRoomLog : public RoomLog
{
    Q_OBJECT

public:
    enum class Status { Connecting, Connected, Reconnecting };
    Q_ENUM(Status)

    /// \a room supplies the room's name, history length and protocol limits.
    BrokerRoomLog(const BrokerConfig &broker, const RoomConfig &room, QObject *parent = nullptr);
    ~BrokerRoomLog() override;

    /// Connects to the broker (and keeps reconnecting); call in the thread the room runs in.
    void start();

    Status status() const { return m_status; }
    /// This process's id among the servers of the stream (16 hexadecimal digits).
    QString serverId() const { return m_serverId; }
    QString streamName() const { return m_stream; }
    /// Requests sent and not seen back yet.
    int pendingCount() const { return int(m_pending.size()); }
    /// Why the broker is not connected, in English, for logs and /health (empty when it is).
    QString problem() const { return m_problem; }
    /// "parlor.room." and \a roomName with anything but letters, digits, '-' and '_' replaced,
    /// plus a hash of the name when something was replaced.
    static QString defaultStreamName(const QString &roomName);
    /// Adds the broker's state to \a report: unhealthy while the broker is away; connected,
    /// pending requests, the last request's round trip, the stream's offset.
    void addHealth(HealthReport &report) const;

    QString incarnation() const override { return m_state.incarnation(); }
    qint64 lastSeq() const override { return m_state.lastSeq(); }
    void append(const RoomEvent &draft, Completion done) override;
    QList<RoomEvent> all() const override;
    QList<RoomEvent> after(qint64 since, bool *gap) const override;
    std::optional<RoomEvent> event(qint64 seq) const override;
    std::optional<qint64> delivered(const QString &client, const QString &id) const override;
    QList<Member> foreignMembers() const override;
    std::optional<QString> foreignMemberClient(const QString &key) const override;
    void shareTyping(const TypingEvent &event) override;
    /// Sends a server-lost for this server with reason "shutdown" and waits, at most
    /// stopTimeoutMs, to read it back; at once when the broker is not connected (the others
    /// then take the members out after BrokerConfig::lostAfterMs).
    void stop(std::function<void()> done) override;

    static constexpr int stopTimeoutMs = 3000;

signals:
    void statusChanged(Parlor::BrokerRoomLog::Status status);

private:
    struct Pending
    {
        QByteArray body;
        Completion done;
        bool sent = false;      ///< handed to a broker connection at least once
        bool refusable = false; ///< a message or join (see append())
        qint64 madeAtMs = 0;    ///< on m_clock, for the broker's lag
    };

    void connectToBroker();
    void onConnected();
    void onSubscribed();
    void onDisconnected(StompClient::EndReason reason, const QString &detail);
    void onMessage(const StompMessage &message);
    void onStreamMessage(const StompMessage &message);
    void applyRequest(const BrokerRequest &request);
    void sendRequest(const QByteArray &body);
    void sendPresence();
    void checkPresence();
    void acknowledge();
    void setStatus(Status status);
    QList<StompFrame::Header> streamArguments() const;

    BrokerConfig m_config;
    ProtocolLimits m_limits;
    QString m_stream;
    QByteArray m_streamDestination;
    QByteArray m_presenceTopic;
    QByteArray m_typingTopic;
    QString m_serverId;
    QString m_proposedIncarnation;
    BrokerRoomState m_state;

    StompClient m_stomp;
    QUrl currentUrl() const { return m_config.urls.value(m_urlIndex); }

    int m_urlIndex = 0; ///< of m_config.urls: the node connected to, or tried next
    Status m_status = Status::Connecting;
    QString m_problem;
    ReconnectBackoff m_backoff;
    QTimer m_reconnect;
    QTimer m_presence;
    QByteArray m_streamSubscription;
    QByteArray m_subscribeReceipt; ///< the stream's SUBSCRIBE, until the broker confirms it
    /// The stream was subscribed to once: losing the broker from then on refuses new messages
    /// (before, they wait, as at start-up).
    bool m_everSubscribed = false;
    QByteArray m_unacked; ///< the ack id of the newest stream message not acknowledged yet
    bool m_ackScheduled = false;
    qint64 m_lastOffset = -1;     ///< the newest stream offset applied
    qint64 m_lastRoundTripMs = 0; ///< from append() to reading it back, for the newest one

    qint64 m_nextNumber = 1;
    std::map<qint64, Pending> m_pending; ///< by request number, oldest first
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_heardAtMs;    ///< per server, on m_clock
    QHash<QString, qint64> m_lostSentAtMs; ///< server-lost requests sent, per lost server
};

} // namespace Parlor
