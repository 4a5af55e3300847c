// The inspector's STOMP view: StompFrameView reads a recorded message as a STOMP 1.2 frame
// (command, unescaped headers, body, heart-beats, a preview cut short), and EventLogModel shows
// the messages of a connection that chose v12.stomp that way, and only those.

#include "client/connectionevent.h"
#include "client/eventlog.h"
#include "inspector/eventlogmodel.h"
#include "inspector/stompframeview.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Parlor;
using Kind = ConnectionEvent::Kind;

namespace {

ConnectionEvent handshakeResponse(const QString &chosen)
{
    ConnectionEvent e;
    e.kind = Kind::Handshake;
    e.fields = {{EventField::phase, EventValue::response},
                {EventField::status, 101},
                {EventField::chosen, chosen}};
    return e;
}

ConnectionEvent message(Kind kind, const QByteArray &bytes, qint64 size = -1)
{
    ConnectionEvent e;
    e.kind = kind;
    e.fields = {{EventField::opcode, EventValue::text},
                {EventField::size, size < 0 ? bytes.size() : size},
                {EventField::fragments, 1},
                {EventField::preview, QString::fromUtf8(bytes)}};
    return e;
}

QByteArray frame(const char *text)
{
    return QByteArray(text) + '\0';
}

} // namespace

class TestStompFrameView : public QObject
{
    Q_OBJECT

private slots:
    void readsCommandHeadersAndBody()
    {
        const StompFrameView view = StompFrameView::read(
                frame("SEND\ndestination:/topic/parlor\nreceipt:r-3\ncontent-length:5\n\nhello"),
                -1);
        QVERIFY(view.isFrame());
        QVERIFY(!view.isHeartBeat());
        QVERIFY(!view.isCut());
        QCOMPARE(view.command(), QByteArray("SEND"));
        QCOMPARE(view.headers().size(), 3);
        QCOMPARE(view.header("destination"), QByteArray("/topic/parlor"));
        QCOMPARE(view.body(), QByteArray("hello"));
        QCOMPARE(view.summary(), QStringLiteral("SEND /topic/parlor · receipt r-3 · “hello”"));
        const QString details = view.details();
        QVERIFY2(details.startsWith(QStringLiteral("STOMP SEND\n\ndestination: /topic/parlor\n")),
                 qPrintable(details));
        QVERIFY(details.endsWith(QStringLiteral("\nhello")));
    }

    void unescapesHeadersExceptInConnect()
    {
        // STOMP 1.2: \c is a colon, \n a newline, \\ a backslash, except in CONNECT/CONNECTED.
        const StompFrameView message = StompFrameView::read(
                frame("MESSAGE\nparlor-nick:a\\cb\\\\c\nsubscription:0\n\nx"), -1);
        QCOMPARE(message.header("parlor-nick"), QByteArray("a:b\\c"));
        const StompFrameView connect = StompFrameView::read(frame("CONNECT\nlogin:a\\cb\n\n"), -1);
        QCOMPARE(connect.header("login"), QByteArray("a\\cb"));
        QVERIFY(connect.body().isEmpty());
        QVERIFY(connect.details().contains(QStringLiteral("no body")));
    }

    void theFirstOfRepeatedHeadersCounts()
    {
        const StompFrameView view
                = StompFrameView::read(frame("MESSAGE\nfoo:first\nfoo:second\n\n"), -1);
        QCOMPARE(view.header("foo"), QByteArray("first"));
        QCOMPARE(view.headers().size(), 2);
    }

    void heartBeats()
    {
        const StompFrameView one = StompFrameView::read("\n", 1);
        QVERIFY(one.isHeartBeat());
        QVERIFY(!one.isFrame());
        QCOMPARE(one.summary(), QStringLiteral("heart-beat"));
        QVERIFY(StompFrameView::read("\r\n\n", 3).isHeartBeat());
        // EOLs before a frame are heart-beats too, but the message is the frame.
        const StompFrameView beforeFrame
                = StompFrameView::read("\n" + frame("RECEIPT\nreceipt-id:7\n\n"), -1);
        QVERIFY(beforeFrame.isFrame());
        QVERIFY(!beforeFrame.isHeartBeat());
        QCOMPARE(beforeFrame.header("receipt-id"), QByteArray("7"));
    }

    void aPreviewCutShortIsSaidToBe()
    {
        // The event log keeps the beginning of a long message: the view shows what is there.
        const QByteArray whole = QByteArray("MESSAGE\ndestination:/topic/t\n\n")
                                 + QByteArray(500, 'z') + '\0';
        const QByteArray start = whole.left(60);
        const StompFrameView view = StompFrameView::read(start, whole.size());
        QVERIFY(view.isFrame());
        QVERIFY(view.isCut());
        QCOMPARE(view.header("destination"), QByteArray("/topic/t"));
        QVERIFY(view.summary().endsWith(QStringLiteral("…”")));
        QVERIFY(view.details().contains(QStringLiteral("not in the preview")));

        // Cut among the headers: the headers read so far, no body.
        const StompFrameView headersOnly
                = StompFrameView::read("MESSAGE\ndestination:/topic/t\nmessage-i", 200);
        QVERIFY(headersOnly.isFrame());
        QVERIFY(headersOnly.isCut());
        QCOMPARE(headersOnly.header("destination"), QByteArray("/topic/t"));
        QVERIFY(headersOnly.body().isEmpty());
    }

    void whatIsNotStompIsNotAFrame()
    {
        for (const QByteArray &bytes : {QByteArray("hello"), QByteArray(R"({"type":"say"})"),
                                        QByteArray("SEND"), QByteArray("send\n\n"), QByteArray()}) {
            const StompFrameView view = StompFrameView::read(bytes, bytes.size());
            QVERIFY2(!view.isFrame() && !view.isHeartBeat(), bytes.constData());
            QVERIFY(view.summary().isEmpty());
            QVERIFY(view.details().isEmpty());
        }
    }

    void theModelShowsFramesOfAStompConnectionOnly()
    {
        EventLog log;
        EventLogModel model;
        QAbstractItemModelTester tester(&model);
        model.setLog(&log);

        // A parlor.v1 connection first: its messages are not STOMP, even if they look it.
        log.append(handshakeResponse(QStringLiteral("parlor.v1")));
        log.append(message(Kind::MessageIn, frame("MESSAGE\n\nlooks like one")));
        // Then one that chose v12.stomp.
        log.append(handshakeResponse(QStringLiteral("v12.stomp")));
        log.append(message(Kind::MessageOut,
                           frame("CONNECT\naccept-version:1.2\nhost:/\nlogin:guest\npasscode:***\n"
                                 "heart-beat:10000,10000\n\n")));
        log.append(message(Kind::MessageIn,
                           frame("CONNECTED\nversion:1.2\nheart-beat:10000,10000\n\n")));
        log.append(message(Kind::MessageIn, "\n"));
        log.append(message(Kind::MessageIn,
                           frame("MESSAGE\ndestination:/topic/parlor\nparlor-nick:bob\n"
                                 "subscription:0\nmessage-id:T_0@@1\n\nhi alice")));
        QTRY_COMPARE(model.rowCount(), 7);

        auto summary = [&model](int row) {
            return model.index(row, EventLogModel::SummaryColumn).data().toString();
        };
        auto stomp = [&model](int row) {
            return model.index(row, 0).data(EventLogModel::StompRole);
        };
        QVERIFY(!stomp(0).isValid());
        QVERIFY(!stomp(1).isValid());
        QVERIFY(!summary(1).contains(QStringLiteral("“looks like one”")));
        QVERIFY(!stomp(2).isValid()); // the handshake itself
        QVERIFY2(summary(3).startsWith(QStringLiteral("CONNECT")), qPrintable(summary(3)));
        QVERIFY(summary(3).contains(QStringLiteral("heart-beat 10000,10000")));
        QVERIFY(stomp(3).toString().contains(QStringLiteral("passcode: ***")));
        QVERIFY(summary(4).startsWith(QStringLiteral("CONNECTED")));
        QCOMPARE(summary(5), QStringLiteral("heart-beat"));
        QVERIFY(stomp(5).toString().startsWith(QStringLiteral("heart-beat")));
        QCOMPARE(summary(6),
                 QStringLiteral("MESSAGE /topic/parlor · parlor-nick bob · subscription 0"
                                " · “hi alice”"));
        QCOMPARE(model.index(6, 0).data(EventLogModel::SummaryRole).toString(), summary(6));

        // A new connection to a plain server: its messages are plain again.
        log.append(handshakeResponse(QString()));
        log.append(message(Kind::MessageIn, frame("MESSAGE\n\nnot stomp now")));
        QTRY_COMPARE(model.rowCount(), 9);
        QVERIFY(!stomp(8).isValid());

        // Cleared: nothing is remembered as STOMP.
        log.clear();
        QTRY_COMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStompFrameView)
#include "tst_stompframeview.moc"
