#include "filetransfers.h"

#include "connectionmanager.h"
#include "core/logging.h"
#include "protocol/codec.h"

#include <QDir>
#include <QFileInfo>

namespace Parlor {

namespace {

// What a room announces when it leaves fileChunkBytes out but takes files (it should not).
constexpr int defaultChunkBytes = 32768;

} // namespace

struct FileTransfers::Upload
{
    enum class Phase {
        NeedsOffer, ///< to be offered on this connection (takeOffer())
        Offered,    ///< file-offer sent, file-ready awaited
        Sending,    ///< chunks go as the window allows
        Finished,   ///< delivered, failed or cancelled: nothing more happens
    };

    FileOffer offer;
    QString path;    ///< empty: the bytes are in data
    QByteArray data; ///< shared data (a pasted picture)
    std::unique_ptr<QFile> file;
    Phase phase = Phase::NeedsOffer;
    qint64 next = 0;            ///< where the next chunk starts
    QList<qint64> inFlightEnds; ///< the end of each chunk sent but not yet reported
    bool reofferedForBadChunk = false;
};

struct FileTransfers::Download
{
    FileInfo file;
    QString destination;
    bool overwrite = false;
    QFile part;
    qint64 written = 0;   ///< bytes in the .part file, all in order
    qint64 requested = 0; ///< where the next file-get starts
    int outstanding = 0;  ///< file-gets unanswered on this connection
    bool finished = false;
};

FileTransfers::FileTransfers(ConnectionManager *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{}

FileTransfers::~FileTransfers()
{
    // A half-written download is no file: leave nothing behind that looks like one.
    for (const auto &d : std::as_const(m_downloads)) {
        if (!d->finished)
            d->part.remove();
    }
}

void FileTransfers::addUpload(const FileOffer &offer, const QString &path, const QByteArray &data)
{
    auto upload = std::make_shared<Upload>();
    upload->offer = offer;
    upload->path = path;
    upload->data = data;
    m_uploads.insert(offer.id, upload);
    m_uploadOrder.append(offer.id);
    TransferModel::Transfer row;
    row.direction = TransferModel::Direction::Upload;
    row.id = offer.id;
    row.name = offer.name;
    row.size = offer.size;
    row.path = path;
    m_model.add(row);
    if (m_joined) {
        // Checked again now, since the limits may have changed since the caller looked.
        if (m_limits.maxFileBytes <= 0) {
            failUpload(*upload, QStringLiteral("no-files"));
            return;
        }
        if (offer.size > m_limits.maxFileBytes) {
            failUpload(*upload, QStringLiteral("too-large"));
            return;
        }
    }
    emit offerWaiting();
}

bool FileTransfers::addDownload(const FileInfo &file, const QString &destination, bool overwrite,
                                QString *error)
{
    auto fail = [error](const char *code) {
        if (error)
            *error = QString::fromLatin1(code);
        return false;
    };
    if (const auto it = m_downloads.constFind(file.key);
        it != m_downloads.cend() && !(*it)->finished)
        return fail("busy");
    const QFileInfo target(destination);
    if (destination.isEmpty() || !target.absoluteDir().exists())
        return fail("no-folder");
    // Never overwrite without being asked: the caller asked the user (or chose a new name).
    if (target.exists() && (!overwrite || target.isDir()))
        return fail("exists");

    auto download = std::make_shared<Download>();
    download->file = file;
    download->destination = target.absoluteFilePath();
    download->overwrite = overwrite;
    download->part.setFileName(download->destination + QStringLiteral(".part"));
    if (!download->part.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail("write-failed");
    m_downloads.insert(file.key, download);
    TransferModel::Transfer row;
    row.direction = TransferModel::Direction::Download;
    row.id = file.key;
    row.name = file.name;
    row.size = file.size;
    row.path = download->destination;
    m_model.add(row);
    if (file.size <= 0)
        finishDownload(*download);
    else
        pumpDownload(*download);
    return true;
}

bool FileTransfers::cancel(const QString &idOrKey)
{
    if (const auto it = m_uploads.constFind(idOrKey); it != m_uploads.cend()) {
        Upload &u = **it;
        if (u.phase == Upload::Phase::Finished)
            return false;
        u.phase = Upload::Phase::Finished;
        u.file.reset();
        u.data.clear();
        m_model.setState(m_model.rowOfUpload(idOrKey), TransferModel::State::Cancelled);
        return true;
    }
    if (const auto it = m_downloads.constFind(idOrKey); it != m_downloads.cend()) {
        Download &d = **it;
        if (d.finished)
            return false;
        d.finished = true;
        d.part.remove();
        m_model.setState(m_model.rowOfDownload(idOrKey), TransferModel::State::Cancelled);
        return true;
    }
    return false;
}

bool FileTransfers::isActiveUpload(const QString &id) const
{
    const auto it = m_uploads.constFind(id);
    return it != m_uploads.cend() && (*it)->phase != Upload::Phase::Finished;
}

int FileTransfers::activeUploads() const
{
    int n = 0;
    for (const auto &u : m_uploads)
        n += u->phase != Upload::Phase::Finished;
    return n;
}

void FileTransfers::joined(const RoomLimits &limits)
{
    m_limits = limits;
    m_joined = true;
    bool offers = false;
    for (const QString &id : std::as_const(m_uploadOrder)) {
        Upload &u = *m_uploads.value(id);
        if (u.phase == Upload::Phase::Finished)
            continue;
        if (limits.maxFileBytes <= 0) {
            failUpload(u, QStringLiteral("no-files"));
        } else if (u.offer.size > limits.maxFileBytes) {
            failUpload(u, QStringLiteral("too-large"));
        } else {
            u.phase = Upload::Phase::NeedsOffer;
            u.inFlightEnds.clear();
            offers = true;
        }
    }
    for (const auto &d : std::as_const(m_downloads))
        pumpDownload(*d);
    if (offers)
        emit offerWaiting();
}

void FileTransfers::disconnected()
{
    m_joined = false;
    for (const auto &u : std::as_const(m_uploads)) {
        if (u->phase == Upload::Phase::Finished)
            continue;
        // Where to go on is the room's to say (file-ready), after the next offer.
        u->phase = Upload::Phase::NeedsOffer;
        u->inFlightEnds.clear();
        m_model.setState(m_model.rowOfUpload(u->offer.id), TransferModel::State::Waiting);
    }
    for (const auto &d : std::as_const(m_downloads)) {
        if (d->finished)
            continue;
        // Answers still on their way died with the connection: ask again from what we have.
        d->outstanding = 0;
        d->requested = d->written;
        m_model.setState(m_model.rowOfDownload(d->file.key), TransferModel::State::Waiting);
    }
}

std::optional<FileOffer> FileTransfers::takeOffer()
{
    if (!m_joined)
        return std::nullopt;
    for (const QString &id : std::as_const(m_uploadOrder)) {
        Upload &u = *m_uploads.value(id);
        if (u.phase == Upload::Phase::NeedsOffer) {
            u.phase = Upload::Phase::Offered;
            return u.offer;
        }
    }
    return std::nullopt;
}

bool FileTransfers::hasOfferWaiting() const
{
    if (!m_joined)
        return false;
    for (const auto &u : m_uploads) {
        if (u->phase == Upload::Phase::NeedsOffer)
            return true;
    }
    return false;
}

void FileTransfers::onReady(const FileReady &ready)
{
    const auto it = m_uploads.constFind(ready.id);
    if (it == m_uploads.cend() || (*it)->phase == Upload::Phase::Finished)
        return;
    Upload &u = **it;
    if (ready.received < 0 || ready.received > u.offer.size) {
        failUpload(u, QStringLiteral("bad-data"));
        return;
    }
    // The room says where to go on: 0 for a new upload, more after a reconnect.
    u.phase = Upload::Phase::Sending;
    u.next = ready.received;
    u.inFlightEnds.clear();
    const int row = m_model.rowOfUpload(u.offer.id);
    m_model.setDone(row, ready.received);
    m_model.setState(row, TransferModel::State::Running);
    pumpUpload(u);
}

void FileTransfers::onProgress(const FileProgress &progress)
{
    const auto it = m_uploads.constFind(progress.id);
    if (it == m_uploads.cend() || (*it)->phase != Upload::Phase::Sending)
        return;
    Upload &u = **it;
    while (!u.inFlightEnds.isEmpty() && u.inFlightEnds.constFirst() <= progress.received)
        u.inFlightEnds.removeFirst();
    u.reofferedForBadChunk = false;
    m_model.setDone(m_model.rowOfUpload(u.offer.id), progress.received);
    pumpUpload(u);
}

void FileTransfers::pumpUpload(Upload &u)
{
    if (!m_joined || u.phase != Upload::Phase::Sending)
        return;
    const int chunkBytes = m_limits.fileChunkBytes > 0 ? m_limits.fileChunkBytes
                                                       : defaultChunkBytes;
    if (!u.path.isEmpty() && !u.file) {
        u.file = std::make_unique<QFile>(u.path);
        if (!u.file->open(QIODevice::ReadOnly)) {
            failUpload(u, QStringLiteral("unreadable"));
            return;
        }
    }
    while (u.inFlightEnds.size() < window && u.next < u.offer.size) {
        const qint64 length = std::min<qint64>(chunkBytes, u.offer.size - u.next);
        QByteArray bytes;
        if (u.file) {
            // Read by chunks, as they go: a large file never sits in memory. A file that is
            // not the size it was offered at would arrive as something else: stop.
            if (u.file->size() != u.offer.size) {
                failUpload(u, QStringLiteral("file-changed"));
                return;
            }
            if (!u.file->seek(u.next)) {
                failUpload(u, QStringLiteral("unreadable"));
                return;
            }
            bytes = u.file->read(length);
            if (bytes.size() != length) {
                failUpload(u, QStringLiteral("file-changed"));
                return;
            }
        } else {
            bytes = u.data.mid(u.next, length);
        }
        const FileChunk chunk{u.offer.id, u.next, bytes};
        // The inspector shows what went, not 40 kB of base64 per chunk.
        const QString preview
                = QStringLiteral(
                          R"({"type":"file-chunk","id":"%1","offset":%2,"data":"<%3 bytes>"})")
                          .arg(u.offer.id)
                          .arg(u.next)
                          .arg(length);
        if (m_connection->sendText(QString::fromUtf8(Codec::encode(ClientMessage{chunk})), preview)
            < 0)
            return; // closed: disconnected() follows
        u.next += length;
        u.inFlightEnds.append(u.next);
    }
}

void FileTransfers::failUpload(Upload &u, const QString &code)
{
    qCInfo(lcClient).noquote() << "upload" << u.offer.id << "failed:" << code;
    u.phase = Upload::Phase::Finished;
    u.file.reset();
    u.data.clear();
    m_model.setState(m_model.rowOfUpload(u.offer.id), TransferModel::State::Failed, code);
    emit uploadFailed(u.offer.id, code);
    emit transferFailed(u.offer.id, TransferModel::errorText(code));
}

void FileTransfers::delivered(const QString &id)
{
    const auto it = m_uploads.constFind(id);
    if (it == m_uploads.cend())
        return;
    Upload &u = **it;
    if (u.phase == Upload::Phase::Finished
        && m_model.transfer(m_model.rowOfUpload(id)).state == TransferModel::State::Done)
        return;
    u.phase = Upload::Phase::Finished;
    u.file.reset();
    u.data.clear();
    const int row = m_model.rowOfUpload(id);
    m_model.setDone(row, u.offer.size);
    m_model.setState(row, TransferModel::State::Done);
}

void FileTransfers::pumpDownload(Download &d)
{
    if (!m_joined || d.finished)
        return;
    const int chunkBytes = m_limits.fileChunkBytes > 0 ? m_limits.fileChunkBytes
                                                       : defaultChunkBytes;
    m_model.setState(m_model.rowOfDownload(d.file.key), TransferModel::State::Running);
    while (d.outstanding < window && d.requested < d.file.size) {
        const qint64 length = std::min<qint64>(chunkBytes, d.file.size - d.requested);
        const FileGet get{d.file.key, d.requested, int(length)};
        if (m_connection->sendText(QString::fromUtf8(Codec::encode(ClientMessage{get}))) < 0)
            return;
        d.requested += length;
        ++d.outstanding;
    }
}

void FileTransfers::onData(const FileData &data)
{
    const auto it = m_downloads.constFind(data.key);
    if (it == m_downloads.cend() || (*it)->finished)
        return;
    Download &d = **it;
    d.outstanding = std::max(0, d.outstanding - 1);
    if (data.offset != d.written) {
        // Not the bytes that come next (an answer from before a resume): ask again from what
        // is written once nothing is in flight any more.
        if (d.outstanding == 0) {
            d.requested = d.written;
            pumpDownload(d);
        }
        return;
    }
    if (data.data.isEmpty() || d.written + data.data.size() > d.file.size) {
        failDownload(d, QStringLiteral("bad-data"));
        return;
    }
    if (d.part.write(data.data) != data.data.size()) {
        failDownload(d, QStringLiteral("write-failed"));
        return;
    }
    d.written += data.data.size();
    m_model.setDone(m_model.rowOfDownload(d.file.key), d.written);
    if (d.written == d.file.size)
        finishDownload(d);
    else
        pumpDownload(d);
}

void FileTransfers::finishDownload(Download &d)
{
    if (!d.part.flush()) {
        failDownload(d, QStringLiteral("write-failed"));
        return;
    }
    d.part.close();
    // Checked again at the end: the destination may have appeared while the bytes came.
    if (QFileInfo::exists(d.destination)) {
        if (!d.overwrite || !QFile::remove(d.destination)) {
            failDownload(d, QStringLiteral("exists"));
            return;
        }
    }
    if (!d.part.rename(d.destination)) {
        failDownload(d, QStringLiteral("write-failed"));
        return;
    }
    d.finished = true;
    m_model.setState(m_model.rowOfDownload(d.file.key), TransferModel::State::Done);
    emit fileSaved(d.file.key, d.destination);
}

void FileTransfers::failDownload(Download &d, const QString &code)
{
    qCInfo(lcClient).noquote() << "download" << d.file.key << "failed:" << code;
    d.finished = true;
    d.part.close();
    d.part.remove();
    m_model.setState(m_model.rowOfDownload(d.file.key), TransferModel::State::Failed, code);
    emit transferFailed(d.file.key, TransferModel::errorText(code));
}

FileTransfers::ErrorAction FileTransfers::onError(const ErrorReply &error)
{
    if (!error.file.isEmpty()) {
        const auto it = m_downloads.constFind(error.file);
        if (it == m_downloads.cend())
            return ErrorAction::NotMine;
        if (!(*it)->finished)
            failDownload(**it, errorCodeName(error.code));
        return ErrorAction::Handled;
    }
    const auto it = m_uploads.constFind(error.id);
    if (error.id.isEmpty() || it == m_uploads.cend())
        return ErrorAction::NotMine;
    Upload &u = **it;
    if (u.phase == Upload::Phase::Finished)
        return ErrorAction::Handled;
    switch (error.code) {
    case ErrorCode::BadChunk:
        // Chunks sent after the bad one are refused too: only the first counts, until the
        // room has said again where to go on.
        if (u.phase != Upload::Phase::Sending)
            return ErrorAction::Handled;
        if (u.reofferedForBadChunk) {
            failUpload(u, errorCodeName(error.code));
            return ErrorAction::Handled;
        }
        u.reofferedForBadChunk = true;
        u.phase = Upload::Phase::NeedsOffer;
        u.inFlightEnds.clear();
        emit offerWaiting();
        return ErrorAction::Handled;
    case ErrorCode::RateLimited:
        // Chunks beyond the room's patience were dropped: offer again to learn where it is.
        u.phase = Upload::Phase::NeedsOffer;
        u.inFlightEnds.clear();
        return ErrorAction::OfferLater;
    default:
        failUpload(u, errorCodeName(error.code));
        return ErrorAction::Handled;
    }
}

} // namespace Parlor
