#!/usr/bin/env node
// A WebSocket echo server on Node's "ws" package, for testing parlor-cli as a debugging client
// (--raw, -s, -o, -H, --ping-interval) against a server that is not Parlor.
//
//   node echo_server.js [--protocols a,b,...] [--no-pong]
//
// Listens on 127.0.0.1 on a free port and prints "listening PORT". To each connection it first
// sends one text frame, a JSON object with what the handshake carried: {"protocol": the chosen
// subprotocol ("" for none), "headers": the request's headers, names in lower case}. Then it
// echoes every message as it came (text as text, binary as binary). Each ping it receives is
// printed as "ping N HEX" on standard output, N counting the connections from 1. A text message "!close CODE REASON" is not echoed:
// the server closes the connection with that code and reason instead. The subprotocol chosen is the client's first offer
// that --protocols lists (default: any offer, the first). --no-pong: pings get no answer.
'use strict';

const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
let supported = null;
let autoPong = true;
for (let i = 0; i < args.length; ++i) {
    if (args[i] === '--protocols' && i + 1 < args.length) {
        supported = args[++i].split(',');
    } else if (args[i] === '--no-pong') {
        autoPong = false;
    } else {
        process.stderr.write(`echo_server: unexpected argument "${args[i]}"\n`
                             + 'usage: node echo_server.js [--protocols a,b] [--no-pong]\n');
        process.exit(2);
    }
}

const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    autoPong,
    handleProtocols: (offered) => {
        for (const protocol of offered) {
            if (!supported || supported.includes(protocol))
                return protocol;
        }
        return false;
    },
});

server.on('listening', () => {
    process.stdout.write(`listening ${server.address().port}\n`);
});

let connections = 0;
server.on('connection', (socket, request) => {
    const number = ++connections;
    socket.send(JSON.stringify({ protocol: socket.protocol, headers: request.headers }));
    socket.on('message', (data, isBinary) => {
        const close = isBinary ? null : /^!close (\d+) ?(.*)$/.exec(data.toString('utf8'));
        if (close)
            socket.close(Number(close[1]), close[2]);
        else
            socket.send(data, { binary: isBinary });
    });
    socket.on('ping', (payload) => process.stdout.write(`ping ${number} ${payload.toString('hex')}\n`));
});
