// The room's rules (Room) fed any sequence of connections, messages and disconnections from a
// few test peers, over the real in-memory log. Beyond "no crash", checks what every client
// relies on:
//   - every text a rich peer is sent decodes as a server message;
//   - a rich peer gets its welcome before any room event, and no event before that welcome's
//     seq; after it, events come with strictly increasing seq (the one exception: the room's
//     acknowledgement of a re-sent `say`, which is that peer's own earlier message);
//   - the log numbers events 1, 2, 3, … with no gap;
//   - shared files (file-offer, file-chunk, file-get) keep to the same rules, and the store's
//     bytes never exceed its bound.
//
// The input is a little program: each step is one opcode byte (which peer, what to do)
// followed by that step's operands; see step().
#include "fuzzsupport.h"

#include "protocol/codec.h"
#include "server/memoryroomlog.h"
#include "server/room.h"

#include <array>
#include <memory>

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

namespace {

class FuzzPeer : public RoomPeer
{
public:
    FuzzPeer(int id, MemberMode mode, const MemoryRoomLog *log, QString *lastFileKey)
        : RoomPeer(id, mode, QHostAddress::LocalHost)
        , m_log(log)
        , m_lastFileKey(lastFileKey)
    {}

    void sendText(const QString &text) override
    {
        // As PeerConnection: nothing goes out once the room has closed the peer.
        if (closed || mode() == MemberMode::Plain)
            return;
        const auto decoded = Codec::decodeServer(text.toUtf8());
        const auto *message = std::get_if<ServerMessage>(&decoded);
        PARLOR_FUZZ_CHECK(message, text);
        if (const auto *welcome = std::get_if<Welcome>(message)) {
            PARLOR_FUZZ_CHECK(!welcomed, text);
            welcomed = true;
            qint64 previous = 0;
            for (const RoomEvent &e : welcome->history) {
                PARLOR_FUZZ_CHECK(e.seq > previous && e.seq <= welcome->seq, text);
                previous = e.seq;
            }
            lastSeq = welcome->seq;
        } else if (const auto *event = std::get_if<RoomEvent>(message)) {
            PARLOR_FUZZ_CHECK(welcomed, text);
            if (event->file) {
                // A shared file's message names it by its text, and by a well-formed key.
                PARLOR_FUZZ_CHECK(isFileKey(event->file->key) && event->text == event->file->name,
                                  text);
                *m_lastFileKey = event->file->key;
            }
            if (event->seq <= lastSeq) {
                // Only the acknowledgement of a re-sent say goes back in time: this peer's
                // own message, as the log has it.
                const auto kept = m_log->event(event->seq);
                PARLOR_FUZZ_CHECK(event->kind == RoomEvent::Kind::Message && kept
                                          && kept->client == client() && kept->id == event->id,
                                  text);
            } else {
                lastSeq = event->seq;
            }
        }
    }
    void closeConnection(int, const QString &) override { closed = true; }

    bool closed = false;
    bool welcomed = false;
    qint64 lastSeq = 0;

private:
    const MemoryRoomLog *m_log;
    QString *m_lastFileKey;
};

// Few names and ids, so that collisions (taken nicknames, re-sent ids, reconnecting clients)
// are common; an operand can also bring its own.
const char *const nicks[] = {"mina", "Mina", "ＭＩＮＡ", "jo", "guest-1", " x", "a\u200Bb"};
const char *const clients[] = {"client-a", "client-b", "client-c", "x y"};
const char *const ids[] = {"m1", "m2", "m3", "plain-1", ""};

template<size_t N>
QString pick(ParlorFuzz::Input &in, const char *const (&table)[N])
{
    const uint8_t b = in.byte();
    if (b == 0xFF)
        return in.utf8();
    return QString::fromUtf8(table[b % N]);
}

class Driver
{
public:
    explicit Driver(ParlorFuzz::Input &in)
        : m_in(in)
    {
        RoomConfig config;
        // A few rooms: with and without a password, flood control from strict to none, tiny
        // and normal histories and queues (a welcome is trimmed to half the queue limit).
        const uint8_t shape = in.byte();
        if (shape & 1)
            config.password = QStringLiteral("secret");
        config.messagesPerSecond = (shape & 2) ? 1000000 : 2;
        config.historyLength = (shape & 4) ? 3 : 50;
        config.maxQueuedBytes = (shape & 8) ? 600 : 4 * 1024 * 1024;
        if (shape & 16)
            config.protocol = ProtocolLimits{4, 8, 4, 4};
        // A small file store, so that eviction and store-full come up.
        config.maxFileBytes = (shape & 32) ? 0 : 200;
        config.fileStoreBytes = 500;
        m_log = std::make_unique<MemoryRoomLog>(config.historyLength);
        m_room = std::make_unique<Room>(config, m_log.get());
    }

    ~Driver()
    {
        // Every connection ends: the room must not keep a pointer to a peer that is gone.
        for (auto &peer : m_peers) {
            if (peer)
                m_room->detach(peer.get(), QStringLiteral("closed"));
        }
        m_room.reset();
    }

    void run()
    {
        for (int steps = 0; !m_in.atEnd() && steps < 400; ++steps)
            step();
    }

private:
    void step()
    {
        const uint8_t op = m_in.byte();
        std::unique_ptr<FuzzPeer> &slot = m_peers[(op >> 4) % m_peers.size()];
        if (!slot) {
            // Anything done by a peer that is not there connects one first.
            const MemberMode mode = (op & 8) ? MemberMode::Plain : MemberMode::Rich;
            slot = std::make_unique<FuzzPeer>(m_nextId++, mode, m_log.get(), &m_lastFileKey);
            m_room->attach(slot.get());
            return;
        }
        FuzzPeer *peer = slot.get();
        switch (op & 7) {
        case 0: // the connection ends
            m_room->detach(peer, QStringLiteral("closed"));
            slot.reset();
            break;
        case 1: // any frame at all
            m_room->receive(peer, m_in.utf8());
            break;
        case 2: { // hello
            Hello hello;
            hello.nick = pick(m_in, nicks);
            hello.client = pick(m_in, clients);
            const uint8_t how = m_in.byte();
            if (how & 1)
                hello.password = QStringLiteral("secret");
            if (how & 2)
                hello.since = qint64(m_in.byte()) - 2;
            if (how & 4)
                hello.incarnation = m_log->incarnation();
            m_room->receive(peer, QString::fromUtf8(Codec::encode(hello)));
            break;
        }
        case 3: { // say
            const QString id = pick(m_in, ids);
            m_room->receive(peer, QString::fromUtf8(Codec::encode(Say{id, m_in.utf8()})));
            break;
        }
        case 4:
            m_room->receive(peer, QString::fromUtf8(Codec::encode(NickChange{pick(m_in, nicks)})));
            break;
        case 5: { // typing, or a file message
            const uint8_t b = m_in.byte();
            if (!(b & 2)) {
                m_room->receive(peer, QString::fromUtf8(Codec::encode(Typing{bool(b & 1)})));
                break;
            }
            // Small files and few ids, so that offers, chunks at the right offset, completed
            // uploads, re-offers and file-gets of real keys all come up.
            switch ((b >> 2) % 3) {
            case 0:
                m_room->receive(peer,
                                QString::fromUtf8(Codec::encode(FileOffer{pick(m_in, ids),
                                                                          m_in.utf8(),
                                                                          qint64(m_in.byte()) - 1,
                                                                          {},
                                                                          {}})));
                break;
            case 1: {
                const QString id = pick(m_in, ids);
                const qint64 offset = m_in.byte();
                m_room->receive(peer, QString::fromUtf8(
                                              Codec::encode(FileChunk{id, offset, m_in.bytes()})));
                break;
            }
            case 2: {
                const QString key = (b & 0x80) ? m_in.utf8() : m_lastFileKey;
                const qint64 offset = m_in.byte();
                m_room->receive(peer, QString::fromUtf8(Codec::encode(
                                              FileGet{key, offset, int(m_in.byte())})));
                break;
            }
            }
            break;
        }
        case 6: // the host kicks it
            m_room->expel(peer, CloseCode::Kicked, QStringLiteral("removed by the host"),
                          QStringLiteral("kicked"));
            break;
        case 7: // the server closes it (a slow reader, a timeout)
            m_room->dismiss(peer, CloseCode::PolicyViolation, QStringLiteral("too slow"),
                            QStringLiteral("slow"));
            break;
        }
        // The log numbers what it keeps 1, 2, 3, …
        const QList<RoomEvent> kept = m_log->all();
        for (qsizetype i = 1; i < kept.size(); ++i)
            PARLOR_FUZZ_CHECK(kept.at(i).seq == kept.at(i - 1).seq + 1, QString());
        PARLOR_FUZZ_CHECK(kept.isEmpty() || kept.constLast().seq == m_log->lastSeq(), QString());
        if (const FileStore *files = m_room->files()) {
            PARLOR_FUZZ_CHECK(files->storedBytes() + files->reservedBytes()
                                      <= m_room->config().fileStoreBytes,
                              QString());
        }
    }

    ParlorFuzz::Input &m_in;
    std::unique_ptr<MemoryRoomLog> m_log;
    std::unique_ptr<Room> m_room;
    std::array<std::unique_ptr<FuzzPeer>, 3> m_peers;
    int m_nextId = 1;
    QString m_lastFileKey; ///< of the last file a peer was told of
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ParlorFuzz::Input in(data, size);
    Driver(in).run();
    return 0;
}
