#include "roomlog.h"

namespace Parlor {

RoomLog::RoomLog(QObject *parent)
    : QObject(parent)
{}

RoomEvent RoomLog::stamped(RoomEvent draft, const QString &incarnation, qint64 seq, qint64 ts)
{
    draft.seq = seq;
    draft.ts = ts;
    if (draft.kind == RoomEvent::Kind::Message && draft.id.isEmpty())
        draft.id = QStringLiteral("plain-%1-%2").arg(incarnation).arg(seq);
    return draft;
}

} // namespace Parlor
