#include "stompframe.h"

#include <array>

namespace Parlor {

namespace {

struct CommandName
{
    StompFrame::Command command;
    const char *name;
};

constexpr std::array<CommandName, 15> commandNames{{
        {StompFrame::Command::Connect, "CONNECT"},
        {StompFrame::Command::Stomp, "STOMP"},
        {StompFrame::Command::Send, "SEND"},
        {StompFrame::Command::Subscribe, "SUBSCRIBE"},
        {StompFrame::Command::Unsubscribe, "UNSUBSCRIBE"},
        {StompFrame::Command::Ack, "ACK"},
        {StompFrame::Command::Nack, "NACK"},
        {StompFrame::Command::Begin, "BEGIN"},
        {StompFrame::Command::Commit, "COMMIT"},
        {StompFrame::Command::Abort, "ABORT"},
        {StompFrame::Command::Disconnect, "DISCONNECT"},
        {StompFrame::Command::Connected, "CONNECTED"},
        {StompFrame::Command::Message, "MESSAGE"},
        {StompFrame::Command::Receipt, "RECEIPT"},
        {StompFrame::Command::Error, "ERROR"},
}};

} // namespace

QByteArray StompFrame::commandName(Command command)
{
    for (const CommandName &c : commandNames) {
        if (c.command == command)
            return QByteArray(c.name);
    }
    return {};
}

StompFrame::Command StompFrame::commandFromName(const QByteArray &name)
{
    for (const CommandName &c : commandNames) {
        if (name == c.name)
            return c.command;
    }
    return Command::Invalid;
}

bool StompFrame::escapesHeaders(Command command)
{
    return command != Command::Connect && command != Command::Stomp
           && command != Command::Connected;
}

QByteArray StompFrame::header(const QByteArray &name, const QByteArray &defaultValue) const
{
    for (const Header &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return defaultValue;
}

bool StompFrame::hasHeader(const QByteArray &name) const
{
    for (const Header &h : headers) {
        if (h.first == name)
            return true;
    }
    return false;
}

void StompFrame::addHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
}

void StompFrame::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&](const Header &h) { return h.first == name; });
    headers.append({name, value});
}

QByteArray StompFrame::escape(const QByteArray &raw)
{
    QByteArray out;
    out.reserve(raw.size());
    for (const char c : raw) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\n':
            out += "\\n";
            break;
        case ':':
            out += "\\c";
            break;
        default:
            out += c;
        }
    }
    return out;
}

bool StompFrame::canEncode() const
{
    if (command == Command::Invalid)
        return false;
    const bool escaped = escapesHeaders(command);
    for (const Header &h : headers) {
        if (h.first.isEmpty())
            return false;
        if (escaped)
            continue;
        if (h.first.contains(':') || h.first.contains('\r') || h.first.contains('\n')
            || h.second.contains('\r') || h.second.contains('\n')) {
            return false;
        }
    }
    return true;
}

QByteArray StompFrame::encode() const
{
    const bool escaped = escapesHeaders(command);
    QByteArray out = commandName(command);
    out += '\n';
    for (const Header &h : headers) {
        // Written by us from body.size() below: a caller's value could disagree with the body.
        if (h.first == "content-length")
            continue;
        out += escaped ? escape(h.first) : h.first;
        out += ':';
        out += escaped ? escape(h.second) : h.second;
        out += '\n';
    }
    if (!body.isEmpty()) {
        out += "content-length:";
        out += QByteArray::number(body.size());
        out += '\n';
    }
    out += '\n';
    out += body;
    out += '\0';
    return out;
}

} // namespace Parlor
