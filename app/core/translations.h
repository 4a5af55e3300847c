#pragma once

#include <QLocale>

QT_BEGIN_NAMESPACE
class QCoreApplication;
QT_END_NAMESPACE

namespace Parlor {

/// Installs Parlor's translation (embedded under :/i18n) and Qt's own for \a locale.
class Translations
{
public:
    /// Returns false when Parlor has no translation for the locale (English is then used).
    static bool install(QCoreApplication *app, const QLocale &locale = QLocale());
};

} // namespace Parlor
