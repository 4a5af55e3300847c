#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <QWebSocket>

#include <memory>
#include <optional>

class ChildProcess;

/// A real page in headless Chromium, driven through the DevTools protocol over a WebSocket: open
/// a URL, evaluate JavaScript in it (waiting on the page's own promises, never sleeping), take a
/// screenshot. Every wait runs the event loop, so a room in the same thread keeps serving.
class ChromiumPage : public QObject
{
    Q_OBJECT

public:
    explicit ChromiumPage(QObject *parent = nullptr);
    ~ChromiumPage() override;

    /// The chromium binary on PATH; empty when it is not installed.
    static QString executable();

    /// Command-line switches for the next open(), e.g. a certificate to trust.
    void setExtraArguments(const QStringList &arguments) { m_extraArguments = arguments; }

    /// Starts Chromium on \a url with the browser language \a language ("en-US", "ko") and a
    /// window of \a width × \a height; true once the page's DevTools connection is open.
    bool open(const QUrl &url, const QString &language = QStringLiteral("en-US"), int width = 960,
              int height = 600, int timeoutMs = 30000);

    /// Evaluates \a expression in the page; a promise is awaited. The value (returned by value),
    /// or nullopt on a timeout or an exception (see lastError()).
    std::optional<QJsonValue> evaluate(const QString &expression, int timeoutMs = 15000);
    /// Waits in the page until the JavaScript \a condition holds (checked every 20 ms by the
    /// page itself) and returns the page's HTML then; nullopt on a timeout or an exception.
    std::optional<QString> waitUntil(const QString &condition, int timeoutMs = 15000);
    /// Lays the page out as a phone of \a width × \a height CSS pixels would (mobile: the page's
    /// viewport meta counts, touch events on; a desktop window is never narrower than 500 px)
    /// and reloads it so it starts that way; false on failure (see lastError()).
    bool emulatePhone(int width, int height, double deviceScale = 2, int timeoutMs = 15000);
    /// A PNG of the page as it is now; empty on failure.
    QByteArray screenshot(int timeoutMs = 15000);

    QString lastError() const { return m_lastError; }
    /// Ends Chromium (also done by the destructor).
    void close();

private:
    std::optional<QJsonObject> call(const QString &method, const QJsonObject &params, int timeoutMs);

    QTemporaryDir m_profile;
    QStringList m_extraArguments;
    std::unique_ptr<ChildProcess> m_chromium;
    QWebSocket m_devtools;
    int m_nextId = 1;
    QList<QJsonObject> m_replies;
    QString m_sessionId; ///< the page's DevTools session
    QString m_lastError;
};
