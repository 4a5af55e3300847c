#include "mentionmatcher.h"

namespace Parlor {

MentionMatcher::MentionMatcher(const QString &nick)
{
    setNick(nick);
}

void MentionMatcher::setNick(const QString &nick)
{
    m_nick = nick;
    // Lookarounds rather than \b: a nick may begin or end with a character that is not a word
    // character ("mina_", "[bot]"), where \b would not stand.
    m_pattern = QRegularExpression(QStringLiteral("(?<![\\w@])@?%1(?!\\w)")
                                           .arg(QRegularExpression::escape(nick)),
                                   QRegularExpression::CaseInsensitiveOption
                                           | QRegularExpression::UseUnicodePropertiesOption);
}

bool MentionMatcher::matches(const QString &text) const
{
    return !m_nick.isEmpty() && m_pattern.match(text).hasMatch();
}

} // namespace Parlor
