#include "replystrip.h"

#include "protocol/protocol.h"
#include "theme.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace Parlor {

ReplyStrip::ReplyStrip(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("replyStrip"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 0);
    // The same bar as the quote the reply will carry in the chat.
    auto *bar = new QFrame(this);
    bar->setFixedWidth(3);
    bar->setAutoFillBackground(true);
    QPalette barPalette = bar->palette();
    barPalette.setColor(QPalette::Window, palette().color(QPalette::Highlight));
    bar->setPalette(barPalette);
    layout->addWidget(bar);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QPalette labelPalette = m_label->palette();
    labelPalette.setColor(QPalette::WindowText, Theme::systemText(palette()));
    m_label->setPalette(labelPalette);
    layout->addWidget(m_label, 1);
    m_close->setText(QStringLiteral("×"));
    m_close->setAutoRaise(true);
    m_close->setObjectName(QStringLiteral("cancelReply"));
    connect(m_close, &QToolButton::clicked, this, [this] {
        cancel();
        emit cancelled();
    });
    layout->addWidget(m_close);
    hide();
    retranslateUi();
}

void ReplyStrip::setTarget(qint64 seq, const QString &nick, const QString &text)
{
    m_seq = seq;
    m_nick = nick;
    m_excerpt = replyExcerpt(text);
    retranslateUi();
    show();
}

void ReplyStrip::cancel()
{
    m_seq = 0;
    m_nick.clear();
    m_excerpt.clear();
    hide();
}

QString ReplyStrip::labelText() const
{
    return m_label->text();
}

void ReplyStrip::retranslateUi()
{
    m_close->setToolTip(tr("Cancel the reply (Esc)"));
    m_close->setAccessibleName(tr("Cancel reply"));
    m_label->setText(m_seq > 0 ? tr("Replying to %1: %2").arg(m_nick, m_excerpt) : QString());
    m_label->setToolTip(m_label->text());
    setAccessibleName(m_label->text());
}

void ReplyStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace Parlor
