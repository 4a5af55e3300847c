// ChatSession in a room that lists its members in pages (docs/PROTOCOL.md "Large rooms"), against
// an in-process RoomServer on 127.0.0.1 with real QWebSocket peers: the session asks for
// member-pages, fetches every page in the background and ends with the room's members, each
// once, however the room changed while it paged.

#include "richclient.h"

#include "client/chatsession.h"
#include "client/membermodel.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <vector>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;

RoomConfig pagedConfig(int pageSize)
{
    RoomConfig config;
    config.roomName = u"Paged room"_s;
    config.messagesPerSecond = 1000;
    config.maxPeersPerAddress = 200;
    config.memberPageSize = pageSize;
    return config;
}

ChatSession::Options sessionOptions(quint16 port, const QString &nick)
{
    ChatSession::Options options;
    options.connection.url = QUrl(u"ws://127.0.0.1:%1/"_s.arg(port));
    options.connection.subprotocols = {u"parlor.v1"_s};
    options.connection.handshakeTimeoutMs = 2000;
    options.connection.pingIntervalMs = 0;
    options.nick = nick;
    options.clientId = u"test-client-"_s + nick;
    return options;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class tst_MemberPaging : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void sessionFetchesEveryPage();
    void roomThatFitsInOnePageIsCompleteAtOnce();
    void churnWhilePagingEndsWithTheRoomsMembers();
    void batchedJoinsAndLeavesReachTheModels();

private:
    bool fillRoom(int count);

    std::unique_ptr<RoomServer> m_server;
    std::vector<std::unique_ptr<RichClient>> m_peers;
};

void tst_MemberPaging::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(u"parlor.server.info=false\nparlor.client.info=false"_s);
}

void tst_MemberPaging::cleanup()
{
    m_peers.clear();
    m_server.reset();
}

bool tst_MemberPaging::fillRoom(int count)
{
    const QUrl url(u"ws://127.0.0.1:%1/"_s.arg(m_server->port()));
    for (int i = 1; i <= count; ++i) {
        auto peer = std::make_unique<RichClient>();
        if (peer->join(url, u"m%1"_s.arg(i)).isEmpty())
            return false;
        m_peers.push_back(std::move(peer));
    }
    return true;
}

void tst_MemberPaging::sessionFetchesEveryPage()
{
    m_server = std::make_unique<RoomServer>(pagedConfig(3));
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    QVERIFY(fillRoom(10));

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy complete(&session, &ChatSession::memberListComplete);
    QSignalSpy merged(session.members(), &QAbstractItemModel::rowsInserted);
    QVERIFY(session.start(sessionOptions(m_server->port(), u"me"_s)));
    QVERIFY(joined.wait(waitMs));
    // The welcome had the first page only.
    QVERIFY(!session.hasAllMembers());
    QVERIFY(session.members()->rowCount() < 11);
    QVERIFY(complete.wait(waitMs));
    QCOMPARE(complete.size(), 1);
    QVERIFY(session.hasAllMembers());
    QVERIFY(!session.members()->isPaging());
    QStringList expected{u"me"_s};
    for (int i = 1; i <= 10; ++i)
        expected.append(u"m%1"_s.arg(i));
    QCOMPARE(sorted(session.members()->nicks()), sorted(expected));
    QCOMPARE(merged.size(), 3); // pages 2, 3 and 4 of 3 members each (11 in all)
}

void tst_MemberPaging::roomThatFitsInOnePageIsCompleteAtOnce()
{
    m_server = std::make_unique<RoomServer>(pagedConfig(200));
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    QVERIFY(fillRoom(2));
    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy complete(&session, &ChatSession::memberListComplete);
    QVERIFY(session.start(sessionOptions(m_server->port(), u"me"_s)));
    QVERIFY(joined.wait(waitMs));
    // In the same turn as joined: nothing to fetch.
    QCOMPARE(complete.size(), 1);
    QVERIFY(session.hasAllMembers());
    QCOMPARE(sorted(session.members()->nicks()), (QStringList{u"m1"_s, u"m2"_s, u"me"_s}));
}

void tst_MemberPaging::churnWhilePagingEndsWithTheRoomsMembers()
{
    // One member a page, so that paging takes many round trips while members come, go and
    // rename: whatever interleaving happens, the list ends as the room is, each member once.
    m_server = std::make_unique<RoomServer>(pagedConfig(1));
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    QVERIFY(fillRoom(30));

    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy complete(&session, &ChatSession::memberListComplete);
    QVERIFY(session.start(sessionOptions(m_server->port(), u"me"_s)));
    QVERIFY(joined.wait(waitMs));
    QVERIFY(!session.hasAllMembers());

    // Early and late members leave, some rename, newcomers arrive.
    QStringList expected{u"me"_s};
    for (int i = 1; i <= 30; ++i)
        expected.append(u"m%1"_s.arg(i));
    for (int i : {1, 2, 15, 29, 30}) {
        m_peers.at(i - 1)->socket().close();
        expected.removeAll(u"m%1"_s.arg(i));
    }
    for (int i : {3, 20}) {
        m_peers.at(i - 1)->sendJson({{u"type"_s, u"nick"_s}, {u"nick"_s, u"renamed%1"_s.arg(i)}});
        expected.removeAll(u"m%1"_s.arg(i));
        expected.append(u"renamed%1"_s.arg(i));
    }
    const QUrl url(u"ws://127.0.0.1:%1/"_s.arg(m_server->port()));
    for (int i = 31; i <= 33; ++i) {
        auto peer = std::make_unique<RichClient>();
        QVERIFY(!peer->join(url, u"m%1"_s.arg(i)).isEmpty());
        m_peers.push_back(std::move(peer));
        expected.append(u"m%1"_s.arg(i));
    }

    QVERIFY(complete.wait(waitMs) || session.hasAllMembers());
    // Events after the last page still apply: wait for the list to settle on the room's.
    QTRY_COMPARE_WITH_TIMEOUT(sorted(session.members()->nicks()), sorted(expected), waitMs);
    QCOMPARE(session.members()->nicks().size(), expected.size()); // nobody twice
}

void tst_MemberPaging::batchedJoinsAndLeavesReachTheModels()
{
    // The session asks for event batches too: a long window makes the joins come in one frame.
    RoomConfig config = pagedConfig(200);
    config.announceDelayMs = 300;
    m_server = std::make_unique<RoomServer>(config);
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    ChatSession session;
    QSignalSpy joined(&session, &ChatSession::joined);
    QVERIFY(session.start(sessionOptions(m_server->port(), u"me"_s)));
    QVERIFY(joined.wait(waitMs));
    QSignalSpy lines(&session, &ChatSession::lineArrived);
    QVERIFY(fillRoom(3));
    QTRY_COMPARE_WITH_TIMEOUT(sorted(session.members()->nicks()),
                              (QStringList{u"m1"_s, u"m2"_s, u"m3"_s, u"me"_s}), waitMs);
    QCOMPARE(lines.size(), 3); // a join line each
    m_peers.at(1)->socket().close();
    QTRY_COMPARE_WITH_TIMEOUT(sorted(session.members()->nicks()),
                              (QStringList{u"m1"_s, u"m3"_s, u"me"_s}), waitMs);
    QCOMPARE(session.lastSeq(), m_server->seq());
}

QTEST_GUILESS_MAIN(tst_MemberPaging)
#include "tst_memberpaging.moc"
