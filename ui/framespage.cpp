#include "framespage.h"

#include "inspector/eventlogmodel.h"
#include "inspector/framefilter.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Parlor {

FramesPage::FramesPage(EventLogModel *events, FrameFilter *filter, QWidget *parent)
    : QWidget(parent)
    , m_events(events)
    , m_filter(filter)
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_direction = new QComboBox(this);
    for (const auto direction :
         {FrameFilter::DirectionFilter::Both, FrameFilter::DirectionFilter::In,
          FrameFilter::DirectionFilter::Out}) {
        m_direction->addItem(QString(), int(direction));
    }
    m_kind = new QComboBox(this);
    for (const int kind : {-1, 0, 1, 2})
        m_kind->addItem(QString(), kind);
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_regex = new QCheckBox(this);
    m_pause = new QPushButton(this);
    m_pause->setCheckable(true);
    auto *clear = new QPushButton(this);
    m_clear = clear;
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
    m_status = new QLabel(this);
    layout->addWidget(m_status);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_view = new QTableView(split);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(EventLogModel::SummaryColumn,
                                                     QHeaderView::Stretch);
    m_view->setWordWrap(false);
    m_details = new QPlainTextEdit(split);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_direction, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setDirectionFilter(
                FrameFilter::DirectionFilter(m_direction->currentData().toInt()));
        updateStatus();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this,
            [this] { setKindChoice(m_kind->currentData().toInt()); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateStatus();
    });
    connect(m_regex, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setSearchMode(on ? FrameFilter::SearchMode::RegularExpression
                                   : FrameFilter::SearchMode::Substring);
        updateStatus();
    });
    connect(m_pause, &QPushButton::toggled, this, [this](bool paused) {
        m_events->setPaused(paused);
        retranslateUi();
    });
    connect(m_events, &EventLogModel::pausedCountChanged, this, &FramesPage::updateStatus);
    connect(m_events, &EventLogModel::droppedCountChanged, this, &FramesPage::updateStatus);
    connect(clear, &QPushButton::clicked, this, &FramesPage::clearTable);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FramesPage::updateDetails);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        // Follow the newest frame unless the user is reading an older one.
        if (!m_view->selectionModel()->hasSelection())
            m_view->scrollToBottom();
    });
    // The counts are refreshed at most every 100 ms, not once per row. Throttled, not
    // debounced: a timer restarted by every row would never fire while frames keep coming.
    m_statusPending.setSingleShot(true);
    m_statusPending.setInterval(100);
    connect(&m_statusPending, &QTimer::timeout, this, &FramesPage::updateStatus);
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
    retranslateUi();
}

void FramesPage::retranslateUi()
{
    m_direction->setItemText(0, tr("Both ways"));
    m_direction->setItemText(1, tr("↓ Received"));
    m_direction->setItemText(2, tr("↑ Sent"));
    m_direction->setAccessibleName(tr("Direction"));
    m_kind->setItemText(0, tr("Everything"));
    m_kind->setItemText(1, tr("Messages"));
    m_kind->setItemText(2, tr("Control frames"));
    m_kind->setItemText(3, tr("States and errors"));
    m_kind->setAccessibleName(tr("Kind"));
    m_search->setPlaceholderText(tr("Filter…"));
    m_search->setAccessibleName(tr("Filter text"));
    // The field's clear button is Qt's, with an icon and no words: name it for screen readers.
    for (QToolButton *clear : m_search->findChildren<QToolButton *>())
        clear->setAccessibleName(tr("Clear the filter"));
    m_regex->setText(tr("Re&gex"));
    m_pause->setText(m_pause->isChecked() ? tr("Resume") : tr("Pause"));
    m_clear->setText(tr("Clear"));
    m_view->setAccessibleName(tr("Frames"));
    m_details->setPlaceholderText(tr("Select a frame to see it in full."));
    m_details->setAccessibleName(tr("Frame details"));
    updateStatus();
}

void FramesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void FramesPage::setKindChoice(int choice)
{
    using K = ConnectionEvent::Kind;
    switch (choice) {
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
    updateStatus();
}

void FramesPage::clearTable()
{
    // The table only: the log stays whole for the timeline, health and export.
    m_events->flush();
    const int rows = m_events->rowCount();
    m_filter->setShowAfterSeq(rows > 0 ? m_events->eventAt(rows - 1).seq : 0);
    updateStatus();
}

void FramesPage::updateDetails()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const QString pretty = current.data(EventLogModel::PrettyJsonRole).toString();
    const auto opcode = EventLogModel::Opcode(current.data(EventLogModel::OpcodeRole).toInt());
    const QString stomp = current.data(EventLogModel::StompRole).toString();
    QString text;
    if (!stomp.isEmpty())
        text = stomp; // a STOMP frame: its command, headers and body, already laid out
    else if (!pretty.isEmpty())
        text = pretty;
    else if (opcode == EventLogModel::Opcode::Binary)
        text = current.data(EventLogModel::HexRole).toString();
    else
        text = QString::fromUtf8(
                QJsonDocument(current.data(EventLogModel::TraceJsonRole).toJsonObject())
                        .toJson(QJsonDocument::Indented));
    if (stomp.isEmpty() && current.data(EventLogModel::TruncatedRole).toBool())
        text += QLatin1Char('\n') + tr("(the preview is shortened; the message was larger)");
    m_details->setPlainText(text);

    // Cross-link: a frame that carried a chat message selects it in the chat.
    const QJsonDocument doc = QJsonDocument::fromJson(
            current.data(EventLogModel::PreviewRole).toString().toUtf8());
    const QString id = doc.object().value(QLatin1String("id")).toString();
    if (!id.isEmpty())
        emit messageSelected(id);
}

bool FramesPage::selectFrameForMessage(const QString &id)
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
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
            return true;
        }
    }
    return false;
}

void FramesPage::updateStatus()
{
    QStringList notes;
    if (!m_filter->isSearchValid())
        notes.append(m_filter->searchError());
    if (m_events->isPaused())
        notes.append(tr("paused: %1 new events not shown").arg(m_events->pausedCount()));
    if (m_events->droppedCount() > 0)
        notes.append(tr("%1 older events dropped").arg(m_events->droppedCount()));
    notes.append(tr("%1 of %2 shown").arg(m_filter->rowCount()).arg(m_events->rowCount()));
    m_status->setText(notes.join(QStringLiteral(" · ")));
    QPalette pal = m_search->palette();
    pal.setColor(QPalette::Text, m_filter->isSearchValid() ? palette().color(QPalette::Text)
                                                           : Theme::failed(palette()));
    m_search->setPalette(pal);
}

} // namespace Parlor
