// Event batches (docs/PROTOCOL.md "Large rooms"), through real QWebSocket clients against an
// in-process RoomServer on 127.0.0.1: a client whose hello names "event-batches" gets the joins
// and leaves of a short window in one `events` frame, in seq order, and nothing it is sent
// overtakes them; a client without the feature gets one frame per event, as before.

#include "richclient.h"

#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTest>

#include <memory>
#include <vector>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

RoomConfig batchConfig(int delayMs)
{
    RoomConfig config;
    config.roomName = u"Batch room"_s;
    config.messagesPerSecond = 1000;
    config.maxPeersPerAddress = 100;
    config.announceDelayMs = delayMs;
    return config;
}

QString typeOf(const QJsonObject &o)
{
    return o.value(u"type"_s).toString();
}

/// "type:nick" of every join and leave \a client received, from `events` frames and single
/// frames alike, in the order received.
QStringList presenceSeen(const RichClient &client)
{
    QStringList seen;
    auto add = [&seen](const QJsonObject &e) {
        if (typeOf(e) == "join"_L1 || typeOf(e) == "leave"_L1)
            seen.append(typeOf(e) + u':' + e.value(u"nick"_s).toString());
    };
    for (const QJsonObject &o : client.objects()) {
        if (typeOf(o) == "events"_L1) {
            for (const QJsonValue &v : o.value(u"events"_s).toArray())
                add(v.toObject());
        } else {
            add(o);
        }
    }
    return seen;
}

} // namespace

class tst_EventBatches : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void joinsOfAStormComeInOneFrame();
    void leavesAreBatchedToo();
    void clientWithoutTheFeatureGetsAFrameEach();
    void nothingOvertakesTheBatch();
    void noDelayMeansNoBatches();

private:
    bool startRoom(int delayMs);
    QUrl url() const;
    /// Joins \a client asking for event batches; returns its welcome.
    QJsonObject joinBatched(RichClient &client, const QString &nick);
    /// Opens \a count connections and says hello on all of them at once, then waits for every
    /// welcome: the joins land within a few milliseconds of each other.
    bool storm(int count, const QString &prefix);

    std::unique_ptr<RoomServer> m_server;
    std::vector<std::unique_ptr<RichClient>> m_peers;
};

void tst_EventBatches::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_EventBatches::cleanup()
{
    m_peers.clear();
    m_server.reset();
}

bool tst_EventBatches::startRoom(int delayMs)
{
    m_server = std::make_unique<RoomServer>(batchConfig(delayMs));
    return m_server->listen(QHostAddress::LocalHost, 0) && m_server->port() != 0;
}

QUrl tst_EventBatches::url() const
{
    return QUrl(u"ws://127.0.0.1:%1/"_s.arg(m_server->port()));
}

QJsonObject tst_EventBatches::joinBatched(RichClient &client, const QString &nick)
{
    client.open(url());
    if (!client.waitConnected())
        return {};
    client.sendJson({{u"type"_s, u"hello"_s},
                     {u"nick"_s, nick},
                     {u"client"_s, QString(u"client-"_s + nick)},
                     {u"features"_s, QJsonArray{u"event-batches"_s}}});
    return client.waitForType(u"welcome"_s);
}

bool tst_EventBatches::storm(int count, const QString &prefix)
{
    std::vector<RichClient *> fresh;
    for (int i = 1; i <= count; ++i) {
        m_peers.push_back(std::make_unique<RichClient>());
        fresh.push_back(m_peers.back().get());
        fresh.back()->open(url());
    }
    for (RichClient *c : fresh) {
        if (!c->waitConnected())
            return false;
    }
    for (int i = 0; i < count; ++i)
        fresh.at(i)->hello(prefix + QString::number(i + 1));
    for (RichClient *c : fresh) {
        if (c->waitForType(u"welcome"_s).isEmpty())
            return false;
    }
    return true;
}

void tst_EventBatches::joinsOfAStormComeInOneFrame()
{
    QVERIFY(startRoom(1000));
    RichClient watcher;
    QVERIFY(!joinBatched(watcher, u"watcher"_s).isEmpty());
    QVERIFY(storm(4, u"s"_s));
    const QJsonObject batch = watcher.waitForType(u"events"_s);
    QVERIFY(!batch.isEmpty());
    const QJsonArray events = batch.value(u"events"_s).toArray();
    QCOMPARE(events.size(), 4);
    qint64 lastSeq = 0;
    for (const QJsonValue &v : events) {
        QCOMPARE(typeOf(v.toObject()), u"join"_s);
        QVERIFY(v.toObject().value(u"seq"_s).toInteger() > lastSeq);
        lastSeq = v.toObject().value(u"seq"_s).toInteger();
    }
    QVERIFY(watcher.objectsOfType(u"join"_s).isEmpty());
    QCOMPARE(watcher.objectsOfType(u"events"_s).size(), 1);
}

void tst_EventBatches::leavesAreBatchedToo()
{
    QVERIFY(startRoom(300));
    QVERIFY(storm(3, u"l"_s));
    RichClient watcher;
    QVERIFY(!joinBatched(watcher, u"watcher"_s).isEmpty());
    for (auto &peer : m_peers)
        peer->socket().close();
    QTRY_COMPARE_WITH_TIMEOUT(presenceSeen(watcher),
                              (QStringList{u"leave:l1"_s, u"leave:l2"_s, u"leave:l3"_s}), 5000);
    QVERIFY(watcher.objectsOfType(u"leave"_s).isEmpty());
    QVERIFY(watcher.objectsOfType(u"events"_s).size() < 3);
}

void tst_EventBatches::clientWithoutTheFeatureGetsAFrameEach()
{
    QVERIFY(startRoom(1000));
    RichClient old;
    QVERIFY(!old.join(url(), u"old"_s).isEmpty());
    QVERIFY(storm(3, u"s"_s));
    QTRY_COMPARE_WITH_TIMEOUT(old.objectsOfType(u"join"_s).size(), 3, 5000);
    QVERIFY(old.objectsOfType(u"events"_s).isEmpty());
    QCOMPARE(presenceSeen(old), (QStringList{u"join:s1"_s, u"join:s2"_s, u"join:s3"_s}));
}

void tst_EventBatches::nothingOvertakesTheBatch()
{
    // A long window: the message right after the join must not wait for it, nor pass the join.
    QVERIFY(startRoom(1000));
    RichClient watcher;
    QVERIFY(!joinBatched(watcher, u"watcher"_s).isEmpty());
    RichClient talker;
    QVERIFY(!talker.join(url(), u"talker"_s).isEmpty());
    talker.say(u"t-1"_s, u"hi all"_s);
    const QJsonObject message = watcher.waitFor(
            [](const QJsonObject &o) { return o.value(u"id"_s).toString() == "t-1"_L1; }, 900);
    QVERIFY(!message.isEmpty());
    QStringList order;
    for (const QJsonObject &o : watcher.objects())
        order.append(typeOf(o));
    QCOMPARE(order, (QStringList{u"welcome"_s, u"events"_s, u"message"_s}));
    QCOMPARE(presenceSeen(watcher), QStringList{u"join:talker"_s});
}

void tst_EventBatches::noDelayMeansNoBatches()
{
    QVERIFY(startRoom(0));
    RichClient watcher;
    QVERIFY(!joinBatched(watcher, u"watcher"_s).isEmpty());
    QVERIFY(storm(2, u"s"_s));
    QTRY_COMPARE_WITH_TIMEOUT(watcher.objectsOfType(u"join"_s).size(), 2, 5000);
    QVERIFY(watcher.objectsOfType(u"events"_s).isEmpty());
}

QTEST_GUILESS_MAIN(tst_EventBatches)
#include "tst_eventbatches.moc"
