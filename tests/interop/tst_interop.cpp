// Interop: the real parlor-server with peers that are not Qt. tests/interop/python_peer.py speaks
// parlor.v1 and plain "chatting" with Python's websockets library, while Qt peers share the room,
// so lines travel Qt -> Python and Python -> Qt.

#include "richclient.h"
#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

namespace {

constexpr int startTimeoutMs = 10000;
constexpr int exitTimeoutMs = 10000;
// Each step of python_peer.py has its own timeout; the whole run gets more than their sum needs.
constexpr int pythonStepTimeoutS = 10;
constexpr int pythonRunTimeoutMs = 60000;

const char setupHint[] = "run scripts/setup.sh --tests to install python3 and python3-websockets";

QString pythonInterpreter()
{
    const QString fromEnvironment = qEnvironmentVariable("PARLOR_PYTHON");
    return fromEnvironment.isEmpty() ? QStringLiteral("/usr/bin/python3") : fromEnvironment;
}

QString pythonPeerScript()
{
    return TestSupport::sourceDir() + QStringLiteral("/tests/interop/python_peer.py");
}

bool isMessage(const QJsonObject &o, const QString &from, const QString &text)
{
    return o.value(QLatin1String("type")) == QLatin1String("message")
           && o.value(QLatin1String("from")).toString() == from
           && o.value(QLatin1String("text")).toString() == text;
}

QString transcript(QProcess &process, const QString &name)
{
    return QStringLiteral("--- %1 stdout:\n%2--- %1 stderr:\n%3")
            .arg(name, QString::fromUtf8(process.readAllStandardOutput()),
                 QString::fromUtf8(process.readAllStandardError()));
}

/// Kills a process that still runs; every process a test starts is held by one of these.
struct ProcessKiller
{
    void operator()(QProcess *process) const
    {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(exitTimeoutMs);
        }
        delete process;
    }
};
using ProcessPtr = std::unique_ptr<QProcess, ProcessKiller>;

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
    QProcess *startPythonPeer(const QStringList &arguments);

    ProcessPtr m_server;
    ProcessPtr m_python;
    QString m_serverErr;
};

void tst_Interop::initTestCase()
{
    QVERIFY2(QFileInfo(TestSupport::serverBinary()).isExecutable(),
             qPrintable(TestSupport::serverBinary() + QStringLiteral(" is not built")));
    QVERIFY2(QFileInfo::exists(pythonPeerScript()), qPrintable(pythonPeerScript()));

    // No QSKIP: CI installs these, and a missing peer must not pass silently.
    const QString python = pythonInterpreter();
    if (!QFileInfo(python).isExecutable())
        QFAIL(qPrintable(
                QStringLiteral("%1 was not found: %2").arg(python, QLatin1String(setupHint))));
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"),
                         QStringLiteral("import websockets; print(websockets.__version__)")});
    QVERIFY2(probe.waitForFinished(exitTimeoutMs), qPrintable(python));
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
    m_serverErr.clear();
}

QUrl tst_Interop::startServer()
{
    m_server.reset(new QProcess);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PARLOR_PASSWORD"));
    env.remove(QStringLiteral("QT_MESSAGE_PATTERN"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("parlor.server.info=true"));
    m_server->setProcessEnvironment(env);
    m_server->start(TestSupport::serverBinary(),
                    {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--bind"),
                     QStringLiteral("localhost")});

    // The port comes from the log line, which is not translated.
    static const QRegularExpression
            listening(QStringLiteral("parlor\\.server: listening on (\\S+):(\\d+)$"),
                      QRegularExpression::MultilineOption);
    QRegularExpressionMatch match;
    [[maybe_unused]] const bool ended = QTest::qWaitFor(
            [&] {
                m_serverErr += QString::fromUtf8(m_server->readAllStandardError());
                match = listening.match(m_serverErr);
                return match.hasMatch() || m_server->state() == QProcess::NotRunning;
            },
            startTimeoutMs);
    if (!match.hasMatch()) {
        qWarning("parlor-server did not start: %s", qPrintable(m_serverErr));
        return {};
    }
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(match.captured(2).toInt());
    return url;
}

QProcess *tst_Interop::startPythonPeer(const QStringList &arguments)
{
    m_python.reset(new QProcess);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    m_python->setProcessEnvironment(env);
    m_python->start(pythonInterpreter(), QStringList{pythonPeerScript()} + arguments);
    return m_python.get();
}

void tst_Interop::pythonAndQtPeersChatInOneRoom()
{
    const QUrl url = startServer();
    QVERIFY2(url.isValid(), qPrintable(m_serverErr));

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

    QProcess *python = startPythonPeer(
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
             qPrintable(transcript(*python, QStringLiteral("python_peer"))));
    const QJsonObject pythonPlainJoined = qtRich.waitFor(
            [](const QJsonObject &o) {
                return o.value(QLatin1String("type")) == QLatin1String("join")
                       && o.value(QLatin1String("nick"))
                                  .toString()
                                  .startsWith(QLatin1String("guest-"));
            },
            startTimeoutMs);
    QVERIFY2(!pythonPlainJoined.isEmpty(),
             qPrintable(transcript(*python, QStringLiteral("python_peer"))));
    const QString pythonGuest = pythonPlainJoined.value(QLatin1String("nick")).toString();
    QVERIFY(pythonGuest != qtPlainNick);
    qtRich.say(QStringLiteral("qt-1"), qtText);

    QVERIFY2(QTest::qWaitFor([&] { return python->state() == QProcess::NotRunning; },
                             pythonRunTimeoutMs),
             qPrintable(QStringLiteral("python_peer.py did not finish\n")
                        + transcript(*python, QStringLiteral("python_peer"))));
    const QString pythonReport = transcript(*python, QStringLiteral("python_peer"));
    QVERIFY2(python->exitStatus() == QProcess::NormalExit && python->exitCode() == 0,
             qPrintable(QStringLiteral("python_peer.py exited with %1\n%2")
                                .arg(python->exitCode())
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

    QProcess *python = startPythonPeer({url, QStringLiteral("--timeout"), QStringLiteral("5")});
    QVERIFY(python->waitForFinished(pythonRunTimeoutMs));
    const QString report = transcript(*python, QStringLiteral("python_peer"));
    QCOMPARE(python->exitStatus(), QProcess::NormalExit);
    QVERIFY2(python->exitCode() == 1, qPrintable(report));
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

    QProcess *python = startPythonPeer({QStringLiteral("ws://127.0.0.1:%1").arg(silent.serverPort()),
                                        QStringLiteral("--timeout"), QStringLiteral("1")});
    QVERIFY2(QTest::qWaitFor([&] { return python->state() == QProcess::NotRunning; },
                             pythonRunTimeoutMs),
             "python_peer.py hung on a silent server");
    const QString report = transcript(*python, QStringLiteral("python_peer"));
    QCOMPARE(python->exitStatus(), QProcess::NormalExit);
    QVERIFY2(python->exitCode() == 1, qPrintable(report));
    QVERIFY2(report.contains(QLatin1String("python_peer: FAIL: rich peer: no welcome within 1")),
             qPrintable(report));
    QCOMPARE(accepted.size(), 1);
    qDeleteAll(accepted);
}

QTEST_GUILESS_MAIN(tst_Interop)
#include "tst_interop.moc"
