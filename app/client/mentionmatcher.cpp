#include "mentionmatcher.h"

namespace Parlor {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c.isMark();
}

bool isHangul(QChar c)
{
    return c.script() == QChar::Script_Hangul;
}

} // namespace

bool MentionMatcher::mentions(QStringView text, const QString &nick)
{
    const QString name = nick.trimmed();
    if (name.isEmpty())
        return false;
    // Only where the name itself starts or ends with a word character does its neighbour have to
    // be a non-word one: "🦊 fox" is mentioned in "hi🦊 fox".
    const bool boundaryBefore = isWordChar(name.front());
    const bool boundaryAfter = isWordChar(name.back()) && !isHangul(name.back());
    qsizetype from = 0;
    while (true) {
        // Qt compares case-insensitively by simple case folding, one unit for one, so the match
        // has the name's length in the text too.
        const qsizetype at = text.indexOf(name, from, Qt::CaseInsensitive);
        if (at < 0)
            return false;
        const qsizetype end = at + name.size();
        const bool startOk = !boundaryBefore || at == 0 || !isWordChar(text.at(at - 1));
        const bool endOk = !boundaryAfter || end >= text.size() || !isWordChar(text.at(end));
        if (startOk && endOk)
            return true;
        from = at + 1;
    }
}

} // namespace Parlor
