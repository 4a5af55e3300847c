// Sharing files in the real MainWindow (offscreen), in a room it hosts on 127.0.0.1 with other
// windows and peers on real sockets: a file dropped on the compose box is asked about in the
// share strip and shared; another window shows it as a card and saves the same bytes through
// the real Save dialog; pictures show their thumbnail, a decompression bomb never decodes, and
// a file the room cannot take is refused in the strip. Every wait is on a condition.

#include "richclient.h"

#include "chatfiles.h"
#include "chatview.h"
#include "composeedit.h"
#include "imagethumbnail.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "replystrip.h"
#include "sharestrip.h"

#include "client/chatsession.h"
#include "client/filenames.h"
#include "client/messagemodel.h"
#include "client/messagesearch.h"
#include "client/transfermodel.h"
#include "server/roomconfig.h"
#include "server/roomhost.h"
#include "uitesthome.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QLinearGradient>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QtEndian>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 15000;
const QString myNick = u"mina"_s;

RoomConfig roomConfig(qint64 maxFileBytes = 32 * 1024 * 1024)
{
    RoomConfig config;
    config.roomName = u"Files room"_s;
    config.messagesPerSecond = 1000;
    config.maxFileBytes = maxFileBytes;
    return config;
}

bool host(MainWindow &window, const RoomConfig &config = roomConfig())
{
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    window.hostRoom(config, QHostAddress::LocalHost, 0);
    return QTest::qWaitFor([&] { return window.session() && window.session()->isJoined(); }, waitMs);
}

QUrl hostedUrl(MainWindow &window)
{
    return QUrl(u"ws://127.0.0.1:%1"_s.arg(window.host()->port()));
}

bool join(MainWindow &window, const QUrl &url, const QString &nick)
{
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    window.joinRoom(url, nick, {u"parlor.v1"_s});
    return QTest::qWaitFor([&] { return window.session() && window.session()->isJoined(); }, waitMs);
}

/// The row of the file named \a name once the room announced it (it has a key), or -1.
int rowOfFile(const QAbstractItemModel *model, const QString &name)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex i = model->index(row, 0);
        if (i.data(MessageModel::IsFileRole).toBool()
            && i.data(MessageModel::FileNameRole).toString() == name
            && !i.data(MessageModel::FileKeyRole).toString().isEmpty())
            return row;
    }
    return -1;
}

int waitForFile(MainWindow &window, const QString &name)
{
    const QAbstractItemModel *chat = window.chatView()->model();
    if (!QTest::qWaitFor([&] { return rowOfFile(window.chatView()->model(), name) >= 0; }, waitMs))
        return -1;
    return rowOfFile(chat, name);
}

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Drops \a paths on \a target as a file manager does (enter, move, drop).
bool dropFiles(QWidget *target, const QStringList &paths)
{
    QMimeData data;
    QList<QUrl> urls;
    for (const QString &p : paths)
        urls.append(QUrl::fromLocalFile(p));
    data.setUrls(urls);
    const QPointF at = target->rect().center();
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(at.toPoint(), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &move);
    QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

QByteArray pngBytes(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QImage pleasantPicture(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient g(0, 0, size.width(), size.height());
    g.setColorAt(0, QColor(0xff, 0x9a, 0x62));
    g.setColorAt(1, QColor(0x5b, 0x3a, 0x9e));
    p.fillRect(image.rect(), g);
    p.setBrush(QColor(0xff, 0xe0, 0x80));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPoint(size.width() / 3, size.height() / 2), size.height() / 5, size.height() / 5);
    return image;
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xffffffffu;
}

QByteArray pngChunk(const char *type, const QByteArray &data)
{
    QByteArray out(4, '\0');
    qToBigEndian<quint32>(quint32(data.size()), out.data());
    const QByteArray body = QByteArray(type, 4) + data;
    out.append(body);
    QByteArray crc(4, '\0');
    qToBigEndian<quint32>(crc32(body), crc.data());
    return out + crc;
}

/// A PNG claiming 50000 × 50000 grey pixels in about a hundred bytes: a decompression bomb.
QByteArray bombPng()
{
    QByteArray ihdr(13, '\0');
    qToBigEndian<quint32>(50000, ihdr.data());
    qToBigEndian<quint32>(50000, ihdr.data() + 4);
    ihdr[8] = 8;
    const QByteArray zlib = qCompress(QByteArray(4 * 50001, '\0'), 9).mid(4);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", zlib)
           + pngChunk("IEND", {});
}

/// \a peer shares \a bytes as \a name over the protocol itself (file-offer, then its chunks,
/// each after the room reported the one before).
bool peerShares(RichClient &peer, const QString &id, const QString &name, const QByteArray &bytes,
                const QString &mime)
{
    peer.sendJson({{u"type"_s, u"file-offer"_s},
                   {u"id"_s, id},
                   {u"name"_s, name},
                   {u"size"_s, double(bytes.size())},
                   {u"mime"_s, mime}});
    if (peer.waitFor([&](const QJsonObject &o) {
                return o.value(u"type"_s) == u"file-ready"_s && o.value(u"id"_s) == id;
            }).isEmpty()) {
        for (const QJsonObject &o : peer.objects())
            qWarning() << o;
        return false;
    }
    constexpr int chunk = 16 * 1024;
    for (qint64 offset = 0; offset < bytes.size(); offset += chunk) {
        peer.sendJson({{u"type"_s, u"file-chunk"_s},
                       {u"id"_s, id},
                       {u"offset"_s, double(offset)},
                       {u"data"_s, QString::fromLatin1(bytes.mid(offset, chunk).toBase64())}});
        // Each chunk is answered with the progress, the last one (also) with the message.
        const qint64 expected = std::min<qint64>(offset + chunk, bytes.size());
        if (peer.waitFor([&](const QJsonObject &o) {
                    return o.value(u"id"_s) == id
                           && ((o.value(u"type"_s) == u"file-progress"_s
                                && qint64(o.value(u"received"_s).toDouble()) == expected)
                               || (expected == bytes.size() && o.value(u"type"_s) == u"message"_s));
                }).isEmpty()) {
            for (const QJsonObject &o : peer.objects())
                qWarning() << o;
            return false;
        }
    }
    return true;
}

QStyleOptionViewItem optionFor(ChatView *view, const QModelIndex &index)
{
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.font = view->font();
    option.rect = view->visualRect(index);
    return option;
}

/// Closes the next file dialog (as Cancel does) once it shows, noting the file name it proposed
/// in \a proposed and its title in \a title. (Choosing a file in the offscreen dialog races with
/// its background listing of the folder; what is saved where is checked through saveTo().)
void cancelFileDialog(QObject *context, QString *proposed, QString *title)
{
    auto *poll = new QTimer(context);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, context, [poll, proposed, title] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        if (proposed)
            *proposed = QFileInfo(dialog->selectedFiles().value(0)).fileName();
        if (title)
            *title = dialog->windowTitle();
        dialog->reject();
    });
    poll->start();
}

class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    UrlCatcher() { QDesktopServices::setUrlHandler(u"file"_s, this, "open"); }
    ~UrlCatcher() override { QDesktopServices::unsetUrlHandler(u"file"_s); }
    QList<QUrl> opened;
public slots:
    void open(const QUrl &url) { opened.append(url); }
};

} // namespace

class tst_FileSharing : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void dropAsksThenSharesAndAnotherWindowSavesTheSameBytes();
    void escapeCancelsAndNothingIsShared();
    void pictureShowsItsThumbnailAndOpens();
    void pastedPictureIsShared();
    void bombPictureNeverDecodes();
    void tooLargeFileIsRefusedInTheStrip();
    void roomWithoutFilesSaysSo();
    void attachActionAndDropOnTheChat();
    void fileRowCopiesAsItsName();

private:
    QTemporaryDir m_home;
    QTemporaryDir m_files;
};

void tst_FileSharing::initTestCase()
{
    QVERIFY(UiTestHome::isolate(m_home, u"tst_filesharing"_s));
    QVERIFY(m_files.isValid());
}

void tst_FileSharing::init()
{
    QVERIFY(UiTestHome::reset(myNick));
    QVERIFY(ChatFiles::cacheDir().contains(u".qttest"_s));
    QDir(ChatFiles::cacheDir()).removeRecursively();
}

void tst_FileSharing::cleanupTestCase()
{
    QDir(ChatFiles::cacheDir()).removeRecursively();
    UiTestHome::removeData();
}

void tst_FileSharing::dropAsksThenSharesAndAnotherWindowSavesTheSameBytes()
{
    MainWindow mina;
    QVERIFY(host(mina));
    MainWindow jun;
    QVERIFY(join(jun, hostedUrl(mina), u"jun"_s));

    // Several chunks, not a multiple of the chunk size.
    const QByteArray bytes = randomBytes(100 * 1000 + 7);
    const QString path = writeFile(m_files.filePath(u"report.pdf"_s), bytes);
    QVERIFY(!path.isEmpty());
    const int rowsBefore = mina.session()->messages()->rowCount();

    QVERIFY(dropFiles(mina.compose()->viewport(), {path}));
    ShareStrip *strip = mina.shareStrip();
    QTRY_VERIFY(strip->isVisible());
    QCOMPARE(strip->verdict(), ShareStrip::Verdict::Ready);
    QVERIFY(strip->labelText().contains(u"report.pdf"_s));
    QVERIFY(strip->labelText().contains(fileSizeText(bytes.size())));
    QVERIFY(strip->shareButton()->isVisible());
    // Nothing was typed into the compose box, and nothing left before the user said so.
    QVERIFY(mina.compose()->toPlainText().isEmpty());
    QCOMPARE(mina.session()->messages()->rowCount(), rowsBefore);

    // Enter shares.
    QVERIFY(strip->isAncestorOf(mina.focusWidget()));
    QTest::keyClick(mina.focusWidget(), Qt::Key_Return);
    QTRY_VERIFY(!strip->isVisible());
    QCOMPARE(mina.focusWidget(), mina.compose());

    // The other window shows a card with the name, the size and a Save button.
    const int row = waitForFile(jun, u"report.pdf"_s);
    QVERIFY(row >= 0);
    ChatView *chat = jun.chatView();
    const QModelIndex index = chat->model()->index(row, 0);
    QCOMPARE(index.data(MessageModel::FileSizeRole).toLongLong(), qint64(bytes.size()));
    QTRY_VERIFY(chat->viewport()->rect().intersects(chat->visualRect(index)));
    const QStyleOptionViewItem option = optionFor(chat, index);
    const QRect card = chat->messageDelegate()->fileCardRect(option, index);
    const QRect save = chat->messageDelegate()->saveButtonRect(option, index);
    QVERIFY(!card.isEmpty());
    QVERIFY(card.contains(save));
    QCOMPARE(chat->messageDelegate()->fileStatusText(index), fileSizeText(bytes.size()));

    // Save: the dialog proposes the (safe) name; cancelled, nothing is saved.
    QString proposed;
    QString title;
    cancelFileDialog(this, &proposed, &title);
    QSignalSpy saved(jun.session(), &ChatSession::fileSaved);
    QTest::mouseClick(chat->viewport(), Qt::LeftButton, {}, save.center());
    QCOMPARE(proposed, u"report.pdf"_s);
    QCOMPARE(title, u"Save File"_s);
    QCOMPARE(saved.size(), 0);
    // Where the user chose: the same bytes.
    const QString target = m_files.filePath(u"saved.pdf"_s);
    QVERIFY(chat->files()->saveTo(index, target));
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, waitMs);
    QCOMPARE(readFile(target), bytes);
}

void tst_FileSharing::escapeCancelsAndNothingIsShared()
{
    MainWindow mina;
    QVERIFY(host(mina));
    const QString path = writeFile(m_files.filePath(u"notes.txt"_s), "some notes\n");
    const int rowsBefore = mina.session()->messages()->rowCount();
    QVERIFY(dropFiles(mina.compose()->viewport(), {path}));
    QTRY_VERIFY(mina.shareStrip()->isVisible());
    QTest::keyClick(mina.focusWidget(), Qt::Key_Escape);
    QVERIFY(!mina.shareStrip()->isVisible());
    QCOMPARE(mina.focusWidget(), mina.compose());
    // Given a moment to go wrong, nothing appears.
    RichClient peer;
    QVERIFY(!peer.join(hostedUrl(mina), u"jun"_s).isEmpty());
    peer.say(u"p-1"_s, u"after"_s);
    const MessageModel *messages = mina.session()->messages();
    QTRY_VERIFY(
            messages->rowCount() > rowsBefore
            && messages->index(messages->rowCount() - 1, 0).data(MessageModel::TextRole).toString()
                       == u"after"_s);
    for (int r = 0; r < mina.session()->messages()->rowCount(); ++r)
        QVERIFY(!mina.session()->messages()->index(r, 0).data(MessageModel::IsFileRole).toBool());
}

void tst_FileSharing::pictureShowsItsThumbnailAndOpens()
{
    UrlCatcher catcher; // file: URLs (a picture opened) come here
    MainWindow mina;
    QVERIFY(host(mina));
    RichClient sora;
    QVERIFY(!sora.join(hostedUrl(mina), u"sora"_s).isEmpty());
    ChatView *chat = mina.chatView();
    const int thumbnailsBefore = chat->files()->thumbnailCount();

    const QByteArray picture = pngBytes(pleasantPicture(QSize(800, 600)));
    QVERIFY(peerShares(sora, u"s-1"_s, u"sunset.png"_s, picture, u"image/png"_s));
    const int row = waitForFile(mina, u"sunset.png"_s);
    QVERIFY(row >= 0);
    const QModelIndex index = chat->model()->index(row, 0);
    QCOMPARE(index.data(MessageModel::FileMimeRole).toString(), u"image/png"_s);
    const QString key = index.data(MessageModel::FileKeyRole).toString();

    // Fetched on its own (no Save pressed) into the cache, and its thumbnail shown.
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(ChatFiles::cachePath(key)), waitMs);
    QCOMPARE(readFile(ChatFiles::cachePath(key)), picture);
    QTRY_VERIFY(!chat->messageDelegate()->thumbnailRect(optionFor(chat, index), index).isEmpty());
    QCOMPARE(chat->files()->thumbnailCount(), thumbnailsBefore + 1);
    const QRect thumb = chat->messageDelegate()->thumbnailRect(optionFor(chat, index), index);
    QCOMPARE(thumb.size(), QSize(320, 240));
    // The row grew to hold it.
    QVERIFY(chat->messageDelegate()->sizeHint(optionFor(chat, index), index).height() > 240);
    QTRY_VERIFY(chat->visualRect(index).height() > 240);

    // A click on the picture opens it in the system's viewer.
    QTRY_VERIFY(chat->viewport()->rect().contains(
            chat->messageDelegate()->thumbnailRect(optionFor(chat, index), index).center()));
    QTest::mouseClick(chat->viewport(), Qt::LeftButton, {},
                      chat->messageDelegate()->thumbnailRect(optionFor(chat, index), index).center());
    QCOMPARE(catcher.opened, QList<QUrl>{QUrl::fromLocalFile(ChatFiles::cachePath(key))});

    // Enter on the row (the keyboard's place in the chat) does the same.
    chat->setFocus();
    chat->setCurrentIndex(index);
    QTest::keyClick(chat, Qt::Key_Return);
    QCOMPARE(catcher.opened.size(), 2);
    QTest::keyClick(chat, Qt::Key_Space);
    QCOMPARE(catcher.opened.size(), 3);
}

void tst_FileSharing::pastedPictureIsShared()
{
    MainWindow mina;
    QVERIFY(host(mina));
    auto *data = new QMimeData;
    data->setImageData(pleasantPicture(QSize(200, 100)));
    QApplication::clipboard()->setMimeData(data);
    mina.compose()->setFocus();
    mina.compose()->paste();
    ShareStrip *strip = mina.shareStrip();
    QTRY_VERIFY(strip->isVisible());
    QCOMPARE(strip->items().size(), 1);
    const ShareStrip::Item item = strip->items().constFirst();
    QVERIFY(item.name.startsWith(u"pasted image "_s));
    QVERIFY(item.name.endsWith(u".png"_s));
    QCOMPARE(item.mime, u"image/png"_s);
    QVERIFY(!QImage::fromData(item.data).isNull());
    QVERIFY(mina.compose()->toPlainText().isEmpty());
    strip->shareButton()->click();
    const int row = waitForFile(mina, item.name);
    QVERIFY(row >= 0);
    const QModelIndex index = mina.chatView()->model()->index(row, 0);
    QCOMPARE(index.data(MessageModel::FileMimeRole).toString(), u"image/png"_s);
    // Small pictures are shown at their own size.
    ChatView *chat = mina.chatView();
    QTRY_COMPARE_WITH_TIMEOUT(chat->messageDelegate()
                                      ->thumbnailRect(optionFor(chat, index), index)
                                      .size(),
                              QSize(200, 100), waitMs);

    // Text with a picture of it (an office program's copy) pastes as text.
    auto *both = new QMimeData;
    both->setImageData(pleasantPicture(QSize(50, 20)));
    both->setText(u"hello"_s);
    QApplication::clipboard()->setMimeData(both);
    mina.compose()->paste();
    QCOMPARE(mina.compose()->toPlainText(), u"hello"_s);
    QVERIFY(!strip->isVisible());
}

void tst_FileSharing::bombPictureNeverDecodes()
{
    MainWindow mina;
    QVERIFY(host(mina));
    RichClient sora;
    QVERIFY(!sora.join(hostedUrl(mina), u"sora"_s).isEmpty());
    ChatView *chat = mina.chatView();
    const int thumbnailsBefore = chat->files()->thumbnailCount();
    const QByteArray bomb = bombPng();
    QVERIFY(bomb.size() < 1000);
    QVERIFY(peerShares(sora, u"s-bomb"_s, u"innocent.png"_s, bomb, u"image/png"_s));
    const int row = waitForFile(mina, u"innocent.png"_s);
    QVERIFY(row >= 0);
    const QModelIndex index = chat->model()->index(row, 0);
    QCOMPARE(index.data(MessageModel::FileMimeRole).toString(), u"image/png"_s);
    const QString key = index.data(MessageModel::FileKeyRole).toString();
    // Fetched like any small picture ...
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(ChatFiles::cachePath(key)), waitMs);
    // ... and refused from its header: no thumbnail, the card says why.
    QTRY_VERIFY(chat->messageDelegate()->fileStatusText(index).contains(u"50000"_s));
    QVERIFY(chat->messageDelegate()->fileStatusText(index).contains(u"too large"_s));
    QVERIFY(chat->files()->thumbnail(key) == nullptr);
    QCOMPARE(chat->files()->thumbnailCount(), thumbnailsBefore);
    QVERIFY(chat->messageDelegate()->thumbnailRect(optionFor(chat, index), index).isEmpty());
    // It is painted (as a card) without trouble.
    chat->viewport()->repaint();
    QVERIFY(!chat->messageDelegate()->saveButtonRect(optionFor(chat, index), index).isEmpty());
}

void tst_FileSharing::tooLargeFileIsRefusedInTheStrip()
{
    MainWindow mina;
    QVERIFY(host(mina, roomConfig(4096)));
    QCOMPARE(mina.session()->limits().maxFileBytes, 4096);
    const QString path = writeFile(m_files.filePath(u"big.bin"_s), randomBytes(5000));
    const int rowsBefore = mina.session()->messages()->rowCount();
    QVERIFY(dropFiles(mina.compose()->viewport(), {path}));
    ShareStrip *strip = mina.shareStrip();
    QTRY_VERIFY(strip->isVisible());
    QCOMPARE(strip->verdict(), ShareStrip::Verdict::TooLarge);
    QVERIFY(strip->labelText().contains(u"too large"_s));
    QVERIFY(strip->labelText().contains(fileSizeText(4096)));
    QVERIFY(!strip->shareButton()->isVisible());
    // Enter does not share it; it closes the strip.
    QTest::keyClick(mina.focusWidget(), Qt::Key_Return);
    QVERIFY(!strip->isVisible());
    QCOMPARE(mina.session()->messages()->rowCount(), rowsBefore);
    QCOMPARE(mina.session()->transfers()->rowCount(), 0);

    // One that fits is fine.
    const QString small = writeFile(m_files.filePath(u"small.bin"_s), randomBytes(4096));
    QVERIFY(dropFiles(mina.compose()->viewport(), {small}));
    QTRY_COMPARE(strip->verdict(), ShareStrip::Verdict::Ready);
}

void tst_FileSharing::roomWithoutFilesSaysSo()
{
    MainWindow mina;
    QVERIFY(host(mina, roomConfig(0)));
    QVERIFY(!mina.session()->canShareFiles());
    const QString path = writeFile(m_files.filePath(u"a.txt"_s), "a\n");
    QVERIFY(dropFiles(mina.compose()->viewport(), {path}));
    ShareStrip *strip = mina.shareStrip();
    QTRY_VERIFY(strip->isVisible());
    QCOMPARE(strip->verdict(), ShareStrip::Verdict::NoFiles);
    QVERIFY(strip->labelText().contains(u"does not take files"_s));
    QVERIFY(!strip->shareButton()->isVisible());
    QTest::keyClick(mina.focusWidget(), Qt::Key_Escape);
    QVERIFY(!strip->isVisible());
}

void tst_FileSharing::attachActionAndDropOnTheChat()
{
    MainWindow mina;
    QVERIFY(host(mina));
    QAction *attach = mina.attachAction();
    QCOMPARE(attach->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    bool inRoomMenu = false;
    for (QAction *menu : mina.menuBar()->actions()) {
        if (menu->menu() && menu->menu()->actions().contains(attach))
            inRoomMenu = true;
    }
    QVERIFY(inRoomMenu);
    QVERIFY(mina.attachButton()->isVisible());
    QVERIFY(!mina.attachButton()->accessibleName().isEmpty());

    const QString path = writeFile(m_files.filePath(u"slides.odp"_s), randomBytes(3000));
    // The paperclip opens the dialog (cancelled here: the strip stays away).
    QString title;
    cancelFileDialog(this, nullptr, &title);
    mina.attachButton()->click();
    QCOMPARE(title, u"Attach a File"_s);
    QVERIFY(!mina.shareStrip()->isVisible());
    // What it hands over is asked about like a drop.
    mina.offerFiles({path});
    QTRY_VERIFY(mina.shareStrip()->isVisible());
    QCOMPARE(mina.shareStrip()->items().size(), 1);
    QCOMPARE(mina.shareStrip()->items().constFirst().path, path);
    mina.shareStrip()->cancelButton()->click();
    QVERIFY(!mina.shareStrip()->isVisible());

    // Dropped on the chat itself: the same question; two files at once.
    const QString other = writeFile(m_files.filePath(u"more.txt"_s), "more\n");
    QVERIFY(dropFiles(mina.chatView()->viewport(), {path, other}));
    QTRY_VERIFY(mina.shareStrip()->isVisible());
    QCOMPARE(mina.shareStrip()->items().size(), 2);
    QVERIFY(mina.shareStrip()->labelText().contains(u"2 files"_s));
    mina.shareStrip()->shareButton()->click();
    QVERIFY(waitForFile(mina, u"slides.odp"_s) >= 0);
    QVERIFY(waitForFile(mina, u"more.txt"_s) >= 0);

    // A web link dropped on the chat is no file to share.
    QMimeData link;
    link.setUrls({QUrl(u"https://example.test/x"_s)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &link, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(mina.chatView()->viewport(), &enter);
    QVERIFY(!enter.isAccepted());
}

void tst_FileSharing::fileRowCopiesAsItsName()
{
    MainWindow mina;
    QVERIFY(host(mina));
    const QString path = writeFile(m_files.filePath(u"budget 2027.xlsx"_s), randomBytes(2000));
    QVERIFY(dropFiles(mina.compose()->viewport(), {path}));
    QTRY_VERIFY(mina.shareStrip()->isVisible());
    mina.shareStrip()->shareButton()->click();
    const int row = waitForFile(mina, u"budget 2027.xlsx"_s);
    QVERIFY(row >= 0);
    ChatView *chat = mina.chatView();
    chat->setTextSelection({row, 0}, {row, ChatSelection::End});
    QCOMPARE(chat->selectedText(), u"budget 2027.xlsx"_s);
    // A screen reader hears what it is.
    const QString spoken = chat->model()->index(row, 0).data(Qt::AccessibleTextRole).toString();
    QVERIFY2(spoken.contains(u"budget 2027.xlsx"_s), qPrintable(spoken));
    // Find finds it.
    chat->search()->setQuery(u"budget"_s);
    QTRY_VERIFY(!chat->search()->matchesInRow(row).isEmpty());
}

QTEST_MAIN(tst_FileSharing)
#include "tst_filesharing.moc"
