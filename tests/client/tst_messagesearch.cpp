// MessageSearch: find in the chat, case- and accent-insensitive, Korean included, live as lines
// arrive.

#include "client/chatline.h"
#include "client/messagemodel.h"
#include "client/messagesearch.h"

#include <QSignalSpy>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

namespace {

ChatLine chatLine(const QString &text, ChatLine::Kind kind = ChatLine::Kind::Chat)
{
    static int n = 0;
    ChatLine line;
    line.kind = kind;
    line.id = u"id%1"_s.arg(++n);
    line.sender = u"alice"_s;
    line.text = text;
    line.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000);
    return line;
}

using Match = MessageSearch::Match;

} // namespace

class TestMessageSearch : public QObject
{
    Q_OBJECT

private slots:
    void caseInsensitive()
    {
        MessageModel model;
        model.append({chatLine(u"Hello World"_s), chatLine(u"nothing here"_s),
                      chatLine(u"WORLD world"_s)});
        MessageSearch search(&model);
        search.setQuery(u"wOrLd"_s);
        QCOMPARE(search.count(), 3);
        QCOMPARE(search.matches().at(0), (Match{0, 6, 5}));
        QCOMPARE(search.matches().at(1), (Match{2, 0, 5}));
        QCOMPARE(search.matches().at(2), (Match{2, 6, 5}));
    }

    void accentInsensitiveBothWays()
    {
        MessageModel model;
        // "é" precomposed, "é" decomposed (e + U+0301), "E" plain, "Ç" and ß-less Latin.
        model.append({chatLine(u"un café noir"_s), chatLine(u"cafe\u0301 au lait"_s),
                      chatLine(u"CAFE"_s), chatLine(u"Ça va"_s)});
        MessageSearch search(&model);
        search.setQuery(u"CAFÉ"_s);
        QCOMPARE(search.count(), 3);
        // Offsets are in the original text: the precomposed é is one character...
        QCOMPARE(search.matches().at(0), (Match{0, 3, 4}));
        // ...the decomposed one is two, and the whole of it is part of the match.
        QCOMPARE(search.matches().at(1), (Match{1, 0, 5}));
        QCOMPARE(search.matches().at(2), (Match{2, 0, 4}));
        search.setQuery(u"ca va"_s);
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.matches().at(0), (Match{3, 0, 5}));
    }

    void compatibilityForms()
    {
        MessageModel model;
        model.append(chatLine(u"ＦＵＬＬ width and ﬁne"_s)); // fullwidth letters, fi ligature
        MessageSearch search(&model);
        search.setQuery(u"full"_s);
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.matches().at(0), (Match{0, 0, 4}));
        search.setQuery(u"fine"_s);
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.matches().at(0), (Match{0, 15, 3})); // "ﬁ" is one character
    }

    void korean()
    {
        MessageModel model;
        model.append({chatLine(u"안녕하세요 여러분"_s), chatLine(u"한국어 검색"_s),
                      chatLine(u"하나"_s)});
        MessageSearch search(&model);
        // A syllable matches itself...
        search.setQuery(u"하"_s);
        QCOMPARE(search.count(), 2);
        QCOMPARE(search.matches().at(0), (Match{0, 2, 1}));
        QCOMPARE(search.matches().at(1), (Match{2, 0, 1}));
        // ...and not the syllables that merely start with the same jamo (한 = ㅎ+ㅏ+ㄴ).
        search.setQuery(u"한"_s);
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.matches().at(0), (Match{1, 0, 1}));
        search.setQuery(u"검색"_s);
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.matches().at(0), (Match{1, 4, 2}));
        // Korean next to accented Latin in one line.
        model.append(chatLine(u"Café 카페"_s));
        search.setQuery(u"카페"_s);
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.matches().at(0), (Match{3, 5, 2}));
    }

    void foldKeepsOffsets()
    {
        QList<int> map;
        QCOMPARE(MessageSearch::fold(u"Éa한"_s, &map), u"ea한"_s);
        QCOMPARE(map, (QList<int>{0, 1, 2}));
        QCOMPARE(MessageSearch::fold(u"e\u0301X"_s, &map), u"ex"_s);
        QCOMPARE(map, (QList<int>{0, 2}));
    }

    void typingOnFindsWhatAFreshSearchFinds()
    {
        // Each key narrows the previous matches (only their rows are searched again): the
        // result must be the one a search from scratch gives, folding that expands (ﬁ → fi),
        // drops marks (e + U+0301) and Korean included; lines arriving in between count too.
        MessageModel model;
        model.append({chatLine(u"the ﬁnal ﬁx, final"_s), chatLine(u"cafe\u0301 CAFÉ café"_s),
                      chatLine(u"카페 카페라떼"_s), chatLine(u"fin"_s), chatLine(u"nothing"_s)});
        MessageSearch typed(&model);
        MessageSearch fresh(&model);
        const QStringList prefixes = {u"f"_s,  u"fi"_s,   u"FIN"_s,   u"final"_s, u"final "_s,
                                      u"c"_s,  u"ca"_s,   u"caf"_s,   u"café"_s,  u"café "_s,
                                      u"카"_s, u"카페"_s, u"카페라"_s};
        for (const QString &query : prefixes) {
            if (query == u"café"_s)
                model.append(chatLine(u"one more Cafe"_s));
            typed.setQuery(query);
            MessageSearch check(&model);
            check.setQuery(query);
            QCOMPARE(typed.matches(), check.matches());
            QCOMPARE(typed.currentIndex(), check.currentIndex());
        }
        typed.setQuery(u"fi"_s);
        QCOMPARE(typed.count(), 4); // "ﬁnal", "ﬁx", "final", "fin"
        typed.setQuery(u"fix"_s);
        QCOMPARE(typed.count(), 1);
        QCOMPARE(typed.matches().at(0), (Match{0, 9, 2})); // the ligature and the x
        fresh.setQuery(u"cafe "_s);
        QCOMPARE(fresh.count(), 2); // "cafe\u0301 " and "CAFÉ "
        QCOMPARE(fresh.matches().at(0), (Match{1, 0, 6}));
    }

    void systemLinesAreNotSearched()
    {
        MessageModel model;
        ChatLine sys = chatLine(u"alice"_s, ChatLine::Kind::System);
        sys.event = ChatLine::Event::NickChange;
        model.append({sys, chatLine(u"alice says hi"_s)});
        MessageSearch search(&model);
        search.setQuery(u"alice"_s);
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.matches().at(0).row, 1);
    }

    void stepsAndWraps()
    {
        MessageModel model;
        model.append({chatLine(u"x"_s), chatLine(u"x x"_s)});
        MessageSearch search(&model);
        QSignalSpy current(&search, &MessageSearch::currentChanged);
        search.setQuery(u"x"_s);
        QCOMPARE(search.count(), 3);
        QCOMPARE(search.currentIndex(), 2); // the last, nearest the bottom
        search.next();
        QCOMPARE(search.currentIndex(), 0);
        search.previous();
        QCOMPARE(search.currentIndex(), 2);
        search.previous();
        QCOMPARE(search.currentIndex(), 1);
        QCOMPARE(search.current(), (Match{1, 0, 1}));
        QVERIFY(current.count() >= 4);
        search.setQuery(QString());
        QCOMPARE(search.count(), 0);
        QCOMPARE(search.currentIndex(), -1);
        search.next(); // nothing to step to: no crash, still nothing
        QCOMPARE(search.currentIndex(), -1);
    }

    void matchesInRow()
    {
        MessageModel model;
        model.append({chatLine(u"aa"_s), chatLine(u"b"_s), chatLine(u"a a a"_s)});
        MessageSearch search(&model);
        search.setQuery(u"a"_s);
        QCOMPARE(search.matchesInRow(0).size(), 2);
        QCOMPARE(search.matchesInRow(1).size(), 0);
        QCOMPARE(search.matchesInRow(2).size(), 3);
        QCOMPARE(search.matchesInRow(2).at(1), (Match{2, 2, 1}));
        QCOMPARE(search.matchesInRow(7).size(), 0);
    }

    void liveAsLinesArrive()
    {
        MessageModel model;
        model.append(chatLine(u"nothing"_s));
        MessageSearch search(&model);
        QSignalSpy changed(&search, &MessageSearch::matchesChanged);
        search.setQuery(u"ping"_s);
        QCOMPARE(search.count(), 0);
        QCOMPARE(search.currentIndex(), -1);
        model.append(chatLine(u"PING 1"_s));
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.currentIndex(), 0);
        model.append({chatLine(u"ping 2"_s), chatLine(u"pong"_s)});
        QCOMPARE(search.count(), 2);
        QCOMPARE(search.matches().at(1), (Match{2, 0, 4}));
        QCOMPARE(search.currentIndex(), 0); // arriving lines do not move the current match
        model.removeId(model.line(1).id);
        QCOMPARE(search.count(), 1);
        QCOMPARE(search.matches().at(0).row, 1);
        model.clear();
        QCOMPARE(search.count(), 0);
        QVERIFY(changed.count() >= 4);
    }
};

QTEST_GUILESS_MAIN(TestMessageSearch)
#include "tst_messagesearch.moc"
