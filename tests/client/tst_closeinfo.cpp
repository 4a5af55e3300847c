// CloseInfo: the one JSON form of a close (the State event's fields) and its one wording.

#include "client/closeinfo.h"
#include "client/connectionevent.h"
#include "protocol/closecodes.h"

#include <QJsonObject>
#include <QTest>

using namespace Parlor;
using Reason = CloseInfo::Reason;
Q_DECLARE_METATYPE(Parlor::CloseInfo::Reason)

namespace {

CloseInfo makeClose(Reason reason, int code, const QString &closeReason = {})
{
    CloseInfo info;
    info.reason = reason;
    info.code = code;
    info.codeName = CloseCodes::name(code);
    info.closeReason = closeReason;
    return info;
}

} // namespace

class tst_CloseInfo : public QObject
{
    Q_OBJECT

private slots:
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void jsonLeavesOutWhatIsNotThere();
    void reasonNames_data();
    void reasonNames();
    void text_data();
    void text();
    void summary_data();
    void summary();
};

void tst_CloseInfo::jsonRoundTrip_data()
{
    QTest::addColumn<CloseInfo>("info");

    CloseInfo user = makeClose(Reason::User, 1000, QStringLiteral("done here"));
    user.clean = true;
    QTest::newRow("user, clean") << user;

    CloseInfo peer = makeClose(Reason::Peer, 4002, QStringLiteral("too loud"));
    peer.clean = true;
    QTest::newRow("peer, with a reason") << peer;

    CloseInfo lost = makeClose(Reason::NetworkError, 1006);
    lost.errorString = QStringLiteral("The remote host closed the connection");
    lost.reconnectScheduled = true;
    QTest::newRow("lost, reconnect scheduled") << lost;

    CloseInfo refused = makeClose(Reason::HandshakeRefused, 1006);
    refused.httpStatus = 403;
    refused.errorString = QStringLiteral("Unhandled http status code: 403 (Forbidden).");
    QTest::newRow("refused upgrade") << refused;

    QTest::newRow("never connected") << CloseInfo();
}

void tst_CloseInfo::jsonRoundTrip()
{
    QFETCH(CloseInfo, info);
    const QJsonObject json = info.toJson();
    const CloseInfo back = CloseInfo::fromJson(json);
    QCOMPARE(back.reason, info.reason);
    QCOMPARE(back.code, info.code);
    QCOMPARE(back.codeName, info.codeName);
    QCOMPARE(back.closeReason, info.closeReason);
    QCOMPARE(back.clean, info.clean);
    QCOMPARE(back.errorString, info.errorString);
    QCOMPARE(back.httpStatus, info.httpStatus);
    QCOMPARE(back.reconnectScheduled, info.reconnectScheduled);
    QCOMPARE(back.toJson(), json);
    // The keys and values docs/TRACE.md documents.
    QCOMPARE(json.value(QLatin1String("reason")).toString(), CloseInfo::reasonName(info.reason));
    QCOMPARE(json.value(QLatin1String("code")).toInt(), info.code);
    QCOMPARE(json.value(QLatin1String("clean")).toBool(), info.clean);
    QCOMPARE(json.value(QLatin1String("reconnect")).toBool(), info.reconnectScheduled);
}

void tst_CloseInfo::jsonLeavesOutWhatIsNotThere()
{
    const QJsonObject json = makeClose(Reason::User, 1000).toJson();
    QVERIFY(!json.contains(EventField::error));
    QVERIFY(!json.contains(EventField::httpStatus));
    QCOMPARE(json.keys().size(), 6);
    // What the State event does not carry stays at its default.
    QJsonObject withCertificate = json;
    withCertificate.insert(EventField::sha256, QStringLiteral("ab12"));
    QVERIFY(CloseInfo::fromJson(withCertificate).certificateFingerprint.isEmpty());
}

void tst_CloseInfo::reasonNames_data()
{
    QTest::addColumn<Reason>("reason");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::newRow("None") << Reason::None << "None"
                          << "not connected";
    QTest::newRow("User") << Reason::User << "User"
                          << "closed by you";
    QTest::newRow("Peer") << Reason::Peer << "Peer"
                          << "closed by the server";
    QTest::newRow("NetworkError") << Reason::NetworkError << "NetworkError"
                                  << "connection lost or failed";
    QTest::newRow("HandshakeTimeout") << Reason::HandshakeTimeout << "HandshakeTimeout"
                                      << "handshake timed out";
    QTest::newRow("HandshakeRefused") << Reason::HandshakeRefused << "HandshakeRefused"
                                      << "upgrade refused";
    QTest::newRow("PingTimeout") << Reason::PingTimeout << "PingTimeout"
                                 << "no answer to pings";
    QTest::newRow("TlsError") << Reason::TlsError << "TlsError"
                              << "certificate not trusted";
}

void tst_CloseInfo::reasonNames()
{
    QFETCH(Reason, reason);
    QFETCH(QString, name);
    QFETCH(QString, text);
    QCOMPARE(CloseInfo::reasonName(reason), name);
    QCOMPARE(CloseInfo::reasonFromName(name), reason);
    QCOMPARE(CloseInfo::reasonText(reason), text); // English without a translator
    QCOMPARE(CloseInfo::reasonFromName(name + QLatin1Char('x')), Reason::None);
}

void tst_CloseInfo::text_data()
{
    QTest::addColumn<CloseInfo>("info");
    QTest::addColumn<QString>("expected");

    const QString normal = QStringLiteral(
            "The connection was closed on purpose; its job was done.");
    QTest::newRow("user close, no reason")
            << makeClose(Reason::User, 1000) << QStringLiteral("1000 Normal Closure — ") + normal;
    QTest::newRow("user close with a reason")
            << makeClose(Reason::User, 1000, QStringLiteral("done here"))
            << QStringLiteral("1000 Normal Closure “done here” — ") + normal;
    QTest::newRow("kicked by the host")
            << makeClose(Reason::Peer, 4002, QStringLiteral("too loud"))
            << QStringLiteral("4002 Application “too loud” — A code private to the application "
                              "on the other side.");

    CloseInfo lost = makeClose(Reason::NetworkError, 1006);
    lost.errorString = QStringLiteral("Connection refused");
    QTest::newRow("network error says Qt's error")
            << lost
            << QStringLiteral("1006 Abnormal Closure — The connection dropped without a close "
                              "frame (network loss, crash or proxy timeout). Reported locally; "
                              "never sent on the wire. (Connection refused)");

    CloseInfo refused = makeClose(Reason::HandshakeRefused, 1006);
    refused.httpStatus = 403;
    QTest::newRow("refused upgrade: no 1006 meaning")
            << refused
            << QStringLiteral(
                       "1006 Abnormal Closure (the server refused the upgrade with HTTP 403)");
    QTest::newRow("handshake timeout")
            << makeClose(Reason::HandshakeTimeout, 1006)
            << QStringLiteral(
                       "1006 Abnormal Closure (the server did not complete the handshake in time)");
    QTest::newRow("ping timeout")
            << makeClose(Reason::PingTimeout, 1006)
            << QStringLiteral("1006 Abnormal Closure (no answer to pings: the connection is dead)");

    CloseInfo tls = makeClose(Reason::TlsError, 1015);
    tls.certificateSubject = QStringLiteral("localhost");
    tls.certificateFingerprint = QStringLiteral("ab12");
    QTest::newRow("untrusted certificate")
            << tls
            << QStringLiteral(
                       "1015 TLS Handshake (untrusted certificate \"localhost\", SHA-256 ab12)");
}

void tst_CloseInfo::text()
{
    QFETCH(CloseInfo, info);
    QFETCH(QString, expected);
    QCOMPARE(info.text(), expected);
}

void tst_CloseInfo::summary_data()
{
    QTest::addColumn<CloseInfo>("info");
    QTest::addColumn<QString>("expected");
    QTest::newRow("peer with a reason")
            << makeClose(Reason::Peer, 1001, QStringLiteral("restart"))
            << QStringLiteral("closed by the server · code 1001 · “restart”");
    CloseInfo refused = makeClose(Reason::HandshakeRefused, 1006);
    refused.httpStatus = 403;
    QTest::newRow("refused: the status, not the code")
            << refused << QStringLiteral("upgrade refused · HTTP 403");
    QTest::newRow("a reason on one line")
            << makeClose(Reason::NetworkError, 1006, QStringLiteral("a\nb\tc"))
            << QStringLiteral("connection lost or failed · code 1006 · “a b c”");
    QTest::newRow("no code") << CloseInfo() << QStringLiteral("not connected");
}

void tst_CloseInfo::summary()
{
    QFETCH(CloseInfo, info);
    QFETCH(QString, expected);
    QCOMPARE(info.summary(), expected);
}

QTEST_GUILESS_MAIN(tst_CloseInfo)
#include "tst_closeinfo.moc"
