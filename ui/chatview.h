#pragma once

#include "chatselection.h"
#include "rowheights.h"

#include <QElapsedTimer>
#include <QListView>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QToolButton;
QT_END_NAMESPACE

namespace Parlor {

class ChatFiles;
class MessageDelegate;
class MessageSearch;

/// The chat: a list view over MessageModel that follows new messages only while the user is at
/// the bottom, counts what arrives while they are not (or while the window is in the
/// background), marks where that began, and offers a "jump to latest" button. Its text can be
/// selected like a web page's: drag across words or messages, double-click a word, triple-click
/// a message, Shift+arrows for whole messages (ChatSelection holds what is selected). Shared
/// files are cards (ChatFiles): Save on the card, a click on a picture opens it, Enter or Space
/// on the current card does what a click would; files dropped on the chat are offered to share.
///
/// It lays its rows out itself rather than through QListView's layout, which measures every row
/// whenever one is added: each row has an estimated height until it is first shown, and only
/// the rows in sight are measured (RowHeights). A message arriving at the end of a chat of a
/// million lines costs what one row does.
class ChatView : public QListView
{
    Q_OBJECT

public:
    explicit ChatView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    MessageDelegate *messageDelegate() const { return m_delegate; }
    /// Find in this chat (the find bar drives it; the view highlights and follows it).
    MessageSearch *search() const { return m_search; }
    /// The files of the room shown: thumbnails, transfers, Save.
    ChatFiles *files() const { return m_files; }
    /// Saves the file in \a row (asks where) or opens its picture, as Enter on it does.
    void activateFile(int row);

    bool isAtBottom() const;
    int unreadCount() const { return m_unread; }
    /// Forget the unread marker (e.g. when the user writes).
    void clearUnread();
    void jumpToLatest();
    /// The window came to the front: what is in sight is read.
    void windowActivated();
    /// Copies the selected text to the clipboard (see selectedText()).
    void copySelection();
    /// The selection as text: within one message (even all of it) just that text; across
    /// messages each wholly selected one is "[HH:mm] nick: text", partial first and last ones
    /// their text, and a day separator between them its words on a line of its own.
    QString selectedText() const;
    const ChatSelection &textSelection() const { return m_selection; }
    /// Selects from \a anchor to \a cursor (rows and text positions).
    void setTextSelection(ChatSelection::Point anchor, ChatSelection::Point cursor);
    void clearTextSelection();
    /// Selects every loaded line.
    void selectAll() override;
    /// Lays the rows out again, keeping the row the user reads where it is unless the view
    /// follows the bottom (see ScrollAnchor).
    void doItemsLayout() override;
    void reset() override;
    QRect visualRect(const QModelIndex &index) const override;
    QModelIndex indexAt(const QPoint &point) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    /// The heights the view lays its rows out with (estimated until a row is shown).
    const RowHeights &rowHeights() const { return m_rows; }

    /// Asks to answer the message in \a row (replyRequested), if it is one the room numbered.
    void replyToRow(int row);
    /// Picks the message to answer by keyboard: \a step -1 goes to the one before the current
    /// pick (from the newest), +1 to the one after; past the newest the pick is cancelled.
    void stepReplyTarget(int step);
    /// Forgets the keyboard pick (the reply was sent or cancelled).
    void clearReplyTarget() { m_replyRow = -1; }
    /// Scrolls to \a row, selects it and flashes it for a moment.
    void showRow(int row);
    /// showRow() for the line with room seq \a seq; false when it is not loaded.
    bool showSeq(qint64 seq);

signals:
    void retryRequested(const QString &id);
    void discardRequested(const QString &id);
    void unreadCountChanged(int count);
    /// \a count messages of others arrived live (not history, not mine), the newest of which a
    /// screen reader says as \a newest (its Qt::AccessibleTextRole): for ChatAnnouncer.
    void liveMessagesArrived(int count, const QString &newest);
    /// The user wants to answer the message \a seq by \a nick, whose text is \a text.
    void replyRequested(qint64 seq, const QString &nick, const QString &text);
    /// The keyboard pick went past the newest message: no reply after all.
    void replyCancelRequested();
    /// Something for the status bar (a quote whose message is no longer loaded).
    void statusMessage(const QString &text);
    /// A link in a message was clicked (then opened with QDesktopServices).
    void linkActivated(const QUrl &url);
    /// Local files were dropped on the chat: to be offered for sharing.
    void filesDropped(const QStringList &paths);

protected:
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void paintEvent(QPaintEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    QSize viewportSizeHint() const override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void updateGeometries() override;
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void retranslateUi();
    void onRowsAboutToBeInserted();
    void onRowsInserted(int first, int last);
    void onScrolled();
    void updateJumpButton();
    void showCurrentMatch();
    QStyleOptionViewItem optionFor(const QModelIndex &index) const;
    /// The row and text position under \a pos (viewport coordinates), clamped into the chat.
    ChatSelection::Point pointAt(const QPoint &pos) const;
    /// The word around \a point, as two points in its row.
    QPair<ChatSelection::Point, ChatSelection::Point> wordAt(ChatSelection::Point point) const;
    /// Moves the dragged end to \a point, by characters, words or messages as the press chose.
    void extendSelectionTo(ChatSelection::Point point);
    void extendSelectionByKey(QKeyEvent *event);
    void onSelectionChanged();
    void updatePrimarySelection();
    void onAutoScroll();
    /// A file's card looks different (a thumbnail arrived): its rows are measured again.
    void onFileChanged(const QString &key);
    void setUnreadRow(int row);
    /// Rows \a first to \a last look different: measured again when next shown (and the row
    /// after them, whose header depends on them).
    void invalidateRows(int first, int last);
    /// Every row's estimate from the model again (another model, rows removed).
    void rebuildRows();
    /// Estimates for rows \a first to \a last, just inserted.
    void addRows(int first, int last);
    /// Every row estimated again at the current width and font, none exact.
    void reestimateRows();
    QStyleOptionViewItem measureOption() const;
    void measureRow(int row, const QStyleOptionViewItem &option);
    /// Measures the rows in sight that are still estimates, keeping the first row already
    /// measured where it is on screen (or the bottom in sight); true if any were measured.
    bool layoutVisible();
    void updateScrollRange();

    enum class Unit { Character, Word, Message };

    MessageDelegate *m_delegate = nullptr;
    MessageSearch *m_search = nullptr;
    ChatFiles *m_files = nullptr;
    QToolButton *m_jumpButton = nullptr;
    bool m_followBottom = true;
    bool m_scrollPending = false;
    int m_unread = 0;
    int m_replyRow = -1; ///< the keyboard pick of stepReplyTarget(); -1: none
    QTimer m_flashTimer;

    ChatSelection m_selection;
    Unit m_unit = Unit::Character;
    bool m_pressed = false;      ///< the left button is down in the chat
    bool m_dragging = false;     ///< ... and has moved far enough to select
    bool m_clickHandled = false; ///< a double or triple click: its release is no click
    QPoint m_pressPos;
    QPoint m_lastMousePos; ///< where the autoscroll extends the selection to
    ChatSelection::Point m_pressPoint;
    /// The word or message chosen by a double or triple click; dragging keeps it selected.
    ChatSelection::Point m_unitFrom, m_unitTo;
    QElapsedTimer m_sinceDoubleClick; ///< a press soon after a double click is a triple click
    QPoint m_doubleClickPos;
    QTimer m_autoScrollTimer;

    RowHeights m_rows;
    int m_layoutWidth = -1; ///< the width and font the estimates were made for
    QFont m_layoutFont;
    bool m_inLayout = false; ///< layoutVisible() is adjusting the scroll bar
};

} // namespace Parlor
