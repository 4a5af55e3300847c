// Interop: the room's browser page on a phone-sized screen. Headless Chromium opens the page a
// room serves, laid out as a 360 × 740 phone (Chromium's mobile emulation, so the viewport meta counts), with a long room name, a long
// nickname and an unbreakable long link in the history — what pushes a page sideways. The page
// must fit without horizontal scrolling, keep the compose box and its Send button inside the
// screen, show the members, and use text large enough to read (and 16 px in inputs, below which
// mobile browsers zoom in on focus). A screenshot of each language is saved for a person to look
// at (its path is printed; docs/screenshots/phone-page.png is one).

#include "chromiumpage.h"
#include "richclient.h"

#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

const char setupHint[] = "run scripts/setup.sh --tests to install Debian's chromium";
constexpr int phoneWidth = 360;
constexpr int phoneHeight = 740;

// A JavaScript expression: the rectangle of the element \a selector, and the viewport's size.
QString layoutOf(const QString &selector)
{
    return u"(() => { const e = document.querySelector('%1'); const r = e.getBoundingClientRect();"
           " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,"
           " shown: e.getClientRects().length > 0, font: parseFloat(getComputedStyle(e).fontSize),"
           " innerWidth, innerHeight, scrollWidth: document.documentElement.scrollWidth,"
           " bodyScrollWidth: document.body.scrollWidth}; })()"_s.arg(selector);
}

// Whether the element (a layoutOf() result) is wholly inside the viewport; a message if not.
QString outsideViewport(const QJsonObject &box, const QString &what)
{
    const double w = box.value(u"innerWidth"_s).toDouble();
    const double h = box.value(u"innerHeight"_s).toDouble();
    if (!box.value(u"shown"_s).toBool())
        return what + u" is not shown"_s;
    if (box.value(u"left"_s).toDouble() < 0 || box.value(u"top"_s).toDouble() < 0
        || box.value(u"right"_s).toDouble() > w || box.value(u"bottom"_s).toDouble() > h)
        return u"%1 is outside the %2×%3 viewport: %4,%5 – %6,%7"_s.arg(what)
                .arg(w)
                .arg(h)
                .arg(box.value(u"left"_s).toDouble())
                .arg(box.value(u"top"_s).toDouble())
                .arg(box.value(u"right"_s).toDouble())
                .arg(box.value(u"bottom"_s).toDouble());
    return {};
}

QString noSidewaysScroll(const QJsonObject &box)
{
    const double w = box.value(u"innerWidth"_s).toDouble();
    const double scroll = qMax(box.value(u"scrollWidth"_s).toDouble(),
                               box.value(u"bodyScrollWidth"_s).toDouble());
    return scroll <= w ? QString()
                       : u"the page scrolls sideways: %1 wide in %2"_s.arg(scroll).arg(w);
}

} // namespace

class tst_PhonePage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pageFitsAPhone_data();
    void pageFitsAPhone();
};

void tst_PhonePage::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
    if (ChromiumPage::executable().isEmpty())
        QFAIL(setupHint);
}

void tst_PhonePage::pageFitsAPhone_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << u"en-US"_s;
    QTest::newRow("Korean") << u"ko"_s;
}

void tst_PhonePage::pageFitsAPhone()
{
    QFETCH(QString, language);

    RoomConfig config;
    config.roomName = u"Thursday lunch and the quarterly planning follow-up"_s;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    const QUrl ws(u"ws://127.0.0.1:%1"_s.arg(room.port()));
    RichClient host, longName;
    QVERIFY(!host.join(ws, u"mina"_s).isEmpty());
    QVERIFY(!longName.join(ws, u"a_rather_long_nickname_x"_s).isEmpty());
    host.say(u"h-1"_s, u"did everyone get the slides?"_s);
    QVERIFY(!host.waitForType(u"message"_s).isEmpty());
    // No spaces for 120 characters: the line must wrap it, not widen the page.
    host.say(u"h-2"_s, u"https://intranet.example/shared/slides/2026/quarterly-planning/"
                       "follow-up-lunch-thursday-final-version-2.pdf"_s);
    QVERIFY(!host.waitFor([](const QJsonObject &o) {
                     return o.value(u"id"_s).toString() == u"h-2"_s;
                 }).isEmpty());

    ChromiumPage page;
    QVERIFY2(page.open(QUrl(u"http://127.0.0.1:%1/"_s.arg(room.port())), language, phoneWidth,
                       phoneHeight),
             qPrintable(page.lastError()));
    QVERIFY2(page.emulatePhone(phoneWidth, phoneHeight), qPrintable(page.lastError()));
    QVERIFY2(page.waitUntil(u"!document.getElementById('join').hidden"_s),
             qPrintable(page.lastError()));
    // The page asks a phone for its real width (without it a phone lays it out 980 px wide).
    const auto viewport = page.evaluate(u"document.querySelector('meta[name=viewport]').content"_s);
    QVERIFY(viewport);
    QVERIFY2(viewport->toString().contains(u"width=device-width"_s),
             qPrintable(viewport->toString()));

    // Before joining: the join form fits.
    auto box = page.evaluate(layoutOf(u"#join button"_s));
    QVERIFY2(box, qPrintable(page.lastError()));
    QCOMPARE(box->toObject().value(u"innerWidth"_s).toInt(), phoneWidth);
    QVERIFY2(noSidewaysScroll(box->toObject()).isEmpty(),
             qPrintable(noSidewaysScroll(box->toObject())));
    QVERIFY2(outsideViewport(box->toObject(), u"the Join button"_s).isEmpty(),
             qPrintable(outsideViewport(box->toObject(), u"the Join button"_s)));
    box = page.evaluate(layoutOf(u"#nick"_s));
    QVERIFY(box);
    QVERIFY2(outsideViewport(box->toObject(), u"the nickname field"_s).isEmpty(),
             qPrintable(outsideViewport(box->toObject(), u"the nickname field"_s)));
    QVERIFY2(box->toObject().value(u"font"_s).toDouble() >= 16,
             "inputs under 16 px make a phone zoom in on focus");

    QVERIFY(page.evaluate(u"(() => { document.getElementById('nick').value = 'haneul'; "
                          "document.getElementById('join').requestSubmit(); return true; })()"_s));
    QVERIFY2(page.waitUntil(u"document.querySelector('#state.open') "
                            "&& !document.getElementById('chat').hidden "
                            "&& document.querySelectorAll('#members li').length === 3 "
                            "&& document.getElementById('lines').textContent.includes('.pdf')"_s),
             qPrintable(page.lastError()));

    // Joined: nothing sideways, the compose box and Send inside the screen, text readable.
    box = page.evaluate(layoutOf(u"#text"_s));
    QVERIFY2(box, qPrintable(page.lastError()));
    QVERIFY2(noSidewaysScroll(box->toObject()).isEmpty(),
             qPrintable(noSidewaysScroll(box->toObject())));
    QVERIFY2(outsideViewport(box->toObject(), u"the compose box"_s).isEmpty(),
             qPrintable(outsideViewport(box->toObject(), u"the compose box"_s)));
    QVERIFY(box->toObject().value(u"font"_s).toDouble() >= 16);
    box = page.evaluate(layoutOf(u"#compose button"_s));
    QVERIFY(box);
    QVERIFY2(outsideViewport(box->toObject(), u"the Send button"_s).isEmpty(),
             qPrintable(outsideViewport(box->toObject(), u"the Send button"_s)));
    box = page.evaluate(layoutOf(u"#lines li"_s));
    QVERIFY(box);
    QVERIFY2(box->toObject().value(u"font"_s).toDouble() >= 14,
             qPrintable(QString::number(box->toObject().value(u"font"_s).toDouble())));
    // The members are still on the screen (a strip above the chat, not a hidden side panel).
    box = page.evaluate(layoutOf(u"#members"_s));
    QVERIFY(box);
    QVERIFY2(outsideViewport(box->toObject(), u"the members"_s).isEmpty(),
             qPrintable(outsideViewport(box->toObject(), u"the members"_s)));
    // No element of the page reaches past the right edge (the long link and nickname wrap).
    const auto widest = page.evaluate(u"Math.max(...[...document.querySelectorAll('body *')]"
                                      ".filter(e => e.getClientRects().length > 0)"
                                      ".map(e => e.getBoundingClientRect().right))"_s);
    QVERIFY(widest);
    QVERIFY2(widest->toDouble() <= phoneWidth, qPrintable(QString::number(widest->toDouble())));

    const QByteArray png = page.screenshot();
    QVERIFY(!png.isEmpty());
    const QString out = QDir::temp().filePath(u"parlor-phone-page-%1.png"_s.arg(language));
    QFile file(out);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(png), png.size());
    qInfo("screenshot: %s", qPrintable(out));
}

QTEST_MAIN(tst_PhonePage)

#include "tst_phonepage.moc"
