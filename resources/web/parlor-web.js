// The browser client of a Parlor room (docs/PROTOCOL.md, parlor.v1). The room serves this file
// on its own port, so the page talks to the WebSocket of the host and port it was loaded from.
// Text from the network is only ever put into the page as text (textContent), never as HTML.
'use strict';

(() => {
  const strings = {
    en: {
      joinTitle: 'Join the room', nickname: 'Nickname', password: 'Password (if the room has one)',
      join: 'Join', send: 'Send', placeholder: 'Write a message…', members: 'In this room ({0})',
      joined: '{0} joined', left: '{0} left', leftWhy: '{0} left ({1})', renamed: '{0} is now {1}',
      connecting: 'connecting…', reconnecting: 'disconnected — reconnecting in {0} s',
      closed: 'disconnected: {0}', gap: 'Some earlier messages are no longer available.',
      failed: 'not delivered: {0}', plain: 'plain', you: 'you', kicked: 'The host removed you from the room: {0}',
      noNick: 'Choose a nickname.',
      reply: 'reply', replyTo: 'Reply to {0}', replying: 'Replying to {0}: {1}',
      cancelReply: 'Cancel reply', quoteGone: 'message no longer available',
      notLoaded: 'That message is no longer loaded.',
      longPolling: 'long-polling',
      download: 'Download', bytes: '{0} B', kilobytes: '{0} KB', megabytes: '{0} MB',
    },
    ko: {
      joinTitle: '대화방 참여', nickname: '닉네임', password: '비밀번호(대화방에 있으면)',
      join: '참여', send: '보내기', placeholder: '메시지를 입력하세요…', members: '이 대화방 ({0})',
      joined: '{0} 님이 들어왔습니다', left: '{0} 님이 나갔습니다', leftWhy: '{0} 님이 나갔습니다 ({1})',
      renamed: '{0} 님의 새 닉네임: {1}', connecting: '연결 중…',
      reconnecting: '연결 끊김 — {0}초 후 다시 연결', closed: '연결 끊김: {0}',
      gap: '이전 메시지 일부는 더 이상 볼 수 없습니다.', failed: '전달되지 않음: {0}', plain: '일반',
      you: '나', kicked: '호스트가 나를 대화방에서 강퇴했습니다: {0}', noNick: '닉네임을 정하세요.',
      reply: '답장', replyTo: '{0} 님에게 답장', replying: '{0} 님에게 답장: {1}',
      cancelReply: '답장 취소', quoteGone: '더 이상 볼 수 없는 메시지',
      notLoaded: '그 메시지는 더 이상 불러와 있지 않습니다.',
      longPolling: '롱 폴링',
      download: '내려받기', bytes: '{0}바이트', kilobytes: '{0}KB', megabytes: '{0}MB',
    },
  };
  const lang = (navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
  const t = (key, ...args) => (strings[lang][key] || strings.en[key])
    .replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));

  const $ = (id) => document.getElementById(id);
  const ui = {
    state: $('state'), room: $('room'), status: $('status'), join: $('join'), nick: $('nick'),
    password: $('password'), joinError: $('joinError'), chat: $('chat'), lines: $('lines'),
    members: $('members'), membersTitle: $('membersTitle'), compose: $('compose'), text: $('text'),
    replying: $('replying'), replyingText: $('replyingText'), cancelReply: $('cancelReply'),
    transport: $('transport'),
  };
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]'))
    el.placeholder = t(el.dataset.i18nPlaceholder);

  const stored = (key, make) => {
    let value = null;
    try { value = localStorage.getItem(key); } catch (e) { /* storage may be off */ }
    if (!value && make) {
      value = make();
      try { localStorage.setItem(key, value); } catch (e) { /* storage may be off */ }
    }
    return value;
  };
  const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)),
    (b) => b.toString(16).padStart(2, '0')).join('');
  const clientId = stored('parlor.client', () => 'web-' + randomId());

  let socket = null;
  let nick = '';
  let password = '';
  let joined = false;
  let incarnation = '';
  let lastSeq = null;
  let retryMs = 500;
  let retryTimer = 0;
  let stopped = false;
  let maxTextLength = 4000;
  const members = new Map();
  const shownIds = new Set();
  const pending = new Map(); // say id -> its line, until the room echoes it

  // HTTP long-polling on the room's own port, for when a proxy refuses the WebSocket upgrade
  // (docs/PROTOCOL.md, "Long-polling"). It looks like the part of a WebSocket the page uses —
  // readyState, send(), close(), onopen, onmessage, onclose — so nothing else changes with it.
  class LongPollSocket {
    constructor() {
      this.readyState = 0;
      this.sid = '';
      this.received = 0; // messages received: each poll acknowledges them (since=)
      this.outbox = [];
      this.posting = false;
      this.aborter = new AbortController();
      this.open();
    }

    async request(method, path, body) {
      const init = { method, cache: 'no-store', signal: this.aborter.signal };
      if (body !== undefined) {
        init.body = body;
        init.headers = { 'Content-Type': 'application/json' };
      }
      const response = await fetch(path, init);
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response;
    }

    async open() {
      try {
        const response = await this.request('POST', '/poll/open');
        this.sid = (await response.json()).sid;
      } catch (e) {
        this.finish(1006, '');
        return;
      }
      if (this.readyState !== 0) return;
      this.readyState = 1;
      if (this.onopen) this.onopen();
      this.poll();
    }

    async poll() {
      while (this.readyState === 1) {
        let batch;
        try {
          const response = await this.request('GET', `/poll/${this.sid}?since=${this.received}`);
          batch = await response.json();
        } catch (e) {
          this.finish(1006, ''); // the session is gone (404) or the room is unreachable
          return;
        }
        this.received += batch.length;
        for (const m of batch) {
          if (this.readyState !== 1) return;
          if (m && m.poll === 'close') {
            this.finish(m.code, m.reason || '');
            return;
          }
          if (this.onmessage) this.onmessage({ data: JSON.stringify(m) });
        }
      }
    }

    send(text) {
      if (this.readyState !== 1) return;
      this.outbox.push(JSON.parse(text));
      this.flush();
    }

    // One post at a time, in order; what is said meanwhile goes in the next one.
    async flush() {
      if (this.posting || !this.outbox.length || this.readyState !== 1) return;
      this.posting = true;
      const batch = this.outbox.splice(0);
      try {
        await this.request('POST', '/poll/' + this.sid, JSON.stringify(batch));
      } catch (e) {
        this.finish(1006, '');
        return;
      } finally {
        this.posting = false;
      }
      this.flush();
    }

    close(code) {
      if (this.readyState >= 2) return;
      if (this.sid)
        fetch('/poll/' + this.sid, { method: 'DELETE', keepalive: true }).catch(() => {});
      this.finish(code || 1000, '');
    }

    finish(code, reason) {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.aborter.abort();
      setTimeout(() => { if (this.onclose) this.onclose({ code, reason }); });
    }
  }
  // 'websocket' first; 'polling' once the WebSocket failed to open and long-polling worked.
  let transport = 'websocket';
  const webSocketOpenMs = 4000;

  const stateNames = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
  const showState = () => {
    const s = socket ? socket.readyState : 3;
    ui.state.textContent = stateNames[s];
    ui.state.className = 'state ' + stateNames[s].toLowerCase();
  };

  const time = (ts) => new Date(ts).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  const atBottom = () => ui.lines.scrollHeight - ui.lines.scrollTop - ui.lines.clientHeight < 40;
  const addLine = (build) => {
    const follow = atBottom();
    const li = document.createElement('li');
    build(li);
    ui.lines.append(li);
    if (follow) ui.lines.scrollTop = ui.lines.scrollHeight;
    return li;
  };
  const span = (cls, text) => {
    const s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  };
  const systemLine = (text, cls = 'system') => addLine((li) => { li.className = cls; li.textContent = text; });
  // http(s) links become links; everything else stays text nodes.
  const linkified = (text) => {
    const out = span('text', '');
    let last = 0;
    for (const m of text.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g)) {
      out.append(document.createTextNode(text.slice(last, m.index)));
      const a = document.createElement('a');
      a.href = m[0];
      a.textContent = m[0];
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      out.append(a);
      last = m.index + m[0].length;
    }
    out.append(document.createTextNode(text.slice(last)));
    return out;
  };
  // Replies (docs/PROTOCOL.md): the quote the room wrote, above the text; clicking it shows the
  // answered line if the page has it.
  let replyTarget = null; // { seq, nick, text } while the next message answers one
  const excerpt = (text) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    const chars = [...flat];
    return chars.length > 100 ? chars.slice(0, 100).join('') + '…' : flat;
  };
  const lineOfSeq = (seq) => ui.lines.querySelector('li[data-seq="' + Number(seq) + '"]');
  const showSeq = (seq) => {
    const li = lineOfSeq(seq);
    if (!li) {
      ui.status.textContent = t('notLoaded');
      return;
    }
    li.scrollIntoView({ block: 'center' });
    li.classList.add('flash');
    setTimeout(() => li.classList.remove('flash'), 1500);
  };
  const quote = (reply) => {
    const q = document.createElement('div');
    q.className = 'quote';
    q.dataset.replyTo = String(reply.seq);
    if (typeof reply.nick === 'string' && typeof reply.text === 'string') {
      q.append(span('quote-from', reply.nick), document.createTextNode(' ' + reply.text));
    } else {
      q.classList.add('gone');
      q.textContent = t('quoteGone');
    }
    q.addEventListener('click', () => showSeq(reply.seq));
    return q;
  };
  // Shared files (docs/PROTOCOL.md, "Files"): a card with the name, the size and a link to the
  // room's /files/<key>; a picture also as a thumbnail. The key is checked before it goes into a
  // URL, and the name only ever goes in as text.
  const fileKeyPattern = /^f[0-9a-f]{32}$/;
  const imageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
  const isFile = (file) => !!file && typeof file === 'object' && typeof file.key === 'string'
    && fileKeyPattern.test(file.key) && typeof file.name === 'string'
    && typeof file.size === 'number';
  const sizeText = (n) => {
    const number = (x) => x.toLocaleString(lang, { maximumFractionDigits: 1 });
    if (n < 1024) return t('bytes', number(n));
    if (n < 1024 * 1024) return t('kilobytes', number(n / 1024));
    return t('megabytes', number(n / (1024 * 1024)));
  };
  const fileCard = (file) => {
    const card = document.createElement('div');
    card.className = 'file-card';
    const href = 'files/' + file.key;
    if (imageTypes.has(file.mime)) {
      const full = document.createElement('a');
      full.href = href;
      full.target = '_blank';
      full.rel = 'noopener noreferrer';
      const img = document.createElement('img');
      img.className = 'file-thumb';
      img.src = href;
      img.alt = file.name;
      // A file the room has forgotten leaves the card without a picture.
      img.addEventListener('error', () => full.remove());
      full.append(img);
      card.append(full);
    }
    const download = document.createElement('a');
    download.className = 'file-download';
    download.href = href;
    download.download = file.name;
    download.textContent = t('download');
    card.append(span('file-name', file.name), span('file-size', sizeText(file.size)), download);
    return card;
  };
  const setReplyTarget = (target) => {
    replyTarget = target;
    ui.replying.hidden = !target;
    ui.replyingText.textContent = target ? t('replying', target.nick, excerpt(target.text)) : '';
    if (target) ui.text.focus();
  };
  const messageLine = (from, text, ts, reply, seq, file) => addLine((li) => {
    if (reply && typeof reply.seq === 'number') li.append(quote(reply));
    li.append(span('from', from), isFile(file) ? fileCard(file) : linkified(text),
      span('time', time(ts)));
    if (typeof seq === 'number') li.dataset.seq = String(seq);
    const link = document.createElement('button');
    link.type = 'button';
    link.className = 'reply-link';
    link.textContent = t('reply');
    link.setAttribute('aria-label', t('replyTo', from));
    link.addEventListener('click', () => {
      if (li.dataset.seq) setReplyTarget({ seq: Number(li.dataset.seq), nick: from, text });
    });
    li.append(link);
  });

  const showMembers = () => {
    ui.membersTitle.textContent = t('members', members.size);
    ui.members.replaceChildren(...[...members.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([name, mode]) => {
        const li = document.createElement('li');
        li.textContent = name;
        if (name === nick) li.append(span('plain', ' (' + t('you') + ')'));
        else if (mode === 'plain') li.append(span('plain', ' (' + t('plain') + ')'));
        return li;
      }));
  };

  const applyEvent = (e) => {
    if (typeof e.seq === 'number') {
      if (lastSeq !== null && e.seq <= lastSeq) return; // already shown
      lastSeq = e.seq;
    }
    switch (e.type) {
      case 'message': {
        const mine = pending.get(e.id);
        if (mine) {
          pending.delete(e.id);
          mine.classList.remove('system');
          mine.querySelector('.time').textContent = time(e.ts);
          mine.dataset.seq = String(e.seq);
          const shown = mine.querySelector('.quote');
          if (e.reply && typeof e.reply.seq === 'number') {
            // The room's quote replaces the one the page made while it waited.
            if (shown) shown.replaceWith(quote(e.reply));
            else mine.prepend(quote(e.reply));
          }
        } else if (!shownIds.has(e.id)) {
          messageLine(e.from, e.text, e.ts, e.reply, e.seq, e.file);
        }
        shownIds.add(e.id);
        break;
      }
      case 'join':
        members.set(e.nick, e.mode || 'rich');
        systemLine(t('joined', e.nick));
        break;
      case 'leave':
        members.delete(e.nick);
        systemLine(e.reason && e.reason !== 'quit' ? t('leftWhy', e.nick, e.reason) : t('left', e.nick));
        break;
      case 'nick':
        if (members.has(e.from)) {
          members.set(e.to, members.get(e.from));
          members.delete(e.from);
        }
        systemLine(t('renamed', e.from, e.to));
        break;
      default:
        return;
    }
    showMembers();
  };

  const onMessage = (data) => {
    let m;
    try { m = JSON.parse(data); } catch (e) { return; }
    if (!m || typeof m !== 'object') return;
    if (m.type === 'welcome') {
      joined = true;
      retryMs = 500;
      nick = m.you;
      ui.room.textContent = m.room;
      document.title = m.room + ' — Parlor';
      if (incarnation && m.incarnation !== incarnation) lastSeq = null;
      incarnation = m.incarnation;
      if (m.limits && m.limits.maxTextLength) maxTextLength = m.limits.maxTextLength;
      members.clear();
      for (const member of m.members || []) members.set(member.nick, member.mode || 'rich');
      if (m.gap) systemLine(t('gap'));
      for (const e of m.history || []) applyEvent(e);
      if (typeof m.seq === 'number') lastSeq = Math.max(lastSeq ?? 0, m.seq);
      showMembers();
      ui.join.hidden = true;
      ui.chat.hidden = false;
      ui.compose.hidden = false;
      ui.status.textContent = '';
      ui.text.focus();
      // Unconfirmed messages go again with their ids; the room drops duplicates.
      for (const [id, line] of pending) {
        const again = { type: 'say', id, text: line.dataset.text };
        if (line.dataset.replyTo) again.reply_to = Number(line.dataset.replyTo);
        socket.send(JSON.stringify(again));
      }
      return;
    }
    if (m.type === 'error') {
      if (!joined) {
        // Refused at the door (nickname taken or invalid, wrong password): back to the form.
        ui.joinError.textContent = m.text;
        ui.join.hidden = false;
        stopped = true;
        socket.close(1000);
        return;
      }
      const line = m.id && pending.get(m.id);
      if (line && m.code !== 'rate-limited') {
        pending.delete(m.id);
        line.classList.add('failed');
        line.querySelector('.time').textContent = t('failed', m.text);
      } else {
        systemLine(m.text, 'system failed');
      }
      return;
    }
    applyEvent(m);
  };

  const connect = () => {
    clearTimeout(retryTimer);
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const polling = transport === 'polling';
    const s = polling ? new LongPollSocket()
      : new WebSocket(scheme + location.host + '/', ['parlor.v1']);
    socket = s;
    ui.transport.hidden = !polling;
    showState();
    ui.status.textContent = t('connecting');
    let opened = false;
    // A proxy that strips Upgrade makes the WebSocket fail before it opens, or hang: either
    // way the page goes on by long-polling, at once.
    const fallBack = () => {
      clearTimeout(openTimer);
      s.onopen = s.onmessage = s.onclose = null;
      s.close();
      transport = 'polling';
      connect();
    };
    const openTimer = polling ? 0 : setTimeout(() => { if (!opened && !stopped) fallBack(); },
      webSocketOpenMs);
    socket.onopen = () => {
      opened = true;
      clearTimeout(openTimer);
      showState();
      const hello = { type: 'hello', nick, client: clientId };
      if (password) hello.password = password;
      if (incarnation && lastSeq !== null) {
        hello.incarnation = incarnation;
        hello.since = lastSeq;
      }
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (event) => onMessage(event.data);
    socket.onclose = (event) => {
      clearTimeout(openTimer);
      if (!opened && !polling && !stopped) {
        fallBack();
        return;
      }
      // Long-polling did not open either (the room is away): the next try is a WebSocket again.
      if (!opened && polling) transport = 'websocket';
      showState();
      joined = false;
      if (event.code === 4002) {
        systemLine(t('kicked', event.reason || event.code), 'system failed');
        stopped = true;
      }
      if (stopped || event.code === 1008 || event.code === 4001) {
        ui.status.textContent = t('closed', event.reason || event.code);
        return;
      }
      const delay = Math.round(Math.random() * retryMs);
      retryMs = Math.min(retryMs * 2, 30000);
      ui.status.textContent = t('reconnecting', Math.max(1, Math.round(delay / 1000)));
      retryTimer = setTimeout(connect, delay);
    };
  };

  ui.join.addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = ui.nick.value.trim();
    if (!wanted) {
      ui.joinError.textContent = t('noNick');
      return;
    }
    nick = wanted;
    password = ui.password.value;
    try { localStorage.setItem('parlor.nick', nick); } catch (e) { /* storage may be off */ }
    ui.joinError.textContent = '';
    stopped = false;
    connect();
  });

  const send = () => {
    const text = ui.text.value;
    if (!text.trim() || !socket || !joined) return;
    if ([...text].length > maxTextLength) {
      systemLine(t('failed', maxTextLength), 'system failed');
      return;
    }
    const id = 'w-' + randomId();
    const target = replyTarget;
    const line = messageLine(nick, text, Date.now(),
      target ? { seq: target.seq, nick: target.nick, text: excerpt(target.text) } : null);
    line.classList.add('system'); // muted until the room confirms it
    line.dataset.text = text;
    if (target) line.dataset.replyTo = String(target.seq);
    pending.set(id, line);
    shownIds.add(id);
    const say = { type: 'say', id, text };
    if (target) say.reply_to = target.seq;
    socket.send(JSON.stringify(say));
    setReplyTarget(null);
    ui.text.value = '';
  };
  ui.compose.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  ui.cancelReply.addEventListener('click', () => setReplyTarget(null));
  ui.text.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && replyTarget) {
      setReplyTarget(null);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });

  // ?nick=NAME joins at once (a link you can share or bookmark).
  const fromUrl = new URLSearchParams(location.search).get('nick');
  ui.cancelReply.setAttribute('aria-label', t('cancelReply'));
  ui.nick.value = fromUrl || stored('parlor.nick') || '';
  showMembers();
  if (fromUrl) ui.join.requestSubmit();
  else ui.nick.focus();
})();
