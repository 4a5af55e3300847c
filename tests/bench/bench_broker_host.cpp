// A throw-away RabbitMQ broker for scripts/bench-broker.sh: the tests' RabbitMqBroker
// (tests/common/rabbitmqbroker.h: its own ports, EPMD, data and config in a temporary folder) in a
// small program. It prints
//
//   webstomp ws://127.0.0.1:PORT/ws
//   pid VM_PID
//
// once the broker answers, then keeps it running until its standard input ends (the script closes
// it, or dies), and stops it, leaving nothing behind. Exit status 1 if the broker did not start
// (its output and log on standard error).

#include "rabbitmqbroker.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <unistd.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // Ctrl+C in the script's terminal reaches this process too: the broker is stopped when the
    // script's end closes our standard input, not half-way by a signal.
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGHUP, SIG_IGN);

    RabbitMqBroker broker;
    if (!broker.start()) {
        std::fprintf(stderr, "bench_broker_host: the broker did not start\n%s\n",
                     broker.failureReport().constData());
        return 1;
    }
    std::printf("webstomp %s\npid %lld\n", broker.webStompUrl().toString().toUtf8().constData(),
                static_cast<long long>(broker.vmPid()));
    std::fflush(stdout);

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[256];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0) {
            input.setEnabled(false);
            app.quit();
        }
    });
    app.exec();
    broker.stop();
    return 0;
}
