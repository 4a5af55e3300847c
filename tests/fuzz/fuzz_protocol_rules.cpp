// The nickname, text and id rules (protocol/protocol.h) on any string a JSON parser can hand
// them, including lone surrogates, and the UTF-8 size that frames are checked against.
#include "fuzzsupport.h"

#include "protocol/protocol.h"

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ParlorFuzz::Input in(data, size);
    const int maxLength = in.byte() % 80; // 0 included: a room could be configured so
    const QString s = (in.byte() & 1) ? in.utf16() : QString::fromUtf8(in.rest());

    const auto nick = nickProblem(s, maxLength);
    const auto text = textProblem(s, maxLength);
    const auto id = idProblem(s, maxLength);

    // What the room accepts, it sends back inside JSON: it must be valid UTF-16 (strict JSON
    // parsers refuse lone surrogates), so its UTF-8 is exact. (The JSON round trip itself is
    // fuzz_decode_client's.)
    for (const bool accepted : {!nick, !text, !id}) {
        if (accepted) {
            PARLOR_FUZZ_CHECK(QStringView(s).isValidUtf16(), s);
            PARLOR_FUZZ_CHECK(!s.isEmpty(), s);
        }
    }
    // An id is printable ASCII, so it is as long in bytes as in characters.
    if (!id)
        PARLOR_FUZZ_CHECK(s.size() <= maxLength && s.toUtf8().size() == s.size(), s);
    if (!nick) {
        // A valid nickname has a key: nothing the room compares by is empty.
        PARLOR_FUZZ_CHECK(!nickKey(s).isEmpty(), s);
    }
    // utf8Size() promises to agree with what QWebSocket sends.
    PARLOR_FUZZ_CHECK(utf8Size(s) == s.toUtf8().size(), s);
    return 0;
}
