#!/usr/bin/env node
// Soak test of a durable room (docs/PERFORMANCE.md, "Soak"): one parlor-server with --data-dir on
// a temporary directory and a small --retain-events, N parlor.v1 clients (Node "ws") chatting at a
// human rate for a while. It samples the server's VmRSS (/proc/PID/status), its CPU time
// (/proc/PID/stat) and the size of room.sqlite, room.sqlite-wal and room.sqlite-shm, and checks
// that every client received every room event after its welcome, in order, without gaps.
//
// Run it through scripts/soak.sh, which finds the server and the "ws" package. Not run in CI.
//
// Exit status: 0 when nothing was lost and nothing went wrong, 1 otherwise (the summary says
// what), 2 for a bad command line.
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const WebSocket = require('ws');

const usageText = `usage: soak.js --server PATH [options]
  --clients N         clients (50)
  --duration S        seconds of chatting (600)
  --interval S        mean seconds between two messages of one client (5; each gap is drawn
                      uniformly from 0.5x to 1.5x)
  --retain-events N   the server's --retain-events (1000)
  --history N         the server's --history (200)
  --sample S          seconds between two samples of memory and file size (5)
  --print-every S     seconds between two lines of the timeline (30)
  --data-dir DIR      use DIR (must not exist yet) and keep it; default: a temporary one, removed
  --drain S           seconds allowed at the end for the last messages to arrive (60)
`;

function usage(message) {
    process.stderr.write(`soak: ${message}\n${usageText}`);
    process.exit(2);
}

const o = {
    server: null,
    clients: 50,
    duration: 600,
    interval: 5,
    retainEvents: 1000,
    history: 200,
    sample: 5,
    printEvery: 30,
    dataDir: null,
    drain: 60,
};
{
    const numeric = {
        '--clients': 'clients', '--duration': 'duration', '--interval': 'interval',
        '--retain-events': 'retainEvents', '--history': 'history', '--sample': 'sample',
        '--print-every': 'printEvery', '--drain': 'drain',
    };
    const args = process.argv.slice(2);
    for (let i = 0; i < args.length; ++i) {
        const a = args[i];
        if (a === '--help' || a === '-h') {
            process.stdout.write(usageText);
            process.exit(0);
        }
        if (i + 1 >= args.length)
            usage(`${a} needs a value`);
        const value = args[++i];
        if (a === '--server') {
            o.server = value;
        } else if (a === '--data-dir') {
            o.dataDir = value;
        } else if (numeric[a]) {
            const n = Number(value);
            if (!(n > 0) && !(a === '--retain-events' && n === 0))
                usage(`${a} needs a positive number`);
            o[numeric[a]] = n;
        } else {
            usage(`unexpected argument "${a}"`);
        }
    }
    if (!o.server)
        usage('give --server');
    if (!Number.isInteger(o.clients))
        usage('--clients needs a whole number');
}

const started = process.hrtime.bigint();
const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
const log = (line) => process.stdout.write(`[${elapsed().toFixed(1).padStart(6)} s] ${line}\n`);

const problems = []; // what went wrong, each once with a count
const problemCounts = new Map();
function problem(kind, detail) {
    const n = (problemCounts.get(kind) || 0) + 1;
    problemCounts.set(kind, n);
    if (n <= 5)
        log(`PROBLEM ${kind}: ${detail}`);
    if (n === 1)
        problems.push(kind);
}

// ---- the server -------------------------------------------------------------------------------

const keepDataDir = o.dataDir !== null;
if (keepDataDir) {
    if (fs.existsSync(o.dataDir))
        usage(`--data-dir ${o.dataDir} exists already; the soak starts from an empty room`);
} else {
    o.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parlor-soak-'));
    fs.rmdirSync(o.dataDir); // the server makes it
}
const dbFile = path.join(o.dataDir, 'room.sqlite');

const serverArgs = ['--bind', '127.0.0.1', '--port', '0', '--data-dir', o.dataDir,
                    '--retain-events', String(o.retainEvents), '--history', String(o.history),
                    '--max-peers', String(o.clients + 10),
                    '--max-peers-per-address', String(o.clients + 10)];
const server = childProcess.spawn(o.server, serverArgs, {stdio: ['ignore', 'pipe', 'pipe']});
let serverExited = null;
let serverStdout = '';
const serverWarnings = [];
server.stdout.on('data', (d) => { serverStdout += d; });
let stderrRest = '';
server.stderr.on('data', (d) => {
    stderrRest += d;
    const lines = stderrRest.split('\n');
    stderrRest = lines.pop();
    for (const line of lines) {
        if (/warning|critical|fatal|error/i.test(line))
            serverWarnings.push(line);
    }
});
server.on('exit', (code, signal) => {
    serverExited = {code, signal};
    if (!stopping)
        problem('server-exited', `parlor-server exited early (code ${code}, signal ${signal})`);
});
let stopping = false;

function waitForUrl() {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(
            `parlor-server printed no ws:// URL within 10 s:\n${serverStdout}`)), 10000);
        const check = () => {
            const m = /ws:\/\/127\.0\.0\.1:(\d+)/.exec(serverStdout);
            if (m) {
                clearTimeout(timer);
                server.stdout.off('data', check);
                resolve(`ws://127.0.0.1:${m[1]}`);
            }
        };
        server.stdout.on('data', check);
        server.on('exit', () => reject(new Error(`parlor-server exited:\n${serverStdout}`)));
        check();
    });
}

// ---- sampling ---------------------------------------------------------------------------------

const clockTicks = Number(childProcess.execSync('getconf CLK_TCK').toString().trim()) || 100;
function fileSize(name) {
    try {
        return fs.statSync(name).size;
    } catch (e) {
        return 0;
    }
}
const samples = [];
let lastSeq = 0; // the highest seq any client saw
function takeSample(label) {
    const s = {t: elapsed(), label, rssKb: NaN, cpuS: NaN, db: fileSize(dbFile),
               wal: fileSize(`${dbFile}-wal`), shm: fileSize(`${dbFile}-shm`), seq: lastSeq,
               sent: stats.sent, delivered: stats.delivered};
    try {
        const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
        s.rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
        // utime and stime are fields 14 and 15; the name (field 2) may hold spaces.
        const stat = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        s.cpuS = (Number(fields[11]) + Number(fields[12])) / clockTicks;
    } catch (e) {
        problem('sample-failed', `cannot read /proc/${server.pid}: ${e.message}`);
    }
    samples.push(s);
    return s;
}
const mb = (bytes) => (bytes / 1048576).toFixed(2);
function sampleLine(s) {
    return `RSS ${(s.rssKb / 1024).toFixed(1)} MB, cpu ${s.cpuS.toFixed(1)} s, room.sqlite ${mb(s.db)} MB`
           + ` + wal ${mb(s.wal)} MB + shm ${mb(s.shm)} MB, seq ${s.seq},`
           + ` sent ${s.sent}, delivered ${s.delivered}`;
}

// ---- the clients ------------------------------------------------------------------------------

const stats = {sent: 0, acked: 0, delivered: 0, errors: new Map(), latenciesMs: []};
const acked = new Map(); // say id -> seq, for every acknowledged message
const words = ('the a to of and in is it you that for on was with he as I his they be at one '
               + 'have this from or had by hot word but what some we can out other were all '
               + 'there when up use your how said an each she which do their time if will way '
               + 'about many then them write would like so these her long make thing see him '
               + 'two has look more day could go come did number sound no most people my over '
               + 'know water than call first who may down side been now find 안녕 회의 점심 '
               + 'Grüße café ✓ 🙂').split(' ');
function randomText(n) {
    // Mostly short lines, some long ones: 60 % 2–11 words, 30 % 12–41, 10 % 60–159.
    const r = Math.random();
    const count = r < 0.6 ? 2 + Math.floor(Math.random() * 10)
                          : r < 0.9 ? 12 + Math.floor(Math.random() * 30)
                                    : 60 + Math.floor(Math.random() * 100);
    const parts = [];
    for (let i = 0; i < count; ++i)
        parts.push(words[Math.floor(Math.random() * words.length)]);
    return parts.join(' ');
}

class Client {
    constructor(index, url) {
        this.index = index;
        this.nick = `soak-${index}`;
        this.clientId = `soak-${crypto.randomBytes(8).toString('hex')}`;
        this.welcomeSeq = null;
        this.nextSeq = null;  // the seq this client expects next
        this.missing = [];    // seqs that never came (gaps)
        this.received = new Set(); // say ids of messages received after the welcome
        this.sentCount = 0;
        this.pending = new Map(); // say id -> send time (ms), until it comes back
        this.closed = false;
        this.timer = null;
        this.ws = new WebSocket(url, 'parlor.v1');
        this.welcomed = new Promise((resolve, reject) => {
            this.resolveWelcome = resolve;
            this.rejectWelcome = reject;
        });
        this.ws.on('open', () => {
            this.send({type: 'hello', nick: this.nick, client: this.clientId});
        });
        this.ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
        this.ws.on('error', (e) => problem('socket-error', `${this.nick}: ${e.message}`));
        this.ws.on('close', (code, reason) => {
            this.closed = true;
            clearTimeout(this.timer);
            if (!stopping)
                problem('client-closed', `${this.nick} closed by the server: ${code} ${reason}`);
            this.rejectWelcome(new Error(`${this.nick} closed before its welcome: ${code}`));
            onProgress();
        });
    }

    send(object) {
        this.ws.send(JSON.stringify(object));
    }

    onMessage(data, isBinary) {
        if (isBinary) {
            problem('binary-frame', `${this.nick} got a binary frame`);
            return;
        }
        let m;
        try {
            m = JSON.parse(data.toString('utf8'));
        } catch (e) {
            problem('bad-json', `${this.nick}: ${data.toString('utf8').slice(0, 200)}`);
            return;
        }
        if (m.type === 'welcome') {
            if (this.welcomeSeq !== null)
                problem('second-welcome', this.nick);
            this.welcomeSeq = m.seq;
            this.nextSeq = m.seq + 1;
            this.resolveWelcome();
            return;
        }
        if (m.type === 'error') {
            const key = `error ${m.code}`;
            stats.errors.set(key, (stats.errors.get(key) || 0) + 1);
            problem(`server-error-${m.code}`, `${this.nick}: ${JSON.stringify(m)}`);
            return;
        }
        if (m.type === 'typing')
            return;
        if (typeof m.seq !== 'number') {
            problem('no-seq', `${this.nick}: ${JSON.stringify(m).slice(0, 200)}`);
            return;
        }
        if (this.welcomeSeq === null) {
            problem('event-before-welcome', `${this.nick}: seq ${m.seq}`);
            return;
        }
        if (m.seq < this.nextSeq) {
            problem('seq-not-increasing', `${this.nick}: seq ${m.seq} after ${this.nextSeq - 1}`);
            return;
        }
        for (let s = this.nextSeq; s < m.seq; ++s)
            this.missing.push(s);
        this.nextSeq = m.seq + 1;
        lastSeq = Math.max(lastSeq, m.seq);
        if (m.type === 'leave' && /^soak-/.test(m.nick) && !stopping)
            problem('peer-left', `${this.nick} saw ${m.nick} leave: ${m.reason}`);
        if (m.type !== 'message')
            return;
        this.received.add(m.id);
        ++stats.delivered;
        const sentAt = /^\S+ (\d+(?:\.\d+)?) /.exec(m.text);
        if (sentAt)
            stats.latenciesMs.push(nowMs() - Number(sentAt[1]));
        if (this.pending.has(m.id)) {
            this.pending.delete(m.id);
            acked.set(m.id, m.seq);
            ++stats.acked;
        }
        onProgress();
    }

    say(text) {
        const id = `${this.nick}-${++this.sentCount}`;
        this.pending.set(id, nowMs());
        // The send time (this process's monotonic clock, ms) leads the text, for the latency.
        this.send({type: 'say', id, text: `${id} ${nowMs().toFixed(3)} ${text}`});
        ++stats.sent;
        return id;
    }

    scheduleNext() {
        const gapMs = o.interval * 1000 * (0.5 + Math.random());
        this.timer = setTimeout(() => {
            if (sending && !this.closed) {
                this.say(randomText());
                this.scheduleNext();
            }
        }, gapMs);
    }
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
let sending = false;
let progressWaiter = null;
function onProgress() {
    if (progressWaiter)
        progressWaiter();
}

// Resolves when condition() is true, re-checked at each message received or close; rejects after
// timeoutS seconds with what is still missing.
function waitFor(condition, timeoutS, describe) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            progressWaiter = null;
            reject(new Error(`timed out after ${timeoutS} s: ${describe()}`));
        }, timeoutS * 1000);
        progressWaiter = () => {
            if (condition()) {
                clearTimeout(timer);
                progressWaiter = null;
                resolve();
            }
        };
        progressWaiter();
    });
}

// Not Math.max(...values): a long run has more values than the stack takes arguments.
const maxOf = (values) => values.reduce((a, b) => (b > a ? b : a), -Infinity);
const minOf = (values) => values.reduce((a, b) => (b < a ? b : a), Infinity);

function median(values) {
    if (!values.length)
        return NaN;
    const v = [...values].sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
}
function percentile(values, p) {
    if (!values.length)
        return NaN;
    const v = [...values].sort((a, b) => a - b);
    return v[Math.min(v.length - 1, Math.floor(v.length * p))];
}

async function main() {
    const url = await waitForUrl();
    log(`parlor-server (pid ${server.pid}) at ${url}: ${serverArgs.join(' ')}`);
    log(`machine: ${os.cpus().length} cores (${os.cpus()[0].model}), load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    takeSample('server up');

    // Join one at a time, as people arrive; each waits for its welcome.
    const clients = [];
    for (let i = 0; i < o.clients; ++i) {
        const c = new Client(i + 1, url);
        clients.push(c);
        await c.welcomed;
    }
    log(`${o.clients} clients joined`);
    log(`start: ${sampleLine(takeSample('start'))}`);

    sending = true;
    for (const c of clients)
        c.scheduleNext();
    const sampler = setInterval(() => {
        const s = takeSample('');
        if (Math.round(s.t) % o.printEvery < o.sample || samples.length < 4)
            log(sampleLine(s));
    }, o.sample * 1000);
    let middle = null;
    await new Promise((resolve) => setTimeout(() => {
        middle = takeSample('middle');
        log(`middle: ${sampleLine(middle)}`);
        resolve();
    }, o.duration * 500));
    await new Promise((resolve) => setTimeout(resolve, o.duration * 500));
    sending = false;
    clearInterval(sampler);
    log(`chatting stopped; waiting for ${clients.reduce((n, c) => n + c.pending.size, 0)} `
        + 'messages in flight to come back');

    // Drain: each client says one last message; once every client has received every last
    // message, it has received everything before it too (events arrive in seq order).
    const lastIds = clients.filter((c) => !c.closed).map((c) => c.say('last'));
    try {
        await waitFor(() => clients.every((c) => c.closed
                                          || (c.pending.size === 0
                                              && lastIds.every((id) => c.received.has(id)))),
                      o.drain, () => {
                          const inFlight = clients.reduce((n, c) => n + c.pending.size, 0);
                          return `${inFlight} messages never came back to their senders`;
                      });
    } catch (e) {
        problem('drain-timeout', e.message);
    }
    const end = takeSample('end');
    log(`end: ${sampleLine(end)}`);

    // Every acknowledged message must have reached every client.
    let expected = 0;
    let missingDeliveries = 0;
    const missingExamples = [];
    for (const c of clients) {
        for (const [id, seq] of acked) {
            if (seq <= c.welcomeSeq)
                continue;
            ++expected;
            if (!c.received.has(id)) {
                ++missingDeliveries;
                if (missingExamples.length < 10)
                    missingExamples.push(`${c.nick} lacks ${id} (seq ${seq})`);
            }
        }
    }
    const gaps = clients.reduce((n, c) => n + c.missing.length, 0);
    const neverAcked = clients.reduce((n, c) => n + c.pending.size, 0);

    stopping = true;
    for (const c of clients)
        c.ws.close(1000, 'soak over');
    await waitFor(() => clients.every((c) => c.closed), 10,
                  () => `${clients.filter((c) => !c.closed).length} clients did not close`)
            .catch((e) => problem('close-timeout', e.message));
    server.kill('SIGTERM');
    await new Promise((resolve) => (serverExited ? resolve() : server.on('exit', resolve)));
    if (serverExited.code !== 0)
        problem('server-exit-status', `parlor-server exited with ${JSON.stringify(serverExited)}`);

    // Rows left on disk, once the server has closed the file.
    let rows = 'unknown';
    try {
        rows = childProcess.execFileSync('sqlite3', [dbFile,
            'SELECT COUNT(*), MIN(seq), MAX(seq) FROM events;'
            + " SELECT value FROM meta WHERE key='last_seq';"]).toString().trim().replace(/\n/g, ', last_seq ');
    } catch (e) {
        rows = `(sqlite3 failed: ${e.message.split('\n')[0]})`;
    }

    // ---- the summary ----
    const firstHalf = samples.filter((s) => s.t >= samples.find((x) => x.label === 'start').t);
    const secondHalf = firstHalf.filter((s) => s.t >= middle.t);
    const range = (list, f) => `${minOf(list.map(f)).toFixed(2)}–${maxOf(list.map(f)).toFixed(2)}`;
    const startS = samples.find((x) => x.label === 'start');
    const lat = stats.latenciesMs;
    const out = [];
    out.push('');
    out.push('==== soak summary ====');
    out.push(`clients ${o.clients}, chatting ${o.duration} s, one message per client every ${o.interval} s on average`
             + ` (${(o.clients / o.interval).toFixed(1)} messages/s in the room),`
             + ` --retain-events ${o.retainEvents} --history ${o.history}`);
    out.push(`                   RSS MB   room.sqlite MB   -wal MB   -shm MB   seq    server CPU s`);
    for (const s of [samples[0], startS, middle, end]) {
        out.push(`${(s.label || '').padEnd(16)} ${(s.rssKb / 1024).toFixed(1).padStart(7)}  ${mb(s.db).padStart(14)}`
                 + `  ${mb(s.wal).padStart(8)}  ${mb(s.shm).padStart(8)}  ${String(s.seq).padStart(6)}  ${s.cpuS.toFixed(1).padStart(8)}`);
    }
    out.push(`second half (${secondHalf.length} samples): RSS ${range(secondHalf, (s) => s.rssKb / 1024)} MB,`
             + ` room.sqlite ${range(secondHalf, (s) => s.db / 1048576)} MB, -wal ${range(secondHalf, (s) => s.wal / 1048576)} MB`);
    out.push(`rows on disk at the end (count, min seq, max seq, last_seq): ${rows}`);
    out.push(`messages: sent ${stats.sent}, acknowledged ${stats.acked}, never acknowledged ${neverAcked}`);
    out.push(`deliveries: ${stats.delivered} received, ${expected} expected (acknowledged × clients present),`
             + ` ${missingDeliveries} missing; seq gaps seen by clients: ${gaps}`);
    for (const m of missingExamples)
        out.push(`  missing: ${m}`);
    for (const c of clients.filter((x) => x.missing.length).slice(0, 5))
        out.push(`  ${c.nick} never got seq ${c.missing.slice(0, 10).join(', ')}${c.missing.length > 10 ? ', …' : ''}`);
    out.push(`delivery latency (send to reception, every client): median ${median(lat).toFixed(2)} ms,`
             + ` p99 ${percentile(lat, 0.99).toFixed(2)} ms, max ${maxOf(lat).toFixed(2)} ms`);
    out.push(`server CPU while chatting: ${(end.cpuS - startS.cpuS).toFixed(1)} s over ${(end.t - startS.t).toFixed(0)} s`);
    out.push(`errors from the server: ${stats.errors.size ? [...stats.errors].map(([k, v]) => `${k} ×${v}`).join(', ') : 'none'}`);
    out.push(`server warnings on stderr: ${serverWarnings.length}`);
    for (const w of serverWarnings.slice(0, 5))
        out.push(`  ${w}`);
    out.push(`problems: ${problems.length ? problems.map((p) => `${p} ×${problemCounts.get(p)}`).join(', ') : 'none'}`);
    out.push(keepDataDir ? `data directory kept: ${o.dataDir}` : 'data directory removed');
    out.push(`result: ${problems.length || missingDeliveries || gaps ? 'FAILED' : 'passed'}`);
    process.stdout.write(`${out.join('\n')}\n`);
    if (!keepDataDir)
        fs.rmSync(o.dataDir, {recursive: true, force: true});
    return problems.length || missingDeliveries || gaps ? 1 : 0;
}

main().then((status) => process.exit(status), (e) => {
    process.stderr.write(`soak: ${e.stack || e}\n`);
    if (!serverExited)
        server.kill('SIGKILL');
    if (!keepDataDir)
        fs.rmSync(o.dataDir, {recursive: true, force: true});
    process.exit(1);
});
