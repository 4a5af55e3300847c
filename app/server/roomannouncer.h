#pragma once

#include "protocol/discoveryrecord.h"
#include "roomconfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QObject>
#include <QTimer>
#include <QUdpSocket>

namespace Parlor {

/// Tells the LAN that a room is open (docs/DISCOVERY.md): DNS-SD over multicast DNS on every
/// usable IPv4 interface — announced at start, answered when asked, a goodbye at the end — and a
/// UDP beacon to each interface's broadcast address for networks that filter multicast. Binds
/// 5353 shared, so it lives beside avahi or any other responder.
class RoomAnnouncer : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        quint16 mdnsPort = Discovery::MdnsPort;
        quint16 beaconPort = Discovery::BeaconPort;
        bool multicast = true;
        bool beacon = true;
        /// Beacons go out this often; never more than once a second per interface.
        int beaconIntervalMs = 2000;
        /// Announce only on the interface that has this address; Any: on every usable one.
        QHostAddress bindAddress = QHostAddress::Any;
        /// Where beacons go instead of the broadcast addresses (tests on loopback).
        QList<QHostAddress> beaconTargets;
    };

    explicit RoomAnnouncer(QObject *parent = nullptr);
    /// Says goodbye if still announcing.
    ~RoomAnnouncer() override;

    /// The record for a room with \a config listening on \a port, on this computer; a TLS room
    /// gives its certificate's SHA-256 \a tlsFingerprint, which joiners compare with the one
    /// their connection shows.
    static Discovery::RoomRecord recordFor(const RoomConfig &config, quint16 port,
                                           const QString &tlsFingerprint = QString());

    void setOptions(const Options &options) { m_options = options; }
    /// Starts announcing \a room. False if neither multicast DNS nor beacons could be set up.
    bool start(const Discovery::RoomRecord &room);
    /// Sends the goodbyes (TTL 0) at once and stops. Safe to call twice.
    void stop();
    bool isRunning() const { return m_running; }
    /// How many people are in the room. A change is announced (records and beacon) within
    /// about a second; a storm of joins makes one update, not one per join.
    void setPeople(int people);
    Discovery::RoomRecord record() const { return m_room; }

    /// Interfaces multicast DNS runs on now (for the log and for tests).
    QStringList multicastInterfaces() const;

signals:
    /// A query for the service was answered on the interface with \a interfaceIndex.
    void queryAnswered(int interfaceIndex);

private:
    struct Interface
    {
        QNetworkInterface iface;
        QHostAddress address;
        QHostAddress broadcast;
    };
    QList<Interface> interfaces(bool forMulticast) const;
    void onMdnsReadyRead();
    /// Joins the mDNS group on usable interfaces not joined yet (and forgets vanished ones);
    /// with \a announceThere, announces on each new one at once.
    void joinNewInterfaces(bool announceThere);
    void announce(quint32 ttl);
    void announceOn(const Interface &interface, quint32 ttl);
    void sendBeacons(quint32 ttl);
    quint32 beaconTtl() const;

    Options m_options;
    Discovery::RoomRecord m_room;
    bool m_running = false;
    QUdpSocket m_mdns;
    QUdpSocket m_beacon;
    QTimer m_announceTimer;
    QTimer m_beaconTimer;
    QTimer m_updateTimer;
    QTimer m_rescanTimer;
    bool m_mdnsBound = false;
    int m_announcements = 0;
    QHash<int, QElapsedTimer> m_lastMulticast; ///< per interface index
    QList<int> m_joined;                       ///< interface indexes whose group we joined
};

} // namespace Parlor
