#include "rawwebsocketclient.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>
#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace {

// RFC 6455 section 1.3.
constexpr char acceptGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// A frame longer than this from the server is taken as garbage rather than waited for.
constexpr quint64 maxIncomingFrame = 256ull * 1024 * 1024;

QByteArray acceptFor(const QByteArray &key)
{
    return QCryptographicHash::hash(QByteArray(key + acceptGuid), QCryptographicHash::Sha1)
            .toBase64();
}

} // namespace

int RawWebSocketClient::Frame::closeCode() const
{
    if (opcode != Close)
        return -1;
    if (payload.size() < 2)
        return 1005;
    return qFromBigEndian<quint16>(payload.constData());
}

QString RawWebSocketClient::Frame::closeReason() const
{
    if (opcode != Close || payload.size() <= 2)
        return {};
    return QString::fromUtf8(payload.mid(2));
}

RawWebSocketClient::RawWebSocketClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawWebSocketClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &RawWebSocketClient::disconnected);
}

bool RawWebSocketClient::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    if (condition())
        return true;
    // Everything a condition looks at changes in a socket signal: check after each of them (the
    // readyRead handler that parses was connected first, so it has run by then).
    QEventLoop loop;
    const auto check = [&] {
        if (condition())
            loop.quit();
    };
    connect(&m_socket, &QTcpSocket::readyRead, &loop, check);
    connect(&m_socket, &QTcpSocket::stateChanged, &loop, check);
    connect(&m_socket, &QTcpSocket::bytesWritten, &loop, check);
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(std::max(timeoutMs, 0));
    loop.exec();
    return condition();
}

bool RawWebSocketClient::connectToHost(const QHostAddress &address, quint16 port,
                                       const QHostAddress &localAddress, int timeoutMs)
{
    if (!localAddress.isNull() && !m_socket.bind(localAddress, 0))
        return false;
    m_socket.connectToHost(address, port);
    waitUntil([this] { return isConnected() || isGone(); }, timeoutMs);
    return isConnected();
}

bool RawWebSocketClient::waitDisconnected(int timeoutMs)
{
    return waitUntil([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                     timeoutMs);
}

QByteArray RawWebSocketClient::handshakeRequest(const Handshake &handshake,
                                                const QByteArray &hostHeader, const QByteArray &key)
{
    QByteArray request = "GET " + handshake.path + " HTTP/1.1\r\n";
    request += "Host: " + hostHeader + "\r\n";
    request += "Upgrade: websocket\r\n";
    request += "Connection: Upgrade\r\n";
    request += "Sec-WebSocket-Key: " + key + "\r\n";
    request += "Sec-WebSocket-Version: 13\r\n";
    if (!handshake.subprotocols.isEmpty())
        request += "Sec-WebSocket-Protocol: " + handshake.subprotocols.join(u", ").toUtf8()
                   + "\r\n";
    if (!handshake.origin.isEmpty())
        request += "Origin: " + handshake.origin + "\r\n";
    for (const auto &header : handshake.extraHeaders)
        request += header.first + ": " + header.second + "\r\n";
    request += "\r\n";
    return request;
}

void RawWebSocketClient::sendHandshake(const Handshake &handshake)
{
    QByteArray nonce(16, Qt::Uninitialized);
    for (char &c : nonce)
        c = char(QRandomGenerator::global()->bounded(256));
    m_key = nonce.toBase64();
    const QByteArray host = handshake.host.isEmpty()
                                    ? m_socket.peerAddress().toString().toLatin1() + ':'
                                              + QByteArray::number(m_socket.peerPort())
                                    : handshake.host;
    sendRaw(handshakeRequest(handshake, host, m_key));
}

bool RawWebSocketClient::waitForHandshakeResponse(int timeoutMs)
{
    waitUntil([this] { return m_statusCode >= 0 || isGone(); }, timeoutMs);
    return m_statusCode >= 0;
}

bool RawWebSocketClient::open(const QHostAddress &address, quint16 port, const Handshake &handshake,
                              const QHostAddress &localAddress)
{
    if (!connectToHost(address, port, localAddress))
        return false;
    sendHandshake(handshake);
    return waitForHandshakeResponse() && isUpgraded() && acceptKeyValid();
}

QByteArray RawWebSocketClient::responseHeader(const QByteArray &name) const
{
    for (const auto &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

bool RawWebSocketClient::acceptKeyValid() const
{
    return !m_key.isEmpty() && responseHeader("Sec-WebSocket-Accept") == acceptFor(m_key);
}

void RawWebSocketClient::sendRaw(const QByteArray &bytes)
{
    m_socket.write(bytes);
}

QByteArray RawWebSocketClient::encodeFrame(quint8 opcode, const QByteArray &payload,
                                           const FrameOptions &options)
{
    QByteArray frame;
    frame.append(char((options.fin ? 0x80 : 0) | ((options.rsv & 0x7) << 4) | (opcode & 0xF)));
    const quint64 length = options.announcedLength.value_or(quint64(payload.size()));
    const char maskBit = options.mask ? char(0x80) : 0;
    if (length < 126) {
        frame.append(char(maskBit | char(length)));
    } else if (length <= 0xFFFF) {
        frame.append(char(maskBit | 126));
        char be[2];
        qToBigEndian<quint16>(quint16(length), be);
        frame.append(be, 2);
    } else {
        frame.append(char(maskBit | 127));
        char be[8];
        qToBigEndian<quint64>(length, be);
        frame.append(be, 8);
    }
    if (!options.mask)
        return frame + payload;
    char key[4];
    qToBigEndian<quint32>(options.maskKey, key);
    frame.append(key, 4);
    QByteArray masked = payload;
    for (qsizetype i = 0; i < masked.size(); ++i)
        masked[i] = char(masked[i] ^ key[i % 4]);
    return frame + masked;
}

void RawWebSocketClient::sendFrame(quint8 opcode, const QByteArray &payload,
                                   const FrameOptions &options)
{
    sendRaw(encodeFrame(opcode, payload, options));
}

void RawWebSocketClient::sendText(const QString &text)
{
    sendFrame(Text, text.toUtf8());
}

void RawWebSocketClient::sendJson(const QJsonObject &object)
{
    sendFrame(Text, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void RawWebSocketClient::sendClose(int code, const QByteArray &reason)
{
    char be[2];
    qToBigEndian<quint16>(quint16(code), be);
    sendFrame(Close, QByteArray(be, 2) + reason);
}

void RawWebSocketClient::sendPing(const QByteArray &payload)
{
    sendFrame(Ping, payload);
}

void RawWebSocketClient::pauseReading()
{
    m_paused = true;
    m_receiveBufferBeforePause
            = m_socket.socketOption(QAbstractSocket::ReceiveBufferSizeSocketOption).toInt();
    // Qt stops reading from the kernel once its buffer holds this much; the kernel buffer is
    // made small too (it would otherwise grow to tens of MiB on loopback), so the server's
    // output backs up into the server process quickly.
    m_socket.setReadBufferSize(1);
    m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 1024);
}

void RawWebSocketClient::resumeReading()
{
    m_paused = false;
    m_socket.setReadBufferSize(0);
    // Open the window wide again, or the server's kernel trickles the rest in tiny probes.
    if (m_receiveBufferBeforePause > 0) {
        m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption,
                                 m_receiveBufferBeforePause);
    }
    onReadyRead();
}

std::optional<RawWebSocketClient::Frame> RawWebSocketClient::waitForFrame(
        const std::function<bool(const Frame &)> &predicate, int timeoutMs)
{
    std::optional<Frame> found;
    [[maybe_unused]] const bool ok = waitUntil(
            [&] {
                for (int i = 0; i < m_frames.size(); ++i) {
                    if (!m_frameTaken.at(i) && predicate(m_frames.at(i))) {
                        m_frameTaken[i] = true;
                        found = m_frames.at(i);
                        return true;
                    }
                }
                return isGone();
            },
            timeoutMs);
    return found;
}

QJsonObject RawWebSocketClient::waitForJson(
        const std::function<bool(const QJsonObject &)> &predicate, int timeoutMs)
{
    QJsonObject found;
    [[maybe_unused]] const bool ok = waitUntil(
            [&] {
                for (int i = 0; i < m_textMessages.size(); ++i) {
                    if (m_textTaken.at(i))
                        continue;
                    const QJsonDocument doc = QJsonDocument::fromJson(m_textMessages.at(i));
                    if (doc.isObject() && predicate(doc.object())) {
                        m_textTaken[i] = true;
                        found = doc.object();
                        return true;
                    }
                }
                return isGone();
            },
            timeoutMs);
    return found;
}

QJsonObject RawWebSocketClient::waitForJsonType(const QString &type, int timeoutMs)
{
    return waitForJson([&](const QJsonObject &o) { return o.value(u"type") == type; }, timeoutMs);
}

std::optional<RawWebSocketClient::Frame> RawWebSocketClient::waitForClose(int timeoutMs)
{
    waitUntil([this] { return m_closeFrame.has_value() || isGone(); }, timeoutMs);
    return m_closeFrame;
}

void RawWebSocketClient::onReadyRead()
{
    if (m_paused)
        return;
    m_buffer += m_socket.readAll();
    if (m_statusCode < 0)
        parseResponseHead();
    if (isUpgraded())
        parseFrames();
}

void RawWebSocketClient::parseResponseHead()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    m_buffer.remove(0, end + 4);
    m_statusLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = m_statusLine.split(' ');
    bool ok = false;
    const int code = parts.value(1).toInt(&ok);
    if (!m_statusLine.startsWith("HTTP/") || !ok) {
        m_parseError = QStringLiteral("not an HTTP status line: ")
                       + QString::fromLatin1(m_statusLine);
        m_statusCode = 0;
    } else {
        m_statusCode = code;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            m_headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    emit handshakeResponseReceived(m_statusCode);
}

void RawWebSocketClient::parseFrames()
{
    while (m_parseError.isEmpty() && m_buffer.size() >= 2) {
        const auto b0 = uchar(m_buffer.at(0));
        const auto b1 = uchar(m_buffer.at(1));
        quint64 length = b1 & 0x7F;
        qsizetype pos = 2;
        if (length == 126) {
            if (m_buffer.size() < pos + 2)
                return;
            length = qFromBigEndian<quint16>(m_buffer.constData() + pos);
            pos += 2;
        } else if (length == 127) {
            if (m_buffer.size() < pos + 8)
                return;
            length = qFromBigEndian<quint64>(m_buffer.constData() + pos);
            pos += 8;
        }
        if (length > maxIncomingFrame) {
            m_parseError = QStringLiteral("the server announced a frame of %1 bytes").arg(length);
            return;
        }
        const bool masked = b1 & 0x80;
        char key[4] = {};
        if (masked) {
            if (m_buffer.size() < pos + 4)
                return;
            std::memcpy(key, m_buffer.constData() + pos, 4);
            pos += 4;
        }
        if (quint64(m_buffer.size() - pos) < length)
            return;

        Frame frame;
        frame.fin = b0 & 0x80;
        frame.rsv = (b0 >> 4) & 0x7;
        frame.opcode = b0 & 0xF;
        frame.masked = masked;
        frame.payload = m_buffer.mid(pos, qsizetype(length));
        if (masked) {
            for (qsizetype i = 0; i < frame.payload.size(); ++i)
                frame.payload[i] = char(frame.payload[i] ^ key[i % 4]);
        }
        m_buffer.remove(0, pos + qsizetype(length));

        if (frame.opcode == Text) {
            m_inTextMessage = true;
            m_partialText = frame.payload;
        } else if (frame.opcode == Continuation && m_inTextMessage) {
            m_partialText += frame.payload;
        }
        if (m_inTextMessage && frame.fin && (frame.opcode == Text || frame.opcode == Continuation)) {
            m_textMessages.append(m_partialText);
            m_textTaken.append(false);
            m_partialText.clear();
            m_inTextMessage = false;
        }

        m_frames.append(frame);
        m_frameTaken.append(false);
        emit frameReceived();
        if (frame.isClose() && !m_closeFrame) {
            m_closeFrame = frame;
            m_closeFrameIndex = int(m_frames.size() - 1);
            emit closeReceived(frame.closeCode());
        }
    }
}
