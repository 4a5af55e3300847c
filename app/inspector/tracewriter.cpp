#include "tracewriter.h"

#include <QDateTime>
#include <QJsonDocument>

namespace Parlor {

QJsonObject TraceWriter::toJson(const ConnectionEvent &event)
{
    QJsonObject o = event.fields;
    o.insert(EventField::seq, double(event.seq));
    o.insert(EventField::kind, ConnectionEvent::kindName(event.kind));
    o.insert(EventField::monotonicMs, double(event.monotonicMs));
    o.insert(EventField::time,
             QDateTime::fromMSecsSinceEpoch(event.wallMs, Qt::UTC).toString(Qt::ISODateWithMs));
    return o;
}

QByteArray TraceWriter::toLine(const ConnectionEvent &event)
{
    return QJsonDocument(toJson(event)).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace Parlor
