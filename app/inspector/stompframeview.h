#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace Parlor {

/// A STOMP frame as the inspector shows it (docs/STOMP.md "In the inspector"), read from a
/// message's recorded preview: its command, headers (unescaped) and body, or a heart-beat. The
/// preview may be the beginning of a longer frame, so reading is lenient where the decoder of
/// the connection is strict: what is there is shown, and the rest is said to be cut.
class StompFrameView
{
    Q_DECLARE_TR_FUNCTIONS(StompFrameView)

public:
    /// Reads \a bytes, the start of a message of \a size bytes in all. isFrame() and
    /// isHeartBeat() are both false for bytes that do not begin like a STOMP 1.2 frame.
    static StompFrameView read(const QByteArray &bytes, qint64 size);

    bool isFrame() const { return !m_command.isEmpty(); }
    /// A message of nothing but EOLs: "still here", in either direction.
    bool isHeartBeat() const { return m_heartBeats > 0 && m_command.isEmpty(); }
    QByteArray command() const { return m_command; }
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }
    /// The first value of \a name (STOMP 1.2: the first one counts), or empty.
    QByteArray header(const QByteArray &name) const;
    QByteArray body() const { return m_body; }
    /// Part of the frame is not in the preview.
    bool isCut() const { return m_cut; }

    /// One translated line: "SEND /topic/parlor · receipt rcpt-3 · “hello”", "heart-beat".
    QString summary() const;
    /// The frame laid out: command, one header a line, and the body.
    QString details() const;

private:
    QByteArray m_command;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    int m_heartBeats = 0;
    bool m_cut = false;
};

} // namespace Parlor
