// Presence digests (docs/PROTOCOL.md "Large rooms"), through real QWebSocket clients against an
// in-process RoomServer on 127.0.0.1: a client whose hello names "presence-digest" (with
// "event-batches") gets a window of more than --digest-threshold joins and leaves as one
// `presence` count; a window at or below the threshold, and clients without the feature, get
// the events as before; each peer's count is of its own slice of the window; the room's history
// still holds every event.

#include "richclient.h"

#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QTest>

#include <memory>
#include <vector>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

/// A window long enough that a test's storm lands in one, even on a busy machine.
constexpr int WindowMs = 3000;
constexpr int Threshold = 3;

RoomConfig digestConfig()
{
    RoomConfig config;
    config.roomName = u"Digest room"_s;
    config.messagesPerSecond = 1000;
    config.maxPeersPerAddress = 100;
    config.announceDelayMs = WindowMs;
    config.digestThreshold = Threshold;
    return config;
}

QString typeOf(const QJsonObject &o)
{
    return o.value(u"type"_s).toString();
}

qint64 integer(const QJsonObject &o, const QString &key)
{
    return o.value(key).toInteger(-1);
}

} // namespace

class tst_PresenceDigest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void stormAboveTheThresholdIsOneDigest();
    void stormAtTheThresholdIsEvents();
    void clientsWithoutTheFeatureGetTheEvents();
    void lateJoinerCountsItsOwnSlice();
    void historyStillHoldsEachJoin();
    void thresholdZeroNeverDigests();

private:
    bool startRoom(const RoomConfig &config = digestConfig());
    QUrl url() const;
    /// Joins \a client with the hello \a features; returns its welcome.
    QJsonObject joinWith(RichClient &client, const QString &nick, const QStringList &features);
    /// Opens \a count connections, says hello on all of them at once and waits for every
    /// welcome; returns the highest welcome seq (the seq of the last join), 0 on failure.
    qint64 storm(int count, const QString &prefix);
    /// Every member the pages list from \a cursor on, asked by \a client.
    QStringList pageAll(RichClient &client, QString cursor);

    std::unique_ptr<RoomServer> m_server;
    std::vector<std::unique_ptr<RichClient>> m_peers;
};

void tst_PresenceDigest::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_PresenceDigest::cleanup()
{
    m_peers.clear();
    m_server.reset();
}

bool tst_PresenceDigest::startRoom(const RoomConfig &config)
{
    m_server = std::make_unique<RoomServer>(config);
    return m_server->listen(QHostAddress::LocalHost, 0) && m_server->port() != 0;
}

QUrl tst_PresenceDigest::url() const
{
    return QUrl(u"ws://127.0.0.1:%1/"_s.arg(m_server->port()));
}

QJsonObject tst_PresenceDigest::joinWith(RichClient &client, const QString &nick,
                                         const QStringList &features)
{
    client.open(url());
    if (!client.waitConnected())
        return {};
    client.sendJson({{u"type"_s, u"hello"_s},
                     {u"nick"_s, nick},
                     {u"client"_s, QString(u"client-"_s + nick)},
                     {u"features"_s, QJsonArray::fromStringList(features)}});
    return client.waitForType(u"welcome"_s);
}

qint64 tst_PresenceDigest::storm(int count, const QString &prefix)
{
    std::vector<RichClient *> fresh;
    for (int i = 1; i <= count; ++i) {
        m_peers.push_back(std::make_unique<RichClient>());
        fresh.push_back(m_peers.back().get());
        fresh.back()->open(url());
    }
    for (RichClient *c : fresh) {
        if (!c->waitConnected())
            return 0;
    }
    for (int i = 0; i < count; ++i)
        fresh.at(i)->hello(prefix + QString::number(i + 1));
    qint64 last = 0;
    for (RichClient *c : fresh) {
        const QJsonObject welcome = c->waitForType(u"welcome"_s);
        if (welcome.isEmpty())
            return 0;
        last = std::max(last, integer(welcome, u"seq"_s));
    }
    return last;
}

QStringList tst_PresenceDigest::pageAll(RichClient &client, QString cursor)
{
    QStringList nicks;
    while (!cursor.isEmpty()) {
        client.sendJson({{u"type"_s, u"members"_s}, {u"after"_s, cursor}});
        const QJsonObject page = client.waitForType(u"members"_s);
        if (page.isEmpty())
            return {u"<no page>"_s};
        for (const QJsonValue &v : page.value(u"members"_s).toArray())
            nicks.append(v.toObject().value(u"nick"_s).toString());
        cursor = page.value(u"next"_s).toString();
    }
    return nicks;
}

const QStringList digesting{u"member-pages"_s, u"event-batches"_s, u"presence-digest"_s};
const QStringList batching{u"member-pages"_s, u"event-batches"_s};

void tst_PresenceDigest::stormAboveTheThresholdIsOneDigest()
{
    QVERIFY(startRoom());
    RichClient watcher;
    QVERIFY(!joinWith(watcher, u"watcher"_s, digesting).isEmpty());
    const qint64 lastJoin = storm(5, u"s"_s);
    QVERIFY(lastJoin > 0);
    // A leave in the same window: counted too, and the member count is the room's after it.
    m_peers.front()->socket().close();
    const QJsonObject digest = watcher.waitForType(u"presence"_s, 3 * WindowMs);
    QVERIFY2(!digest.isEmpty(), "no presence frame");
    QCOMPARE(integer(digest, u"through"_s), lastJoin + 1);
    QCOMPARE(integer(digest, u"joined"_s), 5);
    QCOMPARE(integer(digest, u"left"_s), 1);
    QCOMPARE(integer(digest, u"memberCount"_s), 5);
    QVERIFY(watcher.objectsOfType(u"events"_s).isEmpty());
    QVERIFY(watcher.objectsOfType(u"join"_s).isEmpty());
    QVERIFY(watcher.objectsOfType(u"leave"_s).isEmpty());
    QCOMPARE(watcher.objectsOfType(u"presence"_s).size(), 1);
    // The digest's cursor lists everyone anew.
    QStringList listed = pageAll(watcher, digest.value(u"membersFrom"_s).toString());
    listed.sort();
    QCOMPARE(listed, (QStringList{u"s2"_s, u"s3"_s, u"s4"_s, u"s5"_s, u"watcher"_s}));
}

void tst_PresenceDigest::stormAtTheThresholdIsEvents()
{
    QVERIFY(startRoom());
    RichClient watcher;
    QVERIFY(!joinWith(watcher, u"watcher"_s, digesting).isEmpty());
    QVERIFY(storm(Threshold, u"s"_s) > 0);
    const QJsonObject batch = watcher.waitForType(u"events"_s, 3 * WindowMs);
    QVERIFY(!batch.isEmpty());
    QCOMPARE(batch.value(u"events"_s).toArray().size(), Threshold);
    QVERIFY(watcher.objectsOfType(u"presence"_s).isEmpty());
}

void tst_PresenceDigest::clientsWithoutTheFeatureGetTheEvents()
{
    QVERIFY(startRoom());
    RichClient digester;
    QVERIFY(!joinWith(digester, u"digester"_s, digesting).isEmpty());
    RichClient batcher;
    QVERIFY(!joinWith(batcher, u"batcher"_s, batching).isEmpty());
    RichClient old;
    QVERIFY(!old.join(url(), u"old"_s).isEmpty());
    // presence-digest alone, without event-batches, is not enough.
    RichClient halfway;
    QVERIFY(!joinWith(halfway, u"halfway"_s, {u"presence-digest"_s}).isEmpty());
    QVERIFY(storm(5, u"s"_s) > 0);
    QVERIFY(!digester.waitForType(u"presence"_s, 3 * WindowMs).isEmpty());
    // The batcher's window began with old's join: its slice holds 7 events.
    const QJsonObject batch = batcher.waitForType(u"events"_s, 3 * WindowMs);
    QCOMPARE(batch.value(u"events"_s).toArray().size(), 7);
    QTRY_COMPARE_WITH_TIMEOUT(old.objectsOfType(u"join"_s).size(), 6, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(halfway.objectsOfType(u"join"_s).size(), 5, 5000);
    QVERIFY(batcher.objectsOfType(u"presence"_s).isEmpty());
    QVERIFY(old.objectsOfType(u"presence"_s).isEmpty());
    QVERIFY(old.objectsOfType(u"events"_s).isEmpty());
    QVERIFY(halfway.objectsOfType(u"presence"_s).isEmpty());
}

void tst_PresenceDigest::lateJoinerCountsItsOwnSlice()
{
    QVERIFY(startRoom());
    RichClient early;
    QVERIFY(!joinWith(early, u"early"_s, digesting).isEmpty());
    QVERIFY(storm(2, u"a"_s) > 0);
    // Joins mid-window: its slice starts after its own join.
    RichClient late;
    QVERIFY(!joinWith(late, u"late"_s, digesting).isEmpty());
    const qint64 lastJoin = storm(4, u"b"_s);
    QVERIFY(lastJoin > 0);
    const QJsonObject earlyDigest = early.waitForType(u"presence"_s, 3 * WindowMs);
    const QJsonObject lateDigest = late.waitForType(u"presence"_s, 3 * WindowMs);
    QVERIFY(!earlyDigest.isEmpty());
    QVERIFY(!lateDigest.isEmpty());
    QCOMPARE(integer(earlyDigest, u"joined"_s), 7); // a1 a2 late b1..b4
    QCOMPARE(integer(lateDigest, u"joined"_s), 4);  // b1..b4
    QCOMPARE(integer(earlyDigest, u"left"_s), 0);
    QCOMPARE(integer(lateDigest, u"left"_s), 0);
    QCOMPARE(integer(earlyDigest, u"through"_s), lastJoin);
    QCOMPARE(integer(lateDigest, u"through"_s), lastJoin);
    QCOMPARE(integer(earlyDigest, u"memberCount"_s), 8);
    QCOMPARE(integer(lateDigest, u"memberCount"_s), 8);
}

void tst_PresenceDigest::historyStillHoldsEachJoin()
{
    QVERIFY(startRoom());
    RichClient watcher;
    const QJsonObject before = joinWith(watcher, u"watcher"_s, digesting);
    QVERIFY(!before.isEmpty());
    QVERIFY(storm(5, u"s"_s) > 0);
    QVERIFY(!watcher.waitForType(u"presence"_s, 3 * WindowMs).isEmpty());
    // Resuming from the welcome's seq brings each join back, one by one.
    RichClient again;
    again.open(url());
    QVERIFY(again.waitConnected());
    again.hello(u"watcher2"_s, u"client-w2"_s, integer(before, u"seq"_s),
                before.value(u"incarnation"_s).toString());
    const QJsonObject welcome = again.waitForType(u"welcome"_s);
    QVERIFY(!welcome.isEmpty());
    QStringList joins;
    for (const QJsonValue &v : welcome.value(u"history"_s).toArray()) {
        if (typeOf(v.toObject()) == "join"_L1)
            joins.append(v.toObject().value(u"nick"_s).toString());
    }
    QCOMPARE(joins, (QStringList{u"s1"_s, u"s2"_s, u"s3"_s, u"s4"_s, u"s5"_s, u"watcher2"_s}));
}

void tst_PresenceDigest::thresholdZeroNeverDigests()
{
    RoomConfig config = digestConfig();
    config.digestThreshold = 0;
    QVERIFY(startRoom(config));
    RichClient watcher;
    QVERIFY(!joinWith(watcher, u"watcher"_s, digesting).isEmpty());
    QVERIFY(storm(5, u"s"_s) > 0);
    const QJsonObject batch = watcher.waitForType(u"events"_s, 3 * WindowMs);
    QCOMPARE(batch.value(u"events"_s).toArray().size(), 5);
    QVERIFY(watcher.objectsOfType(u"presence"_s).isEmpty());
}

QTEST_GUILESS_MAIN(tst_PresenceDigest)
#include "tst_presencedigest.moc"
