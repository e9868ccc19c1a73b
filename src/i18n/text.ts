/** Every user-facing text of the matrix and the ADR exists in both languages of the guide. */
export const languages = ['en', 'ko'] as const;
export type Lang = (typeof languages)[number];
export type Text = Record<Lang, string>;

/** --lang wins; otherwise the POSIX locale variables, in their order of precedence. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag === 'en' || flag === 'ko') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
