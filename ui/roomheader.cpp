#include "roomheader.h"

#include "client/chatsession.h"
#include "client/mentionmodel.h"
#include "client/messagemodel.h"
#include "connectionbadge.h"
#include "elidedlabel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QToolButton>

#include <algorithm>

namespace Parlor {

namespace {

ElidedLabel *mutedLabel(QWidget *parent)
{
    auto *label = new ElidedLabel(parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

RoomHeader::RoomHeader(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("header"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(12);
    m_badge = new ConnectionBadge(this);
    m_urlLabel = new QLabel(this);
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_protocolLabel = mutedLabel(this);
    m_rttLabel = mutedLabel(this);
    m_plainHint = mutedLabel(this);
    m_plainHint->hide();
    // The words may be cut short on a narrow window (with "…", the whole text in the tooltip; the
    // address is in its tooltip too), the buttons may not: a long address or the plain-mode hint must never make the window wider
    // than the screen, or push the Inspector button off it.
    m_urlLabel->setMinimumWidth(80);
    layout->addWidget(m_badge);
    layout->addWidget(m_urlLabel);
    layout->addWidget(m_protocolLabel);
    layout->addWidget(m_rttLabel);
    layout->addWidget(m_plainHint);
    layout->addStretch(1);
    // Made in the order they stand, left to right: the order Tab visits them.
    m_mentionsButton = new QToolButton(this);
    m_mentionsButton->setObjectName(QStringLiteral("mentionsButton"));
    m_mentionsMenu = new QMenu(m_mentionsButton);
    m_mentionsButton->setMenu(m_mentionsMenu);
    m_mentionsButton->setPopupMode(QToolButton::InstantPopup);
    m_joinButton = new QToolButton(this);
    m_joinButton->setObjectName(QStringLiteral("joinButton"));
    connect(m_joinButton, &QToolButton::clicked, this, &RoomHeader::joinClicked);
    m_hostButton = new QToolButton(this);
    m_hostButton->setObjectName(QStringLiteral("hostButton"));
    connect(m_hostButton, &QToolButton::clicked, this, &RoomHeader::hostClicked);
    m_inspectorButton = new QToolButton(this);
    m_inspectorButton->setObjectName(QStringLiteral("inspectorButton"));
    connect(m_inspectorButton, &QToolButton::clicked, this, &RoomHeader::inspectorClicked);
    layout->addWidget(m_mentionsButton);
    layout->addWidget(m_joinButton);
    layout->addWidget(m_hostButton);
    layout->addWidget(m_inspectorButton);
    retranslateUi();
}

QWidget *RoomHeader::lastTabStop() const
{
    return m_inspectorButton;
}

void RoomHeader::retranslateUi()
{
    m_urlLabel->setAccessibleName(tr("Room address"));
    m_protocolLabel->setAccessibleName(tr("Subprotocol"));
    m_rttLabel->setAccessibleName(tr("Round-trip time"));
    m_inspectorButton->setText(tr("Inspector"));
    m_inspectorButton->setToolTip(tr("See what the connection is doing (Ctrl+I)"));
    m_hostButton->setText(tr("Host"));
    m_hostButton->setToolTip(tr("Host a room on this computer (Ctrl+H)"));
    m_joinButton->setText(tr("Join"));
    m_joinButton->setToolTip(tr("Join a room (Ctrl+K)"));
    m_mentionsButton->setToolTip(tr("Messages that mention you or answer you"));
    updateMentions();
}

void RoomHeader::setMentions(MentionModel *mentions)
{
    if (m_mentions)
        m_mentions->disconnect(this);
    m_mentions = mentions;
    if (mentions) {
        // Mentions are few: the menu is made again whenever the list changes.
        connect(mentions, &QAbstractItemModel::rowsInserted, this, &RoomHeader::updateMentions);
        connect(mentions, &QAbstractItemModel::rowsRemoved, this, &RoomHeader::updateMentions);
        connect(mentions, &QAbstractItemModel::modelReset, this, &RoomHeader::updateMentions);
        connect(mentions, &QAbstractItemModel::layoutChanged, this, &RoomHeader::updateMentions);
    }
    updateMentions();
}

void RoomHeader::updateMentions()
{
    const int count = m_mentions ? m_mentions->rowCount() : 0;
    m_mentionsButton->setText(count > 0 ? tr("Mentions (%1)").arg(count) : tr("Mentions"));
    m_mentionsButton->setAccessibleName(m_mentionsButton->text());
    // There only when there is something to list: the header's buttons must fit a small screen
    // with the inspector open.
    m_mentionsButton->setVisible(count > 0);
    m_mentionsMenu->clear();
    // The newest, at most this many: a menu, not a history.
    constexpr int shown = 30;
    for (int row = std::max(0, count - shown); row < count; ++row) {
        const QModelIndex i = m_mentions->index(row, 0);
        const QString time
                = QLocale().toString(i.data(MessageModel::TimeRole).toDateTime().toLocalTime().time(),
                                     QLocale::ShortFormat);
        QString text = i.data(MessageModel::TextRole).toString().simplified();
        if (text.size() > 60)
            text = text.left(60) + QChar(0x2026);
        const QString label = tr("%1  %2: %3")
                                      .arg(time, i.data(MessageModel::SenderRole).toString(), text);
        QString menuLabel = label;
        menuLabel.replace(u'&', QStringLiteral("&&")); // a nickname's & is no shortcut
        m_mentionsMenu->addAction(menuLabel, this, [this, row] {
            if (m_mentions)
                emit mentionChosen(m_mentions->messageRow(row));
        });
    }
}

void RoomHeader::changeEvent(QEvent *event)
{
    // The session's words (address, subprotocol) come again with the window's showSession().
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RoomHeader::showSession(ChatSession *session)
{
    const ConnectionManager *c = session ? session->connection() : nullptr;
    const auto state = c ? c->state() : ConnectionStateMachine::State::Closed;
    const bool open = c && state == ConnectionStateMachine::State::Open;
    m_badge->setState(state, c && c->isReconnectScheduled());
    m_urlLabel->setText(c ? c->options().url.toString() : tr("not connected"));
    m_urlLabel->setToolTip(c ? c->options().url.toString() : QString());
    m_protocolLabel->setFullText(
            open ? (c->subprotocol().isEmpty() ? tr("no subprotocol") : c->subprotocol())
                 : QString());
    m_rttLabel->setFullText(open && c->lastRttMs() >= 0 ? tr("rtt %1 ms").arg(c->lastRttMs())
                                                        : QString());
    // Plain and STOMP connections have no room behind them: say what the user gets instead.
    const ChatSession::Mode mode = session ? session->mode() : ChatSession::Mode::Unknown;
    if (mode == ChatSession::Mode::Plain) {
        m_plainHint->setFullText(tr("plain WebSocket — messages are shown as sent"));
    } else if (mode == ChatSession::Mode::Stomp) {
        m_plainHint->setFullText(
                tr("STOMP broker, %1 — no member list or history")
                        .arg(QString::fromUtf8(session->stompTarget().destination)));
    }
    m_plainHint->setVisible(mode == ChatSession::Mode::Plain || mode == ChatSession::Mode::Stomp);
}

} // namespace Parlor
