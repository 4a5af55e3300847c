#include "outbox.h"

#include "core/logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Parlor {

namespace {

QString stateName(ChatLine::Delivery state)
{
    return state == ChatLine::Delivery::Failed ? QStringLiteral("failed")
           : state == ChatLine::Delivery::Sent ? QStringLiteral("sent")
                                               : QStringLiteral("queued");
}

ChatLine::Delivery stateFromName(const QString &name)
{
    if (name == QLatin1String("failed"))
        return ChatLine::Delivery::Failed;
    if (name == QLatin1String("sent"))
        return ChatLine::Delivery::Sent;
    return ChatLine::Delivery::Queued;
}

// When the entry was made, or 0 (unknown: shown as now) for what a file cannot hold exactly. JSON
// numbers are doubles, so only whole numbers up to 2^53 are times we wrote; converting a double
// beyond qint64's range (a damaged or hand-edited file's 1e300) would be undefined behaviour.
qint64 createdFromJson(const QJsonValue &value)
{
    constexpr double maxSafeInteger = 9007199254740991.0;
    const double ms = value.toDouble();
    if (!std::isfinite(ms) || std::fabs(ms) > maxSafeInteger)
        return 0;
    return qint64(ms);
}

} // namespace

Outbox::Outbox(const QString &filePath)
    : m_filePath(filePath)
{}

QString Outbox::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString Outbox::defaultPath(const QString &roomUrl)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QByteArray hash = QCryptographicHash::hash(roomUrl.toUtf8(), QCryptographicHash::Sha256);
    return dir + QStringLiteral("/outbox/") + QString::fromLatin1(hash.toHex().left(16))
           + QStringLiteral(".json");
}

namespace {

constexpr int FormatVersion = 2;

std::optional<Outbox::Entry> entryFromJson(const QJsonObject &o)
{
    Outbox::Entry e;
    e.id = o.value(QLatin1String("id")).toString();
    e.text = o.value(QLatin1String("text")).toString();
    e.state = stateFromName(o.value(QLatin1String("state")).toString());
    e.error = o.value(QLatin1String("error")).toString();
    e.createdMs = createdFromJson(o.value(QLatin1String("created")));
    // Absent in entries written before replies: 0, not a reply.
    e.replyTo = std::max<qint64>(0, o.value(QLatin1String("reply_to")).toInteger());
    if (e.id.isEmpty() || e.text.isEmpty())
        return std::nullopt;
    return e;
}

/// The first 32 bits of the SHA-256 of an entry's JSON, in hex.
QByteArray checksum(const QByteArray &json)
{
    return QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex().left(8);
}

QJsonObject entryToJson(const Outbox::Entry &e)
{
    QJsonObject o{{QLatin1String("id"), e.id},
                  {QLatin1String("text"), e.text},
                  {QLatin1String("state"), stateName(e.state)},
                  {QLatin1String("created"), double(e.createdMs)}};
    if (!e.error.isEmpty())
        o.insert(QLatin1String("error"), e.error);
    if (e.replyTo > 0)
        o.insert(QLatin1String("reply_to"), double(e.replyTo));
    return o;
}

} // namespace

bool Outbox::loadVersion1(const QJsonObject &document)
{
    for (const QJsonValue &v : document.value(QLatin1String("entries")).toArray()) {
        if (const auto e = entryFromJson(v.toObject()))
            m_entries.append(*e);
    }
    return true;
}

bool Outbox::load(QString *error)
{
    m_entries.clear();
    m_damage = {};
    if (m_filePath.isEmpty())
        return true;
    QFile file(m_filePath);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const QByteArray bytes = file.readAll();
    file.close();

    // Version 1: the whole outbox as one JSON document.
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()
        && doc.object().value(QLatin1String("entries")).isArray())
        return loadVersion1(doc.object());

    // Version 2: a header line, then one line per entry. A line that does not read back as a
    // whole entry (torn, or damaged) is counted and skipped; the others are intact.
    bool header = false;
    int damaged = 0;
    for (const QByteArray &line : bytes.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const bool isHeader = !header && m_entries.isEmpty() && damaged == 0;
        // An entry ends with a tab and the checksum of its JSON: Qt's parser takes some damage
        // (a NUL inside a string) for valid JSON, and a changed letter is valid JSON anyway.
        const qsizetype tab = line.lastIndexOf('\t');
        const QByteArray json = isHeader || tab < 0 ? line : line.left(tab);
        const bool summed = tab >= 0 && line.mid(tab + 1) == checksum(json);
        const QJsonDocument lineDoc = QJsonDocument::fromJson(json, &parseError);
        const QJsonObject o = lineDoc.object();
        if (parseError.error != QJsonParseError::NoError || !lineDoc.isObject()) {
            ++damaged;
        } else if (!isHeader && !summed) {
            ++damaged;
        } else if (isHeader && o.contains(QLatin1String("version"))) {
            header = o.value(QLatin1String("version")).toInt() == FormatVersion;
            if (!header)
                ++damaged; // another version's header: nothing below it is ours to read
        } else if (const auto e = entryFromJson(o)) {
            m_entries.append(*e);
        } else {
            ++damaged;
        }
    }
    if (damaged == 0 && (header || bytes.trimmed().isEmpty()))
        return true;

    // Keep the damaged bytes for a person to look at, never overwrite them with less.
    const QString aside = m_filePath + QStringLiteral(".damaged");
    QFile::remove(aside);
    if (!header && m_entries.isEmpty()) {
        QFile::rename(m_filePath, aside);
        m_damage = {-1, aside};
        if (error)
            *error = QStringLiteral("the outbox file was damaged and was moved to %1").arg(aside);
        return false;
    }
    QFile::copy(m_filePath, aside);
    m_damage = {std::max(damaged, 1), aside};
    save(); // the intact entries, without the damage
    if (error)
        *error = QStringLiteral("%1 damaged entries of the outbox could not be read; the other "
                                "%2 are intact, and the damaged file was kept in %3")
                         .arg(m_damage.entries)
                         .arg(m_entries.size())
                         .arg(aside);
    return false;
}

void Outbox::save()
{
    if (m_filePath.isEmpty())
        return;
    QByteArray bytes = QJsonDocument(QJsonObject{{QLatin1String("format"),
                                                  QLatin1String("parlor-outbox")},
                                                 {QLatin1String("version"), FormatVersion}})
                               .toJson(QJsonDocument::Compact);
    bytes += '\n';
    for (const Entry &e : std::as_const(m_entries)) {
        // Compact JSON escapes every line break and tab, so an entry is exactly one line, and
        // its last tab starts the checksum.
        const QByteArray json = QJsonDocument(entryToJson(e)).toJson(QJsonDocument::Compact);
        bytes += json + '\t' + checksum(json) + '\n';
    }
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    // QSaveFile writes a temporary file, syncs it and renames it over the old one: a crash
    // leaves either the old outbox or the new one, never half of one. The line per entry is
    // for what a rename cannot help with (a disk or a file system that tears it anyway).
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit()) {
        qCWarning(lcClient) << "cannot store the outbox in" << m_filePath << ":"
                            << file.errorString();
    }
}

const Outbox::Entry &Outbox::add(const QString &text, qint64 replyTo)
{
    m_entries.append(Entry{newId(),
                           text,
                           ChatLine::Delivery::Queued,
                           {},
                           QDateTime::currentMSecsSinceEpoch(),
                           replyTo});
    save();
    return m_entries.constLast();
}

void Outbox::clearReplies()
{
    bool changed = false;
    for (Entry &e : m_entries) {
        changed = changed || e.replyTo > 0;
        e.replyTo = 0;
    }
    if (changed)
        save();
}

void Outbox::setState(const QString &id, ChatLine::Delivery state, const QString &error)
{
    for (Entry &e : m_entries) {
        if (e.id == id) {
            if (e.state == state && e.error == error)
                return;
            e.state = state;
            e.error = error;
            save();
            return;
        }
    }
}

void Outbox::remove(const QString &id)
{
    const auto removed = m_entries.removeIf([&](const Entry &e) { return e.id == id; });
    if (removed)
        save();
}

const Outbox::Entry *Outbox::find(const QString &id) const
{
    for (const Entry &e : m_entries) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

QList<Outbox::Entry> Outbox::pending() const
{
    QList<Entry> result;
    for (const Entry &e : m_entries) {
        if (e.state == ChatLine::Delivery::Queued || e.state == ChatLine::Delivery::Sent)
            result.append(e);
    }
    return result;
}

} // namespace Parlor
