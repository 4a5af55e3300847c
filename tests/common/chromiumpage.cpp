#include "chromiumpage.h"

#include "childprocess.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>

ChromiumPage::ChromiumPage(QObject *parent)
    : QObject(parent)
{
    connect(&m_devtools, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        if (o.contains(QLatin1String("id")))
            m_replies.append(o); // events (no id) are not needed
    });
}

ChromiumPage::~ChromiumPage()
{
    close();
}

QString ChromiumPage::executable()
{
    for (const char *name : {"chromium", "chromium-browser"}) {
        const QString path = QStandardPaths::findExecutable(QLatin1String(name));
        if (!path.isEmpty())
            return path;
    }
    return {};
}

bool ChromiumPage::open(const QUrl &url, const QString &language, int width, int height,
                        int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    if (executable().isEmpty() || !m_profile.isValid()) {
        m_lastError = QStringLiteral("chromium is not installed");
        return false;
    }
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. Port 0: Chromium
    // picks a free port for DevTools and prints it.
    m_chromium = std::make_unique<ChildProcess>(
            QStringLiteral("chromium"), executable(),
            QStringList{QStringLiteral("--headless=new"), QStringLiteral("--no-sandbox"),
                        QStringLiteral("--disable-gpu"), QStringLiteral("--no-first-run"),
                        QStringLiteral("--hide-scrollbars"),
                        QStringLiteral("--user-data-dir=") + m_profile.path(),
                        // navigator.language comes from --accept-lang in headless Chromium.
                        QStringLiteral("--lang=") + language,
                        QStringLiteral("--accept-lang=") + language,
                        QStringLiteral("--window-size=%1,%2").arg(width).arg(height),
                        QStringLiteral("--remote-debugging-port=0")}
                    + m_extraArguments + QStringList{url.toString()});
    if (!m_chromium->process().waitForStarted(10000)) {
        m_lastError = m_chromium->process().errorString();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("DevTools listening on (ws://\\S+)"));
    const QRegularExpressionMatch match
            = m_chromium->waitForMatch(QProcess::StandardError, listening,
                                       int(std::max<qint64>(1, deadline.remainingTime())));
    if (!match.hasMatch()) {
        m_lastError = QStringLiteral("no DevTools address: ") + m_chromium->err();
        return false;
    }
    const QUrl browserUrl(match.captured(1));
    QSignalSpy connected(&m_devtools, &QWebSocket::connected);
    m_devtools.open(browserUrl);
    if (!connected.wait(int(std::max<qint64>(1, deadline.remainingTime())))) {
        m_lastError = QStringLiteral("DevTools did not connect");
        return false;
    }
    // The page Chromium opened for the URL; commands go to it through a flat session.
    const auto targets = call(QStringLiteral("Target.getTargets"), {}, 10000);
    if (!targets)
        return false;
    QString targetId;
    for (const QJsonValue &t : targets->value(QLatin1String("targetInfos")).toArray()) {
        if (t[QLatin1String("type")].toString() == QLatin1String("page"))
            targetId = t[QLatin1String("targetId")].toString();
    }
    if (targetId.isEmpty()) {
        m_lastError = QStringLiteral("no page target");
        return false;
    }
    const auto attached = call(QStringLiteral("Target.attachToTarget"),
                               {{QStringLiteral("targetId"), targetId},
                                {QStringLiteral("flatten"), true}},
                               10000);
    if (!attached)
        return false;
    m_sessionId = attached->value(QLatin1String("sessionId")).toString();
    // Until the page has loaded, an evaluation may run in the blank page before it and be cut
    // short by the navigation: ask again until it answers from the loaded page.
    const QString loaded = QStringLiteral(
            "document.readyState === 'complete' && location.protocol !== 'about:'");
    while (!deadline.hasExpired()) {
        if (waitUntil(loaded, int(std::max<qint64>(1, deadline.remainingTime()))))
            return true;
    }
    m_lastError = QStringLiteral("the page did not load: ") + m_lastError;
    return false;
}

std::optional<QJsonObject> ChromiumPage::call(const QString &method, const QJsonObject &params,
                                              int timeoutMs)
{
    const int id = m_nextId++;
    QJsonObject message{{QStringLiteral("id"), id},
                        {QStringLiteral("method"), method},
                        {QStringLiteral("params"), params}};
    if (!m_sessionId.isEmpty())
        message.insert(QStringLiteral("sessionId"), m_sessionId);
    m_devtools.sendTextMessage(
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    QDeadlineTimer deadline(timeoutMs);
    QSignalSpy received(&m_devtools, &QWebSocket::textMessageReceived);
    while (true) {
        for (qsizetype i = 0; i < m_replies.size(); ++i) {
            if (m_replies.at(i).value(QLatin1String("id")).toInt() != id)
                continue;
            const QJsonObject reply = m_replies.takeAt(i);
            if (reply.contains(QLatin1String("error"))) {
                m_lastError = QString::fromUtf8(
                        QJsonDocument(reply.value(QLatin1String("error")).toObject()).toJson());
                return std::nullopt;
            }
            return reply.value(QLatin1String("result")).toObject();
        }
        if (deadline.hasExpired()
            || !received.wait(int(std::max<qint64>(1, deadline.remainingTime())))) {
            m_lastError = method + QStringLiteral(": no answer");
            return std::nullopt;
        }
    }
}

std::optional<QJsonValue> ChromiumPage::evaluate(const QString &expression, int timeoutMs)
{
    const auto result = call(QStringLiteral("Runtime.evaluate"),
                             {{QStringLiteral("expression"), expression},
                              {QStringLiteral("awaitPromise"), true},
                              {QStringLiteral("returnByValue"), true}},
                             timeoutMs);
    if (!result)
        return std::nullopt;
    if (result->contains(QLatin1String("exceptionDetails"))) {
        m_lastError = QString::fromUtf8(
                QJsonDocument(result->value(QLatin1String("exceptionDetails")).toObject()).toJson());
        return std::nullopt;
    }
    return result->value(QLatin1String("result")).toObject().value(QLatin1String("value"));
}

std::optional<QString> ChromiumPage::waitUntil(const QString &condition, int timeoutMs)
{
    const auto html = evaluate(QStringLiteral("new Promise(r => { const c = () => (%1) "
                                              "? r(document.documentElement.outerHTML) "
                                              ": setTimeout(c, 20); c(); })")
                                       .arg(condition),
                               timeoutMs);
    if (!html)
        return std::nullopt;
    return html->toString();
}

bool ChromiumPage::emulatePhone(int width, int height, double deviceScale, int timeoutMs)
{
    if (!call(QStringLiteral("Emulation.setDeviceMetricsOverride"),
              {{QStringLiteral("width"), width},
               {QStringLiteral("height"), height},
               {QStringLiteral("deviceScaleFactor"), deviceScale},
               {QStringLiteral("mobile"), true}},
              timeoutMs))
        return false;
    if (!call(QStringLiteral("Emulation.setTouchEmulationEnabled"),
              {{QStringLiteral("enabled"), true}, {QStringLiteral("maxTouchPoints"), 5}}, timeoutMs))
        return false;
    // The reloaded page is a new document: the mark set here is gone from it. Waiting in a
    // document that navigation destroys fails at once, hence the loop (as in open()).
    QDeadlineTimer deadline(timeoutMs);
    if (!evaluate(QStringLiteral("window.parlorBeforeReload = true"), timeoutMs)
        || !call(QStringLiteral("Page.reload"), {}, timeoutMs))
        return false;
    const QString reloaded = QStringLiteral(
            "!window.parlorBeforeReload && document.readyState === 'complete'");
    while (!deadline.hasExpired()) {
        if (waitUntil(reloaded, int(std::max<qint64>(1, deadline.remainingTime()))))
            return true;
    }
    m_lastError = QStringLiteral("the page did not reload: ") + m_lastError;
    return false;
}

QByteArray ChromiumPage::screenshot(int timeoutMs)
{
    const auto result = call(QStringLiteral("Page.captureScreenshot"),
                             {{QStringLiteral("format"), QStringLiteral("png")}}, timeoutMs);
    if (!result)
        return {};
    return QByteArray::fromBase64(result->value(QLatin1String("data")).toString().toLatin1());
}

void ChromiumPage::close()
{
    m_devtools.abort();
    if (m_chromium && m_chromium->isRunning()) {
        m_chromium->process().terminate();
        if (!m_chromium->waitForExit(5000))
            m_chromium->kill();
    }
    m_chromium.reset();
}
