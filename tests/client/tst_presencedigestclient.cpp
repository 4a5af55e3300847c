// ChatSession and presence digests (docs/PROTOCOL.md "Large rooms"), against an in-process
// RoomServer on 127.0.0.1 with real QWebSocket peers: a storm of joins and leaves above the
// room's --digest-threshold reaches the session as one `presence` count; the session moves its
// seq past the storm (a resume then asks from the right place), says in one system line how
// many came and went, and once the storm calms fetches the member pages anew, ending with the
// room's members.

#include "richclient.h"

#include "client/chatsession.h"
#include "client/connectionmanager.h"
#include "client/membermodel.h"
#include "client/messagemodel.h"
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

RoomConfig digestConfig()
{
    RoomConfig config;
    config.roomName = u"Digest room"_s;
    config.messagesPerSecond = 1000;
    config.maxPeersPerAddress = 200;
    config.memberPageSize = 2;     // the refresh takes several pages
    config.announceDelayMs = 2000; // the whole storm in one window, even on a busy machine
    config.digestThreshold = 3;
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

int rowsWithEvent(const MessageModel &model, ChatLine::Event event, const QString &subject = {})
{
    int n = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const ChatLine &line = model.line(row);
        if (line.kind == ChatLine::Kind::System && line.event == event
            && (subject.isEmpty() || line.sender == subject))
            ++n;
    }
    return n;
}

} // namespace

class tst_PresenceDigestClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void sessionAppliesADigest();

private:
    bool join(const QString &nick);

    std::unique_ptr<RoomServer> m_server;
    std::vector<std::unique_ptr<RichClient>> m_peers;
};

void tst_PresenceDigestClient::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(u"parlor.server.info=false\nparlor.client.info=false"_s);
}

void tst_PresenceDigestClient::cleanup()
{
    m_peers.clear();
    m_server.reset();
}

bool tst_PresenceDigestClient::join(const QString &nick)
{
    auto peer = std::make_unique<RichClient>();
    if (peer->join(QUrl(u"ws://127.0.0.1:%1/"_s.arg(m_server->port())), nick).isEmpty())
        return false;
    m_peers.push_back(std::move(peer));
    return true;
}

void tst_PresenceDigestClient::sessionAppliesADigest()
{
    m_server = std::make_unique<RoomServer>(digestConfig());
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    QVERIFY(join(u"m1"_s));
    QVERIFY(join(u"m2"_s));

    ChatSession session;
    session.setMemberRefreshDelay(300);
    QSignalSpy joined(&session, &ChatSession::joined);
    QSignalSpy complete(&session, &ChatSession::memberListComplete);
    QVERIFY(session.start(sessionOptions(m_server->port(), u"me"_s)));
    QVERIFY(joined.wait(waitMs));
    QTRY_VERIFY_WITH_TIMEOUT(session.hasAllMembers(), waitMs);
    QCOMPARE(session.memberCount(), 3);
    const int completions = int(complete.size());
    QSignalSpy lines(&session, &ChatSession::lineArrived);

    // The storm: five join, an old member leaves, all in one window.
    QStringList expected{u"m2"_s, u"me"_s};
    for (int i = 1; i <= 5; ++i) {
        QVERIFY(join(u"s%1"_s.arg(i)));
        expected.append(u"s%1"_s.arg(i));
    }
    m_peers.front()->socket().close();

    QTRY_COMPARE_WITH_TIMEOUT(rowsWithEvent(*session.messages(), ChatLine::Event::Presence), 1,
                              waitMs);
    const MessageModel &messages = *session.messages();
    auto stormLines = [&messages] {
        int n = rowsWithEvent(messages, ChatLine::Event::Leave, u"m1"_s);
        for (int i = 1; i <= 5; ++i)
            n += rowsWithEvent(messages, ChatLine::Event::Join, u"s%1"_s.arg(i));
        return n;
    };
    QCOMPARE(stormLines(), 0);
    for (int row = 0; row < messages.rowCount(); ++row) {
        if (messages.line(row).event == ChatLine::Event::Presence)
            QCOMPARE(messages.line(row).text, u"5 1"_s);
    }
    QCOMPARE(lines.size(), 1);
    // Past the storm without a gap, and the room's count.
    QCOMPARE(session.lastSeq(), m_server->seq());
    QCOMPARE(session.memberCount(), 7);
    QVERIFY(!session.hasAllMembers());

    // Once the storm calms, the list is fetched anew: the newcomers in, the one who left out.
    QTRY_VERIFY_WITH_TIMEOUT(complete.size() > completions, waitMs);
    QVERIFY(session.hasAllMembers());
    QVERIFY(!session.members()->isPaging());
    QCOMPARE(sorted(session.members()->nicks()), sorted(expected));

    // A resume asks from after the storm: none of its events come back one by one.
    QSignalSpy rejoined(&session, &ChatSession::joined);
    QSignalSpy closed(session.connection(), &ConnectionManager::closed);
    session.connection()->close();
    QVERIFY(closed.wait(waitMs));
    session.connection()->reconnectNow();
    QVERIFY(rejoined.wait(waitMs));
    QCOMPARE(stormLines(), 0);
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::Gap), 0);
    QCOMPARE(rowsWithEvent(messages, ChatLine::Event::Presence), 1);
    QCOMPARE(session.lastSeq(), m_server->seq());
}

QTEST_GUILESS_MAIN(tst_PresenceDigestClient)
#include "tst_presencedigestclient.moc"
