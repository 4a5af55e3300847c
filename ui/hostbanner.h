#pragma once

#include "desktop/sessioncontroller.h"

#include <QFrame>
#include <QList>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace Parlor {

/// The banner shown while this computer hosts the room: which room, who can join it, and the
/// addresses to tell the others, each with a button that copies it.
class HostBanner : public QFrame
{
    Q_OBJECT

public:
    explicit HostBanner(QWidget *parent = nullptr);

    /// Shows \a roomName, who can join (\a reach), the addresses others can use (\a urls) and
    /// the room's page for a browser (\a browserUrl; empty: none), and where the room keeps its
    /// history (\a historyLocation; empty: in memory only), and for a TLS room the SHA-256 of
    /// its certificate (\a tlsFingerprint), for joiners to compare with what their prompt shows.
    void showRoom(const QString &roomName, SessionController::Reach reach, const QList<QUrl> &urls,
                  const QUrl &browserUrl, const QString &historyLocation = {},
                  const QString &tlsFingerprint = {});
    /// The line that says whether the room keeps its history (hidden when it does not).
    QLabel *historyLabel() const { return m_history; }
    /// The line with the TLS certificate's fingerprint (hidden without TLS).
    QLabel *tlsLabel() const { return m_tls; }

private:
    void addUrl(const QString &prefix, const QUrl &url);

    QLabel *m_text = nullptr;
    QWidget *m_urls = nullptr;
    QLabel *m_history = nullptr;
    QLabel *m_tls = nullptr;
};

} // namespace Parlor
