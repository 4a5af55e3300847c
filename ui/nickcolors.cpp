#include "nickcolors.h"

#include "theme.h"

namespace Parlor {

namespace {

// Chosen for contrast on white (light) and on #1a1b1e (dark), and to be told apart.
constexpr QRgb lightColors[] = {0xb3261e, 0x8a4b00, 0x5f6b00, 0x1b7a2e, 0x007a6e, 0x00689e,
                                0x2a4fc4, 0x5b3cc4, 0x8c2fa8, 0xa3216e, 0x6b5a00, 0x3f6a2a};
constexpr QRgb darkColors[] = {0xff8a80, 0xffb74d, 0xd4e157, 0x81c784, 0x4dd0c1, 0x64b5f6,
                               0x8ea8ff, 0xb39dff, 0xe09cf0, 0xf48fb1, 0xe6cf5c, 0xa5d6a7};
static_assert(std::size(lightColors) == std::size(darkColors));

quint32 fnv1a(const QString &s)
{
    // Not qHash: its seed changes between runs, and a colour must not.
    quint32 h = 2166136261u;
    for (const QChar c : s.toCaseFolded()) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return h;
}

} // namespace

int NickColors::paletteSize()
{
    return int(std::size(lightColors));
}

QColor NickColors::at(int index, bool dark)
{
    return QColor::fromRgb(dark ? darkColors[index] : lightColors[index]);
}

QColor NickColors::forNick(const QString &nick, const QPalette &palette)
{
    return at(int(fnv1a(nick) % quint32(paletteSize())), Theme::isDark(palette));
}

} // namespace Parlor
