#pragma once

// What every fuzz target shares: a QCoreApplication (QSettings, QStandardPaths and tr() want
// one), made once before the first input, and a reader that splits one input into typed pieces.

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace ParlorFuzz {

/// Makes the application object once. libFuzzer calls LLVMFuzzerInitialize before any input.
inline void initApplication(int *argc, char ***argv)
{
    // Quiet: a fuzzer runs millions of inputs, and the room logs every join and drop.
    qputenv("QT_LOGGING_RULES", "*.debug=false;*.info=false;*.warning=false");
    static std::unique_ptr<QCoreApplication> app(new QCoreApplication(*argc, *argv));
    QCoreApplication::setOrganizationName(QStringLiteral("parlor-fuzz"));
    QCoreApplication::setApplicationName(QStringLiteral("parlor-fuzz"));
}

/// Consumes an input front to back. Running out is not an error: every read then yields zero or
/// an empty piece, so any byte string is a valid program for a target.
class Input
{
public:
    Input(const uint8_t *data, size_t size)
        : m_data(data)
        , m_size(size)
    {}

    bool atEnd() const { return m_pos >= m_size; }
    uint8_t byte() { return atEnd() ? 0 : m_data[m_pos++]; }
    /// A piece whose length comes first, in one byte (0–255 bytes).
    QByteArray bytes()
    {
        const size_t n = std::min<size_t>(byte(), m_size - std::min(m_pos, m_size));
        const QByteArray piece(reinterpret_cast<const char *>(m_data + m_pos), qsizetype(n));
        m_pos += n;
        return piece;
    }
    QString utf8() { return QString::fromUtf8(bytes()); }
    /// Raw UTF-16 (odd bytes and lone surrogates included): what a QString can hold but UTF-8
    /// decoding would never produce.
    QString utf16()
    {
        const QByteArray b = bytes();
        return QString(reinterpret_cast<const QChar *>(b.constData()), b.size() / 2);
    }
    /// Everything not read yet.
    QByteArray rest()
    {
        const size_t from = std::min(m_pos, m_size);
        m_pos = m_size;
        return QByteArray(reinterpret_cast<const char *>(m_data + from), qsizetype(m_size - from));
    }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

/// A broken invariant: printed, then abort() so that libFuzzer saves the input as a crash.
[[noreturn]] inline void fail(const char *what, const QString &detail = {})
{
    fprintf(stderr, "fuzz invariant broken: %s\n%s\n", what, qPrintable(detail));
    abort();
}

} // namespace ParlorFuzz

#define PARLOR_FUZZ_CHECK(condition, detail) \
    do { \
        if (!(condition)) \
            ::ParlorFuzz::fail(#condition, detail); \
    } while (false)
