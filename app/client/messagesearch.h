#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Parlor {

class MessageModel;

/// Find in the chat: every occurrence of a plain-text query in the loaded lines of a
/// MessageModel, case- and accent-insensitive (NFKD without combining marks, case folded;
/// Hangul syllables stay whole so that they match themselves and not their jamo). Keeps up with
/// lines as they arrive. Matches are offsets into ChatLine::text; system lines are worded by the
/// view and are not searched.
class MessageSearch : public QObject
{
    Q_OBJECT

public:
    struct Match
    {
        int row = -1;
        int start = 0; ///< in ChatLine::text
        int length = 0;
        friend bool operator==(const Match &a, const Match &b)
        {
            return a.row == b.row && a.start == b.start && a.length == b.length;
        }
    };

    explicit MessageSearch(MessageModel *model = nullptr, QObject *parent = nullptr);

    /// Searches \a model from now on (nullptr: nothing).
    void setModel(MessageModel *model);

    /// Searches again for \a query (empty: no matches). The current match becomes the last one,
    /// the one nearest the bottom where the chat is read.
    void setQuery(const QString &query);
    QString query() const { return m_query; }

    int count() const { return int(m_matches.size()); }
    /// 0-based index of the current match, -1 when there is none.
    int currentIndex() const { return m_current; }
    Match current() const { return m_current >= 0 ? m_matches.at(m_current) : Match(); }
    const QList<Match> &matches() const { return m_matches; }
    /// The matches in \a row, in order (cheap: a binary search, for painting).
    QList<Match> matchesInRow(int row) const;

    /// Steps to the next (later) match, wrapping to the first.
    void next();
    /// Steps to the previous (earlier) match, wrapping to the last.
    void previous();

    /// \a text folded for comparison; \a map (if given) receives, for each folded character,
    /// the index of the character of \a text it came from.
    static QString fold(const QString &text, QList<int> *map = nullptr);

signals:
    /// The matches changed (new query, new lines, model reset).
    void matchesChanged();
    /// The current match changed (stepping, or a new query).
    void currentChanged();

private:
    void rebuild();
    void searchRows(int first, int last);
    /// Appends the matches in \a row; \a folded and \a map are scratch buffers, reused.
    void searchRow(int row, QString &folded, QList<int> &map);
    /// fold() into \a out; returns whether every character folded to exactly one.
    static bool foldInto(const QString &text, QString *out, QList<int> *map);

    QPointer<MessageModel> m_model;
    QString m_query;
    QString m_foldedQuery;
    bool m_asciiQuery = false;
    QList<Match> m_matches; ///< ordered by row, then start
    int m_current = -1;
};

} // namespace Parlor
