#include "roomlistdelegate.h"

#include "client/connectionstatemachine.h"
#include "desktop/roomlistmodel.h"
#include "theme.h"

#include <QPainter>

namespace Parlor {

QSize RoomListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(option.rect.width(), QFontMetrics(option.font).height() + 12);
}

void RoomListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(option.rect, pal.color(QPalette::Highlight));
    else if (option.state & QStyle::State_MouseOver)
        painter->fillRect(option.rect, pal.color(QPalette::AlternateBase));
    if (option.state & QStyle::State_HasFocus) {
        QPen focus(pal.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
        focus.setStyle(Qt::DotLine);
        painter->setPen(focus);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(option.rect).adjusted(0.5, 0.5, -1.5, -1.5));
    }

    const QFontMetrics fm(option.font);
    const QRect r = option.rect.adjusted(10, 0, -8, 0);
    const int state = index.data(RoomListModel::StateRole).toInt();
    const bool reconnecting = index.data(RoomListModel::ReconnectingRole).toBool();
    // The badge's colours: a closed room that will reconnect is amber, like "RECONNECTING".
    const QColor stateColor = Theme::stateColor(pal,
                                                reconnecting ? int(
                                                        ConnectionStateMachine::State::Connecting)
                                                             : state);
    const qreal dot = fm.height() * 0.5;
    painter->setPen(Qt::NoPen);
    painter->setBrush(stateColor);
    painter->drawEllipse(QRectF(r.left(), r.center().y() - dot / 2 + 1, dot, dot));

    // Marks on the right, from the edge inwards: the unread count, then "@" for a mention.
    const int unread = index.data(RoomListModel::UnreadRole).toInt();
    const int mentions = index.data(RoomListModel::MentionsRole).toInt();
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const int pillHeight = fm.height();
    int right = r.right();
    painter->setFont(bold);
    auto pill = [&](const QString &text, const QColor &fill, const QColor &ink) {
        const int w = std::max(pillHeight, bfm.horizontalAdvance(text) + pillHeight / 2 + 2);
        const QRectF box(right - w + 1, r.center().y() - pillHeight / 2.0 + 1, w, pillHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(box, pillHeight / 2.0, pillHeight / 2.0);
        painter->setPen(ink);
        painter->drawText(box, Qt::AlignCenter, text);
        right -= w + 4;
    };
    if (unread > 0) {
        pill(unread > 999 ? QStringLiteral("999+") : QString::number(unread),
             pal.color(selected ? QPalette::HighlightedText : QPalette::Highlight),
             pal.color(selected ? QPalette::Highlight : QPalette::HighlightedText));
    }
    if (mentions > 0)
        pill(QStringLiteral("@"), Theme::unreadMarker(pal), Qt::white);

    const int textLeft = r.left() + int(dot) + 8;
    painter->setFont(unread > 0 ? bold : option.font);
    painter->setPen(pal.color(selected ? QPalette::HighlightedText : QPalette::Text));
    const QRect nameRect(textLeft, r.top(), std::max(10, right - textLeft - 4), r.height());
    const QString name = index.data(Qt::DisplayRole).toString();
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(painter->font())
                              .elidedText(name, Qt::ElideRight, nameRect.width()));
    painter->restore();
}

} // namespace Parlor
