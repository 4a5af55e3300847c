// A room on a three-node RabbitMQ cluster (issue 11, docs/SCALING.md "A RabbitMQ cluster"): two
// parlor-servers on different nodes of one throw-away cluster (RabbitMqCluster), each given every
// node's address. The node that leads the room's stream is stopped while people on both servers
// talk: the stream elects a leader among the two replicas left, the server that was on the
// stopped node moves to the next address, and every message is there exactly once, in one order,
// in each sender's order — in both people's chats and in the history a newcomer gets.
//
// (A two-node cluster cannot do this: a stream needs a majority of its replicas to elect a new
// leader, and one of two is not a majority.)

#include "brokersession.h"
#include "rabbitmqcluster.h"
#include "richclient.h"
#include "serverprocess.h"
#include "testsupport.h"

#include "broker/brokerroomlog.h"
#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/connectionmanager.h"
#include "client/messagemodel.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 60000;

/// The ids of the chat lines \a session shows (its own and others'), in the room's order: by
/// seq. (An own line stays where it was typed, which may be before lines the room put first.)
QStringList roomOrder(ChatSession &session)
{
    QList<QPair<qint64, QString>> lines;
    const MessageModel &model = *session.messages();
    for (int row = 0; row < model.rowCount(); ++row) {
        const ChatLine &line = model.line(row);
        if (line.kind == ChatLine::Kind::Chat || line.kind == ChatLine::Kind::Own)
            lines.append({line.seq, line.id});
    }
    std::sort(lines.begin(), lines.end());
    QStringList ids;
    for (const auto &[seq, id] : lines)
        ids.append(u"%1:%2"_s.arg(seq).arg(id));
    return ids;
}

} // namespace

class tst_ClusterBroker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void aRoomGoesOnWhenItsStreamLeaderStops();

private:
    /// A parlor-server for \a room given the cluster's nodes starting at \a firstNode.
    std::unique_ptr<ServerProcess> startServer(const QString &room, int firstNode);

    RabbitMqCluster m_cluster{3};
};

void tst_ClusterBroker::initTestCase()
{
    QVERIFY2(m_cluster.start(), m_cluster.failureReport().constData());
    for (int i = 0; i < m_cluster.size(); ++i)
        qInfo("node %d answered Web-STOMP after %lld ms", i + 1, m_cluster.node(i).startupMs());
}

std::unique_ptr<ServerProcess> tst_ClusterBroker::startServer(const QString &room, int firstNode)
{
    const QList<QUrl> urls = m_cluster.webStompUrls();
    QStringList arguments = ServerProcess::localArguments();
    // Every node, the server's own first: as an operator lists them for each server.
    for (int i = 0; i < urls.size(); ++i)
        arguments << u"--broker"_s << urls.at((firstNode + i) % urls.size()).toString();
    arguments << u"--room"_s << room << u"--no-announce"_s;
    auto server = std::make_unique<ServerProcess>(
            arguments, QMap<QString, QString>{{u"PARLOR_BROKER_USER"_s,
                                               QString::fromLatin1(RabbitMqBroker::User)},
                                              {u"PARLOR_BROKER_PASSWORD"_s,
                                               QString::fromLatin1(RabbitMqBroker::Password)}});
    if (!server->waitForPort() || !server->waitForWelcome())
        qWarning("%s", server->transcript().constData());
    return server;
}

void tst_ClusterBroker::aRoomGoesOnWhenItsStreamLeaderStops()
{
    const QString room = u"room-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const QString stream = BrokerRoomLog::defaultStreamName(room);
    // A declares the room's stream through node 1, B is on node 2.
    auto a = startServer(room, 0);
    QVERIFY(a->port());
    auto b = startServer(room, 1);
    QVERIFY(b->port());

    QString error;
    // Three replicas, one on each node; RabbitMQ puts the leader where the declaring connection
    // is (queue-leader-locator client-local), so A's node leads and A is the server that loses
    // its node.
    QCOMPARE(m_cluster.membersOf(stream, &error), (QList<int>{0, 1, 2}));
    const int leader = m_cluster.leaderOf(stream, &error);
    QVERIFY2(leader == 0, qPrintable(error + u" leader: "_s + QString::number(leader)));

    ChatSession ann, bob;
    QSignalSpy annJoined(&ann, &ChatSession::joined);
    QSignalSpy bobJoined(&bob, &ChatSession::joined);
    QVERIFY(ann.start(brokerSessionOptions({a->url()}, u"ann"_s, u"cluster-client-"_s)));
    QVERIFY(bob.start(brokerSessionOptions({b->url()}, u"bob"_s, u"cluster-client-"_s)));
    QVERIFY(annJoined.wait(waitMs));
    QVERIFY(bobJoined.count() || bobJoined.wait(waitMs));

    // A message the room could not store while its stream had no leader comes back "failed";
    // the person sends it again, which the test does for them.
    QStringList refused;
    for (ChatSession *session : {&ann, &bob}) {
        connect(session, &ChatSession::roomError, this,
                [session, &refused](ErrorCode code, const QString &, const QString &id) {
                    if (code != ErrorCode::NotStored || id.isEmpty())
                        return;
                    refused.append(id);
                    QTimer::singleShot(300, session, [session, id] { session->retry(id); });
                });
    }

    QStringList annSent, bobSent;
    for (int i = 0; i < 5; ++i) {
        annSent.append(ann.send(u"ann before %1"_s.arg(i)));
        bobSent.append(bob.send(u"bob before %1"_s.arg(i)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(ann.pendingCount() + bob.pendingCount(), 0, waitMs);

    // The leader's node stops (rabbitmqctl stop) while both go on talking, a line each every
    // 100 ms: what cannot go waits in their outboxes or is sent again.
    m_cluster.node(leader).stop();
    QTimer typing;
    typing.setInterval(100);
    int typed = 0;
    connect(&typing, &QTimer::timeout, this, [&] {
        annSent.append(ann.send(u"ann after %1"_s.arg(typed)));
        bobSent.append(bob.send(u"bob after %1"_s.arg(typed)));
        if (++typed == 15)
            typing.stop();
    });
    typing.start();

    // A moves on to another node of its list (node 2, or node 3 when node 2 could not serve the
    // stream yet, in the moment before its new leader was elected); the stream has a new leader
    // on a node still up. (The log goes to standard error.)
    const QString stopped = m_cluster.webStompUrls().at(leader).toString(QUrl::RemoveUserInfo);
    const QString connected = u"broker: connected to "_s;
    auto lastNode = [&] {
        const QString log = a->err();
        const qsizetype at = log.lastIndexOf(connected);
        return at < 0 ? QString() : log.mid(at + connected.size()).section(u';', 0, 0);
    };
    if (!a->waitUntil([&] { return !lastNode().isEmpty() && lastNode() != stopped; }, waitMs)) {
        qWarning("%s", a->transcript().constData()); // longer than a failure message may be
        QFAIL("server A did not move to another node");
    }
    const int newLeader = m_cluster.leaderOf(stream, &error);
    QVERIFY2(newLeader == 1 || newLeader == 2, qPrintable(error));

    QTRY_COMPARE_WITH_TIMEOUT(typed, 15, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(ann.pendingCount() + bob.pendingCount(), 0, waitMs);
    for (const QString &id : annSent)
        QCOMPARE(ann.messages()->line(ann.messages()->rowOfId(id)).delivery,
                 ChatLine::Delivery::Delivered);
    for (const QString &id : bobSent)
        QCOMPARE(bob.messages()->line(bob.messages()->rowOfId(id)).delivery,
                 ChatLine::Delivery::Delivered);
    // Each has seen the other's last line: the room is one room again.
    QTRY_VERIFY_WITH_TIMEOUT(ann.messages()->containsId(bobSent.constLast()), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(bob.messages()->containsId(annSent.constLast()), waitMs);

    // One order for everyone (the same seq for each line at both), each sender's order kept,
    // every line once.
    const QStringList annSaw = roomOrder(ann);
    QCOMPARE(roomOrder(bob), annSaw);
    QCOMPARE(annSaw.size(), annSent.size() + bobSent.size());
    auto inOrder = [&](const QStringList &sent) {
        QStringList seen;
        for (const QString &line : annSaw) {
            if (sent.contains(line.section(u':', 1)))
                seen.append(line.section(u':', 1));
        }
        return seen == sent;
    };
    QVERIFY(inOrder(annSent));
    QVERIFY(inOrder(bobSent));

    // A newcomer on A, which is on another node now, gets the same history.
    RichClient late;
    const QJsonObject welcome = late.join(a->url(), u"late"_s, u"c-late"_s);
    QVERIFY2(!welcome.isEmpty(), a->transcript().constData());
    QStringList history;
    for (const QJsonValue &e : welcome.value(u"history"_s).toArray()) {
        const QJsonObject event = e.toObject();
        if (event.value(u"type"_s).toString() == "message"_L1) {
            history.append(u"%1:%2"_s.arg(qint64(event.value(u"seq"_s).toDouble()))
                                   .arg(event.value(u"id"_s).toString()));
        }
    }
    QCOMPARE(history, annSaw);
    qInfo("stream leader moved from node %d to node %d; %lld lines refused while it moved and "
          "sent again",
          leader + 1, newLeader + 1, qint64(refused.size()));
}

QTEST_GUILESS_MAIN(tst_ClusterBroker)
#include "tst_clusterbroker.moc"
