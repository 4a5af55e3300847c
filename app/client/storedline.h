#pragma once

#include "chatline.h"

#include <memory>

namespace Parlor {

/// One chat line as MessageModel keeps it: ChatLine's facts in about a third of the room.
///
/// ChatLine stays the value the session builds and callers read (its fields are set and read
/// all over the client, the views and the tests); only the model's own copy is packed. Most
/// lines are plain messages: the fields only a few lines have (a delivery error, a reply's
/// quote, a shared file) live in one record behind a pointer, null for most lines, and the
/// enums and flags take a byte each. A million lines then cost about 100 MB less.
class StoredLine
{
public:
    StoredLine() = default;
    explicit StoredLine(const ChatLine &line);
    StoredLine(StoredLine &&) noexcept = default;
    StoredLine &operator=(StoredLine &&) noexcept = default;
    ~StoredLine();

    /// The line as a ChatLine again, field for field.
    ChatLine toChatLine() const;

    // The fields every line has, as in ChatLine.
    qint64 seq = 0;
    QString id;
    QString sender;
    QString text;
    QDateTime time;

    ChatLine::Kind kind() const { return ChatLine::Kind(m_kind); }
    ChatLine::Event event() const { return ChatLine::Event(m_event); }
    ChatLine::Delivery delivery() const { return ChatLine::Delivery(m_delivery); }
    void setDelivery(ChatLine::Delivery delivery) { m_delivery = quint8(delivery); }
    bool replayed() const { return m_replayed; }
    bool mentionsMe() const { return m_mentionsMe; }

    // The rare fields: empty (0, no file) when the line has none.
    const QString &error() const;
    void setError(const QString &error);
    qint64 replyTo() const { return m_rare ? m_rare->replyTo : 0; }
    const QString &replyNick() const;
    const QString &replyText() const;
    void setReply(qint64 replyTo, const QString &nick, const QString &text);
    const std::optional<FileInfo> &file() const;
    void setFile(const std::optional<FileInfo> &file);
    /// Whether the line keeps a record of rare fields (most lines do not: that is the saving).
    bool hasRareFields() const { return bool(m_rare); }

private:
    struct Rare
    {
        QString error;
        qint64 replyTo = 0;
        QString replyNick;
        QString replyText;
        std::optional<FileInfo> file;

        bool isEmpty() const
        {
            return error.isEmpty() && replyTo == 0 && replyNick.isEmpty() && replyText.isEmpty()
                   && !file;
        }
    };

    /// The rare record, made when a field is first set.
    Rare &rare();
    /// Drops the rare record once nothing is left in it.
    void dropRareIfEmpty();

    std::unique_ptr<Rare> m_rare;
    quint8 m_kind = quint8(ChatLine::Kind::Chat);
    quint8 m_event = quint8(ChatLine::Event::None);
    quint8 m_delivery = quint8(ChatLine::Delivery::None);
    bool m_replayed = false;
    bool m_mentionsMe = false;
};

} // namespace Parlor
