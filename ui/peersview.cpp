#include "peersview.h"

#include "closecodedialog.h"
#include "peerdelegate.h"
#include "protocol/protocol.h"
#include "server/peermodel.h"
#include "server/roomhost.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Parlor {

PeersView::PeersView(QWidget *parent)
    : QWidget(parent)
    , m_model(new PeerModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(PeerModel::SortRole);
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_summary = new QLabel(this);
    m_ping = new QPushButton(this);
    m_kick = new QPushButton(this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_ping);
    top->addWidget(m_kick);

    m_table = new QTableView(this);
    m_table->setModel(m_sorted);
    m_table->setItemDelegate(new PeerDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PeerModel::AddressColumn, Qt::AscendingOrder); // connection order
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(false);
    // The one column of free-form length takes what is left; a long Origin is elided (the row's
    // tool tip has it whole) rather than pushing the numbers out of sight.
    m_table->horizontalHeader()->setSectionResizeMode(PeerModel::OriginColumn, QHeaderView::Stretch);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);

    connect(m_ping, &QPushButton::clicked, this, &PeersView::pingSelected);
    connect(m_kick, &QPushButton::clicked, this, &PeersView::kickSelected);
    connect(m_table, &QWidget::customContextMenuRequested, this, &PeersView::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PeersView::updateButtons);
    // A report can turn the selected peer into a leaving one.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &PeersView::updateButtons);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_model, signal, this, [this] {
            updateSummary();
            updateButtons();
            emit peerCountChanged(m_model->rowCount());
        });
    }
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateSummary();
        updateButtons();
        emit peerCountChanged(0);
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &PeersView::updateSummary);
    retranslateUi();
    updateButtons();
}

void PeersView::retranslateUi()
{
    m_ping->setText(tr("Ping Peer"));
    m_ping->setToolTip(tr("Ping the selected peer and measure the round trip"));
    m_kick->setText(tr("Kick Peer…"));
    m_kick->setToolTip(tr("Close the selected peer's connection with a code and reason"));
    m_table->setAccessibleName(tr("Peers"));
    updateSummary();
}

void PeersView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PeersView::setRoomHost(RoomHost *host)
{
    if (m_host)
        m_host->disconnect(this);
    m_host = host;
    m_model->clear();
    if (host)
        connect(host, &RoomHost::peersChanged, m_model, &PeerModel::setPeers);
}

int PeersView::selectedPeerId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    return rows.first().data(PeerModel::PeerIdRole).toInt();
}

void PeersView::updateSummary()
{
    int members = 0;
    int plain = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const PeerInfo &p = m_model->peerAt(row);
        if (p.joined && p.leaving.isEmpty()) {
            ++members;
            if (p.mode == MemberMode::Plain)
                ++plain;
        }
    }
    if (m_model->rowCount() == 0)
        m_summary->setText(tr("Nobody is connected to your room."));
    else
        m_summary->setText(tr("Connections: %1 · in the room: %2 · plain clients: %3")
                                   .arg(m_model->rowCount())
                                   .arg(members)
                                   .arg(plain));
}

void PeersView::updateButtons()
{
    const int id = selectedPeerId();
    const int row = m_model->rowOf(id);
    const bool usable = row >= 0 && m_model->peerAt(row).leaving.isEmpty();
    m_ping->setEnabled(usable && m_host);
    m_kick->setEnabled(usable && m_host);
}

void PeersView::pingSelected()
{
    const int id = selectedPeerId();
    if (m_host && id >= 0)
        m_host->ping(id);
}

void PeersView::kickSelected()
{
    const int id = selectedPeerId();
    const int row = m_model->rowOf(id);
    if (!m_host || row < 0)
        return;
    const PeerInfo peer = m_model->peerAt(row);
    const QString who = peer.nick.isEmpty() ? PeerModel::endpoint(peer) : peer.nick;
    CloseCodeDialog dialog(this);
    dialog.setWindowTitle(tr("Kick %1").arg(who));
    dialog.setIntro(tr("Close the connection of %1 (%2). Everyone in the room sees them leave "
                       "with the reason “kicked”; a Parlor client does not reconnect after 4002.")
                            .arg(who, PeerModel::endpoint(peer)));
    dialog.setCode(CloseCode::Kicked);
    dialog.setReason(tr("removed by the host"));
    dialog.setAcceptText(tr("Kick"));
    if (dialog.exec() == QDialog::Accepted && m_host)
        m_host->kick(id, dialog.code(), dialog.reason());
}

void PeersView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    m_table->selectRow(index.row());
    const int row = m_model->rowOf(index.data(PeerModel::PeerIdRole).toInt());
    if (row < 0)
        return;
    const PeerInfo peer = m_model->peerAt(row);
    QMenu menu(this);
    QAction *ping = menu.addAction(tr("Ping"), this, &PeersView::pingSelected);
    QAction *kick = menu.addAction(tr("Kick…"), this, &PeersView::kickSelected);
    ping->setEnabled(m_ping->isEnabled());
    kick->setEnabled(m_kick->isEnabled());
    menu.addSeparator();
    menu.addAction(tr("Copy Address"), this,
                   [peer] { QApplication::clipboard()->setText(PeerModel::endpoint(peer)); });
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace Parlor
