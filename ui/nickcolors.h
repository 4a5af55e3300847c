#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace Parlor {

/// A stable colour per nickname from a fixed palette, with a light and a dark variant of each
/// colour, every one at least 4.5:1 against the theme's base (WCAG AA).
class NickColors
{
public:
    static QColor forNick(const QString &nick, const QPalette &palette);
    static int paletteSize();
    static QColor at(int index, bool dark);
};

} // namespace Parlor
