#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>

namespace Parlor {

/// The files on their way, one row per upload or download, in the order they began: what a
/// progress list or a card's progress bar shows. ChatSession fills it; views only read it.
class TransferModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Direction { Upload, Download };
    Q_ENUM(Direction)
    enum class State {
        Waiting,   ///< not started: waiting for the room (not joined yet, or reconnecting)
        Running,   ///< bytes are moving
        Done,      ///< upload: the room announced it; download: saved under its path
        Failed,    ///< see ErrorRole
        Cancelled, ///< by the user
    };
    Q_ENUM(State)

    enum Role {
        IdRole = Qt::UserRole + 1, ///< QString: upload: its message id; download: the file key
        DirectionRole,             ///< Direction (as int)
        NameRole,                  ///< QString: the file's name (as offered)
        SizeRole,                  ///< qint64: its size in bytes
        DoneRole,                  ///< qint64: the bytes the room has (upload) or written
        StateRole,                 ///< State (as int)
        ErrorRole,     ///< QString: why it failed, as a code: a room error's name ("no-file",
                       ///< "file-too-large", ...) or one of the client's (see errorText())
        PathRole,      ///< QString: the local file (empty for shared data, e.g. a pasted picture)
        ErrorTextRole, ///< QString: ErrorRole in words (translated)
    };
    Q_ENUM(Role)

    /// One transfer, as the model keeps it.
    struct Transfer
    {
        Direction direction = Direction::Upload;
        QString id; ///< upload: message id; download: file key
        QString name;
        qint64 size = 0;
        qint64 done = 0;
        State state = State::Waiting;
        QString error;
        QString path;
    };

    explicit TransferModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Row of the upload with message \a id, or -1.
    int rowOfUpload(const QString &id) const;
    /// Row of the latest download of file \a key, or -1.
    int rowOfDownload(const QString &key) const;
    const Transfer &transfer(int row) const { return m_transfers.at(row); }

    /// Words for an ErrorRole code: the room's codes and the client's own ("unreadable",
    /// "file-changed", "empty-file", "no-files", "too-large", "write-failed", "exists",
    /// "bad-data").
    static QString errorText(const QString &code);

    // For ChatSession.
    /// Adds \a transfer, or replaces the row of the same direction and id (a download again).
    int add(const Transfer &transfer);
    void setDone(int row, qint64 done);
    void setState(int row, State state, const QString &error = {});

private:
    QList<Transfer> m_transfers;
};

} // namespace Parlor
