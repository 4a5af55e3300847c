#pragma once

#include "client/chatsession.h"
#include "imagethumbnail.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

QT_BEGIN_NAMESPACE
class QModelIndex;
class QWidget;
QT_END_NAMESPACE

namespace Parlor {

/// The files of the room shown in the chat, for its view and delegate: fetches pictures (up to
/// autoFetchBytes) into the cache folder as they appear and keeps their thumbnails, knows the
/// progress of each upload and download, and saves or opens a file when the user asks.
/// Files are named by their key, which is unique across rooms, so one cache serves every room.
class ChatFiles : public QObject
{
    Q_OBJECT

public:
    /// Pictures up to this size are fetched without asking, for their thumbnail.
    static constexpr qint64 autoFetchBytes = 8 * 1024 * 1024;

    /// Where a row's file stands, for its card.
    struct Status
    {
        enum class Transfer { None, Uploading, Downloading, Failed };
        Transfer transfer = Transfer::None;
        qint64 done = 0;
        qint64 size = 0;
        QString error;            ///< the transfer's failure in words
        bool unavailable = false; ///< the room no longer keeps the file
    };

    explicit ChatFiles(QObject *parent = nullptr);

    /// Follows \a session (the room shown): its new pictures are fetched, its transfers shown.
    void setSession(ChatSession *session);
    ChatSession *session() const { return m_session; }

    /// The folder pictures are fetched into (QStandardPaths::CacheLocation + "/files").
    static QString cacheDir();
    /// Whether \a key has the form the protocol gives keys ("f" and 32 hex digits): a key from
    /// the room is untrusted, and it names a file in the cache folder.
    static bool isValidKey(const QString &key);
    /// Where the file \a key is kept when fetched.
    static QString cachePath(const QString &key);
    static bool isFile(const QModelIndex &index);
    /// A file the room typed as a picture (image/...).
    static bool isPicture(const QModelIndex &index);

    /// The thumbnail of \a key's picture, loaded from the cache when it is there; nullptr when
    /// there is none (yet, or refused: see thumbnailError()).
    const QImage *thumbnail(const QString &key) const;
    /// Why the picture \a key has no thumbnail although it was fetched (too large, damaged).
    QString thumbnailError(const QString &key) const;
    /// How many thumbnails are kept.
    int thumbnailCount() const { return int(m_thumbnails.size()); }
    Status status(const QModelIndex &index) const;

    /// Asks where to save the file in \a index (QFileDialog, in the downloads folder, which asks
    /// before replacing a file) and saves it there.
    void save(const QModelIndex &index, QWidget *dialogParent);
    /// Saves the file in \a index to \a path (replacing it: the user was asked); false when it
    /// cannot start.
    bool saveTo(const QModelIndex &index, const QString &path);
    /// Opens a fetched picture in the system's viewer; anything else is saved (save()).
    void activate(const QModelIndex &index, QWidget *dialogParent);

signals:
    /// The card of \a key looks different now (a thumbnail arrived, the file is gone); its
    /// height may have changed.
    void fileChanged(const QString &key);
    /// A transfer moved on: progress bars need painting.
    void progressChanged();
    /// Something for the status bar ("Saved report.pdf").
    void statusMessage(const QString &text);
    /// A picture is being opened in the system's viewer (QDesktopServices).
    void pictureOpened(const QUrl &url);

private:
    void scanRows(int first, int last);
    void fetch(const QModelIndex &index);
    void onFileSaved(const QString &key, const QString &path);
    void onTransferFailed(ChatSession *session, const QString &idOrKey, const QString &reason);
    void loadThumbnail(const QString &key) const;

    void follow(ChatSession *session);

    QPointer<ChatSession> m_session;
    QList<QMetaObject::Connection> m_links;
    /// Every session whose file signals are followed (a fetch goes on in a room not shown).
    QSet<const ChatSession *> m_followed;
    QSet<QString> m_fetching;
    QSet<QString> m_unavailable;
    /// A save asked for while the picture was being fetched anyway: copied when it is.
    QHash<QString, QString> m_saveAfterFetch;
    mutable QHash<QString, QImage> m_thumbnails;
    mutable QHash<QString, QString> m_thumbnailErrors;
};

} // namespace Parlor
