#pragma once

// Small helpers shared by the benchmarks: statistics over samples, process memory and CPU time
// from /proc, and a description of the machine. Header-only so each benchmark stays one target.

#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <unistd.h>

namespace Bench {

/// Order statistics of a list of samples (nearest-rank percentiles).
struct Stats
{
    int count = 0;
    double median = 0;
    double p95 = 0;
    double p99 = 0;
    double min = 0;
    double max = 0;
    double mean = 0;
};

inline double percentile(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1));
}

inline Stats stats(QList<double> samples)
{
    Stats s;
    if (samples.isEmpty())
        return s;
    std::sort(samples.begin(), samples.end());
    s.count = int(samples.size());
    s.median = percentile(samples, 50);
    s.p95 = percentile(samples, 95);
    s.p99 = percentile(samples, 99);
    s.min = samples.constFirst();
    s.max = samples.constLast();
    double sum = 0;
    for (double v : std::as_const(samples))
        sum += v;
    s.mean = sum / double(samples.size());
    return s;
}

inline double median(const QList<double> &samples)
{
    return stats(samples).median;
}

/// A field of /proc/<pid>/status in KiB (VmRSS, VmHWM, …); -1 if it cannot be read.
inline qint64 procStatusKiB(const QString &field, qint64 pid = 0)
{
    QFile file(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid)
                       : QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = field.toLatin1() + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            const QList<QByteArray> parts = line.mid(prefix.size()).simplified().split(' ');
            return parts.isEmpty() ? -1 : parts.constFirst().toLongLong();
        }
    }
    return -1;
}

inline qint64 rssKiB(qint64 pid = 0)
{
    return procStatusKiB(QStringLiteral("VmRSS"), pid);
}

/// CPU time (user + system) a process has used, in milliseconds; -1 if it cannot be read.
inline double cpuMs(qint64 pid = 0)
{
    QFile file(pid > 0 ? QStringLiteral("/proc/%1/stat").arg(pid)
                       : QStringLiteral("/proc/self/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // The command name may hold spaces; the fields after it are counted from its closing ')'.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = fields.at(11).toDouble() + fields.at(12).toDouble(); // utime, stime
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

inline QString cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromLatin1(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return QStringLiteral("unknown");
}

inline QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> parts = file.readAll().split(' ');
    return parts.size() >= 3
                   ? QString::fromLatin1(parts.at(0) + ' ' + parts.at(1) + ' ' + parts.at(2))
                   : QString();
}

/// One line about the machine and the Qt in use, printed at the top of every report.
inline QString machineLine()
{
    return QStringLiteral("machine: %1 cores, %2, %3, Qt %4, load average %5")
            .arg(QThread::idealThreadCount())
            .arg(cpuModel(), QSysInfo::prettyProductName(), QString::fromLatin1(qVersion()),
                 loadAverage());
}

inline QString fixed(double value, int decimals = 2)
{
    return QString::number(value, 'f', decimals);
}

} // namespace Bench
