// FrameFilter: the Frames tab's filter bar over an EventLogModel. A fixed log of every kind of
// event, and each criterion alone and together; the filter follows the model live.

#include "client/eventlog.h"
#include "inspector/eventlogmodel.h"
#include "inspector/framefilter.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Parlor;
using Kind = ConnectionEvent::Kind;
using Opcode = EventLogModel::Opcode;
using DirectionFilter = FrameFilter::DirectionFilter;
using SearchMode = FrameFilter::SearchMode;

namespace {

ConnectionEvent makeEvent(Kind kind, const QJsonObject &fields)
{
    ConnectionEvent e;
    e.kind = kind;
    e.fields = fields;
    return e;
}

ConnectionEvent message(Kind kind, const QString &opcode, const QString &preview, int size)
{
    return makeEvent(kind, {{QStringLiteral("opcode"), opcode},
                            {QStringLiteral("size"), size},
                            {QStringLiteral("fragments"), 1},
                            {QStringLiteral("preview"), preview}});
}

/// One of each, in the order of a real connection; seq = row + 1.
void fillLog(EventLog &log)
{
    log.append(makeEvent(Kind::State, {{QStringLiteral("from"), QStringLiteral("Closed")},
                                       {QStringLiteral("to"), QStringLiteral("Connecting")}})); // 1
    log.append(
            makeEvent(Kind::Handshake,
                      {{QStringLiteral("phase"), QStringLiteral("request")},
                       {QStringLiteral("url"), QStringLiteral("ws://127.0.0.1:5870/room")},
                       {QStringLiteral("offered"), QJsonArray{QStringLiteral("parlor.v1")}}})); // 2
    log.append(
            makeEvent(Kind::Handshake, {{QStringLiteral("phase"), QStringLiteral("response")},
                                        {QStringLiteral("status"), 101},
                                        {QStringLiteral("chosen"), QStringLiteral("parlor.v1")}}));
    log.append(makeEvent(Kind::State, {{QStringLiteral("from"), QStringLiteral("Connecting")},
                                       {QStringLiteral("to"), QStringLiteral("Open")}})); // 4
    log.append(message(Kind::MessageOut, QStringLiteral("text"),
                       QStringLiteral("{\"type\":\"hello\",\"nick\":\"Mina\"}"), 30)); // 5
    log.append(message(Kind::MessageIn, QStringLiteral("text"),
                       QStringLiteral("{\"type\":\"welcome\",\"room\":\"Lunch\"}"), 1200)); // 6
    log.append(message(Kind::MessageIn, QStringLiteral("binary"), QStringLiteral("de ad be ef"),
                       4));                                                                // 7
    log.append(makeEvent(Kind::Ping, {{QStringLiteral("payload"), QStringLiteral("1")}})); // 8
    log.append(makeEvent(Kind::Pong, {{QStringLiteral("rttMs"), 3},
                                      {QStringLiteral("payload"), QStringLiteral("1")}})); // 9
    log.append(message(Kind::MessageOut, QStringLiteral("text"), QStringLiteral("HELLO again"),
                       11)); // 10
    log.append(
            makeEvent(Kind::Close, {{QStringLiteral("direction"), QStringLiteral("in")},
                                    {QStringLiteral("code"), 1001},
                                    {QStringLiteral("codeName"), QStringLiteral("Going Away")},
                                    {QStringLiteral("reason"), QStringLiteral("restart")}})); // 11
    log.append(makeEvent(Kind::Error,
                         {{QStringLiteral("error"),
                           QStringLiteral("The remote host closed the connection")}})); // 12
    log.append(makeEvent(Kind::State, {{QStringLiteral("from"), QStringLiteral("Closing")},
                                       {QStringLiteral("to"), QStringLiteral("Closed")},
                                       {QStringLiteral("reason"), QStringLiteral("Peer")},
                                       {QStringLiteral("code"), 1001}})); // 13
    log.append(makeEvent(Kind::Reconnect,
                         {{QStringLiteral("delayMs"), 400}, {QStringLiteral("attempt"), 1}})); // 14
}

QList<qint64> seqs(const QAbstractItemModel &model)
{
    QList<qint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(EventLogModel::SeqRole).toLongLong());
    return result;
}

struct Fixture
{
    Fixture()
    {
        fillLog(log);
        model.setLog(&log);
        filter.setSourceModel(&model);
    }
    EventLog log;
    EventLogModel model;
    FrameFilter filter;
    QAbstractItemModelTester tester{&filter, QAbstractItemModelTester::FailureReportingMode::QtTest};
};

} // namespace

class tst_FrameFilter : public QObject
{
    Q_OBJECT

private slots:
    void nothingFilteredByDefault();
    void direction_data();
    void direction();
    void kindsAndOpcodes_data();
    void kindsAndOpcodes();
    void search_data();
    void search();
    void invalidExpressionFiltersNothing();
    void criteriaCombine();
    void followsTheModel();
    void sorting_data();
    void sorting();
};

void tst_FrameFilter::nothingFilteredByDefault()
{
    Fixture f;
    QCOMPARE(f.filter.rowCount(), 14);
    QCOMPARE(f.filter.directionFilter(), DirectionFilter::Both);
    QVERIFY(f.filter.kinds().isEmpty());
    QVERIFY(f.filter.opcodes().isEmpty());
    QVERIFY(f.filter.isSearchValid());
    QVERIFY(f.filter.searchError().isEmpty());
    QCOMPARE(f.filter.searchErrorOffset(), -1);
    QCOMPARE(f.filter.searchCaseSensitivity(), Qt::CaseInsensitive);
}

void tst_FrameFilter::direction_data()
{
    QTest::addColumn<DirectionFilter>("direction");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::newRow("both: local events too")
            << DirectionFilter::Both
            << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    QTest::newRow("in: the 101, messages received, the pong, the peer's close")
            << DirectionFilter::In << QList<qint64>{3, 6, 7, 9, 11};
    QTest::newRow("out: the request, messages sent, the ping")
            << DirectionFilter::Out << QList<qint64>{2, 5, 8, 10};
}

void tst_FrameFilter::direction()
{
    QFETCH(DirectionFilter, direction);
    QFETCH(QList<qint64>, expected);
    Fixture f;
    f.filter.setDirectionFilter(direction);
    QCOMPARE(f.filter.directionFilter(), direction);
    QCOMPARE(seqs(f.filter), expected);
    f.filter.setDirectionFilter(DirectionFilter::Both);
    QCOMPARE(f.filter.rowCount(), 14);
}

void tst_FrameFilter::kindsAndOpcodes_data()
{
    QTest::addColumn<QList<Kind>>("kinds");
    QTest::addColumn<QList<Opcode>>("opcodes");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::newRow("messages") << QList<Kind>{Kind::MessageIn, Kind::MessageOut} << QList<Opcode>()
                              << QList<qint64>{5, 6, 7, 10};
    QTest::newRow("states") << QList<Kind>{Kind::State} << QList<Opcode>()
                            << QList<qint64>{1, 4, 13};
    QTest::newRow("errors and reconnects") << QList<Kind>{Kind::Error, Kind::Reconnect}
                                           << QList<Opcode>() << QList<qint64>{12, 14};
    QTest::newRow("binary") << QList<Kind>() << QList<Opcode>{Opcode::Binary} << QList<qint64>{7};
    QTest::newRow("control frames")
            << QList<Kind>() << QList<Opcode>{Opcode::Ping, Opcode::Pong, Opcode::Close}
            << QList<qint64>{8, 9, 11};
    QTest::newRow("without an opcode") << QList<Kind>() << QList<Opcode>{Opcode::None}
                                       << QList<qint64>{1, 2, 3, 4, 12, 13, 14};
    QTest::newRow("text messages: both at once")
            << QList<Kind>{Kind::MessageIn, Kind::MessageOut} << QList<Opcode>{Opcode::Text}
            << QList<qint64>{5, 6, 10};
    QTest::newRow("nothing matches both")
            << QList<Kind>{Kind::State} << QList<Opcode>{Opcode::Text} << QList<qint64>{};
}

void tst_FrameFilter::kindsAndOpcodes()
{
    QFETCH(QList<Kind>, kinds);
    QFETCH(QList<Opcode>, opcodes);
    QFETCH(QList<qint64>, expected);
    Fixture f;
    f.filter.setKinds(kinds);
    f.filter.setOpcodes(opcodes);
    QCOMPARE(seqs(f.filter), expected);
    // The getters give the set back, in enum order.
    std::sort(kinds.begin(), kinds.end());
    std::sort(opcodes.begin(), opcodes.end());
    QCOMPARE(f.filter.kinds(), kinds);
    QCOMPARE(f.filter.opcodes(), opcodes);
    f.filter.setKinds({});
    f.filter.setOpcodes({});
    QCOMPARE(f.filter.rowCount(), 14);
}

void tst_FrameFilter::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<SearchMode>("mode");
    QTest::addColumn<Qt::CaseSensitivity>("sensitivity");
    QTest::addColumn<QList<qint64>>("expected");

    QTest::newRow("substring, any case") << QStringLiteral("hello") << SearchMode::Substring
                                         << Qt::CaseInsensitive << QList<qint64>{5, 10};
    QTest::newRow("substring, exact case") << QStringLiteral("HELLO") << SearchMode::Substring
                                           << Qt::CaseSensitive << QList<qint64>{10};
    QTest::newRow("substring in a summary, not a preview")
            << QStringLiteral("rtt 3") << SearchMode::Substring << Qt::CaseInsensitive
            << QList<qint64>{9};
    QTest::newRow("substring of a state summary")
            << QStringLiteral("connecting") << SearchMode::Substring << Qt::CaseInsensitive
            << QList<qint64>{1, 4};
    QTest::newRow("regex chars are literal in substring mode")
            << QStringLiteral("\"type\":\".*\"") << SearchMode::Substring << Qt::CaseInsensitive
            << QList<qint64>{};
    QTest::newRow("regex") << QStringLiteral("\"type\":\"(hello|welcome)\"")
                           << SearchMode::RegularExpression << Qt::CaseInsensitive
                           << QList<qint64>{5, 6};
    QTest::newRow("regex, any case") << QStringLiteral("^hello") << SearchMode::RegularExpression
                                     << Qt::CaseInsensitive << QList<qint64>{10};
    QTest::newRow("regex, exact case") << QStringLiteral("^hello") << SearchMode::RegularExpression
                                       << Qt::CaseSensitive << QList<qint64>{};
    QTest::newRow("regex over hex previews")
            << QStringLiteral("^de ad") << SearchMode::RegularExpression << Qt::CaseInsensitive
            << QList<qint64>{7};
    QTest::newRow("no match") << QStringLiteral("nobody said this") << SearchMode::Substring
                              << Qt::CaseInsensitive << QList<qint64>{};
}

void tst_FrameFilter::search()
{
    QFETCH(QString, text);
    QFETCH(SearchMode, mode);
    QFETCH(Qt::CaseSensitivity, sensitivity);
    QFETCH(QList<qint64>, expected);
    Fixture f;
    f.filter.setSearchMode(mode);
    f.filter.setSearchCaseSensitivity(sensitivity);
    f.filter.setSearchText(text);
    QCOMPARE(f.filter.searchText(), text);
    QCOMPARE(f.filter.searchMode(), mode);
    QVERIFY(f.filter.isSearchValid());
    QCOMPARE(seqs(f.filter), expected);
    f.filter.setSearchText({});
    QCOMPARE(f.filter.rowCount(), 14);
}

void tst_FrameFilter::invalidExpressionFiltersNothing()
{
    Fixture f;
    QSignalSpy validity(&f.filter, &FrameFilter::searchValidChanged);
    f.filter.setKinds({Kind::MessageIn, Kind::MessageOut});
    f.filter.setSearchMode(SearchMode::RegularExpression);
    f.filter.setSearchText(QStringLiteral("hello"));
    QCOMPARE(seqs(f.filter), (QList<qint64>{5, 10}));

    // Half-typed: "(hel" is not an expression. The search is off; the kind filter stays.
    f.filter.setSearchText(QStringLiteral("(hel"));
    QVERIFY(!f.filter.isSearchValid());
    QCOMPARE(validity.count(), 1);
    QCOMPARE(validity.last().first().toBool(), false);
    QCOMPARE(seqs(f.filter), (QList<qint64>{5, 6, 7, 10}));
    QVERIFY2(f.filter.searchError().contains(QLatin1String("position 4")),
             qPrintable(f.filter.searchError()));
    QCOMPARE(f.filter.searchErrorOffset(), 4);

    f.filter.setSearchText(QStringLiteral("(hel)"));
    QVERIFY(f.filter.isSearchValid());
    QCOMPARE(validity.count(), 2);
    QVERIFY(f.filter.searchError().isEmpty());
    QCOMPARE(seqs(f.filter), (QList<qint64>{5, 10}));

    // The same text is a fine substring: switching modes makes it valid.
    f.filter.setSearchText(QStringLiteral("[a"));
    QVERIFY(!f.filter.isSearchValid());
    f.filter.setSearchMode(SearchMode::Substring);
    QVERIFY(f.filter.isSearchValid());
    QCOMPARE(validity.count(), 4);
    QCOMPARE(seqs(f.filter), QList<qint64>{});
}

void tst_FrameFilter::criteriaCombine()
{
    Fixture f;
    f.filter.setDirectionFilter(DirectionFilter::In);
    f.filter.setOpcodes({Opcode::Text, Opcode::Binary});
    QCOMPARE(seqs(f.filter), (QList<qint64>{6, 7}));
    f.filter.setSearchText(QStringLiteral("lunch"));
    QCOMPARE(seqs(f.filter), (QList<qint64>{6}));
    f.filter.setDirectionFilter(DirectionFilter::Out);
    QCOMPARE(seqs(f.filter), QList<qint64>{});
}

void tst_FrameFilter::followsTheModel()
{
    Fixture f;
    f.filter.setDirectionFilter(DirectionFilter::In);
    f.filter.setSearchText(QStringLiteral("ping pong"));
    QCOMPARE(f.filter.rowCount(), 0);
    QSignalSpy inserted(&f.filter, &QAbstractItemModel::rowsInserted);
    f.log.append(message(Kind::MessageOut, QStringLiteral("text"), QStringLiteral("ping pong"), 9));
    f.log.append(message(Kind::MessageIn, QStringLiteral("text"), QStringLiteral("Ping Pong"), 9));
    f.log.append(message(Kind::MessageIn, QStringLiteral("text"), QStringLiteral("other"), 5));
    QVERIFY(inserted.wait(5000));
    QCOMPARE(seqs(f.filter), (QList<qint64>{16}));
}

void tst_FrameFilter::sorting_data()
{
    QTest::addColumn<QList<Kind>>("kinds");
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QList<qint64>>("expected");
    const QList<Kind> messages{Kind::MessageIn, Kind::MessageOut};
    // Messages: sizes 30, 1200, 4, 11.
    QTest::newRow("size ascending, numerically")
            << messages << int(EventLogModel::SizeColumn) << Qt::AscendingOrder
            << QList<qint64>{7, 10, 5, 6};
    QTest::newRow("size descending") << messages << int(EventLogModel::SizeColumn)
                                     << Qt::DescendingOrder << QList<qint64>{6, 5, 10, 7};
    // States have no size: they come first, in log order; the ping's payload is 1 byte.
    QTest::newRow("rows without a size first")
            << QList<Kind>{Kind::State, Kind::Ping, Kind::MessageIn, Kind::MessageOut}
            << int(EventLogModel::SizeColumn) << Qt::AscendingOrder
            << QList<qint64>{1, 4, 13, 8, 7, 10, 5, 6};
    QTest::newRow("time is log order") << messages << int(EventLogModel::TimeColumn)
                                       << Qt::DescendingOrder << QList<qint64>{10, 7, 6, 5};
}

void tst_FrameFilter::sorting()
{
    QFETCH(QList<Kind>, kinds);
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QList<qint64>, expected);
    Fixture f;
    f.filter.setKinds(kinds);
    f.filter.sort(column, order);
    QCOMPARE(seqs(f.filter), expected);
}

QTEST_GUILESS_MAIN(tst_FrameFilter)
#include "tst_framefilter.moc"
