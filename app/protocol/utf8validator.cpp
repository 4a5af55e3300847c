#include "utf8validator.h"

#include <cstring>

namespace Parlor {

bool Utf8Validator::feed(QByteArrayView bytes)
{
    if (!m_valid)
        return false;
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const uchar *const end = p + bytes.size();
    while (p < end) {
        if (m_remaining == 0) {
            // Chat text is mostly ASCII: skip it eight bytes at a time.
            while (end - p >= 8) {
                quint64 word;
                std::memcpy(&word, p, sizeof word);
                if (word & 0x8080808080808080ULL)
                    break;
                p += 8;
            }
            if (p == end)
                break;
            const uchar lead = *p++;
            if (lead < 0x80)
                continue;
            m_low = 0x80;
            m_high = 0xBF;
            if (lead < 0xC2) { // a continuation byte, or C0/C1 (always overlong)
                m_valid = false;
            } else if (lead < 0xE0) {
                m_remaining = 1;
            } else if (lead < 0xF0) {
                m_remaining = 2;
                if (lead == 0xE0)
                    m_low = 0xA0; // below: overlong
                else if (lead == 0xED)
                    m_high = 0x9F; // above: UTF-16 surrogates
            } else if (lead < 0xF5) {
                m_remaining = 3;
                if (lead == 0xF0)
                    m_low = 0x90; // below: overlong
                else if (lead == 0xF4)
                    m_high = 0x8F; // above: past U+10FFFF
            } else {
                m_valid = false;
            }
        } else {
            const uchar next = *p++;
            if (next < m_low || next > m_high) {
                m_valid = false;
            } else {
                --m_remaining;
                m_low = 0x80;
                m_high = 0xBF;
            }
        }
        if (!m_valid)
            return false;
    }
    return true;
}

} // namespace Parlor
