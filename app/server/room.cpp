#include "room.h"

#include "core/logging.h"
#include "protocol/codec.h"

#include <QDir>
#include <QTimer>

#include <algorithm>

namespace Parlor {

namespace {

bool constantTimeEquals(const QString &a, const QString &b)
{
    // Compares every byte, so the time taken does not tell how much of a guess was right.
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    if (x.size() != y.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < x.size(); ++i)
        diff |= uchar(x[i]) ^ uchar(y[i]);
    return diff == 0;
}

QString sayKey(const RoomPeer *peer, const QString &id)
{
    return peer->client() + u'\n' + id;
}

} // namespace

Room::Room(const RoomConfig &config, RoomLog *log, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_log(log)
{
    m_clock.start();
    m_fileChunkBytes = fileChunkBytesFor(m_config.maxMessageBytes);
    if (m_config.maxFileBytes > 0 && m_fileChunkBytes > 0) {
        m_files = new FileStore(m_config.dataDir.isEmpty()
                                        ? QString()
                                        : QDir(m_config.dataDir).filePath(QStringLiteral("files")),
                                m_config.fileStoreBytes, m_config.fileRetentionHours, this);
    }
    m_filePacer = new QTimer(this);
    m_filePacer->setSingleShot(true);
    connect(m_filePacer, &QTimer::timeout, this, &Room::pumpFiles);
    m_announceTimer = new QTimer(this);
    m_announceTimer->setSingleShot(true);
    connect(m_announceTimer, &QTimer::timeout, this, &Room::flushAllAnnouncements);
    connect(m_log, &RoomLog::eventArrived, this, &Room::onEventArrived);
    connect(m_log, &RoomLog::typingArrived, this,
            [this](const TypingEvent &event) { relayTyping(nullptr, event); });
}

void Room::attach(RoomPeer *peer)
{
    peer->bucket = TokenBucket(m_config.messagesPerSecond, 2.0 * m_config.messagesPerSecond,
                               m_clock.elapsed());
    // A window of chunks goes through at once; past it, the rate.
    peer->fileBucket = TokenBucket(double(std::max<qint64>(m_config.fileBytesPerSecond, 1)),
                                   4.0 * std::max(m_fileChunkBytes, 1), m_clock.elapsed());
    // Kept by id (the order they came, as ids are handed out in order): a member page's cursor
    // is the last id it listed, found again by bisection however the room changed meanwhile.
    m_peers.insert(std::upper_bound(m_peers.begin(), m_peers.end(), peer,
                                    [](const RoomPeer *a, const RoomPeer *b) {
                                        return a->id() < b->id();
                                    }),
                   peer);
    m_byId.insert(peer->id(), peer);
    if (peer->mode() == MemberMode::Rich)
        ++m_richPeers;
    if (peer->mode() == MemberMode::Plain)
        join(peer, guestNick(), {}, std::nullopt);
}

void Room::detach(RoomPeer *peer, const QString &reason)
{
    if (m_byId.remove(peer->id()) > 0) {
        m_peers.erase(std::remove(m_peers.begin(), m_peers.end(), peer), m_peers.end());
        if (peer->mode() == MemberMode::Rich)
            --m_richPeers;
    }
    unindexNick(peer);
    if (const auto tasks = m_fileTasks.find(peer->id()); tasks != m_fileTasks.end()) {
        // An upload whose message was still to come stays complete in the store: the same
        // client's re-offer posts it.
        for (const FileTask &task : *tasks) {
            if (task.kind == FileTask::Kind::Complete)
                m_completing.remove(task.key);
        }
        m_fileTasks.erase(tasks);
    }
    if (m_announcing && peer->owesLeave())
        announceLeave(peer, peer->leaveReason().isEmpty() ? reason : peer->leaveReason());
}

void Room::receive(RoomPeer *peer, const QString &text)
{
    if (peer->state() == RoomPeer::State::Leaving || peer->state() == RoomPeer::State::Left)
        return;
    if (peer->mode() == MemberMode::Plain)
        onPlainMessage(peer, text);
    else
        onRichMessage(peer, text);
}

void Room::onPlainMessage(RoomPeer *peer, const QString &text)
{
    if (!takeRateToken(peer, {}))
        return;
    // A plain client has no error channel: what is not a valid chat line is dropped and logged.
    if (const auto problem = textProblem(text, m_config.protocol.maxTextLength)) {
        qCDebug(lcServer) << "dropped a line from" << peer->nick() << ":" << *problem;
        return;
    }
    post(peer, {}, text);
}

void Room::onRichMessage(RoomPeer *peer, const QString &text)
{
    const Codec::ClientDecode decoded = Codec::decodeClient(text.toUtf8(), m_config.protocol);
    if (const auto *error = std::get_if<ErrorReply>(&decoded)) {
        if (takeRateToken(peer, error->id))
            sendTo(peer, Codec::encode(*error));
        return;
    }
    const auto &message = std::get<ClientMessage>(decoded);
    const Say *say = std::get_if<Say>(&message);
    const FileOffer *offer = std::get_if<FileOffer>(&message);
    const QString id = say ? say->id : offer ? offer->id : QString();
    // Chunks and file-gets are paced by the file rate instead (pumpFiles()): a file is many of
    // them, and chat must not run out of messages while one travels.
    const bool fileTraffic = std::holds_alternative<FileChunk>(message)
                             || std::holds_alternative<FileGet>(message);
    if ((!fileTraffic || !peer->isIn()) && !takeRateToken(peer, id))
        return;
    if (const auto *hello = std::get_if<Hello>(&message)) {
        handleHello(peer, *hello);
        return;
    }
    if (!peer->isIn()) {
        if (const auto *get = std::get_if<FileGet>(&message)) {
            sendFileError(peer, ErrorCode::NotJoined, QStringLiteral("send hello first"), get->key);
        } else if (const auto *chunk = std::get_if<FileChunk>(&message)) {
            sendError(peer, ErrorCode::NotJoined, QStringLiteral("send hello first"), chunk->id);
        } else {
            sendError(peer, ErrorCode::NotJoined, QStringLiteral("send hello first"), id);
        }
        return;
    }
    if (say)
        handleSay(peer, *say);
    else if (offer)
        handleFileOffer(peer, *offer);
    else if (const auto *chunk = std::get_if<FileChunk>(&message))
        handleFileChunk(peer, *chunk);
    else if (const auto *get = std::get_if<FileGet>(&message))
        handleFileGet(peer, *get);
    else if (const auto *nick = std::get_if<NickChange>(&message))
        handleNick(peer, *nick);
    else if (const auto *typing = std::get_if<Typing>(&message))
        handleTyping(peer, *typing);
    else if (const auto *request = std::get_if<MembersRequest>(&message))
        handleMembersRequest(peer, *request);
}

bool Room::takeRateToken(RoomPeer *peer, const QString &id)
{
    const qint64 now = m_clock.elapsed();
    if (peer->bucket.isFull(now))
        peer->droppedInFlood = 0;
    if (peer->bucket.tryTake(now))
        return true;
    // Past the burst the message is dropped with an error; a peer that keeps flooding for about
    // another second's worth of messages is closed.
    if (++peer->droppedInFlood >= std::max(1, m_config.messagesPerSecond)) {
        dismiss(peer, CloseCode::PolicyViolation, QStringLiteral("too many messages"),
                QStringLiteral("flood"));
        return false;
    }
    if (peer->mode() == MemberMode::Rich
        && (peer->lastRateErrorMs < 0 || now - peer->lastRateErrorMs >= 1000 || !id.isEmpty())) {
        peer->lastRateErrorMs = now;
        sendError(peer, ErrorCode::RateLimited,
                  QStringLiteral("more than %1 messages a second: message dropped")
                          .arg(m_config.messagesPerSecond),
                  id);
    }
    return false;
}

void Room::handleHello(RoomPeer *peer, const Hello &hello)
{
    if (peer->isIn()) {
        sendError(peer, ErrorCode::AlreadyJoined, QStringLiteral("hello was already accepted"));
        return;
    }
    if (!m_config.password.isEmpty() && !checkPassword(peer, hello.password))
        return;
    if (RoomPeer *holder = findByNick(hello.nick)) {
        if (holder->mode() == MemberMode::Rich && holder->client() == hello.client) {
            // The same installation reconnected before we noticed its old connection drop. The
            // old one leaves now, before the new one joins under the same name.
            expel(holder, CloseCode::Replaced, QStringLiteral("replaced by a newer connection"),
                  QStringLiteral("replaced"));
        } else {
            sendError(peer, ErrorCode::NickTaken,
                      QStringLiteral("the nickname \"%1\" is taken").arg(holder->nick()));
            return;
        }
    } else if (const auto elsewhere = m_log->foreignMemberClient(nickKey(hello.nick))) {
        // A member on another server sharing the log. The same installation, failing over to
        // this server, may take its place: the shared log replaces it (leave "replaced", then
        // this join) in the order every server sees.
        if (hello.client.isEmpty() || *elsewhere != hello.client) {
            sendError(peer, ErrorCode::NickTaken,
                      QStringLiteral("the nickname \"%1\" is taken").arg(hello.nick));
            return;
        }
    }
    peer->memberPages = hello.features.contains(QLatin1String(FeatureMemberPages));
    peer->eventBatches = hello.features.contains(QLatin1String(FeatureEventBatches));
    peer->presenceDigest = peer->eventBatches
                           && hello.features.contains(QLatin1String(FeaturePresenceDigest));
    join(peer, hello.nick, hello.client, hello);
}

void Room::handleMembersRequest(RoomPeer *peer, const MembersRequest &request)
{
    const auto cursor = parseMemberCursor(request.after);
    if (!cursor) {
        sendError(peer, ErrorCode::BadField,
                  QStringLiteral("the cursor \"%1\" is not one this room gave")
                          .arg(request.after.left(64)));
        return;
    }
    QList<QByteArray> members;
    const QString next = memberPage(*cursor, &members);
    sendTo(peer, Codec::encodeMemberPage(members, next));
}

std::optional<Room::MemberCursor> Room::parseMemberCursor(const QString &text)
{
    // "p<id>": after the local peer <id>; "f<n>": from the n-th member on other servers.
    if (text.size() < 2 || (text.at(0) != u'p' && text.at(0) != u'f'))
        return std::nullopt;
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text.at(i) < u'0' || text.at(i) > u'9')
            return std::nullopt;
    }
    bool ok = false;
    const qint64 n = QStringView(text).mid(1).toLongLong(&ok);
    if (!ok || n < 0)
        return std::nullopt;
    return MemberCursor{text.at(0) == u'f', n};
}

QString Room::memberPage(const MemberCursor &from, QList<QByteArray> *out) const
{
    const int pageSize = std::clamp(m_config.memberPageSize, MinMemberPage, MaxMemberPage);
    out->reserve(pageSize);
    if (!from.foreign) {
        auto it = std::upper_bound(m_peers.begin(), m_peers.end(), from.position,
                                   [](qint64 id, const RoomPeer *p) { return id < p->id(); });
        int lastId = -1;
        for (; it != m_peers.end(); ++it) {
            if (!(*it)->isMember())
                continue;
            if (out->size() == pageSize)
                return QStringLiteral("p%1").arg(lastId);
            out->append((*it)->memberJson);
            lastId = (*it)->id();
        }
    }
    const QList<Member> foreign = m_log->foreignMembers();
    qsizetype i = from.foreign ? std::min<qint64>(from.position, foreign.size()) : 0;
    for (; i < foreign.size(); ++i) {
        if (out->size() == pageSize)
            return QStringLiteral("f%1").arg(i);
        out->append(Codec::encode(foreign.at(i)));
    }
    return {};
}

bool Room::checkPassword(RoomPeer *peer, const QString &password)
{
    const qint64 now = m_clock.elapsed();
    auto refuse = [&](const QString &text) {
        sendError(peer, ErrorCode::Auth, text);
        dismiss(peer, CloseCode::PolicyViolation, QStringLiteral("authentication failed"),
                QStringLiteral("auth"));
        return false;
    };
    const auto known = m_passwordFailures.constFind(peer->address());
    if (known != m_passwordFailures.cend() && now < known->blockedUntilMs) {
        // Not even compared: a guesser gets one try per delay, however fast it reconnects.
        return refuse(QStringLiteral("too many wrong passwords from your address: try again in "
                                     "%1 s")
                              .arg((known->blockedUntilMs - now + 999) / 1000));
    }
    if (constantTimeEquals(password, m_config.password)) {
        m_passwordFailures.remove(peer->address());
        return true;
    }
    if (m_passwordFailures.size() > 4096) {
        // Bounded: addresses that are not waiting are forgotten first.
        m_passwordFailures.removeIf(
                [now](const auto &entry) { return entry.value().blockedUntilMs <= now; });
    }
    PasswordFailures &failures = m_passwordFailures[peer->address()];
    ++failures.count;
    if (failures.count >= m_config.passwordTries) {
        const int doublings = std::min(failures.count - m_config.passwordTries, 16);
        failures.blockedUntilMs = now
                                  + std::min<qint64>(60000, qint64(m_config.passwordDelayMs)
                                                                    << doublings);
    }
    return refuse(password.isEmpty() ? QStringLiteral("this room needs a password")
                                     : QStringLiteral("wrong password"));
}

void Room::join(RoomPeer *peer, const QString &nick, const QString &client,
                const std::optional<Hello> &hello)
{
    // The name is the joiner's from now on, even before the log has the join.
    peer->join(nick, client);
    peer->memberJson = Codec::encode(Member{nick, peer->mode()});
    indexNick(peer);
    emit membersChanged();
    qCInfo(lcServer).noquote() << nick << "joined from" << peer->address().toString();
    RoomEvent draft;
    draft.kind = RoomEvent::Kind::Join;
    draft.nick = nick;
    draft.mode = peer->mode();
    draft.client = client;
    // Everyone else learns of the join now; the joiner through its welcome's history, which
    // ends with its join: what the log numbers after comes to it live.
    publish(draft, peer->id(), [this, id = peer->id(), hello](const RoomLog::Appended &a) {
        RoomPeer *joiner = findById(id);
        if (!joiner || joiner->state() != RoomPeer::State::Joining)
            return;
        if (!a.ok() && a.code == ErrorCode::NickTaken) {
            // A log shared by several servers gave the name to another server's member first:
            // as if it had been taken here, the joiner may say hello again.
            unindexNick(joiner);
            joiner->refused();
            emit membersChanged();
            if (hello)
                sendError(joiner, ErrorCode::NickTaken,
                          QStringLiteral("the nickname \"%1\" is taken").arg(hello->nick));
            else
                join(joiner, guestNick(), {}, std::nullopt); // another server's guest had it
            return;
        }
        if (!a.ok()) {
            // Its arrival is not in the log (a full or failing disk): nobody heard of it, and
            // its welcome, which ends at its join, could never come. It is told why and asked
            // to come back later; a Parlor client retries with its backoff.
            if (hello)
                sendError(joiner, ErrorCode::NotStored,
                          QStringLiteral("the room could not store your arrival: %1; try again "
                                         "later")
                                  .arg(a.error));
            joiner->markLeft(QStringLiteral("not-stored"));
            emit membersChanged();
            joiner->closeConnection(CloseCode::TryAgainLater, QStringLiteral("try again later"));
            return;
        }
        joiner->welcomed();
        if (hello)
            sendTo(joiner, encodeWelcome(joiner, welcomeFor(joiner, *hello, a.event.seq)));
    });
}

Welcome Room::welcomeFor(RoomPeer *peer, const Hello &hello, qint64 joinSeq) const
{
    Welcome welcome;
    welcome.room = m_config.roomName;
    welcome.incarnation = m_log->incarnation();
    welcome.you = peer->nick();
    const qint64 seq = joinSeq;
    if (hello.since && hello.incarnation == m_log->incarnation() && *hello.since <= seq) {
        welcome.history = m_log->after(*hello.since, &welcome.gap);
    } else {
        // A client from another incarnation of the room (or with a seq this room never reached)
        // cannot know what it missed.
        welcome.history = m_log->all();
        welcome.gap = hello.since.has_value();
    }
    // A log that appends in groups may already have events after the join: they go to the
    // joiner live, once it is a member.
    while (!welcome.history.isEmpty() && welcome.history.constLast().seq > joinSeq)
        welcome.history.removeLast();
    // The welcome is bounded like any output: the newest events that fit in half the queue
    // limit (a joiner must never be dropped as "slow" for its own welcome); older ones are a gap.
    // Sizes are bounded from above without encoding (3 UTF-8 bytes per UTF-16 unit is the
    // worst case, plus the JSON around the fields).
    qint64 bytes = 0;
    qsizetype keep = welcome.history.size();
    while (keep > 0) {
        const RoomEvent &e = welcome.history.at(keep - 1);
        bytes += 3
                         * (e.text.size() + e.from.size() + e.nick.size() + e.to.size()
                            + e.reason.size() + e.id.size()
                            + (e.file ? e.file->name.size() + e.file->mime.size() : 0))
                 + (e.file ? 128 : 0) + 128;
        if (bytes > m_config.maxQueuedBytes / 2)
            break;
        --keep;
    }
    if (keep > 0) {
        welcome.history.remove(0, keep);
        welcome.gap = true;
    }
    welcome.seq = seq;
    welcome.limits = RoomLimits{m_config.maxMessageBytes,
                                m_config.protocol.maxTextLength,
                                m_config.protocol.maxNickLength,
                                m_config.messagesPerSecond,
                                maxFileBytes(),
                                maxFileBytes() > 0 ? m_fileChunkBytes : 0};
    return welcome;
}

QByteArray Room::encodeWelcome(const RoomPeer *peer, const Welcome &welcome)
{
    QList<QByteArray> members;
    if (peer->memberPages) {
        // The first page and the count: the rest the client fetches when it likes, so a join
        // does not cost the whole room (docs/PROTOCOL.md "Large rooms"). Counting is a pass
        // over pointers, not an encoding.
        Welcome paged = welcome;
        paged.memberCount = memberCount();
        paged.membersNext = memberPage(MemberCursor{false, -1}, &members);
        QList<QByteArray> history;
        history.reserve(welcome.history.size());
        for (const RoomEvent &e : welcome.history)
            history.append(eventJson(e));
        return Codec::encode(paged, members, history);
    }
    members.reserve(qsizetype(m_peers.size()));
    for (const RoomPeer *p : m_peers) {
        if (p->isMember())
            members.append(p->memberJson);
    }
    for (const Member &m : m_log->foreignMembers())
        members.append(Codec::encode(m));
    QList<QByteArray> history;
    history.reserve(welcome.history.size());
    for (const RoomEvent &e : welcome.history)
        history.append(eventJson(e));
    return Codec::encode(welcome, members, history);
}

QByteArray Room::eventJson(const RoomEvent &event)
{
    if (const auto it = m_eventJson.constFind(event.seq); it != m_eventJson.cend())
        return *it;
    // Older than the cache (a resume from far back, a durable room's history after a restart).
    const QByteArray json = Codec::encode(event);
    rememberEventJson(event.seq, json);
    return json;
}

void Room::rememberEventJson(qint64 seq, const QByteArray &json)
{
    m_eventJson.insert(seq, json);
    // Bounded: past twice the history, forget all but the newest history's worth (amortized
    // over as many events).
    const qsizetype keep = std::max(m_config.historyLength, 64);
    if (m_eventJson.size() > 2 * keep) {
        const qint64 oldest = m_log->lastSeq() - keep;
        m_eventJson.removeIf([oldest](const auto &entry) { return entry.key() <= oldest; });
    }
}

void Room::handleSay(RoomPeer *peer, const Say &say)
{
    if (say.id.startsWith(QLatin1String("plain-"))) {
        // The room makes these ids for plain peers' lines; a rich client reusing one could make
        // receivers hide a real message as a duplicate.
        sendError(peer, ErrorCode::BadField,
                  QStringLiteral("ids starting with \"plain-\" are reserved"), say.id);
        return;
    }
    if (answerResent(peer, say.id))
        return;
    std::optional<ReplyQuote> reply;
    if (say.replyTo) {
        reply = quoteFor(*say.replyTo);
        if (!reply) {
            sendError(peer, ErrorCode::BadReply,
                      QStringLiteral("there is no message %1 to reply to").arg(*say.replyTo),
                      say.id);
            return;
        }
    }
    post(peer, say.id, say.text, reply);
}

bool Room::answerResent(RoomPeer *peer, const QString &id)
{
    if (m_pendingSays.contains(sayKey(peer, id)))
        return true;
    if (const auto seq = m_log->delivered(peer->client(), id)) {
        // A re-send after a reconnect: acknowledge it to its author only.
        if (const auto event = m_log->event(*seq)) {
            sendTo(peer, Codec::encode(*event));
        } else {
            sendError(peer, ErrorCode::Duplicate,
                      QStringLiteral("already delivered as seq %1").arg(*seq), id);
        }
        return true;
    }
    return false;
}

qint64 Room::maxFileBytes() const
{
    return m_files ? m_config.maxFileBytes : 0;
}

void Room::handleFileOffer(RoomPeer *peer, const FileOffer &offer)
{
    if (offer.id.startsWith(QLatin1String("plain-"))) {
        sendError(peer, ErrorCode::BadField,
                  QStringLiteral("ids starting with \"plain-\" are reserved"), offer.id);
        return;
    }
    const QString upload = FileStore::uploadKey(peer->client(), offer.id);
    // The upload is complete and its message on its way: the message is the answer.
    if (m_completing.contains(upload) || answerResent(peer, offer.id))
        return;
    if (!m_files || offer.size > m_config.maxFileBytes) {
        sendError(peer, ErrorCode::FileTooLarge,
                  m_files ? QStringLiteral("this room takes files of at most %1 bytes")
                                    .arg(m_config.maxFileBytes)
                          : QStringLiteral("this room takes no files"),
                  offer.id);
        return;
    }
    if (offer.replyTo && !quoteFor(*offer.replyTo)) {
        sendError(peer, ErrorCode::BadReply,
                  QStringLiteral("there is no message %1 to reply to").arg(*offer.replyTo),
                  offer.id);
        return;
    }
    const auto received = m_files->offer(upload, FileStore::Offer{offer.name, offer.size,
                                                                  offer.mime, offer.replyTo});
    if (!received) {
        sendError(peer, ErrorCode::StoreFull,
                  QStringLiteral("the room's file store is full of unfinished uploads"), offer.id);
        return;
    }
    sendTo(peer, Codec::encode(FileReady{offer.id, *received}));
    // Every byte came before the connection dropped, but not the message.
    if (m_files->isComplete(upload))
        completeUpload(peer, upload, offer.id);
}

void Room::handleFileChunk(RoomPeer *peer, const FileChunk &chunk)
{
    // A refusal costs a message token, as a malformed message does: a peer sending nothing but
    // bad chunks is closed like a flood.
    auto refuse = [&](const QString &text) {
        if (takeRateToken(peer, chunk.id))
            sendError(peer, ErrorCode::BadChunk, text, chunk.id);
    };
    if (!m_files)
        return refuse(QStringLiteral("this room takes no files"));
    std::deque<FileTask> &tasks = m_fileTasks[peer->id()];
    const auto unreported = std::count_if(tasks.cbegin(), tasks.cend(), [](const FileTask &t) {
        return t.kind != FileTask::Kind::Data;
    });
    if (unreported >= MaxUnreportedChunks) {
        // Past the window: the sender ignores the pace. Each such chunk costs a message token,
        // so one that keeps at it is closed like any flood.
        if (takeRateToken(peer, chunk.id)) {
            sendError(peer, ErrorCode::RateLimited,
                      QStringLiteral("more than %1 chunks ahead of the room's progress: chunk "
                                     "dropped, offer the file again")
                              .arg(MaxUnreportedChunks),
                      chunk.id);
        }
        return;
    }
    if (chunk.data.size() > m_fileChunkBytes)
        return refuse(QStringLiteral("a chunk has at most %1 bytes").arg(m_fileChunkBytes));
    const QString upload = FileStore::uploadKey(peer->client(), chunk.id);
    if (m_completing.contains(upload))
        return refuse(QStringLiteral("the upload is complete"));
    switch (m_files->addChunk(upload, chunk.offset, chunk.data)) {
    case FileStore::ChunkResult::NoUpload:
        return refuse(QStringLiteral("there is no upload %1: offer the file").arg(chunk.id));
    case FileStore::ChunkResult::WrongOffset:
        return refuse(QStringLiteral("the room has %1 bytes of this upload, not %2")
                              .arg(m_files->received(upload))
                              .arg(chunk.offset));
    case FileStore::ChunkResult::PastSize:
        return refuse(QStringLiteral("more bytes than offered: the upload starts over"));
    case FileStore::ChunkResult::Accepted:
        break;
    }
    FileTask task;
    task.id = chunk.id;
    task.bytes = chunk.data.size();
    if (m_files->isComplete(upload)) {
        task.kind = FileTask::Kind::Complete;
        task.key = upload;
        m_completing.insert(upload);
    } else {
        task.kind = FileTask::Kind::Progress;
        task.offset = m_files->received(upload);
    }
    tasks.push_back(task);
    pumpFiles();
}

void Room::handleFileGet(RoomPeer *peer, const FileGet &get)
{
    // As for chunks: a refusal costs a message token.
    auto refuse = [&](ErrorCode code, const QString &text) {
        if (takeRateToken(peer, {}))
            sendFileError(peer, code, text, get.key);
    };
    const auto info = m_files && isFileKey(get.key) ? m_files->info(get.key) : std::nullopt;
    if (!info)
        return refuse(ErrorCode::NoFile, QStringLiteral("the room does not keep this file"));
    if (get.offset >= info->size) {
        return refuse(ErrorCode::BadField,
                      QStringLiteral("the offset must be below the file's size, %1").arg(info->size));
    }
    if (get.length > m_fileChunkBytes) {
        return refuse(ErrorCode::BadField,
                      QStringLiteral("the length must be at most %1").arg(m_fileChunkBytes));
    }
    std::deque<FileTask> &tasks = m_fileTasks[peer->id()];
    const auto pending = std::count_if(tasks.cbegin(), tasks.cend(), [](const FileTask &t) {
        return t.kind == FileTask::Kind::Data;
    });
    if (pending >= MaxPendingFileGets) {
        if (takeRateToken(peer, {})) {
            sendFileError(peer, ErrorCode::RateLimited,
                          QStringLiteral("more than %1 file-gets unanswered: dropped")
                                  .arg(MaxPendingFileGets),
                          get.key);
        }
        return;
    }
    FileTask task;
    task.kind = FileTask::Kind::Data;
    task.key = get.key;
    task.offset = get.offset;
    task.length = std::min<qint64>(get.length > 0 ? get.length : m_fileChunkBytes,
                                   info->size - get.offset);
    task.bytes = task.length;
    tasks.push_back(task);
    pumpFiles();
}

void Room::pumpFiles()
{
    const qint64 now = m_clock.elapsed();
    qint64 wait = -1;
    // Sending may end a connection (a peer too slow to read) and with it its tasks: the queue
    // is looked up again after every answer.
    const QList<int> ids = m_fileTasks.keys();
    for (const int id : ids) {
        for (;;) {
            const auto it = m_fileTasks.find(id);
            if (it == m_fileTasks.end())
                break;
            RoomPeer *peer = findById(id);
            if (!peer || !peer->isIn() || it->empty()) {
                for (const FileTask &task : *it) {
                    if (task.kind == FileTask::Kind::Complete)
                        m_completing.remove(task.key);
                }
                m_fileTasks.erase(it);
                break;
            }
            const FileTask task = it->front();
            if (!peer->fileBucket.tryTake(now, double(task.bytes))) {
                const qint64 ms = std::max<qint64>(1, peer->fileBucket.msUntil(now, task.bytes));
                wait = wait < 0 ? ms : std::min(wait, ms);
                break;
            }
            it->pop_front();
            switch (task.kind) {
            case FileTask::Kind::Progress:
                sendTo(peer, Codec::encode(FileProgress{task.id, task.offset}));
                break;
            case FileTask::Kind::Complete:
                m_completing.remove(task.key);
                completeUpload(peer, task.key, task.id);
                break;
            case FileTask::Kind::Data:
                if (const auto data = m_files->read(task.key, task.offset, task.length)) {
                    sendTo(peer, Codec::encode(FileData{task.key, task.offset, *data}));
                } else {
                    sendFileError(peer, ErrorCode::NoFile,
                                  QStringLiteral("the room no longer keeps this file"), task.key);
                }
                break;
            }
        }
    }
    if (wait >= 0)
        m_filePacer->start(int(std::min<qint64>(wait, 60000)));
}

void Room::completeUpload(RoomPeer *peer, const QString &upload, const QString &id)
{
    const auto offered = m_files->offered(upload);
    if (!offered)
        return; // expired meanwhile: the sender offers it again
    const auto file = m_files->finish(upload);
    if (!file) {
        qCWarning(lcServer).noquote() << "could not store a file:" << m_files->errorString();
        sendError(peer, ErrorCode::NotStored,
                  QStringLiteral("the room could not store your file: %1")
                          .arg(m_files->errorString()),
                  id);
        return;
    }
    // Not the key: it is the file's only secret, and logs travel further than the room.
    qCInfo(lcServer).noquote() << peer->nick() << "shared a file of" << file->size << "bytes,"
                               << file->mime;
    // The quote is taken now, as a say's is when it is posted.
    const auto reply = offered->replyTo ? quoteFor(*offered->replyTo) : std::nullopt;
    post(peer, id, file->name, reply, file);
}

void Room::sendFileError(RoomPeer *peer, ErrorCode code, const QString &text, const QString &key)
{
    ErrorReply error{code, text, {}};
    // As the codec does: a key is 33 characters, a longer one is not echoed whole.
    error.file = key.left(64);
    sendTo(peer, Codec::encode(error));
}

std::optional<ReplyQuote> Room::quoteFor(qint64 seq) const
{
    // A seq the room has not reached yet cannot be answered; one it has forgotten still can, but
    // the quote then only names it, and clients say the message is no longer available.
    if (seq < 1 || seq > m_log->lastSeq())
        return std::nullopt;
    ReplyQuote quote;
    quote.seq = seq;
    if (const auto answered = m_log->event(seq)) {
        if (answered->kind != RoomEvent::Kind::Message)
            return std::nullopt;
        quote.nick = answered->from;
        quote.text = replyExcerpt(answered->text);
    }
    return quote;
}

void Room::post(RoomPeer *peer, const QString &id, const QString &text,
                const std::optional<ReplyQuote> &reply, const std::optional<FileInfo> &file)
{
    RoomEvent draft;
    draft.kind = RoomEvent::Kind::Message;
    draft.from = peer->nick();
    draft.text = text;
    draft.reply = reply;
    draft.file = file;
    draft.id = id; // empty for a plain peer's line: the log names it
    if (peer->mode() == MemberMode::Rich) {
        draft.client = peer->client();
        m_pendingSays.insert(sayKey(peer, id));
    }
    // The author's copy is its acknowledgement, so it is sent only once the log has the message.
    publish(draft, 0,
            [this, key = sayKey(peer, id), peerId = peer->id(), id](const RoomLog::Appended &a) {
                m_pendingSays.remove(key);
                RoomPeer *author = findById(peerId);
                if (a.duplicate && author) {
                    // Another server appended it before a failover: its author is owed the
                    // acknowledgement, nobody else hears of it again.
                    sendTo(author, eventJson(a.event));
                    return;
                }
                if (!a.ok() && author && author->mode() == MemberMode::Rich
                    && a.code == ErrorCode::NotJoined) {
                    // A shared log no longer counts it a member (its server was taken for lost
                    // while it talked): it must join again, and its client resends.
                    sendError(author, ErrorCode::NotStored,
                              QStringLiteral("you are no longer in the room: join again"), id);
                    dismiss(author, CloseCode::TryAgainLater, QStringLiteral("join again"),
                            QStringLiteral("lost"));
                    return;
                }
                if (!a.ok() && author && author->mode() == MemberMode::Rich
                    && a.code == ErrorCode::Duplicate) {
                    sendError(author, ErrorCode::Duplicate, a.error, id);
                    return;
                }
                if (!a.ok() && author && author->mode() == MemberMode::Rich) {
                    // Nothing was delivered: the author keeps the message and may send it again.
                    sendError(author, ErrorCode::NotStored,
                              QStringLiteral("the room could not store your message: %1")
                                      .arg(a.error),
                              id);
                }
            });
}

void Room::handleNick(RoomPeer *peer, const NickChange &change)
{
    if (change.nick == peer->nick())
        return;
    if (RoomPeer *holder = findByNick(change.nick); holder && holder != peer) {
        sendError(peer, ErrorCode::NickTaken,
                  QStringLiteral("the nickname \"%1\" is taken").arg(holder->nick()));
        return;
    }
    if (nickKey(change.nick) != nickKey(peer->nick())
        && m_log->foreignMemberClient(nickKey(change.nick))) {
        sendError(peer, ErrorCode::NickTaken,
                  QStringLiteral("the nickname \"%1\" is taken").arg(change.nick));
        return;
    }
    RoomEvent draft;
    draft.kind = RoomEvent::Kind::Nick;
    draft.from = peer->nick();
    draft.to = change.nick;
    unindexNick(peer);
    peer->rename(change.nick);
    peer->memberJson = Codec::encode(Member{peer->nick(), peer->mode()});
    indexNick(peer);
    emit membersChanged();
    publish(draft, 0, [this, id = peer->id(), old = draft.from](const RoomLog::Appended &a) {
        RoomPeer *renamed = findById(id);
        if (a.ok() || !renamed || !renamed->isIn())
            return;
        // A shared log gave the name to another server's member first: the old name stays.
        unindexNick(renamed);
        renamed->rename(old);
        renamed->memberJson = Codec::encode(Member{old, renamed->mode()});
        indexNick(renamed);
        emit membersChanged();
        sendError(renamed,
                  a.code == ErrorCode::NickTaken ? ErrorCode::NickTaken : ErrorCode::NotStored,
                  QStringLiteral("could not change the nickname: %1").arg(a.error));
    });
}

void Room::handleTyping(RoomPeer *peer, const Typing &typing)
{
    // Transient: not an event of the log.
    const TypingEvent event{peer->nick(), typing.active};
    relayTyping(peer, event);
    m_log->shareTyping(event);
}

void Room::relayTyping(RoomPeer *typist, const TypingEvent &event)
{
    const QByteArray json = Codec::encode(event);
    for (RoomPeer *p : m_peers) {
        if (p != typist && p->isMember() && p->mode() == MemberMode::Rich) {
            flushAnnouncements(p);
            p->sendUtf8(json);
        }
    }
}

void Room::announceLeave(RoomPeer *peer, const QString &reason)
{
    peer->markLeft(reason);
    emit membersChanged();
    RoomEvent draft;
    draft.kind = RoomEvent::Kind::Leave;
    draft.nick = peer->nick();
    draft.reason = reason;
    publish(draft);
}

void Room::publish(const RoomEvent &draft, int skipPeerId,
                   std::function<void(const RoomLog::Appended &)> then)
{
    m_log->append(draft, [this, skipPeerId, then = std::move(then)](const RoomLog::Appended &a) {
        if (!a.ok()) {
            // Nobody is told of an event the log does not have. A shared log refuses, as a
            // matter of course, the leave of a member another server has taken over.
            if (a.code == ErrorCode::NotJoined)
                qCDebug(lcServer).noquote() << "the shared log refused an event:" << a.error;
            else
                qCWarning(lcServer).noquote() << "the room's log did not keep an event:" << a.error;
            if (then)
                then(a);
            return;
        }
        if (!a.duplicate)
            broadcast(a.event, skipPeerId);
        if (then)
            then(a);
    });
}

void Room::broadcast(const RoomEvent &event, int skipPeerId)
{
    // Serialized once for everyone, as UTF-8; the connections then frame these same bytes once
    // for all of them (ServerWebSocket).
    const QByteArray encoded = Codec::encode(event);
    rememberEventJson(event.seq, encoded);
    const QString plainLine = event.kind == RoomEvent::Kind::Message
                                      ? event.from + QLatin1String(": ") + event.text
                                      : QString();
    // Plain peers hear only messages: with none but them, a join or leave goes to nobody, and
    // a burst of N plain connections must not walk the room N times.
    if (plainLine.isEmpty() && m_richPeers == 0)
        return;
    // Joins and leaves wait a little for peers that take them in batches: a storm of N joins
    // then costs each of them a frame per window instead of N frames.
    const bool batchable = m_config.announceDelayMs > 0
                           && (event.kind == RoomEvent::Kind::Join
                               || event.kind == RoomEvent::Kind::Leave);
    bool batched = false;
    for (RoomPeer *p : m_peers) {
        if (!p->isMember() || p->id() == skipPeerId)
            continue;
        if (batchable && p->eventBatches) {
            if (p->batchStart < 0)
                p->batchStart = m_announceBatch.size();
            batched = true;
            continue;
        }
        if (p->mode() == MemberMode::Rich) {
            flushAnnouncements(p);
            p->sendUtf8(encoded);
        } else if (!plainLine.isEmpty())
            p->sendText(plainLine);
    }
    if (batched) {
        m_announceBatch.append(encoded);
        m_announceSeqs.append(event.seq);
        m_announceJoinsThrough.append(
                (m_announceJoinsThrough.isEmpty() ? 0 : m_announceJoinsThrough.last())
                + (event.kind == RoomEvent::Kind::Join ? 1 : 0));
        if (!m_announceTimer->isActive())
            m_announceTimer->start(m_config.announceDelayMs);
    }
}

void Room::onEventArrived(const RoomEvent &event)
{
    if (event.kind == RoomEvent::Kind::Leave) {
        if (RoomPeer *local = findByNick(event.nick); local && local->isMember()) {
            // The shared log took one of ours out: a newer connection of the same client joined
            // on another server ("replaced"), or the other servers lost sight of this one
            // ("lost"). Its leave is this event; the connection goes. (A peer still Joining
            // under the name is the newer connection itself, taking over from another server.)
            local->markLeft(event.reason);
            local->closeConnection(event.reason == QLatin1String("replaced")
                                           ? CloseCode::Replaced
                                           : CloseCode::TryAgainLater,
                                   event.reason == QLatin1String("replaced")
                                           ? QStringLiteral("replaced by a newer connection")
                                           : QStringLiteral("join again"));
        }
    }
    broadcast(event, 0);
    if (event.kind != RoomEvent::Kind::Message)
        emit membersChanged();
}

void Room::dismiss(RoomPeer *peer, int code, const QString &closeReason, const QString &leaveReason)
{
    if (peer->startLeaving(leaveReason))
        peer->closeConnection(code, closeReason);
}

void Room::expel(RoomPeer *peer, int code, const QString &closeReason, const QString &leaveReason)
{
    if (peer->state() == RoomPeer::State::Leaving || peer->state() == RoomPeer::State::Left)
        return;
    // Everyone sees it go at once, before its close handshake ends.
    if (peer->owesLeave())
        announceLeave(peer, leaveReason);
    else
        peer->startLeaving(leaveReason);
    peer->closeConnection(code, closeReason);
}

void Room::sendTo(RoomPeer *peer, const QByteArray &json)
{
    flushAnnouncements(peer);
    peer->sendUtf8(json);
}

void Room::flushAnnouncements(RoomPeer *peer)
{
    if (peer->batchStart < 0)
        return;
    const qsizetype start = std::min(peer->batchStart, m_announceBatch.size());
    peer->batchStart = -1;
    if (start < m_announceBatch.size())
        peer->sendUtf8(announcementFrame(digests(peer, start), start));
}

void Room::flushAllAnnouncements()
{
    // One frame per distinct start and kind: everyone present for the whole window shares the
    // first (the events, or the digest).
    QHash<qsizetype, QByteArray> frames;
    for (RoomPeer *p : m_peers) {
        if (p->batchStart < 0)
            continue;
        const qsizetype start = std::min(p->batchStart, m_announceBatch.size());
        p->batchStart = -1;
        if (start >= m_announceBatch.size())
            continue;
        const bool digest = digests(p, start);
        const qsizetype key = start * 2 + (digest ? 1 : 0);
        auto frame = frames.find(key);
        if (frame == frames.end())
            frame = frames.insert(key, announcementFrame(digest, start));
        p->sendUtf8(*frame);
    }
    m_announceBatch.clear();
    m_announceSeqs.clear();
    m_announceJoinsThrough.clear();
}

bool Room::digests(const RoomPeer *peer, qsizetype start) const
{
    return peer->presenceDigest && m_config.digestThreshold > 0
           && m_announceBatch.size() - start > m_config.digestThreshold;
}

QByteArray Room::announcementFrame(bool digest, qsizetype start) const
{
    if (!digest)
        return Codec::encodeEventBatch(m_announceBatch.mid(start));
    // The count instead of the events: a storm of N joins would otherwise cost the room O(N²)
    // bytes, each window's events going to every member (docs/PROTOCOL.md "Large rooms").
    PresenceDigest d;
    d.through = m_announceSeqs.last();
    d.joined = m_announceJoinsThrough.last()
               - (start > 0 ? m_announceJoinsThrough.at(start - 1) : 0);
    d.left = (m_announceBatch.size() - start) - d.joined;
    d.memberCount = memberCount();
    d.membersFrom = QStringLiteral("p0"); // before the first local peer (ids start at 1)
    return Codec::encode(d);
}

qint64 Room::memberCount() const
{
    // A pass over pointers, not an encoding.
    qint64 count = m_log->foreignMembers().size();
    for (const RoomPeer *p : m_peers)
        count += p->isMember() ? 1 : 0;
    return count;
}

void Room::sendError(RoomPeer *peer, ErrorCode code, const QString &text, const QString &id)
{
    sendTo(peer, Codec::encode(ErrorReply{code, text, id}));
}

RoomPeer *Room::findById(int id) const
{
    return m_byId.value(id);
}

RoomPeer *Room::findByNick(const QString &nick) const
{
    const QString key = nickKey(nick);
    for (auto it = m_byNickKey.constFind(key); it != m_byNickKey.cend() && it.key() == key; ++it) {
        if (it.value()->isIn())
            return it.value();
    }
    return nullptr;
}

void Room::indexNick(RoomPeer *peer)
{
    if (!peer->nick().isEmpty())
        m_byNickKey.insert(nickKey(peer->nick()), peer);
}

void Room::unindexNick(RoomPeer *peer)
{
    if (!peer->nick().isEmpty())
        m_byNickKey.remove(nickKey(peer->nick()), peer);
}

QString Room::guestNick()
{
    QString nick;
    do {
        nick = QStringLiteral("guest-%1").arg(m_nextGuest++);
    } while (findByNick(nick) || m_log->foreignMemberClient(nickKey(nick)));
    return nick;
}

} // namespace Parlor
