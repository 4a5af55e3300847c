// UpgradeGate::originAllowed: the Origin and Host headers of any upgrade request, and the
// --allow-origin list, decide whether a browser page may join the room (docs/SECURITY.md).
//
// The input is the origin, the Host header and the allowed origins (one a line, the rest of the
// input); its first byte may replace the origin by "http://" or "https://" + Host, by nothing, or
// add it to the list in another letter case. Invariants: no crash; an empty origin is allowed; an
// origin that is "http://" + a plain Host (name or name:port) is allowed; a listed origin is
// allowed; an http(s) origin naming another host, or the same host with another port than the
// Host header's, is not, unless listed. "Another host" is judged only where it is plain (ASCII
// letters, hyphens and dots): digits would let QUrl read two spellings of one IPv4 address, and
// other characters go through IDNA.
#include "fuzzsupport.h"

#include "server/upgradegate.h"

#include <QRegularExpression>

using namespace Parlor;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    return 0;
}

namespace {

struct Authority
{
    bool plain = false;
    QString scheme;
    QString host; // lower case
    int port = -1;
};

/// "[scheme://]name[:port]" with a name of letters, hyphens and dots only, in labels of at most
/// 63 characters that neither begin nor end with a hyphen and are not IDNA ("xn--").
Authority parse(const QByteArray &text, bool withScheme)
{
#define PARLOR_LABEL "(?!xn--)[A-Za-z](?:[A-Za-z-]{0,61}[A-Za-z])?"
    static const QRegularExpression origin(QStringLiteral("^(http|https)://(" PARLOR_LABEL
                                                          "(?:\\." PARLOR_LABEL
                                                          ")*)(?::([0-9]{1,5}))?\\z"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression host(QStringLiteral("^(" PARLOR_LABEL "(?:\\." PARLOR_LABEL
                                                        ")*)(?::([0-9]{1,5}))?\\z"),
                                         QRegularExpression::CaseInsensitiveOption);
#undef PARLOR_LABEL
    Authority a;
    const QRegularExpressionMatch m = (withScheme ? origin : host).match(QString::fromLatin1(text));
    if (!m.hasMatch())
        return a;
    const int first = withScheme ? 2 : 1;
    a.scheme = withScheme ? m.captured(1).toLower() : QString();
    a.host = m.captured(first).toLower();
    if (m.hasCaptured(first + 1)) {
        a.port = m.captured(first + 1).toInt();
        if (a.port > 65535)
            return a;
    }
    a.plain = true;
    return a;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ParlorFuzz::Input in(data, size);
    const uint8_t how = in.byte();
    QByteArray origin = in.bytes();
    const QByteArray host = in.bytes();
    QStringList allowed;
    for (const QByteArray &line : in.rest().split('\n')) {
        if (!line.isEmpty())
            allowed.append(QString::fromUtf8(line));
    }
    switch (how % 5) {
    case 0:
        origin = "http://" + host;
        break;
    case 1:
        origin = "https://" + host;
        break;
    case 2:
        origin.clear();
        break;
    case 3:
        allowed.insert(how / 5 % (allowed.size() + 1), QString::fromLatin1(origin).toUpper());
        break;
    default:
        break;
    }
    const QString detail = QStringLiteral("origin \"%1\", host \"%2\", allowed \"%3\"")
                                   .arg(QString::fromLatin1(origin.toPercentEncoding(" :/.")),
                                        QString::fromLatin1(host.toPercentEncoding(" :/.")),
                                        allowed.join(QLatin1String("\", \"")));

    const bool verdict = UpgradeGate::originAllowed(origin, host, allowed);
    PARLOR_FUZZ_CHECK(verdict == UpgradeGate::originAllowed(origin, host, allowed), detail);
    if (origin.isEmpty())
        PARLOR_FUZZ_CHECK(verdict, detail);
    const bool listed = allowed.contains(QString::fromLatin1(origin), Qt::CaseInsensitive);
    if (listed)
        PARLOR_FUZZ_CHECK(verdict, detail);

    const Authority asked = parse(host, false);
    if (asked.plain && origin == "http://" + host)
        PARLOR_FUZZ_CHECK(verdict, detail);
    const Authority page = parse(origin, true);
    if (asked.plain && page.plain && !listed) {
        if (page.host != asked.host)
            PARLOR_FUZZ_CHECK(!verdict, detail);
        const int pagePort = page.port >= 0                          ? page.port
                             : page.scheme == QLatin1String("https") ? 443
                                                                     : 80;
        if (asked.port >= 0 && asked.port != pagePort)
            PARLOR_FUZZ_CHECK(!verdict, detail);
    }
    // A page that is not http(s) — "null", file:, chrome-extension: — joins only if listed.
    if (!origin.isEmpty() && !listed && !origin.toLower().startsWith("http://")
        && !origin.toLower().startsWith("https://"))
        PARLOR_FUZZ_CHECK(!verdict, detail);
    return 0;
}
