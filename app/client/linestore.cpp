#include "linestore.h"

namespace Parlor {

void LineStore::append(const ChatLine &line)
{
    if (m_chunks.empty() || m_chunks.back()->size() == chunkSize) {
        m_chunks.push_back(std::make_unique<std::vector<StoredLine>>());
        // Reserved at once: a chunk never reallocates either.
        m_chunks.back()->reserve(chunkSize);
    }
    m_chunks.back()->emplace_back(line);
    ++m_size;
}

void LineStore::append(const QList<ChatLine> &lines)
{
    for (const ChatLine &line : lines)
        append(line);
}

void LineStore::removeAt(int row)
{
    if (row < 0 || row >= m_size)
        return;
    // Each later line moves up by one: across chunk borders, the first of the next chunk
    // becomes the last of this one.
    size_t c = size_t(row) >> chunkBits;
    std::vector<StoredLine> *current = m_chunks[c].get();
    current->erase(current->begin() + (size_t(row) & mask));
    for (++c; c < m_chunks.size(); ++c) {
        std::vector<StoredLine> *next = m_chunks[c].get();
        current->push_back(std::move(next->front()));
        next->erase(next->begin());
        current = next;
    }
    if (m_chunks.back()->empty())
        m_chunks.pop_back();
    --m_size;
}

void LineStore::clear()
{
    m_chunks.clear();
    m_size = 0;
}

} // namespace Parlor
