#pragma once

#include "richclient.h"

#include "server/roomconfig.h"
#include "server/roomserver.h"

#include <QUrl>

#include <memory>

/// The set-up of many room tests: a RoomServer on 127.0.0.1 (a free port) and two rich members
/// who joined it, alice (client id "c-alice") and bob ("c-bob"), each a RichClient.
class RoomWithTwo
{
public:
    /// Starts the room with \a config and lets alice and bob join; false if any of it failed.
    bool start(const Parlor::RoomConfig &config);
    /// Ends the members, then the room.
    void reset();
    QUrl url() const;

    std::unique_ptr<Parlor::RoomServer> server;
    std::unique_ptr<RichClient> alice;
    std::unique_ptr<RichClient> bob;
};
