#include "connectionstatus.h"

#include "client/chatsession.h"

#include <QDateTime>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>

#include <algorithm>

namespace Parlor {

ConnectionStatus::ConnectionStatus(QStatusBar *bar)
    : QObject(bar)
{
    m_text = new QLabel(bar);
    m_tryNow = new QPushButton(bar);
    m_tryNow->setFlat(true);
    m_tryNow->hide();
    connect(m_tryNow, &QPushButton::clicked, this, &ConnectionStatus::tryNowClicked);
    bar->addWidget(m_text);
    bar->addWidget(m_tryNow);
    retranslateUi();
}

void ConnectionStatus::retranslateUi()
{
    m_tryNow->setText(tr("Try Now"));
}

void ConnectionStatus::showSession(ChatSession *session)
{
    const ConnectionManager *c = session ? session->connection() : nullptr;
    QString text;
    bool showTry = false;
    if (!c) {
        text = tr("Not connected");
    } else {
        switch (c->state()) {
        case ConnectionStateMachine::State::Connecting:
            text = tr("Connecting…");
            break;
        case ConnectionStateMachine::State::Open:
            // A plain connection has nothing to join.
            text = session->isJoined() || session->mode() == ChatSession::Mode::Plain
                           ? tr("Connected")
                           : tr("Joining…");
            break;
        case ConnectionStateMachine::State::Closing:
            text = tr("Closing…");
            break;
        case ConnectionStateMachine::State::Closed:
            if (c->isReconnectScheduled()) {
                const qint64 ms = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(
                                                              c->nextAttemptAt()));
                text = tr("Reconnecting in %1 s").arg((ms + 999) / 1000);
                showTry = true;
            } else {
                text = tr("Disconnected");
            }
            break;
        }
        const int pending = session->pendingCount();
        if (pending > 0 && c->state() != ConnectionStateMachine::State::Open)
            text += QStringLiteral(" · ") + tr("waiting to be sent: %1").arg(pending);
    }
    m_text->setText(text);
    m_tryNow->setVisible(showTry);
}

} // namespace Parlor
