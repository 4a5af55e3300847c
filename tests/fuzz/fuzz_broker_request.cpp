// BrokerRequest::decode and BrokerRoomState: whatever is in a room's stream on the broker —
// written by our servers, or by anyone else with the broker's credentials — is decoded and
// applied by every parlor-server of the room. The input is a stream of entries, one per line;
// the same entries applied by two states must give the same room (the servers must agree).
#include "fuzzsupport.h"

#include "broker/brokerroomstate.h"

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    ProtocolLimits limits;
    limits.maxTextLength = 200;
    limits.maxNickLength = 16;
    BrokerRoomState one(8);
    BrokerRoomState two(8);
    for (const QByteArray &line : input.split('\n')) {
        QString error;
        const auto request = BrokerRequest::decode(line, limits, &error);
        if (!request) {
            if (error.isEmpty())
                abort(); // a refusal always says why
            continue;
        }
        // What decodes encodes back to the same request.
        const auto again = BrokerRequest::decode(request->encode(), limits, &error);
        if (!again || !(again->draft == request->draft) || again->number != request->number)
            abort();
        const auto a = one.apply(*request);
        const auto b = two.apply(*request);
        if (a.result != b.result || !(a.event == b.event) || a.derived != b.derived)
            abort();
    }
    if (one.lastSeq() != two.lastSeq() || one.members().size() != two.members().size())
        abort();
    // Every event is numbered in turn, and every member's nickname is its key's.
    const QList<RoomEvent> kept = one.history().all();
    for (int i = 1; i < kept.size(); ++i) {
        if (kept.at(i).seq != kept.at(i - 1).seq + 1)
            abort();
    }
    for (auto it = one.members().cbegin(); it != one.members().cend(); ++it) {
        if (nickKey(it->nick) != it.key())
            abort();
    }
    return 0;
}
