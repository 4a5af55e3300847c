#include "composeedit.h"

#include "client/membermodel.h"

#include <QAbstractItemModel>
#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QImage>
#include <QKeyEvent>
#include <QMimeData>
#include <QTextBlock>

#include <algorithm>

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

bool ComposeEdit::event(QEvent *event)
{
    // Tab would move the focus (tabChangesFocus) before keyPressEvent() saw it.
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier && completeNick()) {
            key->accept();
            return true;
        }
        if (key->key() != Qt::Key_Tab)
            m_completion.index = -1;
    }
    return QPlainTextEdit::event(event);
}

QStringList ComposeEdit::nicksStartingWith(const QString &prefix) const
{
    QStringList nicks;
    if (!m_members)
        return nicks;
    for (int row = 0; row < m_members->rowCount(); ++row) {
        const QModelIndex i = m_members->index(row, 0);
        const QString nick = i.data(MemberModel::NickRole).toString();
        if (!i.data(MemberModel::IsYouRole).toBool() && nick.startsWith(prefix, Qt::CaseInsensitive))
            nicks.append(nick);
    }
    std::sort(nicks.begin(), nicks.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return nicks;
}

bool ComposeEdit::completeNick()
{
    QTextCursor cursor = textCursor();
    if (cursor.hasSelection())
        return false;
    if (m_completion.index < 0) {
        // The word before the cursor: back to white space (nicknames may hold other marks).
        const QString text = toPlainText();
        const int end = cursor.position();
        int start = end;
        while (start > 0 && !text.at(start - 1).isSpace())
            --start;
        const QString prefix = text.mid(start, end - start);
        if (prefix.isEmpty())
            return false;
        const QString stem = prefix.startsWith(u'@') ? prefix.mid(1) : prefix;
        const QStringList candidates = nicksStartingWith(stem);
        if (candidates.isEmpty())
            return false;
        m_completion.candidates = candidates;
        m_completion.index = 0;
        m_completion.start = start + int(prefix.size() - stem.size());
        m_completion.length = int(stem.size());
    } else {
        m_completion.index = (m_completion.index + 1) % int(m_completion.candidates.size());
    }
    const QString nick = m_completion.candidates.at(m_completion.index);
    // At the start of a line it addresses someone ("mina: "); elsewhere it is a word.
    const bool lineStart = m_completion.start == cursor.block().position();
    const QString completed = nick + (lineStart ? QStringLiteral(": ") : QStringLiteral(" "));
    cursor.setPosition(m_completion.start);
    cursor.setPosition(m_completion.start + m_completion.length, QTextCursor::KeepAnchor);
    cursor.insertText(completed);
    setTextCursor(cursor);
    m_completion.length = int(completed.size());
    return true;
}

void ComposeEdit::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Up || event->key() == Qt::Key_Down)
        && (event->modifiers() & ~Qt::KeypadModifier) == Qt::AltModifier) {
        emit replyPickRequested(event->key() == Qt::Key_Up ? -1 : +1);
        return;
    }
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier)
        emit replyCancelRequested();
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

QStringList ComposeEdit::localFiles(const QMimeData *source)
{
    QStringList paths;
    if (!source || !source->hasUrls())
        return paths;
    for (const QUrl &url : source->urls()) {
        // Files only: a dropped folder or a web link is not something to upload.
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

QString ComposeEdit::pastedImageName(const QDateTime &when)
{
    //: The name of a picture pasted into the compose box; %1 is the date and time.
    return tr("pasted image %1.png").arg(when.toString(QStringLiteral("yyyy-MM-dd hh.mm.ss")));
}

bool ComposeEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return !localFiles(source).isEmpty() || (source && source->hasImage())
           || QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposeEdit::insertFromMimeData(const QMimeData *source)
{
    // Paste and drop both come here: files are shared, not typed in as their paths.
    const QStringList files = localFiles(source);
    if (!files.isEmpty()) {
        emit filesOffered(files);
        return;
    }
    // A picture without text (a screenshot, "Copy Image"); an office program's copy carries a
    // picture of the text too, and then the text is what was meant.
    if (source && source->hasImage()
        && !(source->hasText() && !source->text().trimmed().isEmpty())) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (!image.isNull()) {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            if (image.save(&buffer, "PNG")) {
                emit imagePasted(pastedImageName(QDateTime::currentDateTime()), png);
                return;
            }
        }
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace Parlor
