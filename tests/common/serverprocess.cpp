#include "serverprocess.h"

#include "testsupport.h"

#include <QRegularExpression>

namespace {

QProcessEnvironment serverEnvironment(const QMap<QString, QString> &extra)
{
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("parlor.server.info=true"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

} // namespace

ServerProcess::ServerProcess(const QStringList &arguments,
                             const QMap<QString, QString> &extraEnvironment,
                             const QStringList &wrapper)
    : ChildProcess(QStringLiteral("parlor-server"),
                   wrapper.isEmpty() ? TestSupport::serverBinary() : wrapper.constFirst(),
                   wrapper.isEmpty()
                           ? arguments
                           : wrapper.mid(1) + QStringList{TestSupport::serverBinary()} + arguments,
                   serverEnvironment(extraEnvironment))
{}

QStringList ServerProcess::localArguments(quint16 port)
{
    return {QStringLiteral("--port"), QString::number(port), QStringLiteral("--bind"),
            QStringLiteral("localhost")};
}

bool ServerProcess::waitForPort(int timeoutMs)
{
    static const QRegularExpression
            listening(QStringLiteral("parlor\\.server: listening on (\\S+):(\\d+)$"),
                      QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = waitForMatch(QProcess::StandardError, listening,
                                                       timeoutMs);
    if (!match.hasMatch())
        return false;
    m_address = match.captured(1);
    m_port = quint16(match.captured(2).toUInt());
    return true;
}

bool ServerProcess::waitForOutput(const QString &text, int timeoutMs)
{
    return waitUntil([&] { return out().contains(text); }, timeoutMs);
}

bool ServerProcess::waitForWelcome(int timeoutMs)
{
    return waitForOutput(QStringLiteral("Press Ctrl+C to close the room."), timeoutMs);
}

QUrl ServerProcess::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}
