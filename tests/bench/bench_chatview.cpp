// bench_chatview: how the chat view copes with a long chat. Not a test: it prints figures for
// docs/PERFORMANCE.md. It loads a realistic chat into a MessageModel, shows a ChatView at 900×700
// and measures loading and laying out, scrolling from the bottom to the top a page at a time
// (time per frame), a live message arriving in a long chat, what the delegate's height cache
// buys, the longest stall of the event loop while the chat loads through it and while messages
// stream in at 5 000 a second, and the process's memory.
//
// With --host it measures instead what a user who hosts the room sees: this process hosts a room
// as the app does (SessionController: a RoomServer on its own thread, on 127.0.0.1) and joins it
// (ChatSession, its MessageModel shown in a ChatView), the chat already holding the lines;
// parlor-bench, a child process, joins it with --clients peers of which --senders send --rate
// messages a second in all. The process serves every delivery and shows every message; the
// longest turn of its event loop is how long the window could not answer.
//
//   QT_QPA_PLATFORM=offscreen bench_chatview [messages] [--repeat R] [--frames F] [--seconds S]
//   QT_QPA_PLATFORM=offscreen bench_chatview [messages] --host [--clients 20] [--senders 10]
//   xvfb-run -a -s '-screen 0 1280x800x24' env QT_QPA_PLATFORM=xcb bench_chatview

#include "benchutil.h"
#include "chatview.h"
#include "client/chatsession.h"
#include "client/messagemodel.h"
#include "desktop/sessioncontroller.h"
#include "messagedelegate.h"
#include "protocol/protocol.h"
#include "server/roomconfig.h"
#include "theme.h"

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace Parlor;

namespace {

constexpr int viewWidth = 900;
constexpr int viewHeight = 700;
const QString myNick = QStringLiteral("mina");

/// ChatView with the hooks a benchmark needs: run the pending layout now, and count paints.
class BenchView : public ChatView
{
public:
    using ChatView::ChatView;
    using QAbstractItemView::executeDelayedItemsLayout;
    using QListView::initViewItemOption;

    int paints = 0;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        ++paints;
        ChatView::paintEvent(event);
    }
};

/// A chat as a room produces it: several people, short and long lines, some Korean, links,
/// mentions, /me, own messages and join/leave/nick lines, spread over weeks (day separators).
QList<ChatLine> makeChat(int count, quint32 seed)
{
    static const QStringList words = {
            QStringLiteral("the"),      QStringLiteral("room"),      QStringLiteral("is"),
            QStringLiteral("open"),     QStringLiteral("lunch"),     QStringLiteral("at"),
            QStringLiteral("noon"),     QStringLiteral("who"),       QStringLiteral("wants"),
            QStringLiteral("coffee"),   QStringLiteral("meeting"),   QStringLiteral("build"),
            QStringLiteral("passed"),   QStringLiteral("tests"),     QStringLiteral("server"),
            QStringLiteral("client"),   QStringLiteral("socket"),    QStringLiteral("frame"),
            QStringLiteral("latency"),  QStringLiteral("deploy"),    QStringLiteral("tonight"),
            QStringLiteral("review"),   QStringLiteral("patch"),     QStringLiteral("merged"),
            QStringLiteral("thanks"),   QStringLiteral("sure"),      QStringLiteral("later"),
            QStringLiteral("maybe"),    QStringLiteral("great"),     QStringLiteral("idea"),
            QStringLiteral("bug"),      QStringLiteral("fixed"),     QStringLiteral("again"),
            QStringLiteral("tomorrow"), QStringLiteral("I"),         QStringLiteral("think"),
            QStringLiteral("we"),       QStringLiteral("should"),    QStringLiteral("ship"),
            QStringLiteral("it"),       QStringLiteral("after"),     QStringLiteral("checking"),
            QStringLiteral("logs"),     QStringLiteral("handshake"), QStringLiteral("timeout"),
    };
    static const QStringList korean = {
            QStringLiteral("안녕하세요"), QStringLiteral("점심"),   QStringLiteral("먹으러"),
            QStringLiteral("갈까요"),     QStringLiteral("회의는"), QStringLiteral("세 시에"),
            QStringLiteral("시작합니다"), QStringLiteral("빌드가"), QStringLiteral("통과했어요"),
            QStringLiteral("고마워요"),   QStringLiteral("내일"),   QStringLiteral("봐요"),
            QStringLiteral("서버를"),     QStringLiteral("다시"),   QStringLiteral("시작했어요"),
            QStringLiteral("커피"),       QStringLiteral("한 잔"),  QStringLiteral("어때요"),
    };
    static const QStringList nicks = {
            QStringLiteral("jun"),   QStringLiteral("sora"),    QStringLiteral("alex"),
            QStringLiteral("priya"), QStringLiteral("tomás"),   QStringLiteral("민지"),
            QStringLiteral("lee"),   QStringLiteral("guest-7"),
    };
    QRandomGenerator rng(seed);
    auto pick = [&rng](const QStringList &list) {
        return list.at(rng.bounded(int(list.size())));
    };
    auto sentence = [&](int wordCount, bool hangul) {
        QStringList parts;
        parts.reserve(wordCount);
        for (int i = 0; i < wordCount; ++i)
            parts.append(pick(hangul ? korean : words));
        return parts.join(u' ');
    };

    QList<ChatLine> lines;
    lines.reserve(count);
    QList<qint64> gapsMs;
    gapsMs.reserve(count);
    qint64 seq = 0;
    int own = 0;
    QString lastSender;
    for (int i = 0; i < count; ++i) {
        ChatLine line;
        line.seq = ++seq;
        line.replayed = true;
        const int roll = int(rng.bounded(100));
        if (roll < 5) {
            line.kind = ChatLine::Kind::System;
            const int what = int(rng.bounded(3));
            line.event = what == 0   ? ChatLine::Event::Join
                         : what == 1 ? ChatLine::Event::Leave
                                     : ChatLine::Event::NickChange;
            line.sender = pick(nicks);
            if (line.event == ChatLine::Event::Leave)
                line.text = rng.bounded(2) ? QStringLiteral("quit") : QStringLiteral("lost");
            else if (line.event == ChatLine::Event::NickChange)
                line.text = pick(nicks) + QLatin1Char('_');
        } else {
            // Runs of messages by the same sender, as in real chats (grouped under one header).
            const bool same = !lastSender.isEmpty() && rng.bounded(100) < 40;
            const bool mine = !same && rng.bounded(100) < 10;
            line.sender = same ? lastSender : mine ? myNick : pick(nicks);
            line.kind = line.sender == myNick ? ChatLine::Kind::Own : ChatLine::Kind::Chat;
            if (line.kind == ChatLine::Kind::Own) {
                line.id = QStringLiteral("own-%1").arg(++own);
                line.delivery = ChatLine::Delivery::Delivered;
            } else {
                line.id = QStringLiteral("m-%1").arg(line.seq);
            }
            const bool hangul = rng.bounded(100) < 15;
            const int size = int(rng.bounded(100));
            const int wordCount = size < 60   ? 2 + int(rng.bounded(10))
                                  : size < 90 ? 12 + int(rng.bounded(30))
                                              : 60 + int(rng.bounded(100));
            line.text = sentence(wordCount, hangul);
            const int extra = int(rng.bounded(100));
            if (extra < 3)
                line.text += QStringLiteral(" see https://example.org/issues/%1.").arg(i);
            else if (extra < 5)
                line.text.prepend(QStringLiteral("@mina "));
            else if (extra < 6)
                line.text.prepend(QStringLiteral("/me "));
            lastSender = line.sender;
        }
        lines.append(line);
        // Mostly seconds apart, sometimes a pause, now and then a night.
        const int pause = int(rng.bounded(1000));
        gapsMs.append(pause < 950   ? 1000 + rng.bounded(60000)
                      : pause < 995 ? 10 * 60000 + rng.bounded(3600000)
                                    : 10 * 3600000 + rng.bounded(3600000));
    }
    // The last line is now; earlier ones go back in time.
    qint64 ms = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        lines[i].time = QDateTime::fromMSecsSinceEpoch(ms);
        ms -= gapsMs.at(i);
    }
    return lines;
}

ChatLine liveLine(int n)
{
    ChatLine line;
    line.kind = ChatLine::Kind::Chat;
    line.sender = QStringLiteral("jun");
    line.id = QStringLiteral("live-%1").arg(n);
    line.text = QStringLiteral("a live message while the chat is long, number %1").arg(n);
    line.time = QDateTime::currentDateTime();
    return line;
}

/// Wall-clock and CPU time of this thread. On a shared machine the wall clock includes the time
/// the scheduler gave to others; the thread's CPU time does not, so both are reported.
class Stopwatch
{
public:
    Stopwatch() { restart(); }
    void restart()
    {
        m_cpuStartNs = threadCpuNs();
        m_wall.start();
    }
    double wallMs() const { return double(m_wall.nsecsElapsed()) / 1e6; }
    double cpuMs() const { return double(threadCpuNs() - m_cpuStartNs) / 1e6; }

private:
    static qint64 threadCpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }

    QElapsedTimer m_wall;
    qint64 m_cpuStartNs = 0;
};

/// One measured step: wall-clock and CPU milliseconds.
struct Timing
{
    double wall = 0;
    double cpu = 0;

    static Timing of(const Stopwatch &watch) { return {watch.wallMs(), watch.cpuMs()}; }
    Timing operator+(const Timing &other) const { return {wall + other.wall, cpu + other.cpu}; }
};

Timing medianTiming(const QList<Timing> &timings)
{
    QList<double> wall;
    QList<double> cpu;
    for (const Timing &t : timings) {
        wall.append(t.wall);
        cpu.append(t.cpu);
    }
    return {Bench::median(wall), Bench::median(cpu)};
}

/// Paints the whole viewport now. On a visible window repaint() paints through the backing store
/// and flushes it to the screen (the X server under xcb); should the platform not paint (no
/// exposed window), the frame is rendered with grab() instead so the delegate still does its work.
void paintFrame(BenchView &view)
{
    const int before = view.paints;
    view.viewport()->repaint();
    if (view.paints == before)
        view.viewport()->grab();
}

struct FrameRun
{
    Bench::Stats wall;
    Bench::Stats cpu;
    int rowsPerFrame = 0;
};

/// Scrolls from the bottom to the top a page at a time, painting every frame; \a beforeFrame
/// runs inside the timed part of each frame.
FrameRun scrollToTop(BenchView &view, int maxFrames, const std::function<void()> &beforeFrame = {})
{
    QScrollBar *bar = view.verticalScrollBar();
    bar->setValue(bar->maximum());
    QCoreApplication::processEvents();
    QList<double> wall;
    QList<double> cpu;
    int rows = 0;
    while (bar->value() > bar->minimum() && (maxFrames <= 0 || wall.size() < maxFrames)) {
        const Stopwatch watch;
        if (beforeFrame)
            beforeFrame();
        bar->setValue(bar->value() - bar->pageStep());
        paintFrame(view);
        wall.append(watch.wallMs());
        cpu.append(watch.cpuMs());
        const QModelIndex top = view.indexAt(QPoint(10, 1));
        const QModelIndex bottom = view.indexAt(QPoint(10, view.viewport()->height() - 2));
        if (top.isValid() && bottom.isValid())
            rows += bottom.row() - top.row() + 1;
    }
    FrameRun run;
    run.wall = Bench::stats(wall);
    run.cpu = Bench::stats(cpu);
    run.rowsPerFrame = wall.isEmpty() ? 0 : int(rows / wall.size());
    return run;
}

struct Options
{
    int batchSize = 1000;
    int maxFrames = 0;       ///< per full scroll pass; 0: the whole chat
    int noCacheFrames = 300; ///< frames of the passes that compare the cache kept and emptied
    int liveSamples = 5;
    int streamedLines = 10000; ///< the chunked load was quadratic once: bounded
    double streamSeconds = 2;  ///< how long messages stream in at streamRate
    int streamRate = 5000;     ///< messages a second
    // --host: parlor-bench's peers in the hosted room, and how many of them send (streamRate in
    // all, for streamSeconds).
    int hostClients = 20;
    int hostSenders = 10;
    QString parlorBench; ///< the load generator's binary
};

/// The event loop's longest turns while something arrives: each sample is one turn (the work
/// done for what arrived, then processEvents(): layout, paint).
struct StallRun
{
    Bench::Stats wall;
    Bench::Stats cpu;
    double totalWallMs = 0;
    int messages = 0;
    bool followed = false; ///< the view was at the bottom at the end
};

struct Repetition
{
    Timing append;     ///< model appends (batched), view notified
    Timing layout;     ///< the view's layout of every row (cold height cache)
    Timing firstFrame; ///< first frame at the bottom
    Timing streamed;   ///< a load with a layout after every batch
    StallRun load;     ///< the whole chat loaded through the event loop, a batch a turn
    StallRun stream;   ///< live messages at streamRate a second, one append each
    Timing live;       ///< one more message: relayout + frame (median)
    Timing liveCold;   ///< the same with the height cache emptied first
    Timing relayoutWarm;
    Timing relayoutCold;
    double sizeHintWarmUs = 0; ///< the delegate alone, per row (CPU)
    double sizeHintColdUs = 0;
    FrameRun scroll;
    FrameRun scrollAgain; ///< the first frames again, cache kept (glyphs now cached as well)
    FrameRun scrollNoCache;
    qint64 rssEmptyKiB = 0;
    qint64 rssLoadedKiB = 0;
    qint64 rssScrolledKiB = 0;
};

void show(BenchView &view)
{
    view.resize(viewWidth, viewHeight);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        std::fprintf(stderr,
                     "warning: the window was not exposed; frames are rendered by grab()\n");
}

/// The delegate's sizeHint() for the first \a rows rows at the viewport's width, as the view
/// asks for it: CPU microseconds per row.
double sizeHintPassUs(BenchView &view, const QAbstractItemModel &model, int rows)
{
    QStyleOptionViewItem option;
    view.initViewItemOption(&option);
    option.rect = QRect(0, 0, view.viewport()->width(), 0);
    qint64 total = 0;
    const Stopwatch watch;
    for (int row = 0; row < rows; ++row)
        total += view.messageDelegate()->sizeHint(option, model.index(row, 0)).height();
    const double us = watch.cpuMs() * 1000.0 / rows;
    return total > 0 ? us : -1;
}

Repetition runOnce(const QList<ChatLine> &chat, const Options &o)
{
    Repetition r;
    // 1. Loading: batched appends, then the view lays every row out and paints the bottom.
    {
        MessageModel model;
        BenchView view;
        view.messageDelegate()->setMyNick(myNick);
        view.setModel(&model);
        show(view);
        QCoreApplication::processEvents();
        r.rssEmptyKiB = Bench::rssKiB();

        Stopwatch watch;
        for (qsizetype first = 0; first < chat.size(); first += o.batchSize)
            model.append(chat.mid(first, o.batchSize));
        r.append = Timing::of(watch);
        watch.restart();
        view.executeDelayedItemsLayout();
        r.layout = Timing::of(watch);
        watch.restart();
        paintFrame(view);
        r.firstFrame = Timing::of(watch);
        QCoreApplication::processEvents();
        r.rssLoadedKiB = Bench::rssKiB();

        // 2. What the height cache buys. The view: a relayout of every row (what each inserted
        // row, a resize or a font change causes), right after another one and with the cache
        // emptied. The delegate alone: sizeHint() for up to 10 000 rows, warm and emptied.
        watch.restart();
        view.doItemsLayout();
        r.relayoutWarm = Timing::of(watch);
        view.messageDelegate()->invalidate();
        watch.restart();
        view.doItemsLayout();
        r.relayoutCold = Timing::of(watch);
        const int hintRows = std::min(int(chat.size()), 10000);
        sizeHintPassUs(view, model, hintRows);
        r.sizeHintWarmUs = sizeHintPassUs(view, model, hintRows);
        view.messageDelegate()->invalidate();
        r.sizeHintColdUs = sizeHintPassUs(view, model, hintRows);
        view.doItemsLayout();

        // 3. A live message arrives while the user is at the bottom: the model grows by one row,
        // the view lays out again, follows the bottom and paints.
        QList<Timing> live;
        for (int i = 0; i < o.liveSamples; ++i) {
            watch.restart();
            model.append(liveLine(i));
            view.executeDelayedItemsLayout();
            paintFrame(view);
            live.append(Timing::of(watch));
        }
        r.live = medianTiming(live);
        QList<Timing> liveCold;
        for (int i = 0; i < std::min(2, o.liveSamples); ++i) {
            view.messageDelegate()->invalidate();
            watch.restart();
            model.append(liveLine(o.liveSamples + i));
            view.executeDelayedItemsLayout();
            paintFrame(view);
            liveCold.append(Timing::of(watch));
        }
        r.liveCold = medianTiming(liveCold);

        // 3b. Messages stream in at o.streamRate a second, each its own append (as frames
        // arrive), while the user is at the bottom; the event loop runs between arrivals.
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
        {
            QList<double> wall;
            QList<double> cpu;
            QElapsedTimer clock;
            clock.start();
            int sent = 0;
            const qint64 endNs = qint64(o.streamSeconds * 1e9);
            while (clock.nsecsElapsed() < endNs) {
                const Stopwatch turn;
                const qint64 due = clock.nsecsElapsed() * o.streamRate / 1000000000;
                for (; sent < due; ++sent)
                    model.append(liveLine(100000 + sent));
                QCoreApplication::processEvents();
                wall.append(turn.wallMs());
                cpu.append(turn.cpuMs());
            }
            r.stream.totalWallMs = double(clock.nsecsElapsed()) / 1e6;
            r.stream.wall = Bench::stats(wall);
            r.stream.cpu = Bench::stats(cpu);
            r.stream.messages = sent;
            view.executeDelayedItemsLayout();
            r.stream.followed = view.isAtBottom();
        }

        // 4. Scrolling from the bottom to the top, a page per frame; then again with the height
        // cache emptied before every frame (inside the timed part).
        r.scroll = scrollToTop(view, o.maxFrames);
        r.rssScrolledKiB = Bench::rssKiB();
        // The first pass also fills the glyph cache; the comparison is between two later passes
        // over the same frames, with the height cache kept and with it emptied before each frame.
        r.scrollAgain = scrollToTop(view, o.noCacheFrames);
        r.scrollNoCache = scrollToTop(view, o.noCacheFrames,
                                      [&view] { view.messageDelegate()->invalidate(); });
    }

    // 5. A backlog fed to the event loop in chunks (STYLE: "hand large backlogs to the event
    // loop in chunks"): the view lays out after every chunk.
    {
        MessageModel model;
        BenchView view;
        view.messageDelegate()->setMyNick(myNick);
        view.setModel(&model);
        show(view);
        const qsizetype lines = std::min<qsizetype>(chat.size(), o.streamedLines);
        const Stopwatch watch;
        for (qsizetype first = 0; first < lines; first += o.batchSize) {
            model.append(chat.mid(first, std::min<qsizetype>(o.batchSize, lines - first)));
            view.executeDelayedItemsLayout();
        }
        paintFrame(view);
        r.streamed = Timing::of(watch);
    }

    // 6. The whole chat loaded through the event loop, a batch per turn, as a backlog is handed
    // over: the longest turn is how long the window cannot answer.
    {
        MessageModel model;
        BenchView view;
        view.messageDelegate()->setMyNick(myNick);
        view.setModel(&model);
        show(view);
        QCoreApplication::processEvents();
        QList<double> wall;
        QList<double> cpu;
        const Stopwatch total;
        for (qsizetype first = 0; first < chat.size(); first += o.batchSize) {
            const Stopwatch turn;
            model.append(chat.mid(first, o.batchSize));
            QCoreApplication::processEvents();
            wall.append(turn.wallMs());
            cpu.append(turn.cpuMs());
        }
        r.load.totalWallMs = total.wallMs();
        r.load.wall = Bench::stats(wall);
        r.load.cpu = Bench::stats(cpu);
        r.load.messages = int(chat.size());
        view.executeDelayedItemsLayout();
        r.load.followed = view.isAtBottom();
    }
    return r;
}

/// The turns of the event loop as the app runs it (QEventLoop::exec()), where nothing paces
/// the work but what arrives on the sockets. A turn starts with the first event the loop
/// delivers after it was last about to wait (a socket read, a timer, a posted event: layout,
/// paint), and ends when it is next about to wait; an input event arriving meanwhile waits at
/// most that long. The events are seen by an event filter on the application (main thread
/// only: the room's thread is not the window's), the waits by the dispatcher's aboutToBlock().
class TurnMeter : public QObject
{
public:
    struct Turn
    {
        qint64 startNs = 0; ///< on the clock given to the constructor
        qint64 endNs = 0;
        double wallMs = 0;
        double cpuMs = 0;
        /// Runnable but not running: another thread or process had the CPU. The rest of
        /// wall - cpu - queued the thread was blocked (a lock, a page fault's I/O).
        double queuedMs = 0;
        int messages = 0; ///< shown in this turn
    };

    /// \a shown counts the messages shown so far.
    TurnMeter(const QElapsedTimer &clock, const int &shown)
        : m_clock(clock)
        , m_shown(shown)
        // This thread's scheduler statistics, read again at every turn's start and end.
        , m_schedstat(::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC))
    {
        qApp->installEventFilter(this);
        connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock, this,
                &TurnMeter::endTurn);
    }
    ~TurnMeter() override
    {
        qApp->removeEventFilter(this);
        if (m_schedstat >= 0)
            ::close(m_schedstat);
    }

    const QList<Turn> &turns() const { return m_turns; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_inTurn) {
            m_inTurn = true;
            m_startNs = m_clock.nsecsElapsed();
            m_startQueuedNs = queuedNs();
            m_startShown = m_shown;
            m_watch.restart();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void endTurn()
    {
        if (!m_inTurn)
            return;
        m_inTurn = false;
        const double wall = m_watch.wallMs();
        const double cpu = m_watch.cpuMs();
        const double queued = double(queuedNs() - m_startQueuedNs) / 1e6;
        m_turns.append(
                {m_startNs, m_clock.nsecsElapsed(), wall, cpu, queued, m_shown - m_startShown});
    }

    /// Time this thread waited on a run queue so far (the second field of its schedstat); 0
    /// where the kernel keeps no such statistics.
    qint64 queuedNs() const
    {
        char text[128];
        const ssize_t n = m_schedstat >= 0 ? ::pread(m_schedstat, text, sizeof text - 1, 0) : -1;
        if (n <= 0)
            return 0;
        text[n] = '\0';
        unsigned long long running = 0;
        unsigned long long queued = 0;
        return std::sscanf(text, "%llu %llu", &running, &queued) == 2 ? qint64(queued) : 0;
    }

    const QElapsedTimer &m_clock;
    const int &m_shown;
    int m_startShown = 0;
    const int m_schedstat;
    Stopwatch m_watch;
    bool m_inTurn = false;
    qint64 m_startNs = 0;
    qint64 m_startQueuedNs = 0;
    QList<Turn> m_turns;
};

/// parlor-bench's summary line (key=value pairs).
QHash<QString, QString> summaryValues(const QByteArray &output)
{
    QHash<QString, QString> values;
    for (const QByteArray &line : output.split('\n')) {
        for (const QByteArray &pair : line.split(' ')) {
            const qsizetype eq = pair.indexOf('=');
            if (eq > 0)
                values.insert(QString::fromUtf8(pair.left(eq)), QString::fromUtf8(pair.mid(eq + 1)));
        }
    }
    return values;
}

struct HostRun
{
    bool ok = false;
    QString failure;             ///< why not ok
    StallRun stall;              ///< turns from the first message shown to the last
    qint64 sent = 0;             ///< by parlor-bench's senders
    double roomDeliveredPct = 0; ///< of what they sent, at parlor-bench's peers
    double roomP99Ms = 0;        ///< send to delivery at parlor-bench's peers
    double processCpuPct = 0;    ///< this process (room thread + window) while they sent
    double benchCpuPct = 0;      ///< parlor-bench's own, meanwhile (it shares the machine)
    double cpuPerMessageUs = 0;  ///< the window's thread: its turns' CPU over the messages shown
    int joined = 0;              ///< parlor-bench's peers welcomed
    /// The longest turn (wall): its CPU, and how long of it the thread waited for a CPU.
    double longestCpuMs = 0;
    double longestQueuedMs = 0;
    int longestMessages = 0; ///< messages shown in the longest turn (wall)
    int mostCpuMessages = 0; ///< and in the one that took the most CPU
    /// The most any turn was neither running nor waiting for a CPU (blocked).
    double blockedMaxMs = 0;
};

/// This process hosts a room as the app's "Host a room" does, on 127.0.0.1 and a free port, and
/// joins it; the chat (the session's MessageModel, shown in a ChatView) already holds \a chat.
/// parlor-bench's peers then send o.streamRate messages a second into the room for
/// o.streamSeconds while the event loop runs as the app's does.
HostRun runHosted(const QList<ChatLine> &chat, const Options &o)
{
    HostRun r;
    SessionController controller;
    BenchView view; // destroyed before the controller, whose session owns the model it shows
    view.messageDelegate()->setMyNick(myNick);
    show(view);

    QEventLoop loop;
    ChatSession *session = nullptr;
    bool hostFailed = false;
    QObject::connect(&controller, &SessionController::sessionChanged, &view,
                     [&](ChatSession *s, const QString &nick) {
                         // As MainWindow does: the view shows the new session's lines at once.
                         if (!s)
                             return;
                         session = s;
                         view.setModel(s->messages());
                         view.messageDelegate()->setMyNick(nick);
                         QObject::connect(s, &ChatSession::joined, &loop, &QEventLoop::quit);
                     });
    QObject::connect(&controller, &SessionController::hostingFailed, &loop, [&] {
        hostFailed = true;
        loop.quit();
    });
    // The app's room (HostDialog's defaults) with two limits raised, else the room itself
    // refuses the load: 500 messages a second from one peer (20 is the flood limit) and more
    // than 16 peers from one address (all of them are on 127.0.0.1 here).
    RoomConfig config;
    config.roomName = QStringLiteral("bench_chatview");
    const int perSender = (o.streamRate + o.hostSenders - 1) / o.hostSenders;
    config.messagesPerSecond = std::max(config.messagesPerSecond, 2 * perSender);
    config.maxPeersPerAddress = std::max(config.maxPeersPerAddress, o.hostClients + 1);
    config.maxPeers = std::max(config.maxPeers, o.hostClients + 1);
    controller.host(config, QHostAddress(QHostAddress::LocalHost), 0,
                    {myNick, {QLatin1String(RichSubprotocol), QLatin1String(PlainSubprotocol)}});
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    if (hostFailed || !session || !session->isJoined()) {
        r.failure = QStringLiteral("the app could not host and join its room");
        return r;
    }
    const QString url = controller.host()->localUrl().toString();

    // The chat the user already had, then at the bottom.
    for (qsizetype first = 0; first < chat.size(); first += o.batchSize)
        session->messages()->append(chat.mid(first, o.batchSize));
    view.executeDelayedItemsLayout();
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
    paintFrame(view);
    QCoreApplication::processEvents();

    QElapsedTimer clock;
    clock.start();
    qint64 firstNs = -1;
    qint64 lastNs = -1;
    int received = 0;
    QObject::connect(session, &ChatSession::lineArrived, &view, [&](const ChatLine &line) {
        if (line.kind != ChatLine::Kind::Chat)
            return;
        lastNs = clock.nsecsElapsed();
        if (firstNs < 0)
            firstNs = lastNs;
        ++received;
    });

    QProcess bench;
    bench.setProgram(o.parlorBench);
    const int senders = std::min(o.hostSenders, o.hostClients);
    bench.setArguments(
            {url, QStringLiteral("--hello"), QStringLiteral("--clients"),
             QString::number(o.hostClients), QStringLiteral("--senders"), QString::number(senders),
             QStringLiteral("--rate"), QString::number(double(o.streamRate) / senders),
             QStringLiteral("--duration"), QString::number(o.streamSeconds),
             QStringLiteral("--drain"), QStringLiteral("1"), QStringLiteral("--server-pid"),
             QString::number(QCoreApplication::applicationPid())});
    bool finished = false;
    QObject::connect(&bench, &QProcess::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&bench, &QProcess::errorOccurred, &loop, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            loop.quit();
    });
    {
        const TurnMeter meter(clock, received);
        bench.start();
        // parlor-bench waits up to a minute for its connections, then sends, then drains.
        QTimer::singleShot(int((o.streamSeconds + 90) * 1000), &loop, &QEventLoop::quit);
        loop.exec();
        QList<double> wall;
        QList<double> cpu;
        for (const TurnMeter::Turn &turn : meter.turns()) {
            if (firstNs >= 0 && turn.endNs >= firstNs && turn.startNs <= lastNs) {
                if (wall.isEmpty() || turn.wallMs > r.stall.wall.max) {
                    r.stall.wall.max = turn.wallMs;
                    r.longestCpuMs = turn.cpuMs;
                    r.longestQueuedMs = turn.queuedMs;
                    r.longestMessages = turn.messages;
                }
                if (cpu.isEmpty() || turn.cpuMs > r.stall.cpu.max) {
                    r.stall.cpu.max = turn.cpuMs;
                    r.mostCpuMessages = turn.messages;
                }
                r.blockedMaxMs = std::max(r.blockedMaxMs, turn.wallMs - turn.cpuMs - turn.queuedMs);
                wall.append(turn.wallMs);
                cpu.append(turn.cpuMs);
            }
        }
        r.stall.wall = Bench::stats(wall);
        r.stall.cpu = Bench::stats(cpu);
    }
    if (!finished) {
        bench.kill();
        bench.waitForFinished();
        r.failure = bench.error() == QProcess::FailedToStart
                            ? QStringLiteral("%1 did not start: %2")
                                      .arg(o.parlorBench, bench.errorString())
                            : QStringLiteral("parlor-bench did not finish in time");
        return r;
    }
    const QHash<QString, QString> summary = summaryValues(bench.readAllStandardOutput());
    if (bench.exitStatus() != QProcess::NormalExit || bench.exitCode() != 0) {
        r.failure = QStringLiteral("parlor-bench failed (exit code %1): %2")
                            .arg(bench.exitCode())
                            .arg(QString::fromLocal8Bit(bench.readAllStandardError()).trimmed());
        return r;
    }
    r.sent = summary.value(QStringLiteral("sent")).toLongLong();
    r.joined = summary.value(QStringLiteral("joined")).toInt();
    r.roomDeliveredPct = summary.value(QStringLiteral("delivered_pct")).toDouble();
    r.roomP99Ms = summary.value(QStringLiteral("p99_ms")).toDouble();
    r.processCpuPct = summary.value(QStringLiteral("server_cpu_pct")).toDouble();
    r.benchCpuPct = summary.value(QStringLiteral("bench_cpu_pct")).toDouble();
    r.stall.messages = received;
    r.stall.totalWallMs = firstNs >= 0 ? double(lastNs - firstNs) / 1e6 : 0;
    view.executeDelayedItemsLayout();
    r.stall.followed = view.isAtBottom();
    r.cpuPerMessageUs = received > 0 ? r.stall.cpu.mean * r.stall.cpu.count * 1000.0 / received : 0;
    r.ok = received > 0 && r.stall.wall.count > 0;
    if (!r.ok)
        r.failure = QStringLiteral("the view received none of the %1 messages sent").arg(r.sent);
    return r;
}

QString mib(qint64 kib)
{
    return Bench::fixed(double(kib) / 1024.0, 1);
}

/// --host: runs the hosted room \a repeat times and prints the medians; 0 when every run
/// measured something.
int reportHosted(QTextStream &out, const QList<ChatLine> &chat, const Options &o, int repeat)
{
    const int senders = std::min(o.hostSenders, o.hostClients);
    out << "hosting the room (SessionController, 127.0.0.1), joined, the chat holding "
        << chat.size() << " lines; parlor-bench: " << o.hostClients << " peers, " << senders
        << " sending " << Bench::fixed(double(o.streamRate) / senders, 1) << " messages/s each ("
        << o.streamRate << "/s in all) for " << Bench::fixed(o.streamSeconds, 1) << " s\n";
    out.flush();
    QList<HostRun> runs;
    for (int i = 0; i < repeat; ++i) {
        runs.append(runHosted(chat, o));
        const HostRun &r = runs.constLast();
        if (!r.ok) {
            std::fprintf(stderr, "bench_chatview: %s\n", qPrintable(r.failure));
            return 1;
        }
        out << "  repetition " << i + 1 << ": longest turn " << Bench::fixed(r.stall.wall.max, 1)
            << " ms wall (" << Bench::fixed(r.longestCpuMs, 1) << " ms of it running, "
            << Bench::fixed(r.longestQueuedMs, 1) << " ms waiting for a CPU, " << r.longestMessages
            << " messages shown), most CPU in a turn " << Bench::fixed(r.stall.cpu.max, 1)
            << " ms (" << r.mostCpuMessages << " messages), most blocked in a turn "
            << Bench::fixed(r.blockedMaxMs, 1) << " ms; p99 " << Bench::fixed(r.stall.wall.p99, 1)
            << " ms wall over " << r.stall.wall.count << " turns, "
            << Bench::fixed(r.cpuPerMessageUs, 0) << " µs CPU a message; the view received "
            << r.stall.messages << " of " << r.sent
            << " sent, at the bottom at the end: " << (r.stall.followed ? "yes" : "NO")
            << "; the room delivered " << Bench::fixed(r.roomDeliveredPct, 2)
            << " % to parlor-bench's peers (" << r.joined << " joined), p99 "
            << Bench::fixed(r.roomP99Ms, 1) << " ms; this process "
            << Bench::fixed(r.processCpuPct, 0) << " % CPU, parlor-bench "
            << Bench::fixed(r.benchCpuPct, 0) << " %; load average " << Bench::loadAverage()
            << '\n';
        out.flush();
    }
    const auto med = [&runs](const std::function<double(const HostRun &)> &field) {
        QList<double> values;
        for (const HostRun &r : std::as_const(runs))
            values.append(field(r));
        return Bench::median(values);
    };
    const auto row = [&out](const QString &what, double value, const QString &unit) {
        out << "| " << what.leftJustified(52) << " | " << Bench::fixed(value).rightJustified(10)
            << ' ' << unit << '\n';
    };
    out << "\nmedians of " << repeat << " repetitions, event loop turns from the first message "
        << "shown to the last:\n";
    row(QStringLiteral("longest turn (stall), wall"),
        med([](const HostRun &r) { return r.stall.wall.max; }), QStringLiteral("ms"));
    row(QStringLiteral("longest turn (stall), CPU"),
        med([](const HostRun &r) { return r.stall.cpu.max; }), QStringLiteral("ms"));
    row(QStringLiteral("the longest (wall) turn: of it waiting for a CPU"),
        med([](const HostRun &r) { return r.longestQueuedMs; }), QStringLiteral("ms"));
    row(QStringLiteral("most blocked in one turn (not running nor queued)"),
        med([](const HostRun &r) { return r.blockedMaxMs; }), QStringLiteral("ms"));
    row(QStringLiteral("p99 turn, wall"), med([](const HostRun &r) { return r.stall.wall.p99; }),
        QStringLiteral("ms"));
    row(QStringLiteral("p99 turn, CPU"), med([](const HostRun &r) { return r.stall.cpu.p99; }),
        QStringLiteral("ms"));
    row(QStringLiteral("median turn, wall"),
        med([](const HostRun &r) { return r.stall.wall.median; }), QStringLiteral("ms"));
    row(QStringLiteral("turns"), med([](const HostRun &r) { return r.stall.wall.count; }),
        QString());
    row(QStringLiteral("messages sent (parlor-bench)"),
        med([](const HostRun &r) { return double(r.sent); }), QString());
    row(QStringLiteral("messages the view received"),
        med([](const HostRun &r) { return r.stall.messages; }), QString());
    row(QStringLiteral("the window's thread: CPU per message shown"),
        med([](const HostRun &r) { return r.cpuPerMessageUs; }), QStringLiteral("µs"));
    row(QStringLiteral("the room: delivered to parlor-bench's peers"),
        med([](const HostRun &r) { return r.roomDeliveredPct; }), QStringLiteral("%"));
    row(QStringLiteral("the room: delivery latency p99 there"),
        med([](const HostRun &r) { return r.roomP99Ms; }), QStringLiteral("ms"));
    row(QStringLiteral("this process's CPU while they sent (of one core)"),
        med([](const HostRun &r) { return r.processCpuPct; }), QStringLiteral("%"));
    row(QStringLiteral("parlor-bench's CPU meanwhile (of one core)"),
        med([](const HostRun &r) { return r.benchCpuPct; }), QStringLiteral("%"));
    int followed = 0;
    for (const HostRun &r : std::as_const(runs))
        followed += r.stall.followed ? 1 : 0;
    out << "at the bottom at the end: " << followed << " of " << runs.size() << " runs\n";
    out << "peak (VmHWM): " << mib(Bench::procStatusKiB(QStringLiteral("VmHWM"))) << " MiB\n";
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Chat view benchmark (docs/PERFORMANCE.md)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("messages"),
                                 QStringLiteral("Lines in the chat (default 100000)."));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"),
                                          QStringLiteral("Repetitions (default 3)."),
                                          QStringLiteral("count"), QStringLiteral("3"));
    const QCommandLineOption framesOption(
            QStringLiteral("frames"),
            QStringLiteral("At most this many frames per scroll pass; 0 scrolls the whole chat "
                           "(default 0)."),
            QStringLiteral("count"), QStringLiteral("0"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
                                         QStringLiteral("Lines per append (default 1000)."),
                                         QStringLiteral("count"), QStringLiteral("1000"));
    const QCommandLineOption streamedOption(
            QStringLiteral("streamed"),
            QStringLiteral("Lines of the load with a layout after every batch (default 10000)."),
            QStringLiteral("count"), QStringLiteral("10000"));
    const QCommandLineOption secondsOption(
            QStringLiteral("seconds"),
            QStringLiteral("How long messages stream in at --rate (default 2; with --host 5)."),
            QStringLiteral("seconds"));
    const QCommandLineOption
            rateOption(QStringLiteral("rate"),
                       QStringLiteral(
                               "Messages a second (default 5000; with --host, from all senders)."),
                       QStringLiteral("count"), QStringLiteral("5000"));
    const QCommandLineOption hostOption(
            QStringLiteral("host"),
            QStringLiteral("Measure only this: the process hosts the room as the app does and "
                           "is in it, the chat holding the lines; parlor-bench (a child process) "
                           "joins it with --clients peers, --senders of them sending --rate "
                           "messages a second in all for --seconds. Prints the event loop's "
                           "longest turns and what the view received."));
    const QCommandLineOption
            clientsOption(QStringLiteral("clients"),
                          QStringLiteral(
                                  "With --host: parlor-bench's peers in the room (default 20)."),
                          QStringLiteral("count"), QStringLiteral("20"));
    const QCommandLineOption
            sendersOption(QStringLiteral("senders"),
                          QStringLiteral("With --host: how many of them send (default 10)."),
                          QStringLiteral("count"), QStringLiteral("10"));
    const QCommandLineOption
            benchOption(QStringLiteral("parlor-bench"),
                        QStringLiteral(
                                "With --host: the load generator (default: the one of this build, "
                                "%1).")
                                .arg(QStringLiteral(PARLOR_BENCH_BINARY)),
                        QStringLiteral("path"), QStringLiteral(PARLOR_BENCH_BINARY));
    parser.addOptions({repeatOption, framesOption, batchOption, streamedOption, secondsOption,
                       rateOption, hostOption, clientsOption, sendersOption, benchOption});
    parser.process(app);
    const int messages = parser.positionalArguments().isEmpty()
                                 ? 100000
                                 : parser.positionalArguments().constFirst().toInt();
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    Options o;
    o.maxFrames = parser.value(framesOption).toInt();
    o.batchSize = std::max(1, parser.value(batchOption).toInt());
    o.streamedLines = std::max(1, parser.value(streamedOption).toInt());
    const bool host = parser.isSet(hostOption);
    o.streamSeconds = parser.isSet(secondsOption)
                              ? std::max(0.05, parser.value(secondsOption).toDouble())
                      : host ? 5.0
                             : 2.0;
    o.streamRate = std::max(1, parser.value(rateOption).toInt());
    o.hostClients = std::max(1, parser.value(clientsOption).toInt());
    o.hostSenders = std::clamp(parser.value(sendersOption).toInt(), 1, o.hostClients);
    o.parlorBench = parser.value(benchOption);
    if (o.maxFrames > 0)
        o.noCacheFrames = std::min(o.noCacheFrames, o.maxFrames);
    if (messages < 1) {
        std::fprintf(stderr, "bench_chatview: the message count must be positive\n");
        return 2;
    }

    if (host && !QFileInfo(o.parlorBench).isExecutable()) {
        std::fprintf(stderr,
                     "bench_chatview: --host needs parlor-bench, and there is none at %s "
                     "(build the parlor-bench target, or give --parlor-bench PATH)\n",
                     qPrintable(o.parlorBench));
        return 1;
    }
    // The session keeps its outbox and the client's id where the app would: not the user's.
    if (host)
        QStandardPaths::setTestModeEnabled(true);

    Theme::apply(AppSettings::Theme::Light);
    const qint64 rssStartKiB = Bench::rssKiB();
    const Stopwatch generation;
    const QList<ChatLine> chat = makeChat(messages, 20240611);
    const double generateMs = generation.wallMs();

    QTextStream out(stdout);
    out << "bench_chatview: " << messages << " lines, batches of " << o.batchSize << ", " << repeat
        << " repetitions, view " << viewWidth << "x" << viewHeight << '\n'
        << Bench::machineLine() << '\n'
        << "platform: " << QGuiApplication::platformName() << ", style "
        << QApplication::style()->name() << ", font " << QApplication::font().family() << ' '
        << QApplication::font().pointSizeF() << "pt\n"
        << "generated the chat in " << Bench::fixed(generateMs, 0) << " ms\n";
    out.flush();

    if (host)
        return reportHosted(out, chat, o, repeat);

    QList<Repetition> reps;
    for (int i = 0; i < repeat; ++i) {
        reps.append(runOnce(chat, o));
        const Repetition &r = reps.constLast();
        out << "  repetition " << i + 1 << ": load "
            << Bench::fixed((r.append + r.layout + r.firstFrame).wall, 0) << " ms, live message "
            << Bench::fixed(r.live.wall, 1) << " ms, frame median "
            << Bench::fixed(r.scroll.wall.median) << " ms p95 " << Bench::fixed(r.scroll.wall.p95)
            << " ms over " << r.scroll.wall.count << " frames\n";
        out.flush();
    }

    auto med = [&reps](const std::function<double(const Repetition &)> &field) {
        QList<double> values;
        for (const Repetition &r : std::as_const(reps))
            values.append(field(r));
        return Bench::median(values);
    };
    auto timingRow = [&](const QString &what,
                         const std::function<Timing(const Repetition &)> &field,
                         const QString &note = {}) {
        const double wall = med([&](const Repetition &r) { return field(r).wall; });
        const double cpu = med([&](const Repetition &r) { return field(r).cpu; });
        out << "| " << what.leftJustified(52) << " | " << Bench::fixed(wall).rightJustified(10)
            << " | " << Bench::fixed(cpu).rightJustified(10) << " | " << note << '\n';
    };
    auto statRow = [&](const QString &what, const std::function<double(const FrameRun &)> &stat,
                       const std::function<const FrameRun &(const Repetition &)> &run,
                       const QString &note = {}) {
        const double wall = med([&](const Repetition &r) { return stat(run(r)); });
        out << "| " << what.leftJustified(52) << " | " << Bench::fixed(wall).rightJustified(10)
            << " | " << note << '\n';
    };
    auto row = [&out](const QString &what, double value, const QString &unit,
                      const QString &note = {}) {
        out << "| " << what.leftJustified(52) << " | " << Bench::fixed(value).rightJustified(10)
            << ' ' << unit.leftJustified(3) << " | " << note << '\n';
    };
    const Repetition &first = reps.constFirst();
    out << "\nmedians of " << repeat << " repetitions, milliseconds:\n"
        << "| " << QStringLiteral("step").leftJustified(52) << " | "
        << QStringLiteral("wall").rightJustified(10) << " | "
        << QStringLiteral("CPU").rightJustified(10) << " |\n";
    timingRow(QStringLiteral("append %1 lines (batches of %2)").arg(messages).arg(o.batchSize),
              [](const Repetition &r) { return r.append; });
    timingRow(QStringLiteral("lay out every row (cold height cache)"),
              [](const Repetition &r) { return r.layout; });
    timingRow(QStringLiteral("first frame"), [](const Repetition &r) { return r.firstFrame; });
    timingRow(QStringLiteral("load total: append + layout + first frame"),
              [](const Repetition &r) { return r.append + r.layout + r.firstFrame; });
    timingRow(QStringLiteral("load %1 lines streamed: layout after every batch")
                      .arg(std::min(messages, o.streamedLines)),
              [](const Repetition &r) { return r.streamed; });
    timingRow(QStringLiteral("view relayout, right after another"),
              [](const Repetition &r) { return r.relayoutWarm; });
    timingRow(QStringLiteral("view relayout, height cache emptied"),
              [](const Repetition &r) { return r.relayoutCold; });
    timingRow(
            QStringLiteral("one live message at the bottom: relayout + frame"),
            [](const Repetition &r) { return r.live; },
            QStringLiteral("median of %1 per repetition").arg(o.liveSamples));
    timingRow(QStringLiteral("one live message, height cache emptied first"),
              [](const Repetition &r) { return r.liveCold; });

    const auto stallRows = [&](const QString &what,
                               const std::function<const StallRun &(const Repetition &)> &run) {
        const StallRun &f = run(first);
        out << what << " (" << f.messages << " messages in " << Bench::fixed(f.totalWallMs, 0)
            << " ms, " << f.wall.count
            << " turns of the event loop, at the bottom at the end: " << (f.followed ? "yes" : "NO")
            << "), milliseconds per turn:\n";
        const auto ms = [&](const QString &label,
                            const std::function<double(const StallRun &)> &stat) {
            row(label, med([&](const Repetition &r) { return stat(run(r)); }), QStringLiteral("ms"));
        };
        ms(QStringLiteral("longest turn (stall), wall"),
           [](const StallRun &f) { return f.wall.max; });
        ms(QStringLiteral("longest turn (stall), CPU"), [](const StallRun &f) { return f.cpu.max; });
        ms(QStringLiteral("p99 turn, wall"), [](const StallRun &f) { return f.wall.p99; });
        ms(QStringLiteral("median turn, wall"), [](const StallRun &f) { return f.wall.median; });
    };
    out << '\n';
    stallRows(QStringLiteral("loading the whole chat through the event loop, %1 lines a turn")
                      .arg(o.batchSize),
              [](const Repetition &r) -> const StallRun & { return r.load; });
    stallRows(QStringLiteral("messages streaming in at %1 a second at the bottom").arg(o.streamRate),
              [](const Repetition &r) -> const StallRun & { return r.stream; });

    out << "\nscrolling from the bottom to the top, a page per frame (medians of " << repeat
        << " repetitions), milliseconds per frame:\n";
    const auto scroll = [](const Repetition &r) -> const FrameRun & {
        return r.scroll;
    };
    const auto again = [](const Repetition &r) -> const FrameRun & {
        return r.scrollAgain;
    };
    const auto noCache = [](const Repetition &r) -> const FrameRun & {
        return r.scrollNoCache;
    };
    statRow(
            QStringLiteral("wall median"), [](const FrameRun &f) { return f.wall.median; }, scroll,
            QStringLiteral("%1 frames, ~%2 rows each")
                    .arg(first.scroll.wall.count)
                    .arg(first.scroll.rowsPerFrame));
    statRow(
            QStringLiteral("wall p95"), [](const FrameRun &f) { return f.wall.p95; }, scroll);
    statRow(
            QStringLiteral("wall max"), [](const FrameRun &f) { return f.wall.max; }, scroll);
    statRow(
            QStringLiteral("CPU median"), [](const FrameRun &f) { return f.cpu.median; }, scroll);
    statRow(
            QStringLiteral("CPU p95"), [](const FrameRun &f) { return f.cpu.p95; }, scroll);
    out << "the first " << first.scrollNoCache.wall.count
        << " frames twice more: height cache kept, then emptied before each frame (ms per "
           "frame):\n";
    statRow(
            QStringLiteral("cache kept: CPU median"),
            [](const FrameRun &f) { return f.cpu.median; }, again);
    statRow(
            QStringLiteral("cache kept: CPU p95"), [](const FrameRun &f) { return f.cpu.p95; },
            again);
    statRow(
            QStringLiteral("cache emptied each frame: CPU median"),
            [](const FrameRun &f) { return f.cpu.median; }, noCache);
    statRow(
            QStringLiteral("cache emptied each frame: CPU p95"),
            [](const FrameRun &f) { return f.cpu.p95; }, noCache);

    out << "\nthe delegate alone (CPU per row, first " << std::min(messages, 10000) << " rows):\n";
    row(QStringLiteral("sizeHint, height cache warm"),
        med([](const Repetition &r) { return r.sizeHintWarmUs; }), QStringLiteral("µs"));
    row(QStringLiteral("sizeHint, height cache emptied"),
        med([](const Repetition &r) { return r.sizeHintColdUs; }), QStringLiteral("µs"));

    out << "\nmemory (first repetition, VmRSS):\n";
    row(QStringLiteral("process at start"), double(rssStartKiB) / 1024.0, QStringLiteral("MiB"));
    row(QStringLiteral("chat generated, empty view shown"), double(first.rssEmptyKiB) / 1024.0,
        QStringLiteral("MiB"));
    row(QStringLiteral("loaded and laid out"), double(first.rssLoadedKiB) / 1024.0,
        QStringLiteral("MiB"),
        QStringLiteral("+%1 MiB, %2 bytes a line (model copy + view + height cache)")
                .arg(mib(first.rssLoadedKiB - first.rssEmptyKiB))
                .arg((first.rssLoadedKiB - first.rssEmptyKiB) * 1024 / messages));
    row(QStringLiteral("after scrolling to the top"), double(first.rssScrolledKiB) / 1024.0,
        QStringLiteral("MiB"));
    out << "peak (VmHWM): " << mib(Bench::procStatusKiB(QStringLiteral("VmHWM"))) << " MiB\n";
    // The smoke run (ctest) proves the benchmark still measures something.
    if (first.scroll.wall.count == 0 || first.sizeHintColdUs < 0 || first.rssLoadedKiB <= 0) {
        std::fprintf(stderr, "bench_chatview: nothing was scrolled, measured or loaded\n");
        return 1;
    }
    return 0;
}
