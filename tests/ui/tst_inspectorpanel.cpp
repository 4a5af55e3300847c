// The connection inspector on the offscreen platform, following a real ConnectionManager on
// 127.0.0.1: a standalone InspectorPanel against an echo QWebSocketServer, and the one in
// MainWindow against the room it hosts (for the cross-links with the chat). The panel is driven
// through its widgets (found by accessible name or text) and observed through its models.
//
// Every wait is on a condition (QTRY_*, QTest::qWaitFor, QSignalSpy::wait); nothing sleeps.
// Settings and outboxes live in private temporary locations.

#include "httpconnectproxy.h"
#include "richclient.h"

#include "appsettings.h"
#include "chatview.h"
#include "closecodedialog.h"
#include "composeedit.h"
#include "inspectorpanel.h"
#include "mainwindow.h"
#include "peersview.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/connectionmanager.h"
#include "client/messagemodel.h"
#include "inspector/connectionhealth.h"
#include "inspector/eventlogmodel.h"
#include "inspector/framefilter.h"
#include "inspector/statetimeline.h"
#include "inspector/tracewriter.h"
#include "protocol/protocol.h"
#include "server/peermodel.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"
#include "server/roomserver.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;
using State = ConnectionStateMachine::State;
using Kind = ConnectionEvent::Kind;

enum Tab { TimelineTab, HandshakeTab, FramesTab, HealthTab };

/// Accepts every upgrade and sends every text message back to its sender.
class EchoServer : public QObject
{
public:
    EchoServer()
        : m_server(u"tst_inspectorpanel"_s, QWebSocketServer::NonSecureMode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QWebSocket::textMessageReceived, socket,
                        [socket](const QString &text) { socket->sendTextMessage(text); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server.serverPort())); }

private:
    QWebSocketServer m_server;
};

/// A panel following a manager connected to an echo server. Destroyed panel first.
struct Rig
{
    EchoServer server;
    ConnectionManager manager;
    InspectorPanel panel;

    /// Listens, shows the panel following the manager, opens (through \a proxy) and waits for
    /// Open.
    bool start(const ProxySetting &proxy = {})
    {
        if (!server.listen())
            return false;
        panel.setConnection(&manager);
        panel.resize(900, 700);
        panel.show();
        if (!QTest::qWaitForWindowExposed(&panel))
            return false;
        ConnectionManager::Options options;
        options.url = server.url();
        options.pingIntervalMs = 0;
        options.backoff.initialMs = 50;
        options.backoff.maxMs = 200;
        options.proxy = proxy;
        if (!manager.open(options))
            return false;
        return QTest::qWaitFor([this] { return manager.state() == State::Open; }, waitMs);
    }
};

template<typename T>
T *byAccessibleName(const QWidget *root, const QString &name)
{
    const auto widgets = root->findChildren<T *>();
    for (T *w : widgets) {
        if (w->accessibleName() == name)
            return w;
    }
    return nullptr;
}

template<typename T>
T *buttonWithText(const QWidget *root, const QString &text)
{
    const auto buttons = root->findChildren<T *>();
    for (T *b : buttons) {
        if (b->text().remove(u'&') == text)
            return b;
    }
    return nullptr;
}

/// The Frames tab's status line: it always ends in "N of M shown".
QLabel *filterStatus(const InspectorPanel &panel)
{
    const auto labels = panel.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->text().endsWith(u" shown"_s))
            return label;
    }
    return nullptr;
}

QString badgeText(const InspectorPanel &panel)
{
    // The badge says its state in words through its accessible name.
    const auto widgets = panel.findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        if (w->accessibleName().startsWith(u"Connection: "_s))
            return w->accessibleName();
    }
    return {};
}

/// The row of \a model (the event model or the filter over it) of \a kind whose preview is
/// \a preview, or -1.
int rowOfMessage(const QAbstractItemModel *model, Kind kind, const QString &preview)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex i = model->index(row, 0);
        if (Kind(i.data(EventLogModel::KindRole).toInt()) == kind
            && i.data(EventLogModel::PreviewRole).toString() == preview) {
            return row;
        }
    }
    return -1;
}

/// Sends \a text and waits until the table shows both it and the echo.
bool sendAndSeeEcho(Rig &rig, const QString &text)
{
    if (rig.manager.sendText(text) < 0)
        return false;
    const QAbstractItemModel *model = rig.panel.eventModel();
    return QTest::qWaitFor(
            [&] {
                return rowOfMessage(model, Kind::MessageOut, text) >= 0
                       && rowOfMessage(model, Kind::MessageIn, text) >= 0;
            },
            waitMs);
}

/// Every row of the filtered table has \a direction.
bool allRowsGo(const FrameFilter *filter, EventLogModel::Direction direction)
{
    for (int row = 0; row < filter->rowCount(); ++row) {
        if (EventLogModel::Direction(
                    filter->index(row, 0).data(EventLogModel::DirectionRole).toInt())
            != direction) {
            return false;
        }
    }
    return true;
}

int rowsOfKind(const QAbstractItemModel *model, Kind kind)
{
    int n = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        n += Kind(model->index(row, 0).data(EventLogModel::KindRole).toInt()) == kind;
    return n;
}

/// The newest row of \a model of \a kind whose preview is a JSON object with this "id", or -1.
int rowCarrying(const QAbstractItemModel *model, Kind kind, const QString &id)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex i = model->index(row, 0);
        if (Kind(i.data(EventLogModel::KindRole).toInt()) != kind)
            continue;
        const QJsonObject o = QJsonDocument::fromJson(
                                      i.data(EventLogModel::PreviewRole).toString().toUtf8())
                                      .object();
        if (o.value(u"id"_s).toString() == id)
            return row;
    }
    return -1;
}

int chatRowOf(const QAbstractItemModel *model, ChatLine::Kind kind, const QString &text)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex i = model->index(row, 0);
        if (ChatLine::Kind(i.data(MessageModel::KindRole).toInt()) == kind
            && i.data(MessageModel::TextRole).toString() == text) {
            return row;
        }
    }
    return -1;
}

} // namespace

class tst_InspectorPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void badgeAndTimelineFollowTheConnection();
    void sentAndReceivedMessagesAreRows();
    void statusCountsFollowAStreamOfFrames();
    void directionAndSearchFilterTheTable();
    void invalidRegexShowsAnErrorAndDoesNotFilter();
    void pauseHoldsNewRowsUntilResume();
    void clearEmptiesTheTableButKeepsTheLog();
    void selectingAJsonFrameShowsItPretty();
    void acceptCalculatorAnswersTheRfcExample();
    void handshakeTabShowsTheRoute();
    void exportWritesOneJsonLinePerEvent();
    void pingButtonGetsAPongWhileOpen();
    void chatAndFramesSelectEachOtherInTheWindow();
    void hostingViewListsPeersPingsAndKicks();
    void closeCodeDialogRefusesWhatCannotBeSent_data();
    void closeCodeDialogRefusesWhatCannotBeSent();
    void kickedClientSaysWhyAndStaysClosed();

private:
    QTemporaryDir m_home;
};

void tst_InspectorPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_home.isValid());
    QCoreApplication::setOrganizationName(u"ParlorTests"_s);
    QCoreApplication::setApplicationName(u"tst_inspectorpanel"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
    QVERIFY(QSettings().fileName().startsWith(m_home.path()));
}

void tst_InspectorPanel::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(data.contains(u".qttest"_s));
    QDir(data + u"/outbox"_s).removeRecursively();
}

void tst_InspectorPanel::cleanupTestCase()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

void tst_InspectorPanel::badgeAndTimelineFollowTheConnection()
{
    Rig rig;
    QCOMPARE(badgeText(rig.panel), u"Connection: CLOSED"_s);
    auto *timelineView = byAccessibleName<QListView>(&rig.panel, u"State timeline"_s);
    QVERIFY(timelineView);
    QCOMPARE(timelineView->model(), rig.panel.timeline());
    QCOMPARE(rig.panel.timeline()->rowCount(), 0);

    QVERIFY(rig.start());
    QTRY_COMPARE_WITH_TIMEOUT(badgeText(rig.panel), u"Connection: OPEN"_s, waitMs);
    const StateTimeline *timeline = rig.panel.timeline();
    QTRY_COMPARE_WITH_TIMEOUT(timeline->rowCount(), 2, waitMs);
    QCOMPARE(timeline->index(0).data(StateTimeline::FromStateRole).value<State>(), State::Closed);
    QCOMPARE(timeline->index(0).data(StateTimeline::StateRole).value<State>(), State::Connecting);
    QCOMPARE(timeline->index(1).data(StateTimeline::StateRole).value<State>(), State::Open);
    QVERIFY(timeline->index(1).data(StateTimeline::IsCurrentRole).toBool());

    // A user close: Closing, then Closed, with the code in words next to the badge.
    rig.manager.close(1000, u"done here"_s);
    QTRY_COMPARE_WITH_TIMEOUT(badgeText(rig.panel), u"Connection: CLOSED"_s, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(timeline->rowCount(), 4, waitMs);
    QCOMPARE(timeline->index(2).data(StateTimeline::StateRole).value<State>(), State::Closing);
    QCOMPARE(timeline->index(3).data(StateTimeline::StateRole).value<State>(), State::Closed);
    QCOMPARE(timeline->index(3).data(StateTimeline::CodeRole).toInt(), 1000);
    bool codeShown = false;
    const auto labels = rig.panel.findChildren<QLabel *>();
    for (const QLabel *label : labels)
        codeShown = codeShown || label->text().startsWith(u"1000 Normal Closure"_s);
    QVERIFY2(codeShown, "no label says 1000 Normal Closure");
}

void tst_InspectorPanel::statusCountsFollowAStreamOfFrames()
{
    // Frames every 20 ms, for longer than the status line's 100 ms refresh: its counts must
    // move while the stream goes on, not only once it stops.
    Rig rig;
    QVERIFY(rig.start());
    rig.panel.tabs()->setCurrentIndex(FramesTab);
    QLabel *status = filterStatus(rig.panel);
    QVERIFY(status);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().endsWith(u"4 of 4 shown"_s), waitMs);
    int sent = 0;
    constexpr int total = 60;
    QTimer sender;
    sender.setInterval(20);
    connect(&sender, &QTimer::timeout, this, [&] {
        if (sent < total)
            rig.manager.sendText(u"tick %1"_s.arg(++sent));
        else
            sender.stop();
    });
    sender.start();
    QSignalSpy tick(&sender, &QTimer::timeout);
    // Wait tick by tick until the status shows more than the first rows, or the stream ends.
    while (status->text().endsWith(u"4 of 4 shown"_s) && sender.isActive())
        QVERIFY(tick.wait(waitMs));
    QVERIFY2(sender.isActive(),
             qPrintable(u"the status stayed at \"%1\" for all %2 frames"_s.arg(status->text())
                                .arg(total)));
    sender.stop();
}

void tst_InspectorPanel::sentAndReceivedMessagesAreRows()
{
    Rig rig;
    QVERIFY(rig.start());
    rig.panel.tabs()->setCurrentIndex(FramesTab);
    QCOMPARE(rig.panel.frameView()->model(), rig.panel.frameFilter());
    const QAbstractItemModel *table = rig.panel.frameView()->model();
    // The table catches up with the log: the states and the handshake so far.
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), rig.manager.eventLog()->size(), waitMs);
    QCOMPARE(table->rowCount(), 4);
    const int before = table->rowCount();
    QCOMPARE(rowsOfKind(table, Kind::MessageOut), 0);

    QVERIFY(sendAndSeeEcho(rig, u"alpha one"_s));
    QVERIFY(sendAndSeeEcho(rig, u"beta two"_s));
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), before + 4, waitMs);
    QCOMPARE(rowsOfKind(table, Kind::MessageOut), 2);
    QCOMPARE(rowsOfKind(table, Kind::MessageIn), 2);
    const int out = rowOfMessage(table, Kind::MessageOut, u"alpha one"_s);
    QVERIFY(out >= 0);
    QCOMPARE(table->index(out, EventLogModel::SizeColumn).data(EventLogModel::SizeRole).toLongLong(),
             qint64(9));
    QVERIFY(table->index(out, EventLogModel::SummaryColumn).data().toString().contains(u"alpha one"));
    // The status line counts them.
    QLabel *status = filterStatus(rig.panel);
    QVERIFY(status);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(),
                              u"%1 of %1 shown"_s.arg(rig.panel.eventModel()->rowCount()), waitMs);
}

void tst_InspectorPanel::directionAndSearchFilterTheTable()
{
    Rig rig;
    QVERIFY(rig.start());
    rig.panel.tabs()->setCurrentIndex(FramesTab);
    QVERIFY(sendAndSeeEcho(rig, u"alpha one"_s));
    QVERIFY(sendAndSeeEcho(rig, u"beta two"_s));
    QVERIFY(sendAndSeeEcho(rig, u"gamma three"_s));
    const FrameFilter *filter = rig.panel.frameFilter();
    const int all = rig.panel.eventModel()->rowCount();
    QCOMPARE(filter->rowCount(), all);

    auto *direction = byAccessibleName<QComboBox>(&rig.panel, u"Direction"_s);
    QVERIFY(direction);
    const int sent = direction->findText(u"↑ Sent"_s);
    const int received = direction->findText(u"↓ Received"_s);
    QVERIFY(sent >= 0 && received >= 0);

    // Sent: the upgrade request and the three messages.
    direction->setCurrentIndex(sent);
    QCOMPARE(filter->rowCount(), 4);
    QVERIFY(allRowsGo(filter, EventLogModel::Direction::Out));
    // Received: the 101 and the three echoes.
    direction->setCurrentIndex(received);
    QCOMPARE(filter->rowCount(), 4);
    QVERIFY(allRowsGo(filter, EventLogModel::Direction::In));
    QCOMPARE(rowsOfKind(filter, Kind::MessageIn), 3);
    QLabel *status = filterStatus(rig.panel);
    QVERIFY(status);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), u"4 of %1 shown"_s.arg(all), waitMs);

    // Search within the direction, then in both directions.
    auto *search = byAccessibleName<QLineEdit>(&rig.panel, u"Filter text"_s);
    QVERIFY(search);
    QTest::keyClicks(search, u"BETA"_s); // case-insensitive
    QCOMPARE(filter->rowCount(), 1);
    QVERIFY(rowOfMessage(filter, Kind::MessageIn, u"beta two"_s) >= 0);
    direction->setCurrentIndex(direction->findText(u"Both ways"_s));
    QCOMPARE(filter->rowCount(), 2);
    QVERIFY(rowOfMessage(filter, Kind::MessageOut, u"beta two"_s) >= 0);
    QVERIFY(rowOfMessage(filter, Kind::MessageIn, u"beta two"_s) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), u"2 of %1 shown"_s.arg(all), waitMs);

    search->clear();
    QCOMPARE(filter->rowCount(), all);
}

void tst_InspectorPanel::invalidRegexShowsAnErrorAndDoesNotFilter()
{
    Rig rig;
    QVERIFY(rig.start());
    rig.panel.tabs()->setCurrentIndex(FramesTab);
    QVERIFY(sendAndSeeEcho(rig, u"alpha one"_s));
    QVERIFY(sendAndSeeEcho(rig, u"beta two"_s));
    const FrameFilter *filter = rig.panel.frameFilter();
    const int all = rig.panel.eventModel()->rowCount();

    auto *regex = buttonWithText<QCheckBox>(&rig.panel, u"Regex"_s);
    auto *search = byAccessibleName<QLineEdit>(&rig.panel, u"Filter text"_s);
    QLabel *status = filterStatus(rig.panel);
    QVERIFY(regex && search && status);
    QTest::mouseClick(regex, Qt::LeftButton);
    QVERIFY(regex->isChecked());
    QCOMPARE(filter->searchMode(), FrameFilter::SearchMode::RegularExpression);

    QTest::keyClicks(search, u"("_s);
    QVERIFY(!filter->isSearchValid());
    QVERIFY(!filter->searchError().isEmpty());
    QCOMPARE(filter->rowCount(), all); // nothing filtered
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(filter->searchError()), waitMs);
    QVERIFY(status->text().endsWith(u"%1 of %1 shown"_s.arg(all)));

    // A valid expression filters again, and the error goes away.
    search->clear();
    QTest::keyClicks(search, u"^(alpha|beta) "_s);
    QVERIFY(filter->isSearchValid());
    QCOMPARE(filter->rowCount(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), u"4 of %1 shown"_s.arg(all), waitMs);
}

void tst_InspectorPanel::pauseHoldsNewRowsUntilResume()
{
    Rig rig;
    QVERIFY(rig.start());
    rig.panel.tabs()->setCurrentIndex(FramesTab);
    QVERIFY(sendAndSeeEcho(rig, u"before the pause"_s));
    const EventLogModel *events = rig.panel.eventModel();
    const QAbstractItemModel *table = rig.panel.frameView()->model();
    const int rows = table->rowCount();
    const int logged = rig.manager.eventLog()->size();

    auto *pause = buttonWithText<QPushButton>(&rig.panel, u"Pause"_s);
    QLabel *status = filterStatus(rig.panel);
    QVERIFY(pause && status);
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(events->isPaused());
    QCOMPARE(pause->text(), u"Resume"_s);

    QVERIFY(rig.manager.sendText(u"while paused"_s) >= 0);
    // Both the message and its echo are in the log and counted, but not in the table.
    QTRY_COMPARE_WITH_TIMEOUT(rig.manager.eventLog()->size(), logged + 2, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(events->pausedCount(), qint64(2), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"paused: 2 new events not shown"_s), waitMs);
    QCOMPARE(table->rowCount(), rows);
    QCOMPARE(rowOfMessage(table, Kind::MessageOut, u"while paused"_s), -1);
    QCOMPARE(rowOfMessage(table, Kind::MessageIn, u"while paused"_s), -1);

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!events->isPaused());
    QCOMPARE(pause->text(), u"Pause"_s);
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), rows + 2, waitMs);
    QVERIFY(rowOfMessage(table, Kind::MessageOut, u"while paused"_s) >= 0);
    QVERIFY(rowOfMessage(table, Kind::MessageIn, u"while paused"_s) >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(!status->text().contains(u"paused"_s), waitMs);
}

void tst_InspectorPanel::clearEmptiesTheTableButKeepsTheLog()
{
    Rig rig;
    QVERIFY(rig.start());
    rig.panel.tabs()->setCurrentIndex(FramesTab);
    QVERIFY(sendAndSeeEcho(rig, u"before clear"_s));
    const QAbstractItemModel *table = rig.panel.frameView()->model();
    QVERIFY(table->rowCount() > 0);
    const int logged = rig.manager.eventLog()->size();
    const int timelineRows = rig.panel.timeline()->rowCount();

    auto *clear = buttonWithText<QPushButton>(&rig.panel, u"Clear"_s);
    QVERIFY(clear);
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(table->rowCount(), 0);
    // The connection's own record is untouched: timeline, counters and an export keep it all.
    QCOMPARE(rig.manager.eventLog()->size(), logged);
    QCOMPARE(rig.panel.timeline()->rowCount(), timelineRows);
    QVERIFY(rig.panel.health()->messagesOut() >= 1);

    // New frames show again after the clear.
    QVERIFY(sendAndSeeEcho(rig, u"after clear"_s));
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, waitMs);
    QCOMPARE(rowOfMessage(table, Kind::MessageOut, u"before clear"_s), -1);
    QVERIFY(rowOfMessage(table, Kind::MessageOut, u"after clear"_s) >= 0);
}

void tst_InspectorPanel::selectingAJsonFrameShowsItPretty()
{
    Rig rig;
    QVERIFY(rig.start());
    rig.panel.tabs()->setCurrentIndex(FramesTab);
    const QString json = uR"({"id":"m-42","text":"hi there","type":"say"})"_s;
    QVERIFY(sendAndSeeEcho(rig, json));
    QVERIFY(sendAndSeeEcho(rig, u"not json"_s));

    auto *details = byAccessibleName<QPlainTextEdit>(&rig.panel, u"Frame details"_s);
    QVERIFY(details);
    QVERIFY(details->toPlainText().isEmpty());
    QSignalSpy selected(&rig.panel, &InspectorPanel::messageSelected);

    QTableView *view = rig.panel.frameView();
    const int row = rowOfMessage(view->model(), Kind::MessageIn, json);
    QVERIFY(row >= 0);
    view->selectRow(row);
    const QString expected = QString::fromUtf8(
            QJsonDocument::fromJson(json.toUtf8()).toJson(QJsonDocument::Indented));
    QCOMPARE(details->toPlainText().trimmed(), expected.trimmed());
    QVERIFY(details->toPlainText().contains(u"\n    \"text\": \"hi there\""_s));
    // The frame carried a chat message id: the chat is told.
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toString(), u"m-42"_s);

    // A text frame that is not JSON shows its event, and names no message.
    const int plain = rowOfMessage(view->model(), Kind::MessageOut, u"not json"_s);
    QVERIFY(plain >= 0);
    view->selectRow(plain);
    QVERIFY(details->toPlainText().contains(u"not json"_s));
    QVERIFY(!details->toPlainText().contains(u"hi there"_s));
    QCOMPARE(selected.size(), 1);
}

void tst_InspectorPanel::acceptCalculatorAnswersTheRfcExample()
{
    InspectorPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.tabs()->setCurrentIndex(HandshakeTab);
    auto *key = byAccessibleName<QLineEdit>(&panel, u"Sec-WebSocket-Key"_s);
    auto *accept = byAccessibleName<QLabel>(&panel, u"Sec-WebSocket-Accept"_s);
    QVERIFY(key && accept);
    const QString hint = accept->text();
    QVERIFY(!hint.isEmpty());

    // RFC 6455 section 1.3.
    QTest::keyClicks(key, u"dGhlIHNhbXBsZSBub25jZQ=="_s);
    QCOMPARE(accept->text(), u"s3pPLMBiTxaQ9kYGzzhZRbK+xOo="_s);
    key->clear();
    QCOMPARE(accept->text(), hint);
}

void tst_InspectorPanel::handshakeTabShowsTheRoute()
{
    // Straight to the server: "direct".
    {
        Rig rig;
        QVERIFY(rig.start());
        rig.panel.tabs()->setCurrentIndex(HandshakeTab);
        auto *handshake = byAccessibleName<QTextBrowser>(&rig.panel, u"Handshake"_s);
        QVERIFY(handshake);
        QTRY_VERIFY2(handshake->toPlainText().contains(u"Route"_s),
                     qPrintable(handshake->toPlainText()));
        QVERIFY(handshake->toPlainText().contains(u"direct"_s));
    }
    // Through an HTTP proxy on loopback: which one.
    HttpConnectProxy proxy;
    QVERIFY(proxy.listen());
    ProxySetting setting;
    QVERIFY(ProxySetting::parse(u"http://127.0.0.1:%1"_s.arg(proxy.port()), &setting));
    Rig rig;
    QVERIFY(rig.start(setting));
    QCOMPARE(proxy.tunnels(), 1);
    rig.panel.tabs()->setCurrentIndex(HandshakeTab);
    auto *handshake = byAccessibleName<QTextBrowser>(&rig.panel, u"Handshake"_s);
    QVERIFY(handshake);
    const QString route = u"via HTTP proxy 127.0.0.1:%1"_s.arg(proxy.port());
    QTRY_VERIFY2(handshake->toPlainText().contains(route), qPrintable(handshake->toPlainText()));
}

void tst_InspectorPanel::exportWritesOneJsonLinePerEvent()
{
    Rig rig;
    QVERIFY(rig.start());
    QVERIFY(sendAndSeeEcho(rig, uR"({"type":"say","id":"e-1","text":"for the trace"})"_s));
    const EventLog *log = rig.manager.eventLog();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fileName = dir.filePath(u"session.jsonl"_s);
    QString error;
    QVERIFY2(rig.panel.exportTrace(fileName, &error), qPrintable(error));

    QFile file(fileName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.constLast(), QByteArray()); // every line ends in '\n'
    QCOMPARE(lines.size() - 1, log->size());
    QVERIFY(log->size() >= 6); // two states, two handshakes, a message out and its echo
    for (int i = 0; i < log->size(); ++i) {
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(lines.at(i), &parse);
        QVERIFY2(parse.error == QJsonParseError::NoError && doc.isObject(), lines.at(i));
        QCOMPARE(doc.object().value(u"seq"_s).toInteger(), log->at(i).seq);
        QCOMPARE(doc.object().value(u"kind"_s).toString(),
                 ConnectionEvent::kindName(log->at(i).kind));
        QCOMPARE(lines.at(i) + '\n', TraceWriter::toLine(log->at(i)));
    }

    // A file that cannot be written says why.
    error.clear();
    QVERIFY(!rig.panel.exportTrace(dir.filePath(u"missing/dir/session.jsonl"_s), &error));
    QVERIFY(!error.isEmpty());
}

void tst_InspectorPanel::pingButtonGetsAPongWhileOpen()
{
    Rig rig;
    auto *ping = buttonWithText<QPushButton>(&rig.panel, u"Ping"_s);
    QVERIFY(ping);
    QVERIFY(!ping->isEnabled()); // no connection
    QVERIFY(rig.start());
    QTRY_VERIFY_WITH_TIMEOUT(ping->isEnabled(), waitMs);
    const ConnectionHealth *health = rig.panel.health();
    QCOMPARE(health->pongs(), qint64(0));

    QTest::mouseClick(ping, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(health->pongs(), qint64(1), waitMs);
    QCOMPARE(health->pings(), qint64(1));
    QTRY_VERIFY_WITH_TIMEOUT(health->rttMs() >= 0, waitMs);

    rig.manager.close();
    QTRY_VERIFY_WITH_TIMEOUT(!ping->isEnabled(), waitMs);
}

void tst_InspectorPanel::chatAndFramesSelectEachOtherInTheWindow()
{
    AppSettings().setNick(u"mina"_s);
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    InspectorPanel *inspector = window.inspector();
    QVERIFY(inspector);
    QVERIFY(!inspector->isVisible());
    // Ctrl+I shows the inspector.
    QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(inspector->isVisible(), waitMs);

    RoomConfig config;
    config.roomName = u"Inspected room"_s;
    config.messagesPerSecond = 1000;
    window.hostRoom(config, QHostAddress::LocalHost, 0);
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
    QCOMPARE(badgeText(*inspector), u"Connection: OPEN"_s);

    // Two chat messages: mine and a peer's.
    QTest::keyClicks(window.compose(), u"mine to find"_s);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    RichClient peer;
    QVERIFY(!peer.join(QUrl(u"ws://127.0.0.1:%1"_s.arg(window.host()->port())), u"pia"_s).isEmpty());
    peer.say(u"peer-msg-1"_s, u"theirs to find"_s);
    const QAbstractItemModel *chat = window.chatView()->model();
    QTRY_VERIFY_WITH_TIMEOUT(chatRowOf(chat, ChatLine::Kind::Chat, u"theirs to find"_s) >= 0,
                             waitMs);
    const int mine = chatRowOf(chat, ChatLine::Kind::Own, u"mine to find"_s);
    QVERIFY(mine >= 0);
    const QString myId = chat->index(mine, 0).data(MessageModel::IdRole).toString();
    QVERIFY(!myId.isEmpty());
    // The frames of both messages are in the table.
    QTRY_VERIFY_WITH_TIMEOUT(rowCarrying(inspector->frameFilter(), Kind::MessageIn, myId) >= 0
                                     && rowCarrying(inspector->frameFilter(), Kind::MessageIn,
                                                    u"peer-msg-1"_s)
                                                >= 0,
                             waitMs);

    // Chat -> frames: selecting my message selects the frame that carried it.
    QTableView *frames = inspector->frameView();
    frames->clearSelection();
    frames->setCurrentIndex({});
    window.chatView()->setCurrentIndex(chat->index(mine, 0));
    QTRY_VERIFY_WITH_TIMEOUT(frames->currentIndex().isValid(), waitMs);
    const QJsonObject carried
            = QJsonDocument::fromJson(
                      frames->currentIndex().data(EventLogModel::PreviewRole).toString().toUtf8())
                      .object();
    QCOMPARE(carried.value(u"id"_s).toString(), myId);
    QCOMPARE(carried.value(u"text"_s).toString(), u"mine to find"_s);

    // Frames -> chat: selecting the peer's frame selects the peer's message.
    QSignalSpy selected(inspector, &InspectorPanel::messageSelected);
    const int peerFrame = rowCarrying(frames->model(), Kind::MessageIn, u"peer-msg-1"_s);
    QVERIFY(peerFrame >= 0);
    frames->selectRow(peerFrame);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toString(), u"peer-msg-1"_s);
    const int theirs = chatRowOf(chat, ChatLine::Kind::Chat, u"theirs to find"_s);
    QCOMPARE(window.chatView()->currentIndex().row(), theirs);
    QCOMPARE(window.chatView()->currentIndex().data(MessageModel::IdRole).toString(),
             u"peer-msg-1"_s);
}

void tst_InspectorPanel::hostingViewListsPeersPingsAndKicks()
{
    AppSettings().setNick(u"mina"_s);
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    InspectorPanel *inspector = window.inspector();
    inspector->show();
    PeersView *peers = inspector->peersView();
    // Not hosting: no Peers tab.
    QCOMPARE(inspector->tabs()->indexOf(peers), -1);

    RoomConfig config;
    config.roomName = u"Hosted room"_s;
    // The browser below comes from a page of the LAN's own (rooms take other pages only when
    // told to).
    config.allowedOrigins = {u"http://lan.example"_s};
    window.hostRoom(config, QHostAddress::LocalHost, 0);
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
    const int tab = inspector->tabs()->indexOf(peers);
    QVERIFY(tab >= 0);
    const QUrl url(u"ws://127.0.0.1:%1"_s.arg(window.host()->port()));

    RichClient pia, browser;
    QVERIFY(!pia.join(url, u"pia"_s).isEmpty());
    browser.open(url, {u"chatting"_s}, u"http://lan.example"_s);
    QVERIFY(browser.waitConnected());
    const PeerModel *model = peers->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, waitMs);
    QCOMPARE(inspector->tabs()->tabText(tab), u"Peers (3)"_s);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(model->peerAt(2).id) == 2 && model->peerAt(2).joined,
                             waitMs);
    QCOMPARE(model->peerAt(0).nick, u"mina"_s); // the host's own connection comes first
    QCOMPARE(model->peerAt(1).nick, u"pia"_s);
    QCOMPARE(model->peerAt(1).port, pia.socket().localPort());
    QCOMPARE(model->peerAt(2).origin, u"http://lan.example"_s);
    QCOMPARE(model->peerAt(2).subprotocol, u"chatting"_s);

    // Nothing selected: nothing to ping or kick.
    QPushButton *ping = buttonWithText<QPushButton>(peers, u"Ping Peer"_s);
    QPushButton *kick = buttonWithText<QPushButton>(peers, u"Kick Peer…"_s);
    QVERIFY(ping && kick);
    QVERIFY(!ping->isEnabled());
    QVERIFY(!kick->isEnabled());

    inspector->tabs()->setCurrentIndex(tab);
    QTableView *table = peers->tableView();
    table->selectRow(1);
    const int piaId = model->peerAt(1).id;
    QCOMPARE(peers->selectedPeerId(), piaId);
    QVERIFY(ping->isEnabled());
    QCOMPARE(model->peerAt(1).lastRttMs, -1);
    ping->click();
    QTRY_VERIFY_WITH_TIMEOUT(model->peerAt(1).lastRttMs >= 0, waitMs);

    // Kick: the dialog proposes 4002 and a reason; the host changes the reason.
    int proposedCode = 0;
    QString proposedReason;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<CloseCodeDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        proposedCode = dialog->code();
        proposedReason = dialog->reason();
        dialog->setReason(u"bye pia"_s);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    kick->click();
    QCOMPARE(proposedCode, CloseCode::Kicked);
    QCOMPARE(proposedReason, u"removed by the host"_s);
    QVERIFY(pia.waitDisconnected(waitMs));
    QCOMPARE(pia.closeCode(), CloseCode::Kicked);
    QCOMPARE(pia.closeReason(), u"bye pia"_s);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, waitMs);
    QCOMPARE(inspector->tabs()->tabText(inspector->tabs()->indexOf(peers)), u"Peers (2)"_s);
    QVERIFY(peers->selectedPeerId() != piaId); // the selected row went with the peer
    // The host's chat says pia left (the room's leave event, reason "kicked").
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const MessageModel *chat = window.session()->messages();
                for (int row = 0; row < chat->rowCount(); ++row) {
                    const ChatLine &line = chat->line(row);
                    if (line.event == ChatLine::Event::Leave && line.sender == u"pia"_s)
                        return true;
                }
                return false;
            }(),
            waitMs);

    // Stopping the room takes the tab away.
    window.stopHosting();
    QTRY_COMPARE_WITH_TIMEOUT(inspector->tabs()->indexOf(peers), -1, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, waitMs); // emptied once the room stopped
}

void tst_InspectorPanel::closeCodeDialogRefusesWhatCannotBeSent_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("acceptable");
    QTest::addColumn<QString>("shown");

    QTest::newRow("1000") << 1000 << u"bye"_s << true << u"Normal Closure"_s;
    QTest::newRow("4002") << 4002 << u"off topic"_s << true << u"Application"_s;
    QTest::newRow("1005 local only") << 1005 << QString() << false << u"may not be sent"_s;
    QTest::newRow("1006 local only") << 1006 << QString() << false << u"may not be sent"_s;
    QTest::newRow("999") << 999 << QString() << false << u"may not be sent"_s;
    QTest::newRow("5000") << 5000 << QString() << false << u"may not be sent"_s;
    QTest::newRow("1013 Qt 6.4 warning")
            << 1013 << QString() << true << u"report this code as 1002"_s;
    QTest::newRow("123 bytes fit") << 1000 << QString(123, u'x') << true << u"Normal Closure"_s;
    QTest::newRow("124 bytes do not") << 1000 << QString(124, u'x') << false << u"Normal Closure"_s;
    // 41 Korean syllables are 123 bytes; 42 are 126.
    QTest::newRow("41 syllables") << 1000 << QString(41, QChar(0xD55C)) << true << QString();
    QTest::newRow("42 syllables") << 1000 << QString(42, QChar(0xD55C)) << false << QString();
}

void tst_InspectorPanel::closeCodeDialogRefusesWhatCannotBeSent()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(bool, acceptable);
    QFETCH(QString, shown);

    CloseCodeDialog dialog;
    dialog.setCode(code);
    dialog.setReason(reason);
    QCOMPARE(dialog.isAcceptable(), acceptable);
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QCOMPARE(ok->isEnabled(), acceptable);
    bool found = shown.isEmpty();
    const auto labels = dialog.findChildren<QLabel *>();
    for (const QLabel *label : labels)
        found = found || label->text().contains(shown);
    QVERIFY2(found, qPrintable(u"no label says \"%1\""_s.arg(shown)));
    // Accepting what cannot be sent does nothing.
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    emit dialog.findChild<QDialogButtonBox *>()->accepted();
    QCOMPARE(accepted.count(), acceptable ? 1 : 0);
}

void tst_InspectorPanel::kickedClientSaysWhyAndStaysClosed()
{
    RoomServer room(RoomConfig{});
    QVERIFY(room.listen(QHostAddress::LocalHost, 0));
    AppSettings().setNick(u"pia"_s);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.joinRoom(QUrl(u"ws://127.0.0.1:%1"_s.arg(room.port())), u"pia"_s, {u"parlor.v1"_s});
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
    QCOMPARE(room.peers().size(), 1);

    QVERIFY(room.kick(room.peers().first().id, CloseCode::Kicked, u"too loud"_s));
    const ConnectionManager *connection = window.session()->connection();
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), State::Closed, waitMs);
    QCOMPARE(connection->lastClose().code, CloseCode::Kicked);
    QVERIFY(!connection->isReconnectScheduled());
    const MessageModel *chat = window.session()->messages();
    QTRY_VERIFY_WITH_TIMEOUT(chatRowOf(chat, ChatLine::Kind::Error,
                                       u"The room's host removed you from the room: “too loud”."_s)
                                     >= 0,
                             waitMs);
}

QTEST_MAIN(tst_InspectorPanel)
#include "tst_inspectorpanel.moc"
