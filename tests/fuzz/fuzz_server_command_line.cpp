// parlor-server's command line (ServerCommandLine): argv and PARLOR_PASSWORD. Not an attack
// surface on its own, but whatever it accepts becomes the room's limits.
#include "fuzzsupport.h"

#include "server/servercommandline.h"

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Arguments are separated by newlines (a seed file is then one argument a line); a line
    // starting with PARLOR_PASSWORD= goes to the environment instead.
    QStringList arguments{QStringLiteral("parlor-server")};
    QStringList environment;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const QByteArray &line : input.split('\n')) {
        const QString argument = QString::fromUtf8(line);
        if (argument.startsWith(QLatin1String("PARLOR_PASSWORD=")))
            environment.append(argument);
        else
            arguments.append(argument);
    }
    ServerCommandLine commandLine;
    switch (commandLine.parse(arguments, environment)) {
    case ServerCommandLine::Outcome::Error:
        PARLOR_FUZZ_CHECK(!commandLine.errorText.isEmpty(), arguments.join(u'\n'));
        break;
    case ServerCommandLine::Outcome::ShowHelp:
        PARLOR_FUZZ_CHECK(!commandLine.helpText.isEmpty(), arguments.join(u'\n'));
        break;
    case ServerCommandLine::Outcome::ShowVersion:
        break;
    case ServerCommandLine::Outcome::Run: {
        // A room that runs has limits it can work with.
        const RoomConfig &c = commandLine.config;
        PARLOR_FUZZ_CHECK(!c.roomName.isEmpty(), arguments.join(u'\n'));
        PARLOR_FUZZ_CHECK(c.maxPeers > 0 && c.maxPeersPerAddress > 0 && c.maxMessageBytes > 0
                                  && c.messagesPerSecond > 0 && c.historyLength >= 0
                                  && c.maxQueuedBytes > 0 && c.pingIntervalMs >= 0
                                  && c.handshakeTimeoutMs > 0 && c.protocol.maxNickLength > 0
                                  && c.protocol.maxTextLength > 0,
                          arguments.join(u'\n'));
        PARLOR_FUZZ_CHECK(c.password.size() <= c.protocol.maxPasswordLength, arguments.join(u'\n'));
        break;
    }
    }
    return 0;
}
