#pragma once

#include "client/connectionevent.h"
#include "eventlogmodel.h"

#include <QRegularExpression>
#include <QSortFilterProxyModel>

namespace Parlor {

/// The filter bar of the Frames tab, over an EventLogModel: by direction, by kind and opcode, and
/// by a search in each row's summary and preview, as a case-insensitive substring or a regular
/// expression. All criteria must match. An invalid expression filters nothing (the other
/// criteria still apply) and isSearchValid()/searchError() say why, for the UI to show.
/// Sorting by the Time column sorts by seq, by Size numerically.
class FrameFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using Direction = EventLogModel::Direction;
    using Opcode = EventLogModel::Opcode;
    using Kind = ConnectionEvent::Kind;

    enum class DirectionFilter {
        Both, ///< every row, local events too
        In,   ///< received only
        Out,  ///< sent only
    };
    Q_ENUM(DirectionFilter)

    enum class SearchMode { Substring, RegularExpression };
    Q_ENUM(SearchMode)

    explicit FrameFilter(QObject *parent = nullptr);

    void setDirectionFilter(DirectionFilter filter);
    DirectionFilter directionFilter() const { return m_direction; }

    /// Only rows of these kinds; empty: every kind.
    void setKinds(const QList<Kind> &kinds);
    QList<Kind> kinds() const;
    /// Only rows with these opcodes (Opcode::None: rows without one); empty: every opcode.
    void setOpcodes(const QList<Opcode> &opcodes);
    QList<Opcode> opcodes() const;

    /// Hides the events up to and including \a seq ("clear" in a view: the log itself, and so
    /// the timeline, the health counters and an export, keep them). 0 shows everything.
    void setShowAfterSeq(qint64 seq);
    qint64 showAfterSeq() const { return m_afterSeq; }

    /// The search over SummaryRole and PreviewRole; empty: no search.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }
    void setSearchMode(SearchMode mode);
    SearchMode searchMode() const { return m_mode; }
    /// Qt::CaseInsensitive by default, for both modes.
    void setSearchCaseSensitivity(Qt::CaseSensitivity sensitivity);
    Qt::CaseSensitivity searchCaseSensitivity() const { return m_case; }

    /// False when the search is an invalid regular expression (and therefore not applied).
    bool isSearchValid() const { return m_valid; }
    /// Translated description of the problem ("" when valid), with its position.
    QString searchError() const;
    /// The character offset of the problem in the expression, -1 when valid.
    int searchErrorOffset() const { return m_valid ? -1 : m_regex.patternErrorOffset(); }

signals:
    void searchValidChanged(bool valid);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void updateSearch();

    DirectionFilter m_direction = DirectionFilter::Both;
    quint32 m_kindMask = 0;   ///< bit (1 << int(Kind)); 0: all
    quint32 m_opcodeMask = 0; ///< bit (1 << int(Opcode)); 0: all
    QString m_searchText;
    SearchMode m_mode = SearchMode::Substring;
    Qt::CaseSensitivity m_case = Qt::CaseInsensitive;
    QRegularExpression m_regex;
    bool m_valid = true;
    qint64 m_afterSeq = 0;
};

} // namespace Parlor
