#include "connectdialog.h"

#include "appsettings.h"
#include "client/serverlist.h"
#include "protocol/protocol.h"
#include "theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Parlor {

ConnectDialog::ConnectDialog(AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Join a Room"));
    auto *form = new QFormLayout;
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    // A Parlor room (or any WebSocket server), or a destination on a STOMP broker.
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("A Parlor room or another WebSocket server"), int(Kind::Room));
    m_kind->addItem(tr("A STOMP broker (RabbitMQ Web-STOMP and others)"), int(Kind::Stomp));
    m_kind->setAccessibleName(tr("What to join"));
    form->addRow(tr("&Join:"), m_kind);

    // Rooms nearby first: on a LAN, picking beats typing an address.
    m_nearby = new QTreeView(this);
    m_nearby->setModel(&m_nearbyModel);
    m_nearby->setRootIsDecorated(false);
    m_nearby->setUniformRowHeights(true);
    m_nearby->setAllColumnsShowFocus(true);
    m_nearby->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_nearby->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_nearby->setAccessibleName(tr("Rooms nearby"));
    m_nearby->setAccessibleDescription(tr("Rooms announced on your network. Double-click or "
                                          "press Enter to join one."));
    m_nearby->header()->setStretchLastSection(false);
    m_nearby->header()->setSectionResizeMode(NearbyRoomModel::NameColumn, QHeaderView::Stretch);
    for (int c : {NearbyRoomModel::AddressColumn, NearbyRoomModel::PeopleColumn,
                  NearbyRoomModel::AccessColumn}) {
        m_nearby->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    m_nearby->setMinimumHeight(m_nearby->header()->sizeHint().height()
                               + 4 * m_nearby->fontMetrics().height() * 3 / 2);
    // Wide enough for a room name, a wss:// address, the people and the access at once.
    m_nearby->setMinimumWidth(m_nearby->fontMetrics().averageCharWidth() * 78);
    m_nearbyStatus = new QLabel(this);
    m_nearbyStatus->setWordWrap(true);
    m_nearbyStatus->setForegroundRole(QPalette::PlaceholderText);
    m_nearbyBox = new QWidget(this);
    auto *nearbyBox = new QVBoxLayout(m_nearbyBox);
    nearbyBox->setContentsMargins(QMargins());
    nearbyBox->addWidget(m_nearby);
    nearbyBox->addWidget(m_nearbyStatus);
    auto *nearbyLabel = new QLabel(tr("Rooms &nearby:"), this);
    nearbyLabel->setBuddy(m_nearby);
    form->addRow(nearbyLabel, m_nearbyBox);

    m_url = new QComboBox(this);
    m_url->setEditable(true);
    m_url->addItems(settings.recentServers());
    m_url->setCurrentText(QString());
    m_url->lineEdit()->setPlaceholderText(QStringLiteral("ws://192.168.1.20:5870"));
    m_url->setAccessibleName(tr("Room address"));
    // The focus is in the editable box's line edit: it is what a screen reader names.
    m_url->lineEdit()->setAccessibleName(tr("Room address"));
    m_url->setToolTip(tr("The room's address. A room served by several servers: their addresses "
                         "separated by commas, tried in turn when one is lost."));
    m_url->setMinimumContentsLength(32);
    form->addRow(tr("Room &address:"), m_url);

    m_nick = new QLineEdit(settings.nick(), this);
    m_nick->setAccessibleName(tr("Nickname"));
    form->addRow(tr("&Nickname:"), m_nick);

    const ChatSession::StompTarget stomp = settings.lastStompTarget();
    m_destination = new QLineEdit(QString::fromUtf8(stomp.destination), this);
    m_destination->setAccessibleName(tr("Destination"));
    m_destination->setToolTip(tr("Where the lines go on the broker: /topic/NAME gives every line "
                                 "to everyone there; /queue/NAME gives each line to one reader."));
    form->addRow(tr("&Destination:"), m_destination);
    m_login = new QLineEdit(QString::fromUtf8(stomp.login), this);
    m_login->setPlaceholderText(tr("none"));
    m_login->setAccessibleName(tr("Login"));
    form->addRow(tr("&Login (optional):"), m_login);
    m_passcode = new QLineEdit(this);
    m_passcode->setEchoMode(QLineEdit::Password);
    m_passcode->setAccessibleName(tr("Passcode"));
    m_passcode->setToolTip(tr("Sent to the broker only; never stored."));
    form->addRow(tr("Pass&code:"), m_passcode);
    m_vhost = new QLineEdit(QString::fromUtf8(stomp.host), this);
    m_vhost->setAccessibleName(tr("Virtual host"));
    form->addRow(tr("&Virtual host:"), m_vhost);
    // Broken by hand, not word-wrapped: a wrapped label as a QFormLayout field (its height
    // depending on its width) left another row no height at all on Qt 6.4.
    m_stompHint = new QLabel(tr("A broker keeps no member list and no history for Parlor:\n"
                                "you see the lines sent while you are there."),
                             this);
    m_stompHint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), m_stompHint);

    m_protocols = new QListWidget(this);
    m_protocols->addItems(settings.subprotocols());
    m_protocols->setAccessibleName(tr("Subprotocols to offer, most preferred first"));
    m_protocols->setMaximumHeight(m_protocols->sizeHintForRow(0) * 5 + 8);
    auto *up = new QToolButton(this);
    up->setText(tr("Up"));
    up->setAccessibleName(tr("Move subprotocol up"));
    auto *down = new QToolButton(this);
    down->setText(tr("Down"));
    down->setAccessibleName(tr("Move subprotocol down"));
    auto *remove = new QToolButton(this);
    remove->setText(tr("Remove"));
    m_newProtocol = new QLineEdit(this);
    m_newProtocol->setPlaceholderText(tr("Add a subprotocol…"));
    m_newProtocol->setAccessibleName(tr("New subprotocol"));
    auto *add = new QToolButton(this);
    add->setText(tr("Add"));
    connect(up, &QToolButton::clicked, this, [this] { moveProtocol(-1); });
    connect(down, &QToolButton::clicked, this, [this] { moveProtocol(+1); });
    connect(remove, &QToolButton::clicked, this, [this] { delete m_protocols->currentItem(); });
    auto addProtocol = [this] {
        const QString p = m_newProtocol->text().trimmed();
        if (!p.isEmpty() && m_protocols->findItems(p, Qt::MatchExactly).isEmpty())
            m_protocols->addItem(p);
        m_newProtocol->clear();
    };
    connect(add, &QToolButton::clicked, this, addProtocol);
    connect(m_newProtocol, &QLineEdit::returnPressed, this, addProtocol);
    // Return there adds the subprotocol; it must not also press the dialog's Join button.
    m_newProtocol->installEventFilter(this);
    auto *protocolButtons = new QVBoxLayout;
    protocolButtons->addWidget(up);
    protocolButtons->addWidget(down);
    protocolButtons->addWidget(remove);
    protocolButtons->addStretch();
    auto *protocolRow = new QHBoxLayout;
    protocolRow->addWidget(m_protocols, 1);
    protocolRow->addLayout(protocolButtons);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_newProtocol, 1);
    addRow->addWidget(add);
    m_protocolBox = new QWidget(this);
    auto *protocolBox = new QVBoxLayout(m_protocolBox);
    protocolBox->setContentsMargins(QMargins());
    protocolBox->addLayout(protocolRow);
    protocolBox->addLayout(addRow);
    auto *hint = new QLabel(tr("Offered in this order. parlor.v1 gives nicknames, presence and "
                               "history; any other subprotocol means plain text."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    protocolBox->addWidget(hint);
    auto *protocolLabel = new QLabel(tr("&Subprotocols:"), this);
    protocolLabel->setBuddy(m_protocols);
    form->addRow(protocolLabel, m_protocolBox);

    m_origin = new QLineEdit(this);
    m_origin->setPlaceholderText(tr("none"));
    m_origin->setAccessibleName(tr("Origin header"));
    form->addRow(tr("&Origin (optional):"), m_origin);

    m_proxy = new QLineEdit(this);
    m_proxy->setPlaceholderText(tr("system"));
    m_proxy->setAccessibleName(tr("Proxy"));
    m_proxy->setToolTip(tr("How to reach the room: empty for the system's proxy (never used for "
                           "localhost), none to connect directly, or "
                           "http://host:port or socks5://host:port. A proxy that wants a login: "
                           "user@host:port, and the password when asked. Remembered for this "
                           "room."));
    form->addRow(tr("&Proxy (optional):"), m_proxy);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    QPalette warn = m_problem->palette();
    warn.setColor(QPalette::WindowText, Theme::failed(palette()));
    m_problem->setPalette(warn);
    m_problem->setAccessibleName(tr("Problem"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Join"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_url, &QComboBox::currentTextChanged, this, &ConnectDialog::validate);
    connect(m_nick, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_destination, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectDialog::updateKind);
    connect(m_proxy, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_proxy, &QLineEdit::textEdited, this, [this] { m_proxyEdited = true; });
    // The proxy chosen for a room last time comes back with its address.
    connect(m_url, &QComboBox::currentTextChanged, this, [this] {
        if (m_proxyEdited)
            return;
        QString error;
        const QList<QUrl> all = ServerList::parse(m_url->currentText(), &error);
        m_proxy->setText(all.isEmpty() ? QString() : m_settings.proxyTextFor(ServerList::join(all)));
    });

    // Picking a room (click or arrow keys) fills in its address, so Enter joins it through the
    // Join button; double-clicking joins at once. Not QAbstractItemView::activated: some styles
    // activate on a single click, and a click should only choose.
    connect(m_nearby->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_url->setCurrentText(current.data(NearbyRoomModel::UrlRole).toUrl().toString());
            });
    connect(m_nearby, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        m_url->setCurrentText(index.data(NearbyRoomModel::UrlRole).toUrl().toString());
        if (m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
            accept();
    });
    connect(&m_nearbyModel, &QAbstractItemModel::rowsInserted, this,
            &ConnectDialog::updateNearbyStatus);
    connect(&m_nearbyModel, &QAbstractItemModel::rowsRemoved, this,
            &ConnectDialog::updateNearbyStatus);
    connect(&m_nearbyModel, &QAbstractItemModel::modelReset, this,
            &ConnectDialog::updateNearbyStatus);
    startBrowsing();

    updateKind();
    m_url->setFocus();
}

ConnectDialog::Kind ConnectDialog::kind() const
{
    return Kind(m_kind->currentData().toInt());
}

void ConnectDialog::setKind(Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void ConnectDialog::updateKind()
{
    const bool stomp = kind() == Kind::Stomp;
    // Rooms nearby and subprotocols are a Parlor room's; a broker speaks v12.stomp alone. A row
    // whose label and field are both hidden takes no room in a QFormLayout. (Not
    // QFormLayout::setRowVisible(): on Qt 6.4 a row shown again that way got no height.)
    // Only what changes is touched: showing a widget lays it out at once, before the dialog has
    // given it its size.
    auto showRow = [this](QWidget *field, bool visible) {
        for (QWidget *w : {field, m_form->labelForField(field)}) {
            if (w && w->isHidden() == visible)
                w->setVisible(visible);
        }
    };
    showRow(m_nearbyBox, !stomp);
    showRow(m_protocolBox, !stomp);
    for (QWidget *w : {static_cast<QWidget *>(m_destination), static_cast<QWidget *>(m_login),
                       static_cast<QWidget *>(m_passcode), static_cast<QWidget *>(m_vhost),
                       static_cast<QWidget *>(m_stompHint)}) {
        showRow(w, stomp);
    }
    if (auto *urlLabel = qobject_cast<QLabel *>(m_form->labelForField(m_url)))
        urlLabel->setText(stomp ? tr("Broker &address:") : tr("Room &address:"));
    m_url->lineEdit()->setPlaceholderText(stomp ? QStringLiteral("ws://localhost:15674/ws")
                                                : QStringLiteral("ws://192.168.1.20:5870"));
    validate();
    // The dialog fits what it now shows (a STOMP broker's rows are fewer than a room's). Before
    // it is shown, show() does that by itself.
    if (isVisible()) {
        layout()->activate();
        adjustSize();
    }
}

ChatSession::StompTarget ConnectDialog::stompTarget() const
{
    ChatSession::StompTarget target;
    if (kind() != Kind::Stomp)
        return target;
    target.destination = m_destination->text().trimmed().toUtf8();
    const QString vhost = m_vhost->text().trimmed();
    target.host = vhost.isEmpty() ? QByteArray("/") : vhost.toUtf8();
    target.login = m_login->text().toUtf8();
    target.passcode = m_passcode->text().toUtf8();
    return target;
}

void ConnectDialog::setStompTarget(const ChatSession::StompTarget &target)
{
    setKind(Kind::Stomp);
    m_destination->setText(QString::fromUtf8(target.destination));
    m_vhost->setText(QString::fromUtf8(target.host));
    m_login->setText(QString::fromUtf8(target.login));
    m_passcode->setText(QString::fromUtf8(target.passcode));
}

QString ConnectDialog::destinationProblem(const QString &destination)
{
    const QString d = destination.trimmed();
    if (d.isEmpty())
        return tr("Enter a destination, for example /topic/parlor.");
    for (const QChar c : d) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return tr("A destination cannot contain control or invisible characters.");
    }
    return {};
}

void ConnectDialog::setNearbyOptions(const RoomBrowser::Options &options)
{
    m_browser.setOptions(options);
    startBrowsing();
}

void ConnectDialog::startBrowsing()
{
    m_nearbyModel.setBrowser(nullptr);
    m_browsing = m_browser.start();
    m_nearbyModel.setBrowser(&m_browser);
    updateNearbyStatus();
}

void ConnectDialog::updateNearbyStatus()
{
    if (!m_browsing) {
        m_nearbyStatus->setText(tr("Cannot look for rooms nearby: %1").arg(m_browser.errorString()));
    } else if (m_nearbyModel.rowCount() == 0) {
        m_nearbyStatus->setText(tr("Looking for rooms on your network… Rooms hosted with Parlor "
                                   "appear here; for others, type the address."));
    } else {
        m_nearbyStatus->setText(tr("Double-click a room to join it."));
    }
}

QString ConnectDialog::urlProblem(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return tr("Enter the address of a room, for example ws://192.168.1.20:5870.");
    if (!t.contains(QLatin1Char(',')))
        return singleUrlProblem(t);
    // Several servers of one room (failover): each entry as strict as a single address, and the
    // message names the entry, since the list may be long.
    for (const QString &entry : t.split(QLatin1Char(','))) {
        const QString e = entry.trimmed();
        if (e.isEmpty()) {
            return tr("The list of servers has an empty entry (two commas in a row, or a comma at "
                      "the start or end).");
        }
        const QString problem = singleUrlProblem(e);
        if (!problem.isEmpty())
            return tr("“%1”: %2").arg(e, problem);
    }
    QString error;
    if (ServerList::parse(t, &error).isEmpty())
        return error; // listed twice, or too many
    return {};
}

QString ConnectDialog::singleUrlProblem(const QString &t)
{
    const QUrl url(t, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || scheme.isEmpty())
        return tr("This is not a valid address.");
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        return tr("Use ws:// (or wss:// for an encrypted connection) instead of %1://.").arg(scheme);
    if (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))
        return tr("The address must start with ws:// or wss://.");
    if (url.host().isEmpty())
        return tr("The address has no host name.");
    return {};
}

QString ConnectDialog::nickProblemText(const QString &nick)
{
    const int max = ProtocolLimits().maxNickLength;
    if (nick.trimmed().isEmpty())
        return tr("Choose a nickname.");
    if (!nickProblem(nick, max))
        return {};
    if (nick.toUcs4().size() > max)
        return tr("A nickname can have at most %1 characters.").arg(max);
    if (nick.front().isSpace() || nick.back().isSpace())
        return tr("A nickname cannot start or end with a space.");
    return tr("A nickname cannot contain control or invisible characters.");
}

void ConnectDialog::validate()
{
    QString problem = urlProblem(m_url->currentText());
    if (problem.isEmpty())
        problem = nickProblemText(m_nick->text());
    if (problem.isEmpty() && kind() == Kind::Stomp)
        problem = destinationProblem(m_destination->text());
    if (problem.isEmpty())
        ProxySetting::parse(m_proxy->text(), nullptr, &problem);
    // Before anything is typed the hint is shown as a hint, not as an error.
    m_problem->setText(m_url->currentText().trimmed().isEmpty() ? QString() : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void ConnectDialog::moveProtocol(int step)
{
    const int row = m_protocols->currentRow();
    const int target = row + step;
    if (row < 0 || target < 0 || target >= m_protocols->count())
        return;
    QListWidgetItem *item = m_protocols->takeItem(row);
    m_protocols->insertItem(target, item);
    m_protocols->setCurrentRow(target);
}

bool ConnectDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_newProtocol && event->type() == QEvent::KeyPress) {
        const auto key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            emit m_newProtocol->returnPressed();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ConnectDialog::setUrl(const QString &url)
{
    m_url->setEditText(url);
}

QUrl ConnectDialog::url() const
{
    const QList<QUrl> all = servers();
    return all.isEmpty() ? QUrl(m_url->currentText().trimmed()) : all.constFirst();
}

QList<QUrl> ConnectDialog::servers() const
{
    const QString text = m_url->currentText().trimmed();
    if (!text.contains(QLatin1Char(',')))
        return {QUrl(text)};
    return ServerList::parse(text);
}

QString ConnectDialog::nick() const
{
    return m_nick->text();
}

QStringList ConnectDialog::subprotocols() const
{
    QStringList result;
    for (int i = 0; i < m_protocols->count(); ++i)
        result.append(m_protocols->item(i)->text());
    return result;
}

QString ConnectDialog::origin() const
{
    return m_origin->text().trimmed();
}

ProxySetting ConnectDialog::proxy() const
{
    ProxySetting setting;
    ProxySetting::parse(m_proxy->text(), &setting);
    return setting;
}

void ConnectDialog::accept()
{
    validate();
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    // A list is remembered as it was typed (tidied), so it can be chosen again as a whole.
    m_settings.addRecentServer(ServerList::join(servers()));
    m_settings.setNick(nick());
    m_settings.setSubprotocols(subprotocols());
    m_settings.setProxyFor(ServerList::join(servers()), proxy());
    if (kind() == Kind::Stomp) {
        ChatSession::StompTarget remembered = stompTarget();
        remembered.passcode.clear();
        m_settings.setLastStompTarget(remembered);
    }
    QDialog::accept();
}

} // namespace Parlor
