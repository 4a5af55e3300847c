#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QListView;
QT_END_NAMESPACE

namespace Parlor {

class ConnectionManager;
class StateTimeline;

/// The inspector's Timeline tab: the connection's states over time and why each close happened
/// (a StateTimeline drawn by TimelineDelegate), and the countdown to the next reconnect.
class TimelinePage : public QWidget
{
    Q_OBJECT

public:
    /// Shows \a timeline (not owned), following its newest row.
    explicit TimelinePage(StateTimeline *timeline, QWidget *parent = nullptr);

    /// Says when \a connection tries again, if it will (nullptr: nothing to say).
    void showCountdown(const ConnectionManager *connection);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QListView *m_view = nullptr;
    QLabel *m_countdown = nullptr;
};

} // namespace Parlor
