#pragma once

#include <QString>

namespace Parlor {

/// \a text with line breaks and tabs turned into spaces, for a table cell or a one-line summary
/// (a peer's close reason, a message preview) that must not break the row it stands in.
inline QString oneLine(QString text)
{
    for (QChar &c : text) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    return text;
}

} // namespace Parlor
