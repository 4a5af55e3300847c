#pragma once

#include "protocol/messages.h"

#include <QHash>
#include <QQueue>
#include <QString>

#include <optional>

namespace Parlor {

/// The seq each rich client's message id was appended as, for the newest ids: what a log
/// answers RoomLog::delivered() from, so that a re-sent `say` is not posted twice. Bounded: the
/// oldest ids are forgotten first.
class DeliveryIndex
{
public:
    explicit DeliveryIndex(int capacity);

    /// Files \a event if it is a message with a client (plain lines have none).
    void remember(const RoomEvent &event);
    std::optional<qint64> find(const QString &client, const QString &id) const;

private:
    static QString key(const QString &client, const QString &id) { return client + u'\n' + id; }

    int m_capacity = 0;
    QHash<QString, qint64> m_seqs;
    QQueue<QString> m_order;
};

} // namespace Parlor
