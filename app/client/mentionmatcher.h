#pragma once

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
};

} // namespace Parlor
