#pragma once

#include <QList>
#include <QWidget>

namespace Parlor {

/// A small line chart of recent values (round-trip times), drawn with QPainter, with the
/// minimum and maximum marked.
class Sparkline : public QWidget
{
    Q_OBJECT

public:
    explicit Sparkline(QWidget *parent = nullptr);

    void setValues(const QList<qint64> &values);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<qint64> m_values;
};

} // namespace Parlor
