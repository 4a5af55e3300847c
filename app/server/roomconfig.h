#pragma once

#include "protocol/protocol.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Parlor {

/// A room whose log is a RabbitMQ stream shared by several parlor-servers (BrokerRoomLog,
/// docs/SCALING.md). Each limit has a parlor-server option.
struct BrokerConfig
{
    /// Web-STOMP addresses of the broker's nodes, e.g. ws://rabbit-1:15674/ws; empty: no broker.
    /// The server uses the first and moves on to the next whenever a connection ends, so a
    /// cluster keeps the room when the node this server was on goes away.
    QList<QUrl> urls;
    QByteArray vhost = "/";
    /// From --broker-credentials or PARLOR_BROKER_USER / PARLOR_BROKER_PASSWORD: never from the
    /// command line, which every user of the machine can read, and never logged.
    QByteArray login;
    QByteArray passcode;
    QString stream; ///< the stream's queue name; empty: "parlor.room.<room name, made safe>"
    /// Events handed to the broker and not seen back in the stream yet. Past it (a slow broker)
    /// and while the broker is away, new messages and joins are refused (`not-stored`).
    int maxPending = 1000;
    int presenceIntervalMs = 2000; ///< how often a server says it is alive
    /// A server not heard for this long is taken for lost: its members leave with "lost".
    int lostAfterMs = 10000;

    bool enabled() const { return !urls.isEmpty(); }
    /// The addresses for people and logs, "ws://a:15674/ws, ws://b:15674/ws".
    QString addresses() const
    {
        QStringList shown;
        for (const QUrl &url : urls)
            shown.append(url.toString(QUrl::RemoveUserInfo));
        return shown.join(QLatin1String(", "));
    }
};

/// Everything a room can be configured with. Each limit has its default here, a parlor-server
/// option (see ServerCommandLine) and a test; docs/SECURITY.md lists them.
struct RoomConfig
{
    static constexpr quint16 DefaultPort = 5870;

    QString roomName = QStringLiteral("Parlor");
    QString password;           ///< empty: no password
    QStringList allowedOrigins; ///< empty: any Origin (or none) is accepted
    /// Tell the LAN the room is open (RoomAnnouncer: mDNS/DNS-SD and a broadcast beacon).
    bool announce = true;

    int maxPeers = 200;              ///< connections in the room; more are closed with 1013
    int maxPeersPerAddress = 16;     ///< connections from one IP address; more are closed with 1013
    int maxMessageBytes = 64 * 1024; ///< one incoming message; larger ones close with 1009
    int messagesPerSecond = 20;      ///< per peer; bursts of twice as many are allowed
    /// Wrong passwords one address may send before the room slows it down: then every hello
    /// from it is refused for passwordDelayMs, doubling with each further wrong one (at most a
    /// minute), whatever password it carries. A right one clears the count.
    int passwordTries = 3;
    int passwordDelayMs = 1000;
    int handshakeTimeoutMs = 5000; ///< for the HTTP upgrade, and again for a rich peer's hello
    qint64 maxQueuedBytes = 4 * 1024 * 1024; ///< output queued for a peer that does not read
    int historyLength = 500;                 ///< room events kept for `welcome` and resume
    /// Members in one page, for clients that ask for member-pages (docs/PROTOCOL.md "Large
    /// rooms"); MinMemberPage to MaxMemberPage.
    int memberPageSize = DefaultMemberPage;
    /// Joins and leaves are collected this long for clients that ask for event-batches, then
    /// sent as one `events` frame each; 0: one frame each, as for everyone else.
    int announceDelayMs = 50;
    /// A window holding more joins and leaves than this for a client that asks for
    /// presence-digest reaches it as one `presence` count instead of an `events` frame; 0: never.
    int digestThreshold = DefaultDigestThreshold;
    /// The room pings every peer this often; one that has sent nothing, not even a pong, for two
    /// intervals is dropped (leave reason "timeout"). 0 turns the heartbeat off.
    int pingIntervalMs = 30000;
    /// HTTP long-polling (LongPollSession, docs/PROTOCOL.md): a poll with nothing to say is
    /// held this long, then answered with an empty array.
    int longPollHoldMs = 25000;
    /// A long-poll session that nobody polls for this long is gone (leave reason "timeout").
    int longPollTimeoutMs = 40000;
    ProtocolLimits protocol; ///< nickname and text lengths

    /// Where the room keeps its log (SqliteRoomLog); empty: in memory, gone with the process.
    QString dataDir;
    qint64 retainEvents = 100000; ///< events kept on disk; older ones are compacted away. 0: all
    int retainDays = 0;           ///< days events are kept on disk; 0: no age limit
    /// The most the log file may take; past it new messages are refused (`not-stored`) until
    /// retention frees room. 0: as much as the disk has.
    qint64 maxLogBytes = 0;

    /// Shared files (docs/PROTOCOL.md "Files"): the largest file the room takes (0: none; a
    /// room on a broker takes none, its servers share no file store), how much the store holds
    /// (complete files and unfinished uploads together; the oldest files are forgotten first),
    /// how long a file is kept (0: only the size bound), and how many file bytes a second one
    /// peer may send or fetch. A durable room keeps its files in <dataDir>/files.
    qint64 maxFileBytes = 32 * 1024 * 1024;
    qint64 fileStoreBytes = 512 * 1024 * 1024;
    int fileRetentionHours = 24;
    qint64 fileBytesPerSecond = 8 * 1024 * 1024;

    BrokerConfig broker;

    /// Serve the room over TLS: wss:// for WebSocket clients, https:// for its page.
    bool tls = false;
    /// The user's certificate (PEM, optionally followed by its chain) and unencrypted key; both
    /// empty: a self-signed certificate kept in tlsDir (TlsIdentity).
    QString tlsCertificateFile;
    QString tlsKeyFile;
    /// Where the self-signed certificate is made once and kept, so its fingerprint stays the
    /// same; empty: dataDir.
    QString tlsDir;
};

} // namespace Parlor
