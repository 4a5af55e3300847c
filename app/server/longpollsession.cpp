#include "longpollsession.h"

#include "core/logging.h"
#include "protocol/protocol.h"
#include "roompage.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace Parlor {

namespace {

constexpr int LostCode = 1006;
constexpr int NormalCode = 1000;

/// Hands \a response to \a socket and lets the connection go once it is written.
void answerAndClose(QTcpSocket *socket, const QByteArray &response)
{
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(response);
    socket->disconnectFromHost();
}

} // namespace

LongPollSession::LongPollSession(const QByteArray &id, const Request &openedBy, int holdMs,
                                 int timeoutMs, QObject *parent)
    : PeerTransport(parent)
    , m_id(id)
    , m_request(openedBy)
    , m_hold(new QTimer(this))
    , m_expiry(new QTimer(this))
{
    m_hold->setSingleShot(true);
    m_hold->setInterval(holdMs);
    // Nothing to say for a while: the poll is answered empty, before a proxy or the browser
    // gives up on it.
    connect(m_hold, &QTimer::timeout, this, &LongPollSession::answerHeld);
    m_expiry->setSingleShot(true);
    m_expiry->setInterval(timeoutMs);
    // A page that was closed sends nothing more: its session would stay in the room for ever.
    connect(m_expiry, &QTimer::timeout, this, [this] {
        qCInfo(lcServer).noquote() << "long-poll session of" << m_request.address.toString()
                                   << "was not polled for" << m_expiry->interval() << "ms";
        m_expired = true;
        abort();
    });
    m_expiry->start();
}

LongPollSession::~LongPollSession()
{
    if (m_held) {
        m_held->disconnect(this);
        m_held->abort();
        m_held->deleteLater();
    }
}

QString LongPollSession::subprotocol() const
{
    return QLatin1String(RichSubprotocol);
}

QString LongPollSession::endReason() const
{
    return m_expired ? QStringLiteral("timeout") : QString();
}

void LongPollSession::touch()
{
    if (!m_held && m_state != State::Closed)
        m_expiry->start();
}

bool LongPollSession::poll(QTcpSocket *socket, std::optional<qint64> since)
{
    const qint64 acknowledged = m_firstIndex - 1;
    const qint64 upTo = since.value_or(m_handedOut);
    if (upTo < acknowledged || upTo > m_handedOut)
        return false;
    if (m_pingPending) {
        // The page polls again as soon as an answer reaches it: the time from the ping (which
        // answered the poll it held) to this poll is a round trip.
        m_pingPending = false;
        emit pong(quint64(m_sincePing.elapsed()), {});
    }
    while (m_firstIndex <= upTo && !m_queue.empty()) {
        m_queuedBytes -= m_queue.front().size();
        m_queue.pop_front();
        ++m_firstIndex;
    }
    // What was handed out but not acknowledged was lost on the way: it goes again.
    m_handedOut = upTo;
    if (m_held) {
        // One poll at a time; the older one is answered empty.
        QTcpSocket *older = m_held;
        m_held = nullptr;
        older->disconnect(this);
        answerAndClose(older, RoomPage::reply(200, "application/json", "[]"));
    }
    m_held = socket;
    m_expiry->stop();
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        // The page (or a proxy) gave up on the poll; the session waits for the next one.
        if (m_held == socket) {
            m_held = nullptr;
            m_hold->stop();
            touch();
        }
        socket->deleteLater();
    });
    if (m_firstIndex + qint64(m_queue.size()) - 1 > m_handedOut)
        answerHeld();
    else
        m_hold->start();
    return true;
}

void LongPollSession::answerHeld()
{
    if (!m_held)
        return;
    QTcpSocket *socket = m_held;
    m_held = nullptr;
    m_hold->stop();
    socket->disconnect(this);
    QByteArray body = "[";
    bool handedOutClose = false;
    for (qint64 index = m_handedOut + 1; index < m_firstIndex + qint64(m_queue.size()); ++index) {
        if (body.size() > 1)
            body += ',';
        body += m_queue.at(std::size_t(index - m_firstIndex));
        m_handedOut = index;
        handedOutClose = m_closeQueued && index == m_firstIndex + qint64(m_queue.size()) - 1;
    }
    body += ']';
    answerAndClose(socket, RoomPage::reply(200, "application/json", body));
    if (handedOutClose)
        end(m_closeCode); // the page has the close: nothing more will be said
    else
        touch();
}

void LongPollSession::receive(const QList<QByteArray> &messages)
{
    touch();
    const QPointer<LongPollSession> self(this);
    for (const QByteArray &message : messages) {
        // After a close, whatever else the page sends is dropped, as after a close frame.
        if (!self || m_state != State::Open)
            return;
        emit textMessageReceived(QString::fromUtf8(message));
    }
}

void LongPollSession::leave()
{
    if (m_state == State::Closed)
        return;
    if (m_closeCode == 0)
        m_closeCode = NormalCode;
    emit aboutToClose();
    end(m_closeCode);
}

qint64 LongPollSession::sendText(const QString &text)
{
    if (m_state != State::Open)
        return 0;
    const QByteArray json = text.toUtf8();
    enqueue(json);
    return json.size();
}

void LongPollSession::enqueue(const QByteArray &json)
{
    m_queue.push_back(json);
    m_queuedBytes += json.size();
    if (m_held)
        flushSoon();
}

void LongPollSession::flushSoon()
{
    // A burst (a welcome and the events behind it, a broadcast storm) goes in one answer.
    if (m_flushPending)
        return;
    m_flushPending = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_flushPending = false;
                flush();
            },
            Qt::QueuedConnection);
}

bool LongPollSession::flush()
{
    if (m_held && m_firstIndex + qint64(m_queue.size()) - 1 > m_handedOut)
        answerHeld();
    return true;
}

void LongPollSession::ping(const QByteArray &)
{
    if (m_state != State::Open)
        return;
    m_pingPending = true;
    m_sincePing.start();
    // The held poll is answered now, empty if need be: the next poll is the pong.
    answerHeld();
}

void LongPollSession::close(int code, const QString &reason)
{
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    m_closeCode = code;
    QJsonObject close{{QStringLiteral("poll"), QStringLiteral("close")},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("reason"), reason}};
    m_queue.push_back(QJsonDocument(close).toJson(QJsonDocument::Compact));
    m_queuedBytes += m_queue.back().size();
    m_closeQueued = true;
    emit aboutToClose();
    if (m_held)
        flushSoon();
}

void LongPollSession::abort()
{
    if (m_state == State::Closed)
        return;
    end(m_closeCode == 0 ? LostCode : m_closeCode);
}

void LongPollSession::end(int code)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_closeCode = code;
    m_hold->stop();
    m_expiry->stop();
    if (QTcpSocket *socket = m_held) {
        m_held = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    emit disconnected();
}

} // namespace Parlor
