#pragma once

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
QT_END_NAMESPACE

namespace Parlor {

class PeerModel;
class RoomHost;

/// The inspector's hosting view: every connection to the room this app hosts (address,
/// nickname, subprotocols offered and chosen, Origin, since when, traffic, round trip, queue),
/// refreshed by the room's reports; ping a peer, or kick it with a close code and reason.
class PeersView : public QWidget
{
    Q_OBJECT

public:
    explicit PeersView(QWidget *parent = nullptr);

    /// Follows \a host (not owned); nullptr shows nothing.
    void setRoomHost(RoomHost *host);

    PeerModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    /// The peer id of the selected row; -1 when none is selected.
    int selectedPeerId() const;

    /// Asks for a code and reason, then kicks the selected peer.
    void kickSelected();
    void pingSelected();

signals:
    void peerCountChanged(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateSummary();
    void updateButtons();
    void showContextMenu(const QPoint &pos);

    QPointer<RoomHost> m_host;
    PeerModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_ping = nullptr;
    QPushButton *m_kick = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace Parlor
