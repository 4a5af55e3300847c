#include "richclient.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QSslError>

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocketHandshakeOptions>

RichClient::RichClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_texts.append(text);
        m_textTaken.append(false);
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (doc.isObject()) {
            m_objects.append(doc.object());
            m_objectTaken.append(false);
        }
    });
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        const QSslCertificate presented = m_socket.sslConfiguration().peerCertificate();
        if (!m_trusted.isEmpty()
            && QString::fromLatin1(presented.digest(QCryptographicHash::Sha256).toHex())
                       == m_trusted)
            m_socket.ignoreSslErrors(errors);
    });
}

void RichClient::open(const QUrl &url, const QStringList &subprotocols, const QString &origin)
{
    QNetworkRequest request(url);
    if (!origin.isEmpty())
        request.setRawHeader("Origin", origin.toUtf8());
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(subprotocols);
    m_socket.open(request, options);
}

bool RichClient::waitConnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return isConnected(); }, timeoutMs);
}

bool RichClient::waitDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}

void RichClient::sendJson(const QJsonObject &object)
{
    sendText(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void RichClient::sendText(const QString &text)
{
    m_socket.sendTextMessage(text);
}

void RichClient::hello(const QString &nick, const QString &client, std::optional<qint64> since,
                       const QString &incarnation, const QString &password)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("hello")},
                  {QStringLiteral("nick"), nick},
                  {QStringLiteral("client"),
                   client.isEmpty() ? QStringLiteral("client-%1")
                                              .arg(QString::fromLatin1(nick.toUtf8().toHex()))
                                    : client}};
    if (since)
        o.insert(QStringLiteral("since"), double(*since));
    if (!incarnation.isEmpty())
        o.insert(QStringLiteral("incarnation"), incarnation);
    if (!password.isEmpty())
        o.insert(QStringLiteral("password"), password);
    sendJson(o);
}

void RichClient::say(const QString &id, const QString &text)
{
    sendJson({{QStringLiteral("type"), QStringLiteral("say")},
              {QStringLiteral("id"), id},
              {QStringLiteral("text"), text}});
}

void RichClient::fileOffer(const QString &id, const QString &name, qint64 size, const QString &mime)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("file-offer")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("size"), double(size)}};
    if (!mime.isEmpty())
        o.insert(QStringLiteral("mime"), mime);
    sendJson(o);
}

void RichClient::fileChunk(const QString &id, qint64 offset, const QByteArray &data)
{
    sendJson({{QStringLiteral("type"), QStringLiteral("file-chunk")},
              {QStringLiteral("id"), id},
              {QStringLiteral("offset"), double(offset)},
              {QStringLiteral("data"), QString::fromLatin1(data.toBase64())}});
}

void RichClient::fileGet(const QString &key, qint64 offset, int length)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("file-get")},
                  {QStringLiteral("key"), key},
                  {QStringLiteral("offset"), double(offset)}};
    if (length > 0)
        o.insert(QStringLiteral("length"), length);
    sendJson(o);
}

QJsonObject RichClient::uploadFile(const QString &id, const QString &name, const QByteArray &data,
                                   int chunkBytes, const QString &mime, int timeoutMs)
{
    const auto about = [id](const char *type) {
        return [id, type](const QJsonObject &o) {
            return o.value(QStringLiteral("type")) == QLatin1String(type)
                   && o.value(QStringLiteral("id")) == id;
        };
    };
    fileOffer(id, name, data.size(), mime);
    const QJsonObject ready = waitFor(about("file-ready"), timeoutMs);
    if (ready.isEmpty())
        return {};
    qint64 acked = ready.value(QStringLiteral("received")).toInteger();
    qint64 sent = acked;
    for (;;) {
        while (sent < data.size() && sent - acked < 4 * qint64(chunkBytes)) {
            const QByteArray chunk = data.mid(sent, chunkBytes);
            fileChunk(id, sent, chunk);
            sent += chunk.size();
        }
        if (sent >= data.size())
            break;
        const QJsonObject progress = waitFor(about("file-progress"), timeoutMs);
        if (progress.isEmpty())
            return {};
        acked = progress.value(QStringLiteral("received")).toInteger();
    }
    return waitFor(about("message"), timeoutMs);
}

QByteArray RichClient::downloadFile(const QString &key, qint64 size, int timeoutMs)
{
    QByteArray data;
    while (data.size() < size) {
        const qint64 offset = data.size();
        fileGet(key, offset);
        const QJsonObject answer = waitFor(
                [&](const QJsonObject &o) {
                    return (o.value(QStringLiteral("type")) == QLatin1String("file-data")
                            && o.value(QStringLiteral("key")) == key
                            && o.value(QStringLiteral("offset")).toInteger() == offset)
                           || (o.value(QStringLiteral("type")) == QLatin1String("error")
                               && o.value(QStringLiteral("file")) == key);
                },
                timeoutMs);
        const QByteArray piece = QByteArray::fromBase64(
                answer.value(QStringLiteral("data")).toString().toLatin1());
        if (piece.isEmpty())
            break;
        data += piece;
    }
    return data;
}

QJsonObject RichClient::join(const QUrl &url, const QString &nick, const QString &client)
{
    open(url);
    if (!waitConnected())
        return {};
    hello(nick, client);
    return waitForType(QStringLiteral("welcome"));
}

QJsonObject RichClient::waitFor(const Predicate &predicate, int timeoutMs)
{
    QJsonObject found;
    [[maybe_unused]] const bool ok = QTest::qWaitFor(
            [&] {
                for (int i = 0; i < m_objects.size(); ++i) {
                    if (!m_objectTaken.at(i) && predicate(m_objects.at(i))) {
                        m_objectTaken[i] = true;
                        found = m_objects.at(i);
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
    return found;
}

QJsonObject RichClient::waitForType(const QString &type, int timeoutMs)
{
    return waitFor([&](const QJsonObject &o) { return o.value(QStringLiteral("type")) == type; },
                   timeoutMs);
}

bool RichClient::waitForText(const QString &text, int timeoutMs)
{
    return QTest::qWaitFor(
            [&] {
                for (int i = 0; i < m_texts.size(); ++i) {
                    if (!m_textTaken.at(i) && m_texts.at(i) == text) {
                        m_textTaken[i] = true;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
}

QList<QJsonObject> RichClient::objectsOfType(const QString &type) const
{
    QList<QJsonObject> result;
    for (const QJsonObject &o : m_objects) {
        if (o.value(QStringLiteral("type")) == type)
            result.append(o);
    }
    return result;
}
