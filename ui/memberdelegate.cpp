#include "memberdelegate.h"

#include "client/membermodel.h"
#include "nickcolors.h"
#include "theme.h"

#include <QPainter>

namespace Parlor {

QString MemberDelegate::describe(const QModelIndex &index)
{
    QStringList notes;
    if (index.data(MemberModel::IsYouRole).toBool())
        notes.append(tr("you"));
    if (index.data(MemberModel::PlainRole).toBool())
        notes.append(tr("plain client"));
    return notes.isEmpty() ? QString()
                           : QStringLiteral("(%1)").arg(notes.join(QStringLiteral(", ")));
}

QSize MemberDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(option.rect.width(), QFontMetrics(option.font).height() + 10);
}

void MemberDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    painter->save();
    const QPalette &pal = option.palette;
    if (option.state & QStyle::State_Selected)
        painter->fillRect(option.rect, pal.color(QPalette::Highlight));
    const QString nick = index.data(MemberModel::NickRole).toString();
    const QFontMetrics fm(option.font);
    const QRect r = option.rect.adjusted(10, 0, -8, 0);
    const qreal dot = fm.height() * 0.45;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(NickColors::forNick(nick, pal));
    painter->drawEllipse(QRectF(r.left(), r.center().y() - dot / 2 + 1, dot, dot));

    const int textLeft = r.left() + int(dot) + 8;
    QFont bold = option.font;
    bold.setBold(index.data(MemberModel::IsYouRole).toBool());
    painter->setFont(bold);
    painter->setPen(option.state & QStyle::State_Selected ? pal.color(QPalette::HighlightedText)
                                                          : pal.color(QPalette::Text));
    const QString note = describe(index);
    const bool typing = index.data(MemberModel::TypingRole).toBool();
    const QString suffix = typing ? tr("typing…") : note;
    const int suffixWidth = suffix.isEmpty() ? 0 : fm.horizontalAdvance(suffix) + 8;
    const QRect nameRect(textLeft, r.top(), std::max(20, r.right() - textLeft - suffixWidth),
                         r.height());
    const QString shown = QFontMetrics(bold).elidedText(nick, Qt::ElideRight, nameRect.width());
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter, shown);
    if (!suffix.isEmpty()) {
        painter->setFont(option.font);
        painter->setPen(Theme::systemText(pal));
        const int nameWidth = QFontMetrics(bold).horizontalAdvance(shown);
        painter->drawText(QRect(textLeft + nameWidth + 6, r.top(),
                                r.right() - textLeft - nameWidth - 6, r.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(suffix, Qt::ElideRight,
                                        r.right() - textLeft - nameWidth - 6));
    }
    painter->restore();
}

} // namespace Parlor
