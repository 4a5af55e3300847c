#pragma once

#include "client/chatsession.h"
#include "client/nearbyroommodel.h"
#include "client/proxysetting.h"
#include "client/roombrowser.h"

#include <QDialog>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeView;
QT_END_NAMESPACE

namespace Parlor {

class AppSettings;

/// "Join a room": the rooms announced nearby (docs/DISCOVERY.md), URL (with recent servers),
/// nickname, the ordered, editable list of subprotocols to offer, and an optional Origin. Or a
/// STOMP broker's destination, with its login and virtual host (docs/STOMP.md "The desktop
/// app"). Explains what is wrong before it lets go.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectDialog(AppSettings &settings, QWidget *parent = nullptr);

    /// The room's address; with several servers (a comma-separated list), the first.
    QUrl url() const;
    /// Every server the address lists, in order (one for a single address).
    QList<QUrl> servers() const;
    QString nick() const;
    QStringList subprotocols() const;
    QString origin() const;
    /// How to reach the room: the Proxy field (the system's proxy when it is empty).
    ProxySetting proxy() const;
    void setUrl(const QString &url);
    /// What to join: a Parlor room (or any WebSocket server), or a STOMP broker's destination.
    enum class Kind { Room, Stomp };
    Kind kind() const;
    void setKind(Kind kind);
    /// The STOMP destination, virtual host, login and passcode; not set for Kind::Room.
    ChatSession::StompTarget stompTarget() const;
    void setStompTarget(const ChatSession::StompTarget &target);
    /// Why \a destination cannot be subscribed to (translated), or empty.
    static QString destinationProblem(const QString &destination);

    /// Why \a text is not a usable room URL, or comma-separated list of the servers of one room
    /// (translated, naming the bad entry), or empty.
    static QString urlProblem(const QString &text);
    /// Why \a nick cannot be used (translated), or empty.
    static QString nickProblemText(const QString &nick);

    void accept() override;

    /// Looks for rooms nearby with \a options instead of the standard ports (tests).
    void setNearbyOptions(const RoomBrowser::Options &options);
    NearbyRoomModel *nearbyModel() { return &m_nearbyModel; }
    QTreeView *nearbyView() const { return m_nearby; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static QString singleUrlProblem(const QString &trimmed);
    void validate();
    void moveProtocol(int step);
    void startBrowsing();
    void updateNearbyStatus();
    void updateKind();

    AppSettings &m_settings;
    QFormLayout *m_form = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_destination = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_passcode = nullptr;
    QLineEdit *m_vhost = nullptr;
    QLabel *m_stompHint = nullptr;
    QComboBox *m_url = nullptr;
    QLineEdit *m_nick = nullptr;
    QListWidget *m_protocols = nullptr;
    QLineEdit *m_newProtocol = nullptr;
    QLineEdit *m_origin = nullptr;
    QWidget *m_protocolBox = nullptr; ///< the subprotocol list and its buttons (rooms only)
    QWidget *m_nearbyBox = nullptr;
    QLineEdit *m_proxy = nullptr;
    bool m_proxyEdited = false; ///< typed by the user: no longer filled in from the address
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    RoomBrowser m_browser;
    NearbyRoomModel m_nearbyModel;
    QTreeView *m_nearby = nullptr;
    QLabel *m_nearbyStatus = nullptr;
    bool m_browsing = false;
};

} // namespace Parlor
