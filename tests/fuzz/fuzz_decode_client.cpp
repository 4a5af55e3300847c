// The server's decoder for what clients send (Codec::decodeClient): any frame a peer sends
// reaches it before anything else looks at it.
#include "fuzzsupport.h"

#include "protocol/codec.h"

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

namespace {

void check(const QByteArray &frame, const ProtocolLimits &limits)
{
    const Codec::ClientDecode decoded = Codec::decodeClient(frame, limits);
    if (const auto *error = std::get_if<ErrorReply>(&decoded)) {
        // The room sends the error back as it is: a client must be able to read it.
        const auto reply = Codec::decodeServer(Codec::encode(*error));
        const auto *message = std::get_if<ServerMessage>(&reply);
        PARLOR_FUZZ_CHECK(message && std::holds_alternative<ErrorReply>(*message),
                          QString::fromUtf8(Codec::encode(*error)));
        PARLOR_FUZZ_CHECK(std::get<ErrorReply>(*message).code == error->code, error->text);
        return;
    }
    // A message that was accepted, encoded again, is accepted again as the same message: what
    // the room relays is what it checked.
    const QByteArray encoded = Codec::encode(std::get<ClientMessage>(decoded));
    const Codec::ClientDecode again = Codec::decodeClient(encoded, limits);
    const auto *message = std::get_if<ClientMessage>(&again);
    PARLOR_FUZZ_CHECK(message, QString::fromUtf8(encoded));
    // Qt 6.4's JSON parser drops U+FEFF at the start of a string value written as UTF-8 (see
    // docs/FUZZING.md), so a value that began with an escaped one comes back one character
    // shorter; everything else must be identical.
    if (!encoded.contains("\"\xEF\xBB\xBF"))
        PARLOR_FUZZ_CHECK(Codec::encode(*message) == encoded, QString::fromUtf8(encoded));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    check(frame, ProtocolLimits{});
    // A room with tight limits takes other branches of the same rules.
    check(frame, ProtocolLimits{4, 8, 4, 4});
    return 0;
}
