#include "roomannouncer.h"

#include "core/logging.h"

#include <algorithm>

#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QVariant>

namespace Parlor {

namespace {

// RFC 6762 §8.3: at least two unsolicited announcements, the interval doubling from one second.
constexpr int AnnouncementDelaysMs[] = {1000, 2000};
// RFC 6762 §6: a record is multicast on an interface at most once a second.
constexpr int MinMulticastIntervalMs = 1000;
constexpr int MinBeaconIntervalMs = 1000;
// Interfaces are looked at again this often, to announce on those that came up since.
constexpr int RescanIntervalMs = 2000;
// RFC 6762 §8.4: changed data is announced again; changes are gathered for this long first.
constexpr int UpdateDelayMs = 1000;

bool isWildcard(const QHostAddress &a)
{
    return a == QHostAddress::Any || a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6;
}

QByteArray ipv4Bytes(const QHostAddress &a)
{
    const quint32 v = a.toIPv4Address();
    QByteArray b(4, '\0');
    b[0] = char(v >> 24);
    b[1] = char(v >> 16);
    b[2] = char(v >> 8);
    b[3] = char(v);
    return b;
}

} // namespace

RoomAnnouncer::RoomAnnouncer(QObject *parent)
    : QObject(parent)
{
    m_announceTimer.setSingleShot(true);
    connect(&m_announceTimer, &QTimer::timeout, this, [this] {
        announce(m_room.ttl);
        if (m_announcements < int(std::size(AnnouncementDelaysMs)))
            m_announceTimer.start(AnnouncementDelaysMs[m_announcements++]);
    });
    connect(&m_beaconTimer, &QTimer::timeout, this, [this] { sendBeacons(beaconTtl()); });
    connect(&m_mdns, &QUdpSocket::readyRead, this, &RoomAnnouncer::onMdnsReadyRead);
    connect(&m_rescanTimer, &QTimer::timeout, this, [this] { joinNewInterfaces(true); });
    m_updateTimer.setSingleShot(true);
    connect(&m_updateTimer, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        announce(m_room.ttl);
        if (m_options.beacon)
            sendBeacons(beaconTtl());
    });
}

void RoomAnnouncer::setPeople(int people)
{
    if (people == m_room.people)
        return;
    m_room.people = people;
    if (m_running && !m_updateTimer.isActive())
        m_updateTimer.start(UpdateDelayMs);
}

RoomAnnouncer::~RoomAnnouncer()
{
    stop();
}

Discovery::RoomRecord RoomAnnouncer::recordFor(const RoomConfig &config, quint16 port,
                                               const QString &tlsFingerprint)
{
    Discovery::RoomRecord room;
    QString host = QSysInfo::machineHostName();
    if (host.isEmpty())
        host = QStringLiteral("parlor");
    // Unique on the LAN while the room runs: one host has one room per port. The name is cut so
    // the label stays within DNS's 63 bytes (utf8Prefix cuts at a character).
    const QString suffix = QStringLiteral(" @ %1:%2").arg(host.left(20)).arg(port);
    room.instance = QString::fromUtf8(Discovery::utf8Prefix(config.roomName,
                                                            63 - int(suffix.toUtf8().size())))
                    + suffix;
    room.roomName = config.roomName;
    room.hostName = host + QStringLiteral(".local");
    room.port = port;
    room.password = !config.password.isEmpty();
    room.tls = config.tls;
    room.fingerprint = tlsFingerprint;
    room.path = QStringLiteral("/");
    return room;
}

bool RoomAnnouncer::start(const Discovery::RoomRecord &room)
{
    stop();
    m_room = room;
    m_announcements = 0;
    m_lastMulticast.clear();
    m_joined.clear();

    bool any = false;
    if (m_options.multicast) {
        // Shared, so avahi-daemon (or another Parlor) on the same computer keeps working.
        if (m_mdns.bind(QHostAddress::AnyIPv4, m_options.mdnsPort,
                        QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
            // RFC 6762 §11: sent with IP TTL 255, so a receiver can tell it came from the link.
            m_mdns.setSocketOption(QAbstractSocket::MulticastTtlOption, QVariant(255));
            m_mdns.setSocketOption(QAbstractSocket::MulticastLoopbackOption, QVariant(1));
            m_mdnsBound = true;
            joinNewInterfaces(false);
            // Interfaces that come up later (Wi-Fi connecting, a cable plugged in, a service
            // started before the network) are joined when rescan() sees them.
            any = true;
        } else {
            qCWarning(lcServer) << "discovery: cannot bind mDNS port" << m_options.mdnsPort
                                << m_mdns.errorString();
        }
    }
    if (m_options.beacon) {
        m_beaconTimer.start(qMax(MinBeaconIntervalMs, m_options.beaconIntervalMs));
        any = true;
    }
    m_running = any;
    if (!any) {
        m_mdns.close();
        return false;
    }
    qCInfo(lcServer).noquote() << QStringLiteral("discovery: announcing %1 (mDNS on %2%3)")
                                          .arg(m_room.instance,
                                               m_joined.isEmpty()
                                                       ? QStringLiteral("no interface")
                                                       : multicastInterfaces().join(u','),
                                               m_options.beacon ? QStringLiteral("; beacons on")
                                                                : QString());
    m_announceTimer.start(0);
    m_rescanTimer.start(RescanIntervalMs);
    if (m_options.beacon)
        QTimer::singleShot(0, this, [this] {
            if (m_running)
                sendBeacons(beaconTtl());
        });
    return true;
}

void RoomAnnouncer::stop()
{
    if (!m_running)
        return;
    m_announceTimer.stop();
    m_beaconTimer.stop();
    m_updateTimer.stop();
    m_rescanTimer.stop();
    // Goodbyes go out at once: the process may be about to exit. The once-a-second rule does not
    // hold them back (RFC 6762 §10.1).
    m_lastMulticast.clear();
    if (!m_joined.isEmpty())
        announce(0);
    if (m_options.beacon)
        sendBeacons(0);
    m_running = false;
    m_mdns.close();
    m_mdnsBound = false;
    m_joined.clear();
    qCInfo(lcServer).noquote() << "discovery: goodbye sent for" << m_room.instance;
}

void RoomAnnouncer::joinNewInterfaces(bool announceThere)
{
    if (!m_mdnsBound)
        return;
    const QHostAddress group(QString::fromLatin1(Discovery::MdnsGroupIPv4));
    const QList<Interface> now = interfaces(true);
    // Gone (or no longer multicast): forgotten, so that coming back counts as new.
    m_joined.erase(std::remove_if(m_joined.begin(), m_joined.end(),
                                  [&now](int index) {
                                      return std::none_of(now.begin(), now.end(),
                                                          [index](const Interface &i) {
                                                              return i.iface.index() == index;
                                                          });
                                  }),
                   m_joined.end());
    for (const Interface &i : now) {
        if (m_joined.contains(i.iface.index()))
            continue;
        // Without the membership no query is heard there, but announcements still go out
        // (sending needs none); "already a member", after an interface came back, is harmless.
        if (!m_mdns.joinMulticastGroup(group, i.iface))
            qCDebug(lcServer) << "discovery: cannot join" << group << "on" << i.iface.name()
                              << m_mdns.errorString();
        m_joined.append(i.iface.index());
        if (announceThere) {
            qCInfo(lcServer).noquote() << "discovery: announcing on" << i.iface.name() << "too";
            announceOn(i, m_room.ttl);
        }
    }
}

QStringList RoomAnnouncer::multicastInterfaces() const
{
    QStringList names;
    for (int index : m_joined)
        names.append(QNetworkInterface::interfaceNameFromIndex(index));
    return names;
}

QList<RoomAnnouncer::Interface> RoomAnnouncer::interfaces(bool forMulticast) const
{
    QList<Interface> result;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        const auto flags = iface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack)) {
            continue;
        }
        // An interface without the multicast flag is one where multicast is switched off (or
        // cannot work, as on a point-to-point tunnel): the beacon covers it.
        if (forMulticast && !flags.testFlag(QNetworkInterface::CanMulticast))
            continue;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            const QHostAddress ip = entry.ip();
            if (ip.protocol() != QAbstractSocket::IPv4Protocol || ip.isLoopback())
                continue;
            if (!isWildcard(m_options.bindAddress) && ip != m_options.bindAddress)
                continue;
            if (!forMulticast && entry.broadcast().isNull())
                continue;
            result.append({iface, ip, entry.broadcast()});
            break; // one address per interface: the first IPv4 one
        }
    }
    return result;
}

void RoomAnnouncer::onMdnsReadyRead()
{
    while (m_mdns.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_mdns.receiveDatagram(9000);
        if (!m_running || !Discovery::asksForRooms(datagram.data()))
            continue;
        const int index = int(datagram.interfaceIndex());
        for (const Interface &i : interfaces(true)) {
            if (i.iface.index() != index || !m_joined.contains(index))
                continue;
            const auto last = m_lastMulticast.constFind(index);
            if (last != m_lastMulticast.constEnd() && !last->hasExpired(MinMulticastIntervalMs))
                continue; // answered a moment ago; the asker has it or asks again
            // RFC 6762 §6: a shared record's answer waits 20–120 ms, so that many responders
            // do not answer in the same instant.
            const int delay = 20 + int(QRandomGenerator::global()->bounded(100));
            const QNetworkInterface iface = i.iface;
            QTimer::singleShot(delay, this, [this, iface] {
                if (!m_running)
                    return;
                for (const Interface &now : interfaces(true)) {
                    if (now.iface.index() == iface.index()) {
                        announceOn(now, m_room.ttl);
                        emit queryAnswered(iface.index());
                    }
                }
            });
        }
    }
}

void RoomAnnouncer::announce(quint32 ttl)
{
    for (const Interface &i : interfaces(true)) {
        if (m_joined.contains(i.iface.index()))
            announceOn(i, ttl);
    }
}

void RoomAnnouncer::announceOn(const Interface &interface, quint32 ttl)
{
    QElapsedTimer &last = m_lastMulticast[interface.iface.index()];
    if (ttl != 0 && last.isValid() && !last.hasExpired(MinMulticastIntervalMs / 4))
        return; // RFC 6762 §6: never faster than 250 ms, whatever asks
    last.start();
    Discovery::RoomRecord room = m_room;
    room.ttl = ttl;
    room.addresses = {ipv4Bytes(interface.address)};
    m_mdns.setMulticastInterface(interface.iface);
    m_mdns.writeDatagram(Discovery::encodeAnnouncement(room),
                         QHostAddress(QString::fromLatin1(Discovery::MdnsGroupIPv4)),
                         m_options.mdnsPort);
}

void RoomAnnouncer::sendBeacons(quint32 ttl)
{
    Discovery::RoomRecord room = m_room;
    room.ttl = ttl;
    room.hostName.clear();
    const QByteArray datagram = Discovery::encodeBeacon(room);
    if (!m_options.beaconTargets.isEmpty()) {
        for (const QHostAddress &target : m_options.beaconTargets)
            m_beacon.writeDatagram(datagram, target, m_options.beaconPort);
        return;
    }
    for (const Interface &i : interfaces(false))
        m_beacon.writeDatagram(datagram, i.broadcast, m_options.beaconPort);
}

quint32 RoomAnnouncer::beaconTtl() const
{
    // Three missed beacons and the room is gone from the lists: long enough for a lost datagram
    // or two, short enough that a room that died without a goodbye leaves soon.
    const int intervalMs = qMax(MinBeaconIntervalMs, m_options.beaconIntervalMs);
    return quint32(qMax(3, (3 * intervalMs + 999) / 1000));
}

} // namespace Parlor
