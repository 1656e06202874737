/* Tutti website tracking: page views and identify calls. Usage: gateway/README.md */
(() => {
  if (window.tutti && window.tutti.ready) return; // the tag is on the page twice
  const own = /\/tutti\.js([?#]|$)/;
  let tag = document.currentScript;
  if (!tag || !own.test(tag.src)) tag = Array.from(document.scripts).reverse().find((s) => own.test(s.src));
  const key = tag && tag.getAttribute('data-key');
  if (!key) return console.warn('Tutti: the tutti.js script tag needs data-key');
  const endpoint = new URL('track?key=' + encodeURIComponent(key), tag.src);

  // The anonymous visitor id is shared with the chat widget: same key, same check.
  const AID = 'tutti_aid';
  const VALID = /^[A-Za-z0-9_-]{8,64}$/;
  const TYPE = 'text/plain;charset=UTF-8';
  const dnt = navigator.doNotTrack === '1' || window.doNotTrack === '1' || !!navigator.globalPrivacyControl;
  let granted = tag.getAttribute('data-consent') !== 'required';
  let last;

  const load = () => { try { return localStorage.getItem(AID); } catch (e) { return null; } };
  const cookie = (v, age) => {
    document.cookie = `${AID}=${v}; path=/; max-age=${age}; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
  };
  // A UUID v4; randomUUID needs a secure context.
  const uuid = () =>
    crypto.randomUUID ? crypto.randomUUID() : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
  const visitor = () => {
    let id = load();
    if (id && VALID.test(id)) return id;
    const m = /(?:^|;\s*)tutti_aid=([^;]*)/.exec(document.cookie);
    id = m && VALID.test(m[1]) ? m[1] : uuid();
    try { localStorage.setItem(AID, id); } catch (e) {}
    if (load() !== id) cookie(id, 34560000); // localStorage blocked: a cookie
    return id;
  };
  const forget = () => {
    try { localStorage.removeItem(AID); } catch (e) {}
    cookie('', 0);
  };

  // A text/plain body needs no CORS preflight, and a beacon outlives the page.
  const send = (type, fields) => {
    const body = JSON.stringify(Object.assign({ type, anonymousId: visitor(), url: location.href }, fields));
    try { if (navigator.sendBeacon(endpoint, new Blob([body], { type: TYPE }))) return; } catch (e) {}
    fetch(endpoint, { method: 'POST', keepalive: true, mode: 'no-cors', headers: { 'Content-Type': TYPE }, body })
      .catch(() => {});
  };
  const allowed = () => granted && !dnt;

  const commands = {
    page() {
      const url = location.href;
      if (!allowed() || url === last) return;
      // After an in-app navigation the previous page is the referrer.
      send('page', { referrer: last || document.referrer });
      last = url;
    },
    identify(given) {
      const traits = {};
      for (const k of ['email', 'phone', 'name']) {
        const v = String((given && given[k]) || '').trim();
        if (v) traits[k] = v;
      }
      if (allowed() && Object.keys(traits).length) send('identify', { traits });
    },
    consent(yes) {
      granted = yes === true;
      granted ? commands.page() : forget();
    },
  };
  const run = (args) => {
    try {
      if (commands.hasOwnProperty(args[0])) commands[args[0]](args[1]);
      else console.warn('Tutti: unknown command', args[0]);
    } catch (e) {}
  };

  const queued = Array.from((window.tutti && window.tutti.q) || []);
  window.tutti = (...args) => run(args);
  window.tutti.ready = true;

  // In-app navigations of single-page apps
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function () {
      try { return original.apply(this, arguments); } finally { run(['page']); }
    };
  }
  addEventListener('popstate', () => run(['page']));

  // Queued consent first: it decides the first page view.
  queued.filter((a) => a[0] === 'consent').forEach(run);
  run(['page']);
  queued.filter((a) => a[0] !== 'consent').forEach(run);
})();
