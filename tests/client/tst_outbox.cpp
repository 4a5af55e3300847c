// Outbox: what the user sent and the room has not confirmed, on disk. Every test works in its own
// temporary directory and checks what a second Outbox reads back from the same file, which is what
// happens when the app starts again.

#include "client/outbox.h"
#include "protocol/protocol.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(bytes) == bytes.size();
}

/// The stored entries, or an error text when the file does not parse as an outbox: a header
/// line {"format":"parlor-outbox","version":2}, then one JSON object per line.
QJsonArray storedEntries(const QString &path, QString *error)
{
    const QList<QByteArray> lines = readAll(path).split('\n');
    if (lines.size() < 2 || !lines.constLast().isEmpty()) {
        *error = u"not whole lines"_s;
        return {};
    }
    QJsonArray entries;
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        QByteArray json = lines.at(i);
        if (i > 0) {
            // An entry: its JSON, a tab, and the first 32 bits of the JSON's SHA-256 in hex.
            const qsizetype tab = json.lastIndexOf('\t');
            const QByteArray sum = json.mid(tab + 1);
            json = json.left(tab);
            if (tab < 0
                || sum != QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex().left(8)) {
                *error = u"line %1 has no valid checksum"_s.arg(i + 1);
                return {};
            }
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *error = u"line %1 is not a JSON object: %2"_s.arg(i + 1).arg(parseError.errorString());
            return {};
        }
        if (i == 0) {
            if (doc.object() != QJsonObject{{u"format"_s, u"parlor-outbox"_s}, {u"version"_s, 2}}) {
                *error = u"no version 2 header"_s;
                return {};
            }
            continue;
        }
        entries.append(doc.object());
    }
    error->clear();
    return entries;
}

QStringList idsOf(const QList<Outbox::Entry> &entries)
{
    QStringList ids;
    for (const Outbox::Entry &e : entries)
        ids.append(e.id);
    return ids;
}

#ifdef Q_OS_UNIX
quint64 inodeOf(const QString &path)
{
    struct stat info;
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? quint64(info.st_ino) : 0;
}
#endif

} // namespace

class tst_Outbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void emptyPathKeepsEntriesInMemoryOnly();
    void missingFileLoadsEmpty();
    void addedEntriesReloadInOrder_data();
    void addedEntriesReloadInOrder();
    void stateSurvivesReload_data();
    void stateSurvivesReload();
    void removeSurvivesReload();
    void removeOfUnknownIdChangesNothing();
    void pendingIsQueuedAndSentInOrder();
    void damagedFileIsMovedAsideAndOutboxStartsEmpty_data();
    void damagedFileIsMovedAsideAndOutboxStartsEmpty();
    void olderDamagedFileIsReplaced();
    void entriesWithoutIdOrTextAreSkipped();
    void createdTimeOutOfRangeIsUnknown_data();
    void createdTimeOutOfRangeIsUnknown();
    void fileIsReplacedAtomically();
    void tornLastEntryAtEveryByteCostsOnlyThatEntry();
    void damageAtEveryByteOfAnEntryCostsOnlyThatEntry_data();
    void damageAtEveryByteOfAnEntryCostsOnlyThatEntry();
    void missingDirectoriesAreCreated();
    void newIdIsUniqueAndValidOnTheWire();
    void defaultPathDependsOnTheRoom();

private:
    QString path() const { return m_dir->filePath(u"outbox.json"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Outbox::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_Outbox::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_Outbox::emptyPathKeepsEntriesInMemoryOnly()
{
    Outbox outbox;
    QString error;
    QVERIFY(outbox.load(&error));
    const QString id = outbox.add(u"hello"_s).id;
    outbox.setState(id, ChatLine::Delivery::Sent);
    QCOMPARE(outbox.entries().size(), 1);
    QCOMPARE(outbox.entries().first().state, ChatLine::Delivery::Sent);
    QVERIFY(outbox.filePath().isEmpty());
    // Nothing was written anywhere near the tests' directory.
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void tst_Outbox::missingFileLoadsEmpty()
{
    Outbox outbox(path());
    QString error;
    QVERIFY(outbox.load(&error));
    QVERIFY(error.isEmpty());
    QVERIFY(outbox.entries().isEmpty());
    QVERIFY(!QFile::exists(path())); // loading alone creates nothing
}

void tst_Outbox::addedEntriesReloadInOrder_data()
{
    QTest::addColumn<QStringList>("texts");

    QTest::newRow("one") << QStringList{u"hello"_s};
    QTest::newRow("three in order") << QStringList{u"first"_s, u"second"_s, u"third"_s};
    QTest::newRow("unicode and new lines")
            << QStringList{u"안녕하세요 👋"_s, u"line one\nline two\ttab"_s, u"\"quoted\" {json}"_s};
}

void tst_Outbox::addedEntriesReloadInOrder()
{
    QFETCH(QStringList, texts);

    QList<Outbox::Entry> added;
    {
        Outbox outbox(path());
        QVERIFY(outbox.load());
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        for (const QString &text : std::as_const(texts))
            added.append(outbox.add(text));
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        for (const Outbox::Entry &e : std::as_const(added)) {
            QCOMPARE(e.state, ChatLine::Delivery::Queued);
            QVERIFY(e.createdMs >= before && e.createdMs <= after);
        }
    }

    Outbox reloaded(path());
    QString error;
    QVERIFY2(reloaded.load(&error), qPrintable(error));
    QCOMPARE(reloaded.entries().size(), added.size());
    for (int i = 0; i < added.size(); ++i) {
        const Outbox::Entry &e = reloaded.entries().at(i);
        QCOMPARE(e.id, added.at(i).id);
        QCOMPARE(e.text, texts.at(i));
        QCOMPARE(e.state, ChatLine::Delivery::Queued);
        QCOMPARE(e.createdMs, added.at(i).createdMs);
        QVERIFY(e.error.isEmpty());
    }
}

void tst_Outbox::stateSurvivesReload_data()
{
    QTest::addColumn<int>("stateValue");
    QTest::addColumn<QString>("errorText");

    QTest::newRow("queued") << int(ChatLine::Delivery::Queued) << QString();
    QTest::newRow("sent") << int(ChatLine::Delivery::Sent) << QString();
    QTest::newRow("failed with a reason")
            << int(ChatLine::Delivery::Failed) << u"the text is longer than 10 characters"_s;
}

void tst_Outbox::stateSurvivesReload()
{
    QFETCH(int, stateValue);
    QFETCH(QString, errorText);
    const auto state = ChatLine::Delivery(stateValue);

    QString first, second, third;
    {
        Outbox outbox(path());
        QVERIFY(outbox.load());
        first = outbox.add(u"one"_s).id;
        second = outbox.add(u"two"_s).id;
        third = outbox.add(u"three"_s).id;
        outbox.setState(u"unknown id"_s, ChatLine::Delivery::Sent);
        outbox.setState(first, ChatLine::Delivery::Sent);
        outbox.setState(second, state, errorText);
    }

    Outbox reloaded(path());
    QVERIFY(reloaded.load());
    QCOMPARE(idsOf(reloaded.entries()), (QStringList{first, second, third}));
    QCOMPARE(reloaded.find(first)->state, ChatLine::Delivery::Sent);
    QCOMPARE(reloaded.find(second)->state, state);
    QCOMPARE(reloaded.find(second)->error, errorText);
    QCOMPARE(reloaded.find(third)->state, ChatLine::Delivery::Queued);
}

void tst_Outbox::removeSurvivesReload()
{
    QString a, b, c;
    {
        Outbox outbox(path());
        QVERIFY(outbox.load());
        a = outbox.add(u"a"_s).id;
        b = outbox.add(u"b"_s).id;
        c = outbox.add(u"c"_s).id;
        outbox.remove(b);
        QCOMPARE(outbox.find(b), nullptr);
    }
    {
        Outbox reloaded(path());
        QVERIFY(reloaded.load());
        QCOMPARE(idsOf(reloaded.entries()), (QStringList{a, c}));
        reloaded.remove(a);
        reloaded.remove(c);
    }
    Outbox empty(path());
    QVERIFY(empty.load());
    QVERIFY(empty.entries().isEmpty());
    QString error;
    QCOMPARE(storedEntries(path(), &error).size(), 0);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_Outbox::removeOfUnknownIdChangesNothing()
{
    Outbox outbox(path());
    QVERIFY(outbox.load());
    const QString id = outbox.add(u"keep me"_s).id;
    const QByteArray before = readAll(path());
    outbox.remove(u"not there"_s);
    QCOMPARE(outbox.entries().size(), 1);
    QCOMPARE(readAll(path()), before);
    QVERIFY(outbox.find(id));
}

void tst_Outbox::pendingIsQueuedAndSentInOrder()
{
    Outbox outbox(path());
    QVERIFY(outbox.load());
    const QString q1 = outbox.add(u"queued 1"_s).id;
    const QString s1 = outbox.add(u"sent 1"_s).id;
    const QString f1 = outbox.add(u"failed 1"_s).id;
    const QString q2 = outbox.add(u"queued 2"_s).id;
    const QString s2 = outbox.add(u"sent 2"_s).id;
    outbox.setState(s1, ChatLine::Delivery::Sent);
    outbox.setState(f1, ChatLine::Delivery::Failed, u"refused"_s);
    outbox.setState(s2, ChatLine::Delivery::Sent);

    QCOMPARE(idsOf(outbox.pending()), (QStringList{q1, s1, q2, s2}));

    // A failed entry put back in the queue is pending again, in its original place.
    outbox.setState(f1, ChatLine::Delivery::Queued);
    QCOMPARE(idsOf(outbox.pending()), (QStringList{q1, s1, f1, q2, s2}));

    Outbox reloaded(path());
    QVERIFY(reloaded.load());
    QCOMPARE(idsOf(reloaded.pending()), (QStringList{q1, s1, f1, q2, s2}));
}

void tst_Outbox::damagedFileIsMovedAsideAndOutboxStartsEmpty_data()
{
    QTest::addColumn<QByteArray>("damaged");

    QByteArray garbage;
    for (int i = 0; i < 512; ++i)
        garbage.append(char((i * 167 + 13) % 256));
    QTest::newRow("garbage bytes") << garbage;
    QTest::newRow("truncated JSON") << QByteArray(R"({"version":1,"entries":[{"id":"a","te)");
    QTest::newRow("JSON that is not an object") << QByteArray(R"([{"id":"a","text":"b"}])");
    QTest::newRow("NUL bytes") << QByteArray(64, '\0');
}

void tst_Outbox::damagedFileIsMovedAsideAndOutboxStartsEmpty()
{
    QFETCH(QByteArray, damaged);
    QVERIFY(writeAll(path(), damaged));

    Outbox outbox(path());
    QString error;
    QVERIFY(!outbox.load(&error));
    QVERIFY2(!error.isEmpty(), "a damaged outbox must be reported");
    QVERIFY(outbox.entries().isEmpty());

    // The damaged bytes are kept for a person to look at, and the outbox path is free again.
    const QString aside = path() + u".damaged"_s;
    QVERIFY(QFile::exists(aside));
    QCOMPARE(readAll(aside), damaged);
    QVERIFY(!QFile::exists(path()));
    QVERIFY2(error.contains(aside), qPrintable(error));

    // The outbox works from scratch.
    const QString id = outbox.add(u"after the damage"_s).id;
    Outbox reloaded(path());
    QVERIFY(reloaded.load(&error));
    QCOMPARE(idsOf(reloaded.entries()), QStringList{id});
    QCOMPARE(readAll(aside), damaged);
}

void tst_Outbox::olderDamagedFileIsReplaced()
{
    const QString aside = path() + u".damaged"_s;
    QVERIFY(writeAll(aside, "old damage"));
    QVERIFY(writeAll(path(), "new damage"));
    Outbox outbox(path());
    QVERIFY(!outbox.load());
    QCOMPARE(readAll(aside), QByteArray("new damage"));
    QVERIFY(!QFile::exists(path()));
}

void tst_Outbox::entriesWithoutIdOrTextAreSkipped()
{
    const QByteArray stored = R"({"version":1,"entries":[
        {"id":"good-1","text":"kept","state":"sent","created":1700000000000},
        {"text":"no id"},
        {"id":"no-text"},
        {"id":"empty-text","text":""},
        42,
        {"id":"good-2","text":"kept too","state":"failed","error":"why","future":true}
    ]})";
    QVERIFY(writeAll(path(), stored));
    Outbox outbox(path());
    QString error;
    QVERIFY2(outbox.load(&error), qPrintable(error));
    QCOMPARE(idsOf(outbox.entries()), (QStringList{u"good-1"_s, u"good-2"_s}));
    QCOMPARE(outbox.find(u"good-1"_s)->state, ChatLine::Delivery::Sent);
    QCOMPARE(outbox.find(u"good-1"_s)->createdMs, 1'700'000'000'000);
    QCOMPARE(outbox.find(u"good-2"_s)->state, ChatLine::Delivery::Failed);
    QCOMPARE(outbox.find(u"good-2"_s)->error, u"why"_s);
}

void tst_Outbox::createdTimeOutOfRangeIsUnknown_data()
{
    QTest::addColumn<QByteArray>("created");
    QTest::addColumn<qint64>("expected");
    // Found by fuzz_outbox (docs/FUZZING.md): 1e300 was converted to qint64, which is undefined.
    QTest::newRow("1e300") << QByteArray("1e300") << qint64(0);
    QTest::newRow("-1e300") << QByteArray("-1e300") << qint64(0);
    QTest::newRow("just past qint64") << QByteArray("9.3e18") << qint64(0);
    QTest::newRow("past 2^53") << QByteArray("9007199254740994") << qint64(0);
    QTest::newRow("2^53 - 1") << QByteArray("9007199254740991") << qint64(9007199254740991);
    QTest::newRow("a string") << QByteArray("\"1700000000000\"") << qint64(0);
    QTest::newRow("a time") << QByteArray("1700000000000") << qint64(1'700'000'000'000);
}

void tst_Outbox::createdTimeOutOfRangeIsUnknown()
{
    QFETCH(QByteArray, created);
    QFETCH(qint64, expected);
    QVERIFY(writeAll(path(),
                     R"({"version":1,"entries":[{"id":"a","text":"t","state":"queued","created":)"
                             + created + "}]}"));
    Outbox outbox(path());
    QString error;
    QVERIFY2(outbox.load(&error), qPrintable(error));
    QCOMPARE(outbox.entries().size(), 1);
    QCOMPARE(outbox.entries().constFirst().createdMs, expected);
    QCOMPARE(outbox.entries().constFirst().text, u"t"_s);
}

void tst_Outbox::fileIsReplacedAtomically()
{
    Outbox outbox(path());
    QVERIFY(outbox.load());
    QStringList expected;
    quint64 lastInode = 0;

    // After every operation the file on disk is a complete outbox holding exactly what the
    // outbox holds, written to a new file that replaced the old one (a rename, never an
    // overwrite in place), and no temporary file is left behind.
    const auto check = [&](const char *step) {
        QString error;
        const QJsonArray entries = storedEntries(path(), &error);
        if (!error.isEmpty()) {
            QTest::qFail(qPrintable(u"after %1: %2"_s.arg(QLatin1String(step), error)), __FILE__,
                         __LINE__);
            return false;
        }
        QStringList stored;
        for (const QJsonValue &v : entries)
            stored.append(v.toObject().value(u"id"_s).toString());
        if (stored != expected) {
            QTest::qFail(qPrintable(u"after %1: stored %2, expected %3"_s.arg(QLatin1String(step),
                                                                              stored.join(u','),
                                                                              expected.join(u','))),
                         __FILE__, __LINE__);
            return false;
        }
        const QStringList files = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
        if (files != QStringList{u"outbox.json"_s}) {
            QTest::qFail(qPrintable(u"after %1: files %2"_s.arg(QLatin1String(step),
                                                                files.join(u','))),
                         __FILE__, __LINE__);
            return false;
        }
#ifdef Q_OS_UNIX
        const quint64 inode = inodeOf(path());
        if (inode == lastInode) {
            QTest::qFail(qPrintable(u"after %1: the file was rewritten in place"_s.arg(
                                 QLatin1String(step))),
                         __FILE__, __LINE__);
            return false;
        }
        lastInode = inode;
#endif
        return true;
    };

    expected.append(outbox.add(u"one"_s).id);
    QVERIFY(check("add"));
    expected.append(outbox.add(u"two"_s).id);
    QVERIFY(check("second add"));
    outbox.setState(expected.at(0), ChatLine::Delivery::Sent);
    QVERIFY(check("setState"));
    outbox.setState(expected.at(1), ChatLine::Delivery::Failed, u"refused"_s);
    QVERIFY(check("setState to failed"));
    outbox.remove(expected.takeFirst());
    QVERIFY(check("remove"));
    outbox.remove(expected.takeFirst());
    QVERIFY(check("remove of the last entry"));
}

namespace {

/// An outbox of four entries on disk, and where each of its lines starts.
QList<Outbox::Entry> writeFour(const QString &path, QList<qsizetype> *lineStarts)
{
    Outbox outbox(path);
    outbox.add(u"first"_s);
    outbox.add(u"second, with \"quotes\" and a\nline break"_s);
    outbox.add(u"세 번째 ✓"_s);
    outbox.add(u"fourth and last"_s);
    outbox.setState(outbox.entries().at(1).id, ChatLine::Delivery::Failed, u"refused"_s);
    const QByteArray bytes = readAll(path);
    lineStarts->clear();
    lineStarts->append(0);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes.at(i) == '\n')
            lineStarts->append(i + 1);
    }
    return outbox.entries();
}

bool sameEntries(const QList<Outbox::Entry> &a, const QList<Outbox::Entry> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].id != b[i].id || a[i].text != b[i].text || a[i].state != b[i].state
            || a[i].error != b[i].error || a[i].createdMs != b[i].createdMs)
            return false;
    }
    return true;
}

} // namespace

void tst_Outbox::tornLastEntryAtEveryByteCostsOnlyThatEntry()
{
    // QSaveFile renames a complete, synced file over the old one, so a killed app leaves the old
    // outbox or the new one (fileIsReplacedAtomically). A disk or file system can still tear
    // the last write: cut the file at every byte of its last entry and read it back.
    QList<qsizetype> starts;
    const QList<Outbox::Entry> all = writeFour(path(), &starts);
    const QByteArray whole = readAll(path());
    QCOMPARE(starts.size(), 6); // header, four entries, and the end
    const qsizetype lastStart = starts.at(4);
    for (qsizetype cut = lastStart; cut < whole.size(); ++cut) {
        const QByteArray torn = whole.left(cut);
        QVERIFY(writeAll(path(), torn));
        QFile::remove(path() + u".damaged"_s);
        Outbox outbox(path());
        QString error;
        const bool clean = outbox.load(&error);
        const QString where = u"cut at byte %1 of %2"_s.arg(cut).arg(whole.size());
        if (cut == lastStart || cut == whole.size() - 1) {
            // The entry is wholly there (all but its line break) or wholly absent: no damage.
            QVERIFY2(clean, qPrintable(where + u": "_s + error));
            QVERIFY2(sameEntries(outbox.entries(), all.mid(0, cut == lastStart ? 3 : 4)),
                     qPrintable(where));
            continue;
        }
        // The three complete entries are intact; the torn one is reported, its bytes kept.
        QVERIFY2(!clean, qPrintable(where));
        QVERIFY2(sameEntries(outbox.entries(), all.mid(0, 3)), qPrintable(where));
        QCOMPARE(outbox.damage().entries, 1);
        QCOMPARE(outbox.damage().keptIn, path() + u".damaged"_s);
        QVERIFY2(error.contains(u".damaged"_s), qPrintable(error));
        QCOMPARE(readAll(path() + u".damaged"_s), torn);
        // The outbox was written again without the damage: the next start is clean.
        Outbox again(path());
        QVERIFY2(again.load(&error), qPrintable(where + u": "_s + error));
        QVERIFY2(sameEntries(again.entries(), all.mid(0, 3)), qPrintable(where));
    }
}

void tst_Outbox::damageAtEveryByteOfAnEntryCostsOnlyThatEntry_data()
{
    QTest::addColumn<int>("entry");
    QTest::newRow("the last entry") << 3;
    QTest::newRow("an entry in the middle") << 1;
}

void tst_Outbox::damageAtEveryByteOfAnEntryCostsOnlyThatEntry()
{
    QFETCH(int, entry);
    QList<qsizetype> starts;
    const QList<Outbox::Entry> all = writeFour(path(), &starts);
    const QByteArray whole = readAll(path());
    QList<Outbox::Entry> intact = all;
    intact.removeAt(entry);
    // Every byte of the entry changed in turn: to a NUL (which Qt's parser even takes inside a
    // string) and to another letter; the checksum catches what JSON alone would not.
    for (qsizetype step = 0; step < 2 * (starts.at(entry + 2) - 1 - starts.at(entry + 1)); ++step) {
        const qsizetype at = starts.at(entry + 1) + step / 2;
        QByteArray damaged = whole;
        damaged[at] = step % 2 ? char(damaged.at(at) == 'x' ? 'y' : 'x') : '\0';
        QVERIFY(writeAll(path(), damaged));
        Outbox outbox(path());
        QString error;
        const QString where = u"byte %1 (entry from %2 to %3): %4"_s.arg(at)
                                      .arg(starts.at(entry + 1))
                                      .arg(starts.at(entry + 2))
                                      .arg(QString::fromLatin1(
                                              damaged.mid(starts.at(entry + 1),
                                                          at - starts.at(entry + 1) + 3)
                                                      .toPercentEncoding()));
        QVERIFY2(!outbox.load(&error), qPrintable(where));
        QVERIFY2(sameEntries(outbox.entries(), intact), qPrintable(where));
        QCOMPARE(outbox.damage().entries, 1);
        QCOMPARE(readAll(path() + u".damaged"_s), damaged);
    }
}

void tst_Outbox::missingDirectoriesAreCreated()
{
    const QString nested = m_dir->filePath(u"a/b/c/outbox.json"_s);
    Outbox outbox(nested);
    QVERIFY(outbox.load());
    const QString id = outbox.add(u"deep"_s).id;
    QVERIFY(QFile::exists(nested));
    Outbox reloaded(nested);
    QVERIFY(reloaded.load());
    QCOMPARE(idsOf(reloaded.entries()), QStringList{id});
}

void tst_Outbox::newIdIsUniqueAndValidOnTheWire()
{
    QSet<QString> ids;
    const ProtocolLimits limits;
    for (int i = 0; i < 5000; ++i) {
        const QString id = Outbox::newId();
        const auto problem = idProblem(id, limits.maxIdLength);
        QVERIFY2(!problem, qPrintable(id + u": "_s + problem.value_or(QString())));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 5000);

    // Entries get distinct ids too.
    Outbox outbox;
    // (A copy: add() returns a reference that the next add() may invalidate, which ASan found.)
    const QString first = outbox.add(u"same text"_s).id;
    QVERIFY(outbox.add(u"same text"_s).id != first);
}

void tst_Outbox::defaultPathDependsOnTheRoom()
{
    const QString a = Outbox::defaultPath(u"ws://example.org:5870/"_s);
    const QString b = Outbox::defaultPath(u"ws://example.org:5871/"_s);
    QCOMPARE(Outbox::defaultPath(u"ws://example.org:5870/"_s), a);
    QVERIFY(a != b);
    // Under the app's data directory (the test-mode one here), never in the working directory.
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY2(a.startsWith(dataDir + u'/'), qPrintable(a));
    QVERIFY(a.endsWith(u".json"_s));
}

QTEST_GUILESS_MAIN(tst_Outbox)
#include "tst_outbox.moc"
