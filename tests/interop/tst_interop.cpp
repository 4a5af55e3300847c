// Interop: the real parlor-server with peers that are not Qt. tests/interop/python_peer.py speaks
// parlor.v1 and plain "chatting" with Python's websockets library, while Qt peers share the room,
// so lines travel Qt -> Python and Python -> Qt.

#include "childprocess.h"
#include "richclient.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

namespace {

constexpr int startTimeoutMs = 10000;
// Each step of python_peer.py has its own timeout; the whole run gets more than their sum needs.
constexpr int pythonStepTimeoutS = 10;
constexpr int pythonRunTimeoutMs = 60000;

const char setupHint[] = "run scripts/setup.sh --tests to install python3 and python3-websockets";

bool isMessage(const QJsonObject &o, const QString &from, const QString &text)
{
    return o.value(QLatin1String("type")) == QLatin1String("message")
           && o.value(QLatin1String("from")).toString() == from
           && o.value(QLatin1String("text")).toString() == text;
}

} // namespace

class tst_Interop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void pythonAndQtPeersChatInOneRoom();
    void pythonPeerFailsWhenNoServerListens();
    void pythonPeerTimesOutOnASilentServer();

private:
    /// Starts parlor-server on a free localhost port; empty URL on failure (with a warning).
    QUrl startServer();
    ChildProcess *startPythonPeer(const QStringList &arguments);

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ChildProcess> m_python;
};

void tst_Interop::initTestCase()
{
    QVERIFY2(QFileInfo(TestSupport::serverBinary()).isExecutable(),
             qPrintable(TestSupport::serverBinary() + QStringLiteral(" is not built")));
    QVERIFY2(QFileInfo::exists(TestSupport::pythonPeerScript()),
             qPrintable(TestSupport::pythonPeerScript()));

    // No QSKIP: CI installs these, and a missing peer must not pass silently.
    const QString python = TestSupport::pythonInterpreter();
    if (!QFileInfo(python).isExecutable())
        QFAIL(qPrintable(
                QStringLiteral("%1 was not found: %2").arg(python, QLatin1String(setupHint))));
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"),
                         QStringLiteral("import websockets; print(websockets.__version__)")});
    QVERIFY2(probe.waitForFinished(ChildProcess::exitTimeoutMs), qPrintable(python));
    if (probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0) {
        QFAIL(qPrintable(QStringLiteral("%1 cannot import websockets: %2\n%3")
                                 .arg(python, QLatin1String(setupHint),
                                      QString::fromUtf8(probe.readAllStandardError()))));
    }
    qInfo("Python peer: %s, websockets %s", qPrintable(python),
          probe.readAllStandardOutput().trimmed().constData());
}

void tst_Interop::cleanup()
{
    m_python.reset();
    m_server.reset();
}

QUrl tst_Interop::startServer()
{
    m_server = std::make_unique<ServerProcess>(ServerProcess::localArguments());
    if (!m_server->waitForPort(startTimeoutMs)) {
        qWarning("parlor-server did not start:\n%s", m_server->transcript().constData());
        return {};
    }
    return m_server->url();
}

ChildProcess *tst_Interop::startPythonPeer(const QStringList &arguments)
{
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    m_python = std::make_unique<ChildProcess>(QStringLiteral("python_peer"),
                                              TestSupport::pythonInterpreter(),
                                              QStringList{TestSupport::pythonPeerScript()}
                                                      + arguments,
                                              env);
    return m_python.get();
}

void tst_Interop::pythonAndQtPeersChatInOneRoom()
{
    const QUrl url = startServer();
    QVERIFY2(url.isValid(), m_server->transcript().constData());

    RichClient qtRich;
    QVERIFY(!qtRich.join(url, QStringLiteral("qt-rich")).isEmpty());
    RichClient qtPlain;
    qtPlain.open(url, {QStringLiteral("chatting")});
    QVERIFY(qtPlain.waitConnected());
    QCOMPARE(qtPlain.socket().subprotocol(), QStringLiteral("chatting"));
    const QJsonObject qtPlainJoined = qtRich.waitForType(QStringLiteral("join"));
    QVERIFY(!qtPlainJoined.isEmpty());
    const QString qtPlainNick = qtPlainJoined.value(QLatin1String("nick")).toString();

    // Non-ASCII on purpose: both implementations must agree on UTF-8.
    const QString pythonNick = QStringLiteral("py-rich");
    const QString pythonRichText = QStringLiteral("Grüße from Python, parlor.v1 ✓");
    const QString pythonPlainText = QStringLiteral("안녕 from Python, chatting");
    const QString qtText = QStringLiteral("Qt says ½ hello to Python");

    ChildProcess *python = startPythonPeer(
            {url.toString(), QStringLiteral("--nick"), pythonNick, QStringLiteral("--rich-text"),
             pythonRichText, QStringLiteral("--plain-text"), pythonPlainText,
             QStringLiteral("--expect"), QStringLiteral("qt-rich"), qtText,
             QStringLiteral("--timeout"), QString::number(pythonStepTimeoutS)});

    // Qt -> Python: say the line once both Python peers are in the room; python_peer.py checks
    // that each of them received it.
    auto joinOf = [](const QString &nick) {
        return [nick](const QJsonObject &o) {
            return o.value(QLatin1String("type")) == QLatin1String("join")
                   && o.value(QLatin1String("nick")).toString() == nick;
        };
    };
    QVERIFY2(!qtRich.waitFor(joinOf(pythonNick), startTimeoutMs).isEmpty(),
             python->transcript().constData());
    const QJsonObject pythonPlainJoined = qtRich.waitFor(
            [](const QJsonObject &o) {
                return o.value(QLatin1String("type")) == QLatin1String("join")
                       && o.value(QLatin1String("nick"))
                                  .toString()
                                  .startsWith(QLatin1String("guest-"));
            },
            startTimeoutMs);
    QVERIFY2(!pythonPlainJoined.isEmpty(), python->transcript().constData());
    const QString pythonGuest = pythonPlainJoined.value(QLatin1String("nick")).toString();
    QVERIFY(pythonGuest != qtPlainNick);
    qtRich.say(QStringLiteral("qt-1"), qtText);

    QVERIFY2(python->waitForExit(pythonRunTimeoutMs),
             qPrintable(QStringLiteral("python_peer.py did not finish\n")
                        + QString::fromUtf8(python->transcript())));
    const QString pythonReport = QString::fromUtf8(python->transcript());
    QVERIFY2(python->process().exitStatus() == QProcess::NormalExit
                     && python->process().exitCode() == 0,
             qPrintable(QStringLiteral("python_peer.py exited with %1\n%2")
                                .arg(python->process().exitCode())
                                .arg(pythonReport)));
    qInfo("%s", qPrintable(pythonReport.trimmed()));

    // Python -> Qt: the rich Qt peer got both Python lines as messages...
    QVERIFY2(!qtRich.waitFor([&](const QJsonObject &o) {
                        return isMessage(o, pythonNick, pythonRichText);
                    }).isEmpty(),
             qPrintable(pythonReport));
    QVERIFY2(!qtRich.waitFor([&](const QJsonObject &o) {
                        return isMessage(o, pythonGuest, pythonPlainText);
                    }).isEmpty(),
             qPrintable(pythonReport));
    // ...and the plain Qt peer as "nick: text" lines.
    QVERIFY(qtPlain.waitForText(pythonNick + QStringLiteral(": ") + pythonRichText));
    QVERIFY(qtPlain.waitForText(pythonGuest + QStringLiteral(": ") + pythonPlainText));
    QVERIFY(qtPlain.waitForText(QStringLiteral("qt-rich: ") + qtText));

    // Both Python peers closed with a closing handshake, which the room reports as "quit".
    for (const QString &nick : {pythonNick, pythonGuest}) {
        const QJsonObject left = qtRich.waitFor([&](const QJsonObject &o) {
            return o.value(QLatin1String("type")) == QLatin1String("leave")
                   && o.value(QLatin1String("nick")).toString() == nick;
        });
        QVERIFY2(!left.isEmpty(), qPrintable(nick));
        QCOMPARE(left.value(QLatin1String("reason")).toString(), QStringLiteral("quit"));
    }
}

void tst_Interop::pythonPeerFailsWhenNoServerListens()
{
    // A port that was free a moment ago: nothing answers there.
    QWebSocketServer probe(QStringLiteral("probe"), QWebSocketServer::NonSecureMode);
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("ws://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();

    ChildProcess *python = startPythonPeer({url, QStringLiteral("--timeout"), QStringLiteral("5")});
    QVERIFY(python->waitForExit(pythonRunTimeoutMs));
    const QString report = QString::fromUtf8(python->transcript());
    QCOMPARE(python->process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(python->process().exitCode() == 1, qPrintable(report));
    QVERIFY2(report.contains(QLatin1String("python_peer: FAIL: parlor.v1 peer: cannot connect")),
             qPrintable(report));
}

void tst_Interop::pythonPeerTimesOutOnASilentServer()
{
    // Accepts both subprotocols and then says nothing: python_peer.py must give up waiting for
    // welcome after its timeout instead of hanging.
    QWebSocketServer silent(QStringLiteral("silent"), QWebSocketServer::NonSecureMode);
    silent.setSupportedSubprotocols({QStringLiteral("parlor.v1"), QStringLiteral("chatting")});
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QWebSocket *> accepted;
    connect(&silent, &QWebSocketServer::newConnection, this, [&] {
        while (QWebSocket *socket = silent.nextPendingConnection())
            accepted.append(socket);
    });

    ChildProcess *python = startPythonPeer(
            {QStringLiteral("ws://127.0.0.1:%1").arg(silent.serverPort()),
             QStringLiteral("--timeout"), QStringLiteral("1")});
    QVERIFY2(python->waitForExit(pythonRunTimeoutMs), "python_peer.py hung on a silent server");
    const QString report = QString::fromUtf8(python->transcript());
    QCOMPARE(python->process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(python->process().exitCode() == 1, qPrintable(report));
    QVERIFY2(report.contains(QLatin1String("python_peer: FAIL: rich peer: no welcome within 1")),
             qPrintable(report));
    QCOMPARE(accepted.size(), 1);
    qDeleteAll(accepted);
}

QTEST_GUILESS_MAIN(tst_Interop)
#include "tst_interop.moc"
