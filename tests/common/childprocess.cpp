#include "childprocess.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

QProcessEnvironment ChildProcess::environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PARLOR_PASSWORD"));
    env.remove(QStringLiteral("QT_MESSAGE_PATTERN"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QString());
    return env;
}

ChildProcess::ChildProcess(const QString &name, const QString &program,
                           const QStringList &arguments, const QProcessEnvironment &environment,
                           const QString &workingDirectory)
    : m_name(name)
{
    m_process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        m_process.setWorkingDirectory(workingDirectory);
    m_process.start(program, arguments);
}

ChildProcess::~ChildProcess()
{
    kill();
}

void ChildProcess::readOutput()
{
    // Both channels are read here, so that neither fills its pipe while a test waits on the
    // other.
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
}

QString ChildProcess::out()
{
    readOutput();
    return QString::fromUtf8(m_out);
}

QString ChildProcess::err()
{
    readOutput();
    return QString::fromUtf8(m_err);
}

QByteArray ChildProcess::transcript()
{
    return QStringLiteral("--- %1 stdout:\n%2\n--- %1 stderr:\n%3\n")
            .arg(m_name, out(), err())
            .toUtf8();
}

const QList<QJsonObject> &ChildProcess::jsonLines()
{
    readOutput();
    qsizetype newline;
    while ((newline = m_out.indexOf('\n', m_parsed)) >= 0) {
        const QByteArray line = m_out.mid(m_parsed, newline - m_parsed);
        m_parsed = newline + 1;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            m_nonJsonLines.append(QString::fromUtf8(line));
        else
            m_jsonLines.append(doc.object());
    }
    return m_jsonLines;
}

const QStringList &ChildProcess::nonJsonLines()
{
    jsonLines();
    return m_nonJsonLines;
}

void ChildProcess::writeLine(const QString &line)
{
    m_process.write(line.toUtf8() + '\n');
}

bool ChildProcess::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    if (condition())
        return true;
    if (!isRunning())
        return false;
    QEventLoop loop;
    const auto check = [&] {
        if (condition() || !isRunning())
            loop.quit();
    };
    connect(&m_process, &QProcess::readyReadStandardOutput, &loop, check);
    connect(&m_process, &QProcess::readyReadStandardError, &loop, check);
    connect(&m_process, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&m_process, &QProcess::errorOccurred, &loop, check);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return condition();
}

QRegularExpressionMatch ChildProcess::waitForMatch(QProcess::ProcessChannel channel,
                                                   const QRegularExpression &pattern, int timeoutMs)
{
    QRegularExpressionMatch match;
    waitUntil(
            [&] {
                match = pattern.match(channel == QProcess::StandardOutput ? out() : err());
                return match.hasMatch();
            },
            timeoutMs);
    return match;
}

bool ChildProcess::waitForExit(int timeoutMs)
{
    return waitUntil([this] { return !isRunning(); }, timeoutMs);
}

void ChildProcess::kill()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(exitTimeoutMs);
    }
    readOutput();
}
