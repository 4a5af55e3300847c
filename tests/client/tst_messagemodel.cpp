// MessageModel: the chat as a list model. QAbstractItemModelTester watches the model during every
// test, so any signal that does not match the change it announces fails the test at once.

#include "client/chatline.h"
#include "client/messagemodel.h"

#include <QAbstractItemModelTester>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTest>

#include <memory>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

ChatLine chatLine(const QString &id, const QString &text, const QString &sender = u"alice"_s)
{
    ChatLine line;
    line.kind = ChatLine::Kind::Chat;
    line.id = id;
    line.sender = sender;
    line.text = text;
    line.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000);
    return line;
}

ChatLine ownLine(const QString &id, const QString &text)
{
    ChatLine line = chatLine(id, text, u"me"_s);
    line.kind = ChatLine::Kind::Own;
    line.delivery = ChatLine::Delivery::Queued;
    return line;
}

ChatLine systemLine(ChatLine::Event event, const QString &subject)
{
    ChatLine line;
    line.kind = ChatLine::Kind::System;
    line.event = event;
    line.sender = subject;
    return line;
}

QList<ChatLine> numberedLines(int count, const QString &prefix = u"id"_s)
{
    QList<ChatLine> lines;
    for (int i = 0; i < count; ++i)
        lines.append(chatLine(prefix + QString::number(i), u"text %1"_s.arg(i)));
    return lines;
}

QList<int> rolesOf(const QList<QVariant> &dataChangedArguments)
{
    return dataChangedArguments.at(2).value<QList<int>>();
}

} // namespace

class tst_MessageModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void startsEmpty();
    void batchAppendIsOneInsert_data();
    void batchAppendIsOneInsert();
    void emptyBatchInsertsNothing();
    void appendGoesAfterExistingRows();
    void rowOfIdFindsEveryLineWithAnId();
    void dataReturnsEveryField_data();
    void dataReturnsEveryField();
    void displayRoleShowsSenderAndText_data();
    void displayRoleShowsSenderAndText();
    void setDeliveryEmitsDeliveryAndErrorRoles();
    void setDeliveryWithoutChangeEmitsNothing();
    void setDeliveryOfUnknownIdIsIgnored();
    void confirmStoresServerFactsAndDelivers();
    void confirmOfUnknownIdIsIgnored();
    void removeIdKeepsLaterRowsFindable_data();
    void removeIdKeepsLaterRowsFindable();
    void removeIdOfUnknownIdIsIgnored();
    void removedIdCanBeAppendedAgain();
    void clearResetsEverything();
    void invalidIndexGivesNoData_data();
    void invalidIndexGivesNoData();
    void unknownRoleGivesNoData();
    void childRowsDoNotExist();
    void roleNamesNameEveryRole();
    void fileRolesDescribeASharedFile();
    void setFileGivesAnOwnUploadItsKey();
    void accessibleTextOfAFile();
    void lookupsAfterManyBatches();
    void confirmedSeqBeforeOlderHistoryIsFound();
    void restartedRoomSeqFindsTheNewerLine();
    void removalKeepsSeqLookups();
    void lineGivesBackEveryField();

private:
    std::unique_ptr<MessageModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_MessageModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_MessageModel::init()
{
    m_model = std::make_unique<MessageModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_MessageModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_MessageModel::startsEmpty()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->rowOfId(u"anything"_s), -1);
    QVERIFY(!m_model->containsId(u"anything"_s));
}

void tst_MessageModel::batchAppendIsOneInsert_data()
{
    QTest::addColumn<int>("existing");
    QTest::addColumn<int>("batch");

    QTest::newRow("one line into an empty model") << 0 << 1;
    QTest::newRow("three lines into an empty model") << 0 << 3;
    QTest::newRow("a backlog of 5000 lines") << 0 << 5000;
    QTest::newRow("ten lines after seven") << 7 << 10;
}

void tst_MessageModel::batchAppendIsOneInsert()
{
    QFETCH(int, existing);
    QFETCH(int, batch);

    m_model->append(numberedLines(existing, u"old"_s));
    QSignalSpy aboutToInsert(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

    m_model->append(numberedLines(batch, u"new"_s));

    QCOMPARE(aboutToInsert.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), existing);
    QCOMPARE(inserted.at(0).at(2).toInt(), existing + batch - 1);
    QCOMPARE(m_model->rowCount(), existing + batch);
    QCOMPARE(m_model->line(existing).id, u"new0"_s);
    QCOMPARE(m_model->line(existing + batch - 1).id, u"new%1"_s.arg(batch - 1));
}

void tst_MessageModel::emptyBatchInsertsNothing()
{
    m_model->append(numberedLines(2));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->append(QList<ChatLine>{});
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(m_model->rowCount(), 2);
}

void tst_MessageModel::appendGoesAfterExistingRows()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->append(chatLine(u"a"_s, u"first"_s));
    m_model->append(chatLine(u"b"_s, u"second"_s));

    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    QCOMPARE(inserted.at(1).at(2).toInt(), 1);
    QCOMPARE(m_model->data(m_model->index(0), MessageModel::TextRole).toString(), u"first"_s);
    QCOMPARE(m_model->data(m_model->index(1), MessageModel::TextRole).toString(), u"second"_s);
}

void tst_MessageModel::rowOfIdFindsEveryLineWithAnId()
{
    QList<ChatLine> lines{chatLine(u"a"_s, u"one"_s), systemLine(ChatLine::Event::Join, u"bob"_s),
                          ownLine(u"b"_s, u"two"_s), systemLine(ChatLine::Event::Leave, u"bob"_s),
                          chatLine(u"c"_s, u"three"_s)};
    m_model->append(lines.mid(0, 2));
    m_model->append(lines.mid(2));

    QCOMPARE(m_model->rowOfId(u"a"_s), 0);
    QCOMPARE(m_model->rowOfId(u"b"_s), 2);
    QCOMPARE(m_model->rowOfId(u"c"_s), 4);
    QCOMPARE(m_model->rowOfId(u"missing"_s), -1);
    // System lines have no id: an empty id must not find one of them.
    QCOMPARE(m_model->rowOfId(QString()), -1);
    for (const QString &id : {u"a"_s, u"b"_s, u"c"_s}) {
        const QModelIndex index = m_model->index(m_model->rowOfId(id));
        QCOMPARE(m_model->data(index, MessageModel::IdRole).toString(), id);
    }
}

void tst_MessageModel::dataReturnsEveryField_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QVariant>("expected");

    const QDateTime time = QDateTime::fromMSecsSinceEpoch(1'700'000'123'456);
    QTest::newRow("seq") << int(MessageModel::SeqRole) << QVariant(qint64(42));
    QTest::newRow("id") << int(MessageModel::IdRole) << QVariant(u"msg-1"_s);
    QTest::newRow("sender") << int(MessageModel::SenderRole) << QVariant(u"alice"_s);
    QTest::newRow("text") << int(MessageModel::TextRole) << QVariant(u"<b>not html</b> ✓"_s);
    QTest::newRow("time") << int(MessageModel::TimeRole) << QVariant(time);
    QTest::newRow("kind") << int(MessageModel::KindRole) << QVariant(int(ChatLine::Kind::Own));
    QTest::newRow("delivery") << int(MessageModel::DeliveryRole)
                              << QVariant(int(ChatLine::Delivery::Failed));
    QTest::newRow("error") << int(MessageModel::ErrorRole) << QVariant(u"too long"_s);
    QTest::newRow("replayed") << int(MessageModel::ReplayedRole) << QVariant(true);
    QTest::newRow("event") << int(MessageModel::EventRole)
                           << QVariant(int(ChatLine::Event::NickChange));
}

void tst_MessageModel::dataReturnsEveryField()
{
    QFETCH(int, role);
    QFETCH(QVariant, expected);

    ChatLine line;
    line.kind = ChatLine::Kind::Own;
    line.event = ChatLine::Event::NickChange;
    line.seq = 42;
    line.id = u"msg-1"_s;
    line.sender = u"alice"_s;
    line.text = u"<b>not html</b> ✓"_s;
    line.time = QDateTime::fromMSecsSinceEpoch(1'700'000'123'456);
    line.delivery = ChatLine::Delivery::Failed;
    line.error = u"too long"_s;
    line.replayed = true;
    m_model->append(chatLine(u"before"_s, u"x"_s));
    m_model->append(line);

    const QVariant value = m_model->data(m_model->index(1), role);
    QCOMPARE(value, expected);
}

void tst_MessageModel::displayRoleShowsSenderAndText_data()
{
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("with sender") << u"alice"_s << u"hi"_s << u"alice: hi"_s;
    QTest::newRow("without sender (plain line)") << QString() << u"raw frame"_s << u"raw frame"_s;
}

void tst_MessageModel::displayRoleShowsSenderAndText()
{
    QFETCH(QString, sender);
    QFETCH(QString, text);
    QFETCH(QString, expected);

    m_model->append(chatLine(QString(), text, sender));
    QCOMPARE(m_model->data(m_model->index(0), Qt::DisplayRole).toString(), expected);
}

void tst_MessageModel::setDeliveryEmitsDeliveryAndErrorRoles()
{
    m_model->append(
            {ownLine(u"a"_s, u"one"_s), ownLine(u"b"_s, u"two"_s), ownLine(u"c"_s, u"three"_s)});
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->setDelivery(u"b"_s, ChatLine::Delivery::Failed, u"the room said no"_s);

    QCOMPARE(changed.size(), 1);
    const QModelIndex topLeft = changed.at(0).at(0).toModelIndex();
    const QModelIndex bottomRight = changed.at(0).at(1).toModelIndex();
    QCOMPARE(topLeft.row(), 1);
    QCOMPARE(bottomRight.row(), 1);
    const QList<int> roles = rolesOf(changed.at(0));
    QVERIFY2(roles.contains(MessageModel::DeliveryRole), "DeliveryRole missing from dataChanged");
    QVERIFY2(roles.contains(MessageModel::ErrorRole), "ErrorRole missing from dataChanged");
    QCOMPARE(m_model->data(topLeft, MessageModel::DeliveryRole).toInt(),
             int(ChatLine::Delivery::Failed));
    QCOMPARE(m_model->data(topLeft, MessageModel::ErrorRole).toString(), u"the room said no"_s);
    // The neighbours are untouched.
    QCOMPARE(m_model->line(0).delivery, ChatLine::Delivery::Queued);
    QCOMPARE(m_model->line(2).delivery, ChatLine::Delivery::Queued);

    // Back in the queue: the error goes away.
    m_model->setDelivery(u"b"_s, ChatLine::Delivery::Queued);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(m_model->line(1).delivery, ChatLine::Delivery::Queued);
    QVERIFY(m_model->line(1).error.isEmpty());
}

void tst_MessageModel::setDeliveryWithoutChangeEmitsNothing()
{
    m_model->append(ownLine(u"a"_s, u"one"_s));
    m_model->setDelivery(u"a"_s, ChatLine::Delivery::Sent);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setDelivery(u"a"_s, ChatLine::Delivery::Sent);
    QCOMPARE(changed.size(), 0);
}

void tst_MessageModel::setDeliveryOfUnknownIdIsIgnored()
{
    m_model->append(ownLine(u"a"_s, u"one"_s));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setDelivery(u"nope"_s, ChatLine::Delivery::Delivered);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_model->line(0).delivery, ChatLine::Delivery::Queued);
}

void tst_MessageModel::confirmStoresServerFactsAndDelivers()
{
    ChatLine line = ownLine(u"a"_s, u"one"_s);
    line.delivery = ChatLine::Delivery::Failed;
    line.error = u"earlier problem"_s;
    m_model->append({chatLine(u"x"_s, u"other"_s), line});
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    const QDateTime serverTime = QDateTime::fromMSecsSinceEpoch(1'700'000'999'000);
    m_model->confirm(u"a"_s, 17, serverTime);

    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    const QList<int> roles = rolesOf(changed.at(0));
    for (int role : {int(MessageModel::SeqRole), int(MessageModel::TimeRole),
                     int(MessageModel::DeliveryRole), int(MessageModel::ErrorRole)}) {
        QVERIFY2(roles.contains(role), qPrintable(u"role %1 missing from dataChanged"_s.arg(role)));
    }
    const QModelIndex index = m_model->index(1);
    QCOMPARE(m_model->data(index, MessageModel::SeqRole).toLongLong(), 17);
    QCOMPARE(m_model->data(index, MessageModel::TimeRole).toDateTime(), serverTime);
    QCOMPARE(m_model->data(index, MessageModel::DeliveryRole).toInt(),
             int(ChatLine::Delivery::Delivered));
    QVERIFY(m_model->data(index, MessageModel::ErrorRole).toString().isEmpty());
}

void tst_MessageModel::confirmOfUnknownIdIsIgnored()
{
    m_model->append(ownLine(u"a"_s, u"one"_s));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->confirm(u"nope"_s, 3, QDateTime::currentDateTime());
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_model->line(0).seq, 0);
}

void tst_MessageModel::removeIdKeepsLaterRowsFindable_data()
{
    QTest::addColumn<QString>("removed");
    QTest::addColumn<int>("removedRow");

    QTest::newRow("first row") << u"id0"_s << 0;
    QTest::newRow("a middle row") << u"id3"_s << 3;
    QTest::newRow("last row") << u"id7"_s << 7;
}

void tst_MessageModel::removeIdKeepsLaterRowsFindable()
{
    QFETCH(QString, removed);
    QFETCH(int, removedRow);

    m_model->append(numberedLines(8));
    QSignalSpy aboutToRemove(m_model.get(), &QAbstractItemModel::rowsAboutToBeRemoved);
    QSignalSpy removedSpy(m_model.get(), &QAbstractItemModel::rowsRemoved);

    m_model->removeId(removed);

    QCOMPARE(aboutToRemove.size(), 1);
    QCOMPARE(removedSpy.size(), 1);
    QCOMPARE(removedSpy.at(0).at(1).toInt(), removedRow);
    QCOMPARE(removedSpy.at(0).at(2).toInt(), removedRow);
    QCOMPARE(m_model->rowCount(), 7);
    QCOMPARE(m_model->rowOfId(removed), -1);
    // Every remaining id still leads to its own row, including those after the removed one.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString id = m_model->data(m_model->index(row), MessageModel::IdRole).toString();
        QCOMPARE(m_model->rowOfId(id), row);
    }
    // And updates by id reach the right row.
    const QString last = u"id%1"_s.arg(removedRow == 7 ? 6 : 7);
    m_model->setDelivery(last, ChatLine::Delivery::Failed, u"x"_s);
    QCOMPARE(m_model->line(m_model->rowCount() - 1).delivery, ChatLine::Delivery::Failed);
}

void tst_MessageModel::removeIdOfUnknownIdIsIgnored()
{
    m_model->append(numberedLines(3));
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->removeId(u"nope"_s);
    m_model->removeId(QString());
    QCOMPARE(removed.size(), 0);
    QCOMPARE(m_model->rowCount(), 3);
}

void tst_MessageModel::removedIdCanBeAppendedAgain()
{
    m_model->append(numberedLines(3));
    m_model->removeId(u"id1"_s);
    m_model->append(chatLine(u"id1"_s, u"again"_s));
    QCOMPARE(m_model->rowOfId(u"id1"_s), 2);
    QCOMPARE(m_model->rowOfId(u"id2"_s), 1);
    QCOMPARE(m_model->line(2).text, u"again"_s);
}

void tst_MessageModel::clearResetsEverything()
{
    m_model->append(numberedLines(5));
    QSignalSpy aboutToReset(m_model.get(), &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    m_model->clear();

    QCOMPARE(aboutToReset.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->rowOfId(u"id0"_s), -1);
    QCOMPARE(m_model->rowOfId(u"id4"_s), -1);

    // The model works as new afterwards.
    m_model->append(numberedLines(2, u"fresh"_s));
    QCOMPARE(m_model->rowOfId(u"fresh1"_s), 1);
}

void tst_MessageModel::invalidIndexGivesNoData_data()
{
    QTest::addColumn<int>("role");

    QTest::newRow("display") << int(Qt::DisplayRole);
    QTest::newRow("id") << int(MessageModel::IdRole);
    QTest::newRow("text") << int(MessageModel::TextRole);
    QTest::newRow("delivery") << int(MessageModel::DeliveryRole);
}

void tst_MessageModel::invalidIndexGivesNoData()
{
    QFETCH(int, role);

    // checkIndex() words what is wrong with an index as a warning; only the answer matters here.
    QLoggingCategory::setFilterRules(u"qt.core.qabstractitemmodel.checkindex.warning=false"_s);
    const auto restore = qScopeGuard([] { QLoggingCategory::setFilterRules(QString()); });

    m_model->append(numberedLines(2));
    QCOMPARE(m_model->data(QModelIndex(), role), QVariant());

    // An index a view kept from before the rows went away.
    const QModelIndex stale = m_model->index(1);
    m_model->clear();
    QCOMPARE(m_model->data(stale, role), QVariant());

    // An index of another model.
    QStringListModel other({u"x"_s});
    QCOMPARE(m_model->data(other.index(0), role), QVariant());
}

void tst_MessageModel::unknownRoleGivesNoData()
{
    m_model->append(numberedLines(1));
    QCOMPARE(m_model->data(m_model->index(0), Qt::DecorationRole), QVariant());
    QCOMPARE(m_model->data(m_model->index(0), MessageModel::EventRole + 100), QVariant());
}

void tst_MessageModel::childRowsDoNotExist()
{
    m_model->append(numberedLines(3));
    QCOMPARE(m_model->rowCount(m_model->index(0)), 0);
    QVERIFY(!m_model->index(0, 0, m_model->index(1)).isValid());
    QVERIFY(!m_model->index(3).isValid());
}

void tst_MessageModel::roleNamesNameEveryRole()
{
    const QHash<int, QByteArray> names = m_model->roleNames();
    const QHash<int, QByteArray> expected{{MessageModel::SeqRole, "seq"},
                                          {MessageModel::IdRole, "id"},
                                          {MessageModel::SenderRole, "sender"},
                                          {MessageModel::TextRole, "text"},
                                          {MessageModel::TimeRole, "time"},
                                          {MessageModel::KindRole, "kind"},
                                          {MessageModel::DeliveryRole, "delivery"},
                                          {MessageModel::ErrorRole, "error"},
                                          {MessageModel::ReplayedRole, "replayed"},
                                          {MessageModel::EventRole, "event"},
                                          {MessageModel::FileKeyRole, "fileKey"},
                                          {MessageModel::FileNameRole, "fileName"},
                                          {MessageModel::FileSizeRole, "fileSize"},
                                          {MessageModel::FileMimeRole, "fileMime"},
                                          {MessageModel::IsFileRole, "isFile"}};
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QCOMPARE(names.value(it.key()), it.value());
    // The standard roles stay available to views.
    QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
    // Names are unique (QML would silently pick one).
    QSet<QByteArray> unique;
    for (const QByteArray &name : names)
        unique.insert(name);
    QCOMPARE(unique.size(), names.size());
    QCOMPARE(MessageModel::SeqRole, Qt::UserRole + 1);
}

void tst_MessageModel::fileRolesDescribeASharedFile()
{
    // Appended at the end: the roles views already use keep their numbers.
    QCOMPARE(MessageModel::FileKeyRole, MessageModel::MentionRole + 1);
    QCOMPARE(MessageModel::IsFileRole, MessageModel::MentionRole + 5);
    ChatLine line = chatLine(u"f-1"_s, u"report.pdf"_s);
    FileInfo file;
    file.key = u"f0123456789abcdef0123456789abcdef"_s;
    file.name = u"report.pdf"_s;
    file.size = 1258291;
    file.mime = u"application/pdf"_s;
    line.file = file;
    m_model->append(QList<ChatLine>{line, chatLine(u"t-1"_s, u"just text"_s)});
    const QModelIndex f = m_model->index(0);
    QCOMPARE(f.data(MessageModel::IsFileRole).toBool(), true);
    QCOMPARE(f.data(MessageModel::FileKeyRole).toString(), file.key);
    QCOMPARE(f.data(MessageModel::FileNameRole).toString(), u"report.pdf"_s);
    QCOMPARE(f.data(MessageModel::FileSizeRole).toLongLong(), qint64(1258291));
    QCOMPARE(f.data(MessageModel::FileSizeRole).typeId(), QMetaType::LongLong);
    QCOMPARE(f.data(MessageModel::FileMimeRole).toString(), u"application/pdf"_s);
    const QModelIndex t = m_model->index(1);
    QCOMPARE(t.data(MessageModel::IsFileRole).toBool(), false);
    QCOMPARE(t.data(MessageModel::FileKeyRole).toString(), QString());
    QCOMPARE(t.data(MessageModel::FileNameRole).toString(), QString());
    QCOMPARE(t.data(MessageModel::FileSizeRole).toLongLong(), qint64(0));
}

void tst_MessageModel::setFileGivesAnOwnUploadItsKey()
{
    ChatLine line = ownLine(u"up-1"_s, u"a.png"_s);
    FileInfo pending;
    pending.name = u"a.png"_s;
    pending.size = 10;
    pending.mime = u"image/png"_s;
    line.file = pending;
    m_model->append(line);
    QVERIFY(m_model->index(0).data(MessageModel::FileKeyRole).toString().isEmpty());
    QVERIFY(m_model->index(0).data(MessageModel::IsFileRole).toBool());

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    FileInfo announced = pending;
    announced.key = u"fabcdefabcdefabcdefabcdefabcdefab"_s;
    m_model->setFile(u"up-1"_s, announced);
    QCOMPARE(changed.size(), 1);
    QVERIFY(rolesOf(changed.first()).contains(MessageModel::FileKeyRole));
    QVERIFY(rolesOf(changed.first()).contains(Qt::AccessibleTextRole));
    QCOMPARE(m_model->index(0).data(MessageModel::FileKeyRole).toString(), announced.key);
    // The same again, or an unknown id: nothing.
    m_model->setFile(u"up-1"_s, announced);
    m_model->setFile(u"nope"_s, announced);
    QCOMPARE(changed.size(), 1);
}

void tst_MessageModel::accessibleTextOfAFile()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); // 24-hour "14:03"
    const auto restore = qScopeGuard([before] { QLocale::setDefault(before); });
    ChatLine line = chatLine(u"f-2"_s, u"report.pdf"_s, u"mina"_s);
    line.time = QDateTime(QDate(2026, 1, 2), QTime(14, 3));
    FileInfo file;
    file.key = u"f0123456789abcdef0123456789abcdef"_s;
    file.name = u"report.pdf"_s;
    file.size = 1258291;
    line.file = file;
    QCOMPARE(MessageModel::accessibleText(line),
             u"mina, 14:03: shared the file report.pdf, 1.2 MB"_s);
}

void tst_MessageModel::lookupsAfterManyBatches()
{
    // Issue 14: the indexes are no hash tables any more (a QHash of a million lines rehashed
    // in one turn). 30 batches of 1 000 lines, some without an id or a seq: every line is
    // found by what it has, across the store's chunks and the id index's growth.
    m_tester.reset(); // it checks every row on each insert: too slow at this size
    qint64 seq = 0;
    for (int batch = 0; batch < 30; ++batch) {
        QList<ChatLine> lines;
        for (int i = 0; i < 1000; ++i) {
            const int n = batch * 1000 + i;
            ChatLine line = n % 50 == 7 ? systemLine(ChatLine::Event::Join, u"bob"_s)
                                        : chatLine(u"m-%1"_s.arg(n), u"text %1"_s.arg(n));
            line.seq = n % 100 == 42 ? 0 : ++seq;
            lines.append(line);
        }
        m_model->append(lines);
    }
    QCOMPARE(m_model->rowCount(), 30000);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ChatLine line = m_model->line(row);
        if (!line.id.isEmpty())
            QCOMPARE(m_model->rowOfId(line.id), row);
        if (line.seq > 0)
            QCOMPARE(m_model->rowOfSeq(line.seq), row);
    }
    QCOMPARE(m_model->rowOfSeq(0), -1);
    QCOMPARE(m_model->rowOfSeq(seq + 1), -1);
    QCOMPARE(m_model->rowOfId(u"m-30000"_s), -1);
    QCOMPARE(m_model->rowOfId(u"m-7"_s), -1); // a system line took that place
}

void tst_MessageModel::confirmedSeqBeforeOlderHistoryIsFound()
{
    // After a reconnect an own line waiting in the outbox is confirmed by the room's history
    // before the older history lines are appended: seqs do not arrive in row order.
    m_model->append({chatLine(u"a"_s, u"one"_s), ownLine(u"mine"_s, u"pending"_s)});
    m_model->confirm(u"mine"_s, 50, QDateTime::currentDateTime());
    QList<ChatLine> history;
    for (qint64 s = 40; s < 50; ++s) {
        ChatLine line = chatLine(u"h%1"_s.arg(s), u"old"_s);
        line.seq = s;
        history.append(line);
    }
    ChatLine later = chatLine(u"later"_s, u"new"_s);
    later.seq = 51;
    history.append(later);
    m_model->append(history);
    QCOMPARE(m_model->rowOfSeq(50), 1);
    for (qint64 s = 40; s < 50; ++s)
        QCOMPARE(m_model->rowOfSeq(s), int(s - 40 + 2));
    QCOMPARE(m_model->rowOfSeq(51), 12);

    // Confirmed again with another seq: only the new one finds it.
    m_model->confirm(u"mine"_s, 60, QDateTime::currentDateTime());
    QCOMPARE(m_model->rowOfSeq(50), -1);
    QCOMPARE(m_model->rowOfSeq(60), 1);
}

void tst_MessageModel::restartedRoomSeqFindsTheNewerLine()
{
    // A room that restarted empty numbers its events from 1 again; the old lines stay shown.
    // A reply quote or a jump to seq 3 means the new room's line, as the hash that overwrote
    // found it.
    QList<ChatLine> old;
    QList<ChatLine> fresh;
    for (qint64 s = 1; s <= 5; ++s) {
        ChatLine line = chatLine(u"old%1"_s.arg(s), u"old"_s);
        line.seq = s;
        old.append(line);
        line.id = u"new%1"_s.arg(s);
        line.text = u"new"_s;
        fresh.append(line);
    }
    m_model->append(old);
    m_model->append(fresh);
    for (qint64 s = 1; s <= 5; ++s)
        QCOMPARE(m_model->rowOfSeq(s), int(s + 4));
}

void tst_MessageModel::removalKeepsSeqLookups()
{
    QList<ChatLine> lines = numberedLines(3000);
    for (int i = 0; i < lines.size(); ++i)
        lines[i].seq = i + 1;
    m_model->append(lines);
    m_model->removeId(u"id1500"_s);
    m_model->removeId(u"id2"_s);
    QCOMPARE(m_model->rowOfSeq(1501), -1);
    QCOMPARE(m_model->rowOfSeq(3), -1);
    QCOMPARE(m_model->rowOfSeq(1), 0);
    QCOMPARE(m_model->rowOfSeq(4), 2);
    QCOMPARE(m_model->rowOfSeq(3000), 2997);
    QCOMPARE(m_model->rowOfId(u"id2999"_s), 2997);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ChatLine line = m_model->line(row);
        QCOMPARE(m_model->rowOfSeq(line.seq), row);
        QCOMPARE(m_model->rowOfId(line.id), row);
    }
}

void tst_MessageModel::lineGivesBackEveryField()
{
    ChatLine line = ownLine(u"r-1"_s, u"yes"_s);
    line.seq = 9;
    line.event = ChatLine::Event::None;
    line.delivery = ChatLine::Delivery::Failed;
    line.error = u"offline"_s;
    line.replayed = true;
    line.replyTo = 4;
    line.replyNick = u"jun"_s;
    line.replyText = u"lunch?"_s;
    line.mentionsMe = true;
    line.file = FileInfo{u"fkey"_s, u"a.png"_s, 10, u"image/png"_s};
    m_model->append(line);
    const ChatLine back = m_model->line(0);
    QCOMPARE(back.kind, line.kind);
    QCOMPARE(back.seq, line.seq);
    QCOMPARE(back.id, line.id);
    QCOMPARE(back.sender, line.sender);
    QCOMPARE(back.text, line.text);
    QCOMPARE(back.time, line.time);
    QCOMPARE(back.delivery, line.delivery);
    QCOMPARE(back.error, line.error);
    QCOMPARE(back.replayed, line.replayed);
    QCOMPARE(back.replyTo, line.replyTo);
    QCOMPARE(back.replyNick, line.replyNick);
    QCOMPARE(back.replyText, line.replyText);
    QCOMPARE(back.mentionsMe, line.mentionsMe);
    QVERIFY(back.file == line.file);
    QCOMPARE(m_model->kindAt(0), ChatLine::Kind::Own);
    QCOMPARE(m_model->textAt(0), u"yes"_s);
}

QTEST_GUILESS_MAIN(tst_MessageModel)
#include "tst_messagemodel.moc"
