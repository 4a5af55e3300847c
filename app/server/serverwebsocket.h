#pragma once

#include "peerstream.h"
#include "peertransport.h"
#include "protocol/framedecoder.h"
#include "serverhandshake.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Parlor {

/// The server's end of one WebSocket connection, after the opening handshake: frames in
/// (FrameDecoder, every RFC 6455 rule) and out (one unmasked frame per message), automatic
/// pongs, pings with their round-trip time, and the closing handshake. It owns its PeerStream
/// (plain TCP on the descriptor, or a QSslSocket for TLS) and takes bytes on readyRead as they
/// come; the RFC 6455 logic is the same whichever stream carries them.
///
/// Parlor has its own instead of QWebSocket because Qt 6.4's server side accepts unmasked
/// frames and refuses UTF-8 split across fragments, and offers no hook to change either
/// (QT64-NOTES 3 and 5). It is one PeerTransport; LongPollSession is the other.
class ServerWebSocket : public PeerTransport
{
    Q_OBJECT

public:
    enum class State { Open, Closing, Closed };
    Q_ENUM(State)

    /// Takes \a stream over (it becomes a child) right after the 101 response was written to
    /// it; whatever it has buffered already is read as frames, from the event loop, so the
    /// receiver can connect first. Messages over \a maxMessageBytes are refused with 1009.
    ServerWebSocket(PeerStream *stream, const ServerHandshake::Result &handshake,
                    qint64 maxMessageBytes, QObject *parent = nullptr);
    ~ServerWebSocket() override;

    /// Sends \a text as one frame; returns its UTF-8 size (0 once closing).
    qint64 sendText(const QString &text) override;
    qint64 sendUtf8(const QByteArray &utf8) override;
    qint64 sendBinary(const QByteArray &data);
    /// Pings; pong() follows with the round-trip time.
    void ping(const QByteArray &payload = {}) override;
    /// Starts the closing handshake: sends a close frame with \a code and \a reason (cut to
    /// what a close frame holds), then waits for the peer's before closing TCP. Whoever calls it
    /// bounds that wait (abort()).
    void close(int code, const QString &reason = {}) override;
    /// Drops the connection at once, without a close frame.
    void abort() override;

    State state() const { return m_state; }
    /// The code of the closing handshake: the peer's if it closed first, ours if we did or the
    /// peer broke a rule; 1006 for a connection lost without one, 0 while open.
    int closeCode() const override { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }

    qint64 bytesToWrite() const override;
    bool flush() override;

    PeerInfo::Transport kind() const override { return PeerInfo::Transport::WebSocket; }
    QString subprotocol() const override { return m_subprotocol; }
    QStringList offeredSubprotocols() const override { return m_offeredSubprotocols; }
    QString origin() const override { return m_origin; }
    QString userAgent() const override { return m_userAgent; }
    QHostAddress peerAddress() const override { return m_peerAddress; }
    quint16 peerPort() const override { return m_peerPort; }
    /// The stream underneath (plain TCP or TLS); null once it is gone.
    PeerStream *stream() const { return m_stream; }

private:
    void onReadyRead();
    void handle(FrameDecoder::Event &event);
    void sendClose(int code, const QByteArray &reason);
    void writeFrame(quint8 opcode, QByteArrayView payload);
    void setClosing();
    static QByteArray textFrame(const QString &text);
    static QByteArray utf8Frame(const QByteArray &utf8);

    QPointer<PeerStream> m_stream;
    FrameDecoder m_decoder;
    State m_state = State::Open;
    int m_closeCode = 0;
    QString m_closeReason;
    QElapsedTimer m_sincePing;

    QString m_subprotocol;
    QStringList m_offeredSubprotocols;
    QString m_origin;
    QString m_userAgent;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
};

} // namespace Parlor
