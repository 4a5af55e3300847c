#pragma once

#include <QRegularExpression>
#include <QString>

namespace Parlor {

/// Whether a line mentions a nickname: the nick as a word of its own (optionally after '@'),
/// case-insensitive, with Unicode word boundaries so that "mina" is found in "hi Mina!" and
/// "@mina", but not in "minaret" or "jasmina". One place for the rule, so the room list's
/// mention mark, notifications and the chat's highlighting agree.
class MentionMatcher
{
public:
    explicit MentionMatcher(const QString &nick = {});

    void setNick(const QString &nick);
    QString nick() const { return m_nick; }
    /// False for an empty nick: nobody is mentioned then.
    bool matches(const QString &text) const;
    /// The pattern itself, for whoever marks where the mentions are.
    const QRegularExpression &pattern() const { return m_pattern; }

private:
    QString m_nick;
    QRegularExpression m_pattern;
};

} // namespace Parlor
