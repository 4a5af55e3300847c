#pragma once

#include "client/roombrowser.h"

#include <QCoreApplication>
#include <QObject>
#include <QTextStream>
#include <QTimer>

namespace Parlor {

/// parlor-cli --discover: looks for rooms on the LAN for a while, prints them and ends
/// (docs/CLI.md). With watch, prints every room that comes, changes and goes, as it happens.
class DiscoverCommand : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        bool json = false;
        bool watch = false;
        int timeoutMs = 3000;
        RoomBrowser::Options browser;
    };

    explicit DiscoverCommand(QObject *parent = nullptr);

    /// Starts looking. False (with a message on standard error) if nothing can listen.
    bool start(const Options &options);

    /// Ends now: prints the list (unless watching) and emits finished.
    void stop() { finish(); }

    /// The room as one line of JSON (no newline): event, name, address, port, url, ...
    static QByteArray toJson(const DiscoveredRoom &room, const char *event);
    /// The room as one line of text: name, URL and what to know before joining.
    static QString toText(const DiscoveredRoom &room);

signals:
    void finished(int exitCode);

private:
    void print(const DiscoveredRoom &room, const char *event);
    void finish();

    Options m_options;
    RoomBrowser m_browser;
    QTimer m_deadline;
    bool m_finished = false;
    QTextStream m_out{stdout};
};

} // namespace Parlor
