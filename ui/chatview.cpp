#include "chatview.h"

#include "client/chatline.h"
#include "client/messagemodel.h"
#include "client/messagesearch.h"
#include "messagedelegate.h"
#include "scrollanchor.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QMenu>
#include <QScrollBar>
#include <QToolButton>

namespace Parlor {

ChatView::ChatView(QWidget *parent)
    : QListView(parent)
    , m_delegate(new MessageDelegate(this))
    , m_search(new MessageSearch(nullptr, this))
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
    setSelectionMode(QAbstractItemView::ExtendedSelection);
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
    selectionModel()->select(i, QItemSelectionModel::ClearAndSelect);
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
    QListView::doItemsLayout();
    if (anchor.isValid() && !m_scrollPending)
        anchor.restore(this);
}

void ChatView::setModel(QAbstractItemModel *model)
{
    if (this->model())
        this->model()->disconnect(this);
    QListView::setModel(model);
    m_delegate->invalidate();
    m_unread = 0;
    m_search->setModel(qobject_cast<MessageModel *>(model));
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &ChatView::onRowsAboutToBeInserted);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { m_delegate->invalidate(); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_delegate->invalidate();
        m_delegate->setUnreadRow(-1);
        m_unread = 0;
        updateJumpButton();
    });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br) {
                m_delegate->invalidateRows(tl.row(), br.row());
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
            m_delegate->setUnreadRow(firstFresh);
        m_unread += fresh;
        emit unreadCountChanged(m_unread);
    }
    if (m_followBottom)
        m_scrollPending = true;
    updateJumpButton();
}

void ChatView::updateGeometries()
{
    QListView::updateGeometries();
    // Scroll ranges are known only after the delayed layout: follow the bottom here.
    if (m_scrollPending) {
        m_scrollPending = false;
        scrollToBottom();
    }
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
    m_delegate->setUnreadRow(-1);
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
    QListView::resizeEvent(event);
    if (atBottom)
        m_scrollPending = true;
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
        if (event->type() == QEvent::LanguageChange) {
            retranslateUi();
            scheduleDelayedItemsLayout();
        }
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

void ChatView::mouseMoveEvent(QMouseEvent *event)
{
    QListView::mouseMoveEvent(event);
    const QModelIndex index = indexAt(event->position().toPoint());
    const bool overLink
            = index.isValid()
              && (!m_delegate->linkAt(optionFor(index), index, event->position().toPoint()).isEmpty()
                  || m_delegate->isOnFailedMark(optionFor(index), index, event->position().toPoint())
                  || m_delegate->isOnQuote(optionFor(index), index, event->position().toPoint()));
    viewport()->setCursor(overLink ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void ChatView::mouseReleaseEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && index.isValid()) {
        const QStyleOptionViewItem option = optionFor(index);
        const QString link = m_delegate->linkAt(option, index, event->position().toPoint());
        if (!link.isEmpty()) {
            QDesktopServices::openUrl(QUrl(link));
            return;
        }
        if (m_delegate->isOnFailedMark(option, index, event->position().toPoint())) {
            emit retryRequested(index.data(MessageModel::IdRole).toString());
            return;
        }
        if (m_delegate->isOnQuote(option, index, event->position().toPoint())) {
            if (!showSeq(index.data(MessageModel::ReplyToRole).toLongLong()))
                emit statusMessage(tr("That message is no longer loaded."));
            return;
        }
    }
    QListView::mouseReleaseEvent(event);
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
    QAction *copy = menu.addAction(tr("&Copy"), this, &ChatView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(selectionModel() && selectionModel()->hasSelection());
    if (index.isValid()) {
        const QString link = m_delegate->linkAt(optionFor(index), index, event->pos());
        if (!link.isEmpty()) {
            menu.addAction(tr("Copy &Link Address"), this,
                           [link] { QApplication::clipboard()->setText(link); });
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

void ChatView::copySelection()
{
    if (!selectionModel())
        return;
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex &i : std::as_const(rows))
        lines.append(m_delegate->plainText(i));
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(u'\n'));
}

void ChatView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    QListView::keyPressEvent(event);
}

} // namespace Parlor
