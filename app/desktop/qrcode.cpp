#include "qrcode.h"

#include <QCoreApplication>

#include <cerrno>
#include <qrencode.h>

namespace Parlor {

namespace {

QRecLevel toLibrary(QrCode::ErrorCorrection level)
{
    switch (level) {
    case QrCode::ErrorCorrection::Low:
        return QR_ECLEVEL_L;
    case QrCode::ErrorCorrection::Medium:
        return QR_ECLEVEL_M;
    case QrCode::ErrorCorrection::Quartile:
        return QR_ECLEVEL_Q;
    case QrCode::ErrorCorrection::High:
        return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

} // namespace

QrCode QrCode::encode(const QByteArray &data, ErrorCorrection level)
{
    QrCode code;
    code.m_level = level;
    if (data.isEmpty()) {
        code.m_error = QCoreApplication::translate("Parlor::QrCode", "There is nothing to encode.");
        return code;
    }
    // Byte mode for everything (QRcode_encodeData): a URL's lowercase letters and punctuation
    // would not fit the denser alphanumeric mode anyway. Version 0: the smallest that fits.
    errno = 0;
    QRcode *raw = QRcode_encodeData(int(data.size()),
                                    reinterpret_cast<const unsigned char *>(data.constData()), 0,
                                    toLibrary(level));
    if (!raw) {
        code.m_error = errno == ERANGE
                               ? QCoreApplication::translate(
                                       "Parlor::QrCode",
                                       "%n bytes are too many for a QR code at this error "
                                       "correction level.",
                                       nullptr, int(data.size()))
                               : QCoreApplication::translate("Parlor::QrCode",
                                                             "The QR code could not be made (%1).")
                                         .arg(QString::fromLocal8Bit(strerror(errno)));
        return code;
    }
    code.m_size = raw->width;
    code.m_version = raw->version;
    code.m_dark.resize(raw->width * raw->width);
    // libqrencode: one byte per module, bit 0 set for dark; the other bits say what the
    // module is part of (finder, timing, data), which a painter does not need.
    for (int i = 0; i < code.m_dark.size(); ++i)
        code.m_dark[i] = raw->data[i] & 1;
    QRcode_free(raw);
    return code;
}

bool QrCode::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_dark.at(y * m_size + x);
}

} // namespace Parlor
