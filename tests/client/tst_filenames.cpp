// safeFileName and fileSizeText: the name another member offered for a file, made safe to save
// under (PROTOCOL "Files": the name is untrusted), and sizes in words.

#include "client/filenames.h"

#include <QLocale>
#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

class tst_FileNames : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void safeFileName_data();
    void safeFileName();
    void sizeText();
};

void tst_FileNames::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void tst_FileNames::safeFileName_data()
{
    QTest::addColumn<QString>("offered");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"report.pdf"_s << u"report.pdf"_s;
    QTest::newRow("Korean") << u"보고서 draft.pdf"_s << u"보고서 draft.pdf"_s;
    QTest::newRow("climbing out") << u"../../etc/passwd"_s << u"passwd"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"b"_s;
    QTest::newRow("windows path") << u"C:\\Users\\x\\evil.bat"_s << u"evil.bat"_s;
    QTest::newRow("right-to-left override") << u"\u202Egpj.exe"_s << u"_gpj.exe"_s;
    QTest::newRow("zero-width space") << u"a\u200Bb.txt"_s << u"a_b.txt"_s;
    QTest::newRow("control characters") << u"a\nb\tc\u0001.txt"_s << u"a_b_c_.txt"_s;
    QTest::newRow("C1 control") << u"x\u0085y"_s << u"x_y"_s;
    QTest::newRow("line separator") << u"x\u2028y"_s << u"x_y"_s;
    QTest::newRow("white space around") << u"  notes.txt  "_s << u"notes.txt"_s;
    QTest::newRow("empty") << QString() << u"file"_s;
    QTest::newRow("only spaces") << u"   "_s << u"file"_s;
    QTest::newRow("dot") << u"."_s << u"file"_s;
    QTest::newRow("dot dot") << u".."_s << u"file"_s;
    QTest::newRow("trailing slash") << u"folder/"_s << u"file"_s;
    QTest::newRow("dot dot after a slash") << u"a/.."_s << u"file"_s;
    // 300 bytes: cut to 255, the extension kept.
    QTest::newRow("300 bytes") << QString(296, u'a') + u".pdf"_s << QString(251, u'a') + u".pdf"_s;
    // Three bytes each: 85 characters are 255 bytes; never half a character.
    QTest::newRow("300 bytes of Korean") << QString(100, u'가') << QString(85, u'가');
    QTest::newRow("Korean with extension")
            << QString(100, u'가') + u".txt"_s << QString(83, u'가') + u".txt"_s;
    // 4-byte characters (surrogate pairs) are not split.
    QString emoji;
    for (int i = 0; i < 70; ++i)
        emoji += u"😀"_s;
    QString emojiCut;
    for (int i = 0; i < 63; ++i)
        emojiCut += u"😀"_s;
    QTest::newRow("emoji") << emoji << emojiCut;
}

void tst_FileNames::safeFileName()
{
    QFETCH(QString, offered);
    QFETCH(QString, expected);
    const QString safe = Parlor::safeFileName(offered);
    QCOMPARE(safe, expected);
    QVERIFY(safe.toUtf8().size() <= 255);
    QVERIFY(!safe.contains(u'/') && !safe.contains(u'\\'));
}

void tst_FileNames::sizeText()
{
    QCOMPARE(fileSizeText(1258291), u"1.2 MB"_s);
    QCOMPARE(fileSizeText(512), u"512 bytes"_s);
}

QTEST_GUILESS_MAIN(tst_FileNames)
#include "tst_filenames.moc"
