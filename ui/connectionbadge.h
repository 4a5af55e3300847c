#pragma once

#include "client/connectionstatemachine.h"

#include <QWidget>

namespace Parlor {

/// The connection state as a coloured badge: "● OPEN", "● CONNECTING", ... in the colours of the
/// theme (green, amber, red), with an accessible name that says the same in words.
class ConnectionBadge : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionBadge(QWidget *parent = nullptr);

    void setState(ConnectionStateMachine::State state, bool reconnecting = false);
    QSize sizeHint() const override;
    static QString stateText(ConnectionStateMachine::State state, bool reconnecting);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    ConnectionStateMachine::State m_state = ConnectionStateMachine::State::Closed;
    bool m_reconnecting = false;
};

} // namespace Parlor
