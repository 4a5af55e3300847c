#pragma once

#include <QSocketNotifier>

namespace Parlor {

class NativePeerStream;

/// A QSocketNotifier that tells its NativePeerStream directly, instead of through its
/// activated() signal: a connection costs a Connection and the sender's connection lists,
/// about 300 to 400 bytes of heap for each of the two notifiers of every idle peer (heaptrack,
/// issue 14), for a call that always goes to the same object.
class StreamNotifier : public QSocketNotifier
{
    Q_OBJECT

public:
    /// Watches \a descriptor for \a type on behalf of \a stream, its parent.
    StreamNotifier(qintptr descriptor, Type type, NativePeerStream *stream);
    ~StreamNotifier() override;

protected:
    bool event(QEvent *event) override;

private:
    NativePeerStream *m_stream;
};

} // namespace Parlor
