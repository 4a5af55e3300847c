#include "logging.h"

Q_LOGGING_CATEGORY(lcProtocol, "parlor.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "parlor.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClient, "parlor.client", QtInfoMsg)
