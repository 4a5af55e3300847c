#include "discoveryrecord.h"

#include <QHash>
#include <QStringDecoder>

#include <cctype>

namespace Parlor::Discovery {

namespace {

constexpr quint16 TypeA = 1;
constexpr quint16 TypePtr = 12;
constexpr quint16 TypeTxt = 16;
constexpr quint16 TypeAaaa = 28;
constexpr quint16 TypeSrv = 33;
constexpr quint16 TypeAny = 255;
constexpr quint16 ClassIn = 1;
// RFC 6762 §10.2: records only this host answers for are marked "cache flush".
constexpr quint16 CacheFlush = 0x8000;
constexpr int MaxNameBytes = 255;
constexpr int MaxLabelBytes = 63;
// A response announcing a few rooms has a few dozen records; more is noise or an attack.
constexpr int MaxRecords = 256;
constexpr int MaxQuestions = 64;
constexpr int MaxTextBytes = 255; // one TXT string
constexpr int MaxPathBytes = 200;
constexpr int MaxProtocolBytes = 64;
constexpr int MaxFingerprintChars = 128;
constexpr int BeaconTtlMax = 3600;

using Labels = QList<QByteArray>;

Labels serviceLabels()
{
    return QByteArray(ServiceName).split('.');
}

bool sameName(const Labels &a, const Labels &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        // DNS compares names case-insensitively in ASCII only (RFC 4343); UTF-8 bytes as they are.
        if (a.at(i).compare(b.at(i), Qt::CaseInsensitive) != 0)
            return false;
    }
    return true;
}

QByteArray nameKey(const Labels &labels)
{
    QByteArray key;
    for (const QByteArray &l : labels) {
        key += l.toLower();
        key += '\0'; // a separator no label can forge: a label may contain '.'
    }
    return key;
}

std::optional<QString> strictUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    // Names and values end up on a terminal (parlor-cli) and in lists: no control characters.
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control) // C0, DEL and C1
            return std::nullopt;
    }
    return text;
}

void putU16(QByteArray &out, quint16 v)
{
    out += char(v >> 8);
    out += char(v & 0xff);
}

void putU32(QByteArray &out, quint32 v)
{
    putU16(out, quint16(v >> 16));
    putU16(out, quint16(v & 0xffff));
}

void putName(QByteArray &out, const Labels &labels)
{
    for (const QByteArray &l : labels) {
        out += char(l.size());
        out += l;
    }
    out += '\0';
}

Labels hostLabels(const QString &hostName)
{
    Labels labels;
    for (const QByteArray &l : hostName.toUtf8().split('.')) {
        if (!l.isEmpty())
            labels.append(l.left(MaxLabelBytes));
    }
    if (labels.isEmpty())
        labels = {QByteArrayLiteral("parlor"), QByteArrayLiteral("local")};
    return labels;
}

void putRecord(QByteArray &out, const Labels &name, quint16 type, quint16 cls, quint32 ttl,
               const QByteArray &rdata)
{
    putName(out, name);
    putU16(out, type);
    putU16(out, cls);
    putU32(out, ttl);
    putU16(out, quint16(rdata.size()));
    out += rdata;
}

QList<QByteArray> fields(const RoomRecord &room)
{
    QList<QByteArray> f{
            QByteArrayLiteral("txtvers=1"),
            "room=" + utf8Prefix(room.roomName, MaxTextBytes - 5),
            "proto=" + utf8Prefix(room.protocol, MaxProtocolBytes),
            QByteArray("pw=") + (room.password ? '1' : '0'),
            QByteArray("tls=") + (room.tls ? '1' : '0'),
            "path=" + utf8Prefix(room.path, MaxPathBytes),
    };
    if (room.tls && !room.fingerprint.isEmpty())
        f.append("fp=" + room.fingerprint.toLatin1().left(MaxFingerprintChars));
    if (room.people >= 0)
        f.append("people=" + QByteArray::number(room.people));
    return f;
}

// One key=value of a TXT record or a beacon into \a room. False if the value is unusable (the
// packet is then dropped); unknown keys are ignored, so later versions can add some.
bool applyField(RoomRecord &room, const QByteArray &key, const QByteArray &value)
{
    const QByteArray k = key.toLower();
    const std::optional<QString> text = strictUtf8(value);
    if (!text)
        return false;
    if (k == "room") {
        room.roomName = text->trimmed();
    } else if (k == "proto") {
        // As long as we write at most (found by fuzz_discovery_record: a longer one was read,
        // then written shorter).
        if (value.size() > MaxProtocolBytes)
            return false;
        room.protocol = *text;
    } else if (k == "pw") {
        room.password = value == "1";
    } else if (k == "tls") {
        room.tls = value == "1";
    } else if (k == "fp") {
        if (value.size() > MaxFingerprintChars)
            return false;
        for (char c : value) {
            if (!(std::isxdigit(uchar(c)) || c == ':'))
                return false;
        }
        room.fingerprint = *text;
    } else if (k == "path") {
        if (!text->startsWith(u'/') || value.size() > MaxPathBytes)
            return false;
        room.path = *text;
    } else if (k == "people") {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n < 0 || n > 1000000)
            return false;
        room.people = n;
    }
    return true;
}

// A fingerprint says which certificate to expect; without TLS there is none, and showing one
// would only mislead (found by fuzz_discovery_record: it did not survive a round trip).
void dropFingerprintWithoutTls(RoomRecord &room)
{
    if (!room.tls)
        room.fingerprint.clear();
}

class Reader
{
public:
    explicit Reader(const QByteArray &data)
        : m_data(data)
    {}

    bool u16(qsizetype &pos, quint16 *v) const
    {
        if (pos < 0 || pos + 2 > m_data.size())
            return false;
        *v = quint16((uchar(m_data[pos]) << 8) | uchar(m_data[pos + 1]));
        pos += 2;
        return true;
    }

    bool u32(qsizetype &pos, quint32 *v) const
    {
        quint16 hi = 0;
        quint16 lo = 0;
        if (!u16(pos, &hi) || !u16(pos, &lo))
            return false;
        *v = (quint32(hi) << 16) | lo;
        return true;
    }

    // A name at \a pos, following compression pointers (RFC 1035 §4.1.4). Each pointer must
    // point strictly before the label it replaces, so every jump goes backwards and a loop is
    // impossible; the name may not exceed 255 bytes. \a pos moves past the name's inline part.
    std::optional<Labels> name(qsizetype &pos) const
    {
        Labels labels;
        int bytes = 1;
        qsizetype at = pos;
        bool jumped = false;
        qsizetype limit = at; // a pointer must go below every label read so far
        for (;;) {
            if (at < 0 || at >= m_data.size())
                return std::nullopt;
            const uchar len = uchar(m_data[at]);
            if (len == 0) {
                if (!jumped)
                    pos = at + 1;
                return labels;
            }
            if ((len & 0xc0) == 0xc0) {
                if (at + 2 > m_data.size())
                    return std::nullopt;
                const qsizetype target = ((len & 0x3f) << 8) | uchar(m_data[at + 1]);
                if (target >= limit)
                    return std::nullopt;
                if (!jumped)
                    pos = at + 2;
                jumped = true;
                at = target;
                limit = target;
                continue;
            }
            if ((len & 0xc0) != 0 || len > MaxLabelBytes)
                return std::nullopt; // 0x40/0x80: extended label types, never valid here
            if (at + 1 + len > m_data.size())
                return std::nullopt;
            bytes += len + 1;
            if (bytes > MaxNameBytes)
                return std::nullopt;
            labels.append(m_data.mid(at + 1, len));
            at += 1 + len;
        }
    }

    const QByteArray &data() const { return m_data; }

private:
    const QByteArray &m_data;
};

struct Header
{
    quint16 id = 0;
    quint16 flags = 0;
    quint16 questions = 0;
    quint16 records = 0;
};

std::optional<Header> readHeader(const Reader &reader, qsizetype &pos)
{
    Header h;
    quint16 an = 0;
    quint16 ns = 0;
    quint16 ar = 0;
    if (!reader.u16(pos, &h.id) || !reader.u16(pos, &h.flags) || !reader.u16(pos, &h.questions)
        || !reader.u16(pos, &an) || !reader.u16(pos, &ns) || !reader.u16(pos, &ar)) {
        return std::nullopt;
    }
    // Opcode must be a standard query and rcode zero (RFC 6762 §18.3, §18.11).
    if ((h.flags & 0x7800) != 0 || (h.flags & 0x000f) != 0)
        return std::nullopt;
    if (h.questions > MaxQuestions || int(an) + ns + ar > MaxRecords)
        return std::nullopt;
    h.records = quint16(an + ns + ar);
    return h;
}

} // namespace

bool RoomRecord::operator==(const RoomRecord &o) const
{
    return instance == o.instance && roomName == o.roomName && hostName == o.hostName
           && port == o.port && protocol == o.protocol && password == o.password && tls == o.tls
           && fingerprint == o.fingerprint && path == o.path && people == o.people && ttl == o.ttl
           && addresses == o.addresses;
}

QByteArray utf8Prefix(const QString &text, int maxBytes)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.size() <= maxBytes)
        return bytes;
    qsizetype cut = maxBytes;
    // Back up over continuation bytes (10xxxxxx) to the start of the character that is cut.
    while (cut > 0 && (uchar(bytes[cut]) & 0xc0) == 0x80)
        --cut;
    bytes.truncate(cut);
    return bytes;
}

QByteArray encodeQuery()
{
    QByteArray out;
    putU16(out, 0); // id: 0 for multicast queries (RFC 6762 §18.1)
    putU16(out, 0);
    putU16(out, 1);
    putU16(out, 0);
    putU16(out, 0);
    putU16(out, 0);
    putName(out, serviceLabels());
    putU16(out, TypePtr);
    putU16(out, ClassIn);
    return out;
}

QByteArray encodeAnnouncement(const RoomRecord &room)
{
    const Labels service = serviceLabels();
    Labels instance{utf8Prefix(room.instance, MaxLabelBytes)};
    instance += service;
    const Labels host = hostLabels(room.hostName);

    QByteArray ptr;
    putName(ptr, instance);
    QByteArray srv;
    putU16(srv, 0); // priority
    putU16(srv, 0); // weight
    putU16(srv, room.port);
    putName(srv, host);
    QByteArray txt;
    for (const QByteArray &f : fields(room)) {
        txt += char(f.size());
        txt += f;
    }

    QByteArray out;
    putU16(out, 0);
    putU16(out, 0x8400); // response, authoritative
    putU16(out, 0);
    putU16(out, quint16(3 + room.addresses.size()));
    putU16(out, 0);
    putU16(out, 0);
    // The PTR is shared (many rooms may answer it), so it has no cache-flush bit.
    putRecord(out, service, TypePtr, ClassIn, room.ttl, ptr);
    putRecord(out, instance, TypeSrv, ClassIn | CacheFlush, room.ttl, srv);
    putRecord(out, instance, TypeTxt, ClassIn | CacheFlush, room.ttl, txt);
    for (const QByteArray &a : room.addresses) {
        if (a.size() == 4 || a.size() == 16)
            putRecord(out, host, a.size() == 4 ? TypeA : TypeAaaa, ClassIn | CacheFlush, room.ttl,
                      a);
    }
    return out;
}

bool asksForRooms(const QByteArray &packet)
{
    const Reader reader(packet);
    qsizetype pos = 0;
    const std::optional<Header> header = readHeader(reader, pos);
    if (!header || (header->flags & 0x8000) != 0)
        return false;
    const Labels service = serviceLabels();
    bool asks = false;
    for (int i = 0; i < header->questions; ++i) {
        const std::optional<Labels> name = reader.name(pos);
        quint16 type = 0;
        quint16 cls = 0;
        if (!name || !reader.u16(pos, &type) || !reader.u16(pos, &cls))
            return false;
        // The top bit of the class is "unicast response wanted" (RFC 6762 §5.4).
        if ((type == TypePtr || type == TypeAny) && (cls & 0x7fff) == ClassIn
            && sameName(*name, service)) {
            asks = true;
        }
    }
    return asks;
}

QList<RoomRecord> parseAnnouncement(const QByteArray &packet)
{
    const Reader reader(packet);
    qsizetype pos = 0;
    const std::optional<Header> header = readHeader(reader, pos);
    if (!header || (header->flags & 0x8000) == 0)
        return {};
    for (int i = 0; i < header->questions; ++i) {
        quint16 skip = 0;
        if (!reader.name(pos) || !reader.u16(pos, &skip) || !reader.u16(pos, &skip))
            return {};
    }

    struct Ptr
    {
        Labels instance;
        quint32 ttl;
    };
    struct Srv
    {
        quint16 port;
        Labels target;
    };
    QList<Ptr> ptrs;
    QHash<QByteArray, Srv> srvs;
    QHash<QByteArray, QList<QByteArray>> txts;
    QHash<QByteArray, QList<QByteArray>> addresses;
    const Labels service = serviceLabels();

    for (int i = 0; i < header->records; ++i) {
        const std::optional<Labels> owner = reader.name(pos);
        quint16 type = 0;
        quint16 cls = 0;
        quint32 ttl = 0;
        quint16 length = 0;
        if (!owner || !reader.u16(pos, &type) || !reader.u16(pos, &cls) || !reader.u32(pos, &ttl)
            || !reader.u16(pos, &length) || pos + length > packet.size()) {
            return {};
        }
        const qsizetype start = pos;
        const qsizetype end = pos + length;
        pos = end;
        if ((cls & 0x7fff) != ClassIn)
            continue;
        switch (type) {
        case TypePtr: {
            if (!sameName(*owner, service))
                break;
            qsizetype at = start;
            const std::optional<Labels> target = reader.name(at);
            if (!target || at > end)
                return {};
            // An instance of our service is exactly one label in front of the service name.
            if (target->size() != service.size() + 1 || !sameName(target->mid(1), service))
                return {};
            ptrs.append({*target, ttl});
            break;
        }
        case TypeSrv: {
            qsizetype at = start;
            quint16 skip = 0;
            quint16 port = 0;
            if (!reader.u16(at, &skip) || !reader.u16(at, &skip) || !reader.u16(at, &port))
                return {};
            const std::optional<Labels> target = reader.name(at);
            if (!target || at > end)
                return {};
            srvs.insert(nameKey(*owner), {port, *target});
            break;
        }
        case TypeTxt: {
            QList<QByteArray> strings;
            qsizetype at = start;
            while (at < end) {
                const int n = uchar(packet[at]);
                if (at + 1 + n > end)
                    return {};
                strings.append(packet.mid(at + 1, n));
                at += 1 + n;
            }
            txts.insert(nameKey(*owner), strings);
            break;
        }
        case TypeA:
        case TypeAaaa:
            if (length != (type == TypeA ? 4 : 16))
                return {};
            addresses[nameKey(*owner)].append(packet.mid(start, length));
            break;
        default:
            break;
        }
    }

    QList<RoomRecord> rooms;
    for (const Ptr &ptr : ptrs) {
        RoomRecord room;
        const std::optional<QString> instance = strictUtf8(ptr.instance.constFirst());
        if (!instance || instance->isEmpty())
            return {};
        room.instance = *instance;
        room.ttl = ptr.ttl;
        room.roomName = room.instance;
        const QByteArray key = nameKey(ptr.instance);
        const auto srv = srvs.constFind(key);
        if (srv == srvs.constEnd() || srv->port == 0) {
            // A goodbye needs only the PTR; a live room is useless without its port.
            if (room.isGoodbye()) {
                rooms.append(room);
                continue;
            }
            return {};
        }
        room.port = srv->port;
        // RFC 2782: a target of "." (no labels) says the service is not there. Found by
        // fuzz_discovery_record, where it came back from a round trip as "parlor.local".
        if (srv->target.isEmpty() && !room.isGoodbye())
            return {};
        QStringList host;
        for (const QByteArray &l : srv->target) {
            // A dot inside a label would read back as two labels (found by
            // fuzz_discovery_record).
            const std::optional<QString> label = strictUtf8(l);
            if (!label || label->contains(u'.'))
                return {};
            host.append(*label);
        }
        room.hostName = host.join(u'.');
        room.addresses = addresses.value(nameKey(srv->target));
        QHash<QByteArray, bool> seen;
        for (const QByteArray &s : txts.value(key)) {
            const qsizetype eq = s.indexOf('=');
            const QByteArray k = (eq < 0 ? s : s.left(eq)).toLower();
            if (k.isEmpty() || seen.contains(k))
                continue; // RFC 6763 §6.4: only the first of a key counts
            seen.insert(k, true);
            if (eq >= 0 && !applyField(room, k, s.mid(eq + 1)))
                return {};
        }
        if (room.roomName.isEmpty())
            return {};
        dropFingerprintWithoutTls(room);
        rooms.append(room);
    }
    return rooms;
}

QByteArray encodeBeacon(const RoomRecord &room)
{
    const auto line = [](const char *key, const QByteArray &value) -> QByteArray {
        return QByteArray(key) + '=' + value.toPercentEncoding() + '\n';
    };
    QByteArray head = QByteArray(BeaconMagic) + ' ' + QByteArray::number(BeaconVersion) + '\n';
    head += line("id", utf8Prefix(room.instance, MaxLabelBytes));
    head += line("port", QByteArray::number(room.port));
    head += line("ttl", QByteArray::number(qMin<quint32>(room.ttl, BeaconTtlMax)));
    for (const QByteArray &f : fields(room)) {
        const qsizetype eq = f.indexOf('=');
        if (!f.startsWith("room=") && !f.startsWith("txtvers="))
            head += line(f.left(eq).constData(), f.mid(eq + 1));
    }
    // The room name goes last and gets what room is left: percent-encoding may triple it.
    const int budget = MaxBeaconBytes - int(head.size()) - 6;
    QByteArray name = utf8Prefix(room.roomName, budget);
    while (!name.isEmpty() && name.toPercentEncoding().size() > budget)
        name = utf8Prefix(QString::fromUtf8(name), int(name.size()) - 1);
    return head + line("room", name);
}

std::optional<RoomRecord> parseBeacon(const QByteArray &datagram)
{
    if (datagram.size() > MaxBeaconBytes)
        return std::nullopt;
    const QList<QByteArray> lines = datagram.split('\n');
    const QByteArray magic = QByteArray(BeaconMagic) + ' ' + QByteArray::number(BeaconVersion);
    if (lines.isEmpty() || lines.constFirst() != magic)
        return std::nullopt;
    RoomRecord room;
    room.ttl = 0;
    bool haveTtl = false;
    QHash<QByteArray, bool> seen;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &l = lines.at(i);
        if (l.isEmpty())
            continue;
        const qsizetype eq = l.indexOf('=');
        if (eq <= 0)
            return std::nullopt;
        const QByteArray key = l.left(eq).toLower();
        if (seen.contains(key))
            return std::nullopt; // a beacon is written by us: a repeated key is not ours
        seen.insert(key, true);
        const QByteArray value = QByteArray::fromPercentEncoding(l.mid(eq + 1));
        if (key == "id") {
            const std::optional<QString> id = strictUtf8(value);
            if (!id || id->isEmpty() || value.size() > MaxLabelBytes)
                return std::nullopt;
            room.instance = *id;
        } else if (key == "port") {
            bool ok = false;
            const uint port = value.toUInt(&ok);
            if (!ok || port == 0 || port > 65535)
                return std::nullopt;
            room.port = quint16(port);
        } else if (key == "ttl") {
            bool ok = false;
            const uint ttl = value.toUInt(&ok);
            if (!ok || ttl > BeaconTtlMax)
                return std::nullopt;
            room.ttl = ttl;
            haveTtl = true;
        } else if (!applyField(room, key, value)) {
            return std::nullopt;
        }
    }
    if (room.instance.isEmpty() || room.port == 0 || !haveTtl)
        return std::nullopt;
    if (room.roomName.isEmpty() && !room.isGoodbye())
        return std::nullopt;
    dropFingerprintWithoutTls(room);
    // Values sent unencoded can take three times their bytes once written as Parlor writes them
    // (percent-encoded): a beacon whose other fields would leave no room in one datagram for a
    // name's first character (up to 12 bytes encoded) is not one a Parlor room sends, and is
    // ignored like any other malformed beacon.
    RoomRecord bare = room;
    bare.roomName.clear();
    if (encodeBeacon(bare).size() > MaxBeaconBytes - 12)
        return std::nullopt;
    return room;
}

} // namespace Parlor::Discovery
