#pragma once

#include <QSystemTrayIcon>

namespace Parlor {

/// Parlor in the system tray: the window's icon, with the number of unread messages in a badge;
/// a click brings the window back.
class TrayIcon : public QSystemTrayIcon
{
    Q_OBJECT

public:
    /// A tray icon for \a window (its parent, whose icon it shows).
    explicit TrayIcon(QWidget *window);

    /// Shows \a unread in the badge and the tooltip (0: none).
    void setUnread(int unread);

private:
    QIcon badgedIcon(int unread) const;

    QWidget *m_window = nullptr;
};

} // namespace Parlor
