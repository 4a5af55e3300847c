#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace Parlor {

/// "Share report.pdf (2.1 MB) with the room?" [Share] [Cancel] above the compose box, between a
/// drop (or paste, or "Attach a File…") and the upload: nothing leaves the computer before the
/// user says so. When the room cannot take what was offered (too large, or a room that takes no
/// files) it says why and offers no Share. Enter shares, Esc cancels. Hidden when nothing waits.
class ShareStrip : public QWidget
{
    Q_OBJECT

public:
    /// One thing to share: a file on disk (path) or bytes (a pasted picture).
    struct Item
    {
        QString path;
        QString name;
        QByteArray data;
        QString mime;
        qint64 size = 0;
    };
    enum class Verdict {
        None,       ///< nothing waits
        Ready,      ///< Share sends it
        TooLarge,   ///< above the room's maxFileBytes
        NoFiles,    ///< the room takes no files (or is not joined in rich mode)
        Unreadable, ///< a file that cannot be read (or is empty)
    };
    Q_ENUM(Verdict)

    explicit ShareStrip(QWidget *parent = nullptr);

    /// An item for the local file \a path (its name and size from the disk).
    static Item fileItem(const QString &path);
    /// An item for \a data named \a name (a pasted picture).
    static Item dataItem(const QString &name, const QByteArray &data, const QString &mime);

    /// Asks whether to share \a items with a room that takes files up to \a maxFileBytes (0: no
    /// files), \a canShare telling whether the room takes files now.
    void offer(const QList<Item> &items, qint64 maxFileBytes, bool canShare);
    const QList<Item> &items() const { return m_items; }
    Verdict verdict() const { return m_verdict; }
    QString labelText() const;
    QPushButton *shareButton() const { return m_share; }
    QPushButton *cancelButton() const { return m_cancel; }

public slots:
    /// Nothing waits any more: hides the strip.
    void clear();

signals:
    /// Share was chosen: items() are to be sent (the strip then clears itself).
    void shareRequested(const QList<ShareStrip::Item> &items);
    /// The user said no (Cancel, Esc).
    void cancelled();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void share();

    QLabel *m_label = nullptr;
    QPushButton *m_share = nullptr;
    QPushButton *m_cancel = nullptr;
    QList<Item> m_items;
    Verdict m_verdict = Verdict::None;
    qint64 m_maxFileBytes = 0;
};

} // namespace Parlor
