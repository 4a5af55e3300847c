// IdIndex: rows found by message id in a hash table of many small parts, checked against a
// QHash after many appends (every part grows several times), replaced ids, removals in random
// order (open addressing must keep every other id findable) and renumbering.

#include "client/idindex.h"
#include "client/linestore.h"

#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

ChatLine lineWithId(const QString &id)
{
    ChatLine line;
    line.id = id;
    return line;
}

void verifyAgainst(const IdIndex &index, const LineStore &store)
{
    QCOMPARE(index.size(), store.size());
    for (int row = 0; row < store.size(); ++row)
        QCOMPARE(index.rowOf(store.at(row).id), row);
}

} // namespace

class tst_IdIndex : public QObject
{
    Q_OBJECT

private slots:
    void findsEveryIdAfterManyAppends();
    void unknownIdsAreNotFound();
    void sameIdAgainReplacesTheRow();
    void removalsKeepOtherIdsFindable();
    void clearForgetsEverything();
};

void tst_IdIndex::findsEveryIdAfterManyAppends()
{
    LineStore store;
    IdIndex index(store);
    for (int i = 0; i < 100000; ++i) {
        store.append(lineWithId(u"m-%1"_s.arg(i)));
        index.insert(i);
    }
    verifyAgainst(index, store);
}

void tst_IdIndex::unknownIdsAreNotFound()
{
    LineStore store;
    IdIndex index(store);
    QCOMPARE(index.rowOf(u"m-1"_s), -1);
    QCOMPARE(index.rowOf(QString()), -1);
    for (int i = 0; i < 5000; ++i) {
        store.append(lineWithId(u"m-%1"_s.arg(i)));
        index.insert(i);
    }
    for (int i = 5000; i < 10000; ++i)
        QCOMPARE(index.rowOf(u"m-%1"_s.arg(i)), -1);
    QCOMPARE(index.rowOf(QString()), -1);
    QCOMPARE(index.rowOf(u"M-1"_s), -1);
}

void tst_IdIndex::sameIdAgainReplacesTheRow()
{
    LineStore store;
    IdIndex index(store);
    store.append(lineWithId(u"a"_s));
    store.append(lineWithId(u"b"_s));
    store.append(lineWithId(u"a"_s));
    for (int row = 0; row < 3; ++row)
        index.insert(row);
    QCOMPARE(index.size(), 2);
    QCOMPARE(index.rowOf(u"a"_s), 2);
    QCOMPARE(index.rowOf(u"b"_s), 1);
}

void tst_IdIndex::removalsKeepOtherIdsFindable()
{
    LineStore store;
    IdIndex index(store);
    for (int i = 0; i < 6000; ++i) {
        store.append(lineWithId(u"id%1"_s.arg(i)));
        index.insert(i);
    }
    // As MessageModel removes a line: out of the index, out of the store, then renumbered.
    // Removing from a probe run moves later entries back; checking every id after each of
    // many random removals catches an entry left where a lookup stops before reaching it.
    QRandomGenerator rng(14);
    QSet<QString> removed;
    for (int n = 0; n < 300; ++n) {
        const int row = int(rng.bounded(store.size()));
        removed.insert(store.at(row).id);
        index.remove(row);
        store.removeAt(row);
        index.rowRemoved(row);
        if (n % 30 == 0)
            verifyAgainst(index, store);
    }
    verifyAgainst(index, store);
    for (const QString &id : std::as_const(removed))
        QCOMPARE(index.rowOf(id), -1);
    // Removed ids can come back.
    for (const QString &id : std::as_const(removed)) {
        store.append(lineWithId(id));
        index.insert(store.size() - 1);
    }
    verifyAgainst(index, store);
}

void tst_IdIndex::clearForgetsEverything()
{
    LineStore store;
    IdIndex index(store);
    for (int i = 0; i < 100; ++i) {
        store.append(lineWithId(u"id%1"_s.arg(i)));
        index.insert(i);
    }
    index.clear();
    store.clear();
    QCOMPARE(index.size(), 0);
    QCOMPARE(index.rowOf(u"id1"_s), -1);
    store.append(lineWithId(u"id1"_s));
    index.insert(0);
    QCOMPARE(index.rowOf(u"id1"_s), 0);
}

QTEST_GUILESS_MAIN(tst_IdIndex)
#include "tst_idindex.moc"
