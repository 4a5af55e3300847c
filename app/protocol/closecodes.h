#pragma once

#include <QString>

namespace Parlor {

/// RFC 6455 close codes (section 7.4) and the IANA registry: names and one-line meanings, in
/// English. The UI translates the meanings (they are marked with QT_TRANSLATE_NOOP in the
/// "CloseCodes" context).
class CloseCodes
{
public:
    /// The registered name, e.g. "Normal Closure"; "Application" for 4000-4999, "Registered"
    /// for 3000-3999, "Unknown" otherwise.
    static QString name(int code);
    /// A one-line meaning, untranslated (use QCoreApplication::translate("CloseCodes", ...)).
    static const char *meaning(int code);
    /// Whether the code may appear on the wire (1005, 1006 and 1015 are local only).
    static bool isSendable(int code);
    /// \a reason cut to what a close frame can carry (123 UTF-8 bytes), at a character boundary
    /// so the frame stays valid UTF-8.
    static QString clippedReason(const QString &reason);
    static constexpr int MaxReasonBytes = 123;
};

} // namespace Parlor
