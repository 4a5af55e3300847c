#include "socks5proxy.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QtEndian>

namespace {

enum Stage { Greeting, Login, Request, Done };

} // namespace

void Socks5Proxy::negotiate(Link &link)
{
    QByteArray &in = link.pending;
    if (link.stage == Greeting) {
        // VER NMETHODS METHODS...
        if (in.size() < 2 || in.size() < 2 + quint8(in.at(1)))
            return;
        const QByteArray methods = in.mid(2, quint8(in.at(1)));
        const bool version5 = in.at(0) == 0x05;
        in.remove(0, 2 + quint8(in.at(1)));
        const char method = wantsLogin() ? 0x02 : 0x00; // none, or user and password
        if (!version5 || !methods.contains(method)) {
            link.client->write(QByteArray("\x05\xff", 2)); // no acceptable method
            closeAfterWriting(link.client);
            link.stage = Done;
            return;
        }
        link.client->write(QByteArray("\x05", 1) + method);
        link.stage = method == 0x02 ? Login : Request;
    }
    if (link.stage == Login) {
        // VER(1) ULEN UNAME PLEN PASSWD
        if (in.size() < 2 || in.size() < 3 + quint8(in.at(1)))
            return;
        const int userLength = quint8(in.at(1));
        const int passwordLength = quint8(in.at(2 + userLength));
        if (in.size() < 3 + userLength + passwordLength)
            return;
        const bool ok = checkLogin(in.mid(2, userLength), in.mid(3 + userLength, passwordLength));
        in.remove(0, 3 + userLength + passwordLength);
        link.client->write(QByteArray("\x01", 1) + char(ok ? 0x00 : 0x01));
        if (!ok) {
            closeAfterWriting(link.client);
            link.stage = Done;
            return;
        }
        link.stage = Request;
    }
    if (link.stage != Request || in.size() < 5)
        return;
    // VER CMD RSV ATYP DST.ADDR DST.PORT
    const char type = in.at(3);
    qsizetype addressLength = 0;
    if (type == 0x01)
        addressLength = 4;
    else if (type == 0x04)
        addressLength = 16;
    else if (type == 0x03)
        addressLength = 1 + quint8(in.at(4));
    const qsizetype total = 4 + addressLength + 2;
    if (addressLength == 0 || in.at(1) != 0x01) {
        reply(link, 0x07); // command (or address type) not supported
        closeAfterWriting(link.client);
        link.stage = Done;
        return;
    }
    if (in.size() < total)
        return;
    QString host;
    if (type == 0x01) {
        host = QHostAddress(qFromBigEndian<quint32>(in.constData() + 4)).toString();
    } else if (type == 0x04) {
        host = QHostAddress(reinterpret_cast<const quint8 *>(in.constData() + 4)).toString();
    } else {
        host = QString::fromLatin1(in.mid(5, addressLength - 1));
    }
    const quint16 port = qFromBigEndian<quint16>(in.constData() + 4 + addressLength);
    in.remove(0, total);
    link.stage = Done;
    request(link, host, port);
}

void Socks5Proxy::answerOpened(Link &link)
{
    reply(link, 0x00);
}

void Socks5Proxy::answerRefused(Link &link)
{
    reply(link, 0x02);
}

void Socks5Proxy::reply(Link &link, char status)
{
    // VER REP RSV ATYP BND.ADDR (0.0.0.0) BND.PORT (0)
    QByteArray answer("\x05", 1);
    answer += status;
    answer += QByteArray("\x00\x01\x00\x00\x00\x00\x00\x00", 8);
    link.client->write(answer);
}
