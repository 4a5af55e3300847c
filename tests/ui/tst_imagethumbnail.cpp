// ImageThumbnail: pictures from the chat read safely. The decompression bombs here are real PNG
// files written by the test (a valid signature, IHDR with a correct CRC claiming huge sides, a
// little IDAT): the reader must refuse them from their header, before it decodes anything.

#include "imagethumbnail.h"

#include <QBuffer>
#include <QImageReader>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Parlor;

namespace {

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xffffffffu;
}

QByteArray chunk(const char *type, const QByteArray &data)
{
    QByteArray out;
    char length[4];
    qToBigEndian<quint32>(quint32(data.size()), length);
    out.append(length, 4);
    const QByteArray body = QByteArray(type, 4) + data;
    out.append(body);
    char crc[4];
    qToBigEndian<quint32>(crc32(body), crc);
    out.append(crc, 4);
    return out;
}

/// A PNG whose header claims \a width × \a height 8-bit grey pixels; its IDAT holds only the
/// first \a rows rows (zeros: compressed to almost nothing), as a bomb's would start.
QByteArray craftedPng(quint32 width, quint32 height, int rows = 4)
{
    QByteArray ihdr(13, '\0');
    qToBigEndian<quint32>(width, ihdr.data());
    qToBigEndian<quint32>(height, ihdr.data() + 4);
    ihdr[8] = 8;  // bit depth
    ihdr[9] = 0;  // greyscale
    ihdr[10] = 0; // deflate
    ihdr[11] = 0; // adaptive filtering
    ihdr[12] = 0; // no interlace
    const QByteArray raw(qsizetype(rows) * (qsizetype(width) + 1), '\0');
    const QByteArray zlib = qCompress(raw, 9).mid(4); // qCompress puts the length first
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", zlib)
           + chunk("IEND", {});
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

} // namespace

class tst_ImageThumbnail : public QObject
{
    Q_OBJECT

private slots:
    void craftedPngIsAPng()
    {
        // The crafted file must be one Qt takes for a PNG of that size, or the bomb tests below
        // would pass for the wrong reason.
        QByteArray bytes = craftedPng(50000, 50000);
        QBuffer buffer(&bytes);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        QImageReader reader(&buffer);
        QCOMPARE(reader.format(), QByteArray("png"));
        QCOMPARE(reader.size(), QSize(50000, 50000));
        QVERIFY(bytes.size() < 1000); // a bomb is small
    }

    void bombIsRefusedFromItsHeader_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("50000 × 50000") << 50000 << 50000;
        QTest::newRow("side above 16384") << 16385 << 1;
        QTest::newRow("tall side above 16384") << 2 << 20000;
        QTest::newRow("7000 × 7000 is 49 megapixels") << 7000 << 7000;
    }

    void bombIsRefusedFromItsHeader()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("bomb.png"), craftedPng(width, height));
        QVERIFY(!path.isEmpty());
        const ImageThumbnail t = ImageThumbnail::load(path);
        QVERIFY(!t.isValid());
        QVERIFY(t.image().isNull());
        QCOMPARE(t.error(), ImageThumbnail::Error::TooLarge);
        QCOMPARE(t.originalSize(), QSize(width, height));
        QVERIFY(t.errorText().contains(QString::number(width)));
    }

    void largestAllowedIsRead()
    {
        // 16384 × 2: on the limit, not over it; decoded (scaled) from a real, tiny file.
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("wide.png"), craftedPng(16384, 2, 2));
        const ImageThumbnail t = ImageThumbnail::load(path);
        QCOMPARE(t.error(), ImageThumbnail::Error::None);
        QVERIFY(t.image().width() <= 320);
    }

    void scaledKeepingAspect_data()
    {
        QTest::addColumn<QSize>("original");
        QTest::addColumn<QSize>("expected");
        QTest::newRow("wide") << QSize(1000, 500) << QSize(320, 160);
        QTest::newRow("tall") << QSize(600, 1200) << QSize(120, 240);
        QTest::newRow("small is not enlarged") << QSize(100, 80) << QSize(100, 80);
        QTest::newRow("exactly the bound") << QSize(320, 240) << QSize(320, 240);
    }

    void scaledKeepingAspect()
    {
        QFETCH(QSize, original);
        QFETCH(QSize, expected);
        QImage image(original, QImage::Format_RGB32);
        image.fill(QColor(0x30, 0x80, 0xc0));
        QPainter(&image).fillRect(QRect(QPoint(0, 0), original / 2), Qt::yellow);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.png"));
        QVERIFY(image.save(path));
        const ImageThumbnail t = ImageThumbnail::load(path);
        QVERIFY(t.isValid());
        QCOMPARE(t.image().size(), expected);
        QCOMPARE(t.originalSize(), original);
        // The top-left quarter is still yellow: the picture was scaled, not cropped or blank.
        QCOMPARE(QColor(t.image().pixel(2, 2)), QColor(Qt::yellow));
    }

    void notAPicture()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("x.png"), "just some text\n");
        const ImageThumbnail t = ImageThumbnail::load(path);
        QCOMPARE(t.error(), ImageThumbnail::Error::Unreadable);
        QCOMPARE(ImageThumbnail::load(dir.filePath(QStringLiteral("missing.png"))).error(),
                 ImageThumbnail::Error::Unreadable);
    }

    void truncatedPictureIsDamaged()
    {
        // Noise, so that the pixels take most of the file and a cut falls among them.
        QImage image(200, 200, QImage::Format_RGB32);
        quint32 seed = 1;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                seed = seed * 1664525u + 1013904223u;
                image.setPixel(x, y, seed >> 8);
            }
        }
        QByteArray bytes;
        QBuffer buffer(&bytes);
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(image.save(&buffer, "PNG"));
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("cut.png"), bytes.left(bytes.size() / 2));
        const ImageThumbnail t = ImageThumbnail::load(path);
        QVERIFY(!t.isValid());
        QCOMPARE(t.error(), ImageThumbnail::Error::Corrupt);
    }

    void allocationLimitIsSet()
    {
        QImageReader::setAllocationLimit(1024);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("b.png"), craftedPng(100, 100, 100));
        ImageThumbnail::load(path);
        QCOMPARE(QImageReader::allocationLimit(), ImageThumbnail::allocationLimitMiB);
    }
};

QTEST_MAIN(tst_ImageThumbnail)
#include "tst_imagethumbnail.moc"
