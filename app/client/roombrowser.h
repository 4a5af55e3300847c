#pragma once

#include "protocol/discoveryrecord.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QList>
#include <QNetworkInterface>
#include <QObject>
#include <QTimer>
#include <QUdpSocket>
#include <QUrl>

namespace Parlor {

/// A room seen on the LAN. Nothing in it is trusted beyond "something at this address said so":
/// joining still goes through the usual handshake, password and certificate pinning.
struct DiscoveredRoom
{
    enum Source { Mdns = 1, Beacon = 2 };

    QString key; ///< the DNS-SD instance name: one room, however it was seen
    QString name;
    QHostAddress address; ///< where the announcement came from
    quint16 port = 0;
    QString protocol;
    bool password = false;
    bool tls = false;
    QString fingerprint;
    QString path;
    int people = -1;
    int sources = 0; ///< Source flags: how it has been seen
    QDeadlineTimer mdnsExpiry{QDeadlineTimer::Forever};
    QDeadlineTimer beaconExpiry{QDeadlineTimer::Forever};

    /// ws://address:port (wss:// with TLS)
    QUrl url() const;
    QStringList sourceNames() const;
};

/// Finds rooms on the LAN (docs/DISCOVERY.md): asks with multicast DNS, listens to the answers,
/// to other browsers' answers and to beacons, and keeps a live list. A room leaves it on a
/// goodbye or when every way it was seen has expired.
class RoomBrowser : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        quint16 mdnsPort = Discovery::MdnsPort;
        quint16 beaconPort = Discovery::BeaconPort;
        bool multicast = true;
        bool beacon = true;
        /// The list never grows beyond this, whatever a network sends.
        int maxRooms = 256;
    };

    explicit RoomBrowser(QObject *parent = nullptr);

    void setOptions(const Options &options) { m_options = options; }
    /// Starts listening and asking. False if neither way could be set up (errorString()).
    bool start();
    void stop();
    QString errorString() const { return m_error; }

    QList<DiscoveredRoom> rooms() const { return m_rooms; }

signals:
    void roomAdded(const Parlor::DiscoveredRoom &room);
    void roomChanged(const Parlor::DiscoveredRoom &room);
    void roomRemoved(const Parlor::DiscoveredRoom &room);

private:
    void onMdnsReadyRead();
    void onBeaconReadyRead();
    void sendQuery();
    /// Joins the mDNS group on usable interfaces not joined yet (forgetting vanished ones);
    /// with \a queryThere, asks on each new one at once.
    void joinNewInterfaces(bool queryThere);
    void expire();
    void seen(const Discovery::RoomRecord &record, const QHostAddress &from,
              DiscoveredRoom::Source source);
    void remove(qsizetype index);
    QList<QNetworkInterface> multicastInterfaces() const;

    Options m_options;
    QUdpSocket m_mdns;
    QUdpSocket m_beacon;
    QTimer m_queryTimer;
    QTimer m_expiryTimer;
    int m_queries = 0;
    QList<int> m_joined;
    bool m_mdnsBound = false;
    int m_ticks = 0;
    QList<DiscoveredRoom> m_rooms;
    QString m_error;
};

} // namespace Parlor

Q_DECLARE_METATYPE(Parlor::DiscoveredRoom)
