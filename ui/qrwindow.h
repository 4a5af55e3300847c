#pragma once

#include <QDialog>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace Parlor {

class QrCodeWidget;

/// The room's QR code alone in a large window, for a projector or a screen shared with the room:
/// resizable, the code as large as the window allows, the address under it in large text for
/// those who type it. Esc closes it.
class QrWindow : public QDialog
{
    Q_OBJECT

public:
    explicit QrWindow(QWidget *parent = nullptr);

    /// Shows the code of \a url (the room's browser page) for the room \a roomName.
    void showAddress(const QString &roomName, const QUrl &url);
    QUrl address() const { return m_url; }
    QrCodeWidget *codeWidget() const { return m_code; }
    QLabel *addressLabel() const { return m_address; }

private:
    QUrl m_url;
    QLabel *m_title = nullptr;
    QrCodeWidget *m_code = nullptr;
    QLabel *m_address = nullptr;
};

} // namespace Parlor
