#include "roomhost.h"

#include "lanaddresses.h"
#include "roomserver.h"
#include "sqliteroomlog.h"

#include <utility>

namespace Parlor {

RoomHost::RoomHost(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("parlor-room"));
}

RoomHost::~RoomHost()
{
    // Whoever listens may be half destroyed too (a window's members go before its children).
    blockSignals(true);
    stopAndWait();
}

void RoomHost::setStatus(Status status)
{
    m_status = status;
}

void RoomHost::start(const RoomConfig &config, const QHostAddress &bind, quint16 port)
{
    if (m_status != Status::Stopped)
        return;
    m_config = config;
    m_bind = bind;
    setStatus(Status::Starting);
    if (!m_thread.isRunning())
        m_thread.start();
    m_server = new RoomServer(config);
    m_server->moveToThread(&m_thread);
    connect(m_server, &RoomServer::peerCountChanged, this, [this](int count) {
        m_peerCount = count;
        m_announcer.setPeople(count);
        emit peerCountChanged(count);
    });
    connect(m_server, &RoomServer::peersChanged, this, &RoomHost::peersChanged);
    connect(m_server, &RoomServer::stopped, this, [this] {
        m_announcer.stop();
        m_server->deleteLater();
        m_server = nullptr;
        m_peerCount = 0;
        setStatus(Status::Stopped);
        emit peersChanged({});
        emit stopped();
    });
    RoomServer *server = m_server;
    const int reportMs = m_reportIntervalMs;
    QMetaObject::invokeMethod(server, [this, server, bind, port, reportMs] {
        // Runs in the room thread.
        server->setPeerReportInterval(reportMs);
        const bool ok = server->listen(bind, port);
        const quint16 actual = server->port();
        const QString error = server->errorString();
        const QString fingerprint = server->tlsFingerprint();
        // The server opens its log, then its certificate, then the port: what is still closed is
        // what failed.
        const auto *disk = server->findChild<SqliteRoomLog *>(QString(), Qt::FindDirectChildrenOnly);
        const Failure failure = ok                                            ? Failure::None
                                : disk && !disk->isOpen()                     ? Failure::Log
                                : server->config().tls && !server->isSecure() ? Failure::Tls
                                                                              : Failure::Listen;
        QMetaObject::invokeMethod(this, [this, ok, actual, error, failure, fingerprint] {
            m_failure = failure;
            if (ok) {
                m_port = actual;
                m_tlsFingerprint = fingerprint;
                setStatus(Status::Running);
                // Nobody else could join a room bound to loopback: it is not announced.
                if (m_config.announce && !m_bind.isLoopback()) {
                    Discovery::RoomRecord record = RoomAnnouncer::recordFor(m_config, actual,
                                                                            fingerprint);
                    record.people = m_peerCount;
                    RoomAnnouncer::Options options;
                    options.bindAddress = m_bind;
                    m_announcer.setOptions(options);
                    m_announcer.start(record);
                }
                emit started(actual);
            } else {
                m_server->deleteLater();
                m_server = nullptr;
                setStatus(Status::Stopped);
                emit failed(error);
            }
        });
    });
}

void RoomHost::stop()
{
    if (m_status != Status::Running && m_status != Status::Starting)
        return;
    setStatus(Status::Stopping);
    // The goodbye goes first, so the room leaves the lists nearby while its peers are closed.
    m_announcer.stop();
    if (m_server)
        QMetaObject::invokeMethod(m_server, &RoomServer::shutdown);
}

void RoomHost::setPeerReportInterval(int ms)
{
    m_reportIntervalMs = ms;
    if (RoomServer *server = m_server)
        QMetaObject::invokeMethod(server, [server, ms] { server->setPeerReportInterval(ms); });
}

void RoomHost::kick(int peerId, int code, const QString &reason)
{
    if (RoomServer *server = m_server)
        QMetaObject::invokeMethod(server, [=] { server->kick(peerId, code, reason); });
}

void RoomHost::ping(int peerId)
{
    if (RoomServer *server = m_server)
        QMetaObject::invokeMethod(server, [=] { server->ping(peerId); });
}

void RoomHost::stopAndWait(int timeoutMs)
{
    m_announcer.stop();
    if (RoomServer *server = std::exchange(m_server, nullptr)) {
        server->disconnect(this);
        QThread *thread = &m_thread;
        // In the room thread: close every peer with 1001, then end the thread. Deferred deletes
        // still run after the thread's loop has stopped, so the server is deleted in its thread.
        QMetaObject::invokeMethod(server, [server, thread] {
            QObject::connect(server, &RoomServer::stopped, server, [server, thread] {
                server->deleteLater();
                thread->quit();
            });
            server->shutdown();
        });
        // RoomServer drops peers that do not answer the close within its grace period, so this
        // wait ends; if it does not, the thread is ended anyway (at exit, a leak beats a hang).
        if (!m_thread.wait(timeoutMs))
            m_thread.quit();
    } else {
        m_thread.quit();
    }
    m_thread.wait();
    m_peerCount = 0;
    setStatus(Status::Stopped);
    emit peersChanged({});
}

QList<QUrl> RoomHost::joinUrls() const
{
    return LanAddresses::joinUrls(m_bind, m_port, m_config.tls);
}

QUrl RoomHost::localUrl() const
{
    const bool loopbackOnly = m_bind.isLoopback();
    return LanAddresses::urlFor(loopbackOnly ? m_bind : QHostAddress(QHostAddress::LocalHost),
                                m_port, m_config.tls);
}

} // namespace Parlor
