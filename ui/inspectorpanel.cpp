#include "inspectorpanel.h"

#include "client/connectionmanager.h"
#include "closecodedialog.h"
#include "connectionbadge.h"
#include "core/datasize.h"
#include "inspector/connectionhealth.h"
#include "inspector/eventlogmodel.h"
#include "inspector/framefilter.h"
#include "inspector/handshakeexplainer.h"
#include "inspector/statetimeline.h"
#include "inspector/tracewriter.h"
#include "peersview.h"
#include "server/peermodel.h"
#include "server/roomhost.h"
#include "sparkline.h"
#include "theme.h"
#include "timelinedelegate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Parlor {

namespace {

enum HealthRow {
    MessagesRow,
    BytesRow,
    PingsRow,
    RttRow,
    RttRangeRow,
    LastFrameRow,
    ReconnectsRow,
    ErrorsRow,
    HealthRowCount
};

} // namespace

InspectorPanel::InspectorPanel(QWidget *parent)
    : QDockWidget(tr("Inspector"), parent)
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
    m_pingButton = new QPushButton(tr("Ping"), body);
    m_pingButton->setToolTip(tr("Send a ping now and measure the round trip"));
    m_closeButton = new QPushButton(tr("Close…"), body);
    m_closeButton->setToolTip(tr("Close the connection with a code and reason of your choice"));
    auto *exportButton = new QPushButton(tr("Export…"), body);
    exportButton->setToolTip(tr("Save the session's events as JSON Lines"));
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
    m_tabs->addTab(createTimelineTab(), tr("Timeline"));
    m_tabs->addTab(createHandshakeTab(), tr("Handshake"));
    m_tabs->addTab(createFramesTab(), tr("Frames"));
    m_tabs->addTab(createHealthTab(), tr("Health"));
    // Shown only while this app hosts a room (see updatePeersTab()).
    m_peers = new PeersView(this);
    m_peers->hide();
    connect(m_peers, &PeersView::peerCountChanged, this, &InspectorPanel::updatePeersTab);
    layout->addWidget(m_tabs, 1);
    setWidget(body);

    connect(m_timeline, &QAbstractItemModel::rowsInserted, this, [this] {
        updateState();
        updateHandshake();
        m_timelineView->scrollToBottom();
    });
    connect(m_health, &ConnectionHealth::changed, this, &InspectorPanel::updateHealth);
    m_tick.setInterval(500);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        updateState();
        updateHealth();
    });
    m_tick.start();
    updateState();
    updateHandshake();
    updateHealth();
}

InspectorPanel::~InspectorPanel() = default;

QWidget *InspectorPanel::createTimelineTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_timelineView = new QListView(page);
    m_timelineView->setModel(m_timeline);
    m_timelineView->setItemDelegate(new TimelineDelegate(m_timelineView));
    m_timelineView->setAccessibleName(tr("State timeline"));
    m_timelineView->setUniformItemSizes(false);
    m_countdown = new QLabel(page);
    layout->addWidget(m_timelineView, 1);
    layout->addWidget(m_countdown);
    return page;
}

QWidget *InspectorPanel::createHandshakeTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_handshake = new QTextBrowser(page);
    m_handshake->setAccessibleName(tr("Handshake"));
    layout->addWidget(m_handshake, 1);

    // RFC 6455's accept computation, for checking a server by hand.
    auto *calculator = new QFormLayout;
    m_keyInput = new QLineEdit(page);
    m_keyInput->setPlaceholderText(QStringLiteral("dGhlIHNhbXBsZSBub25jZQ=="));
    m_keyInput->setAccessibleName(tr("Sec-WebSocket-Key"));
    m_acceptOutput = new QLabel(page);
    m_acceptOutput->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_acceptOutput->setAccessibleName(tr("Sec-WebSocket-Accept"));
    connect(m_keyInput, &QLineEdit::textChanged, this, [this](const QString &key) {
        m_acceptOutput->setText(
                key.trimmed().isEmpty()
                        ? tr("type a key to see the accept a server must answer")
                        : QString::fromLatin1(HandshakeExplainer::acceptKey(key.toLatin1())));
    });
    m_acceptOutput->setText(tr("type a key to see the accept a server must answer"));
    calculator->addRow(tr("Sec-WebSocket-&Key:"), m_keyInput);
    calculator->addRow(tr("Sec-WebSocket-Accept:"), m_acceptOutput);
    auto *note
            = new QLabel(tr("Accept = base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11)), "
                            "RFC 6455 section 4.2.2."),
                         page);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addLayout(calculator);
    layout->addWidget(note);
    return page;
}

QWidget *InspectorPanel::createFramesTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *bar = new QHBoxLayout;
    m_direction = new QComboBox(page);
    m_direction->addItem(tr("Both ways"), int(FrameFilter::DirectionFilter::Both));
    m_direction->addItem(tr("↓ Received"), int(FrameFilter::DirectionFilter::In));
    m_direction->addItem(tr("↑ Sent"), int(FrameFilter::DirectionFilter::Out));
    m_direction->setAccessibleName(tr("Direction"));
    m_kind = new QComboBox(page);
    m_kind->addItem(tr("Everything"), -1);
    m_kind->addItem(tr("Messages"), 0);
    m_kind->addItem(tr("Control frames"), 1);
    m_kind->addItem(tr("States and errors"), 2);
    m_kind->setAccessibleName(tr("Kind"));
    m_search = new QLineEdit(page);
    m_search->setPlaceholderText(tr("Filter…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Filter text"));
    m_regex = new QCheckBox(tr("Re&gex"), page);
    m_pause = new QPushButton(tr("Pause"), page);
    m_pause->setCheckable(true);
    auto *clear = new QPushButton(tr("Clear"), page);
    bar->addWidget(m_direction);
    bar->addWidget(m_kind);
    bar->addStretch(1);
    bar->addWidget(m_pause);
    bar->addWidget(clear);
    layout->addLayout(bar);
    auto *searchBar = new QHBoxLayout;
    searchBar->addWidget(m_search, 1);
    searchBar->addWidget(m_regex);
    layout->addLayout(searchBar);
    m_filterStatus = new QLabel(page);
    layout->addWidget(m_filterStatus);

    auto *split = new QSplitter(Qt::Vertical, page);
    m_frameView = new QTableView(split);
    m_frameView->setModel(m_filter);
    m_frameView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_frameView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_frameView->verticalHeader()->hide();
    m_frameView->verticalHeader()->setDefaultSectionSize(m_frameView->fontMetrics().height() + 6);
    m_frameView->horizontalHeader()->setStretchLastSection(true);
    m_frameView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_frameView->horizontalHeader()->setSectionResizeMode(EventLogModel::SummaryColumn,
                                                          QHeaderView::Stretch);
    m_frameView->setWordWrap(false);
    m_frameView->setAccessibleName(tr("Frames"));
    m_frameDetails = new QPlainTextEdit(split);
    m_frameDetails->setReadOnly(true);
    m_frameDetails->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_frameDetails->setPlaceholderText(tr("Select a frame to see it in full."));
    m_frameDetails->setAccessibleName(tr("Frame details"));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_direction, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setDirectionFilter(
                FrameFilter::DirectionFilter(m_direction->currentData().toInt()));
        updateFilterStatus();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        using K = ConnectionEvent::Kind;
        switch (m_kind->currentData().toInt()) {
        case 0:
            m_filter->setKinds({K::MessageIn, K::MessageOut});
            break;
        case 1:
            m_filter->setKinds({K::Ping, K::Pong, K::Close});
            break;
        case 2:
            m_filter->setKinds({K::State, K::Handshake, K::Error, K::Reconnect});
            break;
        default:
            m_filter->setKinds({});
            break;
        }
        updateFilterStatus();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateFilterStatus();
    });
    connect(m_regex, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setSearchMode(on ? FrameFilter::SearchMode::RegularExpression
                                   : FrameFilter::SearchMode::Substring);
        updateFilterStatus();
    });
    connect(m_pause, &QPushButton::toggled, this, [this](bool paused) {
        m_events->setPaused(paused);
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        updateFilterStatus();
    });
    connect(m_events, &EventLogModel::pausedCountChanged, this, &InspectorPanel::updateFilterStatus);
    connect(m_events, &EventLogModel::droppedCountChanged, this,
            &InspectorPanel::updateFilterStatus);
    // Clear empties the table only: the log stays whole for the timeline, health and export.
    connect(clear, &QPushButton::clicked, this, [this] {
        m_events->flush();
        const int rows = m_events->rowCount();
        m_filter->setShowAfterSeq(rows > 0 ? m_events->eventAt(rows - 1).seq : 0);
        updateFilterStatus();
    });
    connect(m_frameView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InspectorPanel::updateFrameDetails);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        // Follow the newest frame unless the user is reading an older one.
        if (!m_frameView->selectionModel()->hasSelection())
            m_frameView->scrollToBottom();
    });
    // The counts are refreshed at most every 100 ms, not once per row. Throttled, not
    // debounced: a timer restarted by every row would never fire while frames keep coming.
    m_statusPending.setSingleShot(true);
    m_statusPending.setInterval(100);
    connect(&m_statusPending, &QTimer::timeout, this, &InspectorPanel::updateFilterStatus);
    const auto scheduleStatus = [this] {
        if (!m_statusPending.isActive())
            m_statusPending.start();
    };
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_filter),
                                      static_cast<QAbstractItemModel *>(m_events)}) {
        // The log's own rows count too ("N of M shown"), whatever the filter made of them.
        connect(model, &QAbstractItemModel::rowsInserted, this, scheduleStatus);
        connect(model, &QAbstractItemModel::rowsRemoved, this, scheduleStatus);
        connect(model, &QAbstractItemModel::modelReset, this, scheduleStatus);
        connect(model, &QAbstractItemModel::layoutChanged, this, scheduleStatus);
    }
    return page;
}

QWidget *InspectorPanel::createHealthTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    const char *names[HealthRowCount] = {
            QT_TR_NOOP("Messages in / out:"), QT_TR_NOOP("Bytes in / out:"),
            QT_TR_NOOP("Pings / pongs:"),     QT_TR_NOOP("Round trip now:"),
            QT_TR_NOOP("Min / mean / max:"),  QT_TR_NOOP("Last frame:"),
            QT_TR_NOOP("Reconnects:"),        QT_TR_NOOP("Errors:"),
    };
    for (int i = 0; i < HealthRowCount; ++i) {
        m_healthLabels[i] = new QLabel(page);
        m_healthLabels[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(tr(names[i]), m_healthLabels[i]);
    }
    layout->addLayout(form);
    m_sparkline = new Sparkline(page);
    layout->addWidget(m_sparkline);
    layout->addStretch(1);
    return page;
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
    if (connection)
        connect(connection, &ConnectionManager::stateChanged, this, &InspectorPanel::updateState);
    updateState();
    updateHandshake();
    updateHealth();
    updateFilterStatus();
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
    if (reconnecting) {
        const qint64 ms = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(
                                                      c->nextAttemptAt()));
        m_countdown->setText(tr("Next attempt in %1 s (attempt %2).")
                                     .arg((ms + 999) / 1000)
                                     .arg(c->lastClose().attempt + 1));
    } else {
        m_countdown->setText(QString());
    }
}

void InspectorPanel::updateHandshake()
{
    if (!m_events->log() || m_events->log()->size() == 0) {
        m_handshake->setPlainText(tr("No handshake yet."));
        return;
    }
    // The newest request and response, from the log.
    QJsonObject request;
    QJsonObject response;
    const EventLog *log = m_events->log();
    for (int i = log->size() - 1; i >= 0 && request.isEmpty(); --i) {
        const ConnectionEvent &e = log->at(i);
        if (e.kind != ConnectionEvent::Kind::Handshake)
            continue;
        const QString phase = e.fields.value(EventField::phase).toString();
        if (phase == EventValue::response && response.isEmpty())
            response = e.fields;
        else if (phase == EventValue::request)
            request = e.fields;
    }
    QString html;
    auto row = [](const QString &name, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
                .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    html += QStringLiteral("<h3>%1</h3><p>GET %2</p><table>")
                    .arg(tr("Request").toHtmlEscaped(),
                         request.value(EventField::url).toString().toHtmlEscaped());
    const QJsonObject headers = request.value(EventField::headers).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        html += row(it.key(), it.value().toString());
    html += QStringLiteral("</table>");
    QStringList offered;
    for (const QJsonValue &v : request.value(EventField::offered).toArray())
        offered.append(v.toString());
    html += QStringLiteral("<h3>%1</h3><table>").arg(tr("Subprotocol").toHtmlEscaped());
    html += row(tr("Offered, in order"),
                offered.isEmpty() ? tr("none") : offered.join(QStringLiteral(", ")));
    html += row(tr("Chosen by the server"),
                response.isEmpty() ? tr("(no answer yet)")
                                   : (response.value(EventField::chosen).toString().isEmpty()
                                              ? tr("none")
                                              : response.value(EventField::chosen).toString()));
    html += QStringLiteral("</table>");
    // Why the last attempt failed, in plain words.
    const int last = m_timeline->rowCount() - 1;
    if (last >= 0 && m_timeline->currentState() == ConnectionStateMachine::State::Closed) {
        const QString why = HandshakeExplainer::explain(m_timeline->closeInfo(last),
                                                        m_timeline->attempt(last));
        if (!why.isEmpty()) {
            html += QStringLiteral("<h3>%1</h3><p>%2</p>")
                            .arg(tr("Why it failed").toHtmlEscaped(), why.toHtmlEscaped());
            const CloseInfo info = m_timeline->closeInfo(last);
            if (!info.certificateFingerprint.isEmpty()) {
                html += QStringLiteral("<table>") + row(tr("Certificate"), info.certificateSubject)
                        + row(tr("SHA-256"), info.certificateFingerprint)
                        + QStringLiteral("</table>");
            }
        }
    }
    m_handshake->setHtml(html);
}

void InspectorPanel::updateHealth()
{
    const ConnectionHealth *h = m_health;
    auto ms = [](qint64 v) {
        return v < 0 ? QStringLiteral("—") : tr("%1 ms").arg(v);
    };
    m_healthLabels[MessagesRow]->setText(tr("%1 / %2").arg(h->messagesIn()).arg(h->messagesOut()));
    m_healthLabels[BytesRow]->setText(
            tr("%1 / %2").arg(dataSizeText(h->bytesIn()), dataSizeText(h->bytesOut())));
    m_healthLabels[PingsRow]->setText(tr("%1 / %2").arg(h->pings()).arg(h->pongs()));
    m_healthLabels[RttRow]->setText(ms(h->rttMs()));
    m_healthLabels[RttRangeRow]->setText(
            tr("%1 / %2 / %3")
                    .arg(ms(h->minRttMs()),
                         h->meanRttMs() < 0 ? QStringLiteral("—")
                                            : tr("%1 ms").arg(h->meanRttMs(), 0, 'f', 1),
                         ms(h->maxRttMs())));
    const qint64 since = h->msSinceLastFrame();
    m_healthLabels[LastFrameRow]->setText(
            since < 0 ? QStringLiteral("—")
                      : tr("%1 ago").arg(TimelineDelegate::durationText(since)));
    m_healthLabels[ReconnectsRow]->setText(QString::number(h->reconnects()));
    m_healthLabels[ErrorsRow]->setText(QString::number(h->errors()));
    m_sparkline->setValues(h->recentRtts());
}

void InspectorPanel::updateFrameDetails()
{
    const QModelIndex current = m_frameView->currentIndex();
    if (!current.isValid()) {
        m_frameDetails->clear();
        return;
    }
    const QString pretty = current.data(EventLogModel::PrettyJsonRole).toString();
    const auto opcode = EventLogModel::Opcode(current.data(EventLogModel::OpcodeRole).toInt());
    QString text;
    if (!pretty.isEmpty())
        text = pretty;
    else if (opcode == EventLogModel::Opcode::Binary)
        text = current.data(EventLogModel::HexRole).toString();
    else
        text = QString::fromUtf8(
                QJsonDocument(current.data(EventLogModel::TraceJsonRole).toJsonObject())
                        .toJson(QJsonDocument::Indented));
    if (current.data(EventLogModel::TruncatedRole).toBool())
        text += QLatin1Char('\n') + tr("(the preview is shortened; the message was larger)");
    m_frameDetails->setPlainText(text);

    // Cross-link: a frame that carried a chat message selects it in the chat.
    const QJsonDocument doc = QJsonDocument::fromJson(
            current.data(EventLogModel::PreviewRole).toString().toUtf8());
    const QString id = doc.object().value(QLatin1String("id")).toString();
    if (!id.isEmpty())
        emit messageSelected(id);
}

bool InspectorPanel::selectFrameForMessage(const QString &id)
{
    if (id.isEmpty())
        return false;
    // Newest first: the echo that confirmed the message is the most telling frame. The id must
    // be the frame's own (top-level), not one inside a history it carried.
    for (int row = m_filter->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = m_filter->index(row, 0);
        const QString preview = index.data(EventLogModel::PreviewRole).toString();
        if (!preview.contains(id))
            continue;
        if (QJsonDocument::fromJson(preview.toUtf8()).object().value(QLatin1String("id")).toString()
            == id) {
            QSignalBlocker blocker(this);
            m_frameView->setCurrentIndex(index);
            m_frameView->scrollTo(index);
            return true;
        }
    }
    return false;
}

void InspectorPanel::updateFilterStatus()
{
    QStringList notes;
    if (!m_filter->isSearchValid())
        notes.append(m_filter->searchError());
    if (m_events->isPaused())
        notes.append(tr("paused: %1 new events not shown").arg(m_events->pausedCount()));
    if (m_events->droppedCount() > 0)
        notes.append(tr("%1 older events dropped").arg(m_events->droppedCount()));
    notes.append(tr("%1 of %2 shown").arg(m_filter->rowCount()).arg(m_events->rowCount()));
    m_filterStatus->setText(notes.join(QStringLiteral(" · ")));
    QPalette pal = m_search->palette();
    pal.setColor(QPalette::Text, m_filter->isSearchValid() ? palette().color(QPalette::Text)
                                                           : Theme::failed(palette()));
    m_search->setPalette(pal);
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
