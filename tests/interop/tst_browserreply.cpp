// Interop: replies in a real browser. Headless Chromium opens the page the room serves
// (ChromiumPage); the page answers a line through its "reply" link (the room relays the quote it
// wrote), shows the quote above a reply from a Qt peer, brings the answered line into sight when
// the quote is clicked, and says when a quote's message is no longer there. Every wait is on the
// page's own promise or on a received frame.

#include "chromiumpage.h"
#include "richclient.h"

#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QLoggingCategory>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

RichClient::Predicate messageFrom(const QString &nick)
{
    return [nick](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == u"message"_s
               && o.value(u"from"_s).toString() == nick;
    };
}

RichClient::Predicate withId(const QString &id)
{
    return [id](const QJsonObject &o) {
        return o.value(u"id"_s).toString() == id;
    };
}

QJsonObject say(const QString &id, const QString &text, qint64 replyTo)
{
    return {{u"type"_s, u"say"_s},
            {u"id"_s, id},
            {u"text"_s, text},
            {u"reply_to"_s, double(replyTo)}};
}

} // namespace

class tst_BrowserReply : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pageRepliesAndShowsQuotes();
};

void tst_BrowserReply::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
    if (ChromiumPage::executable().isEmpty())
        QFAIL("run scripts/setup.sh --tests to install Debian's chromium");
}

void tst_BrowserReply::pageRepliesAndShowsQuotes()
{
    RoomConfig config;
    config.roomName = u"Reply room"_s;
    config.historyLength = 4; // the first message falls out of the history
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    const QUrl ws(u"ws://127.0.0.1:%1"_s.arg(room.port()));
    RichClient host;
    QVERIFY(!host.join(ws, u"host"_s).isEmpty());
    host.say(u"h-old"_s, u"an old question"_s);
    const qint64 oldSeq = host.waitFor(withId(u"h-old"_s)).value(u"seq"_s).toInteger();
    for (int i = 0; i < 3; ++i) {
        host.say(u"h-fill-%1"_s.arg(i), u"filler %1"_s.arg(i));
        QVERIFY(!host.waitFor(withId(u"h-fill-%1"_s.arg(i))).isEmpty());
    }
    host.say(u"h-1"_s, u"who brings the cake?"_s);
    const qint64 cakeSeq = host.waitFor(withId(u"h-1"_s)).value(u"seq"_s).toInteger();
    QVERIFY(cakeSeq > 0);

    ChromiumPage page;
    QVERIFY2(page.open(QUrl(u"http://127.0.0.1:%1/?nick=webby"_s.arg(room.port()))),
             qPrintable(page.lastError()));
    QVERIFY2(page.waitUntil(u"[...document.querySelectorAll('#lines li')].some(li => "
                            "li.textContent.includes('who brings the cake?'))"_s),
             qPrintable(page.lastError()));

    // The reply link of the host's line: the strip says what is answered, Enter sends it.
    QVERIFY(page.evaluate(u"(() => { const li = [...document.querySelectorAll('#lines li')]"
                          ".find(li => li.textContent.includes('who brings the cake?')); "
                          "li.querySelector('.reply-link').click(); return true; })()"_s));
    const auto strip = page.waitUntil(u"!document.getElementById('replying').hidden"_s);
    QVERIFY2(strip, qPrintable(page.lastError()));
    QCOMPARE(page.evaluate(u"document.getElementById('replyingText').textContent"_s)->toString(),
             u"Replying to host: who brings the cake?"_s);
    QVERIFY(page.evaluate(u"(() => { const t = document.getElementById('text'); "
                          "t.value = 'I will 🎂'; t.dispatchEvent(new KeyboardEvent("
                          "'keydown', {key: 'Enter', bubbles: true})); return true; })()"_s));
    const QJsonObject answer = host.waitFor(messageFrom(u"webby"_s));
    QCOMPARE(answer.value(u"text"_s).toString(), u"I will 🎂"_s);
    QCOMPARE(answer.value(u"reply"_s).toObject(),
             (QJsonObject{{u"seq"_s, double(cakeSeq)},
                          {u"nick"_s, u"host"_s},
                          {u"text"_s, u"who brings the cake?"_s}}));
    QVERIFY(page.waitUntil(u"document.getElementById('replying').hidden"_s));
    // The page's own line carries the quote, confirmed by the room.
    QVERIFY(page.waitUntil(
            u"[...document.querySelectorAll('#lines li')].some(li => "
            "li.textContent.includes('I will') && !li.classList.contains('system') "
            "&& li.querySelector('.quote') "
            "&& li.querySelector('.quote').textContent === 'host who brings the cake?')"_s));

    // A reply from the host shows its quote (as text) above it; clicking it flashes the line.
    host.sendJson(say(u"h-2"_s, u"<b>great</b>"_s, answer.value(u"seq"_s).toInteger()));
    const auto quoted = page.waitUntil(
            u"[...document.querySelectorAll('#lines li')].some(li => "
            "li.textContent.includes('<b>great</b>') && li.querySelector('.quote'))"_s);
    QVERIFY2(quoted, qPrintable(page.lastError()));
    QVERIFY(!quoted->contains(u"<b>great</b>"_s)); // shown as text, never HTML
    QVERIFY(page.evaluate(u"(() => { const li = [...document.querySelectorAll('#lines li')]"
                          ".find(li => li.textContent.includes('<b>great</b>')); "
                          "li.querySelector('.quote').click(); return true; })()"_s));
    QVERIFY2(page.waitUntil(u"[...document.querySelectorAll('#lines li.flash')].some(li => "
                            "li.textContent.includes('I will'))"_s),
             qPrintable(page.lastError()));

    // A reply to a message the room no longer keeps: the quote says so, and clicking it tells.
    host.sendJson(say(u"h-3"_s, u"about the old question"_s, oldSeq));
    QVERIFY(page.waitUntil(u"[...document.querySelectorAll('#lines li')].some(li => "
                           "li.textContent.includes('about the old question') "
                           "&& li.querySelector('.quote.gone') && li.querySelector('.quote.gone')"
                           ".textContent === 'message no longer available')"_s));
    QVERIFY(page.evaluate(u"(() => { const li = [...document.querySelectorAll('#lines li')]"
                          ".find(li => li.textContent.includes('about the old question')); "
                          "li.querySelector('.quote').click(); return true; })()"_s));
    QVERIFY(page.waitUntil(u"document.getElementById('status').textContent === "
                           "'That message is no longer loaded.'"_s));
}

QTEST_GUILESS_MAIN(tst_BrowserReply)
#include "tst_browserreply.moc"
