#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

namespace Parlor {

/// The certificate and private key a wss:// room presents: the user's own (a PEM certificate,
/// optionally followed by its chain, and an unencrypted PEM key), or a self-signed one that
/// Parlor makes once and keeps in a directory so that its fingerprint — what joiners pin —
/// stays the same from one start to the next.
class TlsIdentity
{
    Q_DECLARE_TR_FUNCTIONS(TlsIdentity)

public:
    /// File names of the self-signed identity inside its directory.
    static constexpr const char *CertificateFileName = "tls-certificate.pem";
    static constexpr const char *KeyFileName = "tls-key.pem";

    /// Reads the user's certificate (with any chain after it) and key. False with
    /// errorString() when either cannot be read or they do not belong together.
    bool load(const QString &certificateFile, const QString &keyFile);
    /// Reads the self-signed identity kept in \a directory, making it first when there is none
    /// (the directory is created; the key file is readable by its owner only). An identity that
    /// is there but damaged is reported, never replaced: joiners have pinned it.
    bool loadOrCreate(const QString &directory, const QString &commonName);

    bool isNull() const { return m_certificate.isNull(); }
    QSslCertificate certificate() const { return m_certificate; }
    QSslKey key() const { return m_key; }
    /// Whether loadOrCreate() made the identity just now.
    bool isNew() const { return m_new; }
    /// SHA-256 of the certificate in the form Parlor's certificate dialog shows: lower-case hex.
    QString fingerprint() const;
    QString errorString() const { return m_error; }

    /// What a server socket needs to present this identity.
    QSslConfiguration serverConfiguration() const;

    /// Makes a self-signed certificate for \a commonName (valid for ten years, for the names
    /// localhost and this computer's, and the loopback addresses) with a new P-256 key, as
    /// PEM. False with \a error when OpenSSL fails.
    static bool createSelfSigned(const QString &commonName, QByteArray *certificatePem,
                                 QByteArray *keyPem, QString *error);

private:
    bool fail(const QString &error);

    QSslCertificate m_certificate;
    QList<QSslCertificate> m_chain; ///< what follows the certificate in its file
    QSslKey m_key;
    bool m_new = false;
    QString m_error;
};

} // namespace Parlor
