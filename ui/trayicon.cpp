#include "trayicon.h"

#include <QPainter>
#include <QWidget>

#include <algorithm>

namespace Parlor {

TrayIcon::TrayIcon(QWidget *window)
    : QSystemTrayIcon(window->windowIcon(), window)
    , m_window(window)
{
    setToolTip(tr("Parlor"));
    connect(this, &QSystemTrayIcon::activated, this, [this] {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    });
}

void TrayIcon::setUnread(int unread)
{
    setToolTip(unread > 0 ? tr("Parlor — unread: %1").arg(unread) : tr("Parlor"));
    setIcon(badgedIcon(unread));
}

QIcon TrayIcon::badgedIcon(int unread) const
{
    // The app icon with the unread count in a badge, drawn at each size the tray may ask for.
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = m_window->windowIcon().pixmap(size, size);
        if (unread > 0) {
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            const QString text = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
            QFont f = m_window->font();
            f.setBold(true);
            f.setPixelSize(std::max(7, size * 9 / 16));
            const QFontMetrics fm(f);
            const int h = fm.height();
            const int w = std::max(h, fm.horizontalAdvance(text) + h / 2);
            const QRectF badge(size - w, 0, w, h);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0xc4, 0x2b, 0x1c));
            p.drawRoundedRect(badge, h / 2.0, h / 2.0);
            p.setFont(f);
            p.setPen(Qt::white);
            p.drawText(badge, Qt::AlignCenter, text);
        }
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace Parlor
