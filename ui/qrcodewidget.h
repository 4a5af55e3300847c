#pragma once

#include "desktop/qrcode.h"

#include <QWidget>

namespace Parlor {

/// Draws a QrCode as readers want it: black modules on white whatever the theme, every module
/// the same whole number of pixels (no smoothing, no half pixels that blur edges), the quiet
/// zone around it, centred in whatever room the widget has.
class QrCodeWidget : public QWidget
{
    Q_OBJECT

public:
    /// Below this many pixels a module is hard to scan from a screen; sizeHint() never asks for
    /// less.
    static constexpr int minimumModulePixels = 3;

    explicit QrCodeWidget(QWidget *parent = nullptr);

    void setCode(const QrCode &code);
    const QrCode &code() const { return m_code; }
    /// The pixels per module sizeHint() asks for (default 4).
    void setPreferredModulePixels(int pixels);

    /// The pixels per module at the current size (0: too small for even one pixel).
    int modulePixels() const;
    /// Where the code and its quiet zone are drawn (the white square).
    QRect codeRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QrCode m_code;
    int m_preferredModulePixels = 4;
};

} // namespace Parlor
