#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QStatusBar;
QT_END_NAMESPACE

namespace Parlor {

class ChatSession;

/// The connection's line at the start of a status bar: where it stands ("Connected",
/// "Reconnecting in 3 s", what waits to be sent) and, while a reconnect is scheduled, a
/// "Try Now" button. Its label and button sit in the bar itself, first, as the bar's own widgets.
class ConnectionStatus : public QObject
{
    Q_OBJECT

public:
    /// Adds the label and the button to \a bar (which owns them, and this).
    explicit ConnectionStatus(QStatusBar *bar);

    /// Shows where \a session stands now (nullptr: not connected); call again as it changes
    /// (for the countdown, a few times a second).
    void showSession(ChatSession *session);
    /// Words the button again in the current language (the text follows with showSession()).
    void retranslateUi();

signals:
    void tryNowClicked();

private:
    QLabel *m_text = nullptr;
    QPushButton *m_tryNow = nullptr;
};

} // namespace Parlor
