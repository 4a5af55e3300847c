// Selecting and copying text in the chat (ChatView + MessageDelegate, offscreen, real widgets):
// drags within one message and across several, double and triple clicks, a click on a link
// that opens it without selecting, Shift+arrows, Ctrl+A, autoscroll past the edge, and the
// selection following rows that arrive or go. Points are computed from the rows' rectangles and
// the delegate's own text positions; every wait is on a condition.

#include "chatview.h"
#include "messagedelegate.h"

#include "client/chatline.h"
#include "client/messagemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>
#include <QTimer>
#include <QVBoxLayout>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

const QDateTime base = QDateTime(QDate::currentDate(), QTime(9, 0));

ChatLine line(const QString &sender, const QString &text, int minute)
{
    static int counter = 0;
    ChatLine l;
    l.kind = ChatLine::Kind::Chat;
    l.seq = ++counter;
    l.id = u"m%1"_s.arg(counter);
    l.sender = sender;
    l.text = text;
    l.time = base.addSecs(minute * 60);
    return l;
}

QString hhmm(int minute)
{
    return QLocale().toString(base.addSecs(minute * 60), u"HH:mm"_s);
}

/// Catches what QDesktopServices would open, so no browser starts.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl &url) { opened.append(url); }
};

struct Chat
{
    explicit Chat(QAbstractItemModel *m = nullptr)
    {
        view.setModel(m ? m : &model);
        view.resize(520, 420);
        view.show();
    }

    QStyleOptionViewItem option(int row) const
    {
        QStyleOptionViewItem o;
        o.initFrom(view.viewport());
        o.font = view.font();
        o.rect = view.visualRect(view.model()->index(row, 0));
        return o;
    }
    /// The viewport point of text position \a pos in \a row (at the caret's x, mid-line).
    QPoint at(int row, int pos) const
    {
        const QRect caret = view.messageDelegate()->cursorRect(option(row),
                                                               view.model()->index(row, 0), pos);
        return QPoint(caret.left(), caret.center().y());
    }
    int posOf(int row, const QString &what) const
    {
        return int(
                view.model()->index(row, 0).data(MessageModel::TextRole).toString().indexOf(what));
    }
    void drag(const QPoint &from, const QPoint &to)
    {
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(view.viewport(), (from + to) / 2);
        QTest::mouseMove(view.viewport(), to);
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, to);
    }
    QString copied()
    {
        QApplication::clipboard()->clear();
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        return QApplication::clipboard()->text();
    }

    MessageModel model;
    ChatView view;
};

} // namespace

class tst_ChatSelection : public QObject
{
    Q_OBJECT

private slots:
    void init() { QApplication::clipboard()->clear(); }
    void dragInsideOneMessageCopiesTheSubstring();
    void dragAcrossThreeMessagesCopiesPartsAndWholeLines();
    void selectionIsDrawnWithTheHighlight();
    void doubleClickSelectsAWordTripleClickTheMessage();
    void clickOnALinkOpensItAndDoesNotSelect();
    void dragFromALinkSelects();
    void shiftDownExtendsByMessagesAndEscapeClears();
    void ctrlASelectsTheWholeChat();
    void selectionSurvivesNewMessagesAndRemovals();
    void selectionFollowsARowInsertedAbove();
    void koreanAndEmojiAreCopiedIntact();
    void dragPastTheBottomAutoscrolls();
    void modelResetClearsTheSelection();
    void myNameIsEmphasizedAsTheCoreCountsIt();
    void pointerIsAnIBeamOverTextAHandOverLinks();
    void contextMenuCopiesTheSelectionOrTheMessage();
    void tabLeavesTheChat();
};

void tst_ChatSelection::dragInsideOneMessageCopiesTheSubstring()
{
    Chat chat;
    chat.model.append(line(u"jun"_s, u"the quick brown fox jumps over the lazy dog"_s, 0));
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    const int from = chat.posOf(0, u"quick"_s);
    const int to = chat.posOf(0, u" fox"_s);
    chat.drag(chat.at(0, from), chat.at(0, to));
    QVERIFY(!chat.view.textSelection().isEmpty());
    QCOMPARE(chat.view.selectedText(), u"quick brown"_s);
    QCOMPARE(chat.copied(), u"quick brown"_s);

    // Shift+click moves the loose end, as in a text editor.
    QTest::mouseClick(chat.view.viewport(), Qt::LeftButton, Qt::ShiftModifier,
                      chat.at(0, chat.posOf(0, u" jumps"_s)));
    QCOMPARE(chat.view.selectedText(), u"quick brown fox"_s);

    // Dragged the other way: the same words.
    chat.drag(chat.at(0, to), chat.at(0, from));
    QCOMPARE(chat.copied(), u"quick brown"_s);
}

void tst_ChatSelection::dragAcrossThreeMessagesCopiesPartsAndWholeLines()
{
    Chat chat;
    chat.model.append({line(u"jun"_s, u"alpha beta gamma"_s, 0),
                       line(u"mina"_s, u"the middle line"_s, 1),
                       line(u"jun"_s, u"delta epsilon zeta"_s, 2)});
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    chat.drag(chat.at(0, chat.posOf(0, u"beta"_s)), chat.at(2, chat.posOf(2, u" epsilon"_s)));
    // The partial first and last lines are their words; the middle one is a whole line.
    const QString expected = u"beta gamma\n[%1] mina: the middle line\ndelta"_s.arg(hhmm(1));
    QCOMPARE(chat.view.selectedText(), expected);
    QCOMPARE(chat.copied(), expected);

    // From the very start of the first message to the end of the last: all whole lines.
    chat.drag(chat.at(0, 0), chat.at(2, 18));
    QCOMPARE(chat.copied(),
             u"[%1] jun: alpha beta gamma\n[%2] mina: the middle line\n[%3] jun: delta epsilon zeta"_s
                     .arg(hhmm(0), hhmm(1), hhmm(2)));
}

void tst_ChatSelection::selectionIsDrawnWithTheHighlight()
{
    Chat chat;
    chat.model.append(line(u"jun"_s, u"mmmmmmmmmmmmmmmmmmmm mmmmmmmmmmmmmmmmm"_s, 0));
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    const QPoint from = chat.at(0, 2);
    const QPoint to = chat.at(0, 18);
    auto highlighted = [&] {
        const QImage image = chat.view.viewport()->grab().toImage().scaled(
                chat.view.viewport()->size());
        const QColor highlight = chat.view.palette().color(QPalette::Highlight);
        int count = 0;
        for (int x = from.x() + 2; x < to.x() - 2; ++x)
            count += image.pixelColor(x, from.y()).rgb() == highlight.rgb() ? 1 : 0;
        return count;
    };
    QCOMPARE(highlighted(), 0);
    chat.drag(from, to);
    // Between the glyphs' strokes, the selected run is on the highlight colour.
    QVERIFY2(highlighted() > (to.x() - from.x()) / 4, qPrintable(QString::number(highlighted())));
}

void tst_ChatSelection::doubleClickSelectsAWordTripleClickTheMessage()
{
    Chat chat;
    chat.model.append({line(u"jun"_s, u"alpha beta gamma"_s, 0),
                       line(u"jun"_s, u"second message here"_s, 1)});
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    const QPoint inBeta = chat.at(0, chat.posOf(0, u"beta"_s) + 2);
    QTest::mouseClick(chat.view.viewport(), Qt::LeftButton, {}, inBeta);
    QVERIFY(chat.view.textSelection().isEmpty());
    QTest::mouseDClick(chat.view.viewport(), Qt::LeftButton, {}, inBeta);
    QCOMPARE(chat.view.selectedText(), u"beta"_s);
    QTest::mouseRelease(chat.view.viewport(), Qt::LeftButton, {}, inBeta);
    QCOMPARE(chat.copied(), u"beta"_s);

    // A third click right after: the whole message (its text: it is within one message).
    QTest::mouseClick(chat.view.viewport(), Qt::LeftButton, {}, inBeta);
    QCOMPARE(chat.view.selectedText(), u"alpha beta gamma"_s);
    QVERIFY(chat.view.selectionModel()->isSelected(chat.model.index(0)));
    QVERIFY(!chat.view.selectionModel()->isSelected(chat.model.index(1)));
}

void tst_ChatSelection::clickOnALinkOpensItAndDoesNotSelect()
{
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(u"https"_s, &catcher, "open");
    Chat chat;
    chat.model.append(line(u"jun"_s, u"see https://example.test/page for it"_s, 0));
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    QSignalSpy activated(&chat.view, &ChatView::linkActivated);
    const QPoint onLink = chat.at(0, chat.posOf(0, u"example"_s) + 2);

    QTest::mouseClick(chat.view.viewport(), Qt::LeftButton, {}, onLink);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toUrl(), QUrl(u"https://example.test/page"_s));
    QCOMPARE(catcher.opened, QList<QUrl>{QUrl(u"https://example.test/page"_s)});
    QVERIFY(chat.view.textSelection().isEmpty());

    // A hand that shakes a little (below the drag distance) still clicks.
    const QPoint shaken = onLink + QPoint(QApplication::startDragDistance() / 2 - 1, 0);
    QTest::mousePress(chat.view.viewport(), Qt::LeftButton, {}, onLink);
    QTest::mouseMove(chat.view.viewport(), shaken);
    QTest::mouseRelease(chat.view.viewport(), Qt::LeftButton, {}, shaken);
    QCOMPARE(activated.size(), 2);
    QVERIFY(chat.view.textSelection().isEmpty());
    QDesktopServices::unsetUrlHandler(u"https"_s);
}

void tst_ChatSelection::dragFromALinkSelects()
{
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(u"https"_s, &catcher, "open");
    Chat chat;
    chat.model.append(line(u"jun"_s, u"see https://example.test/page for it"_s, 0));
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    QSignalSpy activated(&chat.view, &ChatView::linkActivated);
    const int from = chat.posOf(0, u"example"_s);
    chat.drag(chat.at(0, from), chat.at(0, chat.posOf(0, u"/page"_s)));
    QCOMPARE(chat.view.selectedText(), u"example.test"_s);
    QCOMPARE(activated.size(), 0);
    QVERIFY(catcher.opened.isEmpty());
    QDesktopServices::unsetUrlHandler(u"https"_s);
}

void tst_ChatSelection::shiftDownExtendsByMessagesAndEscapeClears()
{
    Chat chat;
    chat.model.append({line(u"jun"_s, u"one"_s, 0), line(u"mina"_s, u"two"_s, 1),
                       line(u"jun"_s, u"three"_s, 2), line(u"mina"_s, u"four"_s, 3)});
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    QTest::mouseClick(chat.view.viewport(), Qt::LeftButton, {}, chat.at(1, 1));
    QCOMPARE(chat.view.currentIndex().row(), 1);
    QVERIFY(chat.view.hasFocus());
    QTest::keyClick(&chat.view, Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(&chat.view, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(chat.view.currentIndex().row(), 3);
    // The keyboard's row is marked at its left edge while the chat has the focus.
    const QImage image = chat.view.viewport()->grab().toImage().scaled(chat.view.viewport()->size());
    const QColor highlight = chat.view.palette().color(QPalette::Highlight);
    const QRect current = chat.view.visualRect(chat.model.index(3));
    const QRect other = chat.view.visualRect(chat.model.index(2));
    QCOMPARE(image.pixelColor(current.left() + 1, current.bottom() - 2).rgb(), highlight.rgb());
    QVERIFY(image.pixelColor(other.left() + 1, other.bottom() - 2).rgb() != highlight.rgb());
    QCOMPARE(chat.copied(),
             u"[%1] mina: two\n[%2] jun: three\n[%3] mina: four"_s.arg(hhmm(1), hhmm(2), hhmm(3)));
    // Back up past the anchor: the selection turns round it.
    QTest::keyClick(&chat.view, Qt::Key_Up, Qt::ShiftModifier);
    QTest::keyClick(&chat.view, Qt::Key_Up, Qt::ShiftModifier);
    QTest::keyClick(&chat.view, Qt::Key_Up, Qt::ShiftModifier);
    QCOMPARE(chat.copied(), u"[%1] jun: one\n[%2] mina: two"_s.arg(hhmm(0), hhmm(1)));

    QTest::keyClick(&chat.view, Qt::Key_Escape);
    QVERIFY(chat.view.textSelection().isEmpty());
    QVERIFY(!chat.view.selectionModel()->hasSelection());
    QCOMPARE(chat.copied(), QString());

    // Shift+End: from the current message to the last one.
    QTest::keyClick(&chat.view, Qt::Key_End, Qt::ShiftModifier);
    QCOMPARE(chat.copied(), u"[%1] jun: one\n[%2] mina: two\n[%3] jun: three\n[%4] mina: four"_s
                                    .arg(hhmm(0), hhmm(1), hhmm(2), hhmm(3)));
}

void tst_ChatSelection::ctrlASelectsTheWholeChat()
{
    Chat chat;
    ChatLine joined;
    joined.kind = ChatLine::Kind::System;
    joined.event = ChatLine::Event::Join;
    joined.sender = u"sora"_s;
    joined.time = base.addSecs(60);
    chat.model.append({line(u"jun"_s, u"one"_s, 0), joined, line(u"jun"_s, u"/me waves"_s, 2)});
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    chat.view.setFocus();
    QTest::keyClick(&chat.view, Qt::Key_A, Qt::ControlModifier);
    // A system line copies as its words; an action as it is shown.
    QCOMPARE(chat.copied(),
             u"[%1] jun: one\n[%2] → sora joined\n[%3] * jun waves"_s.arg(hhmm(0), hhmm(1),
                                                                          hhmm(2)));

    // A day separator between selected lines is copied as its words, on a line of its own.
    ChatLine later = line(u"jun"_s, u"next day"_s, 0);
    later.time = base.addDays(1); // tomorrow: the separator says the date
    chat.model.append(later);
    QTest::keyClick(&chat.view, Qt::Key_A, Qt::ControlModifier);
    const QString copied = chat.copied();
    QVERIFY2(copied.endsWith(u"[%1] * jun waves\n%2\n[%3] jun: next day"_s
                                     .arg(hhmm(2),
                                          QLocale().toString(later.time.date(), QLocale::LongFormat),
                                          QLocale().toString(later.time, u"HH:mm"_s))),
             qPrintable(copied));
    // The first line's own separator ("Today") is not part of what was selected.
    QVERIFY(copied.startsWith(u"[%1] jun: one\n"_s.arg(hhmm(0))));
}

void tst_ChatSelection::selectionSurvivesNewMessagesAndRemovals()
{
    Chat chat;
    chat.model.append({line(u"jun"_s, u"zero"_s, 0), line(u"jun"_s, u"alpha beta gamma"_s, 1)});
    ChatLine mine = line(u"mina"_s, u"queued one"_s, 1);
    mine.kind = ChatLine::Kind::Own;
    chat.model.append(mine);
    chat.model.append(line(u"jun"_s, u"delta epsilon"_s, 2));
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    chat.drag(chat.at(1, chat.posOf(1, u"beta"_s)), chat.at(3, chat.posOf(3, u" epsilon"_s)));
    const QString before = chat.view.selectedText();
    QCOMPARE(before, u"beta gamma\n[%1] mina: queued one\ndelta"_s.arg(hhmm(1)));

    // Lines arriving below change nothing.
    for (int i = 0; i < 5; ++i)
        chat.model.append(line(u"sora"_s, u"later %1"_s.arg(i), 3));
    QCOMPARE(chat.view.selectedText(), before);

    // A line inside it goes away: the rest stays selected.
    chat.model.removeId(mine.id);
    QCOMPARE(chat.view.selectedText(), u"beta gamma\ndelta"_s);
    // The row where it began goes: it begins at the next row kept.
    chat.model.removeId(chat.model.line(1).id);
    QCOMPARE(chat.view.selectedText(), u"delta"_s);
    QCOMPARE(chat.view.textSelection().first().row, 1);
}

void tst_ChatSelection::selectionFollowsARowInsertedAbove()
{
    // MessageModel only appends; any model with its roles can insert above (history loaded).
    QStandardItemModel model;
    auto item = [](const QString &sender, const QString &text, int minute) {
        auto *i = new QStandardItem;
        i->setData(sender, MessageModel::SenderRole);
        i->setData(text, MessageModel::TextRole);
        i->setData(base.addSecs(minute * 60), MessageModel::TimeRole);
        i->setData(int(ChatLine::Kind::Chat), MessageModel::KindRole);
        return i;
    };
    model.appendRow(item(u"jun"_s, u"first words here"_s, 5));
    model.appendRow(item(u"jun"_s, u"second words here"_s, 6));
    Chat chat(&model);
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    chat.drag(chat.at(1, 7), chat.at(1, 12));
    QCOMPARE(chat.view.selectedText(), u"words"_s);
    model.insertRow(0, item(u"sora"_s, u"an older line"_s, 1));
    QCOMPARE(chat.view.textSelection().first().row, 2);
    QCOMPARE(chat.view.selectedText(), u"words"_s);
    QCOMPARE(chat.copied(), u"words"_s);
}

void tst_ChatSelection::koreanAndEmojiAreCopiedIntact()
{
    Chat chat;
    const QString text = u"안녕하세요 🦊🐱 친구들, 반가워요"_s;
    chat.model.append(line(u"미나"_s, text, 0));
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    const int from = int(text.indexOf(u"하"_s));
    const int to = int(text.indexOf(u" 친"_s));
    chat.drag(chat.at(0, from), chat.at(0, to));
    QCOMPARE(chat.copied(), u"하세요 🦊🐱"_s);

    // Ending in the middle of an emoji's glyph never splits its surrogate pair.
    // A Korean word is a word to a double click.
    const QPoint inFriends = chat.at(0, int(text.indexOf(u"구들"_s)));
    QTest::mouseDClick(chat.view.viewport(), Qt::LeftButton, {}, inFriends);
    QTest::mouseRelease(chat.view.viewport(), Qt::LeftButton, {}, inFriends);
    QCOMPARE(chat.view.selectedText(), u"친구들"_s);

    const int fox = int(text.indexOf(u"🦊"_s));
    const QPoint mid = (chat.at(0, fox) + chat.at(0, fox + 2)) / 2;
    for (int dx = -3; dx <= 3; ++dx) {
        chat.drag(chat.at(0, 0), mid + QPoint(dx, 0));
        const QString copied = chat.copied();
        QVERIFY(copied.startsWith(u"안녕하세요 "_s));
        QVERIFY2(!copied.back().isHighSurrogate(), qPrintable(copied));
        QVERIFY(copied == u"안녕하세요 "_s || copied == u"안녕하세요 🦊"_s);
    }
}

void tst_ChatSelection::dragPastTheBottomAutoscrolls()
{
    Chat chat;
    QList<ChatLine> lines;
    for (int i = 0; i < 80; ++i)
        lines.append(line(i % 2 ? u"jun"_s : u"mina"_s, u"line number %1"_s.arg(i), i / 10));
    chat.model.append(lines);
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    chat.view.scrollToTop();
    QTRY_COMPARE(chat.view.verticalScrollBar()->value(), 0);
    const QPoint start = chat.at(0, 5);
    QTest::mousePress(chat.view.viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(chat.view.viewport(), start + QPoint(0, 30));
    const QPoint below(start.x(), chat.view.viewport()->height() + 40);
    QTest::mouseMove(chat.view.viewport(), below);
    // The timer scrolls on while the pointer stays there, without more movement.
    QTRY_VERIFY_WITH_TIMEOUT(chat.view.verticalScrollBar()->value()
                                     == chat.view.verticalScrollBar()->maximum(),
                             10000);
    QTRY_COMPARE(chat.view.textSelection().last().row, 79);
    QTest::mouseRelease(chat.view.viewport(), Qt::LeftButton, {}, below);
    const QStringList copied = chat.copied().split(u'\n');
    QCOMPARE(copied.size(), 80);
    QCOMPARE(copied.first(), u"number 0"_s);
    QCOMPARE(copied.last(), u"[%1] jun: line number 79"_s.arg(hhmm(7)));
}

void tst_ChatSelection::modelResetClearsTheSelection()
{
    Chat chat;
    chat.model.append(line(u"jun"_s, u"alpha beta gamma"_s, 0));
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    chat.view.selectAll();
    QVERIFY(!chat.view.textSelection().isEmpty());
    chat.model.clear();
    QVERIFY(chat.view.textSelection().isEmpty());
    chat.model.append(line(u"jun"_s, u"new"_s, 1));
    QCOMPARE(chat.copied(), QString());
}

void tst_ChatSelection::myNameIsEmphasizedAsTheCoreCountsIt()
{
    // The delegate draws bold what MentionMatcher calls a mention: "미나야" names 미나.
    MessageDelegate delegate;
    delegate.setMyNick(u"미나"_s);
    using Runs = QList<QPair<int, int>>;
    QCOMPARE(delegate.mentionRanges(u"미나야 점심 먹자"_s), (Runs{{0, 2}}));
    QCOMPARE(delegate.mentionRanges(u"아미나"_s), Runs{});
    delegate.setMyNick(u"mina"_s);
    QCOMPARE(delegate.mentionRanges(u"hi @Mina and minami"_s), (Runs{{3, 5}}));
}

void tst_ChatSelection::pointerIsAnIBeamOverTextAHandOverLinks()
{
    Chat chat;
    chat.model.append(line(u"jun"_s, u"see https://example.test/page for it"_s, 0));
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    QTest::mouseMove(chat.view.viewport(), chat.at(0, 1));
    QTRY_COMPARE(chat.view.viewport()->cursor().shape(), Qt::IBeamCursor);
    QTest::mouseMove(chat.view.viewport(), chat.at(0, chat.posOf(0, u"example"_s) + 2));
    QTRY_COMPARE(chat.view.viewport()->cursor().shape(), Qt::PointingHandCursor);
    // Past the end of the text, in the row's empty right part: no text there.
    const QRect row = chat.view.visualRect(chat.model.index(0));
    QTest::mouseMove(chat.view.viewport(), QPoint(row.right() - 30, chat.at(0, 1).y()));
    QTRY_COMPARE(chat.view.viewport()->cursor().shape(), Qt::ArrowCursor);
}

void tst_ChatSelection::contextMenuCopiesTheSelectionOrTheMessage()
{
    Chat chat;
    chat.model.append({line(u"jun"_s, u"alpha beta gamma"_s, 0), line(u"jun"_s, u"other"_s, 1)});
    QVERIFY(QTest::qWaitForWindowExposed(&chat.view));
    auto copyFromMenu = [&](const QPoint &at) {
        QApplication::clipboard()->clear();
        bool triggered = false;
        QTimer::singleShot(0, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QAction *copy = menu ? menu->findChild<QAction *>(u"copyAction"_s) : nullptr;
            if (copy && copy->isEnabled()) {
                copy->trigger();
                triggered = true;
            }
            if (menu)
                menu->close();
        });
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, chat.view.viewport()->mapToGlobal(at));
        QApplication::sendEvent(chat.view.viewport(), &event);
        return triggered ? QApplication::clipboard()->text() : u"(not triggered)"_s;
    };
    chat.drag(chat.at(0, 6), chat.at(0, 10));
    // A right press does not drop the selection; Copy copies it.
    QTest::mousePress(chat.view.viewport(), Qt::RightButton, {}, chat.at(1, 2));
    QTest::mouseRelease(chat.view.viewport(), Qt::RightButton, {}, chat.at(1, 2));
    QCOMPARE(copyFromMenu(chat.at(1, 2)), u"beta"_s);
    // Nothing selected: Copy copies the message the menu is on, as a whole line.
    chat.view.clearTextSelection();
    QCOMPARE(copyFromMenu(chat.at(1, 2)), u"[%1] jun: other"_s.arg(hhmm(1)));
}

void tst_ChatSelection::tabLeavesTheChat()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    MessageModel model;
    model.append({line(u"jun"_s, u"one"_s, 0), line(u"jun"_s, u"two"_s, 1)});
    auto *view = new ChatView;
    view->setModel(&model);
    auto *compose = new QLineEdit;
    layout->addWidget(view);
    layout->addWidget(compose);
    window.resize(400, 300);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_A, Qt::ControlModifier);
    QVERIFY(!view->textSelection().isEmpty());
    // A selection does not hold the focus: Tab goes on to the compose box.
    QTest::keyClick(view, Qt::Key_Tab);
    QTRY_VERIFY(compose->hasFocus());
}

QTEST_MAIN(tst_ChatSelection)
#include "tst_chatselection.moc"
