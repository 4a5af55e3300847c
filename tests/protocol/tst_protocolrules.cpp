#include "protocol/protocol.h"

#include <QMetaEnum>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Parlor;

namespace {

// The wire name follows from the enum key: BadJson -> "bad-json". Deriving it lets the test find
// a new code that has no name without calling errorCodeName() on it (which is unreachable code
// for an unnamed value).
QString kebabCase(const char *key)
{
    QString name;
    for (const char *c = key; *c; ++c) {
        if (QChar::isUpper(char32_t(*c)) && c != key)
            name += u'-';
        name += QChar(char16_t(QChar::toLower(char32_t(*c))));
    }
    return name;
}

} // namespace

class tst_ProtocolRules : public QObject
{
    Q_OBJECT

private slots:
    void everyErrorCodeHasAWireName();
    void errorCodeWireNames_data();
    void errorCodeWireNames();
    void unknownErrorCodeNames_data();
    void unknownErrorCodeNames();
    void nickProblem_data();
    void nickProblem();
    void textProblem_data();
    void textProblem();
    void idProblem_data();
    void idProblem();
    void nickKey_data();
    void nickKey();
    void utf8Size_data();
    void utf8Size();
    void defaultLimits();
    void fileNameProblem_data();
    void fileNameProblem();
    void mimeProblem_data();
    void mimeProblem();
    void isFileKey_data();
    void isFileKey();
    void fileChunkBytesFor_data();
    void fileChunkBytesFor();
};

void tst_ProtocolRules::everyErrorCodeHasAWireName()
{
    const QMetaEnum codes = QMetaEnum::fromType<ErrorCode>();
    QVERIFY(codes.keyCount() > 0);
    QSet<QString> names;
    for (int i = 0; i < codes.keyCount(); ++i) {
        const auto code = ErrorCode(codes.value(i));
        const QString expected = kebabCase(codes.key(i));
        QVERIFY2(errorCodeFromName(expected) == code,
                 qPrintable(QStringLiteral("ErrorCode::%1 has no wire name \"%2\"")
                                    .arg(QLatin1String(codes.key(i)), expected)));
        const QString name = errorCodeName(code);
        QCOMPARE(name, expected);
        QVERIFY2(QRegularExpression(QStringLiteral("^[a-z]+(-[a-z]+)*$")).match(name).hasMatch(),
                 qPrintable(name));
        names.insert(name);
    }
    QCOMPARE(names.size(), codes.keyCount());
}

void tst_ProtocolRules::errorCodeWireNames_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("name");

    // The wire names are protocol: clients in other languages match on these strings.
    QTest::newRow("bad-json") << ErrorCode::BadJson << QStringLiteral("bad-json");
    QTest::newRow("bad-message") << ErrorCode::BadMessage << QStringLiteral("bad-message");
    QTest::newRow("unknown-type") << ErrorCode::UnknownType << QStringLiteral("unknown-type");
    QTest::newRow("bad-field") << ErrorCode::BadField << QStringLiteral("bad-field");
    QTest::newRow("not-joined") << ErrorCode::NotJoined << QStringLiteral("not-joined");
    QTest::newRow("already-joined") << ErrorCode::AlreadyJoined << QStringLiteral("already-joined");
    QTest::newRow("nick-invalid") << ErrorCode::NickInvalid << QStringLiteral("nick-invalid");
    QTest::newRow("nick-taken") << ErrorCode::NickTaken << QStringLiteral("nick-taken");
    QTest::newRow("auth") << ErrorCode::Auth << QStringLiteral("auth");
    QTest::newRow("rate-limited") << ErrorCode::RateLimited << QStringLiteral("rate-limited");
    QTest::newRow("duplicate") << ErrorCode::Duplicate << QStringLiteral("duplicate");
    QTest::newRow("room-full") << ErrorCode::RoomFull << QStringLiteral("room-full");
    QTest::newRow("bad-file-name") << ErrorCode::BadFileName << QStringLiteral("bad-file-name");
    QTest::newRow("file-too-large") << ErrorCode::FileTooLarge << QStringLiteral("file-too-large");
    QTest::newRow("bad-chunk") << ErrorCode::BadChunk << QStringLiteral("bad-chunk");
    QTest::newRow("no-file") << ErrorCode::NoFile << QStringLiteral("no-file");
    QTest::newRow("store-full") << ErrorCode::StoreFull << QStringLiteral("store-full");
}

void tst_ProtocolRules::errorCodeWireNames()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, name);

    QCOMPARE(errorCodeName(code), name);
    QCOMPARE(errorCodeFromName(name), std::optional<ErrorCode>(code));
}

void tst_ProtocolRules::unknownErrorCodeNames_data()
{
    QTest::addColumn<QString>("name");

    QTest::newRow("empty") << QString();
    QTest::newRow("different case") << QStringLiteral("Bad-Json");
    QTest::newRow("underscore instead of hyphen") << QStringLiteral("bad_json");
    QTest::newRow("surrounding space") << QStringLiteral(" auth");
    QTest::newRow("enum key instead of wire name") << QStringLiteral("RoomFull");
    QTest::newRow("a code of a later version") << QStringLiteral("banned");
}

void tst_ProtocolRules::unknownErrorCodeNames()
{
    QFETCH(QString, name);

    QCOMPARE(errorCodeFromName(name), std::nullopt);
}

void tst_ProtocolRules::nickProblem_data()
{
    QTest::addColumn<QString>("nick");
    QTest::addColumn<bool>("valid");

    const QString emoji = QStringLiteral("😀");
    QTest::newRow("ASCII") << QStringLiteral("mina") << true;
    QTest::newRow("Korean") << QStringLiteral("미나") << true;
    QTest::newRow("emoji") << QStringLiteral("🦊") << true;
    QTest::newRow("emoji with variation selector") << QStringLiteral("❤️") << true;
    QTest::newRow("emoji with skin tone") << QStringLiteral("👋🏽") << true;
    QTest::newRow("flag") << QStringLiteral("🇰🇷") << true;
    QTest::newRow("inner space") << QStringLiteral("Mina Kim") << true;
    QTest::newRow("punctuation") << QStringLiteral("[mina]_-.") << true;
    QTest::newRow("one character") << QStringLiteral("m") << true;
    QTest::newRow("32 characters") << QString(32, u'm') << true;
    QTest::newRow("32 emoji: code points, not UTF-16 units") << emoji.repeated(32) << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("33 characters") << QString(33, u'm') << false;
    QTest::newRow("33 emoji") << emoji.repeated(33) << false;
    QTest::newRow("only a space") << QStringLiteral(" ") << false;
    QTest::newRow("leading space") << QStringLiteral(" mina") << false;
    QTest::newRow("trailing space") << QStringLiteral("mina ") << false;
    QTest::newRow("leading tab") << QStringLiteral("\tmina") << false;
    QTest::newRow("trailing no-break space") << QStringLiteral("mina\u00A0") << false;
    QTest::newRow("leading ideographic space") << QStringLiteral("\u3000미나") << false;
    QTest::newRow("newline inside") << QStringLiteral("mi\nna") << false;
    QTest::newRow("tab inside") << QStringLiteral("mi\tna") << false;
    QTest::newRow("carriage return inside") << QStringLiteral("mi\rna") << false;
    QTest::newRow("NUL inside") << QString(QStringLiteral("mi") + QChar(0) + QStringLiteral("na"))
                                << false;
    QTest::newRow("escape inside") << QStringLiteral("mi\u001Bna") << false;
    QTest::newRow("DEL inside") << QStringLiteral("mi\u007Fna") << false;
    QTest::newRow("C1 control inside") << QStringLiteral("mi\u0085na") << false;
    QTest::newRow("zero-width space U+200B") << QStringLiteral("mi\u200Bna") << false;
    QTest::newRow("only a zero-width space") << QStringLiteral("\u200B") << false;
    QTest::newRow("right-to-left override U+202E") << QStringLiteral("mina\u202Efdp.exe") << false;
    QTest::newRow("soft hyphen U+00AD") << QStringLiteral("mi\u00ADna") << false;
    QTest::newRow("byte order mark U+FEFF") << QStringLiteral("\uFEFFmina") << false;
    // Emoji built with a zero-width joiner are refused too: the joiner is a format character.
    QTest::newRow("zero-width joiner sequence") << QStringLiteral("👨‍👩‍👧") << false;
    QTest::newRow("line separator U+2028") << QStringLiteral("mi\u2028na") << false;
    QTest::newRow("paragraph separator U+2029") << QStringLiteral("mi\u2029na") << false;
    QTest::newRow("Hangul filler U+3164") << QStringLiteral("\u3164") << false;
    QTest::newRow("Hangul filler inside") << QStringLiteral("미\u3164나") << false;
    QTest::newRow("Hangul choseong filler U+115F") << QStringLiteral("\u115F") << false;
    QTest::newRow("Hangul jungseong filler U+1160") << QStringLiteral("a\u1160") << false;
    QTest::newRow("halfwidth Hangul filler U+FFA0") << QStringLiteral("\uFFA0") << false;
    QTest::newRow("braille blank U+2800") << QStringLiteral("\u2800") << false;
    QTest::newRow("private use U+E000") << QStringLiteral("mi\uE000") << false;
    QTest::newRow("unassigned U+0378") << QStringLiteral("mi\u0378") << false;
    // An unpaired surrogate is no character at all; it turns into U+FFFD (or worse) on the wire.
    QTest::newRow("unpaired high surrogate")
            << QString(QStringLiteral("mi") + QChar(0xD800) + QStringLiteral("na")) << false;
    QTest::newRow("unpaired low surrogate") << QString(QChar(0xDC00)) << false;
}

void tst_ProtocolRules::nickProblem()
{
    QFETCH(QString, nick);
    QFETCH(bool, valid);

    const std::optional<QString> problem = Parlor::nickProblem(nick, 32);
    QVERIFY2(problem.has_value() != valid, qPrintable(problem.value_or(QStringLiteral("valid"))));
    if (problem)
        QVERIFY(!problem->isEmpty());
}

void tst_ProtocolRules::textProblem_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<bool>("valid");

    const QString emoji = QStringLiteral("😀");
    QTest::newRow("plain text") << QStringLiteral("hello") << 4000 << true;
    QTest::newRow("one character") << QStringLiteral("x") << 4000 << true;
    QTest::newRow("tab, line feed, carriage return")
            << QStringLiteral("a\tb\nc\r\nd") << 4000 << true;
    QTest::newRow("surrounding white space") << QStringLiteral("  hi\n") << 4000 << true;
    QTest::newRow("exactly the limit") << QString(10, u'x') << 10 << true;
    QTest::newRow("emoji up to the limit: code points") << emoji.repeated(10) << 10 << true;
    QTest::newRow("Korean") << QStringLiteral("안녕하세요") << 5 << true;
    QTest::newRow("markup is text") << QStringLiteral("<script>alert(1)</script>") << 4000 << true;
    // Not white space and not a control character, so allowed: the view must cope with them.
    QTest::newRow("right-to-left override") << QStringLiteral("abc\u202Edef") << 4000 << true;
    QTest::newRow("line separator U+2028") << QStringLiteral("a\u2028b") << 4000 << true;
    // U+200B is a format character, not white space: a text of only that would show as an empty
    // line, so it counts as empty.
    QTest::newRow("only a zero-width space") << QStringLiteral("\u200B") << 4000 << false;
    QTest::newRow("zero-width space and a word") << QStringLiteral("\u200Bhi") << 4000 << true;

    QTest::newRow("empty") << QString() << 4000 << false;
    QTest::newRow("only spaces") << QStringLiteral("    ") << 4000 << false;
    QTest::newRow("only tab and newlines") << QStringLiteral("\t\n\r\n") << 4000 << false;
    QTest::newRow("only no-break space") << QStringLiteral("\u00A0") << 4000 << false;
    QTest::newRow("only ideographic space") << QStringLiteral("\u3000\u3000") << 4000 << false;
    QTest::newRow("one over the limit") << QString(11, u'x') << 10 << false;
    QTest::newRow("one emoji over the limit") << emoji.repeated(11) << 10 << false;
    QTest::newRow("NUL") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << 4000
                         << false;
    QTest::newRow("BEL") << QStringLiteral("a\u0007") << 4000 << false;
    QTest::newRow("backspace") << QStringLiteral("abc\u0008\u0008") << 4000 << false;
    QTest::newRow("escape") << QStringLiteral("\u001B[2J") << 4000 << false;
    QTest::newRow("vertical tab") << QStringLiteral("a\u000Bb") << 4000 << false;
    QTest::newRow("form feed") << QStringLiteral("a\u000Cb") << 4000 << false;
    QTest::newRow("DEL") << QStringLiteral("a\u007F") << 4000 << false;
    QTest::newRow("C1 control NEL") << QStringLiteral("a\u0085b") << 4000 << false;
    QTest::newRow("C1 control CSI") << QStringLiteral("a\u009B2J") << 4000 << false;
    QTest::newRow("unpaired surrogate")
            << QString(QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b")) << 4000 << false;
}

void tst_ProtocolRules::textProblem()
{
    QFETCH(QString, text);
    QFETCH(int, maxLength);
    QFETCH(bool, valid);

    const std::optional<QString> problem = Parlor::textProblem(text, maxLength);
    QVERIFY2(problem.has_value() != valid, qPrintable(problem.value_or(QStringLiteral("valid"))));
    if (problem)
        QVERIFY(!problem->isEmpty());
}

void tst_ProtocolRules::idProblem_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");

    QTest::newRow("short") << QStringLiteral("m1") << true;
    QTest::newRow("one character") << QStringLiteral("x") << true;
    QTest::newRow("UUID") << QStringLiteral("3f2a9c1e-77aa-4c6b-9d0e-5b1f2a3c4d5e") << true;
    QTest::newRow("64 characters") << QString(64, u'a') << true;
    QTest::newRow("lowest printable ASCII '!'") << QStringLiteral("!") << true;
    QTest::newRow("highest printable ASCII '~'") << QStringLiteral("~") << true;
    QTest::newRow("quotes and backslash") << QStringLiteral("\"\\'") << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("65 characters") << QString(65, u'a') << false;
    QTest::newRow("space") << QStringLiteral("m 1") << false;
    QTest::newRow("tab") << QStringLiteral("m\t1") << false;
    QTest::newRow("newline") << QStringLiteral("m\n") << false;
    QTest::newRow("DEL") << QStringLiteral("m\u007F") << false;
    QTest::newRow("Latin-1 letter") << QStringLiteral("é") << false;
    QTest::newRow("Korean") << QStringLiteral("미나") << false;
    QTest::newRow("emoji") << QStringLiteral("😀") << false;
}

void tst_ProtocolRules::idProblem()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);

    const std::optional<QString> problem = Parlor::idProblem(id, 64);
    QVERIFY2(problem.has_value() != valid, qPrintable(problem.value_or(QStringLiteral("valid"))));
}

void tst_ProtocolRules::nickKey_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");

    QTest::newRow("identical") << QStringLiteral("mina") << QStringLiteral("mina") << true;
    QTest::newRow("capitalised") << QStringLiteral("Mina") << QStringLiteral("mina") << true;
    QTest::newRow("all capitals") << QStringLiteral("MINA") << QStringLiteral("mina") << true;
    QTest::newRow("Korean has no case") << QStringLiteral("미나") << QStringLiteral("미나") << true;
    QTest::newRow("Greek final sigma")
            << QStringLiteral("ΟΔΥΣΣΕΥΣ") << QStringLiteral("οδυσσευς") << true;
    QTest::newRow("Cyrillic") << QStringLiteral("МИНА") << QStringLiteral("мина") << true;
    // Qt applies Unicode's simple (one-to-one) case folding: ß stays ß, so "Straße" and
    // "STRASSE" are two different nicknames, while capital ẞ (U+1E9E) folds to ß.
    QTest::newRow("ß is not ss") << QStringLiteral("Straße") << QStringLiteral("STRASSE") << false;
    QTest::newRow("capital ẞ folds to ß")
            << QStringLiteral("STRAẞE") << QStringLiteral("straße") << true;
    QTest::newRow("titlecase digraph ǅ") << QStringLiteral("ǅ") << QStringLiteral("ǆ") << true;
    // Keys are NFKC-normalised first: what looks alike cannot pose as someone else.
    QTest::newRow("fullwidth letters")
            << QStringLiteral("Ｍｉｎａ") << QStringLiteral("mina") << true;
    QTest::newRow("precomposed and combining é")
            << QStringLiteral("\u00E9") << QStringLiteral("e\u0301") << true;
    QTest::newRow("different names") << QStringLiteral("mina") << QStringLiteral("mia") << false;
}

void tst_ProtocolRules::nickKey()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);

    QCOMPARE(Parlor::nickKey(a) == Parlor::nickKey(b), same);
    // Folding is idempotent, so a key compares equal to the key of a key.
    QCOMPARE(Parlor::nickKey(a), Parlor::nickKey(Parlor::nickKey(a)));
}

void tst_ProtocolRules::defaultLimits()
{
    // These defaults are announced in docs/PROTOCOL.md; a change there must be deliberate.
    const ProtocolLimits limits;
    QCOMPARE(limits.maxNickLength, 32);
    QCOMPARE(limits.maxTextLength, 4000);
    QCOMPARE(limits.maxIdLength, 64);
    QCOMPARE(limits.maxPasswordLength, 256);
    QCOMPARE(QLatin1String(RichSubprotocol), QLatin1String("parlor.v1"));
    QCOMPARE(QLatin1String(PlainSubprotocol), QLatin1String("chatting"));
    QCOMPARE(CloseCode::GoingAway, 1001);
    QCOMPARE(CloseCode::UnsupportedData, 1003);
    QCOMPARE(CloseCode::PolicyViolation, 1008);
    QCOMPARE(CloseCode::MessageTooBig, 1009);
    QCOMPARE(CloseCode::TryAgainLater, 1013);
    QCOMPARE(CloseCode::Replaced, 4001);
}

void tst_ProtocolRules::utf8Size_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("size");

    QTest::newRow("empty") << QString() << qsizetype(0);
    QTest::newRow("ASCII") << QStringLiteral("hello") << qsizetype(5);
    QTest::newRow("2 bytes") << QString::fromUtf8("\xC3\xA9") << qsizetype(2);
    QTest::newRow("3 bytes") << QString::fromUtf8("\xED\x95\x9C") << qsizetype(3);
    QTest::newRow("4 bytes") << QString::fromUtf8("\xF0\x9F\x98\x80") << qsizetype(4);
    QTest::newRow("mixed") << QString::fromUtf8("a\xC3\xA9\xED\x95\x9C\xF0\x9F\x98\x80")
                           << qsizetype(10);
    // Qt encodes an unpaired surrogate as '?', and so it goes on the wire.
    QTest::newRow("lone high surrogate") << QString(QChar(0xD83D)) << qsizetype(1);
    QTest::newRow("lone low surrogate") << QString(QChar(0xDE00)) << qsizetype(1);
    QTest::newRow("high surrogate then ASCII") << (QString(QChar(0xD83D)) + u'x') << qsizetype(2);
}

void tst_ProtocolRules::utf8Size()
{
    QFETCH(QString, text);
    QFETCH(qsizetype, size);
    QCOMPARE(Parlor::utf8Size(text), size);
    QCOMPARE(Parlor::utf8Size(text), text.toUtf8().size());
}

void tst_ProtocolRules::fileNameProblem_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("plain") << QStringLiteral("report.pdf") << true;
    QTest::newRow("Korean with a space inside") << QStringLiteral("보고서 draft.pdf") << true;
    QTest::newRow("emoji") << QStringLiteral("🦊.png") << true;
    QTest::newRow("dots inside") << QStringLiteral("a..b.tar.gz") << true;
    QTest::newRow("leading dot") << QStringLiteral(".bashrc") << true;
    QTest::newRow("one character") << QStringLiteral("x") << true;
    QTest::newRow("255 bytes of ASCII") << QString(255, u'a') << true;
    QTest::newRow("255 bytes of Korean (85 x 3)") << QString(85, QChar(0xB098)) << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("256 bytes of ASCII") << QString(256, u'a') << false;
    QTest::newRow("256 bytes: 85 Korean + 1") << QString(85, QChar(0xB098)) + u'a' << false;
    QTest::newRow("slash") << QStringLiteral("../etc/passwd") << false;
    QTest::newRow("slash alone") << QStringLiteral("a/b") << false;
    QTest::newRow("backslash") << QStringLiteral("..\\windows\\x.dll") << false;
    QTest::newRow("dot") << QStringLiteral(".") << false;
    QTest::newRow("dot dot") << QStringLiteral("..") << false;
    QTest::newRow("NUL") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << false;
    QTest::newRow("newline") << QStringLiteral("a\nb") << false;
    QTest::newRow("tab") << QStringLiteral("a\tb") << false;
    QTest::newRow("DEL") << QStringLiteral("a\u007Fb") << false;
    QTest::newRow("C1 control U+0085") << QStringLiteral("a\u0085b") << false;
    QTest::newRow("C1 control U+009F") << QStringLiteral("a\u009Fb") << false;
    QTest::newRow("right-to-left override") << QStringLiteral("photo\u202Egpj.exe") << false;
    QTest::newRow("zero-width space") << QStringLiteral("a\u200Bb") << false;
    QTest::newRow("BOM") << QStringLiteral("\uFEFFa") << false;
    QTest::newRow("line separator") << QStringLiteral("a\u2028b") << false;
    QTest::newRow("paragraph separator") << QStringLiteral("a\u2029b") << false;
    QTest::newRow("leading space") << QStringLiteral(" a.txt") << false;
    QTest::newRow("trailing space") << QStringLiteral("a.txt ") << false;
    QTest::newRow("trailing no-break space") << QStringLiteral("a.txt\u00A0") << false;
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) + QStringLiteral("a") << false;
}

void tst_ProtocolRules::fileNameProblem()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);

    const auto problem = Parlor::fileNameProblem(name);
    QVERIFY2(problem.has_value() != valid, qPrintable(problem.value_or(QStringLiteral("valid"))));
    if (problem)
        QVERIFY(!problem->isEmpty());
}

void tst_ProtocolRules::mimeProblem_data()
{
    QTest::addColumn<QString>("mime");
    QTest::addColumn<bool>("valid");

    QTest::newRow("application/pdf") << QStringLiteral("application/pdf") << true;
    QTest::newRow("image/png") << QStringLiteral("image/png") << true;
    QTest::newRow("vendor type") << QStringLiteral("application/vnd.ms-excel") << true;
    QTest::newRow("127 characters") << QStringLiteral("a/") + QString(125, u'b') << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("128 characters") << QStringLiteral("a/") + QString(126, u'b') << false;
    QTest::newRow("no slash") << QStringLiteral("pdf") << false;
    QTest::newRow("two slashes") << QStringLiteral("a/b/c") << false;
    QTest::newRow("empty type") << QStringLiteral("/pdf") << false;
    QTest::newRow("empty subtype") << QStringLiteral("text/") << false;
    QTest::newRow("space") << QStringLiteral("text/plain; charset=utf-8") << false;
    QTest::newRow("newline") << QStringLiteral("text/plain\r\nX-Evil: 1") << false;
    QTest::newRow("non-ASCII") << QStringLiteral("text/plän") << false;
}

void tst_ProtocolRules::mimeProblem()
{
    QFETCH(QString, mime);
    QFETCH(bool, valid);

    const auto problem = Parlor::mimeProblem(mime);
    QVERIFY2(problem.has_value() != valid, qPrintable(problem.value_or(QStringLiteral("valid"))));
}

void tst_ProtocolRules::isFileKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("valid");

    QTest::newRow("f + 32 hex") << QStringLiteral("f0123456789abcdef0123456789abcdef") << true;
    QTest::newRow("all zero") << QStringLiteral("f") + QString(32, u'0') << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("31 hex") << QStringLiteral("f") + QString(31, u'a') << false;
    QTest::newRow("33 hex") << QStringLiteral("f") + QString(33, u'a') << false;
    QTest::newRow("upper-case hex") << QStringLiteral("f") + QString(32, u'A') << false;
    QTest::newRow("no f") << QStringLiteral("a") + QString(32, u'a') << false;
    QTest::newRow("F") << QStringLiteral("F") + QString(32, u'a') << false;
    QTest::newRow("path") << QStringLiteral("f../../../../etc/passwd0123456789") << false;
    QTest::newRow("not hex") << QStringLiteral("f") + QString(32, u'g') << false;
}

void tst_ProtocolRules::isFileKey()
{
    QFETCH(QString, key);
    QFETCH(bool, valid);

    QCOMPARE(Parlor::isFileKey(key), valid);
}

void tst_ProtocolRules::fileChunkBytesFor_data()
{
    QTest::addColumn<int>("maxMessageBytes");
    QTest::addColumn<int>("expected");

    QTest::newRow("default 65536: the full 32768") << 65536 << 32768;
    QTest::newRow("1 MiB: still 32768") << 1048576 << 32768;
    // (44202 - 512) * 3/4 = 32767.5 -> 32767 -> 32766 (a multiple of 3)
    QTest::newRow("just below the full chunk") << 44202 << 32766;
    QTest::newRow("4096") << 4096 << 2688; // 3584 * 3/4 = 2688
    QTest::newRow("1000") << 1000 << 366;  // 488 * 3/4 = 366
    QTest::newRow("513: nothing useful") << 513 << 0;
    QTest::newRow("512") << 512 << 0;
    QTest::newRow("0") << 0 << 0;
}

void tst_ProtocolRules::fileChunkBytesFor()
{
    QFETCH(int, maxMessageBytes);
    QFETCH(int, expected);

    const int chunk = Parlor::fileChunkBytesFor(maxMessageBytes);
    QCOMPARE(chunk, expected);
    // A chunk message (base64 plus the JSON around it) always fits in the message size.
    if (chunk > 0) {
        QVERIFY(chunk == MaxFileChunkBytes || chunk % 3 == 0);
        QVERIFY((chunk + 2) / 3 * 4 + 512 <= maxMessageBytes);
    }
}

QTEST_GUILESS_MAIN(tst_ProtocolRules)
#include "tst_protocolrules.moc"
