#pragma once

#include "client/connectionevent.h"

#include <QByteArray>

namespace Parlor {

/// The trace format: one connection event per line as JSON (JSON Lines), see docs/TRACE.md.
/// Secret header values (Authorization, Cookie) are already redacted when events are recorded.
class TraceWriter
{
public:
    static QJsonObject toJson(const ConnectionEvent &event);
    /// One line, ending in '\n'.
    static QByteArray toLine(const ConnectionEvent &event);
};

} // namespace Parlor
