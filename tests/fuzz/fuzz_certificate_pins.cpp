// The pins file read back (CertificatePins over an INI file): kept across runs, so it may be
// damaged or edited by hand. Whatever it holds, trusting a certificate and then asking about it
// must agree, and forgetting a host must forget it.
#include "fuzzsupport.h"

#include "client/certificatepins.h"

#include <QFile>
#include <QTemporaryDir>

#include <algorithm>

using namespace Parlor;

namespace {
std::unique_ptr<QTemporaryDir> dir;
const char *const hosts[] = {"example.org", "127.0.0.1", "::1", "xn--bcher-kva.example", "Room.LAN"};
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ParlorFuzz::initApplication(argc, argv);
    dir = std::make_unique<QTemporaryDir>();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ParlorFuzz::Input in(data, size);
    const QString host = QString::fromLatin1(hosts[in.byte() % std::size(hosts)]);
    const int port = in.byte() * 256 + in.byte();
    const QString fingerprint = in.utf8();

    const QString path = dir->filePath(QStringLiteral("pins.ini"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            abort();
        file.write(in.rest());
    }
    CertificatePins pins(path);
    const QString detail = host + u' ' + fingerprint;
    pins.isTrusted(host, port, fingerprint);
    if (CertificatePins::normalized(fingerprint).isEmpty()) {
        PARLOR_FUZZ_CHECK(!pins.isTrusted(host, port, fingerprint), detail);
        return 0;
    }
    if (pins.trust(host, port, fingerprint)) {
        PARLOR_FUZZ_CHECK(pins.isTrusted(host, port, fingerprint), detail);
        // Fingerprints are hex (QSslCertificate::digest), written in either case. (Not any text:
        // Unicode case does not round-trip, U+00B5 upper-cases to U+039C and lower-cases to U+03BC.)
        const bool ascii = std::all_of(fingerprint.cbegin(), fingerprint.cend(),
                                       [](QChar c) { return c.unicode() < 0x80; });
        if (ascii)
            PARLOR_FUZZ_CHECK(pins.isTrusted(host.toUpper(), port, fingerprint.toUpper()), detail);
        if (pins.forget(host, port))
            PARLOR_FUZZ_CHECK(!pins.isTrusted(host, port, fingerprint), detail);
    }
    return 0;
}
