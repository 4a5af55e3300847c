#pragma once

#include "appsettings.h"

#include <QColor>
#include <QPalette>

namespace Parlor {

/// Light and dark palettes (both pass WCAG AA for text) and the few extra colours the chat needs.
class Theme
{
public:
    /// Applies \a theme to the application (System keeps the platform's palette).
    static void apply(AppSettings::Theme theme);
    static bool isDark(const QPalette &palette);

    /// Extra colours, derived from the palette so they follow the theme.
    static QColor ownMessageTint(const QPalette &palette);
    static QColor mentionTint(const QPalette &palette);
    static QColor systemText(const QPalette &palette);
    static QColor separator(const QPalette &palette);
    /// The bar left of a reply's quote: halfway between text and base, seen in both themes.
    static QColor quoteBar(const QPalette &palette);
    static QColor unreadMarker(const QPalette &palette);
    static QColor failed(const QPalette &palette);
    static QColor stateColor(const QPalette &palette, int state); ///< ConnectionStateMachine::State

    /// Contrast ratio as WCAG 2 defines it (1 to 21).
    static double contrast(const QColor &a, const QColor &b);
};

} // namespace Parlor
