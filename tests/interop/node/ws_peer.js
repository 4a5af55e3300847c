#!/usr/bin/env node
// A Parlor room seen from Node's "ws" package: one connection speaks parlor.v1 (hello, say), a
// second one speaks the plain "chatting" subprotocol, and each must see the other's line.
//
//   node ws_peer.js ws://127.0.0.1:PORT [--nick NAME] [--timeout SECONDS]
//
// Exits 0 when both lines went both ways, 1 (with the reason on standard error) when a step
// failed or timed out, 2 for a bad command line. Progress is printed on standard output.
'use strict';

const crypto = require('crypto');
const WebSocket = require('ws');

function usage(message) {
    process.stderr.write(`ws_peer: ${message}\n`
                         + 'usage: node ws_peer.js URL [--nick NAME] [--timeout SECONDS]\n');
    process.exit(2);
}

const args = process.argv.slice(2);
let url = null;
let nick = 'node-rich';
let timeoutMs = 10000;
for (let i = 0; i < args.length; ++i) {
    if (args[i] === '--nick' && i + 1 < args.length) {
        nick = args[++i];
    } else if (args[i] === '--timeout' && i + 1 < args.length) {
        timeoutMs = Number(args[++i]) * 1000;
        if (!(timeoutMs > 0))
            usage('--timeout needs a number of seconds');
    } else if (!url && !args[i].startsWith('--')) {
        url = args[i];
    } else {
        usage(`unexpected argument "${args[i]}"`);
    }
}
if (!url)
    usage('give the room URL');

// Non-ASCII on purpose: both ends must agree on UTF-8.
const richText = 'Grüße from ws, parlor.v1 ✓';
const plainText = '안녕 from ws, chatting ½';
const sayId = `ws-${crypto.randomBytes(6).toString('hex')}`;

const sockets = [];

function fail(message) {
    process.stderr.write(`ws_peer: FAILED: ${message}\n`);
    for (const socket of sockets)
        socket.terminate();
    process.exit(1);
}

function step(message) {
    process.stdout.write(`ws_peer: ${message}\n`);
}

/// A connection that keeps everything it receives, so a step can wait for something that may
/// already have arrived.
class Peer {
    constructor(name, protocols) {
        this.name = name;
        this.received = []; // { text, json }
        this.waiters = [];
        this.socket = new WebSocket(url, protocols, { handshakeTimeout: timeoutMs });
        sockets.push(this.socket);
        this.opened = new Promise((resolve, reject) => {
            this.socket.once('open', resolve);
            // e.g. "Unexpected server response: 403" for a refused upgrade.
            this.socket.on('error', (error) => reject(new Error(`${name}: ${error.message}`)));
        });
        this.socket.on('message', (data, isBinary) => {
            if (isBinary)
                return;
            const text = data.toString('utf8');
            let json = null;
            try {
                json = JSON.parse(text);
            } catch (error) {
                json = null;
            }
            this.received.push({ text, json, taken: false });
            this.check();
        });
        this.socket.on('close', (code, reason) => {
            this.closed = `${code} ${reason.toString()}`;
            this.check();
        });
    }

    async open() {
        await withTimeout(this.opened, `${this.name} to open`);
    }

    send(text) {
        this.socket.send(text);
    }

    /// Resolves with the first received message not taken yet for which predicate(entry) holds.
    waitFor(predicate, what) {
        const found = this.take(predicate);
        if (found)
            return Promise.resolve(found);
        return withTimeout(new Promise((resolve, reject) => {
            this.waiters.push({ predicate, resolve, reject, what });
        }), `${this.name} to receive ${what}`);
    }

    take(predicate) {
        for (const entry of this.received) {
            if (!entry.taken && predicate(entry)) {
                entry.taken = true;
                return entry;
            }
        }
        return null;
    }

    check() {
        this.waiters = this.waiters.filter((waiter) => {
            const found = this.take(waiter.predicate);
            if (found) {
                waiter.resolve(found);
                return false;
            }
            if (this.closed) {
                waiter.reject(new Error(`${this.name} was closed (${this.closed}) while `
                                        + `waiting for ${waiter.what}`));
                return false;
            }
            return true;
        });
    }
}

function withTimeout(promise, what) {
    let timer;
    const timeout = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for `
                                                  + what)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const ofType = (type) => (entry) => entry.json && entry.json.type === type;

async function main() {
    const rich = new Peer('rich', ['parlor.v1']);
    await rich.open();
    if (rich.socket.protocol !== 'parlor.v1')
        throw new Error(`rich: the server chose "${rich.socket.protocol}", not parlor.v1`);
    rich.send(JSON.stringify({ type: 'hello', nick, client: crypto.randomBytes(8).toString('hex') }));
    const welcome = (await rich.waitFor(ofType('welcome'), 'welcome')).json;
    const richNick = welcome.you;
    step(`rich joined "${welcome.room}" as ${richNick}`);

    const plain = new Peer('plain', ['chatting']);
    await plain.open();
    if (plain.socket.protocol !== 'chatting')
        throw new Error(`plain: the server chose "${plain.socket.protocol}", not chatting`);
    const join = (await rich.waitFor(ofType('join'), 'the plain peer\'s join')).json;
    const plainNick = join.nick;
    step(`plain joined as ${plainNick}`);

    // rich -> plain (and the echo that acknowledges it to its author).
    rich.send(JSON.stringify({ type: 'say', id: sayId, text: richText }));
    await rich.waitFor((e) => ofType('message')(e) && e.json.id === sayId
                                   && e.json.text === richText && e.json.from === richNick,
                       'the echo of its own say');
    await plain.waitFor((e) => e.text === `${richNick}: ${richText}`, 'the rich peer\'s line');
    step('the rich line reached the plain peer');

    // plain -> rich.
    plain.send(plainText);
    await rich.waitFor((e) => ofType('message')(e) && e.json.from === plainNick
                                   && e.json.text === plainText,
                       'the plain peer\'s line');
    step('the plain line reached the rich peer');

    for (const socket of sockets)
        socket.close(1000, 'bye');
    step('ok');
    process.exit(0);
}

main().catch((error) => fail(error.message));
