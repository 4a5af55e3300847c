#pragma once

#include "client/chatsession.h"

#include <QCoreApplication>
#include <QFile>
#include <QObject>
#include <QTextStream>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace Parlor {

/// parlor-cli's work: reads lines from standard input and sends them, prints what happens in the
/// room (as text, or one JSON object per event with --json), and decides the exit code.
class CliFrontend : public QObject
{
    Q_OBJECT

public:
    /// Exit codes, documented in docs/CLI.md.
    enum ExitCode {
        ExitOk = 0,          ///< input ended and everything sent was confirmed
        ExitClosed = 1,      ///< the connection ended and will not be retried
        ExitUsage = 2,       ///< bad command line
        ExitUndelivered = 3, ///< input ended but messages were still unconfirmed at the deadline
    };

    struct Options
    {
        ChatSession::Options session;
        bool json = false;
        QString traceFile;
        int drainTimeoutMs = 30000;
    };

    explicit CliFrontend(QObject *parent = nullptr);

    /// Starts; returns false (after printing why) when it cannot.
    bool start(const Options &options);
    /// Ends as if the input had ended (Ctrl+C, SIGTERM): the room sees a clean close.
    void quit();

    /// The --json `state` event for a move of \a connection (also parlor-cli --raw's).
    static QJsonObject stateJson(const ConnectionManager &connection,
                                 ConnectionStateMachine::State state,
                                 ConnectionStateMachine::State previous);
    /// "* connecting to URL", and the proxy when the connection goes through one (also --raw's).
    static QString connectingLine(const ConnectionManager &connection);

signals:
    void finished(int exitCode);

private:
    void onInputReadable();
    void onInputEnded();
    void handleLine(const QString &line);
    void onStateChanged(ConnectionStateMachine::State state, ConnectionStateMachine::State previous);
    void onRowsInserted(int first, int last);
    void onDeliveryChanged(int row);
    void onRoomError(ErrorCode code, const QString &text, const QString &id);
    void onTransferChanged(int row);
    void printMembers();
    void emitJson(const QJsonObject &object);
    void printLine(const QString &text);
    void finish(int code);
    QString describeLine(const ChatLine &line) const;
    QString describeClose(const CloseInfo &info) const;

    Options m_options;
    ChatSession m_session;
    QTextStream m_out;
    QSocketNotifier *m_input = nullptr;
    QByteArray m_inputBuffer;
    bool m_inputEnded = false;
    bool m_finishing = false;
    bool m_quit = false;
    QFile m_trace;
    QHash<QString, int> m_progressShown; ///< upload id → the last quarter printed
    bool m_shareRefused = false;         ///< a /share was refused before it had a line
};

} // namespace Parlor
