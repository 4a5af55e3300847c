#pragma once

#include <QLoggingCategory>

// Logging categories of the core. Enable with QT_LOGGING_RULES, e.g. "parlor.server.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcClient)
