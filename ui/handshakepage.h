#pragma once

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QTextBrowser;
QT_END_NAMESPACE

namespace Parlor {

class EventLog;
class StateTimeline;

/// The inspector's Handshake tab: the newest upgrade request and response from the event log,
/// the subprotocol offered and chosen, why the last attempt failed in plain words, and RFC
/// 6455's accept computation for checking a server by hand.
class HandshakePage : public QWidget
{
    Q_OBJECT

public:
    /// Explains failures with \a timeline (not owned), refreshing as it grows.
    explicit HandshakePage(StateTimeline *timeline, QWidget *parent = nullptr);

    /// Reads the request and response from \a log (not owned); nullptr shows none.
    void setLog(EventLog *log);
    /// Shows the log and the timeline as they are now.
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QPointer<EventLog> m_log;
    StateTimeline *m_timeline = nullptr;
    QTextBrowser *m_handshake = nullptr;
    QLineEdit *m_keyInput = nullptr;
    QLabel *m_acceptOutput = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLabel *m_acceptLabel = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace Parlor
