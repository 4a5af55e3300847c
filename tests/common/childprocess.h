#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpressionMatch>
#include <QString>
#include <QStringList>

#include <functional>

class QRegularExpression;

/// A child process a test starts: parlor-server, parlor-cli, a Node or Python peer. Its output is
/// collected as it comes (reading it never loses what an earlier read took), and it is killed
/// when the object is destroyed, so no test leaves a process behind, whichever way it ends.
///
/// Every wait runs the event loop (so servers and peers in the test's own process keep answering)
/// and returns as soon as the child's output or its end makes the condition hold; none sleeps.
class ChildProcess : public QObject
{
    Q_OBJECT

public:
    /// Waits to end a process that is killed (SIGKILL), and the longest any wait for an exit
    /// should take.
    static constexpr int exitTimeoutMs = 10000;

    /// The environment a child gets unless told otherwise: the test's own, made predictable.
    /// English messages in UTF-8 (LANG and LC_ALL C.UTF-8, LANGUAGE empty), the app's own log
    /// format (no QT_MESSAGE_PATTERN), and no PARLOR_PASSWORD unless a test sets one.
    static QProcessEnvironment environment();

    /// Starts \a program with \a arguments. \a name labels the output in transcript().
    ChildProcess(const QString &name, const QString &program, const QStringList &arguments,
                 const QProcessEnvironment &environment = ChildProcess::environment(),
                 const QString &workingDirectory = {});
    /// Kills the process if it still runs, and waits for it to end.
    ~ChildProcess() override;

    QString name() const { return m_name; }
    QProcess &process() { return m_process; }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    /// Everything the process wrote to standard output so far.
    QString out();
    /// Everything the process wrote to standard error so far.
    QString err();
    /// Both, labelled with the name, for failure messages.
    QByteArray transcript();

    /// The complete lines of standard output so far that are JSON objects (parlor-cli --json),
    /// in order. Parsed once each, as they come.
    const QList<QJsonObject> &jsonLines();
    /// The complete lines of standard output so far that are not JSON objects.
    const QStringList &nonJsonLines();

    /// Writes \a line and a newline to the process's standard input.
    void writeLine(const QString &line);

    /// Waits until \a condition holds. It is checked now, whenever the process writes something
    /// or ends, and once more at the timeout; the result is its last value.
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);
    /// Waits until what the process wrote on \a channel so far matches \a pattern; the match
    /// (without one if the process ended first or the time ran out).
    QRegularExpressionMatch waitForMatch(QProcess::ProcessChannel channel,
                                         const QRegularExpression &pattern, int timeoutMs);
    /// Waits until the process has ended (by itself, or as a test made it).
    bool waitForExit(int timeoutMs = exitTimeoutMs);
    /// Kills the process (SIGKILL) if it runs, and waits for it to end.
    void kill();

private:
    void readOutput();

    QString m_name;
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    qsizetype m_parsed = 0; ///< bytes of m_out that jsonLines() has split into lines
    QList<QJsonObject> m_jsonLines;
    QStringList m_nonJsonLines;
};
