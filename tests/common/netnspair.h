#pragma once

#include <QString>
#include <QStringList>

/// Two network namespaces joined by a veth pair, made by a test and removed when it ends: two
/// computers on one small LAN (10.N.M.1/24 and 10.N.M.2/24, broadcast and multicast working as
/// on an Ethernet), for LAN tests that must not see the host's own network or each other.
/// Needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN) and `ip` from iproute2.
class NetnsPair
{
public:
    enum Side { A, B };

    NetnsPair();
    /// Removes both namespaces; the veth pair goes with them.
    ~NetnsPair();
    NetnsPair(const NetnsPair &) = delete;
    NetnsPair &operator=(const NetnsPair &) = delete;

    /// Makes the namespaces, the link and the addresses. False with errorString() if it
    /// cannot (not root, no iproute2, no veth).
    bool create();
    QString errorString() const { return m_error; }
    /// True if the failure was about permission, not about the test's own mistake: the only
    /// case where a test may skip.
    bool deniedByPermission() const { return m_denied; }

    /// A command prefix that runs a program in \a side's namespace: `ip netns exec NAME`.
    QStringList wrapper(Side side) const;
    QString address(Side side) const;
    QString interfaceName(Side side) const;
    /// Switches multicast off (or on again) on \a side's link, as a network that filters it
    /// would: IFF_MULTICAST cleared, so programs there see an interface without multicast.
    bool setMulticast(Side side, bool on);

private:
    bool ip(const QStringList &arguments);

    QString m_names[2];
    QString m_links[2];
    QString m_addresses[2];
    bool m_created[2] = {false, false};
    QString m_error;
    bool m_denied = false;
};
