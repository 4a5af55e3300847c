#include "chatfiles.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/filenames.h"
#include "client/messagemodel.h"
#include "client/transfermodel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace Parlor {

ChatFiles::ChatFiles(QObject *parent)
    : QObject(parent)
{}

QString ChatFiles::cacheDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
           + QStringLiteral("/files");
}

bool ChatFiles::isValidKey(const QString &key)
{
    static const QRegularExpression pattern(QStringLiteral("^f[0-9a-f]{32}$"));
    return pattern.match(key).hasMatch();
}

QString ChatFiles::cachePath(const QString &key)
{
    return cacheDir() + u'/' + key;
}

bool ChatFiles::isFile(const QModelIndex &index)
{
    return index.isValid() && index.data(MessageModel::IsFileRole).toBool();
}

bool ChatFiles::isPicture(const QModelIndex &index)
{
    return isFile(index)
           && index.data(MessageModel::FileMimeRole).toString().startsWith(QLatin1String("image/"));
}

void ChatFiles::setSession(ChatSession *session)
{
    for (const QMetaObject::Connection &link : std::as_const(m_links))
        disconnect(link);
    m_links.clear();
    m_session = session;
    if (!session)
        return;
    follow(session);
    MessageModel *messages = session->messages();
    m_links << connect(messages, &QAbstractItemModel::rowsInserted, this,
                       [this](const QModelIndex &, int first, int last) { scanRows(first, last); });
    // An own upload gets its key when the room announces it; a reset brings the history anew.
    m_links << connect(messages, &QAbstractItemModel::dataChanged, this,
                       [this](const QModelIndex &tl, const QModelIndex &br) {
                           scanRows(tl.row(), br.row());
                       });
    m_links << connect(messages, &QAbstractItemModel::modelReset, this,
                       [this] { scanRows(0, m_session->messages()->rowCount() - 1); });
    TransferModel *transfers = session->transfers();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        m_links << connect(transfers, signal, this, &ChatFiles::progressChanged);
    m_links << connect(transfers, &QAbstractItemModel::dataChanged, this,
                       &ChatFiles::progressChanged);
    scanRows(0, messages->rowCount() - 1);
}

void ChatFiles::follow(ChatSession *session)
{
    if (m_followed.contains(session))
        return;
    m_followed.insert(session);
    connect(session, &QObject::destroyed, this, [this, session] { m_followed.remove(session); });
    connect(session, &ChatSession::fileSaved, this, &ChatFiles::onFileSaved);
    connect(session, &ChatSession::transferFailed, this,
            [this, session](const QString &idOrKey, const QString &reason) {
                onTransferFailed(session, idOrKey, reason);
            });
}

void ChatFiles::scanRows(int first, int last)
{
    if (!m_session)
        return;
    const MessageModel *messages = m_session->messages();
    for (int row = std::max(0, first); row <= last && row < messages->rowCount(); ++row) {
        const QModelIndex index = messages->index(row, 0);
        if (isPicture(index))
            fetch(index);
    }
}

void ChatFiles::fetch(const QModelIndex &index)
{
    const QString key = index.data(MessageModel::FileKeyRole).toString();
    if (!isValidKey(key) || m_fetching.contains(key) || m_unavailable.contains(key)
        || index.data(MessageModel::FileSizeRole).toLongLong() > autoFetchBytes)
        return;
    const QString path = cachePath(key);
    if (QFileInfo::exists(path))
        return; // fetched before (in this room or another, in this run or an earlier one)
    if (!QDir().mkpath(cacheDir()))
        return;
    // My own picture is on this computer already: no need to fetch it back from the room.
    const TransferModel *transfers = m_session->transfers();
    const int upload = transfers->rowOfUpload(index.data(MessageModel::IdRole).toString());
    if (upload >= 0) {
        const QString source = transfers->index(upload, 0).data(TransferModel::PathRole).toString();
        if (!source.isEmpty() && QFile::copy(source, path)) {
            emit fileChanged(key);
            return;
        }
    }
    if (m_session->download(key, path))
        m_fetching.insert(key);
}

void ChatFiles::onFileSaved(const QString &key, const QString &path)
{
    const bool fetched = m_fetching.remove(key);
    if (fetched || path == cachePath(key)) {
        m_thumbnails.remove(key);
        m_thumbnailErrors.remove(key);
        const QString saveTo = m_saveAfterFetch.take(key);
        if (!saveTo.isEmpty()) {
            QFile::remove(saveTo); // the dialog asked before replacing it
            if (QFile::copy(path, saveTo))
                emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(saveTo)));
        }
        emit fileChanged(key);
        return;
    }
    emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    emit progressChanged();
}

void ChatFiles::onTransferFailed(ChatSession *session, const QString &idOrKey, const QString &reason)
{
    m_fetching.remove(idOrKey);
    m_saveAfterFetch.remove(idOrKey);
    // The reason is in words; the model has its code.
    const TransferModel *transfers = session->transfers();
    int row = transfers->rowOfDownload(idOrKey);
    if (row < 0)
        row = transfers->rowOfUpload(idOrKey);
    const QModelIndex t = row >= 0 ? transfers->index(row, 0) : QModelIndex();
    if (t.isValid() && t.data(TransferModel::ErrorRole).toString() == QLatin1String("no-file")) {
        m_unavailable.insert(idOrKey);
        emit fileChanged(idOrKey);
        return;
    }
    const bool cancelled = t.isValid()
                           && TransferModel::State(t.data(TransferModel::StateRole).toInt())
                                      == TransferModel::State::Cancelled;
    if (!cancelled) {
        const QString name = t.isValid() ? t.data(TransferModel::NameRole).toString() : QString();
        emit statusMessage(name.isEmpty()
                                   ? tr("The transfer failed: %1").arg(reason)
                                   //: %1: the file's name, %2: why.
                                   : tr("%1 could not be sent or received: %2").arg(name, reason));
    }
    emit progressChanged();
}

void ChatFiles::loadThumbnail(const QString &key) const
{
    const QString path = cachePath(key);
    if (!isValidKey(key) || m_fetching.contains(key) || !QFileInfo::exists(path))
        return;
    const ImageThumbnail t = ImageThumbnail::load(path);
    if (t.isValid())
        m_thumbnails.insert(key, t.image());
    else
        m_thumbnailErrors.insert(key, t.errorText());
}

const QImage *ChatFiles::thumbnail(const QString &key) const
{
    if (!m_thumbnails.contains(key) && !m_thumbnailErrors.contains(key))
        loadThumbnail(key);
    const auto it = m_thumbnails.constFind(key);
    return it == m_thumbnails.cend() ? nullptr : &*it;
}

QString ChatFiles::thumbnailError(const QString &key) const
{
    if (!m_thumbnails.contains(key) && !m_thumbnailErrors.contains(key))
        loadThumbnail(key);
    return m_thumbnailErrors.value(key);
}

ChatFiles::Status ChatFiles::status(const QModelIndex &index) const
{
    Status s;
    const QString key = index.data(MessageModel::FileKeyRole).toString();
    s.size = index.data(MessageModel::FileSizeRole).toLongLong();
    s.unavailable = !key.isEmpty() && m_unavailable.contains(key);
    if (!m_session)
        return s;
    const TransferModel *transfers = m_session->transfers();
    int row = -1;
    if (ChatLine::Kind(index.data(MessageModel::KindRole).toInt()) == ChatLine::Kind::Own)
        row = transfers->rowOfUpload(index.data(MessageModel::IdRole).toString());
    // Once the room announced a file (an own upload too), what matters is its download.
    if (!key.isEmpty()) {
        const int download = transfers->rowOfDownload(key);
        if (download >= 0)
            row = download;
    }
    if (row < 0)
        return s;
    const QModelIndex t = transfers->index(row, 0);
    const auto state = TransferModel::State(t.data(TransferModel::StateRole).toInt());
    const auto direction = TransferModel::Direction(t.data(TransferModel::DirectionRole).toInt());
    s.done = t.data(TransferModel::DoneRole).toLongLong();
    s.size = t.data(TransferModel::SizeRole).toLongLong();
    switch (state) {
    case TransferModel::State::Waiting:
    case TransferModel::State::Running:
        s.transfer = direction == TransferModel::Direction::Upload ? Status::Transfer::Uploading
                                                                   : Status::Transfer::Downloading;
        break;
    case TransferModel::State::Failed:
        if (t.data(TransferModel::ErrorRole).toString() == QLatin1String("no-file")) {
            s.unavailable = true;
        } else {
            s.transfer = Status::Transfer::Failed;
            s.error = t.data(TransferModel::ErrorTextRole).toString();
        }
        break;
    case TransferModel::State::Done:
    case TransferModel::State::Cancelled:
        break;
    }
    return s;
}

bool ChatFiles::saveTo(const QModelIndex &index, const QString &path)
{
    const QString key = index.data(MessageModel::FileKeyRole).toString();
    if (!m_session || key.isEmpty() || path.isEmpty())
        return false;
    if (m_fetching.contains(key)) {
        m_saveAfterFetch.insert(key, path);
        return true;
    }
    const QString cached = cachePath(key);
    if (isValidKey(key) && QFileInfo::exists(cached)) {
        // A fetched picture: a copy, not the room's bytes once more.
        QFile::remove(path);
        if (!QFile::copy(cached, path))
            return false;
        emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
        return true;
    }
    return m_session->download(key, path, true);
}

void ChatFiles::save(const QModelIndex &index, QWidget *dialogParent)
{
    if (!isFile(index) || index.data(MessageModel::FileKeyRole).toString().isEmpty())
        return;
    const QString name = safeFileName(index.data(MessageModel::FileNameRole).toString());
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    // The dialog asks before replacing a file; what it returns the user chose.
    const QString path = QFileDialog::getSaveFileName(dialogParent, tr("Save File"),
                                                      QDir(folder).filePath(name));
    if (path.isEmpty())
        return;
    if (!saveTo(index, path))
        emit statusMessage(tr("Could not save %1").arg(QDir::toNativeSeparators(path)));
}

void ChatFiles::activate(const QModelIndex &index, QWidget *dialogParent)
{
    if (!isFile(index))
        return;
    const QString key = index.data(MessageModel::FileKeyRole).toString();
    if (isPicture(index) && isValidKey(key) && thumbnail(key)) {
        const QUrl url = QUrl::fromLocalFile(cachePath(key));
        emit pictureOpened(url);
        QDesktopServices::openUrl(url);
        return;
    }
    save(index, dialogParent);
}

} // namespace Parlor
