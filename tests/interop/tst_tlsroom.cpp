// wss:// rooms with the real binaries: `parlor-server --tls` makes a self-signed certificate once
// (kept in its --data-dir) and prints its SHA-256 fingerprint; a Parlor client (parlor-cli) and a
// Python `websockets` client are refused until they pin exactly that fingerprint, and then chat;
// the browser page comes over https:// on the same port; a user's own certificate is served as
// given. Issue 10's "Done when": "A Parlor client and a Python websockets client join a wss://
// room with a self-signed certificate after pinning its fingerprint; without the pin they are
// refused with the existing explanation."

#include "serverprocess.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslError>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr int waitMs = 20000; // the most any wait may take; they return as soon as they can
constexpr int pythonRunTimeoutMs = 60000;

const QRegularExpression &fingerprintLine()
{
    static const QRegularExpression line(
            QStringLiteral("SHA-256 fingerprint\\n  ([0-9a-f]{64})\\n"));
    return line;
}

QString sha256Of(const QString &certificateFile)
{
    QFile file(certificateFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(
            QSslCertificate(file.readAll(), QSsl::Pem).digest(QCryptographicHash::Sha256).toHex());
}

} // namespace

class tst_TlsRoom : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void selfSignedCertificateIsKeptAcrossRestarts();
    void parlorClientJoinsOnlyAfterPinning();
    void pythonClientJoinsOnlyAfterPinning();
    void pageIsServedOverHttps();
    void plainConnectionsToATlsRoomFailAlone();
    void userCertificateIsServed();
    void badCertificateStopsTheServerWithAReason();

private:
    /// Starts parlor-server --tls on 127.0.0.1 with its data in m_data; the fingerprint it prints.
    QString startRoom(const QStringList &extra = {});
    /// A parlor-cli joining the room, its settings (the remembered pins) in m_config.
    std::unique_ptr<ChildProcess> startCli(const QString &nick, const QStringList &extra = {});
    QUrl wssUrl() const;

    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<ServerProcess> m_server;
};

void tst_TlsRoom::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    m_config = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid() && m_config->isValid());
}

void tst_TlsRoom::cleanup()
{
    m_server.reset();
}

QString tst_TlsRoom::startRoom(const QStringList &extra)
{
    QStringList arguments = ServerProcess::localArguments();
    arguments << QStringLiteral("--tls") << QStringLiteral("--data-dir") << m_data->path() << extra;
    m_server = std::make_unique<ServerProcess>(arguments);
    if (!m_server->waitForPort() || !m_server->waitForWelcome())
        return {};
    return fingerprintLine().match(m_server->out()).captured(1);
}

std::unique_ptr<ChildProcess> tst_TlsRoom::startCli(const QString &nick, const QStringList &extra)
{
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config->path());
    return std::make_unique<ChildProcess>(nick, TestSupport::cliBinary(),
                                          QStringList{wssUrl().toString(), QStringLiteral("--nick"),
                                                      nick, QStringLiteral("--no-reconnect")}
                                                  + extra,
                                          env);
}

QUrl tst_TlsRoom::wssUrl() const
{
    QUrl url = m_server->url();
    url.setScheme(QStringLiteral("wss"));
    return url;
}

void tst_TlsRoom::selfSignedCertificateIsKeptAcrossRestarts()
{
    const QString fingerprint = startRoom();
    QVERIFY2(!fingerprint.isEmpty(), m_server->transcript().constData());
    QVERIFY2(m_server->out().contains(QStringLiteral("wss://127.0.0.1:")),
             m_server->transcript().constData());
    QVERIFY2(m_server->out().contains(QStringLiteral("https://127.0.0.1:")),
             m_server->transcript().constData());
    const QString certificateFile = m_data->filePath(QStringLiteral("tls-certificate.pem"));
    QCOMPARE(sha256Of(certificateFile), fingerprint);
    QCOMPARE(QFileInfo(m_data->filePath(QStringLiteral("tls-key.pem"))).permissions()
                     & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());

    // Killed and started again: the same certificate, so every joiner's pin still holds.
    m_server->kill();
    QCOMPARE(startRoom(), fingerprint);
}

void tst_TlsRoom::parlorClientJoinsOnlyAfterPinning()
{
    const QString fingerprint = startRoom();
    QVERIFY2(!fingerprint.isEmpty(), m_server->transcript().constData());

    // Without the pin: the existing explanation (the certificate's subject and fingerprint), a
    // hint how to trust it, no retry, exit code 1 (ExitClosed).
    auto refused = startCli(QStringLiteral("mallory"));
    QVERIFY2(refused->waitForExit(waitMs), refused->transcript().constData());
    QCOMPARE(refused->process().exitCode(), 1);
    const QString out = refused->out();
    QVERIFY2(out.contains(QStringLiteral("untrusted certificate")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("SHA-256 ") + fingerprint), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("--trust ") + fingerprint), qPrintable(out));
    QVERIFY2(!out.contains(QStringLiteral("* connected")), qPrintable(out));

    // A wrong pin is no pin.
    auto wrong = startCli(QStringLiteral("mallory"),
                          {QStringLiteral("--trust"), QString(64, QLatin1Char('0'))});
    QVERIFY2(wrong->waitForExit(waitMs), wrong->transcript().constData());
    QCOMPARE(wrong->process().exitCode(), 1);
    QVERIFY2(wrong->out().contains(QStringLiteral("untrusted certificate")),
             wrong->transcript().constData());

    // Pinned, in the form the server printed it but with colons and capitals, as a person
    // might copy it from elsewhere.
    QString spelled;
    for (int i = 0; i < fingerprint.size(); i += 2)
        spelled += (i ? QStringLiteral(":") : QString()) + fingerprint.mid(i, 2).toUpper();
    auto alice = startCli(QStringLiteral("alice"), {QStringLiteral("--trust"), spelled});
    QVERIFY2(alice->waitUntil(
                     [&] {
                         return alice->out().contains(QStringLiteral("* connected (parlor.v1)"));
                     },
                     waitMs),
             alice->transcript().constData());

    // The pin is remembered: the next run needs no --trust.
    auto bob = startCli(QStringLiteral("bob"));
    QVERIFY2(bob->waitUntil([&] { return alice->out().contains(QStringLiteral("bob joined")); },
                            waitMs),
             QByteArray(alice->transcript() + bob->transcript()).constData());
    bob->writeLine(QStringLiteral("hello over TLS ✓"));
    QVERIFY2(alice->waitUntil(
                     [&] { return alice->out().contains(QStringLiteral("hello over TLS ✓")); },
                     waitMs),
             QByteArray(alice->transcript() + bob->transcript()).constData());
    bob->process().closeWriteChannel();
    QVERIFY2(bob->waitForExit(waitMs), bob->transcript().constData());
    QCOMPARE(bob->process().exitCode(), 0);
}

void tst_TlsRoom::pythonClientJoinsOnlyAfterPinning()
{
    const QString fingerprint = startRoom();
    QVERIFY2(!fingerprint.isEmpty(), m_server->transcript().constData());
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    const QStringList common = {TestSupport::pythonPeerScript(), wssUrl().toString(),
                                QStringLiteral("--timeout"), QStringLiteral("10")};

    // Without a pin Python verifies the chain as it always does, and a self-signed certificate
    // fails it.
    ChildProcess refused(QStringLiteral("python-unpinned"), TestSupport::pythonInterpreter(),
                         common, env);
    QVERIFY2(refused.waitForExit(pythonRunTimeoutMs), refused.transcript().constData());
    QCOMPARE(refused.process().exitCode(), 1);
    QVERIFY2(refused.err().contains(QStringLiteral("certificate verify failed")),
             refused.transcript().constData());

    ChildProcess wrong(QStringLiteral("python-wrong-pin"), TestSupport::pythonInterpreter(),
                       common + QStringList{QStringLiteral("--pin"), QString(64, QLatin1Char('f'))},
                       env);
    QVERIFY2(wrong.waitForExit(pythonRunTimeoutMs), wrong.transcript().constData());
    QCOMPARE(wrong.process().exitCode(), 1);
    QVERIFY2(wrong.err().contains(QStringLiteral("certificate not trusted: its SHA-256 is ")
                                  + fingerprint),
             wrong.transcript().constData());

    // Pinned: python_peer.py's rich and plain peers join, chat with each other and close cleanly.
    ChildProcess pinned(QStringLiteral("python-pinned"), TestSupport::pythonInterpreter(),
                        common + QStringList{QStringLiteral("--pin"), fingerprint}, env);
    QVERIFY2(pinned.waitForExit(pythonRunTimeoutMs), pinned.transcript().constData());
    QCOMPARE(pinned.process().exitCode(), 0);
    QVERIFY2(pinned.out().contains(QStringLiteral("python_peer: ok:")),
             pinned.transcript().constData());
}

void tst_TlsRoom::pageIsServedOverHttps()
{
    const QString fingerprint = startRoom();
    QVERIFY2(!fingerprint.isEmpty(), m_server->transcript().constData());

    QNetworkAccessManager network;
    QUrl page = wssUrl();
    page.setScheme(QStringLiteral("https"));
    page.setPath(QStringLiteral("/"));
    QNetworkReply *reply = network.get(QNetworkRequest(page));
    QString presented;
    // Pinned as a browser with an exception would: only this certificate's errors are ignored.
    connect(reply, &QNetworkReply::sslErrors, reply, [&](const QList<QSslError> &errors) {
        const QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
        presented = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
        if (presented == fingerprint)
            reply->ignoreSslErrors(errors);
    });
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), waitMs);
    QCOMPARE(presented, fingerprint);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray body = reply->readAll();
    QVERIFY2(body.contains("parlor-web.js"), body.left(200).constData());
    reply->deleteLater();
}

void tst_TlsRoom::plainConnectionsToATlsRoomFailAlone()
{
    const QString fingerprint = startRoom();
    QVERIFY2(!fingerprint.isEmpty(), m_server->transcript().constData());

    // Someone types http:// (or ws://) for a TLS room: the TLS handshake fails and the
    // connection ends — it does not stay open until a timeout, nor disturb the room.
    QTcpSocket plain;
    plain.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(plain.waitForConnected(waitMs));
    plain.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(plain.state(), QAbstractSocket::UnconnectedState, waitMs);
    QVERIFY2(m_server->waitUntil(
                     [&] {
                         return m_server->err().contains(
                                 QStringLiteral("TLS handshake with 127.0.0.1 failed"));
                     },
                     waitMs),
             m_server->transcript().constData());

    // The room still serves pinned clients.
    auto alice = startCli(QStringLiteral("alice"), {QStringLiteral("--trust"), fingerprint});
    QVERIFY2(alice->waitUntil(
                     [&] {
                         return alice->out().contains(QStringLiteral("* connected (parlor.v1)"));
                     },
                     waitMs),
             alice->transcript().constData());
}

void tst_TlsRoom::userCertificateIsServed()
{
    const QString certificate = TestSupport::sourceDir()
                                + QStringLiteral("/tests/data/tls/test-cert.pem");
    const QString key = TestSupport::sourceDir() + QStringLiteral("/tests/data/tls/test-key.pem");
    m_server = std::make_unique<ServerProcess>(ServerProcess::localArguments()
                                               << QStringLiteral("--tls-cert") << certificate
                                               << QStringLiteral("--tls-key") << key);
    QVERIFY2(m_server->waitForPort() && m_server->waitForWelcome(),
             m_server->transcript().constData());
    const QString expected = sha256Of(certificate);
    QCOMPARE(fingerprintLine().match(m_server->out()).captured(1), expected);

    auto alice = startCli(QStringLiteral("alice"), {QStringLiteral("--trust"), expected});
    QVERIFY2(alice->waitUntil(
                     [&] {
                         return alice->out().contains(QStringLiteral("* connected (parlor.v1)"));
                     },
                     waitMs),
             alice->transcript().constData());
}

void tst_TlsRoom::badCertificateStopsTheServerWithAReason()
{
    const QString data = TestSupport::sourceDir() + QStringLiteral("/tests/data/tls/");
    ServerProcess server(ServerProcess::localArguments()
                         << QStringLiteral("--tls-cert") << data + QStringLiteral("test-cert.pem")
                         << QStringLiteral("--tls-key") << data + QStringLiteral("other-key.pem"));
    QVERIFY2(server.waitForExit(), server.transcript().constData());
    QCOMPARE(server.process().exitCode(), 1);
    QVERIFY2(server.err().contains(QStringLiteral("does not belong to the certificate")),
             server.transcript().constData());

    ServerProcess half(ServerProcess::localArguments()
                       << QStringLiteral("--tls-cert") << data + QStringLiteral("test-cert.pem"));
    QVERIFY2(half.waitForExit(), half.transcript().constData());
    QCOMPARE(half.process().exitCode(), 2);
    QVERIFY2(half.err().contains(QStringLiteral("--tls-cert and --tls-key go together")),
             half.transcript().constData());
}

QTEST_GUILESS_MAIN(tst_TlsRoom)
#include "tst_tlsroom.moc"
