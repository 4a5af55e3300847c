// The room's plain HTTP (RoomPage): any TCP client can send a request head to the room's port,
// before any WebSocket handshake or limit of the room applies.
#include "fuzzsupport.h"

#include "server/roompage.h"

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The gate hands over at most MaxHeadBytes, without the blank line that ends the head.
    const QByteArray head(reinterpret_cast<const char *>(data),
                          qsizetype(std::min<size_t>(size, RoomPage::MaxHeadBytes)));
    RoomPage::isWebSocketUpgrade(head);

    const QByteArray response = RoomPage::respond(head);
    // A complete HTTP/1.1 response whose Content-Length is what follows the head (or nothing,
    // for HEAD).
    PARLOR_FUZZ_CHECK(response.startsWith("HTTP/1.1 "), QString::fromLatin1(head.toHex()));
    const qsizetype end = response.indexOf("\r\n\r\n");
    PARLOR_FUZZ_CHECK(end > 0, QString::fromLatin1(head.toHex()));
    const qsizetype at = response.indexOf("\r\nContent-Length: ");
    PARLOR_FUZZ_CHECK(at > 0 && at < end, QString::fromLatin1(head.toHex()));
    const qsizetype valueAt = at + qsizetype(qstrlen("\r\nContent-Length: "));
    const qint64 length = response.mid(valueAt, response.indexOf("\r\n", valueAt) - valueAt)
                                  .toLongLong();
    const qint64 body = response.size() - end - 4;
    PARLOR_FUZZ_CHECK(body == length || body == 0, QString::fromLatin1(head.toHex()));
    // Nothing from the request is echoed into the response's head (no header injection).
    PARLOR_FUZZ_CHECK(response.left(end).count("\r\n") < 12, QString::fromLatin1(head.toHex()));
    return 0;
}
