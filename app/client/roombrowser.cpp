#include "roombrowser.h"

#include "core/logging.h"

#include <algorithm>

#include <QNetworkDatagram>
#include <QVariant>

namespace Parlor {

namespace {

// RFC 6762 §5.2: continuous querying, one second and then doubling, capped at an hour.
constexpr int FirstQueryIntervalMs = 1000;
constexpr int MaxQueryIntervalMs = 60 * 60 * 1000;
constexpr int ExpiryCheckMs = 500;

} // namespace

QUrl DiscoveredRoom::url() const
{
    QUrl url;
    url.setScheme(tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    QHostAddress host = address;
    host.setScopeId({});
    url.setHost(host.toString());
    url.setPort(port);
    return url;
}

QStringList DiscoveredRoom::sourceNames() const
{
    QStringList names;
    if (sources & Mdns)
        names.append(QStringLiteral("mdns"));
    if (sources & Beacon)
        names.append(QStringLiteral("beacon"));
    return names;
}

RoomBrowser::RoomBrowser(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<DiscoveredRoom>();
    m_queryTimer.setSingleShot(true);
    connect(&m_queryTimer, &QTimer::timeout, this, &RoomBrowser::sendQuery);
    connect(&m_expiryTimer, &QTimer::timeout, this, &RoomBrowser::expire);
    connect(&m_mdns, &QUdpSocket::readyRead, this, &RoomBrowser::onMdnsReadyRead);
    connect(&m_beacon, &QUdpSocket::readyRead, this, &RoomBrowser::onBeaconReadyRead);
}

bool RoomBrowser::start()
{
    stop();
    m_error.clear();
    QStringList problems;
    bool any = false;
    if (m_options.multicast) {
        // Shared with avahi-daemon and with a room announced from this computer.
        if (m_mdns.bind(QHostAddress::AnyIPv4, m_options.mdnsPort,
                        QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
            m_mdns.setSocketOption(QAbstractSocket::MulticastTtlOption, QVariant(255));
            m_mdns.setSocketOption(QAbstractSocket::MulticastLoopbackOption, QVariant(1));
            m_mdnsBound = true;
            joinNewInterfaces(false);
            // Interfaces that come up later are joined when expire() rescans.
            any = true;
        } else {
            problems.append(tr("cannot listen on port %1: %2")
                                    .arg(m_options.mdnsPort)
                                    .arg(m_mdns.errorString()));
        }
    }
    if (m_options.beacon) {
        if (m_beacon.bind(QHostAddress::AnyIPv4, m_options.beaconPort,
                          QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
            any = true;
        } else {
            problems.append(tr("cannot listen on port %1: %2")
                                    .arg(m_options.beaconPort)
                                    .arg(m_beacon.errorString()));
        }
    }
    m_error = problems.join(QStringLiteral("; "));
    if (!any)
        return false;
    m_queries = 0;
    m_ticks = 0;
    if (m_mdnsBound)
        sendQuery();
    m_expiryTimer.start(ExpiryCheckMs);
    return true;
}

void RoomBrowser::stop()
{
    m_queryTimer.stop();
    m_expiryTimer.stop();
    m_mdns.close();
    m_mdnsBound = false;
    m_beacon.close();
    m_joined.clear();
}

void RoomBrowser::joinNewInterfaces(bool queryThere)
{
    if (!m_mdnsBound)
        return;
    const QHostAddress group(QString::fromLatin1(Discovery::MdnsGroupIPv4));
    const QList<QNetworkInterface> now = multicastInterfaces();
    m_joined.erase(std::remove_if(m_joined.begin(), m_joined.end(),
                                  [&now](int index) {
                                      return std::none_of(now.begin(), now.end(),
                                                          [index](const QNetworkInterface &i) {
                                                              return i.index() == index;
                                                          });
                                  }),
                   m_joined.end());
    for (const QNetworkInterface &iface : now) {
        if (m_joined.contains(iface.index()))
            continue;
        // "Already a member", after an interface came back, is harmless.
        if (!m_mdns.joinMulticastGroup(group, iface))
            qCDebug(lcClient) << "discovery: cannot join" << group << "on" << iface.name()
                              << m_mdns.errorString();
        m_joined.append(iface.index());
        if (queryThere) {
            m_mdns.setMulticastInterface(iface);
            m_mdns.writeDatagram(Discovery::encodeQuery(), group, m_options.mdnsPort);
        }
    }
}

QList<QNetworkInterface> RoomBrowser::multicastInterfaces() const
{
    QList<QNetworkInterface> result;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        const auto flags = iface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack)
            || !flags.testFlag(QNetworkInterface::CanMulticast)) {
            continue;
        }
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol) {
                result.append(iface);
                break;
            }
        }
    }
    return result;
}

void RoomBrowser::sendQuery()
{
    const QByteArray query = Discovery::encodeQuery();
    const QHostAddress group(QString::fromLatin1(Discovery::MdnsGroupIPv4));
    for (const QNetworkInterface &iface : multicastInterfaces()) {
        if (!m_joined.contains(iface.index()))
            continue;
        m_mdns.setMulticastInterface(iface);
        m_mdns.writeDatagram(query, group, m_options.mdnsPort);
    }
    const int interval = m_queries >= 20
                                 ? MaxQueryIntervalMs
                                 : qMin(MaxQueryIntervalMs, FirstQueryIntervalMs << m_queries);
    ++m_queries;
    m_queryTimer.start(interval);
}

void RoomBrowser::onMdnsReadyRead()
{
    while (m_mdns.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_mdns.receiveDatagram(9000);
        // Announcements from this computer come back through the loop; they are rooms too.
        for (const Discovery::RoomRecord &record : Discovery::parseAnnouncement(datagram.data()))
            seen(record, datagram.senderAddress(), DiscoveredRoom::Mdns);
    }
}

void RoomBrowser::onBeaconReadyRead()
{
    while (m_beacon.hasPendingDatagrams()) {
        // Read one byte more than a beacon may have, so a larger datagram shows as larger.
        const QNetworkDatagram datagram = m_beacon.receiveDatagram(Discovery::MaxBeaconBytes + 1);
        if (const auto record = Discovery::parseBeacon(datagram.data()))
            seen(*record, datagram.senderAddress(), DiscoveredRoom::Beacon);
    }
}

void RoomBrowser::seen(const Discovery::RoomRecord &record, const QHostAddress &from,
                       DiscoveredRoom::Source source)
{
    QHostAddress address = from;
    // A datagram from an IPv4 sender on an IPv4 socket may show as ::ffff:a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        address = QHostAddress(v4);
    if (address.isNull() || address.isMulticast())
        return;

    qsizetype index = -1;
    for (qsizetype i = 0; i < m_rooms.size(); ++i) {
        if (m_rooms.at(i).key == record.instance) {
            index = i;
            break;
        }
    }
    if (record.isGoodbye()) {
        if (index >= 0)
            remove(index);
        return;
    }
    if (index < 0 && m_rooms.size() >= m_options.maxRooms)
        return;

    DiscoveredRoom room = index >= 0 ? m_rooms.at(index) : DiscoveredRoom{};
    const DiscoveredRoom before = room;
    room.key = record.instance;
    room.name = record.roomName;
    if (index < 0)
        room.address = address; // the first place it was seen; later sightings do not move it
    room.port = record.port;
    room.protocol = record.protocol;
    room.password = record.password;
    room.tls = record.tls;
    room.fingerprint = record.fingerprint;
    room.path = record.path;
    room.people = record.people;
    room.sources |= source;
    const QDeadlineTimer expiry(qint64(record.ttl) * 1000);
    if (source == DiscoveredRoom::Mdns)
        room.mdnsExpiry = expiry;
    else
        room.beaconExpiry = expiry;

    if (index < 0) {
        m_rooms.append(room);
        qCDebug(lcClient).noquote() << "discovery: found" << room.key << "at" << room.url();
        emit roomAdded(room);
        return;
    }
    m_rooms[index] = room;
    if (before.name != room.name || before.port != room.port || before.password != room.password
        || before.tls != room.tls || before.fingerprint != room.fingerprint
        || before.people != room.people || before.sources != room.sources
        || before.path != room.path || before.protocol != room.protocol) {
        emit roomChanged(room);
    }
}

void RoomBrowser::expire()
{
    // A new interface every two seconds at most is soon enough, and cheap to look for.
    if (++m_ticks % 4 == 0)
        joinNewInterfaces(true);
    for (qsizetype i = m_rooms.size() - 1; i >= 0; --i) {
        DiscoveredRoom &room = m_rooms[i];
        // The beacon is a heartbeat (every two seconds, believed for three): a room whose
        // beacons stop has gone — killed, or its computer left the network — even if its
        // multicast DNS records, which live two minutes, have not expired yet. If it is still
        // there, its next answer brings it back.
        if ((room.sources & DiscoveredRoom::Beacon) && room.beaconExpiry.hasExpired()) {
            remove(i);
            continue;
        }
        int alive = 0;
        if ((room.sources & DiscoveredRoom::Mdns) && !room.mdnsExpiry.hasExpired())
            alive |= DiscoveredRoom::Mdns;
        if ((room.sources & DiscoveredRoom::Beacon) && !room.beaconExpiry.hasExpired())
            alive |= DiscoveredRoom::Beacon;
        if (alive == 0) {
            remove(i);
        } else if (alive != room.sources) {
            room.sources = alive;
            emit roomChanged(room);
        }
    }
}

void RoomBrowser::remove(qsizetype index)
{
    const DiscoveredRoom room = m_rooms.takeAt(index);
    qCDebug(lcClient).noquote() << "discovery: gone" << room.key;
    emit roomRemoved(room);
}

} // namespace Parlor
