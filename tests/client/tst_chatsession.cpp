// ChatSession against real servers on 127.0.0.1: an in-process RoomServer for rich mode, a plain
// QWebSocketServer broadcast room for plain mode, and a small scripted parlor.v1 server for the
// room errors a well-behaved RoomServer never sends to a paced client. A TCP proxy between the
// session and the room stands in for the network: it can refuse connections, drop them, hold back
// what the room sends (so a message is accepted but its acknowledgement is lost) and cut only the
// session's side of a connection (so the room does not notice at once).
//
// The promise under test (BRIEF): a message the user typed is delivered once, even across a
// dropped connection or a server restart, and a reconnecting client misses nothing that is still
// in the room's history. Every wait is on a signal or a condition, never a fixed sleep.

#include "richclient.h"
#include "tcpfaultproxy.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/membermodel.h"
#include "client/messagemodel.h"
#include "client/outbox.h"
#include "protocol/codec.h"
#include "protocol/protocol.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 5000;

const QStringList defaultOffer{u"parlor.v1"_s, u"chatting"_s};

// --- Rooms and sessions ------------------------------------------------------------------------

QUrl urlOf(quint16 port)
{
    return QUrl(u"ws://127.0.0.1:%1/"_s.arg(port));
}

/// A port nothing listens on (yet).
quint16 unusedPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

RoomConfig roomConfig()
{
    RoomConfig config;
    config.roomName = u"Session room"_s;
    config.messagesPerSecond = 1000; // pacing has its own test
    config.historyLength = 200;
    return config;
}

std::unique_ptr<RoomServer> startRoom(const RoomConfig &config = roomConfig(), quint16 port = 0)
{
    auto room = std::make_unique<RoomServer>(config);
    if (!room->listen(QHostAddress::LocalHost, port))
        return nullptr;
    return room;
}

ChatSession::Options sessionOptions(quint16 port, const QString &nick,
                                    const QString &outboxPath = {},
                                    const QStringList &offer = defaultOffer)
{
    ChatSession::Options options;
    options.connection.url = urlOf(port);
    options.connection.subprotocols = offer;
    options.connection.handshakeTimeoutMs = 1000;
    options.connection.pingIntervalMs = 0;
    options.connection.closeTimeoutMs = 500;
    options.connection.backoff.initialMs = 50;
    options.connection.backoff.maxMs = 300;
    options.nick = nick;
    options.clientId = u"test-client-"_s + nick;
    options.outboxPath = outboxPath;
    return options;
}

bool waitJoined(ChatSession &session, int timeoutMs = waitMs)
{
    return QTest::qWaitFor([&] { return session.isJoined(); }, timeoutMs);
}

// --- What the session shows --------------------------------------------------------------------

int rowsWithId(const MessageModel &model, const QString &id)
{
    int count = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        count += model.line(row).id == id ? 1 : 0;
    return count;
}

int rowsWithEvent(const MessageModel &model, ChatLine::Event event, const QString &subject = {})
{
    int count = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const ChatLine &line = model.line(row);
        if (line.kind == ChatLine::Kind::System && line.event == event
            && (subject.isEmpty() || line.sender == subject)) {
            ++count;
        }
    }
    return count;
}

ChatLine lineWithId(const MessageModel &model, const QString &id)
{
    const int row = model.rowOfId(id);
    return row >= 0 ? model.line(row) : ChatLine{};
}

ChatLine::Delivery deliveryOf(ChatSession &session, const QString &id)
{
    return lineWithId(*session.messages(), id).delivery;
}

bool allDelivered(ChatSession &session, const QStringList &ids)
{
    for (const QString &id : ids) {
        if (deliveryOf(session, id) != ChatLine::Delivery::Delivered)
            return false;
    }
    return true;
}

QString deliveryName(ChatLine::Delivery delivery)
{
    switch (delivery) {
    case ChatLine::Delivery::None:
        return u"none"_s;
    case ChatLine::Delivery::Queued:
        return u"queued"_s;
    case ChatLine::Delivery::Sent:
        return u"sent"_s;
    case ChatLine::Delivery::Delivered:
        return u"delivered"_s;
    case ChatLine::Delivery::Failed:
        return u"failed"_s;
    }
    return u"?"_s;
}

bool isYou(const MemberModel &members, const QString &nick)
{
    const int row = members.rowOf(nick);
    return row >= 0 && members.data(members.index(row), MemberModel::IsYouRole).toBool();
}

/// Every delivery state each own line went through, as the model announced them (rowsInserted
/// and dataChanged): what a view would have shown.
class DeliveryRecorder
{
public:
    explicit DeliveryRecorder(MessageModel *model)
        : m_model(model)
    {
        QObject::connect(model, &QAbstractItemModel::rowsInserted, &m_context,
                         [this](const QModelIndex &, int first, int last) {
                             for (int row = first; row <= last; ++row)
                                 record(row);
                         });
        QObject::connect(model, &QAbstractItemModel::dataChanged, &m_context,
                         [this](const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                const QList<int> &roles) {
                             if (!roles.isEmpty() && !roles.contains(MessageModel::DeliveryRole))
                                 return;
                             for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                                 record(row);
                         });
    }

    /// The states of \a id, e.g. {"queued", "sent", "delivered"}; repeats are folded.
    QStringList states(const QString &id) const { return m_states.value(id); }

private:
    void record(int row)
    {
        const ChatLine &line = m_model->line(row);
        if (line.id.isEmpty() || line.kind != ChatLine::Kind::Own)
            return;
        QStringList &states = m_states[line.id];
        const QString state = deliveryName(line.delivery);
        if (states.isEmpty() || states.constLast() != state)
            states.append(state);
    }

    MessageModel *m_model;
    QObject m_context;
    QHash<QString, QStringList> m_states;
};

// --- What the session wrote --------------------------------------------------------------------

/// The frames the session sent, as the connection's event log recorded them (the preview is the
/// whole frame for the short frames used here).
QStringList framesSent(ChatSession &session)
{
    QStringList frames;
    const EventLog *log = session.connection()->eventLog();
    for (int i = 0; i < log->size(); ++i) {
        const ConnectionEvent &event = log->at(i);
        if (event.kind == ConnectionEvent::Kind::MessageOut)
            frames.append(event.fields.value(u"preview"_s).toString());
    }
    return frames;
}

QList<QJsonObject> hellosSent(ChatSession &session)
{
    QList<QJsonObject> hellos;
    for (const QString &frame : framesSent(session)) {
        const QJsonObject o = QJsonDocument::fromJson(frame.toUtf8()).object();
        if (o.value(u"type"_s).toString() == "hello"_L1)
            hellos.append(o);
    }
    return hellos;
}

int framesMentioning(ChatSession &session, const QString &needle)
{
    int count = 0;
    for (const QString &frame : framesSent(session))
        count += frame.contains(needle) ? 1 : 0;
    return count;
}

/// Aborts the session's socket from its own side, as a lost network would.
bool abortConnection(ChatSession &session)
{
    const auto sockets = session.connection()->findChildren<QWebSocket *>();
    for (QWebSocket *socket : sockets) {
        if (socket->state() == QAbstractSocket::ConnectedState) {
            socket->abort();
            return true;
        }
    }
    return false;
}

// --- What a RichClient peer received -----------------------------------------------------------

RichClient::Predicate messageWithId(const QString &id)
{
    return [id](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == "message"_L1 && o.value(u"id"_s).toString() == id;
    };
}

RichClient::Predicate leaveOf(const QString &nick)
{
    return [nick](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == "leave"_L1 && o.value(u"nick"_s).toString() == nick;
    };
}

/// How many times \a peer was given message \a id, live or in its welcome's history.
int timesReceived(const RichClient &peer, const QString &id)
{
    int count = 0;
    for (const QJsonObject &o : peer.objects()) {
        const QString type = o.value(u"type"_s).toString();
        if (type == "message"_L1 && o.value(u"id"_s).toString() == id)
            ++count;
        if (type == "welcome"_L1) {
            for (const QJsonValue &event : o.value(u"history"_s).toArray()) {
                if (event.toObject().value(u"type"_s).toString() == "message"_L1
                    && event.toObject().value(u"id"_s).toString() == id) {
                    ++count;
                }
            }
        }
    }
    return count;
}

/// The ids of every message \a peer received live, in order.
QStringList messageIdsReceived(const RichClient &peer)
{
    QStringList ids;
    for (const QJsonObject &o : peer.objects()) {
        if (o.value(u"type"_s).toString() == "message"_L1)
            ids.append(o.value(u"id"_s).toString());
    }
    return ids;
}

/// The message ids of a late joiner's welcome history, in order.
QStringList historyIds(const QJsonObject &welcome)
{
    QStringList ids;
    for (const QJsonValue &event : welcome.value(u"history"_s).toArray()) {
        if (event.toObject().value(u"type"_s).toString() == "message"_L1)
            ids.append(event.toObject().value(u"id"_s).toString());
    }
    return ids;
}

/// A short text (it must pass the small text limits some tests set) that no test says otherwise.
QString barrierText()
{
    static int count = 0;
    return u"barrier %1"_s.arg(++count);
}

/// The room handles one connection's frames in order, so once \a peer has the session's barrier
/// message it has everything the session sent before it, duplicates included.
bool barrier(ChatSession &session, RichClient &peer)
{
    const QString id = session.send(barrierText());
    return !peer.waitFor(messageWithId(id), waitMs).isEmpty()
           && QTest::qWaitFor(
                   [&] { return deliveryOf(session, id) == ChatLine::Delivery::Delivered; }, waitMs);
}

/// The same between two sessions of the same room.
bool barrier(ChatSession &sender, ChatSession &receiver)
{
    const QString id = sender.send(barrierText());
    return QTest::qWaitFor([&] { return receiver.messages()->containsId(id); }, waitMs);
}

// --- Servers that are not a RoomServer ----------------------------------------------------------

/// A plain WebSocket room like a Node `websocket` chat server: relays every text frame to every
/// connection (the sender included) as it is.
class PlainBroadcastServer : public QObject
{
public:
    explicit PlainBroadcastServer(const QStringList &subprotocols)
        : m_server(u"plain"_s, QWebSocketServer::NonSecureMode)
    {
        m_server.setSupportedSubprotocols(subprotocols);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                m_clients.append(socket);
                connect(socket, &QWebSocket::textFrameReceived, this, [this] { ++framesReceived; });
                connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
                    received.append(text);
                    broadcast(text);
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    int clientCount() const { return int(m_clients.size()); }

    void broadcast(const QString &text)
    {
        for (const QPointer<QWebSocket> &client : std::as_const(m_clients)) {
            if (client && client->state() == QAbstractSocket::ConnectedState)
                client->sendTextMessage(text);
        }
    }

    int framesReceived = 0;
    QStringList received;

private:
    QWebSocketServer m_server;
    QList<QPointer<QWebSocket>> m_clients;
};

/// A parlor.v1 room whose answers to `say` the test decides: for the errors (rate-limited,
/// duplicate, ...) that a RoomServer only sends to a client that misbehaves.
class ScriptedRoom : public QObject
{
public:
    /// Called for every `say`; \a attempt counts the says with this id so far (1 for the first).
    using SayHandler = std::function<void(QWebSocket *socket, const Say &say, int attempt)>;

    explicit ScriptedRoom(const RoomLimits &limits)
        : m_server(u"scripted"_s, QWebSocketServer::NonSecureMode)
        , m_limits(limits)
    {
        m_server.setSupportedSubprotocols({u"parlor.v1"_s});
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QWebSocket::textMessageReceived, this,
                        [this, socket](const QString &text) { onText(socket, text); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    void accept(QWebSocket *socket, const Say &say)
    {
        RoomEvent event;
        event.kind = RoomEvent::Kind::Message;
        event.seq = ++m_seq;
        event.ts = QDateTime::currentMSecsSinceEpoch();
        event.id = say.id;
        event.from = m_nicks.value(socket);
        event.text = say.text;
        accepted.append(say.id);
        socket->sendTextMessage(QString::fromUtf8(Codec::encode(event)));
    }

    void refuse(QWebSocket *socket, ErrorCode code, const QString &text, const QString &id)
    {
        socket->sendTextMessage(QString::fromUtf8(Codec::encode(ErrorReply{code, text, id})));
    }

    SayHandler onSay;
    QStringList says;     ///< every `say` id received, in order
    QStringList accepted; ///< ids broadcast, in order

private:
    void onText(QWebSocket *socket, const QString &text)
    {
        const Codec::ClientDecode decoded = Codec::decodeClient(text.toUtf8(), ProtocolLimits{});
        const auto *message = std::get_if<ClientMessage>(&decoded);
        if (!message)
            return;
        if (const auto *hello = std::get_if<Hello>(message)) {
            m_nicks.insert(socket, hello->nick);
            Welcome welcome;
            welcome.room = u"Scripted"_s;
            welcome.incarnation = u"scripted-1"_s;
            welcome.you = hello->nick;
            welcome.members = {Member{hello->nick, MemberMode::Rich}};
            welcome.seq = m_seq;
            welcome.limits = m_limits;
            socket->sendTextMessage(QString::fromUtf8(Codec::encode(welcome)));
        } else if (const auto *say = std::get_if<Say>(message)) {
            says.append(say->id);
            const int attempt = int(says.count(say->id));
            if (onSay)
                onSay(socket, *say, attempt);
            else
                accept(socket, *say);
        }
    }

    QWebSocketServer m_server;
    RoomLimits m_limits;
    QHash<QWebSocket *, QString> m_nicks;
    qint64 m_seq = 0;
};

} // namespace

class tst_ChatSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    // Mode
    void richModeWhenParlorV1IsChosen_data();
    void richModeWhenParlorV1IsChosen();
    void plainModeWhenTheRoomChoosesAnotherSubprotocol_data();
    void plainModeWhenTheRoomChoosesAnotherSubprotocol();
    void plainModeWhenTheServerDoesNotSpeakParlor_data();
    void plainModeWhenTheServerDoesNotSpeakParlor();

    // Joining and the room's events
    void welcomeFillsMembersAndHistory();
    void liveRoomEventsUpdateTheModels();
    void nickTakenAtHelloJoinsWithASuffix_data();
    void nickTakenAtHelloJoinsWithASuffix();
    void changeNickRenamesYou();
    void nickRefusedByTheRoomIsNotUsedOnReconnect();
    void lineArrivedOnlyForLiveLinesFromOthers();
    void passwordGoesWithHello_data();
    void passwordGoesWithHello();

    // Delivery
    void ownMessageGoesQueuedSentDelivered();
    void messageQueuedWhileOfflineIsDeliveredAfterConnecting();
    void messagesLostWithTheConnectionAreSentAgainOnce();
    void acceptedButUnacknowledgedMessagesAreShownOnce();
    void resumeGetsMissedMessagesWithoutDuplicates();
    void resumeBeyondTheHistoryWindowShowsAGap();
    void serverRestartResentMessagesAreShownOnce();
    void messageConfirmedByADeadRoomReachesEveryoneOnce();
    void membersStayRightWhenAPeerReplacesItsConnection();

    // Refusals, retries and pacing
    void invalidMessageFailsWithoutRoundTrip_data();
    void invalidMessageFailsWithoutRoundTrip();
    void outboxDrainedWhenAMessageFailsAtOnce();
    void tooLongMessageQueuedBeforeJoiningFailsWithTheRoomsReason();
    void failedMessageCanBeRetried();
    void rateLimitedMessagesAreRequeuedNotFailed();
    void duplicateErrorMeansDelivered();
    void sessionPacesItselfUnderTheRoomsRate();

    // The outbox on disk
    void queuedMessagesSurviveARestartOfTheSession();
    void sentMessagesSurviveARestartOfTheSession();
    void aTornOutboxRestoresTheRestAndSaysSo();
    void startAgainAfterStopShowsQueuedLinesOnce();

    // Plain mode
    void plainIncomingFramesBecomeLines_data();
    void plainIncomingFramesBecomeLines();
    void plainSendIsOneTextFrameMarkedSent();

private:
    QString outboxPath() const { return m_dir->filePath(u"outbox.json"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_ChatSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The room and the client narrate every join and close at info level; keep warnings.
    QLoggingCategory::setFilterRules(u"parlor.*.info=false\nparlor.*.debug=false"_s);
}

void tst_ChatSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// --- Mode --------------------------------------------------------------------------------------

void tst_ChatSession::richModeWhenParlorV1IsChosen_data()
{
    QTest::addColumn<QStringList>("offer");

    QTest::newRow("default offer") << defaultOffer;
    QTest::newRow("parlor.v1 only") << QStringList{u"parlor.v1"_s};
}

void tst_ChatSession::richModeWhenParlorV1IsChosen()
{
    QFETCH(QStringList, offer);

    const auto room = startRoom();
    QVERIFY(room);
    ChatSession session;
    QSignalSpy modeChanged(&session, &ChatSession::modeChanged);
    QSignalSpy joined(&session, &ChatSession::joined);
    QCOMPARE(session.mode(), ChatSession::Mode::Unknown);
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s, {}, offer)));

    QVERIFY(joined.wait(waitMs));
    QCOMPARE(session.mode(), ChatSession::Mode::Rich);
    QCOMPARE(modeChanged.size(), 1);
    QCOMPARE(modeChanged.at(0).at(0).value<ChatSession::Mode>(), ChatSession::Mode::Rich);
    QCOMPARE(session.connection()->subprotocol(), u"parlor.v1"_s);
    QCOMPARE(hellosSent(session).size(), 1);
}

void tst_ChatSession::plainModeWhenTheRoomChoosesAnotherSubprotocol_data()
{
    QTest::addColumn<QStringList>("offer");
    QTest::addColumn<QString>("chosen");

    QTest::newRow("chatting only") << QStringList{u"chatting"_s} << u"chatting"_s;
    QTest::newRow("nothing offered") << QStringList{} << QString();
}

void tst_ChatSession::plainModeWhenTheRoomChoosesAnotherSubprotocol()
{
    QFETCH(QStringList, offer);
    QFETCH(QString, chosen);

    const auto room = startRoom();
    QVERIFY(room);
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());

    ChatSession session;
    QSignalSpy modeChanged(&session, &ChatSession::modeChanged);
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s, {}, offer)));
    QVERIFY(waitJoined(session));
    QCOMPARE(session.mode(), ChatSession::Mode::Plain);
    QCOMPARE(modeChanged.size(), 1);
    QCOMPARE(modeChanged.at(0).at(0).value<ChatSession::Mode>(), ChatSession::Mode::Plain);
    QCOMPARE(session.connection()->subprotocol(), chosen);
    // A plain session never speaks parlor.v1.
    QVERIFY(hellosSent(session).isEmpty());

    // What it types reaches the room as a chat line of a guest.
    session.send(u"hello from a plain client"_s);
    const QJsonObject message = alice.waitFor([](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == "message"_L1
               && o.value(u"text"_s).toString() == "hello from a plain client"_L1;
    });
    QVERIFY(!message.isEmpty());
    QVERIFY(message.value(u"from"_s).toString().startsWith(u"guest-"_s));
}

void tst_ChatSession::plainModeWhenTheServerDoesNotSpeakParlor_data()
{
    QTest::addColumn<QStringList>("serverSubprotocols");
    QTest::addColumn<QString>("chosen");

    QTest::newRow("server speaks chatting") << QStringList{u"chatting"_s} << u"chatting"_s;
    QTest::newRow("server chooses none") << QStringList{} << QString();
}

void tst_ChatSession::plainModeWhenTheServerDoesNotSpeakParlor()
{
    QFETCH(QStringList, serverSubprotocols);
    QFETCH(QString, chosen);

    PlainBroadcastServer server(serverSubprotocols);
    QVERIFY(server.listen());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(server.port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    QCOMPARE(session.mode(), ChatSession::Mode::Plain);
    QCOMPARE(session.connection()->subprotocol(), chosen);
    QVERIFY(hellosSent(session).isEmpty());
    QCOMPARE(session.members()->rowCount(), 0);
}

// --- Joining and the room's events -------------------------------------------------------------

void tst_ChatSession::welcomeFillsMembersAndHistory()
{
    RoomConfig config = roomConfig();
    config.protocol.maxTextLength = 300;
    const auto room = startRoom(config);
    QVERIFY(room);
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    alice.say(u"alice-1"_s, u"said before bob came"_s);
    const QJsonObject said = alice.waitFor(messageWithId(u"alice-1"_s));
    QVERIFY(!said.isEmpty());

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy inserted(session.messages(), &QAbstractItemModel::rowsInserted);
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(joined.wait(waitMs));
    QCOMPARE(inserted.size(), 1); // the history is one batch
    QCOMPARE(joined.at(0).at(0).toString(), u"Session room"_s);
    QCOMPARE(joined.at(0).at(1).toString(), u"bob"_s);
    QCOMPARE(session.room(), u"Session room"_s);
    QCOMPARE(session.nick(), u"bob"_s);
    QCOMPARE(session.incarnation(), room->incarnation());
    QCOMPARE(session.lastSeq(), room->seq());
    QCOMPARE(session.limits().maxTextLength, 300);
    QCOMPARE(session.limits().messagesPerSecond, config.messagesPerSecond);

    // Members: both, and only bob is "you".
    QStringList nicks = session.members()->nicks();
    nicks.sort();
    QCOMPARE(nicks, (QStringList{u"alice"_s, u"bob"_s}));
    QVERIFY(isYou(*session.members(), u"bob"_s));
    QVERIFY(!isYou(*session.members(), u"alice"_s));

    // History: alice's join, her message and bob's own join, all marked replayed.
    const MessageModel &messages = *session.messages();
    QCOMPARE(rowsWithId(messages, u"alice-1"_s), 1);
    const ChatLine line = lineWithId(messages, u"alice-1"_s);
    QCOMPARE(line.kind, ChatLine::Kind::Chat);
    QCOMPARE(line.sender, u"alice"_s);
    QCOMPARE(line.text, u"said before bob came"_s);
    QCOMPARE(line.seq, said.value(u"seq"_s).toInteger());
    QVERIFY(line.replayed);
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::Join, u"alice"_s), 1);
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::Join, u"bob"_s), 1);
    QCOMPARE(messages.rowCount(), 3);
    for (int row = 0; row < messages.rowCount(); ++row) {
        QVERIFY2(messages.line(row).replayed, qPrintable(u"row %1 not replayed"_s.arg(row)));
        QVERIFY(messages.data(messages.index(row), MessageModel::ReplayedRole).toBool());
    }
}

void tst_ChatSession::liveRoomEventsUpdateTheModels()
{
    const auto room = startRoom();
    QVERIFY(room);
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    const MemberModel &members = *session.members();
    const MessageModel &messages = *session.messages();

    RichClient carol;
    QVERIFY(!carol.join(urlOf(room->port()), u"carol"_s).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(members.rowOf(u"carol"_s) >= 0, waitMs);
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::Join, u"carol"_s), 1);

    carol.sendJson({{u"type"_s, u"typing"_s}, {u"active"_s, true}});
    QTRY_VERIFY_WITH_TIMEOUT(members.data(members.index(members.rowOf(u"carol"_s)),
                                          MemberModel::TypingRole)
                                     .toBool(),
                             waitMs);

    // A message from a typist ends her typing.
    carol.say(u"carol-1"_s, u"hi bob"_s);
    QTRY_VERIFY_WITH_TIMEOUT(messages.containsId(u"carol-1"_s), waitMs);
    const ChatLine line = lineWithId(messages, u"carol-1"_s);
    QCOMPARE(line.kind, ChatLine::Kind::Chat);
    QCOMPARE(line.sender, u"carol"_s);
    QVERIFY(!line.replayed);
    QVERIFY(!members.data(members.index(members.rowOf(u"carol"_s)), MemberModel::TypingRole)
                     .toBool());

    carol.sendJson({{u"type"_s, u"nick"_s}, {u"nick"_s, u"caroline"_s}});
    QTRY_VERIFY_WITH_TIMEOUT(members.rowOf(u"caroline"_s) >= 0, waitMs);
    QCOMPARE(members.rowOf(u"carol"_s), -1);
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::NickChange, u"carol"_s), 1);
    QVERIFY(isYou(members, u"bob"_s));

    carol.socket().close();
    QTRY_COMPARE_WITH_TIMEOUT(members.rowOf(u"caroline"_s), -1, waitMs);
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::Leave, u"caroline"_s), 1);
    QCOMPARE(members.nicks(), QStringList{u"bob"_s});
}

void tst_ChatSession::nickTakenAtHelloJoinsWithASuffix_data()
{
    QTest::addColumn<QStringList>("holders");
    QTest::addColumn<QString>("expected");

    QTest::newRow("nick taken") << QStringList{u"carol"_s} << u"carol_2"_s;
    QTest::newRow("nick and nick_2 taken") << QStringList{u"carol"_s, u"carol_2"_s} << u"carol_3"_s;
    QTest::newRow("taken in another case") << QStringList{u"CAROL"_s} << u"carol_2"_s;
}

void tst_ChatSession::nickTakenAtHelloJoinsWithASuffix()
{
    QFETCH(QStringList, holders);
    QFETCH(QString, expected);

    const auto room = startRoom();
    QVERIFY(room);
    std::vector<std::unique_ptr<RichClient>> others;
    for (const QString &nick : std::as_const(holders)) {
        others.push_back(std::make_unique<RichClient>());
        QVERIFY(!others.back()->join(urlOf(room->port()), nick).isEmpty());
    }

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy nickChanged(&session, &ChatSession::nickChanged);
    QVERIFY(session.start(sessionOptions(room->port(), u"carol"_s)));
    QVERIFY(joined.wait(waitMs));
    QCOMPARE(joined.at(0).at(1).toString(), expected);
    QCOMPARE(session.nick(), expected);
    QVERIFY(!nickChanged.isEmpty());
    QCOMPARE(nickChanged.constLast().at(0).toString(), expected);
    QVERIFY(isYou(*session.members(), expected));
    QCOMPARE(session.members()->rowCount(), holders.size() + 1);

    // Its messages are its own under the new name.
    const QString id = session.send(u"which carol am I?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Delivered, waitMs);
    const QJsonObject seen = others.front()->waitFor(messageWithId(id));
    QCOMPARE(seen.value(u"from"_s).toString(), expected);
    QCOMPARE(rowsWithId(*session.messages(), id), 1);
}

void tst_ChatSession::changeNickRenamesYou()
{
    const auto room = startRoom();
    QVERIFY(room);
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    QSignalSpy nickChanged(&session, &ChatSession::nickChanged);

    session.changeNick(u"bobby"_s);

    QVERIFY(nickChanged.wait(waitMs));
    QCOMPARE(nickChanged.at(0).at(0).toString(), u"bobby"_s);
    QCOMPARE(session.nick(), u"bobby"_s);
    QCOMPARE(session.members()->rowOf(u"bob"_s), -1);
    QVERIFY(isYou(*session.members(), u"bobby"_s));
    QCOMPARE(rowsWithEvent(*session.messages(), ChatLine::Event::NickChange, u"bob"_s), 1);

    const QString id = session.send(u"new name, same me"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Delivered, waitMs);
    QCOMPARE(alice.waitFor(messageWithId(id)).value(u"from"_s).toString(), u"bobby"_s);

    // After a reconnect the session keeps the name it changed to.
    QSignalSpy joined(&session, &ChatSession::joined);
    QVERIFY(abortConnection(session));
    QVERIFY(joined.wait(waitMs));
    QCOMPARE(joined.at(0).at(1).toString(), u"bobby"_s);
}

void tst_ChatSession::nickRefusedByTheRoomIsNotUsedOnReconnect()
{
    const auto room = startRoom();
    QVERIFY(room);
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    QSignalSpy roomError(&session, &ChatSession::roomError);

    session.changeNick(u"alice"_s);
    QVERIFY(roomError.wait(waitMs));
    QCOMPARE(roomError.at(0).at(0).value<ErrorCode>(), ErrorCode::NickTaken);
    QCOMPARE(session.nick(), u"bob"_s);

    // The refused name must not come back as "alice_2" after the connection drops: the user
    // is still bob.
    QSignalSpy joined(&session, &ChatSession::joined);
    QVERIFY(abortConnection(session));
    QVERIFY(joined.wait(waitMs));
    QCOMPARE(joined.at(0).at(1).toString(), u"bob"_s);
    QCOMPARE(session.nick(), u"bob"_s);
}

void tst_ChatSession::lineArrivedOnlyForLiveLinesFromOthers()
{
    const auto room = startRoom();
    QVERIFY(room);
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    alice.say(u"alice-old"_s, u"history"_s);
    QVERIFY(!alice.waitFor(messageWithId(u"alice-old"_s)).isEmpty());

    ChatSession session;
    QSignalSpy arrived(&session, &ChatSession::lineArrived);
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    QVERIFY(session.messages()->containsId(u"alice-old"_s));

    const QString own = session.send(u"my own line"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, own), ChatLine::Delivery::Delivered, waitMs);

    alice.say(u"alice-live"_s, u"live"_s);
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 1, waitMs);
    const auto line = arrived.at(0).at(0).value<ChatLine>();
    QCOMPARE(line.id, u"alice-live"_s);
    QCOMPARE(line.sender, u"alice"_s);
    QCOMPARE(line.kind, ChatLine::Kind::Chat);
    QVERIFY(!line.replayed);

    // Nothing else was notified: not the history, not bob's own message (its echo is in by now,
    // it was delivered before alice spoke).
    QVERIFY(barrier(session, alice));
    QCOMPARE(arrived.size(), 1);
}

void tst_ChatSession::passwordGoesWithHello_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("admitted");

    QTest::newRow("right password") << u"s3cret"_s << true;
    QTest::newRow("wrong password") << u"guess"_s << false;
    QTest::newRow("no password") << QString() << false;
}

void tst_ChatSession::passwordGoesWithHello()
{
    QFETCH(QString, password);
    QFETCH(bool, admitted);

    RoomConfig config = roomConfig();
    config.password = u"s3cret"_s;
    const auto room = startRoom(config);
    QVERIFY(room);
    ChatSession session;
    QSignalSpy roomError(&session, &ChatSession::roomError);
    QSignalSpy closed(session.connection(), &ConnectionManager::closed);
    ChatSession::Options options = sessionOptions(room->port(), u"bob"_s);
    options.password = password;
    QVERIFY(session.start(options));
    const QString id = session.send(u"let me in"_s);

    // The hello carries it, but the inspector's log never shows it.
    QTRY_VERIFY_WITH_TIMEOUT(!hellosSent(session).isEmpty(), waitMs);
    if (!password.isEmpty()) {
        QCOMPARE(framesMentioning(session, password), 0);
        QCOMPARE(hellosSent(session).constFirst().value(u"password"_s).toString(), u"<redacted>"_s);
    }

    if (admitted) {
        QVERIFY(waitJoined(session));
        QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Delivered, waitMs);
        QCOMPARE(roomError.size(), 0);
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(!roomError.isEmpty(), waitMs);
    QCOMPARE(roomError.at(0).at(0).value<ErrorCode>(), ErrorCode::Auth);
    QVERIFY(!closed.isEmpty() || closed.wait(waitMs));
    // Refused for a reason a retry cannot fix: no reconnect loop, and the message waits.
    QVERIFY(!session.connection()->isReconnectScheduled());
    QVERIFY(!session.isJoined());
    QCOMPARE(deliveryOf(session, id), ChatLine::Delivery::Queued);
    QCOMPARE(session.pendingCount(), 1);
}

// --- Delivery ----------------------------------------------------------------------------------

void tst_ChatSession::ownMessageGoesQueuedSentDelivered()
{
    const auto room = startRoom();
    QVERIFY(room);
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    DeliveryRecorder recorder(session.messages());
    QSignalSpy drained(&session, &ChatSession::outboxDrained);

    const QString id = session.send(u"hello room"_s);
    QVERIFY(!id.isEmpty());
    QCOMPARE(session.pendingCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Delivered, waitMs);

    QCOMPARE(recorder.states(id), (QStringList{u"queued"_s, u"sent"_s, u"delivered"_s}));
    QCOMPARE(session.pendingCount(), 0);
    QVERIFY(session.outbox().entries().isEmpty());
    QVERIFY(!drained.isEmpty());

    const QJsonObject echo = alice.waitFor(messageWithId(id));
    QVERIFY(!echo.isEmpty());
    const ChatLine line = lineWithId(*session.messages(), id);
    QCOMPARE(line.kind, ChatLine::Kind::Own);
    QCOMPARE(line.text, u"hello room"_s);
    QCOMPARE(line.seq, echo.value(u"seq"_s).toInteger());
    QVERIFY(line.error.isEmpty());
    QVERIFY(!line.replayed);

    QVERIFY(barrier(session, alice));
    QCOMPARE(rowsWithId(*session.messages(), id), 1);
    QCOMPARE(timesReceived(alice, id), 1);
    QCOMPARE(framesMentioning(session, id), 1);
}

void tst_ChatSession::messageQueuedWhileOfflineIsDeliveredAfterConnecting()
{
    const quint16 port = unusedPort();
    QVERIFY(port != 0);
    ChatSession session;
    DeliveryRecorder recorder(session.messages());
    QSignalSpy closed(session.connection(), &ConnectionManager::closed);
    QVERIFY(session.start(sessionOptions(port, u"bob"_s)));

    const QString id = session.send(u"typed while nobody listened"_s);
    QVERIFY(closed.wait(waitMs)); // an attempt failed
    QVERIFY(!session.isJoined());
    QCOMPARE(deliveryOf(session, id), ChatLine::Delivery::Queued);
    QCOMPARE(session.pendingCount(), 1);
    QCOMPARE(framesMentioning(session, id), 0);

    const auto room = startRoom(roomConfig(), port);
    QVERIFY2(room, "the port was taken meanwhile");
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Delivered, waitMs);
    QCOMPARE(recorder.states(id), (QStringList{u"queued"_s, u"sent"_s, u"delivered"_s}));
    QCOMPARE(rowsWithId(*session.messages(), id), 1);
    QCOMPARE(session.pendingCount(), 0);

    // It is in the room once.
    RichClient late;
    const QJsonObject welcome = late.join(urlOf(port), u"late"_s);
    QCOMPARE(historyIds(welcome), QStringList{id});
}

void tst_ChatSession::messagesLostWithTheConnectionAreSentAgainOnce()
{
    const auto room = startRoom();
    QVERIFY(room);
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    DeliveryRecorder recorder(session.messages());
    QSignalSpy closed(session.connection(), &ConnectionManager::closed);

    // Written to the socket, then the connection is gone before anything reaches the room.
    const QStringList ids{session.send(u"one"_s), session.send(u"two"_s), session.send(u"three"_s)};
    QVERIFY(abortConnection(session));
    QVERIFY(!closed.isEmpty() || closed.wait(waitMs));
    QCOMPARE(session.pendingCount(), 3);
    for (const QString &id : ids)
        QCOMPARE(deliveryOf(session, id), ChatLine::Delivery::Sent);

    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(session, ids), waitMs);
    QVERIFY(barrier(session, alice));
    for (const QString &id : ids) {
        QCOMPARE(rowsWithId(*session.messages(), id), 1);
        QCOMPARE(timesReceived(alice, id), 1);
        QVERIFY(!recorder.states(id).contains(u"failed"_s));
    }
    QCOMPARE(messageIdsReceived(alice).mid(0, 3), ids);
}

void tst_ChatSession::acceptedButUnacknowledgedMessagesAreShownOnce()
{
    const auto room = startRoom();
    QVERIFY(room);
    TcpFaultProxy proxy(room->port());
    QVERIFY(proxy.listen());
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(proxy.port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    DeliveryRecorder recorder(session.messages());

    // The room takes the messages and broadcasts them, but the echoes never reach bob.
    proxy.setHoldingDownstream(true);
    const QStringList ids{session.send(u"one"_s), session.send(u"two"_s), session.send(u"three"_s)};
    for (const QString &id : ids)
        QVERIFY(!alice.waitFor(messageWithId(id)).isEmpty());
    for (const QString &id : ids)
        QCOMPARE(deliveryOf(session, id), ChatLine::Delivery::Sent);

    QSignalSpy joined(&session, &ChatSession::joined);
    proxy.dropAll();
    proxy.setHoldingDownstream(false);
    QVERIFY(joined.wait(waitMs));
    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(session, ids), waitMs);

    QVERIFY(barrier(session, alice));
    for (const QString &id : ids) {
        QCOMPARE(rowsWithId(*session.messages(), id), 1);
        QCOMPARE(timesReceived(alice, id), 1);
        QCOMPARE(recorder.states(id), (QStringList{u"queued"_s, u"sent"_s, u"delivered"_s}));
    }
    QCOMPARE(session.pendingCount(), 0);
}

void tst_ChatSession::resumeGetsMissedMessagesWithoutDuplicates()
{
    const auto room = startRoom();
    QVERIFY(room);
    TcpFaultProxy proxy(room->port());
    QVERIFY(proxy.listen());
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(proxy.port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    const MessageModel &messages = *session.messages();

    alice.say(u"a-1"_s, u"before the drop"_s);
    QTRY_VERIFY_WITH_TIMEOUT(messages.containsId(u"a-1"_s), waitMs);
    const qint64 seenSeq = session.lastSeq();
    const QString incarnation = session.incarnation();

    // Bob is away while alice goes on talking.
    QSignalSpy closed(session.connection(), &ConnectionManager::closed);
    proxy.setRefusing(true);
    proxy.dropAll();
    QVERIFY(closed.wait(waitMs));
    QVERIFY(!alice.waitFor(leaveOf(u"bob"_s)).isEmpty());
    alice.say(u"a-2"_s, u"while bob was away"_s);
    alice.say(u"a-3"_s, u"still away"_s);
    QVERIFY(!alice.waitFor(messageWithId(u"a-3"_s)).isEmpty());
    QVERIFY(!messages.containsId(u"a-2"_s));

    QSignalSpy joined(&session, &ChatSession::joined);
    proxy.setRefusing(false);
    QVERIFY(joined.wait(waitMs));

    // The hello asked for what came after what bob had seen, in this incarnation of the room.
    const QList<QJsonObject> hellos = hellosSent(session);
    QVERIFY(hellos.size() >= 2);
    QCOMPARE(hellos.constLast().value(u"since"_s).toInteger(-1), seenSeq);
    QCOMPARE(hellos.constLast().value(u"incarnation"_s).toString(), incarnation);

    for (const QString &id : {u"a-1"_s, u"a-2"_s, u"a-3"_s})
        QCOMPARE(rowsWithId(messages, id), 1);
    QVERIFY(!lineWithId(messages, u"a-1"_s).replayed);
    QVERIFY(lineWithId(messages, u"a-2"_s).replayed);
    QVERIFY(lineWithId(messages, u"a-3"_s).replayed);
    QVERIFY(messages.rowOfId(u"a-2"_s) < messages.rowOfId(u"a-3"_s));
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::Join, u"alice"_s), 1);
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::Gap), 0);
    QCOMPARE(session.lastSeq(), room->seq());
    QStringList nicks = session.members()->nicks();
    nicks.sort();
    QCOMPARE(nicks, (QStringList{u"alice"_s, u"bob"_s}));
}

void tst_ChatSession::resumeBeyondTheHistoryWindowShowsAGap()
{
    RoomConfig config = roomConfig();
    config.historyLength = 4;
    const auto room = startRoom(config);
    QVERIFY(room);
    TcpFaultProxy proxy(room->port());
    QVERIFY(proxy.listen());
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(proxy.port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    const MessageModel &messages = *session.messages();

    QSignalSpy closed(session.connection(), &ConnectionManager::closed);
    proxy.setRefusing(true);
    proxy.dropAll();
    QVERIFY(closed.wait(waitMs));
    QVERIFY(!alice.waitFor(leaveOf(u"bob"_s)).isEmpty());
    for (int i = 1; i <= 8; ++i)
        alice.say(u"a-%1"_s.arg(i), u"missed %1"_s.arg(i));
    QVERIFY(!alice.waitFor(messageWithId(u"a-8"_s)).isEmpty());

    QSignalSpy joined(&session, &ChatSession::joined);
    proxy.setRefusing(false);
    QVERIFY(joined.wait(waitMs));

    // The room kept its last four events (a-6, a-7, a-8 and bob's join): those are shown, once,
    // after a line saying that something before them is lost.
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::Gap), 1);
    int gapRow = -1;
    for (int row = 0; row < messages.rowCount(); ++row) {
        if (messages.line(row).event == ChatLine::Event::Gap)
            gapRow = row;
    }
    for (int i = 6; i <= 8; ++i) {
        const QString id = u"a-%1"_s.arg(i);
        QCOMPARE(rowsWithId(messages, id), 1);
        QVERIFY(messages.rowOfId(id) > gapRow);
    }
    QVERIFY(!messages.containsId(u"a-1"_s));
    QCOMPARE(session.lastSeq(), room->seq());
}

void tst_ChatSession::serverRestartResentMessagesAreShownOnce()
{
    auto room = startRoom();
    QVERIFY(room);
    const quint16 port = room->port();
    const QString firstIncarnation = room->incarnation();
    TcpFaultProxy proxy(port);
    QVERIFY(proxy.listen());

    ChatSession sender;
    QVERIFY(sender.start(sessionOptions(proxy.port(), u"sam"_s)));
    ChatSession receiver;
    QSignalSpy arrived(&receiver, &ChatSession::lineArrived);
    QVERIFY(receiver.start(sessionOptions(port, u"rita"_s)));
    QVERIFY(waitJoined(sender));
    QVERIFY(waitJoined(receiver));

    // One message goes through before the trouble starts.
    const QString before = sender.send(u"zero"_s);
    QTRY_VERIFY_WITH_TIMEOUT(receiver.messages()->containsId(before), waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(sender, before), ChatLine::Delivery::Delivered, waitMs);

    // The room broadcasts sam's messages (rita shows them) and dies before sam hears back.
    proxy.setHoldingDownstream(true);
    const QStringList ids{sender.send(u"one"_s), sender.send(u"two"_s), sender.send(u"three"_s)};
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(ids.cbegin(), ids.cend(),
                                         [&](const QString &id) {
                                             return receiver.messages()->containsId(id);
                                         }),
                             waitMs);
    for (const QString &id : ids)
        QCOMPARE(deliveryOf(sender, id), ChatLine::Delivery::Sent);

    QSignalSpy senderClosed(sender.connection(), &ConnectionManager::closed);
    room.reset();
    room = startRoom(roomConfig(), port);
    QVERIFY2(room, "could not listen again on the same port");
    QVERIFY(room->incarnation() != firstIncarnation);
    QVERIFY(!senderClosed.isEmpty() || senderClosed.wait(waitMs));
    proxy.setHoldingDownstream(false);

    // Both come back to the new incarnation; sam sends again what was never acknowledged.
    QTRY_COMPARE_WITH_TIMEOUT(sender.incarnation(), room->incarnation(), waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.incarnation(), room->incarnation(), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(sender, ids), waitMs);
    QVERIFY(barrier(sender, receiver));

    for (const QString &id : ids + QStringList{before}) {
        QCOMPARE(rowsWithId(*sender.messages(), id), 1);
        QCOMPARE(rowsWithId(*receiver.messages(), id), 1);
        int notified = 0;
        for (const QList<QVariant> &args : std::as_const(arrived))
            notified += args.at(0).value<ChatLine>().id == id ? 1 : 0;
        QCOMPARE(notified, 1);
    }
    // The receiver was told that what happened in between is unknown.
    QCOMPARE(rowsWithEvent(*receiver.messages(), ChatLine::Event::Gap), 1);

    // The new incarnation has the messages too, once: nothing the user typed was lost.
    RichClient late;
    const QStringList history = historyIds(late.join(urlOf(port), u"late"_s));
    for (const QString &id : ids)
        QCOMPARE(history.count(id), 1);
    QCOMPARE(deliveryOf(sender, before), ChatLine::Delivery::Delivered);
}

void tst_ChatSession::messageConfirmedByADeadRoomReachesEveryoneOnce()
{
    auto room = startRoom();
    QVERIFY(room);
    const quint16 port = room->port();
    TcpFaultProxy proxy(port);
    QVERIFY(proxy.listen());
    ChatSession sender;
    QVERIFY(sender.start(sessionOptions(port, u"sam"_s)));
    ChatSession receiver;
    QVERIFY(receiver.start(sessionOptions(proxy.port(), u"rita"_s)));
    QVERIFY(waitJoined(sender));
    QVERIFY(waitJoined(receiver));
    DeliveryRecorder recorder(sender.messages());

    // The room confirms sam's message to sam, but dies before rita gets her copy.
    proxy.setHoldingDownstream(true);
    const QString id = sender.send(u"did everyone get this?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(sender, id), ChatLine::Delivery::Delivered, waitMs);
    QSignalSpy receiverClosed(receiver.connection(), &ConnectionManager::closed);
    room.reset();
    room = startRoom(roomConfig(), port);
    QVERIFY2(room, "could not listen again on the same port");
    QVERIFY(!receiverClosed.isEmpty() || receiverClosed.wait(waitMs));
    QVERIFY(!receiver.messages()->containsId(id));
    proxy.setHoldingDownstream(false);

    // Sam says it again to the new room: rita gets it, once; sam still shows it once.
    QTRY_VERIFY_WITH_TIMEOUT(receiver.messages()->containsId(id), waitMs);
    QVERIFY(barrier(sender, receiver));
    QCOMPARE(rowsWithId(*receiver.messages(), id), 1);
    QCOMPARE(rowsWithId(*sender.messages(), id), 1);
    QCOMPARE(recorder.states(id), (QStringList{u"queued"_s, u"sent"_s, u"delivered"_s}));
    RichClient late;
    QCOMPARE(historyIds(late.join(urlOf(port), u"late"_s)).count(id), 1);
}

void tst_ChatSession::membersStayRightWhenAPeerReplacesItsConnection()
{
    const auto room = startRoom();
    QVERIFY(room);
    TcpFaultProxy proxy(room->port());
    QVERIFY(proxy.listen());
    ChatSession rita;
    QVERIFY(rita.start(sessionOptions(room->port(), u"rita"_s)));
    QVERIFY(waitJoined(rita));
    ChatSession sam;
    QSignalSpy samJoined(&sam, &ChatSession::joined);
    QVERIFY(sam.start(sessionOptions(proxy.port(), u"sam"_s)));
    QVERIFY(samJoined.wait(waitMs));
    QTRY_VERIFY_WITH_TIMEOUT(rita.members()->rowOf(u"sam"_s) >= 0, waitMs);
    QCOMPARE(room->peerCount(), 2);

    // Sam's network changes: sam reconnects at once while the room still holds the old,
    // silent connection, which the room then replaces.
    proxy.severClients();
    QVERIFY(samJoined.wait(waitMs));
    QCOMPARE(samJoined.constLast().at(1).toString(), u"sam"_s);
    // The replaced connection is gone once the room has given up on its close handshake.
    QTRY_COMPARE_WITH_TIMEOUT(room->peerCount(), 2, waitMs);
    QVERIFY(barrier(sam, rita));

    // Sam never left the room: both member lists still have both.
    QStringList seenByRita = rita.members()->nicks();
    seenByRita.sort();
    QStringList seenBySam = sam.members()->nicks();
    seenBySam.sort();
    QCOMPARE(u"rita sees %1; sam sees %2"_s.arg(seenByRita.join(u','), seenBySam.join(u',')),
             u"rita sees rita,sam; sam sees rita,sam"_s);
    QVERIFY(isYou(*sam.members(), u"sam"_s));
}

// --- Refusals, retries and pacing --------------------------------------------------------------

void tst_ChatSession::invalidMessageFailsWithoutRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reasonMentions");

    QTest::newRow("longer than the room allows") << QString(21, u'x') << u"20"_s;
    QTest::newRow("only white space") << u"   \n "_s << u"empty"_s;
    QTest::newRow("control character") << u"bell \u0007 rings"_s << u"control"_s;
}

void tst_ChatSession::invalidMessageFailsWithoutRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(QString, reasonMentions);

    RoomConfig config = roomConfig();
    config.protocol.maxTextLength = 20;
    const auto room = startRoom(config);
    QVERIFY(room);
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    QCOMPARE(session.limits().maxTextLength, 20);
    DeliveryRecorder recorder(session.messages());
    const int framesBefore = int(framesSent(session).size());

    const QString id = session.send(text);

    // Decided at once, from the limits the room announced: nothing was sent.
    const ChatLine line = lineWithId(*session.messages(), id);
    QCOMPARE(line.delivery, ChatLine::Delivery::Failed);
    QVERIFY2(line.error.contains(reasonMentions, Qt::CaseInsensitive), qPrintable(line.error));
    QCOMPARE(recorder.states(id), (QStringList{u"queued"_s, u"failed"_s}));
    QCOMPARE(framesSent(session).size(), framesBefore);
    QCOMPARE(session.pendingCount(), 0);
    QVERIFY(session.outbox().find(id));
    QCOMPARE(session.outbox().find(id)->state, ChatLine::Delivery::Failed);

    QVERIFY(barrier(session, alice));
    QCOMPARE(timesReceived(alice, id), 0);

    // Discarding it removes it for good.
    QSignalSpy removed(session.messages(), &QAbstractItemModel::rowsRemoved);
    session.discard(id);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(session.messages()->rowOfId(id), -1);
    QVERIFY(!session.outbox().find(id));
    QVERIFY(barrier(session, alice));
    QCOMPARE(timesReceived(alice, id), 0);
}

void tst_ChatSession::outboxDrainedWhenAMessageFailsAtOnce()
{
    RoomConfig config = roomConfig();
    config.protocol.maxTextLength = 20;
    const auto room = startRoom(config);
    QVERIFY(room);
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    QSignalSpy drained(&session, &ChatSession::outboxDrained);

    // "Everything the user sent so far is confirmed (or failed)": as true after a failure the
    // session decided itself as after one the room sent back (which emits it).
    const QString id = session.send(QString(21, u'x'));
    QCOMPARE(deliveryOf(session, id), ChatLine::Delivery::Failed);
    QCOMPARE(session.pendingCount(), 0);
    QCOMPARE(drained.size(), 1);
}

void tst_ChatSession::tooLongMessageQueuedBeforeJoiningFailsWithTheRoomsReason()
{
    RoomConfig config = roomConfig();
    config.protocol.maxTextLength = 20;
    const auto room = startRoom(config);
    QVERIFY(room);
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    // Typed before the room announced its limits: the room has to refuse it, and the session
    // must show that rather than leave it "sent" for ever.
    const QString id = session.send(QString(30, u'y'));
    QCOMPARE(deliveryOf(session, id), ChatLine::Delivery::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Failed, waitMs);
    QVERIFY2(lineWithId(*session.messages(), id).error.contains(u"20"_s),
             qPrintable(lineWithId(*session.messages(), id).error));
    QCOMPARE(session.pendingCount(), 0);
}

void tst_ChatSession::failedMessageCanBeRetried()
{
    ScriptedRoom room(RoomLimits{65536, 4000, 32, 100});
    QVERIFY(room.listen());
    room.onSay = [&room](QWebSocket *socket, const Say &say, int attempt) {
        if (attempt == 1)
            room.refuse(socket, ErrorCode::BadField, u"not this time"_s, say.id);
        else
            room.accept(socket, say);
    };
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room.port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    DeliveryRecorder recorder(session.messages());
    QSignalSpy roomError(&session, &ChatSession::roomError);

    const QString id = session.send(u"try me"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Failed, waitMs);
    QCOMPARE(lineWithId(*session.messages(), id).error, u"not this time"_s);
    QCOMPARE(roomError.size(), 1);
    QCOMPARE(roomError.at(0).at(0).value<ErrorCode>(), ErrorCode::BadField);
    QCOMPARE(roomError.at(0).at(2).toString(), id);
    QCOMPARE(session.pendingCount(), 0);

    session.retry(id);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Delivered, waitMs);
    QVERIFY(lineWithId(*session.messages(), id).error.isEmpty());
    QCOMPARE(recorder.states(id), (QStringList{u"queued"_s, u"sent"_s, u"failed"_s, u"queued"_s,
                                               u"sent"_s, u"delivered"_s}));
    QCOMPARE(room.says, (QStringList{id, id}));
    QCOMPARE(rowsWithId(*session.messages(), id), 1);

    // Retrying what is not failed does nothing.
    session.retry(id);
    session.retry(u"no such id"_s);
    QCOMPARE(room.says.size(), 2);
}

void tst_ChatSession::rateLimitedMessagesAreRequeuedNotFailed()
{
    // This room announces a generous rate, then refuses every message once as rate-limited
    // (a proxy or an older server in front of the room could do that).
    ScriptedRoom room(RoomLimits{65536, 4000, 32, 100});
    QVERIFY(room.listen());
    room.onSay = [&room](QWebSocket *socket, const Say &say, int attempt) {
        if (attempt == 1)
            room.refuse(socket, ErrorCode::RateLimited, u"slow down"_s, say.id);
        else
            room.accept(socket, say);
    };
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room.port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    DeliveryRecorder recorder(session.messages());

    QStringList ids;
    for (int i = 0; i < 5; ++i)
        ids.append(session.send(u"message %1"_s.arg(i)));
    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(session, ids), waitMs);

    for (const QString &id : std::as_const(ids)) {
        QCOMPARE(recorder.states(id),
                 (QStringList{u"queued"_s, u"sent"_s, u"queued"_s, u"sent"_s, u"delivered"_s}));
        QCOMPARE(rowsWithId(*session.messages(), id), 1);
    }
    QCOMPARE(room.accepted, ids); // in the order they were typed
    QCOMPARE(session.pendingCount(), 0);
}

void tst_ChatSession::duplicateErrorMeansDelivered()
{
    ScriptedRoom room(RoomLimits{65536, 4000, 32, 100});
    QVERIFY(room.listen());
    room.onSay = [&room](QWebSocket *socket, const Say &say, int) {
        room.refuse(socket, ErrorCode::Duplicate, u"already delivered as seq 3"_s, say.id);
    };
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room.port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    DeliveryRecorder recorder(session.messages());

    const QString id = session.send(u"said before"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Delivered, waitMs);
    QCOMPARE(recorder.states(id), (QStringList{u"queued"_s, u"sent"_s, u"delivered"_s}));
    QCOMPARE(session.pendingCount(), 0);
    QCOMPARE(room.says, QStringList{id});
}

void tst_ChatSession::sessionPacesItselfUnderTheRoomsRate()
{
    RoomConfig config = roomConfig();
    config.messagesPerSecond = 2;
    const auto room = startRoom(config);
    QVERIFY(room);
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(room->port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    QCOMPARE(session.limits().messagesPerSecond, 2);
    DeliveryRecorder recorder(session.messages());
    QSignalSpy roomError(&session, &ChatSession::roomError);

    QStringList ids;
    for (int i = 0; i < 10; ++i)
        ids.append(session.send(u"quick %1"_s.arg(i)));
    // Ten messages at under two a second.
    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(session, ids), 15000);

    QCOMPARE(roomError.size(), 0); // the room never had to refuse one
    qint64 previousSeq = 0;
    for (const QString &id : std::as_const(ids)) {
        QVERIFY(!recorder.states(id).contains(u"failed"_s));
        QCOMPARE(rowsWithId(*session.messages(), id), 1);
        const qint64 seq = lineWithId(*session.messages(), id).seq;
        QVERIFY2(seq > previousSeq, "delivered out of order");
        previousSeq = seq;
    }
    QTRY_COMPARE_WITH_TIMEOUT(messageIdsReceived(alice), ids, waitMs);
}

// --- The outbox on disk ------------------------------------------------------------------------

void tst_ChatSession::queuedMessagesSurviveARestartOfTheSession()
{
    const quint16 port = unusedPort();
    QVERIFY(port != 0);
    const ChatSession::Options options = sessionOptions(port, u"bob"_s, outboxPath());
    QStringList ids;
    {
        ChatSession first;
        QSignalSpy closed(first.connection(), &ConnectionManager::closed);
        QVERIFY(first.start(options));
        ids.append(first.send(u"first, typed offline"_s));
        ids.append(first.send(u"second, typed offline"_s));
        QVERIFY(closed.wait(waitMs));
        QCOMPARE(first.pendingCount(), 2);
    }
    {
        Outbox stored(outboxPath());
        QVERIFY(stored.load());
        QCOMPARE(stored.entries().size(), 2);
        QCOMPARE(stored.entries().at(0).id, ids.at(0));
        QCOMPARE(stored.entries().at(1).id, ids.at(1));
    }

    // The app starts again: the lines are shown as they were, before any connection.
    ChatSession second;
    DeliveryRecorder recorder(second.messages());
    QVERIFY(second.start(options));
    QCOMPARE(second.messages()->rowCount(), 2);
    for (int i = 0; i < 2; ++i) {
        const ChatLine line = lineWithId(*second.messages(), ids.at(i));
        QCOMPARE(second.messages()->rowOfId(ids.at(i)), i);
        QCOMPARE(line.kind, ChatLine::Kind::Own);
        QCOMPARE(line.delivery, ChatLine::Delivery::Queued);
        QCOMPARE(line.text, i == 0 ? u"first, typed offline"_s : u"second, typed offline"_s);
    }
    QCOMPARE(second.pendingCount(), 2);

    const auto room = startRoom(roomConfig(), port);
    QVERIFY2(room, "the port was taken meanwhile");
    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(second, ids), waitMs);
    for (const QString &id : std::as_const(ids)) {
        QCOMPARE(rowsWithId(*second.messages(), id), 1);
        QCOMPARE(recorder.states(id), (QStringList{u"queued"_s, u"sent"_s, u"delivered"_s}));
    }
    RichClient late;
    QCOMPARE(historyIds(late.join(urlOf(port), u"late"_s)), ids);

    Outbox stored(outboxPath());
    QVERIFY(stored.load());
    QVERIFY(stored.entries().isEmpty());
}

void tst_ChatSession::aTornOutboxRestoresTheRestAndSaysSo()
{
    // The app died while the disk tore the outbox's last write: the next start shows the intact
    // messages, queued, and reports the torn one (the window words it).
    const quint16 port = unusedPort();
    QVERIFY(port != 0);
    QStringList ids;
    {
        Outbox outbox(outboxPath());
        ids << outbox.add(u"kept 1"_s).id << outbox.add(u"kept 2"_s).id << outbox.add(u"torn"_s).id;
    }
    QFile file(outboxPath());
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() - 20));
    file.close();

    ChatSession session;
    QSignalSpy damaged(&session, &ChatSession::outboxDamaged);
    QVERIFY(session.start(sessionOptions(port, u"bob"_s, outboxPath())));
    QCOMPARE(damaged.count(), 1);
    QCOMPARE(damaged.constFirst().at(0).toInt(), 1);
    QCOMPARE(damaged.constFirst().at(1).toString(), outboxPath() + u".damaged"_s);
    QCOMPARE(session.messages()->rowCount(), 2);
    QCOMPARE(lineWithId(*session.messages(), ids.at(0)).text, u"kept 1"_s);
    QCOMPARE(lineWithId(*session.messages(), ids.at(1)).text, u"kept 2"_s);
    QCOMPARE(session.pendingCount(), 2);
}

void tst_ChatSession::sentMessagesSurviveARestartOfTheSession()
{
    const auto room = startRoom();
    QVERIFY(room);
    TcpFaultProxy proxy(room->port());
    QVERIFY(proxy.listen());
    RichClient alice;
    QVERIFY(!alice.join(urlOf(room->port()), u"alice"_s).isEmpty());

    QStringList ids;
    {
        // Accepted by the room, but the app quits before the acknowledgements arrive.
        ChatSession first;
        QVERIFY(first.start(sessionOptions(proxy.port(), u"bob"_s, outboxPath())));
        QVERIFY(waitJoined(first));
        proxy.setHoldingDownstream(true);
        ids.append(first.send(u"one"_s));
        ids.append(first.send(u"two"_s));
        for (const QString &id : std::as_const(ids))
            QVERIFY(!alice.waitFor(messageWithId(id)).isEmpty());
    }
    {
        Outbox stored(outboxPath());
        QVERIFY(stored.load());
        QCOMPARE(stored.entries().size(), 2);
        for (const Outbox::Entry &e : stored.entries())
            QCOMPARE(e.state, ChatLine::Delivery::Sent);
    }

    ChatSession second;
    QVERIFY(second.start(sessionOptions(room->port(), u"bob"_s, outboxPath())));
    for (const QString &id : std::as_const(ids))
        QCOMPARE(deliveryOf(second, id), ChatLine::Delivery::Sent);
    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(second, ids), waitMs);
    QVERIFY(barrier(second, alice));
    for (const QString &id : std::as_const(ids)) {
        QCOMPARE(rowsWithId(*second.messages(), id), 1);
        QCOMPARE(timesReceived(alice, id), 1);
    }
    Outbox stored(outboxPath());
    QVERIFY(stored.load());
    QVERIFY(stored.entries().isEmpty());
}

void tst_ChatSession::startAgainAfterStopShowsQueuedLinesOnce()
{
    const quint16 port = unusedPort();
    QVERIFY(port != 0);
    const ChatSession::Options options = sessionOptions(port, u"bob"_s, outboxPath());
    ChatSession session;
    QVERIFY(session.start(options));
    const QString id = session.send(u"typed, then the user disconnected"_s);
    session.stop();
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), ConnectionManager::State::Closed,
                              waitMs);
    QVERIFY(!session.connection()->isReconnectScheduled());

    // "Connect" again: the queued line is still there, once.
    QVERIFY(session.start(options));
    QCOMPARE(rowsWithId(*session.messages(), id), 1);
    QCOMPARE(session.pendingCount(), 1);

    const auto room = startRoom(roomConfig(), port);
    QVERIFY2(room, "the port was taken meanwhile");
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Delivered, waitMs);
    QCOMPARE(rowsWithId(*session.messages(), id), 1);
}

// --- Plain mode --------------------------------------------------------------------------------

void tst_ChatSession::plainIncomingFramesBecomeLines_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("shown");

    QTest::newRow("text") << u"just words"_s << u"just words"_s;
    QTest::newRow("JSON object")
            << uR"({"b":[1,2],"a":"x"})"_s
            << u"{\n    \"a\": \"x\",\n    \"b\": [\n        1,\n        2\n    ]\n}"_s;
    QTest::newRow("JSON array") << uR"([1,"two"])"_s << u"[\n    1,\n    \"two\"\n]"_s;
    QTest::newRow("JSON with space around") << u"  {\"a\":1}\n"_s << u"{\n    \"a\": 1\n}"_s;
    QTest::newRow("broken JSON") << uR"({"a":)"_s << uR"({"a":)"_s;
    QTest::newRow("braces that are not JSON") << u"{not json}"_s << u"{not json}"_s;
    QTest::newRow("markup stays text") << u"<b>bold?</b>"_s << u"<b>bold?</b>"_s;
}

void tst_ChatSession::plainIncomingFramesBecomeLines()
{
    QFETCH(QString, frame);
    QFETCH(QString, shown);

    PlainBroadcastServer server({u"chatting"_s});
    QVERIFY(server.listen());
    ChatSession session;
    QSignalSpy arrived(&session, &ChatSession::lineArrived);
    QVERIFY(session.start(sessionOptions(server.port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    QCOMPARE(session.mode(), ChatSession::Mode::Plain);

    RichClient peer;
    peer.open(urlOf(server.port()), {u"chatting"_s});
    QVERIFY(peer.waitConnected());
    peer.sendText(frame);

    QVERIFY(arrived.wait(waitMs));
    QCOMPARE(arrived.size(), 1);
    const auto notified = arrived.at(0).at(0).value<ChatLine>();
    QCOMPARE(notified.text, shown);
    QCOMPARE(session.messages()->rowCount(), 1);
    const ChatLine line = session.messages()->line(0);
    QCOMPARE(line.text, shown);
    QCOMPARE(line.kind, ChatLine::Kind::Chat);
    QVERIFY(!line.replayed);
    QCOMPARE(line.delivery, ChatLine::Delivery::None);
}

void tst_ChatSession::plainSendIsOneTextFrameMarkedSent()
{
    PlainBroadcastServer server({u"chatting"_s});
    QVERIFY(server.listen());
    ChatSession session;
    QVERIFY(session.start(sessionOptions(server.port(), u"bob"_s)));
    QVERIFY(waitJoined(session));
    QCOMPARE(session.mode(), ChatSession::Mode::Plain);
    RichClient peer;
    peer.open(urlOf(server.port()), {u"chatting"_s});
    QVERIFY(peer.waitConnected());
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 2, waitMs);
    DeliveryRecorder recorder(session.messages());
    QSignalSpy drained(&session, &ChatSession::outboxDrained);

    // Sent as typed, even when it looks like parlor.v1 JSON: no envelope in plain mode.
    const QStringList texts{u"hello plain room"_s, uR"({"type":"say","id":"x","text":"y"})"_s};
    QStringList ids;
    for (const QString &text : texts)
        ids.append(session.send(text));
    for (const QString &text : texts)
        QVERIFY(peer.waitForText(text));
    QCOMPARE(server.received, texts);
    QCOMPARE(server.framesReceived, 2);

    // The server relays each line to its sender too: that echo confirms the line (no second
    // row), as the only confirmation plain mode has.
    for (const QString &id : std::as_const(ids)) {
        QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(session, id), ChatLine::Delivery::Delivered, waitMs);
        QCOMPARE(recorder.states(id), (QStringList{u"queued"_s, u"sent"_s, u"delivered"_s}));
        QCOMPARE(rowsWithId(*session.messages(), id), 1);
    }
    // A line from someone else with the same text is still shown: only one echo per line sent.
    peer.sendText(texts.first());
    QTRY_COMPARE_WITH_TIMEOUT(session.messages()->rowCount(), 3, waitMs);
    QCOMPARE(session.messages()->line(2).kind, ChatLine::Kind::Chat);
    QCOMPARE(session.messages()->line(2).text, texts.first());
    QCOMPARE(session.pendingCount(), 0);
    QVERIFY(session.outbox().entries().isEmpty());
    QVERIFY(!drained.isEmpty());
}

QTEST_GUILESS_MAIN(tst_ChatSession)
#include "tst_chatsession.moc"
