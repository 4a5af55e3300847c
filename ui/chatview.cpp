#include "chatview.h"

#include "chatfiles.h"
#include "client/chatline.h"
#include "client/messagemodel.h"
#include "client/messagesearch.h"
#include "composeedit.h"
#include "messagedelegate.h"
#include "scrollanchor.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QMenu>
#include <QMimeData>
#include <QPaintEvent>
#include <QPainter>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTextBoundaryFinder>
#include <QToolButton>

namespace Parlor {

ChatView::ChatView(QWidget *parent)
    : QListView(parent)
    , m_delegate(new MessageDelegate(this))
    , m_search(new MessageSearch(nullptr, this))
    , m_files(new ChatFiles(this))
    , m_jumpButton(new QToolButton(viewport()))
{
    setItemDelegate(m_delegate);
    m_delegate->setSearch(m_search);
    connect(m_search, &MessageSearch::matchesChanged, viewport(), qOverload<>(&QWidget::update));
    connect(m_search, &MessageSearch::currentChanged, this, &ChatView::showCurrentMatch);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Always there, so the first layout is at the final width: a scroll bar that appears later
    // would change the width and have every row measured again.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    // The view selects text itself (ChatSelection); the item selection only mirrors which rows
    // it touches, for whoever asks the selection model (accessibility).
    setSelectionMode(QAbstractItemView::NoSelection);
    setUniformItemSizes(false);
    setWordWrap(true);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    setResizeMode(QListView::Adjust);
    verticalScrollBar()->setSingleStep(24);

    m_jumpButton->setObjectName(QStringLiteral("jumpToLatest"));
    m_jumpButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_jumpButton->setCursor(Qt::PointingHandCursor);
    m_jumpButton->setAutoRaise(false);
    m_jumpButton->hide();
    connect(m_jumpButton, &QToolButton::clicked, this, &ChatView::jumpToLatest);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ChatView::onScrolled);
    m_flashTimer.setSingleShot(true);
    m_flashTimer.setInterval(1500);
    connect(&m_flashTimer, &QTimer::timeout, this, [this] {
        m_delegate->setFlashRow(-1);
        viewport()->update();
    });
    m_delegate->setSelection(&m_selection);
    m_delegate->setFiles(m_files);
    connect(m_files, &ChatFiles::fileChanged, this, &ChatView::onFileChanged);
    connect(m_files, &ChatFiles::progressChanged, viewport(), qOverload<>(&QWidget::update));
    connect(m_files, &ChatFiles::statusMessage, this, &ChatView::statusMessage);
    setAcceptDrops(true);
    setDropIndicatorShown(false);
    m_autoScrollTimer.setInterval(40);
    connect(&m_autoScrollTimer, &QTimer::timeout, this, &ChatView::onAutoScroll);
    retranslateUi();
}

namespace {

// A line that can be answered: a message the room numbered.
bool isAnswerable(const QModelIndex &i)
{
    const auto kind = ChatLine::Kind(i.data(MessageModel::KindRole).toInt());
    return (kind == ChatLine::Kind::Chat || kind == ChatLine::Kind::Own)
           && i.data(MessageModel::SeqRole).toLongLong() > 0;
}

} // namespace

void ChatView::replyToRow(int row)
{
    if (!model())
        return;
    const QModelIndex i = model()->index(row, 0);
    if (!i.isValid() || !isAnswerable(i))
        return;
    m_replyRow = row;
    emit replyRequested(i.data(MessageModel::SeqRole).toLongLong(),
                        i.data(MessageModel::SenderRole).toString(),
                        i.data(MessageModel::TextRole).toString());
}

void ChatView::stepReplyTarget(int step)
{
    if (!model() || step == 0)
        return;
    const int rows = model()->rowCount();
    int row = m_replyRow >= 0 ? m_replyRow : rows;
    for (row += step; row >= 0 && row < rows; row += step) {
        if (isAnswerable(model()->index(row, 0))) {
            m_scrollPending = false;
            scrollTo(model()->index(row, 0));
            setCurrentIndex(model()->index(row, 0));
            replyToRow(row);
            return;
        }
    }
    if (step > 0 && m_replyRow >= 0) {
        m_replyRow = -1;
        emit replyCancelRequested();
    }
}

void ChatView::showRow(int row)
{
    if (!model() || row < 0 || row >= model()->rowCount())
        return;
    const QModelIndex i = model()->index(row, 0);
    // What the user asked to see: stop following the bottom for it.
    m_scrollPending = false;
    scrollTo(i, QAbstractItemView::PositionAtCenter);
    setCurrentIndex(i);
    // Selected as a whole message, so that Ctrl+C copies what was brought into sight.
    setTextSelection({row, 0}, {row, ChatSelection::End});
    m_delegate->setFlashRow(row);
    m_flashTimer.start();
    viewport()->update();
}

bool ChatView::showSeq(qint64 seq)
{
    const auto *messages = qobject_cast<const MessageModel *>(model());
    const int row = messages ? messages->rowOfSeq(seq) : -1;
    if (row < 0)
        return false;
    showRow(row);
    return true;
}

void ChatView::retranslateUi()
{
    setAccessibleName(tr("Messages"));
    updateJumpButton();
}

void ChatView::doItemsLayout()
{
    // Rows are measured again after a resize (lines wrap differently), when lines arrive and
    // when the find bar or the inspector takes room: the pixel position would then point at
    // other text. What the user reads stays put; following the bottom is updateGeometries'.
    const ScrollAnchor anchor = isAtBottom() ? ScrollAnchor() : ScrollAnchor::capture(this);
    if (model() && m_rows.count() != model()->rowCount())
        rebuildRows();
    else if (viewport()->width() != m_layoutWidth || font() != m_layoutFont)
        reestimateRows();
    // Not QListView's layout, which would measure every row: only the scroll range and the rows
    // in sight (updateGeometries()).
    QAbstractItemView::doItemsLayout();
    if (anchor.isValid() && !m_scrollPending)
        anchor.restore(this);
}

void ChatView::setModel(QAbstractItemModel *model)
{
    if (this->model())
        this->model()->disconnect(this);
    QListView::setModel(model);
    m_delegate->invalidate();
    rebuildRows();
    m_selection.clear();
    m_pressed = m_dragging = false;
    m_autoScrollTimer.stop();
    m_unread = 0;
    m_search->setModel(qobject_cast<MessageModel *>(model));
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &ChatView::onRowsAboutToBeInserted);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(model, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                m_delegate->invalidate();
                // The selection follows its rows; a drag over rows that went away ends.
                m_selection.rowsRemoved(first, last);
                m_pressed = m_dragging = false;
                m_autoScrollTimer.stop();
                onSelectionChanged();
            });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_delegate->invalidate();
        m_selection.clear();
        m_pressed = m_dragging = false;
        m_autoScrollTimer.stop();
        setUnreadRow(-1);
        m_unread = 0;
        updateJumpButton();
    });
}

bool ChatView::isAtBottom() const
{
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 4;
}

void ChatView::onRowsAboutToBeInserted()
{
    m_followBottom = isAtBottom();
}

void ChatView::onRowsInserted(int first, int last)
{
    // Rows inserted above the selection push it down: it stays on the same words.
    m_selection.rowsInserted(first, last);
    const int count = last - first + 1;
    for (ChatSelection::Point *p : {&m_pressPoint, &m_unitFrom, &m_unitTo}) {
        if (p->row >= first)
            p->row += count;
    }
    if (!m_selection.isEmpty() && m_selection.last().row >= first)
        onSelectionChanged();
    // Messages that arrive while the user is not looking (scrolled up, or the window in the
    // background) are unread; my own and replayed history are not.
    const bool looking = m_followBottom && window()->isActiveWindow();
    int fresh = 0;
    int firstFresh = -1;
    int lastFresh = -1;
    for (int row = first; row <= last; ++row) {
        const QModelIndex i = model()->index(row, 0);
        const auto kind = ChatLine::Kind(i.data(MessageModel::KindRole).toInt());
        if ((kind == ChatLine::Kind::Chat) && !i.data(MessageModel::ReplayedRole).toBool()) {
            ++fresh;
            if (firstFresh < 0)
                firstFresh = row;
            lastFresh = row;
        }
    }
    // News in any case for a screen reader (the user may be reading elsewhere in the window).
    if (fresh > 0) {
        emit liveMessagesArrived(fresh, model()->index(lastFresh, 0)
                                                .data(Qt::AccessibleTextRole)
                                                .toString());
    }
    if (fresh > 0 && !looking) {
        if (m_delegate->unreadRow() < 0)
            setUnreadRow(firstFresh);
        m_unread += fresh;
        emit unreadCountChanged(m_unread);
    }
    if (m_followBottom)
        m_scrollPending = true;
    updateJumpButton();
}

void ChatView::updateGeometries()
{
    // Rows measured since the last time change the range: at the bottom, stay there.
    const bool bottom = isAtBottom();
    QAbstractItemView::updateGeometries();
    updateScrollRange();
    // Scroll ranges are known only after the delayed layout: follow the bottom here.
    if (m_scrollPending || bottom) {
        m_scrollPending = false;
        scrollToBottom();
    }
    layoutVisible();
    updateJumpButton();
}

void ChatView::onScrolled()
{
    if (isAtBottom() && m_unread > 0) {
        m_unread = 0;
        emit unreadCountChanged(0);
    }
    updateJumpButton();
}

void ChatView::clearUnread()
{
    setUnreadRow(-1);
    m_unread = 0;
    emit unreadCountChanged(0);
    doItemsLayout();
    updateJumpButton();
}

void ChatView::jumpToLatest()
{
    scrollToBottom();
    m_unread = 0;
    emit unreadCountChanged(0);
    updateJumpButton();
}

void ChatView::showCurrentMatch()
{
    const MessageSearch::Match match = m_search->current();
    if (match.row >= 0 && model()) {
        // The match is what the user looks at now: stop following the bottom for it.
        m_scrollPending = false;
        scrollTo(model()->index(match.row, 0), QAbstractItemView::EnsureVisible);
    }
    viewport()->update();
}

void ChatView::updateJumpButton()
{
    const bool show = !isAtBottom();
    if (show) {
        m_jumpButton->setText(m_unread > 0 ? tr("↓ New messages: %1").arg(m_unread)
                                           : tr("↓ Jump to latest"));
        m_jumpButton->setAccessibleName(m_jumpButton->text());
        m_jumpButton->adjustSize();
        const QRect vp = viewport()->rect();
        m_jumpButton->move(vp.right() - m_jumpButton->width() - 16,
                           vp.bottom() - m_jumpButton->height() - 12);
    }
    m_jumpButton->setVisible(show);
}

void ChatView::resizeEvent(QResizeEvent *event)
{
    const bool atBottom = isAtBottom();
    if (atBottom)
        m_scrollPending = true;
    // Not QListView's, which waits a tenth of a second and then lays every row out again.
    QAbstractItemView::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        doItemsLayout();
    updateJumpButton();
}

void ChatView::windowActivated()
{
    // Back at the window with the chat at its bottom: everything is in sight now.
    if (isAtBottom() && m_unread > 0) {
        m_unread = 0;
        emit unreadCountChanged(0);
        updateJumpButton();
    }
}

void ChatView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange
        || event->type() == QEvent::LanguageChange) {
        // System lines and delivery marks are worded when painted: measure them again.
        m_delegate->invalidate();
        m_layoutWidth = -1; // every row estimated and measured again
        if (event->type() == QEvent::LanguageChange)
            retranslateUi();
        scheduleDelayedItemsLayout();
    }
    QListView::changeEvent(event);
}

QStyleOptionViewItem ChatView::optionFor(const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return option;
}

ChatSelection::Point ChatView::pointAt(const QPoint &pos) const
{
    if (!model() || model()->rowCount() == 0)
        return {};
    // Past the top or bottom edge (a drag that autoscrolls) counts as the edge row under x.
    const QRect vp = viewport()->rect();
    const QPoint clamped(std::clamp(pos.x(), vp.left(), vp.right()),
                         std::clamp(pos.y(), vp.top(), vp.bottom()));
    const QModelIndex index = indexAt(clamped);
    if (!index.isValid()) // below the last line
        return {model()->rowCount() - 1, ChatSelection::End};
    return {index.row(), m_delegate->textPositionAt(optionFor(index), index, clamped)};
}

QPair<ChatSelection::Point, ChatSelection::Point> ChatView::wordAt(ChatSelection::Point point) const
{
    const QString text = MessageDelegate::shownText(model()->index(point.row, 0));
    const int at = std::clamp(point.pos, 0, int(text.size()));
    QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
    // The word the position is in or at the start of; at the end of the text, the last one.
    finder.setPosition(at);
    int from = at;
    int to = at;
    if (at < text.size()) {
        from = finder.isAtBoundary() ? at : int(finder.toPreviousBoundary());
        finder.setPosition(at);
        to = int(finder.toNextBoundary());
    } else if (at > 0) {
        from = int(finder.toPreviousBoundary());
    }
    if (from < 0)
        from = 0;
    if (to < 0)
        to = int(text.size());
    return {{point.row, from}, {point.row, to}};
}

void ChatView::setTextSelection(ChatSelection::Point anchor, ChatSelection::Point cursor)
{
    m_selection.select(anchor, cursor);
    onSelectionChanged();
}

void ChatView::clearTextSelection()
{
    if (m_selection.isEmpty() && !m_selection.anchor().isValid())
        return;
    m_selection.clear();
    onSelectionChanged();
}

void ChatView::selectAll()
{
    if (!model() || model()->rowCount() == 0)
        return;
    setTextSelection({0, 0}, {model()->rowCount() - 1, ChatSelection::End});
    updatePrimarySelection();
}

void ChatView::onSelectionChanged()
{
    if (selectionModel() && model()) {
        if (m_selection.isEmpty()) {
            selectionModel()->clearSelection();
        } else {
            const int rows = model()->rowCount();
            const int first = std::clamp(m_selection.first().row, 0, rows - 1);
            const int last = std::clamp(m_selection.last().row, 0, rows - 1);
            selectionModel()->select(QItemSelection(model()->index(first, 0),
                                                    model()->index(last, 0)),
                                     QItemSelectionModel::ClearAndSelect);
        }
    }
    viewport()->update();
}

void ChatView::extendSelectionTo(ChatSelection::Point point)
{
    if (!point.isValid())
        return;
    switch (m_unit) {
    case Unit::Character:
        m_selection.setCursor(point);
        break;
    case Unit::Word: {
        // The double-clicked word stays selected; the other end snaps to whole words.
        const auto word = wordAt(point);
        if (point < m_unitFrom)
            m_selection.select(m_unitTo, word.first);
        else
            m_selection.select(m_unitFrom, std::max(word.second, m_unitTo));
        break;
    }
    case Unit::Message:
        if (point.row < m_unitFrom.row)
            m_selection.select(m_unitTo, {point.row, 0});
        else
            m_selection.select(m_unitFrom, {point.row, ChatSelection::End});
        break;
    }
    onSelectionChanged();
}

void ChatView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QListView::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    const QModelIndex index = indexAt(pos);
    if (index.isValid())
        setCurrentIndex(index); // where keyboard selection starts, and the inspector's link
    m_pressed = true;
    m_dragging = false;
    m_clickHandled = false;
    m_pressPos = m_lastMousePos = pos;
    const ChatSelection::Point point = pointAt(pos);

    const bool triple = m_sinceDoubleClick.isValid()
                        && m_sinceDoubleClick.elapsed() < QApplication::doubleClickInterval()
                        && (pos - m_doubleClickPos).manhattanLength()
                                   < QApplication::startDragDistance();
    m_sinceDoubleClick.invalidate();
    if (triple && point.isValid()) {
        m_unit = Unit::Message;
        m_unitFrom = {point.row, 0};
        m_unitTo = {point.row, ChatSelection::End};
        m_clickHandled = true;
        m_dragging = true;
        setTextSelection(m_unitFrom, m_unitTo);
        return;
    }
    if ((event->modifiers() & Qt::ShiftModifier) && !m_selection.isEmpty()) {
        // Shift+click moves the selection's loose end here, as in a text editor.
        m_unit = Unit::Character;
        m_dragging = true;
        m_clickHandled = true;
        extendSelectionTo(point);
        return;
    }
    m_unit = Unit::Character;
    m_pressPoint = point;
    // A press starts afresh, as on a web page; a click on a link opens it at the release.
    clearTextSelection();
}

void ChatView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QListView::mouseDoubleClickEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    const ChatSelection::Point point = pointAt(pos);
    m_pressed = true;
    m_dragging = true;
    m_clickHandled = true;
    m_lastMousePos = pos;
    m_sinceDoubleClick.start();
    m_doubleClickPos = pos;
    if (!point.isValid())
        return;
    const auto word = wordAt(point);
    m_unit = Unit::Word;
    m_unitFrom = word.first;
    m_unitTo = word.second;
    setTextSelection(m_unitFrom, m_unitTo);
}

void ChatView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_pressed && (event->buttons() & Qt::LeftButton)) {
        m_lastMousePos = pos;
        if (!m_dragging
            && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            // Far enough to be a drag, even if it began on a link: select from where it began.
            m_dragging = true;
            m_selection.start(m_pressPoint);
        }
        if (m_dragging) {
            extendSelectionTo(pointAt(pos));
            const bool outside = pos.y() < 0 || pos.y() > viewport()->height();
            if (outside && !m_autoScrollTimer.isActive())
                m_autoScrollTimer.start();
            else if (!outside)
                m_autoScrollTimer.stop();
        }
        viewport()->setCursor(Qt::IBeamCursor);
        return;
    }
    QListView::mouseMoveEvent(event);
    const QModelIndex index = indexAt(pos);
    Qt::CursorShape shape = Qt::ArrowCursor;
    if (index.isValid()) {
        const QStyleOptionViewItem option = optionFor(index);
        if (!m_delegate->linkAt(option, index, pos).isEmpty()
            || m_delegate->isOnFailedMark(option, index, pos)
            || m_delegate->isOnQuote(option, index, pos)
            || m_delegate->saveButtonRect(option, index).contains(pos)
            || m_delegate->thumbnailRect(option, index).contains(pos))
            shape = Qt::PointingHandCursor;
        else if (m_delegate->isOnText(option, index, pos))
            shape = Qt::IBeamCursor;
    }
    viewport()->setCursor(shape);
}

void ChatView::onAutoScroll()
{
    if (!m_pressed || !m_dragging) {
        m_autoScrollTimer.stop();
        return;
    }
    // Faster the farther the pointer is past the edge.
    const int past = m_lastMousePos.y() < 0 ? m_lastMousePos.y()
                                            : m_lastMousePos.y() - viewport()->height();
    if (past == 0) {
        m_autoScrollTimer.stop();
        return;
    }
    const int step = std::clamp(past, -80, 80) + (past < 0 ? -8 : 8);
    // Scrolling by hand: the view must not jump back to the bottom for new lines meanwhile.
    m_scrollPending = false;
    verticalScrollBar()->setValue(verticalScrollBar()->value() + step);
    extendSelectionTo(pointAt(m_lastMousePos));
}

void ChatView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QListView::mouseReleaseEvent(event);
        return;
    }
    m_autoScrollTimer.stop();
    const bool wasClick = m_pressed && !m_dragging && !m_clickHandled;
    m_pressed = false;
    m_dragging = false;
    updatePrimarySelection();
    const QModelIndex index = indexAt(event->position().toPoint());
    if (!wasClick || !index.isValid())
        return;
    const QStyleOptionViewItem option = optionFor(index);
    const QPoint pos = event->position().toPoint();
    const QString link = m_delegate->linkAt(option, index, pos);
    if (!link.isEmpty()) {
        emit linkActivated(QUrl(link));
        QDesktopServices::openUrl(QUrl(link));
        return;
    }
    if (m_delegate->isOnFailedMark(option, index, pos)) {
        emit retryRequested(index.data(MessageModel::IdRole).toString());
        return;
    }
    if (m_delegate->isOnQuote(option, index, pos)) {
        if (!showSeq(index.data(MessageModel::ReplyToRole).toLongLong()))
            emit statusMessage(tr("That message is no longer loaded."));
        return;
    }
    if (m_delegate->saveButtonRect(option, index).contains(pos)) {
        m_files->save(index, this);
        return;
    }
    if (m_delegate->thumbnailRect(option, index).contains(pos)) {
        m_files->activate(index, this);
        return;
    }
}

void ChatView::contextMenuEvent(QContextMenuEvent *event)
{
    // From the keyboard (the menu key, Shift+F10) the menu is about the current line.
    const QModelIndex index = event->reason() == QContextMenuEvent::Keyboard
                                      ? currentIndex()
                                      : indexAt(event->pos());
    QMenu menu(this);
    if (index.isValid() && isAnswerable(index)) {
        QAction *reply = menu.addAction(tr("&Reply"), this,
                                        [this, row = index.row()] { replyToRow(row); });
        reply->setObjectName(QStringLiteral("replyAction"));
        menu.addSeparator();
    }
    // Nothing selected: Copy copies the message the menu is about.
    QAction *copy = menu.addAction(tr("&Copy"), this, [this, row = index.row()] {
        if (!m_selection.isEmpty() || row < 0)
            copySelection();
        else
            QApplication::clipboard()->setText(m_delegate->plainText(model()->index(row, 0)));
    });
    copy->setObjectName(QStringLiteral("copyAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(!m_selection.isEmpty() || index.isValid());
    if (index.isValid()) {
        const QString link = m_delegate->linkAt(optionFor(index), index, event->pos());
        if (!link.isEmpty()) {
            menu.addAction(tr("Copy &Link Address"), this,
                           [link] { QApplication::clipboard()->setText(link); });
        }
        if (ChatFiles::isFile(index)
            && !index.data(MessageModel::FileKeyRole).toString().isEmpty()) {
            menu.addSeparator();
            const QPersistentModelIndex file(index);
            if (!m_delegate->thumbnailRect(optionFor(index), index).isEmpty()) {
                menu.addAction(tr("&Open Picture"), this, [this, file] {
                    if (file.isValid())
                        m_files->activate(file, this);
                });
            }
            QAction *save = menu.addAction(tr("&Save As…"), this, [this, file] {
                if (file.isValid())
                    m_files->save(file, this);
            });
            save->setObjectName(QStringLiteral("saveFileAction"));
        }
        const auto kind = ChatLine::Kind(index.data(MessageModel::KindRole).toInt());
        const auto delivery = ChatLine::Delivery(index.data(MessageModel::DeliveryRole).toInt());
        const QString id = index.data(MessageModel::IdRole).toString();
        if (kind == ChatLine::Kind::Own
            && (delivery == ChatLine::Delivery::Failed || delivery == ChatLine::Delivery::Queued)) {
            menu.addSeparator();
            if (delivery == ChatLine::Delivery::Failed)
                menu.addAction(tr("&Retry Sending"), this, [this, id] { emit retryRequested(id); });
            menu.addAction(tr("&Discard Message"), this, [this, id] { emit discardRequested(id); });
        }
    }
    const QPoint at = event->reason() == QContextMenuEvent::Keyboard && index.isValid()
                              ? viewport()->mapToGlobal(visualRect(index).center())
                              : event->globalPos();
    menu.exec(at);
}

QString ChatView::selectedText() const
{
    if (m_selection.isEmpty() || !model())
        return {};
    const ChatSelection::Point first = m_selection.first();
    const ChatSelection::Point last = m_selection.last();
    const int rows = model()->rowCount();
    QStringList lines;
    for (int row = std::max(0, first.row); row <= last.row && row < rows; ++row) {
        const QModelIndex index = model()->index(row, 0);
        const QString text = MessageDelegate::shownText(index);
        ChatSelection::Span span = m_selection.spanInRow(row);
        span.from = std::clamp(span.from, 0, int(text.size()));
        span.to = std::clamp(span.to, 0, int(text.size()));
        const bool whole = span.from == 0 && span.to == text.size();
        if (first.row == last.row) // a part of one message: just those words
            return text.mid(span.from, span.to - span.from);
        // A day separator between selected lines is copied too, as its words.
        if (row > first.row) {
            const QString day = MessageDelegate::daySeparatorText(index);
            if (!day.isEmpty())
                lines.append(day);
        }
        if (whole) {
            lines.append(m_delegate->plainText(index));
        } else if (span.to > span.from) {
            // A partial first or last line is only its words, without nick and time: a name
            // in front of half a sentence would put in words the user did not select, and a
            // paste into a sentence wants only what was marked.
            lines.append(text.mid(span.from, span.to - span.from));
        }
    }
    return lines.join(u'\n');
}

void ChatView::updatePrimarySelection()
{
    // X11's primary selection: what is selected can be pasted with the middle button. Set once
    // a selection is made, not on every step of a drag.
    if (!m_selection.isEmpty() && QApplication::clipboard()->supportsSelection())
        QApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
}

void ChatView::copySelection()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void ChatView::extendSelectionByKey(QKeyEvent *event)
{
    // Whole messages from the current one: the anchor is the current row when nothing is
    // selected yet, otherwise the selection's own anchor.
    const int from = currentIndex().isValid() ? currentIndex().row() : -1;
    const int anchorRow = m_selection.isEmpty() ? from : m_selection.anchor().row;
    QListView::keyPressEvent(event); // moves the current row (NoSelection: selects nothing)
    const int to = currentIndex().isValid() ? currentIndex().row() : -1;
    if (to < 0)
        return;
    const int anchor = anchorRow >= 0 ? anchorRow : to;
    if (to >= anchor)
        setTextSelection({anchor, 0}, {to, ChatSelection::End});
    else
        setTextSelection({anchor, ChatSelection::End}, {to, 0});
    updatePrimarySelection();
}

void ChatView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    const bool activate = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
                          || event->key() == Qt::Key_Space;
    if (activate && (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier
        && ChatFiles::isFile(currentIndex())) {
        activateFile(currentIndex().row());
        return;
    }
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier
        && !m_selection.isEmpty()) {
        clearTextSelection();
        return;
    }
    if (event->modifiers() == Qt::ShiftModifier) {
        switch (event->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
        case Qt::Key_Home:
        case Qt::Key_End:
            extendSelectionByKey(event);
            return;
        default:
            break;
        }
    }
    QListView::keyPressEvent(event);
}

void ChatView::activateFile(int row)
{
    if (!model())
        return;
    const QModelIndex index = model()->index(row, 0);
    if (ChatFiles::isFile(index) && !index.data(MessageModel::FileKeyRole).toString().isEmpty())
        m_files->activate(index, this);
}

void ChatView::onFileChanged(const QString &key)
{
    if (!model())
        return;
    for (int row = 0; row < model()->rowCount(); ++row) {
        if (model()->index(row, 0).data(MessageModel::FileKeyRole).toString() == key)
            invalidateRows(row, row);
    }
    // A thumbnail makes its row taller: lay the rows out again (keeping what is read in place,
    // or the bottom in sight).
    if (isAtBottom())
        m_scrollPending = true; // updateGeometries() follows the bottom after the layout
    scheduleDelayedItemsLayout();
    viewport()->update();
}

void ChatView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!ComposeEdit::localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void ChatView::dragMoveEvent(QDragMoveEvent *event)
{
    if (!ComposeEdit::localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void ChatView::dropEvent(QDropEvent *event)
{
    const QStringList files = ComposeEdit::localFiles(event->mimeData());
    if (files.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    emit filesDropped(files);
}

// The view's own layout. QListView keeps a position for every row and lays them all out again
// when one is added; here a row has an estimated height until it comes into sight.

void ChatView::reset()
{
    QListView::reset();
    rebuildRows();
}

QStyleOptionViewItem ChatView::measureOption() const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = QRect(0, 0, viewport()->width(), 0);
    return option;
}

void ChatView::measureRow(int row, const QStyleOptionViewItem &option)
{
    const int height = m_delegate->sizeHint(option, model()->index(row, 0)).height();
    m_rows.setHeight(row, height, true);
}

void ChatView::reestimateRows()
{
    m_layoutWidth = viewport()->width();
    m_layoutFont = font();
    m_delegate->invalidate();
    const MessageDelegate::EstimateMetrics metrics = MessageDelegate::estimateMetrics(font(),
                                                                                      m_layoutWidth);
    m_rows.reestimate(
            [&metrics](quint32 key) { return MessageDelegate::estimatedHeight(key, metrics); });
}

void ChatView::rebuildRows()
{
    m_rows.clear();
    m_layoutWidth = viewport()->width();
    m_layoutFont = font();
    if (!model())
        return;
    addRows(0, model()->rowCount() - 1);
}

void ChatView::addRows(int first, int last)
{
    if (last < first)
        return;
    const MessageDelegate::EstimateMetrics metrics = MessageDelegate::estimateMetrics(font(),
                                                                                      m_layoutWidth);
    const auto estimate = [&](int row) {
        const quint32 key = MessageDelegate::estimateKey(model()->index(row, 0));
        return std::make_pair(key, MessageDelegate::estimatedHeight(key, metrics));
    };
    if (first == m_rows.count()) {
        // Appended (live messages, history): O(log n) a row.
        if (first == 0)
            m_rows.reserve(last + 1); // else the vectors grow geometrically by themselves
        for (int row = first; row <= last; ++row) {
            const auto [key, height] = estimate(row);
            m_rows.append(height, key);
        }
        return;
    }
    m_rows.insert(first, last - first + 1, 1);
    for (int row = first; row <= last + 1 && row < m_rows.count(); ++row) {
        const auto [key, height] = estimate(row);
        m_rows.setKey(row, key);
        m_rows.setHeight(row, height, false);
    }
}

void ChatView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    if (parent.isValid())
        return;
    if (m_rows.count() + (end - start + 1) != model()->rowCount()) {
        rebuildRows();
    } else {
        addRows(start, end);
    }
    // The scroll range and following the bottom: at the next turn of the event loop, once for
    // all the rows that arrive until then.
    scheduleDelayedItemsLayout();
}

void ChatView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
    if (parent.isValid() || end < start || end >= m_rows.count())
        return;
    m_rows.remove(start, end - start + 1);
    // The row after them has another one before it now (its header may come or go); the model
    // still has the removed rows, so its estimate waits for the layout.
    m_rows.markInexact(start, start);
    m_delegate->invalidate();
    scheduleDelayedItemsLayout();
}

void ChatView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                           const QList<int> &roles)
{
    QAbstractItemView::dataChanged(topLeft, bottomRight, roles);
    if (!topLeft.isValid() || !bottomRight.isValid() || m_rows.count() != model()->rowCount())
        return;
    const MessageDelegate::EstimateMetrics metrics = MessageDelegate::estimateMetrics(font(),
                                                                                      m_layoutWidth);
    const int last = std::min(bottomRight.row() + 1, m_rows.count() - 1);
    for (int row = topLeft.row(); row <= last; ++row) {
        const quint32 key = MessageDelegate::estimateKey(model()->index(row, 0));
        m_rows.setKey(row, key);
        if (!m_rows.isExact(row))
            m_rows.setHeight(row, MessageDelegate::estimatedHeight(key, metrics), false);
    }
    invalidateRows(topLeft.row(), bottomRight.row());
}

void ChatView::invalidateRows(int first, int last)
{
    m_delegate->invalidateRows(first, last);
    m_rows.markInexact(first, last + 1);
    scheduleDelayedItemsLayout();
    viewport()->update();
}

void ChatView::setUnreadRow(int row)
{
    const int old = m_delegate->unreadRow();
    if (old == row)
        return;
    m_delegate->setUnreadRow(row);
    for (int r : {old, row}) {
        if (r >= 0 && r < m_rows.count())
            m_rows.markInexact(r, r);
    }
    scheduleDelayedItemsLayout();
}

void ChatView::updateScrollRange()
{
    QScrollBar *bar = verticalScrollBar();
    const int page = viewport()->height();
    const qint64 range = std::max<qint64>(0, m_rows.total() - page);
    bar->setPageStep(page);
    bar->setRange(0, int(std::min<qint64>(range, std::numeric_limits<int>::max())));
}

bool ChatView::layoutVisible()
{
    if (m_inLayout || !model() || m_rows.count() == 0 || m_rows.count() != model()->rowCount())
        return false;
    const QScopedValueRollback<bool> guard(m_inLayout, true);
    QScrollBar *bar = verticalScrollBar();
    const QStyleOptionViewItem option = measureOption();
    const int page = viewport()->height();
    bool measured = false;
    // Measuring changes heights, which moves what follows and may bring more rows into sight:
    // a few rounds settle it (each round measures what the last one brought in).
    for (int round = 0; round < 8; ++round) {
        const bool bottom = bar->value() >= bar->maximum() - 4;
        const qint64 value = bar->value();
        int first = m_rows.rowAt(value);
        if (first < 0)
            first = value < 0 ? 0 : m_rows.count() - 1;
        // The first row in sight that was measured before stays where the user sees it.
        int anchor = -1;
        qint64 anchorY = 0;
        bool any = false;
        qint64 y = m_rows.top(first);
        for (int row = first; row < m_rows.count() && y < value + page; ++row) {
            if (m_rows.isExact(row)) {
                if (anchor < 0) {
                    anchor = row;
                    anchorY = y - value;
                }
            } else {
                any = true;
            }
            y += m_rows.height(row);
        }
        if (!any)
            break;
        y = m_rows.top(first);
        for (int row = first; row < m_rows.count() && y < value + page; ++row) {
            if (!m_rows.isExact(row))
                measureRow(row, option);
            y += m_rows.height(row);
        }
        measured = true;
        updateScrollRange();
        if (bottom)
            bar->setValue(bar->maximum());
        else if (anchor >= 0)
            bar->setValue(int(std::clamp<qint64>(m_rows.top(anchor) - anchorY, 0, bar->maximum())));
    }
    if (measured)
        viewport()->update();
    return measured;
}

QRect ChatView::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != model() || index.parent().isValid()
        || index.row() >= m_rows.count())
        return {};
    const qint64 top = m_rows.top(index.row()) - verticalScrollBar()->value();
    if (top < std::numeric_limits<int>::min() / 2 || top > std::numeric_limits<int>::max() / 2)
        return QRect(0,
                     top < 0 ? std::numeric_limits<int>::min() / 2
                             : std::numeric_limits<int>::max() / 2,
                     viewport()->width(), m_rows.height(index.row()));
    return QRect(0, int(top), viewport()->width(), m_rows.height(index.row()));
}

QModelIndex ChatView::indexAt(const QPoint &point) const
{
    if (!model() || point.x() < 0 || point.x() >= viewport()->width()
        || m_rows.count() != model()->rowCount())
        return {};
    const int row = m_rows.rowAt(qint64(point.y()) + verticalScrollBar()->value());
    return row < 0 ? QModelIndex() : model()->index(row, 0);
}

void ChatView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (!index.isValid() || index.model() != model() || index.row() >= m_rows.count())
        return;
    const int row = index.row();
    if (!m_rows.isExact(row))
        measureRow(row, measureOption());
    updateScrollRange();
    const qint64 top = m_rows.top(row);
    const qint64 height = m_rows.height(row);
    const qint64 page = viewport()->height();
    QScrollBar *bar = verticalScrollBar();
    const qint64 value = bar->value();
    qint64 target = value;
    switch (hint) {
    case PositionAtTop:
        target = top;
        break;
    case PositionAtBottom:
        target = top + height - page;
        break;
    case PositionAtCenter:
        target = top - (page - height) / 2;
        break;
    case EnsureVisible:
        if (top < value || height > page)
            target = top;
        else if (top + height > value + page)
            target = top + height - page;
        break;
    }
    bar->setValue(int(std::clamp<qint64>(target, 0, bar->maximum())));
}

void ChatView::paintEvent(QPaintEvent *event)
{
    if (!model() || m_rows.count() != model()->rowCount())
        return;
    QPainter painter(viewport());
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const QStyle::State state = option.state;
    const QRect area = event->rect();
    const qint64 value = verticalScrollBar()->value();
    int row = m_rows.rowAt(value + area.top());
    if (row < 0)
        row = value + area.top() < 0 ? 0 : m_rows.count();
    const int width = viewport()->width();
    const QModelIndex current = currentIndex();
    const bool focus = (hasFocus() || viewport()->hasFocus()) && current.isValid();
    const QItemSelectionModel *selection = selectionModel();
    bool measured = false;
    qint64 y = row < m_rows.count() ? m_rows.top(row) - value : 0;
    for (; row < m_rows.count() && y <= area.bottom(); ++row) {
        if (!m_rows.isExact(row)) {
            // Changed since the last layout (which is on its way): drawn at its real height.
            option.rect = QRect(0, 0, width, 0);
            measureRow(row, option);
            measured = true;
        }
        const QModelIndex index = model()->index(row, 0);
        option.rect = QRect(0, int(y), width, m_rows.height(row));
        option.state = state;
        if (selection && selection->isSelected(index))
            option.state |= QStyle::State_Selected;
        if (focus && index == current)
            option.state |= QStyle::State_HasFocus;
        itemDelegateForIndex(index)->paint(&painter, option, index);
        y += m_rows.height(row);
    }
    if (measured)
        scheduleDelayedItemsLayout();
}

void ChatView::scrollContentsBy(int dx, int dy)
{
    if (m_inLayout) {
        // layoutVisible() keeps a row in place while rows above it change height: what is on
        // screen did not move by dy, it is drawn anew.
        viewport()->update();
        return;
    }
    scrollDirtyRegion(dx, dy);
    viewport()->scroll(dx, dy);
    layoutVisible();
}

int ChatView::horizontalOffset() const
{
    return 0;
}

int ChatView::verticalOffset() const
{
    return verticalScrollBar()->value();
}

QModelIndex ChatView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers)
{
    if (!model() || m_rows.count() == 0 || m_rows.count() != model()->rowCount())
        return {};
    const int last = m_rows.count() - 1;
    const QModelIndex current = currentIndex();
    if (!current.isValid())
        return model()->index(cursorAction == MoveEnd ? last : 0, 0);
    const int row = current.row();
    const qint64 page = std::max(1, viewport()->height());
    int to = row;
    switch (cursorAction) {
    case MoveUp:
    case MovePrevious:
        to = row - 1;
        break;
    case MoveDown:
    case MoveNext:
        to = row + 1;
        break;
    case MoveHome:
        to = 0;
        break;
    case MoveEnd:
        to = last;
        break;
    case MovePageUp: {
        const int at = m_rows.rowAt(std::max<qint64>(0, m_rows.top(row) - page));
        to = std::min(row - 1, at < 0 ? 0 : at);
        break;
    }
    case MovePageDown: {
        const int at = m_rows.rowAt(m_rows.top(row) + page);
        to = std::max(row + 1, at < 0 ? last : at);
        break;
    }
    case MoveLeft:
    case MoveRight:
        break;
    }
    return model()->index(std::clamp(to, 0, last), 0);
}

void ChatView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    if (!selectionModel() || !model() || m_rows.count() == 0)
        return;
    const qint64 value = verticalScrollBar()->value();
    const QRect r = rect.normalized();
    int first = m_rows.rowAt(value + r.top());
    int last = m_rows.rowAt(value + r.bottom());
    if (first < 0 && last < 0) {
        selectionModel()->select(QItemSelection(), command);
        return;
    }
    if (first < 0)
        first = 0;
    if (last < 0)
        last = m_rows.count() - 1;
    selectionModel()->select(QItemSelection(model()->index(first, 0), model()->index(last, 0)),
                             command);
}

QRegion ChatView::visualRegionForSelection(const QItemSelection &selection) const
{
    QRegion region;
    const QRect vp = viewport()->rect();
    for (const QItemSelectionRange &range : selection) {
        if (!range.isValid() || range.parent().isValid())
            continue;
        const QRect first = visualRect(model()->index(range.top(), 0));
        const QRect last = visualRect(model()->index(range.bottom(), 0));
        region += QRect(first.topLeft(), last.bottomRight()).intersected(vp.adjusted(0, -1, 0, 1));
    }
    return region;
}

QSize ChatView::viewportSizeHint() const
{
    return QAbstractItemView::viewportSizeHint();
}

} // namespace Parlor
