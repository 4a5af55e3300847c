#include "frameencoder.h"

namespace Parlor {

int FrameEncoder::writeHeader(char *out, quint8 opcode, quint64 payloadSize, bool fin,
                              std::optional<quint32> maskKey)
{
    auto *p = reinterpret_cast<uchar *>(out);
    p[0] = uchar((fin ? 0x80 : 0) | (opcode & 0x0F));
    const uchar maskBit = maskKey ? 0x80 : 0;
    int size = 2;
    if (payloadSize < 126) {
        p[1] = uchar(maskBit | payloadSize);
    } else if (payloadSize <= 0xFFFF) {
        p[1] = maskBit | 126;
        p[2] = uchar(payloadSize >> 8);
        p[3] = uchar(payloadSize);
        size = 4;
    } else {
        p[1] = maskBit | 127;
        for (int i = 0; i < 8; ++i)
            p[2 + i] = uchar(payloadSize >> (8 * (7 - i)));
        size = 10;
    }
    if (maskKey) {
        for (int i = 0; i < 4; ++i)
            p[size + i] = uchar(*maskKey >> (8 * (3 - i)));
        size += 4;
    }
    return size;
}

QByteArray FrameEncoder::frame(quint8 opcode, QByteArrayView payload, bool fin,
                               std::optional<quint32> maskKey)
{
    char header[MaxHeaderBytes];
    const int headerSize = writeHeader(header, opcode, quint64(payload.size()), fin, maskKey);
    QByteArray frame(headerSize + payload.size(), Qt::Uninitialized);
    char *out = frame.data();
    std::copy(header, header + headerSize, out);
    out += headerSize;
    const auto *key = reinterpret_cast<const uchar *>(header + headerSize - 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        out[i] = maskKey ? char(uchar(payload[i]) ^ key[i & 3]) : payload[i];
    return frame;
}

QByteArray FrameEncoder::closePayload(int code, QByteArrayView reason)
{
    if (code == 1005)
        return {};
    QByteArray payload;
    payload.reserve(2 + reason.size());
    payload.append(char(code >> 8)).append(char(code & 0xFF)).append(reason);
    return payload;
}

} // namespace Parlor
