#include "messagedelegate.h"

#include "chatfiles.h"
#include "chatselection.h"
#include "client/chatline.h"
#include "client/connectionstatemachine.h"
#include "client/filenames.h"
#include "client/mentionmatcher.h"
#include "client/messagemodel.h"
#include "client/messagesearch.h"
#include "nickcolors.h"
#include "theme.h"

#include <QApplication>
#include <QDate>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>
#include <QMimeDatabase>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTextLayout>

namespace Parlor {

namespace {

constexpr int hMargin = 12;               // left and right padding of a row
constexpr int markWidth = 20;             // room for the delivery mark of own messages
constexpr int groupGapMs = 5 * 60 * 1000; // a pause this long starts a new group
constexpr int cardPadding = 8;            // inside a file's card
constexpr int cardIcon = 32;              // a file's icon in its card
constexpr int cardMinWidth = 380;         // a card is at least this wide (if the row is)

const QRegularExpression &linkPattern()
{
    static const QRegularExpression re(QStringLiteral(
                                               R"((?:https?|wss?)://[^\s<>"']+|www\.[^\s<>"']+)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

ChatLine::Kind kindOf(const QModelIndex &i)
{
    return ChatLine::Kind(i.data(MessageModel::KindRole).toInt());
}

bool isMessage(const QModelIndex &i)
{
    const auto k = kindOf(i);
    return k == ChatLine::Kind::Chat || k == ChatLine::Kind::Own;
}

// The same words as what a screen reader hears of the line (MessageModel::accessibleText).
QString leaveReasonText(const QString &reason)
{
    return MessageModel::leaveReasonText(reason);
}

// Wraps \a layout's text into lines of \a width, one under the other; returns the height. The
// same for measuring, painting and hit-testing, so that all three agree to the pixel.
qreal layOutText(QTextLayout *layout, int width, Qt::LayoutDirection direction)
{
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    textOption.setTextDirection(direction);
    layout->setTextOption(textOption);
    layout->beginLayout();
    qreal height = 0;
    while (true) {
        QTextLine line = layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout->endLayout();
    return height;
}

} // namespace

struct MessageDelegate::Layout
{
    bool daySeparator = false;
    QString dayText;
    bool unreadMarker = false;
    bool header = false;
    bool system = false;
    bool action = false;
    bool own = false;
    bool mention = false;
    bool quote = false; ///< a reply: its quote is drawn between the header and the text
    bool file = false;  ///< a shared file: a card instead of the text
    QSize thumbnail;    ///< the size of its picture's thumbnail, if there is one
    int cardWidth = 0;
    int quoteTop = 0;
    int quoteHeight = 0;
    int lineHeight = 0;
    int separatorHeight = 0;
    int headerHeight = 0;
    int textTop = 0;
    int textHeight = 0;
    int height = 0;
    int textLeft = 0;
    int textWidth = 0;
    QString text;
    QList<QTextLayout::FormatRange> formats;
    QList<QPair<QPair<int, int>, QString>> links; ///< (start, length) → URL
};

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void MessageDelegate::setMyNick(const QString &nick)
{
    if (nick == m_myNick)
        return;
    m_myNick = nick;
}

void MessageDelegate::setTimeFormat(const QString &format)
{
    m_timeFormat = format;
}

void MessageDelegate::setUnreadRow(int row)
{
    const int old = m_unreadRow;
    m_unreadRow = row;
    m_heights.remove(old);
    m_heights.remove(row);
}

void MessageDelegate::invalidate()
{
    m_heights.clear();
}

void MessageDelegate::invalidateRows(int first, int last)
{
    // A row's height also depends on its predecessor (grouping, day separator).
    for (int row = first; row <= last + 1; ++row)
        m_heights.remove(row);
}

bool MessageDelegate::mentionsMe(const QString &text) const
{
    // The same rule as the session's MentionRole (Korean particles after the name included).
    return !m_myNick.isEmpty() && MentionMatcher::mentions(text, m_myNick);
}

QList<QPair<int, int>> MessageDelegate::mentionRanges(const QString &text) const
{
    QList<QPair<int, int>> ranges;
    if (m_myNick.isEmpty())
        return ranges;
    for (const MentionMatcher::Range &m : MentionMatcher::matches(text, m_myNick)) {
        const bool at = m.start > 0 && text.at(m.start - 1) == u'@';
        ranges.append({int(m.start) - (at ? 1 : 0), int(m.length) + (at ? 1 : 0)});
    }
    return ranges;
}

QString MessageDelegate::quoteText(const QModelIndex &index)
{
    const QString nick = index.data(MessageModel::ReplyNickRole).toString();
    if (nick.isEmpty())
        return tr("↳ message no longer available");
    return tr("↳ %1: %2").arg(nick, index.data(MessageModel::ReplyTextRole).toString());
}

QString MessageDelegate::systemText(const QModelIndex &index)
{
    const QString subject = index.data(MessageModel::SenderRole).toString();
    const QString detail = index.data(MessageModel::TextRole).toString();
    switch (ChatLine::Event(index.data(MessageModel::EventRole).toInt())) {
    case ChatLine::Event::Join:
        return tr("→ %1 joined").arg(subject);
    case ChatLine::Event::Leave:
        if (detail == QLatin1String("quit") || detail.isEmpty())
            return tr("← %1 left").arg(subject);
        if (detail == QLatin1String("lost"))
            return tr("← %1 lost the connection").arg(subject);
        return tr("← %1 left (%2)").arg(subject, leaveReasonText(detail));
    case ChatLine::Event::NickChange:
        return tr("%1 is now known as %2").arg(subject, detail);
    case ChatLine::Event::Gap:
        return tr("Some earlier messages are no longer available.");
    case ChatLine::Event::Presence: {
        // "0 left" said nothing: a storm is usually all joins or all leaves.
        const QStringList counts = detail.split(u' ');
        const QString joined = counts.value(0);
        const QString left = counts.value(1);
        if (left == QLatin1String("0"))
            //: A storm of joins, counted instead of named: %1 people joined
            return tr("⇄ %1 joined").arg(joined);
        if (joined == QLatin1String("0"))
            //: A storm of leaves, counted instead of named: %1 people left
            return tr("⇄ %1 left").arg(left);
        //: A storm of joins and leaves, counted instead of named: %1 joined, %2 left
        return tr("⇄ %1 joined, %2 left").arg(joined, left);
    }
    default:
        return detail;
    }
}

QString MessageDelegate::shownText(const QModelIndex &index)
{
    if (!isMessage(index))
        return systemText(index);
    const QString text = index.data(MessageModel::TextRole).toString();
    if (text.startsWith(QLatin1String("/me ")))
        return QStringLiteral("* %1 %2").arg(index.data(MessageModel::SenderRole).toString(),
                                             text.mid(4));
    return text;
}

QString MessageDelegate::daySeparatorText(const QModelIndex &index)
{
    const QModelIndex prev = index.sibling(index.row() - 1, 0);
    const QDateTime time = index.data(MessageModel::TimeRole).toDateTime().toLocalTime();
    const QDateTime prevTime = prev.isValid()
                                       ? prev.data(MessageModel::TimeRole).toDateTime().toLocalTime()
                                       : QDateTime();
    if (!time.isValid() || (prevTime.isValid() && prevTime.date() == time.date()))
        return {};
    const QDate today = QDate::currentDate();
    return time.date() == today ? tr("Today")
           : time.date() == today.addDays(-1)
                   ? tr("Yesterday")
                   : QLocale().toString(time.date(), QLocale::LongFormat);
}

QString MessageDelegate::plainText(const QModelIndex &index) const
{
    const QString time
            = QLocale().toString(index.data(MessageModel::TimeRole).toDateTime().toLocalTime(),
                                 m_timeFormat);
    const QString text = index.data(MessageModel::TextRole).toString();
    // An action reads as it is shown ("* mina waves"); no one wrote "mina: /me waves".
    if (!isMessage(index) || text.startsWith(QLatin1String("/me ")))
        return QStringLiteral("[%1] %2").arg(time, shownText(index));
    return QStringLiteral("[%1] %2: %3")
            .arg(time, index.data(MessageModel::SenderRole).toString(),
                 index.data(MessageModel::TextRole).toString());
}

MessageDelegate::Layout MessageDelegate::layoutFor(const QStyleOptionViewItem &option,
                                                   const QModelIndex &index, bool measure) const
{
    Layout l;
    const QFontMetrics fm(option.font);
    l.lineHeight = fm.height();
    const QModelIndex prev = index.sibling(index.row() - 1, 0);
    const QDateTime time = index.data(MessageModel::TimeRole).toDateTime().toLocalTime();
    const QDateTime prevTime = prev.isValid()
                                       ? prev.data(MessageModel::TimeRole).toDateTime().toLocalTime()
                                       : QDateTime();

    l.dayText = daySeparatorText(index);
    l.daySeparator = !l.dayText.isEmpty();
    l.unreadMarker = index.row() == m_unreadRow && index.row() > 0;
    l.separatorHeight = (l.daySeparator ? fm.height() + 12 : 0)
                        + (l.unreadMarker ? fm.height() + 8 : 0);

    l.system = !isMessage(index);
    l.own = kindOf(index) == ChatLine::Kind::Own;
    const QString sender = index.data(MessageModel::SenderRole).toString();
    l.action = !l.system
               && index.data(MessageModel::TextRole).toString().startsWith(QLatin1String("/me "));
    l.text = shownText(index);
    l.header = !l.system && !l.action
               && (l.daySeparator || l.unreadMarker || !prev.isValid() || !isMessage(prev)
                   || prev.data(MessageModel::SenderRole).toString() != sender
                   || prev.data(MessageModel::TextRole).toString().startsWith(QLatin1String("/me "))
                   || prevTime.msecsTo(time) > groupGapMs);
    l.headerHeight = l.header ? fm.height() + 6 : 0;
    l.file = !l.system && ChatFiles::isFile(index);
    // A file named after me mentions no one; an answer to me still does (MentionRole).
    l.mention = !l.system && !l.own
                && (index.data(MessageModel::MentionRole).toBool()
                    || (!l.file && mentionsMe(l.text)));
    l.quote = !l.system && index.data(MessageModel::ReplyToRole).toLongLong() > 0;
    l.quoteHeight = l.quote ? fm.height() + 6 : 0;

    l.textLeft = hMargin + (l.system ? 0 : 8);
    l.textWidth = std::max(40, option.rect.width() - l.textLeft - hMargin - (l.own ? markWidth : 0));
    l.quoteTop = l.separatorHeight + l.headerHeight + 2;
    l.textTop = l.quoteTop + l.quoteHeight;

    if (l.file) {
        // A card of known height: nothing to shape.
        const QImage *thumb = m_files && ChatFiles::isPicture(index) ? m_files->thumbnail(
                                      index.data(MessageModel::FileKeyRole).toString())
                                                                     : nullptr;
        if (thumb)
            l.thumbnail = thumb->size() / thumb->devicePixelRatio();
        const int infoHeight = std::max(cardIcon, 2 * l.lineHeight + 6);
        l.cardWidth = std::min(l.textWidth,
                               std::max(cardMinWidth, l.thumbnail.width() + 2 * cardPadding));
        l.textHeight = cardPadding + (thumb ? l.thumbnail.height() + cardPadding : 0) + infoHeight
                       + cardPadding;
        l.height = l.textTop + l.textHeight + 6;
        return l;
    }

    if (!l.system) {
        auto it = linkPattern().globalMatch(l.text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            QString url = m.captured(0);
            // Sentence punctuation right after a link belongs to the sentence.
            while (!url.isEmpty() && QStringLiteral(".,;:!?)]}").contains(url.back()))
                url.chop(1);
            QTextLayout::FormatRange range;
            range.start = int(m.capturedStart(0));
            range.length = int(url.size());
            range.format.setForeground(option.palette.color(QPalette::Link));
            range.format.setFontUnderline(true);
            l.formats.append(range);
            if (url.startsWith(QLatin1String("www."), Qt::CaseInsensitive))
                url.prepend(QLatin1String("https://"));
            l.links.append({{range.start, range.length}, url});
        }
        if (l.mention) {
            for (const auto &m : mentionRanges(l.text)) {
                QTextLayout::FormatRange range;
                range.start = m.first;
                range.length = m.second;
                range.format.setFontWeight(QFont::Bold);
                l.formats.append(range);
            }
        }
    }

    if (!measure)
        return l; // painting lays the text out itself, with its formats
    QTextLayout layout(l.text, option.font);
    l.textHeight = qCeil(shapeText(&layout, l, option));
    l.height = l.textTop + l.textHeight + (l.system ? 4 : 3);
    return l;
}

// Italic and bold change where lines wrap and where characters are: measuring, painting and
// hit-testing all shape the text with them.
static QList<QTextLayout::FormatRange> shapeFormats(const QString &text, bool italic,
                                                    const QList<QTextLayout::FormatRange> &formats)
{
    QList<QTextLayout::FormatRange> all = formats;
    if (italic) {
        QTextLayout::FormatRange range;
        range.start = 0;
        range.length = int(text.size());
        range.format.setFontItalic(true);
        all.prepend(range);
    }
    return all;
}

qreal MessageDelegate::shapeText(QTextLayout *layout, const Layout &l,
                                 const QStyleOptionViewItem &option) const
{
    layout->setFormats(shapeFormats(l.text, l.system || l.action, l.formats));
    return layOutText(layout, l.textWidth, option.direction);
}

namespace {

// estimateKey(): the text's width in average characters in the low bits, then the parts.
constexpr quint32 keyUnitsMask = 0xFFFFF;
constexpr quint32 keyHeader = 1u << 20;
constexpr quint32 keyQuote = 1u << 21;
constexpr quint32 keyFile = 1u << 22;
constexpr quint32 keySystem = 1u << 23;
constexpr quint32 keyOwn = 1u << 24;

} // namespace

quint32 MessageDelegate::estimateKey(const QModelIndex &index)
{
    if (!isMessage(index))
        return keySystem; // one line of words
    const QString text = index.data(MessageModel::TextRole).toString();
    const QString sender = index.data(MessageModel::SenderRole).toString();
    const bool action = text.startsWith(QLatin1String("/me "));
    quint32 key = kindOf(index) == ChatLine::Kind::Own ? keyOwn : 0;
    const QModelIndex prev = index.sibling(index.row() - 1, 0);
    // As layoutFor() decides, but without the day and the pause (their times cost more to read
    // than the estimate is worth).
    if (!action
        && (!prev.isValid() || !isMessage(prev)
            || prev.data(MessageModel::SenderRole).toString() != sender
            || prev.data(MessageModel::TextRole).toString().startsWith(QLatin1String("/me "))))
        key |= keyHeader;
    if (index.data(MessageModel::ReplyToRole).toLongLong() > 0)
        key |= keyQuote;
    if (ChatFiles::isFile(index))
        return key | keyFile;
    // Wide (CJK) characters take about two average ones.
    quint32 units = action ? quint32(sender.size()) + 2 : 0;
    for (const QChar c : text)
        units += c.unicode() >= 0x1100 ? 2 : 1;
    return key | std::min(units, keyUnitsMask);
}

MessageDelegate::EstimateMetrics MessageDelegate::estimateMetrics(const QFont &font, int width)
{
    const QFontMetrics fm(font);
    return {fm.height(), std::max(1, fm.averageCharWidth()), width};
}

int MessageDelegate::estimatedHeight(quint32 key, const EstimateMetrics &m)
{
    const bool system = key & keySystem;
    const int headerHeight = (key & keyHeader) ? m.lineHeight + 6 : 0;
    const int quoteHeight = (key & keyQuote) ? m.lineHeight + 6 : 0;
    const int textTop = headerHeight + 2 + quoteHeight;
    if (key & keyFile)
        return textTop + 2 * cardPadding + std::max(cardIcon, 2 * m.lineHeight + 6) + 6;
    const int textLeft = hMargin + (system ? 0 : 8);
    const int textWidth = std::max(40,
                                   m.width - textLeft - hMargin - ((key & keyOwn) ? markWidth : 0));
    // Words wrap before the edge: a line holds a little less than its width in characters.
    const qint64 units = qint64(key & keyUnitsMask) * m.charWidth * 11 / 10;
    const int lines = std::max<qint64>(1, (units + textWidth - 1) / textWidth);
    return textTop + lines * m.lineHeight + (system ? 4 : 3);
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = option.rect.width();
    // QListView::updateGeometries() asks with an empty rect, only for a scroll step: answering it
    // must not throw away the heights measured at the real width.
    if (width <= 0)
        return QSize(width, QFontMetrics(option.font).height() + 8);
    if (width != m_cachedWidth) {
        m_heights.clear();
        m_cachedWidth = width;
    }
    const auto it = m_heights.constFind(index.row());
    if (it != m_heights.cend())
        return QSize(width, *it);
    const int height = layoutFor(option, index).height;
    m_heights.insert(index.row(), height);
    return QSize(width, height);
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const Layout l = layoutFor(option, index, false);
    const QPalette &pal = option.palette;
    const QRect r = option.rect;
    const QFontMetrics fm(option.font);
    painter->save();
    painter->setClipRect(r);

    int y = r.top();
    if (l.daySeparator) {
        const int mid = y + (fm.height() + 12) / 2;
        QFont small = option.font;
        small.setBold(true);
        const QFontMetrics sfm(small);
        const int textWidth = sfm.horizontalAdvance(l.dayText) + 16;
        painter->setPen(Theme::separator(pal));
        painter->drawLine(r.left() + hMargin, mid, r.center().x() - textWidth / 2, mid);
        painter->drawLine(r.center().x() + textWidth / 2, mid, r.right() - hMargin, mid);
        painter->setFont(small);
        painter->setPen(Theme::systemText(pal));
        painter->drawText(QRect(r.left(), y, r.width(), fm.height() + 12), Qt::AlignCenter,
                          l.dayText);
        painter->setFont(option.font);
        y += fm.height() + 12;
    }
    if (l.unreadMarker) {
        const int mid = y + (fm.height() + 8) / 2;
        const QString text = tr("new messages");
        const int textWidth = fm.horizontalAdvance(text) + 16;
        const QColor c = Theme::unreadMarker(pal);
        painter->setPen(c);
        painter->drawLine(r.left() + hMargin, mid, r.right() - hMargin - textWidth, mid);
        painter->drawText(QRect(r.right() - hMargin - textWidth, y, textWidth, fm.height() + 8),
                          Qt::AlignRight | Qt::AlignVCenter, text);
        y += fm.height() + 8;
    }

    // The selection is drawn on the text itself (below), as in a text editor: a row with only
    // a few words selected must not look wholly selected.
    const QRect body(r.left(), y, r.width(), r.bottom() - y + 1);
    if (index.row() == m_flashRow) {
        QColor c = pal.color(QPalette::Highlight);
        c.setAlphaF(0.4f);
        painter->fillRect(body, c);
    } else if (l.mention) {
        painter->fillRect(body, Theme::mentionTint(pal));
    } else if (l.own) {
        painter->fillRect(body, Theme::ownMessageTint(pal));
    }
    if (option.state & QStyle::State_HasFocus) {
        // The keyboard's place in the chat (where Shift+arrows select from, what the menu key's
        // menu is about): rows are not selected as a whole any more, so it needs a mark.
        painter->fillRect(QRect(body.left(), body.top(), 3, body.height()),
                          pal.color(QPalette::Highlight));
    }

    ChatSelection::Span selected;
    if (m_selection) {
        selected = m_selection->spanInRow(index.row());
        selected.to = std::min(selected.to, int(l.text.size()));
    }
    // A wholly selected message is copied with its sender and time: they are drawn selected too.
    const bool wholeSelected = m_selection && m_selection->containsRow(index.row())
                               && selected.from <= 0 && selected.to >= int(l.text.size());
    const QString sender = index.data(MessageModel::SenderRole).toString();
    const QDateTime time = index.data(MessageModel::TimeRole).toDateTime().toLocalTime();
    if (l.header) {
        QFont bold = option.font;
        bold.setBold(true);
        const QFontMetrics bfm(bold);
        const QRect headerRect(r.left() + hMargin, y + 4, r.width() - 2 * hMargin, fm.height());
        const QString name = bfm.elidedText(sender, Qt::ElideRight, headerRect.width() * 2 / 3);
        const QString timeText = QLocale().toString(time, m_timeFormat);
        if (wholeSelected) {
            const QColor highlight = pal.color(QPalette::Highlight);
            // A little wider than the words, as the text's own selection is.
            painter->fillRect(QRect(headerRect.left() - 2, headerRect.top(),
                                    bfm.horizontalAdvance(name) + 4, headerRect.height()),
                              highlight);
            const int timeWidth = fm.horizontalAdvance(timeText);
            painter->fillRect(QRect(headerRect.right() - 1 - timeWidth, headerRect.top(),
                                    timeWidth + 4, headerRect.height()),
                              highlight);
        }
        painter->setFont(bold);
        painter->setPen(wholeSelected ? pal.color(QPalette::HighlightedText)
                                      : NickColors::forNick(sender, pal));
        painter->drawText(headerRect, Qt::AlignLeft | Qt::AlignVCenter, name);
        painter->setFont(option.font);
        painter->setPen(wholeSelected ? pal.color(QPalette::HighlightedText)
                                      : Theme::systemText(pal));
        painter->drawText(headerRect, Qt::AlignRight | Qt::AlignVCenter, timeText);
    }

    if (l.quote) {
        // Muted, one line, behind a bar: what is answered, not what is said.
        const QRect quoteRect(r.left() + l.textLeft, r.top() + l.quoteTop, l.textWidth,
                              l.quoteHeight - 4);
        painter->fillRect(QRect(quoteRect.left(), quoteRect.top(), 3, quoteRect.height()),
                          Theme::quoteBar(pal));
        painter->setPen(Theme::systemText(pal));
        const QRect textRect = quoteRect.adjusted(9, 0, 0, 0);
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(quoteText(index), Qt::ElideRight, textRect.width()));
    }

    if (l.file) {
        // Found by find: the card is marked as a whole (its name may be elided).
        int match = 0;
        if (m_search) {
            const auto matches = m_search->matchesInRow(index.row());
            match = matches.isEmpty() ? 0 : matches.contains(m_search->current()) ? 2 : 1;
        }
        paintFileCard(painter, option, index, l, !selected.isEmpty() || wholeSelected, match);
    }
    QTextLayout layout(l.text, option.font);
    QList<QTextLayout::FormatRange> formats = shapeFormats(l.text, l.system || l.action, l.formats);
    if (m_search && !l.system) {
        // Matches are offsets into the line's text; an action ("/me waves") is shown as
        // "* alice waves".
        const int shift
                = l.action ? int(l.text.size())
                                     - int(index.data(MessageModel::TextRole).toString().size())
                           : 0;
        const MessageSearch::Match current = m_search->current();
        for (const MessageSearch::Match &m : m_search->matchesInRow(index.row())) {
            int start = m.start + shift;
            int length = m.length;
            if (l.action && m.start < 4) { // a match in "/me " itself: only its visible part
                length -= 4 - m.start;
                start = 4 + shift;
            }
            if (length <= 0)
                continue;
            QTextLayout::FormatRange range;
            range.start = start;
            range.length = length;
            const bool isCurrent = m == current;
            range.format.setBackground(isCurrent ? QColor(0xff, 0x96, 0x32)
                                                 : QColor(0xff, 0xe5, 0x6b));
            range.format.setForeground(QColor(Qt::black));
            formats.append(range);
        }
    }
    if (!selected.isEmpty()) {
        // Last, so that it wins over links, mentions and find highlights.
        QTextLayout::FormatRange range;
        range.start = selected.from;
        range.length = selected.to - selected.from;
        range.format.setBackground(pal.color(QPalette::Highlight));
        range.format.setForeground(pal.color(QPalette::HighlightedText));
        formats.append(range);
    }
    layout.setFormats(formats);
    layOutText(&layout, l.textWidth, option.direction);
    const auto kind = kindOf(index);
    painter->setPen(kind == ChatLine::Kind::Error ? Theme::failed(pal)
                    : l.system                    ? Theme::systemText(pal)
                                                  : pal.color(QPalette::Text));
    if (!l.file)
        layout.draw(painter, QPointF(r.left() + l.textLeft, r.top() + l.textTop));

    if (l.own) {
        const auto delivery = ChatLine::Delivery(index.data(MessageModel::DeliveryRole).toInt());
        const QRectF mark(r.right() - hMargin - 14, r.top() + l.textTop + (fm.height() - 12) / 2.0,
                          12, 12);
        painter->setRenderHint(QPainter::Antialiasing);
        QPen pen(Theme::systemText(pal), 1.5);
        pen.setCapStyle(Qt::RoundCap);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        auto tick = [&](qreal dx) {
            QPainterPath p;
            p.moveTo(mark.left() + dx, mark.center().y());
            p.lineTo(mark.left() + dx + 3, mark.bottom() - 2);
            p.lineTo(mark.left() + dx + 8, mark.top() + 2);
            painter->drawPath(p);
        };
        switch (delivery) {
        case ChatLine::Delivery::Queued:
            painter->drawEllipse(mark.adjusted(1, 1, -1, -1));
            painter->drawLine(mark.center(), QPointF(mark.center().x(), mark.top() + 3));
            painter->drawLine(mark.center(), QPointF(mark.right() - 3, mark.center().y()));
            break;
        case ChatLine::Delivery::Sent:
            tick(2);
            break;
        case ChatLine::Delivery::Delivered:
            pen.setColor(Theme::stateColor(pal, int(ConnectionStateMachine::State::Open)));
            painter->setPen(pen);
            tick(-1);
            tick(4);
            break;
        case ChatLine::Delivery::Failed: {
            painter->setPen(Qt::NoPen);
            painter->setBrush(Theme::failed(pal));
            painter->drawEllipse(mark);
            painter->setPen(QPen(pal.color(QPalette::Base), 2, Qt::SolidLine, Qt::RoundCap));
            painter->drawLine(QPointF(mark.center().x(), mark.top() + 3),
                              QPointF(mark.center().x(), mark.center().y() + 1));
            painter->drawPoint(QPointF(mark.center().x(), mark.bottom() - 3));
            break;
        }
        case ChatLine::Delivery::None:
            break;
        }
    }
    painter->restore();
}

QString MessageDelegate::linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                const QPoint &pos) const
{
    const Layout l = layoutFor(option, index);
    if (l.links.isEmpty())
        return {};
    QTextLayout layout(l.text, option.font);
    shapeText(&layout, l, option);
    const QPointF local = pos
                          - QPointF(option.rect.left() + l.textLeft, option.rect.top() + l.textTop);
    for (int i = 0; i < layout.lineCount(); ++i) {
        const QTextLine line = layout.lineAt(i);
        if (local.y() < line.y() || local.y() > line.y() + line.height())
            continue;
        if (local.x() > line.naturalTextWidth())
            return {};
        const int cursor = line.xToCursor(local.x());
        for (const auto &link : l.links) {
            if (cursor >= link.first.first && cursor < link.first.first + link.first.second)
                return link.second;
        }
    }
    return {};
}

int MessageDelegate::textPositionAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                    const QPoint &pos) const
{
    const Layout l = layoutFor(option, index, false);
    if (l.file) {
        // A card is selected as a whole, its name being what it copies as: before its middle
        // is its start, after it its end.
        const QRect card = cardFor(option, index, l).card;
        return pos.y() < card.top() || pos.x() < card.center().x() ? 0 : int(l.text.size());
    }
    QTextLayout layout(l.text, option.font);
    shapeText(&layout, l, option);
    const QPointF local = pos
                          - QPointF(option.rect.left() + l.textLeft, option.rect.top() + l.textTop);
    if (local.y() < 0 || layout.lineCount() == 0)
        return 0;
    for (int i = 0; i < layout.lineCount(); ++i) {
        const QTextLine line = layout.lineAt(i);
        if (local.y() < line.y() + line.height())
            return line.xToCursor(local.x());
    }
    return int(l.text.size());
}

QRect MessageDelegate::cursorRect(const QStyleOptionViewItem &option, const QModelIndex &index,
                                  int textPos) const
{
    const Layout l = layoutFor(option, index, false);
    if (l.file) {
        const QRect card = cardFor(option, index, l).card;
        return QRect(textPos <= 0 ? card.left() : card.right(), card.top(), 1, card.height());
    }
    QTextLayout layout(l.text, option.font);
    shapeText(&layout, l, option);
    const QTextLine line = layout.lineForTextPosition(std::clamp(textPos, 0, int(l.text.size())));
    if (!line.isValid())
        return QRect(option.rect.left() + l.textLeft, option.rect.top() + l.textTop, 1,
                     l.lineHeight);
    return QRect(option.rect.left() + l.textLeft + qRound(line.cursorToX(textPos)),
                 option.rect.top() + l.textTop + qRound(line.y()), 1, qRound(line.height()));
}

bool MessageDelegate::isOnText(const QStyleOptionViewItem &option, const QModelIndex &index,
                               const QPoint &pos) const
{
    const Layout l = layoutFor(option, index, false);
    if (l.file)
        return false; // a card: its parts are buttons, not text to put a cursor in
    QTextLayout layout(l.text, option.font);
    shapeText(&layout, l, option);
    const QPointF local = pos
                          - QPointF(option.rect.left() + l.textLeft, option.rect.top() + l.textTop);
    for (int i = 0; i < layout.lineCount(); ++i) {
        const QTextLine line = layout.lineAt(i);
        if (local.y() >= line.y() && local.y() < line.y() + line.height())
            return local.x() >= line.x() && local.x() <= line.x() + line.naturalTextWidth();
    }
    return false;
}

bool MessageDelegate::isOnQuote(const QStyleOptionViewItem &option, const QModelIndex &index,
                                const QPoint &pos) const
{
    const Layout l = layoutFor(option, index, false);
    if (!l.quote)
        return false;
    const QRect quote(option.rect.left() + l.textLeft, option.rect.top() + l.quoteTop, l.textWidth,
                      l.quoteHeight);
    return quote.contains(pos);
}

bool MessageDelegate::isOnFailedMark(const QStyleOptionViewItem &option, const QModelIndex &index,
                                     const QPoint &pos) const
{
    if (kindOf(index) != ChatLine::Kind::Own
        || ChatLine::Delivery(index.data(MessageModel::DeliveryRole).toInt())
                   != ChatLine::Delivery::Failed) {
        return false;
    }
    const Layout l = layoutFor(option, index);
    const QRect mark(option.rect.right() - hMargin - markWidth, option.rect.top() + l.textTop - 4,
                     markWidth + hMargin, l.lineHeight + 8);
    return mark.contains(pos);
}

MessageDelegate::Card MessageDelegate::cardFor(const QStyleOptionViewItem &option,
                                               const QModelIndex &index, const Layout &l) const
{
    Card c;
    if (!l.file)
        return c;
    const QRect r = option.rect;
    c.card = QRect(r.left() + l.textLeft, r.top() + l.textTop, l.cardWidth, l.textHeight);
    int y = c.card.top() + cardPadding;
    if (l.thumbnail.isValid()) {
        c.thumbnail = QRect(QPoint(c.card.left() + cardPadding, y), l.thumbnail);
        y += l.thumbnail.height() + cardPadding;
    }
    const int infoHeight = std::max(cardIcon, 2 * l.lineHeight + 6);
    const QRect info(c.card.left() + cardPadding, y, c.card.width() - 2 * cardPadding, infoHeight);
    c.icon = QRect(info.left(), info.top() + (infoHeight - cardIcon) / 2, cardIcon, cardIcon);
    const QString key = index.data(MessageModel::FileKeyRole).toString();
    const ChatFiles::Status status = m_files ? m_files->status(index) : ChatFiles::Status();
    int right = info.right();
    if (!key.isEmpty() && !status.unavailable) {
        const QFontMetrics fm(option.font);
        const int w = fm.horizontalAdvance(tr("Save")) + 24;
        const int h = l.lineHeight + 10;
        c.save = QRect(info.right() - w + 1, info.top() + (infoHeight - h) / 2, w, h);
        right = c.save.left() - cardPadding;
    }
    const int textLeft = c.icon.right() + 1 + cardPadding;
    const int textWidth = std::max(20, right - textLeft + 1);
    const int textTop = info.top() + (infoHeight - (2 * l.lineHeight + 6)) / 2;
    c.name = QRect(textLeft, textTop, textWidth, l.lineHeight);
    c.status = QRect(textLeft, textTop + l.lineHeight + 2, textWidth, l.lineHeight);
    c.progress = QRect(textLeft, c.status.bottom() + 2, textWidth, 4);
    return c;
}

QRect MessageDelegate::fileCardRect(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    return cardFor(option, index, layoutFor(option, index, false)).card;
}

QRect MessageDelegate::saveButtonRect(const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    return cardFor(option, index, layoutFor(option, index, false)).save;
}

QRect MessageDelegate::thumbnailRect(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    return cardFor(option, index, layoutFor(option, index, false)).thumbnail;
}

QString MessageDelegate::fileStatusText(const QModelIndex &index) const
{
    const qint64 size = index.data(MessageModel::FileSizeRole).toLongLong();
    const ChatFiles::Status status = m_files ? m_files->status(index) : ChatFiles::Status();
    if (status.unavailable)
        return tr("No longer available");
    switch (status.transfer) {
    case ChatFiles::Status::Transfer::Uploading:
    case ChatFiles::Status::Transfer::Downloading: {
        const int percent = status.size > 0 ? int(status.done * 100 / status.size) : 0;
        //: %1: percent done, %2: bytes so far, %3: the file's size ("45% · 950 kB of 2.1 MB").
        return (status.transfer == ChatFiles::Status::Transfer::Uploading
                        ? tr("Sending… %1% · %2 of %3")
                        : tr("Receiving… %1% · %2 of %3"))
                .arg(percent)
                .arg(fileSizeText(status.done), fileSizeText(status.size));
    }
    case ChatFiles::Status::Transfer::Failed:
        //: %1: the size, %2: why the transfer failed.
        return tr("%1 · failed: %2").arg(fileSizeText(size), status.error);
    case ChatFiles::Status::Transfer::None:
        break;
    }
    if (ChatFiles::isPicture(index) && m_files) {
        const QString key = index.data(MessageModel::FileKeyRole).toString();
        const QString refused = m_files->thumbnailError(key);
        if (!refused.isEmpty())
            return tr("%1 · %2").arg(fileSizeText(size), refused);
    }
    return fileSizeText(size);
}

void MessageDelegate::paintFileCard(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index, const Layout &l, bool selected,
                                    int searchMatch) const
{
    const QPalette &pal = option.palette;
    const Card c = cardFor(option, index, l);
    const QFontMetrics fm(option.font);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // The card: the chat's base colour with a thin border (in both themes); selected, it takes
    // the selection's colour as selected text does; found by find, a border of the find colour.
    QColor border = Theme::separator(pal);
    if (searchMatch > 0)
        border = searchMatch == 2 ? QColor(0xff, 0x96, 0x32) : QColor(0xe0, 0xb0, 0x00);
    painter->setPen(QPen(border, searchMatch > 0 ? 2 : 1));
    painter->setBrush(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Base));
    painter->drawRoundedRect(QRectF(c.card).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);

    const QString key = index.data(MessageModel::FileKeyRole).toString();
    if (c.thumbnail.isValid() && m_files) {
        if (const QImage *thumb = m_files->thumbnail(key)) {
            QPainterPath clip;
            clip.addRoundedRect(QRectF(c.thumbnail), 4, 4);
            painter->setClipPath(clip, Qt::IntersectClip);
            painter->drawImage(c.thumbnail, *thumb);
            painter->setClipping(false);
            painter->setClipRect(option.rect);
        }
    }

    // The file's icon: the desktop's for its type, or a page with its extension on it.
    const QString name = index.data(MessageModel::FileNameRole).toString();
    const QString mime = index.data(MessageModel::FileMimeRole).toString();
    static const QMimeDatabase mimes;
    const QMimeType type = mimes.mimeTypeForName(mime);
    QIcon icon = type.isValid() ? QIcon::fromTheme(type.iconName(),
                                                   QIcon::fromTheme(type.genericIconName()))
                                : QIcon();
    if (!icon.isNull()) {
        icon.paint(painter, c.icon);
    } else {
        const QRectF page = QRectF(c.icon).adjusted(5, 1, -5, -1);
        const qreal fold = 7;
        QPainterPath path;
        path.moveTo(page.topLeft());
        path.lineTo(page.right() - fold, page.top());
        path.lineTo(page.right(), page.top() + fold);
        path.lineTo(page.bottomRight());
        path.lineTo(page.bottomLeft());
        path.closeSubpath();
        painter->setPen(QPen(Theme::systemText(pal), 1.2));
        painter->setBrush(pal.color(QPalette::Base));
        painter->drawPath(path);
        painter->drawLine(QPointF(page.right() - fold, page.top()),
                          QPointF(page.right() - fold, page.top() + fold));
        painter->drawLine(QPointF(page.right() - fold, page.top() + fold),
                          QPointF(page.right(), page.top() + fold));
        const QString ext = QFileInfo(name).suffix().left(4).toUpper();
        if (!ext.isEmpty()) {
            QFont small = option.font;
            small.setPixelSize(8);
            small.setBold(true);
            painter->setFont(small);
            painter->setPen(pal.color(QPalette::Highlight));
            painter->drawText(page.adjusted(0, fold, 0, 0), Qt::AlignCenter, ext);
        }
    }

    // Name (elided in the middle: the extension stays in sight) and its status line.
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
    painter->drawText(c.name, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideMiddle, c.name.width()));
    painter->setFont(option.font);
    const ChatFiles::Status status = m_files ? m_files->status(index) : ChatFiles::Status();
    const bool failed = status.transfer == ChatFiles::Status::Transfer::Failed;
    painter->setPen(selected ? pal.color(QPalette::HighlightedText)
                    : failed ? Theme::failed(pal)
                             : Theme::systemText(pal));
    painter->drawText(c.status, Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(fileStatusText(index), Qt::ElideRight, c.status.width()));
    const bool moving = status.transfer == ChatFiles::Status::Transfer::Uploading
                        || status.transfer == ChatFiles::Status::Transfer::Downloading;
    if (moving) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::separator(pal));
        painter->drawRoundedRect(QRectF(c.progress), 2, 2);
        const qreal done = status.size > 0 ? qreal(status.done) / status.size : 0;
        QRectF bar = c.progress;
        bar.setWidth(std::max<qreal>(4, bar.width() * std::clamp<qreal>(done, 0, 1)));
        painter->setBrush(pal.color(QPalette::Highlight));
        painter->drawRoundedRect(bar, 2, 2);
    }

    if (c.save.isValid()) {
        // A real push button of the style, so it looks like every other button.
        QStyleOptionButton button;
        button.rect = c.save;
        button.text = tr("Save");
        button.palette = pal;
        button.fontMetrics = fm;
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        painter->setRenderHint(QPainter::Antialiasing, false);
        style->drawControl(QStyle::CE_PushButton, &button, painter, widget);
    }
    painter->restore();
}

} // namespace Parlor
