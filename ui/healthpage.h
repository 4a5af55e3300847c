#pragma once

#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace Parlor {

class ConnectionHealth;
class Sparkline;

/// The inspector's Health tab: a ConnectionHealth's counters and round-trip times as a form, and
/// the recent round trips as a sparkline. "Last frame" ages on its own, so it ticks twice a
/// second as well as on every change.
class HealthPage : public QWidget
{
    Q_OBJECT

public:
    /// Shows \a health (not owned).
    explicit HealthPage(ConnectionHealth *health, QWidget *parent = nullptr);

    /// Shows the numbers as they are now.
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    enum Row {
        MessagesRow,
        BytesRow,
        PingsRow,
        RttRow,
        RttRangeRow,
        LastFrameRow,
        ReconnectsRow,
        ErrorsRow,
        RowCount
    };

    ConnectionHealth *m_health = nullptr;
    QTimer m_tick;
    QLabel *m_labels[RowCount] = {};
    QLabel *m_names[RowCount] = {};
    Sparkline *m_sparkline = nullptr;
};

} // namespace Parlor
