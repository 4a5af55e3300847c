#include "chatsession.h"

#include "core/logging.h"
#include "filenames.h"
#include "mentionmatcher.h"
#include "protocol/codec.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QMimeDatabase>

namespace Parlor {

namespace {

// Until the room announces its rate, send at most this many messages a second.
constexpr int defaultRate = 5;
// Keep a margin under the room's announced rate: clocks and queues are not exact.
constexpr double rateMargin = 0.8;
// Own messages remembered after their confirmation, to say again to a restarted room.
constexpr int recentlyDeliveredKept = 100;

// A mime type the room takes (PROTOCOL "file-offer"): type/subtype, printable ASCII, at most
// 127 characters. Anything else is not sent (the room would refuse the whole offer for a hint).
QString offerableMime(const QString &mime)
{
    if (mime.isEmpty() || mime.size() > 127 || mime.count(u'/') != 1 || mime.startsWith(u'/')
        || mime.endsWith(u'/'))
        return {};
    for (const QChar c : mime) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return {};
    }
    return mime;
}

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms) : QDateTime::currentDateTime();
}

QString prettyIfJson(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(u'{') && !trimmed.startsWith(u'['))
        return text;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return text;
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace

ChatSession::ChatSession(QObject *parent)
    : QObject(parent)
    , m_sendBucket(defaultRate, defaultRate, 0)
{
    m_clock.start();
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &ChatSession::flush);
    m_memberPageTimer.setSingleShot(true);
    connect(&m_memberPageTimer, &QTimer::timeout, this, &ChatSession::requestMemberPage);
    m_memberRefreshTimer.setSingleShot(true);
    m_memberRefreshTimer.setInterval(1000);
    connect(&m_memberRefreshTimer, &QTimer::timeout, this, &ChatSession::refreshMembers);
    connect(&m_connection, &ConnectionManager::opened, this, &ChatSession::onOpened);
    connect(&m_connection, &ConnectionManager::closed, this, &ChatSession::onClosed);
    connect(&m_connection, &ConnectionManager::textMessageReceived, this, &ChatSession::onText);
    connect(&m_files, &FileTransfers::offerWaiting, this, &ChatSession::flush);
    connect(&m_files, &FileTransfers::uploadFailed, this, &ChatSession::onUploadFailed);
    connect(&m_files, &FileTransfers::fileSaved, this, &ChatSession::fileSaved);
    connect(&m_files, &FileTransfers::transferFailed, this, &ChatSession::transferFailed);
}

bool ChatSession::start(const Options &options)
{
    m_options = options;
    if (options.stomp.isSet()) {
        const QByteArray &d = options.stomp.destination;
        if (d.contains('\r') || d.contains('\n') || d.contains('\0'))
            return false;
        // A broker that is offered parlor.v1 too might pick it and never speak STOMP.
        m_options.connection.subprotocols = {QString::fromLatin1(StompClient::Subprotocol)};
    }
    m_requestedNick = options.nick;
    m_nick = options.nick;
    m_outbox = Outbox(options.outboxPath);
    QString error;
    if (!m_outbox.load(&error)) {
        qCWarning(lcClient).noquote() << error;
        if (!m_outbox.damage().isEmpty())
            emit outboxDamaged(m_outbox.damage().entries, m_outbox.damage().keptIn);
    }
    // What waited in the outbox when the app last stopped is shown again, in its state.
    QList<ChatLine> restored;
    for (const Outbox::Entry &e : m_outbox.entries()) {
        if (m_messages.containsId(e.id))
            continue; // started again after stop(): already shown
        ChatLine line;
        line.kind = ChatLine::Kind::Own;
        line.id = e.id;
        line.sender = m_nick;
        line.text = e.text;
        line.time = fromMs(e.createdMs);
        line.delivery = e.state;
        line.error = e.error;
        quoteLocally(&line, e.replyTo);
        restored.append(line);
    }
    m_messages.append(restored);
    return m_connection.open(m_options.connection);
}

void ChatSession::stop()
{
    // A broker is told goodbye in STOMP first (it closes the socket on DISCONNECT); what was
    // said and not yet confirmed stays in the outbox, as in a room.
    if (m_stomp && m_stomp->client()->state() == StompClient::State::Connected)
        m_stomp->client()->sendFrame(StompFrame(StompFrame::Command::Disconnect));
    m_connection.close(1000, QStringLiteral("bye"));
}

QString ChatSession::send(const QString &text, qint64 replyTo)
{
    const Outbox::Entry &entry = m_outbox.add(text, std::max<qint64>(0, replyTo));
    ChatLine line;
    line.kind = ChatLine::Kind::Own;
    line.id = entry.id;
    line.sender = m_nick;
    line.text = text;
    line.time = QDateTime::currentDateTime();
    line.delivery = ChatLine::Delivery::Queued;
    quoteLocally(&line, entry.replyTo);
    const QString id = entry.id;
    m_messages.append(line);
    if (m_mode == Mode::Rich && m_limits.maxTextLength > 0) {
        if (const auto problem = textProblem(text, m_limits.maxTextLength)) {
            m_outbox.setState(id, ChatLine::Delivery::Failed, *problem);
            m_messages.setDelivery(id, ChatLine::Delivery::Failed, *problem);
            checkDrained();
            return id;
        }
    }
    flush();
    return id;
}

void ChatSession::retry(const QString &id)
{
    const Outbox::Entry *e = m_outbox.find(id);
    if (!e || e->state != ChatLine::Delivery::Failed)
        return;
    if (m_mode == Mode::Rich && m_limits.maxTextLength > 0) {
        if (textProblem(e->text, m_limits.maxTextLength))
            return; // it would only be refused again
    }
    m_sentOnThisConnection.remove(id);
    m_outbox.setState(id, ChatLine::Delivery::Queued);
    m_messages.setDelivery(id, ChatLine::Delivery::Queued);
    flush();
}

void ChatSession::discard(const QString &id)
{
    if (m_files.isUpload(id)) {
        cancelTransfer(id);
        return;
    }
    // Only what has not left yet can be taken back: a sent message may still be delivered.
    const Outbox::Entry *e = m_outbox.find(id);
    if (!e || e->state == ChatLine::Delivery::Sent)
        return;
    m_outbox.remove(id);
    m_messages.removeId(id);
    checkDrained();
}

void ChatSession::changeNick(const QString &nick)
{
    // Once joined, the room decides: the nickname is taken over when the room announces it.
    if (!m_joined)
        m_requestedNick = nick;
    if (m_mode == Mode::Stomp) {
        // A broker knows no names: the next lines carry the new one in their parlor-nick header.
        m_requestedNick = nick;
        m_nick = nick;
        if (m_stomp)
            m_stomp->setNick(nick);
        m_members.reset({Member{nick, MemberMode::Rich}}, nick);
        emit nickChanged(nick);
        return;
    }
    if (m_mode == Mode::Rich && m_joined)
        m_connection.sendText(QString::fromUtf8(Codec::encode(NickChange{nick})));
}

bool ChatSession::canShareFiles() const
{
    return m_mode == Mode::Rich && m_joined && m_limits.maxFileBytes > 0;
}

QString ChatSession::fileSizeProblem(qint64 size) const
{
    if (m_mode == Mode::Plain)
        return QStringLiteral("no-files");
    if (size <= 0)
        return QStringLiteral("empty-file"); // the protocol has no empty files
    // Before the first welcome the room's limits are unknown: checked when it comes.
    if (m_lastSeq >= 0 && m_limits.maxFileBytes <= 0)
        return QStringLiteral("no-files");
    if (m_lastSeq >= 0 && size > m_limits.maxFileBytes)
        return QStringLiteral("too-large");
    return {};
}

QString ChatSession::shareFile(const QString &path, qint64 replyTo)
{
    const QFileInfo info(path);
    QFile file(path);
    QString problem;
    if (!info.isFile() || !file.open(QIODevice::ReadOnly))
        problem = QStringLiteral("unreadable");
    else
        problem = fileSizeProblem(file.size());
    if (!problem.isEmpty()) {
        emit transferFailed({}, TransferModel::errorText(problem));
        return {};
    }
    const QString mime = QMimeDatabase().mimeTypeForFile(info).name();
    return startUpload(safeFileName(info.fileName()), file.size(), mime, replyTo,
                       info.absoluteFilePath(), {});
}

QString ChatSession::shareData(const QString &name, const QByteArray &data, const QString &mime,
                               qint64 replyTo)
{
    if (const QString problem = fileSizeProblem(data.size()); !problem.isEmpty()) {
        emit transferFailed({}, TransferModel::errorText(problem));
        return {};
    }
    return startUpload(safeFileName(name), data.size(), mime, replyTo, {}, data);
}

QString ChatSession::startUpload(const QString &name, qint64 size, const QString &mime,
                                 qint64 replyTo, const QString &path, const QByteArray &data)
{
    FileInfo file;
    file.name = name;
    file.size = size;
    file.mime = mime;
    ChatLine line;
    line.kind = ChatLine::Kind::Own;
    line.id = Outbox::newId();
    line.sender = m_nick;
    line.text = name; // what a client that knows nothing of files shows, as the room will
    line.time = QDateTime::currentDateTime();
    line.delivery = ChatLine::Delivery::Queued;
    line.file = file;
    quoteLocally(&line, std::max<qint64>(0, replyTo));
    m_messages.append(line);

    FileOffer offer;
    offer.id = line.id;
    offer.name = name;
    offer.size = size;
    offer.mime = offerableMime(mime);
    if (replyTo > 0)
        offer.replyTo = replyTo;
    m_files.addUpload(offer, path, data); // offered by flush(), through offerWaiting
    return line.id;
}

void ChatSession::onUploadFailed(const QString &id, const QString &code)
{
    m_messages.setDelivery(id, ChatLine::Delivery::Failed, TransferModel::errorText(code));
    checkDrained();
}

bool ChatSession::download(const QString &key, const QString &destinationPath, bool overwrite)
{
    const auto it = m_filesByKey.constFind(key);
    if (it == m_filesByKey.cend())
        return false;
    QString error;
    if (!m_files.addDownload(*it, destinationPath, overwrite, &error)) {
        qCInfo(lcClient).noquote() << "download of" << key << "refused:" << error;
        return false;
    }
    return true;
}

void ChatSession::cancelTransfer(const QString &idOrKey)
{
    if (!m_files.cancel(idOrKey))
        return;
    // A cancelled upload is no message: its line goes, as a discarded say's does.
    if (m_files.isUpload(idOrKey)) {
        m_messages.removeId(idOrKey);
        checkDrained();
    }
}

void ChatSession::setTyping(bool active)
{
    if (m_mode == Mode::Rich && m_joined)
        m_connection.sendText(QString::fromUtf8(Codec::encode(Typing{active})));
}

void ChatSession::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    emit modeChanged(mode);
}

void ChatSession::onOpened(const QString &subprotocol)
{
    m_nickAttempt = 0;
    if (m_options.stomp.isSet()) {
        // Only v12.stomp was offered: a server that names none may still speak it.
        setMode(Mode::Stomp);
        startStomp();
    } else if (subprotocol == QLatin1String(RichSubprotocol)) {
        setMode(Mode::Rich);
        sendHello();
    } else {
        // Any other subprotocol, or none: every text frame is one line (plain mode). There is
        // nothing to join: in as soon as it is open (set before modeChanged, whose receivers
        // show it).
        m_joined = true;
        setMode(Mode::Plain);
        m_sendBucket = TokenBucket(defaultRate, defaultRate, m_clock.elapsed());
        flush();
    }
}

void ChatSession::sendHello()
{
    Hello hello;
    hello.nick = m_nickAttempt == 0
                         ? m_requestedNick
                         : QStringLiteral("%1_%2").arg(m_requestedNick).arg(m_nickAttempt + 1);
    hello.client = m_options.clientId;
    hello.password = m_options.password;
    // A large room's welcome then carries the first page of members only; the rest is fetched
    // in the background (requestMemberPage()).
    // Joins and leaves of a storm come collected, a frame per short window, and a big storm
    // only counted (onPresenceDigest()).
    hello.features = {QLatin1String(FeatureMemberPages), QLatin1String(FeatureEventBatches),
                      QLatin1String(FeaturePresenceDigest)};
    if (m_lastSeq >= 0) {
        // Resume: the room sends what it said since, if it is the same incarnation of the room.
        hello.since = m_lastSeq;
        hello.incarnation = m_incarnation;
    }
    const QString frame = QString::fromUtf8(Codec::encode(hello));
    if (hello.password.isEmpty()) {
        m_connection.sendText(frame);
    } else {
        // The inspector and traces show what was sent, but never the password.
        Hello shown = hello;
        shown.password = QStringLiteral("<redacted>");
        m_connection.sendText(frame, QString::fromUtf8(Codec::encode(shown)));
    }
}

void ChatSession::startStomp()
{
    m_stomp = std::make_unique<StompChat>();
    StompChat::Options options;
    options.destination = m_options.stomp.destination;
    options.nick = m_nick;
    options.clientId = m_options.clientId;
    options.stomp.host = m_options.stomp.host;
    options.stomp.login = m_options.stomp.login;
    options.stomp.passcode = m_options.stomp.passcode;
    // The connection pings on its own; STOMP's heart-beats keep a broker's idle timer happy.
    options.stomp.connectTimeoutMs = m_options.connection.handshakeTimeoutMs;
    connect(m_stomp.get(), &StompChat::joined, this, &ChatSession::onStompJoined);
    connect(m_stomp.get(), &StompChat::lineReceived, this, &ChatSession::onStompLine);
    connect(m_stomp.get(), &StompChat::delivered, this, [this](const QString &id) {
        markDelivered(id, 0, QDateTime::currentMSecsSinceEpoch());
    });
    connect(m_stomp.get(), &StompChat::brokerError, this, &ChatSession::brokerError);
    connect(m_stomp.get(), &StompChat::ended, this,
            [this](StompClient::EndReason reason, const QString &detail, int) {
                onStompEnded(reason, detail);
            });
    if (!m_stomp->attach(&m_connection, options)) {
        qCWarning(lcClient) << "STOMP: cannot start on this connection";
        m_connection.close(1002, QStringLiteral("not STOMP"));
    }
}

void ChatSession::onStompJoined()
{
    m_joined = true;
    m_room = QString::fromUtf8(m_options.stomp.destination);
    // A broker has no member list: the only one known to be here is us.
    m_members.reset({Member{m_nick, MemberMode::Rich}}, m_nick);
    m_sendBucket = TokenBucket(defaultRate * 4, defaultRate * 4, m_clock.elapsed());
    emit joined(m_room, m_nick);
    flush();
}

void ChatSession::onStompLine(const StompChat::Line &line)
{
    // Our own line coming back from a topic: the receipt confirmed it already.
    if (line.mine && !line.id.isEmpty() && m_messages.containsId(line.id))
        return;
    ChatLine chat;
    chat.kind = line.mine ? ChatLine::Kind::Own : ChatLine::Kind::Chat;
    chat.id = line.id;
    // Other STOMP clients send no name: their lines are shown as the destination's.
    chat.sender = line.nick.isEmpty() ? QString::fromUtf8(line.destination) : line.nick;
    chat.text = line.binary ? line.text : prettyIfJson(line.text);
    chat.time = line.time.toLocalTime();
    if (line.mine)
        chat.delivery = ChatLine::Delivery::Delivered;
    else
        chat.mentionsMe = MentionMatcher::mentions(chat.text, m_nick);
    m_messages.append(chat);
    if (!line.mine)
        emit lineArrived(chat);
}

void ChatSession::onStompEnded(StompClient::EndReason reason, const QString &detail)
{
    qCInfo(lcClient).noquote() << "STOMP session ended:" << detail;
    if (m_connection.state() != ConnectionManager::State::Open)
        return; // the connection went first: it reconnects (or not) on its own
    // The session ended with the connection still up: after an ERROR or bytes that are not STOMP
    // the same would happen again, so the connection closes for good; a broker that went silent
    // (heart-beats) gets a fresh connection.
    if (reason == StompClient::EndReason::HeartBeatLost) {
        m_reconnectWhenClosed = true;
        m_connection.close(1001, QStringLiteral("STOMP heart-beat lost"));
    } else {
        // The close reason (at most 123 bytes) is what the status line and the inspector show.
        const QString why = QStringLiteral("STOMP: %1").arg(detail);
        m_connection.close(reason == StompClient::EndReason::ProtocolError ? 1002 : 1000,
                           QString::fromUtf8(why.toUtf8().left(100))
                                   .remove(QChar::ReplacementCharacter));
    }
}

void ChatSession::onClosed()
{
    m_joined = false;
    if (m_stomp) {
        // Deleted later: its own signal about the close may be what is running now.
        m_stomp->disconnect(this);
        m_stomp.release()->deleteLater();
    }
    if (std::exchange(m_reconnectWhenClosed, false))
        QTimer::singleShot(0, &m_connection, &ConnectionManager::reconnectNow);
    m_resend.clear();
    m_sentOnThisConnection.clear();
    m_flushTimer.stop();
    m_files.disconnected();
    // Members are unknown until the next welcome; messages sent but not confirmed stay "sent"
    // and go again after the reconnect.
    m_members.reset({}, m_nick);
    m_membersNext.clear();
    m_memberPageTimer.stop();
    m_memberRefreshTimer.stop();
    m_pageInFlight = false;
    m_refreshAfterPage = false;
    m_allMembers = false;
}

void ChatSession::onText(const QString &text)
{
    if (m_mode == Mode::Rich)
        onRichText(text);
    else if (m_mode == Mode::Plain)
        onPlainText(text);
    // STOMP mode: the StompClient attached to the connection reads the frames.
}

void ChatSession::onPlainText(const QString &text)
{
    // Many plain servers relay a line to everyone, its sender included: our own line coming back
    // confirms it instead of showing twice.
    for (auto it = m_plainAwaitingEcho.begin(); it != m_plainAwaitingEcho.end(); ++it) {
        if (it->text == text) {
            m_messages.setDelivery(it->id, ChatLine::Delivery::Delivered);
            m_plainAwaitingEcho.erase(it);
            return;
        }
    }
    ChatLine line;
    line.kind = ChatLine::Kind::Chat;
    // A plain server names nobody: its lines are shown as the server's, under its host name.
    line.sender = m_connection.options().url.host();
    line.text = prettyIfJson(text);
    line.time = QDateTime::currentDateTime();
    m_messages.append(line);
    emit lineArrived(line);
}

void ChatSession::onRichText(const QString &text)
{
    const Codec::ServerDecode decoded = Codec::decodeServer(text.toUtf8());
    if (const auto *failure = std::get_if<Codec::DecodeFailure>(&decoded)) {
        // Ignored (and logged): a newer or broken server must not break the chat.
        qCWarning(lcClient).noquote() << "ignored a message from the server:" << failure->text;
        return;
    }
    const ServerMessage &message = std::get<ServerMessage>(decoded);
    if (const auto *welcome = std::get_if<Welcome>(&message)) {
        onWelcome(*welcome);
    } else if (const auto *event = std::get_if<RoomEvent>(&message)) {
        QList<ChatLine> batch;
        onRoomEvent(*event, false, &batch);
        m_messages.append(batch);
        for (const ChatLine &line : std::as_const(batch)) {
            if (line.kind != ChatLine::Kind::Own)
                emit lineArrived(line);
        }
    } else if (const auto *typing = std::get_if<TypingEvent>(&message)) {
        m_members.setTyping(typing->nick, typing->active);
    } else if (const auto *error = std::get_if<ErrorReply>(&message)) {
        onError(*error);
    } else if (const auto *ready = std::get_if<FileReady>(&message)) {
        m_files.onReady(*ready);
    } else if (const auto *progress = std::get_if<FileProgress>(&message)) {
        m_files.onProgress(*progress);
    } else if (const auto *data = std::get_if<FileData>(&message)) {
        m_files.onData(*data);
    } else if (const auto *page = std::get_if<MemberPage>(&message)) {
        onMemberPage(*page);
    } else if (const auto *digest = std::get_if<PresenceDigest>(&message)) {
        onPresenceDigest(*digest);
    } else if (const auto *events = std::get_if<EventBatch>(&message)) {
        // As if each had come in its own frame.
        QList<ChatLine> batch;
        for (const RoomEvent &e : events->events)
            onRoomEvent(e, false, &batch);
        m_messages.append(batch);
        for (const ChatLine &line : std::as_const(batch)) {
            if (line.kind != ChatLine::Kind::Own)
                emit lineArrived(line);
        }
    }
}

void ChatSession::requestMemberPage()
{
    if (m_membersNext.isEmpty() || m_mode != Mode::Rich || !m_joined)
        return;
    // Through the same bucket as what the user sends, so that fetching a long list never
    // costs a rate-limited message.
    const qint64 now = m_clock.elapsed();
    if (!m_sendBucket.tryTake(now)) {
        m_memberPageTimer.start(int(std::clamp<qint64>(m_sendBucket.msUntil(now, 1), 10, 1000)));
        return;
    }
    m_pageInFlight = true;
    m_connection.sendText(QString::fromUtf8(Codec::encode(MembersRequest{m_membersNext})));
}

void ChatSession::onMemberPage(const MemberPage &page)
{
    if (m_membersNext.isEmpty())
        return; // not asked for (an old connection's answer cannot come on this one)
    m_pageInFlight = false;
    if (std::exchange(m_refreshAfterPage, false)) {
        // A storm made this paging stale: it starts again from the first page.
        refreshMembers();
        return;
    }
    m_membersNext = page.next;
    m_members.mergePage(page.members, page.next.isEmpty());
    if (!page.next.isEmpty()) {
        requestMemberPage();
        return;
    }
    m_allMembers = true;
    emit memberListComplete();
}

void ChatSession::onPresenceDigest(const PresenceDigest &digest)
{
    if (!m_joined)
        return;
    // The events it counts are in the room's history; we are past them without a gap, so a
    // resume's `since` stays right.
    m_lastSeq = std::max(m_lastSeq, digest.through);
    setMemberCount(digest.memberCount);
    ChatLine line = systemLine(ChatLine::Event::Presence, {},
                               QStringLiteral("%1 %2").arg(digest.joined).arg(digest.left), 0,
                               QDateTime::currentMSecsSinceEpoch(), false);
    m_messages.append(line);
    emit lineArrived(line);
    // The list no longer names everyone: fetched anew once the storm calms, not per digest.
    m_membersFrom = digest.membersFrom;
    m_allMembers = false;
    m_memberRefreshTimer.start();
}

void ChatSession::refreshMembers()
{
    if (m_membersFrom.isEmpty() || m_mode != Mode::Rich || !m_joined)
        return;
    if (m_pageInFlight) {
        // Its answer would continue the old paging: start again once it is in.
        m_refreshAfterPage = true;
        return;
    }
    m_memberPageTimer.stop();
    m_membersNext = m_membersFrom;
    m_members.startRefresh();
    requestMemberPage();
}

void ChatSession::setMemberCount(qint64 count)
{
    if (count == m_memberCount)
        return;
    m_memberCount = count;
    emit memberCountChanged(count);
}

void ChatSession::onWelcome(const Welcome &welcome)
{
    const bool resumed = m_lastSeq >= 0;
    const bool sameRoom = resumed && welcome.incarnation == m_incarnation;
    if (resumed && !sameRoom) {
        // The room restarted empty. What the old room confirmed to us it may not have passed on
        // to everyone before it died: say it again. The room takes each id once more, and
        // receivers show an id only once, so those who had it see nothing new.
        for (Say say : std::as_const(m_recentlyDelivered)) {
            // Seqs of the old room name other messages, or none, in the new one.
            say.replyTo.reset();
            m_resend.append(say);
        }
        m_outbox.clearReplies();
    }
    m_joined = true;
    m_room = welcome.room;
    m_incarnation = welcome.incarnation;
    m_limits = welcome.limits;
    const int rate = welcome.limits.messagesPerSecond > 0 ? welcome.limits.messagesPerSecond
                                                          : defaultRate;
    m_sendBucket = TokenBucket(rate * rateMargin, std::max(1.0, rate * rateMargin),
                               m_clock.elapsed());
    if (m_nick != welcome.you) {
        m_nick = welcome.you;
        emit nickChanged(m_nick);
    }
    m_memberPageTimer.stop();
    m_membersNext = welcome.membersNext;
    m_allMembers = m_membersNext.isEmpty();
    m_members.reset(welcome.members, welcome.you, !m_allMembers);
    m_memberRefreshTimer.stop();
    m_refreshAfterPage = false;
    m_pageInFlight = false;
    setMemberCount(welcome.memberCount.value_or(welcome.members.size()));

    QList<ChatLine> batch;
    if (welcome.gap && resumed) {
        batch.append(systemLine(ChatLine::Event::Gap, {}, {}, 0,
                                QDateTime::currentMSecsSinceEpoch(), false));
    }
    for (const RoomEvent &event : welcome.history) {
        // After a resume in the same room, history is what we missed: the events are new to
        // us, but they happened while we were away, so they are still marked as replayed.
        if (sameRoom && event.seq <= m_lastSeq)
            continue;
        onRoomEvent(event, true, &batch);
    }
    m_lastSeq = std::max(welcome.seq, sameRoom ? m_lastSeq : qint64(0));
    m_messages.append(batch);
    m_files.joined(m_limits);
    emit joined(m_room, m_nick);
    flush();
    if (m_allMembers)
        emit memberListComplete();
    else
        requestMemberPage();
}

void ChatSession::quoteLocally(ChatLine *line, qint64 replyTo) const
{
    // Shown at once while the message waits; the room's own quote replaces it with the echo.
    line->replyTo = replyTo;
    if (replyTo <= 0)
        return;
    const int row = m_messages.rowOfSeq(replyTo);
    const ChatLine::Kind kind = row >= 0 ? m_messages.line(row).kind : ChatLine::Kind::System;
    if (kind == ChatLine::Kind::Chat || kind == ChatLine::Kind::Own) {
        line->replyNick = m_messages.line(row).sender;
        line->replyText = replyExcerpt(m_messages.line(row).text);
    }
}

ChatLine ChatSession::systemLine(ChatLine::Event event, const QString &subject,
                                 const QString &detail, qint64 seq, qint64 ts, bool replayed) const
{
    ChatLine line;
    line.kind = ChatLine::Kind::System;
    line.event = event;
    line.sender = subject;
    line.text = detail;
    line.seq = seq;
    line.time = fromMs(ts);
    line.replayed = replayed;
    return line;
}

void ChatSession::onRoomEvent(const RoomEvent &event, bool replayed, QList<ChatLine> *batch)
{
    m_lastSeq = std::max(m_lastSeq, event.seq);
    switch (event.kind) {
    case RoomEvent::Kind::Message: {
        if (event.file)
            m_filesByKey.insert(event.file->key, *event.file);
        if (m_files.isUpload(event.id) && m_messages.containsId(event.id)) {
            // My upload, announced: the acknowledgement, and the key others fetch it by.
            if (event.file)
                m_messages.setFile(event.id, *event.file);
            if (event.reply)
                m_messages.setReply(event.id, event.reply->seq, event.reply->nick,
                                    event.reply->text);
            m_files.delivered(event.id);
            markDelivered(event.id, event.seq, event.ts);
            return;
        }
        if (m_outbox.find(event.id)) {
            if (event.reply)
                m_messages.setReply(event.id, event.reply->seq, event.reply->nick,
                                    event.reply->text);
            markDelivered(event.id, event.seq, event.ts);
            return;
        }
        // An id is shown once, whatever happens: a message re-sent after a server restart comes
        // back with the id it had (BRIEF: receivers never show the same id twice).
        if (m_messages.containsId(event.id))
            return;
        for (const ChatLine &pending : std::as_const(*batch)) {
            if (pending.id == event.id)
                return;
        }
        ChatLine line;
        line.kind = event.from == m_nick ? ChatLine::Kind::Own : ChatLine::Kind::Chat;
        line.seq = event.seq;
        line.id = event.id;
        line.sender = event.from;
        line.text = event.text;
        line.time = fromMs(event.ts);
        line.delivery = line.kind == ChatLine::Kind::Own ? ChatLine::Delivery::Delivered
                                                         : ChatLine::Delivery::None;
        line.replayed = replayed;
        line.file = event.file;
        if (event.reply) {
            line.replyTo = event.reply->seq;
            line.replyNick = event.reply->nick;
            line.replyText = event.reply->text;
        }
        // Named, or answered: either way it was meant for me.
        line.mentionsMe = line.kind == ChatLine::Kind::Chat
                          && (MentionMatcher::mentions(event.text, m_nick)
                              || (event.reply && event.reply->known()
                                  && nickKey(event.reply->nick) == nickKey(m_nick)));
        m_members.setTyping(event.from, false);
        batch->append(line);
        return;
    }
    case RoomEvent::Kind::Join:
        if (!replayed) {
            m_members.add(Member{event.nick, event.mode});
            setMemberCount(m_memberCount + 1);
        }
        batch->append(
                systemLine(ChatLine::Event::Join, event.nick, {}, event.seq, event.ts, replayed));
        return;
    case RoomEvent::Kind::Leave:
        if (!replayed) {
            m_members.remove(event.nick);
            setMemberCount(std::max<qint64>(m_memberCount - 1, 0));
        }
        batch->append(systemLine(ChatLine::Event::Leave, event.nick, event.reason, event.seq,
                                 event.ts, replayed));
        return;
    case RoomEvent::Kind::Nick:
        if (!replayed)
            m_members.rename(event.from, event.to);
        if (event.from == m_nick) {
            m_nick = event.to;
            m_requestedNick = event.to;
            emit nickChanged(m_nick);
        }
        batch->append(systemLine(ChatLine::Event::NickChange, event.from, event.to, event.seq,
                                 event.ts, replayed));
        return;
    }
}

void ChatSession::markDelivered(const QString &id, qint64 seq, qint64 ts)
{
    if (const Outbox::Entry *e = m_outbox.find(id)) {
        m_recentlyDelivered.append(
                Say{e->id, e->text,
                    e->replyTo > 0 ? std::optional<qint64>(e->replyTo) : std::nullopt});
        while (m_recentlyDelivered.size() > recentlyDeliveredKept)
            m_recentlyDelivered.removeFirst();
    }
    m_outbox.remove(id);
    m_sentOnThisConnection.remove(id);
    if (m_messages.containsId(id))
        m_messages.confirm(id, seq, fromMs(ts));
    checkDrained();
}

void ChatSession::onError(const ErrorReply &error)
{
    qCInfo(lcClient).noquote() << "room error" << errorCodeName(error.code) << error.text;
    if (!m_joined && error.code == ErrorCode::NickTaken && m_nickAttempt < 8) {
        // Someone has the nickname: try "nick_2", "nick_3", ... rather than not joining.
        ++m_nickAttempt;
        sendHello();
        return;
    }
    if (error.code == ErrorCode::Duplicate && m_files.isActiveUpload(error.id)) {
        // Announced before the connection dropped (and gone from the history since).
        m_files.delivered(error.id);
        markDelivered(error.id, 0, 0);
        emit roomError(error.code, error.text, error.id);
        return;
    }
    switch (m_files.onError(error)) {
    case FileTransfers::ErrorAction::NotMine:
        break;
    case FileTransfers::ErrorAction::OfferLater:
        m_flushTimer.start(1000);
        [[fallthrough]];
    case FileTransfers::ErrorAction::Handled:
        emit roomError(error.code, error.text, error.id);
        return;
    }
    if (!error.id.isEmpty() && m_outbox.find(error.id)) {
        switch (error.code) {
        case ErrorCode::Duplicate:
            // The room had it already: it was delivered before the connection dropped.
            markDelivered(error.id, 0, 0);
            break;
        case ErrorCode::RateLimited:
            m_sentOnThisConnection.remove(error.id);
            m_outbox.setState(error.id, ChatLine::Delivery::Queued);
            m_messages.setDelivery(error.id, ChatLine::Delivery::Queued);
            m_flushTimer.start(1000);
            break;
        default:
            m_sentOnThisConnection.remove(error.id);
            m_outbox.setState(error.id, ChatLine::Delivery::Failed, error.text);
            m_messages.setDelivery(error.id, ChatLine::Delivery::Failed, error.text);
            checkDrained();
            break;
        }
    }
    emit roomError(error.code, error.text, error.id);
}

void ChatSession::flush()
{
    if (!m_joined || m_connection.state() != ConnectionManager::State::Open)
        return;
    while (!m_resend.isEmpty() && m_mode == Mode::Rich) {
        if (!m_sendBucket.tryTake(m_clock.elapsed())) {
            m_flushTimer.start(std::max(10, 1000 / std::max(1, m_limits.messagesPerSecond)));
            return;
        }
        const Say say = m_resend.takeFirst();
        if (m_connection.sendText(QString::fromUtf8(Codec::encode(say))) < 0)
            return;
    }
    const QList<Outbox::Entry> pending = m_outbox.pending();
    for (const Outbox::Entry &e : pending) {
        // After a reconnect, "sent" entries go again: the room's de-duplication and the echo
        // make each appear once. In plain mode there is no echo to wait for.
        if (!m_outbox.find(e.id) || m_sentOnThisConnection.contains(e.id))
            continue;
        if (!m_sendBucket.tryTake(m_clock.elapsed())) {
            const double missing = 1.0 - m_sendBucket.tokens(m_clock.elapsed());
            const double rate = m_limits.messagesPerSecond > 0
                                        ? m_limits.messagesPerSecond * rateMargin
                                        : double(defaultRate);
            m_flushTimer.start(std::max(10, int(missing * 1000 / rate) + 1));
            return;
        }
        if (m_mode == Mode::Stomp) {
            // Confirmed by the broker's receipt (delivered()); after a reconnect it goes again,
            // so a line whose receipt was lost with the connection may be shown twice.
            if (!m_stomp || m_stomp->say(e.text, e.id).isEmpty())
                return;
            m_sentOnThisConnection.insert(e.id);
            m_outbox.setState(e.id, ChatLine::Delivery::Sent);
            m_messages.setDelivery(e.id, ChatLine::Delivery::Sent);
            continue;
        }
        const QString frame = m_mode == Mode::Rich ? QString::fromUtf8(Codec::encode(
                                      Say{e.id, e.text,
                                          e.replyTo > 0 ? std::optional<qint64>(e.replyTo)
                                                        : std::nullopt}))
                                                   : e.text;
        if (m_connection.sendText(frame) < 0)
            return;
        m_sentOnThisConnection.insert(e.id);
        if (m_mode == Mode::Plain) {
            // Nothing but an echo can confirm it: once written it has left our hands.
            m_outbox.remove(e.id);
            m_messages.setDelivery(e.id, ChatLine::Delivery::Sent);
            m_plainAwaitingEcho.append(Say{e.id, e.text, std::nullopt});
            while (m_plainAwaitingEcho.size() > 50)
                m_plainAwaitingEcho.removeFirst();
        } else {
            m_outbox.setState(e.id, ChatLine::Delivery::Sent);
            m_messages.setDelivery(e.id, ChatLine::Delivery::Sent);
        }
    }
    // Files are offered after the says that were typed before them; each offer counts as a
    // message against the room's rate. Their chunks do not, and go as the window allows.
    while (m_mode == Mode::Rich && m_files.hasOfferWaiting()) {
        if (!m_sendBucket.tryTake(m_clock.elapsed())) {
            m_flushTimer.start(std::max(10, 1000 / std::max(1, m_limits.messagesPerSecond)));
            return;
        }
        const std::optional<FileOffer> offer = m_files.takeOffer();
        if (m_connection.sendText(QString::fromUtf8(Codec::encode(ClientMessage{*offer}))) < 0)
            return;
        m_messages.setDelivery(offer->id, ChatLine::Delivery::Sent);
    }
    checkDrained();
}

void ChatSession::checkDrained()
{
    if (m_outbox.pending().isEmpty() && m_files.activeUploads() == 0)
        emit outboxDrained();
}

} // namespace Parlor
