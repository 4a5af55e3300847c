#pragma once

#include "client/chatline.h"

#include <QJsonObject>
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
        qint64 replyTo = 0;   ///< the seq of the message this one answers; 0: none
    };

    /// \a filePath: where the outbox is stored; empty keeps it in memory only.
    explicit Outbox(const QString &filePath = {});

    /// What load() could not read back.
    struct Damage
    {
        int entries = 0; ///< entries lost; -1: the whole file was unreadable
        QString keptIn;  ///< where the damaged file was kept for a person to look at
        bool isEmpty() const { return entries == 0; }
    };

    /// Reads the stored outbox. Each entry is a line of its own, so damage (a disk that tore a
    /// write, a file edited by hand) costs only the entries it touched: the others load, a copy
    /// of the damaged file is kept (".damaged"), the outbox is written again without the damage,
    /// and load() returns false with \a error and damage() saying what was lost. A file that
    /// has nothing readable is moved aside. Files of version 1 (one JSON document) still load.
    bool load(QString *error = nullptr);
    const Damage &damage() const { return m_damage; }

    /// The new entry; the reference is valid only until the outbox next changes.
    const Entry &add(const QString &text, qint64 replyTo = 0);
    /// Makes every entry a plain message: the room restarted, and the seqs its replies named
    /// belong to the old room's history.
    void clearReplies();
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

    bool loadVersion1(const QJsonObject &document);

    QString m_filePath;
    QList<Entry> m_entries;
    Damage m_damage;
};

} // namespace Parlor
