#include "composeedit.h"

#include <QAbstractTextDocumentLayout>
#include <QKeyEvent>
#include <QTextBlock>

namespace Parlor {

namespace {
constexpr int maxVisibleLines = 6;
constexpr int typingIdleMs = 4000;
constexpr int maxHistory = 100;
} // namespace

ComposeEdit::ComposeEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    retranslateUi();
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_typingIdle.setSingleShot(true);
    m_typingIdle.setInterval(typingIdleMs);
    connect(&m_typingIdle, &QTimer::timeout, this, [this] { setTyping(false); });
    connect(this, &QPlainTextEdit::textChanged, this, &ComposeEdit::onTextChanged);
}

void ComposeEdit::retranslateUi()
{
    setPlaceholderText(tr("Write a message…"));
    setAccessibleName(tr("Message"));
}

void ComposeEdit::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QPlainTextEdit::changeEvent(event);
}

int ComposeEdit::heightForLines(int lines) const
{
    const QMargins m = contentsMargins();
    return fontMetrics().lineSpacing() * lines + int(2 * document()->documentMargin()) + m.top()
           + m.bottom() + 2 * frameWidth();
}

QSize ComposeEdit::sizeHint() const
{
    int lines = 0;
    for (QTextBlock b = document()->begin(); b.isValid(); b = b.next())
        lines += std::max(1, b.layout() ? b.layout()->lineCount() : 1);
    return QSize(QPlainTextEdit::sizeHint().width(),
                 heightForLines(std::clamp(lines, 2, maxVisibleLines)));
}

QSize ComposeEdit::minimumSizeHint() const
{
    return QSize(100, heightForLines(2));
}

void ComposeEdit::onTextChanged()
{
    updateGeometry();
    if (toPlainText().trimmed().isEmpty()) {
        setTyping(false);
        return;
    }
    setTyping(true);
    m_typingIdle.start();
}

void ComposeEdit::setTyping(bool typing)
{
    if (m_typing == typing)
        return;
    m_typing = typing;
    if (!typing)
        m_typingIdle.stop();
    emit typingChanged(typing);
}

void ComposeEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter) {
        const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
        const bool send = m_enterSends ? mods == Qt::NoModifier : mods == Qt::ControlModifier;
        if (send) {
            submit();
            return;
        }
        if (m_enterSends && mods == Qt::ShiftModifier) {
            insertPlainText(QStringLiteral("\n"));
            return;
        }
    }
    // Up on the first line (or Down on the last) walks through what was sent, like a shell.
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier
        && textCursor().blockNumber() == 0 && !textCursor().hasSelection()
        && (toPlainText().isEmpty() || m_historyPos >= 0)) {
        recall(-1);
        return;
    }
    if (event->key() == Qt::Key_Down && event->modifiers() == Qt::NoModifier && m_historyPos >= 0
        && textCursor().blockNumber() == document()->blockCount() - 1) {
        recall(+1);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void ComposeEdit::recall(int step)
{
    if (m_history.isEmpty())
        return;
    if (m_historyPos < 0) {
        if (step > 0)
            return;
        m_draft = toPlainText();
        m_historyPos = int(m_history.size());
    }
    const int pos = m_historyPos + step;
    if (pos < 0)
        return;
    QSignalBlocker blocker(this);
    if (pos >= m_history.size()) {
        m_historyPos = -1;
        setPlainText(m_draft);
    } else {
        m_historyPos = pos;
        setPlainText(m_history.at(pos));
    }
    moveCursor(QTextCursor::End);
    updateGeometry();
}

void ComposeEdit::submit()
{
    const QString text = toPlainText();
    if (text.trimmed().isEmpty())
        return;
    if (m_history.isEmpty() || m_history.constLast() != text)
        m_history.append(text);
    while (m_history.size() > maxHistory)
        m_history.removeFirst();
    m_historyPos = -1;
    m_draft.clear();
    clear();
    setTyping(false);
    emit submitted(text);
}

} // namespace Parlor
