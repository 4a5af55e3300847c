#pragma once

// The one key=value line parlor-bench prints (docs/PERFORMANCE.md, "parlor-bench"), for the tests
// that run it.

#include <QMap>
#include <QString>
#include <QStringList>

/// The key=value summary line, or an empty map if the output has none that parses.
inline QMap<QString, QString> parseBenchSummary(const QString &output)
{
    QMap<QString, QString> fields;
    const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.size() != 1)
        return {};
    for (const QString &item : lines.first().split(QLatin1Char(' '))) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        if (equals <= 0 || equals == item.size() - 1)
            return {};
        fields.insert(item.left(equals), item.mid(equals + 1));
    }
    return fields;
}
