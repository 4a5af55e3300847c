#include "theme.h"

#include "client/connectionstatemachine.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

#include <cmath>

namespace Parlor {

namespace {

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf3, 0xf3, 0xf5));
    p.setColor(QPalette::WindowText, QColor(0x1d, 0x1d, 0x21));
    p.setColor(QPalette::Base, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf6, 0xf8));
    p.setColor(QPalette::Text, QColor(0x1d, 0x1d, 0x21));
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x6b, 0x73));
    p.setColor(QPalette::Button, QColor(0xea, 0xea, 0xee));
    p.setColor(QPalette::ButtonText, QColor(0x1d, 0x1d, 0x21));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x5f, 0xd0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1f, 0x4f, 0xc0));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe8));
    p.setColor(QPalette::ToolTipText, QColor(0x1d, 0x1d, 0x21));
    p.setColor(QPalette::Mid, QColor(0xc4, 0xc4, 0xcc));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x88));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x88));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x88));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x23, 0x24, 0x28));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xea));
    p.setColor(QPalette::Base, QColor(0x1a, 0x1b, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x27, 0x2b));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xea));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa4));
    p.setColor(QPalette::Button, QColor(0x30, 0x31, 0x36));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xea));
    p.setColor(QPalette::Highlight, QColor(0x4c, 0x7d, 0xf0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xff));
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x31, 0x36));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xea));
    p.setColor(QPalette::Mid, QColor(0x48, 0x49, 0x50));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3b, 0x41));
    p.setColor(QPalette::Dark, QColor(0x15, 0x15, 0x18));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x8a, 0x8a, 0x92));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x8a, 0x8a, 0x92));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x8a, 0x8a, 0x92));
    return p;
}

QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

double luminance(const QColor &c)
{
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

} // namespace

void Theme::apply(AppSettings::Theme theme)
{
    // Fusion draws the same on every platform and takes any palette, so it is used for the
    // explicit light and dark themes; "system" keeps the platform's own style and palette.
    switch (theme) {
    case AppSettings::Theme::System:
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case AppSettings::Theme::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(lightPalette());
        break;
    case AppSettings::Theme::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
}

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor Theme::ownMessageTint(const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), palette.color(QPalette::Highlight),
                 isDark(palette) ? 0.10 : 0.06);
}

QColor Theme::mentionTint(const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), QColor(0xf0, 0xb0, 0x20),
                 isDark(palette) ? 0.18 : 0.20);
}

QColor Theme::systemText(const QPalette &palette)
{
    // Muted, but still at least 4.5:1 against the base (WCAG AA).
    return blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.35);
}

QColor Theme::separator(const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.18);
}

QColor Theme::quoteBar(const QPalette &palette)
{
    return blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.5);
}

QColor Theme::unreadMarker(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x7a, 0x6b) : QColor(0xc4, 0x2b, 0x1c);
}

QColor Theme::failed(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x1c, 0x1c);
}

QColor Theme::stateColor(const QPalette &palette, int state)
{
    const bool dark = isDark(palette);
    switch (ConnectionStateMachine::State(state)) {
    case ConnectionStateMachine::State::Open:
        return dark ? QColor(0x4c, 0xc3, 0x6a) : QColor(0x1a, 0x7f, 0x37);
    case ConnectionStateMachine::State::Connecting:
    case ConnectionStateMachine::State::Closing:
        return dark ? QColor(0xf0, 0xb0, 0x3a) : QColor(0x9a, 0x5b, 0x00);
    case ConnectionStateMachine::State::Closed:
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xb3, 0x1d, 0x1d);
    }
    return palette.color(QPalette::Text);
}

double Theme::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace Parlor
