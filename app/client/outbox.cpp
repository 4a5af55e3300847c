#include "outbox.h"

#include "core/logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <cmath>

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

bool Outbox::load(QString *error)
{
    m_entries.clear();
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
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // Keep the damaged file for a person to look at instead of overwriting it.
        const QString aside = m_filePath + QStringLiteral(".damaged");
        QFile::remove(aside);
        QFile::rename(m_filePath, aside);
        if (error)
            *error = QStringLiteral("the outbox file was damaged and was moved to %1").arg(aside);
        return false;
    }
    for (const QJsonValue &v : doc.object().value(QLatin1String("entries")).toArray()) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.id = o.value(QLatin1String("id")).toString();
        e.text = o.value(QLatin1String("text")).toString();
        e.state = stateFromName(o.value(QLatin1String("state")).toString());
        e.error = o.value(QLatin1String("error")).toString();
        e.createdMs = createdFromJson(o.value(QLatin1String("created")));
        if (!e.id.isEmpty() && !e.text.isEmpty())
            m_entries.append(e);
    }
    return true;
}

void Outbox::save()
{
    if (m_filePath.isEmpty())
        return;
    QJsonArray entries;
    for (const Entry &e : std::as_const(m_entries)) {
        QJsonObject o{{QLatin1String("id"), e.id},
                      {QLatin1String("text"), e.text},
                      {QLatin1String("state"), stateName(e.state)},
                      {QLatin1String("created"), double(e.createdMs)}};
        if (!e.error.isEmpty())
            o.insert(QLatin1String("error"), e.error);
        entries.append(o);
    }
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    // QSaveFile writes a temporary file and renames it over the old one: a crash leaves either
    // the old outbox or the new one, never half of one.
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(QJsonObject{{QLatin1String("version"), 1},
                                                {QLatin1String("entries"), entries}})
                              .toJson(QJsonDocument::Compact))
                   < 0
        || !file.commit()) {
        qCWarning(lcClient) << "cannot store the outbox in" << m_filePath << ":"
                            << file.errorString();
    }
}

const Outbox::Entry &Outbox::add(const QString &text)
{
    m_entries.append(Entry{newId(),
                           text,
                           ChatLine::Delivery::Queued,
                           {},
                           QDateTime::currentMSecsSinceEpoch()});
    save();
    return m_entries.constLast();
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
