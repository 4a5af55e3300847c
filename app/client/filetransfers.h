#pragma once

#include "client/transfermodel.h"
#include "protocol/messages.h"

#include <QFile>
#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

namespace Parlor {

class ConnectionManager;

/// The file side of a session (PROTOCOL "Files"): uploads in chunks with a window of 4 and
/// downloads with at most 4 `file-get`s unanswered, both resumed after a reconnect. ChatSession
/// owns it and routes the room's file messages here; it keeps the message lines, this class the
/// bytes. Files are read and written by chunks, never whole.
class FileTransfers : public QObject
{
    Q_OBJECT

public:
    /// Chunks and requests unanswered at most (the protocol's window).
    static constexpr int window = 4;

    explicit FileTransfers(ConnectionManager *connection, QObject *parent = nullptr);
    ~FileTransfers() override;

    TransferModel *model() { return &m_model; }

    /// Queues an upload: from \a path (read lazily), or of \a data when \a path is empty.
    void addUpload(const FileOffer &offer, const QString &path, const QByteArray &data);
    /// Starts saving \a file to \a destination (through destination + ".part"). False (and
    /// \a error, a TransferModel code) when the destination is unusable.
    bool addDownload(const FileInfo &file, const QString &destination, bool overwrite,
                     QString *error);
    /// Stops an upload (message id) or a download (file key). True if there was one to stop.
    bool cancel(const QString &idOrKey);
    /// Whether \a id is an upload that is not finished (done, failed or cancelled).
    bool isActiveUpload(const QString &id) const;
    bool isUpload(const QString &id) const { return m_uploads.contains(id); }
    /// Uploads not finished yet: they keep the session's work pending.
    int activeUploads() const;

    // From ChatSession.
    /// Joined (again): \a limits are the room's. Uploads that do not fit fail; the rest are
    /// offered (again) through takeOffer(); downloads go on from what they have.
    void joined(const RoomLimits &limits);
    /// The connection went: what was in flight is forgotten, and asked for again once joined.
    void disconnected();
    /// The next upload to offer on this connection, if any. Offers count against the room's
    /// message rate, so ChatSession sends them with its says.
    std::optional<FileOffer> takeOffer();
    /// Whether takeOffer() has something to give.
    bool hasOfferWaiting() const;
    void onReady(const FileReady &ready);
    void onProgress(const FileProgress &progress);
    void onData(const FileData &data);
    /// What to do after an error about an upload or a download.
    enum class ErrorAction {
        NotMine,   ///< about no transfer of ours
        Handled,   ///< failed it, or asked again at once
        OfferLater ///< offer again after a pause (rate-limited)
    };
    ErrorAction onError(const ErrorReply &error);
    /// The room announced upload \a id as a message (the acknowledgement).
    void delivered(const QString &id);

signals:
    /// An upload failed or was refused; \a code as TransferModel's ErrorRole.
    void uploadFailed(const QString &id, const QString &code);
    /// An upload needs offering (new, or again).
    void offerWaiting();
    void fileSaved(const QString &key, const QString &path);
    void transferFailed(const QString &idOrKey, const QString &reason);

private:
    struct Upload;
    struct Download;

    void pumpUpload(Upload &upload);
    void failUpload(Upload &upload, const QString &code);
    void pumpDownload(Download &download);
    void failDownload(Download &download, const QString &code);
    void finishDownload(Download &download);
    void send(const QByteArray &frame);

    ConnectionManager *m_connection;
    TransferModel m_model;
    RoomLimits m_limits;
    bool m_joined = false;
    QHash<QString, std::shared_ptr<Upload>> m_uploads;
    QList<QString> m_uploadOrder; ///< offers go in the order the user shared
    QHash<QString, std::shared_ptr<Download>> m_downloads;
};

} // namespace Parlor
