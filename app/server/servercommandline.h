#pragma once

#include "roomconfig.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QStringList>

namespace Parlor {

/// The command line of parlor-server, parsed into a RoomConfig. Kept apart from main() so that
/// every option and every refusal is tested.
class ServerCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(ServerCommandLine)

public:
    enum class Outcome { Run, ShowHelp, ShowVersion, Error };

    /// Parses \a arguments (arguments[0] is the program). \a environment supplies
    /// PARLOR_PASSWORD, so a password need not appear in the process list.
    Outcome parse(const QStringList &arguments, const QStringList &environment = {});

    RoomConfig config;
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = RoomConfig::DefaultPort;
    /// --health-port: where HealthServer answers /health and /metrics; -1: nowhere.
    int healthPort = -1;
    QString errorText; ///< set for Outcome::Error, translated
    QString helpText;  ///< set for Outcome::ShowHelp, translated

private:
    /// --broker and its options into config.broker; false (errorText set) when one is wrong.
    bool parseBroker(const QString &urls, const QString &credentialsFile, const QString &vhost,
                     const QString &stream, const QStringList &environment);
};

} // namespace Parlor
