#include "healthreport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Parlor {

QByteArray HealthReport::prometheusText() const
{
    QByteArray text;
    for (const Metric &m : metrics) {
        text += "# HELP " + m.name + ' ' + m.help + '\n';
        text += "# TYPE " + m.name + ' ' + m.type + '\n';
        text += m.name + ' ' + QByteArray::number(m.value, 'g', 17) + '\n';
    }
    return text;
}

QByteArray HealthReport::healthJson() const
{
    QJsonObject o{{QStringLiteral("status"),
                   healthy ? QStringLiteral("ok") : QStringLiteral("degraded")}};
    if (!problem.isEmpty())
        o.insert(QStringLiteral("problem"), problem);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace Parlor
