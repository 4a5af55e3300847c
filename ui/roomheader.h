#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
class QLabel;
class QMenu;
class QToolButton;
QT_END_NAMESPACE

namespace Parlor {

class ChatSession;
class ConnectionBadge;
class ElidedLabel;
class MentionModel;

/// The window's header: the connection's state, the room's address, the subprotocol and round
/// trip, a hint in plain and STOMP modes, the Mentions menu, and the Join, Host and Inspector buttons.
class RoomHeader : public QWidget
{
    Q_OBJECT

public:
    explicit RoomHeader(QWidget *parent = nullptr);

    /// The header's last stop for Tab (its buttons come in the order they stand).
    QWidget *lastTabStop() const;

    /// Shows where \a session stands (nullptr: not connected).
    void showSession(ChatSession *session);

    QToolButton *inspectorButton() const { return m_inspectorButton; }
    /// The lines that mention me, listed in the Mentions menu (newest last).
    void setMentions(MentionModel *mentions);
    QToolButton *mentionsButton() const { return m_mentionsButton; }
    QMenu *mentionsMenu() const { return m_mentionsMenu; }

signals:
    /// A mention was chosen in the menu: the chat's row \a messageRow.
    void mentionChosen(int messageRow);
    void joinClicked();
    void hostClicked();
    void inspectorClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateMentions();

    ConnectionBadge *m_badge = nullptr;
    QLabel *m_urlLabel = nullptr;
    ElidedLabel *m_protocolLabel = nullptr;
    ElidedLabel *m_rttLabel = nullptr;
    ElidedLabel *m_plainHint = nullptr;
    QToolButton *m_inspectorButton = nullptr;
    QToolButton *m_hostButton = nullptr;
    QToolButton *m_joinButton = nullptr;
    QToolButton *m_mentionsButton = nullptr;
    QMenu *m_mentionsMenu = nullptr;
    MentionModel *m_mentions = nullptr;
};

} // namespace Parlor
