#include "tlsidentity.h"

#include "core/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace Parlor {

namespace {

// Qt has no API to make a certificate, so the self-signed one comes from OpenSSL's libcrypto,
// which Qt's own TLS backend uses anyway. These hold its objects for exactly their scope.
struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct X509Free
{
    void operator()(X509 *x) const { X509_free(x); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct ExtensionFree
{
    void operator()(X509_EXTENSION *e) const { X509_EXTENSION_free(e); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Extension = std::unique_ptr<X509_EXTENSION, ExtensionFree>;

/// OpenSSL's reason for the last failure, for messages; clears its error queue.
QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char text[256] = {};
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

Bio memoryBio(const QByteArray &data)
{
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(size));
}

/// A password callback that offers none: an encrypted key fails to read instead of prompting
/// on the terminal, which a server started by systemd does not have.
int noPassword(char *, int, int, void *)
{
    return 0;
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    Extension extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

QByteArray readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    // A certificate with its chain is a few KiB; anything far larger is not one.
    constexpr qint64 limit = 1024 * 1024;
    if (file.size() > limit) {
        *error = TlsIdentity::tr("the file is larger than %1 bytes").arg(limit);
        return {};
    }
    return file.readAll();
}

bool writePrivateFile(const QString &path, const QByteArray &data, QFileDevice::Permissions mode,
                      QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(mode)
        || file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

bool TlsIdentity::fail(const QString &error)
{
    m_error = error;
    m_certificate = QSslCertificate();
    m_chain.clear();
    m_key = QSslKey();
    return false;
}

bool TlsIdentity::load(const QString &certificateFile, const QString &keyFile)
{
    m_error.clear();
    m_new = false;
    QString error;
    const QByteArray certificatePem = readFile(certificateFile, &error);
    if (certificatePem.isEmpty()) {
        return fail(tr("Cannot read the TLS certificate %1: %2")
                            .arg(certificateFile, error.isEmpty() ? tr("it is empty") : error));
    }
    const QByteArray keyPem = readFile(keyFile, &error);
    if (keyPem.isEmpty()) {
        return fail(tr("Cannot read the TLS key %1: %2")
                            .arg(keyFile, error.isEmpty() ? tr("it is empty") : error));
    }

    QList<QSslCertificate> certificates = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (certificates.isEmpty() || certificates.constFirst().isNull())
        return fail(tr("%1 holds no PEM certificate.").arg(certificateFile));

    // Read with OpenSSL, which names the key's algorithm and checks it against the certificate;
    // QSslKey must be told the algorithm and cannot do either.
    Bio keyBio = memoryBio(keyPem);
    const Pkey pkey(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassword, nullptr));
    if (!pkey) {
        ERR_clear_error();
        return fail(tr("%1 holds no unencrypted PEM private key (an encrypted key cannot be "
                       "used: the room starts without anyone to type its passphrase).")
                            .arg(keyFile));
    }
    Bio certificateBio = memoryBio(certificatePem);
    const X509Ptr x509(PEM_read_bio_X509(certificateBio.get(), nullptr, noPassword, nullptr));
    if (!x509 || X509_check_private_key(x509.get(), pkey.get()) != 1) {
        ERR_clear_error();
        return fail(tr("The key %1 does not belong to the certificate %2.")
                            .arg(keyFile, certificateFile));
    }
    QSsl::KeyAlgorithm algorithm = QSsl::Opaque;
    switch (EVP_PKEY_get_base_id(pkey.get())) {
    case EVP_PKEY_RSA:
        algorithm = QSsl::Rsa;
        break;
    case EVP_PKEY_EC:
        algorithm = QSsl::Ec;
        break;
    case EVP_PKEY_DSA:
        algorithm = QSsl::Dsa;
        break;
    default:
        return fail(
                tr("The key %1 is of a kind Parlor cannot use (RSA, ECDSA or DSA).").arg(keyFile));
    }
    // Rewritten as PKCS#8, the one PEM form Qt reads for every algorithm.
    Bio pkcs8(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_PKCS8PrivateKey(pkcs8.get(), pkey.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr)) {
        return fail(tr("Cannot read the TLS key %1: %2").arg(keyFile, openSslError()));
    }
    m_key = QSslKey(bioContents(pkcs8.get()), algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (m_key.isNull())
        return fail(tr("Qt cannot use the key %1.").arg(keyFile));
    m_certificate = certificates.takeFirst();
    m_chain = certificates;
    return true;
}

bool TlsIdentity::loadOrCreate(const QString &directory, const QString &commonName)
{
    const QDir dir(directory);
    const QString certificateFile = dir.filePath(QLatin1String(CertificateFileName));
    const QString keyFile = dir.filePath(QLatin1String(KeyFileName));
    const bool haveCertificate = QFileInfo::exists(certificateFile);
    const bool haveKey = QFileInfo::exists(keyFile);
    if (haveCertificate || haveKey) {
        if (!haveCertificate || !haveKey) {
            return fail(tr("Only one of %1 and %2 is there; remove the other to let Parlor make a "
                           "new certificate (joiners will have to trust it again).")
                                .arg(certificateFile, keyFile));
        }
        if (!load(certificateFile, keyFile))
            return false;
        qCInfo(lcServer).noquote() << "TLS: the room's certificate is" << certificateFile;
        return true;
    }

    QByteArray certificatePem;
    QByteArray keyPem;
    QString error;
    if (!QDir().mkpath(directory))
        return fail(tr("Cannot create the directory %1.").arg(directory));
    if (!createSelfSigned(commonName, &certificatePem, &keyPem, &error))
        return fail(tr("Cannot make a certificate: %1").arg(error));
    // The key first: a certificate without its key would be refused at the next start.
    if (!writePrivateFile(keyFile, keyPem, QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error)
        || !writePrivateFile(certificateFile, certificatePem,
                             QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                     | QFileDevice::ReadGroup | QFileDevice::ReadOther,
                             &error)) {
        QFile::remove(keyFile);
        return fail(tr("Cannot keep the certificate in %1: %2").arg(directory, error));
    }
    if (!load(certificateFile, keyFile))
        return false;
    m_new = true;
    qCInfo(lcServer).noquote() << "TLS: made a self-signed certificate in" << certificateFile;
    return true;
}

QString TlsIdentity::fingerprint() const
{
    return m_certificate.isNull()
                   ? QString()
                   : QString::fromLatin1(m_certificate.digest(QCryptographicHash::Sha256).toHex());
}

QSslConfiguration TlsIdentity::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(QList<QSslCertificate>{m_certificate} + m_chain);
    configuration.setPrivateKey(m_key);
    // Clients are not asked for certificates: the room's password says who may join.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

bool TlsIdentity::createSelfSigned(const QString &commonName, QByteArray *certificatePem,
                                   QByteArray *keyPem, QString *error)
{
    // P-256: every TLS client of the last decade speaks it, and it is quick to make.
    const Pkey key(EVP_EC_gen("P-256"));
    const X509Ptr certificate(X509_new());
    if (!key || !certificate) {
        *error = openSslError();
        return false;
    }
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1) {
        *error = openSslError();
        return false;
    }
    serial[0] &= 0x7f; // a positive serial number, as RFC 5280 asks
    BIGNUM *serialNumber = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool serialSet = serialNumber
                           && BN_to_ASN1_INTEGER(serialNumber,
                                                 X509_get_serialNumber(certificate.get()));
    BN_free(serialNumber);

    // Valid from a day ago (clocks differ) for ten years: it is pinned, not renewed.
    constexpr long day = 24 * 60 * 60;
    const QByteArray name = commonName.left(64).toUtf8();
    X509_NAME *subject = X509_get_subject_name(certificate.get());
    QByteArray altNames = "DNS:localhost,IP:127.0.0.1,IP:::1";
    const QString host = QHostInfo::localHostName();
    // A host name that is not a plain DNS label would make the extension invalid.
    static const QRegularExpression dnsName(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$"));
    if (dnsName.match(host).hasMatch())
        altNames += ",DNS:" + host.toLatin1();
    const bool ok = serialSet && X509_set_version(certificate.get(), 2) == 1
                    && X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -day)
                    && X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 3650 * day)
                    && X509_set_pubkey(certificate.get(), key.get()) == 1
                    && X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8,
                                                  reinterpret_cast<const unsigned char *>("Parlor"),
                                                  -1, -1, 0)
                               == 1
                    && X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                                  reinterpret_cast<const unsigned char *>(
                                                          name.constData()),
                                                  int(name.size()), -1, 0)
                               == 1
                    && X509_set_issuer_name(certificate.get(), subject) == 1
                    && addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE")
                    && addExtension(certificate.get(), NID_key_usage,
                                    "critical,digitalSignature,keyAgreement")
                    && addExtension(certificate.get(), NID_ext_key_usage, "serverAuth")
                    && addExtension(certificate.get(), NID_subject_alt_name, altNames.constData())
                    && addExtension(certificate.get(), NID_subject_key_identifier, "hash")
                    && X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0;
    if (!ok) {
        *error = openSslError();
        return false;
    }
    Bio certificateOut(BIO_new(BIO_s_mem()));
    Bio keyOut(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_X509(certificateOut.get(), certificate.get())
        || !PEM_write_bio_PKCS8PrivateKey(keyOut.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                          nullptr)) {
        *error = openSslError();
        return false;
    }
    *certificatePem = bioContents(certificateOut.get());
    *keyPem = bioContents(keyOut.get());
    return true;
}

} // namespace Parlor
