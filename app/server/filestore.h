#pragma once

#include "protocol/messages.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace Parlor {

/// The files members share in a room (docs/PROTOCOL.md "Files"): complete files by key, kept
/// in memory or, for a durable room, under <dataDir>/files so that they outlive a restart; and
/// the uploads still under way, in memory, by (client id, message id).
///
/// Bounded three ways: no file above maxFileBytes (the Room refuses the offer), at most
/// storeBytes for complete files and the offered sizes of unfinished uploads together (the
/// oldest complete files are forgotten first to make room), and no file older than the
/// retention. An upload nobody added to for UploadIdleMs is dropped. Time comes from an
/// injectable clock, so that retention can be tested without waiting.
class FileStore : public QObject
{
    Q_OBJECT

public:
    /// An unfinished upload is forgotten this long after its last chunk (or its offer).
    static constexpr qint64 UploadIdleMs = 10 * 60 * 1000;

    /// \a directory: where complete files are kept; empty: in memory. \a storeBytes: the most
    /// the store holds; \a retentionHours: how long a file is kept, 0: no age limit.
    FileStore(const QString &directory, qint64 storeBytes, int retentionHours,
              QObject *parent = nullptr);
    ~FileStore() override;

    /// Creates the directory and reads back the files kept there (dropping leftovers of a
    /// crash: temporary files, data without its description). Nothing to do in memory. False
    /// with errorString() when the directory cannot be used.
    bool open();
    QString errorString() const { return m_error; }
    bool isDurable() const { return !m_directory.isEmpty(); }

    /// Milliseconds since the Unix epoch; QDateTime::currentMSecsSinceEpoch() by default.
    void setClock(std::function<qint64()> clock);
    qint64 now() const { return m_clock(); }

    // Uploads ----------------------------------------------------------------------------------

    /// What an upload needs besides its bytes.
    struct Offer
    {
        QString name;
        qint64 size = 0;
        QString mime; ///< the sender's hint, well-formed or empty
        std::optional<qint64> replyTo;
    };
    /// Starts or resumes upload \a upload (the client id and message id, see uploadKey()):
    /// the bytes already received, or nullopt when the store cannot take \a offer even after
    /// forgetting every complete file (unfinished uploads fill it: `store-full`). A new \a name
    /// or \a size starts over from 0.
    std::optional<qint64> offer(const QString &upload, const Offer &offer);
    enum class ChunkResult {
        Accepted,    ///< added; received() tells how far the upload is
        NoUpload,    ///< no such upload (never offered, expired, or discarded)
        WrongOffset, ///< the offset is not the bytes received so far
        PastSize,    ///< more bytes than offered: the upload is discarded
    };
    ChunkResult addChunk(const QString &upload, qint64 offset, const QByteArray &data);
    /// The bytes received of \a upload; -1 when there is no such upload.
    qint64 received(const QString &upload) const;
    /// The offer \a upload was started with.
    std::optional<Offer> offered(const QString &upload) const;
    /// Whether every offered byte of \a upload has arrived.
    bool isComplete(const QString &upload) const;
    /// Stores complete upload \a upload as a file under a new random key and forgets the
    /// upload: the file's description, or nullopt (with errorString()) when it could not be
    /// written — then the upload stays, so that a re-offer can try again.
    std::optional<FileInfo> finish(const QString &upload);
    /// Forgets \a upload (a finished upload whose message the log refused keeps its file).
    void dropUpload(const QString &upload);
    static QString uploadKey(const QString &client, const QString &id);

    // Complete files ---------------------------------------------------------------------------

    /// The description of the file \a key, if it is kept (and not past its retention).
    std::optional<FileInfo> info(const QString &key);
    /// Up to \a length bytes of file \a key from \a offset; nullopt when the file is not kept.
    /// An offset at or past the end gives an empty array.
    std::optional<QByteArray> read(const QString &key, qint64 offset, qint64 length);

    /// Drops files past their retention and uploads idle for UploadIdleMs, as of now(). Runs on
    /// a timer and before every look-up.
    void expire();

    /// Bytes of complete files kept.
    qint64 storedBytes() const { return m_storedBytes; }
    /// Bytes offered by unfinished uploads (what they will take once complete).
    qint64 reservedBytes() const { return m_reservedBytes; }
    int fileCount() const { return int(m_order.size()); }
    int uploadCount() const { return int(m_uploads.size()); }

    /// The room's type for bytes beginning with \a head, offered as \a offered: one of the four
    /// image types by signature; else \a offered if it is well-formed and not an image type;
    /// else application/octet-stream.
    static QString sniffMime(const QByteArray &head, const QString &offered);
    /// A fresh random key: "f" and 32 hex digits from the system's random source.
    static QString newKey();

private:
    struct Upload
    {
        Offer offer;
        QByteArray data;
        qint64 lastActivityMs = 0;
    };
    struct StoredFile
    {
        FileInfo info;
        qint64 storedMs = 0;
        QByteArray data; ///< in memory only; a durable store reads the file
    };

    QString dataPath(const QString &key) const;
    QString metaPath(const QString &key) const;
    /// Forgets the oldest complete files until \a bytes more fit; false when they cannot.
    bool makeRoom(qint64 bytes);
    void removeFile(const QString &key);
    bool writeFile(const StoredFile &file, const QByteArray &data);

    QString m_directory;
    qint64 m_storeBytes = 0;
    qint64 m_retentionMs = 0;
    QString m_error;
    std::function<qint64()> m_clock;
    QHash<QString, Upload> m_uploads;
    QHash<QString, StoredFile> m_files;
    QList<QString> m_order; ///< keys of complete files, oldest first
    qint64 m_storedBytes = 0;
    qint64 m_reservedBytes = 0;
    QTimer *m_expiry = nullptr;
};

} // namespace Parlor
