#pragma once

#include <QAbstractItemModel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QStringList>
#include <QTimer>

namespace Parlor {

/// The compose box: multi-line; Enter sends and Shift+Enter makes a new line (or, swapped,
/// Ctrl+Enter sends); Up and Down recall what was sent; grows with its text up to a few lines;
/// tells when the user starts and stops typing. Tab completes the nickname being typed from the
/// members (again: the next one; at the start of the line followed by ": "); Alt+Up and
/// Alt+Down pick a message to answer, Esc drops the reply. Files dropped or pasted on it, and
/// pasted pictures, are offered for sharing (filesOffered, imagePasted) instead of inserted.
class ComposeEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit ComposeEdit(QWidget *parent = nullptr);

    /// The local files in \a source (dropped or pasted file URLs); empty when it holds none.
    static QStringList localFiles(const QMimeData *source);
    /// The name a pasted picture gets, from the time it was pasted.
    static QString pastedImageName(const QDateTime &when);

    void setEnterSends(bool enterSends) { m_enterSends = enterSends; }
    bool enterSends() const { return m_enterSends; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    const QStringList &history() const { return m_history; }
    /// Where Tab finds nicknames: a MemberModel (its NickRole; IsYouRole is left out).
    void setMembers(QAbstractItemModel *members) { m_members = members; }

signals:
    void submitted(const QString &text);
    void typingChanged(bool typing);
    /// Alt+Up (-1) or Alt+Down (+1): pick the message before or after to answer.
    void replyPickRequested(int step);
    /// Esc: no reply after all.
    void replyCancelRequested();
    /// Local files were dropped or pasted on the compose box: to share, not to insert.
    void filesOffered(const QStringList &paths);
    /// A picture was pasted (a screenshot, an image copied in a browser): \a png is it as PNG,
    /// \a name a name for it ("pasted image 2026-12-06 14.03.12.png").
    void imagePasted(const QString &name, const QByteArray &png);

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    void retranslateUi();
    void submit();
    void recall(int step);
    void onTextChanged();
    void setTyping(bool typing);
    int heightForLines(int lines) const;
    /// Tab: completes (or cycles) the nickname before the cursor; false when there is none to
    /// complete, so Tab moves the focus on as usual.
    bool completeNick();
    QStringList nicksStartingWith(const QString &prefix) const;

    /// The completion Tab is cycling through, while nothing else was typed.
    struct Completion
    {
        QStringList candidates;
        int index = -1; ///< -1: not completing
        int start = 0;  ///< where the completed word starts
        int length = 0; ///< what was inserted, suffix included
    };
    Completion m_completion;
    QPointer<QAbstractItemModel> m_members;

    bool m_enterSends = true;
    QStringList m_history;
    int m_historyPos = -1; ///< -1: not browsing
    QString m_draft;
    bool m_typing = false;
    QTimer m_typingIdle;
};

} // namespace Parlor
