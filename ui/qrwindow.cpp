#include "qrwindow.h"

#include "qrcodewidget.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Parlor {

QrWindow::QrWindow(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("qrWindow"));
    setSizeGripEnabled(true);
    // Not modal: the host goes on chatting while the code is on the projector.
    setModal(false);
    // White around the code as well, so the window reads as one large code on a projector.
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    pal.setColor(QPalette::WindowText, Qt::black);
    setPalette(pal);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 24);
    layout->setSpacing(12);
    m_title = new QLabel(this);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_code = new QrCodeWidget(this);
    m_code->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    layout->addWidget(m_code, 1);
    m_address = new QLabel(this);
    m_address->setAlignment(Qt::AlignCenter);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont addressFont = m_address->font();
    addressFont.setPointSizeF(addressFont.pointSizeF() * 2.6);
    addressFont.setBold(true);
    m_address->setFont(addressFont);
    layout->addWidget(m_address);
    resize(720, 820);
}

void QrWindow::showAddress(const QString &roomName, const QUrl &url)
{
    m_url = url;
    const QString address = url.toString();
    setWindowTitle(tr("Join %1").arg(roomName));
    m_title->setText(tr("Scan to join <b>%1</b> in a browser").arg(roomName.toHtmlEscaped()));
    m_code->setCode(QrCode::encode(address.toUtf8()));
    m_code->setAccessibleName(tr("QR code of %1").arg(address));
    m_address->setText(address);
    m_address->setAccessibleName(tr("Address %1").arg(address));
}

} // namespace Parlor
