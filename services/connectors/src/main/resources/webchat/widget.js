/*
 * Tutti website chat. Embed on any page:
 *   <script src="https://tutti.example/widget.js" data-site-key="site_..." async></script>
 * Optional: data-title="Chat with us", data-color="#2f6feb".
 * Self-contained: no dependencies, styles kept in a shadow root so the page's CSS cannot reach it.
 */
(function () {
  'use strict';

  var script =
    document.currentScript || document.querySelector('script[data-site-key][src*="widget.js"]');
  var siteKey = script && script.getAttribute('data-site-key');
  if (!siteKey || !window.WebSocket || !document.createElement('div').attachShadow) {
    if (script && !siteKey) console.warn('Tutti chat: the script tag needs data-site-key');
    return;
  }
  var loaded = (window.__tuttiChat = window.__tuttiChat || {});
  if (loaded[siteKey]) return; // the tag is on the page twice
  loaded[siteKey] = true;

  // The socket lives beside this script, under the same public URL.
  var SOCKET_PATH = 'chat/ws';
  var VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;
  var MAX_TEXT = 5000;
  var KEEP = 200;
  var IN_FLIGHT = 5;
  var PING_EVERY = 25000;
  var PONG_WITHIN = 10000;
  // Closes that retrying cannot fix: unknown key, bad request, site not allowed.
  var FINAL = { 4400: 1, 4403: 1, 4404: 1 };
  // Errors after which the same message is sent again a little later.
  var TRANSIENT = { 'rate-limited': 1, unavailable: 1 };
  var STATE_KEY = 'tutti_chat_' + siteKey;

  function load(key) {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }
  function store(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (e) {
      /* private mode or full: the chat still works for this page */
    }
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map
      .call(b, function (x) {
        return (x + 256).toString(16).slice(1);
      })
      .join('');
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
  }

  // The anonymous visitor id, shared with the tracking script /tutti.js.
  var visitorId = load('tutti_aid');
  if (!visitorId || !VISITOR_ID.test(visitorId)) {
    visitorId = uuid();
    store('tutti_aid', visitorId);
  }

  var url = new URL(SOCKET_PATH, script.src);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('key', siteKey);
  url.searchParams.set('visitorId', visitorId);
  var socketUrl = url.toString();

  // Transcript and details, kept across pages of the site: {name, email, messages:[...]}.
  // A message: {id, from:'visitor'|'agent', text, at, status:'pending'|'sent'|'failed', ...}.
  function read() {
    try {
      var s = JSON.parse(load(STATE_KEY));
      if (s && Array.isArray(s.messages)) return s;
    } catch (e) {
      /* unreadable: start afresh */
    }
    return { messages: [] };
  }
  var RANK = { pending: 0, failed: 1, sent: 2 };
  // Tabs write the same transcript: merge by id, keeping the objects of `mine` and the latest
  // state of each message (rev counts a visitor's retries; then the furthest status wins).
  function merge(mine, theirs) {
    var byId = {};
    var all = [];
    mine.concat(theirs).forEach(function (m) {
      var seen = byId[m.id];
      if (!seen) {
        byId[m.id] = m;
        all.push(m);
      } else if ((m.rev || 0) - (seen.rev || 0) > 0 || ((m.rev || 0) === (seen.rev || 0) && RANK[m.status] > RANK[seen.status])) {
        ['status', 'error', 'rev', 'name', 'email'].forEach(function (field) {
          seen[field] = m[field];
        });
      }
    });
    return all
      .sort(function (x, y) {
        return (x.at || 0) - (y.at || 0);
      })
      .slice(-KEEP);
  }
  var state = read();
  function persist() {
    state.messages = merge(state.messages, read().messages);
    store(STATE_KEY, JSON.stringify(state));
  }
  function find(id) {
    for (var i = 0; i < state.messages.length; i++) if (state.messages[i].id === id) return state.messages[i];
    return null;
  }

  // ---- view -----------------------------------------------------------------------------------

  var CSS =
    ':host{all:initial;--accent:#2f6feb}' +
    '.launcher,.panel{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;' +
    'position:fixed;right:20px;z-index:2147483000;box-sizing:border-box}' +
    '*,*::before{box-sizing:inherit}button,input,textarea{font:inherit;color:inherit}' +
    '.launcher{bottom:20px;width:56px;height:56px;border:0;border-radius:50%;background:var(--accent);' +
    'cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center}' +
    '.launcher svg{width:28px;height:28px;fill:#fff}' +
    '.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;' +
    'background:#cf222e;color:#fff;font-size:12px;line-height:20px}' +
    '.panel{bottom:88px;width:370px;max-width:calc(100vw - 40px);height:540px;max-height:calc(100vh - 110px);' +
    'display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;' +
    'box-shadow:0 8px 30px rgba(0,0,0,.3)}' +
    '[hidden]{display:none!important}' +
    'header{display:flex;align-items:center;justify-content:space-between;padding:12px 12px 12px 16px;' +
    'background:var(--accent);color:#fff}' +
    'h2{margin:0;font-size:16px;font-weight:600}' +
    '.close{background:none;border:0;color:#fff;font-size:24px;line-height:1;width:36px;height:36px;' +
    'border-radius:6px;cursor:pointer}' +
    '.log{flex:1;overflow-y:auto;margin:0;padding:12px;list-style:none;display:flex;flex-direction:column;' +
    'gap:8px;background:#f6f8fa}' +
    '.log li{max-width:82%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}' +
    '.visitor{align-self:flex-end;background:var(--accent);color:#fff}' +
    '.agent,.hello{align-self:flex-start;background:#fff;border:1px solid #d0d7de}' +
    '.failed{background:#fff;color:#cf222e;border:1px solid #cf222e}' +
    '.meta,.who{display:block;font-size:11px;opacity:.85}' +
    '.file{display:block;margin-top:4px;color:inherit;text-decoration:underline;word-break:break-all}' +
    '.file img{display:block;max-width:100%;max-height:200px;border-radius:6px}' +
    '.meta button{margin-left:6px;padding:0;border:0;background:none;text-decoration:underline;cursor:pointer}' +
    '.status{margin:0;padding:0 12px;font-size:12px;color:#57606a}' +
    'details{padding:4px 12px;border-top:1px solid #d0d7de}summary{cursor:pointer;font-size:13px;color:#57606a}' +
    'label{display:block;margin:6px 0;font-size:12px}' +
    'input{display:block;width:100%;margin-top:2px;padding:6px 8px;border:1px solid #d0d7de;border-radius:6px}' +
    'form{display:flex;gap:8px;padding:10px 12px;border-top:1px solid #d0d7de}' +
    'textarea{flex:1;resize:none;height:42px;max-height:120px;padding:10px;border:1px solid #d0d7de;' +
    'border-radius:8px}' +
    '.send{border:0;border-radius:8px;padding:0 14px;background:var(--accent);color:#fff;cursor:pointer}' +
    ':focus-visible{outline:2px solid #0969da;outline-offset:2px}' +
    '@media (max-width:480px){.panel{top:0;right:0;bottom:0;left:0;width:auto;height:auto;max-width:none;' +
    'max-height:none;border-radius:0}.launcher{right:16px;bottom:16px}}';

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    if (text) node.textContent = text;
    return node;
  }

  var host = el('div', { 'data-tutti-chat': '' });
  var root = host.attachShadow({ mode: 'open' });
  var color = script.getAttribute('data-color');
  if (color) host.style.setProperty('--accent', color);

  var style = el('style');
  style.textContent = CSS;
  var launcher = el('button', {
    type: 'button',
    class: 'launcher',
    'aria-label': 'Open chat',
    'aria-expanded': 'false',
    'aria-controls': 'panel'
  });
  launcher.innerHTML =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
  var badge = el('span', { class: 'badge', hidden: '', 'aria-hidden': 'true' });
  launcher.appendChild(badge);

  var panel = el('section', { id: 'panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'title', hidden: '' });
  var header = el('header');
  header.appendChild(el('h2', { id: 'title' }, script.getAttribute('data-title') || 'Chat with us'));
  var closer = el('button', { type: 'button', class: 'close', 'aria-label': 'Close chat' }, '\u00d7');
  header.appendChild(closer);
  var log = el('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Messages' });
  var hello = el('li', { class: 'hello' }, script.getAttribute('data-greeting') || 'Hi! How can we help?');
  var status = el('p', { class: 'status', role: 'status' });
  var details = el('details');
  details.appendChild(el('summary', {}, 'Add your name and email (optional)'));
  var nameLabel = el('label', {}, 'Name');
  var nameInput = el('input', { name: 'name', autocomplete: 'name', maxlength: '200' });
  nameLabel.appendChild(nameInput);
  var emailLabel = el('label', {}, 'Email');
  var emailInput = el('input', { name: 'email', type: 'email', autocomplete: 'email', maxlength: '320' });
  emailLabel.appendChild(emailInput);
  details.appendChild(nameLabel);
  details.appendChild(emailLabel);
  var form = el('form');
  var input = el('textarea', { 'aria-label': 'Message', placeholder: 'Write a message\u2026', maxlength: String(MAX_TEXT), rows: '1' });
  var sendButton = el('button', { type: 'submit', class: 'send', 'aria-label': 'Send' }, 'Send');
  form.appendChild(input);
  form.appendChild(sendButton);
  [header, log, status, details, form].forEach(function (part) {
    panel.appendChild(part);
  });
  [style, launcher, panel].forEach(function (part) {
    root.appendChild(part);
  });
  nameInput.value = state.name || '';
  emailInput.value = state.email || '';

  var open = false;
  var unread = 0;
  var rows = {};

  function render() {
    if (!state.messages.length && hello.parentNode !== log) log.appendChild(hello);
    if (state.messages.length && hello.parentNode === log) log.removeChild(hello);
    state.messages.forEach(function (m, i) {
      var row = rows[m.id];
      if (!row) {
        row = rows[m.id] = el('li');
        if (m.from === 'agent' && m.author) row.appendChild(el('span', { class: 'who' }, m.author));
        row.appendChild(document.createTextNode(m.text));
        (m.files || []).forEach(function (f) {
          // Only web links: a reply's file is never a script URL.
          if (!/^https?:\/\//i.test(f.url || '')) return;
          var link = el('a', { class: 'file', href: f.url, target: '_blank', rel: 'noopener noreferrer' });
          if (f.type === 'image') link.appendChild(el('img', { src: f.url, alt: f.name || 'Image' }));
          else link.textContent = f.name || f.url.split('/').pop() || 'File';
          row.appendChild(link);
        });
        if (m.from === 'visitor') row.appendChild(el('span', { class: 'meta' }));
      }
      row.className = m.from === 'agent' ? 'agent' : m.status === 'failed' ? 'visitor failed' : 'visitor';
      if (m.from === 'visitor') {
        var meta = row.lastChild;
        meta.textContent = m.status === 'sent' ? 'Sent' : m.status === 'failed' ? 'Not sent' : 'Sending\u2026';
        if (m.status === 'failed') {
          if (m.error) meta.title = m.error;
          var retry = el('button', { type: 'button' }, 'Retry');
          retry.onclick = function () {
            // The server stored nothing of a refused message: the same id may go again, with the
            // details as they are now.
            m.status = 'pending';
            m.rev = (m.rev || 0) + 1;
            m.name = nameInput.value.trim() || undefined;
            m.email = emailInput.value.trim() || undefined;
            persist();
            render();
            connect();
            pump();
          };
          meta.appendChild(retry);
        }
      }
      if (log.children[i] !== row) log.insertBefore(row, log.children[i] || null);
    });
    log.scrollTop = log.scrollHeight;
    badge.textContent = unread;
    badge.hidden = !unread;
    launcher.setAttribute('aria-label', open ? 'Close chat' : unread ? 'Open chat, ' + unread + ' new' : 'Open chat');
  }

  var openedOn = null;
  function show(visible) {
    open = visible;
    panel.hidden = !visible;
    launcher.setAttribute('aria-expanded', String(visible));
    if (visible) {
      // Attribution: the page the chat was opened on travels with the first message.
      openedOn = openedOn || { url: location.href, referrer: document.referrer, title: document.title };
      unread = 0;
      connect();
      input.focus();
    } else {
      launcher.focus();
    }
    render();
  }
  launcher.onclick = function () {
    show(!open);
  };
  closer.onclick = function () {
    show(false);
  };
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') show(false);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  form.onsubmit = function (e) {
    e.preventDefault();
    submit();
  };

  var pageSent = false;
  function submit() {
    var text = input.value.trim().slice(0, MAX_TEXT);
    if (!text) return;
    if (!emailInput.checkValidity()) {
      details.open = true;
      setStatus('Please check the email address.');
      emailInput.focus();
      return;
    }
    state.name = nameInput.value.trim() || undefined;
    state.email = emailInput.value.trim() || undefined;
    var m = { id: uuid(), from: 'visitor', text: text, status: 'pending', at: Date.now() };
    if (state.name) m.name = state.name;
    if (state.email) m.email = state.email;
    if (!pageSent) {
      m.page = openedOn || { url: location.href, referrer: document.referrer, title: document.title };
      pageSent = true;
    }
    state.messages.push(m);
    persist();
    input.value = '';
    setStatus('');
    render();
    connect();
    pump();
  }
  function setStatus(text) {
    status.textContent = text;
  }

  // ---- socket ---------------------------------------------------------------------------------

  var ws = null;
  var attempt = 0;
  var gaveUp = false;
  var inFlight = {};
  var retryTimer, pingTimer, pongTimer;

  function connect() {
    if (ws || gaveUp) return;
    clearTimeout(retryTimer);
    var socket;
    try {
      socket = new WebSocket(socketUrl);
    } catch (e) {
      return later();
    }
    ws = socket;
    socket.onopen = function () {
      attempt = 0;
      setStatus('');
      heartbeat();
      pump();
    };
    socket.onmessage = function (e) {
      receive(e.data);
    };
    socket.onclose = function (e) {
      if (ws !== socket) return;
      drop();
      if (FINAL[e.code]) {
        gaveUp = true;
        setStatus('The chat is not available on this page.');
        console.warn('Tutti chat: ' + (e.reason || 'refused (' + e.code + ')'));
        return;
      }
      later();
    };
  }
  function drop() {
    var socket = ws;
    ws = null;
    inFlight = {};
    clearInterval(pingTimer);
    clearTimeout(pongTimer);
    if (socket) {
      socket.onclose = null;
      if (socket.readyState < 2) socket.close();
    }
  }
  // Reconnect with exponential backoff and jitter, so a restarted server is not stampeded.
  function later() {
    clearTimeout(retryTimer);
    var delay = Math.min(30000, 1000 * Math.pow(2, attempt++)) * (0.5 + Math.random() / 2);
    if (open) setStatus('Reconnecting\u2026');
    retryTimer = setTimeout(connect, delay);
  }
  function heartbeat() {
    clearInterval(pingTimer);
    pingTimer = setInterval(function () {
      send({ type: 'ping' });
      clearTimeout(pongTimer);
      // No answer: the connection is dead even if the browser has not noticed.
      pongTimer = setTimeout(function () {
        drop();
        later();
      }, PONG_WITHIN);
    }, PING_EVERY);
  }
  function send(frame) {
    if (ws && ws.readyState === 1) ws.send(JSON.stringify(frame));
  }
  // Sends unacknowledged messages, a few at a time; a resend carries the same id, so never twice.
  function pump() {
    if (!ws || ws.readyState !== 1) return;
    var busy = Object.keys(inFlight).length;
    state.messages.forEach(function (m) {
      if (busy >= IN_FLIGHT || m.from !== 'visitor' || m.status !== 'pending' || inFlight[m.id]) return;
      inFlight[m.id] = true;
      busy++;
      var frame = { type: 'message', id: m.id, text: m.text };
      if (m.name) frame.name = m.name;
      if (m.email) frame.email = m.email;
      if (m.page) frame.page = m.page;
      send(frame);
    });
  }
  function receive(data) {
    clearTimeout(pongTimer);
    var f;
    try {
      f = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (!f) return;
    var m = f.id ? find(f.id) : null;
    if (f.type === 'ack') {
      delete inFlight[f.id];
      if (m && m.status !== 'sent') {
        m.status = 'sent';
        persist();
        render();
      }
      pump();
    } else if (f.type === 'error' && f.id) {
      delete inFlight[f.id];
      if (m && TRANSIENT[f.code]) {
        setTimeout(pump, 2000);
      } else if (m) {
        m.status = 'failed';
        m.error = f.message;
        persist();
        render();
        pump();
      }
    } else if (f.type === 'message' && f.id && !m) {
      state.messages.push({
        id: String(f.id),
        from: 'agent',
        text: String(f.text || ''),
        files: Array.isArray(f.attachments) ? f.attachments.slice(0, 10) : [],
        author: f.authorName,
        at: Date.parse(f.sentAt) || Date.now()
      });
      if (!open) unread++;
      persist();
      render();
    }
  }

  // Another tab of the same site wrote the transcript.
  window.addEventListener('storage', function (e) {
    if (e.key !== STATE_KEY) return;
    state.messages = merge(state.messages, read().messages);
    render();
    pump();
  });
  window.addEventListener('online', function () {
    if (!ws && !gaveUp && (open || state.messages.length)) {
      attempt = 0;
      connect();
    }
  });

  function mount() {
    document.body.appendChild(host);
    render();
    // A visitor with a conversation stays connected, so replies reach them on any page.
    if (state.messages.length) connect();
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
