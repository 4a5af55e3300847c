#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace Parlor {

/// "Replying to mina: …" above the compose box while the next message answers another one, with
/// a button that drops the reply. Hidden when there is none.
class ReplyStrip : public QWidget
{
    Q_OBJECT

public:
    explicit ReplyStrip(QWidget *parent = nullptr);

    /// The next message answers message \a seq by \a nick, whose text is \a text.
    void setTarget(qint64 seq, const QString &nick, const QString &text);
    /// The seq the next message answers; 0: none.
    qint64 target() const { return m_seq; }
    QString labelText() const;
    QToolButton *closeButton() const { return m_close; }

public slots:
    /// No reply (sent, or dropped by the user): hides the strip.
    void cancel();

signals:
    /// The user dropped the reply (the × button).
    void cancelled();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_label = nullptr;
    QToolButton *m_close = nullptr;
    qint64 m_seq = 0;
    QString m_nick;
    QString m_excerpt;
};

} // namespace Parlor
