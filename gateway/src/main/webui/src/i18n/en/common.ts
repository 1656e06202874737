export default {
  app: { name: 'Tutti', skip: 'Skip to content', signOut: 'Sign out', language: 'Language' },
  nav: { inbox: 'Inbox', reports: 'Reports', admin: 'Admin', main: 'Main' },
  state: {
    loading: 'Loading…',
    error: 'Something went wrong: {message}',
    retry: 'Try again',
    empty: 'Nothing here yet.',
    offline: 'Live updates paused; reconnecting…',
    refresh: 'Missed too much while away: refreshing.',
  },
  action: { save: 'Save', cancel: 'Cancel', delete: 'Delete', add: 'Add', edit: 'Edit', close: 'Close' },
  channel: {
    instagram: 'Instagram',
    messenger: 'Messenger',
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    telegram: 'Telegram',
    email: 'Email',
    web: 'Website chat',
  },
  time: { now: 'now', minutes: '{n} min', hours: '{n} h', days: '{n} d' },
};
