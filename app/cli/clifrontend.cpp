#include "clifrontend.h"

#include "client/connectionevent.h"
#include "client/filenames.h"
#include "client/proxysetting.h"
#include "client/slashcommand.h"
#include "inspector/tracewriter.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QSocketNotifier>
#include <QTimer>

#include <unistd.h>

namespace Parlor {

namespace {

template<typename Enum>
QString enumKey(Enum value)
{
    return QString::fromLatin1(QMetaEnum::fromType<Enum>().valueToKey(int(value)));
}

QString deliveryName(ChatLine::Delivery d)
{
    switch (d) {
    case ChatLine::Delivery::Queued:
        return QStringLiteral("queued");
    case ChatLine::Delivery::Sent:
        return QStringLiteral("sent");
    case ChatLine::Delivery::Delivered:
        return QStringLiteral("delivered");
    case ChatLine::Delivery::Failed:
        return QStringLiteral("failed");
    case ChatLine::Delivery::None:
        break;
    }
    return {};
}

QJsonObject fileJson(const FileInfo &file)
{
    QJsonObject o{{QStringLiteral("name"), file.name},
                  {QStringLiteral("size"), double(file.size)},
                  {QStringLiteral("mime"), file.mime}};
    // An own upload has no key until the room announced it.
    if (!file.key.isEmpty())
        o.insert(QStringLiteral("key"), file.key);
    return o;
}

} // namespace

CliFrontend::CliFrontend(QObject *parent)
    : QObject(parent)
    , m_out(stdout)
{}

bool CliFrontend::start(const Options &options)
{
    m_options = options;
    if (!options.traceFile.isEmpty()) {
        m_trace.setFileName(options.traceFile);
        if (!m_trace.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            QTextStream(stderr) << "parlor-cli: "
                                << tr("Cannot write the trace to %1: %2")
                                           .arg(options.traceFile, m_trace.errorString())
                                << '\n';
            return false;
        }
        connect(m_session.connection()->eventLog(), &EventLog::appended, this,
                [this](const ConnectionEvent &event) {
                    m_trace.write(TraceWriter::toLine(event));
                    m_trace.flush();
                });
    }

    ConnectionManager *connection = m_session.connection();
    connect(connection, &ConnectionManager::stateChanged, this, &CliFrontend::onStateChanged);
    connect(m_session.messages(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_session.messages(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight,
                   const QList<int> &roles) {
                if (roles.contains(MessageModel::DeliveryRole)) {
                    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                        onDeliveryChanged(row);
                }
            });
    connect(&m_session, &ChatSession::joined, this,
            [this](const QString &room, const QString &nick) {
                if (m_options.json) {
                    emitJson({{QStringLiteral("event"), QStringLiteral("joined")},
                              {QStringLiteral("room"), room},
                              {QStringLiteral("nick"), nick}});
                } else {
                    printLine(tr("* joined \"%1\" as %2").arg(room, nick));
                }
            });
    // A large room lists its members in pages: printed once the last one is in.
    connect(&m_session, &ChatSession::memberListComplete, this, &CliFrontend::printMembers);
    connect(&m_session, &ChatSession::roomError, this, &CliFrontend::onRoomError);
    connect(m_session.transfers(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                    onTransferChanged(row);
            });
    connect(&m_session, &ChatSession::transferFailed, this,
            [this](const QString &idOrKey, const QString &reason) {
                if (idOrKey.isEmpty())
                    m_shareRefused = true;
                if (m_options.json) {
                    QJsonObject o{{QStringLiteral("event"), QStringLiteral("transfer-failed")},
                                  {QStringLiteral("reason"), reason}};
                    if (!idOrKey.isEmpty())
                        o.insert(QStringLiteral("id"), idOrKey);
                    emitJson(o);
                } else {
                    printLine(tr("* file not shared: %1").arg(reason));
                }
            });
    connect(&m_session, &ChatSession::outboxDrained, this, [this] {
        if (m_inputEnded && !m_finishing)
            finish(ExitOk);
    });

    if (!m_session.start(options.session)) {
        QTextStream(stderr) << "parlor-cli: "
                            << tr("\"%1\" is not a ws:// or wss:// URL.")
                                       .arg(options.session.connection.url.toString())
                            << '\n';
        return false;
    }
    m_input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_input, &QSocketNotifier::activated, this, &CliFrontend::onInputReadable);
    return true;
}

void CliFrontend::onInputReadable()
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
        const QByteArray line = m_inputBuffer.left(newline);
        m_inputBuffer.remove(0, newline + 1);
        handleLine(QString::fromUtf8(line).remove(u'\r'));
    }
}

void CliFrontend::quit()
{
    if (m_finishing)
        return;
    m_quit = true;
    if (m_input)
        m_input->setEnabled(false);
    // A second signal, or the drain deadline, ends it for good.
    m_options.drainTimeoutMs = std::min(m_options.drainTimeoutMs, 3000);
    onInputEnded();
}

void CliFrontend::onInputEnded()
{
    if (!m_inputBuffer.isEmpty()) {
        handleLine(QString::fromUtf8(m_inputBuffer));
        m_inputBuffer.clear();
    }
    m_inputEnded = true;
    if (m_session.pendingCount() == 0) {
        finish(ExitOk);
        return;
    }
    // Wait for the room to confirm what was sent, but not forever.
    QTimer::singleShot(m_options.drainTimeoutMs, this, [this] {
        if (!m_finishing)
            finish(m_session.pendingCount() == 0 ? ExitOk : ExitUndelivered);
    });
}

void CliFrontend::handleLine(const QString &line)
{
    if (m_quit)
        return;
    if (line.trimmed().isEmpty())
        return;
    // Lines are read as a script: only "/nick NAME" and "/quit" are commands, the rest is sent.
    const SlashCommand command = SlashCommand::parse(line, SlashCommand::Syntax::Script);
    if (command.command == SlashCommand::Command::Nick) {
        // An empty name is passed on as before: the session and the room decide about it.
        m_session.changeNick(command.argument);
        return;
    }
    if (command.command == SlashCommand::Command::Reply) {
        if (command.error == SlashCommand::Error::None)
            m_session.send(command.argument, command.replyTo);
        else
            printLine(tr("* usage: /reply SEQ TEXT (the seq of the message you answer)"));
        return;
    }
    if (command.command == SlashCommand::Command::Share) {
        if (command.error != SlashCommand::Error::None) {
            printLine(tr("* usage: /share PATH (the file to share with the room)"));
            return;
        }
        QString path = command.argument;
        if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
            path = QDir::homePath() + path.mid(1);
        m_session.shareFile(path); // a refusal comes as transferFailed
        return;
    }
    if (command.command == SlashCommand::Command::Quit) {
        // Nothing after /quit is sent: the rest of the input is dropped.
        m_inputBuffer.clear();
        m_input->setEnabled(false);
        m_quit = true;
        onInputEnded();
        return;
    }
    m_session.send(line);
}

QJsonObject CliFrontend::stateJson(const ConnectionManager &connection,
                                   ConnectionStateMachine::State state,
                                   ConnectionStateMachine::State previous)
{
    const CloseInfo &close = connection.lastClose();
    QJsonObject o{{QStringLiteral("event"), QStringLiteral("state")},
                  {QStringLiteral("from"), enumKey(previous)},
                  {QStringLiteral("to"), enumKey(state)}};
    if (state == ConnectionStateMachine::State::Open)
        o.insert(QStringLiteral("subprotocol"), connection.subprotocol());
    if (state == ConnectionStateMachine::State::Connecting)
        o.insert(EventField::proxy, ProxySetting::describe(connection.currentProxy()));
    // Which server: with several (failover), each attempt may go to another one.
    const bool several = connection.servers().size() > 1;
    if (several
        && (state == ConnectionStateMachine::State::Connecting
            || state == ConnectionStateMachine::State::Open)) {
        o.insert(EventField::url, connection.currentServer().toString(QUrl::RemoveUserInfo));
    }
    if (state == ConnectionStateMachine::State::Closed) {
        // The close as the client layer writes it, in the keys docs/CLI.md promises: the
        // trace's clean, reconnect and httpStatus stay out, error is there even when empty.
        const QJsonObject closeJson = close.toJson();
        for (const QLatin1String key : {EventField::reason, EventField::code, EventField::codeName,
                                        EventField::closeReason}) {
            o.insert(key, closeJson.value(key));
        }
        o.insert(EventField::error, close.errorString);
        o.insert(QStringLiteral("reconnectInMs"),
                 close.reconnectScheduled ? close.reconnectDelayMs : -1);
        if (several && close.reconnectScheduled) {
            o.insert(QStringLiteral("nextServer"), close.nextServer);
            o.insert(QStringLiteral("allServersDown"), close.allServersDown());
        }
    }
    return o;
}

void CliFrontend::onStateChanged(ConnectionStateMachine::State state,
                                 ConnectionStateMachine::State previous)
{
    const ConnectionManager *connection = m_session.connection();
    const CloseInfo &close = connection->lastClose();
    if (m_options.json) {
        emitJson(stateJson(*connection, state, previous));
    } else {
        switch (state) {
        case ConnectionStateMachine::State::Connecting:
            printLine(connectingLine(*connection));
            break;
        case ConnectionStateMachine::State::Open:
            if (connection->servers().size() > 1) {
                // With several servers, say which one: a failover is worth noticing.
                printLine(connection->subprotocol().isEmpty()
                                  ? tr("* connected to %1 (no subprotocol: plain mode)")
                                            .arg(connection->currentServer().toString())
                                  : tr("* connected to %1 (%2)")
                                            .arg(connection->currentServer().toString(),
                                                 connection->subprotocol()));
            } else {
                printLine(connection->subprotocol().isEmpty()
                                  ? tr("* connected (no subprotocol: plain mode)")
                                  : tr("* connected (%1)").arg(connection->subprotocol()));
            }
            break;
        case ConnectionStateMachine::State::Closing:
            printLine(tr("* closing"));
            break;
        case ConnectionStateMachine::State::Closed:
            printLine(tr("* closed: %1").arg(describeClose(close)));
            if (close.reason == CloseInfo::Reason::TlsError) {
                printLine(tr("* if the room's host confirms this fingerprint, join with --trust %1")
                                  .arg(close.certificateFingerprint));
            }
            break;
        }
    }
    if (state == ConnectionStateMachine::State::Closed && !close.reconnectScheduled && !m_finishing)
        finish(close.reason == CloseInfo::Reason::User && m_inputEnded ? ExitOk : ExitClosed);
}

QString CliFrontend::connectingLine(const ConnectionManager &connection)
{
    const QString url = connection.options().url.toString();
    if (connection.currentProxy().type() == QNetworkProxy::NoProxy)
        return tr("* connecting to %1").arg(url);
    // Which proxy, since the environment may have chosen one the user did not think of.
    return tr("* connecting to %1 %2")
            .arg(url, ProxySetting::routeText(ProxySetting::describe(connection.currentProxy())));
}

QString CliFrontend::describeClose(const CloseInfo &info) const
{
    QString text = info.text();
    if (!info.reconnectScheduled)
        return text;
    const QString seconds = QString::number(info.reconnectDelayMs / 1000.0, 'f', 1);
    if (info.nextServer.isEmpty())
        text += QLatin1Char(' ') + tr("reconnecting in %1 s").arg(seconds);
    else if (info.allServersDown())
        text += QLatin1Char(' ')
                + tr("none of the %1 servers could be reached; trying %2 again in %3 s")
                          .arg(QString::number(info.serverCount), info.nextServer, seconds);
    else
        text += QLatin1Char(' ') + tr("reconnecting to %1 in %2 s").arg(info.nextServer, seconds);
    return text;
}

QString CliFrontend::describeLine(const ChatLine &line) const
{
    switch (line.event) {
    case ChatLine::Event::Join:
        return tr("* %1 joined").arg(line.sender);
    case ChatLine::Event::Leave:
        return tr("* %1 left (%2)").arg(line.sender, line.text);
    case ChatLine::Event::NickChange:
        return tr("* %1 is now %2").arg(line.sender, line.text);
    case ChatLine::Event::Gap:
        return tr("* some earlier messages are no longer available");
    case ChatLine::Event::Presence: {
        const QStringList counts = line.text.split(u' ');
        const QString joined = counts.value(0);
        const QString left = counts.value(1);
        if (left == QLatin1String("0"))
            //: A storm of joins, counted instead of named: %1 people joined
            return tr("* %1 joined (too many to name)").arg(joined);
        if (joined == QLatin1String("0"))
            //: A storm of leaves, counted instead of named: %1 people left
            return tr("* %1 left (too many to name)").arg(left);
        //: A storm of joins and leaves, counted instead of named: %1 joined, %2 left
        return tr("* %1 joined, %2 left (too many to name)").arg(joined, left);
    }
    default:
        break;
    }
    const QString time = line.time.toLocalTime().toString(QStringLiteral("HH:mm"));
    //: A shared file in parlor-cli's output: %1 its name, %2 its size ("1.2 MB")
    const QString text = line.file ? tr("[file] %1 (%2)")
                                             .arg(line.file->name, fileSizeText(line.file->size))
                                   : line.text;
    const QString said = line.sender.isEmpty()
                                 ? QStringLiteral("[%1] %2").arg(time, text)
                                 : QStringLiteral("[%1] %2: %3").arg(time, line.sender, text);
    if (line.replyTo <= 0)
        return said;
    // What it answers, on a line of its own before it, so that the answer stays one line that
    // scripts can read as before.
    const QString quote = line.replyNick.isEmpty()
                                  ? tr("[%1] %2 ↳ #%3 (no longer available)")
                                            .arg(time, line.sender, QString::number(line.replyTo))
                                  : tr("[%1] %2 ↳ %3 #%4: %5")
                                            .arg(time, line.sender, line.replyNick,
                                                 QString::number(line.replyTo), line.replyText);
    return quote + u'\n' + said;
}

void CliFrontend::onRowsInserted(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const ChatLine &line = m_session.messages()->line(row);
        if (!m_options.json) {
            if (line.kind != ChatLine::Kind::Own)
                printLine(describeLine(line));
            continue;
        }
        QJsonObject o;
        if (line.kind == ChatLine::Kind::System) {
            static const char *names[] = {"none", "join",   "leave",        "nick",
                                          "gap",  "joined", "disconnected", "presence"};
            o = {{QStringLiteral("event"), QLatin1String(names[int(line.event)])},
                 {QStringLiteral("seq"), double(line.seq)},
                 {QStringLiteral("nick"), line.sender}};
            if (line.event == ChatLine::Event::Presence) {
                // Counted, not named: no seq and no nick of its own.
                const QStringList counts = line.text.split(u' ');
                o = {{QStringLiteral("event"), QStringLiteral("presence")},
                     {QStringLiteral("joined"), counts.value(0).toLongLong()},
                     {QStringLiteral("left"), counts.value(1).toLongLong()},
                     {QStringLiteral("members"), double(m_session.memberCount())}};
            }
            if (line.event == ChatLine::Event::Leave)
                o.insert(QStringLiteral("reason"), line.text);
            if (line.event == ChatLine::Event::NickChange)
                o.insert(QStringLiteral("to"), line.text);
        } else {
            o = {{QStringLiteral("event"), QStringLiteral("message")},
                 {QStringLiteral("seq"), double(line.seq)},
                 {QStringLiteral("id"), line.id},
                 {QStringLiteral("from"), line.sender},
                 {QStringLiteral("text"), line.text},
                 {QStringLiteral("own"), line.kind == ChatLine::Kind::Own},
                 {QStringLiteral("time"), line.time.toUTC().toString(Qt::ISODateWithMs)}};
            if (line.kind == ChatLine::Kind::Own)
                o.insert(QStringLiteral("delivery"), deliveryName(line.delivery));
            if (line.replyTo > 0) {
                QJsonObject reply{{QStringLiteral("seq"), double(line.replyTo)}};
                if (!line.replyNick.isEmpty()) {
                    reply.insert(QStringLiteral("nick"), line.replyNick);
                    reply.insert(QStringLiteral("text"), line.replyText);
                }
                o.insert(QStringLiteral("reply"), reply);
            }
            if (line.mentionsMe)
                o.insert(QStringLiteral("mention"), true);
            if (line.file)
                o.insert(QStringLiteral("file"), fileJson(*line.file));
        }
        o.insert(QStringLiteral("replayed"), line.replayed);
        emitJson(o);
    }
}

void CliFrontend::onDeliveryChanged(int row)
{
    const ChatLine &line = m_session.messages()->line(row);
    if (m_options.json) {
        QJsonObject o{{QStringLiteral("event"), QStringLiteral("delivery")},
                      {QStringLiteral("id"), line.id},
                      {QStringLiteral("state"), deliveryName(line.delivery)}};
        if (line.delivery == ChatLine::Delivery::Delivered)
            o.insert(QStringLiteral("seq"), double(line.seq));
        if (!line.error.isEmpty())
            o.insert(QStringLiteral("error"), line.error);
        if (line.file && line.delivery == ChatLine::Delivery::Delivered)
            o.insert(QStringLiteral("file"), fileJson(*line.file)); // now with its key
        emitJson(o);
    } else if (line.delivery == ChatLine::Delivery::Failed && !line.file) {
        // (A file that failed was reported by transferFailed, with its reason.)
        printLine(tr("* not delivered: \"%1\" (%2)").arg(line.text.left(40), line.error));
    } else if (line.delivery == ChatLine::Delivery::Delivered && line.file) {
        // Own lines are not printed as they are typed; a file took a while: say it is there.
        printLine(describeLine(line));
    }
}

void CliFrontend::onTransferChanged(int row)
{
    // Sparingly: a line at each quarter of an upload, not one per chunk.
    const TransferModel::Transfer &t = m_session.transfers()->transfer(row);
    if (t.direction != TransferModel::Direction::Upload || t.size <= 0
        || t.state != TransferModel::State::Running)
        return;
    const int quarter = int(t.done * 4 / t.size);
    if (quarter <= 0 || quarter >= 4 || m_progressShown.value(t.id) >= quarter)
        return;
    m_progressShown.insert(t.id, quarter);
    if (m_options.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("progress")},
                  {QStringLiteral("id"), t.id},
                  {QStringLiteral("done"), double(t.done)},
                  {QStringLiteral("size"), double(t.size)}});
    } else {
        printLine(tr("* sending %1: %2%").arg(t.name).arg(quarter * 25));
    }
}

void CliFrontend::onRoomError(ErrorCode code, const QString &text, const QString &id)
{
    if (m_options.json) {
        QJsonObject o{{QStringLiteral("event"), QStringLiteral("error")},
                      {QStringLiteral("code"), errorCodeName(code)},
                      {QStringLiteral("text"), text}};
        if (!id.isEmpty())
            o.insert(QStringLiteral("id"), id);
        emitJson(o);
    } else {
        printLine(tr("* the room says: %1 (%2)").arg(text, errorCodeName(code)));
    }
}

void CliFrontend::printMembers()
{
    const QStringList nicks = m_session.members()->nicks();
    if (m_options.json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("members")},
                  {QStringLiteral("members"), QJsonArray::fromStringList(nicks)}});
    } else {
        printLine(tr("* in the room: %1").arg(nicks.join(QStringLiteral(", "))));
    }
}

void CliFrontend::emitJson(const QJsonObject &object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
    m_out.flush();
}

void CliFrontend::printLine(const QString &text)
{
    m_out << text << '\n';
    m_out.flush();
}

void CliFrontend::finish(int code)
{
    m_finishing = true;
    // A message the room refused was not delivered either.
    if (code == ExitOk) {
        const auto &entries = m_session.outbox().entries();
        if (std::any_of(entries.cbegin(), entries.cend(), [](const Outbox::Entry &e) {
                return e.state == ChatLine::Delivery::Failed;
            })) {
            code = ExitUndelivered;
        }
        if (m_shareRefused)
            code = ExitUndelivered;
        const TransferModel *transfers = m_session.transfers();
        for (int row = 0; row < transfers->rowCount(); ++row) {
            const TransferModel::Transfer &t = transfers->transfer(row);
            if (t.direction == TransferModel::Direction::Upload
                && t.state == TransferModel::State::Failed)
                code = ExitUndelivered;
        }
    }
    if (m_session.connection()->state() == ConnectionStateMachine::State::Open) {
        connect(m_session.connection(), &ConnectionManager::closed, this,
                [this, code] { emit finished(code); });
        m_session.stop();
        return;
    }
    m_session.stop();
    emit finished(code);
}

} // namespace Parlor
