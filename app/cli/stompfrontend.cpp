#include "stompfrontend.h"

#include "clifrontend.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QSocketNotifier>

#include <unistd.h>

namespace Parlor {

StompFrontend::StompFrontend(QObject *parent)
    : QObject(parent)
    , m_out(stdout)
{
    connect(&m_chat, &StompChat::stateChanged, this, &StompFrontend::onStateChanged);
    connect(&m_chat, &StompChat::lineReceived, this, &StompFrontend::onLine);
    connect(&m_chat, &StompChat::ended, this, &StompFrontend::onEnded);
    connect(&m_chat, &StompChat::delivered, this, [this](const QString &id) {
        if (m_options.json) {
            emitJson({{QStringLiteral("event"), QStringLiteral("delivery")},
                      {QStringLiteral("id"), id},
                      {QStringLiteral("state"), QStringLiteral("delivered")}});
        }
    });
    connect(&m_chat, &StompChat::brokerError, this,
            [this](const QString &message, const QString &detail) {
                m_brokerError = true;
                if (m_options.json) {
                    emitJson({{QStringLiteral("event"), QStringLiteral("error")},
                              {QStringLiteral("text"), message},
                              {QStringLiteral("detail"), detail}});
                } else {
                    print(detail.isEmpty() ? tr("* the broker says: %1").arg(message)
                                           : tr("* the broker says: %1 (%2)").arg(message, detail));
                }
            });
}

bool StompFrontend::start(const Options &options)
{
    m_options = options;
    if (!m_chat.start(options.chat)) {
        QTextStream(stderr) << "parlor-cli: "
                            << tr("Cannot chat on %1 at %2: check the address (ws:// or wss://) "
                                  "and the destination.")
                                       .arg(QString::fromUtf8(options.chat.destination),
                                            options.chat.stomp.url.toDisplayString())
                            << '\n';
        return false;
    }
    m_input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_input, &QSocketNotifier::activated, this, &StompFrontend::onInputReadable);
    return true;
}

void StompFrontend::quit()
{
    // The first Ctrl+C leaves as the end of the input does (receipts waited for, at most a few
    // seconds); a second one does not wait.
    if (m_inputEnded) {
        m_chat.abort();
        return;
    }
    if (m_input)
        m_input->setEnabled(false);
    m_inputBuffer.clear();
    onInputEnded();
}

void StompFrontend::onInputReadable()
{
    char buffer[4096];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n <= 0) {
        m_input->setEnabled(false);
        onInputEnded();
        return;
    }
    m_inputBuffer.append(buffer, n);
    qsizetype newline;
    while ((newline = m_inputBuffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_inputBuffer.left(newline)).remove(u'\r');
        m_inputBuffer.remove(0, newline + 1);
        if (!line.isEmpty())
            m_chat.say(line);
    }
}

void StompFrontend::onInputEnded()
{
    if (m_inputEnded)
        return;
    m_inputEnded = true;
    // A last line without a newline is still a line.
    const QString rest = QString::fromUtf8(m_inputBuffer).remove(u'\r');
    m_inputBuffer.clear();
    if (!rest.isEmpty())
        m_chat.say(rest);
    m_chat.leave();
}

void StompFrontend::onStateChanged(StompChat::State state)
{
    const QString url = m_options.chat.stomp.url.toDisplayString();
    const QString destination = QString::fromUtf8(m_options.chat.destination);
    if (m_options.json) {
        const QString name = QString::fromLatin1(
                QMetaEnum::fromType<StompChat::State>().valueToKey(int(state)));
        QJsonObject o{{QStringLiteral("event"), QStringLiteral("state")},
                      {QStringLiteral("to"), name},
                      {QStringLiteral("subprotocol"), QStringLiteral("v12.stomp")}};
        if (state == StompChat::State::Joined)
            o.insert(QStringLiteral("destination"), destination);
        emitJson(o);
        return;
    }
    switch (state) {
    case StompChat::State::Connecting:
        print(tr("* connecting to %1 (v12.stomp)").arg(url));
        break;
    case StompChat::State::Joined: {
        const QByteArray server = m_chat.client()->connectedFrame().header("server");
        print(server.isEmpty()
                      ? tr("* subscribed to %1").arg(destination)
                      : tr("* subscribed to %1 on %2").arg(destination, QString::fromUtf8(server)));
        break;
    }
    case StompChat::State::Leaving:
        print(tr("* leaving"));
        break;
    case StompChat::State::Idle:
    case StompChat::State::Ended:
        break;
    }
}

void StompFrontend::onLine(const StompChat::Line &line)
{
    if (m_options.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("message")},
                  {QStringLiteral("from"), line.nick},
                  {QStringLiteral("id"), line.id},
                  {QStringLiteral("own"), line.mine},
                  {QStringLiteral("text"), line.text},
                  {QStringLiteral("binary"), line.binary},
                  {QStringLiteral("destination"), QString::fromUtf8(line.destination)},
                  {QStringLiteral("time"), line.time.toString(Qt::ISODateWithMs)}});
        return;
    }
    const QString time = line.time.toLocalTime().toString(QStringLiteral("HH:mm"));
    print(line.nick.isEmpty() ? QStringLiteral("[%1] %2").arg(time, line.text)
                              : QStringLiteral("[%1] %2: %3").arg(time, line.nick, line.text));
}

void StompFrontend::onEnded(StompClient::EndReason reason, const QString &detail, int undelivered)
{
    if (m_input)
        m_input->setEnabled(false);
    const bool asked = reason == StompClient::EndReason::Requested;
    if (m_options.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("state")},
                  {QStringLiteral("to"), QStringLiteral("Ended")},
                  {QStringLiteral("reason"),
                   QString::fromLatin1(
                           QMetaEnum::fromType<StompClient::EndReason>().valueToKey(int(reason)))},
                  {QStringLiteral("detail"), detail},
                  {QStringLiteral("undelivered"), undelivered}});
    } else {
        // After our own DISCONNECT the detail is only how the broker closed (RabbitMQ sends no
        // receipt for it): not news to the user.
        print(asked || detail.isEmpty() ? tr("* disconnected")
                                        : tr("* disconnected: %1").arg(detail));
        if (undelivered > 0)
            print(tr("* %n message(s) not confirmed by the broker", nullptr, undelivered));
    }
    int code = CliFrontend::ExitOk;
    if (!asked || m_brokerError)
        code = CliFrontend::ExitClosed;
    else if (undelivered > 0)
        code = CliFrontend::ExitUndelivered;
    emit finished(code);
}

void StompFrontend::print(const QString &text)
{
    m_out << text << '\n';
    m_out.flush();
}

void StompFrontend::emitJson(const QJsonObject &object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
    m_out.flush();
}

} // namespace Parlor
