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

bool CertificatePins::isTrusted(const QString &host, int port,
                                const QString &sha256Fingerprint) const
{
    const auto settings = openSettings(m_settingsFile);
    return settings->value(key(host, port)).toStringList().contains(sha256Fingerprint.toLower());
}

void CertificatePins::trust(const QString &host, int port, const QString &sha256Fingerprint)
{
    const auto settings = openSettings(m_settingsFile);
    QStringList pins = settings->value(key(host, port)).toStringList();
    if (!pins.contains(sha256Fingerprint.toLower()))
        pins.append(sha256Fingerprint.toLower());
    settings->setValue(key(host, port), pins);
}

void CertificatePins::forget(const QString &host, int port)
{
    const auto settings = openSettings(m_settingsFile);
    settings->remove(key(host, port));
}

} // namespace Parlor
