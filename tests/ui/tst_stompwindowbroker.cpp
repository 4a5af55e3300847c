// The desktop app in a STOMP broker's topic (issue 11, "joining a STOMP room directly"): the real
// MainWindow, offscreen, joins a destination on a real RabbitMQ with Web-STOMP started for this
// test, and chats with the real parlor-cli (-s v12.stomp) in the same topic: lines typed in the
// window reach the terminal, the terminal's reach the window with its nickname. The header says
// what a broker gives (no member list), and the member panel is not offered.
//
// Every wait is on a condition; nothing sleeps. Labelled "ui" and "broker".

#include "appsettings.h"
#include "composeedit.h"
#include "mainwindow.h"
#include "roomheader.h"
#include "uitesthome.h"

#include "childprocess.h"
#include "rabbitmqbroker.h"
#include "testsupport.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/connectionmanager.h"
#include "client/messagemodel.h"
#include "desktop/roomlistmodel.h"

#include <QFileInfo>
#include <QInputMethodEvent>
#include <QLabel>
#include <QListView>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 15000;
const QString myNick = u"mina"_s;

QByteArray uniqueTopic()
{
    return "/topic/window-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

/// The row of \a model whose text is \a text, or -1.
int rowOf(const QAbstractItemModel *model, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(MessageModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

bool headerSays(MainWindow &window, const QString &text)
{
    const QList<QLabel *> labels = window.header()->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        // (Cut short with "…" on a narrow window, the whole text is the tooltip.)
        if (label->isVisibleTo(&window)
            && (label->text().contains(text) || label->toolTip().contains(text)))
            return true;
    }
    return false;
}

} // namespace

class tst_StompWindowBroker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void theWindowChatsWithTheCliInATopic();
    void aRefusedPasscodeIsShownAndNotRetried();

private:
    std::unique_ptr<ChildProcess> startCli(const QByteArray &topic);
    ChatSession::StompTarget target(const QByteArray &topic,
                                    const QByteArray &passcode = RabbitMqBroker::Password) const;

    QTemporaryDir m_home;
    RabbitMqBroker m_broker;
};

void tst_StompWindowBroker::initTestCase()
{
    QVERIFY(UiTestHome::isolate(m_home, u"tst_stompwindowbroker"_s));
    QVERIFY2(QFileInfo(TestSupport::cliBinary()).isExecutable(),
             qPrintable(TestSupport::cliBinary() + u" is not built"_s));
    if (!m_broker.start()) {
        qWarning().noquote() << m_broker.failureReport();
        QFAIL("RabbitMQ did not start (its output and log are above)");
    }
}

void tst_StompWindowBroker::init()
{
    QVERIFY(UiTestHome::reset(myNick));
}

void tst_StompWindowBroker::cleanupTestCase()
{
    UiTestHome::removeData();
}

std::unique_ptr<ChildProcess> tst_StompWindowBroker::startCli(const QByteArray &topic)
{
    QProcessEnvironment env = ChildProcess::environment();
    env.insert(u"PARLOR_STOMP_LOGIN"_s, QString::fromLatin1(RabbitMqBroker::User));
    env.insert(u"PARLOR_STOMP_PASSCODE"_s, QString::fromLatin1(RabbitMqBroker::Password));
    return std::make_unique<ChildProcess>(u"parlor-cli"_s, TestSupport::cliBinary(),
                                          QStringList{m_broker.webStompUrl().toString(), u"-s"_s,
                                                      u"v12.stomp"_s, u"--destination"_s,
                                                      QString::fromUtf8(topic), u"--nick"_s,
                                                      u"jun"_s},
                                          env);
}

ChatSession::StompTarget tst_StompWindowBroker::target(const QByteArray &topic,
                                                       const QByteArray &passcode) const
{
    ChatSession::StompTarget t;
    t.destination = topic;
    t.login = RabbitMqBroker::User;
    t.passcode = passcode;
    return t;
}

void tst_StompWindowBroker::theWindowChatsWithTheCliInATopic()
{
    const QByteArray topic = uniqueTopic();
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    // What the desktop offers a Parlor room: the STOMP mode must offer v12.stomp instead.
    window.joinRoom(m_broker.webStompUrl(), myNick, {u"parlor.v1"_s}, {}, {}, {}, target(topic));
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
    ChatSession *session = window.session();
    QCOMPARE(session->mode(), ChatSession::Mode::Stomp);
    QCOMPARE(session->connection()->subprotocol(), u"v12.stomp"_s);
    QTRY_VERIFY(headerSays(window, u"STOMP broker, %1"_s.arg(QString::fromUtf8(topic))));
    QVERIFY(!window.memberView()->isVisibleTo(&window)); // a broker lists nobody

    auto cli = startCli(topic);
    QVERIFY2(cli->waitForMatch(QProcess::StandardOutput,
                               QRegularExpression(u"\\* subscribed to %1"_s.arg(
                                       QRegularExpression::escape(QString::fromUtf8(topic)))),
                               waitMs)
                     .hasMatch(),
             cli->transcript().constData());

    // Typed in the window: shown at once, confirmed by the broker's receipt, read in the terminal.
    // Typed as an input method hands it over (QTest::keyClicks knows only Latin-1).
    QInputMethodEvent typed;
    typed.setCommitString(u"hello from the window — 안녕"_s);
    QCoreApplication::sendEvent(window.compose(), &typed);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    QVERIFY2(cli->waitForMatch(QProcess::StandardOutput,
                               QRegularExpression(
                                       u"\\[\\d\\d:\\d\\d\\] mina: hello from the window — 안녕"_s),
                               waitMs)
                     .hasMatch(),
             cli->transcript().constData());
    const MessageModel *chat = session->messages();
    const int mine = rowOf(chat, u"hello from the window — 안녕"_s);
    QVERIFY(mine >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(ChatLine::Delivery(
                                      chat->index(mine, 0).data(MessageModel::DeliveryRole).toInt()),
                              ChatLine::Delivery::Delivered, waitMs);

    // Typed in the terminal: shown in the window under the terminal's nickname, once.
    cli->writeLine(u"hello from the terminal"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(chat, u"hello from the terminal"_s) >= 0, waitMs);
    const int theirs = rowOf(chat, u"hello from the terminal"_s);
    QCOMPARE(chat->index(theirs, 0).data(MessageModel::SenderRole).toString(), u"jun"_s);
    // Our own line came back from the topic too, and is not shown twice.
    int copies = 0;
    for (int row = 0; row < chat->rowCount(); ++row)
        copies += chat->index(row, 0).data(MessageModel::TextRole).toString()
                  == u"hello from the window — 안녕"_s;
    QCOMPARE(copies, 1);

    cli->process().closeWriteChannel();
    QVERIFY2(cli->waitForExit(waitMs), cli->transcript().constData());
    QCOMPARE(cli->process().exitCode(), 0);

    // Left with the window's Disconnect: DISCONNECT, then a clean close.
    window.rooms()->controller(window.rooms()->current())->session()->stop();
    QTRY_COMPARE_WITH_TIMEOUT(session->connection()->state(), ConnectionStateMachine::State::Closed,
                              waitMs);
}

void tst_StompWindowBroker::aRefusedPasscodeIsShownAndNotRetried()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.joinRoom(m_broker.webStompUrl(), myNick, {}, {}, {}, {},
                    target(uniqueTopic(), "not the passcode"));
    QTRY_VERIFY(window.session());
    ChatSession *session = window.session();
    QTRY_COMPARE_WITH_TIMEOUT(session->connection()->state(), ConnectionStateMachine::State::Closed,
                              waitMs);
    // The broker's words are in the chat, as a notice; nothing is retried behind the user's back.
    const MessageModel *chat = session->messages();
    QTRY_VERIFY_WITH_TIMEOUT(
            [chat] {
                for (int row = 0; row < chat->rowCount(); ++row) {
                    if (chat->index(row, 0)
                                .data(MessageModel::TextRole)
                                .toString()
                                .startsWith(u"The broker refused:"_s))
                        return true;
                }
                return false;
            }(),
            waitMs);
    QVERIFY(!session->connection()->isReconnectScheduled());
}

QTEST_MAIN(tst_StompWindowBroker)
#include "tst_stompwindowbroker.moc"
