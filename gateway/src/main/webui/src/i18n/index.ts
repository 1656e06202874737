import { createI18n } from 'vue-i18n';
import enCommon from './en/common';
import jaCommon from './ja/common';
import enInbox from './en/inbox';
import jaInbox from './ja/inbox';
import enReports from './en/reports';
import jaReports from './ja/reports';
import enAdmin from './en/admin';
import enContact from './en/contact';
import jaContact from './ja/contact';
import jaAdmin from './ja/admin';

// All of the app's text, one file per area and language. A key missing in Japanese falls back to
// English (and a unit test lists the keys that differ).
export const messages = {
  en: { ...enCommon, inbox: enInbox, reports: enReports, admin: enAdmin, contact: enContact },
  ja: { ...jaCommon, inbox: jaInbox, reports: jaReports, admin: jaAdmin, contact: jaContact },
};

export type Locale = keyof typeof messages;
export const LOCALES: Locale[] = ['en', 'ja'];
const STORED = 'tutti.locale';

export function initialLocale(
  stored: string | null = localStorage.getItem(STORED),
  languages: readonly string[] = navigator.languages ?? [],
): Locale {
  if (stored && (LOCALES as string[]).includes(stored)) return stored as Locale;
  const preferred = languages.map((l) => l.slice(0, 2)).find((l) => (LOCALES as string[]).includes(l));
  return (preferred as Locale) ?? 'en';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages,
});

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORED, locale);
  document.documentElement.lang = locale;
}
