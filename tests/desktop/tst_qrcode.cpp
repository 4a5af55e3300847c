// QrCode: libqrencode wrapped into a module matrix. No QR decoder is available offline, so the
// test reads back what the standard fixes in every code — finder patterns, timing patterns, the
// dark module, and the format information that carries the error correction level — and checks
// the quiet zone and the errors for input that does not fit.

#include "desktop/qrcode.h"

#include <QTest>

using Parlor::QrCode;
using namespace Qt::StringLiterals;

namespace {

// The 15 format bits, read from the copy beside the top-left finder pattern and the split copy
// beside the other two (ISO/IEC 18004 7.9); -1 when the two copies disagree.
int formatBits(const QrCode &code)
{
    const int n = code.size();
    int first = 0;
    int second = 0;
    auto set = [](int &bits, int i, bool dark) {
        bits |= int(dark) << i;
    };
    for (int i = 0; i <= 5; ++i)
        set(first, i, code.isDark(8, i));
    set(first, 6, code.isDark(8, 7));
    set(first, 7, code.isDark(8, 8));
    set(first, 8, code.isDark(7, 8));
    for (int i = 9; i < 15; ++i)
        set(first, i, code.isDark(14 - i, 8));
    for (int i = 0; i < 8; ++i)
        set(second, i, code.isDark(n - 1 - i, 8));
    for (int i = 8; i < 15; ++i)
        set(second, i, code.isDark(8, n - 15 + i));
    return first == second ? first : -1;
}

// The error correction level the format bits say, after checking their BCH code.
int levelFromFormat(int bits)
{
    bits ^= 0x5412; // the fixed mask, so that the format bits are never all light
    const int data = bits >> 10;
    int rem = data;
    for (int i = 0; i < 10; ++i)
        rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    if ((data << 10 | rem) != bits)
        return -1;
    // The two level bits: L 01, M 00, Q 11, H 10.
    switch (data >> 3) {
    case 1:
        return int(QrCode::ErrorCorrection::Low);
    case 0:
        return int(QrCode::ErrorCorrection::Medium);
    case 3:
        return int(QrCode::ErrorCorrection::Quartile);
    default:
        return int(QrCode::ErrorCorrection::High);
    }
}

// A finder pattern whose top-left module is (x, y): 7x7 dark ring, light ring, 3x3 dark core.
bool isFinder(const QrCode &code, int x, int y)
{
    for (int dy = 0; dy < 7; ++dy) {
        for (int dx = 0; dx < 7; ++dx) {
            const bool ring = dx == 0 || dy == 0 || dx == 6 || dy == 6;
            const bool core = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
            if (code.isDark(x + dx, y + dy) != (ring || core))
                return false;
        }
    }
    return true;
}

} // namespace

class tst_QrCode : public QObject
{
    Q_OBJECT

private slots:
    void aRoomAddressIsASmallCode();
    void theFixedPatternsAreInPlace();
    void theFormatSaysTheChosenLevel_data();
    void theFormatSaysTheChosenLevel();
    void theQuietZoneIsLight();
    void tooLongInputIsAClearError();
    void emptyInputIsAnError();
};

void tst_QrCode::aRoomAddressIsASmallCode()
{
    // 25 bytes: version 2 holds 26 at level M, so 25 modules a side (21 + 4 per version).
    const QrCode code = QrCode::encode("http://192.168.1.20:5870/"_ba);
    QVERIFY2(!code.isNull(), qPrintable(code.errorString()));
    QCOMPARE(code.version(), 2);
    QCOMPARE(code.size(), 25);
    QCOMPARE(code.sizeWithQuietZone(), 33);
    QCOMPARE(code.errorCorrection(), QrCode::ErrorCorrection::Medium);
    // One byte more than version 2 holds: version 3.
    QCOMPARE(QrCode::encode("http://192.168.100.20:5870/"_ba).version(), 3);
}

void tst_QrCode::theFixedPatternsAreInPlace()
{
    const QrCode code = QrCode::encode("http://[fe80::1]:5870/"_ba);
    QVERIFY(!code.isNull());
    const int n = code.size();
    QCOMPARE(n, 17 + 4 * code.version());
    QVERIFY(isFinder(code, 0, 0));
    QVERIFY(isFinder(code, n - 7, 0));
    QVERIFY(isFinder(code, 0, n - 7));
    QVERIFY(!isFinder(code, n - 7, n - 7)); // three finders, never four
    // The separators around them are light.
    for (int i = 0; i < 8; ++i) {
        QVERIFY(!code.isDark(7, i));
        QVERIFY(!code.isDark(i, 7));
        QVERIFY(!code.isDark(n - 8, i));
        QVERIFY(!code.isDark(i, n - 8));
    }
    // Timing patterns: row 6 and column 6 alternate between the finders, dark first.
    for (int i = 8; i < n - 8; ++i) {
        QCOMPARE(code.isDark(i, 6), i % 2 == 0);
        QCOMPARE(code.isDark(6, i), i % 2 == 0);
    }
    // The dark module above the bottom-left finder's separator.
    QVERIFY(code.isDark(8, n - 8));
}

void tst_QrCode::theFormatSaysTheChosenLevel_data()
{
    QTest::addColumn<QrCode::ErrorCorrection>("level");
    QTest::newRow("L") << QrCode::ErrorCorrection::Low;
    QTest::newRow("M") << QrCode::ErrorCorrection::Medium;
    QTest::newRow("Q") << QrCode::ErrorCorrection::Quartile;
    QTest::newRow("H") << QrCode::ErrorCorrection::High;
}

void tst_QrCode::theFormatSaysTheChosenLevel()
{
    QFETCH(QrCode::ErrorCorrection, level);
    const QrCode code = QrCode::encode("https://192.168.1.20:5870/"_ba, level);
    QVERIFY(!code.isNull());
    QCOMPARE(code.errorCorrection(), level);
    const int bits = formatBits(code);
    QVERIFY2(bits >= 0, "the two copies of the format information differ");
    QCOMPARE(levelFromFormat(bits), int(level));
    // The default is M: scans through glare from a screen, and a room address stays small.
    QCOMPARE(levelFromFormat(formatBits(QrCode::encode("x"_ba))),
             int(QrCode::ErrorCorrection::Medium));
}

void tst_QrCode::theQuietZoneIsLight()
{
    const QrCode code = QrCode::encode("http://10.0.0.7:5870/"_ba);
    const int n = code.size();
    QVERIFY(QrCode::quietZone >= 4);
    for (int i = -QrCode::quietZone; i < n + QrCode::quietZone; ++i) {
        for (int depth = 1; depth <= QrCode::quietZone; ++depth) {
            QVERIFY(!code.isDark(i, -depth));
            QVERIFY(!code.isDark(i, n - 1 + depth));
            QVERIFY(!code.isDark(-depth, i));
            QVERIFY(!code.isDark(n - 1 + depth, i));
        }
    }
    QVERIFY(code.isDark(0, 0)); // and the code itself starts right inside it
}

void tst_QrCode::tooLongInputIsAClearError()
{
    // The most a code holds at L (version 40, 177 modules a side)...
    const QrCode largest = QrCode::encode(QByteArray(QrCode::maxBytesAtLow, 'a'),
                                          QrCode::ErrorCorrection::Low);
    QVERIFY2(!largest.isNull(), qPrintable(largest.errorString()));
    QCOMPARE(largest.version(), 40);
    QCOMPARE(largest.size(), 177);
    // ...and one byte more, or fewer at a stronger level, is an error that says so.
    const QrCode tooLong = QrCode::encode(QByteArray(QrCode::maxBytesAtLow + 1, 'a'),
                                          QrCode::ErrorCorrection::Low);
    QVERIFY(tooLong.isNull());
    QCOMPARE(tooLong.size(), 0);
    QCOMPARE(tooLong.sizeWithQuietZone(), 0);
    QVERIFY2(tooLong.errorString().contains(u"too many"_s), qPrintable(tooLong.errorString()));
    QVERIFY(tooLong.errorString().contains(QString::number(QrCode::maxBytesAtLow + 1)));
    QVERIFY(QrCode::encode(QByteArray(2332, 'a'), QrCode::ErrorCorrection::Medium).isNull());
    QVERIFY(!tooLong.isDark(0, 0));
}

void tst_QrCode::emptyInputIsAnError()
{
    const QrCode empty = QrCode::encode(QByteArray());
    QVERIFY(empty.isNull());
    QVERIFY(!empty.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(tst_QrCode)

#include "tst_qrcode.moc"
