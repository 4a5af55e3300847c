#include "settingsdialog.h"

#include "appsettings.h"
#include "connectdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Parlor {

SettingsDialog::SettingsDialog(AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Preferences"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_nick = new QLineEdit(settings.nick(), this);
    form->addRow(tr("&Nickname:"), m_nick);

    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Follow the system"), int(AppSettings::Theme::System));
    m_theme->addItem(tr("Light"), int(AppSettings::Theme::Light));
    m_theme->addItem(tr("Dark"), int(AppSettings::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(settings.theme())));
    form->addRow(tr("&Theme:"), m_theme);

    m_fontSize = new QSpinBox(this);
    m_fontSize->setRange(0, 48);
    m_fontSize->setSpecialValueText(tr("system size"));
    m_fontSize->setSuffix(tr(" pt"));
    m_fontSize->setValue(settings.fontPointSize());
    form->addRow(tr("&Font size:"), m_fontSize);

    m_timeFormat = new QComboBox(this);
    m_timeFormat->addItem(tr("24-hour (14:05)"), QStringLiteral("HH:mm"));
    m_timeFormat->addItem(tr("12-hour (2:05 PM)"), QStringLiteral("h:mm AP"));
    m_timeFormat->addItem(tr("With seconds (14:05:09)"), QStringLiteral("HH:mm:ss"));
    const int timeIndex = m_timeFormat->findData(settings.timeFormat());
    m_timeFormat->setCurrentIndex(timeIndex < 0 ? 0 : timeIndex);
    form->addRow(tr("T&imes:"), m_timeFormat);

    m_notify = new QComboBox(this);
    m_notify->addItem(tr("When someone mentions me"), int(AppSettings::Notify::Mentions));
    m_notify->addItem(tr("For every message"), int(AppSettings::Notify::All));
    m_notify->addItem(tr("Never"), int(AppSettings::Notify::None));
    m_notify->setCurrentIndex(m_notify->findData(int(settings.notify())));
    form->addRow(tr("N&otify me:"), m_notify);

    m_enter = new QComboBox(this);
    m_enter->addItem(tr("Enter sends, Shift+Enter starts a new line"), true);
    m_enter->addItem(tr("Ctrl+Enter sends, Enter starts a new line"), false);
    m_enter->setCurrentIndex(settings.enterSends() ? 0 : 1);
    form->addRow(tr("&Enter key:"), m_enter);

    m_language = new QComboBox(this);
    m_language->addItem(tr("Follow the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
    const int languageIndex = m_language->findData(settings.language());
    m_language->setCurrentIndex(languageIndex < 0 ? 0 : languageIndex);
    form->addRow(tr("&Language:"), m_language);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void SettingsDialog::accept()
{
    const QString problem = ConnectDialog::nickProblemText(m_nick->text());
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, windowTitle(), problem);
        m_nick->setFocus();
        return;
    }
    m_settings.setNick(m_nick->text());
    m_settings.setTheme(AppSettings::Theme(m_theme->currentData().toInt()));
    m_settings.setFontPointSize(m_fontSize->value());
    m_settings.setTimeFormat(m_timeFormat->currentData().toString());
    m_settings.setNotify(AppSettings::Notify(m_notify->currentData().toInt()));
    m_settings.setEnterSends(m_enter->currentData().toBool());
    m_settings.setLanguage(m_language->currentData().toString());
    QDialog::accept();
}

} // namespace Parlor
