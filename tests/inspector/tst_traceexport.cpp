// The trace export against real sockets on 127.0.0.1 (docs/TRACE.md). A ConnectionManager is
// dropped twice by its server and reconnects; the trace written the way the inspector's Export
// and parlor-cli --trace write it (TraceWriter::toLine for each event of the log) must hold
// exactly the transitions the manager announced, in order. And no secret reaches the file.
//
// Every wait is on a condition (QTRY_*); nothing sleeps.

#include "client/chatsession.h"
#include "client/connectionmanager.h"
#include "client/eventlog.h"
#include "inspector/tracewriter.h"
#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMetaEnum>
#include <QPair>
#include <QPointer>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;
constexpr int backoffInitialMs = 50;
constexpr int backoffMaxMs = 200;

using State = ConnectionStateMachine::State;
using Transition = QPair<QString, QString>; // (from, to)

QString stateName(State state)
{
    return QString::fromLatin1(QMetaEnum::fromType<State>().valueToKey(int(state)));
}

/// A server that accepts every upgrade and keeps the connections, so the test can drop them.
class DroppingServer : public QObject
{
public:
    DroppingServer()
        : m_server(u"tst_traceexport"_s, QWebSocketServer::NonSecureMode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                m_sockets.append(socket);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server.serverPort())); }
    int accepted() const { return int(m_sockets.size()); }

    /// Drops the newest connection without a close frame (a lost network, as the client sees it).
    bool dropNewest()
    {
        if (m_sockets.isEmpty() || !m_sockets.constLast())
            return false;
        m_sockets.constLast()->abort();
        return true;
    }

private:
    QWebSocketServer m_server;
    QList<QPointer<QWebSocket>> m_sockets;
};

/// Writes \a log as the app exports it (InspectorPanel::exportTrace, parlor-cli --trace).
bool writeTrace(const EventLog &log, QTemporaryFile &file)
{
    if (!file.open())
        return false;
    for (int i = 0; i < log.size(); ++i) {
        if (file.write(TraceWriter::toLine(log.at(i))) < 0)
            return false;
    }
    file.close();
    return true;
}

/// Reads a JSON Lines file back; fails the test on a line that is not one JSON object.
QList<QJsonObject> readTrace(const QString &fileName)
{
    QList<QJsonObject> lines;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open %s", qPrintable(fileName));
        return {};
    }
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        if (!line.endsWith('\n')) {
            qWarning("line %d does not end in a newline", int(lines.size()) + 1);
            return {};
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            qWarning("line %d is not a JSON object: %s", int(lines.size()) + 1,
                     qPrintable(error.errorString()));
            return {};
        }
        lines.append(doc.object());
    }
    return lines;
}

} // namespace

class tst_TraceExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void traceHoldsExactlyTheTransitionsOfTwoReconnects();
    void secretsAreNotInTheTrace();
};

void tst_TraceExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"ParlorTests"_s);
    QCoreApplication::setApplicationName(u"tst_traceexport"_s);
}

void tst_TraceExport::cleanupTestCase()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

void tst_TraceExport::traceHoldsExactlyTheTransitionsOfTwoReconnects()
{
    DroppingServer server;
    QVERIFY(server.listen());

    ConnectionManager manager;
    QList<Transition> announced;
    connect(&manager, &ConnectionManager::stateChanged, this,
            [&announced](State state, State previous) {
                announced.append({stateName(previous), stateName(state)});
            });
    auto opens = [&announced] {
        return announced.count(Transition(u"Connecting"_s, u"Open"_s));
    };

    ConnectionManager::Options options;
    options.url = server.url();
    options.pingIntervalMs = 0;
    options.backoff.initialMs = backoffInitialMs;
    options.backoff.maxMs = backoffMaxMs;
    QVERIFY(manager.open(options));
    QTRY_COMPARE_WITH_TIMEOUT(opens(), 1, waitMs);

    // Two abrupt losses; the manager reconnects after each one.
    for (int drop = 1; drop <= 2; ++drop) {
        QTRY_COMPARE_WITH_TIMEOUT(server.accepted(), drop, waitMs);
        QVERIFY(server.dropNewest());
        QTRY_COMPARE_WITH_TIMEOUT(opens(), drop + 1, waitMs);
    }
    QCOMPARE(manager.state(), State::Open);
    QCOMPARE(server.accepted(), 3);

    // The scenario itself: three opens, two losses, nothing else.
    const QList<Transition> expected{
            {u"Closed"_s, u"Connecting"_s}, {u"Connecting"_s, u"Open"_s}, {u"Open"_s, u"Closed"_s},
            {u"Closed"_s, u"Connecting"_s}, {u"Connecting"_s, u"Open"_s}, {u"Open"_s, u"Closed"_s},
            {u"Closed"_s, u"Connecting"_s}, {u"Connecting"_s, u"Open"_s},
    };
    QCOMPARE(announced, expected);

    QTemporaryFile file;
    QVERIFY(writeTrace(*manager.eventLog(), file));
    const QList<QJsonObject> lines = readTrace(file.fileName());
    QCOMPARE(lines.size(), manager.eventLog()->size());
    QVERIFY(!lines.isEmpty());

    QList<Transition> traced;
    int reconnects = 0;
    qint64 previousT = -1;
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject &line = lines.at(i);
        const QByteArray where = "line " + QByteArray::number(i + 1);
        // seq 1, 2, 3, ... with no gaps; t never goes backwards.
        QVERIFY2(line.value(u"seq"_s).isDouble(), where);
        QCOMPARE(line.value(u"seq"_s).toInteger(), qint64(i) + 1);
        QVERIFY2(line.value(u"t"_s).isDouble(), where);
        const qint64 t = line.value(u"t"_s).toInteger();
        QVERIFY2(t >= previousT, where);
        previousT = t;
        QVERIFY2(line.value(u"time"_s).toString().endsWith(u'Z'), where);

        const QString kind = line.value(u"kind"_s).toString();
        if (kind == u"reconnect"_s) {
            ++reconnects;
            // Right after the state event to Closed that scheduled it.
            QVERIFY2(i > 0, where);
            const QJsonObject &before = lines.at(i - 1);
            QCOMPARE(before.value(u"kind"_s).toString(), u"state"_s);
            QCOMPARE(before.value(u"to"_s).toString(), u"Closed"_s);
            QCOMPARE(line.value(u"attempt"_s).toInt(), reconnects);
            const int delay = line.value(u"delayMs"_s).toInt(-1);
            QVERIFY2(delay >= 0 && delay <= backoffMaxMs, where);
            QVERIFY2(!line.value(u"at"_s).toString().isEmpty(), where);
            continue;
        }
        if (kind != u"state"_s)
            continue;
        const Transition transition(line.value(u"from"_s).toString(),
                                    line.value(u"to"_s).toString());
        // Each from is the previous to; a trace starts in Closed.
        QCOMPARE(transition.first, traced.isEmpty() ? u"Closed"_s : traced.constLast().second);
        traced.append(transition);
        if (transition.second == u"Closed"_s) {
            QCOMPARE(line.value(u"reason"_s).toString(), u"NetworkError"_s);
            QCOMPARE(line.value(u"code"_s).toInt(), 1006);
            QCOMPARE(line.value(u"codeName"_s).toString(), u"Abnormal Closure"_s);
            QVERIFY2(line.value(u"closeReason"_s).isString(), where);
            QCOMPARE(line.value(u"clean"_s), QJsonValue(false));
            QCOMPARE(line.value(u"reconnect"_s), QJsonValue(true));
        } else {
            QVERIFY2(!line.contains(u"reason"_s) && !line.contains(u"code"_s), where);
        }
    }
    QCOMPARE(traced, announced);
    QCOMPARE(reconnects, 2);

    manager.close();
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), State::Closed, waitMs);
}

void tst_TraceExport::secretsAreNotInTheTrace()
{
    const QString password = u"hunter2-room-secret"_s;
    const QByteArray token = "Bearer tok-7f3a9c-secret";

    RoomConfig config;
    config.password = password;
    config.pingIntervalMs = 0;
    RoomServer room(config);
    QVERIFY2(room.listen(QHostAddress::LocalHost, 0), qPrintable(room.errorString()));

    ChatSession session;
    ChatSession::Options options;
    options.connection.url = QUrl(u"ws://127.0.0.1:%1"_s.arg(room.port()));
    options.connection.subprotocols = {u"parlor.v1"_s};
    options.connection.headers = {{"Authorization", token}, {"X-Parlor-Test", "visible"}};
    options.connection.pingIntervalMs = 0;
    options.nick = u"mina"_s;
    options.clientId = u"0123456789abcdef0123456789abcdef"_s;
    options.password = password;
    QVERIFY(session.start(options));
    // Joined: the real password went on the wire and the room took it.
    QTRY_VERIFY_WITH_TIMEOUT(session.isJoined(), waitMs);

    QTemporaryFile file;
    QVERIFY(writeTrace(*session.connection()->eventLog(), file));
    QFile raw(file.fileName());
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray bytes = raw.readAll();
    QVERIFY(!bytes.isEmpty());
    QVERIFY2(!bytes.contains(password.toUtf8()), "the room password is in the trace");
    QVERIFY2(!bytes.contains("tok-7f3a9c"), "the Authorization value is in the trace");

    // What the trace says instead: the header is named, the hello is there, both redacted.
    const QList<QJsonObject> lines = readTrace(file.fileName());
    QVERIFY(!lines.isEmpty());
    bool sawRequest = false;
    bool sawHello = false;
    for (const QJsonObject &line : lines) {
        const QString kind = line.value(u"kind"_s).toString();
        if (kind == u"handshake"_s && line.value(u"phase"_s).toString() == u"request"_s) {
            sawRequest = true;
            const QJsonObject headers = line.value(u"headers"_s).toObject();
            QCOMPARE(headers.value(u"Authorization"_s).toString(), u"<redacted>"_s);
            QCOMPARE(headers.value(u"X-Parlor-Test"_s).toString(), u"visible"_s);
        } else if (kind == u"message-out"_s) {
            const QJsonObject preview
                    = QJsonDocument::fromJson(line.value(u"preview"_s).toString().toUtf8()).object();
            if (preview.value(u"type"_s).toString() == u"hello"_s) {
                sawHello = true;
                QCOMPARE(preview.value(u"password"_s).toString(), u"<redacted>"_s);
                QCOMPARE(preview.value(u"nick"_s).toString(), u"mina"_s);
            }
        }
    }
    QVERIFY(sawRequest);
    QVERIFY(sawHello);

    session.stop();
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Closed, waitMs);
}

QTEST_GUILESS_MAIN(tst_TraceExport)
#include "tst_traceexport.moc"
