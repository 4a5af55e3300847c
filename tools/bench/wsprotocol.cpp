#include "wsprotocol.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

namespace bench {

namespace {

std::string base64(const unsigned char *data, std::size_t size)
{
    std::string out(4 * ((size + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()), data,
                                        static_cast<int>(size));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string trim(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

bool hasToken(const std::string &list, const std::string &token)
{
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = list.find(',', start);
        const std::string item = trim(
                list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (lower(item) == token)
            return true;
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return false;
}

} // namespace

bool parseWsUrl(const std::string &text, WsUrl &url, std::string &error)
{
    const std::string scheme = "ws://";
    if (lower(text.substr(0, 6)) == "wss://") {
        error = "wss:// is not supported (parlor-bench measures plain ws:// servers)";
        return false;
    }
    if (lower(text.substr(0, scheme.size())) != scheme) {
        error = "the URL must start with ws://";
        return false;
    }
    const std::string rest = text.substr(scheme.size());
    const auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    url.path = slash == std::string::npos ? "/" : rest.substr(slash);
    url.hostHeader = authority;
    std::string portText;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string::npos) {
            error = "an IPv6 address needs its closing ]";
            return false;
        }
        url.host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            portText = authority.substr(close + 2);
    } else {
        const auto colon = authority.rfind(':');
        url.host = authority.substr(0, colon);
        if (colon != std::string::npos)
            portText = authority.substr(colon + 1);
    }
    if (url.host.empty()) {
        error = "the URL has no host";
        return false;
    }
    url.port = 80;
    if (!portText.empty()) {
        char *end = nullptr;
        const long port = std::strtol(portText.c_str(), &end, 10);
        if (*end != '\0' || port < 1 || port > 65535) {
            error = "\"" + portText + "\" is not a port number";
            return false;
        }
        url.port = static_cast<std::uint16_t>(port);
    }
    return true;
}

std::string makeWebSocketKey(std::uint64_t random1, std::uint64_t random2)
{
    unsigned char bytes[16];
    std::memcpy(bytes, &random1, 8);
    std::memcpy(bytes + 8, &random2, 8);
    return base64(bytes, sizeof bytes);
}

std::string expectedAccept(const std::string &key)
{
    const std::string input = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char *>(input.data()), input.size(), digest);
    return base64(digest, sizeof digest);
}

std::string upgradeRequest(const WsUrl &url, const std::string &key, const std::string &subprotocol)
{
    std::string request = "GET " + url.path + " HTTP/1.1\r\nHost: " + url.hostHeader
                          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                          + key + "\r\nSec-WebSocket-Version: 13\r\n";
    if (!subprotocol.empty())
        request += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
    request += "\r\n";
    return request;
}

std::string validateUpgradeResponse(const std::string &head, const std::string &key,
                                    const std::string &subprotocol)
{
    const auto lineEnd = head.find("\r\n");
    const std::string statusLine = head.substr(0, lineEnd);
    if (statusLine.compare(0, 9, "HTTP/1.1 ") != 0)
        return "not an HTTP/1.1 response: \"" + statusLine.substr(0, 60) + "\"";
    if (statusLine.compare(9, 3, "101") != 0)
        return "the server answered \"" + statusLine.substr(9, 60) + "\" instead of 101";
    std::string upgrade, connection, accept, protocol;
    bool sawAccept = false;
    std::size_t start = lineEnd == std::string::npos ? head.size() : lineEnd + 2;
    while (start < head.size()) {
        auto end = head.find("\r\n", start);
        if (end == std::string::npos)
            end = head.size();
        const std::string line = head.substr(start, end - start);
        start = end + 2;
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        const std::string name = lower(trim(line.substr(0, colon)));
        const std::string value = trim(line.substr(colon + 1));
        if (name == "upgrade")
            upgrade = value;
        else if (name == "connection")
            connection = value;
        else if (name == "sec-websocket-accept") {
            accept = value;
            sawAccept = true;
        } else if (name == "sec-websocket-protocol")
            protocol = value;
    }
    if (lower(upgrade) != "websocket")
        return "the 101 has no \"Upgrade: websocket\"";
    if (!hasToken(connection, "upgrade"))
        return "the 101 has no \"Connection: Upgrade\"";
    if (!sawAccept)
        return "the 101 has no Sec-WebSocket-Accept";
    if (accept != expectedAccept(key))
        return "wrong Sec-WebSocket-Accept \"" + accept.substr(0, 40) + "\" (expected \""
               + expectedAccept(key) + "\")";
    if (!subprotocol.empty() && protocol != subprotocol)
        return "the server did not choose the subprotocol " + subprotocol
               + (protocol.empty() ? std::string(" (it chose none)")
                                   : " (it chose " + protocol.substr(0, 40) + ")");
    return {};
}

void appendClientFrame(std::string &out, int opcode, const char *payload, std::size_t size,
                       std::uint32_t mask)
{
    unsigned char header[14];
    std::size_t length = 0;
    header[length++] = static_cast<unsigned char>(0x80 | (opcode & 0x0f));
    if (size < 126) {
        header[length++] = static_cast<unsigned char>(0x80 | size);
    } else if (size <= 0xffff) {
        header[length++] = 0x80 | 126;
        header[length++] = static_cast<unsigned char>(size >> 8);
        header[length++] = static_cast<unsigned char>(size);
    } else {
        header[length++] = 0x80 | 127;
        for (int shift = 56; shift >= 0; shift -= 8)
            header[length++] = static_cast<unsigned char>(static_cast<std::uint64_t>(size) >> shift);
    }
    unsigned char key[4];
    std::memcpy(key, &mask, 4);
    std::memcpy(header + length, key, 4);
    length += 4;
    const std::size_t at = out.size();
    out.append(reinterpret_cast<const char *>(header), length);
    out.append(payload, size);
    char *body = out.data() + at + length;
    for (std::size_t i = 0; i < size; ++i)
        body[i] = static_cast<char>(body[i] ^ key[i & 3]);
}

} // namespace bench
