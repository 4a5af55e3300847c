#pragma once

#include "desktop/sessioncontroller.h"
#include "qrwindow.h"

#include <QFrame>
#include <QList>
#include <QPointer>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace Parlor {

class QrCodeWidget;

/// The banner shown while this computer hosts the room: which room, who can join it, and the
/// addresses to tell the others, each with a button that copies it, and a QR code of the room's
/// browser page for phones (with a button that shows it large, for a projector).
class HostBanner : public QFrame
{
    Q_OBJECT

public:
    explicit HostBanner(QWidget *parent = nullptr);

    /// Shows \a roomName, who can join (\a reach), the addresses others can use (\a urls) and
    /// the room's page for a browser (\a browserUrl; empty: none), and where the room keeps its
    /// history (\a historyLocation; empty: in memory only), and for a TLS room the SHA-256 of
    /// its certificate (\a tlsFingerprint), for joiners to compare with what their prompt shows.
    void showRoom(const QString &roomName, SessionController::Reach reach, const QList<QUrl> &urls,
                  const QUrl &browserUrl, const QString &historyLocation = {},
                  const QString &tlsFingerprint = {});
    /// The line that says whether the room keeps its history (hidden when it does not).
    QLabel *historyLabel() const { return m_history; }
    /// The line with the TLS certificate's fingerprint (hidden without TLS).
    QLabel *tlsLabel() const { return m_tls; }
    /// The QR code of the browser page (hidden when others cannot reach the room).
    QrCodeWidget *qrCode() const { return m_qr; }
    /// Opens qrWindow() (hidden with the code).
    QPushButton *showQrButton() const { return m_showQr; }
    /// What the QR code is for, or why there is none.
    QLabel *qrNote() const { return m_qrNote; }
    /// The large window of the code, once the button opened it (else nullptr).
    QrWindow *qrWindow() const { return m_qrWindow; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void addUrl(const QString &prefix, const QUrl &url);
    void showQrWindow();

    QLabel *m_text = nullptr;
    QWidget *m_urls = nullptr;
    QLabel *m_history = nullptr;
    QLabel *m_tls = nullptr;
    QWidget *m_qrColumn = nullptr;
    QrCodeWidget *m_qr = nullptr;
    QPushButton *m_showQr = nullptr;
    QLabel *m_qrNote = nullptr;
    QPointer<QrWindow> m_qrWindow;
    QString m_roomName;
    QUrl m_browserUrl;
};

} // namespace Parlor
