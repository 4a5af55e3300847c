#pragma once

// Where a widget test keeps what the app writes: its settings in a temporary home, its data
// (outboxes, kept rooms) under Qt's test-mode location, emptied before every test function, so
// that no test sees another's rooms, nickname or unsent messages, and none touches the user's.

#include "appsettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace UiTestHome {

/// For initTestCase(): the settings of \a application go to \a home. False when they would not.
inline bool isolate(const QTemporaryDir &home, const QString &application)
{
    QStandardPaths::setTestModeEnabled(true);
    if (!home.isValid())
        return false;
    QCoreApplication::setOrganizationName(QStringLiteral("ParlorTests"));
    QCoreApplication::setApplicationName(application);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, home.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.path());
    return QSettings().fileName().startsWith(home.path());
}

/// For init(): no settings but the nickname \a nick, no outboxes, no kept rooms (ports come
/// back, and outboxes are kept per room URL). False when the data location is not the test one.
inline bool reset(const QString &nick)
{
    QSettings settings;
    settings.clear();
    settings.sync();
    Parlor::AppSettings().setNick(nick);
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!data.contains(QLatin1String(".qttest")))
        return false;
    QDir(data + QStringLiteral("/outbox")).removeRecursively();
    QDir(data + QStringLiteral("/rooms")).removeRecursively();
    return true;
}

/// For cleanupTestCase(): only this test's own directory under the test-mode data location.
inline void removeData()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

} // namespace UiTestHome
