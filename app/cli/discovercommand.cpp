#include "discovercommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Parlor {

DiscoverCommand::DiscoverCommand(QObject *parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &DiscoverCommand::finish);
    connect(&m_browser, &RoomBrowser::roomAdded, this, [this](const DiscoveredRoom &room) {
        if (m_options.watch)
            print(room, "added");
    });
    connect(&m_browser, &RoomBrowser::roomChanged, this, [this](const DiscoveredRoom &room) {
        if (m_options.watch)
            print(room, "changed");
    });
    connect(&m_browser, &RoomBrowser::roomRemoved, this, [this](const DiscoveredRoom &room) {
        if (m_options.watch)
            print(room, "removed");
    });
}

bool DiscoverCommand::start(const Options &options)
{
    m_options = options;
    m_browser.setOptions(options.browser);
    if (!m_browser.start()) {
        QTextStream(stderr) << "parlor-cli: "
                            << QCoreApplication::translate("DiscoverCommand",
                                                           "Cannot look for rooms: %1")
                                       .arg(m_browser.errorString())
                            << '\n';
        return false;
    }
    if (!options.watch)
        m_deadline.start(options.timeoutMs);
    return true;
}

QByteArray DiscoverCommand::toJson(const DiscoveredRoom &room, const char *event)
{
    QJsonObject o{
            {QStringLiteral("event"), QString::fromLatin1(event)},
            {QStringLiteral("name"), room.name},
            {QStringLiteral("instance"), room.key},
            {QStringLiteral("address"), room.address.toString()},
            {QStringLiteral("port"), room.port},
            {QStringLiteral("url"), room.url().toString()},
            {QStringLiteral("protocol"), room.protocol},
            {QStringLiteral("password"), room.password},
            {QStringLiteral("tls"), room.tls},
            {QStringLiteral("path"), room.path},
            {QStringLiteral("sources"), QJsonArray::fromStringList(room.sourceNames())},
    };
    if (room.tls)
        o.insert(QStringLiteral("fingerprint"), room.fingerprint);
    if (room.people >= 0)
        o.insert(QStringLiteral("people"), room.people);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString DiscoverCommand::toText(const DiscoveredRoom &room)
{
    QStringList notes;
    if (room.people >= 0)
        notes.append(
                QCoreApplication::translate("DiscoverCommand", "%n people", nullptr, room.people));
    if (room.password)
        notes.append(QCoreApplication::translate("DiscoverCommand", "password"));
    if (room.tls) {
        notes.append(QCoreApplication::translate("DiscoverCommand", "TLS %1").arg(room.fingerprint));
    }
    QString line = room.name + u'\t' + room.url().toString();
    if (!notes.isEmpty())
        line += u'\t' + notes.join(QStringLiteral(", "));
    return line;
}

void DiscoverCommand::print(const DiscoveredRoom &room, const char *event)
{
    if (m_options.json) {
        m_out << toJson(room, event) << '\n';
    } else {
        const char prefix = event[0] == 'r' ? '-' : (event[0] == 'c' ? '~' : '+');
        m_out << prefix << ' ' << toText(room) << '\n';
    }
    m_out.flush();
}

void DiscoverCommand::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    if (!m_options.watch) {
        const QList<DiscoveredRoom> rooms = m_browser.rooms();
        for (const DiscoveredRoom &room : rooms) {
            if (m_options.json)
                m_out << toJson(room, "room") << '\n';
            else
                m_out << toText(room) << '\n';
        }
        if (rooms.isEmpty() && !m_options.json) {
            QTextStream(stderr) << QCoreApplication::translate("DiscoverCommand",
                                                               "No rooms found nearby.")
                                << '\n';
        }
        m_out.flush();
    }
    m_browser.stop();
    emit finished(0);
}

} // namespace Parlor
