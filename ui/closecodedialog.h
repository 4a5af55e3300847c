#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
QT_END_NAMESPACE

namespace Parlor {

/// Asks for a WebSocket close code and reason: for closing our own connection from the
/// inspector, and for kicking a peer from the hosting view. Says what the code means, refuses
/// codes that may not be sent and reasons longer than a close frame carries (123 UTF-8 bytes),
/// and warns about codes Qt 6.4 peers cannot read.
class CloseCodeDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CloseCodeDialog(QWidget *parent = nullptr);

    /// A sentence above the fields (what will happen).
    void setIntro(const QString &text);
    void setAcceptText(const QString &text);

    void setCode(int code);
    int code() const;
    void setReason(const QString &reason);
    QString reason() const;

    /// Whether code() and reason() can be sent as they are.
    bool isAcceptable() const;

private:
    void update();

    QLabel *m_intro = nullptr;
    QSpinBox *m_code = nullptr;
    QLabel *m_meaning = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_reasonSize = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Parlor
