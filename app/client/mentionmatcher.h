#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Parlor {

/// Whether a chat line names someone: the nickname as a word of its own, in any case
/// ("Mina", "@mina", "mina: hi"), not inside another word ("minamoto").
class MentionMatcher
{
public:
    /// Whether \a text mentions \a nick. A nickname that ends in a Hangul syllable may be
    /// followed by anything: Korean attaches particles and titles to the name ("미나야",
    /// "미나님", "미나는"), so the name is still a word of its own there.
    static bool mentions(QStringView text, const QString &nick);

    struct Range
    {
        qsizetype start = 0;
        qsizetype length = 0;
        bool operator==(const Range &o) const { return start == o.start && length == o.length; }
    };
    /// Where \a text mentions \a nick, by the same rule as mentions(): the name itself in each
    /// place (a Korean particle after it, or an "@" before it, is not part of it).
    static QList<Range> matches(QStringView text, const QString &nick);

private:
    /// The first mention at or after \a from; start -1 when there is none.
    static Range find(QStringView text, const QString &name, qsizetype from);
};

} // namespace Parlor
