// EventLogModel: the event log as a live table. QAbstractItemModelTester watches the model in
// every test, so a signal that does not match the change it announces fails at once. Cost is
// checked by counting signals, not by timing: one insert (and at most one removal) per pass of
// the event loop however many events arrive, and no signal at all while appending.

#include "client/eventlog.h"
#include "inspector/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Parlor;
using Kind = ConnectionEvent::Kind;
using Direction = EventLogModel::Direction;
using Opcode = EventLogModel::Opcode;

namespace {

constexpr qint64 baseWallMs = 1'795'271'297'459; // 2026-11-21T14:28:17.459Z

ConnectionEvent makeEvent(Kind kind, const QJsonObject &fields, qint64 t = 0)
{
    ConnectionEvent e;
    e.kind = kind;
    e.monotonicMs = t;
    e.wallMs = baseWallMs + t;
    e.fields = fields;
    return e;
}

ConnectionEvent textIn(int n)
{
    const QString text = QStringLiteral("message %1").arg(n);
    return makeEvent(Kind::MessageIn,
                     {{QStringLiteral("opcode"), QStringLiteral("text")},
                      {QStringLiteral("size"), text.size()},
                      {QStringLiteral("fragments"), 1},
                      {QStringLiteral("preview"), text}},
                     n);
}

void appendMany(EventLog &log, int count)
{
    for (int i = 0; i < count; ++i)
        log.append(textIn(i));
}

/// The model shows exactly what the log holds, in order.
bool mirrorsLog(const EventLogModel &model, const EventLog &log)
{
    if (model.rowCount() != log.size())
        return false;
    for (int row = 0; row < log.size(); ++row) {
        if (model.eventAt(row).seq != log.at(row).seq)
            return false;
    }
    return true;
}

/// Every structural signal of a model, counted.
struct ModelSpies
{
    explicit ModelSpies(QAbstractItemModel *model)
        : inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , changed(model, &QAbstractItemModel::dataChanged)
        , layout(model, &QAbstractItemModel::layoutChanged)
        , reset(model, &QAbstractItemModel::modelReset)
        , moved(model, &QAbstractItemModel::rowsMoved)
    {}
    int total() const
    {
        return int(inserted.count() + removed.count() + changed.count() + layout.count()
                   + reset.count() + moved.count());
    }
    void clear()
    {
        for (QSignalSpy *spy : {&inserted, &removed, &changed, &layout, &reset, &moved})
            spy->clear();
    }
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy changed;
    QSignalSpy layout;
    QSignalSpy reset;
    QSignalSpy moved;
};

} // namespace

class tst_EventLogModel : public QObject
{
    Q_OBJECT

private slots:
    void empty();
    void showsWhatTheLogHolds();
    void columnsAndSummary_data();
    void columnsAndSummary();
    void detailRoles();
    void coalescesOnePass();
    void followsTheRing_data();
    void followsTheRing();
    void largeLogCostsOneSignalPerPass();
    void pauseFreezesRows();
    void pauseShowsWhatCameBefore();
    void droppedCount();
    void clearedLog();
    void destroyedLogKeepsRows();
    void rowOfSeq();
};

void tst_EventLogModel::empty()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(EventLogModel::ColumnCount));
    QCOMPARE(model.columnCount(), 6);
    for (int c = 0; c < model.columnCount(); ++c)
        QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
    QCOMPARE(model.headerData(EventLogModel::SummaryColumn, Qt::Horizontal).toString(),
             QStringLiteral("Summary"));
    QCOMPARE(model.droppedCount(), 0);
    QCOMPARE(model.pausedCount(), 0);
    QVERIFY(!model.isPaused());
    const QHash<int, QByteArray> names = model.roleNames();
    QCOMPARE(names.value(EventLogModel::SeqRole), QByteArray("seq"));
    QCOMPARE(names.value(EventLogModel::PrettyJsonRole), QByteArray("prettyJson"));
    QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
}

void tst_EventLogModel::showsWhatTheLogHolds()
{
    EventLog log(10);
    appendMany(log, 14);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setLog(&log);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.log(), &log);
    QVERIFY(mirrorsLog(model, log));
    QCOMPARE(model.index(0, 0).data(EventLogModel::SeqRole).toLongLong(), 5);
    // Dropped before the model came: not the model's drops.
    QCOMPARE(model.droppedCount(), 0);

    model.setLog(nullptr);
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 0);
    log.append(textIn(99)); // no longer followed
    QCoreApplication::processEvents();
    QCOMPARE(model.rowCount(), 0);
}

void tst_EventLogModel::columnsAndSummary_data()
{
    QTest::addColumn<ConnectionEvent>("event");
    QTest::addColumn<Direction>("direction");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<Opcode>("opcode");
    QTest::addColumn<QString>("opcodeText");
    QTest::addColumn<QVariant>("size");
    QTest::addColumn<QString>("summary");

    const QString dash = QString(QChar(0x2014));
    const QJsonArray offered{QStringLiteral("parlor.v1"), QStringLiteral("chatting")};
    const auto closed = [](const QString &from, const QString &reason, int code,
                           const QString &closeReason, int httpStatus = 0) {
        QJsonObject f{{QStringLiteral("from"), from},
                      {QStringLiteral("to"), QStringLiteral("Closed")},
                      {QStringLiteral("reason"), reason},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("codeName"), QStringLiteral("whatever")},
                      {QStringLiteral("closeReason"), closeReason},
                      {QStringLiteral("clean"), true},
                      {QStringLiteral("reconnect"), false}};
        if (httpStatus)
            f.insert(QStringLiteral("httpStatus"), httpStatus);
        return makeEvent(Kind::State, f);
    };

    QTest::newRow("state") << makeEvent(Kind::State,
                                        {{QStringLiteral("from"), QStringLiteral("Connecting")},
                                         {QStringLiteral("to"), QStringLiteral("Open")}})
                           << Direction::Local << QStringLiteral("State") << Opcode::None << dash
                           << QVariant() << QStringLiteral("Connecting → Open");
    QTest::newRow("state to Closing")
            << makeEvent(Kind::State, {{QStringLiteral("from"), QStringLiteral("Open")},
                                       {QStringLiteral("to"), QStringLiteral("Closing")}})
            << Direction::Local << QStringLiteral("State") << Opcode::None << dash << QVariant()
            << QStringLiteral("Open → Closing");
    QTest::newRow("close frame received")
            << makeEvent(Kind::Close, {{QStringLiteral("direction"), QStringLiteral("in")},
                                       {QStringLiteral("code"), 4002},
                                       {QStringLiteral("codeName"), QStringLiteral("Application")},
                                       {QStringLiteral("reason"), QStringLiteral("be kind")}})
            << Direction::In << QStringLiteral("Close") << Opcode::Close << QStringLiteral("close")
            << QVariant(qint64(9)) << QStringLiteral("4002 Application · “be kind”");
    QTest::newRow("our answer to it")
            << makeEvent(Kind::Close, {{QStringLiteral("direction"), QStringLiteral("out")},
                                       {QStringLiteral("code"), 4002},
                                       {QStringLiteral("codeName"), QStringLiteral("Application")},
                                       {QStringLiteral("reason"), QStringLiteral("be kind")},
                                       {QStringLiteral("reply"), true}})
            << Direction::Out << QStringLiteral("Close") << Opcode::Close << QStringLiteral("close")
            << QVariant(qint64(9))
            << QStringLiteral("4002 Application · “be kind” · answer to the peer's close");
    QTest::newRow("close frame sent without reason")
            << makeEvent(Kind::Close,
                         {{QStringLiteral("direction"), QStringLiteral("out")},
                          {QStringLiteral("code"), 1000},
                          {QStringLiteral("codeName"), QStringLiteral("Normal Closure")},
                          {QStringLiteral("reason"), QString()}})
            << Direction::Out << QStringLiteral("Close") << Opcode::Close << QStringLiteral("close")
            << QVariant(qint64(2)) << QStringLiteral("1000 Normal Closure");
    QTest::newRow("closed by the peer")
            << closed(QStringLiteral("Closing"), QStringLiteral("Peer"), 1001,
                      QStringLiteral("restart"))
            << Direction::Local << QStringLiteral("State") << Opcode::None << dash << QVariant()
            << QStringLiteral("Closing → Closed · closed by the server · code 1001 · “restart”");
    QTest::newRow("refused upgrade")
            << closed(QStringLiteral("Connecting"), QStringLiteral("HandshakeRefused"), 1006, {},
                      403)
            << Direction::Local << QStringLiteral("State") << Opcode::None << dash << QVariant()
            << QStringLiteral("Connecting → Closed · upgrade refused · HTTP 403");
    QTest::newRow("abrupt loss, reason text on one line")
            << closed(QStringLiteral("Open"), QStringLiteral("NetworkError"), 1006,
                      QStringLiteral("a\nb"))
            << Direction::Local << QStringLiteral("State") << Opcode::None << dash << QVariant()
            << QStringLiteral("Open → Closed · connection lost or failed · code 1006 · “a b”");
    QTest::newRow("handshake request")
            << makeEvent(Kind::Handshake, {{QStringLiteral("phase"), QStringLiteral("request")},
                                           {QStringLiteral("url"), QStringLiteral("ws://h:1/room")},
                                           {QStringLiteral("offered"), offered}})
            << Direction::Out << QStringLiteral("Handshake") << Opcode::None << dash << QVariant()
            << QStringLiteral("upgrade request ws://h:1/room · offered: parlor.v1, chatting");
    QTest::newRow("handshake request, nothing offered")
            << makeEvent(Kind::Handshake, {{QStringLiteral("phase"), QStringLiteral("request")},
                                           {QStringLiteral("url"), QStringLiteral("ws://h:1/room")},
                                           {QStringLiteral("offered"), QJsonArray()}})
            << Direction::Out << QStringLiteral("Handshake") << Opcode::None << dash << QVariant()
            << QStringLiteral("upgrade request ws://h:1/room · no subprotocol offered");
    QTest::newRow("handshake response")
            << makeEvent(Kind::Handshake, {{QStringLiteral("phase"), QStringLiteral("response")},
                                           {QStringLiteral("status"), 101},
                                           {QStringLiteral("chosen"), QStringLiteral("parlor.v1")},
                                           {QStringLiteral("offered"), offered}})
            << Direction::In << QStringLiteral("Handshake") << Opcode::None << dash << QVariant()
            << QStringLiteral("101 Switching Protocols · chosen: parlor.v1");
    QTest::newRow("handshake response, none chosen")
            << makeEvent(Kind::Handshake, {{QStringLiteral("phase"), QStringLiteral("response")},
                                           {QStringLiteral("status"), 101},
                                           {QStringLiteral("chosen"), QString()},
                                           {QStringLiteral("offered"), offered}})
            << Direction::In << QStringLiteral("Handshake") << Opcode::None << dash << QVariant()
            << QStringLiteral("101 Switching Protocols · no subprotocol chosen");
    QTest::newRow("text out, on one line")
            << makeEvent(Kind::MessageOut,
                         {{QStringLiteral("opcode"), QStringLiteral("text")},
                          {QStringLiteral("size"), 11},
                          {QStringLiteral("frames"), 1},
                          {QStringLiteral("preview"), QStringLiteral("hello\nworld")}})
            << Direction::Out << QStringLiteral("Message") << Opcode::Text << QStringLiteral("text")
            << QVariant(qint64(11)) << QStringLiteral("hello world");
    QTest::newRow("text in, fragmented")
            << makeEvent(Kind::MessageIn, {{QStringLiteral("opcode"), QStringLiteral("text")},
                                           {QStringLiteral("size"), 3},
                                           {QStringLiteral("fragments"), 3},
                                           {QStringLiteral("preview"), QStringLiteral("abc")}})
            << Direction::In << QStringLiteral("Message") << Opcode::Text << QStringLiteral("text")
            << QVariant(qint64(3)) << QStringLiteral("abc (3 fragments)");
    QTest::newRow("text in, longer than its preview")
            << makeEvent(Kind::MessageIn,
                         {{QStringLiteral("opcode"), QStringLiteral("text")},
                          {QStringLiteral("size"), 5000},
                          {QStringLiteral("fragments"), 1},
                          {QStringLiteral("preview"), QString(200, QLatin1Char('x'))}})
            << Direction::In << QStringLiteral("Message") << Opcode::Text << QStringLiteral("text")
            << QVariant(qint64(5000)) << QString(200, QLatin1Char('x')) + QChar(0x2026);
    QTest::newRow("binary in") << makeEvent(Kind::MessageIn,
                                            {{QStringLiteral("opcode"), QStringLiteral("binary")},
                                             {QStringLiteral("size"), 3},
                                             {QStringLiteral("fragments"), 1},
                                             {QStringLiteral("preview"),
                                              QStringLiteral("00 ff 41")}})
                               << Direction::In << QStringLiteral("Message") << Opcode::Binary
                               << QStringLiteral("binary") << QVariant(qint64(3))
                               << QStringLiteral("00 ff 41");
    QTest::newRow("ping") << makeEvent(Kind::Ping,
                                       {{QStringLiteral("payload"), QStringLiteral("17")}})
                          << Direction::Out << QStringLiteral("Ping") << Opcode::Ping
                          << QStringLiteral("ping") << QVariant(qint64(2))
                          << QStringLiteral("payload 17");
    QTest::newRow("pong") << makeEvent(Kind::Pong,
                                       {{QStringLiteral("rttMs"), 3},
                                        {QStringLiteral("payload"), QStringLiteral("17")}})
                          << Direction::In << QStringLiteral("Pong") << Opcode::Pong
                          << QStringLiteral("pong") << QVariant(qint64(2))
                          << QStringLiteral("rtt 3 ms");
    QTest::newRow("socket error") << makeEvent(Kind::Error, {{QStringLiteral("error"),
                                                              QStringLiteral("Connection refused")},
                                                             {QStringLiteral("socketError"), 0}})
                                  << Direction::Local << QStringLiteral("Error") << Opcode::None
                                  << dash << QVariant() << QStringLiteral("Connection refused");
    QTest::newRow("tls error") << makeEvent(Kind::Error,
                                            {{QStringLiteral("error"),
                                              QStringLiteral("TLS certificate not verified")},
                                             {QStringLiteral("problems"),
                                              QJsonArray{QStringLiteral("self signed"),
                                                         QStringLiteral("expired")}}})
                               << Direction::Local << QStringLiteral("Error") << Opcode::None
                               << dash << QVariant()
                               << QStringLiteral(
                                          "TLS certificate not verified: self signed; expired");
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(baseWallMs + 1500, Qt::UTC);
    QTest::newRow("reconnect") << makeEvent(Kind::Reconnect, {{QStringLiteral("delayMs"), 1500},
                                                              {QStringLiteral("attempt"), 2},
                                                              {QStringLiteral("at"),
                                                               at.toString(Qt::ISODateWithMs)}})
                               << Direction::Local << QStringLiteral("Reconnect") << Opcode::None
                               << dash << QVariant()
                               << QStringLiteral("attempt 2 in 1.5 s, at %1")
                                          .arg(at.toLocalTime().toString(
                                                  QStringLiteral("HH:mm:ss")));
    QTest::newRow("reconnect cancelled")
            << makeEvent(Kind::Reconnect, {{QStringLiteral("cancelled"), true}}) << Direction::Local
            << QStringLiteral("Reconnect") << Opcode::None << dash << QVariant()
            << QStringLiteral("reconnect cancelled");
}

void tst_EventLogModel::columnsAndSummary()
{
    QFETCH(ConnectionEvent, event);
    QFETCH(Direction, direction);
    QFETCH(QString, kind);
    QFETCH(Opcode, opcode);
    QFETCH(QString, opcodeText);
    QFETCH(QVariant, size);
    QFETCH(QString, summary);

    EventLog log;
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(&log);
    log.append(event);
    model.flush();
    QCOMPARE(model.rowCount(), 1);

    const auto cell = [&](int column, int role = Qt::DisplayRole) {
        return model.index(0, column).data(role);
    };
    const QString arrows[] = {QString(QChar(0x2013)), QString(QChar(0x2193)),
                              QString(QChar(0x2191))}; // Local, In, Out
    QCOMPARE(cell(EventLogModel::TimeColumn).toString(),
             QDateTime::fromMSecsSinceEpoch(event.wallMs).toString(QStringLiteral("HH:mm:ss.zzz")));
    QCOMPARE(cell(EventLogModel::DirectionColumn).toString(), arrows[int(direction)]);
    QVERIFY(!cell(EventLogModel::DirectionColumn, Qt::AccessibleTextRole).toString().isEmpty());
    QCOMPARE(cell(EventLogModel::KindColumn).toString(), kind);
    QCOMPARE(cell(EventLogModel::OpcodeColumn).toString(), opcodeText);
    QCOMPARE(cell(EventLogModel::SizeColumn), size);
    QCOMPARE(cell(EventLogModel::SummaryColumn).toString(), summary);

    // The roles answer the same in every column.
    for (int column = 0; column < model.columnCount(); ++column) {
        QCOMPARE(cell(column, EventLogModel::DirectionRole).value<Direction>(), direction);
        QCOMPARE(cell(column, EventLogModel::OpcodeRole).value<Opcode>(), opcode);
        QCOMPARE(cell(column, EventLogModel::SizeRole), size);
        QCOMPARE(cell(column, EventLogModel::SummaryRole).toString(), summary);
        QCOMPARE(cell(column, EventLogModel::KindRole).toInt(), int(event.kind));
        QCOMPARE(cell(column, EventLogModel::SeqRole).toLongLong(), 1);
    }
    QCOMPARE(EventDescription::directionOf(event), direction);
    QCOMPARE(EventDescription::opcodeOf(event), opcode);
    QCOMPARE(EventDescription::summaryOf(log.at(0)), summary);
}

void tst_EventLogModel::detailRoles()
{
    EventLog log;
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(&log);
    const QString json = QStringLiteral("{\"type\":\"say\",\"id\":\"a1\",\"text\":\"hi\"}");
    log.append(makeEvent(Kind::MessageOut,
                         {{QStringLiteral("opcode"), QStringLiteral("text")},
                          {QStringLiteral("size"), json.size()},
                          {QStringLiteral("frames"), 1},
                          {QStringLiteral("preview"), json}},
                         42));
    log.append(
            makeEvent(Kind::MessageIn, {{QStringLiteral("opcode"), QStringLiteral("text")},
                                        {QStringLiteral("size"), 9},
                                        {QStringLiteral("fragments"), 1},
                                        {QStringLiteral("preview"), QStringLiteral("not {json")}}));
    const QByteArray bytes = QByteArray("\x00\x01{\"a\":1}\xff", 10) + QByteArray(20, 'z');
    log.append(makeEvent(Kind::MessageIn,
                         {{QStringLiteral("opcode"), QStringLiteral("binary")},
                          {QStringLiteral("size"), 500},
                          {QStringLiteral("fragments"), 1},
                          {QStringLiteral("preview"), QString::fromLatin1(bytes.toHex(' '))}}));
    log.append(makeEvent(Kind::Pong, {{QStringLiteral("rttMs"), 3},
                                      {QStringLiteral("payload"), QStringLiteral("1")}}));
    model.flush();
    QCOMPARE(model.rowCount(), 4);
    const auto role = [&](int row, int r) {
        return model.index(row, 0).data(r);
    };

    // A JSON text message is pretty-printed; the rest is not.
    const QString pretty = role(0, EventLogModel::PrettyJsonRole).toString();
    QVERIFY2(pretty.contains(QLatin1String("\n    \"text\": \"hi\"")), qPrintable(pretty));
    QCOMPARE(QJsonDocument::fromJson(pretty.toUtf8()).object().value(QStringLiteral("id")),
             QJsonValue(QStringLiteral("a1")));
    QVERIFY(!role(1, EventLogModel::PrettyJsonRole).isValid());
    QVERIFY(!role(2, EventLogModel::PrettyJsonRole).isValid()); // binary, even if it looks JSON
    QVERIFY(!role(3, EventLogModel::PrettyJsonRole).isValid());

    // Hex: the preview's bytes, 16 a line, with offsets and ASCII.
    const QStringList lines = role(2, EventLogModel::HexRole).toString().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), QStringLiteral("00000000  00 01 7b 22 61 22 3a 31 7d ff 7a 7a 7a 7a 7a 7a"
                                         "  |..{\"a\":1}.zzzzzz|"));
    // A short last line keeps the ASCII column where the full lines have it.
    QCOMPARE(lines.at(1), QStringLiteral("00000010  7a 7a 7a 7a 7a 7a 7a 7a 7a 7a 7a 7a 7a 7a"
                                         "        |zzzzzzzzzzzzzz|"));
    QCOMPARE(lines.at(1).indexOf(QLatin1Char('|')), lines.at(0).indexOf(QLatin1Char('|')));
    QVERIFY(role(0, EventLogModel::HexRole)
                    .toString()
                    .startsWith(QLatin1String("00000000  7b 22 74 79 70 65")));
    QVERIFY(!role(3, EventLogModel::HexRole).isValid());

    QCOMPARE(role(0, EventLogModel::TruncatedRole).toBool(), false);
    QCOMPARE(role(2, EventLogModel::TruncatedRole).toBool(), true); // 30 of 500 bytes
    QCOMPARE(role(0, EventLogModel::PreviewRole).toString(), json);
    QVERIFY(!role(3, EventLogModel::PreviewRole).isValid());

    QCOMPARE(role(0, EventLogModel::FieldsRole).toJsonObject(), log.at(0).fields);
    QCOMPARE(role(0, EventLogModel::FieldsMapRole).toMap().value(QStringLiteral("frames")).toInt(),
             1);
    const QJsonObject trace = role(0, EventLogModel::TraceJsonRole).toJsonObject();
    QCOMPARE(trace.value(QStringLiteral("kind")).toString(), QStringLiteral("message-out"));
    QCOMPARE(trace.value(QStringLiteral("t")).toInt(), 42);
    QCOMPARE(role(0, EventLogModel::KindNameRole).toString(), QStringLiteral("message-out"));
    QCOMPARE(role(0, EventLogModel::MonotonicMsRole).toLongLong(), 42);
    QCOMPARE(role(0, EventLogModel::WallTimeRole).toDateTime(),
             QDateTime::fromMSecsSinceEpoch(baseWallMs + 42, Qt::UTC));
    QCOMPARE(model.index(0, EventLogModel::SizeColumn).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
}

void tst_EventLogModel::coalescesOnePass()
{
    EventLog log(20000);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(&log);
    ModelSpies spies(&model);

    appendMany(log, 10000);
    // Nothing yet: the appends only queue.
    QCOMPARE(spies.total(), 0);
    QCOMPARE(model.rowCount(), 0);

    QVERIFY(spies.inserted.wait(5000));
    QCOMPARE(spies.inserted.count(), 1);
    QCOMPARE(spies.inserted.first().at(1).toInt(), 0);
    QCOMPARE(spies.inserted.first().at(2).toInt(), 9999);
    QCOMPARE(spies.total(), 1);
    QVERIFY(mirrorsLog(model, log));

    // The next pass is one more insert, after the existing rows.
    appendMany(log, 3);
    QVERIFY(spies.inserted.wait(5000));
    QCOMPARE(spies.inserted.count(), 2);
    QCOMPARE(spies.inserted.last().at(1).toInt(), 10000);
    QCOMPARE(spies.inserted.last().at(2).toInt(), 10002);
    QCOMPARE(spies.total(), 2);
}

void tst_EventLogModel::followsTheRing_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<QList<int>>("passes"); // events appended in each pass of the event loop

    QTest::newRow("below capacity") << 10 << QList<int>{3, 4};
    QTest::newRow("fills exactly") << 10 << QList<int>{6, 4};
    QTest::newRow("one over") << 10 << QList<int>{10, 1};
    QTest::newRow("one at a time past capacity") << 5 << QList<int>{5, 1, 1, 1, 1, 1, 1};
    QTest::newRow("a pass bigger than the ring") << 10 << QList<int>{7, 25};
    QTest::newRow("three rings in one pass") << 1000 << QList<int>{400, 3000, 10};
    QTest::newRow("capacity one") << 1 << QList<int>{1, 1, 4};
}

void tst_EventLogModel::followsTheRing()
{
    QFETCH(int, capacity);
    QFETCH(QList<int>, passes);

    EventLog log(capacity);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(&log);
    ModelSpies spies(&model);

    for (const int count : std::as_const(passes)) {
        spies.clear();
        const int rowsBefore = model.rowCount();
        const qint64 firstBefore = rowsBefore ? model.eventAt(0).seq : 0;
        appendMany(log, count);
        QCOMPARE(spies.total(), 0);

        QTRY_VERIFY(mirrorsLog(model, log));
        // Which rows had to go, and which events are new and still in the ring.
        const qint64 firstKept = log.at(0).seq;
        const int removed = rowsBefore
                                    ? int(std::clamp<qint64>(firstKept - firstBefore, 0, rowsBefore))
                                    : 0;
        const int inserted = log.size() - (rowsBefore - removed);
        QCOMPARE(spies.removed.count(), removed > 0 ? 1 : 0);
        if (removed) {
            QCOMPARE(spies.removed.first().at(1).toInt(), 0);
            QCOMPARE(spies.removed.first().at(2).toInt(), removed - 1);
        }
        QCOMPARE(spies.inserted.count(), 1);
        QCOMPARE(spies.inserted.first().at(1).toInt(), rowsBefore - removed);
        QCOMPARE(spies.inserted.first().at(2).toInt(), rowsBefore - removed + inserted - 1);
        QCOMPARE(spies.total(), spies.removed.count() + 1);
        // The rows read the right events.
        QCOMPARE(model.index(model.rowCount() - 1, EventLogModel::SummaryColumn).data().toString(),
                 QStringLiteral("message %1").arg(count - 1));
    }
    QCOMPARE(model.droppedCount(), log.droppedCount());
}

void tst_EventLogModel::largeLogCostsOneSignalPerPass()
{
    constexpr int capacity = 100000;
    EventLog log(capacity);
    appendMany(log, capacity);
    EventLogModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setLog(&log);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), capacity);
    // No QAbstractItemModelTester here: it walks every row after each signal (O(rows) by
    // design), which would measure the tester. followsTheRing runs it over the same moves.
    ModelSpies spies(&model);

    // With the ring full, every append drops one: the model still does nothing per append, and
    // per pass one removal of the dropped prefix and one insert at the end.
    for (int pass = 1; pass <= 5; ++pass) {
        for (int i = 0; i < 2000; ++i) {
            log.append(textIn(i));
            if (i % 500 == 0)
                QCOMPARE(spies.total(), (pass - 1) * 2);
        }
        QCOMPARE(spies.total(), (pass - 1) * 2);
        QVERIFY(spies.inserted.wait(5000));
        QCOMPARE(spies.removed.count(), pass);
        QCOMPARE(spies.inserted.count(), pass);
        QCOMPARE(spies.removed.last().at(2).toInt(), 1999);
        QCOMPARE(spies.inserted.last().at(1).toInt(), capacity - 2000);
        QCOMPARE(spies.inserted.last().at(2).toInt(), capacity - 1);
        QCOMPARE(spies.total(), pass * 2);
        QCOMPARE(model.rowCount(), capacity);
        QCOMPARE(model.eventAt(0).seq, log.at(0).seq);
        QCOMPARE(model.eventAt(capacity - 1).seq, log.at(capacity - 1).seq);
    }
    QCOMPARE(model.droppedCount(), 10000);
}

void tst_EventLogModel::pauseFreezesRows()
{
    EventLog log(10);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(&log);
    appendMany(log, 5);
    model.flush();
    QCOMPARE(model.rowCount(), 5);

    QSignalSpy pausedChanged(&model, &EventLogModel::pausedChanged);
    QSignalSpy pausedCount(&model, &EventLogModel::pausedCountChanged);
    ModelSpies spies(&model);
    model.setPaused(true);
    QVERIFY(model.isPaused());
    QCOMPARE(pausedChanged.count(), 1);
    QCOMPARE(pausedChanged.first().first().toBool(), true);

    // 8 more: the ring drops 3 of the shown rows, but a paused view does not move.
    appendMany(log, 8);
    QCOMPARE(model.pausedCount(), 8);
    QVERIFY(pausedCount.wait(5000));
    QCOMPARE(pausedCount.count(), 1); // once for the pass, not per event
    QCOMPARE(pausedCount.first().first().toLongLong(), 8);
    QCOMPARE(spies.total(), 0);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.eventAt(0).seq, 1);
    QCOMPARE(model.index(0, EventLogModel::SummaryColumn).data().toString(),
             QStringLiteral("message 0")); // readable, though the log dropped it
    QCOMPARE(log.at(0).seq, 4);

    // Resuming shows at once what the log holds now.
    model.setPaused(false);
    QVERIFY(!model.isPaused());
    QCOMPARE(pausedChanged.count(), 2);
    QVERIFY(mirrorsLog(model, log));
    QCOMPARE(spies.removed.count(), 1);
    QCOMPARE(spies.removed.first().at(2).toInt(), 2); // seqs 1..3
    QCOMPARE(spies.inserted.count(), 1);
    QCOMPARE(spies.inserted.first().at(1).toInt(), 2);
    QCOMPARE(spies.inserted.first().at(2).toInt(), 9);
    QCOMPARE(model.pausedCount(), 0);
    QCOMPARE(pausedCount.last().first().toLongLong(), 0);

    // Following again.
    appendMany(log, 1);
    QVERIFY(spies.inserted.wait(5000));
    QVERIFY(mirrorsLog(model, log));
}

void tst_EventLogModel::pauseShowsWhatCameBefore()
{
    EventLog log;
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(&log);
    appendMany(log, 2);
    // Paused in the same pass: what came before the pause is shown, what comes after is not.
    model.setPaused(true);
    QCOMPARE(model.rowCount(), 2);
    appendMany(log, 3);
    QTRY_COMPARE(model.pausedCount(), 3);
    QCOMPARE(model.rowCount(), 2);
    model.setPaused(false);
    QCOMPARE(model.rowCount(), 5);
}

void tst_EventLogModel::droppedCount()
{
    EventLog log(5);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(&log);
    QSignalSpy dropped(&model, &EventLogModel::droppedCountChanged);
    appendMany(log, 12);
    QVERIFY(dropped.wait(5000));
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.first().first().toLongLong(), 7);
    QCOMPARE(model.droppedCount(), 7);
    appendMany(log, 1);
    QVERIFY(dropped.wait(5000));
    QCOMPARE(model.droppedCount(), 8);
}

void tst_EventLogModel::clearedLog()
{
    EventLog log(5);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(&log);
    appendMany(log, 8);
    QTRY_COMPARE(model.droppedCount(), 3);
    QTRY_COMPARE(model.rowCount(), 5);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    appendMany(log, 2); // pending when the clear comes: gone with it
    log.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.droppedCount(), 0);

    appendMany(log, 7);
    QTRY_COMPARE(model.rowCount(), 5);
    QVERIFY(mirrorsLog(model, log));
    QCOMPARE(model.droppedCount(), 2);
}

void tst_EventLogModel::destroyedLogKeepsRows()
{
    auto log = std::make_unique<EventLog>(10);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(log.get());
    appendMany(*log, 4);
    model.flush();
    appendMany(*log, 2); // still pending: the last events before the end are the interesting ones
    log.reset();
    QCOMPARE(model.log(), nullptr);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.eventAt(5).seq, 6);
    model.flush(); // harmless without a log
    QCOMPARE(model.rowCount(), 6);
}

void tst_EventLogModel::rowOfSeq()
{
    EventLog log(4);
    EventLogModel model;
    model.setLog(&log);
    QCOMPARE(model.rowOfSeq(1), -1);
    appendMany(log, 6);
    model.flush();
    QCOMPARE(model.rowOfSeq(1), -1); // dropped
    QCOMPARE(model.rowOfSeq(3), 0);
    QCOMPARE(model.rowOfSeq(6), 3);
    QCOMPARE(model.rowOfSeq(7), -1);
}

QTEST_GUILESS_MAIN(tst_EventLogModel)
#include "tst_eventlogmodel.moc"
