// ChatView's own row layout (offscreen): RowHeights against a plain sum, only the rows in sight
// measured however long the chat, a live message that measures one row, scrolling that keeps
// what is on screen in place while rows above it are measured, and the rows' rectangles equal
// to what the delegate says they measure.

#include "chatview.h"
#include "client/messagemodel.h"
#include "messagedelegate.h"
#include "rowheights.h"

#include <QRandomGenerator>
#include <QScrollBar>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

QList<ChatLine> makeChat(int count, int firstSeq = 1)
{
    QList<ChatLine> lines;
    lines.reserve(count);
    const QDateTime start = QDateTime::currentDateTime().addSecs(-count);
    for (int i = 0; i < count; ++i) {
        ChatLine line;
        line.seq = firstSeq + i;
        line.id = u"m-%1"_s.arg(line.seq);
        line.sender = (i / 3) % 2 ? u"jun"_s : u"sora"_s;
        line.replayed = true;
        // Short lines and long ones that wrap several times: estimates are off both ways.
        line.text = i % 7 == 0 ? u"long "_s.repeated(60 + i % 50) + QString::number(i)
                               : u"line %1"_s.arg(i);
        line.time = start.addSecs(i);
        lines.append(line);
    }
    return lines;
}

int exactRows(const RowHeights &rows)
{
    int exact = 0;
    for (int row = 0; row < rows.count(); ++row)
        exact += rows.isExact(row) ? 1 : 0;
    return exact;
}

struct Fixture
{
    explicit Fixture(int lines)
    {
        view.setModel(&model);
        view.resize(500, 400);
        view.show();
        for (int first = 0; first < lines; first += 5000)
            model.append(makeChat(std::min(5000, lines - first), first + 1));
    }

    int measured(int row) const
    {
        QStyleOptionViewItem option;
        option.font = view.font();
        option.rect = QRect(0, 0, view.viewport()->width(), 0);
        view.messageDelegate()->invalidateRows(row, row);
        return view.messageDelegate()->sizeHint(option, model.index(row, 0)).height();
    }

    MessageModel model;
    ChatView view;
};

} // namespace

class tst_ChatViewLayout : public QObject
{
    Q_OBJECT

private slots:
    void rowHeightsMatchAPlainSum();
    void onlyRowsInSightAreMeasured();
    void aLiveMessageMeasuresOneRow();
    void scrollingUpKeepsTheScreenInPlace();
    void rowsAreWhereTheDelegateMeasuresThem();
    void showRowFarAwayBringsItIntoSight();
    void keysMoveThroughTheRows();
    void removedRowsCloseTheGap();
};

void tst_ChatViewLayout::rowHeightsMatchAPlainSum()
{
    QRandomGenerator rng(7);
    RowHeights rows;
    rows.clear();
    std::vector<int> plain;
    auto check = [&] {
        QCOMPARE(rows.count(), int(plain.size()));
        qint64 y = 0;
        for (int row = 0; row < int(plain.size()); ++row) {
            QCOMPARE(rows.top(row), y);
            QCOMPARE(rows.height(row), plain[size_t(row)]);
            QCOMPARE(rows.rowAt(y), row);
            QCOMPARE(rows.rowAt(y + plain[size_t(row)] - 1), row);
            y += plain[size_t(row)];
        }
        QCOMPARE(rows.total(), y);
        QCOMPARE(rows.rowAt(y), -1);
        QCOMPARE(rows.rowAt(-1), -1);
    };
    for (int i = 0; i < 1000; ++i) {
        const int h = 1 + int(rng.bounded(90));
        rows.append(h, 0);
        plain.push_back(h);
    }
    check();
    for (int i = 0; i < 300; ++i) {
        const int row = int(rng.bounded(int(plain.size())));
        const int h = 1 + int(rng.bounded(200));
        rows.setHeight(row, h, true);
        plain[size_t(row)] = h;
        QVERIFY(rows.isExact(row));
    }
    check();
    rows.remove(10, 25);
    plain.erase(plain.begin() + 10, plain.begin() + 35);
    rows.insert(500, 3, 17);
    plain.insert(plain.begin() + 500, 3, 17);
    check();
    rows.markInexact(0, rows.count() - 1);
    QCOMPARE(exactRows(rows), 0);
    check(); // heights stay what they were until measured again
    rows.reestimate([](quint32) { return 5; });
    std::fill(plain.begin(), plain.end(), 5);
    check();
}

void tst_ChatViewLayout::onlyRowsInSightAreMeasured()
{
    Fixture f(50000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QTRY_VERIFY(f.view.isAtBottom());
    QCOMPARE(f.view.rowHeights().count(), 50000);
    // The last row ends at the bottom of the viewport.
    const QRect last = f.view.visualRect(f.model.index(49999, 0));
    QCOMPARE(last.bottom(), f.view.viewport()->height() - 1);
    // Only what a 400-pixel viewport shows was laid out, not 50 000 rows.
    QVERIFY2(exactRows(f.view.rowHeights()) < 60,
             qPrintable(QString::number(exactRows(f.view.rowHeights()))));
}

void tst_ChatViewLayout::aLiveMessageMeasuresOneRow()
{
    Fixture f(50000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QTRY_VERIFY(f.view.isAtBottom());
    const int before = exactRows(f.view.rowHeights());
    ChatLine line;
    line.kind = ChatLine::Kind::Chat;
    line.seq = 50001;
    line.id = u"live"_s;
    line.sender = u"jun"_s;
    line.text = u"a live message"_s;
    line.time = QDateTime::currentDateTime();
    f.model.append(line);
    QTRY_COMPARE(f.view.visualRect(f.model.index(50000, 0)).bottom(),
                 f.view.viewport()->height() - 1);
    QVERIFY(f.view.rowHeights().isExact(50000));
    // The new row, and at most the rows the old ones' scrolling out made room for: none more.
    QVERIFY2(exactRows(f.view.rowHeights()) <= before + 1,
             qPrintable(u"%1 -> %2"_s.arg(before).arg(exactRows(f.view.rowHeights()))));
}

void tst_ChatViewLayout::scrollingUpKeepsTheScreenInPlace()
{
    Fixture f(20000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QTRY_VERIFY(f.view.isAtBottom());
    QScrollBar *bar = f.view.verticalScrollBar();
    const int step = f.view.viewport()->height() / 2;
    for (int i = 0; i < 40; ++i) {
        // A row in the upper half stays in sight after scrolling half a page up: it must be
        // exactly half a page lower, although the rows coming in above it were estimates.
        const QModelIndex row = f.view.indexAt(QPoint(10, step / 2));
        QVERIFY(row.isValid());
        const int y = f.view.visualRect(row).top();
        bar->setValue(bar->value() - step);
        QCOMPARE(f.view.visualRect(row).top(), y + step);
        QVERIFY(f.view.rowHeights().isExact(f.view.indexAt(QPoint(10, 1)).row()));
    }
    // All the way to the top: row 0 at the top, as measured.
    bar->setValue(0);
    QCOMPARE(f.view.indexAt(QPoint(10, 1)).row(), 0);
    QCOMPARE(f.view.visualRect(f.model.index(0, 0)).top(), 0);
    QVERIFY(f.view.rowHeights().isExact(0));
}

void tst_ChatViewLayout::rowsAreWhereTheDelegateMeasuresThem()
{
    Fixture f(3000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QScrollBar *bar = f.view.verticalScrollBar();
    bar->setValue(bar->maximum() / 2);
    QCoreApplication::processEvents();
    const QModelIndex top = f.view.indexAt(QPoint(10, 1));
    QVERIFY(top.isValid());
    int y = f.view.visualRect(top).top();
    for (int row = top.row(); y < f.view.viewport()->height(); ++row) {
        const QRect rect = f.view.visualRect(f.model.index(row, 0));
        QCOMPARE(rect.top(), y);
        QCOMPARE(rect.height(), f.measured(row));
        QCOMPARE(f.view.indexAt(QPoint(10, rect.center().y())).row(), row);
        y += rect.height();
    }
    // A wider view wraps the long lines into fewer lines: measured again at the new width.
    f.view.resize(900, 400);
    QCoreApplication::processEvents();
    const QModelIndex again = f.view.indexAt(QPoint(10, 1));
    const QRect rect = f.view.visualRect(again);
    QCOMPARE(rect.height(), f.measured(again.row()));
}

void tst_ChatViewLayout::showRowFarAwayBringsItIntoSight()
{
    Fixture f(30000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QTRY_VERIFY(f.view.isAtBottom());
    f.view.showRow(1234);
    QCoreApplication::processEvents();
    const QRect rect = f.view.visualRect(f.model.index(1234, 0));
    QVERIFY(f.view.viewport()->rect().intersects(rect));
    QCOMPARE(rect.height(), f.measured(1234));
    QVERIFY(f.view.showSeq(29000));
    QVERIFY(f.view.viewport()->rect().intersects(f.view.visualRect(f.model.index(28999, 0))));
}

void tst_ChatViewLayout::keysMoveThroughTheRows()
{
    Fixture f(5000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.setFocus();
    f.view.setCurrentIndex(f.model.index(4000, 0));
    QTest::keyClick(&f.view, Qt::Key_Up);
    QCOMPARE(f.view.currentIndex().row(), 3999);
    QTest::keyClick(&f.view, Qt::Key_Down);
    QTest::keyClick(&f.view, Qt::Key_Down);
    QCOMPARE(f.view.currentIndex().row(), 4001);
    QTest::keyClick(&f.view, Qt::Key_PageUp);
    const int paged = f.view.currentIndex().row();
    QVERIFY2(paged < 4000 && paged > 3900, qPrintable(QString::number(paged)));
    QVERIFY(f.view.viewport()->rect().intersects(f.view.visualRect(f.view.currentIndex())));
    QTest::keyClick(&f.view, Qt::Key_Home);
    QCOMPARE(f.view.currentIndex().row(), 0);
    QCOMPARE(f.view.verticalScrollBar()->value(), 0);
    QTest::keyClick(&f.view, Qt::Key_End);
    QCOMPARE(f.view.currentIndex().row(), 4999);
    QTRY_VERIFY(f.view.isAtBottom());
}

void tst_ChatViewLayout::removedRowsCloseTheGap()
{
    Fixture f(200);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QTRY_VERIFY(f.view.isAtBottom());
    f.model.removeId(u"m-200"_s);
    QCOMPARE(f.view.rowHeights().count(), 199);
    QTRY_COMPARE(f.view.visualRect(f.model.index(198, 0)).bottom(), f.view.viewport()->height() - 1);
}

QTEST_MAIN(tst_ChatViewLayout)
#include "tst_chatviewlayout.moc"
