#pragma once

#include <QDockWidget>
#include <QPointer>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTabWidget;
class QTextBrowser;
QT_END_NAMESPACE

namespace Parlor {

class ConnectionBadge;
class ConnectionHealth;
class ConnectionManager;
class EventLogModel;
class FrameFilter;
class PeersView;
class RoomHost;
class Sparkline;
class StateTimeline;

/// The connection inspector: what the WebSocket is doing, for people debugging a server or a
/// flaky network. Tabs: Timeline (states and why each close happened), Handshake (what was sent,
/// what was chosen, why it failed), Frames (every message and control frame, filtered), Health
/// (counters and round-trip times). Follows one ConnectionManager at a time.
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
    QTableView *frameView() const { return m_frameView; }
    FrameFilter *frameFilter() const { return m_filter; }
    EventLogModel *eventModel() const { return m_events; }
    StateTimeline *timeline() const { return m_timeline; }
    ConnectionHealth *health() const { return m_health; }
    PeersView *peersView() const { return m_peers; }

    /// Writes the session's events as JSON Lines (docs/TRACE.md) to \a fileName.
    bool exportTrace(const QString &fileName, QString *error = nullptr) const;

signals:
    /// The selected frame carried the chat message \a id (for the chat view to select it).
    void messageSelected(const QString &id);

private:
    QWidget *createTimelineTab();
    QWidget *createHandshakeTab();
    QWidget *createFramesTab();
    QWidget *createHealthTab();
    void updateState();
    void updateHandshake();
    void updateHealth();
    void updateFrameDetails();
    void updateFilterStatus();
    void closeWithCode();
    void updatePeersTab();
    void exportInteractive();

    QPointer<ConnectionManager> m_connection;
    QPointer<RoomHost> m_host;
    PeersView *m_peers = nullptr;
    EventLogModel *m_events = nullptr;
    FrameFilter *m_filter = nullptr;
    StateTimeline *m_timeline = nullptr;
    ConnectionHealth *m_health = nullptr;
    QTimer m_tick;
    QTimer m_statusPending;

    ConnectionBadge *m_badge = nullptr;
    QLabel *m_stateText = nullptr;
    QPushButton *m_pingButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListView *m_timelineView = nullptr;
    QLabel *m_countdown = nullptr;
    QTextBrowser *m_handshake = nullptr;
    QLineEdit *m_keyInput = nullptr;
    QLabel *m_acceptOutput = nullptr;
    QComboBox *m_direction = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_regex = nullptr;
    QPushButton *m_pause = nullptr;
    QLabel *m_filterStatus = nullptr;
    QTableView *m_frameView = nullptr;
    QPlainTextEdit *m_frameDetails = nullptr;
    QLabel *m_healthLabels[10] = {};
    Sparkline *m_sparkline = nullptr;
};

} // namespace Parlor
