#pragma once

#include "peerinfo.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Parlor {

/// How the messages of one peer travel: what PeerConnection needs of a connection, whatever
/// carries it. ServerWebSocket is one (RFC 6455 frames); LongPollSession is the other (HTTP
/// long-polling, for browsers behind a proxy that strips Upgrade). The room's rules, limits
/// and counters sit above, in PeerConnection and Room, once for both.
class PeerTransport : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~PeerTransport() override;

    /// Sends \a text as one message; returns its UTF-8 size (0 once closing).
    virtual qint64 sendText(const QString &text) = 0;
    /// Sends text that is UTF-8 already (the room's JSON is encoded once, as bytes) as one
    /// message; returns its size (0 once closing). A transport that frames bytes sends them as
    /// they are, without a trip through QString and back for every peer.
    virtual qint64 sendUtf8(const QByteArray &utf8) { return sendText(QString::fromUtf8(utf8)); }
    /// Asks the peer for a sign of life; pong() follows with the round-trip time.
    virtual void ping(const QByteArray &payload = {}) = 0;
    /// Ends the connection in order, telling the peer \a code and \a reason first. Whoever calls
    /// it bounds the wait for the peer (abort()).
    virtual void close(int code, const QString &reason = {}) = 0;
    /// Ends the connection at once; the peer is told nothing.
    virtual void abort() = 0;

    /// The close code: the peer's if it closed first, ours if we did or the peer broke a rule;
    /// 1006 for a connection lost without one, 0 while open.
    virtual int closeCode() const = 0;
    /// The leave reason the transport itself knows for its end ("timeout" for a long-poll
    /// session nobody polled); empty when the close code says it all.
    virtual QString endReason() const { return {}; }

    /// Output waiting for the peer to take it; bounded by the room (PeerConnection).
    virtual qint64 bytesToWrite() const = 0;
    /// Hands queued output on as far as it can go now.
    virtual bool flush() = 0;

    virtual PeerInfo::Transport kind() const = 0;
    virtual QString subprotocol() const = 0;
    virtual QStringList offeredSubprotocols() const = 0;
    virtual QString origin() const = 0;
    virtual QString userAgent() const = 0;
    virtual QHostAddress peerAddress() const = 0;
    virtual quint16 peerPort() const = 0;

signals:
    void textMessageReceived(const QString &text);
    void binaryMessageReceived(const QByteArray &data);
    /// A pong came; \a elapsedMs since our latest ping.
    void pong(quint64 elapsedMs, const QByteArray &payload);
    /// An orderly close has begun (either side's close, or a broken rule).
    void aboutToClose();
    void disconnected();
};

} // namespace Parlor
