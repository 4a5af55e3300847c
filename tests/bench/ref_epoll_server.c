/* ref_epoll_server: the "speed of light" for parlor-bench — a minimal WebSocket broadcast server
 * in C on one epoll loop in one thread. Every text message any client sends goes, framed once, to
 * every connection (the sender's own included), which is what parlor-bench's plain mode expects.
 * It speaks just enough RFC 6455 for that: the opening handshake (Sec-WebSocket-Accept, the first
 * offered subprotocol echoed), masked client frames, fragments, ping/pong, close. No limits beyond
 * a cap on what one slow reader may queue. Not a server to deploy: a yardstick
 * (docs/PERFORMANCE.md, "Side by side").
 *
 *   ref_epoll_server [PORT [HOST]]     PORT 0 (the default) picks a free one; HOST 127.0.0.1
 *
 * Prints "listening PORT" on standard output once it listens; SIGTERM or SIGINT stops it. */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_QUEUED (16u * 1024 * 1024) /* a client that does not read is dropped past this */
#define MAX_HEAD 8192
#define MAX_MESSAGE (16u * 1024 * 1024)

struct buffer
{
    char *data;
    size_t size, capacity;
};

struct conn
{
    int open;
    int upgraded;
    int watching_write;
    struct buffer in;  /* only what a read left unparsed */
    struct buffer out; /* only what the kernel would not take */
    struct buffer fragments;
    int in_text;
    int dirty;
};

static struct conn *conns;
static int max_fd;
static int epoll_fd;
static int *upgraded_fds; /* the broadcast list */
static int upgraded_count;
static int *dirty_fds; /* connections with output appended in this loop iteration */
static int dirty_count;
static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
    (void) sig;
    stopping = 1;
}

static int append(struct buffer *b, const char *data, size_t size)
{
    if (b->size + size > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 256;
        while (capacity < b->size + size)
            capacity *= 2;
        char *grown = realloc(b->data, capacity);
        if (!grown)
            return -1;
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->size, data, size);
    b->size += size;
    return 0;
}

static void release(struct buffer *b)
{
    free(b->data);
    b->data = NULL;
    b->size = b->capacity = 0;
}

static void watch(int fd, int writable)
{
    struct conn *c = &conns[fd];
    if (c->watching_write == writable)
        return;
    struct epoll_event event = {.events = EPOLLIN | (writable ? EPOLLOUT : 0), .data.fd = fd};
    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, fd, &event);
    c->watching_write = writable;
}

static void drop(int fd)
{
    struct conn *c = &conns[fd];
    if (!c->open)
        return;
    if (c->upgraded) {
        for (int i = 0; i < upgraded_count; ++i) {
            if (upgraded_fds[i] == fd) {
                upgraded_fds[i] = upgraded_fds[--upgraded_count];
                break;
            }
        }
    }
    release(&c->in);
    release(&c->out); /* a dirty entry left behind is skipped: the slot is no longer open */
    release(&c->fragments);
    memset(c, 0, sizeof *c);
    close(fd);
}

/* Queues bytes for the end of this loop iteration, when every connection's output is written in
 * one send() (as Qt's and Node's event loops do): one segment for many messages rather than one
 * per message, which on a busy loop is what keeps the receivers' socket buffers from filling with
 * tiny packets. Returns -1 when the connection was dropped (too much queued). */
static int send_bytes(int fd, const char *data, size_t size)
{
    struct conn *c = &conns[fd];
    if (c->out.size + size > MAX_QUEUED || append(&c->out, data, size) < 0) {
        drop(fd);
        return -1;
    }
    if (!c->dirty) {
        c->dirty = 1;
        dirty_fds[dirty_count++] = fd;
    }
    return 0;
}

static void flush_out(int fd)
{
    struct conn *c = &conns[fd];
    size_t sent = 0;
    while (sent < c->out.size) {
        ssize_t written = send(fd, c->out.data + sent, c->out.size - sent, MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            drop(fd);
            return;
        }
        sent += (size_t) written;
    }
    memmove(c->out.data, c->out.data + sent, c->out.size - sent);
    c->out.size -= sent;
    if (c->out.size == 0) {
        if (c->out.capacity > 65536)
            release(&c->out); /* give back what a burst took; keep a small buffer for reuse */
        watch(fd, 0);
    } else {
        watch(fd, 1);
    }
}

static size_t frame_header(unsigned char *header, int opcode, size_t size)
{
    header[0] = (unsigned char) (0x80 | opcode);
    if (size < 126) {
        header[1] = (unsigned char) size;
        return 2;
    }
    if (size <= 0xffff) {
        header[1] = 126;
        header[2] = (unsigned char) (size >> 8);
        header[3] = (unsigned char) size;
        return 4;
    }
    header[1] = 127;
    for (int i = 0; i < 8; ++i)
        header[2 + i] = (unsigned char) ((uint64_t) size >> (56 - 8 * i));
    return 10;
}

static void send_frame(int fd, int opcode, const char *payload, size_t size)
{
    unsigned char header[10];
    size_t length = frame_header(header, opcode, size);
    if (send_bytes(fd, (const char *) header, length) == 0 && size)
        send_bytes(fd, payload, size);
}

/* Frames the message once and writes the same bytes to everyone. */
static void broadcast(const char *payload, size_t size)
{
    static char *frame;
    static size_t frame_capacity;
    if (size + 10 > frame_capacity) {
        frame_capacity = size + 10;
        frame = realloc(frame, frame_capacity);
        if (!frame)
            abort();
    }
    size_t length = frame_header((unsigned char *) frame, 0x1, size);
    memcpy(frame + length, payload, size);
    length += size;
    /* A drop during the loop moves the last entry into the current slot: walk backwards. */
    for (int i = upgraded_count - 1; i >= 0; --i) {
        if (i < upgraded_count)
            send_bytes(upgraded_fds[i], frame, length);
    }
}

static void base64(const unsigned char *data, size_t size, char *out)
{
    EVP_EncodeBlock((unsigned char *) out, data, (int) size);
}

static const char *header_value(const char *head, const char *name, size_t *length)
{
    size_t name_length = strlen(name);
    for (const char *line = strstr(head, "\r\n"); line; line = strstr(line, "\r\n")) {
        line += 2;
        if (strncasecmp(line, name, name_length) == 0 && line[name_length] == ':') {
            const char *value = line + name_length + 1;
            while (*value == ' ' || *value == '\t')
                ++value;
            const char *end = strstr(value, "\r\n");
            *length = end ? (size_t) (end - value) : strlen(value);
            while (*length && (value[*length - 1] == ' ' || value[*length - 1] == '\t'))
                --*length;
            return value;
        }
    }
    return NULL;
}

/* Returns how much of data the head took, 0 if it is incomplete, -1 if the connection went. */
static long handshake(int fd, char *data, size_t size)
{
    char *end = memmem(data, size, "\r\n\r\n", 4);
    if (!end) {
        if (size > MAX_HEAD) {
            drop(fd);
            return -1;
        }
        return 0;
    }
    *end = '\0'; /* the head as one string; its blank line is consumed with it */
    size_t key_length = 0, protocol_length = 0;
    const char *key = header_value(data, "Sec-WebSocket-Key", &key_length);
    const char *protocol = header_value(data, "Sec-WebSocket-Protocol", &protocol_length);
    if (!key || key_length == 0 || key_length > 64) {
        static const char bad[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                                  "Connection: close\r\n\r\n";
        send(fd, bad, sizeof bad - 1, MSG_NOSIGNAL);
        drop(fd);
        return -1;
    }
    char input[128];
    memcpy(input, key, key_length);
    memcpy(input + key_length, "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", 36);
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1((const unsigned char *) input, key_length + 36, digest);
    char accept[64];
    base64(digest, sizeof digest, accept);
    char response[512];
    int length = snprintf(response, sizeof response,
                          "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n",
                          accept);
    if (protocol && protocol_length) {
        size_t first = 0; /* the first offered subprotocol */
        while (first < protocol_length && protocol[first] != ',' && protocol[first] != ' ')
            ++first;
        if (first > 64)
            first = 64;
        length += snprintf(response + length, sizeof response - (size_t) length,
                           "Sec-WebSocket-Protocol: %.*s\r\n", (int) first, protocol);
    }
    length += snprintf(response + length, sizeof response - (size_t) length, "\r\n");
    if (send_bytes(fd, response, (size_t) length) < 0)
        return -1;
    conns[fd].upgraded = 1;
    upgraded_fds[upgraded_count++] = fd;
    return (end - data) + 4;
}

/* Parses whole frames; returns how much was consumed, -1 if the connection went. */
static long frames(int fd, char *data, size_t size)
{
    struct conn *c = &conns[fd];
    size_t at = 0;
    for (;;) {
        size_t available = size - at;
        unsigned char *bytes = (unsigned char *) data + at;
        if (available < 2)
            break;
        int fin = bytes[0] & 0x80, opcode = bytes[0] & 0x0f;
        if (!(bytes[1] & 0x80)) { /* clients must mask (RFC 6455 5.1) */
            send_frame(fd, 0x8, "\x03\xea", 2);
            flush_out(fd);
            drop(fd);
            return -1;
        }
        uint64_t length = bytes[1] & 0x7f;
        size_t header = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = ((uint64_t) bytes[2] << 8) | bytes[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | bytes[2 + i];
            header = 10;
        }
        if (length > MAX_MESSAGE) {
            send_frame(fd, 0x8, "\x03\xf1", 2);
            flush_out(fd);
            drop(fd);
            return -1;
        }
        if (available < header + 4 + length)
            break;
        unsigned char *mask = bytes + header;
        char *payload = (char *) bytes + header + 4;
        for (uint64_t i = 0; i < length; ++i)
            payload[i] ^= (char) mask[i & 3];
        at += header + 4 + (size_t) length;
        switch (opcode) {
        case 0x1:
            if (fin) {
                broadcast(payload, (size_t) length);
                if (!conns[fd].open) /* the sender itself was too slow a reader */
                    return -1;
            } else {
                c->fragments.size = 0;
                if (append(&c->fragments, payload, (size_t) length) < 0)
                    abort();
                c->in_text = 1;
            }
            break;
        case 0x0:
            if (c->in_text) {
                if (append(&c->fragments, payload, (size_t) length) < 0)
                    abort();
                if (fin) {
                    c->in_text = 0;
                    struct buffer message = c->fragments;
                    c->fragments = (struct buffer){0};
                    broadcast(message.data, message.size);
                    release(&message);
                    if (!conns[fd].open)
                        return -1;
                }
            }
            break;
        case 0x9:
            send_frame(fd, 0xA, payload, (size_t) length);
            if (!conns[fd].open)
                return -1;
            break;
        case 0x8:
            send_frame(fd, 0x8, payload, length >= 2 ? 2 : 0);
            if (conns[fd].open)
                flush_out(fd);
            drop(fd);
            return -1;
        default:
            break; /* binary and pongs: ignored */
        }
    }
    return (long) at;
}

static void on_readable(int fd)
{
    static char buffer[65536];
    for (int round = 0; round < 4; ++round) {
        ssize_t got = recv(fd, buffer, sizeof buffer, 0);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            drop(fd);
            return;
        }
        if (got < 0)
            return;
        struct conn *c = &conns[fd];
        char *data = buffer;
        size_t size = (size_t) got;
        if (c->in.size) { /* a partial frame or head waits: parse from the joined bytes */
            if (append(&c->in, buffer, size) < 0) {
                drop(fd);
                return;
            }
            data = c->in.data;
            size = c->in.size;
        }
        size_t at = 0;
        if (!c->upgraded) {
            long took = handshake(fd, data, size);
            if (took < 0)
                return;
            at = (size_t) took;
        }
        if (c->upgraded && at < size) {
            long took = frames(fd, data + at, size - at);
            if (took < 0)
                return;
            at += (size_t) took;
        }
        if (data == c->in.data) {
            memmove(c->in.data, c->in.data + at, size - at);
            c->in.size = size - at;
            if (c->in.size == 0)
                release(&c->in);
        } else if (at < size && append(&c->in, data + at, size - at) < 0) {
            drop(fd);
            return;
        }
    }
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 0;
    const char *host = argc > 2 ? argv[2] : "127.0.0.1";
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    max_fd = (int) (limit.rlim_cur > 1048576 ? 1048576 : limit.rlim_cur);
    conns = calloc((size_t) max_fd, sizeof *conns);
    upgraded_fds = calloc((size_t) max_fd, sizeof *upgraded_fds);
    /* twice: a descriptor closed and reused within one loop iteration may be listed twice */
    dirty_fds = calloc(2 * (size_t) max_fd, sizeof *dirty_fds);
    if (!conns || !upgraded_fds || !dirty_fds)
        return 1;

    struct sigaction action = {.sa_handler = on_signal};
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    signal(SIGPIPE, SIG_IGN);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) {
        fprintf(stderr, "ref_epoll_server: \"%s\" is not an IPv4 address\n", host);
        return 2;
    }
    if (bind(listener, (struct sockaddr *) &address, sizeof address) < 0
        || listen(listener, SOMAXCONN) < 0) {
        perror("ref_epoll_server");
        return 1;
    }
    socklen_t address_length = sizeof address;
    getsockname(listener, (struct sockaddr *) &address, &address_length);
    printf("listening %d\n", ntohs(address.sin_port));
    fflush(stdout);

    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event events[512];
    while (!stopping) {
        int count = epoll_wait(epoll_fd, events, 512, -1);
        for (int i = 0; i < count; ++i) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                for (;;) {
                    int client = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (client < 0)
                        break;
                    if (client >= max_fd) {
                        close(client);
                        continue;
                    }
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    memset(&conns[client], 0, sizeof conns[client]);
                    conns[client].open = 1;
                    struct epoll_event client_event = {.events = EPOLLIN, .data.fd = client};
                    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, client, &client_event);
                }
                continue;
            }
            if (!conns[fd].open)
                continue;
            if (events[i].events & EPOLLOUT)
                flush_out(fd);
            if (conns[fd].open && (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
                on_readable(fd);
        }
        for (int i = 0; i < dirty_count; ++i) {
            int fd = dirty_fds[i];
            if (!conns[fd].open || !conns[fd].dirty)
                continue;
            conns[fd].dirty = 0;
            if (!conns[fd].watching_write) /* else EPOLLOUT will say when it can take more */
                flush_out(fd);
        }
        dirty_count = 0;
    }
    return 0;
}
