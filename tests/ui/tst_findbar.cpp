// Find in the chat (Ctrl+F) on the real MainWindow, hosting a real room on 127.0.0.1 that a
// RichClient peer talks in. Driven with the keyboard (QTest::keyClick/keyClicks); observed
// through the find bar's "n of m", the view's search and a rendering of the chat.

#include "richclient.h"

#include "appsettings.h"
#include "chatview.h"
#include "findbar.h"
#include "mainwindow.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/messagemodel.h"
#include "client/messagesearch.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

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
        QVERIFY(QTest::qWaitForWindowActive(&window));
        RoomConfig config;
        config.roomName = u"Find room"_s;
        config.messagesPerSecond = 1000;
        window.hostRoom(config, QHostAddress::LocalHost, 0);
        QTRY_VERIFY_WITH_TIMEOUT(isJoined(window), waitMs);

        RichClient peer;
        QVERIFY(!peer.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(window.host()->port())), u"alice"_s)
                         .isEmpty());
        QVERIFY(peerSays(window, peer, u"Café au lait?"_s));
        QVERIFY(peerSays(window, peer, u"nothing to see"_s));
        QVERIFY(peerSays(window, peer, u"un CAFE noir"_s));
        QVERIFY(peerSays(window, peer, u"안녕하세요 카페"_s));
        QVERIFY(peerSays(window, peer, u"카페 또 가요"_s));
        const QAbstractItemModel *model = window.chatView()->model();
        const int firstCafe = rowOfText(model, u"Café au lait?"_s);
        const int secondCafe = rowOfText(model, u"un CAFE noir"_s);

        auto *bar = window.findChild<FindBar *>();
        auto *edit = window.findChild<QLineEdit *>(u"findEdit"_s);
        QVERIFY(bar && edit);
        QVERIFY(!bar->isVisible());

        // Ctrl+F opens the bar with the focus in it.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(bar->isVisible());
        QTRY_VERIFY(edit->hasFocus());

        // Case and accents do not matter; the current match is the latest one.
        QTest::keyClicks(edit, u"cafe"_s);
        QCOMPARE(status(window), u"2 of 2"_s);
        MessageSearch *search = window.chatView()->search();
        QCOMPARE(search->current().row, secondCafe);

        // Enter steps on (wrapping), Shift+Enter back, F3 / Shift+F3 the same.
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(status(window), u"1 of 2"_s);
        QCOMPARE(search->current().row, firstCafe);
        QCOMPARE(search->current().start, 0);
        QCOMPARE(search->current().length, 4);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(status(window), u"2 of 2"_s);
        QTest::keyClick(&window, Qt::Key_F3);
        QCOMPARE(status(window), u"1 of 2"_s);
        QTest::keyClick(&window, Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(status(window), u"2 of 2"_s);

        // Both are highlighted, the current one distinctly.
        ChatView *view = window.chatView();
        QTRY_VERIFY(
                drawnIn(window, view->visualRect(model->index(secondCafe, 0)), currentMatchColor));
        QVERIFY(drawnIn(window, view->visualRect(model->index(firstCafe, 0)), otherMatchColor));
        QVERIFY(!drawnIn(window, view->visualRect(model->index(firstCafe, 0)), currentMatchColor));

        // Korean: syllables match themselves.
        edit->clear();
        QTest::keyClicks(edit, u"카페"_s);
        QCOMPARE(status(window), u"2 of 2"_s);
        edit->clear();
        QTest::keyClicks(edit, u"zzz"_s);
        QCOMPARE(status(window), u"No matches"_s);

        // New messages are searched as they arrive.
        edit->clear();
        QTest::keyClicks(edit, u"CAFÉ"_s);
        QCOMPARE(status(window), u"2 of 2"_s);
        QVERIFY(peerSays(window, peer, u"one more cafe"_s));
        QTRY_COMPARE(status(window), u"2 of 3"_s);

        // Esc closes the bar, takes the highlights away and gives the chat the focus.
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QCOMPARE(search->count(), 0);
        QTRY_VERIFY(!drawnIn(window, view->viewport()->rect(), currentMatchColor));
        QTRY_VERIFY(view->hasFocus());

        // Ctrl+F again: the last query comes back, selected to be typed over.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(bar->isVisible());
        QCOMPARE(edit->selectedText(), u"CAFÉ"_s);
        QCOMPARE(search->count(), 3);
    }

private:
    QTemporaryDir m_home;
};

QTEST_MAIN(tst_FindBar)
#include "tst_findbar.moc"
