#include "inspectorpanel.h"

#include "client/connectionmanager.h"
#include "closecodedialog.h"
#include "connectionbadge.h"
#include "framespage.h"
#include "handshakepage.h"
#include "healthpage.h"
#include "inspector/connectionhealth.h"
#include "inspector/eventlogmodel.h"
#include "inspector/framefilter.h"
#include "inspector/statetimeline.h"
#include "inspector/tracewriter.h"
#include "peersview.h"
#include "server/peermodel.h"
#include "server/roomhost.h"
#include "timelinepage.h"

#include <QDialog>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Parlor {

InspectorPanel::InspectorPanel(QWidget *parent)
    : QDockWidget(parent)
    , m_events(new EventLogModel(this))
    , m_filter(new FrameFilter(this))
    , m_timeline(new StateTimeline(this))
    , m_health(new ConnectionHealth(this))
{
    setObjectName(QStringLiteral("inspector"));
    setAllowedAreas(Qt::RightDockWidgetArea | Qt::BottomDockWidgetArea);
    m_filter->setSourceModel(m_events);

    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);

    auto *top = new QHBoxLayout;
    m_badge = new ConnectionBadge(body);
    m_stateText = new QLabel(body);
    m_stateText->setWordWrap(true);
    m_pingButton = new QPushButton(body);
    m_closeButton = new QPushButton(body);
    auto *exportButton = new QPushButton(body);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton = exportButton;
    top->addWidget(m_badge);
    top->addWidget(m_stateText, 1);
    top->addWidget(m_pingButton);
    top->addWidget(m_closeButton);
    top->addWidget(exportButton);
    layout->addLayout(top);
    connect(m_pingButton, &QPushButton::clicked, this, [this] {
        if (m_connection)
            m_connection->ping();
    });
    connect(m_closeButton, &QPushButton::clicked, this, &InspectorPanel::closeWithCode);
    connect(exportButton, &QPushButton::clicked, this, &InspectorPanel::exportInteractive);

    m_tabs = new QTabWidget(body);
    m_timelinePage = new TimelinePage(m_timeline, this);
    m_handshakePage = new HandshakePage(m_timeline, this);
    m_framesPage = new FramesPage(m_events, m_filter, this);
    m_healthPage = new HealthPage(m_health, this);
    m_tabs->addTab(m_timelinePage, QString());
    m_tabs->addTab(m_handshakePage, QString());
    m_tabs->addTab(m_framesPage, QString());
    m_tabs->addTab(m_healthPage, QString());
    connect(m_framesPage, &FramesPage::messageSelected, this, &InspectorPanel::messageSelected);
    // Shown only while this app hosts a room (see updatePeersTab()).
    m_peers = new PeersView(this);
    m_peers->hide();
    connect(m_peers, &PeersView::peerCountChanged, this, &InspectorPanel::updatePeersTab);
    layout->addWidget(m_tabs, 1);
    setWidget(body);
    m_body = body;
    m_topRow = top;

    connect(m_timeline, &QAbstractItemModel::rowsInserted, this, &InspectorPanel::updateState);
    // The countdown to a reconnect moves on its own.
    m_tick.setInterval(500);
    connect(&m_tick, &QTimer::timeout, this, &InspectorPanel::updateState);
    m_tick.start();
    retranslateUi();
}

void InspectorPanel::retranslateUi()
{
    setWindowTitle(tr("Inspector"));
    m_pingButton->setText(tr("Ping"));
    m_pingButton->setToolTip(tr("Send a ping now and measure the round trip"));
    m_closeButton->setText(tr("Close…"));
    m_closeButton->setToolTip(tr("Close the connection with a code and reason of your choice"));
    m_exportButton->setText(tr("Export…"));
    m_exportButton->setToolTip(tr("Save the session's events as JSON Lines"));
    m_tabs->setAccessibleName(tr("Inspector"));
    m_tabs->setTabText(m_tabs->indexOf(m_timelinePage), tr("Timeline"));
    m_tabs->setTabText(m_tabs->indexOf(m_handshakePage), tr("Handshake"));
    m_tabs->setTabText(m_tabs->indexOf(m_framesPage), tr("Frames"));
    m_tabs->setTabText(m_tabs->indexOf(m_healthPage), tr("Health"));
    updatePeersTab();
    updateState();
    updateMinimumWidth();
}

void InspectorPanel::updateMinimumWidth()
{
    // The panel may be narrower than its pages would like (they are clipped, or scroll), but
    // never narrower than the row of buttons above them: its minimum is what the window must
    // find room for beside the chat, and pages as wide as the Frames filters would push the
    // window past a small screen's edge.
    const QMargins margins = m_body->layout()->contentsMargins();
    m_body->setMinimumWidth(m_topRow->minimumSize().width() + margins.left() + margins.right());
}

void InspectorPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDockWidget::changeEvent(event);
}

InspectorPanel::~InspectorPanel() = default;

QTableView *InspectorPanel::frameView() const
{
    return m_framesPage->view();
}

void InspectorPanel::setConnection(ConnectionManager *connection)
{
    if (m_connection)
        m_connection->disconnect(this);
    m_connection = connection;
    EventLog *log = connection ? connection->eventLog() : nullptr;
    m_events->setLog(log);
    m_timeline->setLog(log);
    m_health->setLog(log);
    m_handshakePage->setLog(log);
    if (connection)
        connect(connection, &ConnectionManager::stateChanged, this, &InspectorPanel::updateState);
    updateState();
    m_healthPage->refresh();
    m_framesPage->updateStatus();
}

void InspectorPanel::updateState()
{
    const ConnectionManager *c = m_connection;
    const auto state = c ? c->state() : ConnectionStateMachine::State::Closed;
    const bool reconnecting = c && c->isReconnectScheduled();
    m_badge->setState(state, reconnecting);
    m_pingButton->setEnabled(c && state == ConnectionStateMachine::State::Open);
    m_closeButton->setEnabled(c && state == ConnectionStateMachine::State::Open);
    QString text;
    if (!c) {
        text = tr("No connection.");
    } else if (state == ConnectionStateMachine::State::Closed
               && c->lastClose().reason != CloseInfo::Reason::None) {
        text = c->lastClose().text();
    } else {
        text = c->options().url.toString(QUrl::RemoveUserInfo);
    }
    m_stateText->setText(text);
    m_timelinePage->showCountdown(c);
}

bool InspectorPanel::selectFrameForMessage(const QString &id)
{
    return m_framesPage->selectFrameForMessage(id);
}

void InspectorPanel::closeWithCode()
{
    if (!m_connection)
        return;
    CloseCodeDialog dialog(this);
    dialog.setWindowTitle(tr("Close the Connection"));
    dialog.setAcceptText(tr("Close Connection"));
    if (dialog.exec() == QDialog::Accepted && m_connection)
        m_connection->close(dialog.code(), dialog.reason());
}

void InspectorPanel::setRoomHost(RoomHost *host)
{
    if (m_host)
        m_host->disconnect(this);
    m_host = host;
    m_peers->setRoomHost(host);
    if (host) {
        connect(host, &RoomHost::started, this, &InspectorPanel::updatePeersTab);
        connect(host, &RoomHost::stopped, this, &InspectorPanel::updatePeersTab);
    }
    updatePeersTab();
}

void InspectorPanel::updatePeersTab()
{
    const bool hosting = m_host && m_host->status() == RoomHost::Status::Running;
    const int index = m_tabs->indexOf(m_peers);
    if (hosting && index < 0)
        m_tabs->addTab(m_peers, QString());
    else if (!hosting && index >= 0)
        m_tabs->removeTab(index);
    if (hosting) {
        m_tabs->setTabText(m_tabs->indexOf(m_peers),
                           tr("Peers (%1)").arg(m_peers->model()->rowCount()));
    }
}

bool InspectorPanel::exportTrace(const QString &fileName, QString *error) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    if (const EventLog *log = m_events->log()) {
        for (int i = 0; i < log->size(); ++i)
            file.write(TraceWriter::toLine(log->at(i)));
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void InspectorPanel::exportInteractive()
{
    const QString name = QFileDialog::getSaveFileName(this, tr("Export the Session"),
                                                      QStringLiteral("parlor-trace.jsonl"),
                                                      tr("JSON Lines (*.jsonl);;All files (*)"));
    if (name.isEmpty())
        return;
    QString error;
    if (!exportTrace(name, &error))
        QMessageBox::warning(this, tr("Export the Session"),
                             tr("Could not write %1: %2").arg(name, error));
}

} // namespace Parlor
