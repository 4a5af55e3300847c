#pragma once

#include "closeinfo.h"
#include "connectionstatemachine.h"
#include "eventlog.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

namespace Parlor {

/// The connection's own record of what it did: one method per thing that happened, each written
/// to the EventLog it owns as a ConnectionEvent with the fields docs/TRACE.md documents
/// (EventField names). What the connection does is ConnectionManager's job; how that is written
/// down, with previews cut and secret headers redacted, is this one's.
class EventRecorder
{
public:
    using State = ConnectionStateMachine::State;
    /// Characters of a message kept in the log: enough for the inspector to pretty-print most
    /// messages; the log's ring bounds the total.
    static constexpr int PreviewLength = 2048;

    /// Times events with \a clock's monotonic milliseconds (not owned, outlives the recorder).
    explicit EventRecorder(const ConnectionStateMachine *clock);

    EventLog *log() { return &m_log; }

    /// The upgrade request as sent: the headers Qt sends, \a origin and \a extraHeaders
    /// (Authorization, Cookie and Proxy-Authorization redacted), the subprotocols offered, and
    /// \a proxy, the way the connection goes (ProxySetting::describe(), never a password; empty:
    /// not recorded).
    void handshakeRequest(const QUrl &url, const QStringList &offered, const QString &origin,
                          const QList<QPair<QByteArray, QByteArray>> &extraHeaders, int attempt,
                          const QString &proxy = {});
    /// The 101 answer and the subprotocol it chose ("" none).
    void handshakeResponse(const QString &chosen, const QStringList &offered);
    /// The server answered the upgrade with HTTP \a status instead of 101.
    void handshakeRefused(int status, const QStringList &offered);
    void textMessage(ConnectionEvent::Kind kind, const QString &preview, qint64 size, int frames);
    void binaryMessage(ConnectionEvent::Kind kind, const QByteArray &data, qint64 size, int frames);
    void ping(const QByteArray &payload);
    void pong(qint64 rttMs, const QByteArray &payload);
    /// A network or handshake error, as Qt words it.
    void error(const QString &errorString, int socketError);
    /// A certificate that did not verify; \a pinned: the user trusts it anyway.
    void certificateError(const QStringList &problems, const QString &subject,
                          const QString &issuer, const QString &sha256, bool pinned);
    /// A close frame sent (EventValue::out) or received (in); \a reply marks Qt's automatic
    /// answer to the peer's close.
    void closeFrame(QLatin1String direction, int code, const QString &reason, bool reply);
    /// A transition; \a close is what the connection knows about a transition to Closed. \a url
    /// is the server of the attempt, recorded with Connecting and Open so that the log and the
    /// timeline show which server each connection went to (failover moves between several).
    void transition(State from, State to, const CloseInfo &close, const QUrl &url = {});
    /// A reconnect in \a delayMs; with several servers, \a close names the one tried next and
    /// how many failed in a row (CloseInfo::nextServer, serversDown, serverCount).
    void reconnectScheduled(int delayMs, int attempt, const QDateTime &at,
                            const CloseInfo &close = {});
    void reconnectCancelled();

private:
    void record(ConnectionEvent::Kind kind, const QJsonObject &fields);

    const ConnectionStateMachine *m_clock = nullptr;
    EventLog m_log;
};

} // namespace Parlor
