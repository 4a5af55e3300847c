#pragma once

#include "client/membermodel.h"
#include "client/messagemodel.h"
#include "connectionmanager.h"
#include "core/tokenbucket.h"
#include "outbox.h"
#include "protocol/messages.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Parlor {

/// What the bytes mean: rich (parlor.v1) or plain mode, hello/welcome, members, history and
/// resume after every reconnect, and the outbox that delivers every message once. Fills the
/// message and member models; knows nothing of widgets.
class ChatSession : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Unknown, Rich, Plain };
    Q_ENUM(Mode)

    struct Options
    {
        ConnectionManager::Options connection;
        QString nick;
        QString clientId; ///< stable per installation (ClientIdentity::id())
        QString password;
        QString outboxPath; ///< empty: the outbox lives in memory only
    };

    explicit ChatSession(QObject *parent = nullptr);

    /// Loads the outbox and connects. Returns false for an unusable URL.
    bool start(const Options &options);
    /// Closes the connection on the user's behalf (no reconnect).
    void stop();

    /// Sends a chat line (queued while not connected); returns its id. \a replyTo: the seq of
    /// the message it answers (0: none); only a rich room carries it.
    QString send(const QString &text, qint64 replyTo = 0);
    /// Puts a failed message back in the queue.
    void retry(const QString &id);
    /// Drops a failed or queued message.
    void discard(const QString &id);
    void changeNick(const QString &nick);
    void setTyping(bool active);

    Mode mode() const { return m_mode; }
    bool isJoined() const { return m_joined; }
    QString nick() const { return m_nick; }
    QString room() const { return m_room; }
    QString incarnation() const { return m_incarnation; }
    qint64 lastSeq() const { return m_lastSeq; }
    const RoomLimits &limits() const { return m_limits; }
    const Outbox &outbox() const { return m_outbox; }
    /// Messages not confirmed yet (queued or sent).
    int pendingCount() const { return int(m_outbox.pending().size()); }

    ConnectionManager *connection() { return &m_connection; }
    MessageModel *messages() { return &m_messages; }
    MemberModel *members() { return &m_members; }

signals:
    void modeChanged(Parlor::ChatSession::Mode mode);
    void joined(const QString &room, const QString &nick);
    void nickChanged(const QString &nick);
    /// An `error` from the room (for the UI to word); \a id names the message it is about.
    void roomError(Parlor::ErrorCode code, const QString &text, const QString &id);
    /// A live line from someone else (not history): what notifications are made of.
    void lineArrived(const Parlor::ChatLine &line);
    /// Everything the user sent so far is confirmed (or failed).
    void outboxDrained();
    /// start() found the stored outbox damaged: \a lost entries could not be read back (-1: the
    /// whole file); the damaged file is kept in \a keptIn. The intact entries are restored.
    void outboxDamaged(int lost, const QString &keptIn);

private:
    void onOpened(const QString &subprotocol);
    void onClosed();
    void onText(const QString &text);
    void onRichText(const QString &text);
    void onPlainText(const QString &text);
    void onWelcome(const Welcome &welcome);
    void onRoomEvent(const RoomEvent &event, bool replayed, QList<ChatLine> *batch);
    void onError(const ErrorReply &error);
    void sendHello();
    void flush();
    void markDelivered(const QString &id, qint64 seq, qint64 ts);
    void checkDrained();
    void setMode(Mode mode);
    /// \a line's reply fields: \a replyTo and the quote of the loaded line it names, if any.
    void quoteLocally(ChatLine *line, qint64 replyTo) const;
    ChatLine systemLine(ChatLine::Event event, const QString &subject, const QString &detail,
                        qint64 seq, qint64 ts, bool replayed) const;

    Options m_options;
    ConnectionManager m_connection;
    MessageModel m_messages;
    MemberModel m_members;
    Outbox m_outbox;

    Mode m_mode = Mode::Unknown;
    bool m_joined = false;
    QString m_nick;
    QString m_requestedNick;
    int m_nickAttempt = 0;
    QString m_room;
    QString m_incarnation;
    qint64 m_lastSeq = -1; ///< -1: never joined this room
    RoomLimits m_limits;
    QSet<QString> m_sentOnThisConnection; ///< written since the last open, awaiting the echo
    QList<Say> m_recentlyDelivered;       ///< my last confirmed messages (see onWelcome)
    QList<Say> m_resend;            ///< of those, what is still to be said to a restarted room
    QList<Say> m_plainAwaitingEcho; ///< plain mode: my recent lines, until the server echoes them

    // Pacing: the client keeps under the room's rate instead of having messages refused.
    QElapsedTimer m_clock;
    TokenBucket m_sendBucket;
    QTimer m_flushTimer;
};

} // namespace Parlor
