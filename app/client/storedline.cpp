#include "storedline.h"

namespace Parlor {

namespace {

const QString &emptyString()
{
    static const QString empty;
    return empty;
}

} // namespace

StoredLine::StoredLine(const ChatLine &line)
    : seq(line.seq)
    , id(line.id)
    , sender(line.sender)
    , text(line.text)
    , time(line.time)
    , m_kind(quint8(line.kind))
    , m_event(quint8(line.event))
    , m_delivery(quint8(line.delivery))
    , m_replayed(line.replayed)
    , m_mentionsMe(line.mentionsMe)
{
    // Most lines have none of the rare fields: no record, one null pointer.
    if (!line.error.isEmpty() || line.replyTo != 0 || !line.replyNick.isEmpty()
        || !line.replyText.isEmpty() || line.file) {
        m_rare = std::make_unique<Rare>(
                Rare{line.error, line.replyTo, line.replyNick, line.replyText, line.file});
    }
}

StoredLine::~StoredLine() = default;

ChatLine StoredLine::toChatLine() const
{
    ChatLine line;
    line.kind = kind();
    line.event = event();
    line.seq = seq;
    line.id = id;
    line.sender = sender;
    line.text = text;
    line.time = time;
    line.delivery = delivery();
    line.replayed = m_replayed;
    line.mentionsMe = m_mentionsMe;
    if (m_rare) {
        line.error = m_rare->error;
        line.replyTo = m_rare->replyTo;
        line.replyNick = m_rare->replyNick;
        line.replyText = m_rare->replyText;
        line.file = m_rare->file;
    }
    return line;
}

const QString &StoredLine::error() const
{
    return m_rare ? m_rare->error : emptyString();
}

void StoredLine::setError(const QString &error)
{
    if (error.isEmpty() && !m_rare)
        return;
    rare().error = error;
    dropRareIfEmpty();
}

const QString &StoredLine::replyNick() const
{
    return m_rare ? m_rare->replyNick : emptyString();
}

const QString &StoredLine::replyText() const
{
    return m_rare ? m_rare->replyText : emptyString();
}

void StoredLine::setReply(qint64 replyTo, const QString &nick, const QString &text)
{
    if (replyTo == 0 && nick.isEmpty() && text.isEmpty() && !m_rare)
        return;
    Rare &r = rare();
    r.replyTo = replyTo;
    r.replyNick = nick;
    r.replyText = text;
    dropRareIfEmpty();
}

const std::optional<FileInfo> &StoredLine::file() const
{
    static const std::optional<FileInfo> none;
    return m_rare ? m_rare->file : none;
}

void StoredLine::setFile(const std::optional<FileInfo> &file)
{
    if (!file && !m_rare)
        return;
    rare().file = file;
    dropRareIfEmpty();
}

StoredLine::Rare &StoredLine::rare()
{
    if (!m_rare)
        m_rare = std::make_unique<Rare>();
    return *m_rare;
}

void StoredLine::dropRareIfEmpty()
{
    if (m_rare && m_rare->isEmpty())
        m_rare.reset();
}

} // namespace Parlor
