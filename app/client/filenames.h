#pragma once

#include <QString>

namespace Parlor {

/// A name a room offered for a file, made safe to save under in a folder the user chose: the
/// last path component only (after `/` or `\`), control, format (Cf) and line or paragraph
/// separator characters replaced by `_`, white space trimmed, "." / ".." / empty → "file", at
/// most 255 bytes of UTF-8 with the extension kept. The name is untrusted (PROTOCOL "Files"):
/// "../../etc/passwd" becomes "passwd", "\u202Egpj.exe" becomes "_gpj.exe".
QString safeFileName(const QString &offered);

/// A file's size for people: "1.2 MB", "512 bytes" (the locale's digits and units).
QString fileSizeText(qint64 bytes);

} // namespace Parlor
