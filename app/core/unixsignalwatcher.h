#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace Parlor {

/// Turns Unix signals (SIGINT, SIGTERM, ...) into a Qt signal delivered by the event loop, with
/// the self-pipe trick: a signal handler may only write to a file descriptor.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

    void watch(int signalNumber);

signals:
    void signalReceived(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Parlor
