// Discovery records: every datagram anyone on the LAN sends to port 5353 or to the beacon port
// reaches these parsers (docs/DISCOVERY.md). The first byte says which parser gets the rest.
#include "fuzzsupport.h"

#include "protocol/discoveryrecord.h"

#include <cstdlib>

using namespace Parlor;
using namespace Parlor::Discovery;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

namespace {

bool hasControl(const QString &s)
{
    for (const QChar c : s) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

// What any parsed room must be, however it was made: what the list and the join dialog show
// is printable, and an address is one.
void checkRoom(const RoomRecord &room)
{
    if (room.instance.isEmpty() || hasControl(room.instance) || hasControl(room.roomName)
        || hasControl(room.path) || hasControl(room.fingerprint) || hasControl(room.protocol)) {
        std::abort();
    }
    for (const QByteArray &a : room.addresses) {
        if (a.size() != 4 && a.size() != 16)
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    if (data[0] & 1) {
        const auto beacon = parseBeacon(input);
        if (beacon) {
            if (input.size() > MaxBeaconBytes || beacon->port == 0)
                std::abort();
            checkRoom(*beacon);
            // What was read is what is written again, and reads back the same — except that a
            // room name may come back shorter: percent-encoding can make the written beacon
            // longer than the one read, and the name is what gives way to stay within
            // MaxBeaconBytes.
            const QByteArray written = encodeBeacon(*beacon);
            const auto again = parseBeacon(written);
            if (!again || written.size() > MaxBeaconBytes
                || !(again->roomName.isEmpty() || beacon->roomName.startsWith(again->roomName)))
                std::abort();
            RoomRecord same = *again;
            same.roomName = beacon->roomName;
            if (!(same == *beacon))
                std::abort();
        }
    } else {
        asksForRooms(input);
        const QList<RoomRecord> rooms = parseAnnouncement(input);
        for (const RoomRecord &room : rooms) {
            checkRoom(room);
            if (room.isGoodbye())
                continue;
            const QList<RoomRecord> again = parseAnnouncement(encodeAnnouncement(room));
            if (again.size() != 1 || !(again.constFirst() == room))
                std::abort();
        }
    }
    return 0;
}
