// MemberModel: the people in the room. QAbstractItemModelTester watches the model during every
// test, so a change announced with the wrong signal fails at once.

#include "client/membermodel.h"

#include <QAbstractItemModelTester>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

Member rich(const QString &nick)
{
    return Member{nick, MemberMode::Rich};
}

Member plain(const QString &nick)
{
    return Member{nick, MemberMode::Plain};
}

QList<int> rolesOf(const QList<QVariant> &dataChangedArguments)
{
    return dataChangedArguments.at(2).value<QList<int>>();
}

bool announces(const QList<QVariant> &dataChangedArguments, int role)
{
    const QList<int> roles = rolesOf(dataChangedArguments);
    return roles.isEmpty() || roles.contains(role); // empty: every role changed
}

} // namespace

class tst_MemberModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void startsEmpty();
    void resetReplacesEveryRow();
    void resetToNobodyEmptiesTheModel();
    void isYouMarksOnlyMe_data();
    void isYouMarksOnlyMe();
    void addAppendsOneRow();
    void addIgnoresADuplicate();
    void removeDropsTheRow_data();
    void removeDropsTheRow();
    void removeOfUnknownNickIsIgnored();
    void renameChangesTheNick();
    void renameOfYouMovesIsYou();
    void renameOfUnknownNickIsIgnored();
    void setTypingEmitsTypingRole();
    void setTypingWithoutChangeEmitsNothing();
    void setTypingOfUnknownNickIsIgnored();
    void setYouMovesIsYou();
    void plainRoleFollowsTheMode();
    void invalidIndexGivesNoData();
    void roleNamesNameEveryRole();
    void pagesAddOnlyMembersNotListedYet();
    void aPageDoesNotBringBackWhoLeftOrWasRenamed();
    void whoLeftAndCameBackIsListed();
    void pagesAfterTheLastAreIgnored();

private:
    std::unique_ptr<MemberModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_MemberModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_MemberModel::init()
{
    m_model = std::make_unique<MemberModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_MemberModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_MemberModel::startsEmpty()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->rowOf(u"alice"_s), -1);
    QVERIFY(m_model->nicks().isEmpty());
}

void tst_MemberModel::resetReplacesEveryRow()
{
    m_model->reset({rich(u"old"_s)}, u"old"_s);
    QSignalSpy aboutToReset(m_model.get(), &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    m_model->reset({rich(u"alice"_s), plain(u"guest-1"_s), rich(u"bob"_s)}, u"bob"_s);

    QCOMPARE(aboutToReset.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->nicks(), (QStringList{u"alice"_s, u"guest-1"_s, u"bob"_s}));
    QCOMPARE(m_model->rowOf(u"old"_s), -1);
    QCOMPARE(m_model->rowOf(u"bob"_s), 2);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY(!m_model->data(m_model->index(row), MemberModel::TypingRole).toBool());
}

void tst_MemberModel::resetToNobodyEmptiesTheModel()
{
    m_model->reset({rich(u"alice"_s), rich(u"bob"_s)}, u"bob"_s);
    m_model->setTyping(u"alice"_s, true);
    m_model->reset({}, u"bob"_s);
    QCOMPARE(m_model->rowCount(), 0);
    // Typing state does not survive a reset.
    m_model->add(rich(u"alice"_s));
    QVERIFY(!m_model->data(m_model->index(0), MemberModel::TypingRole).toBool());
}

void tst_MemberModel::isYouMarksOnlyMe_data()
{
    QTest::addColumn<QString>("you");
    QTest::addColumn<int>("youRow");

    QTest::newRow("first") << u"alice"_s << 0;
    QTest::newRow("last") << u"carol"_s << 2;
    QTest::newRow("not in the list") << u"zed"_s << -1;
}

void tst_MemberModel::isYouMarksOnlyMe()
{
    QFETCH(QString, you);
    QFETCH(int, youRow);

    m_model->reset({rich(u"alice"_s), rich(u"bob"_s), rich(u"carol"_s)}, you);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QCOMPARE(m_model->data(m_model->index(row), MemberModel::IsYouRole).toBool(), row == youRow);
    }
}

void tst_MemberModel::addAppendsOneRow()
{
    m_model->reset({rich(u"alice"_s)}, u"alice"_s);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

    m_model->add(plain(u"guest-7"_s));

    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(m_model->nicks(), (QStringList{u"alice"_s, u"guest-7"_s}));
    const QModelIndex index = m_model->index(1);
    QCOMPARE(m_model->data(index, MemberModel::NickRole).toString(), u"guest-7"_s);
    QCOMPARE(m_model->data(index, Qt::DisplayRole).toString(), u"guest-7"_s);
    QVERIFY(m_model->data(index, MemberModel::PlainRole).toBool());
    QVERIFY(!m_model->data(index, MemberModel::IsYouRole).toBool());
}

void tst_MemberModel::addIgnoresADuplicate()
{
    m_model->reset({rich(u"alice"_s), rich(u"bob"_s)}, u"bob"_s);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

    m_model->add(rich(u"alice"_s));
    m_model->add(rich(u"bob"_s));

    QCOMPARE(inserted.size(), 0);
    QCOMPARE(m_model->nicks(), (QStringList{u"alice"_s, u"bob"_s}));
}

void tst_MemberModel::removeDropsTheRow_data()
{
    QTest::addColumn<QString>("nick");
    QTest::addColumn<int>("row");
    QTest::addColumn<QStringList>("left");

    QTest::newRow("first") << u"alice"_s << 0 << QStringList{u"bob"_s, u"carol"_s};
    QTest::newRow("middle") << u"bob"_s << 1 << QStringList{u"alice"_s, u"carol"_s};
    QTest::newRow("last") << u"carol"_s << 2 << QStringList{u"alice"_s, u"bob"_s};
}

void tst_MemberModel::removeDropsTheRow()
{
    QFETCH(QString, nick);
    QFETCH(int, row);
    QFETCH(QStringList, left);

    m_model->reset({rich(u"alice"_s), rich(u"bob"_s), rich(u"carol"_s)}, u"alice"_s);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

    m_model->remove(nick);

    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), row);
    QCOMPARE(removed.at(0).at(2).toInt(), row);
    QCOMPARE(m_model->nicks(), left);
    QCOMPARE(m_model->rowOf(nick), -1);
}

void tst_MemberModel::removeOfUnknownNickIsIgnored()
{
    m_model->reset({rich(u"alice"_s)}, u"alice"_s);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->remove(u"zed"_s);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(m_model->rowCount(), 1);
}

void tst_MemberModel::renameChangesTheNick()
{
    m_model->reset({rich(u"alice"_s), rich(u"bob"_s), rich(u"carol"_s)}, u"carol"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->rename(u"bob"_s, u"robert"_s);

    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    QVERIFY(announces(changed.at(0), MemberModel::NickRole));
    QVERIFY(announces(changed.at(0), Qt::DisplayRole));
    QCOMPARE(m_model->nicks(), (QStringList{u"alice"_s, u"robert"_s, u"carol"_s}));
    QCOMPARE(m_model->rowOf(u"bob"_s), -1);
    QVERIFY(!m_model->data(m_model->index(1), MemberModel::IsYouRole).toBool());
    QVERIFY(m_model->data(m_model->index(2), MemberModel::IsYouRole).toBool());
}

void tst_MemberModel::renameOfYouMovesIsYou()
{
    m_model->reset({rich(u"alice"_s), rich(u"bob"_s)}, u"bob"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->rename(u"bob"_s, u"bobby"_s);

    QCOMPARE(changed.size(), 1);
    QVERIFY(announces(changed.at(0), MemberModel::IsYouRole));
    QCOMPARE(m_model->rowOf(u"bobby"_s), 1);
    QVERIFY(m_model->data(m_model->index(1), MemberModel::IsYouRole).toBool());
    QVERIFY(!m_model->data(m_model->index(0), MemberModel::IsYouRole).toBool());

    // "You" follows the new name: a later member called "bob" is someone else.
    m_model->add(rich(u"bob"_s));
    QVERIFY(!m_model->data(m_model->index(2), MemberModel::IsYouRole).toBool());
    QVERIFY(m_model->data(m_model->index(1), MemberModel::IsYouRole).toBool());
}

void tst_MemberModel::renameOfUnknownNickIsIgnored()
{
    m_model->reset({rich(u"alice"_s)}, u"alice"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->rename(u"zed"_s, u"zara"_s);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_model->nicks(), QStringList{u"alice"_s});
}

void tst_MemberModel::setTypingEmitsTypingRole()
{
    m_model->reset({rich(u"alice"_s), rich(u"bob"_s)}, u"bob"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->setTyping(u"alice"_s, true);

    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 0);
    QVERIFY(announces(changed.at(0), MemberModel::TypingRole));
    QVERIFY(m_model->data(m_model->index(0), MemberModel::TypingRole).toBool());
    QVERIFY(!m_model->data(m_model->index(1), MemberModel::TypingRole).toBool());

    m_model->setTyping(u"alice"_s, false);
    QCOMPARE(changed.size(), 2);
    QVERIFY(!m_model->data(m_model->index(0), MemberModel::TypingRole).toBool());
}

void tst_MemberModel::setTypingWithoutChangeEmitsNothing()
{
    m_model->reset({rich(u"alice"_s)}, u"bob"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setTyping(u"alice"_s, false);
    QCOMPARE(changed.size(), 0);
    m_model->setTyping(u"alice"_s, true);
    m_model->setTyping(u"alice"_s, true);
    QCOMPARE(changed.size(), 1);
}

void tst_MemberModel::setTypingOfUnknownNickIsIgnored()
{
    m_model->reset({rich(u"alice"_s)}, u"alice"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setTyping(u"zed"_s, true);
    QCOMPARE(changed.size(), 0);
}

void tst_MemberModel::setYouMovesIsYou()
{
    m_model->reset({rich(u"alice"_s), rich(u"bob"_s), rich(u"carol"_s)}, u"alice"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->setYou(u"carol"_s);

    QCOMPARE(changed.size(), 1);
    QVERIFY(announces(changed.at(0), MemberModel::IsYouRole));
    QVERIFY(changed.at(0).at(0).toModelIndex().row() <= 0);
    QVERIFY(changed.at(0).at(1).toModelIndex().row() >= 2);
    QVERIFY(!m_model->data(m_model->index(0), MemberModel::IsYouRole).toBool());
    QVERIFY(m_model->data(m_model->index(2), MemberModel::IsYouRole).toBool());

    m_model->setYou(u"carol"_s);
    QCOMPARE(changed.size(), 1);
}

void tst_MemberModel::plainRoleFollowsTheMode()
{
    m_model->reset({rich(u"alice"_s), plain(u"guest-1"_s)}, u"alice"_s);
    QVERIFY(!m_model->data(m_model->index(0), MemberModel::PlainRole).toBool());
    QVERIFY(m_model->data(m_model->index(1), MemberModel::PlainRole).toBool());
}

void tst_MemberModel::invalidIndexGivesNoData()
{
    QLoggingCategory::setFilterRules(u"qt.core.qabstractitemmodel.checkindex.warning=false"_s);
    const auto restore = qScopeGuard([] { QLoggingCategory::setFilterRules(QString()); });
    m_model->reset({rich(u"alice"_s)}, u"alice"_s);
    for (int role : {int(Qt::DisplayRole), int(MemberModel::NickRole), int(MemberModel::PlainRole),
                     int(MemberModel::IsYouRole), int(MemberModel::TypingRole)}) {
        QCOMPARE(m_model->data(QModelIndex(), role), QVariant());
    }
    QCOMPARE(m_model->data(m_model->index(0), Qt::DecorationRole), QVariant());
    QVERIFY(!m_model->index(1).isValid());
    QCOMPARE(m_model->rowCount(m_model->index(0)), 0);
}

void tst_MemberModel::roleNamesNameEveryRole()
{
    const QHash<int, QByteArray> names = m_model->roleNames();
    QCOMPARE(names.value(MemberModel::NickRole), QByteArray("nick"));
    QCOMPARE(names.value(MemberModel::PlainRole), QByteArray("plain"));
    QCOMPARE(names.value(MemberModel::IsYouRole), QByteArray("isYou"));
    QCOMPARE(names.value(MemberModel::TypingRole), QByteArray("typing"));
    QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
    QCOMPARE(MemberModel::NickRole, Qt::UserRole + 1);
}

void tst_MemberModel::pagesAddOnlyMembersNotListedYet()
{
    m_model->reset({rich(u"a"_s), rich(u"b"_s)}, u"me"_s, true);
    QVERIFY(m_model->isPaging());
    m_model->add(rich(u"late"_s)); // a join event while paging
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->mergePage({rich(u"c"_s), plain(u"d"_s), rich(u"c"_s)}, false);
    QCOMPARE(inserted.size(), 1); // one batch per page
    m_model->mergePage({rich(u"me"_s), rich(u"late"_s), rich(u"a"_s)}, true);
    QVERIFY(!m_model->isPaging());
    QCOMPARE(m_model->nicks(), (QStringList{u"a"_s, u"b"_s, u"late"_s, u"c"_s, u"d"_s, u"me"_s}));
    QVERIFY(m_model->data(m_model->index(4), MemberModel::PlainRole).toBool());
}

void tst_MemberModel::aPageDoesNotBringBackWhoLeftOrWasRenamed()
{
    m_model->reset({rich(u"a"_s)}, u"me"_s, true);
    m_model->remove(u"x"_s);          // left before its page came
    m_model->rename(u"y"_s, u"y2"_s); // renamed before its page came
    m_model->mergePage({rich(u"x"_s), rich(u"y"_s), rich(u"y2"_s)}, true);
    QCOMPARE(m_model->nicks(), (QStringList{u"a"_s, u"y2"_s}));
}

void tst_MemberModel::whoLeftAndCameBackIsListed()
{
    m_model->reset({rich(u"a"_s)}, u"me"_s, true);
    m_model->remove(u"a"_s);
    m_model->add(rich(u"a"_s));
    m_model->remove(u"a"_s);
    m_model->mergePage({rich(u"a"_s)}, false);
    QCOMPARE(m_model->rowCount(), 0);
    m_model->add(rich(u"a"_s));
    m_model->mergePage({rich(u"a"_s), rich(u"b"_s)}, true);
    QCOMPARE(m_model->nicks(), (QStringList{u"a"_s, u"b"_s}));
    // Once complete, a leave is only a leave: nothing remembered for later pages.
    m_model->remove(u"b"_s);
    m_model->add(rich(u"b"_s));
    QCOMPARE(m_model->nicks(), (QStringList{u"a"_s, u"b"_s}));
}

void tst_MemberModel::pagesAfterTheLastAreIgnored()
{
    m_model->reset({rich(u"a"_s)}, u"a"_s);
    m_model->mergePage({rich(u"stray"_s)}, true);
    QCOMPARE(m_model->nicks(), QStringList{u"a"_s});
}

QTEST_GUILESS_MAIN(tst_MemberModel)
#include "tst_membermodel.moc"
