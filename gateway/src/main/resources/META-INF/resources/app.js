'use strict';
// The signed-in inbox: who is here and the conversations of the chosen view. The browser holds no
// token: calls ride on the gateway's session cookie. Customer text is only ever set as text.
(function () {
  const list = document.getElementById('conversations');
  const status = document.getElementById('status');

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 401) {
      // The session ended: a fresh page load signs in again.
      window.location.reload();
      throw new Error('signed out');
    }
    if (!response.ok) {
      throw new Error(path + ' answered ' + response.status);
    }
    return response.json();
  }

  function text(tag, className, value) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = value == null ? '' : String(value);
    return element;
  }

  function render(items) {
    list.replaceChildren();
    status.textContent = items.length === 0 ? 'No conversations in this view.' : '';
    for (const item of items) {
      const row = document.createElement('li');
      row.dataset.conversation = item.id;
      const head = document.createElement('div');
      head.className = 'conversation-head';
      head.append(text('span', 'channel', item.channel), text('strong', 'contact', item.contactName || item.contactHandle || 'Unknown customer'));
      row.append(head, text('p', 'preview', item.lastMessagePreview));
      list.append(row);
    }
  }

  async function show(view) {
    for (const button of document.querySelectorAll('[data-view]')) {
      button.setAttribute('aria-current', String(button.dataset.view === view));
    }
    status.textContent = 'Loading conversations…';
    try {
      const page = await api('/api/conversations?view=' + encodeURIComponent(view) + '&limit=50');
      render(page.items || []);
    } catch (error) {
      status.textContent = 'Could not load the conversations. ' + error.message;
    }
  }

  document.getElementById('views').addEventListener('click', (event) => {
    const button = event.target.closest('[data-view]');
    if (button) show(button.dataset.view);
  });

  api('/api/me')
    .then((me) => { document.getElementById('who').textContent = (me.name || me.username) + ' · ' + me.workspace; })
    .catch(() => {});
  show('all');
})();
