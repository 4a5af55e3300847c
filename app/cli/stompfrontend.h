#pragma once

#include "client/stompchat.h"

#include <QObject>
#include <QTextStream>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
class QJsonObject;
QT_END_NAMESPACE

namespace Parlor {

/// parlor-cli -s v12.stomp: chat on a STOMP broker's destination (StompChat). Each input line is
/// sent as one message; every message of the destination is printed as "[HH:mm] nick: text"
/// (or as JSON). When the input ends it waits for the broker's receipts and leaves; the exit code
/// says whether everything was confirmed (docs/CLI.md "Chatting on a STOMP broker").
class StompFrontend : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        StompChat::Options chat;
        bool json = false;
    };

    explicit StompFrontend(QObject *parent = nullptr);

    /// Starts; returns false (after printing why) when it cannot.
    bool start(const Options &options);
    /// Ends as if the input had ended (Ctrl+C, SIGTERM); a second time, at once.
    void quit();

signals:
    void finished(int exitCode);

private:
    void onInputReadable();
    void onInputEnded();
    void onStateChanged(StompChat::State state);
    void onLine(const StompChat::Line &line);
    void onEnded(StompClient::EndReason reason, const QString &detail, int undelivered);
    void print(const QString &text);
    void emitJson(const QJsonObject &object);

    Options m_options;
    StompChat m_chat;
    QTextStream m_out;
    QSocketNotifier *m_input = nullptr;
    QByteArray m_inputBuffer;
    bool m_inputEnded = false;
    bool m_brokerError = false;
};

} // namespace Parlor
