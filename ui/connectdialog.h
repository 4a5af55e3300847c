#pragma once

#include <QDialog>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
QT_END_NAMESPACE

namespace Parlor {

class AppSettings;

/// "Join a room": URL (with recent servers), nickname, the ordered, editable list of
/// subprotocols to offer, and an optional Origin. Explains what is wrong before it lets go.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectDialog(AppSettings &settings, QWidget *parent = nullptr);

    QUrl url() const;
    QString nick() const;
    QStringList subprotocols() const;
    QString origin() const;
    void setUrl(const QString &url);

    /// Why \a text is not a usable room URL (translated), or empty.
    static QString urlProblem(const QString &text);
    /// Why \a nick cannot be used (translated), or empty.
    static QString nickProblemText(const QString &nick);

    void accept() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void validate();
    void moveProtocol(int step);

    AppSettings &m_settings;
    QComboBox *m_url = nullptr;
    QLineEdit *m_nick = nullptr;
    QListWidget *m_protocols = nullptr;
    QLineEdit *m_newProtocol = nullptr;
    QLineEdit *m_origin = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Parlor
