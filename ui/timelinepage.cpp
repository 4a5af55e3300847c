#include "timelinepage.h"

#include "client/connectionmanager.h"
#include "inspector/statetimeline.h"
#include "timelinedelegate.h"

#include <QDateTime>
#include <QLabel>
#include <QListView>
#include <QVBoxLayout>

#include <algorithm>

namespace Parlor {

TimelinePage::TimelinePage(StateTimeline *timeline, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_view = new QListView(this);
    m_view->setModel(timeline);
    m_view->setItemDelegate(new TimelineDelegate(m_view));
    m_view->setUniformItemSizes(false);
    m_countdown = new QLabel(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_countdown);
    connect(timeline, &QAbstractItemModel::rowsInserted, m_view, &QListView::scrollToBottom);
    retranslateUi();
}

void TimelinePage::retranslateUi()
{
    m_view->setAccessibleName(tr("State timeline"));
    // The rows are worded as they are drawn: measure them again.
    m_view->doItemsLayout();
}

void TimelinePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TimelinePage::showCountdown(const ConnectionManager *connection)
{
    if (!connection || !connection->isReconnectScheduled()) {
        m_countdown->setText(QString());
        return;
    }
    const qint64 ms = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(
                                                  connection->nextAttemptAt()));
    m_countdown->setText(tr("Next attempt in %1 s (attempt %2).")
                                 .arg((ms + 999) / 1000)
                                 .arg(connection->lastClose().attempt + 1));
}

} // namespace Parlor
