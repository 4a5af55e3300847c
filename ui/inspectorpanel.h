#pragma once

#include <QDockWidget>
#include <QPointer>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QLabel;
class QLayout;
class QPushButton;
class QTableView;
class QTabWidget;
QT_END_NAMESPACE

namespace Parlor {

class ConnectionBadge;
class ConnectionHealth;
class ConnectionManager;
class EventLogModel;
class FrameFilter;
class FramesPage;
class HandshakePage;
class HealthPage;
class PeersView;
class RoomHost;
class StateTimeline;
class TimelinePage;

/// The connection inspector: what the WebSocket is doing, for people debugging a server or a
/// flaky network. Tabs: Timeline (states and why each close happened), Handshake (what was sent,
/// what was chosen, why it failed), Frames (every message and control frame, filtered), Health
/// (counters and round-trip times), and Peers while hosting. This dock holds the models over
/// one ConnectionManager's event log, the state line with Ping, Close and Export above the tabs,
/// and wires one page class per tab to them.
class InspectorPanel : public QDockWidget
{
    Q_OBJECT

public:
    explicit InspectorPanel(QWidget *parent = nullptr);
    ~InspectorPanel() override;

    /// Follows \a connection (not owned); nullptr shows nothing.
    void setConnection(ConnectionManager *connection);
    /// Shows the hosting view (a "Peers" tab) while \a host runs a room (not owned).
    void setRoomHost(RoomHost *host);
    /// Selects the frame that carried the chat message \a id, if it is still in the log.
    bool selectFrameForMessage(const QString &id);

    QTabWidget *tabs() const { return m_tabs; }
    QTableView *frameView() const;
    FrameFilter *frameFilter() const { return m_filter; }
    EventLogModel *eventModel() const { return m_events; }
    StateTimeline *timeline() const { return m_timeline; }
    ConnectionHealth *health() const { return m_health; }
    PeersView *peersView() const { return m_peers; }
    QPushButton *exportButton() const { return m_exportButton; }

    /// Writes the session's events as JSON Lines (docs/TRACE.md) to \a fileName.
    bool exportTrace(const QString &fileName, QString *error = nullptr) const;

signals:
    /// The selected frame carried the chat message \a id (for the chat view to select it).
    void messageSelected(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateMinimumWidth();
    void updateState();
    void closeWithCode();
    void updatePeersTab();
    void exportInteractive();

    QPointer<ConnectionManager> m_connection;
    QPointer<RoomHost> m_host;
    EventLogModel *m_events = nullptr;
    FrameFilter *m_filter = nullptr;
    StateTimeline *m_timeline = nullptr;
    ConnectionHealth *m_health = nullptr;
    QTimer m_tick;

    ConnectionBadge *m_badge = nullptr;
    QLabel *m_stateText = nullptr;
    QPushButton *m_pingButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QWidget *m_body = nullptr;
    QLayout *m_topRow = nullptr;
    QTabWidget *m_tabs = nullptr;
    TimelinePage *m_timelinePage = nullptr;
    HandshakePage *m_handshakePage = nullptr;
    FramesPage *m_framesPage = nullptr;
    HealthPage *m_healthPage = nullptr;
    PeersView *m_peers = nullptr;
};

} // namespace Parlor
