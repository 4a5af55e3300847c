#include "filestore.h"

#include "core/logging.h"
#include "protocol/protocol.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTimer>

#include <algorithm>

namespace Parlor {

namespace {

constexpr char metaSuffix[] = ".json";

} // namespace

FileStore::FileStore(const QString &directory, qint64 storeBytes, int retentionHours,
                     QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_storeBytes(storeBytes)
    , m_retentionMs(qint64(retentionHours) * 3600 * 1000)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_expiry(new QTimer(this))
{
    // Look-ups expire lazily; the timer frees the memory and disk of files nobody asks for.
    m_expiry->setInterval(60 * 1000);
    connect(m_expiry, &QTimer::timeout, this, &FileStore::expire);
    m_expiry->start();
}

FileStore::~FileStore() = default;

void FileStore::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

QString FileStore::uploadKey(const QString &client, const QString &id)
{
    return client + u'\n' + id;
}

QString FileStore::newKey()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    QString key = QStringLiteral("f");
    for (const quint32 w : words)
        key += QString::number(w, 16).rightJustified(8, u'0');
    return key;
}

QString FileStore::sniffMime(const QByteArray &head, const QString &offered)
{
    // The type comes from the bytes, not from the sender: a page shows images inline, and a
    // "picture" that is really HTML or SVG must not be.
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("image/png");
    if (head.startsWith("\xff\xd8\xff"))
        return QStringLiteral("image/jpeg");
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a"))
        return QStringLiteral("image/gif");
    if (head.size() >= 12 && head.startsWith("RIFF") && head.mid(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    if (!offered.isEmpty() && !mimeProblem(offered)
        && !offered.startsWith(QLatin1String("image/"), Qt::CaseInsensitive)) {
        return offered;
    }
    return QStringLiteral("application/octet-stream");
}

QString FileStore::dataPath(const QString &key) const
{
    return QDir(m_directory).filePath(key);
}

QString FileStore::metaPath(const QString &key) const
{
    return QDir(m_directory).filePath(key + QLatin1String(metaSuffix));
}

bool FileStore::open()
{
    if (!isDurable())
        return true;
    QDir dir(m_directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        m_error = tr("Cannot create the directory %1 for shared files.").arg(m_directory);
        return false;
    }
    QList<StoredFile> found;
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        const bool meta = name.endsWith(QLatin1String(metaSuffix));
        const QString key = meta ? name.chopped(int(qstrlen(metaSuffix))) : name;
        if (isFileKey(key) && !meta && QFile::exists(metaPath(key)))
            continue; // read with its description
        if (!isFileKey(key) || !meta) {
            // A temporary file of a write a crash interrupted, or data whose description never
            // got written: nobody was told of it.
            QFile::remove(dir.filePath(name));
            continue;
        }
        QFile file(dir.filePath(name));
        QJsonObject o;
        if (file.open(QIODevice::ReadOnly))
            o = QJsonDocument::fromJson(file.read(64 * 1024)).object();
        StoredFile stored;
        stored.info = FileInfo{key, o.value(QLatin1String("name")).toString(),
                               qint64(o.value(QLatin1String("size")).toDouble()),
                               o.value(QLatin1String("mime")).toString()};
        stored.storedMs = qint64(o.value(QLatin1String("stored")).toDouble());
        if (fileNameProblem(stored.info.name) || stored.info.size < 1
            || QFileInfo(dataPath(key)).size() != stored.info.size) {
            qCWarning(lcServer).noquote() << "file store: dropped" << key << "which is damaged";
            QFile::remove(dataPath(key));
            QFile::remove(metaPath(key));
            continue;
        }
        found.append(stored);
    }
    std::sort(found.begin(), found.end(),
              [](const StoredFile &a, const StoredFile &b) { return a.storedMs < b.storedMs; });
    for (const StoredFile &f : std::as_const(found)) {
        m_files.insert(f.info.key, f);
        m_order.append(f.info.key);
        m_storedBytes += f.info.size;
    }
    // The bounds may have been lowered since these were stored.
    expire();
    makeRoom(0);
    qCInfo(lcServer) << "file store:" << m_order.size() << "files," << m_storedBytes << "bytes in"
                     << m_directory;
    return true;
}

std::optional<qint64> FileStore::offer(const QString &upload, const Offer &offer)
{
    expire();
    if (const auto it = m_uploads.find(upload); it != m_uploads.end()) {
        if (it->offer.name == offer.name && it->offer.size == offer.size) {
            it->lastActivityMs = now();
            it->offer.mime = offer.mime;
            it->offer.replyTo = offer.replyTo;
            return it->data.size();
        }
        // Another file under the same id: what came before is of no use.
        dropUpload(upload);
    }
    // Unfinished uploads are never forgotten to make room: their senders are still at it.
    if (offer.size > m_storeBytes - m_reservedBytes)
        return std::nullopt;
    makeRoom(offer.size);
    m_reservedBytes += offer.size;
    m_uploads.insert(upload, Upload{offer, {}, now()});
    return 0;
}

FileStore::ChunkResult FileStore::addChunk(const QString &upload, qint64 offset,
                                           const QByteArray &data)
{
    expire();
    const auto it = m_uploads.find(upload);
    if (it == m_uploads.end())
        return ChunkResult::NoUpload;
    if (offset != it->data.size())
        return ChunkResult::WrongOffset;
    if (data.size() > it->offer.size - it->data.size()) {
        dropUpload(upload);
        return ChunkResult::PastSize;
    }
    if (it->data.isEmpty())
        it->data.reserve(qsizetype(it->offer.size));
    it->data.append(data);
    it->lastActivityMs = now();
    return ChunkResult::Accepted;
}

qint64 FileStore::received(const QString &upload) const
{
    const auto it = m_uploads.constFind(upload);
    return it == m_uploads.cend() ? -1 : it->data.size();
}

std::optional<FileStore::Offer> FileStore::offered(const QString &upload) const
{
    const auto it = m_uploads.constFind(upload);
    if (it == m_uploads.cend())
        return std::nullopt;
    return it->offer;
}

bool FileStore::isComplete(const QString &upload) const
{
    const auto it = m_uploads.constFind(upload);
    return it != m_uploads.cend() && it->data.size() == it->offer.size;
}

bool FileStore::writeFile(const StoredFile &file, const QByteArray &data)
{
    // Data first, then its description, each written whole under a temporary name and renamed:
    // a crash leaves either a complete file or leftovers that open() removes.
    QSaveFile out(dataPath(file.info.key));
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit()) {
        m_error = tr("Cannot write %1: %2").arg(dataPath(file.info.key), out.errorString());
        return false;
    }
    const QJsonObject meta{{QLatin1String("name"), file.info.name},
                           {QLatin1String("size"), double(file.info.size)},
                           {QLatin1String("mime"), file.info.mime},
                           {QLatin1String("stored"), double(file.storedMs)}};
    QSaveFile metaOut(metaPath(file.info.key));
    const QByteArray json = QJsonDocument(meta).toJson(QJsonDocument::Compact);
    if (!metaOut.open(QIODevice::WriteOnly) || metaOut.write(json) != json.size()
        || !metaOut.commit()) {
        m_error = tr("Cannot write %1: %2").arg(metaPath(file.info.key), metaOut.errorString());
        QFile::remove(dataPath(file.info.key));
        return false;
    }
    return true;
}

std::optional<FileInfo> FileStore::finish(const QString &upload)
{
    const auto it = m_uploads.find(upload);
    if (it == m_uploads.end() || it->data.size() != it->offer.size)
        return std::nullopt;
    StoredFile file;
    QString key;
    do {
        key = newKey();
    } while (m_files.contains(key));
    file.info = FileInfo{key, it->offer.name, it->offer.size,
                         sniffMime(it->data.left(16), it->offer.mime)};
    file.storedMs = now();
    if (isDurable()) {
        if (!writeFile(file, it->data))
            return std::nullopt;
    } else {
        file.data = it->data;
    }
    const FileInfo info = file.info;
    m_files.insert(key, file);
    m_order.append(key);
    m_storedBytes += info.size;
    m_reservedBytes -= info.size;
    m_uploads.erase(it);
    return info;
}

void FileStore::dropUpload(const QString &upload)
{
    const auto it = m_uploads.find(upload);
    if (it == m_uploads.end())
        return;
    m_reservedBytes -= it->offer.size;
    m_uploads.erase(it);
}

std::optional<FileInfo> FileStore::info(const QString &key)
{
    expire();
    const auto it = m_files.constFind(key);
    if (it == m_files.cend())
        return std::nullopt;
    return it->info;
}

std::optional<QByteArray> FileStore::read(const QString &key, qint64 offset, qint64 length)
{
    expire();
    const auto it = m_files.constFind(key);
    if (it == m_files.cend() || offset < 0 || length < 0)
        return std::nullopt;
    if (offset >= it->info.size)
        return QByteArray();
    length = std::min(length, it->info.size - offset);
    if (!isDurable())
        return it->data.mid(qsizetype(offset), qsizetype(length));
    QFile file(dataPath(key));
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)) {
        qCWarning(lcServer).noquote() << "file store: cannot read" << key << file.errorString();
        return std::nullopt;
    }
    return file.read(length);
}

void FileStore::expire()
{
    const qint64 t = now();
    if (m_retentionMs > 0) {
        // Oldest first: the first one still within its time ends the scan.
        while (!m_order.isEmpty()) {
            const auto it = m_files.constFind(m_order.constFirst());
            if (it != m_files.cend() && t - it->storedMs < m_retentionMs)
                break;
            removeFile(m_order.constFirst());
        }
    }
    for (auto it = m_uploads.begin(); it != m_uploads.end();) {
        if (t - it->lastActivityMs >= UploadIdleMs) {
            m_reservedBytes -= it->offer.size;
            it = m_uploads.erase(it);
        } else {
            ++it;
        }
    }
}

bool FileStore::makeRoom(qint64 bytes)
{
    while (!m_order.isEmpty() && m_storedBytes + m_reservedBytes + bytes > m_storeBytes)
        removeFile(m_order.constFirst());
    return m_storedBytes + m_reservedBytes + bytes <= m_storeBytes;
}

void FileStore::removeFile(const QString &key)
{
    m_order.removeOne(key);
    const auto it = m_files.find(key);
    if (it == m_files.end())
        return;
    m_storedBytes -= it->info.size;
    if (isDurable()) {
        QFile::remove(metaPath(key));
        QFile::remove(dataPath(key));
    }
    m_files.erase(it);
}

} // namespace Parlor
