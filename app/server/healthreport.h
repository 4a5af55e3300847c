#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Parlor {

/// What parlor-server's health endpoint says (HealthServer): healthy or not and why, and the
/// figures /metrics lists in Prometheus' text format.
struct HealthReport
{
    struct Metric
    {
        QByteArray name; ///< parlor_…; counters end in _total
        QByteArray help;
        QByteArray type; ///< "gauge" or "counter"
        double value = 0;
    };

    bool healthy = true;
    QString problem; ///< why not, in English (for operators' tools)
    QList<Metric> metrics;

    void add(const QByteArray &name, const QByteArray &type, double value, const QByteArray &help)
    {
        metrics.append(Metric{name, help, type, value});
    }
    /// The report as Prometheus' text exposition format (version 0.0.4).
    QByteArray prometheusText() const;
    /// {"status":"ok"} or {"status":"degraded","problem":"…"}.
    QByteArray healthJson() const;
};

} // namespace Parlor
