#include "chatannouncer.h"

#include <QAccessible>
#include <QAccessibleWidget>

namespace Parlor {

namespace {

// The announcer is a notification to assistive technology (see the class comment); any other
// widget keeps Qt's own interface.
QAccessibleInterface *announcerInterface(const QString &className, QObject *object)
{
    if (className == QLatin1String(ChatAnnouncer::staticMetaObject.className())
        && object->isWidgetType()) {
        return new QAccessibleWidget(static_cast<QWidget *>(object), QAccessible::Notification);
    }
    return nullptr;
}

} // namespace

ChatAnnouncer::ChatAnnouncer(QWidget *parent)
    : QWidget(parent)
{
    static const bool installed = [] {
        QAccessible::installFactory(announcerInterface);
        return true;
    }();
    Q_UNUSED(installed);
    setObjectName(QStringLiteral("chatAnnouncer"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFocusPolicy(Qt::NoFocus);
    setGeometry(0, 0, 1, 1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ChatAnnouncer::announce);
}

void ChatAnnouncer::add(int count, const QString &sentence)
{
    // Not skipped when QAccessible::isActive() is false: a screen reader may start later, and
    // the name it then finds should be the latest news; a count and a timer cost nothing.
    if (count <= 0)
        return;
    m_pending += count;
    m_sentence = sentence;
    if (m_timer.isActive())
        return;
    const qint64 since = m_sinceLast.isValid() ? m_sinceLast.elapsed() : qint64(quietMs);
    if (since >= quietMs)
        announce();
    else
        m_timer.start(int(quietMs - since));
}

void ChatAnnouncer::clear()
{
    m_timer.stop();
    m_pending = 0;
    m_sentence.clear();
}

void ChatAnnouncer::announce()
{
    if (m_pending <= 0)
        return;
    // A count is two or more (one message is said as itself): no plural forms needed.
    const QString count = QString::number(m_pending);
    const QString text = m_pending == 1     ? m_sentence
                         : m_room.isEmpty() ? tr("%1 new messages").arg(count)
                                            : tr("%1 new messages in %2").arg(count, m_room);
    m_pending = 0;
    m_sentence.clear();
    m_sinceLast.start();
    setAccessibleName(text);
    QAccessibleEvent event(this, QAccessible::ObjectShow);
    QAccessible::updateAccessibility(&event);
    emit announced(text);
}

} // namespace Parlor
