// Find in the chat (Ctrl+F) on the real MainWindow, hosting a real room on 127.0.0.1 that a
// RichClient peer talks in. Driven with the keyboard (QTest::keyClick/keyClicks); observed
// through the find bar's "n of m", the view's search and a rendering of the chat.

#include "richclient.h"

#include "appsettings.h"
#include "chatview.h"
#include "composeedit.h"
#include "findbar.h"
#include "mainwindow.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/messagemodel.h"
#include "client/messagesearch.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"

#include <QApplication>
#include <QDir>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;

bool isJoined(MainWindow &window)
{
    return window.session() && window.session()->isJoined();
}

int rowOfText(const QAbstractItemModel *model, const QString &text)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (model->index(row, 0).data(MessageModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

bool peerSays(MainWindow &window, RichClient &peer, const QString &text)
{
    static int counter = 0;
    peer.say(u"find-msg-%1"_s.arg(++counter), text);
    return QTest::qWaitFor([&] { return rowOfText(window.chatView()->model(), text) >= 0; }, waitMs);
}

void hostRoom(MainWindow &window)
{
    RoomConfig config;
    config.roomName = u"Find room"_s;
    config.messagesPerSecond = 1000;
    window.hostRoom(config, QHostAddress::LocalHost, 0);
    QVERIFY(QTest::qWaitFor([&] { return isJoined(window); }, waitMs));
}

/// \a count lines with no match in them, said one after the other, all arrived.
bool fill(MainWindow &window, RichClient &peer, int count)
{
    static int counter = 0;
    QString last;
    for (int i = 0; i < count; ++i) {
        last = u"filler line %1"_s.arg(++counter);
        peer.say(u"fill-%1"_s.arg(counter), last);
    }
    return QTest::qWaitFor([&] { return rowOfText(window.chatView()->model(), last) >= 0; }, waitMs);
}

/// Whether the whole of \a row is inside the chat's viewport.
bool isShown(ChatView *view, int row)
{
    const QRect rect = view->visualRect(view->model()->index(row, 0));
    return rect.isValid() && view->viewport()->rect().contains(rect);
}

/// Types \a text into \a edit: key presses for ASCII, and what an input method (Korean, or
/// a dead key for É) hands over otherwise, a committed string.
void typeInto(QLineEdit *edit, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80) {
            QTest::keyClicks(edit, QString(c));
        } else {
            QInputMethodEvent event;
            event.setCommitString(QString(c));
            QCoreApplication::sendEvent(edit, &event);
        }
    }
}

QString status(MainWindow &window)
{
    return window.findChild<QLabel *>(u"findStatus"_s)->text();
}

/// Whether the chat as drawn has a pixel of \a color inside \a rect (viewport coordinates).
bool drawnIn(MainWindow &window, const QRect &rect, const QColor &color)
{
    QImage image = window.chatView()->viewport()->grab().toImage();
    if (image.devicePixelRatio() != 1.0)
        image = image.scaled(window.chatView()->viewport()->size());
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - color.red()) + qAbs(c.green() - color.green())
                        + qAbs(c.blue() - color.blue())
                < 12)
                return true;
        }
    }
    return false;
}

const QColor currentMatchColor(0xff, 0x96, 0x32);
const QColor otherMatchColor(0xff, 0xe5, 0x6b);

} // namespace

class tst_FindBar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
        QCoreApplication::setOrganizationName(u"ParlorTests"_s);
        QCoreApplication::setApplicationName(u"tst_findbar"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
        QSettings().clear();
        AppSettings().setNick(u"mina"_s);
    }

    void cleanupTestCase()
    {
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    }

    void ctrlFFindsStepsHighlightsAndEscCloses()
    {
        MainWindow window;
        window.resize(900, 700);
        window.show();
        window.activateWindow(); // on X without a window manager nothing else activates it
        QVERIFY(QTest::qWaitForWindowActive(&window));
        hostRoom(window);

        RichClient peer;
        QVERIFY(!peer.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(window.host()->port())), u"alice"_s)
                         .isEmpty());
        QVERIFY(peerSays(window, peer, u"Café au lait?"_s));
        QVERIFY(peerSays(window, peer, u"nothing to see"_s));
        // Enough lines between the two matches that the first is out of sight at the bottom.
        QVERIFY(fill(window, peer, 60));
        QVERIFY(peerSays(window, peer, u"un CAFE noir"_s));
        QVERIFY(peerSays(window, peer, u"or a café crème"_s));
        QVERIFY(peerSays(window, peer, u"안녕하세요 카페"_s));
        QVERIFY(peerSays(window, peer, u"카페 또 가요"_s));
        ChatView *view = window.chatView();
        const QAbstractItemModel *model = view->model();
        const int firstCafe = rowOfText(model, u"Café au lait?"_s);
        const int secondCafe = rowOfText(model, u"un CAFE noir"_s);
        const int thirdCafe = rowOfText(model, u"or a café crème"_s);
        QTRY_VERIFY(view->isAtBottom());
        QVERIFY(!isShown(view, firstCafe));

        auto *bar = window.findChild<FindBar *>();
        auto *edit = window.findChild<QLineEdit *>(u"findEdit"_s);
        QVERIFY(bar && edit);
        QVERIFY(!bar->isVisible());

        // Ctrl+F opens the bar with the focus in it, from wherever the focus was.
        window.compose()->setFocus();
        QTRY_VERIFY(window.compose()->hasFocus());
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(bar->isVisible());
        QTRY_VERIFY(edit->hasFocus());
        QCOMPARE(status(window), QString());

        // Case and accents do not matter; the current match is the latest one.
        typeInto(edit, u"cafe"_s);
        QCOMPARE(status(window), u"3 of 3"_s);
        MessageSearch *search = view->search();
        QCOMPARE(search->current().row, thirdCafe);

        // Enter steps on (wrapping) and brings the match into sight; Shift+Enter steps back.
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(status(window), u"1 of 3"_s);
        QCOMPARE(search->current().row, firstCafe);
        QCOMPARE(search->current().start, 0);
        QCOMPARE(search->current().length, 4);
        QTRY_VERIFY(isShown(view, firstCafe));
        QVERIFY(!view->isAtBottom());
        // The current match is drawn in its own colour, and it is where the view scrolled to.
        QTRY_VERIFY(
                drawnIn(window, view->visualRect(model->index(firstCafe, 0)), currentMatchColor));
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(status(window), u"3 of 3"_s);
        QCOMPARE(search->current().row, thirdCafe);
        QTRY_VERIFY(isShown(view, thirdCafe));
        QVERIFY(!isShown(view, firstCafe));
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(status(window), u"2 of 3"_s);
        QCOMPARE(search->current().row, secondCafe);
        // F3 / Shift+F3 do the same, wherever the focus is.
        QTest::keyClick(&window, Qt::Key_F3);
        QCOMPARE(status(window), u"3 of 3"_s);
        QTest::keyClick(&window, Qt::Key_F3);
        QCOMPARE(status(window), u"1 of 3"_s);
        QTRY_VERIFY(isShown(view, firstCafe));
        QTest::keyClick(&window, Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(status(window), u"3 of 3"_s);
        QTRY_VERIFY(isShown(view, thirdCafe));

        // Every match is highlighted, the current one distinctly.
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(status(window), u"2 of 3"_s);
        QTRY_VERIFY(isShown(view, secondCafe));
        QTRY_VERIFY(
                drawnIn(window, view->visualRect(model->index(secondCafe, 0)), currentMatchColor));
        QVERIFY(drawnIn(window, view->visualRect(model->index(thirdCafe, 0)), otherMatchColor));
        QVERIFY(!drawnIn(window, view->visualRect(model->index(thirdCafe, 0)), currentMatchColor));
        const int korean = rowOfText(model, u"안녕하세요 카페"_s);
        QVERIFY(!drawnIn(window, view->visualRect(model->index(korean, 0)), otherMatchColor));

        // Korean: syllables match themselves, and are highlighted too.
        edit->clear();
        typeInto(edit, u"카페"_s);
        QCOMPARE(status(window), u"2 of 2"_s);
        QTRY_VERIFY(drawnIn(window, view->visualRect(model->index(korean, 0)), otherMatchColor));
        QVERIFY(!drawnIn(window, view->visualRect(model->index(thirdCafe, 0)), otherMatchColor));
        edit->clear();
        typeInto(edit, u"zzz"_s);
        QCOMPARE(status(window), u"No matches"_s);

        // New messages are searched as they arrive.
        edit->clear();
        typeInto(edit, u"CAFÉ"_s);
        QCOMPARE(status(window), u"3 of 3"_s);
        QVERIFY(peerSays(window, peer, u"one more cafe"_s));
        QTRY_COMPARE(status(window), u"3 of 4"_s);
        QVERIFY(peerSays(window, peer, u"nothing new here"_s));
        QCOMPARE(status(window), u"3 of 4"_s);

        // Esc closes the bar, takes the highlights away and gives the chat the focus.
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QCOMPARE(search->count(), 0);
        QTRY_VERIFY(!drawnIn(window, view->viewport()->rect(), currentMatchColor));
        QVERIFY(!drawnIn(window, view->viewport()->rect(), otherMatchColor));
        QTRY_VERIFY(view->hasFocus());

        // Ctrl+F again: the last query comes back, selected to be typed over.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(bar->isVisible());
        QCOMPARE(edit->selectedText(), u"CAFÉ"_s);
        QCOMPARE(search->count(), 4);
        QCOMPARE(status(window), u"4 of 4"_s);

        // F3 on a closed bar opens it at the latest match (no wrap to the oldest).
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QTest::keyClick(&window, Qt::Key_F3);
        QTRY_VERIFY(bar->isVisible());
        QCOMPARE(status(window), u"4 of 4"_s);
    }

    void controlsAreNamedAndReachableByKeyboard()
    {
        MainWindow window;
        window.resize(900, 700);
        window.show();
        window.activateWindow(); // on X without a window manager nothing else activates it
        QVERIFY(QTest::qWaitForWindowActive(&window));
        hostRoom(window);
        RichClient peer;
        QVERIFY(!peer.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(window.host()->port())), u"alice"_s)
                         .isEmpty());
        QVERIFY(peerSays(window, peer, u"tea first"_s));
        QVERIFY(peerSays(window, peer, u"then more tea"_s));
        QVERIFY(peerSays(window, peer, u"TEA, always"_s));

        auto *bar = window.findChild<FindBar *>();
        auto *edit = window.findChild<QLineEdit *>(u"findEdit"_s);
        auto *previous = window.findChild<QToolButton *>(u"findPrevious"_s);
        auto *next = window.findChild<QToolButton *>(u"findNext"_s);
        auto *close = window.findChild<QToolButton *>(u"findClose"_s);
        QVERIFY(bar && edit && previous && next && close);
        QCOMPARE(edit->accessibleName(), u"Find in the chat"_s);
        QCOMPARE(previous->accessibleName(), u"Previous match"_s);
        QCOMPARE(next->accessibleName(), u"Next match"_s);
        QCOMPARE(close->accessibleName(), u"Close the find bar"_s);
        for (QWidget *w : {static_cast<QWidget *>(previous), static_cast<QWidget *>(next),
                           static_cast<QWidget *>(close)})
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));

        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(edit->hasFocus());
        typeInto(edit, u"tea"_s);
        QCOMPARE(status(window), u"3 of 3"_s);
        QCOMPARE(edit->accessibleDescription(), u"3 of 3"_s);
        MessageSearch *search = window.chatView()->search();

        // Tab goes edit → previous → next → close, and Space presses each.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), previous);
        QTest::keyClick(previous, Qt::Key_Space);
        QCOMPARE(status(window), u"2 of 3"_s);
        QTest::keyClick(previous, Qt::Key_Space);
        QCOMPARE(status(window), u"1 of 3"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), next);
        QTest::keyClick(next, Qt::Key_Space);
        QCOMPARE(status(window), u"2 of 3"_s);
        // Esc closes from a button as well as from the line edit.
        QTest::keyClick(next, Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QCOMPARE(search->count(), 0);

        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClick(edit, Qt::Key_Tab);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), close);
        QTest::keyClick(close, Qt::Key_Space);
        QVERIFY(!bar->isVisible());
        QCOMPARE(search->count(), 0);

        // With nothing found, previous and next are disabled and Tab skips them.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(edit->hasFocus());
        edit->clear();
        typeInto(edit, u"coffee"_s);
        QCOMPARE(status(window), u"No matches"_s);
        QVERIFY(!previous->isEnabled());
        QVERIFY(!next->isEnabled());
        QTest::keyClick(edit, Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), close);
    }

private:
    QTemporaryDir m_home;
};

QTEST_MAIN(tst_FindBar)
#include "tst_findbar.moc"
