// Interop: a real browser. Headless Chromium opens the page the room serves on its own port
// (http://127.0.0.1:PORT/?nick=...), driven through the DevTools protocol (ChromiumPage): the page
// joins over the WebSocket with parlor.v1, shows the room's history and members as text (HTML in
// a message shows literally) in the browser's language, sends what is typed, and shows what
// others say as it comes. The room runs in this process, with Qt peers in it, so the test sees
// the browser from the room's side too. Every wait is on the page's own promise or on a signal.

#include "chromiumpage.h"
#include "richclient.h"

#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

const char setupHint[] = "run scripts/setup.sh --tests to install Debian's chromium";

RichClient::Predicate joinOf(const QString &nick)
{
    return [nick](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == u"join"_s && o.value(u"nick"_s).toString() == nick;
    };
}

RichClient::Predicate withId(const QString &id)
{
    return [id](const QJsonObject &o) {
        return o.value(u"id"_s).toString() == id;
    };
}

} // namespace

class tst_Browser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pageJoinsChatsAndShowsTheRoom_data();
    void pageJoinsChatsAndShowsTheRoom();
    void pageJoinsOverHttpsWithAPinnedCertificate();
    void pageShowsSharedFilesAsCards();
};

void tst_Browser::initTestCase()
{
    QLoggingCategory::setFilterRules(u"parlor.server.info=false"_s);
    if (ChromiumPage::executable().isEmpty())
        QFAIL(setupHint);
}

void tst_Browser::pageJoinsChatsAndShowsTheRoom_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("membersTitle");
    QTest::addColumn<QString>("joinedLine");

    QTest::newRow("English") << u"en-US"_s << u"In this room (3)"_s << u"webby joined"_s;
    QTest::newRow("Korean") << u"ko"_s << u"이 대화방 (3)"_s << u"webby 님이 들어왔습니다"_s;
}

void tst_Browser::pageJoinsChatsAndShowsTheRoom()
{
    QFETCH(QString, language);
    QFETCH(QString, membersTitle);
    QFETCH(QString, joinedLine);

    RoomConfig config;
    config.roomName = u"Browser room"_s;
    RoomServer room(config);
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    const QUrl ws(u"ws://127.0.0.1:%1"_s.arg(room.port()));
    RichClient host, plain;
    QVERIFY(!host.join(ws, u"host"_s).isEmpty());
    plain.open(ws, {u"chatting"_s});
    QVERIFY(plain.waitConnected());
    QVERIFY(!host.waitForType(u"join"_s).isEmpty());
    // HTML in a message must reach the page as text.
    host.say(u"h-1"_s, u"hello <b>browser</b> & <img src=x onerror=alert(1)>"_s);
    QVERIFY(!host.waitFor(withId(u"h-1"_s)).isEmpty());
    // Web links become links; nothing else does.
    host.say(u"h-link"_s, u"see https://example.test/a?b=1. not javascript:alert(2)"_s);
    QVERIFY(!host.waitFor(withId(u"h-link"_s)).isEmpty());

    ChromiumPage page;
    QVERIFY2(page.open(QUrl(u"http://127.0.0.1:%1/?nick=webby"_s.arg(room.port())), language),
             qPrintable(page.lastError()));

    // The page joined: OPEN, the room's name, its history as text, every member.
    const auto joined = page.waitUntil(
            u"document.querySelector('#state.open') && !document.getElementById('chat').hidden "
            "&& document.querySelectorAll('#members li').length === 3"_s);
    QVERIFY2(joined, qPrintable(page.lastError()));
    const QString html = *joined;
    QVERIFY2(html.contains(u"class=\"state open\">OPEN<"_s), qPrintable(html));
    QVERIFY(html.contains(u"<strong id=\"room\">Browser room</strong>"_s));
    QVERIFY(html.contains(u"hello &lt;b&gt;browser&lt;/b&gt; &amp; &lt;img src=x "
                          "onerror=alert(1)&gt;"_s));
    QVERIFY(!html.contains(u"<b>browser</b>"_s));
    QVERIFY(!html.contains(u"<img src=\"x\""_s));
    QVERIFY2(html.contains(u"<a href=\"https://example.test/a?b=1\" target=\"_blank\" "
                           "rel=\"noopener noreferrer\">https://example.test/a?b=1</a>. not "
                           "javascript:alert(2)"_s),
             qPrintable(html));
    QVERIFY2(html.contains(membersTitle), qPrintable(html));
    QVERIFY(html.contains(joinedLine));
    for (const QString &member : {u"host"_s, u"webby"_s, u"guest-1"_s})
        QVERIFY2(html.contains(u"<li>"_s + member), qPrintable(member));
    QVERIFY(html.contains(u"<form id=\"join\" class=\"join\" hidden"_s));

    // The room saw a parlor.v1 member join from the browser.
    const QJsonObject join = host.waitFor(joinOf(u"webby"_s));
    QVERIFY(!join.isEmpty());
    QCOMPARE(join.value(u"mode"_s).toString(), u"rich"_s);

    // Typed in the page and sent with Enter: it reaches the room, and the plain peer too.
    QVERIFY(page.evaluate(
            u"(() => { const t = document.getElementById('text'); "
            "t.value = 'typed in the browser 한글'; t.dispatchEvent(new KeyboardEvent("
            "'keydown', {key: 'Enter', bubbles: true})); return true; })()"_s));
    const QJsonObject said = host.waitFor([](const QJsonObject &o) {
        return o.value(u"type"_s).toString() == u"message"_s
               && o.value(u"from"_s).toString() == u"webby"_s;
    });
    QCOMPARE(said.value(u"text"_s).toString(), u"typed in the browser 한글"_s);
    QVERIFY(plain.waitForText(u"webby: typed in the browser 한글"_s));
    // The page shows its own message as confirmed (no longer muted) once the room echoed it.
    QVERIFY(page.waitUntil(
            u"[...document.querySelectorAll('#lines li')].some(li => "
            "li.textContent.includes('typed in the browser') && !li.classList.contains('system'))"_s));

    // What others say shows as it comes.
    plain.sendText(u"from the plain side"_s);
    QVERIFY(page.waitUntil(
            u"document.getElementById('lines').textContent.includes('from the plain side')"_s));

    // The browser goes away: the room sees it leave, and goes on.
    page.close();
    QVERIFY(!host.waitFor([](const QJsonObject &o) {
                     return o.value(u"type"_s).toString() == u"leave"_s
                            && o.value(u"nick"_s).toString() == u"webby"_s;
                 }).isEmpty());
    host.say(u"h-2"_s, u"still here"_s);
    QVERIFY(!host.waitFor(withId(u"h-2"_s)).isEmpty());
}

void tst_Browser::pageShowsSharedFilesAsCards()
{
    RoomServer room(RoomConfig{});
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    const QUrl ws(u"ws://127.0.0.1:%1"_s.arg(room.port()));
    RichClient host;
    QVERIFY(!host.join(ws, u"host"_s, u"c-host"_s).isEmpty());
    // A real 1×1 PNG, so the browser can show it, under a name that is HTML.
    const QByteArray png = QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAA"
                                                  "C0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
    const QJsonObject picture = host.uploadFile(u"p1"_s, u"<b>dot.png"_s, png, 32768);
    QVERIFY(!picture.isEmpty());
    const QString pictureKey = picture.value(u"file"_s).toObject().value(u"key"_s).toString();
    const QJsonObject document = host.uploadFile(u"d1"_s, u"보고서.pdf"_s, QByteArray(3000, 'x'),
                                                 32768, u"application/pdf"_s);
    QVERIFY(!document.isEmpty());
    const QString documentKey = document.value(u"file"_s).toObject().value(u"key"_s).toString();

    ChromiumPage page;
    QVERIFY2(page.open(QUrl(u"http://127.0.0.1:%1/?nick=webby"_s.arg(room.port()))),
             qPrintable(page.lastError()));
    // The picture's card: a thumbnail the browser loaded from /files/<key>, at most 240 px high,
    // linking to the full picture; the name as text; the size; a download link.
    const auto shown = page.waitUntil(
            u"(() => { const img = document.querySelector('#lines .file-card img.file-thumb'); "
            "return img && img.complete && img.naturalWidth === 1 "
            "&& document.querySelectorAll('#lines .file-card').length === 2; })()"_s);
    QVERIFY2(shown, qPrintable(page.lastError()));
    const auto card = page.evaluate(
            u"(() => { const c = document.querySelectorAll('#lines .file-card'); "
            "const img = c[0].querySelector('img'); const a = "
            "c[0].querySelector('.file-download'); "
            "return [img.getAttribute('src'), img.closest('a').getAttribute('href'), "
            "getComputedStyle(img).maxHeight, c[0].querySelector('.file-name').textContent, "
            "a.getAttribute('href'), a.getAttribute('download'), "
            "c[1].querySelector('img') === null, c[1].querySelector('.file-name').textContent, "
            "c[1].querySelector('.file-size').textContent, "
            "c[1].querySelector('.file-download').getAttribute('href')].join('|'); })()"_s);
    QVERIFY2(card, qPrintable(page.lastError()));
    const QString files = u"files/"_s;
    QCOMPARE(card->toString(),
             QStringList({files + pictureKey, files + pictureKey, u"240px"_s, u"<b>dot.png"_s,
                          files + pictureKey, u"<b>dot.png"_s, u"true"_s, u"보고서.pdf"_s,
                          u"2.9 KB"_s, files + documentKey})
                     .join(u'|'));
    // The name stays text: no <b> element came of it.
    QVERIFY(!page.evaluate(u"document.querySelector('#lines b') !== null"_s)->toBool());
}

void tst_Browser::pageJoinsOverHttpsWithAPinnedCertificate()
{
    // A wss:// room with its self-signed certificate: the page comes over https:// from the same
    // port and joins over wss:// (the page picks the scheme from its own address).
    QTemporaryDir data;
    RoomConfig config;
    config.roomName = u"Private room"_s;
    config.tls = true;
    config.tlsDir = data.path();
    RoomServer room(config);
    QVERIFY2(room.listen(QHostAddress::LocalHost, 0), qPrintable(room.errorString()));
    QVERIFY(room.isSecure());

    // Chromium's own pinning: trust exactly this certificate's public key (base64 SHA-256 of
    // its SubjectPublicKeyInfo), as a person who checked the fingerprint would trust it.
    QFile certificateFile(data.filePath(u"tls-certificate.pem"_s));
    QVERIFY(certificateFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(certificateFile.readAll(), QSsl::Pem);
    QCOMPARE(QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex()),
             room.tlsFingerprint());
    const QByteArray spki = QCryptographicHash::hash(certificate.publicKey().toDer(),
                                                     QCryptographicHash::Sha256)
                                    .toBase64();
    ChromiumPage page;
    page.setExtraArguments(
            {u"--ignore-certificate-errors-spki-list="_s + QString::fromLatin1(spki)});
    QVERIFY2(page.open(QUrl(u"https://127.0.0.1:%1/?nick=webby"_s.arg(room.port()))),
             qPrintable(page.lastError()));
    const auto joined = page.waitUntil(
            u"location.protocol === 'https:' && document.querySelector('#state.open') "
            "&& !document.getElementById('chat').hidden"_s);
    QVERIFY2(joined, qPrintable(page.lastError()));
    QVERIFY(joined->contains(u"<strong id=\"room\">Private room</strong>"_s));

    // A plain Qt client pinned to the same certificate hears what the browser says.
    QWebSocket listener;
    connect(&listener, &QWebSocket::sslErrors, &listener, [&](const QList<QSslError> &errors) {
        if (listener.sslConfiguration().peerCertificate() == certificate)
            listener.ignoreSslErrors(errors);
    });
    QStringList heard;
    connect(&listener, &QWebSocket::textMessageReceived, &listener,
            [&](const QString &text) { heard.append(text); });
    QNetworkRequest request(QUrl(u"wss://127.0.0.1:%1"_s.arg(room.port())));
    request.setRawHeader("Sec-WebSocket-Protocol", "chatting");
    listener.open(request);
    QTRY_COMPARE_WITH_TIMEOUT(listener.state(), QAbstractSocket::ConnectedState, 10000);
    QVERIFY(page.evaluate(u"(() => { const t = document.getElementById('text'); "
                          "t.value = 'sent over wss'; t.dispatchEvent(new KeyboardEvent("
                          "'keydown', {key: 'Enter', bubbles: true})); return true; })()"_s));
    QTRY_VERIFY_WITH_TIMEOUT(heard.contains(u"webby: sent over wss"_s), 10000);
}

QTEST_GUILESS_MAIN(tst_Browser)
#include "tst_browser.moc"
