// TlsIdentity: the self-signed certificate of a wss:// room is made once and kept (its
// fingerprint is what joiners pin, so it must not change between starts), its key is private to
// the owner, and a user's certificate and key are read with every refusal explained. No sockets:
// tests/interop/tst_tlsroom.cpp serves rooms with them.

#include "server/tlsidentity.h"
#include "testsupport.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificateExtension>
#include <QTemporaryDir>
#include <QTest>

using Parlor::TlsIdentity;

namespace {

QString dataFile(const QString &name)
{
    return TestSupport::sourceDir() + QLatin1String("/tests/data/tls/") + name;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool write(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class tst_TlsIdentity : public QObject
{
    Q_OBJECT

private slots:
    void selfSignedIsMadeOnceAndKept();
    void selfSignedCertificateFitsARoom();
    void keyIsPrivateToItsOwner();
    void damagedIdentityIsReportedNotReplaced_data();
    void damagedIdentityIsReportedNotReplaced();
    void userCertificateIsRead();
    void userCertificateRefusals_data();
    void userCertificateRefusals();
};

void tst_TlsIdentity::selfSignedIsMadeOnceAndKept()
{
    QTemporaryDir dir;
    const QString where = dir.filePath(QStringLiteral("room/data"));
    TlsIdentity first;
    QVERIFY2(first.loadOrCreate(where, QStringLiteral("Kitchen")), qPrintable(first.errorString()));
    QVERIFY(first.isNew());
    QCOMPARE(first.fingerprint().size(), 64);
    QCOMPARE(first.fingerprint(),
             QString::fromLatin1(first.certificate().digest(QCryptographicHash::Sha256).toHex()));

    // The next start finds it: same certificate, so every pin still holds.
    TlsIdentity second;
    QVERIFY2(second.loadOrCreate(where, QStringLiteral("Kitchen")),
             qPrintable(second.errorString()));
    QVERIFY(!second.isNew());
    QCOMPARE(second.fingerprint(), first.fingerprint());
    QCOMPARE(second.key().toPem(), first.key().toPem());

    // Another room's directory gets a certificate of its own.
    TlsIdentity other;
    QVERIFY(other.loadOrCreate(dir.filePath(QStringLiteral("other")), QStringLiteral("Kitchen")));
    QVERIFY(other.fingerprint() != first.fingerprint());
}

void tst_TlsIdentity::selfSignedCertificateFitsARoom()
{
    QTemporaryDir dir;
    TlsIdentity identity;
    QVERIFY(identity.loadOrCreate(dir.path(), QStringLiteral("Café 카페")));
    const QSslCertificate certificate = identity.certificate();
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("Café 카페")});
    // Self-issued (its own issuer); not a CA, so OpenSSL's isSelfSigned() says no.
    QCOMPARE(certificate.issuerInfo(QSslCertificate::CommonName),
             certificate.subjectInfo(QSslCertificate::CommonName));
    QCOMPARE(certificate.issuerInfo(QSslCertificate::Organization),
             QStringList{QStringLiteral("Parlor")});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(certificate.effectiveDate() <= now);
    QVERIFY(certificate.expiryDate() > now.addYears(9));
    const auto names = certificate.subjectAlternativeNames();
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    QCOMPARE(identity.key().algorithm(), QSsl::Ec);
    QCOMPARE(identity.key().type(), QSsl::PrivateKey);
    // What a server socket is given presents exactly this certificate.
    const QSslConfiguration configuration = identity.serverConfiguration();
    QCOMPARE(configuration.localCertificate(), certificate);
    QCOMPARE(configuration.privateKey(), identity.key());
}

void tst_TlsIdentity::keyIsPrivateToItsOwner()
{
    QTemporaryDir dir;
    TlsIdentity identity;
    QVERIFY(identity.loadOrCreate(dir.path(), QStringLiteral("Parlor")));
    const QFileInfo key(dir.filePath(QLatin1String(TlsIdentity::KeyFileName)));
    QCOMPARE(key.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    const QFileInfo certificate(dir.filePath(QLatin1String(TlsIdentity::CertificateFileName)));
    QVERIFY(certificate.permissions().testFlag(QFile::ReadOther));
}

void tst_TlsIdentity::damagedIdentityIsReportedNotReplaced_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("damage"); ///< new contents; empty: the file is removed
    QTest::addColumn<QString>("expected");

    QTest::newRow("certificate garbled")
            << TlsIdentity::CertificateFileName << QByteArray("not a certificate\n")
            << QStringLiteral("holds no PEM certificate");
    QTest::newRow("key garbled") << TlsIdentity::KeyFileName << QByteArray("-----BEGIN PRIVATE KEY")
                                 << QStringLiteral("holds no unencrypted PEM private key");
    QTest::newRow("key of another certificate")
            << TlsIdentity::KeyFileName << contents(dataFile(QStringLiteral("other-key.pem")))
            << QStringLiteral("does not belong");
    QTest::newRow("certificate gone")
            << TlsIdentity::CertificateFileName << QByteArray() << QStringLiteral("Only one of");
    QTest::newRow("key gone") << TlsIdentity::KeyFileName << QByteArray()
                              << QStringLiteral("Only one of");
}

void tst_TlsIdentity::damagedIdentityIsReportedNotReplaced()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, damage);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    TlsIdentity made;
    QVERIFY(made.loadOrCreate(dir.path(), QStringLiteral("Parlor")));
    const QString path = dir.filePath(file);
    if (damage.isEmpty())
        QVERIFY(QFile::remove(path));
    else
        QVERIFY(write(path, damage));

    // Joiners pinned the old certificate: a new one would look like an attack to them. The
    // owner is told and decides.
    TlsIdentity again;
    QVERIFY(!again.loadOrCreate(dir.path(), QStringLiteral("Parlor")));
    QVERIFY(again.isNull());
    QVERIFY2(again.errorString().contains(expected), qPrintable(again.errorString()));
    QCOMPARE(QFileInfo::exists(path), !damage.isEmpty());
    if (!damage.isEmpty())
        QCOMPARE(contents(path), damage);
}

void tst_TlsIdentity::userCertificateIsRead()
{
    TlsIdentity identity;
    QVERIFY2(identity.load(dataFile(QStringLiteral("test-cert.pem")),
                           dataFile(QStringLiteral("test-key.pem"))),
             qPrintable(identity.errorString()));
    QVERIFY(!identity.isNew());
    const QSslCertificate expected(contents(dataFile(QStringLiteral("test-cert.pem"))), QSsl::Pem);
    QCOMPARE(identity.certificate(), expected);
    QCOMPARE(identity.fingerprint(),
             QString::fromLatin1(expected.digest(QCryptographicHash::Sha256).toHex()));
}

void tst_TlsIdentity::userCertificateRefusals_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    const QString cert = dataFile(QStringLiteral("test-cert.pem"));
    const QString key = dataFile(QStringLiteral("test-key.pem"));
    QTest::newRow("no certificate file") << dataFile(QStringLiteral("missing.pem")) << key
                                         << QStringLiteral("Cannot read the TLS certificate");
    QTest::newRow("no key file") << cert << dataFile(QStringLiteral("missing.pem"))
                                 << QStringLiteral("Cannot read the TLS key");
    QTest::newRow("key given as certificate")
            << key << key << QStringLiteral("holds no PEM certificate");
    QTest::newRow("certificate given as key")
            << cert << cert << QStringLiteral("holds no unencrypted PEM private key");
    QTest::newRow("another certificate's key") << cert << dataFile(QStringLiteral("other-key.pem"))
                                               << QStringLiteral("does not belong");
    QTest::newRow("encrypted key") << cert << QStringLiteral("encrypted")
                                   << QStringLiteral("an encrypted key cannot be used");
}

void tst_TlsIdentity::userCertificateRefusals()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    if (key == QLatin1String("encrypted")) {
        // The test key as `openssl pkey -aes256` would write it, with a passphrase.
        const QSslKey plain(contents(dataFile(QStringLiteral("test-key.pem"))), QSsl::Ec);
        QVERIFY(!plain.isNull());
        key = dir.filePath(QStringLiteral("encrypted-key.pem"));
        QVERIFY(write(key, plain.toPem("secret")));
        QVERIFY(contents(key).contains("ENCRYPTED"));
    }
    TlsIdentity identity;
    QVERIFY(!identity.load(certificate, key));
    QVERIFY(identity.isNull());
    QVERIFY2(identity.errorString().contains(expected), qPrintable(identity.errorString()));
}

QTEST_GUILESS_MAIN(tst_TlsIdentity)
#include "tst_tlsidentity.moc"
