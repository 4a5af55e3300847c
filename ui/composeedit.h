#pragma once

#include <QPlainTextEdit>
#include <QStringList>
#include <QTimer>

namespace Parlor {

/// The compose box: multi-line; Enter sends and Shift+Enter makes a new line (or, swapped,
/// Ctrl+Enter sends); Up and Down recall what was sent; grows with its text up to a few lines;
/// tells when the user starts and stops typing.
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

signals:
    void submitted(const QString &text);
    void typingChanged(bool typing);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void submit();
    void recall(int step);
    void onTextChanged();
    void setTyping(bool typing);
    int heightForLines(int lines) const;

    bool m_enterSends = true;
    QStringList m_history;
    int m_historyPos = -1; ///< -1: not browsing
    QString m_draft;
    bool m_typing = false;
    QTimer m_typingIdle;
};

} // namespace Parlor
