#pragma once

#include <QCoreApplication>
#include <QList>
#include <QStringList>
#include <QUrl>

namespace Parlor {

/// The servers one room address names: `ws://a:5870,ws://b:5870`, or the same spread over several
/// `--server` options. The client tries them in this order and moves to the next on loss
/// (ConnectionManager). Bad input is refused as a whole with a sentence that says what is wrong,
/// rather than quietly dropping the part that did not parse: a typo would otherwise remove the
/// very server one counted on for failover.
class ServerList
{
    Q_DECLARE_TR_FUNCTIONS(Parlor::ServerList)

public:
    /// By default, more than this many servers in one address is refused: a list that long is
    /// more likely a mistake (a pasted file) than a room, and each server may be tried in turn.
    static constexpr int DefaultMaximumServers = 16;

    /// Parses \a text, addresses separated by commas. An address without a scheme gets ws://
    /// (as a single address always did). Returns the list, or an empty list and \a error set
    /// for: nothing at all, an empty part (",," or a trailing comma), a scheme other than ws or
    /// wss, an address without a host, the same server twice, or more than \a maximum.
    static QList<QUrl> parse(const QString &text, QString *error = nullptr,
                             int maximum = DefaultMaximumServers);
    /// The same for several options, each of which may itself be a comma-separated list.
    static QList<QUrl> parse(const QStringList &parts, QString *error = nullptr,
                             int maximum = DefaultMaximumServers);
    /// The list as one address again, e.g. for the join dialog's history.
    static QString join(const QList<QUrl> &servers);
    /// host:port with the scheme's default port filled in: what a certificate pin and the
    /// duplicate check key on.
    static QString serverKey(const QUrl &url);
};

} // namespace Parlor
