#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

/// A test peer on a real QWebSocket: speaks parlor.v1 (or plain text) and keeps everything it
/// receives, so tests can wait for a message instead of sleeping. Every wait returns as soon as
/// the condition holds and fails (empty result / false) at its timeout.
class RichClient : public QObject
{
    Q_OBJECT

public:
    using Predicate = std::function<bool(const QJsonObject &)>;

    explicit RichClient(QObject *parent = nullptr);

    QWebSocket &socket() { return m_socket; }
    /// For wss://: accept the certificate with this SHA-256 (lower-case hex) and no other.
    void trustCertificate(const QString &sha256) { m_trusted = sha256; }

    /// Opens the connection offering \a subprotocols (in order) and an optional Origin.
    void open(const QUrl &url, const QStringList &subprotocols = {QStringLiteral("parlor.v1")},
              const QString &origin = {});
    bool waitConnected(int timeoutMs = 5000);
    /// Waits until the socket is closed (by either side or by loss).
    bool waitDisconnected(int timeoutMs = 5000);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    void sendJson(const QJsonObject &object);
    void sendText(const QString &text);
    void hello(const QString &nick, const QString &client = {}, std::optional<qint64> since = {},
               const QString &incarnation = {}, const QString &password = {});
    void say(const QString &id, const QString &text);

    // Files (docs/PROTOCOL.md "Files") -------------------------------------------------------
    void fileOffer(const QString &id, const QString &name, qint64 size, const QString &mime = {});
    void fileChunk(const QString &id, qint64 offset, const QByteArray &data);
    void fileGet(const QString &key, qint64 offset, int length = 0);
    /// Offers \a data as \a name and uploads it as a client must: from where file-ready says,
    /// \a chunkBytes at a time, at most 4 chunks beyond the last reported progress. Returns the
    /// file's message (the acknowledgement); empty when something else came (see objects()).
    QJsonObject uploadFile(const QString &id, const QString &name, const QByteArray &data,
                           int chunkBytes, const QString &mime = {}, int timeoutMs = 10000);
    /// Fetches file \a key of \a size bytes with file-gets, one at a time; empty (or short) on
    /// an error.
    QByteArray downloadFile(const QString &key, qint64 size, int timeoutMs = 10000);

    /// Opens, says hello and waits for welcome; returns the welcome (empty on failure).
    QJsonObject join(const QUrl &url, const QString &nick, const QString &client = {});

    /// The first received JSON object not taken yet that matches; waits for it if needed, and
    /// marks it taken. Empty on timeout.
    QJsonObject waitFor(const Predicate &predicate, int timeoutMs = 5000);
    QJsonObject waitForType(const QString &type, int timeoutMs = 5000);
    /// For plain peers: the first received text frame not taken yet that equals \a text.
    bool waitForText(const QString &text, int timeoutMs = 5000);

    /// Everything received, in order: raw frames and (for JSON frames) parsed objects.
    const QStringList &texts() const { return m_texts; }
    const QList<QJsonObject> &objects() const { return m_objects; }
    /// Received objects of \a type (taken or not).
    QList<QJsonObject> objectsOfType(const QString &type) const;

    int closeCode() const { return m_socket.closeCode(); }
    QString closeReason() const { return m_socket.closeReason(); }

private:
    QWebSocket m_socket;
    QString m_trusted;
    QStringList m_texts;
    QList<QJsonObject> m_objects;
    QList<bool> m_objectTaken;
    QList<bool> m_textTaken;
};
