// A room shared by two parlor-servers through a real RabbitMQ (issue 11, docs/SCALING.md): a
// throw-away broker (RabbitMqBroker) for the whole test, two parlor-server processes started with
// --broker on 127.0.0.1. People on either server are in one room, in one order; when one server
// is killed (SIGKILL) while three clients send, they fail over to the other and every message
// appears exactly once, in each sender's order; the members of a server that goes silent leave
// with "lost", those of one stopped with SIGTERM at once with "shutdown"; a broker that is gone
// makes the room refuse new messages, clearly.

#include "brokersession.h"
#include "chromiumpage.h"
#include "rabbitmqbroker.h"
#include "richclient.h"
#include "serverprocess.h"
#include "tcpfaultproxy.h"
#include "testsupport.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/connectionmanager.h"
#include "client/messagemodel.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <csignal>
#include <memory>

#include <sys/types.h>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 20000;

ChatLine::Delivery deliveryOf(ChatSession &session, const QString &id)
{
    const int row = session.messages()->rowOfId(id);
    return row >= 0 ? session.messages()->line(row).delivery : ChatLine::Delivery::Failed;
}

/// The ids of the messages \a client received (live or in a welcome's history), in order.
QStringList receivedIds(const RichClient &client)
{
    QStringList ids;
    for (const QJsonObject &o : client.objects()) {
        const QString type = o.value(u"type"_s).toString();
        if (type == "message"_L1)
            ids.append(o.value(u"id"_s).toString());
        if (type == "welcome"_L1) {
            for (const QJsonValue &e : o.value(u"history"_s).toArray()) {
                if (e.toObject().value(u"type"_s).toString() == "message"_L1)
                    ids.append(e.toObject().value(u"id"_s).toString());
            }
        }
    }
    return ids;
}

QStringList memberNicks(const QJsonObject &welcome)
{
    QStringList nicks;
    for (const QJsonValue &m : welcome.value(u"members"_s).toArray())
        nicks.append(m.toObject().value(u"nick"_s).toString());
    nicks.sort();
    return nicks;
}

} // namespace

class tst_FailoverBroker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void twoServersServeOneRoomInOneOrder();
    void killedServerLosesAndDuplicatesNothing();
    void aSayResentToAnotherServerIsShownOnce();
    void membersOfASilentServerLeaveAsLost();
    void aNicknameIsTakenAcrossServers();
    void aBrowserOnOneServerChatsWithTheAppOnAnother();
    void membersOfAStoppedServerLeaveAtOnce();
    void brokerGoneRefusesNewMessagesClearly(); // last: it stops the broker

private:
    /// A parlor-server on the test broker serving \a room.
    std::unique_ptr<ServerProcess> startServer(const QString &room, const QStringList &extra = {},
                                               const QUrl &broker = {});
    /// The broker's Web-STOMP address through \a proxy (which starts listening).
    QUrl brokerUrlThrough(TcpFaultProxy &proxy)
    {
        QUrl url = m_broker.webStompUrl();
        url.setPort(proxy.listen() ? proxy.port() : 1);
        return url;
    }
    QString newRoom() { return u"room-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12); }

    RabbitMqBroker m_broker;
};

void tst_FailoverBroker::initTestCase()
{
    QVERIFY2(m_broker.start(), m_broker.failureReport().constData());
    qInfo("RabbitMQ answered Web-STOMP after %lld ms", m_broker.startupMs());
}

std::unique_ptr<ServerProcess> tst_FailoverBroker::startServer(const QString &room,
                                                               const QStringList &extra,
                                                               const QUrl &broker)
{
    auto server = std::make_unique<ServerProcess>(
            ServerProcess::localArguments()
                    + QStringList{u"--broker"_s,
                                  (broker.isEmpty() ? m_broker.webStompUrl() : broker).toString(),
                                  u"--room"_s, room, u"--no-announce"_s}
                    + extra,
            QMap<QString, QString>{{u"PARLOR_BROKER_USER"_s,
                                    QString::fromLatin1(RabbitMqBroker::User)},
                                   {u"PARLOR_BROKER_PASSWORD"_s,
                                    QString::fromLatin1(RabbitMqBroker::Password)}});
    if (!server->waitForPort() || !server->waitForWelcome())
        qWarning("%s", server->transcript().constData());
    return server;
}

void tst_FailoverBroker::twoServersServeOneRoomInOneOrder()
{
    const QString room = newRoom();
    auto a = startServer(room);
    auto b = startServer(room);
    QVERIFY(a->port() && b->port());

    RichClient ann, bob, cat;
    const QJsonObject annWelcome = ann.join(a->url(), u"ann"_s, u"c-ann"_s);
    QVERIFY2(!annWelcome.isEmpty(), a->transcript().constData());
    const QJsonObject bobWelcome = bob.join(b->url(), u"bob"_s, u"c-bob"_s);
    QVERIFY2(!bobWelcome.isEmpty(), b->transcript().constData());
    // One room: one incarnation, and bob's welcome lists ann, who is on the other server.
    QCOMPARE(bobWelcome.value(u"incarnation"_s), annWelcome.value(u"incarnation"_s));
    QCOMPARE(memberNicks(bobWelcome), (QStringList{u"ann"_s, u"bob"_s}));
    QVERIFY(!ann.waitFor([](const QJsonObject &o) {
                    return o.value(u"type"_s) == "join"_L1 && o.value(u"nick"_s) == "bob"_L1;
                }).isEmpty());
    QVERIFY(!cat.join(a->url(), u"cat"_s, u"c-cat"_s).isEmpty());

    // All three talk at once, on both servers.
    for (int i = 0; i < 10; ++i) {
        ann.say(u"ann-%1"_s.arg(i), u"from A"_s);
        bob.say(u"bob-%1"_s.arg(i), u"from B"_s);
        cat.say(u"cat-%1"_s.arg(i), u"from A too"_s);
    }
    auto seqsOf = [](RichClient &client) {
        QList<QPair<qint64, QString>> seen;
        while (seen.size() < 30) {
            const QJsonObject m = client.waitForType(u"message"_s, waitMs);
            if (m.isEmpty())
                break;
            seen.append({qint64(m.value(u"seq"_s).toDouble()), m.value(u"id"_s).toString()});
        }
        return seen;
    };
    const auto annSaw = seqsOf(ann);
    const auto bobSaw = seqsOf(bob);
    const auto catSaw = seqsOf(cat);
    QCOMPARE(annSaw.size(), 30);
    // Everyone sees the same events under the same seqs, in the same order.
    QCOMPARE(bobSaw, annSaw);
    QCOMPARE(catSaw, annSaw);
    for (int i = 1; i < annSaw.size(); ++i)
        QCOMPARE(annSaw.at(i).first, annSaw.at(i - 1).first + 1);
    // Typing crosses servers too, without a seq.
    ann.sendJson(QJsonObject{{u"type"_s, u"typing"_s}, {u"active"_s, true}});
    const QJsonObject typing = bob.waitForType(u"typing"_s, waitMs);
    QCOMPARE(typing.value(u"nick"_s).toString(), u"ann"_s);
}

void tst_FailoverBroker::killedServerLosesAndDuplicatesNothing()
{
    const QString room = newRoom();
    // A reaches the broker through a proxy the test controls.
    TcpFaultProxy toBroker(m_broker.webStompPort());
    auto a = startServer(room, {}, brokerUrlThrough(toBroker));
    auto b = startServer(room);
    QVERIFY(a->port() && b->port());

    // Someone on B all along counts what the room delivers.
    RichClient wendy;
    QVERIFY(!wendy.join(b->url(), u"wendy"_s, u"c-wendy"_s).isEmpty());

    constexpr int perSender = 40;
    const QStringList nicks{u"ann"_s, u"bob"_s, u"cat"_s};
    std::vector<std::unique_ptr<ChatSession>> sessions;
    QHash<QString, QStringList> sent; // per sender, in the order typed
    for (const QString &nick : nicks) {
        auto session = std::make_unique<ChatSession>();
        QSignalSpy joined(session.get(), &ChatSession::joined);
        QVERIFY(session->start(
                brokerSessionOptions({a->url(), b->url()}, nick, u"broker-client-"_s)));
        QVERIFY(joined.wait(waitMs));
        QCOMPARE(session->connection()->currentServer(), a->url());
        sessions.push_back(std::move(session));
    }
    // Each types a line every 60 ms (the room allows 20 a second), on and on, whatever the
    // connection does: what cannot go waits in the outbox.
    QTimer typing;
    typing.setInterval(60);
    int typed = 0;
    connect(&typing, &QTimer::timeout, this, [&] {
        for (size_t i = 0; i < sessions.size(); ++i)
            sent[nicks.at(int(i))].append(
                    sessions[i]->send(u"%1 line %2"_s.arg(nicks.at(int(i))).arg(typed)));
        if (++typed == perSender)
            typing.stop();
    });
    typing.start();
    // Once a third has gone through A, A stops hearing from the broker: what it appends still
    // reaches the stream (and B, and wendy), but A can no longer tell the authors. Then A dies
    // with those messages unacknowledged: the authors send them again, to B.
    QTRY_VERIFY_WITH_TIMEOUT(typed >= perSender / 3, waitMs);
    toBroker.setHoldingDownstream(true);
    const int typedBeforeHold = typed;
    QTRY_VERIFY_WITH_TIMEOUT(typed >= typedBeforeHold + 4, waitMs);
    QStringList inTheStreamButUnacknowledged;
    for (size_t i = 0; i < sessions.size(); ++i) {
        for (const QString &id : sent.value(nicks.at(int(i)))) {
            if (deliveryOf(*sessions[i], id) == ChatLine::Delivery::Sent
                && receivedIds(wendy).contains(id))
                inTheStreamButUnacknowledged.append(id);
        }
    }
    a->kill();
    // The case this test is about did happen: messages the room has whose authors do not know.
    QVERIFY(inTheStreamButUnacknowledged.size() >= 3);
    // They fail over to B and go on.
    for (auto &session : sessions)
        QTRY_COMPARE_WITH_TIMEOUT(session->connection()->currentServer(), b->url(), waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(typed, perSender, waitMs);
    for (size_t i = 0; i < sessions.size(); ++i) {
        for (const QString &id : sent.value(nicks.at(int(i))))
            QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(*sessions[i], id), ChatLine::Delivery::Delivered,
                                      waitMs);
    }
    // A barrier: wendy has seen each sender's last word.
    for (const QString &nick : nicks) {
        const QString last = sent.value(nick).constLast();
        QVERIFY2(!wendy.waitFor([&](const QJsonObject
                                            &o) { return o.value(u"id"_s).toString() == last; },
                                waitMs)
                          .isEmpty(),
                 qPrintable(last));
    }

    // Exactly once, in each sender's order: at wendy, in every sender's own view, and in the
    // history a newcomer gets.
    RichClient late;
    QVERIFY(!late.join(b->url(), u"late"_s, u"c-late"_s).isEmpty());
    auto check = [&](const QStringList &ids, const char *who) {
        for (const QString &nick : nicks) {
            QStringList mine;
            for (const QString &id : ids) {
                if (sent.value(nick).contains(id))
                    mine.append(id);
            }
            if (mine != sent.value(nick)) {
                qWarning("%s saw from %s:\n  %s\nsent:\n  %s", who, qPrintable(nick),
                         qPrintable(mine.join(u' ')), qPrintable(sent.value(nick).join(u' ')));
                return false;
            }
        }
        return true;
    };
    QVERIFY(check(receivedIds(wendy), "wendy"));
    QVERIFY(check(receivedIds(late), "a newcomer"));
    for (size_t i = 0; i < sessions.size(); ++i) {
        QStringList shown;
        const MessageModel &model = *sessions[i]->messages();
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.line(row).kind == ChatLine::Kind::Chat
                || model.line(row).kind == ChatLine::Kind::Own)
                shown.append(model.line(row).id);
        }
        QVERIFY(check(shown, qPrintable(nicks.at(int(i)))));
        QCOMPARE(sessions[i]->pendingCount(), 0);
    }
}

void tst_FailoverBroker::aSayResentToAnotherServerIsShownOnce()
{
    // A client that sends again, after a failover, a message the room already has (a Parlor
    // client first looks in the welcome's history; this one, like any simpler client, does not).
    const QString room = newRoom();
    TcpFaultProxy toBroker(m_broker.webStompPort());
    auto a = startServer(room, {}, brokerUrlThrough(toBroker));
    auto b = startServer(room);
    QVERIFY(a->port() && b->port());
    RichClient wendy, ann;
    QVERIFY2(!wendy.join(b->url(), u"wendy"_s, u"c-wendy"_s).isEmpty(), b->transcript().constData());
    QVERIFY(!ann.join(a->url(), u"ann"_s, u"c-ann"_s).isEmpty());
    toBroker.setHoldingDownstream(true);
    ann.say(u"d1"_s, u"said once"_s);
    const QJsonObject first
            = wendy.waitFor([](const QJsonObject &o) { return o.value(u"id"_s) == "d1"_L1; },
                            waitMs);
    QVERIFY(!first.isEmpty());
    QVERIFY(ann.objectsOfType(u"message"_s).isEmpty()); // ann never heard back
    a->kill();

    RichClient annAgain;
    QVERIFY(!annAgain.join(b->url(), u"ann"_s, u"c-ann"_s).isEmpty());
    annAgain.say(u"d1"_s, u"said once"_s);
    // Her acknowledgement is the message as the room has it: same seq, nobody told twice.
    const QJsonObject ack = annAgain.waitFor(
            [](const QJsonObject &o) {
                return o.value(u"type"_s) == "message"_L1 && o.value(u"id"_s) == "d1"_L1;
            },
            waitMs);
    QCOMPARE(ack.value(u"seq"_s), first.value(u"seq"_s));
    annAgain.say(u"d2"_s, u"a barrier"_s);
    QVERIFY(!wendy.waitFor([](const QJsonObject &o) { return o.value(u"id"_s) == "d2"_L1; }, waitMs)
                     .isEmpty());
    QCOMPARE(receivedIds(wendy).count(u"d1"_s), 1);
}

void tst_FailoverBroker::membersOfASilentServerLeaveAsLost()
{
    const QString room = newRoom();
    const QStringList quick{u"--broker-lost-after"_s, u"2000"_s};
    auto a = startServer(room, quick);
    auto b = startServer(room, quick);
    QVERIFY(a->port() && b->port());
    RichClient ann, bob;
    QVERIFY(!ann.join(a->url(), u"ann"_s, u"c-ann"_s).isEmpty());
    QVERIFY(!bob.join(b->url(), u"bob"_s, u"c-bob"_s).isEmpty());
    // A stops answering anyone — its peers' connections stay open, it just says nothing more.
    QCOMPARE(::kill(pid_t(a->process().processId()), SIGSTOP), 0);
    const QJsonObject leave = bob.waitFor(
            [](const QJsonObject &o) {
                return o.value(u"type"_s) == "leave"_L1 && o.value(u"nick"_s) == "ann"_L1;
            },
            waitMs);
    QCOMPARE(leave.value(u"reason"_s).toString(), u"lost"_s);
    // The name is free again on B.
    RichClient ann2;
    const QJsonObject welcome = ann2.join(b->url(), u"ann"_s, u"c-other"_s);
    QCOMPARE(welcome.value(u"you"_s).toString(), u"ann"_s);
    ::kill(pid_t(a->process().processId()), SIGCONT);
    // Back, A finds its member gone from the room and closes her connection, so she joins again.
    QVERIFY(ann.waitDisconnected(waitMs));
    // With 1013 (Qt 6.4's client misreads that code as 1002, so the server's word is taken).
    QVERIFY2(a->waitForMatch(QProcess::StandardError,
                             QRegularExpression(u"closing peer \\d+ ann with 1013"_s), waitMs)
                     .hasMatch(),
             a->transcript().constData());
}

void tst_FailoverBroker::aNicknameIsTakenAcrossServers()
{
    const QString room = newRoom();
    auto a = startServer(room);
    auto b = startServer(room);
    QVERIFY(a->port() && b->port());
    RichClient ann, impostor;
    QVERIFY(!ann.join(a->url(), u"Ann"_s, u"c-ann"_s).isEmpty());
    impostor.open(b->url());
    QVERIFY(impostor.waitConnected());
    impostor.hello(u"ann"_s, u"c-impostor"_s);
    const QJsonObject error = impostor.waitForType(u"error"_s, waitMs);
    QCOMPARE(error.value(u"code"_s).toString(), u"nick-taken"_s);
    // The same client on another connection takes its own name over: the old one is replaced.
    RichClient again;
    QCOMPARE(again.join(b->url(), u"Ann"_s, u"c-ann"_s).value(u"you"_s).toString(), u"Ann"_s);
    QVERIFY(ann.waitDisconnected(waitMs));
    QCOMPARE(ann.closeCode(), 4001);
}

void tst_FailoverBroker::aBrowserOnOneServerChatsWithTheAppOnAnother()
{
    QVERIFY2(!ChromiumPage::executable().isEmpty(),
             "chromium is not installed: scripts/setup.sh --tests installs it");
    const QString room = newRoom();
    auto a = startServer(room);
    auto b = startServer(room);
    QVERIFY(a->port() && b->port());
    // The desktop app's core on B.
    ChatSession desk;
    QSignalSpy joined(&desk, &ChatSession::joined);
    QVERIFY(desk.start(brokerSessionOptions({b->url()}, u"desk"_s, u"broker-client-"_s)));
    QVERIFY(joined.wait(waitMs));
    // A guest in a browser, on the page A serves.
    ChromiumPage page;
    QVERIFY2(page.open(QUrl(u"http://127.0.0.1:%1/?nick=webby"_s.arg(a->port()))),
             qPrintable(page.lastError()));
    // The page lists the member on B; the app on B sees the guest join.
    QVERIFY2(page.waitUntil(u"document.querySelector('#state.open') && [...document."
                            "querySelectorAll('#members li')].some(li => "
                            "li.textContent.includes('desk'))"_s,
                            waitMs),
             qPrintable(page.lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(desk.members()->rowOf(u"webby"_s) >= 0, waitMs);
    // Typed in the page: shown in the app, once.
    QVERIFY(page.evaluate(u"(() => { const t = document.getElementById('text'); "
                          "t.value = '브라우저에서 안녕'; t.dispatchEvent(new KeyboardEvent("
                          "'keydown', {key: 'Enter', bubbles: true})); return true; })()"_s));
    auto linesWith = [&desk](const QString &text) {
        int n = 0;
        for (int row = 0; row < desk.messages()->rowCount(); ++row)
            n += desk.messages()->line(row).text == text ? 1 : 0;
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(linesWith(u"브라우저에서 안녕"_s), 1, waitMs);
    // Sent from the app: confirmed by the room, and shown in the page.
    const QString id = desk.send(u"hello from the app on B"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(desk, id), ChatLine::Delivery::Delivered, waitMs);
    QVERIFY2(page.waitUntil(u"document.getElementById('lines').textContent.includes("
                            "'hello from the app on B')"_s,
                            waitMs),
             qPrintable(page.lastError()));
    // The browser goes: the app sees the guest leave.
    page.close();
    QTRY_VERIFY_WITH_TIMEOUT(desk.members()->rowOf(u"webby"_s) < 0, waitMs);
}

void tst_FailoverBroker::membersOfAStoppedServerLeaveAtOnce()
{
    const QString room = newRoom();
    // Far longer than the wait below: only A's own word can take its members out in time.
    const QStringList slow{u"--broker-lost-after"_s, u"120000"_s};
    auto a = startServer(room, slow);
    auto b = startServer(room, slow);
    QVERIFY(a->port() && b->port());
    RichClient ann, amy, bob;
    QVERIFY(!ann.join(a->url(), u"ann"_s, u"c-ann"_s).isEmpty());
    QVERIFY(!amy.join(a->url(), u"amy"_s, u"c-amy"_s).isEmpty());
    const QJsonObject bobWelcome = bob.join(b->url(), u"bob"_s, u"c-bob"_s);
    QVERIFY2(!bobWelcome.isEmpty(), b->transcript().constData());
    QCOMPARE(memberNicks(bobWelcome), (QStringList{u"amy"_s, u"ann"_s, u"bob"_s}));
    QCOMPARE(::kill(pid_t(a->process().processId()), SIGTERM), 0);
    for (const QString &nick : {u"ann"_s, u"amy"_s}) {
        const QJsonObject leave = bob.waitFor(
                [&nick](const QJsonObject &o) {
                    return o.value(u"type"_s) == "leave"_L1 && o.value(u"nick"_s) == nick;
                },
                waitMs);
        QCOMPARE(leave.value(u"reason"_s).toString(), u"shutdown"_s);
    }
    // A's own people were told it is going away, and A ended normally once its word was in.
    QVERIFY(ann.waitDisconnected(waitMs));
    QCOMPARE(ann.closeCode(), 1001);
    QVERIFY(a->process().state() == QProcess::NotRunning || a->process().waitForFinished(waitMs));
    QCOMPARE(a->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(a->process().exitCode(), 0);
    // The names are free on B at once.
    RichClient ann2;
    QCOMPARE(ann2.join(b->url(), u"ann"_s, u"c-other"_s).value(u"you"_s).toString(), u"ann"_s);
}

void tst_FailoverBroker::brokerGoneRefusesNewMessagesClearly()
{
    const QString room = newRoom();
    auto a = startServer(room, {u"--health-port"_s, u"0"_s});
    QVERIFY(a->port());
    const QRegularExpressionMatch healthLine = a->waitForMatch(QProcess::StandardError,
                                                               QRegularExpression(
                                                                       u"health on (\\d+)"_s),
                                                               waitMs);
    QVERIFY2(healthLine.hasMatch(), a->transcript().constData());
    const quint16 healthPort = quint16(healthLine.captured(1).toUInt());
    const QByteArray getHealth = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray getMetrics = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
    RichClient ann;
    QVERIFY(!ann.join(a->url(), u"ann"_s, u"c-ann"_s).isEmpty());
    QVERIFY(TestSupport::httpExchange(healthPort, getHealth).startsWith("HTTP/1.1 200 OK"));
    const QByteArray metrics = TestSupport::httpExchange(healthPort, getMetrics);
    QVERIFY2(metrics.contains("\nparlor_broker_connected 1\n"), metrics.constData());
    QVERIFY2(metrics.contains("\nparlor_peers 1\n"), metrics.constData());
    QVERIFY2(metrics.contains("\nparlor_broker_pending 0\n"), metrics.constData());
    ann.say(u"m1"_s, u"while the broker is there"_s);
    QVERIFY(!ann.waitFor([](const QJsonObject &o) { return o.value(u"id"_s) == "m1"_L1; }, waitMs)
                     .isEmpty());
    m_broker.stop();
    // The server notices the broker is gone (its log says so) and refuses, rather than queue.
    QVERIFY2(a->waitForMatch(QProcess::StandardError,
                             QRegularExpression(u"broker: .* connecting again in"_s), waitMs)
                     .hasMatch(),
             a->transcript().constData());
    ann.say(u"m2"_s, u"while it is gone"_s);
    const QJsonObject error = ann.waitForType(u"error"_s, waitMs);
    QCOMPARE(error.value(u"code"_s).toString(), u"not-stored"_s);
    QCOMPARE(error.value(u"id"_s).toString(), u"m2"_s);
    QVERIFY2(error.value(u"text"_s).toString().contains(u"broker is unavailable"_s),
             qPrintable(error.value(u"text"_s).toString()));
    QVERIFY(ann.isConnected());
    // Load balancers and monitoring see it too.
    const QByteArray health = TestSupport::httpExchange(healthPort, getHealth);
    QVERIFY2(health.startsWith("HTTP/1.1 503 ") && health.contains("the broker is unavailable"),
             health.constData());
    QVERIFY(TestSupport::httpExchange(healthPort, getMetrics)
                    .contains("\nparlor_broker_connected 0\n"));
}

QTEST_MAIN(tst_FailoverBroker)
#include "tst_failoverbroker.moc"
