#pragma once

#include "client/membermodel.h"
#include "client/messagemodel.h"
#include "connectionmanager.h"
#include "core/tokenbucket.h"
#include "filetransfers.h"
#include "outbox.h"
#include "protocol/messages.h"
#include "stompchat.h"
#include "transfermodel.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace Parlor {

/// What the bytes mean: rich (parlor.v1) or plain mode, hello/welcome, members, history and
/// resume after every reconnect, and the outbox that delivers every message once. Or, when asked
/// for, a STOMP broker's destination (v12.stomp, docs/STOMP.md "The desktop app"): each line one
/// SEND confirmed by its receipt, every MESSAGE of the destination a line. Fills the message and
/// member models; knows nothing of widgets.
class ChatSession : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Unknown, Rich, Plain, Stomp };
    Q_ENUM(Mode)

    /// A destination on a STOMP broker to chat in, instead of a Parlor room.
    struct StompTarget
    {
        QByteArray destination; ///< empty: not STOMP (a Parlor room or a plain server)
        QByteArray host = "/";  ///< the broker's virtual host
        QByteArray login;       ///< empty: none sent
        QByteArray passcode;
        bool isSet() const { return !destination.isEmpty(); }
    };

    struct Options
    {
        ConnectionManager::Options connection;
        QString nick;
        QString clientId; ///< stable per installation (ClientIdentity::id())
        QString password;
        QString outboxPath; ///< empty: the outbox lives in memory only
        /// Set: STOMP mode. The connection offers v12.stomp alone (start() sees to it).
        StompTarget stomp;
    };

    explicit ChatSession(QObject *parent = nullptr);

    /// Loads the outbox and connects. Returns false for an unusable URL (or STOMP destination).
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

    /// Shares the file at \a path with the room (rich rooms that take files): its line appears
    /// at once, as an own message, and is confirmed when the room announces it. The file is read
    /// by chunks while it goes; resumed after a reconnect. Returns the message id, or "" (and
    /// transferFailed("", reason)) when the file cannot be read, is empty or too large for the
    /// room (limits().maxFileBytes; a room that takes no files takes none).
    QString shareFile(const QString &path, qint64 replyTo = 0);
    /// Shares \a data (a pasted picture) as a file called \a name, of type \a mime.
    QString shareData(const QString &name, const QByteArray &data, const QString &mime,
                      qint64 replyTo = 0);
    /// Saves the shared file \a key (a file line's FileKeyRole) to \a destinationPath: the
    /// bytes go to destinationPath + ".part", renamed at the end. Refuses (false) an unknown
    /// key, a folder that does not exist, a download of the key already running, and a
    /// destination that exists unless \a overwrite. Resumed after a reconnect.
    bool download(const QString &key, const QString &destinationPath, bool overwrite = false);
    /// Stops an upload (its message id: its line goes too) or a download (its key).
    void cancelTransfer(const QString &idOrKey);
    TransferModel *transfers() { return m_files.model(); }
    /// Whether sharing files is possible now: a rich room, joined, that takes files.
    bool canShareFiles() const;
    void setTyping(bool active);

    Mode mode() const { return m_mode; }
    /// The STOMP destination asked for (not set: a Parlor room or a plain server).
    const StompTarget &stompTarget() const { return m_options.stomp; }
    bool isJoined() const { return m_joined; }
    QString nick() const { return m_nick; }
    QString room() const { return m_room; }
    QString incarnation() const { return m_incarnation; }
    qint64 lastSeq() const { return m_lastSeq; }
    const RoomLimits &limits() const { return m_limits; }
    const Outbox &outbox() const { return m_outbox; }
    /// Messages not confirmed yet (queued or sent), uploads included.
    int pendingCount() const { return int(m_outbox.pending().size()) + m_files.activeUploads(); }

    ConnectionManager *connection() { return &m_connection; }
    MessageModel *messages() { return &m_messages; }
    MemberModel *members() { return &m_members; }
    /// The member list is complete: the whole of it came in the welcome, or its last page did
    /// (docs/PROTOCOL.md "Large rooms").
    bool hasAllMembers() const { return m_allMembers; }
    /// How many members the room has, as it last said (welcome, presence digest) and as joins
    /// and leaves since changed it; the member list may be shorter while it pages.
    qint64 memberCount() const { return m_memberCount; }
    /// How long after the last presence digest the member list is fetched anew (default 1 s):
    /// once the storm calms, not on every digest.
    void setMemberRefreshDelay(int ms) { m_memberRefreshTimer.setInterval(ms); }

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
    /// A download finished: the file \a key is saved under \a path.
    void fileSaved(const QString &key, const QString &path);
    /// An upload (\a idOrKey: its message id; "" when shareFile() refused it at once) or a
    /// download (the file key) failed; \a reason in words. TransferModel has the code.
    void transferFailed(const QString &idOrKey, const QString &reason);
    /// STOMP mode: the broker ended the session with an ERROR frame (its message and body, in the
    /// broker's words). The connection is closed and not retried (the same CONNECT or SUBSCRIBE
    /// would be refused again); ConnectionManager::reconnectNow() tries anyway.
    void brokerError(const QString &message, const QString &detail);
    /// The member list is complete after a join, or again after the refresh that follows a
    /// storm (see hasAllMembers()).
    void memberListComplete();
    void memberCountChanged(qint64 count);

private:
    void onOpened(const QString &subprotocol);
    void onClosed();
    void onText(const QString &text);
    void onRichText(const QString &text);
    void onPlainText(const QString &text);
    void startStomp();
    void onStompJoined();
    void onStompLine(const StompChat::Line &line);
    void onStompEnded(StompClient::EndReason reason, const QString &detail);
    void onWelcome(const Welcome &welcome);
    /// Member pages: asks for the page after m_membersNext, paced by the send bucket.
    void requestMemberPage();
    void onMemberPage(const MemberPage &page);
    void onPresenceDigest(const PresenceDigest &digest);
    /// After a storm: the member pages from the start (m_membersFrom), once no page is in
    /// flight.
    void refreshMembers();
    void setMemberCount(qint64 count);
    void onRoomEvent(const RoomEvent &event, bool replayed, QList<ChatLine> *batch);
    void onError(const ErrorReply &error);
    void sendHello();
    void flush();
    void markDelivered(const QString &id, qint64 seq, qint64 ts);
    void checkDrained();
    void setMode(Mode mode);
    /// \a line's reply fields: \a replyTo and the quote of the loaded line it names, if any.
    void quoteLocally(ChatLine *line, qint64 replyTo) const;
    QString startUpload(const QString &name, qint64 size, const QString &mime, qint64 replyTo,
                        const QString &path, const QByteArray &data);
    /// Why a file of \a size cannot be offered now (a TransferModel code), or "".
    QString fileSizeProblem(qint64 size) const;
    void onUploadFailed(const QString &id, const QString &code);
    ChatLine systemLine(ChatLine::Event event, const QString &subject, const QString &detail,
                        qint64 seq, qint64 ts, bool replayed) const;

    Options m_options;
    ConnectionManager m_connection;
    MessageModel m_messages;
    MemberModel m_members;
    Outbox m_outbox;
    FileTransfers m_files{&m_connection};
    QHash<QString, FileInfo> m_filesByKey; ///< every shared file seen, for download()

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
    /// STOMP mode: the session on the current connection (a new one after each reconnect).
    std::unique_ptr<StompChat> m_stomp;
    bool m_reconnectWhenClosed = false; ///< STOMP heart-beats lost: a fresh connection once closed

    // Pacing: the client keeps under the room's rate instead of having messages refused.
    QElapsedTimer m_clock;
    TokenBucket m_sendBucket;
    QTimer m_flushTimer;
    QString m_membersNext;    ///< the cursor of the member page to fetch; empty: none
    QTimer m_memberPageTimer; ///< a page request waiting for the send bucket
    bool m_allMembers = false;
    bool m_pageInFlight = false; ///< a `members` request is waiting for its answer
    qint64 m_memberCount = 0;
    QString m_membersFrom;           ///< the last digest's cursor of the whole list
    QTimer m_memberRefreshTimer;     ///< debounces refreshMembers() after digests
    bool m_refreshAfterPage = false; ///< refreshMembers() waits for the page in flight
};

} // namespace Parlor
