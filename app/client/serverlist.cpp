#include "serverlist.h"

#include <QSet>

namespace Parlor {

namespace {

QUrl parseOne(const QString &part)
{
    // fromUserInput would turn "a:5870" into scheme "a": only add ws:// where no scheme is given.
    const QString trimmed = part.trimmed();
    if (!trimmed.contains(QLatin1String("://")))
        return QUrl(QStringLiteral("ws://") + trimmed, QUrl::StrictMode);
    return QUrl(trimmed, QUrl::StrictMode);
}

} // namespace

QList<QUrl> ServerList::parse(const QString &text, QString *error, int maximum)
{
    return parse(QStringList{text}, error, maximum);
}

QList<QUrl> ServerList::parse(const QStringList &parts, QString *error, int maximum)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QList<QUrl>();
    };
    QList<QUrl> servers;
    QSet<QString> seen;
    for (const QString &option : parts) {
        const QStringList pieces = option.split(QLatin1Char(','));
        for (int i = 0; i < pieces.size(); ++i) {
            const QString piece = pieces.at(i).trimmed();
            if (piece.isEmpty()) {
                if (pieces.size() == 1 && parts.size() == 1)
                    return fail(tr("No server address given."));
                return fail(tr("Empty server address in \"%1\" (two commas in a row, or a comma "
                               "at the start or end).")
                                    .arg(option));
            }
            const QUrl url = parseOne(piece);
            const QString scheme = url.scheme().toLower();
            if (!url.isValid())
                return fail(tr("\"%1\" is not a valid address.").arg(piece));
            if (scheme != QLatin1String("ws") && scheme != QLatin1String("wss")) {
                return fail(
                        tr("\"%1\" is not a WebSocket address: use ws:// or wss://.").arg(piece));
            }
            if (url.host().isEmpty())
                return fail(tr("\"%1\" names no host.").arg(piece));
            const QString key = serverKey(url) + url.path(QUrl::FullyEncoded);
            if (seen.contains(key))
                return fail(tr("\"%1\" is listed twice.").arg(piece));
            seen.insert(key);
            servers.append(url);
        }
    }
    if (servers.isEmpty())
        return fail(tr("No server address given."));
    if (servers.size() > maximum)
        return fail(tr("Too many servers (%1); at most %2.").arg(servers.size()).arg(maximum));
    if (error)
        error->clear();
    return servers;
}

QString ServerList::join(const QList<QUrl> &servers)
{
    QStringList parts;
    for (const QUrl &url : servers)
        parts.append(url.toString());
    return parts.join(QLatin1Char(','));
}

QString ServerList::serverKey(const QUrl &url)
{
    const bool secure = url.scheme().compare(QLatin1String("wss"), Qt::CaseInsensitive) == 0;
    return QStringLiteral("%1:%2").arg(url.host().toLower()).arg(url.port(secure ? 443 : 80));
}

} // namespace Parlor
