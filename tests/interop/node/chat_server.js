#!/usr/bin/env node
// A plain broadcast chat server on the npm package "websocket" (websocket-node), in the manner of
// that package's classic chat example: it speaks only the "chatting" subprotocol and relays every
// UTF-8 message to every connection, the sender included. Parlor's interop tests use it as the
// kind of third-party server that plain mode is for (BRIEF: "Plain mode").
//
//   node chat_server.js [PORT [HOST]]
//
// PORT 0 (the default) picks a free port; HOST defaults to 127.0.0.1. Once it listens it prints
// "listening PORT" on standard output. A handshake that does not offer "chatting" is refused with
// HTTP 403. Connections and refusals are logged on standard error. SIGTERM or SIGINT stops it.
'use strict';

const http = require('http');
const WebSocketServer = require('websocket').server;

const PROTOCOL = 'chatting';

const port = Number.parseInt(process.argv[2] || '0', 10);
const host = process.argv[3] || '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`chat_server: "${process.argv[2]}" is not a port number\n`);
    process.exit(2);
}

const httpServer = http.createServer((request, response) => {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('This is a WebSocket server (subprotocol "chatting").\n');
});

const wsServer = new WebSocketServer({
    httpServer,
    // Every request goes through the 'request' handler below, which checks the subprotocol.
    autoAcceptConnections: false,
    maxReceivedFrameSize: 64 * 1024,
    maxReceivedMessageSize: 64 * 1024,
});

wsServer.on('request', (request) => {
    const offered = request.requestedProtocols; // lower-cased by the library
    if (!offered.includes(PROTOCOL)) {
        process.stderr.write(`chat_server: refused ${request.remoteAddress}: offered `
                             + `[${offered.join(', ')}], not "${PROTOCOL}"\n`);
        request.reject(403, `Only the "${PROTOCOL}" subprotocol is supported`);
        return;
    }
    const connection = request.accept(PROTOCOL, request.origin);
    process.stderr.write(`chat_server: accepted ${connection.remoteAddress}, `
                         + `${wsServer.connections.length} connected\n`);
    connection.on('message', (message) => {
        if (message.type !== 'utf8')
            return; // a chat line is text; binary data is ignored
        for (const peer of wsServer.connections)
            peer.sendUTF(message.utf8Data);
    });
    connection.on('close', (code, description) => {
        process.stderr.write(`chat_server: ${connection.remoteAddress} left (${code} `
                             + `${description || ''}), ${wsServer.connections.length} connected\n`);
    });
});

httpServer.on('error', (error) => {
    process.stderr.write(`chat_server: ${error.message}\n`);
    process.exit(1);
});

httpServer.listen(port, host, () => {
    process.stdout.write(`listening ${httpServer.address().port}\n`);
});

function stop() {
    wsServer.shutDown();
    httpServer.close(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
