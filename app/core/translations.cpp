#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace Parlor {

namespace {

// What install() put in, so that the next call takes it out again (a language chosen in the
// Preferences replaces the one the program started with).
QPointer<QTranslator> &installedQt()
{
    static QPointer<QTranslator> translator;
    return translator;
}

QPointer<QTranslator> &installedParlor()
{
    static QPointer<QTranslator> translator;
    return translator;
}

void uninstall(QCoreApplication *app, QPointer<QTranslator> &translator)
{
    if (translator) {
        app->removeTranslator(translator);
        delete translator;
    }
}

} // namespace

bool Translations::install(QCoreApplication *app, const QLocale &locale)
{
    uninstall(app, installedQt());
    uninstall(app, installedParlor());
    // Qt's own strings (e.g. QCommandLineParser's --help lines) come from qtbase's catalogue.
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        app->installTranslator(qt);
        installedQt() = qt;
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
            installedParlor() = parlor;
            return true;
        }
    }
    delete parlor;
    return false;
}

} // namespace Parlor
