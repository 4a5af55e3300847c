#pragma once

#include <QHash>
#include <QStyledItemDelegate>

QT_BEGIN_NAMESPACE
class QTextLayout;
QT_END_NAMESPACE

namespace Parlor {

class ChatFiles;
class ChatSelection;
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
    /// The chat's text selection: its part of each row is drawn highlighted.
    void setSelection(const ChatSelection *selection) { m_selection = selection; }
    /// Where file rows find their thumbnails and transfers (nullptr: cards without them).
    void setFiles(const ChatFiles *files) { m_files = files; }

    /// A shared file is drawn as a card: its picture's thumbnail (when fetched), an icon, its
    /// name and size, a Save button and, while it moves, a progress bar.
    /// The card of \a index (view coordinates); empty for a row that is no file.
    QRect fileCardRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    /// The card's Save button; empty when it has none (not announced yet, no longer kept).
    QRect saveButtonRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    /// The thumbnail in the card; empty when there is none.
    QRect thumbnailRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    /// The card's second line: the size, the progress, or why there is nothing to show.
    QString fileStatusText(const QModelIndex &index) const;

    /// The text a row shows (what text positions count in): the message ("* nick waves" for
    /// an action), or a system line's words.
    static QString shownText(const QModelIndex &index);
    /// The text position under \a pos (view coordinates): the nearest character boundary; above
    /// the text (day separator, header, quote) 0, below it the end.
    int textPositionAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                       const QPoint &pos) const;
    /// Where the text cursor at position \a textPos is drawn (view coordinates): one pixel wide,
    /// a line high.
    QRect cursorRect(const QStyleOptionViewItem &option, const QModelIndex &index,
                     int textPos) const;
    /// Whether \a pos is on the row's text (not on its margins, header or quote).
    bool isOnText(const QStyleOptionViewItem &option, const QModelIndex &index,
                  const QPoint &pos) const;
    /// The day separator drawn above \a index ("Today", a date); empty when there is none.
    static QString daySeparatorText(const QModelIndex &index);

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
    /// The (start, length) runs drawn bold in \a text as my name: MentionMatcher's matches (so
    /// "미나야" emphasizes "미나", as the core counts it a mention), with an "@" before one.
    QList<QPair<int, int>> mentionRanges(const QString &text) const;

    /// What a row's estimated height is made from, read once when the row arrives (ChatView keeps
    /// it per row): its text's width in average characters, whether it has a header, a quote or
    /// a file card. Cheap: no text is shaped.
    static quint32 estimateKey(const QModelIndex &index);
    /// What estimatedHeight() needs of the font and the row's width, taken once for all rows.
    struct EstimateMetrics
    {
        int lineHeight = 0;
        int charWidth = 0;
        int width = 0;
    };
    static EstimateMetrics estimateMetrics(const QFont &font, int width);
    /// A row's height guessed from its estimateKey() (exact once it is laid out: sizeHint()).
    static int estimatedHeight(quint32 key, const EstimateMetrics &metrics);

    /// Forget cached sizes (rows changed, fonts changed, or the width changed).
    void invalidate();
    void invalidateRows(int first, int last);

    /// The words of a system line, for painting and for copying.
    static QString systemText(const QModelIndex &index);
    /// "[HH:mm] nick: text" for the clipboard ("[HH:mm] * nick waves" for an action, "[HH:mm]
    /// words" for a system line).
    QString plainText(const QModelIndex &index) const;

private:
    struct Layout;
    /// Everything but the text's height unless \a measure (the costly part: shaping).
    Layout layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index,
                     bool measure = true) const;
    /// \a l's text wrapped as it is drawn, with what changes its shape (bold, italic).
    qreal shapeText(QTextLayout *layout, const Layout &l, const QStyleOptionViewItem &option) const;
    /// The card's rectangles for \a l (view coordinates).
    struct Card
    {
        QRect card, thumbnail, icon, name, status, progress, save;
    };
    Card cardFor(const QStyleOptionViewItem &option, const QModelIndex &index,
                 const Layout &l) const;
    void paintFileCard(QPainter *painter, const QStyleOptionViewItem &option,
                       const QModelIndex &index, const Layout &l, bool selected,
                       int searchMatch) const;

    QString m_myNick;
    QString m_timeFormat = QStringLiteral("HH:mm");
    int m_unreadRow = -1;
    int m_flashRow = -1;
    const MessageSearch *m_search = nullptr;
    const ChatSelection *m_selection = nullptr;
    const ChatFiles *m_files = nullptr;
    mutable int m_cachedWidth = -1;
    mutable QHash<int, int> m_heights;
};

} // namespace Parlor
