#pragma once

#include "deliveryindex.h"
#include "eventhistory.h"
#include "roomlog.h"

namespace Parlor {

/// The room's log in memory: the last N events in a ring, a new incarnation every time it is
/// made. Appends complete at once. The default log of a room.
class MemoryRoomLog : public RoomLog
{
    Q_OBJECT

public:
    /// Keeps \a historyLength events, and remembers the ids of at least four times as many
    /// messages (1024 at least) for de-duplication.
    explicit MemoryRoomLog(int historyLength, QObject *parent = nullptr);

    QString incarnation() const override { return m_incarnation; }
    qint64 lastSeq() const override { return m_seq; }
    void append(const RoomEvent &draft, Completion done) override;
    QList<RoomEvent> all() const override;
    QList<RoomEvent> after(qint64 since, bool *gap) const override;
    std::optional<RoomEvent> event(qint64 seq) const override;
    std::optional<qint64> delivered(const QString &client, const QString &id) const override;

private:
    QString m_incarnation;
    qint64 m_seq = 0;
    EventHistory m_history;
    DeliveryIndex m_deliveries;
};

} // namespace Parlor
