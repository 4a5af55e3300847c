// The client's decoder for what a server sends (Codec::decodeServer): a client joins rooms on
// any server, so every frame it receives is untrusted.
#include "fuzzsupport.h"

#include "protocol/codec.h"

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

namespace {

QByteArray encode(const ServerMessage &m)
{
    return std::visit([](const auto &v) { return Codec::encode(v); }, m);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const Codec::ServerDecode decoded = Codec::decodeServer(frame);
    if (const auto *failure = std::get_if<Codec::DecodeFailure>(&decoded)) {
        PARLOR_FUZZ_CHECK(!failure->text.isEmpty(), QString::fromUtf8(frame));
        return 0;
    }
    // What the client understood, written the way a Parlor room writes it, reads back the same:
    // the decoder and the room's encoder agree on every field the client keeps.
    const QByteArray encoded = encode(std::get<ServerMessage>(decoded));
    const Codec::ServerDecode again = Codec::decodeServer(encoded);
    const auto *message = std::get_if<ServerMessage>(&again);
    PARLOR_FUZZ_CHECK(message, QString::fromUtf8(encoded));
    // See fuzz_decode_client: Qt drops a leading U+FEFF of a string value written as UTF-8.
    if (!encoded.contains("\"\xEF\xBB\xBF"))
        PARLOR_FUZZ_CHECK(encode(*message) == encoded, QString::fromUtf8(encoded));
    return 0;
}
