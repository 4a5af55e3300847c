#pragma once

#include <QString>

namespace Parlor {

/// Certificates the user chose to trust although they failed verification, one SHA-256
/// fingerprint per host and port ("pinning"). Stored with QSettings, so the choice is remembered.
/// There is deliberately no way to trust every certificate.
class CertificatePins
{
public:
    /// Uses the application's QSettings, or the INI file \a settingsFile when given (tests).
    explicit CertificatePins(const QString &settingsFile = {});

    bool isTrusted(const QString &host, int port, const QString &sha256Fingerprint) const;
    /// Returns false when the choice could not be stored.
    bool trust(const QString &host, int port, const QString &sha256Fingerprint);
    bool forget(const QString &host, int port);

    /// A fingerprint in one form: lower-case hex, without colons or spaces.
    static QString normalized(const QString &fingerprint);

private:
    QString key(const QString &host, int port) const;

    QString m_settingsFile;
};

} // namespace Parlor
