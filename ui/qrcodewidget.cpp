#include "qrcodewidget.h"

#include <QPainter>

namespace Parlor {

QrCodeWidget::QrCodeWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAccessibleName(tr("QR code"));
}

void QrCodeWidget::setCode(const QrCode &code)
{
    m_code = code;
    updateGeometry();
    update();
}

void QrCodeWidget::setPreferredModulePixels(int pixels)
{
    m_preferredModulePixels = qMax(minimumModulePixels, pixels);
    updateGeometry();
}

int QrCodeWidget::modulePixels() const
{
    const int modules = m_code.sizeWithQuietZone();
    if (modules == 0)
        return 0;
    // Whole pixels only, in device pixels on a scaled screen too, so that edges stay sharp.
    const qreal dpr = devicePixelRatioF();
    const int side = int(qMin(width(), height()) * dpr);
    return side / modules;
}

QRect QrCodeWidget::codeRect() const
{
    const qreal dpr = devicePixelRatioF();
    const int side = qRound(modulePixels() * m_code.sizeWithQuietZone() / dpr);
    return QRect((width() - side) / 2, (height() - side) / 2, side, side);
}

QSize QrCodeWidget::sizeHint() const
{
    const int side = m_code.sizeWithQuietZone() * m_preferredModulePixels;
    return {side, side};
}

QSize QrCodeWidget::minimumSizeHint() const
{
    const int side = m_code.sizeWithQuietZone() * minimumModulePixels;
    return {side, side};
}

void QrCodeWidget::paintEvent(QPaintEvent *)
{
    const int unit = modulePixels();
    if (unit == 0)
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Paint in device pixels: one module is exactly `unit` of them.
    const qreal dpr = devicePixelRatioF();
    const int modules = m_code.sizeWithQuietZone();
    const int side = unit * modules;
    const int left = int((width() * dpr - side) / 2);
    const int top = int((height() * dpr - side) / 2);
    painter.scale(1 / dpr, 1 / dpr);
    // Black on white always: readers expect dark modules on a light ground (a dark theme's
    // inverted code is not read by many phones).
    painter.fillRect(left, top, side, side, Qt::white);
    const int origin = QrCode::quietZone;
    for (int y = 0; y < m_code.size(); ++y) {
        for (int x = 0; x < m_code.size(); ++x) {
            if (m_code.isDark(x, y))
                painter.fillRect(left + (origin + x) * unit, top + (origin + y) * unit, unit, unit,
                                 Qt::black);
        }
    }
}

} // namespace Parlor
