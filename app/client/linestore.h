#pragma once

#include "chatline.h"
#include "storedline.h"

#include <QList>

#include <memory>
#include <vector>

namespace Parlor {

/// The chat's lines in fixed chunks of 1 024. A single QList of a million lines is copied
/// whole each time it outgrows its capacity: at that size, a stall of hundreds of milliseconds
/// in the middle of loading. Chunks never move once made, so appending costs the same at any
/// length; a line is found by its row in O(1). Lines are kept packed (StoredLine): a ChatLine
/// comes in, and a ChatLine is made again when one is asked for (line()).
class LineStore
{
public:
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    const StoredLine &at(int row) const { return chunk(row)[size_t(row) & mask]; }
    StoredLine &operator[](int row) { return chunk(row)[size_t(row) & mask]; }
    /// The line in \a row as a ChatLine (a copy).
    ChatLine line(int row) const { return at(row).toChatLine(); }
    void append(const ChatLine &line);
    void append(const QList<ChatLine> &lines);
    /// Removes the line in \a row; the lines after it move up one (O(n)).
    void removeAt(int row);
    void clear();

private:
    static constexpr int chunkBits = 10;
    static constexpr size_t chunkSize = size_t(1) << chunkBits;
    static constexpr size_t mask = chunkSize - 1;

    std::vector<StoredLine> &chunk(int row) { return *m_chunks[size_t(row) >> chunkBits]; }
    const std::vector<StoredLine> &chunk(int row) const
    {
        return *m_chunks[size_t(row) >> chunkBits];
    }

    std::vector<std::unique_ptr<std::vector<StoredLine>>> m_chunks;
    int m_size = 0;
};

} // namespace Parlor
