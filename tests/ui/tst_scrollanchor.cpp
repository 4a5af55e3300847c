// ScrollAnchor on a plain QListView (offscreen): rows measured again at another height — as
// the chat's lines are when they wrap at another width — move what a pixel position shows; the
// anchor keeps the row being read at the top, as far into it as before.

#include "scrollanchor.h"

#include <QListView>
#include <QScrollBar>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

/// Rows of a height the test chooses, as wrapping text would have.
class RowHeightDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        return QSize(100, rowHeight + (index.row() % 3) * 4);
    }
    int rowHeight = 30;
};

struct Fixture
{
    Fixture()
    {
        QStringList lines;
        for (int i = 0; i < 200; ++i)
            lines.append(u"line %1"_s.arg(i));
        model.setStringList(lines);
        view.setModel(&model);
        view.setItemDelegate(&delegate);
        view.setUniformItemSizes(false);
        view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        view.resize(300, 240);
        view.show();
    }

    int topRow() const { return view.indexAt(QPoint(10, 1)).row(); }
    int hiddenPixels(int row) const { return -view.visualRect(model.index(row, 0)).top(); }

    QStringListModel model;
    RowHeightDelegate delegate;
    QListView view;
};

} // namespace

class tst_ScrollAnchor : public QObject
{
    Q_OBJECT

private slots:
    void keepsTheRowWhenRowsGrowTaller();
    void keepsTheRowWhenRowsGetShorter();
    void keepsTheRowWhenRowsAreAdded();
    void emptyViewHasNoAnchor();
    void aRowNoLongerThereIsNotRestored();
};

void tst_ScrollAnchor::keepsTheRowWhenRowsGrowTaller()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    // Row 80, a third of it above the top.
    QScrollBar *bar = f.view.verticalScrollBar();
    bar->setValue(bar->value() + f.view.visualRect(f.model.index(80, 0)).top() + 10);
    QCOMPARE(f.topRow(), 80);
    QCOMPARE(f.hiddenPixels(80), 10);

    const ScrollAnchor anchor = ScrollAnchor::capture(&f.view);
    QVERIFY(anchor.isValid());
    QCOMPARE(anchor.row(), 80);
    QCOMPARE(anchor.offset(), 10);

    // Measured again, twice as tall: the same pixel shows another row...
    f.delegate.rowHeight = 60;
    f.view.doItemsLayout();
    QVERIFY(f.topRow() < 80);
    // ...until the anchor is restored: the same row, the same share of it above the top.
    QVERIFY(anchor.restore(&f.view));
    QCOMPARE(f.topRow(), 80);
    // Row 80 is 60 + 8 tall now, was 30 + 8: 10 of 38 above the top becomes 17 of 68.
    QCOMPARE(f.hiddenPixels(80), 10 * 68 / 38);
}

void tst_ScrollAnchor::keepsTheRowWhenRowsGetShorter()
{
    Fixture f;
    f.delegate.rowHeight = 60;
    f.view.doItemsLayout();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QScrollBar *bar = f.view.verticalScrollBar();
    bar->setValue(bar->value() + f.view.visualRect(f.model.index(50, 0)).top() + 30);
    QCOMPARE(f.topRow(), 50);
    const ScrollAnchor anchor = ScrollAnchor::capture(&f.view);

    f.delegate.rowHeight = 30;
    f.view.doItemsLayout();
    QVERIFY(f.topRow() > 50);
    QVERIFY(anchor.restore(&f.view));
    QCOMPARE(f.topRow(), 50);
    // Row 50 is 30 + 8 tall now, was 60 + 8: 30 of 68 above the top becomes 16 of 38.
    QCOMPARE(f.hiddenPixels(50), 30 * 38 / 68);
}

void tst_ScrollAnchor::keepsTheRowWhenRowsAreAdded()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QScrollBar *bar = f.view.verticalScrollBar();
    bar->setValue(bar->value() + f.view.visualRect(f.model.index(100, 0)).top() + 5);
    const ScrollAnchor anchor = ScrollAnchor::capture(&f.view);

    // Lines arrive at the end while every row is measured anew (taller).
    f.model.insertRows(f.model.rowCount(), 10);
    f.delegate.rowHeight = 45;
    f.view.doItemsLayout();
    QVERIFY(f.topRow() != 100);
    QVERIFY(anchor.restore(&f.view));
    QCOMPARE(f.topRow(), 100);
    // Row 100 was 30 + 4 tall, is 45 + 4: 5 of 34 above the top becomes 7 of 49.
    QCOMPARE(f.hiddenPixels(100), 5 * 49 / 34);
}

void tst_ScrollAnchor::emptyViewHasNoAnchor()
{
    QListView view;
    QStringListModel model;
    view.setModel(&model);
    view.resize(200, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const ScrollAnchor anchor = ScrollAnchor::capture(&view);
    QVERIFY(!anchor.isValid());
    QVERIFY(!anchor.restore(&view));
    QVERIFY(!ScrollAnchor().restore(&view));
}

void tst_ScrollAnchor::aRowNoLongerThereIsNotRestored()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QScrollBar *bar = f.view.verticalScrollBar();
    bar->setValue(bar->value() + f.view.visualRect(f.model.index(150, 0)).top());
    const ScrollAnchor anchor = ScrollAnchor::capture(&f.view);
    QCOMPARE(anchor.row(), 150);
    f.model.removeRows(100, 100);
    f.view.doItemsLayout();
    const int value = bar->value();
    QVERIFY(!anchor.restore(&f.view));
    QCOMPARE(bar->value(), value);
}

QTEST_MAIN(tst_ScrollAnchor)

#include "tst_scrollanchor.moc"
