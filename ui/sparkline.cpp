#include "sparkline.h"

#include "theme.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace Parlor {

Sparkline::Sparkline(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Recent round-trip times"));
}

void Sparkline::setValues(const QList<qint64> &values)
{
    m_values = values;
    if (!values.isEmpty()) {
        const auto [lo, hi] = std::minmax_element(values.cbegin(), values.cend());
        setAccessibleDescription(
                tr("%1 values from %2 to %3 ms").arg(values.size()).arg(*lo).arg(*hi));
    }
    update();
}

QSize Sparkline::sizeHint() const
{
    return QSize(240, fontMetrics().height() * 4);
}

QSize Sparkline::minimumSizeHint() const
{
    return QSize(80, fontMetrics().height() * 3);
}

void Sparkline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(4, 4, -4, -4);
    p.setPen(QPen(Theme::separator(palette()), 1));
    p.drawRect(area);
    if (m_values.size() < 2) {
        p.setPen(Theme::systemText(palette()));
        p.drawText(area, Qt::AlignCenter, tr("no round trips yet"));
        return;
    }
    const auto [lo, hi] = std::minmax_element(m_values.cbegin(), m_values.cend());
    const double span = std::max<double>(1.0, double(*hi - *lo));
    const double step = area.width() / double(m_values.size() - 1);
    QPainterPath path;
    for (int i = 0; i < m_values.size(); ++i) {
        const QPointF point(area.left() + i * step,
                            area.bottom()
                                    - (double(m_values.at(i) - *lo) / span) * (area.height() - 4)
                                    - 2);
        if (i == 0)
            path.moveTo(point);
        else
            path.lineTo(point);
    }
    p.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
    p.drawPath(path);
    p.setPen(Theme::systemText(palette()));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    p.drawText(area.adjusted(4, 2, -4, -2), Qt::AlignTop | Qt::AlignRight, tr("%1 ms").arg(*hi));
    p.drawText(area.adjusted(4, 2, -4, -2), Qt::AlignBottom | Qt::AlignRight, tr("%1 ms").arg(*lo));
}

} // namespace Parlor
