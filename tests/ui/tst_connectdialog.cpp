// ConnectDialog, the "Join a room" dialog, as the user meets it: what it says about a room
// address or a nickname before it lets the user join, the ordered list of subprotocols to offer
// (reorder, add, remove) and what accept() remembers for next time. Settings live in a private
// temporary location, cleared before every test.

#include "appsettings.h"
#include "connectdialog.h"
#include "server/roomannouncer.h"
#include "testsupport.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUdpSocket>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

const QString goodUrl = u"ws://127.0.0.1:5870"_s;

/// The dialog's widgets, found the way a user (or a screen reader) finds them: by their
/// accessible names and button texts.
struct DialogParts
{
    explicit DialogParts(ConnectDialog &dialog)
    {
        const auto combos = dialog.findChildren<QComboBox *>();
        for (QComboBox *combo : combos) {
            if (combo->accessibleName() == QLatin1String("Room address"))
                url = combo;
            else if (combo->accessibleName() == QLatin1String("What to join"))
                kind = combo;
        }
        const auto edits = dialog.findChildren<QLineEdit *>();
        for (QLineEdit *edit : edits) {
            if (edit->accessibleName() == QLatin1String("Nickname"))
                nick = edit;
            else if (edit->accessibleName() == QLatin1String("New subprotocol"))
                newProtocol = edit;
            else if (edit->accessibleName() == QLatin1String("Destination"))
                destination = edit;
            else if (edit->accessibleName() == QLatin1String("Login"))
                login = edit;
            else if (edit->accessibleName() == QLatin1String("Passcode"))
                passcode = edit;
        }
        protocols = dialog.findChild<QListWidget *>();
        const auto labels = dialog.findChildren<QLabel *>();
        for (QLabel *label : labels) {
            if (label->accessibleName() == QLatin1String("Problem"))
                problem = label;
        }
        const auto tools = dialog.findChildren<QToolButton *>();
        for (QToolButton *button : tools) {
            if (button->text() == QLatin1String("Up"))
                up = button;
            else if (button->text() == QLatin1String("Down"))
                down = button;
            else if (button->text() == QLatin1String("Remove"))
                remove = button;
            else if (button->text() == QLatin1String("Add"))
                add = button;
        }
        if (auto *box = dialog.findChild<QDialogButtonBox *>())
            ok = box->button(QDialogButtonBox::Ok);
    }

    bool complete() const
    {
        return url && kind && nick && newProtocol && destination && login && passcode && protocols
               && problem && up && down && remove && add && ok;
    }

    QStringList protocolTexts() const
    {
        QStringList result;
        for (int i = 0; i < protocols->count(); ++i)
            result.append(protocols->item(i)->text());
        return result;
    }

    QComboBox *url = nullptr;
    QComboBox *kind = nullptr;
    QLineEdit *nick = nullptr;
    QLineEdit *newProtocol = nullptr;
    QLineEdit *destination = nullptr;
    QLineEdit *login = nullptr;
    QLineEdit *passcode = nullptr;
    QListWidget *protocols = nullptr;
    QLabel *problem = nullptr;
    QToolButton *up = nullptr;
    QToolButton *down = nullptr;
    QToolButton *remove = nullptr;
    QToolButton *add = nullptr;
    QPushButton *ok = nullptr;
};

} // namespace

class tst_ConnectDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void emptyAddressDisablesJoinWithoutShowingAnError();
    void typedAddressIsValidatedAsTheUserTypes();
    void addressProblems_data();
    void addressProblems();
    void nicknameProblems_data();
    void nicknameProblems();
    void severalServersInTheAddress();
    void aBadEntryInAListIsNamed_data();
    void aBadEntryInAListIsNamed();
    void theLastSessionKeepsItsServers();

    void subprotocolsDefaultToRichThenPlain();
    void upAndDownReorderSubprotocols();
    void upAndDownStopAtTheEnds();
    void addAppendsANewSubprotocolOnce();
    void returnInTheAddFieldAddsWithoutJoining();
    void removeDeletesTheSelectedSubprotocol();

    void acceptStoresRecentServerNickAndSubprotocols();
    void acceptWithAProblemStoresNothing();
    void recentServersAreOfferedMostRecentFirstWithoutDuplicates();
    void proxyIsCheckedAndRememberedPerRoom();
    void aStompBrokerAsksForADestinationAndForgetsThePasscode();

    void nearbyRoomsAreListedAndJoinedByDoubleClick();
    void enterOnANearbyRoomJoinsOnce();
    void nearbyRoomLeavesTheListOnGoodbye();

private:
    /// A real announcer sending beacons to 127.0.0.1 on a free port, and the dialog listening
    /// there (multicast off): the network path is tst_landiscovery's, this is the dialog's.
    struct Nearby
    {
        quint16 port = 0;
        RoomAnnouncer announcer;
    };
    bool announce(Nearby &nearby, const QString &name, bool password, int people);
    static RoomBrowser::Options browserFor(const Nearby &nearby);

    QTemporaryDir m_settingsDir;
};

void tst_ConnectDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(u"ParlorTests"_s);
    QCoreApplication::setApplicationName(u"tst_connectdialog"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(QSettings().fileName().startsWith(m_settingsDir.path()));
}

void tst_ConnectDialog::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
    AppSettings().setNick(u"mina"_s);
}

void tst_ConnectDialog::emptyAddressDisablesJoinWithoutShowingAnError()
{
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());

    QCOMPARE(parts.url->currentText(), QString());
    QVERIFY(!parts.ok->isEnabled());
    // Nothing typed yet: a hint at most, never an error in red.
    QCOMPARE(parts.problem->text(), QString());

    // Spaces only is still "nothing typed".
    parts.url->setCurrentText(u"   "_s);
    QVERIFY(!parts.ok->isEnabled());
    QCOMPARE(parts.problem->text(), QString());

    // The static check explains what is expected, for callers such as the command line.
    QVERIFY(ConnectDialog::urlProblem(QString()).contains(u"ws://"_s));
}

void tst_ConnectDialog::typedAddressIsValidatedAsTheUserTypes()
{
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());

    QTest::keyClicks(parts.url->lineEdit(), u"http://127.0.0.1:5870"_s);
    QVERIFY(!parts.ok->isEnabled());
    QVERIFY2(parts.problem->text().contains(u"ws://"_s), qPrintable(parts.problem->text()));

    parts.url->lineEdit()->clear();
    QTest::keyClicks(parts.url->lineEdit(), goodUrl);
    QVERIFY(parts.ok->isEnabled());
    QCOMPARE(parts.problem->text(), QString());
    QCOMPARE(dialog.url(), QUrl(goodUrl));
}

void tst_ConnectDialog::addressProblems_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expectedProblem"); // a part of the message; empty: no problem

    QTest::newRow("http scheme: use ws") << u"http://192.168.1.20:5870"_s << u"Use ws://"_s;
    QTest::newRow("https scheme: use wss")
            << u"https://chat.example.org/"_s << u"instead of https://"_s;
    QTest::newRow("no scheme: not an address") << u"foo"_s << u"not a valid address"_s;
    QTest::newRow("other scheme: must be ws")
            << u"ftp://example.org"_s << u"must start with ws:// or wss://"_s;
    QTest::newRow("ws without host") << u"ws://"_s << u"no host name"_s;
    QTest::newRow("wss without host") << u"wss:///room"_s << u"no host name"_s;
    QTest::newRow("good ws") << goodUrl << QString();
    QTest::newRow("good wss with path") << u"wss://chat.example.org/room"_s << QString();
    QTest::newRow("good ws, surrounding spaces") << u"  ws://localhost:5870  "_s << QString();
    QTest::newRow("good ws, upper-case scheme") << u"WS://127.0.0.1:5870"_s << QString();
}

void tst_ConnectDialog::addressProblems()
{
    QFETCH(QString, address);
    QFETCH(QString, expectedProblem);

    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());
    QCOMPARE(parts.nick->text(), u"mina"_s);

    parts.url->setCurrentText(address);
    if (expectedProblem.isEmpty()) {
        QVERIFY2(parts.ok->isEnabled(), qPrintable(parts.problem->text()));
        QCOMPARE(parts.problem->text(), QString());
        QCOMPARE(ConnectDialog::urlProblem(address), QString());
        QCOMPARE(dialog.url(), QUrl(address.trimmed()));
    } else {
        QVERIFY(!parts.ok->isEnabled());
        QVERIFY2(parts.problem->text().contains(expectedProblem, Qt::CaseInsensitive),
                 qPrintable(parts.problem->text()));
        QCOMPARE(ConnectDialog::urlProblem(address), parts.problem->text());
    }
}

void tst_ConnectDialog::severalServersInTheAddress()
{
    // Failover: one room on several servers, separated by commas (spaces allowed).
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());
    parts.url->lineEdit()->clear();
    QTest::keyClicks(parts.url->lineEdit(), u"ws://127.0.0.1:5870, wss://chat.example.org/room"_s);
    QVERIFY2(parts.ok->isEnabled(), qPrintable(parts.problem->text()));
    QCOMPARE(parts.problem->text(), QString());
    QCOMPARE(dialog.servers(),
             (QList<QUrl>{QUrl(u"ws://127.0.0.1:5870"_s), QUrl(u"wss://chat.example.org/room"_s)}));
    QCOMPARE(dialog.url(), QUrl(u"ws://127.0.0.1:5870"_s)); // the first is joined first

    // Remembered as one entry, tidied, to be chosen again as a whole.
    QTest::mouseClick(parts.ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(AppSettings().recentServers().constFirst(),
             u"ws://127.0.0.1:5870,wss://chat.example.org/room"_s);

    // A single address is still one server.
    ConnectDialog again(settings);
    DialogParts second(again);
    second.url->setCurrentText(goodUrl);
    QCOMPARE(again.servers(), QList<QUrl>{QUrl(goodUrl)});
}

void tst_ConnectDialog::aBadEntryInAListIsNamed_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expectedProblem");

    QTest::newRow("http entry") << u"ws://127.0.0.1:5870,http://10.0.0.2:5870"_s
                                << u"“http://10.0.0.2:5870”: Use ws://"_s;
    QTest::newRow("entry without scheme")
            << u"ws://127.0.0.1:5870, foo"_s << u"“foo”: This is not a valid address"_s;
    QTest::newRow("entry without host")
            << u"ws://,ws://127.0.0.1:5870"_s << u"“ws://”: The address has no host name"_s;
    QTest::newRow("two commas") << u"ws://127.0.0.1:5870,,ws://127.0.0.2:5870"_s
                                << u"empty entry"_s;
    QTest::newRow("trailing comma") << u"ws://127.0.0.1:5870,"_s << u"empty entry"_s;
    QTest::newRow("listed twice") << u"ws://127.0.0.1:5870, ws://127.0.0.1:5870"_s
                                  << u"\"ws://127.0.0.1:5870\" is listed twice"_s;
    QString many;
    for (int i = 0; i < 17; ++i)
        many += u"ws://127.0.0.1:%1,"_s.arg(6000 + i);
    many.chop(1);
    QTest::newRow("too many") << many << u"Too many servers (17); at most 16"_s;
}

void tst_ConnectDialog::aBadEntryInAListIsNamed()
{
    QFETCH(QString, address);
    QFETCH(QString, expectedProblem);
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());
    parts.url->setCurrentText(address);
    QVERIFY(!parts.ok->isEnabled());
    QVERIFY2(parts.problem->text().contains(expectedProblem), qPrintable(parts.problem->text()));
    QCOMPARE(ConnectDialog::urlProblem(address), parts.problem->text());
    // Join does nothing while the problem is there.
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void tst_ConnectDialog::theLastSessionKeepsItsServers()
{
    // The next start rejoins a room of several servers with all of them (AppSettings).
    using Kind = SessionController::LastSession::Kind;
    const QList<QUrl> servers{QUrl(u"ws://127.0.0.1:5870"_s), QUrl(u"wss://chat.example.org/r"_s)};
    AppSettings().setLastSession({Kind::Joined, servers.constFirst(), servers});
    SessionController::LastSession last = AppSettings().lastSession();
    QCOMPARE(last.kind, Kind::Joined);
    QCOMPARE(last.url, servers.constFirst());
    QCOMPARE(last.servers, servers);

    // One server: no list.
    AppSettings().setLastSession({Kind::Joined, servers.constFirst(), {}});
    QCOMPARE(AppSettings().lastSession().servers, QList<QUrl>());

    // A list spoiled by hand is dropped; the room is still joined at its address.
    AppSettings().setLastSession({Kind::Joined, servers.constFirst(), servers});
    QSettings().setValue(u"session/servers"_s, u"ws://127.0.0.1:5870,,bad"_s);
    last = AppSettings().lastSession();
    QCOMPARE(last.url, servers.constFirst());
    QCOMPARE(last.servers, QList<QUrl>());
}

void tst_ConnectDialog::nicknameProblems_data()
{
    QTest::addColumn<QString>("nick");
    QTest::addColumn<QString>("expectedProblem"); // a part of the message; empty: no problem

    QTest::newRow("empty") << QString() << u"Choose a nickname"_s;
    QTest::newRow("spaces only") << u"   "_s << u"Choose a nickname"_s;
    QTest::newRow("leading space") << u" mina"_s << u"cannot start or end with a space"_s;
    QTest::newRow("trailing space") << u"mina "_s << u"cannot start or end with a space"_s;
    QTest::newRow("zero-width space") << u"mi\u200Bna"_s << u"invisible"_s;
    QTest::newRow("control character") << u"mi\u0007na"_s << u"control"_s;
    QTest::newRow("40 characters") << QString(40, u'x') << u"at most 32 characters"_s;
    QTest::newRow("33 characters") << QString(33, u'x') << u"at most 32 characters"_s;
    QTest::newRow("32 characters") << QString(32, u'x') << QString();
    QTest::newRow("plain") << u"mina"_s << QString();
    QTest::newRow("Korean") << u"민아"_s << QString();
    QTest::newRow("inner space") << u"mina kim"_s << QString();
}

void tst_ConnectDialog::nicknameProblems()
{
    QFETCH(QString, nick);
    QFETCH(QString, expectedProblem);

    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());

    parts.url->setCurrentText(goodUrl);
    QVERIFY(parts.ok->isEnabled());
    parts.nick->setText(nick);
    if (expectedProblem.isEmpty()) {
        QVERIFY2(parts.ok->isEnabled(), qPrintable(parts.problem->text()));
        QCOMPARE(parts.problem->text(), QString());
        QCOMPARE(dialog.nick(), nick);
    } else {
        QVERIFY(!parts.ok->isEnabled());
        QVERIFY2(parts.problem->text().contains(expectedProblem, Qt::CaseInsensitive),
                 qPrintable(parts.problem->text()));
        QCOMPARE(ConnectDialog::nickProblemText(nick), parts.problem->text());
    }
}

void tst_ConnectDialog::subprotocolsDefaultToRichThenPlain()
{
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());

    const QStringList expected{u"parlor.v1"_s, u"chatting"_s};
    QCOMPARE(parts.protocolTexts(), expected);
    QCOMPARE(dialog.subprotocols(), expected);
}

void tst_ConnectDialog::upAndDownReorderSubprotocols()
{
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());

    parts.protocols->setCurrentRow(1);
    QTest::mouseClick(parts.up, Qt::LeftButton);
    QCOMPARE(dialog.subprotocols(), (QStringList{u"chatting"_s, u"parlor.v1"_s}));
    // The moved item stays selected, so pressing again keeps moving the same one.
    QCOMPARE(parts.protocols->currentItem()->text(), u"chatting"_s);

    QTest::mouseClick(parts.down, Qt::LeftButton);
    QCOMPARE(dialog.subprotocols(), (QStringList{u"parlor.v1"_s, u"chatting"_s}));
    QCOMPARE(parts.protocols->currentItem()->text(), u"chatting"_s);
}

void tst_ConnectDialog::upAndDownStopAtTheEnds()
{
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());
    const QStringList initial = dialog.subprotocols();

    parts.protocols->setCurrentRow(0);
    QTest::mouseClick(parts.up, Qt::LeftButton);
    QCOMPARE(dialog.subprotocols(), initial);
    QCOMPARE(parts.protocols->currentRow(), 0);

    parts.protocols->setCurrentRow(parts.protocols->count() - 1);
    QTest::mouseClick(parts.down, Qt::LeftButton);
    QCOMPARE(dialog.subprotocols(), initial);
    QCOMPARE(parts.protocols->currentRow(), parts.protocols->count() - 1);
}

void tst_ConnectDialog::addAppendsANewSubprotocolOnce()
{
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());

    QTest::keyClicks(parts.newProtocol, u"  custom.v2 "_s);
    QTest::mouseClick(parts.add, Qt::LeftButton);
    QCOMPARE(dialog.subprotocols(), (QStringList{u"parlor.v1"_s, u"chatting"_s, u"custom.v2"_s}));
    QCOMPARE(parts.newProtocol->text(), QString());

    // The same one again, or nothing at all, adds nothing.
    QTest::keyClicks(parts.newProtocol, u"custom.v2"_s);
    QTest::mouseClick(parts.add, Qt::LeftButton);
    QTest::keyClicks(parts.newProtocol, u"   "_s);
    QTest::mouseClick(parts.add, Qt::LeftButton);
    QCOMPARE(dialog.subprotocols(), (QStringList{u"parlor.v1"_s, u"chatting"_s, u"custom.v2"_s}));
}

void tst_ConnectDialog::returnInTheAddFieldAddsWithoutJoining()
{
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());
    parts.url->setCurrentText(goodUrl);
    QVERIFY(parts.ok->isEnabled());
    // Shown, so that the dialog's default button ("Join") is live, as it is for the user.
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy accepted(&dialog, &QDialog::accepted);

    parts.newProtocol->setFocus();
    QTest::keyClicks(parts.newProtocol, u"custom.v2"_s);
    QTest::keyClick(parts.newProtocol, Qt::Key_Return);
    QCOMPARE(dialog.subprotocols(), (QStringList{u"parlor.v1"_s, u"chatting"_s, u"custom.v2"_s}));
    // Enter in "Add a subprotocol" adds it; it must not also join the room.
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());
}

void tst_ConnectDialog::removeDeletesTheSelectedSubprotocol()
{
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());

    parts.protocols->setCurrentRow(0);
    QTest::mouseClick(parts.remove, Qt::LeftButton);
    QCOMPARE(dialog.subprotocols(), QStringList{u"chatting"_s});
}

void tst_ConnectDialog::acceptStoresRecentServerNickAndSubprotocols()
{
    {
        AppSettings settings;
        ConnectDialog dialog(settings);
        DialogParts parts(dialog);
        QVERIFY(parts.complete());
        QSignalSpy accepted(&dialog, &QDialog::accepted);

        parts.url->setCurrentText(u" ws://192.168.1.20:5870 "_s);
        parts.nick->setText(u"jun"_s);
        parts.protocols->setCurrentRow(1);
        QTest::mouseClick(parts.up, Qt::LeftButton);
        QTest::mouseClick(parts.ok, Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.url(), QUrl(u"ws://192.168.1.20:5870"_s));
    }

    // What a fresh AppSettings (the next start of the app) reads.
    const AppSettings stored;
    QCOMPARE(stored.recentServers(), QStringList{u"ws://192.168.1.20:5870"_s});
    QCOMPARE(stored.nick(), u"jun"_s);
    QCOMPARE(stored.subprotocols(), (QStringList{u"chatting"_s, u"parlor.v1"_s}));

    // The next dialog offers what was stored.
    AppSettings settings;
    ConnectDialog next(settings);
    DialogParts parts(next);
    QVERIFY(parts.complete());
    QCOMPARE(parts.url->count(), 1);
    QCOMPARE(parts.url->itemText(0), u"ws://192.168.1.20:5870"_s);
    QCOMPARE(parts.nick->text(), u"jun"_s);
    QCOMPARE(next.subprotocols(), (QStringList{u"chatting"_s, u"parlor.v1"_s}));
}

void tst_ConnectDialog::acceptWithAProblemStoresNothing()
{
    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());
    QSignalSpy accepted(&dialog, &QDialog::accepted);

    parts.url->setCurrentText(u"http://192.168.1.20:5870"_s);
    dialog.accept(); // e.g. Enter pressed although the button is disabled
    QCOMPARE(accepted.count(), 0);

    parts.url->setCurrentText(goodUrl);
    parts.nick->setText(u" mina"_s);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);

    const AppSettings stored;
    QCOMPARE(stored.recentServers(), QStringList());
    QCOMPARE(stored.nick(), u"mina"_s);
}

void tst_ConnectDialog::proxyIsCheckedAndRememberedPerRoom()
{
    const QString room = u"ws://192.168.1.20:5870"_s;
    {
        AppSettings settings;
        ConnectDialog dialog(settings);
        DialogParts parts(dialog);
        QVERIFY(parts.complete());
        QLineEdit *proxy = nullptr;
        for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
            if (edit->accessibleName() == "Proxy"_L1)
                proxy = edit;
        }
        QVERIFY(proxy);
        QCOMPARE(proxy->placeholderText(), u"system"_s); // empty: the system's proxy
        parts.url->setCurrentText(room);
        QVERIFY(parts.ok->isEnabled());

        QTest::keyClicks(proxy, u"ftp://proxy:21"_s);
        QVERIFY(!parts.ok->isEnabled());
        QVERIFY2(parts.problem->text().contains(u"is not a proxy"_s),
                 qPrintable(parts.problem->text()));

        proxy->clear();
        QTest::keyClicks(proxy, u"socks5://ana:pw-secret@127.0.0.1:1080"_s);
        QVERIFY(parts.ok->isEnabled());
        QCOMPARE(dialog.proxy().mode(), ProxySetting::Mode::Explicit);
        QCOMPARE(dialog.proxy().proxy().password(), u"pw-secret"_s); // for this join
        QTest::mouseClick(parts.ok, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    // Remembered for that room, without the password.
    QCOMPARE(AppSettings().proxyTextFor(room), u"socks5://ana@127.0.0.1:1080"_s);
    QVERIFY(!QSettings()
                     .value(u"connect/proxies"_s)
                     .toMap()
                     .value(room)
                     .toString()
                     .contains(u"pw-secret"_s));
    // The next start rejoins it through the same proxy.
    using Kind = SessionController::LastSession::Kind;
    AppSettings().setLastSession({Kind::Joined, QUrl(room), {}});
    QCOMPARE(AppSettings().lastSession().proxy.toString(), u"socks5://ana@127.0.0.1:1080"_s);

    // The next dialog brings it back with the room's address, and not with another one's.
    AppSettings settings;
    ConnectDialog next(settings);
    DialogParts parts(next);
    QLineEdit *proxy = nullptr;
    for (QLineEdit *edit : next.findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == "Proxy"_L1)
            proxy = edit;
    }
    QVERIFY(proxy);
    parts.url->setCurrentText(room);
    QCOMPARE(proxy->text(), u"socks5://ana@127.0.0.1:1080"_s);
    parts.url->setCurrentText(goodUrl);
    QCOMPARE(proxy->text(), QString());
    QCOMPARE(next.proxy().mode(), ProxySetting::Mode::System);
    // "none" for a room is remembered too (it differs from the default).
    QTest::keyClicks(proxy, u"none"_s);
    next.accept();
    QCOMPARE(AppSettings().proxyTextFor(goodUrl), u"none"_s);
}

void tst_ConnectDialog::recentServersAreOfferedMostRecentFirstWithoutDuplicates()
{
    const QStringList joined{u"ws://10.0.0.1:5870"_s, u"ws://10.0.0.2:5870"_s,
                             u"ws://10.0.0.1:5870"_s};
    for (const QString &url : joined) {
        AppSettings settings;
        ConnectDialog dialog(settings);
        DialogParts parts(dialog);
        QVERIFY(parts.complete());
        parts.url->setCurrentText(url);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(AppSettings().recentServers(),
             (QStringList{u"ws://10.0.0.1:5870"_s, u"ws://10.0.0.2:5870"_s}));

    AppSettings settings;
    ConnectDialog dialog(settings);
    DialogParts parts(dialog);
    QVERIFY(parts.complete());
    QCOMPARE(parts.url->count(), 2);
    QCOMPARE(parts.url->itemText(0), u"ws://10.0.0.1:5870"_s);
    // A recent server is offered, not pre-filled: the field starts empty.
    QCOMPARE(parts.url->currentText(), QString());
}

bool tst_ConnectDialog::announce(Nearby &nearby, const QString &name, bool password, int people)
{
    // A free UDP port for the beacons: taken, read and let go.
    QUdpSocket probe;
    if (!probe.bind(QHostAddress::LocalHost, 0))
        return false;
    nearby.port = probe.localPort();
    probe.close();
    RoomAnnouncer::Options options;
    options.multicast = false;
    options.beaconPort = nearby.port;
    options.beaconTargets = {QHostAddress(QHostAddress::LocalHost)};
    nearby.announcer.setOptions(options);
    RoomConfig config;
    config.roomName = name;
    if (password)
        config.password = u"x"_s;
    Discovery::RoomRecord record = RoomAnnouncer::recordFor(config, 5999);
    record.people = people;
    return nearby.announcer.start(record);
}

RoomBrowser::Options tst_ConnectDialog::browserFor(const Nearby &nearby)
{
    RoomBrowser::Options options;
    options.multicast = false;
    options.beaconPort = nearby.port;
    return options;
}

void tst_ConnectDialog::nearbyRoomsAreListedAndJoinedByDoubleClick()
{
    Nearby nearby;
    QVERIFY(announce(nearby, u"점심 모임"_s, true, 3));
    AppSettings settings;
    ConnectDialog dialog(settings);
    dialog.setNearbyOptions(browserFor(nearby));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTreeView *view = dialog.nearbyView();
    QCOMPARE(view->accessibleName(), u"Rooms nearby"_s);
    QTRY_COMPARE(view->model()->rowCount(), 1);
    const QAbstractItemModel *model = view->model();
    QCOMPARE(model->index(0, NearbyRoomModel::NameColumn).data().toString(), u"점심 모임"_s);
    QCOMPARE(model->index(0, NearbyRoomModel::AddressColumn).data().toString(),
             u"ws://127.0.0.1:5999"_s);
    QCOMPARE(model->index(0, NearbyRoomModel::PeopleColumn).data().toInt(), 3);
    QCOMPARE(model->index(0, NearbyRoomModel::AccessColumn).data().toString(), u"password"_s);

    // A click fills in the address; a double-click joins.
    const QRect cell = view->visualRect(model->index(0, NearbyRoomModel::NameColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    DialogParts parts(dialog);
    QCOMPARE(parts.url->currentText(), u"ws://127.0.0.1:5999"_s);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(dialog.url(), QUrl(u"ws://127.0.0.1:5999"_s));
}

void tst_ConnectDialog::enterOnANearbyRoomJoinsOnce()
{
    Nearby nearby;
    QVERIFY(announce(nearby, u"Design team"_s, false, 0));
    AppSettings settings;
    ConnectDialog dialog(settings);
    dialog.setNearbyOptions(browserFor(nearby));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTreeView *view = dialog.nearbyView();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    // Keyboard only: the list is reachable and Enter joins the room under the cursor, once
    // (not again through the dialog's default button).
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(dialog.url(), QUrl(u"ws://127.0.0.1:5999"_s));
}

void tst_ConnectDialog::nearbyRoomLeavesTheListOnGoodbye()
{
    Nearby nearby;
    QVERIFY(announce(nearby, u"Release planning"_s, false, 1));
    AppSettings settings;
    ConnectDialog dialog(settings);
    dialog.setNearbyOptions(browserFor(nearby));
    QTRY_COMPARE(dialog.nearbyModel()->rowCount(), 1);
    nearby.announcer.stop();
    QTRY_COMPARE(dialog.nearbyModel()->rowCount(), 0);
}

void tst_ConnectDialog::aStompBrokerAsksForADestinationAndForgetsThePasscode()
{
    AppSettings settings;
    {
        ConnectDialog dialog(settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        DialogParts parts(dialog);
        QVERIFY(parts.complete());
        // A room first: the broker's fields are not there, the subprotocols are.
        QCOMPARE(dialog.kind(), ConnectDialog::Kind::Room);
        QVERIFY(!parts.destination->isVisible());
        QVERIFY(!parts.passcode->isVisible());
        QVERIFY(parts.protocols->isVisible());
        QVERIFY(!dialog.stompTarget().isSet());

        // Chosen as a user does, with the keyboard.
        parts.kind->setFocus();
        QTest::keyClick(parts.kind, Qt::Key_Down);
        QCOMPARE(dialog.kind(), ConnectDialog::Kind::Stomp);
        QVERIFY(parts.destination->isVisible());
        QVERIFY(parts.login->isVisible());
        QVERIFY(parts.passcode->isVisible());
        QVERIFY(!parts.protocols->isVisible()); // a broker is offered v12.stomp alone
        // Every row the dialog shows has room to be seen (a row left without height is a bug).
        for (QWidget *w :
             {static_cast<QWidget *>(parts.destination), static_cast<QWidget *>(parts.login),
              static_cast<QWidget *>(parts.passcode)}) {
            QVERIFY2(w->height() >= w->minimumSizeHint().height(), qPrintable(w->accessibleName()));
        }
        QCOMPARE(parts.destination->text(), u"/topic/parlor"_s); // the default

        parts.url->setCurrentText(u"ws://127.0.0.1:15674/ws"_s);
        parts.destination->clear();
        QVERIFY(!parts.ok->isEnabled());
        QVERIFY2(parts.problem->text().contains(u"destination"_s),
                 qPrintable(parts.problem->text()));
        QTest::keyClicks(parts.destination, u"/topic/lunch"_s);
        QTest::keyClicks(parts.login, u"mina"_s);
        QTest::keyClicks(parts.passcode, u"s3cret"_s);
        QVERIFY(parts.ok->isEnabled());
        const ChatSession::StompTarget target = dialog.stompTarget();
        QCOMPARE(target.destination, QByteArray("/topic/lunch"));
        QCOMPARE(target.login, QByteArray("mina"));
        QCOMPARE(target.passcode, QByteArray("s3cret"));
        QCOMPARE(target.host, QByteArray("/"));
        QTest::keyClick(parts.destination, Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    // Next time: the destination and login are offered again; the passcode never was stored.
    const ChatSession::StompTarget remembered = settings.lastStompTarget();
    QCOMPARE(remembered.destination, QByteArray("/topic/lunch"));
    QCOMPARE(remembered.login, QByteArray("mina"));
    QVERIFY(remembered.passcode.isEmpty());
    QSettings raw;
    for (const QString &key : raw.allKeys())
        QVERIFY2(!raw.value(key).toString().contains(u"s3cret"_s), qPrintable(key));
    ConnectDialog again(settings);
    DialogParts parts(again);
    QVERIFY(parts.complete());
    QCOMPARE(parts.destination->text(), u"/topic/lunch"_s);
    QCOMPARE(parts.login->text(), u"mina"_s);
    QCOMPARE(parts.passcode->text(), QString());
    QVERIFY(ConnectDialog::destinationProblem(u"/topic/a"_s + QChar(7) + u"b"_s)
                    .contains(u"control"_s));
}

QTEST_MAIN(tst_ConnectDialog)

#include "tst_connectdialog.moc"
