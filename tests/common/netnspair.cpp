#include "netnspair.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>

NetnsPair::NetnsPair()
{
    // Unique on this machine, so that tests running at once never share a namespace; the link
    // names stay within IFNAMSIZ (15 characters).
    const qint64 pid = QCoreApplication::applicationPid();
    const quint32 tag = QRandomGenerator::global()->bounded(1u << 20);
    const QString base = QStringLiteral("parlor-%1-%2").arg(pid).arg(tag, 0, 36);
    m_names[A] = base + QStringLiteral("-a");
    m_names[B] = base + QStringLiteral("-b");
    const QString link = QStringLiteral("pv%1").arg(tag, 0, 36);
    m_links[A] = link + QStringLiteral("a");
    m_links[B] = link + QStringLiteral("b");
    // 10.200-249.x.0/24: a subnet of its own per pair, clear of the usual 10.0.x networks.
    const int second = 200 + int(tag % 50);
    const int third = int((tag / 50) % 256);
    m_addresses[A] = QStringLiteral("10.%1.%2.1").arg(second).arg(third);
    m_addresses[B] = QStringLiteral("10.%1.%2.2").arg(second).arg(third);
}

NetnsPair::~NetnsPair()
{
    for (int side : {A, B}) {
        if (m_created[side])
            ip({QStringLiteral("netns"), QStringLiteral("delete"), m_names[side]});
    }
}

bool NetnsPair::ip(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("ip"), arguments);
    if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        const QString output = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        m_error = QStringLiteral("ip %1: %2")
                          .arg(arguments.join(u' '),
                               output.isEmpty() ? process.errorString() : output);
        m_denied = output.contains(QLatin1String("Operation not permitted"))
                   || output.contains(QLatin1String("Permission denied"));
        return false;
    }
    return true;
}

bool NetnsPair::create()
{
    for (int side : {A, B}) {
        if (!ip({QStringLiteral("netns"), QStringLiteral("add"), m_names[side]}))
            return false;
        m_created[side] = true;
    }
    if (!ip({QStringLiteral("link"), QStringLiteral("add"), m_links[A], QStringLiteral("netns"),
             m_names[A], QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
             QStringLiteral("name"), m_links[B], QStringLiteral("netns"), m_names[B]})) {
        return false;
    }
    for (int side : {A, B}) {
        const QString &ns = m_names[side];
        if (!ip({QStringLiteral("-n"), ns, QStringLiteral("addr"), QStringLiteral("add"),
                 m_addresses[side] + QStringLiteral("/24"), QStringLiteral("brd"),
                 QStringLiteral("+"), QStringLiteral("dev"), m_links[side]})
            || !ip({QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"),
                    m_links[side], QStringLiteral("up")})
            || !ip({QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"),
                    QStringLiteral("lo"), QStringLiteral("up")})) {
            return false;
        }
    }
    return true;
}

QStringList NetnsPair::wrapper(Side side) const
{
    return {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), m_names[side]};
}

QString NetnsPair::address(Side side) const
{
    return m_addresses[side];
}

QString NetnsPair::interfaceName(Side side) const
{
    return m_links[side];
}

bool NetnsPair::setMulticast(Side side, bool on)
{
    return ip({QStringLiteral("-n"), m_names[side], QStringLiteral("link"), QStringLiteral("set"),
               m_links[side], QStringLiteral("multicast"),
               on ? QStringLiteral("on") : QStringLiteral("off")});
}
