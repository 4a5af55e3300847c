#include "hostdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QVBoxLayout>

namespace Parlor {

HostDialog::HostDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Host a Room"));
    const RoomConfig defaults;
    QSettings settings;
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_name = new QLineEdit(settings.value(QStringLiteral("host/name"), defaultRoomName()).toString(),
                           this);
    m_name->setAccessibleName(tr("Room name"));
    form->addRow(tr("Room &name:"), m_name);

    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setValue(settings.value(QStringLiteral("host/port"), RoomConfig::DefaultPort).toInt());
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setAccessibleName(tr("Port"));
    form->addRow(tr("&Port:"), m_port);

    m_network = new QRadioButton(tr("Everyone on my &network"), this);
    m_local = new QRadioButton(tr("Only this &computer"), this);
    (settings.value(QStringLiteral("host/localOnly")).toBool() ? m_local : m_network)
            ->setChecked(true);
    // Under "my network", indented: finding the room nearby only means something there.
    m_announce = new QCheckBox(tr("&Let people nearby find it"), this);
    m_announce->setChecked(rememberedAnnounce());
    m_announce->setAccessibleName(tr("Let people nearby find the room"));
    m_announce->setAccessibleDescription(
            tr("The room appears in the Join a Room dialog of Parlor on other computers of your "
               "network, and in parlor-cli --discover. Turn it off to share the address "
               "yourself."));
    m_announce->setToolTip(m_announce->accessibleDescription());
    auto *announceRow = new QHBoxLayout;
    announceRow->addSpacing(style()->pixelMetric(QStyle::PM_IndicatorWidth)
                            + style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing));
    announceRow->addWidget(m_announce);
    auto *reach = new QVBoxLayout;
    reach->addWidget(m_network);
    reach->addLayout(announceRow);
    reach->addWidget(m_local);
    form->addRow(tr("Who can join:"), reach);
    m_announce->setEnabled(m_network->isChecked());
    connect(m_network, &QRadioButton::toggled, m_announce, &QWidget::setEnabled);

    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("no password"));
    m_password->setAccessibleName(tr("Password"));
    form->addRow(tr("Pass&word (optional):"), m_password);

    m_maxPeers = new QSpinBox(this);
    m_maxPeers->setRange(2, 10000);
    m_maxPeers->setValue(settings.value(QStringLiteral("host/maxPeers"), defaults.maxPeers).toInt());
    m_maxPeers->setAccessibleName(tr("Maximum people"));
    form->addRow(tr("&Maximum people:"), m_maxPeers);

    m_history = new QSpinBox(this);
    m_history->setRange(0, 100000);
    m_history->setValue(
            settings.value(QStringLiteral("host/history"), defaults.historyLength).toInt());
    m_history->setSuffix(tr(" events"));
    m_history->setAccessibleName(tr("History kept"));
    form->addRow(tr("&History kept:"), m_history);

    m_keepHistory = new QCheckBox(tr("&Keep history on this computer"), this);
    m_keepHistory->setChecked(rememberedHistory() == SessionController::History::Kept);
    m_keepHistory->setAccessibleName(tr("Keep history on this computer"));
    form->addRow(QString(), m_keepHistory);
    QString rooms = QDir::toNativeSeparators(
            QFileInfo(SessionController::historyDirectory(QStringLiteral("x"))).absolutePath());
    const QString home = QDir::toNativeSeparators(QDir::homePath());
    if (rooms.startsWith(home + QDir::separator()))
        rooms.replace(0, home.size(), QStringLiteral("~"));
    auto *keepNote = new QLabel(tr("Messages stay when you stop hosting or quit Parlor, and come "
                                   "back when you host a room of the same name again. They are "
                                   "kept in %1.")
                                        .arg(rooms),
                                this);
    keepNote->setWordWrap(true);
    keepNote->setForegroundRole(QPalette::PlaceholderText);
    m_keepHistory->setAccessibleDescription(keepNote->text());
    form->addRow(QString(), keepNote);

    m_tls = new QCheckBox(tr("&Encrypt connections (wss://)"), this);
    m_tls->setChecked(settings.value(QStringLiteral("host/tls"), false).toBool());
    m_tls->setAccessibleName(tr("Encrypt connections"));
    form->addRow(QString(), m_tls);

    auto *note = new QLabel(this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    // Says what the choice means for the people who join, as the choice changes.
    auto explain = [this, note] {
        note->setText(m_tls->isChecked()
                              ? tr("Messages and the password are encrypted. Parlor makes a "
                                   "certificate for this computer once; people joining are asked "
                                   "to trust it the first time — its fingerprint is shown in the "
                                   "banner for them to compare.")
                              : tr("Messages travel unencrypted (ws://) on your network. The room "
                                   "closes when you stop hosting or quit Parlor."));
        m_tls->setAccessibleDescription(note->text());
    };
    explain();
    connect(m_tls, &QCheckBox::toggled, this, explain);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start Hosting"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_name->text().trimmed().isEmpty()) {
            m_name->setFocus();
            return;
        }
        QSettings s;
        s.setValue(QStringLiteral("host/name"), m_name->text().trimmed());
        s.setValue(QStringLiteral("host/port"), m_port->value());
        s.setValue(QStringLiteral("host/localOnly"), m_local->isChecked());
        s.setValue(QStringLiteral("host/maxPeers"), m_maxPeers->value());
        s.setValue(QStringLiteral("host/history"), m_history->value());
        s.setValue(QStringLiteral("host/keepHistory"), m_keepHistory->isChecked());
        s.setValue(QStringLiteral("host/tls"), m_tls->isChecked());
        s.setValue(QStringLiteral("host/announce"), m_announce->isChecked());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &HostDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

QString HostDialog::defaultRoomName()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? tr("Parlor room") : tr("%1's room").arg(user);
}

SessionController::History HostDialog::rememberedHistory()
{
    // On unless turned off: a chat that forgets everything when its host restarts surprises
    // people more than one that remembers (on the host's own computer, and said so here).
    return QSettings().value(QStringLiteral("host/keepHistory"), true).toBool()
                   ? SessionController::History::Kept
                   : SessionController::History::InMemory;
}

bool HostDialog::rememberedAnnounce()
{
    // On unless turned off: finding a room without dictating an address is what LAN chat is for.
    return QSettings().value(QStringLiteral("host/announce"), true).toBool();
}

SessionController::History HostDialog::history() const
{
    return m_keepHistory->isChecked() ? SessionController::History::Kept
                                      : SessionController::History::InMemory;
}

RoomConfig HostDialog::config() const
{
    RoomConfig c;
    c.roomName = m_name->text().trimmed();
    c.password = m_password->text();
    c.maxPeers = m_maxPeers->value();
    c.historyLength = m_history->value();
    c.announce = m_network->isChecked() && m_announce->isChecked();
    c.tls = m_tls->isChecked(); // SessionController keeps the certificate (tlsDirectory())
    return c;
}

quint16 HostDialog::port() const
{
    return quint16(m_port->value());
}

QHostAddress HostDialog::bindAddress() const
{
    return m_local->isChecked() ? QHostAddress(QHostAddress::LocalHost)
                                : QHostAddress(QHostAddress::Any);
}

} // namespace Parlor
