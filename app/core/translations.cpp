#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Parlor {

bool Translations::install(QCoreApplication *app, const QLocale &locale)
{
    // Qt's own strings (e.g. QCommandLineParser's --help lines) come from qtbase's catalogue.
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        app->installTranslator(qt);
    } else {
        delete qt;
    }
    auto *parlor = new QTranslator(app);
    if (parlor->load(locale, QStringLiteral("parlor"), QStringLiteral("_"),
                     QStringLiteral(":/i18n"))) {
        app->installTranslator(parlor);
        return true;
    }
    delete parlor;
    return false;
}

} // namespace Parlor
