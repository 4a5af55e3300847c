// The desktop app hosting a room that keeps its history, killed and started again — real
// processes: the parlor binary (offscreen, in a private home) hosts with `--host PORT
// --keep-history`, parlor-cli clients chat in its room, a RichClient (carol) reads along and
// leaves, the app is killed with SIGKILL and started again on the same port. Then:
//   - the room comes back with the same incarnation and its numbering;
//   - carol, resuming with `since`, gets exactly the events she missed: consecutive seqs from the
//     one after hers, every message said while she was away, once, and none she had seen;
//   - a newcomer sees every message any client had confirmed, each once;
//   - lines a client wrote while the app was down are delivered, once, by the new app.
// No sleeps: every wait is on output lines, messages or exits.

#include "richclient.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

namespace {

constexpr int waitMs = 20000;

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

qint64 seqOf(const QJsonObject &o)
{
    return qint64(o.value(QLatin1String("seq")).toDouble());
}

/// The desktop app, hosting, with the room's log lines on standard error.
class DesktopApp : public ChildProcess
{
public:
    DesktopApp(const QString &home, quint16 port)
        : ChildProcess(QStringLiteral("parlor"), QStringLiteral(PARLOR_DESKTOP_BINARY),
                       {QStringLiteral("--host"), QString::number(port),
                        QStringLiteral("--keep-history"), QStringLiteral("--nick"),
                        QStringLiteral("mina")},
                       environment(home))
    {}

    static QProcessEnvironment environment(const QString &home)
    {
        QProcessEnvironment env = ChildProcess::environment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
        env.insert(QStringLiteral("USER"), QStringLiteral("mina"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("parlor.server.info=true"));
        env.insert(QStringLiteral("QT_MESSAGE_PATTERN"), QStringLiteral("%{category}: %{message}"));
        return env;
    }

    /// Waits for the room: its log (incarnation and seq) and its port.
    bool waitForRoom()
    {
        static const QRegularExpression log(
                QStringLiteral("room log (.+) : incarnation ([0-9a-f]{16}) , seq (\\d+)"));
        static const QRegularExpression
                listening(QStringLiteral("parlor\\.server: listening on (\\S+):(\\d+)$"),
                          QRegularExpression::MultilineOption);
        const auto l = waitForMatch(QProcess::StandardError, log, waitMs);
        const auto p = waitForMatch(QProcess::StandardError, listening, waitMs);
        if (!l.hasMatch() || !p.hasMatch())
            return false;
        file = l.captured(1);
        incarnation = l.captured(2);
        seq = l.captured(3).toLongLong();
        port = quint16(p.captured(2).toUInt());
        return true;
    }

    QString file;
    QString incarnation;
    qint64 seq = 0;
    quint16 port = 0;
};

/// parlor-cli --json saying \a lines as \a nick; the ids the room confirmed, with their text.
struct Said
{
    QHash<QString, QString> delivered;
    int exitCode = -1;
};

Said say(const QUrl &url, const QString &nick, const QStringList &lines,
         const std::function<void()> &whileRunning = {})
{
    ChildProcess cli(nick, TestSupport::cliBinary(),
                     {url.toString(), QStringLiteral("--nick"), nick, QStringLiteral("--json")});
    for (const QString &line : lines)
        cli.writeLine(line);
    cli.process().closeWriteChannel();
    if (whileRunning)
        whileRunning();
    Said said;
    if (!cli.waitForExit(60000)) {
        qWarning().noquote() << cli.transcript();
        return said;
    }
    said.exitCode = cli.process().exitCode();
    QHash<QString, QString> textById;
    for (const QJsonObject &e : cli.jsonLines()) {
        if (str(e, "event") == QLatin1String("message") && e.value(QLatin1String("own")).toBool())
            textById.insert(str(e, "id"), str(e, "text"));
        if (str(e, "event") == QLatin1String("delivery")
            && str(e, "state") == QLatin1String("delivered")) {
            if (said.delivered.contains(str(e, "id")))
                said.exitCode = -2; // confirmed twice
            said.delivered.insert(str(e, "id"), textById.value(str(e, "id")));
        }
    }
    return said;
}

QStringList lines(const QString &nick, int from, int to)
{
    QStringList result;
    for (int n = from; n <= to; ++n)
        result << QStringLiteral("%1 line %2 ✓").arg(nick).arg(n);
    return result;
}

} // namespace

class tst_DesktopRestart : public QObject
{
    Q_OBJECT

private slots:
    void keptHistorySurvivesAKill();
};

void tst_DesktopRestart::keptHistorySurvivesAKill()
{
#ifndef PARLOR_DESKTOP_BINARY
    QSKIP("the desktop app is not built (PARLOR_BUILD_UI=OFF)");
#else
    QTemporaryDir home;
    QVERIFY(home.isValid());
    auto app = std::make_unique<DesktopApp>(home.path(), 0);
    QVERIFY2(app->waitForRoom(), app->transcript().constData());
    // The room's log is in the app's data location, under rooms/.
    QVERIFY2(app->file.startsWith(home.path() + QStringLiteral("/data/")), qPrintable(app->file));
    QVERIFY(app->file.contains(QStringLiteral("/rooms/")));
    const QString incarnation = app->incarnation;
    const quint16 port = app->port;
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1").arg(port));

    // carol reads along while alice and bob chat, then leaves.
    RichClient carol;
    const QJsonObject welcome = carol.join(url, QStringLiteral("carol"), QStringLiteral("carol-id"));
    QCOMPARE(str(welcome, "incarnation"), incarnation);
    QHash<QString, QString> confirmed; // id -> text, every message a client had confirmed
    for (const QString &nick : {QStringLiteral("alice"), QStringLiteral("bob")}) {
        const Said said = say(url, nick, lines(nick, 1, 5));
        QCOMPARE(said.exitCode, 0);
        QCOMPARE(said.delivered.size(), 5);
        confirmed.insert(said.delivered);
    }
    QSet<QString> carolSaw;
    for (auto it = confirmed.cbegin(); it != confirmed.cend(); ++it) {
        const QString id = it.key();
        QVERIFY(!carol.waitFor([&](const QJsonObject &o) { return str(o, "id") == id; }, waitMs)
                         .isEmpty());
        carolSaw.insert(id);
    }
    qint64 carolSeq = seqOf(welcome);
    for (const QJsonObject &o : carol.objects())
        carolSeq = std::max(carolSeq, seqOf(o));
    carol.socket().close();
    QVERIFY(carol.waitDisconnected());

    // While carol is away.
    QHash<QString, QString> missed;
    for (const QString &nick : {QStringLiteral("alice"), QStringLiteral("bob")}) {
        const Said said = say(url, nick, lines(nick, 6, 10));
        QCOMPARE(said.exitCode, 0);
        QCOMPARE(said.delivered.size(), 5);
        missed.insert(said.delivered);
    }
    confirmed.insert(missed);

    // Kill the app; dave writes while it is down, and his client waits for the new one.
    app->kill();
    const Said dave = say(url, QStringLiteral("dave"), lines(QStringLiteral("dave"), 1, 3), [&] {
        app = std::make_unique<DesktopApp>(home.path(), port);
        QVERIFY2(app->waitForRoom(), app->transcript().constData());
    });
    QCOMPARE(dave.exitCode, 0);
    QCOMPARE(dave.delivered.size(), 3);
    confirmed.insert(dave.delivered);
    missed.insert(dave.delivered);

    // The same room: its incarnation, its numbering.
    QCOMPARE(app->incarnation, incarnation);
    QCOMPARE(app->port, port);
    QVERIFY2(app->seq > carolSeq, qPrintable(QString::number(app->seq)));

    // carol resumes: exactly what she missed.
    RichClient back;
    back.open(url);
    QVERIFY(back.waitConnected());
    back.hello(QStringLiteral("carol"), QStringLiteral("carol-id"), carolSeq, incarnation);
    const QJsonObject resumed = back.waitForType(QStringLiteral("welcome"), waitMs);
    QVERIFY(!resumed.isEmpty());
    QCOMPARE(str(resumed, "incarnation"), incarnation);
    QVERIFY(!resumed.value(QLatin1String("gap")).toBool());
    qint64 expectedSeq = carolSeq + 1;
    QHash<QString, QString> got;
    for (const QJsonValue &v : resumed.value(QLatin1String("history")).toArray()) {
        const QJsonObject e = v.toObject();
        QCOMPARE(seqOf(e), expectedSeq++);
        if (str(e, "type") != QLatin1String("message"))
            continue;
        QVERIFY2(!carolSaw.contains(str(e, "id")), qPrintable(str(e, "text")));
        QVERIFY2(!got.contains(str(e, "id")), qPrintable(str(e, "text")));
        got.insert(str(e, "id"), str(e, "text"));
    }
    QCOMPARE(got, missed);

    // A newcomer sees every confirmed message, once.
    RichClient erin;
    const QJsonObject fresh = erin.join(url, QStringLiteral("erin"));
    QHash<QString, QString> all;
    for (const QJsonValue &v : fresh.value(QLatin1String("history")).toArray()) {
        const QJsonObject e = v.toObject();
        if (str(e, "type") != QLatin1String("message"))
            continue;
        QVERIFY2(!all.contains(str(e, "id")), qPrintable(str(e, "text")));
        all.insert(str(e, "id"), str(e, "text"));
    }
    QCOMPARE(all, confirmed);
#endif
}

QTEST_GUILESS_MAIN(tst_DesktopRestart)

#include "tst_desktoprestart.moc"
