#include "connectionhealth.h"

#include "client/eventlog.h"

#include <algorithm>

namespace Parlor {

ConnectionHealth::ConnectionHealth(QObject *parent)
    : QObject(parent)
{
    // A burst of events updates the numbers at once but the UI only once per pass.
    m_changedTimer.setSingleShot(true);
    m_changedTimer.setInterval(0);
    connect(&m_changedTimer, &QTimer::timeout, this, &ConnectionHealth::changed);
}

void ConnectionHealth::setLog(EventLog *log)
{
    if (m_log == log)
        return;
    if (m_log)
        m_log->disconnect(this);
    m_log = log;
    reset();
    if (log)
        log->follow(this, &ConnectionHealth::addEvent, &ConnectionHealth::reset);
}

void ConnectionHealth::reset()
{
    m_messagesIn = m_messagesOut = m_bytesIn = m_bytesOut = 0;
    m_pings = m_pongs = m_errors = m_reconnects = 0;
    m_reconnectPending = false;
    m_rttLast = m_rttMin = m_rttMax = -1;
    m_rttSum = 0;
    m_rtts.clear();
    m_lastFrameWallMs = m_lastFrameMonotonicMs = m_lastReceivedWallMs = -1;
    scheduleChanged();
}

void ConnectionHealth::setHistorySize(int size)
{
    m_historySize = std::max(size, 1);
    while (int(m_rtts.size()) > m_historySize)
        m_rtts.pop_front();
    scheduleChanged();
}

void ConnectionHealth::addEvent(const ConnectionEvent &event)
{
    using Kind = ConnectionEvent::Kind;
    const QJsonObject &f = event.fields;
    bool frame = false;
    bool received = false;
    switch (event.kind) {
    case Kind::MessageIn:
        ++m_messagesIn;
        m_bytesIn += std::max<qint64>(0, f.value(EventField::size).toInteger());
        frame = received = true;
        break;
    case Kind::MessageOut:
        ++m_messagesOut;
        m_bytesOut += std::max<qint64>(0, f.value(EventField::size).toInteger());
        frame = true;
        break;
    case Kind::Ping:
        ++m_pings;
        frame = true;
        break;
    case Kind::Pong: {
        const qint64 rtt = f.value(EventField::rttMs).toInteger(-1);
        ++m_pongs;
        frame = received = true;
        if (rtt < 0)
            break;
        m_rttLast = rtt;
        m_rttMin = m_rttMin < 0 ? rtt : std::min(m_rttMin, rtt);
        m_rttMax = std::max(m_rttMax, rtt);
        m_rttSum += rtt;
        m_rtts.push_back(rtt);
        if (int(m_rtts.size()) > m_historySize)
            m_rtts.pop_front();
        break;
    }
    case Kind::Error:
        ++m_errors;
        break;
    case Kind::Reconnect:
        m_reconnectPending = !f.value(EventField::cancelled).toBool();
        break;
    case Kind::State: {
        const QString to = f.value(EventField::to).toString();
        if (to == QLatin1String("Connecting")) {
            if (m_reconnectPending)
                ++m_reconnects;
            m_reconnectPending = false;
        }
        break;
    }
    case Kind::Close:
        frame = true;
        received = f.value(EventField::direction).toString() == EventValue::in;
        break;
    case Kind::Handshake:
        break;
    }
    if (frame) {
        m_lastFrameWallMs = event.wallMs;
        m_lastFrameMonotonicMs = event.monotonicMs;
    }
    if (received)
        m_lastReceivedWallMs = event.wallMs;
    scheduleChanged();
}

void ConnectionHealth::scheduleChanged()
{
    if (!m_changedTimer.isActive())
        m_changedTimer.start();
}

QList<qint64> ConnectionHealth::recentRtts() const
{
    return QList<qint64>(m_rtts.begin(), m_rtts.end());
}

QDateTime ConnectionHealth::lastFrameAt() const
{
    return m_lastFrameWallMs < 0 ? QDateTime()
                                 : QDateTime::fromMSecsSinceEpoch(m_lastFrameWallMs, Qt::UTC);
}

QDateTime ConnectionHealth::lastReceivedAt() const
{
    return m_lastReceivedWallMs < 0 ? QDateTime()
                                    : QDateTime::fromMSecsSinceEpoch(m_lastReceivedWallMs, Qt::UTC);
}

qint64 ConnectionHealth::msSinceLastFrame(qint64 nowMsSinceEpoch) const
{
    if (m_lastFrameWallMs < 0)
        return -1;
    if (nowMsSinceEpoch < 0)
        nowMsSinceEpoch = QDateTime::currentMSecsSinceEpoch();
    return std::max<qint64>(0, nowMsSinceEpoch - m_lastFrameWallMs);
}

} // namespace Parlor
