// Interop: the real parlor-cli binary in a room that lists its members in pages (docs/PROTOCOL.md
// "Large rooms"), against an in-process room on 127.0.0.1 with one member a page. parlor-cli
// asks for member-pages, fetches every page and prints the member list once, complete, in text
// and in --json. Every wait is on the child's output.

#include "childprocess.h"
#include "richclient.h"
#include "testsupport.h"

#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTest>

#include <memory>
#include <vector>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;

} // namespace

class tst_CliMembers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void printsTheWholeListOnceItIsComplete();
    void jsonListsEveryMemberOnce();

private:
    bool startRoom();

    std::unique_ptr<RoomServer> m_room;
    std::vector<std::unique_ptr<RichClient>> m_members;
    QString m_url;
};

void tst_CliMembers::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
}

bool tst_CliMembers::startRoom()
{
    m_members.clear();
    RoomConfig config;
    config.roomName = u"Cli members"_s;
    config.memberPageSize = 1;
    m_room = std::make_unique<RoomServer>(config);
    if (!m_room->listen(QHostAddress::LocalHost, 0))
        return false;
    m_url = u"ws://127.0.0.1:%1"_s.arg(m_room->port());
    for (const QString &nick : {u"ann"_s, u"ben"_s, u"cy"_s, u"dee"_s}) {
        auto member = std::make_unique<RichClient>();
        if (member->join(QUrl(m_url), nick).isEmpty())
            return false;
        m_members.push_back(std::move(member));
    }
    return true;
}

void tst_CliMembers::printsTheWholeListOnceItIsComplete()
{
    QVERIFY(startRoom());
    ChildProcess cli(u"parlor-cli"_s, TestSupport::cliBinary(), {m_url, u"--nick"_s, u"eve"_s});
    const auto match = cli.waitForMatch(QProcess::StandardOutput,
                                        QRegularExpression(u"\\* in the room: (.*)"_s), waitMs);
    QVERIFY2(match.hasMatch(), cli.transcript().constData());
    QStringList nicks = match.captured(1).trimmed().split(u", "_s);
    nicks.sort();
    QCOMPARE(nicks, (QStringList{u"ann"_s, u"ben"_s, u"cy"_s, u"dee"_s, u"eve"_s}));
}

void tst_CliMembers::jsonListsEveryMemberOnce()
{
    QVERIFY(startRoom());
    ChildProcess cli(u"parlor-cli"_s, TestSupport::cliBinary(),
                     {m_url, u"--nick"_s, u"eve"_s, u"--json"_s});
    const auto match = cli.waitForMatch(QProcess::StandardOutput,
                                        QRegularExpression(u"(\\{\"event\":\"members\".*\\})"_s),
                                        waitMs);
    QVERIFY2(match.hasMatch(), cli.transcript().constData());
    const QJsonArray members = QJsonDocument::fromJson(match.captured(1).toUtf8())
                                       .object()
                                       .value(u"members"_s)
                                       .toArray();
    QStringList nicks;
    for (const QJsonValue &v : members)
        nicks.append(v.toString());
    nicks.sort();
    QCOMPARE(nicks, (QStringList{u"ann"_s, u"ben"_s, u"cy"_s, u"dee"_s, u"eve"_s}));
}

QTEST_GUILESS_MAIN(tst_CliMembers)
#include "tst_climembers.moc"
