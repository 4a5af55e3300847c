// ServerList: the servers one room address names (failover, docs/CLI.md --server). Bad input is
// refused as a whole, with a sentence that names the bad entry: a list that quietly lost the
// entry with a typo would lose the very server one counted on.

#include "client/serverlist.h"

#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

class tst_ServerList : public QObject
{
    Q_OBJECT

private slots:
    void goodLists_data();
    void goodLists();
    void badLists_data();
    void badLists();
    void severalOptionsAddUp();
    void limitHasADefaultAndCanBeSet();
    void joinReadsBack();
    void serverKeyFillsTheDefaultPort();
};

void tst_ServerList::goodLists_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("one") << u"ws://a:5870"_s << QStringList{u"ws://a:5870"_s};
    QTest::newRow("two") << u"ws://a:5870,ws://b:5870"_s
                         << QStringList{u"ws://a:5870"_s, u"ws://b:5870"_s};
    QTest::newRow("order kept") << u"ws://b:1,ws://a:2,ws://c:3"_s
                                << QStringList{u"ws://b:1"_s, u"ws://a:2"_s, u"ws://c:3"_s};
    QTest::newRow("whitespace around entries") << u"  ws://a:5870 ,\tws://b:5870  "_s
                                               << QStringList{u"ws://a:5870"_s, u"ws://b:5870"_s};
    QTest::newRow("mixed ws and wss")
            << u"wss://chat.example.org/room,ws://192.168.1.20:5870"_s
            << QStringList{u"wss://chat.example.org/room"_s, u"ws://192.168.1.20:5870"_s};
    QTest::newRow("no scheme gets ws")
            << u"a:5870,b:5871"_s << QStringList{u"ws://a:5870"_s, u"ws://b:5871"_s};
    QTest::newRow("IPv6") << u"ws://[::1]:5870,ws://127.0.0.1:5870"_s
                          << QStringList{u"ws://[::1]:5870"_s, u"ws://127.0.0.1:5870"_s};
    QTest::newRow("same host, other port")
            << u"ws://a:5870,ws://a:5871"_s << QStringList{u"ws://a:5870"_s, u"ws://a:5871"_s};
    QTest::newRow("same server, other path")
            << u"ws://a/one,ws://a/two"_s << QStringList{u"ws://a/one"_s, u"ws://a/two"_s};
    QTest::newRow("upper-case scheme")
            << u"WS://a:1,WSS://b"_s << QStringList{u"ws://a:1"_s, u"wss://b"_s};
}

void tst_ServerList::goodLists()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QString error = u"stale"_s;
    const QList<QUrl> servers = ServerList::parse(text, &error);
    QStringList got;
    for (const QUrl &url : servers)
        got.append(url.toString());
    QCOMPARE(got, expected);
    QCOMPARE(error, QString()); // cleared on success
}

void tst_ServerList::badLists_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expectedError"); // a part of it: what is wrong, and where

    QTest::newRow("empty") << QString() << u"No server address given"_s;
    QTest::newRow("only spaces") << u"   "_s << u"No server address given"_s;
    QTest::newRow("two commas") << u"ws://a:1,,ws://b:2"_s << u"Empty server address"_s;
    QTest::newRow("trailing comma") << u"ws://a:1,"_s << u"Empty server address"_s;
    QTest::newRow("leading comma") << u",ws://a:1"_s << u"Empty server address"_s;
    QTest::newRow("only a comma") << u","_s << u"Empty server address"_s;
    QTest::newRow("http entry names it")
            << u"ws://a:1,http://b:2"_s << u"\"http://b:2\" is not a WebSocket address"_s;
    QTest::newRow("ftp entry") << u"ftp://b"_s << u"\"ftp://b\" is not a WebSocket address"_s;
    QTest::newRow("no host") << u"ws://a:1,ws://"_s << u"\"ws://\" names no host"_s;
    QTest::newRow("bad port") << u"ws://a:1,ws://b:99999"_s
                              << u"\"ws://b:99999\" is not a valid address"_s;
    QTest::newRow("space in host") << u"ws://a b:1"_s << u"\"ws://a b:1\" is not a valid address"_s;
    QTest::newRow("duplicate") << u"ws://a:1,ws://b:2,ws://a:1"_s
                               << u"\"ws://a:1\" is listed twice"_s;
    QTest::newRow("duplicate, default port spelled out")
            << u"ws://a,ws://a:80"_s << u"\"ws://a:80\" is listed twice"_s;
    QTest::newRow("duplicate, host case") << u"ws://Host:1,ws://host:1"_s << u"listed twice"_s;
    QTest::newRow("duplicate, no scheme") << u"a:1,ws://a:1"_s << u"listed twice"_s;
}

void tst_ServerList::badLists()
{
    QFETCH(QString, text);
    QFETCH(QString, expectedError);
    QString error;
    QVERIFY(ServerList::parse(text, &error).isEmpty());
    QVERIFY2(error.contains(expectedError), qPrintable(error));
    // Without a place for the error it is refused all the same (and does not crash).
    QVERIFY(ServerList::parse(text).isEmpty());
}

void tst_ServerList::severalOptionsAddUp()
{
    // parlor-cli: the url and each --server, each of which may itself be a list.
    QString error;
    const QList<QUrl> servers = ServerList::parse(QStringList{u"ws://a:1"_s, u"ws://b:2,ws://c:3"_s,
                                                              u" ws://d:4 "_s},
                                                  &error);
    QCOMPARE(servers, (QList<QUrl>{QUrl(u"ws://a:1"_s), QUrl(u"ws://b:2"_s), QUrl(u"ws://c:3"_s),
                                   QUrl(u"ws://d:4"_s)}));
    // A duplicate across options is a duplicate, and an empty option is refused.
    QVERIFY(ServerList::parse(QStringList{u"ws://a:1"_s, u"ws://a:1"_s}, &error).isEmpty());
    QVERIFY2(error.contains(u"listed twice"_s), qPrintable(error));
    QVERIFY(ServerList::parse(QStringList{u"ws://a:1"_s, QString()}, &error).isEmpty());
    QVERIFY2(error.contains(u"Empty server address"_s), qPrintable(error));
    QVERIFY(ServerList::parse(QStringList{}, &error).isEmpty());
    QVERIFY2(error.contains(u"No server address given"_s), qPrintable(error));
}

void tst_ServerList::limitHasADefaultAndCanBeSet()
{
    auto listOf = [](int n) {
        QStringList parts;
        for (int i = 0; i < n; ++i)
            parts.append(u"ws://127.0.0.1:%1"_s.arg(5000 + i));
        return parts.join(u',');
    };
    QString error;
    QCOMPARE(ServerList::DefaultMaximumServers, 16);
    QCOMPARE(ServerList::parse(listOf(16), &error).size(), 16);
    QVERIFY(ServerList::parse(listOf(17), &error).isEmpty());
    QVERIFY2(error.contains(u"Too many servers (17); at most 16"_s), qPrintable(error));
    // A caller may set another limit.
    QCOMPARE(ServerList::parse(listOf(3), &error, 3).size(), 3);
    QVERIFY(ServerList::parse(listOf(4), &error, 3).isEmpty());
    QVERIFY2(error.contains(u"at most 3"_s), qPrintable(error));
    // A huge paste is refused, not slow.
    QVERIFY(ServerList::parse(listOf(5000), &error).isEmpty());
}

void tst_ServerList::joinReadsBack()
{
    const QList<QUrl> servers = ServerList::parse(u" ws://a:1 , wss://b/room "_s);
    QCOMPARE(ServerList::join(servers), u"ws://a:1,wss://b/room"_s);
    QCOMPARE(ServerList::parse(ServerList::join(servers)), servers);
    QCOMPARE(ServerList::join({}), QString());
}

void tst_ServerList::serverKeyFillsTheDefaultPort()
{
    QCOMPARE(ServerList::serverKey(QUrl(u"ws://Example.org"_s)), u"example.org:80"_s);
    QCOMPARE(ServerList::serverKey(QUrl(u"wss://example.org"_s)), u"example.org:443"_s);
    QCOMPARE(ServerList::serverKey(QUrl(u"ws://example.org:5870/x"_s)), u"example.org:5870"_s);
}

QTEST_GUILESS_MAIN(tst_ServerList)
#include "tst_serverlist.moc"
