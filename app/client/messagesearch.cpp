#include "messagesearch.h"

#include "messagemodel.h"

#include <QHash>

#include <algorithm>
#include <utility>

namespace Parlor {

namespace {

bool isAscii(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

bool isHangulSyllable(char16_t c)
{
    return c >= 0xAC00 && c <= 0xD7A3;
}

// One UTF-16 unit folded: NFKD, combining marks dropped, case folded. Cached per thread: the
// same few hundred characters come back in every line, and normalizing is the costly part.
const QString &foldChar(char16_t c)
{
    thread_local QHash<char16_t, QString> cache;
    auto it = cache.constFind(c);
    if (it != cache.cend())
        return *it;
    QString folded;
    const QString decomposed = QString(QChar(c)).normalized(QString::NormalizationForm_KD);
    for (const QChar d : decomposed) {
        const auto category = d.category();
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
            || category == QChar::Mark_Enclosing)
            continue;
        folded.append(d);
    }
    folded = folded.toCaseFolded();
    return *cache.insert(c, folded);
}

} // namespace

MessageSearch::MessageSearch(MessageModel *model, QObject *parent)
    : QObject(parent)
{
    setModel(model);
}

void MessageSearch::setModel(MessageModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    if (!model) {
        rebuild();
        return;
    }
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                if (m_foldedQuery.isEmpty())
                    return;
                const bool hadCurrent = m_current >= 0;
                const qsizetype before = m_matches.size();
                // Rows are only ever appended by MessageModel; anything else: start over.
                if (!m_matches.isEmpty() && m_matches.constLast().row >= first) {
                    rebuild();
                    return;
                }
                searchRows(first, last);
                if (m_matches.size() == before)
                    return;
                emit matchesChanged();
                if (!hadCurrent) {
                    m_current = 0;
                    emit currentChanged();
                }
            });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { rebuild(); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { rebuild(); });
    rebuild();
}

QString MessageSearch::fold(const QString &text, QList<int> *map)
{
    QString out;
    foldInto(text, &out, map);
    return out;
}

bool MessageSearch::foldInto(const QString &text, QString *out, QList<int> *map)
{
    out->resize(0); // keeps the capacity: one buffer serves every line of a search
    out->reserve(text.size());
    if (map) {
        map->clear();
        map->reserve(text.size());
    }
    bool oneToOne = true;
    for (int i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < 0x80) {
            out->append(QChar(c >= 'A' && c <= 'Z' ? c + 32 : c));
            if (map)
                map->append(i);
        } else if (isHangulSyllable(c) || QChar::isSurrogate(c)) {
            // A syllable matches itself, not its jamo; surrogates (emoji) are kept as they are.
            out->append(QChar(c));
            if (map)
                map->append(i);
        } else {
            const QString &f = foldChar(c);
            out->append(f);
            oneToOne = oneToOne && f.size() == 1;
            if (map) {
                for (qsizetype k = 0; k < f.size(); ++k)
                    map->append(i);
            }
        }
    }
    return oneToOne;
}

void MessageSearch::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    const QString previous = m_foldedQuery;
    m_query = query;
    m_foldedQuery = fold(query);
    m_asciiQuery = isAscii(m_foldedQuery);
    if (!previous.isEmpty() && m_foldedQuery.size() > previous.size()
        && m_foldedQuery.startsWith(previous) && m_model) {
        // Typing on: every occurrence of the longer query starts an occurrence of the shorter
        // one in the same folded text, so only the rows that matched need searching again.
        // The matches always follow the model, so those rows are current.
        QList<int> rows;
        for (const Match &m : std::as_const(m_matches)) {
            if (rows.isEmpty() || rows.constLast() != m.row)
                rows.append(m.row);
        }
        m_matches.clear();
        m_current = -1;
        QString folded;
        QList<int> map;
        for (const int row : std::as_const(rows))
            searchRow(row, folded, map);
        if (!m_matches.isEmpty())
            m_current = int(m_matches.size()) - 1;
        emit matchesChanged();
        emit currentChanged();
        return;
    }
    rebuild();
}

void MessageSearch::rebuild()
{
    m_matches.clear();
    m_current = -1;
    if (m_model && !m_foldedQuery.isEmpty() && m_model->rowCount() > 0)
        searchRows(0, m_model->rowCount() - 1);
    if (!m_matches.isEmpty())
        m_current = int(m_matches.size()) - 1;
    emit matchesChanged();
    emit currentChanged();
}

void MessageSearch::searchRows(int first, int last)
{
    QString folded;
    QList<int> map;
    for (int row = first; row <= last; ++row)
        searchRow(row, folded, map);
}

void MessageSearch::searchRow(int row, QString &folded, QList<int> &map)
{
    const QString &needle = m_foldedQuery;
    if (m_model->kindAt(row) == ChatLine::Kind::System)
        return;
    const QString &text = m_model->textAt(row);
    if (isAscii(text)) {
        // Fast path, most English lines: folding ASCII is lower-casing, offsets do not move.
        if (!m_asciiQuery)
            return;
        qsizetype from = 0;
        while ((from = text.indexOf(needle, from, Qt::CaseInsensitive)) >= 0) {
            m_matches.append({row, int(from), int(needle.size())});
            from += needle.size();
        }
        return;
    }
    // Most lines have no match: fold without the offset map first, and only when the folding
    // was one character for one (no ß → ss, no dropped marks) can the offsets be taken as they
    // are; otherwise fold again with the map.
    const bool oneToOne = foldInto(text, &folded, nullptr);
    qsizetype from = folded.indexOf(needle);
    if (from < 0)
        return;
    if (oneToOne) {
        while (from >= 0) {
            m_matches.append({row, int(from), int(needle.size())});
            from = folded.indexOf(needle, from + needle.size());
        }
        return;
    }
    foldInto(text, &folded, &map);
    from = 0;
    while ((from = folded.indexOf(needle, from)) >= 0) {
        const int start = map.at(from);
        // Up to where the next folded character starts: a combining mark that folding
        // dropped (e + U+0301) belongs to the match.
        const qsizetype after = from + needle.size();
        const int end = std::max(map.at(after - 1) + 1,
                                 after < folded.size() ? map.at(after) : int(text.size()));
        m_matches.append({row, start, end - start});
        from += needle.size();
    }
}

QList<MessageSearch::Match> MessageSearch::matchesInRow(int row) const
{
    auto lo = std::lower_bound(m_matches.cbegin(), m_matches.cend(), row,
                               [](const Match &m, int r) { return m.row < r; });
    QList<Match> out;
    for (auto it = lo; it != m_matches.cend() && it->row == row; ++it)
        out.append(*it);
    return out;
}

void MessageSearch::next()
{
    if (m_matches.isEmpty())
        return;
    m_current = (m_current + 1) % int(m_matches.size());
    emit currentChanged();
}

void MessageSearch::previous()
{
    if (m_matches.isEmpty())
        return;
    m_current = m_current <= 0 ? int(m_matches.size()) - 1 : m_current - 1;
    emit currentChanged();
}

} // namespace Parlor
