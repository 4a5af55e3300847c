// Interop: the browser page behind a proxy that refuses WebSocket upgrades. Headless Chromium
// opens the room's page through UpgradeRefusingProxy (a reverse proxy on 127.0.0.1 that
// forwards plain HTTP and answers every upgrade with 400, as some proxies do): the page's
// WebSocket fails before it opens, so it falls back to HTTP long-polling on the same port
// (docs/PROTOCOL.md, "Long-polling"), says so in its header, joins, sends and receives, while a
// desktop ChatSession connected straight to the room sees it join and hears what it says. The
// room's peers list names its transport. A screenshot of the page on a phone-sized screen is
// saved for a person to look at (its path is printed). Every wait is on the page's own promise
// or on a signal.

#include "chromiumpage.h"
#include "upgraderefusingproxy.h"

#include "client/chatsession.h"
#include "server/peerinfo.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

const char setupHint[] = "run scripts/setup.sh --tests to install Debian's chromium";

/// Whether \a session's chat shows a line of \a event kind from \a sender with \a text.
bool shows(ChatSession &session, ChatLine::Event event, const QString &sender,
           const QString &text = {})
{
    MessageModel *lines = session.messages();
    for (int row = 0; row < lines->rowCount(); ++row) {
        const ChatLine &line = lines->line(row);
        if (line.event == event && line.sender == sender && (text.isEmpty() || line.text == text))
            return true;
    }
    return false;
}

} // namespace

class tst_LongPollBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pageFallsBackToLongPollingBehindAProxy();
};

void tst_LongPollBrowser::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
    if (ChromiumPage::executable().isEmpty())
        QFAIL(setupHint);
}

void tst_LongPollBrowser::pageFallsBackToLongPollingBehindAProxy()
{
    RoomConfig config;
    config.roomName = u"Behind the proxy"_s;
    // A closed page stops polling: it is gone after this (the default is 40 s).
    config.longPollTimeoutMs = 3000;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    UpgradeRefusingProxy proxy(u"127.0.0.1"_s, room.port());
    QVERIFY(proxy.listen());

    // A desktop member, straight to the room.
    ChatSession mina;
    ChatSession::Options options;
    options.connection.url = QUrl(u"ws://127.0.0.1:%1"_s.arg(room.port()));
    options.connection.subprotocols = {u"parlor.v1"_s};
    options.connection.pingIntervalMs = 0;
    options.nick = u"mina"_s;
    options.clientId = u"desktop-mina"_s;
    QSignalSpy minaJoined(&mina, &ChatSession::joined);
    QVERIFY(mina.start(options));
    QVERIFY(minaJoined.wait());

    ChromiumPage page;
    const QUrl viaProxy(u"http://127.0.0.1:%1/"_s.arg(proxy.port()));
    QVERIFY2(page.open(viaProxy, u"en-US"_s, 360, 740), qPrintable(page.lastError()));
    QVERIFY2(page.emulatePhone(360, 740), qPrintable(page.lastError()));
    QVERIFY2(page.waitUntil(u"!document.getElementById('join').hidden"_s),
             qPrintable(page.lastError()));
    QVERIFY(page.evaluate(u"(() => { document.getElementById('nick').value = 'haneul'; "
                          "document.getElementById('join').requestSubmit(); return true; })()"_s));

    // The upgrade was refused; the page went on by long-polling, and shows it.
    const auto joined = page.waitUntil(
            u"document.querySelector('#state.open') && !document.getElementById('chat').hidden "
            "&& !document.getElementById('transport').hidden "
            "&& document.querySelectorAll('#members li').length === 2"_s,
            20000);
    QVERIFY2(joined, qPrintable(page.lastError()));
    QVERIFY2(joined->contains(u"long-polling</span>"_s), qPrintable(*joined));
    QVERIFY(proxy.refusedUpgrades() >= 1);
    QVERIFY2(proxy.requestLines().contains(u"POST /poll/open HTTP/1.1"_s),
             qPrintable(proxy.requestLines().join(u'\n')));

    // The room has it as one more peer, by long-polling; the desktop member saw it join.
    QTRY_VERIFY(shows(mina, ChatLine::Event::Join, u"haneul"_s));
    const QList<PeerInfo> peers = room.peers();
    const auto web = std::find_if(peers.cbegin(), peers.cend(),
                                  [](const PeerInfo &p) { return p.nick == u"haneul"_s; });
    QVERIFY(web != peers.cend());
    QCOMPARE(web->transport, PeerInfo::Transport::LongPolling);
    QCOMPARE(web->origin, u"http://127.0.0.1:%1"_s.arg(proxy.port()));

    // Typed in the page: the desktop member hears it.
    QVERIFY(page.evaluate(
            u"(() => { const t = document.getElementById('text'); "
            "t.value = 'hello through the proxy 한글'; t.dispatchEvent(new KeyboardEvent("
            "'keydown', {key: 'Enter', bubbles: true})); return true; })()"_s));
    QTRY_VERIFY_WITH_TIMEOUT(shows(mina, ChatLine::Event::None, u"haneul"_s,
                                   u"hello through the proxy 한글"_s),
                             10000);
    // Confirmed in the page (the room's echo came back by a poll).
    QVERIFY(page.waitUntil(u"[...document.querySelectorAll('#lines li')].some(li => "
                           "li.textContent.includes('hello through the proxy') "
                           "&& !li.classList.contains('system'))"_s));

    // What the desktop member says reaches the page by a held poll.
    mina.send(u"welcome, haneul"_s);
    QVERIFY2(page.waitUntil(
                     u"document.getElementById('lines').textContent.includes('welcome, haneul')"_s),
             qPrintable(page.lastError()));

    const QByteArray png = page.screenshot();
    QVERIFY(!png.isEmpty());
    const QString out = QDir::temp().filePath(u"parlor-long-polling-page.png"_s);
    QFile file(out);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(png), png.size());
    qInfo("screenshot: %s", qPrintable(out));

    // The page goes away: its session is left (DELETE) or times out; the room sees it leave.
    page.close();
    QTRY_VERIFY_WITH_TIMEOUT(shows(mina, ChatLine::Event::Leave, u"haneul"_s), 60000);
}

QTEST_MAIN(tst_LongPollBrowser)

#include "tst_longpollbrowser.moc"
