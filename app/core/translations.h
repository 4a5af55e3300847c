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
    /// Called again, it replaces the catalogues it installed before: the application then sends
    /// every widget a QEvent::LanguageChange, so a running program changes language at once.
    static bool install(QCoreApplication *app, const QLocale &locale = QLocale());
};

} // namespace Parlor
