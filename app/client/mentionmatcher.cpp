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
    return !name.isEmpty() && find(text, name, 0).start >= 0;
}

QList<MentionMatcher::Range> MentionMatcher::matches(QStringView text, const QString &nick)
{
    QList<Range> found;
    const QString name = nick.trimmed();
    if (name.isEmpty())
        return found;
    for (Range r = find(text, name, 0); r.start >= 0; r = find(text, name, r.start + r.length))
        found.append(r);
    return found;
}

MentionMatcher::Range MentionMatcher::find(QStringView text, const QString &name, qsizetype from)
{
    // Only where the name itself starts or ends with a word character does its neighbour have to
    // be a non-word one: "🦊 fox" is mentioned in "hi🦊 fox".
    const bool boundaryBefore = isWordChar(name.front());
    const bool boundaryAfter = isWordChar(name.back()) && !isHangul(name.back());
    while (true) {
        // Qt compares case-insensitively by simple case folding, one unit for one, so the match
        // has the name's length in the text too.
        const qsizetype at = text.indexOf(name, from, Qt::CaseInsensitive);
        if (at < 0)
            return {-1, 0};
        const qsizetype end = at + name.size();
        const bool startOk = !boundaryBefore || at == 0 || !isWordChar(text.at(at - 1));
        const bool endOk = !boundaryAfter || end >= text.size() || !isWordChar(text.at(end));
        if (startOk && endOk)
            return {at, name.size()};
        from = at + 1;
    }
}

} // namespace Parlor
