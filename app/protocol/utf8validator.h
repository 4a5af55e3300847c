#pragma once

#include <QByteArrayView>

namespace Parlor {

/// Checks UTF-8 as it arrives, in pieces cut anywhere — inside a character too — so a
/// WebSocket text message can be judged as a whole (RFC 6455 section 8.1) while its fragments
/// come in, and refused at the first byte no valid text could contain rather than at its end.
/// Valid means well-formed in the sense of Unicode table 3-7: no overlong forms, no UTF-16
/// surrogates, nothing above U+10FFFF.
class Utf8Validator
{
public:
    /// Checks the next bytes; false from the first impossible byte on (the validator stays
    /// invalid until reset()).
    bool feed(QByteArrayView bytes);
    /// Everything fed so far is valid UTF-8 (possibly ending inside a character).
    bool isValid() const { return m_valid; }
    /// Valid and at a character boundary: the text may end here.
    bool isComplete() const { return m_valid && m_remaining == 0; }
    void reset() { *this = Utf8Validator(); }

    /// Whether \a bytes, on their own, are complete valid UTF-8.
    static bool isValidUtf8(QByteArrayView bytes)
    {
        Utf8Validator v;
        return v.feed(bytes) && v.isComplete();
    }

private:
    bool m_valid = true;
    quint8 m_remaining = 0; ///< continuation bytes still owed by the current character
    // The range the next continuation byte must fall in: only the first one after the lead
    // byte is narrower than 0x80–0xBF (that is what rules out overlong forms, surrogates and
    // code points past U+10FFFF).
    quint8 m_low = 0x80;
    quint8 m_high = 0xBF;
};

} // namespace Parlor
