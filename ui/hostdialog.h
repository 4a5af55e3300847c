#pragma once

#include "server/roomconfig.h"

#include <QDialog>
#include <QHostAddress>

QT_BEGIN_NAMESPACE
class QLineEdit;
class QRadioButton;
class QSpinBox;
QT_END_NAMESPACE

namespace Parlor {

/// "Host a room": name, port, who may reach it (the network or this computer), password, and
/// the two limits people ask about (peers, history). The rest keep their defaults.
class HostDialog : public QDialog
{
    Q_OBJECT

public:
    explicit HostDialog(QWidget *parent = nullptr);

    RoomConfig config() const;
    quint16 port() const;
    QHostAddress bindAddress() const;
    static QString defaultRoomName();

private:
    QLineEdit *m_name = nullptr;
    QSpinBox *m_port = nullptr;
    QRadioButton *m_network = nullptr;
    QRadioButton *m_local = nullptr;
    QLineEdit *m_password = nullptr;
    QSpinBox *m_maxPeers = nullptr;
    QSpinBox *m_history = nullptr;
};

} // namespace Parlor
