#include "certificatepins.h"

#include <QSettings>

#include <memory>

namespace Parlor {

namespace {

std::unique_ptr<QSettings> openSettings(const QString &file)
{
    return file.isEmpty() ? std::make_unique<QSettings>()
                          : std::make_unique<QSettings>(file, QSettings::IniFormat);
}

} // namespace

CertificatePins::CertificatePins(const QString &settingsFile)
    : m_settingsFile(settingsFile)
{}

QString CertificatePins::key(const QString &host, int port) const
{
    // QSettings keys treat '/' as a group separator; hosts never contain one.
    return QStringLiteral("tls-pins/%1:%2").arg(host.toLower()).arg(port);
}

QString CertificatePins::normalized(const QString &fingerprint)
{
    QString result = fingerprint.toLower();
    result.remove(u':');
    result.remove(u' ');
    return result;
}

bool CertificatePins::isTrusted(const QString &host, int port,
                                const QString &sha256Fingerprint) const
{
    const QString fingerprint = normalized(sha256Fingerprint);
    if (fingerprint.isEmpty())
        return false;
    const auto settings = openSettings(m_settingsFile);
    return settings->value(key(host, port)).toStringList().contains(fingerprint);
}

bool CertificatePins::trust(const QString &host, int port, const QString &sha256Fingerprint)
{
    const QString fingerprint = normalized(sha256Fingerprint);
    if (fingerprint.isEmpty())
        return false;
    const auto settings = openSettings(m_settingsFile);
    QStringList pins = settings->value(key(host, port)).toStringList();
    if (!pins.contains(fingerprint))
        pins.append(fingerprint);
    settings->setValue(key(host, port), pins);
    settings->sync();
    return settings->status() == QSettings::NoError;
}

bool CertificatePins::forget(const QString &host, int port)
{
    const auto settings = openSettings(m_settingsFile);
    settings->remove(key(host, port));
    settings->sync();
    return settings->status() == QSettings::NoError;
}

} // namespace Parlor
