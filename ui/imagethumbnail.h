#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QSize>
#include <QString>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace Parlor {

/// A picture shared in the chat, read safely into a small image for its row. Pictures come from
/// anyone in the room: the size a file claims is checked before anything is decoded (a tiny PNG
/// can claim 50000 × 50000 pixels and ask for gigabytes: a decompression bomb), the reader's
/// allocation is capped, and only a scaled-down image is ever made.
class ImageThumbnail
{
    Q_DECLARE_TR_FUNCTIONS(ImageThumbnail)

public:
    enum class Error {
        None,
        Unreadable, ///< no such file, or not a picture Qt can read
        TooLarge,   ///< claims more pixels than maxPixels or a side above maxSide
        Corrupt,    ///< the header was fine, the pixels were not
    };

    static constexpr qint64 maxPixels = 40'000'000;
    static constexpr int maxSide = 16384;
    /// The most memory (MiB) the reader may allocate for one picture.
    static constexpr int allocationLimitMiB = 64;
    static QSize defaultBound() { return QSize(320, 240); }

    /// Reads \a path into an image no larger than \a bound (keeping its aspect; never scaled up).
    static ImageThumbnail load(const QString &path, QSize bound = defaultBound());
    /// The same from \a device (open for reading).
    static ImageThumbnail load(QIODevice *device, QSize bound = defaultBound());

    bool isValid() const { return m_error == Error::None && !m_image.isNull(); }
    const QImage &image() const { return m_image; }
    Error error() const { return m_error; }
    /// The size the picture claims (valid even when it was refused).
    QSize originalSize() const { return m_originalSize; }
    /// The error in words for the chat ("Picture too large to show (50000 × 50000)").
    QString errorText() const;
    /// \a original scaled to fit \a bound, keeping its aspect, never larger than it is.
    static QSize fittedSize(QSize original, QSize bound);

private:
    QImage m_image;
    Error m_error = Error::Unreadable;
    QSize m_originalSize;
};

} // namespace Parlor
