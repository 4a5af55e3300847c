#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

/// LAN discovery on the wire (docs/DISCOVERY.md): the DNS-SD records a room is announced with
/// over multicast DNS (RFC 6762, RFC 6763), and the small UDP beacon sent where multicast is
/// filtered. Socket-free: the announcer (server) and the browser (client) share it, and the
/// parsers take whatever a hostile network sends.
namespace Parlor::Discovery {

inline constexpr quint16 MdnsPort = 5353;
inline constexpr char MdnsGroupIPv4[] = "224.0.0.251";
inline constexpr quint16 BeaconPort = 5871;
/// The DNS-SD service type a room registers, as it appears in the PTR record's name.
inline constexpr char ServiceName[] = "_parlor._tcp.local";
/// A beacon datagram is never larger; larger ones are ignored unread.
inline constexpr int MaxBeaconBytes = 512;
inline constexpr char BeaconMagic[] = "PARLOR-BEACON";
inline constexpr int BeaconVersion = 1;
/// RFC 6762 §10: two minutes for records naming a service; a room that stops says goodbye.
inline constexpr quint32 DefaultTtl = 120;

/// One room as announced: what the TXT record and the beacon carry. Where the room is comes from
/// the datagram's source address, never from a field (a record is "here is an address" at most).
struct RoomRecord
{
    /// The DNS-SD instance label: unique per running room on the LAN, stable while it runs. The
    /// browser keys rooms by it, so the mDNS and beacon sightings of one room are one entry.
    QString instance;
    QString roomName;
    QString hostName; ///< SRV target, e.g. "mina-laptop.local"
    quint16 port = 0;
    QString protocol = QStringLiteral("parlor.v1");
    bool password = false;
    bool tls = false;
    QString fingerprint; ///< SHA-256 of the certificate, hex, when tls
    QString path = QStringLiteral("/");
    int people = -1; ///< -1: not announced
    /// Seconds the record may be believed; 0 is a goodbye (the room stopped).
    quint32 ttl = DefaultTtl;
    /// IPv4 (4 bytes) and IPv6 (16 bytes) addresses, network order: the A/AAAA records.
    QList<QByteArray> addresses;

    bool isGoodbye() const { return ttl == 0; }
    bool operator==(const RoomRecord &other) const;
};

/// A multicast DNS query for the room service's PTR record.
QByteArray encodeQuery();

/// A multicast DNS response announcing \a room: PTR, SRV, TXT and one A/AAAA per address, all
/// with the room's TTL (0 makes it a goodbye).
QByteArray encodeAnnouncement(const RoomRecord &room);

/// True if \a packet is a well-formed DNS query (not a response) that asks for the room service
/// (PTR _parlor._tcp.local, or ANY), so the announcer should answer.
bool asksForRooms(const QByteArray &packet);

/// The rooms a DNS response announces (goodbyes included, with ttl 0). Anything malformed —
/// truncated, a compression loop or forward pointer, an over-long name, a label that is not
/// UTF-8, a record running past the packet — yields nothing: a packet is used whole or not at all.
/// Records of other services are ignored.
QList<RoomRecord> parseAnnouncement(const QByteArray &packet);

/// The beacon: "PARLOR-BEACON 1\n" and key=value lines (values percent-encoded), at most
/// MaxBeaconBytes; a room name too long for that is shortened.
QByteArray encodeBeacon(const RoomRecord &room);

/// The room a beacon describes, or nothing for anything else: wrong magic or version, too large,
/// no instance or port, a port out of range, a value that is not UTF-8.
std::optional<RoomRecord> parseBeacon(const QByteArray &datagram);

/// \a text cut to at most \a maxBytes of UTF-8 without splitting a character.
QByteArray utf8Prefix(const QString &text, int maxBytes);

} // namespace Parlor::Discovery
