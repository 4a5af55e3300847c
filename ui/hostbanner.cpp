#include "hostbanner.h"

#include "flowlayout.h"
#include "qrcodewidget.h"
#include "qrwindow.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Parlor {

HostBanner::HostBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("hostBanner"));
    setAutoFillBackground(true);
    // The words and addresses on the left, the QR code on the right.
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(12, 8, 12, 8);
    outer->setSpacing(12);
    auto *layout = new QVBoxLayout;
    layout->setSpacing(4);
    outer->addLayout(layout, 1);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    layout->addWidget(m_text);
    m_urls = new QWidget(this);
    // The addresses wrap onto more lines on a narrow window (with the inspector open, say)
    // rather than making the window wider than the screen.
    auto *urlsLayout = new FlowLayout(m_urls, 16, 4);
    urlsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_urls);
    m_history = new QLabel(this);
    m_history->setWordWrap(true);
    m_history->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_history->hide();
    layout->addWidget(m_history);
    m_tls = new QLabel(this);
    m_tls->setWordWrap(true);
    m_tls->setTextFormat(Qt::RichText);
    m_tls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tls->hide();
    layout->addWidget(m_tls);
    m_qrNote = new QLabel(this);
    m_qrNote->setWordWrap(true);
    layout->addWidget(m_qrNote);
    layout->addStretch(1);

    m_qrColumn = new QWidget(this);
    auto *qrLayout = new QVBoxLayout(m_qrColumn);
    qrLayout->setContentsMargins(0, 0, 0, 0);
    qrLayout->setSpacing(4);
    m_qr = new QrCodeWidget(m_qrColumn);
    m_qr->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    qrLayout->addWidget(m_qr, 0, Qt::AlignHCenter);
    m_showQr = new QPushButton(m_qrColumn);
    connect(m_showQr, &QPushButton::clicked, this, &HostBanner::showQrWindow);
    qrLayout->addWidget(m_showQr, 0, Qt::AlignHCenter);
    m_qrColumn->hide();
    outer->addWidget(m_qrColumn, 0, Qt::AlignTop);
    retranslateUi();
}

void HostBanner::retranslateUi()
{
    m_showQr->setText(tr("Show QR code"));
    m_showQr->setToolTip(tr("Show the code large, for a projector or a shared screen"));
}

void HostBanner::changeEvent(QEvent *event)
{
    // The room's sentences come again with the window's next showRoom().
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void HostBanner::showRoom(const QString &roomName, SessionController::Reach reach,
                          const QList<QUrl> &urls, const QUrl &browserUrl,
                          const QString &historyLocation, const QString &tlsFingerprint)
{
    // Tinted like one's own messages, from the window's colours (ours has the tint in it).
    QPalette pal = palette();
    pal.setColor(QPalette::Window,
                 Theme::ownMessageTint(parentWidget() ? parentWidget()->palette() : palette()));
    setPalette(pal);
    const QString room = roomName.toHtmlEscaped();
    switch (reach) {
    case SessionController::Reach::ThisComputer:
        m_text->setText(tr("You are hosting <b>%1</b>. Only this computer can join.").arg(room));
        break;
    case SessionController::Reach::NoNetwork:
        m_text->setText(tr("You are hosting <b>%1</b>. No network was found, so for now only "
                           "this computer can join.")
                                .arg(room));
        break;
    case SessionController::Reach::Network:
        m_text->setText(
                tr("You are hosting <b>%1</b> — others on your network can join at:").arg(room));
        break;
    }
    // Rebuild the address row: one label and copy button per address.
    QLayout *row = m_urls->layout();
    while (QLayoutItem *item = row->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const QUrl &url : urls)
        addUrl(QString(), url);
    if (!browserUrl.isEmpty())
        addUrl(tr("in a browser: "), browserUrl);
    m_urls->setVisible(!urls.isEmpty());
    QString where = QDir::toNativeSeparators(historyLocation);
    const QString home = QDir::toNativeSeparators(QDir::homePath());
    if (where.startsWith(home + QDir::separator()))
        where.replace(0, home.size(), QStringLiteral("~"));
    m_history->setText(
            historyLocation.isEmpty()
                    ? QString()
                    : tr("This room keeps its history on this computer, in %1.").arg(where));
    m_history->setVisible(!historyLocation.isEmpty());
    // Exactly as the joiner's certificate prompt (CloseInfo) writes it, so the two can be
    // compared character by character; monospace so that they line up when read aloud.
    m_tls->setText(tlsFingerprint.isEmpty()
                           ? QString()
                           : tr("Connections are encrypted. People asked to trust this room's "
                                "certificate should see the SHA-256 fingerprint %1")
                                     .arg(QStringLiteral("<br><code>%1</code>")
                                                  .arg(tlsFingerprint.toHtmlEscaped())));
    m_tls->setAccessibleName(tr("Certificate fingerprint %1").arg(tlsFingerprint));
    m_tls->setVisible(!tlsFingerprint.isEmpty());

    // A phone scans the browser page's address; a code of an address it cannot reach would
    // only fail on the phone, so the banner says why there is none instead.
    m_roomName = roomName;
    m_browserUrl = reach == SessionController::Reach::Network ? browserUrl : QUrl();
    const QrCode code = m_browserUrl.isEmpty() ? QrCode()
                                               : QrCode::encode(m_browserUrl.toString().toUtf8());
    if (!code.isNull()) {
        m_qr->setCode(code);
        m_qr->setAccessibleName(tr("QR code of %1").arg(m_browserUrl.toString()));
        m_qr->setFixedSize(m_qr->sizeHint());
        m_qrNote->setText(tr("A phone can scan the code to open the room in its browser."));
    } else if (reach == SessionController::Reach::ThisComputer) {
        m_qrNote->setText(tr("No QR code: phones cannot join a room that only this computer can "
                             "reach. Host it on your network to show one."));
    } else if (reach == SessionController::Reach::NoNetwork) {
        m_qrNote->setText(tr("No QR code: this computer has no network address a phone could "
                             "reach yet."));
    } else if (m_browserUrl.isEmpty()) {
        m_qrNote->setText(tr("No QR code: this room has no page for browsers."));
    } else {
        m_qrNote->setText(tr("No QR code: %1").arg(code.errorString()));
    }
    m_qrColumn->setVisible(!code.isNull());
    if (m_qrWindow) {
        if (code.isNull())
            m_qrWindow->close();
        else
            m_qrWindow->showAddress(m_roomName, m_browserUrl);
    }
}

void HostBanner::showQrWindow()
{
    if (m_browserUrl.isEmpty())
        return;
    if (!m_qrWindow)
        m_qrWindow = new QrWindow(window());
    m_qrWindow->showAddress(m_roomName, m_browserUrl);
    m_qrWindow->show();
    m_qrWindow->raise();
    m_qrWindow->activateWindow();
}

void HostBanner::addUrl(const QString &prefix, const QUrl &url)
{
    // An address and its button stay together on a line.
    auto *pair = new QWidget(m_urls);
    auto *pairLayout = new QHBoxLayout(pair);
    pairLayout->setContentsMargins(0, 0, 0, 0);
    pairLayout->setSpacing(8);
    auto *label = new QLabel(prefix + url.toString(), pair);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *copy = new QToolButton(pair);
    copy->setText(tr("Copy"));
    copy->setAccessibleName(tr("Copy %1").arg(url.toString()));
    connect(copy, &QToolButton::clicked, this,
            [url] { QApplication::clipboard()->setText(url.toString()); });
    pairLayout->addWidget(label);
    pairLayout->addWidget(copy);
    m_urls->layout()->addWidget(pair);
}

} // namespace Parlor
