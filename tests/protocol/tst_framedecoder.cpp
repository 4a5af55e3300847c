// FrameDecoder and Utf8Validator: every RFC 6455 framing rule is a data row, decoded in one
// piece and again one byte at a time (the answer must not depend on how TCP cut the bytes).

#include "protocol/framedecoder.h"
#include "protocol/frameencoder.h"
#include "protocol/utf8validator.h"

#include <QTest>

using namespace Parlor;
using Event = FrameDecoder::Event;
using Role = FrameDecoder::Role;

namespace {

constexpr qint64 limit = 1000;
constexpr quint32 key = 0x37fa213d;

/// A client's frame (masked), as a server receives it.
QByteArray masked(quint8 opcode, const QByteArray &payload, bool fin = true)
{
    return FrameEncoder::frame(opcode, payload, fin, key);
}

/// Two bytes of close code, whatever the code (closePayload() leaves 1005 out).
QByteArray codeBytes(int code)
{
    const char bytes[2] = {char((code >> 8) & 0xFF), char(code & 0xFF)};
    return QByteArray(bytes, 2);
}

QByteArray more(quint8 opcode, const QByteArray &payload)
{
    return masked(opcode, payload, false);
}

/// A frame with its first byte or length field changed by hand.
QByteArray withFirstByte(QByteArray frame, uchar firstByte)
{
    frame[0] = char(firstByte);
    return frame;
}

QString describe(const Event &e)
{
    switch (e.kind) {
    case Event::Kind::Text:
        return QStringLiteral("text:") + QString::fromUtf8(e.payload);
    case Event::Kind::Binary:
        return QStringLiteral("binary:") + QString::fromLatin1(e.payload.toHex());
    case Event::Kind::Ping:
        return QStringLiteral("ping:") + QString::fromLatin1(e.payload);
    case Event::Kind::Pong:
        return QStringLiteral("pong:") + QString::fromLatin1(e.payload);
    case Event::Kind::Close:
        return QStringLiteral("close:%1:%2").arg(e.closeCode).arg(QString::fromUtf8(e.reason));
    case Event::Kind::Error:
        return QStringLiteral("error:%1").arg(e.closeCode);
    case Event::Kind::None:
        break;
    }
    return QStringLiteral("none");
}

/// Decodes \a wire cut into pieces of \a chunk bytes (0: in one piece).
QStringList decodeAll(Role role, qint64 maxBytes, const QByteArray &wire, qsizetype chunk)
{
    FrameDecoder decoder(role, maxBytes);
    QStringList events;
    qsizetype pos = 0;
    while (pos < wire.size() && !decoder.isFinished()) {
        const qsizetype size = chunk > 0 ? std::min(chunk, wire.size() - pos) : wire.size() - pos;
        QByteArrayView piece(wire.constData() + pos, size);
        pos += size;
        while (!piece.isEmpty()) {
            Event event;
            const qsizetype used = decoder.decode(piece, &event);
            piece = piece.sliced(used);
            if (event.kind != Event::Kind::None)
                events.append(describe(event));
            else if (used == 0)
                break;
        }
    }
    return events;
}

} // namespace

class tst_FrameDecoder : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void utf8SplitAtEveryByte_data();
    void utf8SplitAtEveryByte();
    void utf8Validator_data();
    void utf8Validator();
    void hugeLengthAllocatesNothing();
    void clientRoleRefusesMaskedFrames();
    void encoderRoundTrip_data();
    void encoderRoundTrip();
};

void tst_FrameDecoder::rules_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QStringList>("expected");

    const QByteArray hello = "hello";
    const QStringList helloText{QStringLiteral("text:hello")};
    const QStringList protocolError{QStringLiteral("error:1002")};
    const QStringList badUtf8{QStringLiteral("error:1007")};
    const QStringList tooBig{QStringLiteral("error:1009")};

    // What passes.
    QTest::newRow("masked text") << masked(0x1, hello) << helloText;
    QTest::newRow("empty text") << masked(0x1, {}) << QStringList{QStringLiteral("text:")};
    QTest::newRow("binary") << masked(0x2, "\x01\x02")
                            << QStringList{QStringLiteral("binary:0102")};
    QTest::newRow("three fragments")
            << more(0x1, "he") + more(0x0, "ll") + masked(0x0, "o") << helloText;
    QTest::newRow("empty fragments")
            << more(0x1, {}) + more(0x0, hello) + masked(0x0, {}) << helloText;
    QTest::newRow("ping and pong between fragments")
            << more(0x1, "he") + masked(0x9, "p") + more(0x0, "ll") + masked(0xA, "q")
                       + masked(0x0, "o")
            << QStringList{QStringLiteral("ping:p"), QStringLiteral("pong:q"),
                           QStringLiteral("text:hello")};
    QTest::newRow("close between fragments ends it")
            << more(0x1, "he") + masked(0x8, FrameEncoder::closePayload(1000, "bye"))
                       + masked(0x0, "llo")
            << QStringList{QStringLiteral("close:1000:bye")};
    QTest::newRow("ping of 125 bytes") << masked(0x9, QByteArray(125, 'p'))
                                       << QStringList{QStringLiteral("ping:") + QString(125, u'p')};
    QTest::newRow("16-bit length") << masked(0x1, QByteArray(300, 'a'))
                                   << QStringList{QStringLiteral("text:") + QString(300, u'a')};
    QTest::newRow("message of exactly the limit, in fragments")
            << more(0x1, QByteArray(500, 'a')) + masked(0x0, QByteArray(500, 'a'))
            << QStringList{QStringLiteral("text:") + QString(1000, u'a')};
    QTest::newRow("two messages") << masked(0x1, "a") + masked(0x2, "b")
                                  << QStringList{QStringLiteral("text:a"),
                                                 QStringLiteral("binary:62")};
    QTest::newRow("empty close") << masked(0x8, {}) << QStringList{QStringLiteral("close:1005:")};
    QTest::newRow("nothing after a close is decoded")
            << masked(0x8, {}) + masked(0x1, "late") << QStringList{QStringLiteral("close:1005:")};
    for (int code :
         {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999}) {
        QTest::addRow("close %d", code) << masked(0x8, FrameEncoder::closePayload(code, "é"))
                                        << QStringList{QStringLiteral("close:%1:é").arg(code)};
    }
    QTest::newRow("binary is not checked as UTF-8")
            << masked(0x2, "\xFF") << QStringList{QStringLiteral("binary:ff")};

    // Masking (RFC 6455 section 5.1).
    QTest::newRow("unmasked text") << FrameEncoder::frame(0x1, hello) << protocolError;
    QTest::newRow("unmasked ping") << FrameEncoder::frame(0x9, "p") << protocolError;
    QTest::newRow("unmasked continuation")
            << more(0x1, "he") + FrameEncoder::frame(0x0, "llo") << protocolError;
    // RSV bits: no extension is ever negotiated.
    QTest::newRow("RSV1") << withFirstByte(masked(0x1, hello), 0x80 | 0x40 | 0x1) << protocolError;
    QTest::newRow("RSV2") << withFirstByte(masked(0x1, hello), 0x80 | 0x20 | 0x1) << protocolError;
    QTest::newRow("RSV3") << withFirstByte(masked(0x1, hello), 0x80 | 0x10 | 0x1) << protocolError;
    QTest::newRow("RSV1 on a ping")
            << withFirstByte(masked(0x9, {}), 0x80 | 0x40 | 0x9) << protocolError;
    for (int opcode : {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
        QTest::addRow("reserved opcode 0x%X", opcode)
                << masked(quint8(opcode), {}) << protocolError;
    // Control frames.
    QTest::newRow("ping of 126 bytes") << masked(0x9, QByteArray(126, 'p')) << protocolError;
    QTest::newRow("pong of 126 bytes") << masked(0xA, QByteArray(126, 'p')) << protocolError;
    QTest::newRow("close of 126 bytes")
            << masked(0x8, FrameEncoder::closePayload(1000, QByteArray(124, 'r'))) << protocolError;
    QTest::newRow("fragmented ping") << more(0x9, "p") << protocolError;
    QTest::newRow("fragmented close") << more(0x8, {}) << protocolError;
    // Fragmentation.
    QTest::newRow("continuation without a start") << masked(0x0, hello) << protocolError;
    QTest::newRow("unfinished continuation without a start") << more(0x0, hello) << protocolError;
    QTest::newRow("text inside a fragmented message")
            << more(0x1, "he") + masked(0x1, "llo") << protocolError;
    QTest::newRow("binary inside a fragmented message")
            << more(0x1, "he") + masked(0x2, "llo") << protocolError;
    QTest::newRow("continuation after a complete message")
            << masked(0x1, hello) + masked(0x0, "x")
            << QStringList{QStringLiteral("text:hello"), QStringLiteral("error:1002")};
    // Lengths.
    {
        QByteArray topBit = masked(0x1, {});
        topBit[1] = char(0x80 | 127);
        topBit.insert(2, QByteArray("\x80\x00\x00\x00\x00\x00\x00\x01", 8));
        QTest::newRow("64-bit length with the top bit set") << topBit << protocolError;
        QByteArray huge = masked(0x1, {});
        huge[1] = char(0x80 | 127);
        huge.insert(2, QByteArray("\x00\x00\x01\x00\x00\x00\x00\x00", 8));
        QTest::newRow("64-bit length of 2^40, nothing behind it") << huge << tooBig;
    }
    QTest::newRow("one byte over the limit") << masked(0x1, QByteArray(1001, 'a')) << tooBig;
    QTest::newRow("over the limit in fragments")
            << more(0x1, QByteArray(600, 'a')) + masked(0x0, QByteArray(401, 'a')) << tooBig;
    QTest::newRow("binary over the limit") << masked(0x2, QByteArray(1001, 'a')) << tooBig;
    // UTF-8.
    QTest::newRow("invalid byte 0xFF") << masked(0x1, "a\xFF") << badUtf8;
    QTest::newRow("lone continuation byte") << masked(0x1, "\x80") << badUtf8;
    QTest::newRow("overlong 2-byte slash") << masked(0x1, "\xC0\xAF") << badUtf8;
    QTest::newRow("overlong 3-byte") << masked(0x1, "\xE0\x80\xAF") << badUtf8;
    QTest::newRow("overlong 4-byte") << masked(0x1, "\xF0\x80\x80\xAF") << badUtf8;
    QTest::newRow("surrogate U+D800") << masked(0x1, "\xED\xA0\x80") << badUtf8;
    QTest::newRow("surrogate U+DFFF") << masked(0x1, "\xED\xBF\xBF") << badUtf8;
    QTest::newRow("above U+10FFFF") << masked(0x1, "\xF4\x90\x80\x80") << badUtf8;
    QTest::newRow("lead byte 0xF5") << masked(0x1, "\xF5\x80\x80\x80") << badUtf8;
    QTest::newRow("text ends inside a character") << masked(0x1, "\xE2\x82") << badUtf8;
    QTest::newRow("fragmented text ends inside a character")
            << more(0x1, "a") + masked(0x0, "\xE2\x82") << badUtf8;
    // Fails fast: the first fragment is refused before the message could end.
    QTest::newRow("invalid in the first fragment, no end") << more(0x1, "\xC0") << badUtf8;
    QTest::newRow("close reason not UTF-8")
            << masked(0x8, FrameEncoder::closePayload(1000, "\xFF")) << badUtf8;
    // Close payloads.
    QTest::newRow("close payload of one byte") << masked(0x8, "\x03") << protocolError;
    for (int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
        QTest::addRow("close code %d", code) << masked(0x8, codeBytes(code)) << protocolError;
    }
}

void tst_FrameDecoder::rules()
{
    QFETCH(QByteArray, wire);
    QFETCH(QStringList, expected);

    QCOMPARE(decodeAll(Role::Server, limit, wire, 0), expected);
    QCOMPARE(decodeAll(Role::Server, limit, wire, 1), expected);
    QCOMPARE(decodeAll(Role::Server, limit, wire, 3), expected);
}

void tst_FrameDecoder::utf8SplitAtEveryByte_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("2-byte é") << QByteArray("caf\xC3\xA9!");
    QTest::newRow("3-byte €") << QByteArray("\xE2\x82\xAC 5");
    QTest::newRow("3-byte U+FFFD") << QByteArray("\xEF\xBF\xBD");
    QTest::newRow("4-byte emoji") << QByteArray("x\xF0\x9F\x98\x80y");
    QTest::newRow("4-byte U+10FFFF") << QByteArray("\xF4\x8F\xBF\xBF");
    QTest::newRow("all of them, long")
            << QByteArray("0123456789abcdef\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"
                          "0123456789abcdef\xED\x9F\xBF\xEE\x80\x80");
}

void tst_FrameDecoder::utf8SplitAtEveryByte()
{
    QFETCH(QByteArray, text);
    const QStringList expected{QStringLiteral("text:") + QString::fromUtf8(text)};
    // Two fragments cut at every position, and three at every pair of positions: each piece
    // alone may be invalid, the message is valid.
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const QByteArray wire = more(0x1, text.left(i)) + masked(0x0, text.mid(i));
        QCOMPARE(decodeAll(Role::Server, limit, wire, 0), expected);
        QCOMPARE(decodeAll(Role::Server, limit, wire, 1), expected);
        for (qsizetype j = i; j <= text.size(); ++j) {
            const QByteArray three = more(0x1, text.left(i)) + more(0x0, text.mid(i, j - i))
                                     + masked(0x0, text.mid(j));
            QCOMPARE(decodeAll(Role::Server, limit, three, 0), expected);
        }
    }
}

void tst_FrameDecoder::utf8Validator_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");

    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("ASCII, long") << QByteArray(100, 'a') << true;
    QTest::newRow("U+0080") << QByteArray("\xC2\x80") << true;
    QTest::newRow("U+07FF") << QByteArray("\xDF\xBF") << true;
    QTest::newRow("U+0800") << QByteArray("\xE0\xA0\x80") << true;
    QTest::newRow("U+D7FF") << QByteArray("\xED\x9F\xBF") << true;
    QTest::newRow("U+E000") << QByteArray("\xEE\x80\x80") << true;
    QTest::newRow("U+10000") << QByteArray("\xF0\x90\x80\x80") << true;
    QTest::newRow("U+10FFFF") << QByteArray("\xF4\x8F\xBF\xBF") << true;
    QTest::newRow("C0 80 (overlong NUL)") << QByteArray("\xC0\x80") << false;
    QTest::newRow("C1 BF (overlong)") << QByteArray("\xC1\xBF") << false;
    QTest::newRow("E0 9F BF (overlong)") << QByteArray("\xE0\x9F\xBF") << false;
    QTest::newRow("F0 8F BF BF (overlong)") << QByteArray("\xF0\x8F\xBF\xBF") << false;
    QTest::newRow("ED A0 80 (surrogate)") << QByteArray("\xED\xA0\x80") << false;
    QTest::newRow("F4 90 80 80 (past U+10FFFF)") << QByteArray("\xF4\x90\x80\x80") << false;
    QTest::newRow("F8 (5-byte lead)") << QByteArray("\xF8\x88\x80\x80\x80") << false;
    QTest::newRow("FE") << QByteArray("\xFE") << false;
    QTest::newRow("missing continuation") << QByteArray("\xC3(") << false;
    QTest::newRow("truncated at the end") << QByteArray("abc\xE2\x82") << false;
    QTest::newRow("non-ASCII after 8 ASCII bytes") << QByteArray("abcdefgh\xFF") << false;
    QTest::newRow("non-ASCII inside an 8-byte word") << QByteArray("abc\xFFxyzuvw") << false;
}

void tst_FrameDecoder::utf8Validator()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);

    QCOMPARE(Utf8Validator::isValidUtf8(bytes), valid);
    // Byte by byte, the same verdict; and it agrees with Qt where Qt is strict.
    Utf8Validator v;
    for (char c : bytes)
        v.feed(QByteArrayView(&c, 1));
    QCOMPARE(v.isComplete(), valid);
    if (valid)
        QCOMPARE(QString::fromUtf8(bytes).toUtf8(), bytes);
}

void tst_FrameDecoder::hugeLengthAllocatesNothing()
{
    // A header claiming 2^62 bytes under a limit just as high: the decoder must wait for the
    // bytes, not reserve them.
    FrameDecoder decoder(Role::Server, std::numeric_limits<qint64>::max());
    QByteArray header = masked(0x2, {});
    header[1] = char(0x80 | 127);
    header.insert(2, QByteArray("\x40\x00\x00\x00\x00\x00\x00\x00", 8));
    Event event;
    QCOMPARE(decoder.decode(header, &event), header.size());
    QCOMPARE(event.kind, Event::Kind::None);
    QCOMPARE(decoder.decode("abcd", &event), 4);
    QCOMPARE(event.kind, Event::Kind::None);
    QVERIFY(!decoder.isFinished());
}

void tst_FrameDecoder::clientRoleRefusesMaskedFrames()
{
    QCOMPARE(decodeAll(Role::Client, limit, FrameEncoder::frame(0x1, "hi"), 0),
             QStringList{QStringLiteral("text:hi")});
    QCOMPARE(decodeAll(Role::Client, limit, masked(0x1, "hi"), 0),
             QStringList{QStringLiteral("error:1002")});
}

void tst_FrameDecoder::encoderRoundTrip_data()
{
    QTest::addColumn<int>("size");
    for (int size : {0, 1, 125, 126, 127, 65535, 65536, 70000})
        QTest::addRow("%d bytes", size) << size;
}

void tst_FrameDecoder::encoderRoundTrip()
{
    QFETCH(int, size);
    QByteArray payload(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        payload[i] = char('a' + i % 26);
    for (Role role : {Role::Server, Role::Client}) {
        const QByteArray wire = role == Role::Server ? masked(0x2, payload)
                                                     : FrameEncoder::frame(0x2, payload);
        FrameDecoder decoder(role, 1 << 20);
        Event event;
        QCOMPARE(decoder.decode(wire, &event), wire.size());
        QCOMPARE(event.kind, Event::Kind::Binary);
        QCOMPARE(event.payload, payload);
    }
}

QTEST_GUILESS_MAIN(tst_FrameDecoder)
#include "tst_framedecoder.moc"
