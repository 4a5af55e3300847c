#include "elidedlabel.h"

#include <QEvent>

namespace Parlor {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
}

void ElidedLabel::setFullText(const QString &text)
{
    if (text == m_fullText)
        return;
    m_fullText = text;
    updateGeometry(); // the layout learns the new natural width
    updateElided();
}

QSize ElidedLabel::minimumSizeHint() const
{
    // Room for "…" and a letter or two: the layout may squeeze it that far.
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(QStringLiteral("M…")), QLabel::minimumSizeHint().height()};
}

QSize ElidedLabel::sizeHint() const
{
    const QFontMetrics fm(font());
    const QMargins m = contentsMargins();
    return {fm.horizontalAdvance(m_fullText) + m.left() + m.right() + 2 * margin(),
            QLabel::sizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    updateElided();
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateElided();
}

void ElidedLabel::updateElided()
{
    const QString shown = fontMetrics().elidedText(m_fullText, Qt::ElideRight,
                                                   contentsRect().width() - 2 * margin());
    // setText() would ask the layout for room again; the width is the layout's to give.
    if (shown != text())
        QLabel::setText(shown);
    setToolTip(shown == m_fullText ? QString() : m_fullText);
}

} // namespace Parlor
