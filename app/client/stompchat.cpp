#include "stompchat.h"

#include <QStringDecoder>
#include <QTimer>

namespace Parlor {

StompChat::StompChat(QObject *parent)
    : QObject(parent)
{
    connect(&m_client, &StompClient::connected, this, &StompChat::onConnected);
    connect(&m_client, &StompClient::receiptReceived, this, &StompChat::onReceipt);
    connect(&m_client, &StompClient::messageReceived, this, &StompChat::onMessage);
    connect(&m_client, &StompClient::errorReceived, this, [this](const StompError &error) {
        emit brokerError(QString::fromUtf8(error.message), QString::fromUtf8(error.body).trimmed());
    });
    connect(&m_client, &StompClient::disconnected, this, &StompChat::onDisconnected);
}

bool StompChat::isUsableDestination(const QByteArray &d)
{
    return !d.isEmpty() && !d.contains('\r') && !d.contains('\n') && !d.contains('\0');
}

bool StompChat::start(const Options &options)
{
    if (m_state != State::Idle || !isUsableDestination(options.destination))
        return false;
    m_options = options;
    if (!m_client.connectToBroker(options.stomp))
        return false;
    setState(State::Connecting);
    return true;
}

bool StompChat::attach(ConnectionManager *connection, const Options &options)
{
    if (m_state != State::Idle || !isUsableDestination(options.destination))
        return false;
    m_options = options;
    if (!m_client.attach(connection, options.stomp))
        return false;
    setState(State::Connecting);
    return true;
}

QString StompChat::say(const QString &text, const QString &givenId)
{
    if (m_state != State::Connecting && m_state != State::Joined)
        return {};
    const QString id = givenId.isEmpty() ? QStringLiteral("s%1").arg(++m_nextId) : givenId;
    if (m_state == State::Joined)
        sendLine(id, text);
    else
        m_waiting.append({id, text});
    return id;
}

void StompChat::leave()
{
    if (m_state == State::Connecting && m_waiting.isEmpty()) {
        m_client.abort(); // nothing to finish: a broker that never answered is not waited for
        return;
    }
    if (m_state != State::Joined && m_state != State::Connecting)
        return;
    m_leaveWhenDrained = true;
    if (m_state == State::Joined) {
        setState(State::Leaving);
        // Receipts of what was said come before the DISCONNECT's; RabbitMQ's Web-STOMP closes
        // on DISCONNECT without answering it, so waiting for them first is what confirms them.
        QTimer::singleShot(m_options.stomp.disconnectTimeoutMs, this, [this] {
            if (m_state == State::Leaving)
                m_client.disconnectFromBroker();
        });
        disconnectIfDrained();
    }
}

void StompChat::abort()
{
    m_client.abort();
}

void StompChat::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void StompChat::onConnected()
{
    // ack:auto: a chat shows what comes and has nothing to redeliver. The receipt says the
    // subscription is in place, so nothing said after joined() can be missed by ourselves.
    m_client.subscribe(m_options.destination, StompClient::AckMode::Auto, {}, {},
                       &m_subscribeReceipt);
}

void StompChat::onReceipt(const QByteArray &receipt)
{
    if (!m_subscribeReceipt.isEmpty() && receipt == m_subscribeReceipt) {
        m_subscribeReceipt.clear();
        if (m_state != State::Connecting)
            return;
        setState(State::Joined);
        emit joined();
        const QList<Waiting> waiting = std::exchange(m_waiting, {});
        for (const Waiting &w : waiting)
            sendLine(w.id, w.text);
        if (m_leaveWhenDrained)
            leave();
        return;
    }
    for (qsizetype i = 0; i < m_receipts.size(); ++i) {
        if (m_receipts.at(i).first != receipt)
            continue;
        const QString id = m_receipts.takeAt(i).second;
        emit delivered(id);
        disconnectIfDrained();
        return;
    }
}

void StompChat::onMessage(const StompMessage &message)
{
    Line line;
    line.destination = message.destination;
    line.headers = message.headers;
    line.time = QDateTime::currentDateTimeUtc();
    QByteArray nick, client;
    for (const StompFrame::Header &h : message.headers) {
        if (h.first == NickHeader && nick.isEmpty())
            nick = h.second;
        else if (h.first == ClientHeader && client.isEmpty())
            client = h.second;
        else if (h.first == IdHeader && line.id.isEmpty())
            line.id = QString::fromUtf8(h.second);
    }
    line.nick = QString::fromUtf8(nick);
    line.mine = !m_options.clientId.isEmpty() && QString::fromUtf8(client) == m_options.clientId;
    // A body that is not UTF-8 (or holds NULs) is not text to print: say what it is instead.
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(message.body);
    line.binary = decoder.hasError() || message.body.contains('\0');
    line.text = line.binary ? tr("(%n bytes that are not text)", nullptr, int(message.body.size()))
                            : text;
    emit lineReceived(line);
}

void StompChat::onDisconnected()
{
    const int undelivered = pendingCount();
    m_waiting.clear();
    m_receipts.clear();
    setState(State::Ended);
    emit ended(m_client.endReason(), m_client.endDetail(), undelivered);
}

void StompChat::sendLine(const QString &id, const QString &text)
{
    QByteArray receipt;
    const QList<StompFrame::Header> headers{{"content-type", "text/plain;charset=utf-8"},
                                            {NickHeader, m_options.nick.toUtf8()},
                                            {ClientHeader, m_options.clientId.toUtf8()},
                                            {IdHeader, id.toUtf8()}};
    if (m_client.send(m_options.destination, text.toUtf8(), headers, &receipt))
        m_receipts.append({receipt, id});
}

void StompChat::disconnectIfDrained()
{
    if (m_state == State::Leaving && m_receipts.isEmpty())
        m_client.disconnectFromBroker();
}

} // namespace Parlor
