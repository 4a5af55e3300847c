#pragma once

#include "childprocess.h"

#include <QMap>
#include <QUrl>

/// One run of the parlor-server binary built alongside the tests, in the environment of
/// ChildProcess::environment() with the server's info log on, so that its "listening on" line
/// tells the port (the line is a log line, never translated).
class ServerProcess : public ChildProcess
{
    Q_OBJECT

public:
    static constexpr int startTimeoutMs = 10000;

    /// Runs parlor-server with \a arguments and \a extraEnvironment on top of the children's
    /// environment. A \a wrapper command (e.g. unshare --net) runs it if set.
    explicit ServerProcess(const QStringList &arguments,
                           const QMap<QString, QString> &extraEnvironment = {},
                           const QStringList &wrapper = {});

    /// Starts a room on 127.0.0.1 on \a port (0: a free one), for tests that only need a room.
    static QStringList localArguments(quint16 port = 0);

    /// Waits for the "parlor.server: listening on ADDRESS:PORT" log line (on standard error);
    /// returns as soon as it arrives, so a test can act on it at once, as a script would.
    bool waitForPort(int timeoutMs = startTimeoutMs);
    /// Waits until standard output has \a text.
    bool waitForOutput(const QString &text, int timeoutMs = startTimeoutMs);
    /// Waits for the welcome text, which ends with the "Press Ctrl+C" line.
    bool waitForWelcome(int timeoutMs = startTimeoutMs);

    /// The address and port of the "listening on" line (after waitForPort()).
    QString address() const { return m_address; }
    quint16 port() const { return m_port; }
    /// ws://127.0.0.1:PORT
    QUrl url() const;

private:
    QString m_address;
    quint16 m_port = 0;
};
