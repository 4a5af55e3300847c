#include "protocol/closecodes.h"

#include <QCoreApplication>
#include <QTest>

using Parlor::CloseCodes;

class tst_CloseCodes : public QObject
{
    Q_OBJECT

private slots:
    void names_data();
    void names();
    void meaningsAreDistinctForRegisteredCodes();
    void sendable_data();
    void sendable();
    void clippedReason_data();
    void clippedReason();
};

void tst_CloseCodes::names_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("meaningContains");

    const auto row = [](int code, const char *name, const char *meaning) {
        QTest::addRow("%d %s", code, name)
                << code << QString::fromLatin1(name) << QString::fromLatin1(meaning);
    };
    row(1000, "Normal Closure", "on purpose");
    row(1001, "Going Away", "shutting down");
    row(1002, "Protocol Error", "protocol");
    row(1003, "Unsupported Data", "binary");
    row(1004, "Unknown", "does not define"); // reserved, no name in RFC 6455
    row(1005, "No Status Received", "without a code");
    row(1006, "Abnormal Closure", "without a close frame");
    row(1007, "Invalid Frame Payload Data", "UTF-8");
    row(1008, "Policy Violation", "rules");
    row(1009, "Message Too Big", "larger");
    row(1010, "Mandatory Extension", "extension");
    row(1011, "Internal Error", "unexpected");
    row(1012, "Service Restart", "restarting");
    row(1013, "Try Again Later", "try again later");
    row(1014, "Bad Gateway", "gateway");
    row(1015, "TLS Handshake", "certificate");
    row(1016, "Unknown", "does not define");
    row(999, "Unknown", "does not define");
    row(0, "Unknown", "does not define");
    row(-1, "Unknown", "does not define");
    row(2999, "Unknown", "does not define");
    row(3000, "Registered", "library or framework");
    row(3500, "Registered", "library or framework");
    row(3999, "Registered", "library or framework");
    row(4000, "Application", "private to the application");
    row(4001, "Application", "private to the application");
    row(4999, "Application", "private to the application");
    row(5000, "Unknown", "does not define");
    row(65535, "Unknown", "does not define");
}

void tst_CloseCodes::names()
{
    QFETCH(int, code);
    QFETCH(QString, name);
    QFETCH(QString, meaningContains);

    QCOMPARE(CloseCodes::name(code), name);
    const char *meaning = CloseCodes::meaning(code);
    QVERIFY(meaning);
    const QString text = QString::fromUtf8(meaning);
    QVERIFY2(text.contains(meaningContains, Qt::CaseInsensitive), qPrintable(text));
    QVERIFY(text.endsWith(QLatin1Char('.')));
    // Translatable in the "CloseCodes" context: with no translator it comes back unchanged.
    QCOMPARE(QCoreApplication::translate("CloseCodes", meaning), text);
}

void tst_CloseCodes::meaningsAreDistinctForRegisteredCodes()
{
    QStringList seen;
    for (int code = 1000; code <= 1015; ++code) {
        if (code == 1004)
            continue;
        const QString meaning = QString::fromUtf8(CloseCodes::meaning(code));
        QVERIFY2(!seen.contains(meaning), qPrintable(QString::number(code)));
        seen.append(meaning);
    }
    QCOMPARE(seen.size(), 15);
}

void tst_CloseCodes::sendable_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("sendable");

    QTest::newRow("999 below the range") << 999 << false;
    QTest::newRow("0") << 0 << false;
    QTest::newRow("1000 normal") << 1000 << true;
    QTest::newRow("1001 going away") << 1001 << true;
    QTest::newRow("1002 protocol error") << 1002 << true;
    QTest::newRow("1003 unsupported data") << 1003 << true;
    QTest::newRow("1004 reserved") << 1004 << false;
    QTest::newRow("1005 no status, local only") << 1005 << false;
    QTest::newRow("1006 abnormal, local only") << 1006 << false;
    QTest::newRow("1007 invalid payload") << 1007 << true;
    QTest::newRow("1008 policy") << 1008 << true;
    QTest::newRow("1009 too big") << 1009 << true;
    QTest::newRow("1010 extension") << 1010 << true;
    QTest::newRow("1011 internal") << 1011 << true;
    QTest::newRow("1012 restart") << 1012 << true;
    QTest::newRow("1013 try again later") << 1013 << true;
    QTest::newRow("1014 bad gateway") << 1014 << true;
    QTest::newRow("1015 TLS, local only") << 1015 << false;
    // RFC 6455 7.4.2 reserves 1016-2999 for future revisions; peers (Autobahn 7.9.x, Qt) fail
    // the connection when they receive one, so they cannot be sent either.
    QTest::newRow("1016 unassigned") << 1016 << false;
    QTest::newRow("2000 unassigned") << 2000 << false;
    QTest::newRow("2999 unassigned") << 2999 << false;
    QTest::newRow("3000 registered") << 3000 << true;
    QTest::newRow("3999 registered") << 3999 << true;
    QTest::newRow("4000 application") << 4000 << true;
    QTest::newRow("4999 application") << 4999 << true;
    QTest::newRow("5000 above the range") << 5000 << false;
    QTest::newRow("-1000 negative") << -1000 << false;
}

void tst_CloseCodes::sendable()
{
    QFETCH(int, code);
    QFETCH(bool, sendable);
    QCOMPARE(CloseCodes::isSendable(code), sendable);
}

void tst_CloseCodes::clippedReason_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("clipped");

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("short") << QStringLiteral("bye") << QStringLiteral("bye");
    QTest::newRow("123 ASCII") << QString(123, u'a') << QString(123, u'a');
    QTest::newRow("124 ASCII") << QString(124, u'a') << QString(123, u'a');
    // 3-byte characters: 41 fit in 123 bytes.
    QTest::newRow("Korean") << QString(50, QChar(0xD55C)) << QString(41, QChar(0xD55C));
    // A 4-byte emoji (a surrogate pair) is never cut in half: 121 + 4 > 123.
    const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80");
    QTest::newRow("emoji across the limit") << QString(121, u'a') + emoji << QString(121, u'a');
    QTest::newRow("emoji at the limit") << QString(119, u'a') + emoji << QString(119, u'a') + emoji;
}

void tst_CloseCodes::clippedReason()
{
    QFETCH(QString, reason);
    QFETCH(QString, clipped);
    const QString result = CloseCodes::clippedReason(reason);
    QCOMPARE(result, clipped);
    QVERIFY(result.toUtf8().size() <= CloseCodes::MaxReasonBytes);
}

QTEST_GUILESS_MAIN(tst_CloseCodes)
#include "tst_closecodes.moc"
