// Certificate pinning for wss:// against a real in-process QWebSocketServer in SecureMode on
// 127.0.0.1, with the self-signed certificates in tests/data/tls. An untrusted certificate closes
// the connection with TlsError (1015), its subject and SHA-256 fingerprint, and no reconnect; the
// user may trust that one certificate for that host and port, and the choice is remembered in
// the CertificatePins settings file. There is no "ignore all TLS errors" switch to test.

#include "client/certificatepins.h"
#include "client/connectionmanager.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using Parlor::CertificatePins;
using Parlor::CloseInfo;
using Parlor::ConnectionEvent;
using Parlor::ConnectionManager;
using Parlor::EventLog;
using State = ConnectionManager::State;
using Reason = CloseInfo::Reason;

namespace {

constexpr int handshakeTimeoutMs = 2000;
constexpr int backoffInitialMs = 50;
constexpr int waitMs = 10000; // the most any wait may take; they return as soon as they can

/// A certificate and its key from tests/data/tls, and the fingerprint the test expects.
struct Identity
{
    QSslCertificate certificate;
    QSslKey key;
    QString fingerprint; ///< SHA-256 of the DER certificate, lower-case hex
};

QByteArray readDataFile(const QString &name)
{
    QFile file(TestSupport::sourceDir() + QLatin1String("/tests/data/tls/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Identity loadIdentity(const QString &name)
{
    Identity identity;
    identity.certificate = QSslCertificate(readDataFile(name + QLatin1String("-cert.pem")),
                                           QSsl::Pem);
    identity.key = QSslKey(readDataFile(name + QLatin1String("-key.pem")), QSsl::Ec, QSsl::Pem);
    identity.fingerprint = QString::fromLatin1(
            identity.certificate.digest(QCryptographicHash::Sha256).toHex());
    return identity;
}

QString reasonName(Reason reason)
{
    return QString::fromLatin1(QMetaEnum::fromType<Reason>().valueToKey(int(reason)));
}

QString describe(const CloseInfo &info)
{
    return QStringLiteral("closed: %1 %2 \"%3\" subject=\"%4\" sha256=%5")
            .arg(reasonName(info.reason))
            .arg(info.code)
            .arg(info.errorString, info.certificateSubject, info.certificateFingerprint);
}

QUrl wssUrl(const QString &host, quint16 port)
{
    return QUrl(QStringLiteral("wss://%1:%2/").arg(host).arg(port));
}

/// A WebSocket echo server in SecureMode on 127.0.0.1 whose certificate can be switched.
class TlsEchoServer : public QObject
{
public:
    explicit TlsEchoServer(const Identity &identity)
        : m_server(QStringLiteral("parlor-tls-test"), QWebSocketServer::SecureMode)
    {
        useIdentity(identity);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                ++accepted;
                socket->setParent(this);
                connect(socket, &QWebSocket::textMessageReceived, socket,
                        [socket](const QString &text) { socket->sendTextMessage(text); });
                connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    /// Presents \a identity from the next connection on.
    void useIdentity(const Identity &identity)
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(identity.certificate);
        config.setPrivateKey(identity.key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
        m_server.setSslConfiguration(config);
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    QString errorString() const { return m_server.errorString(); }

    int accepted = 0; ///< WebSocket handshakes completed (after TLS)

private:
    QWebSocketServer m_server;
};

/// A ConnectionManager with the given pins file, and what it reported.
class Client
{
public:
    explicit Client(const QString &pinsFile)
    {
        manager.setCertificatePins(CertificatePins(pinsFile));
        QObject::connect(&manager, &ConnectionManager::closed, &manager,
                         [this](const CloseInfo &info) { closes.append(info); });
        QObject::connect(&manager, &ConnectionManager::opened, &manager,
                         [this](const QString &) { ++opens; });
        QObject::connect(&manager, &ConnectionManager::textMessageReceived, &manager,
                         [this](const QString &text) { texts.append(text); });
    }

    bool open(const QUrl &url, const QString &trustedFingerprint = {},
              bool onlyTrustedFingerprint = false)
    {
        ConnectionManager::Options options;
        options.trustedFingerprint = trustedFingerprint;
        options.onlyTrustedFingerprint = onlyTrustedFingerprint;
        options.url = url;
        options.handshakeTimeoutMs = handshakeTimeoutMs;
        options.pingIntervalMs = 0;
        options.autoReconnect = true; // so that "no reconnect" is the TLS rule, not an option
        options.backoff.initialMs = backoffInitialMs;
        options.backoff.maxMs = 8 * backoffInitialMs;
        return manager.open(options);
    }

    /// Waits until the manager has opened \a opened times or closed \a closed times, whichever
    /// comes first.
    bool waitSettled(int opened, int closed)
    {
        return QTest::qWaitFor([&] { return opens >= opened || closes.size() >= closed; }, waitMs);
    }

    QString lastCloseText() const
    {
        return closes.isEmpty() ? QStringLiteral("not closed") : describe(closes.last());
    }

    /// The fields of every Error event that describes a certificate, oldest first.
    QList<QJsonObject> certificateErrors()
    {
        QList<QJsonObject> result;
        const EventLog *log = manager.eventLog();
        for (int i = 0; i < log->size(); ++i) {
            const ConnectionEvent &event = log->at(i);
            if (event.kind == ConnectionEvent::Kind::Error
                && event.fields.contains(QLatin1String("sha256"))) {
                result.append(event.fields);
            }
        }
        return result;
    }

    int reconnectEvents()
    {
        int count = 0;
        const EventLog *log = manager.eventLog();
        for (int i = 0; i < log->size(); ++i)
            count += log->at(i).kind == ConnectionEvent::Kind::Reconnect ? 1 : 0;
        return count;
    }

    QList<CloseInfo> closes;
    int opens = 0;
    QStringList texts;
    ConnectionManager manager; // last: destroyed first, while the lists above still exist
};

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class tst_TlsPinning : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void untrustedCertificateClosesWithTlsErrorAndDoesNotReconnect();
    void trustingTheFingerprintReconnectsAndChats();
    void pinIsRememberedByANewConnectionManager();
    void pinDoesNotCoverAnotherCertificateOnTheSameHostAndPort();
    void pinForOneHostDoesNotApplyToAnotherHost();
    void pinForOnePortDoesNotApplyToAnotherPort();
    void trustedFingerprintOptionTrustsOnlyThatCertificateAndIsNotRemembered();
    void onlyTrustedFingerprintRefusesACertificateAnAuthorityVouchesFor();

    void pinsMatchOnlyTheTrustedHostPortAndFingerprint();
    void pinsIgnoreTheCaseOfHostAndFingerprint();
    void forgetRemovesOnlyThatHostAndPort();
    void pinsArePersistedInTheSettingsFile();

private:
    /// Connects \a client to \a url expecting the untrusted-certificate close for \a expected.
    void expectTlsError(Client &client, const Identity &expected);
    /// Trusts the certificate of the last TlsError and expects the connection to open.
    void trustAndExpectOpen(Client &client);

    Identity m_test;
    Identity m_other;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_pinsFile;
};

void tst_TlsPinning::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // nothing may touch the user's real settings
    QVERIFY2(QSslSocket::supportsSsl(), "QtNetwork has no TLS backend");

    m_test = loadIdentity(QStringLiteral("test"));
    m_other = loadIdentity(QStringLiteral("other"));
    for (const Identity *identity : {&m_test, &m_other}) {
        QVERIFY2(!identity->certificate.isNull(), "tests/data/tls: certificate not loaded");
        QVERIFY2(!identity->key.isNull(), "tests/data/tls: private key not loaded");
        QCOMPARE(identity->fingerprint.size(), 64);
    }
    QVERIFY(m_test.certificate.subjectDisplayName().contains(QLatin1String("parlor-test.invalid")));
    QVERIFY(m_other.certificate.subjectDisplayName().contains(QLatin1String("other.invalid")));
    QVERIFY(m_test.fingerprint != m_other.fingerprint);
}

void tst_TlsPinning::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_pinsFile = m_dir->filePath(QStringLiteral("pins.ini"));
}

void tst_TlsPinning::cleanup()
{
    m_dir.reset();
}

void tst_TlsPinning::expectTlsError(Client &client, const Identity &expected)
{
    const int closesBefore = int(client.closes.size());
    const int opensBefore = client.opens;
    QVERIFY2(client.waitSettled(opensBefore + 1, closesBefore + 1),
             "neither opened nor closed in time");
    QVERIFY2(client.opens == opensBefore,
             "opened although the certificate is not trusted for this host and port");
    QCOMPARE(client.closes.size(), closesBefore + 1);

    const CloseInfo &info = client.closes.last();
    QVERIFY2(info.reason == Reason::TlsError, qPrintable(describe(info)));
    QCOMPARE(info.code, 1015);
    QVERIFY2(info.certificateSubject.contains(expected.certificate.subjectDisplayName()),
             qPrintable(info.certificateSubject));
    QCOMPARE(info.certificateFingerprint, expected.fingerprint);

    // The user has to decide: nothing is retried behind their back.
    QVERIFY(!info.reconnectScheduled);
    QVERIFY(!client.manager.isReconnectScheduled());
    QVERIFY(!client.manager.lastClose().reconnectScheduled);
    QCOMPARE(client.manager.state(), State::Closed);
    QCOMPARE(client.reconnectEvents(), 0);

    const QList<QJsonObject> errors = client.certificateErrors();
    QVERIFY2(!errors.isEmpty(), "no Error event with the certificate in the event log");
    const QJsonObject &event = errors.last();
    QVERIFY2(event.value(QLatin1String("subject"))
                     .toString()
                     .contains(expected.certificate.subjectDisplayName()),
             qPrintable(json(event)));
    QVERIFY2(event.value(QLatin1String("issuer"))
                     .toString()
                     .contains(expected.certificate.issuerDisplayName()),
             qPrintable(json(event)));
    QCOMPARE(event.value(QLatin1String("sha256")).toString(), expected.fingerprint);
    QVERIFY2(event.value(QLatin1String("pinned")).isBool(), qPrintable(json(event)));
    QCOMPARE(event.value(QLatin1String("pinned")).toBool(), false);
    QVERIFY2(!event.value(QLatin1String("problems")).toArray().isEmpty(), qPrintable(json(event)));
}

void tst_TlsPinning::trustAndExpectOpen(Client &client)
{
    QVERIFY(!client.closes.isEmpty());
    const QString fingerprint = client.closes.last().certificateFingerprint;
    const int opensBefore = client.opens;
    const int closesBefore = int(client.closes.size());
    client.manager.trustCertificateAndReconnect(fingerprint);
    QVERIFY2(client.waitSettled(opensBefore + 1, closesBefore + 1),
             "neither opened nor closed in time");
    QVERIFY2(client.opens == opensBefore + 1, qPrintable(client.lastCloseText()));
    QCOMPARE(client.manager.state(), State::Open);
}

void tst_TlsPinning::trustedFingerprintOptionTrustsOnlyThatCertificateAndIsNotRemembered()
{
    // The desktop app joining the room it hosts knows its certificate: it is trusted for that
    // connection without a prompt, but no other certificate is, and nothing is stored.
    TlsEchoServer server(m_test);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    const QUrl url = wssUrl(QStringLiteral("127.0.0.1"), server.port());

    Client own(m_pinsFile);
    QVERIFY(own.open(url, m_test.fingerprint.toUpper()));
    QVERIFY2(own.waitSettled(1, 1), "neither opened nor closed in time");
    QVERIFY2(own.opens == 1, qPrintable(own.lastCloseText()));
    own.manager.sendText(QStringLiteral("own room"));
    QVERIFY(QTest::qWaitFor([&] { return own.texts.contains(QStringLiteral("own room")); }, waitMs));
    QVERIFY(!CertificatePins(m_pinsFile)
                     .isTrusted(QStringLiteral("127.0.0.1"), server.port(), m_test.fingerprint));

    Client expectingAnother(m_pinsFile);
    QVERIFY(expectingAnother.open(url, m_other.fingerprint));
    expectTlsError(expectingAnother, m_test);
}

void tst_TlsPinning::onlyTrustedFingerprintRefusesACertificateAnAuthorityVouchesFor()
{
    // parlor-cli --pin: that certificate and no other, even one that verifies. The loopback
    // certificate (valid for 127.0.0.1) is made an authority for this test only.
    const Identity loopback = loadIdentity(QStringLiteral("loopback"));
    QVERIFY2(!loopback.certificate.isNull() && !loopback.key.isNull(), "tests/data/tls/loopback");
    const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
    const auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(saved); });
    QSslConfiguration withAuthority = saved;
    withAuthority.addCaCertificate(loopback.certificate);
    QSslConfiguration::setDefaultConfiguration(withAuthority);

    TlsEchoServer server(loopback);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    const QUrl url = wssUrl(QStringLiteral("127.0.0.1"), server.port());

    // Without a pin it verifies: no certificate error at all.
    Client plain(m_pinsFile);
    QVERIFY(plain.open(url));
    QVERIFY2(plain.waitSettled(1, 1), "neither opened nor closed in time");
    QVERIFY2(plain.opens == 1, qPrintable(plain.lastCloseText()));
    QVERIFY(plain.certificateErrors().isEmpty());

    // Pinned to another certificate: refused as untrusted, with the one it presented.
    Client pinned(m_pinsFile);
    QVERIFY(pinned.open(url, m_other.fingerprint, true));
    QVERIFY2(pinned.waitSettled(1, 1), "neither opened nor closed in time");
    QVERIFY2(pinned.opens == 0, "opened although the certificate is not the pinned one");
    QCOMPARE(pinned.closes.size(), 1);
    QVERIFY2(pinned.closes.last().reason == Reason::TlsError,
             qPrintable(describe(pinned.closes.last())));
    QCOMPARE(pinned.closes.last().certificateFingerprint, loopback.fingerprint);
    QVERIFY(!pinned.closes.last().reconnectScheduled);

    // Pinned to this one: open.
    Client right(m_pinsFile);
    QVERIFY(right.open(url, loopback.fingerprint, true));
    QVERIFY2(right.waitSettled(1, 1), "neither opened nor closed in time");
    QVERIFY2(right.opens == 1, qPrintable(right.lastCloseText()));
}

void tst_TlsPinning::untrustedCertificateClosesWithTlsErrorAndDoesNotReconnect()
{
    TlsEchoServer server(m_test);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    Client client(m_pinsFile);

    QVERIFY(client.open(wssUrl(QStringLiteral("127.0.0.1"), server.port())));
    expectTlsError(client, m_test);
    QVERIFY(client.closes.last().certificateSubject.contains(QLatin1String("parlor-test.invalid")));
    QCOMPARE(client.closes.last().codeName, QStringLiteral("TLS Handshake"));
    QCOMPARE(server.accepted, 0); // the WebSocket handshake never happened
    QVERIFY(!CertificatePins(m_pinsFile)
                     .isTrusted(QStringLiteral("127.0.0.1"), server.port(), m_test.fingerprint));
}

void tst_TlsPinning::trustingTheFingerprintReconnectsAndChats()
{
    TlsEchoServer server(m_test);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    Client client(m_pinsFile);

    QVERIFY(client.open(wssUrl(QStringLiteral("127.0.0.1"), server.port())));
    expectTlsError(client, m_test);
    trustAndExpectOpen(client);
    QCOMPARE(server.accepted, 1);

    const QString text = QStringLiteral("hello over TLS, Grüße 안녕");
    QVERIFY(client.manager.sendText(text) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(client.texts.size(), 1, waitMs);
    QCOMPARE(client.texts.first(), text);

    // The connection that opened went through the pin, and says so.
    const QList<QJsonObject> errors = client.certificateErrors();
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.last().value(QLatin1String("pinned")).toBool(), true);
    QCOMPARE(errors.last().value(QLatin1String("sha256")).toString(), m_test.fingerprint);

    // The choice is stored for this host and port.
    QVERIFY(CertificatePins(m_pinsFile)
                    .isTrusted(QStringLiteral("127.0.0.1"), server.port(), m_test.fingerprint));
}

void tst_TlsPinning::pinIsRememberedByANewConnectionManager()
{
    TlsEchoServer server(m_test);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    const QUrl url = wssUrl(QStringLiteral("127.0.0.1"), server.port());
    {
        Client first(m_pinsFile);
        QVERIFY(first.open(url));
        expectTlsError(first, m_test);
        trustAndExpectOpen(first);
    }

    Client second(m_pinsFile);
    QVERIFY(second.open(url));
    QVERIFY2(second.waitSettled(1, 1), "neither opened nor closed in time");
    QVERIFY2(second.opens == 1, qPrintable(second.lastCloseText()));
    QVERIFY(second.closes.isEmpty());
    QCOMPARE(second.manager.state(), State::Open);

    const QList<QJsonObject> errors = second.certificateErrors();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().value(QLatin1String("pinned")).toBool(), true);
    QCOMPARE(errors.first().value(QLatin1String("sha256")).toString(), m_test.fingerprint);

    QVERIFY(second.manager.sendText(QStringLiteral("remembered")) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(second.texts, QStringList{QStringLiteral("remembered")}, waitMs);
}

void tst_TlsPinning::pinDoesNotCoverAnotherCertificateOnTheSameHostAndPort()
{
    TlsEchoServer server(m_test);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    Client client(m_pinsFile);
    QVERIFY(client.open(wssUrl(QStringLiteral("127.0.0.1"), server.port())));
    expectTlsError(client, m_test);
    trustAndExpectOpen(client);

    client.manager.close();
    QTRY_COMPARE_WITH_TIMEOUT(client.closes.size(), 2, waitMs);
    QCOMPARE(client.closes.last().reason, Reason::User);

    // Same host, same port, another certificate: the pin was for the first one only.
    server.useIdentity(m_other);
    client.manager.reconnectNow();
    expectTlsError(client, m_other);
    QVERIFY(client.closes.last().certificateSubject.contains(QLatin1String("other.invalid")));
    QVERIFY(client.closes.last().certificateFingerprint != m_test.fingerprint);
    QVERIFY(!CertificatePins(m_pinsFile)
                     .isTrusted(QStringLiteral("127.0.0.1"), server.port(), m_other.fingerprint));

    // Rejecting the other certificate did not drop the pin of the first one.
    server.useIdentity(m_test);
    const int opensBefore = client.opens;
    client.manager.reconnectNow();
    QVERIFY2(client.waitSettled(opensBefore + 1, int(client.closes.size()) + 1),
             "neither opened nor closed in time");
    QVERIFY2(client.opens == opensBefore + 1, qPrintable(client.lastCloseText()));
}

void tst_TlsPinning::pinForOneHostDoesNotApplyToAnotherHost()
{
    // The pin is keyed on the URL's host as written: 127.0.0.1 and localhost are two hosts for
    // it, although both reach the same server.
    const QList<QHostAddress> addresses = QHostInfo::fromName(QStringLiteral("localhost"))
                                                  .addresses();
    if (!addresses.contains(QHostAddress(QHostAddress::LocalHost)))
        QSKIP("localhost does not resolve to 127.0.0.1 here");

    TlsEchoServer server(m_test);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    {
        Client byAddress(m_pinsFile);
        QVERIFY(byAddress.open(wssUrl(QStringLiteral("127.0.0.1"), server.port())));
        expectTlsError(byAddress, m_test);
        trustAndExpectOpen(byAddress);
    }

    Client byName(m_pinsFile);
    QVERIFY(byName.open(wssUrl(QStringLiteral("localhost"), server.port())));
    expectTlsError(byName, m_test);
    QVERIFY(!CertificatePins(m_pinsFile)
                     .isTrusted(QStringLiteral("localhost"), server.port(), m_test.fingerprint));

    // Trusting it for localhost too works, and leaves the pin for 127.0.0.1 in place.
    trustAndExpectOpen(byName);
    const CertificatePins pins(m_pinsFile);
    QVERIFY(pins.isTrusted(QStringLiteral("localhost"), server.port(), m_test.fingerprint));
    QVERIFY(pins.isTrusted(QStringLiteral("127.0.0.1"), server.port(), m_test.fingerprint));
}

void tst_TlsPinning::pinForOnePortDoesNotApplyToAnotherPort()
{
    TlsEchoServer first(m_test);
    QVERIFY2(first.listen(), qPrintable(first.errorString()));
    TlsEchoServer second(m_test);
    QVERIFY2(second.listen(), qPrintable(second.errorString()));
    QVERIFY(first.port() != second.port());
    {
        Client client(m_pinsFile);
        QVERIFY(client.open(wssUrl(QStringLiteral("127.0.0.1"), first.port())));
        expectTlsError(client, m_test);
        trustAndExpectOpen(client);
    }

    Client client(m_pinsFile);
    QVERIFY(client.open(wssUrl(QStringLiteral("127.0.0.1"), second.port())));
    expectTlsError(client, m_test);
    QCOMPARE(second.accepted, 0);
}

void tst_TlsPinning::pinsMatchOnlyTheTrustedHostPortAndFingerprint()
{
    CertificatePins pins(m_pinsFile);
    const QString host = QStringLiteral("chat.example.org");
    QVERIFY(!pins.isTrusted(host, 443, m_test.fingerprint));

    pins.trust(host, 443, m_test.fingerprint);
    QVERIFY(pins.isTrusted(host, 443, m_test.fingerprint));
    QVERIFY(!pins.isTrusted(host, 443, m_other.fingerprint));
    QVERIFY(!pins.isTrusted(host, 8443, m_test.fingerprint));
    QVERIFY(!pins.isTrusted(QStringLiteral("other.example.org"), 443, m_test.fingerprint));
    QVERIFY(!pins.isTrusted(host, 443, QString()));
    QVERIFY(!pins.isTrusted(host, 443, m_test.fingerprint.left(32)));
}

void tst_TlsPinning::pinsIgnoreTheCaseOfHostAndFingerprint()
{
    CertificatePins pins(m_pinsFile);
    pins.trust(QStringLiteral("Chat.Example.ORG"), 443, m_test.fingerprint.toUpper());
    QVERIFY(pins.isTrusted(QStringLiteral("chat.example.org"), 443, m_test.fingerprint));
    QVERIFY(pins.isTrusted(QStringLiteral("CHAT.EXAMPLE.ORG"), 443, m_test.fingerprint.toUpper()));

    pins.trust(QStringLiteral("chat.example.org"), 443, m_other.fingerprint);
    QVERIFY(pins.isTrusted(QStringLiteral("Chat.example.org"), 443, m_other.fingerprint.toUpper()));
}

void tst_TlsPinning::forgetRemovesOnlyThatHostAndPort()
{
    CertificatePins pins(m_pinsFile);
    const QString host = QStringLiteral("chat.example.org");
    pins.trust(host, 443, m_test.fingerprint);
    pins.trust(host, 443, m_other.fingerprint);
    pins.trust(host, 8443, m_test.fingerprint);
    pins.trust(QStringLiteral("other.example.org"), 443, m_test.fingerprint);

    pins.forget(QStringLiteral("CHAT.example.org"), 443);
    QVERIFY(!pins.isTrusted(host, 443, m_test.fingerprint));
    QVERIFY(!pins.isTrusted(host, 443, m_other.fingerprint));
    QVERIFY(pins.isTrusted(host, 8443, m_test.fingerprint));
    QVERIFY(pins.isTrusted(QStringLiteral("other.example.org"), 443, m_test.fingerprint));

    // Forgotten for good, not only in this instance.
    QVERIFY(!CertificatePins(m_pinsFile).isTrusted(host, 443, m_test.fingerprint));
}

void tst_TlsPinning::pinsArePersistedInTheSettingsFile()
{
    const QString host = QStringLiteral("chat.example.org");
    CertificatePins(m_pinsFile).trust(host, 443, m_test.fingerprint);
    QVERIFY(QFile::exists(m_pinsFile));
    {
        QFile file(m_pinsFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(file.readAll().contains(m_test.fingerprint.toLatin1()),
                 "the fingerprint is not in the INI file");
    }

    const CertificatePins reopened(m_pinsFile);
    QVERIFY(reopened.isTrusted(host, 443, m_test.fingerprint));
    QVERIFY(!reopened.isTrusted(host, 443, m_other.fingerprint));

    // Another file is another store.
    const CertificatePins elsewhere(m_dir->filePath(QStringLiteral("elsewhere.ini")));
    QVERIFY(!elsewhere.isTrusted(host, 443, m_test.fingerprint));
}

QTEST_GUILESS_MAIN(tst_TlsPinning)

#include "tst_tlspinning.moc"
