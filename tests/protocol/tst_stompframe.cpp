#include "protocol/stompdecoder.h"
#include "protocol/stompframe.h"

#include <QMetaEnum>
#include <QTest>

using namespace Parlor;

Q_DECLARE_METATYPE(StompDecoder::Error)
Q_DECLARE_METATYPE(StompFrame)

namespace {

// Frames are compared as text written out here, not with the encoder's output, so a header the
// decoder and encoder both get wrong still fails: COMMAND|name=value|…|body, with the body's
// control bytes shown as \0, \n, \r.
QByteArray visible(const QByteArray &bytes)
{
    QByteArray out;
    for (const char c : bytes) {
        if (c == '\0')
            out += "\\0";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    return out;
}

QByteArray describe(const StompFrame &frame)
{
    QByteArray out = StompFrame::commandName(frame.command);
    for (const StompFrame::Header &h : frame.headers)
        out += '|' + visible(h.first) + '=' + visible(h.second);
    return out + "|body=" + visible(frame.body);
}

struct Decoded
{
    QByteArrayList frames;
    StompDecoder::Error error = StompDecoder::Error::None;
    QString errorString;
    qint64 heartBeats = 0;
};

// Feeds \a input in pieces of \a chunk bytes (0: all at once), taking frames after each piece.
Decoded decodeAll(const QByteArray &input, int chunk, const StompLimits &limits = {})
{
    StompDecoder decoder(limits);
    Decoded d;
    const int step = chunk > 0 ? chunk : std::max<int>(1, input.size());
    for (qsizetype at = 0; at < input.size() || at == 0; at += step) {
        decoder.append(input.mid(at, step));
        StompFrame frame;
        StompDecoder::Result r;
        while ((r = decoder.next(frame)) == StompDecoder::Result::Frame)
            d.frames.append(describe(frame));
        if (r == StompDecoder::Result::Failed)
            break;
        if (input.isEmpty())
            break;
    }
    d.error = decoder.error();
    d.errorString = decoder.errorString();
    d.heartBeats = decoder.heartBeats();
    return d;
}

QByteArray operator""_b(const char *s, size_t n)
{
    return QByteArray(s, qsizetype(n));
}

} // namespace

class tst_StompFrame : public QObject
{
    Q_OBJECT

private slots:
    void decode_data();
    void decode();
    void limits_data();
    void limits();
    void encode_data();
    void encode();
    void roundTrip_data();
    void roundTrip();
    void unencodable();
    void failedStaysFailed();
    void largeBodyInSmallPieces();
};

void tst_StompFrame::decode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("frames");
    QTest::addColumn<StompDecoder::Error>("error");
    QTest::addColumn<int>("heartBeats");
    using E = StompDecoder::Error;

    // Frames and bodies.
    QTest::newRow("frame without headers or body")
            << "DISCONNECT\n\n\0"_b << QByteArrayList{"DISCONNECT|body="} << E::None << 0;
    QTest::newRow("body ends at the first NUL without content-length")
            << "SEND\ndestination:/queue/a\n\nhello\0"_b
            << QByteArrayList{"SEND|destination=/queue/a|body=hello"} << E::None << 0;
    QTest::newRow("content-length body may hold NULs and EOLs")
            << "MESSAGE\ncontent-length:7\n\na\0b\n\r\nc\0"_b
            << QByteArrayList{"MESSAGE|content-length=7|body=a\\0b\\n\\r\\nc"} << E::None << 0;
    QTest::newRow("content-length 0")
            << "RECEIPT\nreceipt-id:1\ncontent-length:0\n\n\0"_b
            << QByteArrayList{"RECEIPT|receipt-id=1|content-length=0|body="} << E::None << 0;
    QTest::newRow("byte after a content-length body is not NUL")
            << "SEND\ncontent-length:2\n\nabc\0"_b << QByteArrayList{} << E::MissingNul << 0;
    QTest::newRow("content-length not a number")
            << "SEND\ncontent-length:two\n\nab\0"_b << QByteArrayList{} << E::BadContentLength << 0;
    QTest::newRow("content-length negative")
            << "SEND\ncontent-length:-1\n\n\0"_b << QByteArrayList{} << E::BadContentLength << 0;
    QTest::newRow("content-length empty")
            << "SEND\ncontent-length:\n\n\0"_b << QByteArrayList{} << E::BadContentLength << 0;
    QTest::newRow("repeated content-length: the first counts")
            << "SEND\ncontent-length:1\ncontent-length:5\n\nx\0"_b
            << QByteArrayList{"SEND|content-length=1|content-length=5|body=x"} << E::None << 0;

    // Line endings and heart-beats.
    QTest::newRow("CR LF line endings")
            << "SEND\r\ndestination:/q\r\n\r\nbody\0"_b
            << QByteArrayList{"SEND|destination=/q|body=body"} << E::None << 0;
    QTest::newRow("CR LF kept inside a body")
            << "SEND\r\n\r\nline\r\n\0"_b << QByteArrayList{"SEND|body=line\\r\\n"} << E::None << 0;
    QTest::newRow("CR without LF in a header line")
            << "SEND\ndest\rination:/q\n\n\0"_b << QByteArrayList{} << E::BadLineEnding << 0;
    QTest::newRow("CR without LF between frames")
            << "\rSEND\n\n\0"_b << QByteArrayList{} << E::BadLineEnding << 0;
    QTest::newRow("heart-beats only") << "\n\r\n\n"_b << QByteArrayList{} << E::None << 3;
    QTest::newRow("heart-beats around and between frames")
            << "\nRECEIPT\nreceipt-id:a\n\n\0\n\r\nRECEIPT\nreceipt-id:b\n\n\0\n"_b
            << QByteArrayList{"RECEIPT|receipt-id=a|body=", "RECEIPT|receipt-id=b|body="} << E::None
            << 4;
    QTest::newRow("three frames packed together")
            << "CONNECTED\nversion:1.2\n\n\0MESSAGE\ncontent-length:1\n\n\0\0ERROR\nmessage:x\n\nbad\0"_b
            << QByteArrayList{"CONNECTED|version=1.2|body=", "MESSAGE|content-length=1|body=\\0",
                              "ERROR|message=x|body=bad"}
            << E::None << 0;

    // Commands.
    QTest::newRow("unknown command")
            << "HELLO\n\n\0"_b << QByteArrayList{} << E::UnknownCommand << 0;
    QTest::newRow("commands are case-sensitive")
            << "send\n\n\0"_b << QByteArrayList{} << E::UnknownCommand << 0;
    QTest::newRow("a good frame, then an unknown command")
            << "RECEIPT\nreceipt-id:1\n\n\0BOGUS\n\n\0"_b
            << QByteArrayList{"RECEIPT|receipt-id=1|body="} << E::UnknownCommand << 0;

    // Headers and escaping.
    QTest::newRow("all four escapes are undone")
            << "MESSAGE\na\\cb:1\\r\\n2\\\\3\\c4\n\n\0"_b
            << QByteArrayList{"MESSAGE|a:b=1\\r\\n2\\3:4|body="} << E::None << 0;
    QTest::newRow("undefined escape \\t is an error")
            << "MESSAGE\na:b\\tc\n\n\0"_b << QByteArrayList{} << E::UndefinedEscape << 0;
    QTest::newRow("lone backslash at the end is an error")
            << "MESSAGE\na:b\\\n\n\0"_b << QByteArrayList{} << E::UndefinedEscape << 0;
    QTest::newRow("undefined escape in a name is an error")
            << "MESSAGE\n\\x:b\n\n\0"_b << QByteArrayList{} << E::UndefinedEscape << 0;
    QTest::newRow("CONNECT headers are not unescaped")
            << "CONNECT\nlogin:a\\cb\npasscode:p\\t\n\n\0"_b
            << QByteArrayList{"CONNECT|login=a\\cb|passcode=p\\t|body="} << E::None << 0;
    QTest::newRow("CONNECTED headers are not unescaped")
            << "CONNECTED\nserver:x\\y\n\n\0"_b << QByteArrayList{"CONNECTED|server=x\\y|body="}
            << E::None << 0;
    QTest::newRow("STOMP headers are not unescaped")
            << "STOMP\nhost:a\\nb\n\n\0"_b << QByteArrayList{"STOMP|host=a\\nb|body="} << E::None
            << 0;
    QTest::newRow("repeated header: all kept in order")
            << "MESSAGE\nfoo:World\nfoo:Hello\n\n\0"_b
            << QByteArrayList{"MESSAGE|foo=World|foo=Hello|body="} << E::None << 0;
    QTest::newRow("value may be empty")
            << "SEND\na:\n\n\0"_b << QByteArrayList{"SEND|a=|body="} << E::None << 0;
    QTest::newRow("value may hold a raw colon (lenient, as brokers are)")
            << "MESSAGE\nserver:a:b\n\n\0"_b << QByteArrayList{"MESSAGE|server=a:b|body="}
            << E::None << 0;
    QTest::newRow("spaces are significant")
            << "SEND\n a : b \n\n\0"_b << QByteArrayList{"SEND| a = b |body="} << E::None << 0;
    QTest::newRow("header without colon")
            << "SEND\nnocolon\n\n\0"_b << QByteArrayList{} << E::MalformedHeader << 0;
    QTest::newRow("header with empty name")
            << "SEND\n:value\n\n\0"_b << QByteArrayList{} << E::MalformedHeader << 0;
    QTest::newRow("UTF-8 header and body")
            << "SEND\nn\xC3\xA4me:\xED\x95\x9C\n\n\xF0\x9F\x98\x80\0"_b
            << QByteArrayList{"SEND|n\xC3\xA4me=\xED\x95\x9C|body=\xF0\x9F\x98\x80"} << E::None
            << 0;
}

void tst_StompFrame::decode()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, frames);
    QFETCH(StompDecoder::Error, error);
    QFETCH(int, heartBeats);

    // The same input whole, byte by byte and in threes: where a chunk ends must not matter
    // (a WebSocket message may hold part of a frame or several).
    for (const int chunk : {0, 1, 3}) {
        const Decoded d = decodeAll(input, chunk);
        const QByteArray where = "chunk size " + QByteArray::number(chunk);
        QVERIFY2(d.frames == frames,
                 QByteArray(where + ": got " + d.frames.join(" // ")).constData());
        QVERIFY2(d.error == error, QByteArray(where + ": " + d.errorString.toUtf8()).constData());
        QCOMPARE(d.errorString.isEmpty(), error == StompDecoder::Error::None);
        if (error == StompDecoder::Error::None)
            QCOMPARE(d.heartBeats, heartBeats);
    }
}

void tst_StompFrame::limits_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<int>("maxHeaders");
    QTest::addColumn<int>("maxBody");
    QTest::addColumn<StompDecoder::Error>("error");
    QTest::addColumn<QString>("message");
    using E = StompDecoder::Error;

    const QByteArray line10 = "SEND\nabcd:12345\n\n\0"_b; // the header line is 10 bytes
    QTest::newRow("header line at the limit") << line10 << 10 << 8 << 8 << E::None << QString();
    QTest::newRow("header line over the limit") << line10 << 9 << 8 << 8 << E::LineTooLong
                                                << QStringLiteral("a line is longer than 9 bytes");
    QTest::newRow("endless line is refused before it ends")
            << QByteArray("SEND\n") + QByteArray(100, 'x') << 20 << 8 << 8 << E::LineTooLong
            << QStringLiteral("a line is longer than 20 bytes");
    QTest::newRow("command line counts too")
            << "DISCONNECT\n\n\0"_b << 5 << 8 << 8 << E::LineTooLong
            << QStringLiteral("a line is longer than 5 bytes");

    const QByteArray threeHeaders = "SEND\na:1\nb:2\nc:3\n\n\0"_b;
    QTest::newRow("headers at the limit") << threeHeaders << 10 << 3 << 8 << E::None << QString();
    QTest::newRow("headers over the limit") << threeHeaders << 10 << 2 << 8 << E::TooManyHeaders
                                            << QStringLiteral("more than 2 headers");

    QTest::newRow("NUL body at the limit")
            << "SEND\n\n12345678\0"_b << 10 << 3 << 8 << E::None << QString();
    QTest::newRow("NUL body over the limit")
            << "SEND\n\n123456789\0"_b << 10 << 3 << 8 << E::BodyTooLarge
            << QStringLiteral("over the limit of 8");
    QTest::newRow("endless NUL body is refused before it ends")
            << QByteArray("SEND\n\n") + QByteArray(100, 'x') << 10 << 3 << 8 << E::BodyTooLarge
            << QStringLiteral("a body is over the limit of 8 bytes");
    QTest::newRow("content-length over the limit is refused at once")
            << "SEND\ncontent-length:9\n\n"_b << 20 << 3 << 8 << E::BodyTooLarge
            << QStringLiteral("a body of 9 bytes is over the limit of 8");
    QTest::newRow("content-length at the limit") << "SEND\ncontent-length:8\n\n1234\0"
                                                    "678\0"_b
                                                 << 20 << 3 << 8 << E::None << QString();
}

void tst_StompFrame::limits()
{
    QFETCH(QByteArray, input);
    QFETCH(int, maxLine);
    QFETCH(int, maxHeaders);
    QFETCH(int, maxBody);
    QFETCH(StompDecoder::Error, error);
    QFETCH(QString, message);

    for (const int chunk : {0, 1}) {
        const Decoded d = decodeAll(input, chunk, StompLimits{maxLine, maxHeaders, maxBody});
        QVERIFY2(d.error == error, qPrintable(d.errorString));
        // The wording names the limit; a body seen whole also names its size.
        QVERIFY2(d.errorString.contains(message), qPrintable(d.errorString));
        QCOMPARE(d.errorString.isEmpty(), message.isEmpty());
        QCOMPARE(d.frames.size(), error == StompDecoder::Error::None ? 1 : 0);
    }
}

void tst_StompFrame::encode_data()
{
    QTest::addColumn<StompFrame>("frame");
    QTest::addColumn<QByteArray>("wire");
    using C = StompFrame::Command;

    QTest::newRow("no headers, no body") << StompFrame(C::Disconnect) << "DISCONNECT\n\n\0"_b;
    QTest::newRow("body gets content-length")
            << StompFrame(C::Send, {{"destination", "/topic/a"}}, "hi")
            << "SEND\ndestination:/topic/a\ncontent-length:2\n\nhi\0"_b;
    QTest::newRow("a given content-length is replaced by the body's")
            << StompFrame(C::Send, {{"content-length", "99"}, {"a", "b"}}, "x\0y"_b)
            << "SEND\na:b\ncontent-length:3\n\nx\0y\0"_b;
    QTest::newRow("SEND escapes names and values") << StompFrame(C::Send, {{"a:b", "1\r\n2\\3:4"}})
                                                   << "SEND\na\\cb:1\\r\\n2\\\\3\\c4\n\n\0"_b;
    QTest::newRow("CONNECT does not escape")
            << StompFrame(C::Connect, {{"login", "a:b\\c"}}) << "CONNECT\nlogin:a:b\\c\n\n\0"_b;
    QTest::newRow("repeated headers kept in order")
            << StompFrame(C::Message, {{"foo", "1"}, {"foo", "2"}})
            << "MESSAGE\nfoo:1\nfoo:2\n\n\0"_b;
}

void tst_StompFrame::encode()
{
    QFETCH(StompFrame, frame);
    QFETCH(QByteArray, wire);
    QCOMPARE(frame.encode(), wire);
}

void tst_StompFrame::roundTrip_data()
{
    QTest::addColumn<StompFrame>("frame");
    using C = StompFrame::Command;
    QTest::newRow("escapes") << StompFrame(C::Message, {{"k:\\\r\n", "v:\\\r\n"}, {"k", "x"}}, "b");
    QTest::newRow("binary body") << StompFrame(C::Send, {}, "\0\n\r\0"_b);
    QTest::newRow("CONNECT with a colon in a value")
            << StompFrame(C::Connect, {{"accept-version", "1.2"}, {"passcode", "a:b"}});
}

void tst_StompFrame::roundTrip()
{
    QFETCH(StompFrame, frame);
    StompDecoder decoder;
    decoder.append(frame.encode());
    StompFrame back;
    QCOMPARE(decoder.next(back), StompDecoder::Result::Frame);
    QCOMPARE(back.command, frame.command);
    QCOMPARE(back.body, frame.body);
    // encode() adds content-length for a body; everything else comes back as it went.
    back.headers.removeIf([](const StompFrame::Header &h) { return h.first == "content-length"; });
    QCOMPARE(back.headers, frame.headers);
    QCOMPARE(back.header("k"), frame.header("k"));
    QCOMPARE(decoder.next(back), StompDecoder::Result::NeedMore);
}

void tst_StompFrame::unencodable()
{
    // A CR or LF in a CONNECT header would end the line: it cannot be written, so say so.
    QVERIFY(!StompFrame(StompFrame::Command::Connect, {{"login", "a\nb"}}).canEncode());
    QVERIFY(!StompFrame(StompFrame::Command::Connect, {{"a:b", "c"}}).canEncode());
    QVERIFY(!StompFrame(StompFrame::Command::Send, {{"", "c"}}).canEncode());
    QVERIFY(!StompFrame(StompFrame::Command::Invalid).canEncode());
    // Escaping makes anything writable in other frames.
    QVERIFY(StompFrame(StompFrame::Command::Send, {{"a:b\r", "a\nb"}}).canEncode());
    QVERIFY(StompFrame(StompFrame::Command::Connect, {{"login", "a:b"}}).canEncode());
}

void tst_StompFrame::failedStaysFailed()
{
    // STOMP cannot resynchronise after a bad frame: later good bytes must not revive it.
    StompDecoder decoder;
    decoder.append("NOPE\n\n\0"_b);
    StompFrame frame;
    QCOMPARE(decoder.next(frame), StompDecoder::Result::Failed);
    decoder.append("SEND\n\n\0"_b);
    QCOMPARE(decoder.next(frame), StompDecoder::Result::Failed);
    QCOMPARE(decoder.error(), StompDecoder::Error::UnknownCommand);
    decoder.reset();
    decoder.append("SEND\n\n\0"_b);
    QCOMPARE(decoder.next(frame), StompDecoder::Result::Frame);
}

void tst_StompFrame::largeBodyInSmallPieces()
{
    // 1 MiB without content-length in 1 KiB pieces: the buffer must not keep consumed bytes.
    StompDecoder decoder;
    decoder.append("SEND\n\n"_b);
    const QByteArray piece(1024, 'x');
    StompFrame frame;
    for (int i = 0; i < 1024; ++i) {
        decoder.append(piece);
        QCOMPARE(decoder.next(frame), StompDecoder::Result::NeedMore);
    }
    decoder.append("\0\n"_b);
    QCOMPARE(decoder.next(frame), StompDecoder::Result::Frame);
    QCOMPARE(frame.body.size(), 1024 * 1024);
    QCOMPARE(decoder.next(frame), StompDecoder::Result::NeedMore);
    QCOMPARE(decoder.heartBeats(), 1);
    QCOMPARE(decoder.bufferedBytes(), 0);
}

QTEST_GUILESS_MAIN(tst_StompFrame)
#include "tst_stompframe.moc"
