#include "clientidentity.h"

#include <QSettings>
#include <QUuid>

namespace Parlor {

QString ClientIdentity::id()
{
    QSettings settings;
    QString id = settings.value(QStringLiteral("client/id")).toString();
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::Id128);
        settings.setValue(QStringLiteral("client/id"), id);
    }
    return id;
}

} // namespace Parlor
