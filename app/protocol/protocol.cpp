#include "protocol.h"

#include <QStringView>

#include <algorithm>

namespace Parlor {

namespace {

struct ErrorName
{
    ErrorCode code;
    const char *name;
};

constexpr ErrorName errorNames[] = {
        {ErrorCode::BadJson, "bad-json"},
        {ErrorCode::BadMessage, "bad-message"},
        {ErrorCode::UnknownType, "unknown-type"},
        {ErrorCode::BadField, "bad-field"},
        {ErrorCode::NotJoined, "not-joined"},
        {ErrorCode::AlreadyJoined, "already-joined"},
        {ErrorCode::NickInvalid, "nick-invalid"},
        {ErrorCode::NickTaken, "nick-taken"},
        {ErrorCode::Auth, "auth"},
        {ErrorCode::RateLimited, "rate-limited"},
        {ErrorCode::Duplicate, "duplicate"},
        {ErrorCode::RoomFull, "room-full"},
        {ErrorCode::NotStored, "not-stored"},
        {ErrorCode::BadReply, "bad-reply"},
        {ErrorCode::BadFileName, "bad-file-name"},
        {ErrorCode::FileTooLarge, "file-too-large"},
        {ErrorCode::BadChunk, "bad-chunk"},
        {ErrorCode::NoFile, "no-file"},
        {ErrorCode::StoreFull, "store-full"},
};

int codePointCount(const QString &s)
{
    int n = 0;
    for (auto it = s.cbegin(); it != s.cend(); ++it) {
        if (it->isHighSurrogate() && it + 1 != s.cend() && (it + 1)->isLowSurrogate())
            ++it;
        ++n;
    }
    return n;
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto &e : errorNames) {
        if (e.code == code)
            return QString::fromLatin1(e.name);
    }
    // Every code has a name (a test walks the enum); this only guards a forgotten one.
    return QStringLiteral("error");
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (const auto &e : errorNames) {
        if (name == QLatin1String(e.name))
            return e.code;
    }
    return std::nullopt;
}

std::optional<QString> nickProblem(const QString &nick, int maxLength)
{
    if (nick.isEmpty())
        return QStringLiteral("the nickname is empty");
    // toUcs4() below would turn a lone surrogate into U+FFFD and let it through; strict JSON
    // parsers then reject what the room sends back.
    if (!QStringView(nick).isValidUtf16())
        return QStringLiteral("the nickname contains an unpaired surrogate");
    if (codePointCount(nick) > maxLength)
        return QStringLiteral("the nickname is longer than %1 characters").arg(maxLength);
    if (nick.front().isSpace() || nick.back().isSpace())
        return QStringLiteral("the nickname starts or ends with white space");
    for (const char32_t c : nick.toUcs4()) {
        switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_Surrogate:
        case QChar::Other_NotAssigned:
        case QChar::Other_PrivateUse:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            return QStringLiteral("the nickname contains a control or invisible character (U+%1)")
                    .arg(QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'));
        default:
            break;
        }
        // Characters that render as nothing although they are not in a "format" category.
        if (c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800)
            return QStringLiteral("the nickname contains an invisible character");
    }
    return std::nullopt;
}

std::optional<QString> textProblem(const QString &text, int maxLength)
{
    if (!QStringView(text).isValidUtf16())
        return QStringLiteral("the text contains an unpaired surrogate");
    // Only white space or invisible format characters (e.g. U+200B) would be an empty message.
    const bool visible = std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return !c.isSpace() && c.category() != QChar::Other_Format;
    });
    if (!visible)
        return QStringLiteral("the text is empty");
    if (codePointCount(text) > maxLength)
        return QStringLiteral("the text is longer than %1 characters").arg(maxLength);
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\t' && c != u'\r')
            return QStringLiteral("the text contains a control character");
    }
    return std::nullopt;
}

std::optional<QString> idProblem(const QString &id, int maxLength)
{
    if (id.isEmpty())
        return QStringLiteral("the id is empty");
    if (id.size() > maxLength)
        return QStringLiteral("the id is longer than %1 characters").arg(maxLength);
    for (const QChar c : id) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7E)
            return QStringLiteral("the id may contain only printable ASCII characters");
    }
    return std::nullopt;
}

std::optional<QString> fileNameProblem(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("the file name is empty");
    if (!QStringView(name).isValidUtf16())
        return QStringLiteral("the file name contains an unpaired surrogate");
    if (utf8Size(name) > 255)
        return QStringLiteral("the file name is longer than 255 bytes");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return QStringLiteral("the file name is \"%1\"").arg(name);
    if (name.front().isSpace() || name.back().isSpace())
        return QStringLiteral("the file name starts or ends with white space");
    for (const char32_t c : name.toUcs4()) {
        // A name is shown and saved on the members' machines: a separator could point the save
        // elsewhere, and invisible or reordering characters (U+202E) could disguise "gpj.exe".
        if (c == u'/' || c == u'\\')
            return QStringLiteral("the file name contains a path separator");
        switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            return QStringLiteral("the file name contains a control or invisible character (U+%1)")
                    .arg(QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'));
        default:
            break;
        }
    }
    return std::nullopt;
}

std::optional<QString> mimeProblem(const QString &mime)
{
    if (mime.isEmpty() || mime.size() > 127)
        return QStringLiteral("the mime type must have 1 to 127 characters");
    for (const QChar c : mime) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7E)
            return QStringLiteral("the mime type may contain only printable ASCII characters");
    }
    const qsizetype slash = mime.indexOf(u'/');
    if (slash <= 0 || slash == mime.size() - 1 || mime.indexOf(u'/', slash + 1) >= 0)
        return QStringLiteral("the mime type must have the form type/subtype");
    return std::nullopt;
}

bool isFileKey(QStringView key)
{
    if (key.size() != 33 || key.front() != u'f')
        return false;
    return std::all_of(key.begin() + 1, key.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
    });
}

int fileChunkBytesFor(int maxMessageBytes)
{
    // 512 bytes for the JSON around the base64 (type, id, offset); base64 makes 4 of every 3.
    const qint64 fits = (qint64(maxMessageBytes) - 512) * 3 / 4;
    const qint64 chunk = std::min<qint64>(MaxFileChunkBytes, fits - fits % 3);
    return int(std::max<qint64>(chunk, 0));
}

QString replyExcerpt(const QString &text)
{
    // One line: a quote is shown above the reply in a single row of the chat and of the CLI.
    const QString flat = text.simplified();
    int chars = 0;
    qsizetype at = 0;
    while (at < flat.size() && chars < ReplyExcerptLength) {
        at += flat.at(at).isHighSurrogate() && at + 1 < flat.size()
                              && flat.at(at + 1).isLowSurrogate()
                      ? 2
                      : 1;
        ++chars;
    }
    if (at >= flat.size())
        return flat;
    return flat.left(at) + QChar(0x2026);
}

QString nickKey(const QString &nick)
{
    // Compatibility-normalized first, so "é" typed two ways, or fullwidth "Ｍｉｎａ", cannot pose
    // as a different person.
    return nick.normalized(QString::NormalizationForm_KC).toCaseFolded();
}

qsizetype utf8Size(QStringView text)
{
    qsizetype size = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80) {
            size += 1;
        } else if (c < 0x800) {
            size += 2;
        } else if (QChar::isHighSurrogate(c) && i + 1 < text.size()
                   && QChar::isLowSurrogate(text[i + 1].unicode())) {
            size += 4;
            ++i;
        } else if (QChar::isSurrogate(c)) {
            size += 1; // unpaired: QString::toUtf8() writes '?'
        } else {
            size += 3;
        }
    }
    return size;
}

} // namespace Parlor
