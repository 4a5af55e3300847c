// Accessibility of the desktop app, through Qt's accessibility API as a screen reader's bridge
// sees it (offscreen): each chat row's accessible cell reads sender, time, text, reply, mention
// and delivery state; a message of someone else's arriving live is announced (one announcement
// for a burst), history and my own lines are not; every control a user can reach has an
// accessible name; Tab walks the main window in the documented order.
//
// Rooms are real: the window hosts one on 127.0.0.1, or joins an in-process RoomServer; other
// people are RichClient peers on real sockets. Every wait is on a condition (QTRY_*,
// QTest::qWaitFor); nothing sleeps.

#include "richclient.h"

#include "appsettings.h"
#include "chatannouncer.h"
#include "chatview.h"
#include "closecodedialog.h"
#include "composeedit.h"
#include "connectdialog.h"
#include "findbar.h"
#include "hostbanner.h"
#include "hostdialog.h"
#include "inspectorpanel.h"
#include "mainwindow.h"
#include "qrwindow.h"
#include "replystrip.h"
#include "settingsdialog.h"

#include "client/chatline.h"
#include "client/chatsession.h"
#include "client/membermodel.h"
#include "client/messagemodel.h"
#include "inspector/statetimeline.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"
#include "server/roomserver.h"
#include "uitesthome.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 10000;
const QString myNick = u"mina"_s;

RoomConfig roomConfig(const QString &name = u"Lunch room"_s)
{
    RoomConfig config;
    config.roomName = name;
    config.messagesPerSecond = 1000;
    return config;
}

int rowOfText(const QAbstractItemModel *model, const QString &text)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (model->index(row, 0).data(MessageModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

bool hostAndJoin(MainWindow &window)
{
    window.show();
    if (!QTest::qWaitForWindowActive(&window))
        return false;
    window.hostRoom(roomConfig(), QHostAddress::LocalHost, 0);
    return QTest::qWaitFor([&] { return window.session() && window.session()->isJoined(); }, waitMs);
}

QUrl hostedUrl(MainWindow &window)
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(window.host()->port()));
}

int peerSays(MainWindow &window, RichClient &peer, const QString &text, qint64 replyTo = 0)
{
    static int counter = 0;
    QJsonObject say{{u"type"_s, u"say"_s},
                    {u"id"_s, u"peer-%1"_s.arg(++counter)},
                    {u"text"_s, text}};
    if (replyTo > 0)
        say.insert(u"reply_to"_s, double(replyTo));
    peer.sendJson(say);
    const QAbstractItemModel *chat = window.chatView()->model();
    if (!QTest::qWaitFor([&] { return rowOfText(chat, text) >= 0; }, waitMs))
        return -1;
    return rowOfText(chat, text);
}

/// What a screen reader reads for row \a row of the chat: its cell in the list's table
/// interface.
QString cellText(ChatView *view, int row, QAccessible::Text which = QAccessible::Name)
{
    QAccessibleInterface *list = QAccessible::queryAccessibleInterface(view);
    if (!list || !list->tableInterface())
        return u"<no table interface>"_s;
    QAccessibleInterface *cell = list->tableInterface()->cellAt(row, 0);
    return cell ? cell->text(which) : u"<no cell>"_s;
}

QString shortTime(const QAbstractItemModel *model, int row)
{
    return QLocale().toString(
            model->index(row, 0).data(MessageModel::TimeRole).toDateTime().toLocalTime().time(),
            QLocale::ShortFormat);
}

/// Every announcement the chat gives to assistive technology, as the screen reader reads it:
/// the name of the chat's Notification object each time it says it is shown.
///
/// Why not QAccessible::installUpdateHandler(): Qt 6.4 passes events to the handler only while
/// QAccessible::isActive(), which only the platform's bridge sets (an AT-SPI registry with a
/// screen reader on); QAccessible::setActive() merely tells the observers, and the offscreen
/// platform (like xcb without a registry) never becomes active. So the announcer's own signal
/// says when, and Qt's accessibility API what: the role and the name a bridge would read.
class AnnouncementLog : public QObject
{
public:
    explicit AnnouncementLog(MainWindow &window)
    {
        ChatAnnouncer *announcer = window.announcer();
        connect(announcer, &ChatAnnouncer::announced, this, [this, announcer](const QString &text) {
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(announcer);
            if (!iface || iface->role() != QAccessible::Notification) {
                texts.append(u"<not a notification>"_s);
                return;
            }
            const QString name = iface->text(QAccessible::Name);
            texts.append(name == text ? name : u"<named %1, announced %2>"_s.arg(name, text));
        });
    }
    QStringList texts;
};

/// Why a widget needs no accessible name of its own (empty: it needs one).
QString exemption(const QWidget *w)
{
    // Scroll bars of the views: named by Qt after their direction; nothing to add.
    if (w->inherits("QScrollBar"))
        return u"scroll bar"_s;
    // A spin box's line edit hands its focus to the spin box, which is checked itself (and
    // exposes the edit's text as its value).
    if (w->focusProxy())
        return u"focus goes to its proxy"_s;
    return {};
}

/// The widgets of \a root a user can reach or operate: shown, enabled, and taking the focus by
/// Tab or being a button.
QList<QWidget *> reachableWidgets(QWidget *root)
{
    QList<QWidget *> result;
    const QList<QWidget *> all = root->findChildren<QWidget *>();
    for (QWidget *w : all) {
        if (!w->isVisibleTo(root) || !w->isEnabled() || w->isWindow())
            continue;
        if ((w->focusPolicy() & Qt::TabFocus) || qobject_cast<QAbstractButton *>(w))
            result.append(w);
    }
    return result;
}

QString describe(const QWidget *w)
{
    return u"%1 \"%2\" in %3"_s.arg(QString::fromLatin1(w->metaObject()->className()),
                                    w->objectName(),
                                    w->parentWidget() ? QString::fromLatin1(
                                            w->parentWidget()->metaObject()->className())
                                                      : QString());
}

/// A name a screen reader can say: words, not only a symbol ("✕", "×", "↓" are no names).
bool isWords(const QString &name)
{
    return std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.isLetterOrNumber(); });
}

/// The reachable widgets of \a root without an accessible name (and no exemption).
QStringList unnamed(QWidget *root)
{
    QStringList missing;
    for (QWidget *w : reachableWidgets(root)) {
        if (!exemption(w).isEmpty())
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        if (!iface || !isWords(iface->text(QAccessible::Name)))
            missing.append(describe(w) + u": \""_s
                           + (iface ? iface->text(QAccessible::Name) : QString()) + u'"');
    }
    return missing;
}

/// The focus stops of Tab from \a start until it comes back (at most \a limit stops).
QList<QWidget *> tabStops(QWidget *start, int limit = 60)
{
    QList<QWidget *> stops;
    start->setFocus(Qt::TabFocusReason);
    if (!QTest::qWaitFor([&] { return QApplication::focusWidget() == start; }, 2000))
        return stops;
    stops.append(start);
    for (int i = 0; i < limit; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *now = QApplication::focusWidget();
        if (!now || now == start)
            break;
        stops.append(now);
    }
    return stops;
}

} // namespace

class tst_Accessibility : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void chatCellsReadSenderTimeTextAndDelivery();
    void sentencesOfOtherLines();
    void eventAndMemberRowsReadInWords();
    void liveMessageOfSomeoneElseIsAnnounced();
    void historyAndMyOwnAreNotAnnounced();
    void burstIsOneAnnouncement();
    void everyControlOfTheMainWindowHasAName();
    void everyControlOfTheDialogsHasAName();
    void tabWalksTheMainWindowInOrder();
    void tabWalksTheDialogsAsTheyRead_data();
    void tabWalksTheDialogsAsTheyRead();

private:
    QTemporaryDir m_home;
};

void tst_Accessibility::initTestCase()
{
    QVERIFY(UiTestHome::isolate(m_home, u"tst_accessibility"_s));
}

void tst_Accessibility::init()
{
    QVERIFY(UiTestHome::reset(myNick));
}

void tst_Accessibility::cleanupTestCase()
{
    UiTestHome::removeData();
}

void tst_Accessibility::chatCellsReadSenderTimeTextAndDelivery()
{
    MainWindow window;
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    ChatView *chat = window.chatView();
    const QAbstractItemModel *model = chat->model();

    // Someone else's line: who, when, what.
    const int row = peerSays(window, jun, u"lunch at noon?"_s);
    QVERIFY(row >= 0);
    QCOMPARE(cellText(chat, row), u"jun, %1: lunch at noon?"_s.arg(shortTime(model, row)));
    QCOMPARE(cellText(chat, row, QAccessible::Description), QString());

    // My own: its delivery state in words, in the name and as the description.
    QTest::keyClicks(window.compose(), u"yes, 12:00"_s);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    QTRY_VERIFY(rowOfText(model, u"yes, 12:00"_s) >= 0);
    const int own = rowOfText(model, u"yes, 12:00"_s);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(chat, own, QAccessible::Description), u"delivered"_s, waitMs);
    QCOMPARE(cellText(chat, own), u"mina, %1: yes, 12:00, delivered"_s.arg(shortTime(model, own)));

    // An answer to me: the quote it answers, and that it is for me.
    const qint64 ownSeq = model->index(own, 0).data(MessageModel::SeqRole).toLongLong();
    const int reply = peerSays(window, jun, u"great"_s, ownSeq);
    QVERIFY(reply >= 0);
    QTRY_COMPARE(cellText(chat, reply),
                 u"jun, %1: great, in reply to mina: yes, 12:00, mentions you"_s.arg(
                         shortTime(model, reply)));

    // A line that could not be sent says so, with the reason.
    auto *messages = window.session()->messages();
    const QString id = messages->index(own, 0).data(MessageModel::IdRole).toString();
    messages->setDelivery(id, ChatLine::Delivery::Failed, u"the room refused it"_s);
    QCOMPARE(cellText(chat, own, QAccessible::Description), u"not sent: the room refused it"_s);
    QVERIFY2(cellText(chat, own).endsWith(u", not sent: the room refused it"_s),
             qPrintable(cellText(chat, own)));
}

void tst_Accessibility::sentencesOfOtherLines()
{
    ChatLine line;
    line.kind = ChatLine::Kind::Chat;
    line.sender = u"jun"_s;
    line.time = QDateTime::currentDateTime();
    const QString time = QLocale().toString(line.time.time(), QLocale::ShortFormat);
    // An action (/me) reads as the sender doing it.
    line.text = u"/me waves"_s;
    QCOMPARE(MessageModel::accessibleText(line), u"jun waves, %1"_s.arg(time));
    // A line of a plain server with no sender: the time and the text.
    line.sender.clear();
    line.text = u"hello"_s;
    QCOMPARE(MessageModel::accessibleText(line), u"%1: hello"_s.arg(time));
    // My own, waiting in the outbox.
    line.kind = ChatLine::Kind::Own;
    line.sender = u"mina"_s;
    line.delivery = ChatLine::Delivery::Queued;
    QCOMPARE(MessageModel::accessibleText(line), u"mina, %1: hello, sending"_s.arg(time));
    // A reply to a message no longer loaded; an error notice; a leave with its reason.
    line.kind = ChatLine::Kind::Chat;
    line.delivery = ChatLine::Delivery::None;
    line.replyTo = 7;
    QCOMPARE(MessageModel::accessibleText(line),
             u"mina, %1: hello, in reply to a message no longer available"_s.arg(time));
    ChatLine error;
    error.kind = ChatLine::Kind::Error;
    error.text = u"The room refused the password."_s;
    error.time = line.time;
    QCOMPARE(MessageModel::accessibleText(error),
             u"%1, error: The room refused the password."_s.arg(time));
    ChatLine leave;
    leave.kind = ChatLine::Kind::System;
    leave.event = ChatLine::Event::Leave;
    leave.sender = u"sora"_s;
    leave.text = u"kicked"_s;
    QCOMPARE(MessageModel::accessibleText(leave), u"sora left: removed by the host"_s);
}

void tst_Accessibility::eventAndMemberRowsReadInWords()
{
    MainWindow window;
    QVERIFY(hostAndJoin(window));
    ChatView *chat = window.chatView();
    const QAbstractItemModel *model = chat->model();
    {
        RichClient jun;
        QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
        // The people list: each row says who, and what the list marks with colour and words.
        QListView *members = window.memberView();
        QTRY_COMPARE(members->model()->rowCount(), 2);
        QAccessibleInterface *list = QAccessible::queryAccessibleInterface(members);
        QVERIFY(list && list->tableInterface());
        QStringList names;
        for (int r = 0; r < members->model()->rowCount(); ++r)
            names.append(list->tableInterface()->cellAt(r, 0)->text(QAccessible::Name));
        names.sort();
        QCOMPARE(names, (QStringList{u"jun"_s, u"mina, you"_s}));
    }
    // jun's socket is gone: the row says it in words, without the arrow the chat draws.
    auto isLeave = [&](int r) {
        return ChatLine::Event(model->index(r, 0).data(MessageModel::EventRole).toInt())
               == ChatLine::Event::Leave;
    };
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && isLeave(model->rowCount() - 1), waitMs);
    const int left = model->rowCount() - 1;
    const QString text = cellText(chat, left);
    QVERIFY2(text == u"%1: jun left"_s.arg(shortTime(model, left))
                     || text == u"%1: jun lost the connection"_s.arg(shortTime(model, left)),
             qPrintable(text));
    int joined = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (ChatLine::Event(model->index(r, 0).data(MessageModel::EventRole).toInt())
            == ChatLine::Event::Join)
            joined = r;
    }
    QVERIFY(joined >= 0);
    QCOMPARE(cellText(chat, joined), u"%1: jun joined"_s.arg(shortTime(model, joined)));

    // The inspector's timeline: each state with its time.
    window.inspector()->show();
    QListView *timeline = nullptr;
    for (QListView *view : window.inspector()->findChildren<QListView *>()) {
        if (view->accessibleName() == u"State timeline"_s)
            timeline = view;
    }
    QVERIFY(timeline && timeline->model()->rowCount() > 0);
    QAccessibleInterface *states = QAccessible::queryAccessibleInterface(timeline);
    QVERIFY(states && states->tableInterface());
    const int last = timeline->model()->rowCount() - 1;
    const QString open = states->tableInterface()->cellAt(last, 0)->text(QAccessible::Name);
    const QString openTime = QLocale().toString(timeline->model()
                                                        ->index(last, 0)
                                                        .data(StateTimeline::WallTimeRole)
                                                        .toDateTime()
                                                        .toLocalTime()
                                                        .time(),
                                                QLocale::ShortFormat);
    QVERIFY2(open.startsWith(openTime + u": Open"_s), qPrintable(open));
}

void tst_Accessibility::liveMessageOfSomeoneElseIsAnnounced()
{
    MainWindow window;
    AnnouncementLog log(window);
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    const int row = peerSays(window, jun, u"the pizza is here"_s);
    QVERIFY(row >= 0);
    QTRY_COMPARE(log.texts.size(), 1);
    QCOMPARE(log.texts.constFirst(),
             u"jun, %1: the pizza is here"_s.arg(shortTime(window.chatView()->model(), row)));
    // The announcer is a notification, named as it spoke, and has its place in the window's
    // accessible tree (a screen reader can ask its parent where it stands).
    QAccessibleInterface *announcer = QAccessible::queryAccessibleInterface(window.announcer());
    QVERIFY(announcer);
    QCOMPARE(announcer->role(), QAccessible::Notification);
    QCOMPARE(announcer->text(QAccessible::Name), log.texts.constFirst());
    QAccessibleInterface *parent = announcer->parent();
    QVERIFY(parent);
    const int at = parent->indexOfChild(announcer);
    QVERIFY(at >= 0);
    QCOMPARE(parent->child(at), announcer);
    QVERIFY(!(announcer->state().focusable));
}

void tst_Accessibility::historyAndMyOwnAreNotAnnounced()
{
    // A room with history before the window joins it.
    RoomServer server(roomConfig(u"History room"_s));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QUrl url(u"ws://127.0.0.1:%1"_s.arg(server.port()));
    RichClient jun;
    QVERIFY(!jun.join(url, u"jun"_s).isEmpty());
    jun.say(u"h-1"_s, u"said before you came"_s);
    jun.say(u"h-2"_s, u"and this too"_s);
    QVERIFY(!jun.waitFor(
                        [](const QJsonObject &o) {
                            return o.value(u"type"_s) == u"message"_s
                                   && o.value(u"text"_s) == u"and this too"_s;
                        },
                        waitMs)
                     .isEmpty());

    MainWindow window;
    AnnouncementLog log(window);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.joinRoom(url, myNick, {u"parlor.v1"_s});
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
    const QAbstractItemModel *model = window.chatView()->model();
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(model, u"and this too"_s) >= 0, waitMs);
    QVERIFY(model->index(rowOfText(model, u"and this too"_s), 0)
                    .data(MessageModel::ReplayedRole)
                    .toBool());

    // My own line is not news to me.
    QTest::keyClicks(window.compose(), u"hello all"_s);
    QTest::keyClick(window.compose(), Qt::Key_Return);
    QTRY_VERIFY(rowOfText(model, u"hello all"_s) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(model->index(rowOfText(model, u"hello all"_s), 0)
                                      .data(MessageModel::DeliveryRole)
                                      .toInt(),
                              int(ChatLine::Delivery::Delivered), waitMs);

    // The next live line of someone else's is the first and only thing announced (had the
    // history or my line been announced, it would be a count or come after another).
    jun.say(u"l-1"_s, u"welcome back"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(model, u"welcome back"_s) >= 0, waitMs);
    QTRY_COMPARE(log.texts.size(), 1);
    QVERIFY2(log.texts.constFirst().endsWith(u": welcome back"_s),
             qPrintable(log.texts.constFirst()));
}

void tst_Accessibility::burstIsOneAnnouncement()
{
    MainWindow window;
    AnnouncementLog log(window);
    QVERIFY(hostAndJoin(window));
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    QVERIFY(peerSays(window, jun, u"first"_s) >= 0);
    QTRY_COMPARE(log.texts.size(), 1);
    // Five more at once, within the quiet time after the first announcement: one count.
    for (int i = 1; i <= 5; ++i)
        jun.say(u"burst-%1"_s.arg(i), u"line %1"_s.arg(i));
    QTRY_VERIFY_WITH_TIMEOUT(rowOfText(window.chatView()->model(), u"line 5"_s) >= 0, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(log.texts.size(), 2, ChatAnnouncer::quietMs * 4);
    QCOMPARE(log.texts.at(1), u"5 new messages in Lunch room"_s);
}

void tst_Accessibility::everyControlOfTheMainWindowHasAName()
{
    MainWindow window;
    QVERIFY(hostAndJoin(window));
    // Two rooms, so that the room list is shown; the hosted one current, so that its banner is.
    RoomServer other(roomConfig(u"Other room"_s));
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    window.joinRoom(QUrl(u"ws://127.0.0.1:%1"_s.arg(other.port())), myNick, {u"parlor.v1"_s});
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
    window.selectRoom(0);
    QTRY_VERIFY(window.roomList()->isVisible());
    // Everything that can be open at once: the find bar, a reply, the inspector.
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    const int row = peerSays(window, jun, u"hello @mina"_s);
    QVERIFY(row >= 0);
    window.chatView()->replyToRow(row);
    QTRY_VERIFY(window.replyStrip()->isVisible());
    QTest::keyClick(window.compose(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(window.findChild<FindBar *>()->isVisible());
    // With text, so that the find field's clear button shows.
    QTest::keyClicks(QApplication::focusWidget(), u"hello"_s);
    window.inspector()->show();
    QTRY_VERIFY(window.inspector()->isVisible());

    const QStringList missing = unnamed(&window);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"\n"_s)));
    // Each page of the inspector too (the room is hosted here: its Peers page is there).
    auto *pages = window.inspector()->findChild<QTabWidget *>();
    QVERIFY(pages);
    QVERIFY(pages->count() >= 5);
    for (int page = 0; page < pages->count(); ++page) {
        pages->setCurrentIndex(page);
        // Filter fields with text, so that their clear buttons show.
        for (QLineEdit *edit : pages->currentWidget()->findChildren<QLineEdit *>()) {
            if (edit->isClearButtonEnabled() && edit->text().isEmpty())
                edit->setText(u"x"_s);
        }
        const QStringList inspector = unnamed(window.inspector());
        QVERIFY2(inspector.isEmpty(),
                 qPrintable(pages->tabText(page) + u": "_s + inspector.join(u"\n"_s)));
    }
}

void tst_Accessibility::everyControlOfTheDialogsHasAName()
{
    AppSettings settings;
    ConnectDialog join(settings);
    join.show();
    QVERIFY(QTest::qWaitForWindowExposed(&join));
    QStringList missing = unnamed(&join);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"\n"_s)));

    HostDialog host;
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));
    missing = unnamed(&host);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"\n"_s)));

    SettingsDialog prefs(settings);
    prefs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&prefs));
    missing = unnamed(&prefs);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"\n"_s)));

    CloseCodeDialog close;
    close.show();
    QVERIFY(QTest::qWaitForWindowExposed(&close));
    missing = unnamed(&close);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"\n"_s)));

    QrWindow qr;
    qr.showAddress(u"Lunch room"_s, QUrl(u"http://192.168.1.20:5870"_s));
    qr.show();
    QVERIFY(QTest::qWaitForWindowExposed(&qr));
    missing = unnamed(&qr);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"\n"_s)));
}

void tst_Accessibility::tabWalksTheMainWindowInOrder()
{
    // Everything there at once: a room hosted for the network (its banner's buttons), a second
    // room (the room list), a mention (the header's Mentions button), the find bar, a reply.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.hostRoom(roomConfig(), QHostAddress::Any, 0);
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isJoined(), waitMs);
    RoomServer other(roomConfig(u"Other room"_s));
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    window.joinRoom(QUrl(u"ws://127.0.0.1:%1"_s.arg(other.port())), myNick, {u"parlor.v1"_s});
    QTRY_VERIFY_WITH_TIMEOUT(window.rooms()->rowCount() == 2 && window.session()
                                     && window.session()->isJoined(),
                             waitMs);
    window.selectRoom(0);
    RichClient jun;
    QVERIFY(!jun.join(hostedUrl(window), u"jun"_s).isEmpty());
    const int row = peerSays(window, jun, u"hello @mina"_s);
    QVERIFY(row >= 0);
    window.chatView()->replyToRow(row);
    QTest::keyClick(window.compose(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(window.findChild<FindBar *>()->isVisible());
    // With something found, so that its arrows are enabled.
    QTest::keyClicks(QApplication::focusWidget(), u"hello"_s);
    QTRY_VERIFY(window.findChild<QWidget *>(u"findNext"_s)->isEnabled());
    QTRY_VERIFY(window.replyStrip()->isVisible());
    auto *banner = window.findChild<HostBanner *>();
    QVERIFY(banner && banner->isVisible());
    const int bannerButtons = int(reachableWidgets(banner).size());

    const QList<QWidget *> stops = tabStops(window.compose());
    QStringList names;
    for (const QWidget *w : stops) {
        QString name = w == window.compose()      ? u"compose"_s
                       : w == window.chatView()   ? u"chat"_s
                       : w == window.memberView() ? u"people"_s
                       : w == window.roomList()   ? u"rooms"_s
                       : banner->isAncestorOf(w)  ? u"banner"_s
                                                  : w->objectName();
        // The banner's buttons (one per address, and the QR code's) count as one stop here.
        if (name != u"banner"_s || names.isEmpty() || names.constLast() != name)
            names.append(name.isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : name);
    }
    // The paperclip sits beside the compose box: the stop right after it.
    QStringList expected{u"compose"_s,    u"attachButton"_s, u"mentionsButton"_s,
                         u"joinButton"_s, u"hostButton"_s,   u"inspectorButton"_s};
    if (bannerButtons > 0)
        expected << u"banner"_s;
    expected << u"rooms"_s << u"chat"_s << u"people"_s << u"findEdit"_s << u"findPrevious"_s
             << u"findNext"_s << u"findClose"_s << u"cancelReply"_s;
    QVERIFY2(names == expected, qPrintable(names.join(u" "_s)));
    // Every stop is named for a screen reader.
    for (const QWidget *w : stops) {
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(
                const_cast<QWidget *>(w));
        QVERIFY2(iface && isWords(iface->text(QAccessible::Name)), qPrintable(describe(w)));
    }
}

void tst_Accessibility::tabWalksTheDialogsAsTheyRead_data()
{
    QTest::addColumn<QString>("dialog");
    QTest::newRow("join") << u"join"_s;
    QTest::newRow("host") << u"host"_s;
    QTest::newRow("preferences") << u"preferences"_s;
}

void tst_Accessibility::tabWalksTheDialogsAsTheyRead()
{
    QFETCH(QString, dialog);
    AppSettings settings;
    std::unique_ptr<QDialog> d;
    if (dialog == u"join"_s)
        d = std::make_unique<ConnectDialog>(settings);
    else if (dialog == u"host"_s)
        d = std::make_unique<HostDialog>();
    else
        d = std::make_unique<SettingsDialog>(settings);
    d->show();
    QVERIFY(QTest::qWaitForWindowActive(d.get()));
    // From the first control the dialog focuses, Tab goes down the form, a row's controls left
    // to right, and reaches every control there is.
    QWidget *first = QApplication::focusWidget();
    QVERIFY(first && d->isAncestorOf(first));
    // Tab goes round: read from the control at the top (the dialog may focus another first,
    // as the join dialog does its address field).
    QList<QWidget *> stops = tabStops(first);
    const auto top = std::min_element(stops.begin(), stops.end(), [&](QWidget *a, QWidget *b) {
        const QPoint pa = a->mapTo(d.get(), QPoint(0, 0)), pb = b->mapTo(d.get(), QPoint(0, 0));
        return std::pair(pa.y(), pa.x()) < std::pair(pb.y(), pb.x());
    });
    std::rotate(stops.begin(), top, stops.end());
    QStringList trail;
    QPoint previous(-1, -1);
    int previousBottom = -1;
    for (const QWidget *w : stops) {
        const QRect r(w->mapTo(d.get(), QPoint(0, 0)), w->size());
        trail.append(u"%1@%2,%3"_s.arg(describe(w)).arg(r.x()).arg(r.y()));
        // Next when it starts lower than the previous one's middle, or on its line further right.
        const bool below = r.top() > (previous.y() + previousBottom) / 2;
        const bool rightOf = r.top() < previousBottom && r.left() > previous.x();
        QVERIFY2(previousBottom < 0 || below || rightOf, qPrintable(trail.join(u"\n"_s)));
        previous = r.topLeft();
        previousBottom = r.bottom();
    }
    const QList<QWidget *> reachable = reachableWidgets(d.get());
    for (QWidget *w : reachable) {
        if ((w->focusPolicy() & Qt::TabFocus) && !w->focusProxy())
            QVERIFY2(stops.contains(w), qPrintable(describe(w) + u" is not reached by Tab"_s));
    }
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
