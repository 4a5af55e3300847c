// bench_search: find in a long chat (MessageSearch, Ctrl+F). Not a test: it prints figures for
// docs/PERFORMANCE.md. It loads a chat of English, accented Latin and Korean lines into a
// MessageModel and times a full search for several queries, next to the reference in the same
// run: a plain loop of QString::contains(query, Qt::CaseInsensitive) over the same texts (which
// knows neither accents nor compatibility forms). Then a query typed key by key, and one line
// arriving while a search is open.
//
//   bench_search [lines] [--repeat R]

#include "benchutil.h"
#include "client/messagemodel.h"
#include "client/messagesearch.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTextStream>

using namespace Parlor;

namespace {

QList<ChatLine> makeChat(int count, quint32 seed)
{
    static const QStringList words
            = {QStringLiteral("the"),      QStringLiteral("room"),
               QStringLiteral("is"),       QStringLiteral("open"),
               QStringLiteral("lunch"),    QStringLiteral("at"),
               QStringLiteral("noon"),     QStringLiteral("who"),
               QStringLiteral("wants"),    QStringLiteral("Café"),
               QStringLiteral("naïve"),    QStringLiteral("déjà"),
               QStringLiteral("vu"),       QStringLiteral("Straße"),
               QStringLiteral("점심"),     QStringLiteral("먹을래요"),
               QStringLiteral("회의"),     QStringLiteral("시작합니다"),
               QStringLiteral("좋아요"),   QStringLiteral("https://example.org/a/b"),
               QStringLiteral("tomorrow"), QStringLiteral("Meeting"),
               QStringLiteral("coffee")};
    static const QStringList nicks = {QStringLiteral("alice"), QStringLiteral("bob"),
                                      QStringLiteral("민수"), QStringLiteral("zoë")};
    QRandomGenerator rng(seed);
    QList<ChatLine> lines;
    lines.reserve(count);
    const QDateTime start = QDateTime::fromSecsSinceEpoch(1'700'000'000);
    for (int i = 0; i < count; ++i) {
        ChatLine line;
        line.kind = ChatLine::Kind::Chat;
        line.id = QStringLiteral("m%1").arg(i);
        line.seq = i + 1;
        line.sender = nicks.at(rng.bounded(int(nicks.size())));
        const int n = 3 + rng.bounded(rng.bounded(10) == 0 ? 60 : 12);
        QStringList text;
        for (int w = 0; w < n; ++w)
            text.append(words.at(rng.bounded(int(words.size()))));
        line.text = text.join(QLatin1Char(' '));
        line.time = start.addSecs(i * 20);
        lines.append(line);
    }
    return lines;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("lines"), QStringLiteral("lines (100000)"));
    parser.addOption({QStringLiteral("repeat"), QStringLiteral("repetitions (5)"),
                      QStringLiteral("R"), QStringLiteral("5")});
    parser.process(app);
    const int count = parser.positionalArguments().isEmpty()
                              ? 100000
                              : parser.positionalArguments().constFirst().toInt();
    const int repeat = std::max(1, parser.value(QStringLiteral("repeat")).toInt());
    if (count <= 0) {
        QTextStream(stderr) << "lines must be a positive number\n";
        return 2;
    }

    QTextStream out(stdout);
    out << Bench::machineLine() << '\n'
        << "lines: " << count << ", repetitions: " << repeat << " (medians in ms)\n";

    MessageModel model;
    model.append(makeChat(count, 42));
    MessageSearch search(&model);

    const QStringList queries = {QStringLiteral("lunch"), QStringLiteral("cafe"),
                                 QStringLiteral("점심"), QStringLiteral("zzzq"),
                                 QStringLiteral("e")};
    for (const QString &query : queries) {
        QList<double> mine;
        QList<double> reference;
        int refCount = 0;
        for (int r = 0; r < repeat; ++r) {
            search.setQuery(QString());
            QElapsedTimer t;
            t.start();
            search.setQuery(query);
            mine.append(double(t.nsecsElapsed()) / 1e6);

            t.restart();
            int hits = 0;
            for (int row = 0; row < model.rowCount(); ++row) {
                if (model.line(row).text.contains(query, Qt::CaseInsensitive))
                    ++hits;
            }
            reference.append(double(t.nsecsElapsed()) / 1e6);
            refCount = hits;
        }
        out << QStringLiteral("query %1: MessageSearch %2 ms (%3 matches); QString::contains loop "
                              "%4 ms (%5 lines)\n")
                        .arg(query, -6)
                        .arg(Bench::fixed(Bench::median(mine)))
                        .arg(search.count())
                        .arg(Bench::fixed(Bench::median(reference)))
                        .arg(refCount);
        out.flush();
    }

    // Typing a query one key at a time, as the find bar searches on every key: the first key
    // searches every line, each later one only the rows the previous query matched.
    for (const QString &word : {QStringLiteral("lunch"), QStringLiteral("점심")}) {
        QList<QList<double>> perKey(word.size());
        for (int r = 0; r < repeat; ++r) {
            search.setQuery(QString());
            for (int k = 1; k <= word.size(); ++k) {
                QElapsedTimer t;
                t.start();
                search.setQuery(word.left(k));
                perKey[k - 1].append(double(t.nsecsElapsed()) / 1e6);
            }
        }
        out << "typing " << word << " key by key:";
        for (int k = 0; k < perKey.size(); ++k)
            out << ' ' << word.left(k + 1) << ' ' << Bench::fixed(Bench::median(perKey.at(k)))
                << " ms" << (k + 1 < perKey.size() ? "," : "");
        out << '\n';
        out.flush();
    }

    // One line arriving while the bar is open: only the new row is searched.
    search.setQuery(QStringLiteral("lunch"));
    QList<double> live;
    const QList<ChatLine> more = makeChat(200, 7);
    for (const ChatLine &line : more) {
        ChatLine l = line;
        l.id += QStringLiteral("-live");
        QElapsedTimer t;
        t.start();
        model.append(l);
        live.append(double(t.nsecsElapsed()) / 1e6);
    }
    out << "one line arriving with a search open: " << Bench::fixed(Bench::median(live), 4)
        << " ms (median of " << live.size() << ", append included)\n";
    return 0;
}
