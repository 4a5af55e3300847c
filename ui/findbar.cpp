#include "findbar.h"

#include "chatview.h"
#include "client/messagesearch.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace Parlor {

FindBar::FindBar(ChatView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
    , m_edit(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("findBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(4);
    m_edit->setObjectName(QStringLiteral("findEdit"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setMinimumWidth(
            m_status->fontMetrics().horizontalAdvance(QStringLiteral("0000 / 00000")));
    m_previous->setObjectName(QStringLiteral("findPrevious"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setAutoRaise(true);
    m_next->setObjectName(QStringLiteral("findNext"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setAutoRaise(true);
    m_close->setObjectName(QStringLiteral("findClose"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_close);
    retranslate();

    MessageSearch *search = m_view->search();
    connect(m_edit, &QLineEdit::textChanged, this,
            [search](const QString &text) { search->setQuery(text); });
    connect(search, &MessageSearch::matchesChanged, this, &FindBar::updateStatus);
    connect(search, &MessageSearch::currentChanged, this, &FindBar::updateStatus);
    connect(m_previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(m_close, &QToolButton::clicked, this, &FindBar::dismiss);
    updateStatus();
    hide();
}

void FindBar::open()
{
    show();
    m_view->search()->setQuery(m_edit->text());
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FindBar::dismiss()
{
    hide();
    // A closed bar leaves no highlights behind; its text stays for the next Ctrl+F.
    m_view->search()->setQuery(QString());
    m_view->setFocus(Qt::OtherFocusReason);
}

void FindBar::findNext()
{
    // F3 on a closed bar opens it at the latest match rather than wrapping to the oldest.
    if (isHidden()) {
        open();
        return;
    }
    m_view->search()->next();
}

void FindBar::findPrevious()
{
    if (isHidden()) {
        open();
        return;
    }
    m_view->search()->previous();
}

QString FindBar::statusText() const
{
    return m_status->text();
}

void FindBar::updateStatus()
{
    const MessageSearch *search = m_view->search();
    if (search->query().isEmpty())
        m_status->clear();
    else if (search->count() == 0)
        m_status->setText(tr("No matches"));
    else
        m_status->setText(tr("%1 of %2").arg(search->currentIndex() + 1).arg(search->count()));
    // Screen readers hear "3 of 17" with the line edit they are in.
    m_edit->setAccessibleDescription(m_status->text());
    m_previous->setEnabled(search->count() > 0);
    m_next->setEnabled(search->count() > 0);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (key->modifiers() & Qt::ShiftModifier)
                findPrevious();
            else
                findNext();
            return true;
        case Qt::Key_Escape:
            dismiss();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    // Esc from the previous/next/close buttons too (the line edit's is caught above).
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        dismiss();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void FindBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FindBar::retranslate()
{
    m_edit->setPlaceholderText(tr("Find in the chat"));
    m_edit->setAccessibleName(tr("Find in the chat"));
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_previous->setAccessibleName(tr("Previous match"));
    m_next->setToolTip(tr("Next match (Enter)"));
    m_next->setAccessibleName(tr("Next match"));
    m_close->setToolTip(tr("Close (Esc)"));
    m_close->setAccessibleName(tr("Close the find bar"));
    // The field's clear button is Qt's, with an icon and no words: name it for screen readers.
    for (QToolButton *clear : m_edit->findChildren<QToolButton *>())
        clear->setAccessibleName(tr("Clear the search"));
    updateStatus();
}

} // namespace Parlor
