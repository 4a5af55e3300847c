// The outbox file read back from disk (Outbox::load): it survives restarts, so it may be
// damaged, truncated, from another version, or edited by hand.
#include "fuzzsupport.h"

#include "client/outbox.h"

#include <QFile>
#include <QTemporaryDir>

using namespace Parlor;

namespace {
std::unique_ptr<QTemporaryDir> dir;
}

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    dir = std::make_unique<QTemporaryDir>();
    return 0;
}

namespace {

bool same(const Outbox::Entry &a, const Outbox::Entry &b)
{
    return a.id == b.id && a.text == b.text && a.state == b.state && a.error == b.error
           && a.createdMs == b.createdMs;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = dir->filePath(QStringLiteral("outbox.json"));
    QFile::remove(path + QStringLiteral(".damaged"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            abort();
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }

    Outbox outbox(path);
    QString error;
    if (!outbox.load(&error)) {
        // Damage is reported and its bytes kept aside. A file with nothing readable is moved
        // aside and the outbox starts empty; otherwise the intact entries load and the file is
        // written again without the damage (checked like any other outbox below).
        PARLOR_FUZZ_CHECK(!error.isEmpty() && outbox.damage().entries != 0
                                  && QFile::exists(path + QStringLiteral(".damaged")),
                          error);
        if (outbox.damage().entries < 0) {
            PARLOR_FUZZ_CHECK(outbox.entries().isEmpty() && !QFile::exists(path), error);
            return 0;
        }
    }
    for (const Outbox::Entry &e : outbox.entries())
        PARLOR_FUZZ_CHECK(!e.id.isEmpty() && !e.text.isEmpty(), e.id);
    if (outbox.entries().isEmpty())
        return 0;

    // What was read, written again (a change of state saves the file) and read once more, is the
    // same outbox: a restart must not alter what waits to be sent.
    const Outbox::Entry first = outbox.entries().constFirst();
    outbox.setState(first.id, ChatLine::Delivery::Failed, QStringLiteral("fuzz"));
    Outbox reread(path);
    PARLOR_FUZZ_CHECK(reread.load(&error), error);
    PARLOR_FUZZ_CHECK(reread.entries().size() == outbox.entries().size(), first.id);
    for (qsizetype i = 0; i < reread.entries().size(); ++i) {
        const Outbox::Entry &a = outbox.entries().at(i);
        // Qt drops a leading U+FEFF of a string value (docs/FUZZING.md).
        if (a.id.startsWith(QChar(0xFEFF)) || a.text.startsWith(QChar(0xFEFF))
            || a.error.startsWith(QChar(0xFEFF)))
            continue;
        PARLOR_FUZZ_CHECK(same(a, reread.entries().at(i)), a.id);
    }
    return 0;
}
