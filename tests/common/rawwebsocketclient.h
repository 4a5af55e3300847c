#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTcpSocket>

#include <functional>
#include <optional>

/// A WebSocket client written by hand on a QTcpSocket, for the tests QWebSocket cannot do:
/// - send the opening handshake with any headers (Origin, subprotocol list, extra headers), or
///   only part of it, and read the server's HTTP status line (a 403 is visible here);
/// - send any frame: masked or not, any opcode and RSV bits, fragmented, invalid UTF-8, or with
///   a length header that does not match the payload;
/// - see every frame the server sends exactly as on the wire, including the close frame's code
///   and reason (Qt 6.4 QWebSocket clients report a received 1013 as 1002, this client does not);
/// - stop reading, so that the server's output really queues up (a slow reader).
///
/// All waits run the event loop and return as soon as a socket signal makes their condition
/// hold; none sleeps or polls.
class RawWebSocketClient : public QObject
{
    Q_OBJECT

public:
    /// Frame opcodes of RFC 6455 section 5.2. Any other 4-bit value can be sent as well.
    enum OpCode : quint8 {
        Continuation = 0x0,
        Text = 0x1,
        Binary = 0x2,
        Close = 0x8,
        Ping = 0x9,
        Pong = 0xA,
    };

    /// One frame received from the server, unmasked if it was masked.
    struct Frame
    {
        bool fin = true;
        quint8 rsv = 0; ///< the three RSV bits: RSV1 is 0x4, RSV2 0x2, RSV3 0x1
        quint8 opcode = 0;
        bool masked = false; ///< servers must not mask; kept to notice one that does
        QByteArray payload;

        bool isClose() const { return opcode == Close; }
        /// For a close frame, the status code on the wire (1005 when the payload is empty);
        /// -1 for other frames.
        int closeCode() const;
        /// For a close frame, the reason after the status code, decoded as UTF-8.
        QString closeReason() const;
    };

    /// How encodeFrame() builds a frame. The defaults make a valid, final, masked client frame.
    struct FrameOptions
    {
        bool fin = true;
        bool mask = true;
        quint8 rsv = 0; ///< RSV bits to set, as in Frame::rsv
        /// Announce this payload length in the header instead of the real one; the payload given
        /// is still what is sent (none, for a huge length with nothing behind it).
        std::optional<quint64> announcedLength;
        quint32 maskKey = 0x5a17c3e9;
    };

    /// The opening handshake to send.
    struct Handshake
    {
        QByteArray path = "/";
        QByteArray host; ///< empty: "address:port" of the connection
        QStringList subprotocols = {QStringLiteral("parlor.v1")}; ///< none: no header
        QByteArray origin;                                        ///< empty: no Origin header
        QList<QPair<QByteArray, QByteArray>> extraHeaders;
    };

    explicit RawWebSocketClient(QObject *parent = nullptr);

    /// The TCP socket underneath, e.g. for its local port or socket options.
    QTcpSocket &socket() { return m_socket; }

    /// Opens a TCP connection, from \a localAddress when it is given (127.0.0.2 looks like a
    /// second host on Linux), and waits until it is established.
    bool connectToHost(const QHostAddress &address, quint16 port,
                       const QHostAddress &localAddress = {}, int timeoutMs = 5000);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    /// True when nothing more can arrive: the connection is closed and, unless reading is
    /// paused, everything it delivered has been parsed. Every wait below ends early then.
    bool isGone() const
    {
        return m_socket.state() == QAbstractSocket::UnconnectedState
               && (m_paused || m_socket.bytesAvailable() == 0);
    }
    /// Waits until the connection is gone (closed by either side, reset or aborted).
    bool waitDisconnected(int timeoutMs = 5000);
    /// Drops the connection at once (TCP reset), without a close frame.
    void abort() { m_socket.abort(); }

    /// The HTTP upgrade request for \a handshake with \a key as Sec-WebSocket-Key.
    static QByteArray handshakeRequest(const Handshake &handshake, const QByteArray &hostHeader,
                                       const QByteArray &key);
    /// Sends the upgrade request on the open connection (the default one: parlor.v1, no Origin).
    void sendHandshake() { sendHandshake(Handshake()); }
    void sendHandshake(const Handshake &handshake);
    /// Waits until the response head (status line and headers) has arrived; false on timeout or
    /// when the connection ended first.
    bool waitForHandshakeResponse(int timeoutMs = 5000);
    /// connectToHost(), sendHandshake() and waitForHandshakeResponse(); true when the server
    /// switched protocols (status 101) with a valid Sec-WebSocket-Accept.
    bool open(const QHostAddress &address, quint16 port)
    {
        return open(address, port, Handshake());
    }
    bool open(const QHostAddress &address, quint16 port, const Handshake &handshake,
              const QHostAddress &localAddress = {});

    /// The response's status line without CRLF, e.g. "HTTP/1.1 403 Access Forbidden"; empty
    /// until it has arrived.
    QByteArray statusLine() const { return m_statusLine; }
    /// The status code of the response; -1 until a complete response head has arrived.
    int statusCode() const { return m_statusCode; }
    /// A response header by name (case-insensitive); empty when absent.
    QByteArray responseHeader(const QByteArray &name) const;
    /// True when Sec-WebSocket-Accept matches the key that was sent.
    bool acceptKeyValid() const;
    /// True after a 101 response: what follows the response head is parsed as frames.
    bool isUpgraded() const { return m_statusCode == 101; }

    /// Writes \a bytes as they are: half a request, garbage, frames built by hand.
    void sendRaw(const QByteArray &bytes);
    /// Encodes one client frame (RFC 6455 section 5.2): final and masked unless \a options
    /// break the rules.
    static QByteArray encodeFrame(quint8 opcode, const QByteArray &payload)
    {
        return encodeFrame(opcode, payload, FrameOptions());
    }
    static QByteArray encodeFrame(quint8 opcode, const QByteArray &payload,
                                  const FrameOptions &options);
    void sendFrame(quint8 opcode, const QByteArray &payload)
    {
        sendRaw(encodeFrame(opcode, payload));
    }
    void sendFrame(quint8 opcode, const QByteArray &payload, const FrameOptions &options);
    /// One final, masked text frame (UTF-8 of \a text).
    void sendText(const QString &text);
    void sendJson(const QJsonObject &object);
    /// A close frame with \a code and \a reason (the reason is sent as given, unchecked).
    void sendClose(int code, const QByteArray &reason = {});
    void sendPing(const QByteArray &payload = {});

    /// Stops taking bytes off the socket: Qt stops reading from the kernel, the kernel's receive
    /// buffer is shrunk to its minimum (on loopback it would otherwise grow to tens of MiB), and
    /// what the server sends then queues up in the server.
    void pauseReading();
    /// Reads again, including whatever queued up while paused. The kernel reopens the receive
    /// window slowly after a long pause: expect what the server had queued to trickle in.
    void resumeReading();
    bool isReadingPaused() const { return m_paused; }

    /// Every frame received, in order.
    const QList<Frame> &frames() const { return m_frames; }
    /// Every complete text message received (fragments joined), in order.
    const QList<QByteArray> &textMessages() const { return m_textMessages; }
    /// Waits for a frame not taken yet that matches \a predicate, marks it taken and returns it;
    /// nullopt on timeout or when the connection is gone.
    std::optional<Frame> waitForFrame(const std::function<bool(const Frame &)> &predicate,
                                      int timeoutMs = 5000);
    /// Waits for a text message not taken yet that is a JSON object matching \a predicate,
    /// marks it taken and returns it; empty on timeout or when the connection is gone.
    QJsonObject waitForJson(const std::function<bool(const QJsonObject &)> &predicate,
                            int timeoutMs = 5000);
    QJsonObject waitForJsonType(const QString &type, int timeoutMs = 5000);
    /// Waits for the server's close frame; returns it (it stays readable through closeFrame()),
    /// or nullopt on timeout or when the connection ended without one.
    std::optional<Frame> waitForClose(int timeoutMs = 5000);
    /// The first close frame received, if any.
    std::optional<Frame> closeFrame() const { return m_closeFrame; }
    /// The code of the first close frame received; -1 if none arrived.
    int closeCode() const { return m_closeFrame ? m_closeFrame->closeCode() : -1; }
    QString closeReason() const { return m_closeFrame ? m_closeFrame->closeReason() : QString(); }
    /// Index in frames() of the first close frame; -1 if none arrived.
    int closeFrameIndex() const { return m_closeFrameIndex; }
    /// Why the bytes from the server could not be parsed (HTTP or frames); empty if they could.
    QString parseError() const { return m_parseError; }

signals:
    /// The response head has arrived; statusCode() is valid.
    void handshakeResponseReceived(int statusCode);
    /// A frame has arrived; it is the last one of frames().
    void frameReceived();
    /// The server's (first) close frame has arrived.
    void closeReceived(int code);
    void disconnected();

private:
    /// Runs the event loop until \a condition holds (checked after every socket signal) or
    /// \a timeoutMs have passed; returns the condition.
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);
    void onReadyRead();
    void parseResponseHead();
    void parseFrames();

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_key;
    QByteArray m_statusLine;
    int m_statusCode = -1;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QList<Frame> m_frames;
    QList<bool> m_frameTaken;
    QList<QByteArray> m_textMessages;
    QList<bool> m_textTaken;
    QByteArray m_partialText;
    bool m_inTextMessage = false;
    std::optional<Frame> m_closeFrame;
    int m_closeFrameIndex = -1;
    QString m_parseError;
    bool m_paused = false;
    int m_receiveBufferBeforePause = 0;
};
