#include "framefilter.h"

namespace Parlor {

FrameFilter::FrameFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void FrameFilter::setDirectionFilter(DirectionFilter filter)
{
    if (filter == m_direction)
        return;
    m_direction = filter;
    invalidateFilter();
}

void FrameFilter::setKinds(const QList<Kind> &kinds)
{
    quint32 mask = 0;
    for (Kind kind : kinds)
        mask |= 1u << int(kind);
    if (mask == m_kindMask)
        return;
    m_kindMask = mask;
    invalidateFilter();
}

QList<FrameFilter::Kind> FrameFilter::kinds() const
{
    QList<Kind> result;
    for (int bit = 0; bit < 32; ++bit) {
        if (m_kindMask & (1u << bit))
            result.append(Kind(bit));
    }
    return result;
}

void FrameFilter::setOpcodes(const QList<Opcode> &opcodes)
{
    quint32 mask = 0;
    for (Opcode opcode : opcodes)
        mask |= 1u << int(opcode);
    if (mask == m_opcodeMask)
        return;
    m_opcodeMask = mask;
    invalidateFilter();
}

QList<FrameFilter::Opcode> FrameFilter::opcodes() const
{
    QList<Opcode> result;
    for (int bit = 0; bit < 32; ++bit) {
        if (m_opcodeMask & (1u << bit))
            result.append(Opcode(bit));
    }
    return result;
}

void FrameFilter::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    updateSearch();
}

void FrameFilter::setSearchMode(SearchMode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    updateSearch();
}

void FrameFilter::setSearchCaseSensitivity(Qt::CaseSensitivity sensitivity)
{
    if (sensitivity == m_case)
        return;
    m_case = sensitivity;
    updateSearch();
}

void FrameFilter::updateSearch()
{
    bool valid = true;
    if (m_mode == SearchMode::RegularExpression) {
        m_regex = QRegularExpression(m_searchText,
                                     m_case == Qt::CaseInsensitive
                                             ? QRegularExpression::CaseInsensitiveOption
                                             : QRegularExpression::NoPatternOption);
        valid = m_regex.isValid();
    } else {
        m_regex = QRegularExpression();
    }
    const bool validityChanged = valid != m_valid;
    m_valid = valid;
    invalidateFilter();
    if (validityChanged)
        emit searchValidChanged(valid);
}

QString FrameFilter::searchError() const
{
    if (m_valid)
        return {};
    // QRegularExpression translates its own message (context "QRegularExpression").
    return tr("Invalid regular expression at position %1: %2")
            .arg(m_regex.patternErrorOffset())
            .arg(m_regex.errorString());
}

void FrameFilter::setShowAfterSeq(qint64 seq)
{
    if (m_afterSeq == seq)
        return;
    m_afterSeq = seq;
    invalidateFilter();
}

bool FrameFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_afterSeq > 0 && index.data(EventLogModel::SeqRole).toLongLong() <= m_afterSeq)
        return false;
    if (m_direction != DirectionFilter::Both) {
        const auto direction = index.data(EventLogModel::DirectionRole).value<Direction>();
        const Direction wanted = m_direction == DirectionFilter::In ? Direction::In
                                                                    : Direction::Out;
        if (direction != wanted)
            return false;
    }
    if (m_kindMask) {
        const int kind = index.data(EventLogModel::KindRole).toInt();
        if (!(m_kindMask & (1u << kind)))
            return false;
    }
    if (m_opcodeMask) {
        const auto opcode = index.data(EventLogModel::OpcodeRole).value<Opcode>();
        if (!(m_opcodeMask & (1u << int(opcode))))
            return false;
    }
    // An invalid expression filters nothing: the rows stay while the user is still typing it.
    if (m_searchText.isEmpty() || !m_valid)
        return true;
    for (const int role : {int(EventLogModel::SummaryRole), int(EventLogModel::PreviewRole)}) {
        const QString text = index.data(role).toString();
        const bool match = m_mode == SearchMode::RegularExpression
                                   ? m_regex.match(text).hasMatch()
                                   : text.contains(m_searchText, m_case);
        if (match)
            return true;
    }
    return false;
}

bool FrameFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    switch (left.column()) {
    case EventLogModel::TimeColumn:
        // "HH:mm:ss.zzz" does not sort across midnight; the log's order does.
        return left.data(EventLogModel::SeqRole).toLongLong()
               < right.data(EventLogModel::SeqRole).toLongLong();
    case EventLogModel::SizeColumn: {
        // Rows without a payload sort before empty payloads.
        const auto size = [](const QModelIndex &i) {
            const QVariant v = i.data(EventLogModel::SizeRole);
            return v.isValid() ? v.toLongLong() : -1;
        };
        return size(left) < size(right);
    }
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace Parlor
