#include "connectionbadge.h"

#include "theme.h"

#include <QEvent>
#include <QPainter>

namespace Parlor {

ConnectionBadge::ConnectionBadge(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setState(ConnectionStateMachine::State::Closed);
}

QString ConnectionBadge::stateText(ConnectionStateMachine::State state, bool reconnecting)
{
    switch (state) {
    case ConnectionStateMachine::State::Connecting:
        return tr("CONNECTING");
    case ConnectionStateMachine::State::Open:
        return tr("OPEN");
    case ConnectionStateMachine::State::Closing:
        return tr("CLOSING");
    case ConnectionStateMachine::State::Closed:
        return reconnecting ? tr("RECONNECTING") : tr("CLOSED");
    }
    return {};
}

void ConnectionBadge::setState(ConnectionStateMachine::State state, bool reconnecting)
{
    m_state = state;
    m_reconnecting = reconnecting;
    setAccessibleName(tr("Connection: %1").arg(stateText(state, reconnecting)));
    updateGeometry();
    update();
}

QSize ConnectionBadge::sizeHint() const
{
    QFont f = font();
    f.setBold(true);
    const QFontMetrics fm(f);
    return QSize(fm.height() + 12 + fm.horizontalAdvance(stateText(m_state, m_reconnecting)) + 8,
                 fm.height() + 8);
}

void ConnectionBadge::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

void ConnectionBadge::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor color = m_reconnecting && m_state == ConnectionStateMachine::State::Closed
                                 ? Theme::stateColor(palette(),
                                                     int(ConnectionStateMachine::State::Connecting))
                                 : Theme::stateColor(palette(), int(m_state));
    QColor fill = color;
    fill.setAlphaF(0.14f);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), height() / 2.0, height() / 2.0);
    QFont f = font();
    f.setBold(true);
    const QFontMetrics fm(f);
    const qreal dot = fm.height() * 0.5;
    p.setBrush(color);
    p.drawEllipse(QRectF(8, (height() - dot) / 2, dot, dot));
    p.setFont(f);
    p.setPen(color);
    p.drawText(QRect(int(8 + dot + 6), 0, width(), height()), Qt::AlignLeft | Qt::AlignVCenter,
               stateText(m_state, m_reconnecting));
}

} // namespace Parlor
