#pragma once

#include <QHash>
#include <QRegularExpression>
#include <QStyledItemDelegate>

namespace Parlor {

class MessageSearch;

/// Paints one chat line: day separators, a sender header for the first of consecutive messages,
/// wrapped plain text (never HTML) with links and mentions, own messages tinted with their
/// delivery mark, system lines apart, and the "new messages" marker. Row heights are cached per
/// width, so a long chat is measured once, not on every layout.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit MessageDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    void setMyNick(const QString &nick);
    void setTimeFormat(const QString &format);
    /// The row above which "new messages" is drawn; -1 for none.
    void setUnreadRow(int row);
    /// Find in the chat: its matches are highlighted, the current one distinctly.
    void setSearch(const MessageSearch *search) { m_search = search; }
    int unreadRow() const { return m_unreadRow; }

    /// The link under \a pos (view coordinates inside option.rect), if any.
    QString linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const QPoint &pos) const;
    /// Whether \a pos is on the delivery mark of a failed own message.
    bool isOnFailedMark(const QStyleOptionViewItem &option, const QModelIndex &index,
                        const QPoint &pos) const;
    /// Whether \a pos is on the quote a reply shows above its text.
    bool isOnQuote(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const QPoint &pos) const;
    /// The quote's words: "nick: start of the text", or that it is no longer available.
    static QString quoteText(const QModelIndex &index);
    /// A row drawn highlighted for a moment (a quote's target was shown); -1 for none.
    void setFlashRow(int row) { m_flashRow = row; }
    int flashRow() const { return m_flashRow; }
    bool mentionsMe(const QString &text) const;

    /// Forget cached sizes (rows changed, fonts changed, or the width changed).
    void invalidate();
    void invalidateRows(int first, int last);

    /// The words of a system line, for painting and for copying.
    static QString systemText(const QModelIndex &index);
    /// "[HH:mm] nick: text" for the clipboard.
    QString plainText(const QModelIndex &index) const;

private:
    struct Layout;
    /// Everything but the text's height unless \a measure (the costly part: shaping).
    Layout layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index,
                     bool measure = true) const;

    QString m_myNick;
    QRegularExpression m_mention;
    QString m_timeFormat = QStringLiteral("HH:mm");
    int m_unreadRow = -1;
    int m_flashRow = -1;
    const MessageSearch *m_search = nullptr;
    mutable int m_cachedWidth = -1;
    mutable QHash<int, int> m_heights;
};

} // namespace Parlor
