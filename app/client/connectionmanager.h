#pragma once

#include "certificatepins.h"
#include "closeinfo.h"
#include "connectionstatemachine.h"
#include "eventrecorder.h"
#include "proxysetting.h"
#include "reconnectbackoff.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QAuthenticator;
class QWebSocket;
class QSslError;
QT_END_NAMESPACE

namespace Parlor {

/// One WebSocket connection and everything around it that Qt 6.4 leaves to us: the four ready
/// states with explicit transitions, a handshake timeout, abrupt loss reported as 1006, heartbeat
/// pings with a pong deadline, reconnects with backoff, certificate pinning, and a log of every
/// event for the inspector. Bytes and states only: what the messages mean is ChatSession's job.
class ConnectionManager : public QObject
{
    Q_OBJECT

public:
    using State = ConnectionStateMachine::State;
    /// Characters of a message kept in the event log (EventRecorder's).
    static constexpr int PreviewLength = EventRecorder::PreviewLength;

    struct Options
    {
        QUrl url; ///< the server connected to (or tried); open() sets it to servers' first
        /// Several servers of one room (ServerList): on loss, or when an attempt fails, the next
        /// is tried, round-robin. Empty: url alone.
        QList<QUrl> servers;
        QStringList subprotocols; ///< offered in this order, most preferred first
        QString origin;           ///< empty: no Origin header
        QList<QPair<QByteArray, QByteArray>> headers; ///< extra request headers
        int handshakeTimeoutMs = 10000;
        int pingIntervalMs = 15000; ///< 0: no heartbeat
        int pingTimeoutMs = 10000;  ///< no pong within this: the connection is dead
        int closeTimeoutMs = 3000;  ///< the peer's answer to our close frame
        bool autoReconnect = true;
        ReconnectBackoff::Policy backoff;
        quint64 maxIncomingMessageBytes = 16 * 1024 * 1024;
        /// A certificate known in advance to be the right one (SHA-256, as CloseInfo shows it):
        /// trusted for this connection only, without asking or remembering. For the room this
        /// app hosts itself, whose self-signed certificate it made; never for a typed address.
        QString trustedFingerprint;
        /// With trustedFingerprint: that certificate and no other, not even one an authority
        /// vouches for or one pinned earlier (parlor-cli --pin).
        bool onlyTrustedFingerprint = false;
        /// Through which proxy, if any (ProxySetting: the system's by default, loopback direct).
        ProxySetting proxy;
    };

    explicit ConnectionManager(QObject *parent = nullptr);
    ~ConnectionManager() override;

    /// Starts connecting (to the first of options.servers, if any). Only from Closed; returns
    /// false otherwise or for a URL that is not ws:// or wss://.
    bool open(const Options &options);
    /// Closes on the user's behalf and cancels any reconnect.
    void close(int code = 1000, const QString &reason = {});
    /// Connects at once instead of waiting for the scheduled attempt (or after a user close).
    void reconnectNow();
    /// Trusts the certificate that failed last time for this host (see CloseInfo) and reconnects.
    void trustCertificateAndReconnect(const QString &sha256Fingerprint);

    qint64 sendText(const QString &text);
    /// Sends \a text but records \a preview in the event log instead (for messages that carry
    /// a secret, such as a hello with a password).
    qint64 sendText(const QString &text, const QString &preview);
    qint64 sendBinary(const QByteArray &data);
    /// Sends a ping now (the heartbeat sends them on its own).
    void ping();

    State state() const { return m_machine.state(); }
    const ConnectionStateMachine &stateMachine() const { return m_machine; }
    const Options &options() const { return m_options; }
    /// The servers tried in turn (one for a single address) and the one in use now.
    const QList<QUrl> &servers() const { return m_servers; }
    int serverIndex() const { return m_serverIndex; }
    QUrl currentServer() const { return m_options.url; }
    QString subprotocol() const { return m_subprotocol; }
    /// The proxy of the attempt in progress or the last one (NoProxy: direct).
    const QNetworkProxy &currentProxy() const { return m_proxy; }
    const CloseInfo &lastClose() const { return m_lastClose; }
    qint64 lastRttMs() const { return m_lastRttMs; }
    bool isReconnectScheduled() const { return m_reconnectTimer.isActive(); }
    QDateTime nextAttemptAt() const { return m_lastClose.reconnectAt; }
    EventLog *eventLog() { return m_recorder.log(); }
    void setCertificatePins(const CertificatePins &pins) { m_pins = pins; }

signals:
    void stateChanged(Parlor::ConnectionStateMachine::State state,
                      Parlor::ConnectionStateMachine::State previous);
    void opened(const QString &subprotocol);
    void closed(const Parlor::CloseInfo &info);
    void textMessageReceived(const QString &text);
    void binaryMessageReceived(const QByteArray &data);
    void rttMeasured(qint64 ms);
    /// The proxy wants a login it was not given (or refused the one it was): fill in
    /// \a authenticator before returning (a front end asks the user). The password is kept for
    /// this connection's reconnects, never written down or logged. Left empty, the attempt
    /// fails with a ProxyError.
    void proxyAuthenticationRequired(const QNetworkProxy &proxy, QAuthenticator *authenticator);

private:
    void startAttempt();
    void onSocketConnected();
    void onSocketDisconnected();
    void onSocketAboutToClose();
    void onSocketError();
    void onSslErrors(const QList<QSslError> &errors);
    bool refuseUnpinnedCertificate();
    void onPong(quint64 elapsedMs, const QByteArray &payload);
    void onHandshakeTimeout();
    void onPongTimeout();
    void onTransition(State from, State to);
    void finishClosed();
    CloseInfo describeClose() const;
    /// The attempt failed at the proxy (refused, unreachable, not a proxy, wants a login), not
    /// at the server.
    bool isProxyFailure() const;
    /// Ends the attempt: the proxy wants a login that was not given, or refused the one given.
    void failProxyLogin();
    bool shouldReconnect(const CloseInfo &info) const;
    /// The wait before the next attempt; with several servers, also moves to the next one.
    int nextDelayMs(CloseInfo *info);
    void dropSocket();
    void watchNetwork();

    Options m_options;
    ConnectionStateMachine m_machine;
    EventRecorder m_recorder{&m_machine};
    ReconnectBackoff m_backoff;
    CertificatePins m_pins;
    QPointer<QWebSocket> m_socket;

    // Failover (see finishClosed): the list, the one in use, and the attempts that ended without
    // a stable connection since the last one that was (a full round of those backs off).
    QList<QUrl> m_servers;
    int m_serverIndex = 0;
    int m_failuresInRow = 0;

    QTimer m_handshakeTimer;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    QTimer m_closeTimer;
    QTimer m_stableTimer;
    QTimer m_reconnectTimer;

    // What is known about the attempt in progress; reset by startAttempt().
    QString m_subprotocol;
    bool m_userClosing = false;
    bool m_aborting = false;
    int m_userCloseCode = 1000;
    QString m_userCloseReason;
    bool m_peerClosing = false;
    bool m_closeTimedOut = false;
    CloseInfo::Reason m_pendingReason = CloseInfo::Reason::None;
    QString m_lastError;
    int m_lastSocketError = -1; ///< QAbstractSocket::SocketError of m_lastError
    int m_proxyLogins = 0;      ///< times the proxy asked for a login in this attempt
    QNetworkProxy m_proxy{QNetworkProxy::NoProxy};
    QString m_certificateSubject;
    QString m_certificateFingerprint;
    int m_framesInMessage = 0;

    bool m_userClosed = false;
    CloseInfo m_lastClose;
    qint64 m_lastRttMs = -1;
    quint64 m_pingCounter = 0;
    bool m_watchingNetwork = false;
};

} // namespace Parlor
