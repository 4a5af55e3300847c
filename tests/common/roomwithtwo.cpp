#include "roomwithtwo.h"

#include <QHostAddress>

bool RoomWithTwo::start(const Parlor::RoomConfig &config)
{
    server = std::make_unique<Parlor::RoomServer>(config);
    if (!server->listen(QHostAddress::LocalHost, 0))
        return false;
    alice = std::make_unique<RichClient>();
    bob = std::make_unique<RichClient>();
    return !alice->join(url(), QStringLiteral("alice"), QStringLiteral("c-alice")).isEmpty()
           && !bob->join(url(), QStringLiteral("bob"), QStringLiteral("c-bob")).isEmpty();
}

void RoomWithTwo::reset()
{
    alice.reset();
    bob.reset();
    server.reset();
}

QUrl RoomWithTwo::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(server->port()));
}
