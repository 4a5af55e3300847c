#pragma once

// The client side of RFC 6455 that parlor-bench needs, without Qt: the ws:// URL, the opening
// handshake (key, expected accept, validating the server's answer) and masked client frames.

#include <cstdint>
#include <string>

namespace bench {

/// A ws:// URL taken apart. wss:// is refused: the generator measures servers, not TLS.
struct WsUrl
{
    std::string host;
    std::uint16_t port = 80;
    std::string path = "/";
    std::string hostHeader; ///< host[:port] as the Host header carries it
};

/// Parses \a text into \a url; on failure returns false and says why in \a error.
bool parseWsUrl(const std::string &text, WsUrl &url, std::string &error);

/// 16 random bytes in base64, as Sec-WebSocket-Key.
std::string makeWebSocketKey(std::uint64_t random1, std::uint64_t random2);
/// base64(SHA-1(key + the RFC 6455 GUID)): what Sec-WebSocket-Accept must say.
std::string expectedAccept(const std::string &key);

/// The upgrade request; \a subprotocol empty offers none.
std::string upgradeRequest(const WsUrl &url, const std::string &key, const std::string &subprotocol);

/// Checks a response head (status line and headers, up to and without the blank line): 101,
/// Upgrade: websocket, Connection: Upgrade, the right Sec-WebSocket-Accept and, when
/// \a subprotocol is set, that it was chosen. Returns an empty string when valid, otherwise what
/// was wrong (one line, for the report).
std::string validateUpgradeResponse(const std::string &head, const std::string &key,
                                    const std::string &subprotocol);

/// Appends one client frame (FIN set, \a opcode, masked with \a mask as RFC 6455 section 5.3
/// requires) carrying \a payload to \a out.
void appendClientFrame(std::string &out, int opcode, const char *payload, std::size_t size,
                       std::uint32_t mask);

enum Opcode { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

} // namespace bench
