#pragma once

#include "protocol/stompdecoder.h"
#include "protocol/stompframe.h"

#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace Parlor {

class ConnectionManager;

/// A MESSAGE frame, as a subscriber sees it.
struct StompMessage
{
    QByteArray destination;
    QByteArray subscription;
    QByteArray messageId;
    QByteArray ack;                    ///< what ack()/nack() take; empty in ack:auto subscriptions
    QList<StompFrame::Header> headers; ///< all of them, in order (x-stream-offset, user headers…)
    QByteArray body;
};

/// An ERROR frame: the broker's message header and body. The connection ends after it.
struct StompError
{
    QByteArray message;
    QByteArray receiptId; ///< the receipt of the frame that caused it, if the broker says
    QList<StompFrame::Header> headers;
    QByteArray body;
};

/// A STOMP 1.2 client over one WebSocket (subprotocol v12.stomp, as RabbitMQ's Web-STOMP and
/// other brokers speak it): CONNECT and CONNECTED, heart-beats both ways, subscriptions with ack
/// modes and any extra headers, ACK/NACK, SEND with receipts, ERROR, and a DISCONNECT that waits
/// for its receipt. One session per connect; it does not reconnect on its own.
///
/// States: Disconnected → Connecting → Connected → Disconnecting → Disconnected; Connecting and
/// Connected may also end straight in Disconnected (refused, lost, ERROR).
class StompClient : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected, Disconnecting };
    Q_ENUM(State)
    enum class AckMode { Auto, Client, ClientIndividual };
    Q_ENUM(AckMode)
    /// Why the last session ended.
    enum class EndReason {
        None,
        Requested,      ///< disconnectFromBroker() and its receipt (or its timeout)
        ServerError,    ///< an ERROR frame; see errorReceived
        HeartBeatLost,  ///< nothing from the broker for twice its heart-beat interval
        ConnectionLost, ///< the socket closed or failed without a DISCONNECT
        ProtocolError,  ///< the broker sent bytes that are not STOMP 1.2
        Timeout,        ///< no CONNECTED in time
        Refused,        ///< the WebSocket upgrade failed or picked another subprotocol
    };
    Q_ENUM(EndReason)

    struct Options
    {
        QUrl url;              ///< ws://host:15674/ws for RabbitMQ
        QByteArray host = "/"; ///< the virtual host
        QByteArray login;      ///< empty: none sent
        QByteArray passcode;
        int heartBeatSendMs = 10000;    ///< how often we can send (0: never)
        int heartBeatReceiveMs = 10000; ///< how often we want to hear (0: never)
        int connectTimeoutMs = 10000;   ///< WebSocket upgrade plus CONNECTED
        int disconnectTimeoutMs = 5000; ///< the receipt for DISCONNECT
        StompLimits limits;
        /// Direct by default: a server reaches its broker on its own network, and Qt's
        /// application-wide proxy (or a desktop's) must not silently come in between.
        QNetworkProxy proxy = QNetworkProxy::NoProxy;
    };

    /// A broker's silence beyond this many of its heart-beat intervals is a lost connection.
    static constexpr int HeartBeatGraceFactor = 2;
    static constexpr const char *Subprotocol = "v12.stomp";

    explicit StompClient(QObject *parent = nullptr);
    ~StompClient() override;

    /// Starts a session. Only from Disconnected; false otherwise, for a URL that is not ws:// or
    /// wss://, or for a login, passcode or host with a CR or LF (CONNECT cannot escape them).
    bool connectToBroker(const Options &options);
    /// Starts a session on \a connection, a WebSocket that someone else opened and keeps: the
    /// desktop's ConnectionManager, which records every frame for the inspector, pings, and
    /// reconnects. Only from Disconnected and with the connection Open (it must have offered
    /// v12.stomp); CONNECT goes at once, its passcode hidden in the connection's event log. The
    /// session ends when the connection closes; ending the session leaves the connection to its
    /// owner (after an ERROR the broker closes it). options.url and options.proxy are not used.
    bool attach(ConnectionManager *connection, const Options &options);
    /// Sends DISCONNECT with a receipt and closes once it arrives (or after disconnectTimeoutMs);
    /// an attached session ends there and leaves the closing to the connection's owner.
    void disconnectFromBroker();
    /// Drops the connection at once, without DISCONNECT.
    void abort();

    /// Subscribes to \a destination; \a headers are added as given (x-queue-type, x-stream-offset,
    /// prefetch-count, durable…). Returns the subscription id (\a id, or one made up), or an empty
    /// id when not connected. With \a receipt, a receipt id is tracked (see receiptId()).
    QByteArray subscribe(const QByteArray &destination, AckMode ack = AckMode::Auto,
                         const QList<StompFrame::Header> &headers = {}, const QByteArray &id = {},
                         QByteArray *receipt = nullptr);
    bool unsubscribe(const QByteArray &id, QByteArray *receipt = nullptr);
    /// Sends \a body to \a destination. With \a receipt, the frame asks for a RECEIPT and the id
    /// is stored there; the id stays in pendingReceipts() until the broker confirms it.
    bool send(const QByteArray &destination, const QByteArray &body,
              const QList<StompFrame::Header> &headers = {}, QByteArray *receipt = nullptr);
    /// Acknowledges the message whose StompMessage::ack is \a ackId (ack:client acknowledges it
    /// and every earlier one of its subscription).
    bool ack(const QByteArray &ackId, QByteArray *receipt = nullptr);
    bool nack(const QByteArray &ackId, QByteArray *receipt = nullptr);
    /// Sends any frame (headers escaped as needed); only while Connected.
    bool sendFrame(const StompFrame &frame);

    State state() const { return m_state; }
    EndReason endReason() const { return m_endReason; }
    /// Words for how the last session ended (English, for logs): the decoder's error, the
    /// socket's, the ERROR frame's message.
    QString endDetail() const { return m_endDetail; }
    /// Receipt ids sent and not yet confirmed, oldest first.
    QList<QByteArray> pendingReceipts() const { return m_pendingReceipts; }
    /// The heart-beat intervals agreed with the broker (0: none), valid once Connected.
    int outgoingHeartBeatMs() const { return m_outgoingMs; }
    int incomingHeartBeatMs() const { return m_incomingMs; }
    /// CONNECTED's headers (server, session, version, heart-beat).
    const StompFrame &connectedFrame() const { return m_connected; }
    /// Heart-beat EOLs received and sent in this session.
    qint64 heartBeatsReceived() const { return m_decoder.heartBeats(); }
    qint64 heartBeatsSent() const { return m_heartBeatsSent; }

signals:
    void stateChanged(Parlor::StompClient::State state);
    void connected();
    void messageReceived(const Parlor::StompMessage &message);
    void receiptReceived(const QByteArray &receiptId);
    void errorReceived(const Parlor::StompError &error);
    /// The session ended (also after a failed connect); see endReason() and endDetail().
    void disconnected(Parlor::StompClient::EndReason reason, const QString &detail);
    /// Every frame in either direction, for an inspector (outgoing == true for ours).
    void frameTraced(const Parlor::StompFrame &frame, bool outgoing);

private:
    void setState(State state);
    /// What connectToBroker() and attach() share: options checked and the session reset.
    bool prepare(const Options &options);
    void onSocketConnected();
    /// Sends CONNECT (the WebSocket is open and speaks v12.stomp, or names no subprotocol).
    void sendConnect();
    void onSocketDisconnected();
    void onBytes(const QByteArray &bytes);
    void onFrame(const StompFrame &frame);
    void onConnected(const StompFrame &frame);
    void startHeartBeats();
    /// Writes \a bytes; an attached connection's event log shows \a shown instead, if given.
    void writeRaw(const QByteArray &bytes, const QByteArray &shown = QByteArray());
    QByteArray nextReceipt();
    bool sendWithReceipt(StompFrame frame, QByteArray *receipt);
    void end(EndReason reason, const QString &detail);

    Options m_options;
    State m_state = State::Disconnected;
    EndReason m_endReason = EndReason::None;
    QString m_endDetail;
    QPointer<QWebSocket> m_socket;          ///< our own WebSocket (connectToBroker())
    QPointer<ConnectionManager> m_attached; ///< or someone else's connection (attach())
    StompDecoder m_decoder;
    StompFrame m_connected;
    QList<QByteArray> m_pendingReceipts;
    QByteArray m_disconnectReceipt;
    quint64 m_receiptCounter = 0;
    quint64 m_subscriptionCounter = 0;

    int m_outgoingMs = 0;
    int m_incomingMs = 0;
    qint64 m_heartBeatsSent = 0;
    bool m_upgraded = false; ///< the WebSocket handshake succeeded (Refused before that)
    QTimer m_connectTimer;
    QTimer m_disconnectTimer;
    QTimer m_sendHeartBeat;   ///< restarted by every write: an EOL only when otherwise silent
    QTimer m_receiveDeadline; ///< restarted by every byte from the broker
};

} // namespace Parlor

Q_DECLARE_METATYPE(Parlor::StompMessage)
Q_DECLARE_METATYPE(Parlor::StompError)
