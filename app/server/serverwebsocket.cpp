#include "serverwebsocket.h"

#include "protocol/closecodes.h"
#include "protocol/frameencoder.h"

namespace Parlor {

namespace {

constexpr int LostCode = 1006;

/// The payload size of a whole unmasked frame built by FrameEncoder.
qint64 payloadSize(const QByteArray &frame)
{
    const int length7 = uchar(frame.at(1)) & 0x7F;
    return frame.size() - (length7 < 126 ? 2 : length7 == 126 ? 4 : 10);
}

} // namespace

ServerWebSocket::ServerWebSocket(PeerStream *stream, const ServerHandshake::Result &handshake,
                                 qint64 maxMessageBytes, QObject *parent)
    : PeerTransport(parent)
    , m_stream(stream)
    , m_decoder(FrameDecoder::Role::Server, maxMessageBytes)
    , m_subprotocol(handshake.subprotocol)
    , m_offeredSubprotocols(handshake.offeredSubprotocols)
    , m_origin(handshake.origin)
    , m_userAgent(handshake.userAgent)
    , m_peerAddress(stream->peerAddress())
    , m_peerPort(stream->peerPort())
{
    stream->setParent(this);
    connect(stream, &PeerStream::readyRead, this, &ServerWebSocket::onReadyRead);
    connect(stream, &PeerStream::disconnected, this, [this] {
        m_state = State::Closed;
        if (m_closeCode == 0)
            m_closeCode = LostCode;
        emit disconnected();
    });
    // Frames may have come right behind the upgrade request; they are read once the receiver
    // has had the chance to connect to this object's signals.
    if (stream->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &ServerWebSocket::onReadyRead, Qt::QueuedConnection);
}

ServerWebSocket::~ServerWebSocket()
{
    if (m_stream)
        m_stream->disconnect(this);
}

void ServerWebSocket::onReadyRead()
{
    // Read into the stack and decode from there: the decoder copies only a message's payload
    // (unmasking it on the way), so no QByteArray is made per read.
    char buffer[16 * 1024];
    const QPointer<ServerWebSocket> self(this);
    while (self && m_stream) {
        const qint64 n = m_stream->read(buffer, sizeof buffer);
        if (n <= 0)
            return;
        QByteArrayView rest(buffer, n);
        // After a close frame or a broken rule, whatever else arrives is dropped unread.
        while (!rest.isEmpty() && !m_decoder.isFinished()) {
            FrameDecoder::Event event;
            rest = rest.sliced(m_decoder.decode(rest, &event));
            if (event.kind != FrameDecoder::Event::Kind::None) {
                handle(event);
                if (!self)
                    return;
            }
        }
    }
}

void ServerWebSocket::handle(FrameDecoder::Event &event)
{
    using Kind = FrameDecoder::Event::Kind;
    switch (event.kind) {
    case Kind::Text:
        emit textMessageReceived(QString::fromUtf8(event.payload));
        break;
    case Kind::Binary:
        emit binaryMessageReceived(event.payload);
        break;
    case Kind::Ping:
        if (m_state == State::Open)
            writeFrame(FrameDecoder::Pong, event.payload);
        break;
    case Kind::Pong:
        emit pong(m_sincePing.isValid() ? quint64(m_sincePing.elapsed()) : 0, event.payload);
        break;
    case Kind::Close:
        if (m_state == State::Open) {
            m_closeCode = event.closeCode;
            m_closeReason = QString::fromUtf8(event.reason);
            // Echo the code (RFC 6455 section 5.5.1); an empty close is answered with 1000, as
            // the room (on Qt's QWebSocketServer) always did.
            sendClose(event.closeCode == 1005 ? 1000 : event.closeCode, {});
            setClosing();
        }
        // The server closes TCP first, so the client's port is not left in TIME_WAIT.
        if (m_stream)
            m_stream->disconnectFromHost();
        break;
    case Kind::Error:
        if (m_state == State::Open) {
            m_closeCode = event.closeCode;
            m_closeReason = QString::fromLatin1(event.reason);
            sendClose(event.closeCode, event.reason);
            setClosing();
        }
        // A peer that broke the protocol is not waited for.
        if (m_stream)
            m_stream->disconnectFromHost();
        break;
    case Kind::None:
        break;
    }
}

qint64 ServerWebSocket::sendText(const QString &text)
{
    if (m_state != State::Open || !m_stream)
        return 0;
    const QByteArray frame = textFrame(text);
    m_stream->write(frame);
    return payloadSize(frame);
}

qint64 ServerWebSocket::sendUtf8(const QByteArray &utf8)
{
    if (m_state != State::Open || !m_stream)
        return 0;
    m_stream->write(utf8Frame(utf8));
    return utf8.size();
}

qint64 ServerWebSocket::sendBinary(const QByteArray &data)
{
    if (m_state != State::Open || !m_stream)
        return 0;
    writeFrame(FrameDecoder::Binary, data);
    return data.size();
}

namespace {

/// The frame of \a text, built once for the peers of one broadcast: the room sends the same
/// implicitly shared text to every peer, so the frame is cached by identity (the same data with
/// the same bounds: shared data cannot change in place, a writer detaches first) and the same
/// bytes are queued on every socket. Two entries, because a broadcast goes out in two forms
/// (JSON for rich peers, a line for plain ones); per thread, because a room may run in a
/// thread of its own (RoomHost). \a Text is QString (plain lines) or QByteArray (the room's
/// JSON, UTF-8 already).
template<typename Text, typename Encode>
QByteArray cachedFrame(const Text &text, Encode toUtf8)
{
    struct Entry
    {
        Text text;
        QByteArray frame;
    };
    thread_local Entry cache[2];
    thread_local int nextEntry = 0;
    for (const Entry &entry : cache) {
        if (entry.text.isSharedWith(text) && entry.text.constData() == text.constData()
            && entry.text.size() == text.size())
            return entry.frame;
    }
    QByteArray frame = FrameEncoder::frame(FrameDecoder::Text, toUtf8(text));
    cache[nextEntry] = {text, frame};
    nextEntry ^= 1;
    return frame;
}

} // namespace

QByteArray ServerWebSocket::textFrame(const QString &text)
{
    return cachedFrame(text, [](const QString &t) { return t.toUtf8(); });
}

QByteArray ServerWebSocket::utf8Frame(const QByteArray &utf8)
{
    return cachedFrame(utf8, [](const QByteArray &u) { return u; });
}

void ServerWebSocket::ping(const QByteArray &payload)
{
    if (m_state != State::Open || !m_stream)
        return;
    m_sincePing.start();
    writeFrame(FrameDecoder::Ping, payload.left(125));
}

void ServerWebSocket::close(int code, const QString &reason)
{
    if (m_state != State::Open || !m_stream)
        return;
    m_closeCode = code;
    m_closeReason = CloseCodes::clippedReason(reason);
    sendClose(code, m_closeReason.toUtf8());
    setClosing();
}

void ServerWebSocket::abort()
{
    if (m_stream)
        m_stream->abort();
}

qint64 ServerWebSocket::bytesToWrite() const
{
    return m_stream ? m_stream->bytesToWrite() : 0;
}

bool ServerWebSocket::flush()
{
    return m_stream && m_stream->flush();
}

void ServerWebSocket::sendClose(int code, const QByteArray &reason)
{
    writeFrame(FrameDecoder::Close, FrameEncoder::closePayload(code, reason.left(123)));
}

void ServerWebSocket::writeFrame(quint8 opcode, QByteArrayView payload)
{
    if (m_stream)
        m_stream->write(FrameEncoder::frame(opcode, payload));
}

void ServerWebSocket::setClosing()
{
    m_state = State::Closing;
    emit aboutToClose();
}

} // namespace Parlor
