#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace Parlor {

class ChatSession;
class ConnectionBadge;

/// The window's header: the connection's state, the room's address, the subprotocol and round
/// trip, a hint in plain mode, and the Join, Host and Inspector buttons.
class RoomHeader : public QWidget
{
    Q_OBJECT

public:
    explicit RoomHeader(QWidget *parent = nullptr);

    /// Shows where \a session stands (nullptr: not connected).
    void showSession(ChatSession *session);

    QToolButton *inspectorButton() const { return m_inspectorButton; }

signals:
    void joinClicked();
    void hostClicked();
    void inspectorClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    ConnectionBadge *m_badge = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_protocolLabel = nullptr;
    QLabel *m_rttLabel = nullptr;
    QLabel *m_plainHint = nullptr;
    QToolButton *m_inspectorButton = nullptr;
    QToolButton *m_hostButton = nullptr;
    QToolButton *m_joinButton = nullptr;
};

} // namespace Parlor
