#pragma once

#include "client/connectionmanager.h"

#include <QFile>
#include <QObject>
#include <QStringList>
#include <QTextStream>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace Parlor {

/// parlor-cli --raw: a WebSocket debugging client for any server. No parlor.v1 hello, no chat:
/// each line read from standard input is one frame (text, or with --binary the bytes its hex
/// digits spell), and every frame received is printed as it comes, text as it is and binary as
/// hex; with --show-ping the heartbeat's pings and their pongs too. docs/CLI.md describes the
/// output. It never reconnects: what a debugging session sees must be one connection.
class RawFrontend : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        ConnectionManager::Options connection;
        bool binary = false;   ///< lines are hex, sent as binary frames
        bool showPing = false; ///< print the pings sent and the pongs received
        bool json = false;     ///< one JSON object per event instead of text
        QString traceFile;
        int waitMs = 1000; ///< after the input ends, keep printing this long before closing
    };

    explicit RawFrontend(QObject *parent = nullptr);

    /// Starts; returns false (after printing why) when it cannot.
    bool start(const Options &options);
    /// Ends as if the input had ended, without waiting (Ctrl+C, SIGTERM).
    void quit();

signals:
    void finished(int exitCode);

private:
    void onInputReadable();
    void onInputEnded();
    void handleLine(const QByteArray &line);
    void sendQueued();
    void closeWhenDone();
    void onStateChanged(ConnectionStateMachine::State state, ConnectionStateMachine::State previous);
    void onEvent(const ConnectionEvent &event);
    void printText(const QString &text);
    void printBinary(const QByteArray &data);
    void printStatus(const QString &text);
    void emitJson(const QJsonObject &object);

    Options m_options;
    ConnectionManager m_connection;
    QTextStream m_out;
    QFile m_trace;
    QSocketNotifier *m_input = nullptr;
    QByteArray m_inputBuffer;
    QList<QByteArray> m_queue; ///< lines read before the connection was open
    int m_lineNumber = 0;
    bool m_badInput = false; ///< a --binary line was not hex: it was not sent
    bool m_inputEnded = false;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace Parlor
