#include "protocol/discoveryrecord.h"

#include <QTest>

using namespace Parlor;
using namespace Parlor::Discovery;

Q_DECLARE_METATYPE(Parlor::Discovery::RoomRecord)

namespace {

RoomRecord sampleRoom()
{
    RoomRecord room;
    room.instance = QStringLiteral("Lobby @ mina-laptop:5870");
    room.roomName = QStringLiteral("Lobby");
    room.hostName = QStringLiteral("mina-laptop.local");
    room.port = 5870;
    room.password = true;
    room.tls = true;
    room.fingerprint = QStringLiteral("AB:CD:EF:01");
    room.path = QStringLiteral("/");
    room.people = 3;
    room.addresses = {QByteArray("\x0a\x4d\x00\x01", 4)};
    return room;
}

QByteArray header(quint16 flags, quint16 qd, quint16 an)
{
    QByteArray h;
    for (quint16 v : {quint16(0), flags, qd, an, quint16(0), quint16(0)}) {
        h += char(v >> 8);
        h += char(v & 0xff);
    }
    return h;
}

QByteArray name(std::initializer_list<const char *> labels)
{
    QByteArray n;
    for (const char *l : labels) {
        n += char(qstrlen(l));
        n += l;
    }
    return n + '\0';
}

QByteArray u16(quint16 v)
{
    QByteArray b;
    b += char(v >> 8);
    b += char(v & 0xff);
    return b;
}

QByteArray record(const QByteArray &owner, quint16 type, quint32 ttl, const QByteArray &rdata)
{
    return owner + u16(type) + u16(1) + u16(quint16(ttl >> 16)) + u16(quint16(ttl))
           + u16(quint16(rdata.size())) + rdata;
}

} // namespace

class tst_DiscoveryRecord : public QObject
{
    Q_OBJECT

private slots:
    void announcementRoundTrip_data();
    void announcementRoundTrip();
    void goodbye();
    void queryIsAskedFor();
    void otherQueriesAreNotAskedFor_data();
    void otherQueriesAreNotAskedFor();
    void compressedNamesAreRead();
    void malformedAnnouncements_data();
    void malformedAnnouncements();
    void everyTruncationIsIgnored();
    void beaconRoundTrip_data();
    void beaconRoundTrip();
    void beaconStaysSmall();
    void malformedBeacons_data();
    void malformedBeacons();
    void fingerprintWithoutTlsIsDropped();
    void utf8PrefixKeepsCharacters();
};

void tst_DiscoveryRecord::announcementRoundTrip_data()
{
    QTest::addColumn<RoomRecord>("room");
    QTest::newRow("full") << sampleRoom();
    RoomRecord plain = sampleRoom();
    plain.password = false;
    plain.tls = false;
    plain.fingerprint.clear();
    plain.people = -1;
    QTest::newRow("no password, no TLS, no count") << plain;
    RoomRecord korean = sampleRoom();
    korean.roomName = QStringLiteral("거실");
    korean.instance = QStringLiteral("거실 @ host.with.dots:1");
    korean.addresses.append(QByteArray(16, '\x01'));
    QTest::newRow("UTF-8 names, dots in the instance, IPv6") << korean;
}

void tst_DiscoveryRecord::announcementRoundTrip()
{
    QFETCH(RoomRecord, room);
    const QList<RoomRecord> parsed = parseAnnouncement(encodeAnnouncement(room));
    QCOMPARE(parsed.size(), 1);
    QCOMPARE(parsed.constFirst().instance, room.instance);
    QCOMPARE(parsed.constFirst().roomName, room.roomName);
    QCOMPARE(parsed.constFirst().port, room.port);
    QCOMPARE(parsed.constFirst().password, room.password);
    QCOMPARE(parsed.constFirst().tls, room.tls);
    QCOMPARE(parsed.constFirst().fingerprint, room.fingerprint);
    QCOMPARE(parsed.constFirst().people, room.people);
    QCOMPARE(parsed.constFirst().addresses, room.addresses);
    QCOMPARE(parsed.constFirst().ttl, DefaultTtl);
    QVERIFY(parsed.constFirst() == room);
    // A response is not a question.
    QVERIFY(!asksForRooms(encodeAnnouncement(room)));
}

void tst_DiscoveryRecord::goodbye()
{
    RoomRecord room = sampleRoom();
    room.ttl = 0;
    const QList<RoomRecord> parsed = parseAnnouncement(encodeAnnouncement(room));
    QCOMPARE(parsed.size(), 1);
    QVERIFY(parsed.constFirst().isGoodbye());

    // A goodbye of the PTR alone (what other responders send) is still a goodbye.
    const QByteArray ptrOnly = header(0x8400, 0, 1)
                               + record(name({"_parlor", "_tcp", "local"}), 12, 0,
                                        name({"Lobby", "_parlor", "_tcp", "local"}));
    QCOMPARE(parseAnnouncement(ptrOnly).size(), 1);
    QCOMPARE(parseAnnouncement(ptrOnly).constFirst().instance, QStringLiteral("Lobby"));
}

void tst_DiscoveryRecord::queryIsAskedFor()
{
    QVERIFY(asksForRooms(encodeQuery()));
    QVERIFY(parseAnnouncement(encodeQuery()).isEmpty());
    // Case-insensitive, the unicast-response bit set, and as one of several questions.
    const QByteArray q = header(0, 2, 0) + name({"_http", "_tcp", "local"}) + u16(12) + u16(1)
                         + name({"_PARLOR", "_TCP", "LOCAL"}) + u16(12) + u16(0x8001);
    QVERIFY(asksForRooms(q));
    // ANY counts too.
    QVERIFY(asksForRooms(header(0, 1, 0) + name({"_parlor", "_tcp", "local"}) + u16(255) + u16(1)));
}

void tst_DiscoveryRecord::otherQueriesAreNotAskedFor_data()
{
    QTest::addColumn<QByteArray>("packet");
    const QByteArray service = name({"_parlor", "_tcp", "local"});
    QTest::newRow("another service")
            << header(0, 1, 0) + name({"_http", "_tcp", "local"}) + u16(12) + u16(1);
    QTest::newRow("A question for the name") << header(0, 1, 0) + service + u16(1) + u16(1);
    QTest::newRow("class CH") << header(0, 1, 0) + service + u16(12) + u16(3);
    QTest::newRow("truncated question") << header(0, 1, 0) + service + u16(12);
    QTest::newRow("opcode not query") << header(0x2000, 1, 0) + service + u16(12) + u16(1);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("header only, no question") << header(0, 0, 0);
    QTest::newRow("claims 65535 questions") << header(0, 0xffff, 0) + service + u16(12) + u16(1);
}

void tst_DiscoveryRecord::otherQueriesAreNotAskedFor()
{
    QFETCH(QByteArray, packet);
    QVERIFY(!asksForRooms(packet));
}

void tst_DiscoveryRecord::compressedNamesAreRead()
{
    // How avahi and Apple's responder write it: later names point back to earlier ones.
    QByteArray p = header(0x8400, 0, 3);
    const int serviceAt = int(p.size());
    p += name({"_parlor", "_tcp", "local"}) + u16(12) + u16(1) + u16(0) + u16(120);
    QByteArray ptrData("\x05Lobby\xc0", 7);
    ptrData += char(serviceAt);
    p += u16(quint16(ptrData.size()));
    const int instanceAt = int(p.size());
    p += ptrData;
    const QByteArray instancePtr = u16(quint16(0xc000 | instanceAt));
    QByteArray srvData = u16(0) + u16(0) + u16(6000) + QByteArray("\x04host\xc0", 6);
    srvData += char(serviceAt + 1 + 7 + 1 + 4); // "local" inside the service name
    p += record(instancePtr, 33, 120, srvData);
    p += record(instancePtr, 16, 120, QByteArray("\x0aroom=Lobby", 11));
    const QList<RoomRecord> rooms = parseAnnouncement(p);
    QCOMPARE(rooms.size(), 1);
    QCOMPARE(rooms.constFirst().instance, QStringLiteral("Lobby"));
    QCOMPARE(rooms.constFirst().port, quint16(6000));
    QCOMPARE(rooms.constFirst().hostName, QStringLiteral("host.local"));
}

void tst_DiscoveryRecord::malformedAnnouncements_data()
{
    QTest::addColumn<QByteArray>("packet");
    const QByteArray service = name({"_parlor", "_tcp", "local"});
    const QByteArray instance = name({"Lobby", "_parlor", "_tcp", "local"});
    const QByteArray srv = record(instance, 33, 120,
                                  u16(0) + u16(0) + u16(5870) + name({"host", "local"}));
    const QByteArray txt = record(instance, 16, 120, QByteArray("\x0aroom=Lobby", 11));
    const QByteArray ptr = record(service, 12, 120, instance);

    // The well-formed packet the rows below break, checked here so they cannot pass by accident.
    QVERIFY(parseAnnouncement(header(0x8400, 0, 3) + ptr + srv + txt).size() == 1);

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short header") << QByteArray(11, '\0');
    QTest::newRow("more records than there are") << header(0x8400, 0, 4) + ptr + srv + txt;
    QTest::newRow("record count over the limit") << header(0x8400, 0, 300) + ptr + srv + txt;
    QTest::newRow("rdata length past the end")
            << header(0x8400, 0, 3) + ptr + srv + txt.left(txt.size() - 2) + "\x00\xff";
    QTest::newRow("rcode set") << header(0x8403, 0, 3) + ptr + srv + txt;

    QByteArray loop = header(0x8400, 0, 1);
    loop += QByteArray("\xc0\x0c", 2); // points at itself
    loop += u16(12) + u16(1) + u16(0) + u16(120) + u16(2) + QByteArray("\xc0\x0c", 2);
    QTest::newRow("compression pointer to itself") << loop;
    QByteArray forward = header(0x8400, 0, 1);
    forward += QByteArray("\xc0\x20", 2) + u16(12) + u16(1) + u16(0) + u16(120) + u16(1)
               + QByteArray(1, '\0');
    forward += QByteArray(20, 'x');
    QTest::newRow("forward compression pointer") << forward;
    QByteArray twoLoop = header(0x8400, 0, 1);
    // Label at 12 points to 16, which points back to 12: caught as the first jump goes forward.
    twoLoop += QByteArray("\x01\x61\xc0\x10\xc0\x0c", 6) + u16(12) + u16(1) + u16(0) + u16(1)
               + u16(0);
    QTest::newRow("two pointers in a loop") << twoLoop;
    QTest::newRow("pointer past the end")
            << header(0x8400, 0, 1) + QByteArray("\xc3\xff", 2) + u16(12) + u16(1);
    QTest::newRow("label length 64")
            << header(0x8400, 0, 1) + QByteArray(1, char(64)) + QByteArray(64, 'a') + '\0' + u16(1);
    QTest::newRow("extended label type 0x40")
            << header(0x8400, 0, 1) + QByteArray("\x41\x61\x00", 3) + u16(1);
    QByteArray longName;
    for (int i = 0; i < 5; ++i)
        longName += char(60) + QByteArray(60, 'a');
    QTest::newRow("name over 255 bytes")
            << header(0x8400, 0, 1) + longName + '\0' + u16(1) + u16(1) + u16(0) + u16(0) + u16(0);
    QTest::newRow("instance label not UTF-8")
            << header(0x8400, 0, 3)
                       + record(service, 12, 120, name({"\xff\xfe", "_parlor", "_tcp", "local"}))
                       + record(name({"\xff\xfe", "_parlor", "_tcp", "local"}), 33, 120,
                                u16(0) + u16(0) + u16(1) + name({"h", "local"}))
                       + record(name({"\xff\xfe", "_parlor", "_tcp", "local"}), 16, 120,
                                QByteArray("\x06room=x", 7));
    QTest::newRow("room name with a terminal escape")
            << header(0x8400, 0, 3) + ptr + srv
                       + record(instance, 16, 120, QByteArray("\x09room=\x1b[2J", 10));
    QTest::newRow("room name not UTF-8")
            << header(0x8400, 0, 3) + ptr + srv
                       + record(instance, 16, 120, QByteArray("\x06room=\xc3", 7));
    QTest::newRow("TXT string longer than its record")
            << header(0x8400, 0, 3) + ptr + srv
                       + record(instance, 16, 120, QByteArray("\x20room", 5));
    QTest::newRow("live PTR without SRV") << header(0x8400, 0, 2) + ptr + txt;
    QTest::newRow("SRV port 0") << header(0x8400, 0, 3) + ptr
                                           + record(instance, 33, 120,
                                                    u16(0) + u16(0) + u16(0) + name({"h", "local"}))
                                           + txt;
    QTest::newRow("SRV rdata too short")
            << header(0x8400, 0, 3) + ptr + record(instance, 33, 120, u16(0)) + txt;
    QTest::newRow("SRV target runs past its rdata")
            << header(0x8400, 0, 3) + ptr
                       + record(instance, 33, 120,
                                u16(0) + u16(0) + u16(1) + QByteArray("\x04ho", 3))
                       + name({"st", "local"}) + txt;
    QTest::newRow("A record of 5 bytes")
            << header(0x8400, 0, 4) + ptr + srv + txt
                       + record(name({"host", "local"}), 1, 120, QByteArray(5, '\x01'));
    QTest::newRow("PTR to an instance of another service")
            << header(0x8400, 0, 1)
                       + record(service, 12, 120, name({"x", "_http", "_tcp", "local"}));
    QTest::newRow("PTR to a two-label instance")
            << header(0x8400, 0, 1)
                       + record(service, 12, 120, name({"a", "b", "_parlor", "_tcp", "local"}));
    QTest::newRow("path not starting with /")
            << header(0x8400, 0, 3) + ptr + srv
                       + record(instance, 16, 120, QByteArray("\x0aroom=Lobby\x09path=evil", 21));
    QTest::newRow("fingerprint with letters past F")
            << header(0x8400, 0, 3) + ptr + srv
                       + record(instance, 16, 120,
                                QByteArray("\x0aroom=Lobby\x05"
                                           "fp=zz",
                                           17));
    QTest::newRow("people negative")
            << header(0x8400, 0, 3) + ptr + srv
                       + record(instance, 16, 120, QByteArray("\x0aroom=Lobby\x09people=-1", 21));
}

void tst_DiscoveryRecord::malformedAnnouncements()
{
    QFETCH(QByteArray, packet);
    QCOMPARE(parseAnnouncement(packet).size(), 0);
}

void tst_DiscoveryRecord::everyTruncationIsIgnored()
{
    const QByteArray full = encodeAnnouncement(sampleRoom());
    for (int n = 0; n < full.size(); ++n)
        QVERIFY2(parseAnnouncement(full.left(n)).isEmpty(), qPrintable(QString::number(n)));
    const QByteArray beacon = encodeBeacon(sampleRoom());
    QVERIFY(parseBeacon(beacon));
}

void tst_DiscoveryRecord::beaconRoundTrip_data()
{
    QTest::addColumn<RoomRecord>("room");
    RoomRecord room = sampleRoom();
    room.addresses.clear(); // a beacon's address is where it came from
    room.hostName.clear();
    room.ttl = 8;
    QTest::newRow("full") << room;
    RoomRecord odd = room;
    odd.roomName = QStringLiteral("a=b\nc%d 거실");
    QTest::newRow("newline, = and % in the name") << odd;
    RoomRecord bye = room;
    bye.ttl = 0;
    QTest::newRow("goodbye") << bye;
}

void tst_DiscoveryRecord::beaconRoundTrip()
{
    QFETCH(RoomRecord, room);
    const QByteArray datagram = encodeBeacon(room);
    QVERIFY(datagram.startsWith("PARLOR-BEACON 1\n"));
    QVERIFY(datagram.size() <= MaxBeaconBytes);
    const std::optional<RoomRecord> parsed = parseBeacon(datagram);
    if (room.roomName.contains(u'\n')) {
        // Control characters are refused on the way in, whoever wrote them.
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QVERIFY2(*parsed == room, datagram.constData());
}

void tst_DiscoveryRecord::beaconStaysSmall()
{
    RoomRecord room = sampleRoom();
    room.roomName = QString(600, QChar(0xac00)); // 3 bytes each in UTF-8, 9 percent-encoded
    room.instance = QString(100, u'x');
    room.fingerprint = QString(200, u'A');
    const QByteArray datagram = encodeBeacon(room);
    QVERIFY2(datagram.size() <= MaxBeaconBytes, QByteArray::number(datagram.size()));
    const std::optional<RoomRecord> parsed = parseBeacon(datagram);
    QVERIFY(parsed);
    QVERIFY(!parsed->roomName.isEmpty());
    QVERIFY(room.roomName.startsWith(parsed->roomName));
}

void tst_DiscoveryRecord::malformedBeacons_data()
{
    QTest::addColumn<QByteArray>("datagram");
    const QByteArray good = "PARLOR-BEACON 1\nid=x\nport=5870\nttl=8\nroom=Lobby\n";
    QVERIFY(parseBeacon(good));
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("wrong magic") << QByteArray(good).replace("PARLOR", "PARLOUR");
    QTest::newRow("version 2") << QByteArray(good).replace("BEACON 1", "BEACON 2");
    QTest::newRow("no id") << QByteArray(good).replace("id=x\n", "");
    QTest::newRow("no port") << QByteArray(good).replace("port=5870\n", "");
    QTest::newRow("no ttl") << QByteArray(good).replace("ttl=8\n", "");
    QTest::newRow("no room name") << QByteArray(good).replace("room=Lobby\n", "");
    QTest::newRow("port 0") << QByteArray(good).replace("5870", "0");
    QTest::newRow("port 65536") << QByteArray(good).replace("5870", "65536");
    QTest::newRow("port negative") << QByteArray(good).replace("5870", "-1");
    QTest::newRow("port not a number") << QByteArray(good).replace("5870", "http");
    QTest::newRow("ttl huge") << QByteArray(good).replace("ttl=8", "ttl=99999999999");
    QTest::newRow("repeated key") << good + "port=1\n";
    QTest::newRow("line without =") << good + "junk\n";
    QTest::newRow("line with empty key") << good + "=x\n";
    QTest::newRow("room not UTF-8") << QByteArray(good).replace("Lobby", "%FF%FE");
    QTest::newRow("room with an escape") << QByteArray(good).replace("Lobby", "%1B[2J");
    QTest::newRow("NUL in room") << QByteArray(good).replace("Lobby", "Lo%00by");
    QTest::newRow("path without /") << good + "path=evil\n";
    QTest::newRow("too large") << good + "x=" + QByteArray(600, 'a') + '\n';
    QTest::newRow("binary") << QByteArray(64, '\xff');
    // Found by fuzz_discovery_record: each read, then written back differently.
    QTest::newRow("C1 control in room") << QByteArray(good).replace("Lobby", "Lo%C2%9Bby");
    QTest::newRow("protocol longer than we write") << good + "proto=" + QByteArray(65, 'p') + '\n';
}

void tst_DiscoveryRecord::malformedBeacons()
{
    QFETCH(QByteArray, datagram);
    QVERIFY(!parseBeacon(datagram));
}

void tst_DiscoveryRecord::fingerprintWithoutTlsIsDropped()
{
    // Found by fuzz_discovery_record: a fingerprint for a room without TLS was kept on reading
    // and left out on writing. Without TLS there is no certificate to compare it with.
    const auto room = parseBeacon("PARLOR-BEACON 1\nid=x\nport=5870\nttl=8\nroom=Lobby\ntls=0\n"
                                  "fp="
                                  + QByteArray(64, 'a') + '\n');
    QVERIFY(room);
    QVERIFY(!room->tls);
    QCOMPARE(room->fingerprint, QString());
}

void tst_DiscoveryRecord::utf8PrefixKeepsCharacters()
{
    QCOMPARE(utf8Prefix(QStringLiteral("거실"), 4), QByteArray("\xea\xb1\xb0"));
    QCOMPARE(utf8Prefix(QStringLiteral("거실"), 2), QByteArray());
    QCOMPARE(utf8Prefix(QStringLiteral("abc"), 10), QByteArray("abc"));
}

QTEST_GUILESS_MAIN(tst_DiscoveryRecord)
#include "tst_discoveryrecord.moc"
