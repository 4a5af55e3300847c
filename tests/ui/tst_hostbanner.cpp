// HostBanner's QR code: shown for a room others can reach, black on white and crisp in any
// theme, opened large in a window for a projector; and, where phones could not reach the room,
// words that say why instead of a code that would fail on the phone.

#include "hostbanner.h"
#include "qrcodewidget.h"
#include "qrwindow.h"
#include "theme.h"

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

const QUrl page(u"http://192.168.1.20:5870/"_s);
const QList<QUrl> joinUrls{QUrl(u"ws://192.168.1.20:5870"_s)};

// The colours the code widget painted, and whether each module looks as the code says.
struct Painted
{
    QSet<QRgb> colours;
    bool modulesMatch = true;
    bool quietZoneWhite = true;
};

Painted inspect(QrCodeWidget *widget)
{
    Painted result;
    const QImage image = widget->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QRect rect = widget->codeRect();
    const int unit = widget->modulePixels();
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x)
            result.colours.insert(image.pixel(x, y) & 0xffffff);
    }
    const QrCode &code = widget->code();
    for (int my = -QrCode::quietZone; my < code.size() + QrCode::quietZone; ++my) {
        for (int mx = -QrCode::quietZone; mx < code.size() + QrCode::quietZone; ++mx) {
            // The centre pixel and both corners of the module: all one colour.
            const int left = rect.left() + (mx + QrCode::quietZone) * unit;
            const int top = rect.top() + (my + QrCode::quietZone) * unit;
            const QRgb want = code.isDark(mx, my) ? 0x000000 : 0xffffff;
            for (const QPoint p : {QPoint(left, top), QPoint(left + unit / 2, top + unit / 2),
                                   QPoint(left + unit - 1, top + unit - 1)}) {
                const QRgb got = image.pixel(p) & 0xffffff;
                if (got != want)
                    result.modulesMatch = false;
                const bool inQuiet = mx < 0 || my < 0 || mx >= code.size() || my >= code.size();
                if (inQuiet && got != 0xffffff)
                    result.quietZoneWhite = false;
            }
        }
    }
    return result;
}

} // namespace

class tst_HostBanner : public QObject
{
    Q_OBJECT

private slots:
    void init() { Theme::apply(AppSettings::Theme::Light); }
    void aNetworkRoomShowsItsPageAsACode();
    void theCodeIsBlackOnWhiteInTheDarkTheme();
    void theLargeWindowScalesAndClosesOnEscape();
    void aRoomOnlyThisComputerReachesExplainsInstead();
    void noNetworkExplainsInstead();
};

void tst_HostBanner::aNetworkRoomShowsItsPageAsACode()
{
    HostBanner banner;
    banner.showRoom(u"Lunch room"_s, SessionController::Reach::Network, joinUrls, page);
    banner.show();
    QVERIFY(QTest::qWaitForWindowExposed(&banner));
    QVERIFY(banner.qrCode()->isVisible());
    QVERIFY(banner.showQrButton()->isVisible());
    QVERIFY2(banner.qrNote()->text().contains(u"phone can scan"_s),
             qPrintable(banner.qrNote()->text()));
    const QrCode expected = QrCode::encode(page.toString().toUtf8());
    QCOMPARE(banner.qrCode()->code().size(), expected.size());
    for (int y = 0; y < expected.size(); ++y) {
        for (int x = 0; x < expected.size(); ++x)
            QCOMPARE(banner.qrCode()->code().isDark(x, y), expected.isDark(x, y));
    }
    // Large enough to scan from a screen: whole pixels, at least 3 a module.
    QVERIFY2(banner.qrCode()->modulePixels() >= QrCodeWidget::minimumModulePixels,
             qPrintable(QString::number(banner.qrCode()->modulePixels())));
    const Painted painted = inspect(banner.qrCode());
    QVERIFY(painted.modulesMatch);
    QVERIFY(painted.quietZoneWhite);
    QCOMPARE(painted.colours, (QSet<QRgb>{0x000000, 0xffffff})); // no smoothing: two colours
    QVERIFY(banner.qrCode()->accessibleName().contains(page.toString()));
    QVERIFY(!banner.showQrButton()->accessibleName().isEmpty()
            || !banner.showQrButton()->text().isEmpty());
}

void tst_HostBanner::theCodeIsBlackOnWhiteInTheDarkTheme()
{
    Theme::apply(AppSettings::Theme::Dark);
    QWidget window;
    QVERIFY(Theme::isDark(window.palette()));
    auto *banner = new HostBanner(&window);
    banner->showRoom(u"Lunch room"_s, SessionController::Reach::Network, joinUrls, page);
    window.resize(900, 240);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Painted painted = inspect(banner->qrCode());
    QVERIFY(painted.modulesMatch);
    QVERIFY(painted.quietZoneWhite);
    QCOMPARE(painted.colours, (QSet<QRgb>{0x000000, 0xffffff}));
}

void tst_HostBanner::theLargeWindowScalesAndClosesOnEscape()
{
    QWidget window;
    auto *banner = new HostBanner(&window);
    banner->showRoom(u"Lunch room"_s, SessionController::Reach::Network, joinUrls, page);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!banner->qrWindow());
    banner->showQrButton()->click();
    QrWindow *large = banner->qrWindow();
    QVERIFY(large);
    QVERIFY(QTest::qWaitForWindowExposed(large));
    QCOMPARE(large->address(), page);
    QCOMPARE(large->addressLabel()->text(), page.toString());
    QVERIFY(large->addressLabel()->font().pointSizeF() > 2 * QApplication::font().pointSizeF());
    QVERIFY(large->codeWidget()->accessibleName().contains(page.toString()));

    // Resizable, and the code follows: larger window, larger modules, still whole pixels.
    large->resize(500, 560);
    QTRY_COMPARE(large->size(), QSize(500, 560));
    const int small = large->codeWidget()->modulePixels();
    large->resize(1000, 1100);
    QTRY_COMPARE(large->size(), QSize(1000, 1100));
    const int big = large->codeWidget()->modulePixels();
    QVERIFY2(big > small, qPrintable(u"%1 -> %2"_s.arg(small).arg(big)));
    QVERIFY(big * large->codeWidget()->code().sizeWithQuietZone()
            <= qMin(large->codeWidget()->width(), large->codeWidget()->height()));
    const Painted painted = inspect(large->codeWidget());
    QVERIFY(painted.modulesMatch);
    QVERIFY(painted.quietZoneWhite);

    QTest::keyClick(large, Qt::Key_Escape);
    QTRY_VERIFY(!large->isVisible());

    // A room no longer on the network closes the window rather than keep a dead code up.
    banner->showQrButton()->click();
    QTRY_VERIFY(large->isVisible());
    banner->showRoom(u"Lunch room"_s, SessionController::Reach::ThisComputer, {}, {});
    QTRY_VERIFY(!large->isVisible());
}

void tst_HostBanner::aRoomOnlyThisComputerReachesExplainsInstead()
{
    HostBanner banner;
    // Even if a page address were passed: a loopback room is no use to a phone.
    banner.showRoom(u"Lunch room"_s, SessionController::Reach::ThisComputer, {},
                    QUrl(u"http://127.0.0.1:5870/"_s));
    banner.show();
    QVERIFY(QTest::qWaitForWindowExposed(&banner));
    QVERIFY(!banner.qrCode()->isVisible());
    QVERIFY(!banner.showQrButton()->isVisible());
    QVERIFY(banner.qrNote()->isVisible());
    QVERIFY2(banner.qrNote()->text().contains(u"only this computer"_s),
             qPrintable(banner.qrNote()->text()));

    // And back on the network, the code replaces the words.
    banner.showRoom(u"Lunch room"_s, SessionController::Reach::Network, joinUrls, page);
    QVERIFY(banner.qrCode()->isVisible());
    QVERIFY(!banner.qrNote()->text().contains(u"only this computer"_s));
}

void tst_HostBanner::noNetworkExplainsInstead()
{
    HostBanner banner;
    banner.showRoom(u"Lunch room"_s, SessionController::Reach::NoNetwork, {}, {});
    banner.show();
    QVERIFY(QTest::qWaitForWindowExposed(&banner));
    QVERIFY(!banner.qrCode()->isVisible());
    QVERIFY(banner.qrNote()->isVisible());
    QVERIFY2(banner.qrNote()->text().contains(u"no network address"_s),
             qPrintable(banner.qrNote()->text()));
}

QTEST_MAIN(tst_HostBanner)

#include "tst_hostbanner.moc"
