#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLineEdit;
class QSpinBox;
QT_END_NAMESPACE

namespace Parlor {

class AppSettings;

/// Preferences: nickname, theme, font size, time format, notifications, Enter behaviour,
/// language. Stored with QSettings when accepted.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(AppSettings &settings, QWidget *parent = nullptr);

    void accept() override;

private:
    AppSettings &m_settings;
    QLineEdit *m_nick = nullptr;
    QComboBox *m_theme = nullptr;
    QSpinBox *m_fontSize = nullptr;
    QComboBox *m_timeFormat = nullptr;
    QComboBox *m_notify = nullptr;
    QComboBox *m_enter = nullptr;
    QComboBox *m_language = nullptr;
};

} // namespace Parlor
