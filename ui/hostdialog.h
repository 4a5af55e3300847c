#pragma once

#include "desktop/sessioncontroller.h"
#include "server/roomconfig.h"

#include <QDialog>
#include <QHostAddress>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLineEdit;
class QRadioButton;
class QSpinBox;
QT_END_NAMESPACE

namespace Parlor {

/// "Host a room": name, port, who may reach it (the network or this computer), password, and
/// the two limits people ask about (peers, history), and whether the room keeps its history on
/// this computer, and whether connections are encrypted (wss://). The rest keep their defaults. Every choice is remembered for the next time.
class HostDialog : public QDialog
{
    Q_OBJECT

public:
    explicit HostDialog(QWidget *parent = nullptr);

    RoomConfig config() const;
    quint16 port() const;
    QHostAddress bindAddress() const;
    SessionController::History history() const;
    static QString defaultRoomName();
    /// The "Keep history" choice last made (on unless the user turned it off), for the rooms
    /// Parlor hosts without asking (at start, --host).
    static SessionController::History rememberedHistory();
    /// The "Let people nearby find it" choice last made (on unless turned off).
    static bool rememberedAnnounce();

private:
    QLineEdit *m_name = nullptr;
    QSpinBox *m_port = nullptr;
    QRadioButton *m_network = nullptr;
    QRadioButton *m_local = nullptr;
    QCheckBox *m_announce = nullptr;
    QLineEdit *m_password = nullptr;
    QSpinBox *m_maxPeers = nullptr;
    QSpinBox *m_history = nullptr;
    QCheckBox *m_keepHistory = nullptr;
    QCheckBox *m_tls = nullptr;
};

} // namespace Parlor
