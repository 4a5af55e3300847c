#pragma once

#include "roomconfig.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace Parlor {

class LongPollSession;

/// HTTP long-polling on the room's port, for a browser whose WebSocket cannot get through (a
/// proxy that strips Upgrade): the requests under /poll/ (docs/PROTOCOL.md, "Long-polling").
/// It opens sessions (a 128-bit random id each), hands each new one on through opened() — the
/// room admits it as it admits an upgraded WebSocket — and routes every later request to its
/// session. Anything wrong gets a clear status and changes nothing.
class LongPollRouter : public QObject
{
    Q_OBJECT

public:
    explicit LongPollRouter(const RoomConfig &config, QObject *parent = nullptr);
    ~LongPollRouter() override;

    /// Whether \a head (request line and headers) asks for something under /poll.
    static bool isPollRequest(const QByteArray &head);
    /// The most a request body may take: one WebSocket message's worth
    /// (RoomConfig::maxMessageBytes).
    qint64 maxBodyBytes() const { return m_config.maxMessageBytes; }

    /// Answers the request \a head with \a body, read whole from \a socket (the UpgradeGate
    /// checked its Origin and its size): at once, or — a poll with nothing to say yet — later,
    /// from its session.
    void handle(QTcpSocket *socket, const QByteArray &head, const QByteArray &body);

    /// Sessions open now (the room may have refused some: they end soon).
    int sessionCount() const;

signals:
    /// A session was opened; the receiver takes it over (it is a child of this router until
    /// then).
    void opened(Parlor::LongPollSession *session);

private:
    void open(QTcpSocket *socket, const QByteArray &head);
    void post(QTcpSocket *socket, LongPollSession *session, const QByteArray &body);
    /// The session of \a id, if it is still open.
    LongPollSession *find(const QByteArray &id) const;

    RoomConfig m_config;
    QHash<QByteArray, QPointer<LongPollSession>> m_sessions;
};

} // namespace Parlor
