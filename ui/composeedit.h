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
/// Alt+Down pick a message to answer, Esc drops the reply.
class ComposeEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit ComposeEdit(QWidget *parent = nullptr);

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

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

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
