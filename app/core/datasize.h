#pragma once

#include <QLocale>
#include <QString>

namespace Parlor {

/// A byte count for people: "512 bytes", "1.4 kB", in the default locale's numbers.
inline QString dataSizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace Parlor
