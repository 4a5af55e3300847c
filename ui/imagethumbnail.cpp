#include "imagethumbnail.h"

#include <QFile>
#include <QImageReader>

namespace Parlor {

QSize ImageThumbnail::fittedSize(QSize original, QSize bound)
{
    if (original.isEmpty() || bound.isEmpty())
        return {};
    if (original.width() <= bound.width() && original.height() <= bound.height())
        return original;
    return original.scaled(bound, Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
}

ImageThumbnail ImageThumbnail::load(const QString &path, QSize bound)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return load(&file, bound);
}

ImageThumbnail ImageThumbnail::load(QIODevice *device, QSize bound)
{
    ImageThumbnail result;
    // The whole process shares one limit; a picture from the chat never needs more than this
    // (the scaled image is small), and a handler that decodes at full size first is stopped.
    QImageReader::setAllocationLimit(allocationLimitMiB);
    QImageReader reader(device);
    reader.setAutoTransform(true);
    // The header only: no pixel is decoded before the size is known to be sane.
    const QSize size = reader.size();
    result.m_originalSize = size;
    if (!size.isValid() || size.isEmpty()) {
        result.m_error = Error::Unreadable;
        return result;
    }
    if (size.width() > maxSide || size.height() > maxSide
        || qint64(size.width()) * size.height() > maxPixels) {
        result.m_error = Error::TooLarge;
        return result;
    }
    const QSize fitted = fittedSize(size, bound);
    if (fitted != size)
        reader.setScaledSize(fitted);
    QImage image;
    if (!reader.read(&image) || image.isNull()) {
        result.m_error = Error::Corrupt;
        return result;
    }
    // A handler that ignores the scaled size (or an orientation that swapped the sides) still
    // gives at most the bound.
    if (image.width() > bound.width() || image.height() > bound.height())
        image = image.scaled(bound, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    result.m_image = image;
    result.m_error = Error::None;
    return result;
}

QString ImageThumbnail::errorText() const
{
    switch (m_error) {
    case Error::None:
        return {};
    case Error::TooLarge:
        //: %1 × %2: the width and height the picture claims, in pixels.
        return tr("Picture too large to show (%1 × %2)")
                .arg(m_originalSize.width())
                .arg(m_originalSize.height());
    case Error::Corrupt:
        return tr("The picture is damaged");
    case Error::Unreadable:
        break;
    }
    return tr("Not a picture Parlor can show");
}

} // namespace Parlor
