#include "stompclient.h"

#include "connectionmanager.h"
#include "core/logging.h"

#include <QNetworkRequest>
#include <QStringDecoder>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace Parlor {

namespace {

using State = StompClient::State;

// Every allowed move, in one place: anything else is a bug in this class.
bool allowed(State from, State to)
{
    switch (from) {
    case State::Disconnected:
        return to == State::Connecting;
    case State::Connecting:
        return to == State::Connected || to == State::Disconnected;
    case State::Connected:
        return to == State::Disconnecting || to == State::Disconnected;
    case State::Disconnecting:
        return to == State::Disconnected;
    }
    return false;
}

QByteArray ackModeName(StompClient::AckMode mode)
{
    switch (mode) {
    case StompClient::AckMode::Auto:
        return "auto";
    case StompClient::AckMode::Client:
        return "client";
    case StompClient::AckMode::ClientIndividual:
        return "client-individual";
    }
    return "auto";
}

bool parseHeartBeat(const QByteArray &value, int &first, int &second)
{
    const QList<QByteArray> parts = value.split(',');
    if (parts.size() != 2)
        return false;
    bool ok1 = false, ok2 = false;
    first = parts.at(0).trimmed().toInt(&ok1);
    second = parts.at(1).trimmed().toInt(&ok2);
    return ok1 && ok2 && first >= 0 && second >= 0;
}

// The spec's negotiation: no heart-beats if either side says 0, else the slower of the two.
int agreedInterval(int mine, int theirs)
{
    return mine == 0 || theirs == 0 ? 0 : std::max(mine, theirs);
}

} // namespace

StompClient::StompClient(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<StompMessage>();
    qRegisterMetaType<StompError>();
    m_connectTimer.setSingleShot(true);
    m_disconnectTimer.setSingleShot(true);
    m_receiveDeadline.setSingleShot(true);
    // A coarse timer may fire 5 % early; a deadline must not end a session before its time.
    m_receiveDeadline.setTimerType(Qt::PreciseTimer);
    m_sendHeartBeat.setTimerType(Qt::PreciseTimer);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        end(EndReason::Timeout,
            QStringLiteral("no CONNECTED within %1 ms").arg(m_options.connectTimeoutMs));
    });
    connect(&m_disconnectTimer, &QTimer::timeout, this, [this] {
        end(EndReason::Requested, QStringLiteral("no receipt for DISCONNECT within %1 ms")
                                          .arg(m_options.disconnectTimeoutMs));
    });
    connect(&m_receiveDeadline, &QTimer::timeout, this, [this] {
        end(EndReason::HeartBeatLost, QStringLiteral("nothing from the broker for %1 ms")
                                              .arg(m_incomingMs * HeartBeatGraceFactor));
    });
    connect(&m_sendHeartBeat, &QTimer::timeout, this, [this] {
        ++m_heartBeatsSent;
        writeRaw(QByteArray("\n"));
    });
}

StompClient::~StompClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void StompClient::setState(State state)
{
    if (state == m_state)
        return;
    if (!allowed(m_state, state)) {
        qCWarning(lcClient) << "StompClient: refused transition" << m_state << "->" << state;
        return;
    }
    m_state = state;
    emit stateChanged(state);
}

bool StompClient::prepare(const Options &options)
{
    if (m_state != State::Disconnected)
        return false;
    for (const QByteArray &value : {options.host, options.login, options.passcode}) {
        if (value.contains('\r') || value.contains('\n'))
            return false;
    }
    m_options = options;
    m_decoder = StompDecoder(options.limits);
    m_connected = StompFrame();
    m_pendingReceipts.clear();
    m_disconnectReceipt.clear();
    m_endReason = EndReason::None;
    m_endDetail.clear();
    m_outgoingMs = m_incomingMs = 0;
    m_heartBeatsSent = 0;
    m_upgraded = false;
    return true;
}

bool StompClient::attach(ConnectionManager *connection, const Options &options)
{
    if (!connection || connection->state() != ConnectionManager::State::Open)
        return false;
    const QString chosen = connection->subprotocol();
    if (!chosen.isEmpty() && chosen != QLatin1String(Subprotocol))
        return false;
    if (!prepare(options))
        return false;
    m_attached = connection;
    m_upgraded = true;
    connect(connection, &ConnectionManager::textMessageReceived, this,
            [this](const QString &text) { onBytes(text.toUtf8()); });
    connect(connection, &ConnectionManager::binaryMessageReceived, this, &StompClient::onBytes);
    connect(connection, &ConnectionManager::closed, this, [this](const CloseInfo &) {
        if (m_state == State::Disconnecting) {
            end(EndReason::Requested,
                QStringLiteral("the broker closed without a receipt for DISCONNECT"));
        } else {
            end(EndReason::ConnectionLost, QStringLiteral("the connection closed"));
        }
    });
    setState(State::Connecting);
    m_connectTimer.start(options.connectTimeoutMs);
    sendConnect();
    return true;
}

bool StompClient::connectToBroker(const Options &options)
{
    const QString scheme = options.url.scheme().toLower();
    if (!options.url.isValid() || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss")))
        return false;
    if (!prepare(options))
        return false;

    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    socket->setProxy(options.proxy);
    // A frame's headers come on top of its body; the decoder enforces the real limits.
    const quint64 maxMessage = quint64(options.limits.maxBodyBytes) + 1024 * 1024;
    socket->setMaxAllowedIncomingMessageSize(maxMessage);
    socket->setMaxAllowedIncomingFrameSize(maxMessage);
    // One WebSocket frame per message: Qt would split text inside UTF-8 sequences (QT64-NOTES 3).
    socket->setOutgoingFrameSize(QWebSocket::maxOutgoingFrameSize());
    connect(socket, &QWebSocket::connected, this, &StompClient::onSocketConnected);
    connect(socket, &QWebSocket::disconnected, this, &StompClient::onSocketDisconnected);
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        if (!m_socket)
            return;
        const QString error = m_socket->errorString();
        if (m_state == State::Connecting && !m_upgraded) {
            end(EndReason::Refused, error);
        } else if (m_state == State::Disconnecting) {
            end(EndReason::Requested, error);
        } else {
            end(EndReason::ConnectionLost, error);
        }
    });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { onBytes(text.toUtf8()); });
    connect(socket, &QWebSocket::binaryMessageReceived, this, &StompClient::onBytes);

    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({QString::fromLatin1(Subprotocol)});
    setState(State::Connecting);
    // Qt 6.4 has no handshake timeout (QT64-NOTES 1); this one also covers CONNECTED.
    m_connectTimer.start(options.connectTimeoutMs);
    socket->open(QNetworkRequest(options.url), handshake);
    return true;
}

void StompClient::onSocketConnected()
{
    m_upgraded = true;
    const QString chosen = m_socket->subprotocol();
    // A server that names no subprotocol may still speak STOMP; one that picked another does
    // not speak it to us.
    if (!chosen.isEmpty() && chosen != QLatin1String(Subprotocol)) {
        end(EndReason::Refused, QStringLiteral("the server chose subprotocol %1").arg(chosen));
        return;
    }
    sendConnect();
}

void StompClient::sendConnect()
{
    StompFrame frame(StompFrame::Command::Connect);
    frame.addHeader("accept-version", "1.2");
    frame.addHeader("host", m_options.host);
    if (!m_options.login.isEmpty()) {
        frame.addHeader("login", m_options.login);
        frame.addHeader("passcode", m_options.passcode);
    }
    frame.addHeader("heart-beat", QByteArray::number(m_options.heartBeatSendMs) + ','
                                          + QByteArray::number(m_options.heartBeatReceiveMs));
    const QByteArray bytes = frame.encode();
    // The trace (and an attached connection's event log) never shows the passcode.
    if (frame.hasHeader("passcode"))
        frame.setHeader("passcode", "***");
    writeRaw(bytes, frame.encode());
    emit frameTraced(frame, true);
}

void StompClient::onSocketDisconnected()
{
    if (m_state == State::Disconnecting) {
        // What RabbitMQ 3.10's Web-STOMP does: it closes at once instead of sending the receipt.
        end(EndReason::Requested,
            QStringLiteral("the broker closed without a receipt for DISCONNECT"));
        return;
    }
    // Qt 6.4 reports a refused TCP connection as disconnected before (or without) error().
    if (m_state == State::Connecting && !m_upgraded) {
        end(EndReason::Refused, m_socket ? m_socket->errorString() : QString());
        return;
    }
    const QString why = m_socket && !m_socket->closeReason().isEmpty()
                                ? QStringLiteral("the connection closed: %1")
                                          .arg(m_socket->closeReason())
                                : QStringLiteral("the connection closed");
    end(EndReason::ConnectionLost, why);
}

void StompClient::onBytes(const QByteArray &bytes)
{
    // Anything from the broker, a frame or a heart-beat EOL, proves it alive.
    if (m_incomingMs > 0)
        m_receiveDeadline.start(m_incomingMs * HeartBeatGraceFactor);
    m_decoder.append(bytes);
    StompFrame frame;
    while (m_state != State::Disconnected) {
        const StompDecoder::Result result = m_decoder.next(frame);
        if (result == StompDecoder::Result::NeedMore)
            return;
        if (result == StompDecoder::Result::Failed) {
            end(EndReason::ProtocolError, m_decoder.errorString());
            return;
        }
        emit frameTraced(frame, false);
        onFrame(frame);
    }
}

void StompClient::onFrame(const StompFrame &frame)
{
    using C = StompFrame::Command;
    if (frame.command == C::Error) {
        StompError error{frame.header("message"), frame.header("receipt-id"), frame.headers,
                         frame.body};
        qCWarning(lcClient) << "STOMP ERROR from the broker:" << error.message;
        emit errorReceived(error);
        // "The server MUST then close the connection": do not wait for it to.
        end(EndReason::ServerError, QString::fromUtf8(error.message));
        return;
    }
    if (m_state == State::Connecting) {
        if (frame.command != C::Connected) {
            end(EndReason::ProtocolError,
                QStringLiteral("%1 before CONNECTED")
                        .arg(QString::fromLatin1(StompFrame::commandName(frame.command))));
            return;
        }
        onConnected(frame);
        return;
    }
    switch (frame.command) {
    case C::Receipt: {
        const QByteArray id = frame.header("receipt-id");
        // Only receipts we asked for count: a stray one must not confirm anything.
        if (!m_pendingReceipts.removeOne(id)) {
            qCWarning(lcClient) << "STOMP RECEIPT for an unknown receipt id" << id;
            return;
        }
        emit receiptReceived(id);
        if (m_state == State::Disconnecting && id == m_disconnectReceipt)
            end(EndReason::Requested, QString());
        return;
    }
    case C::Message: {
        StompMessage message{frame.header("destination"),
                             frame.header("subscription"),
                             frame.header("message-id"),
                             frame.header("ack"),
                             frame.headers,
                             frame.body};
        emit messageReceived(message);
        return;
    }
    default:
        end(EndReason::ProtocolError,
            QStringLiteral("unexpected %1 from the broker")
                    .arg(QString::fromLatin1(StompFrame::commandName(frame.command))));
    }
}

void StompClient::onConnected(const StompFrame &frame)
{
    const QByteArray version = frame.header("version", "1.0");
    if (version != "1.2") {
        end(EndReason::ProtocolError,
            QStringLiteral("the broker speaks STOMP %1, not 1.2").arg(QString::fromLatin1(version)));
        return;
    }
    int serverSends = 0, serverWants = 0;
    if (frame.hasHeader("heart-beat")
        && !parseHeartBeat(frame.header("heart-beat"), serverSends, serverWants)) {
        end(EndReason::ProtocolError,
            QStringLiteral("bad heart-beat header %1")
                    .arg(QString::fromLatin1(frame.header("heart-beat"))));
        return;
    }
    m_connected = frame;
    m_outgoingMs = agreedInterval(m_options.heartBeatSendMs, serverWants);
    m_incomingMs = agreedInterval(m_options.heartBeatReceiveMs, serverSends);
    m_connectTimer.stop();
    setState(State::Connected);
    startHeartBeats();
    emit connected();
}

void StompClient::startHeartBeats()
{
    if (m_outgoingMs > 0)
        m_sendHeartBeat.start(m_outgoingMs);
    if (m_incomingMs > 0)
        m_receiveDeadline.start(m_incomingMs * HeartBeatGraceFactor);
}

void StompClient::writeRaw(const QByteArray &bytes, const QByteArray &shown)
{
    if (!m_socket && !m_attached)
        return;
    // Any frame we send counts as a heart-beat: the timer sends an EOL only after silence.
    if (m_sendHeartBeat.isActive())
        m_sendHeartBeat.start(m_outgoingMs);
    // Text when the frame is UTF-8 (what Web-STOMP and browsers expect), binary when a body is
    // not: a text message must be valid UTF-8.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(bytes);
    if (m_attached) {
        if (utf8.hasError())
            m_attached->sendBinary(bytes);
        else if (shown.isNull())
            m_attached->sendText(text);
        else
            m_attached->sendText(text, QString::fromUtf8(shown));
    } else if (utf8.hasError()) {
        m_socket->sendBinaryMessage(bytes);
    } else {
        m_socket->sendTextMessage(text);
    }
}

QByteArray StompClient::nextReceipt()
{
    return "rcpt-" + QByteArray::number(++m_receiptCounter);
}

bool StompClient::sendFrame(const StompFrame &frame)
{
    if (m_state != State::Connected || !frame.canEncode())
        return false;
    writeRaw(frame.encode());
    emit frameTraced(frame, true);
    return true;
}

bool StompClient::sendWithReceipt(StompFrame frame, QByteArray *receipt)
{
    if (m_state != State::Connected)
        return false;
    QByteArray id;
    if (receipt) {
        id = nextReceipt();
        frame.setHeader("receipt", id);
    }
    if (!sendFrame(frame))
        return false;
    if (receipt) {
        m_pendingReceipts.append(id);
        *receipt = id;
    }
    return true;
}

QByteArray StompClient::subscribe(const QByteArray &destination, AckMode ack,
                                  const QList<StompFrame::Header> &headers, const QByteArray &id,
                                  QByteArray *receipt)
{
    const QByteArray subscription = id.isEmpty()
                                            ? "sub-" + QByteArray::number(++m_subscriptionCounter)
                                            : id;
    StompFrame frame(StompFrame::Command::Subscribe, {{"id", subscription},
                                                      {"destination", destination},
                                                      {"ack", ackModeName(ack)}});
    frame.headers += headers;
    return sendWithReceipt(frame, receipt) ? subscription : QByteArray();
}

bool StompClient::unsubscribe(const QByteArray &id, QByteArray *receipt)
{
    return sendWithReceipt(StompFrame(StompFrame::Command::Unsubscribe, {{"id", id}}), receipt);
}

bool StompClient::send(const QByteArray &destination, const QByteArray &body,
                       const QList<StompFrame::Header> &headers, QByteArray *receipt)
{
    StompFrame frame(StompFrame::Command::Send, {{"destination", destination}}, body);
    frame.headers += headers;
    return sendWithReceipt(frame, receipt);
}

bool StompClient::ack(const QByteArray &ackId, QByteArray *receipt)
{
    return sendWithReceipt(StompFrame(StompFrame::Command::Ack, {{"id", ackId}}), receipt);
}

bool StompClient::nack(const QByteArray &ackId, QByteArray *receipt)
{
    return sendWithReceipt(StompFrame(StompFrame::Command::Nack, {{"id", ackId}}), receipt);
}

void StompClient::disconnectFromBroker()
{
    if (m_state == State::Connecting) {
        end(EndReason::Requested, QStringLiteral("cancelled while connecting"));
        return;
    }
    if (m_state != State::Connected)
        return;
    m_disconnectReceipt = nextReceipt();
    sendFrame(StompFrame(StompFrame::Command::Disconnect, {{"receipt", m_disconnectReceipt}}));
    m_pendingReceipts.append(m_disconnectReceipt);
    setState(State::Disconnecting);
    m_disconnectTimer.start(m_options.disconnectTimeoutMs);
}

void StompClient::abort()
{
    end(EndReason::Requested, QStringLiteral("aborted"));
}

void StompClient::end(EndReason reason, const QString &detail)
{
    if (m_state == State::Disconnected)
        return;
    for (QTimer *timer : {&m_connectTimer, &m_disconnectTimer, &m_sendHeartBeat, &m_receiveDeadline})
        timer->stop();
    // Someone else's connection stays: its owner decides whether to close or reconnect it.
    if (ConnectionManager *connection = m_attached) {
        connection->disconnect(this);
        m_attached = nullptr;
    }
    if (QWebSocket *socket = m_socket) {
        socket->disconnect(this);
        m_socket = nullptr;
        // A clean end closes with a close frame; the socket goes once the close completes.
        // Anything else is dropped at once.
        if (reason == EndReason::Requested && socket->state() == QAbstractSocket::ConnectedState) {
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(m_options.disconnectTimeoutMs, socket, &QWebSocket::abort);
            socket->close();
        } else {
            socket->abort();
            socket->deleteLater();
        }
    }
    m_endReason = reason;
    m_endDetail = detail;
    if (!detail.isEmpty())
        qCInfo(lcClient) << "STOMP session ended:" << reason << detail;
    setState(State::Disconnected);
    emit disconnected(reason, detail);
}

} // namespace Parlor
