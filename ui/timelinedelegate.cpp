#include "timelinedelegate.h"

#include "inspector/statetimeline.h"
#include "theme.h"

#include <QLocale>
#include <QPainter>

namespace Parlor {

QString TimelineDelegate::durationText(qint64 ms)
{
    if (ms < 0)
        return tr("now");
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60000)
        return tr("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    return tr("%1 min %2 s").arg(ms / 60000).arg((ms / 1000) % 60);
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics fm(option.font);
    const bool closed = index.data(StateTimeline::StateRole).value<StateTimeline::State>()
                        == StateTimeline::State::Closed;
    return QSize(option.rect.width(), fm.height() * (closed ? 2 : 1) + 10);
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    painter->save();
    const QPalette &pal = option.palette;
    if (option.state & QStyle::State_Selected)
        painter->fillRect(option.rect, Theme::ownMessageTint(pal));
    const auto state = index.data(StateTimeline::StateRole).value<StateTimeline::State>();
    const QFontMetrics fm(option.font);
    const QRect r = option.rect.adjusted(8, 5, -8, -5);
    const qreal dot = fm.height() * 0.5;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(Theme::stateColor(pal, int(state)));
    painter->drawEllipse(QRectF(r.left(), r.top() + (fm.height() - dot) / 2, dot, dot));

    const QString time
            = QLocale().toString(index.data(StateTimeline::WallTimeRole).toDateTime().toLocalTime(),
                                 QStringLiteral("HH:mm:ss.zzz"));
    const int left = r.left() + int(dot) + 8;
    painter->setPen(Theme::systemText(pal));
    painter->drawText(QRect(left, r.top(), r.width(), fm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, time);
    const int stateLeft = left + fm.horizontalAdvance(QStringLiteral("00:00:00.000")) + 12;
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(Theme::stateColor(pal, int(state)));
    const QString name = index.data(StateTimeline::StateNameRole).toString();
    painter->drawText(QRect(stateLeft, r.top(), r.width(), fm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, name);
    painter->setFont(option.font);
    painter->setPen(Theme::systemText(pal));
    painter->drawText(QRect(r.left(), r.top(), r.width(), fm.height()),
                      Qt::AlignRight | Qt::AlignVCenter,
                      durationText(index.data(StateTimeline::DurationMsRole).toLongLong()));
    if (state == StateTimeline::State::Closed) {
        QString detail = index.data(StateTimeline::ReasonTextRole).toString();
        const int code = index.data(StateTimeline::CodeRole).toInt();
        if (code > 0)
            detail += QStringLiteral(" · %1 %2")
                              .arg(code)
                              .arg(index.data(StateTimeline::CodeNameRole).toString());
        if (index.data(StateTimeline::ReconnectScheduledRole).toBool()) {
            detail += QStringLiteral(" · ")
                      + tr("reconnect after %1")
                                .arg(durationText(index.data(StateTimeline::ReconnectDelayMsRole)
                                                          .toLongLong()));
        }
        painter->setPen(pal.color(QPalette::Text));
        painter->drawText(QRect(stateLeft, r.top() + fm.height(), r.right() - stateLeft,
                                fm.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(detail, Qt::ElideRight, r.right() - stateLeft));
    }
    painter->restore();
}

} // namespace Parlor
