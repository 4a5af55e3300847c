#include "healthpage.h"

#include "core/datasize.h"
#include "inspector/connectionhealth.h"
#include "sparkline.h"
#include "timelinedelegate.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Parlor {

HealthPage::HealthPage(ConnectionHealth *health, QWidget *parent)
    : QWidget(parent)
    , m_health(health)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    for (int i = 0; i < RowCount; ++i) {
        m_labels[i] = new QLabel(this);
        m_labels[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_names[i] = new QLabel(this);
        form->addRow(m_names[i], m_labels[i]);
    }
    layout->addLayout(form);
    m_sparkline = new Sparkline(this);
    layout->addWidget(m_sparkline);
    layout->addStretch(1);

    connect(m_health, &ConnectionHealth::changed, this, &HealthPage::refresh);
    m_tick.setInterval(500);
    connect(&m_tick, &QTimer::timeout, this, &HealthPage::refresh);
    m_tick.start();
    retranslateUi();
}

void HealthPage::retranslateUi()
{
    static const char *const names[RowCount] = {
            QT_TR_NOOP("Messages in / out:"), QT_TR_NOOP("Bytes in / out:"),
            QT_TR_NOOP("Pings / pongs:"),     QT_TR_NOOP("Round trip now:"),
            QT_TR_NOOP("Min / mean / max:"),  QT_TR_NOOP("Last frame:"),
            QT_TR_NOOP("Reconnects:"),        QT_TR_NOOP("Errors:"),
    };
    for (int i = 0; i < RowCount; ++i)
        m_names[i]->setText(tr(names[i]));
    refresh();
}

void HealthPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void HealthPage::refresh()
{
    const ConnectionHealth *h = m_health;
    auto ms = [](qint64 v) {
        return v < 0 ? QStringLiteral("—") : tr("%1 ms").arg(v);
    };
    m_labels[MessagesRow]->setText(tr("%1 / %2").arg(h->messagesIn()).arg(h->messagesOut()));
    m_labels[BytesRow]->setText(
            tr("%1 / %2").arg(dataSizeText(h->bytesIn()), dataSizeText(h->bytesOut())));
    m_labels[PingsRow]->setText(tr("%1 / %2").arg(h->pings()).arg(h->pongs()));
    m_labels[RttRow]->setText(ms(h->rttMs()));
    m_labels[RttRangeRow]->setText(
            tr("%1 / %2 / %3")
                    .arg(ms(h->minRttMs()),
                         h->meanRttMs() < 0 ? QStringLiteral("—")
                                            : tr("%1 ms").arg(h->meanRttMs(), 0, 'f', 1),
                         ms(h->maxRttMs())));
    const qint64 since = h->msSinceLastFrame();
    m_labels[LastFrameRow]->setText(
            since < 0 ? QStringLiteral("—")
                      : tr("%1 ago").arg(TimelineDelegate::durationText(since)));
    m_labels[ReconnectsRow]->setText(QString::number(h->reconnects()));
    m_labels[ErrorsRow]->setText(QString::number(h->errors()));
    m_sparkline->setValues(h->recentRtts());
}

} // namespace Parlor
