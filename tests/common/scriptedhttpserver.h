#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

/// A TCP server on 127.0.0.1 that speaks only as much HTTP as a test scripts: for each
/// connection it collects the request head (up to the blank line) and hands it to onRequest,
/// which answers as the test likes (a status line, a broken upgrade, nothing, a hang-up); every
/// later chunk the client sends goes to onData. For the handshakes and servers a real
/// QWebSocketServer never gets wrong.
class ScriptedHttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(QTcpSocket *socket, const QByteArray &bytes)>;

    /// No onRequest: the server reads the request and stays silent.
    explicit ScriptedHttpServer(Handler onRequest = {}, Handler onData = {},
                                QObject *parent = nullptr);

    /// Listens on 127.0.0.1 on \a port (0: a free one).
    bool listen(quint16 port = 0);
    quint16 port() const { return m_server.serverPort(); }
    /// ws://127.0.0.1:PORT followed by \a path.
    QUrl url(const QString &path = QStringLiteral("/")) const;

    /// After the request head (and onRequest), take nothing more off the socket, and keep the
    /// buffers small, so that what the client sends queues up on the client's side.
    bool stopReadingAfterHead = false;
    /// Undoes stopReadingAfterHead: takes what queued up, and what comes next.
    void resumeReading();

    int connections = 0;
    int disconnections = 0;
    QList<QByteArray> requests;          ///< every request head, with its blank line, in order
    QByteArray afterHead;                ///< everything clients sent after their request heads
    QList<QPointer<QTcpSocket>> sockets; ///< every connection accepted, in order

private:
    void accept(QTcpSocket *socket);

    QTcpServer m_server;
    Handler m_onRequest;
    Handler m_onData;
};
