#pragma once

#include <QLabel>

namespace Parlor {

/// A one-line label that, when it has less room than its text needs, shows the text cut short
/// with "…" (instead of clipped mid-letter, as QLabel does) and the whole text as its tooltip.
/// Used in crowded rows such as the room header, which must never grow wider than the window.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    QString fullText() const { return m_fullText; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateElided();

    QString m_fullText;
};

} // namespace Parlor
