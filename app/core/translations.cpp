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
    // An installed catalogue (share/parlor/translations beside the program's bin/) wins, so a
    // packager or translator can update it; the one built into the program is the fallback.
    const QString installed = QCoreApplication::applicationDirPath()
                              + QStringLiteral("/../share/parlor/translations");
    auto *parlor = new QTranslator(app);
    for (const QString &directory : {installed, QStringLiteral(":/i18n")}) {
        if (parlor->load(locale, QStringLiteral("parlor"), QStringLiteral("_"), directory)) {
            app->installTranslator(parlor);
            return true;
        }
    }
    delete parlor;
    return false;
}

} // namespace Parlor
