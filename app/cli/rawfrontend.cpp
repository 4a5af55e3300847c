#include "rawfrontend.h"

#include "client/connectionevent.h"
#include "clifrontend.h"
#include "inspector/tracewriter.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTimer>

#include <unistd.h>

namespace Parlor {

namespace {

/// The bytes a --binary line spells: pairs of hex digits, spaces and colons between them
/// ignored (so "de ad be ef" and "de:ad:be:ef" work as well as "deadbeef"). False if it is not.
bool parseHex(QByteArray line, QByteArray *bytes)
{
    line.replace(' ', QByteArray()).replace(':', QByteArray()).replace('\t', QByteArray());
    static const QRegularExpression hex(QStringLiteral("^(?:[0-9a-fA-F]{2})*$"));
    if (!hex.match(QString::fromLatin1(line)).hasMatch())
        return false;
    *bytes = QByteArray::fromHex(line);
    return true;
}

} // namespace

RawFrontend::RawFrontend(QObject *parent)
    : QObject(parent)
    , m_out(stdout)
{}

bool RawFrontend::start(const Options &options)
{
    m_options = options;
    // One connection per run: a debugging session that silently reconnected would mix two.
    m_options.connection.autoReconnect = false;
    if (!options.traceFile.isEmpty()) {
        m_trace.setFileName(options.traceFile);
        if (!m_trace.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            QTextStream(stderr) << "parlor-cli: "
                                << CliFrontend::tr("Cannot write the trace to %1: %2")
                                           .arg(options.traceFile, m_trace.errorString())
                                << '\n';
            return false;
        }
    }
    // The log carries what the connection's signals do not: the payload of each ping and pong.
    connect(m_connection.eventLog(), &EventLog::appended, this, &RawFrontend::onEvent);
    connect(&m_connection, &ConnectionManager::stateChanged, this, &RawFrontend::onStateChanged);
    connect(&m_connection, &ConnectionManager::textMessageReceived, this, &RawFrontend::printText);
    connect(&m_connection, &ConnectionManager::binaryMessageReceived, this,
            &RawFrontend::printBinary);
    if (!m_connection.open(m_options.connection)) {
        QTextStream(stderr) << "parlor-cli: "
                            << CliFrontend::tr("\"%1\" is not a ws:// or wss:// URL.")
                                       .arg(options.connection.url.toString())
                            << '\n';
        return false;
    }
    m_input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_input, &QSocketNotifier::activated, this, &RawFrontend::onInputReadable);
    return true;
}

void RawFrontend::onInputReadable()
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
        QByteArray line = m_inputBuffer.left(newline);
        m_inputBuffer.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        handleLine(line);
    }
}

void RawFrontend::onInputEnded()
{
    if (m_inputEnded)
        return;
    // A last line without a newline is still a line.
    if (!m_inputBuffer.isEmpty()) {
        handleLine(m_inputBuffer);
        m_inputBuffer.clear();
    }
    m_inputEnded = true;
    if (m_connection.state() == ConnectionStateMachine::State::Open)
        closeWhenDone();
    // Still connecting: the queue goes out once open, then the connection is closed.
}

void RawFrontend::quit()
{
    if (m_input)
        m_input->setEnabled(false);
    m_inputBuffer.clear();
    m_inputEnded = true;
    m_options.waitMs = 0;
    m_closing = true;
    m_connection.close(1000, QStringLiteral("bye"));
}

void RawFrontend::handleLine(const QByteArray &line)
{
    ++m_lineNumber;
    if (m_options.binary) {
        QByteArray bytes;
        if (!parseHex(line, &bytes)) {
            m_badInput = true;
            QTextStream(stderr) << "parlor-cli: "
                                << tr("line %1 is not hex (pairs of 0-9 a-f): not sent")
                                           .arg(m_lineNumber)
                                << '\n';
            return;
        }
        m_queue.append(bytes);
    } else {
        m_queue.append(line);
    }
    sendQueued();
}

void RawFrontend::sendQueued()
{
    if (m_connection.state() != ConnectionStateMachine::State::Open)
        return;
    for (const QByteArray &frame : std::as_const(m_queue)) {
        if (m_options.binary)
            m_connection.sendBinary(frame);
        else
            m_connection.sendText(QString::fromUtf8(frame));
    }
    m_queue.clear();
}

void RawFrontend::closeWhenDone()
{
    if (m_closing)
        return;
    m_closing = true;
    QTimer::singleShot(m_options.waitMs, this,
                       [this] { m_connection.close(1000, QStringLiteral("bye")); });
}

void RawFrontend::onStateChanged(ConnectionStateMachine::State state,
                                 ConnectionStateMachine::State previous)
{
    const CloseInfo &close = m_connection.lastClose();
    if (m_options.json) {
        emitJson(CliFrontend::stateJson(m_connection, state, previous));
    } else {
        switch (state) {
        case ConnectionStateMachine::State::Connecting:
            printStatus(CliFrontend::connectingLine(m_connection));
            break;
        case ConnectionStateMachine::State::Open:
            printStatus(
                    m_connection.subprotocol().isEmpty()
                            ? tr("* connected (no subprotocol)")
                            : CliFrontend::tr("* connected (%1)").arg(m_connection.subprotocol()));
            break;
        case ConnectionStateMachine::State::Closing:
            printStatus(CliFrontend::tr("* closing"));
            break;
        case ConnectionStateMachine::State::Closed:
            printStatus(CliFrontend::tr("* closed: %1").arg(close.text()));
            if (close.reason == CloseInfo::Reason::TlsError) {
                printStatus(tr("* if the server's certificate is this one, connect with --pin %1")
                                    .arg(close.certificateFingerprint));
            }
            break;
        }
    }
    if (state == ConnectionStateMachine::State::Open) {
        sendQueued();
        if (m_inputEnded)
            closeWhenDone();
        return;
    }
    if (state != ConnectionStateMachine::State::Closed || m_finished)
        return;
    m_finished = true;
    if (m_input)
        m_input->setEnabled(false);
    const bool normal = close.reason == CloseInfo::Reason::User
                        || (close.reason == CloseInfo::Reason::Peer && close.code == 1000);
    int code = CliFrontend::ExitClosed;
    if (normal)
        code = m_badInput ? CliFrontend::ExitUndelivered : CliFrontend::ExitOk;
    emit finished(code);
}

void RawFrontend::onEvent(const ConnectionEvent &event)
{
    if (m_trace.isOpen()) {
        m_trace.write(TraceWriter::toLine(event));
        m_trace.flush();
    }
    if (!m_options.showPing)
        return;
    if (event.kind != ConnectionEvent::Kind::Ping && event.kind != ConnectionEvent::Kind::Pong)
        return;
    const bool ping = event.kind == ConnectionEvent::Kind::Ping;
    const QString payload = QString::fromLatin1(event.text(EventField::payload).toLatin1().toHex());
    const qint64 rttMs = event.fields.value(EventField::rttMs).toInteger();
    if (m_options.json) {
        QJsonObject o{{QStringLiteral("event"),
                       ping ? QStringLiteral("ping") : QStringLiteral("pong")},
                      {QStringLiteral("direction"), ping ? EventValue::out : EventValue::in},
                      {QStringLiteral("payload"), payload}};
        if (!ping)
            o.insert(QStringLiteral("rttMs"), rttMs);
        emitJson(o);
    } else if (ping) {
        printStatus(QStringLiteral(">! ping %1").arg(payload).trimmed());
    } else {
        printStatus(QStringLiteral("<! pong %1 (%2 ms)").arg(payload).arg(rttMs));
    }
}

void RawFrontend::printText(const QString &text)
{
    if (m_options.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("frame")},
                  {QStringLiteral("direction"), EventValue::in},
                  {QStringLiteral("opcode"), EventValue::text},
                  {QStringLiteral("data"), text}});
        return;
    }
    printStatus(QStringLiteral("< ") + text);
}

void RawFrontend::printBinary(const QByteArray &data)
{
    const QString hex = QString::fromLatin1(data.toHex());
    if (m_options.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("frame")},
                  {QStringLiteral("direction"), EventValue::in},
                  {QStringLiteral("opcode"), EventValue::binary},
                  {QStringLiteral("data"), hex}});
        return;
    }
    printStatus(QStringLiteral("<# ") + hex);
}

void RawFrontend::printStatus(const QString &text)
{
    m_out << text << '\n';
    m_out.flush();
}

void RawFrontend::emitJson(const QJsonObject &object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
    m_out.flush();
}

} // namespace Parlor
