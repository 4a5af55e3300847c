// SeqIndex: rows found by their room seq through a list ordered by seq, checked against a
// plain search of the store after appends across many chunks, lines without a seq, seqs that
// arrive out of order, a room that restarted (the same seqs again), removals and confirms.

#include "client/linestore.h"
#include "client/seqindex.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Parlor;

namespace {

ChatLine lineWithSeq(qint64 seq)
{
    ChatLine line;
    line.seq = seq;
    line.text = QString::number(seq);
    return line;
}

/// What the index must answer: the row last indexed with \a seq, found the slow way.
/// \a order lists the rows in the order they were indexed.
int expectedRow(const LineStore &store, const QList<int> &order, qint64 seq)
{
    for (qsizetype i = order.size() - 1; i >= 0; --i) {
        if (store.at(order.at(i)).seq == seq)
            return order.at(i);
    }
    return -1;
}

} // namespace

class tst_SeqIndex : public QObject
{
    Q_OBJECT

private slots:
    void findsEverySeqAfterManyAppends();
    void seqsOutOfOrderAreFound();
    void restartedRoomFindsTheNewerLine();
    void removalsRenumberLaterRows();
    void clearForgetsEverything();
};

void tst_SeqIndex::findsEverySeqAfterManyAppends()
{
    LineStore store;
    SeqIndex index(store);
    // 20 000 lines, every seventh without a seq (a pending own line, a gap): none of them
    // may break the order the search relies on.
    qint64 seq = 100;
    for (int i = 0; i < 20000; ++i) {
        const bool withSeq = i % 7 != 3;
        store.append(lineWithSeq(withSeq ? ++seq : 0));
        if (withSeq)
            index.insert(store.size() - 1);
    }
    QCOMPARE(index.size(), 20000 - 20000 / 7 - (20000 % 7 > 3 ? 1 : 0));
    for (int row = 0; row < store.size(); ++row) {
        if (store.at(row).seq > 0)
            QCOMPARE(index.rowOf(store.at(row).seq), row);
    }
    QCOMPARE(index.rowOf(0), -1);
    QCOMPARE(index.rowOf(100), -1);
    QCOMPARE(index.rowOf(seq + 1), -1);
    QCOMPARE(index.rowOf(-5), -1);
}

void tst_SeqIndex::seqsOutOfOrderAreFound()
{
    LineStore store;
    SeqIndex index(store);
    QList<int> order;
    // Seqs in a shuffled order, with gaps: each lands where it belongs.
    QList<qint64> seqs;
    for (qint64 s = 1; s <= 3000; ++s)
        seqs.append(s * 3);
    QRandomGenerator rng(14);
    for (qsizetype i = seqs.size() - 1; i > 0; --i)
        seqs.swapItemsAt(i, rng.bounded(int(i) + 1));
    for (qint64 s : std::as_const(seqs)) {
        store.append(lineWithSeq(s));
        index.insert(store.size() - 1);
        order.append(store.size() - 1);
    }
    for (qint64 s = 0; s <= 9003; ++s)
        QCOMPARE(index.rowOf(s), expectedRow(store, order, s));
}

void tst_SeqIndex::restartedRoomFindsTheNewerLine()
{
    LineStore store;
    SeqIndex index(store);
    for (qint64 s = 1; s <= 2000; ++s) {
        store.append(lineWithSeq(s));
        index.insert(store.size() - 1);
    }
    // The room restarted empty: its seqs start again at 1, in the same store.
    for (qint64 s = 1; s <= 500; ++s) {
        store.append(lineWithSeq(s));
        index.insert(store.size() - 1);
    }
    for (qint64 s = 1; s <= 500; ++s)
        QCOMPARE(index.rowOf(s), int(2000 + s - 1));
    for (qint64 s = 501; s <= 2000; ++s)
        QCOMPARE(index.rowOf(s), int(s - 1));
    // Forgetting the newer line of a seq leaves the older one found.
    index.remove(2000);
    QCOMPARE(index.rowOf(1), 0);
}

void tst_SeqIndex::removalsRenumberLaterRows()
{
    LineStore store;
    SeqIndex index(store);
    for (qint64 s = 1; s <= 3000; ++s) {
        store.append(lineWithSeq(s));
        index.insert(store.size() - 1);
    }
    // As MessageModel removes a line: out of the index, out of the store, then renumbered.
    for (const int row : {5, 1500, 2997, 0}) {
        const qint64 seq = store.at(row).seq;
        index.remove(row);
        store.removeAt(row);
        index.rowRemoved(row);
        QCOMPARE(index.rowOf(seq), -1);
    }
    QCOMPARE(index.size(), 2996);
    for (int row = 0; row < store.size(); ++row)
        QCOMPARE(index.rowOf(store.at(row).seq), row);

    // A line whose seq changes (an own line confirmed) is taken out and put back.
    store.append(lineWithSeq(0));
    const int own = store.size() - 1;
    store[own].seq = 1000000;
    index.insert(own);
    QCOMPARE(index.rowOf(1000000), own);
    index.remove(own);
    store[own].seq = 6; // the seq of the first line removed, near the start
    index.insert(own);
    QCOMPARE(index.rowOf(1000000), -1);
    for (int row = 0; row < store.size(); ++row)
        QCOMPARE(index.rowOf(store.at(row).seq), row);
}

void tst_SeqIndex::clearForgetsEverything()
{
    LineStore store;
    SeqIndex index(store);
    for (qint64 s = 1; s <= 10; ++s) {
        store.append(lineWithSeq(s));
        index.insert(store.size() - 1);
    }
    index.clear();
    store.clear();
    QCOMPARE(index.size(), 0);
    QCOMPARE(index.rowOf(3), -1);
    store.append(lineWithSeq(3));
    index.insert(0);
    QCOMPARE(index.rowOf(3), 0);
}

QTEST_GUILESS_MAIN(tst_SeqIndex)
#include "tst_seqindex.moc"
