#pragma once

#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace Parlor {

class EventLogModel;
class FrameFilter;

/// The inspector's Frames tab: every message and control frame of an EventLogModel as a table,
/// filtered by direction, kind and text (a FrameFilter), with pause and clear, a status line
/// ("N of M shown") and the selected frame in full below.
class FramesPage : public QWidget
{
    Q_OBJECT

public:
    /// Shows \a filter (not owned) over \a events (not owned).
    FramesPage(EventLogModel *events, FrameFilter *filter, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    /// Selects the frame that carried the chat message \a id, if it is still shown, without
    /// emitting messageSelected().
    bool selectFrameForMessage(const QString &id);
    /// Refreshes the status line now (it follows the models on its own, at most every 100 ms).
    void updateStatus();

signals:
    /// The selected frame carried the chat message \a id.
    void messageSelected(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void setKindChoice(int choice);
    void clearTable();
    void updateDetails();

    EventLogModel *m_events = nullptr;
    FrameFilter *m_filter = nullptr;
    QTimer m_statusPending;

    QComboBox *m_direction = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_regex = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_details = nullptr;
};

} // namespace Parlor
