#!/usr/bin/env node
// The Node reference for parlor-bench (docs/PERFORMANCE.md, "Side by side"): a broadcast server on
// the npm package "ws", the way its README's broadcast example writes one. Every text message any
// client sends goes to every open connection, the sender's own included; any subprotocol offered
// is accepted (the first one), none is fine too.
//
//   node bench_server.js [PORT [HOST]]
//
// PORT 0 (the default) picks a free port; HOST defaults to 127.0.0.1. Once it listens it prints
// "listening PORT" on standard output. SIGTERM or SIGINT stops it.
'use strict';

const { WebSocketServer, WebSocket } = require('ws');

const port = Number.parseInt(process.argv[2] || '0', 10);
const host = process.argv[3] || '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`bench_server: "${process.argv[2]}" is not a port number\n`);
    process.exit(2);
}

// No permessage-deflate (ws offers it by default on the server side only when asked; parlor-bench
// never asks), the same 64 KiB message limit as Parlor's default, and a backlog like the C
// reference's so all three servers are measured with the same kernel queue.
const server = new WebSocketServer({ host, port, backlog: 4096, maxPayload: 64 * 1024,
                                     perMessageDeflate: false, clientTracking: true });

server.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
        if (isBinary)
            return;
        for (const client of server.clients) {
            if (client.readyState === WebSocket.OPEN)
                client.send(data, { binary: false });
        }
    });
    socket.on('error', () => {});
});

server.on('listening', () => {
    process.stdout.write(`listening ${server.address().port}\n`);
});
server.on('error', (error) => {
    process.stderr.write(`bench_server: ${error.message}\n`);
    process.exit(1);
});

function stop() {
    for (const client of server.clients)
        client.terminate();
    server.close(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
