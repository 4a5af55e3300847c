// PeerModel, the hosting view's table: how reports become rows (updates in place, removals,
// appends, so a selection survives a refresh) and what each column shows. Checked under
// QAbstractItemModelTester as well.

#include "server/peermodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

PeerInfo peer(int id, const QString &nick, quint16 port = 40000)
{
    PeerInfo p;
    p.id = id;
    p.address = QHostAddress(u"192.0.2.7"_s);
    p.port = quint16(port + id);
    p.nick = nick;
    p.joined = !nick.isEmpty();
    p.offeredSubprotocols = {u"parlor.v1"_s, u"chatting"_s};
    p.subprotocol = u"parlor.v1"_s;
    p.connectedAtMs = QDateTime(QDate(2026, 11, 21), QTime(14, 3, 12)).toMSecsSinceEpoch();
    return p;
}

QString cell(const PeerModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class tst_PeerModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void rowsFollowReports();
    void unchangedReportEmitsNothing();
    void columns_data();
    void columns();
    void ipv6Address();
    void sortValuesAreRaw();
    void headers();
};

void tst_PeerModel::initTestCase()
{
    // The cells are checked in English; set once here, so no test's locale depends on which
    // tests ran before it.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_PeerModel::rowsFollowReports()
{
    PeerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.setPeers({peer(1, u"alice"_s), peer(2, u"bob"_s), peer(3, u"carol"_s)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.columnCount(), int(PeerModel::ColumnCount));

    // Bob goes, carol's counters change, dave comes: one removal, one change, one append.
    PeerInfo carol = peer(3, u"carol"_s);
    carol.messagesIn = 5;
    model.setPeers({peer(1, u"alice"_s), carol, peer(4, u"dave"_s)});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowOf(1), 0);
    QCOMPARE(model.rowOf(3), 1);
    QCOMPARE(model.rowOf(4), 2);
    QCOMPARE(model.rowOf(2), -1);
    QCOMPARE(model.peerAt(1).messagesIn, 5);
    QCOMPARE(model.data(model.index(2, 0), PeerModel::PeerIdRole).toInt(), 4);

    model.setPeers({});
    QCOMPARE(model.rowCount(), 0);
    model.setPeers({peer(5, u"erin"_s)});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_PeerModel::unchangedReportEmitsNothing()
{
    PeerModel model;
    model.setPeers({peer(1, u"alice"_s), peer(2, u"bob"_s)});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setPeers({peer(1, u"alice"_s), peer(2, u"bob"_s)});
    QCOMPARE(changed.count() + inserted.count() + removed.count(), 0);
}

void tst_PeerModel::columns_data()
{
    QTest::addColumn<PeerInfo>("info");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");

    PeerInfo p = peer(1, u"alice"_s);
    QTest::newRow("address") << p << int(PeerModel::AddressColumn) << u"192.0.2.7:40001"_s;
    QTest::newRow("nick") << p << int(PeerModel::NickColumn) << u"alice"_s;
    QTest::newRow("offered") << p << int(PeerModel::OfferedColumn) << u"parlor.v1, chatting"_s;
    QTest::newRow("chosen") << p << int(PeerModel::SubprotocolColumn) << u"parlor.v1"_s;
    QTest::newRow("no origin") << p << int(PeerModel::OriginColumn) << u"—"_s;
    QTest::newRow("since") << p << int(PeerModel::SinceColumn) << u"14:03:12"_s;
    QTest::newRow("no rtt yet") << p << int(PeerModel::RttColumn) << u"—"_s;
    QTest::newRow("websocket") << p << int(PeerModel::TransportColumn) << u"WebSocket"_s;
    PeerInfo polling = p;
    polling.transport = PeerInfo::Transport::LongPolling;
    QTest::newRow("long-polling") << polling << int(PeerModel::TransportColumn)
                                  << u"long-polling"_s;

    PeerInfo busy = p;
    busy.messagesIn = 12;
    busy.messagesOut = 1234;
    busy.bytesIn = 512;
    busy.bytesOut = 2048;
    busy.lastRttMs = 3;
    busy.bytesQueued = 0;
    busy.origin = u"http://lan.example"_s;
    QTest::newRow("messages") << busy << int(PeerModel::MessagesColumn) << u"12 / 1,234"_s;
    QTest::newRow("bytes") << busy << int(PeerModel::BytesColumn) << u"512 bytes / 2.0 kB"_s;
    QTest::newRow("rtt") << busy << int(PeerModel::RttColumn) << u"3 ms"_s;
    QTest::newRow("queued") << busy << int(PeerModel::QueuedColumn) << u"0 bytes"_s;
    QTest::newRow("origin") << busy << int(PeerModel::OriginColumn) << u"http://lan.example"_s;

    PeerInfo plain = peer(2, u"guest-1"_s);
    plain.mode = MemberMode::Plain;
    plain.offeredSubprotocols.clear();
    plain.subprotocol.clear();
    QTest::newRow("plain nick") << plain << int(PeerModel::NickColumn) << u"guest-1 (plain)"_s;
    QTest::newRow("nothing offered") << plain << int(PeerModel::OfferedColumn) << u"(none)"_s;
    QTest::newRow("none chosen") << plain << int(PeerModel::SubprotocolColumn) << u"(none)"_s;

    PeerInfo lurker = peer(3, QString());
    QTest::newRow("no hello") << lurker << int(PeerModel::NickColumn) << u"(no hello yet)"_s;

    PeerInfo kicked = peer(4, u"troll"_s);
    kicked.leaving = u"kicked"_s;
    QTest::newRow("leaving") << kicked << int(PeerModel::NickColumn)
                             << u"troll (leaving: kicked)"_s;
}

void tst_PeerModel::columns()
{
    QFETCH(PeerInfo, info);
    QFETCH(int, column);
    QFETCH(QString, text);

    PeerModel model;
    model.setPeers({info});
    QCOMPARE(cell(model, 0, column), text);
    // Every row has a tool tip with the whole story.
    const QString tip = model.data(model.index(0, column), Qt::ToolTipRole).toString();
    QVERIFY(tip.contains(PeerModel::endpoint(info)));
    QCOMPARE(model.data(model.index(0, column), PeerModel::LeavingRole).toBool(),
             !info.leaving.isEmpty());
}

void tst_PeerModel::ipv6Address()
{
    PeerModel model;
    PeerInfo p = peer(1, u"v6"_s);
    p.address = QHostAddress(u"2001:db8::1"_s);
    p.port = 50312;
    model.setPeers({p});
    QCOMPARE(cell(model, 0, PeerModel::AddressColumn), u"[2001:db8::1]:50312"_s);
}

void tst_PeerModel::sortValuesAreRaw()
{
    PeerModel model;
    PeerInfo fast = peer(1, u"fast"_s);
    fast.lastRttMs = 9;
    fast.bytesQueued = 100;
    PeerInfo slow = peer(2, u"slow"_s);
    slow.lastRttMs = 120;
    slow.bytesQueued = 2 * 1024 * 1024;
    PeerInfo unknown = peer(3, u"unknown"_s);
    model.setPeers({fast, slow, unknown});
    auto sortValue = [&](int row, int column) {
        return model.data(model.index(row, column), PeerModel::SortRole);
    };
    // Numbers sort as numbers (9 < 120 although "9 ms" > "120 ms"); no round trip sorts last.
    QVERIFY(sortValue(0, PeerModel::RttColumn).toInt() < sortValue(1, PeerModel::RttColumn).toInt());
    QVERIFY(sortValue(1, PeerModel::RttColumn).toInt() < sortValue(2, PeerModel::RttColumn).toInt());
    QVERIFY(sortValue(0, PeerModel::QueuedColumn).toLongLong()
            < sortValue(1, PeerModel::QueuedColumn).toLongLong());
}

void tst_PeerModel::headers()
{
    PeerModel model;
    for (int column = 0; column < model.columnCount(); ++column) {
        QVERIFY2(!model.headerData(column, Qt::Horizontal).toString().isEmpty(),
                 qPrintable(u"column %1 has no title"_s.arg(column)));
    }
    QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
}

QTEST_GUILESS_MAIN(tst_PeerModel)
#include "tst_peermodel.moc"
