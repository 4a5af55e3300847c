#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

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

/// The Python that runs the interop peers: Debian's python3-websockets is importable only from
/// /usr/bin/python3 (PARLOR_PYTHON overrides it).
inline QString pythonInterpreter()
{
    const QString fromEnvironment = qEnvironmentVariable("PARLOR_PYTHON");
    return fromEnvironment.isEmpty() ? QStringLiteral("/usr/bin/python3") : fromEnvironment;
}

/// tests/interop/python_peer.py, a room peer on Python's websockets library.
inline QString pythonPeerScript()
{
    return sourceDir() + QStringLiteral("/tests/interop/python_peer.py");
}

/// Sends \a request to 127.0.0.1:\a port as it is and returns everything the server sends
/// until it closes the connection (empty if it does not within \a timeoutMs).
QByteArray httpExchange(quint16 port, const QByteArray &request, int timeoutMs = 5000);

} // namespace TestSupport
