#pragma once

#include <QString>

namespace TestSupport {

/// The parlor-server binary built alongside the tests.
inline QString serverBinary()
{
    return QStringLiteral(PARLOR_SERVER_BINARY);
}

/// The parlor-cli binary built alongside the tests.
inline QString cliBinary()
{
    return QStringLiteral(PARLOR_CLI_BINARY);
}

/// The project's source directory (scripts and data used by tests).
inline QString sourceDir()
{
    return QStringLiteral(PARLOR_SOURCE_DIR);
}

} // namespace TestSupport
