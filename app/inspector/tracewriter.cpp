#include "tracewriter.h"

#include <QDateTime>
#include <QJsonDocument>

namespace Parlor {

QJsonObject TraceWriter::toJson(const ConnectionEvent &event)
{
    QJsonObject o = event.fields;
    o.insert(QStringLiteral("seq"), double(event.seq));
    o.insert(QStringLiteral("kind"), ConnectionEvent::kindName(event.kind));
    o.insert(QStringLiteral("t"), double(event.monotonicMs));
    o.insert(QStringLiteral("time"),
             QDateTime::fromMSecsSinceEpoch(event.wallMs, Qt::UTC).toString(Qt::ISODateWithMs));
    return o;
}

QByteArray TraceWriter::toLine(const ConnectionEvent &event)
{
    return QJsonDocument(toJson(event)).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace Parlor
