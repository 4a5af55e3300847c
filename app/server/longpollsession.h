#pragma once

#include "peertransport.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QPointer>

#include <deque>
#include <optional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
class QTimer;
QT_END_NAMESPACE

namespace Parlor {

/// One browser that talks to the room by HTTP long-polling because its WebSocket could not get
/// through (a proxy that strips Upgrade): a PeerTransport, so the room treats it as one more
/// peer with the same limits. LongPollRouter routes the session's requests here.
///
/// What the room says is queued and numbered 1, 2, 3…; a poll (`GET /poll/<sid>?since=N`,
/// N the number of messages the page has received) acknowledges messages up to N and is
/// answered with the rest as a JSON array — at once when there are some, else when the next one
/// comes or, after RoomConfig::longPollHoldMs, empty. A response lost on the way is sent again
/// on the next poll. Unacknowledged messages count as queued output, bounded like a WebSocket's.
/// A close is the last element of an answer, `{"poll":"close","code":…,"reason":…}`; once it
/// has been handed out the session is over. A session not polled for
/// RoomConfig::longPollTimeoutMs ends ("timeout").
class LongPollSession : public PeerTransport
{
    Q_OBJECT

public:
    enum class State { Open, Closing, Closed };

    struct Request
    {
        QHostAddress address;
        quint16 port = 0;
        QString origin;
        QString userAgent;
    };

    LongPollSession(const QByteArray &id, const Request &openedBy, int holdMs, int timeoutMs,
                    QObject *parent = nullptr);
    ~LongPollSession() override;

    QByteArray id() const { return m_id; }
    State state() const { return m_state; }

    /// A poll on \a socket (whose request was read whole); \a since is what the page has
    /// received, or nullopt for everything handed out so far. Answers it, or holds it. False,
    /// with the socket untouched, when \a since is impossible (behind what was acknowledged or
    /// past what was handed out).
    bool poll(QTcpSocket *socket, std::optional<qint64> since);
    /// Messages the page posted (each a JSON object, encoded compactly), in order.
    void receive(const QList<QByteArray> &messages);
    /// The page said goodbye (`DELETE /poll/<sid>`).
    void leave();
    /// Any request of the session: it is still there.
    void touch();

    qint64 sendText(const QString &text) override;
    void ping(const QByteArray &payload = {}) override;
    void close(int code, const QString &reason = {}) override;
    void abort() override;
    int closeCode() const override { return m_closeCode; }
    QString endReason() const override;
    qint64 bytesToWrite() const override { return m_queuedBytes; }
    bool flush() override;

    PeerInfo::Transport kind() const override { return PeerInfo::Transport::LongPolling; }
    /// The messages are parlor.v1's; nothing was negotiated.
    QString subprotocol() const override;
    QStringList offeredSubprotocols() const override { return {}; }
    QString origin() const override { return m_request.origin; }
    QString userAgent() const override { return m_request.userAgent; }
    QHostAddress peerAddress() const override { return m_request.address; }
    quint16 peerPort() const override { return m_request.port; }

private:
    void enqueue(const QByteArray &json);
    /// Answers the held poll with everything not handed out yet (an empty array if none).
    void answerHeld();
    void flushSoon();
    void end(int code);
    void restartExpiry();

    QByteArray m_id;
    Request m_request;
    State m_state = State::Open;
    int m_closeCode = 0;
    bool m_expired = false;

    std::deque<QByteArray> m_queue; ///< unacknowledged messages, the oldest first
    qint64 m_firstIndex = 1;        ///< the number of m_queue.front()
    qint64 m_handedOut = 0;         ///< the number of the last message handed out
    qint64 m_queuedBytes = 0;
    bool m_closeQueued = false; ///< the last element of m_queue is the close
    bool m_flushPending = false;

    QPointer<QTcpSocket> m_held; ///< the poll waiting for something to say
    QTimer *m_hold = nullptr;
    QTimer *m_expiry = nullptr;
    bool m_pingPending = false;
    QElapsedTimer m_sincePing;
};

} // namespace Parlor
