#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace Parlor {

/// A QR code as a square matrix of modules, made by libqrencode: what a painter needs to draw
/// it, and nothing about how (no Gui here). Byte mode, so any text — a URL, UTF-8 — round-trips.
class QrCode
{
public:
    /// How much of the code may be damaged (or covered by glare) and still decode.
    enum class ErrorCorrection {
        Low,      ///< L: about 7 %
        Medium,   ///< M: about 15 %
        Quartile, ///< Q: about 25 %
        High,     ///< H: about 30 %
    };

    /// Light modules every reader needs around the code (ISO/IEC 18004: at least 4).
    static constexpr int quietZone = 4;
    /// The most bytes one code holds (version 40 at level L); more is an error, not a crash.
    static constexpr int maxBytesAtLow = 2953;

    QrCode() = default;

    /// Encodes \a data (the smallest version that fits). On failure the code isNull() and
    /// errorString() says why (too long for a QR code at \a level, typically).
    static QrCode encode(const QByteArray &data, ErrorCorrection level = ErrorCorrection::Medium);

    bool isNull() const { return m_size == 0; }
    QString errorString() const { return m_error; }
    /// Modules per side, without the quiet zone (21 for version 1, + 4 per version).
    int size() const { return m_size; }
    /// Modules per side with the quiet zone on every side: what a painter lays out.
    int sizeWithQuietZone() const { return m_size == 0 ? 0 : m_size + 2 * quietZone; }
    int version() const { return m_version; }
    ErrorCorrection errorCorrection() const { return m_level; }
    /// Whether the module at column \a x, row \a y (0-based, without the quiet zone) is dark.
    /// Anything outside the code — the quiet zone and beyond — is light.
    bool isDark(int x, int y) const;

private:
    int m_size = 0;
    int m_version = 0;
    ErrorCorrection m_level = ErrorCorrection::Medium;
    QVector<bool> m_dark; // row by row, m_size * m_size
    QString m_error;
};

} // namespace Parlor
