#include "streamnotifier.h"

#include "nativepeerstream.h"

#include <QEvent>

namespace Parlor {

StreamNotifier::StreamNotifier(qintptr descriptor, Type type, NativePeerStream *stream)
    : QSocketNotifier(descriptor, type, stream)
    , m_stream(stream)
{}

StreamNotifier::~StreamNotifier() = default;

bool StreamNotifier::event(QEvent *event)
{
    // What QSocketNotifier::event() would signal; everything else (a move to another thread
    // re-registers the notifier there) is left to it.
    if (event->type() == QEvent::SockAct || event->type() == QEvent::SockClose) {
        m_stream->notified(type());
        return true;
    }
    return QSocketNotifier::event(event);
}

} // namespace Parlor
