#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QToolButton;
QT_END_NAMESPACE

namespace Parlor {

class ChatView;

/// Find in the chat (Ctrl+F): a line edit, "3 of 17", previous and next, closed with Esc. It
/// drives the chat view's MessageSearch; the view highlights and scrolls.
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(ChatView *view, QWidget *parent = nullptr);

    /// Shows the bar with its text selected and searches again for it.
    void open();
    /// Hides the bar, takes the highlights away and gives the focus back to the chat.
    void dismiss();
    void findNext();
    void findPrevious();

    QLineEdit *edit() const { return m_edit; }
    QString statusText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateStatus();
    void retranslate();

    ChatView *m_view;
    QLineEdit *m_edit;
    QLabel *m_status;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_close;
};

} // namespace Parlor
