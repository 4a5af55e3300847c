#include "filenames.h"

#include <QLocale>

namespace Parlor {

namespace {

// Most file systems take 255 bytes for one name; the protocol allows no more either.
constexpr int maxNameBytes = 255;

bool isUnsafe(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Other_Surrogate: // an unpaired half: not a character at all
        return true;
    default:
        return false;
    }
}

// The longest start of \a text that fits \a bytes of UTF-8, never splitting a surrogate pair.
QString fitBytes(const QString &text, int bytes)
{
    QString out;
    int used = 0;
    for (const char32_t c : text.toUcs4()) {
        const int size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (used + size > bytes)
            break;
        used += size;
        out += QString::fromUcs4(&c, 1);
    }
    return out;
}

} // namespace

QString safeFileName(const QString &offered)
{
    // Only the last component: a name may not lead anywhere but into the chosen folder.
    QString name = offered;
    const qsizetype slash = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    if (slash >= 0)
        name = name.mid(slash + 1);

    // Invisible characters can make "exe.pdf" read as "pdf.exe" (U+202E) or hide a line break.
    QString cleaned;
    for (const char32_t c : name.toUcs4()) {
        if (isUnsafe(c))
            cleaned += u'_';
        else
            cleaned += QString::fromUcs4(&c, 1);
    }
    cleaned = cleaned.trimmed();
    if (cleaned.isEmpty() || cleaned == QLatin1String(".") || cleaned == QLatin1String(".."))
        return QStringLiteral("file");

    if (cleaned.toUtf8().size() <= maxNameBytes)
        return cleaned;
    // Too long: cut the stem and keep the extension, which says what the file is. An
    // "extension" longer than a few dozen bytes is no extension: cut the whole name then.
    const qsizetype dot = cleaned.lastIndexOf(u'.');
    const QString extension = dot > 0 ? cleaned.mid(dot) : QString();
    if (extension.isEmpty() || extension.toUtf8().size() > 32)
        return fitBytes(cleaned, maxNameBytes).trimmed();
    const QString stem = fitBytes(cleaned.left(dot), maxNameBytes - int(extension.toUtf8().size()));
    return stem.trimmed() + extension;
}

QString fileSizeText(qint64 bytes)
{
    // "MB", not "MiB": what people read in file managers and say aloud.
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace Parlor
