#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

namespace Parlor {

/// Tells a screen reader that messages arrived, as a notification it speaks without the user
/// moving there: one message as its sentence ("jun, 14:03: lunch?"), a burst as one count ("5 new
/// messages in Lunch room"), never more often than every quietMs.
///
/// Qt 6.4 has no announcement event (QAccessibleAnnouncementEvent is 6.8), and its AT-SPI
/// bridge drops QAccessible::Alert and TableModelChanged events, while Orca speaks a name
/// change only for the object that has the focus. What it does speak is an object with the
/// notification role becoming shown (object:state-changed:showing, which the bridge sends for
/// QAccessible::ObjectShow): it reads the object's name, as it does for desktop notifications.
/// So this widget has the Notification role, is named after the announcement, and says
/// ObjectShow each time; it is a 1 px widget, below its siblings, painted by nobody.
class ChatAnnouncer : public QWidget
{
    Q_OBJECT

public:
    /// No two announcements closer than this: what arrives in between is counted into one.
    static constexpr int quietMs = 1500;

    explicit ChatAnnouncer(QWidget *parent = nullptr);

    /// The room the messages arrive in, named in the count of a burst.
    void setRoomName(const QString &room) { m_room = room; }
    /// \a count live messages of others arrived; \a sentence is the last one's, spoken when it
    /// is the only one.
    void add(int count, const QString &sentence);
    /// Forgets what waits (another room is shown).
    void clear();
    QString lastAnnouncement() const { return accessibleName(); }

signals:
    /// What was just given to the screen reader.
    void announced(const QString &text);

private:
    void announce();

    QString m_room;
    int m_pending = 0;
    QString m_sentence;
    QElapsedTimer m_sinceLast;
    QTimer m_timer;
};

} // namespace Parlor
