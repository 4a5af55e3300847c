#pragma once

#include "filestore.h"
#include "roomconfig.h"
#include "roomlog.h"
#include "roompeer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <deque>
#include <vector>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace Parlor {

/// The rules of `parlor.v1` (docs/PROTOCOL.md): hello, say, nick and typing; members and guest
/// names; de-duplication; welcome and resume; flood control. It is fed text from its peers and
/// answers through RoomPeer::sendText() — no socket in sight. Events are numbered and kept by
/// its RoomLog; the room tells anyone of an event only once the log has appended it.
class Room : public QObject
{
    Q_OBJECT

public:
    /// \a log must outlive the room.
    Room(const RoomConfig &config, RoomLog *log, QObject *parent = nullptr);

    QString incarnation() const { return m_log->incarnation(); }
    qint64 seq() const { return m_log->lastSeq(); }
    const RoomConfig &config() const { return m_config; }

    /// A connection was admitted. A plain peer joins at once under a guest name; a rich one
    /// must send hello.
    void attach(RoomPeer *peer);
    /// One text message from \a peer.
    void receive(RoomPeer *peer, const QString &text);
    /// \a peer's connection has ended; if it was a member, everyone sees it leave — with the
    /// reason the room closed it for, or else \a reason. The room forgets the peer.
    void detach(RoomPeer *peer, const QString &reason);

    /// Closes \a peer with \a code and \a closeReason; its leave (\a leaveReason) is announced
    /// when its connection ends.
    void dismiss(RoomPeer *peer, int code, const QString &closeReason, const QString &leaveReason);
    /// Everyone sees \a peer leave with \a leaveReason now, then it is closed with \a code and
    /// \a closeReason (a host's kick, a newer connection of the same client).
    void expel(RoomPeer *peer, int code, const QString &closeReason, const QString &leaveReason);
    /// From now on no leave is announced: the room is closing down and everyone goes at once.
    void stopAnnouncing() { m_announcing = false; }

    RoomPeer *findById(int id) const;

    /// Where shared files are kept; null when the room takes none (RoomConfig::maxFileBytes 0,
    /// or a message size too small for a chunk).
    FileStore *files() const { return m_files; }
    /// The largest file the room takes, as welcome announces it: 0 when it takes none.
    qint64 maxFileBytes() const;
    /// The most bytes in one file-chunk or file-data.
    int fileChunkBytes() const { return m_fileChunkBytes; }
    /// Unreported chunks a peer may send beyond the room's last file-progress; one more is
    /// dropped with `rate-limited` (docs/PROTOCOL.md: clients keep 4 in flight).
    static constexpr int MaxUnreportedChunks = 8;
    /// Unanswered file-gets a peer may have (clients keep 4).
    static constexpr int MaxPendingFileGets = 8;

signals:
    /// Someone joined, changed nickname or left: the member list changed.
    void membersChanged();

private:
    void onRichMessage(RoomPeer *peer, const QString &text);
    void onPlainMessage(RoomPeer *peer, const QString &text);
    void handleHello(RoomPeer *peer, const Hello &hello);
    void handleSay(RoomPeer *peer, const Say &say);
    void handleNick(RoomPeer *peer, const NickChange &change);
    void handleTyping(RoomPeer *peer, const Typing &typing);
    void handleFileOffer(RoomPeer *peer, const FileOffer &offer);
    void handleFileChunk(RoomPeer *peer, const FileChunk &chunk);
    void handleFileGet(RoomPeer *peer, const FileGet &get);
    void handleMembersRequest(RoomPeer *peer, const MembersRequest &request);
    /// Where a member page starts: after the local peer with id \a position, or (foreign) at
    /// the \a position-th member on other servers sharing the log.
    struct MemberCursor
    {
        bool foreign = false;
        qint64 position = -1;
    };
    static std::optional<MemberCursor> parseMemberCursor(const QString &text);
    /// Appends one page of members from \a from to \a out; returns the next page's cursor,
    /// empty when none is left.
    QString memberPage(const MemberCursor &from, QList<QByteArray> *out) const;
    /// A re-sent `say` or file-offer whose id was delivered (or is being): answers it as the
    /// protocol says and returns true; false for a new id.
    bool answerResent(RoomPeer *peer, const QString &id);
    /// Stores the complete upload \a upload of \a peer and posts its message.
    void completeUpload(RoomPeer *peer, const QString &upload, const QString &id);
    /// Answers what the peers' file rates allow now, and schedules the rest.
    void pumpFiles();
    void sendFileError(RoomPeer *peer, ErrorCode code, const QString &text, const QString &key);
    /// Sends \a event to every rich member but \a typist (null: it types on another server).
    void relayTyping(RoomPeer *typist, const TypingEvent &event);
    /// An event of a log shared with other servers that this server did not append.
    void onEventArrived(const RoomEvent &event);
    bool takeRateToken(RoomPeer *peer, const QString &id);

    void join(RoomPeer *peer, const QString &nick, const QString &client,
              const std::optional<Hello> &hello);
    /// The welcome of \a peer, whose join the log numbered \a joinSeq, without its members.
    Welcome welcomeFor(RoomPeer *peer, const Hello &hello, qint64 joinSeq) const;
    /// \a welcome for \a peer encoded with the members (all, or the first page when it asked
    /// for member-pages) and the events as the room keeps them encoded.
    QByteArray encodeWelcome(const RoomPeer *peer, const Welcome &welcome);
    /// The encoding of \a event, as it was sent when it happened.
    QByteArray eventJson(const RoomEvent &event);
    void rememberEventJson(qint64 seq, const QByteArray &json);
    void post(RoomPeer *peer, const QString &id, const QString &text,
              const std::optional<ReplyQuote> &reply = std::nullopt,
              const std::optional<FileInfo> &file = std::nullopt);
    /// The quote of a reply to \a seq, or nullopt when \a seq cannot be answered (bad-reply).
    std::optional<ReplyQuote> quoteFor(qint64 seq) const;
    void announceLeave(RoomPeer *peer, const QString &reason);
    /// Appends \a draft; once the log has it, sends it to every member (plain ones get messages
    /// as text) except \a skipPeerId. \a then runs after, whatever became of the append.
    void publish(const RoomEvent &draft, int skipPeerId = 0,
                 std::function<void(const RoomLog::Appended &)> then = {});
    /// Sends the appended \a event to every member (plain ones get messages as text) except
    /// \a skipPeerId.
    void broadcast(const RoomEvent &event, int skipPeerId);
    void sendTo(RoomPeer *peer, const QByteArray &json);
    /// Sends \a peer the announcements collected for it, if any: before anything else goes to
    /// it, so that nothing overtakes them.
    void flushAnnouncements(RoomPeer *peer);
    /// The batch window is over: every peer gets what was collected for it.
    void flushAllAnnouncements();
    /// What a peer whose waiting announcements start at \a start gets: the `events` frame, or
    /// with presence-digest and more than RoomConfig::digestThreshold of them a `presence`.
    bool digests(const RoomPeer *peer, qsizetype start) const;
    QByteArray announcementFrame(bool digest, qsizetype start) const;
    qint64 memberCount() const;
    void sendError(RoomPeer *peer, ErrorCode code, const QString &text, const QString &id = {});
    RoomPeer *findByNick(const QString &nick) const;
    /// Files \a peer under its current nickname's key (nickKey()), after a join or a rename.
    void indexNick(RoomPeer *peer);
    void unindexNick(RoomPeer *peer);
    QString guestNick();

    RoomConfig m_config;
    RoomLog *m_log = nullptr;
    std::vector<RoomPeer *> m_peers; ///< attached, in the order they came (by id)
    int m_richPeers = 0;             ///< of m_peers, those in rich mode
    /// The same peers by id, and those with a nickname by its key, so that a join or an
    /// answer from the log costs the same in a room of 5 000 as in a room of 5 (nickKey()
    /// normalizes: comparing it against every member on every hello was a storm's hot spot).
    /// The nick index keeps a peer until it detaches; lookups skip those no longer in.
    QHash<int, RoomPeer *> m_byId;
    QMultiHash<QString, RoomPeer *> m_byNickKey;
    /// Recent events as sent (by seq), so that a welcome copies its history instead of encoding
    /// it again for every joiner. Holds about RoomConfig::historyLength of the newest.
    QHash<qint64, QByteArray> m_eventJson;
    QElapsedTimer m_clock; ///< for flood control
    int m_nextGuest = 1;
    bool m_announcing = true;
    /// `say`s handed to the log and not appended yet (client + id): a re-send that arrives
    /// meanwhile is answered by the first one's echo, not posted again.
    QSet<QString> m_pendingSays;

    FileStore *m_files = nullptr; ///< child; null when the room takes no files
    int m_fileChunkBytes = 0;
    /// One answer to a peer's file message, sent when its file rate allows.
    struct FileTask
    {
        enum class Kind { Progress, Complete, Data };
        Kind kind = Kind::Progress;
        QString id;        ///< Progress, Complete: the upload's message id
        QString key;       ///< Data: the file; Complete: the upload (FileStore::uploadKey())
        qint64 offset = 0; ///< Progress: bytes received; Data: where to read
        qint64 length = 0; ///< Data
        qint64 bytes = 0;  ///< what it costs of the peer's file rate
    };
    /// Per peer id, oldest first.
    QHash<int, std::deque<FileTask>> m_fileTasks;
    /// Uploads whose last chunk came and whose message is not posted yet.
    QSet<QString> m_completing;
    QTimer *m_filePacer = nullptr;

    /// Joins and leaves of the current batch window, encoded; each batching peer has a start
    /// in it (RoomPeer::batchStart). Peers present for the whole window share one frame.
    QList<QByteArray> m_announceBatch;
    /// Alongside m_announceBatch: each one's seq, and the joins up to and including it, so that
    /// any peer's slice is counted in constant time for a presence digest.
    QList<qint64> m_announceSeqs;
    QList<qint64> m_announceJoinsThrough;
    QTimer *m_announceTimer = nullptr;

    /// Wrong passwords per address, so that guessing slows down (RoomConfig::passwordTries).
    struct PasswordFailures
    {
        int count = 0;
        qint64 blockedUntilMs = 0;
    };
    QHash<QHostAddress, PasswordFailures> m_passwordFailures;
    /// Whether \a peer's password is right; answers and closes it when not (or when its address
    /// must wait).
    bool checkPassword(RoomPeer *peer, const QString &password);
};

} // namespace Parlor
