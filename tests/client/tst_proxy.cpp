// Proxies in the client (issue 13): the system's proxy by default, an explicit HTTP CONNECT or
// SOCKS5 proxy per connection, or none. Real parlor-server processes reached through small
// proxies on 127.0.0.1 written for the test (tests/common: HttpConnectProxy, Socks5Proxy), which
// record every destination asked for: a connection that went through a proxy is one the proxy
// saw, not one that merely worked. A proxy that refuses must give a close that says so, and the
// inspector must say which way each connection went.

#include "httpconnectproxy.h"
#include "serverprocess.h"
#include "socks5proxy.h"
#include "testsupport.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/connectionevent.h"
#include "client/connectionmanager.h"
#include "client/eventlog.h"
#include "client/messagemodel.h"
#include "client/proxysetting.h"
#include "inspector/eventdescription.h"
#include "inspector/handshakeexplainer.h"
#include "inspector/statetimeline.h"

#include <QAuthenticator>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;

ProxySetting proxySetting(const QString &text)
{
    ProxySetting setting;
    QString error;
    if (!ProxySetting::parse(text, &setting, &error))
        qWarning() << error;
    return setting;
}

ChatSession::Options sessionOptions(const QUrl &server, const QString &proxy, const QString &nick)
{
    ChatSession::Options options;
    options.connection.url = server;
    options.connection.subprotocols = {u"parlor.v1"_s};
    options.connection.handshakeTimeoutMs = 5000;
    options.connection.pingIntervalMs = 0;
    options.connection.closeTimeoutMs = 500;
    options.connection.proxy = proxySetting(proxy);
    options.nick = nick;
    options.clientId = u"proxy-client-"_s + nick;
    return options;
}

ChatLine::Delivery deliveryOf(ChatSession &session, const QString &id)
{
    const int row = session.messages()->rowOfId(id);
    return row >= 0 ? session.messages()->line(row).delivery : ChatLine::Delivery::Failed;
}

/// The handshake requests of \a log, newest last.
QList<ConnectionEvent> handshakeRequests(EventLog &log)
{
    QList<ConnectionEvent> requests;
    for (int i = 0; i < log.size(); ++i) {
        const ConnectionEvent &e = log.at(i);
        if (e.kind == ConnectionEvent::Kind::Handshake
            && e.text(EventField::phase) == EventValue::request) {
            requests.append(e);
        }
    }
    return requests;
}

/// An IPv4 address of this machine that is not loopback (the system proxy is never used for
/// loopback, so only such an address shows whether it is used); null if there is none.
QHostAddress nonLoopbackAddress()
{
    for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && !a.isLinkLocal())
            return a;
    }
    return {};
}

} // namespace

class tst_Proxy : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void parse_data();
    void parse();
    void systemProxyIsNeverForLoopback();
    void proxyFailuresAreExplained_data();
    void proxyFailuresAreExplained();
    void closeViaProxyIsWordedAndRecorded();
    void chatThroughProxy_data();
    void chatThroughProxy();
    void secureRoomThroughHttpProxy();
    void refusingProxy_data();
    void refusingProxy();
    void noneGoesDirectDespiteEnvironment();
    void loginAskedFor_data();
    void loginAskedFor();
    void cliProxyOption();
};

void tst_Proxy::cleanup()
{
    qunsetenv("http_proxy");
    qunsetenv("https_proxy");
    qunsetenv("no_proxy");
}

void tst_Proxy::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("normalized"); // toString(): never a password
    QTest::addColumn<QString>("described");  // what a connection through it records

    QTest::newRow("empty: system") << u""_s << true << u"system"_s << u"direct"_s;
    QTest::newRow("system") << u"System"_s << true << u"system"_s << u"direct"_s;
    QTest::newRow("none") << u"none"_s << true << u"none"_s << u"direct"_s;
    QTest::newRow("direct") << u" direct "_s << true << u"none"_s << u"direct"_s;
    QTest::newRow("http") << u"http://127.0.0.1:3128"_s << true << u"http://127.0.0.1:3128"_s
                          << u"http://127.0.0.1:3128"_s;
    QTest::newRow("socks5") << u"socks5://proxy.example:1080"_s << true
                            << u"socks5://proxy.example:1080"_s << u"socks5://proxy.example:1080"_s;
    QTest::newRow("ipv6") << u"socks5://[::1]:1080"_s << true << u"socks5://[::1]:1080"_s
                          << u"socks5://[::1]:1080"_s;
    QTest::newRow("user and password: the password is never shown")
            << u"http://alice:s3cret@10.0.0.1:3128"_s << true << u"http://alice@10.0.0.1:3128"_s
            << u"http://10.0.0.1:3128"_s;
    QTest::newRow("no port") << u"http://127.0.0.1"_s << false << QString() << QString();
    QTest::newRow("no scheme") << u"127.0.0.1:3128"_s << false << QString() << QString();
    QTest::newRow("https proxy") << u"https://127.0.0.1:3128"_s << false << QString() << QString();
    QTest::newRow("socks4") << u"socks4://127.0.0.1:1080"_s << false << QString() << QString();
    QTest::newRow("a path") << u"http://127.0.0.1:3128/x"_s << false << QString() << QString();
    QTest::newRow("words") << u"yes please"_s << false << QString() << QString();
    QTest::newRow("no port, a password: not shown")
            << u"http://alice:s3cret@10.0.0.1"_s << false << QString() << QString();
}

void tst_Proxy::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, normalized);
    QFETCH(QString, described);
    ProxySetting setting;
    QString error;
    QCOMPARE(ProxySetting::parse(text, &setting, &error), valid);
    if (!valid) {
        // Names what was typed, so the user sees which part is wrong, but never a password.
        const QString shown = text.contains(u"s3cret"_s) ? u"http://alice@10.0.0.1"_s : text;
        QVERIFY2(error.contains(u"\"%1\" is not a proxy"_s.arg(shown)), qPrintable(error));
        QVERIFY2(!error.contains(u"s3cret"_s), qPrintable(error));
        return;
    }
    QCOMPARE(setting.toString(), normalized);
    const QNetworkProxy proxy = setting.proxyFor(QUrl(u"ws://192.0.2.7:5870"_s));
    QCOMPARE(ProxySetting::describe(proxy), described);
    if (setting.mode() == ProxySetting::Mode::Explicit) {
        // Asked for: even loopback goes through it.
        QCOMPARE(setting.proxyFor(QUrl(u"ws://127.0.0.1:5870"_s)).hostName(), proxy.hostName());
    }
}

void tst_Proxy::systemProxyIsNeverForLoopback()
{
    qputenv("http_proxy", "http://192.0.2.50:3128");
    qputenv("https_proxy", "http://192.0.2.51:3128");
    const ProxySetting system;
    // What the system (libproxy) answers for these is $http_proxy; loopback stays direct anyway.
    for (const QString &url : {u"ws://127.0.0.1:5870"_s, u"ws://localhost:5870"_s,
                               u"wss://[::1]:5870"_s, u"ws://room.localhost:5870"_s}) {
        QCOMPARE(system.proxyFor(QUrl(url)).type(), QNetworkProxy::NoProxy);
    }
    const QNetworkProxy ws = system.proxyFor(QUrl(u"ws://192.0.2.7:5870"_s));
    QCOMPARE(ws.type(), QNetworkProxy::HttpProxy);
    QCOMPARE(ws.hostName(), u"192.0.2.50"_s);
    // wss:// is asked as https, so https_proxy applies, as in a browser.
    QCOMPARE(system.proxyFor(QUrl(u"wss://192.0.2.7:5870"_s)).hostName(), u"192.0.2.51"_s);
    qputenv("no_proxy", "192.0.2.7");
    QCOMPARE(system.proxyFor(QUrl(u"ws://192.0.2.7:5870"_s)).type(), QNetworkProxy::NoProxy);
}

void tst_Proxy::proxyFailuresAreExplained_data()
{
    using F = HandshakeExplainer::Failure;
    QTest::addColumn<int>("socketError"); // -1: only the close is known (an old trace)
    QTest::addColumn<QString>("error");
    QTest::addColumn<F>("expected");
    QTest::newRow("HTTP 403") << int(QAbstractSocket::SocketAccessError)
                              << u"Proxy denied connection"_s << F::ProxyRefused;
    QTest::newRow("SOCKS not allowed")
            << int(QAbstractSocket::SocketAccessError)
            << u"Connection not allowed by SOCKSv5 server"_s << F::ProxyRefused;
    QTest::newRow("login") << int(QAbstractSocket::ProxyAuthenticationRequiredError)
                           << u"Proxy authentication failed"_s << F::ProxyAuthentication;
    QTest::newRow("nothing at the proxy's port")
            << int(QAbstractSocket::ProxyConnectionRefusedError) << u"Connection to proxy refused"_s
            << F::ProxyUnreachable;
    QTest::newRow("proxy name unknown") << int(QAbstractSocket::ProxyNotFoundError)
                                        << u"Proxy not found"_s << F::ProxyUnreachable;
    QTest::newRow("proxy silent") << int(QAbstractSocket::ProxyConnectionTimeoutError)
                                  << u"Proxy server connection timed out"_s << F::ProxyUnreachable;
    QTest::newRow("not that kind of proxy")
            << int(QAbstractSocket::ProxyProtocolError) << u"Error communicating with HTTP proxy"_s
            << F::ProxyProtocol;
    QTest::newRow("proxy hung up") << int(QAbstractSocket::ProxyConnectionClosedError)
                                   << u"Proxy connection closed prematurely"_s << F::ProxyProtocol;
    // The socket error decides, whatever the words (Qt's own texts may be translated).
    QTest::newRow("refused, other words") << int(QAbstractSocket::SocketAccessError)
                                          << u"Verbindung verweigert"_s << F::ProxyRefused;
    QTest::newRow("login, other words") << int(QAbstractSocket::ProxyAuthenticationRequiredError)
                                        << u"Anmeldung"_s << F::ProxyAuthentication;
    // From Qt's words alone.
    QTest::newRow("words: denied") << -1 << u"Proxy denied connection"_s << F::ProxyRefused;
    QTest::newRow("words: login") << -1 << u"Proxy authentication required"_s
                                  << F::ProxyAuthentication;
    QTest::newRow("words: refused")
            << -1 << u"Connection to proxy refused"_s << F::ProxyUnreachable;
    QTest::newRow("words: other") << -1 << u"Error communicating with HTTP proxy"_s
                                  << F::ProxyProtocol;
}

void tst_Proxy::proxyFailuresAreExplained()
{
    QFETCH(int, socketError);
    QFETCH(QString, error);
    QFETCH(HandshakeExplainer::Failure, expected);
    CloseInfo info;
    info.reason = CloseInfo::Reason::ProxyError;
    info.code = 1006;
    info.errorString = error;
    info.proxy = u"http://127.0.0.1:3128"_s;
    HandshakeExplainer::Attempt attempt;
    attempt.phase = HandshakeExplainer::Phase::Handshake;
    attempt.socketError = socketError;
    QCOMPARE(HandshakeExplainer::failure(info, attempt), expected);
    QVERIFY(!HandshakeExplainer::explain(info, attempt).isEmpty());
}

void tst_Proxy::closeViaProxyIsWordedAndRecorded()
{
    CloseInfo info;
    info.reason = CloseInfo::Reason::ProxyError;
    info.code = 1006;
    info.codeName = u"Abnormal Closure"_s;
    info.errorString = u"Proxy denied connection"_s;
    info.proxy = u"http://10.0.0.1:3128"_s;
    QCOMPARE(info.text(),
             u"1006 Abnormal Closure (the HTTP proxy 10.0.0.1:3128 failed: Proxy denied connection)"_s);
    QCOMPARE(info.summary(), u"proxy failed · code 1006"_s);
    const QJsonObject json = info.toJson();
    QCOMPARE(json.value(EventField::reason).toString(), u"ProxyError"_s);
    QCOMPARE(json.value(EventField::proxy).toString(), u"http://10.0.0.1:3128"_s);
    const CloseInfo back = CloseInfo::fromJson(json);
    QCOMPARE(back.reason, CloseInfo::Reason::ProxyError);
    QCOMPARE(back.proxy, info.proxy);

    // A network error through a proxy says which way it went; a direct one has no proxy field.
    info.reason = CloseInfo::Reason::NetworkError;
    info.errorString = u"Connection refused"_s;
    info.proxy = u"socks5://[::1]:1080"_s;
    QVERIFY2(info.text().endsWith(u"(Connection refused) via SOCKS5 proxy [::1]:1080"_s),
             qPrintable(info.text()));
    info.proxy.clear();
    QVERIFY(!info.toJson().contains(EventField::proxy));
}

void tst_Proxy::chatThroughProxy_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("route");
    QTest::newRow("HTTP CONNECT") << u"http"_s << u"via HTTP proxy 127.0.0.1:%1"_s;
    QTest::newRow("SOCKS5") << u"socks5"_s << u"via SOCKS5 proxy 127.0.0.1:%1"_s;
}

void tst_Proxy::chatThroughProxy()
{
    QFETCH(QString, scheme);
    QFETCH(QString, route);
    ServerProcess server(ServerProcess::localArguments());
    QVERIFY2(server.waitForPort(), server.transcript().constData());
    std::unique_ptr<LoopbackProxy> proxy;
    if (scheme == "http"_L1)
        proxy = std::make_unique<HttpConnectProxy>();
    else
        proxy = std::make_unique<Socks5Proxy>();
    QVERIFY(proxy->listen());
    const QString proxyUrl = u"%1://127.0.0.1:%2"_s.arg(scheme).arg(proxy->port());

    ChatSession sam;
    QSignalSpy joined(&sam, &ChatSession::joined);
    QVERIFY(sam.start(sessionOptions(server.url(), proxyUrl, u"sam"_s)));
    QVERIFY2(joined.wait(waitMs), qPrintable(sam.connection()->lastClose().text()));
    // The proxy was asked for the server, and the connection is its tunnel.
    const QString target = u"127.0.0.1:%1"_s.arg(server.port());
    QCOMPARE(proxy->requests(), QStringList{target});
    QCOMPARE(proxy->tunnels(), 1);
    if (auto *http = qobject_cast<HttpConnectProxy *>(proxy.get()))
        QCOMPARE(http->requestLines(), QStringList{u"CONNECT %1 HTTP/1.1"_s.arg(target)});

    // Chat works through it: the room confirms what was sent.
    const QString id = sam.send(u"through the proxy"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(sam, id), ChatLine::Delivery::Delivered, waitMs);

    // The record says which way it went: the event, its description, the inspector's attempt.
    EventLog &log = *sam.connection()->eventLog();
    const QList<ConnectionEvent> requests = handshakeRequests(log);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.constFirst().text(EventField::proxy), proxyUrl);
    const QString expectedRoute = route.arg(proxy->port());
    QCOMPARE(ProxySetting::routeText(requests.constFirst().text(EventField::proxy)), expectedRoute);
    QVERIFY2(EventDescription::summaryOf(requests.constFirst()).endsWith(expectedRoute),
             qPrintable(EventDescription::summaryOf(requests.constFirst())));
}

void tst_Proxy::secureRoomThroughHttpProxy()
{
    // wss:// through CONNECT: the proxy carries the TLS it cannot read, and the certificate is
    // still the server's, checked against its pin.
    QTemporaryDir data;
    QVERIFY(data.isValid());
    ServerProcess server(ServerProcess::localArguments()
                         + QStringList{u"--tls"_s, u"--data-dir"_s, data.path()});
    QVERIFY2(server.waitForPort() && server.waitForWelcome(), server.transcript().constData());
    static const QRegularExpression fingerprintLine(u"SHA-256 fingerprint\\n  ([0-9a-f]{64})\\n"_s);
    const QString fingerprint = fingerprintLine.match(server.out()).captured(1);
    QVERIFY2(!fingerprint.isEmpty(), server.transcript().constData());
    HttpConnectProxy proxy;
    QVERIFY(proxy.listen());

    ConnectionManager connection;
    ConnectionManager::Options options;
    options.url = QUrl(u"wss://127.0.0.1:%1"_s.arg(server.port()));
    options.subprotocols = {u"parlor.v1"_s};
    options.pingIntervalMs = 0;
    options.trustedFingerprint = fingerprint;
    options.onlyTrustedFingerprint = true;
    options.proxy = proxySetting(u"http://127.0.0.1:%1"_s.arg(proxy.port()));
    QSignalSpy opened(&connection, &ConnectionManager::opened);
    QVERIFY(connection.open(options));
    QVERIFY2(opened.wait(waitMs), qPrintable(connection.lastClose().text()));
    QCOMPARE(proxy.requestLines(),
             QStringList{u"CONNECT 127.0.0.1:%1 HTTP/1.1"_s.arg(server.port())});
    QCOMPARE(proxy.tunnels(), 1);
}

void tst_Proxy::refusingProxy_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("proxyName");
    QTest::newRow("HTTP 403") << u"http"_s << u"HTTP proxy 127.0.0.1:%1"_s;
    QTest::newRow("SOCKS5 not allowed") << u"socks5"_s << u"SOCKS5 proxy 127.0.0.1:%1"_s;
}

void tst_Proxy::refusingProxy()
{
    QFETCH(QString, scheme);
    QFETCH(QString, proxyName);
    ServerProcess server(ServerProcess::localArguments());
    QVERIFY2(server.waitForPort(), server.transcript().constData());
    std::unique_ptr<LoopbackProxy> proxy;
    if (scheme == "http"_L1)
        proxy = std::make_unique<HttpConnectProxy>();
    else
        proxy = std::make_unique<Socks5Proxy>();
    QVERIFY(proxy->listen());
    proxy->setRefusing(true);

    ConnectionManager connection;
    ConnectionManager::Options options;
    options.url = server.url();
    options.subprotocols = {u"parlor.v1"_s};
    options.pingIntervalMs = 0;
    options.proxy = proxySetting(u"%1://127.0.0.1:%2"_s.arg(scheme).arg(proxy->port()));
    QSignalSpy closed(&connection, &ConnectionManager::closed);
    StateTimeline timeline;
    timeline.setLog(connection.eventLog());
    QVERIFY(connection.open(options));
    QVERIFY(closed.wait(waitMs));
    // Asked for the server (Qt asks a refusing proxy twice before it gives up).
    QVERIFY(!proxy->requests().isEmpty());
    for (const QString &target : proxy->requests())
        QCOMPARE(target, u"127.0.0.1:%1"_s.arg(server.port()));
    QCOMPARE(proxy->tunnels(), 0);

    // The close says the proxy refused, which proxy, and why; a refusal is not retried.
    const CloseInfo info = closed.constFirst().constFirst().value<CloseInfo>();
    QCOMPARE(info.reason, CloseInfo::Reason::ProxyError);
    QCOMPARE(info.proxy, u"%1://127.0.0.1:%2"_s.arg(scheme).arg(proxy->port()));
    QVERIFY(!info.errorString.isEmpty());
    QVERIFY2(info.text().contains(proxyName.arg(proxy->port())), qPrintable(info.text()));
    QVERIFY(!info.reconnectScheduled);
    // The inspector explains it as the proxy's refusal, not the server's.
    const int last = timeline.rowCount() - 1;
    QCOMPARE(timeline.attempt(last).proxy, info.proxy);
    QCOMPARE(HandshakeExplainer::failure(timeline.closeInfo(last), timeline.attempt(last)),
             HandshakeExplainer::Failure::ProxyRefused);
}

void tst_Proxy::noneGoesDirectDespiteEnvironment()
{
    const QHostAddress address = nonLoopbackAddress();
    if (address.isNull())
        QSKIP("this machine has no non-loopback IPv4 address: the system proxy is never used "
              "for loopback, so there is nothing to tell apart");
    ServerProcess server({u"--port"_s, u"0"_s, u"--bind"_s, address.toString()});
    QVERIFY2(server.waitForPort(), server.transcript().constData());
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(address.toString());
    url.setPort(server.port());
    HttpConnectProxy proxy;
    QVERIFY(proxy.listen());
    qputenv("http_proxy", u"http://127.0.0.1:%1"_s.arg(proxy.port()).toLatin1());

    // By default the system's proxy is honoured: the environment's goes first.
    {
        ChatSession viaSystem;
        QSignalSpy joined(&viaSystem, &ChatSession::joined);
        QVERIFY(viaSystem.start(sessionOptions(url, QString(), u"sys"_s)));
        QVERIFY2(joined.wait(waitMs), qPrintable(viaSystem.connection()->lastClose().text()));
        QCOMPARE(proxy.requests(),
                 QStringList{u"%1:%2"_s.arg(address.toString()).arg(server.port())});
        QCOMPARE(handshakeRequests(*viaSystem.connection()->eventLog())
                         .constFirst()
                         .text(EventField::proxy),
                 u"http://127.0.0.1:%1"_s.arg(proxy.port()));
    }

    // "none" goes straight to the server although http_proxy is set.
    ChatSession direct;
    QSignalSpy joined(&direct, &ChatSession::joined);
    QVERIFY(direct.start(sessionOptions(url, u"none"_s, u"direct"_s)));
    QVERIFY2(joined.wait(waitMs), qPrintable(direct.connection()->lastClose().text()));
    const QString id = direct.send(u"straight"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(direct, id), ChatLine::Delivery::Delivered, waitMs);
    QCOMPARE(proxy.requests().size(), 1); // only the first session's
    QCOMPARE(handshakeRequests(*direct.connection()->eventLog()).constFirst().text(EventField::proxy),
             u"direct"_s);
}

void tst_Proxy::loginAskedFor_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::newRow("HTTP 407") << u"http"_s;
    QTest::newRow("SOCKS5 user and password") << u"socks5"_s;
}

void tst_Proxy::loginAskedFor()
{
    QFETCH(QString, scheme);
    ServerProcess server(ServerProcess::localArguments());
    QVERIFY2(server.waitForPort(), server.transcript().constData());
    std::unique_ptr<LoopbackProxy> proxyOwner;
    if (scheme == "http"_L1)
        proxyOwner = std::make_unique<HttpConnectProxy>();
    else
        proxyOwner = std::make_unique<Socks5Proxy>();
    LoopbackProxy &proxy = *proxyOwner;
    QVERIFY(proxy.listen());
    proxy.setCredentials("cleo", "pw-typed");
    ConnectionManager::Options options;
    options.url = server.url();
    options.subprotocols = {u"parlor.v1"_s};
    options.pingIntervalMs = 0;
    options.backoff.initialMs = 50;
    options.proxy = proxySetting(u"%1://cleo@127.0.0.1:%2"_s.arg(scheme).arg(proxy.port()));

    // Nobody answers the question: the attempt fails at the proxy, and says it wants a login.
    {
        ConnectionManager connection;
        QSignalSpy closed(&connection, &ConnectionManager::closed);
        StateTimeline timeline;
        timeline.setLog(connection.eventLog());
        QVERIFY(connection.open(options));
        QVERIFY(closed.wait(waitMs));
        const CloseInfo info = closed.constFirst().constFirst().value<CloseInfo>();
        QCOMPARE(info.reason, CloseInfo::Reason::ProxyError);
        QVERIFY(!info.reconnectScheduled);
        const int last = timeline.rowCount() - 1;
        QCOMPARE(HandshakeExplainer::failure(timeline.closeInfo(last), timeline.attempt(last)),
                 HandshakeExplainer::Failure::ProxyAuthentication);
        QCOMPARE(proxy.logins(), 0);
        QCOMPARE(proxy.requests(), QStringList()); // the proxy never let it through
        // Given up after the refused login, not tried again and again (Qt would).
        QVERIFY2(proxy.failedLogins() <= 2, qPrintable(QString::number(proxy.failedLogins())));
    }

    // The front end asks once; a reconnect uses the same password without asking again.
    const int failedBefore = proxy.failedLogins();
    ConnectionManager connection;
    int asked = 0;
    connect(&connection, &ConnectionManager::proxyAuthenticationRequired, this,
            [&asked](const QNetworkProxy &, QAuthenticator *authenticator) {
                ++asked;
                QCOMPARE(authenticator->user(), u"cleo"_s);
                authenticator->setPassword(u"pw-typed"_s);
            });
    QSignalSpy opened(&connection, &ConnectionManager::opened);
    QVERIFY(connection.open(options));
    QVERIFY(opened.wait(waitMs));
    QCOMPARE(asked, 1);
    QCOMPARE(proxy.logins(), 1);
    QCOMPARE(proxy.requests(), QStringList{u"127.0.0.1:%1"_s.arg(server.port())});
    const int failedOnce = proxy.failedLogins(); // SOCKS5: the first try, without the password
    QVERIFY(failedOnce - failedBefore <= 1);
    server.kill();
    ServerProcess again(ServerProcess::localArguments(server.port()));
    QVERIFY2(again.waitForPort(), again.transcript().constData());
    QVERIFY(opened.wait(waitMs));
    QCOMPARE(asked, 1);
    // Each reconnect logged in with the password kept (while the server was down, too).
    QVERIFY(proxy.logins() >= 2);
    QCOMPARE(proxy.failedLogins(), failedOnce); // none since the password was given
    // And the password is nowhere in the record.
    EventLog &log = *connection.eventLog();
    for (int i = 0; i < log.size(); ++i) {
        const QByteArray fields = QJsonDocument(log.at(i).fields).toJson();
        QVERIFY2(!fields.contains("pw-typed"), fields.constData());
    }
}

void tst_Proxy::cliProxyOption()
{
    ServerProcess server(ServerProcess::localArguments());
    QVERIFY2(server.waitForPort(), server.transcript().constData());
    Socks5Proxy proxy;
    QVERIFY(proxy.listen());
    proxy.setCredentials("cleo", "s3cret-pw");
    const QString proxyUrl = u"socks5://127.0.0.1:%1"_s.arg(proxy.port());
    // The proxy wants a login: the user from the URL, the password from the environment, which
    // must not appear anywhere in what parlor-cli prints.
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(u"PARLOR_PROXY_PASSWORD"_s, u"s3cret-pw"_s);
    {
        ChildProcess cli(u"cli"_s, TestSupport::cliBinary(),
                         {server.url().toString(), u"--nick"_s, u"cleo"_s, u"--proxy"_s,
                          u"socks5://cleo@127.0.0.1:%1"_s.arg(proxy.port()), u"--json"_s},
                         env);
        auto stateTo = [&cli](const QString &to) {
            return [&cli, to] {
                for (const QJsonObject &o : cli.jsonLines()) {
                    if (o.value(u"event"_s).toString() == "state"_L1
                        && o.value(u"to"_s).toString() == to) {
                        return true;
                    }
                }
                return false;
            };
        };
        QVERIFY2(cli.waitUntil(stateTo(u"Open"_s), waitMs), cli.transcript().constData());
        QCOMPARE(proxy.requests(), QStringList{u"127.0.0.1:%1"_s.arg(server.port())});
        QCOMPARE(proxy.logins(), 1);
        bool sawProxy = false;
        for (const QJsonObject &o : cli.jsonLines()) {
            if (o.value(u"to"_s).toString() == "Connecting"_L1)
                sawProxy = o.value(u"proxy"_s).toString() == proxyUrl;
        }
        QVERIFY2(sawProxy, cli.transcript().constData());
        cli.process().closeWriteChannel();
        QVERIFY(cli.waitForExit());
        QVERIFY2(!cli.transcript().contains("s3cret-pw"), cli.transcript().constData());
    }
    // Human output says the route; nonsense is a usage error.
    {
        ChildProcess cli(u"cli"_s, TestSupport::cliBinary(),
                         {server.url().toString(), u"--nick"_s, u"dora"_s, u"--proxy"_s,
                          u"socks5://cleo@127.0.0.1:%1"_s.arg(proxy.port())},
                         env);
        QVERIFY2(cli.waitUntil([&] { return cli.out().contains(u"* connected"_s); }, waitMs),
                 cli.transcript().constData());
        QVERIFY2(cli.out().contains(u"via SOCKS5 proxy 127.0.0.1:%1"_s.arg(proxy.port())),
                 cli.transcript().constData());
        cli.process().closeWriteChannel();
        QVERIFY(cli.waitForExit());
    }
    {
        ChildProcess cli(u"cli"_s, TestSupport::cliBinary(),
                         {server.url().toString(), u"--proxy"_s, u"ftp://x:1"_s});
        QVERIFY(cli.waitForExit());
        QCOMPARE(cli.process().exitCode(), 2);
        QVERIFY2(cli.err().contains(u"is not a proxy"_s), cli.transcript().constData());
    }
    // A proxy that refuses: said in the close, not retried, exit code 1.
    {
        HttpConnectProxy refusing;
        QVERIFY(refusing.listen());
        refusing.setRefusing(true);
        ChildProcess cli(u"cli"_s, TestSupport::cliBinary(),
                         {server.url().toString(), u"--nick"_s, u"eve"_s, u"--proxy"_s,
                          u"http://127.0.0.1:%1"_s.arg(refusing.port())});
        QVERIFY2(cli.waitForExit(), cli.transcript().constData());
        QCOMPARE(cli.process().exitCode(), 1);
        QVERIFY2(cli.out().contains(u"(the HTTP proxy 127.0.0.1:%1 failed: "_s.arg(refusing.port())),
                 cli.transcript().constData());
        QVERIFY2(!cli.out().contains(u"reconnecting"_s), cli.transcript().constData());
    }
}

QTEST_GUILESS_MAIN(tst_Proxy)
#include "tst_proxy.moc"
