#pragma once

#include "client/chatline.h"

#include <QList>
#include <QString>

namespace Parlor {

/// What the user sent that the room has not confirmed yet, kept on disk so that neither a
/// dropped connection nor a restart of the app loses it. Entries leave the outbox once delivered.
class Outbox
{
public:
    struct Entry
    {
        QString id;
        QString text;
        ChatLine::Delivery state = ChatLine::Delivery::Queued;
        QString error;
        qint64 createdMs = 0; ///< wall time, ms since the epoch
    };

    /// \a filePath: where the outbox is stored; empty keeps it in memory only.
    explicit Outbox(const QString &filePath = {});

    /// Reads the stored outbox. A damaged file is moved aside (".damaged") and reported.
    bool load(QString *error = nullptr);

    /// The new entry; the reference is valid only until the outbox next changes.
    const Entry &add(const QString &text);
    void setState(const QString &id, ChatLine::Delivery state, const QString &error = {});
    void remove(const QString &id);
    const Entry *find(const QString &id) const;
    const QList<Entry> &entries() const { return m_entries; }
    /// Queued and sent entries, oldest first: what must go (again) to the room.
    QList<Entry> pending() const;
    QString filePath() const { return m_filePath; }

    /// The default place for the outbox of a room URL, under the app's data directory.
    static QString defaultPath(const QString &roomUrl);
    static QString newId();

private:
    void save();

    QString m_filePath;
    QList<Entry> m_entries;
};

} // namespace Parlor
