// Member pages (docs/PROTOCOL.md "Large rooms"), through real QWebSocket clients against an
// in-process RoomServer on 127.0.0.1: a client whose hello names the "member-pages" feature gets
// the member count and the first page in its welcome and fetches the rest with `members`
// requests; a client without it still gets everyone in its welcome.

#include "richclient.h"

#include "protocol/protocol.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

RoomConfig pagedConfig(int pageSize)
{
    RoomConfig config;
    config.roomName = u"Paged room"_s;
    config.messagesPerSecond = 1000;
    config.maxPeersPerAddress = 100;
    config.memberPageSize = pageSize;
    return config;
}

QJsonObject helloWithFeatures(const QString &nick, const QJsonArray &features)
{
    return {{u"type"_s, u"hello"_s},
            {u"nick"_s, nick},
            {u"client"_s, QString(u"client-"_s + nick)},
            {u"features"_s, features}};
}

QJsonObject membersRequest(const QJsonValue &after)
{
    return {{u"type"_s, u"members"_s}, {u"after"_s, after}};
}

/// "nick" of each member object, in the order given.
QStringList nicksOf(const QJsonValue &members)
{
    QStringList nicks;
    for (const QJsonValue &v : members.toArray())
        nicks.append(v.toObject().value(u"nick"_s).toString());
    return nicks;
}

RichClient::Predicate ofType(const QString &type)
{
    return [type](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == type;
    };
}

RichClient::Predicate eventOf(const QString &type, const QString &nick)
{
    return [type, nick](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == type && o.value(u"nick"_s).toString() == nick;
    };
}

} // namespace

class tst_MemberPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void welcomeCarriesTheFirstPageAndTheCount();
    void pagesListEveryoneOnceAndEnd();
    void clientWithoutTheFeatureGetsEveryone_data();
    void clientWithoutTheFeatureGetsEveryone();
    void joinsAndLeavesDuringPagingAreNotListedTwiceOrLate();
    void plainMembersKeepTheirMode();
    void badMembersRequestIsRefusedAndDisturbsNothing_data();
    void badMembersRequestIsRefusedAndDisturbsNothing();
    void membersRequestBeforeHelloIsRefused();
    void helloWithMalformedFeaturesIsRefused_data();
    void helloWithMalformedFeaturesIsRefused();

private:
    bool startRoom(const RoomConfig &config);
    QUrl url() const;
    /// Joins \a count rich members m1..m<count> (no features) into m_members.
    bool fillRoom(int count);
    /// Joins \a client with the member-pages feature and returns its welcome.
    QJsonObject joinPaged(RichClient &client, const QString &nick);

    std::unique_ptr<RoomServer> m_server;
    std::vector<std::unique_ptr<RichClient>> m_members;
};

void tst_MemberPages::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

void tst_MemberPages::cleanup()
{
    m_members.clear();
    m_server.reset();
}

bool tst_MemberPages::startRoom(const RoomConfig &config)
{
    m_server = std::make_unique<RoomServer>(config);
    return m_server->listen(QHostAddress::LocalHost, 0) && m_server->port() != 0;
}

QUrl tst_MemberPages::url() const
{
    return QUrl(u"ws://127.0.0.1:%1/"_s.arg(m_server->port()));
}

bool tst_MemberPages::fillRoom(int count)
{
    for (int i = 1; i <= count; ++i) {
        auto client = std::make_unique<RichClient>();
        if (client->join(url(), u"m%1"_s.arg(i)).isEmpty())
            return false;
        m_members.push_back(std::move(client));
    }
    return true;
}

QJsonObject tst_MemberPages::joinPaged(RichClient &client, const QString &nick)
{
    client.open(url());
    if (!client.waitConnected())
        return {};
    client.sendJson(helloWithFeatures(nick, {u"member-pages"_s, u"some-future-feature"_s}));
    return client.waitForType(u"welcome"_s);
}

void tst_MemberPages::welcomeCarriesTheFirstPageAndTheCount()
{
    QVERIFY(startRoom(pagedConfig(3)));
    QVERIFY(fillRoom(7));
    RichClient pager;
    const QJsonObject welcome = joinPaged(pager, u"pager"_s);
    QVERIFY(!welcome.isEmpty());
    QCOMPARE(welcome.value(u"memberCount"_s).toInteger(), 8);
    QCOMPARE(nicksOf(welcome.value(u"members"_s)), (QStringList{u"m1"_s, u"m2"_s, u"m3"_s}));
    QVERIFY(welcome.value(u"membersNext"_s).isString());
    QVERIFY(!welcome.value(u"membersNext"_s).toString().isEmpty());
    // The rest of the welcome is as ever: the history ends with the joiner's own join.
    const QJsonArray history = welcome.value(u"history"_s).toArray();
    QCOMPARE(history.last().toObject().value(u"nick"_s).toString(), u"pager"_s);
}

void tst_MemberPages::pagesListEveryoneOnceAndEnd()
{
    QVERIFY(startRoom(pagedConfig(3)));
    QVERIFY(fillRoom(7));
    RichClient pager;
    const QJsonObject welcome = joinPaged(pager, u"pager"_s);
    QVERIFY(!welcome.isEmpty());
    QStringList all = nicksOf(welcome.value(u"members"_s));
    QString cursor = welcome.value(u"membersNext"_s).toString();
    QList<int> pageSizes;
    while (!cursor.isEmpty()) {
        pager.sendJson(membersRequest(cursor));
        const QJsonObject page = pager.waitForType(u"members"_s);
        QVERIFY(!page.isEmpty());
        QVERIFY(page.value(u"members"_s).isArray());
        pageSizes.append(int(page.value(u"members"_s).toArray().size()));
        all += nicksOf(page.value(u"members"_s));
        QVERIFY(page.value(u"next"_s).isUndefined() || page.value(u"next"_s).isString());
        cursor = page.value(u"next"_s).toString();
        QVERIFY(pageSizes.size() < 10);
    }
    QCOMPARE(pageSizes, (QList<int>{3, 2}));
    QCOMPARE(all, (QStringList{u"m1"_s, u"m2"_s, u"m3"_s, u"m4"_s, u"m5"_s, u"m6"_s, u"m7"_s,
                               u"pager"_s}));
    QVERIFY(pager.objectsOfType(u"error"_s).isEmpty());
}

void tst_MemberPages::clientWithoutTheFeatureGetsEveryone_data()
{
    QTest::addColumn<QJsonValue>("features");
    QTest::newRow("no features field") << QJsonValue();
    QTest::newRow("empty features") << QJsonValue(QJsonArray{});
    QTest::newRow("only unknown features") << QJsonValue(QJsonArray{u"event-batches-v9"_s});
}

void tst_MemberPages::clientWithoutTheFeatureGetsEveryone()
{
    QFETCH(QJsonValue, features);
    QVERIFY(startRoom(pagedConfig(2)));
    QVERIFY(fillRoom(5));
    RichClient old;
    old.open(url());
    QVERIFY(old.waitConnected());
    QJsonObject hello{{u"type"_s, u"hello"_s}, {u"nick"_s, u"old"_s}, {u"client"_s, u"old-1"_s}};
    if (!features.isUndefined())
        hello.insert(u"features"_s, features);
    old.sendJson(hello);
    const QJsonObject welcome = old.waitForType(u"welcome"_s);
    QVERIFY(!welcome.isEmpty());
    QCOMPARE(nicksOf(welcome.value(u"members"_s)),
             (QStringList{u"m1"_s, u"m2"_s, u"m3"_s, u"m4"_s, u"m5"_s, u"old"_s}));
    QVERIFY(!welcome.contains(u"memberCount"_s));
    QVERIFY(!welcome.contains(u"membersNext"_s));
}

void tst_MemberPages::joinsAndLeavesDuringPagingAreNotListedTwiceOrLate()
{
    QVERIFY(startRoom(pagedConfig(2)));
    QVERIFY(fillRoom(6));
    RichClient pager;
    const QJsonObject welcome = joinPaged(pager, u"pager"_s);
    QVERIFY(!welcome.isEmpty());
    QCOMPARE(nicksOf(welcome.value(u"members"_s)), (QStringList{u"m1"_s, u"m2"_s}));
    const QString cursor = welcome.value(u"membersNext"_s).toString();

    // While the pager has only the first page: one it has leaves, one it has not leaves, and
    // somebody new comes. It hears all three as events before it asks for the next page.
    m_members.at(0)->socket().close();
    m_members.at(3)->socket().close();
    RichClient late;
    QVERIFY(!late.join(url(), u"m7"_s).isEmpty());
    QVERIFY(!pager.waitFor(eventOf(u"leave"_s, u"m1"_s)).isEmpty());
    QVERIFY(!pager.waitFor(eventOf(u"leave"_s, u"m4"_s)).isEmpty());
    QVERIFY(!pager.waitFor(eventOf(u"join"_s, u"m7"_s)).isEmpty());

    // The pages go on from where the first one ended: m4 is not listed (gone), m1 and m2 not
    // again, m7 once (after the pager, who came before it).
    QStringList rest;
    QString next = cursor;
    while (!next.isEmpty()) {
        pager.sendJson(membersRequest(next));
        const QJsonObject page = pager.waitForType(u"members"_s);
        QVERIFY(!page.isEmpty());
        rest += nicksOf(page.value(u"members"_s));
        next = page.value(u"next"_s).toString();
        QVERIFY(rest.size() < 20);
    }
    QCOMPARE(rest, (QStringList{u"m3"_s, u"m5"_s, u"m6"_s, u"pager"_s, u"m7"_s}));
    // A cursor may be used again, even after the member it names has left: the same place.
    pager.sendJson(membersRequest(cursor));
    const QJsonObject again = pager.waitForType(u"members"_s);
    QCOMPARE(nicksOf(again.value(u"members"_s)), (QStringList{u"m3"_s, u"m5"_s}));
}

void tst_MemberPages::plainMembersKeepTheirMode()
{
    QVERIFY(startRoom(pagedConfig(1)));
    QVERIFY(fillRoom(1));
    RichClient plain;
    plain.open(url(), {u"chatting"_s});
    QVERIFY(plain.waitConnected());
    QVERIFY(!m_members.at(0)->waitFor(ofType(u"join"_s)).isEmpty());
    RichClient pager;
    const QJsonObject welcome = joinPaged(pager, u"pager"_s);
    QCOMPARE(welcome.value(u"memberCount"_s).toInteger(), 3);
    pager.sendJson(membersRequest(welcome.value(u"membersNext"_s)));
    const QJsonObject page = pager.waitForType(u"members"_s);
    const QJsonArray members = page.value(u"members"_s).toArray();
    QCOMPARE(members.size(), 1);
    QCOMPARE(members.at(0).toObject().value(u"mode"_s).toString(), u"plain"_s);
    QVERIFY(page.value(u"next"_s).isString()); // the pager itself is still to come
}

void tst_MemberPages::badMembersRequestIsRefusedAndDisturbsNothing_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::newRow("no after") << QJsonObject{{u"type"_s, u"members"_s}};
    QTest::newRow("after is a number") << membersRequest(5);
    QTest::newRow("after is null") << membersRequest(QJsonValue::Null);
    QTest::newRow("after is empty") << membersRequest(u""_s);
    QTest::newRow("unknown letter") << membersRequest(u"x12"_s);
    QTest::newRow("no number") << membersRequest(u"p"_s);
    QTest::newRow("negative") << membersRequest(u"p-1"_s);
    QTest::newRow("not digits") << membersRequest(u"p1e3"_s);
    QTest::newRow("too long") << membersRequest(QString(65, u'1').prepend(u'p'));
    QTest::newRow("past 2^63") << membersRequest(u"p99999999999999999999"_s);
}

void tst_MemberPages::badMembersRequestIsRefusedAndDisturbsNothing()
{
    QFETCH(QJsonObject, request);
    QVERIFY(startRoom(pagedConfig(2)));
    QVERIFY(fillRoom(3));
    RichClient pager;
    const QJsonObject welcome = joinPaged(pager, u"pager"_s);
    QVERIFY(!welcome.isEmpty());

    pager.sendJson(request);
    const QJsonObject error = pager.waitForType(u"error"_s);
    QCOMPARE(error.value(u"code"_s).toString(), u"bad-field"_s);
    QVERIFY(pager.objectsOfType(u"members"_s).isEmpty());

    // Still in the room, talking, and paging works.
    pager.say(u"p-1"_s, u"still here"_s);
    QVERIFY(!m_members.at(0)
                     ->waitFor([](const QJsonObject &o) {
                         return o.value(u"id"_s).toString() == "p-1"_L1;
                     })
                     .isEmpty());
    pager.sendJson(membersRequest(welcome.value(u"membersNext"_s)));
    const QJsonObject page = pager.waitForType(u"members"_s);
    QCOMPARE(nicksOf(page.value(u"members"_s)), (QStringList{u"m3"_s, u"pager"_s}));
    QVERIFY(pager.isConnected());
    QVERIFY(m_members.at(1)->objectsOfType(u"leave"_s).isEmpty());
}

void tst_MemberPages::membersRequestBeforeHelloIsRefused()
{
    QVERIFY(startRoom(pagedConfig(2)));
    QVERIFY(fillRoom(1));
    RichClient early;
    early.open(url());
    QVERIFY(early.waitConnected());
    early.sendJson(membersRequest(u"p0"_s));
    QCOMPARE(early.waitForType(u"error"_s).value(u"code"_s).toString(), u"not-joined"_s);
    QVERIFY(early.objectsOfType(u"members"_s).isEmpty());
    // hello still works afterwards
    early.sendJson(helloWithFeatures(u"early"_s, {u"member-pages"_s}));
    QCOMPARE(early.waitForType(u"welcome"_s).value(u"memberCount"_s).toInteger(), 2);
}

void tst_MemberPages::helloWithMalformedFeaturesIsRefused_data()
{
    QTest::addColumn<QJsonValue>("features");
    QTest::newRow("a string") << QJsonValue(u"member-pages"_s);
    QTest::newRow("a number in it") << QJsonValue(QJsonArray{u"member-pages"_s, 1});
    QJsonArray many;
    for (int i = 0; i <= MaxHelloFeatures; ++i)
        many.append(u"f%1"_s.arg(i));
    QTest::newRow("too many") << QJsonValue(many);
    QTest::newRow("too long a name") << QJsonValue(QJsonArray{QString(65, u'f')});
}

void tst_MemberPages::helloWithMalformedFeaturesIsRefused()
{
    QFETCH(QJsonValue, features);
    QVERIFY(startRoom(pagedConfig(2)));
    RichClient client;
    client.open(url());
    QVERIFY(client.waitConnected());
    client.sendJson({{u"type"_s, u"hello"_s},
                     {u"nick"_s, u"x"_s},
                     {u"client"_s, u"x-1"_s},
                     {u"features"_s, features}});
    QCOMPARE(client.waitForType(u"error"_s).value(u"code"_s).toString(), u"bad-field"_s);
    // As with any refused hello, another may follow.
    client.sendJson(helloWithFeatures(u"x"_s, {u"member-pages"_s}));
    QCOMPARE(client.waitForType(u"welcome"_s).value(u"memberCount"_s).toInteger(), 1);
}

QTEST_GUILESS_MAIN(tst_MemberPages)
#include "tst_memberpages.moc"
