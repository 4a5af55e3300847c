#pragma once

#include "client/stompclient.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

namespace Parlor {

/// A chat room on any STOMP 1.2 broker over WebSocket (v12.stomp; RabbitMQ's Web-STOMP and the
/// like), the third mode beside parlor.v1 and plain (docs/STOMP.md "Chatting on a broker"). The
/// room is a destination: /topic/NAME by default, where every subscriber gets every message, or a
/// queue (each message to one of its consumers) or a stream. A line is one SEND with a receipt:
/// it counts as delivered when the broker confirms it. Each MESSAGE of the subscription is a line;
/// the sender's nick and client id travel as headers, so lines from other STOMP clients (which
/// send neither) are shown too, without a name. One session per start(): it does not reconnect.
///
/// States: Idle → Connecting → Joined → Leaving → Ended; Connecting and Joined may end at once
/// (refused, lost, an ERROR frame).
class StompChat : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Connecting, Joined, Leaving, Ended };
    Q_ENUM(State)

    /// The headers Parlor puts on each SEND (and reads from each MESSAGE).
    static constexpr const char *NickHeader = "parlor-nick";
    static constexpr const char *ClientHeader = "parlor-client";
    static constexpr const char *IdHeader = "parlor-id";
    static constexpr const char *DefaultDestination = "/topic/parlor";

    struct Options
    {
        StompClient::Options stomp;
        QByteArray destination = DefaultDestination;
        QString nick;
        QString clientId; ///< marks our own lines when the broker gives them back
    };

    struct Line
    {
        QString nick; ///< empty: a client that did not say (not Parlor)
        QString text; ///< the body as UTF-8; a body that is not text is described instead
        bool binary = false;
        bool mine = false; ///< sent by this client (same clientId)
        QString id;        ///< the sender's message id, if it gave one
        QByteArray destination;
        QDateTime time; ///< when it arrived (STOMP messages carry no time of their own)
        QList<StompFrame::Header> headers;
    };

    explicit StompChat(QObject *parent = nullptr);

    /// Connects and subscribes; false (and nothing started) for options the client refuses or a
    /// destination that is empty or has a CR, LF or NUL.
    bool start(const Options &options);
    /// The same on \a connection, an open WebSocket that someone else keeps (StompClient::
    /// attach(): the desktop's ChatSession, whose connection the inspector records). The session
    /// ends when the connection closes; options.stomp.url is not used.
    bool attach(ConnectionManager *connection, const Options &options);
    /// Sends \a text; lines said before the subscription is confirmed wait for it. Returns the
    /// line's id (for delivered()): \a id if given (an outbox's), else one made up; an empty id
    /// once the session is leaving or over.
    QString say(const QString &text, const QString &id = QString());
    /// The nickname the next lines carry.
    void setNick(const QString &nick) { m_options.nick = nick; }
    /// Leaves: waits for the receipts of what was said (at most the client's disconnect timeout),
    /// then DISCONNECT.
    void leave();
    /// Drops the connection at once.
    void abort();

    State state() const { return m_state; }
    /// Lines said and not yet confirmed by the broker (waiting included).
    int pendingCount() const { return int(m_waiting.size() + m_receipts.size()); }
    const Options &options() const { return m_options; }
    StompClient *client() { return &m_client; }

signals:
    void stateChanged(Parlor::StompChat::State state);
    void joined();
    void lineReceived(const Parlor::StompChat::Line &line);
    void delivered(const QString &id);
    /// The broker's ERROR frame: its message header and body.
    void brokerError(const QString &message, const QString &detail);
    /// The session is over; \a undelivered lines were never confirmed.
    void ended(Parlor::StompClient::EndReason reason, const QString &detail, int undelivered);

private:
    void setState(State state);
    static bool isUsableDestination(const QByteArray &destination);
    void onConnected();
    void onReceipt(const QByteArray &receipt);
    void onMessage(const StompMessage &message);
    void onDisconnected();
    void sendLine(const QString &id, const QString &text);
    void disconnectIfDrained();

    Options m_options;
    StompClient m_client;
    State m_state = State::Idle;
    QByteArray m_subscribeReceipt;
    struct Waiting
    {
        QString id;
        QString text;
    };
    QList<Waiting> m_waiting;                     ///< said before the subscription was confirmed
    QList<QPair<QByteArray, QString>> m_receipts; ///< receipt → line id, oldest first
    quint64 m_nextId = 0;
    bool m_leaveWhenDrained = false;
};

} // namespace Parlor
