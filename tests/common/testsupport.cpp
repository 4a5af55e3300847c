#include "testsupport.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpSocket>

namespace TestSupport {

QByteArray httpExchange(quint16 port, const QByteArray &request, int timeoutMs)
{
    QTcpSocket socket;
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    if (closed.isEmpty() && !closed.wait(timeoutMs))
        return {};
    answer += socket.readAll();
    return answer;
}

} // namespace TestSupport
