#pragma once

#include "client/chatsession.h"

#include <QList>
#include <QUrl>

/// Options for a ChatSession in the broker tests: parlor.v1 on \a servers (the first tried
/// first, then the others on loss), quick to notice a dead server and to try again (0.3 s back-off
/// growing to 2 s, no pings: the servers close or die outright), client id \a clientPrefix + nick.
inline Parlor::ChatSession::Options brokerSessionOptions(const QList<QUrl> &servers,
                                                         const QString &nick,
                                                         const QString &clientPrefix)
{
    Parlor::ChatSession::Options options;
    options.connection.url = servers.constFirst();
    options.connection.servers = servers;
    options.connection.subprotocols = {QStringLiteral("parlor.v1")};
    options.connection.handshakeTimeoutMs = 3000;
    options.connection.pingIntervalMs = 0;
    options.connection.closeTimeoutMs = 500;
    options.connection.backoff.initialMs = 300;
    options.connection.backoff.maxMs = 2000;
    options.nick = nick;
    options.clientId = clientPrefix + nick;
    return options;
}
