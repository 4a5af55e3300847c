// Reply and mention in the real MainWindow (offscreen), hosting a room on 127.0.0.1 with other
// people as RichClient peers on real sockets: Reply from the chat's context menu and by
// keyboard, the "Replying to" strip, the quote drawn above a reply and what clicking it does,
// Tab completion of nicknames, and mentions tinted and listed in the header's menu. Every wait
// is on a condition (QTRY_*, qWaitFor); nothing sleeps.

#include "richclient.h"

#include "appsettings.h"
#include "chatview.h"
#include "composeedit.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "replystrip.h"
#include "roomheader.h"
#include "theme.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/membermodel.h"
#include "client/messagemodel.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"
#include "uitesthome.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QJsonObject>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;
const QString myNick = u"mina"_s;

RoomConfig roomConfig()
{
    RoomConfig config;
    config.roomName = u"Reply room"_s;
    config.messagesPerSecond = 1000;
    return config;
}

QString textAt(const QAbstractItemModel *model, int row)
{
    return model->index(row, 0).data(MessageModel::TextRole).toString();
}

int rowOfText(const QAbstractItemModel *model, const QString &text)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (textAt(model, row) == text)
            return row;
    }
    return -1;
}

bool hostAndJoin(MainWindow &window)
{
    window.show();
    if (!QTest::qWaitForWindowActive(&window))
        return false;
    window.hostRoom(roomConfig(), QHostAddress::LocalHost, 0);
    return QTest::qWaitFor([&] { return window.session() && window.session()->isJoined(); }, waitMs);
}

QUrl hostedUrl(MainWindow &window)
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(window.host()->port()));
}

/// \a peer says \a text (answering \a replyTo when > 0); waits until the window shows it and
/// returns its row.
int peerSays(MainWindow &window, RichClient &peer, const QString &text, qint64 replyTo = 0)
{
    static int counter = 0;
    QJsonObject say{{u"type"_s, u"say"_s},
                    {u"id"_s, u"peer-%1"_s.arg(++counter)},
                    {u"text"_s, text}};
    if (replyTo > 0)
        say.insert(u"reply_to"_s, double(replyTo));
    peer.sendJson(say);
    const QAbstractItemModel *chat = window.chatView()->model();
    if (!QTest::qWaitFor([&] { return rowOfText(chat, text) >= 0; }, waitMs))
        return -1;
    return rowOfText(chat, text);
}

qint64 seqAt(const QAbstractItemModel *model, int row)
{
    return model->index(row, 0).data(MessageModel::SeqRole).toLongLong();
}

RichClient::Predicate messageWithText(const QString &text)
{
    return [text](const QJsonObject &o) {
        return o.value(u"type"_s) == u"message"_s && o.value(u"text"_s).toString() == text;
    };
}

/// The option the chat paints \a index with (what its delegate hit-tests against).
QStyleOptionViewItem optionFor(ChatView *view, const QModelIndex &index)
{
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.font = view->font();
    option.rect = view->visualRect(index);
    return option;
}

/// A point on the quote of the reply in \a index; null when it has none.
QPoint quotePoint(ChatView *view, const QModelIndex &index)
{
    const QStyleOptionViewItem option = optionFor(view, index);
    for (int y = option.rect.top(); y <= option.rect.bottom(); ++y) {
        const QPoint p(option.rect.left() + 60, y);
        if (view->messageDelegate()->isOnQuote(option, index, p))
            return p + QPoint(0, 3);
    }
    return {};
}

bool rowIsInSight(ChatView *view, int row)
{
    return view->viewport()->rect().intersects(view->visualRect(view->model()->index(row, 0)));
}

} // namespace

class tst_Reply : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void replyFromTheContextMenuIsSentWithItsQuote();
    void replyByKeyboardAndCancel();
    void quoteIsDrawnAndClickingItShowsTheMessage();
    void quoteOfAMessageNoLongerLoadedSaysSo();
    void tabCompletesNicknamesAndCycles();
    void mentionsAreTintedAndListed();

private:
    QTemporaryDir m_home;
};

void tst_Reply::initTestCase()
{
    QVERIFY(UiTestHome::isolate(m_home, u"tst_reply"_s));
}

void tst_Reply::init()
{
    QVERIFY(UiTestHome::reset(myNick));
}

void tst_Reply::cleanupTestCase()
{
    UiTestHome::removeData();
}

void tst_Reply::replyFromTheContextMenuIsSentWithItsQuote()
{
    MainWindow window;
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    ChatView *chat = window.chatView();
    const int row = peerSays(window, jun, u"lunch at noon?"_s);
    QVERIFY(row >= 0);
    const qint64 seq = seqAt(chat->model(), row);
    QVERIFY(!window.replyStrip()->isVisible());

    // Right-click on the line: the menu offers Reply first.
    QTRY_VERIFY(rowIsInSight(chat, row));
    const QPoint at = chat->visualRect(chat->model()->index(row, 0)).center();
    bool replied = false;
    QTimer::singleShot(0, this, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QAction *reply = menu ? menu->findChild<QAction *>(u"replyAction"_s) : nullptr;
        if (!reply && menu) {
            for (QAction *a : menu->actions()) {
                if (a->objectName() == u"replyAction"_s)
                    reply = a;
            }
        }
        replied = reply != nullptr;
        if (menu)
            menu->close();
        if (reply)
            reply->trigger();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, chat->viewport()->mapToGlobal(at));
    QApplication::sendEvent(chat->viewport(), &event);
    QTRY_VERIFY(replied);

    QTRY_VERIFY(window.replyStrip()->isVisible());
    QCOMPARE(window.replyStrip()->labelText(), u"Replying to jun: lunch at noon?"_s);
    QCOMPARE(window.replyStrip()->target(), seq);
    // The window's focus (offscreen, the popup leaves the window itself inactive).
    QTRY_COMPARE(window.focusWidget(), static_cast<QWidget *>(window.compose()));

    QTest::keyClicks(window.compose(), u"yes, 12:00"_s);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    const QJsonObject got = jun.waitFor(messageWithText(u"yes, 12:00"_s), waitMs);
    QCOMPARE(got.value(u"reply"_s).toObject(), (QJsonObject{{u"seq"_s, double(seq)},
                                                            {u"nick"_s, u"jun"_s},
                                                            {u"text"_s, u"lunch at noon?"_s}}));
    QVERIFY(!window.replyStrip()->isVisible());
    QCOMPARE(window.replyStrip()->target(), qint64(0));

    // From the keyboard (the menu key) the menu is about the current line.
    const int other = peerSays(window, jun, u"and dessert?"_s);
    chat->setCurrentIndex(chat->model()->index(other, 0));
    replied = false;
    QTimer::singleShot(0, this, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QAction *reply = nullptr;
        for (QAction *a : menu ? menu->actions() : QList<QAction *>()) {
            if (a->objectName() == u"replyAction"_s)
                reply = a;
        }
        replied = reply != nullptr;
        if (menu)
            menu->close();
        if (reply)
            reply->trigger();
    });
    QContextMenuEvent key(QContextMenuEvent::Keyboard, QPoint(0, 0),
                          chat->viewport()->mapToGlobal(QPoint(0, 0)));
    QApplication::sendEvent(chat->viewport(), &key);
    QTRY_VERIFY(replied);
    QTRY_COMPARE(window.replyStrip()->target(), seqAt(chat->model(), other));
}

void tst_Reply::replyByKeyboardAndCancel()
{
    MainWindow window;
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    const int first = peerSays(window, jun, u"first"_s);
    const int second = peerSays(window, jun, u"second"_s);
    QVERIFY(first >= 0 && second > first);
    window.compose()->setFocus();

    // Alt+Up: the newest message; again: the one before it.
    QTest::keyClick(window.compose(), Qt::Key_Up, Qt::AltModifier);
    QTRY_VERIFY(window.replyStrip()->isVisible());
    QCOMPARE(window.replyStrip()->target(), seqAt(window.chatView()->model(), second));
    QTest::keyClick(window.compose(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(window.replyStrip()->target(), seqAt(window.chatView()->model(), first));
    QCOMPARE(window.replyStrip()->labelText(), u"Replying to jun: first"_s);
    // Alt+Down goes back; past the newest the reply is dropped.
    QTest::keyClick(window.compose(), Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(window.replyStrip()->target(), seqAt(window.chatView()->model(), second));
    QTest::keyClick(window.compose(), Qt::Key_Down, Qt::AltModifier);
    QVERIFY(!window.replyStrip()->isVisible());

    // Esc drops it too ...
    QTest::keyClick(window.compose(), Qt::Key_Up, Qt::AltModifier);
    QVERIFY(window.replyStrip()->isVisible());
    QTest::keyClick(window.compose(), Qt::Key_Escape);
    QVERIFY(!window.replyStrip()->isVisible());
    QCOMPARE(window.replyStrip()->target(), qint64(0));
    // ... and so does the × button; what is sent then is no reply.
    QTest::keyClick(window.compose(), Qt::Key_Up, Qt::AltModifier);
    QVERIFY(window.replyStrip()->isVisible());
    QVERIFY(!window.replyStrip()->closeButton()->accessibleName().isEmpty());
    QTest::mouseClick(window.replyStrip()->closeButton(), Qt::LeftButton);
    QVERIFY(!window.replyStrip()->isVisible());
    QTest::keyClicks(window.compose(), u"just a line"_s);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    const QJsonObject got = jun.waitFor(messageWithText(u"just a line"_s), waitMs);
    QVERIFY(!got.isEmpty());
    QVERIFY(!got.contains(u"reply"_s));
}

void tst_Reply::quoteIsDrawnAndClickingItShowsTheMessage()
{
    MainWindow window;
    window.resize(900, 600);
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    ChatView *chat = window.chatView();
    const int original = peerSays(window, jun, u"who has the key to room 4?"_s);
    for (int i = 0; i < 40; ++i)
        QVERIFY(peerSays(window, jun, u"filler %1"_s.arg(i)) >= 0);
    const int reply = peerSays(window, jun, u"I do"_s, seqAt(chat->model(), original));
    QVERIFY(reply > original);
    const QModelIndex replyIndex = chat->model()->index(reply, 0);
    QCOMPARE(replyIndex.data(MessageModel::ReplyNickRole).toString(), u"jun"_s);
    QCOMPARE(MessageDelegate::quoteText(replyIndex), u"↳ jun: who has the key to room 4?"_s);
    QTRY_VERIFY(chat->isAtBottom());
    QTRY_VERIFY(rowIsInSight(chat, reply));
    QVERIFY(!rowIsInSight(chat, original));

    // Drawn: the quote's bar at the text's left edge, in the quote's rows only.
    const QPoint onQuote = quotePoint(chat, replyIndex);
    QVERIFY(!onQuote.isNull());
    QImage image = chat->viewport()->grab().toImage();
    image = image.scaled(chat->viewport()->size());
    const QColor bar = Theme::quoteBar(chat->palette());
    const QRect rect = chat->visualRect(replyIndex);
    bool barDrawn = false;
    for (int x = rect.left() + 16; x <= rect.left() + 24 && !barDrawn; ++x)
        barDrawn = image.pixelColor(x, onQuote.y()).rgb() == bar.rgb();
    QVERIFY2(barDrawn, "no quote bar left of the quote");
    // A plain message has no quote.
    QVERIFY(quotePoint(chat, chat->model()->index(reply - 1, 0)).isNull());

    // Clicked: the answered line is brought into sight, selected and flashed.
    QTest::mouseClick(chat->viewport(), Qt::LeftButton, {}, onQuote);
    QTRY_VERIFY(rowIsInSight(chat, original));
    QCOMPARE(chat->currentIndex().row(), original);
    QVERIFY(chat->selectionModel()->isSelected(chat->model()->index(original, 0)));
    QCOMPARE(chat->messageDelegate()->flashRow(), original);
    QTRY_COMPARE_WITH_TIMEOUT(chat->messageDelegate()->flashRow(), -1, waitMs);
}

void tst_Reply::quoteOfAMessageNoLongerLoadedSaysSo()
{
    MainWindow window;
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    ChatView *chat = window.chatView();
    const qint64 seq = seqAt(chat->model(), peerSays(window, jun, u"before the clear"_s));
    window.compose()->setFocus();
    QTest::keyClicks(window.compose(), u"/clear"_s);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    QTRY_COMPARE(chat->model()->rowCount(), 0);

    const int reply = peerSays(window, jun, u"about that"_s, seq);
    const QModelIndex replyIndex = chat->model()->index(reply, 0);
    QTRY_VERIFY(rowIsInSight(chat, reply));
    const QPoint onQuote = quotePoint(chat, replyIndex);
    QVERIFY(!onQuote.isNull());
    QTest::mouseClick(chat->viewport(), Qt::LeftButton, {}, onQuote);
    QTRY_COMPARE(window.statusBar()->currentMessage(), u"That message is no longer loaded."_s);

    // A quote the room could no longer write says so instead of a name.
    MessageModel *model = window.session()->messages();
    ChatLine line;
    line.kind = ChatLine::Kind::Chat;
    line.seq = 999;
    line.id = u"gone-1"_s;
    line.sender = u"jun"_s;
    line.text = u"re: something old"_s;
    line.time = QDateTime::currentDateTime();
    line.replyTo = 3;
    model->append(line);
    QCOMPARE(MessageDelegate::quoteText(model->index(model->rowOfId(u"gone-1"_s))),
             u"↳ message no longer available"_s);
}

void tst_Reply::tabCompletesNicknamesAndCycles()
{
    MainWindow window;
    QVERIFY(hostAndJoin(window));
    RichClient jun, june, junho;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    QVERIFY(!june.join(hostedUrl(window), u"june"_s).isEmpty());
    QVERIFY(!junho.join(hostedUrl(window), u"Junho"_s).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->members()->rowCount(), 4, waitMs);
    ComposeEdit *compose = window.compose();
    compose->setFocus();

    // At the start of the line: the name and ": ", cycling in alphabetical order.
    QTest::keyClicks(compose, u"ju"_s);
    QTest::keyClick(compose, Qt::Key_Tab);
    QCOMPARE(compose->toPlainText(), u"jun: "_s);
    QVERIFY(compose->hasFocus());
    QTest::keyClick(compose, Qt::Key_Tab);
    QCOMPARE(compose->toPlainText(), u"june: "_s);
    QTest::keyClick(compose, Qt::Key_Tab);
    QCOMPARE(compose->toPlainText(), u"Junho: "_s);
    QTest::keyClick(compose, Qt::Key_Tab);
    QCOMPARE(compose->toPlainText(), u"jun: "_s);

    // Typing ends the cycle; in the middle of a line the name is a word (case ignored).
    QTest::keyClicks(compose, u"ask JUNH"_s);
    QTest::keyClick(compose, Qt::Key_Tab);
    QCOMPARE(compose->toPlainText(), u"jun: ask Junho "_s);
    // My own name is not offered; nothing to complete: Tab moves on as before.
    QTest::keyClicks(compose, u"mi"_s);
    QTest::keyClick(compose, Qt::Key_Tab);
    QCOMPARE(compose->toPlainText(), u"jun: ask Junho mi"_s);
    QVERIFY(!compose->hasFocus());
}

void tst_Reply::mentionsAreTintedAndListed()
{
    MainWindow window;
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    ChatView *chat = window.chatView();
    QToolButton *button = window.header()->mentionsButton();
    QVERIFY(button->isHidden());

    const int mention = peerSays(window, jun, u"Mina, can you resend the slides?"_s);
    for (int i = 0; i < 30; ++i)
        QVERIFY(peerSays(window, jun, u"chatter %1"_s.arg(i)) >= 0);
    QVERIFY(chat->model()->index(mention, 0).data(MessageModel::MentionRole).toBool());
    QVERIFY(!chat->model()->index(mention + 1, 0).data(MessageModel::MentionRole).toBool());

    // Listed: the header's menu has it, with its time and words.
    QTRY_VERIFY(button->isVisible());
    QCOMPARE(button->text(), u"Mentions (1)"_s);
    const QList<QAction *> actions = window.header()->mentionsMenu()->actions();
    QCOMPARE(actions.size(), qsizetype(1));
    QVERIFY2(actions.first()->text().contains(u"jun: Mina, can you resend the slides?"_s),
             qPrintable(actions.first()->text()));

    // Chosen: the chat shows it.
    QTRY_VERIFY(chat->isAtBottom());
    QVERIFY(!rowIsInSight(chat, mention));
    actions.first()->trigger();
    QTRY_VERIFY(rowIsInSight(chat, mention));
    QCOMPARE(chat->currentIndex().row(), mention);

    // Tinted: a point in the row's right margin has the mention tint (once the flash is over).
    QTRY_COMPARE_WITH_TIMEOUT(chat->messageDelegate()->flashRow(), -1, waitMs);
    chat->selectionModel()->clear();
    const QRect rect = chat->visualRect(chat->model()->index(mention, 0));
    QImage image = chat->viewport()->grab().toImage().scaled(chat->viewport()->size());
    const QColor tint = Theme::mentionTint(chat->palette());
    const QColor seen = image.pixelColor(rect.right() - 4, rect.bottom() - 1);
    QVERIFY2(qAbs(seen.red() - tint.red()) <= 3 && qAbs(seen.green() - tint.green()) <= 3
                     && qAbs(seen.blue() - tint.blue()) <= 3,
             qPrintable(u"%1 instead of %2"_s.arg(seen.name(), tint.name())));
}

QTEST_MAIN(tst_Reply)
#include "tst_reply.moc"
