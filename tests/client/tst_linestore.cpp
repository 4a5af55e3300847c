// LineStore: lines found by row across chunk borders, after appends one by one and in batches,
// and after removals that move lines across those borders.

#include "client/linestore.h"

#include <QTest>

using namespace Parlor;

namespace {

ChatLine lineNumber(int n)
{
    ChatLine line;
    line.seq = n;
    line.text = QString::number(n);
    return line;
}

} // namespace

class tst_LineStore : public QObject
{
    Q_OBJECT

private slots:
    void appendsAcrossChunks();
    void removeMovesLinesAcrossChunks();
    void clearEmpties();
};

void tst_LineStore::appendsAcrossChunks()
{
    LineStore store;
    QVERIFY(store.isEmpty());
    for (int i = 0; i < 1500; ++i)
        store.append(lineNumber(i));
    QList<ChatLine> batch;
    for (int i = 1500; i < 5000; ++i)
        batch.append(lineNumber(i));
    store.append(batch);
    QCOMPARE(store.size(), 5000);
    for (int row = 0; row < store.size(); ++row)
        QCOMPARE(store.at(row).seq, qint64(row));
    store[2048].text = QStringLiteral("changed");
    QCOMPARE(store.at(2048).text, QStringLiteral("changed"));
}

void tst_LineStore::removeMovesLinesAcrossChunks()
{
    LineStore store;
    for (int i = 0; i < 3000; ++i)
        store.append(lineNumber(i));
    store.removeAt(5);     // in the first chunk: every later line moves, across two borders
    store.removeAt(1022);  // the line that was 1023, next to the first border
    store.removeAt(2997);  // the last line
    store.removeAt(-1);    // nothing
    store.removeAt(10000); // nothing
    QCOMPARE(store.size(), 2997);
    QList<qint64> expected;
    for (int i = 0; i < 3000; ++i) {
        if (i != 5 && i != 1023 && i != 2999)
            expected.append(i);
    }
    for (int row = 0; row < store.size(); ++row)
        QCOMPARE(store.at(row).seq, expected.at(row));
    store.append(lineNumber(7000));
    QCOMPARE(store.at(2997).seq, qint64(7000));
}

void tst_LineStore::clearEmpties()
{
    LineStore store;
    for (int i = 0; i < 2000; ++i)
        store.append(lineNumber(i));
    store.clear();
    QCOMPARE(store.size(), 0);
    store.append(lineNumber(1));
    QCOMPARE(store.at(0).seq, qint64(1));
}

QTEST_GUILESS_MAIN(tst_LineStore)
#include "tst_linestore.moc"
