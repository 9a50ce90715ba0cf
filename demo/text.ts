/** The demo portal's own words (the elements bring theirs), in the languages PAT Kit ships. */
export const DEMO_LANGUAGES = ['en', 'de', 'ar'] as const;
export type DemoLanguage = (typeof DEMO_LANGUAGES)[number];

const en = {
  api: 'API reference',
  user: 'Demo user',
  language: 'Language',
  dark: 'Dark theme',
  profile: 'Profile',
  signOut: 'Sign out',
  home: 'Home',
  settings: 'Developer settings',
  welcome: 'Welcome to the Acme Console. What would you like to do?',
  pats: 'Personal Access Tokens',
  patsText: 'Let a script, a CI job or a service call the Acme API on your behalf, with only the scopes it needs.',
  devices: 'Devices',
  devicesText: 'Clients, channels and the messages between them (not part of this demo).',
  noDemo: 'Demo sign-in is off on this server (PAT_DEMO or production): embed the elements in your own portal, which signs users in.',
};

export const DEMO_TEXT: Record<DemoLanguage, typeof en> = {
  en,
  de: {
    api: 'API-Referenz',
    user: 'Demo-Benutzer',
    language: 'Sprache',
    dark: 'Dunkles Design',
    profile: 'Profil',
    signOut: 'Abmelden',
    home: 'Start',
    settings: 'Entwicklereinstellungen',
    welcome: 'Willkommen in der Acme Console. Was möchten Sie tun?',
    pats: 'Persönliche Zugriffstokens',
    patsText:
      'Lassen Sie ein Skript, einen CI-Job oder einen Dienst die Acme-API in Ihrem Namen aufrufen – nur mit den Bereichen, die er braucht.',
    devices: 'Geräte',
    devicesText: 'Clients, Kanäle und die Nachrichten zwischen ihnen (nicht Teil dieser Demo).',
    noDemo:
      'Die Demo-Anmeldung ist auf diesem Server aus (PAT_DEMO oder Produktion): Betten Sie die Elemente in Ihr eigenes Portal ein, das Benutzer anmeldet.',
  },
  ar: {
    api: 'مرجع API',
    user: 'مستخدم العرض',
    language: 'اللغة',
    dark: 'المظهر الداكن',
    profile: 'الملف الشخصي',
    signOut: 'تسجيل الخروج',
    home: 'الرئيسية',
    settings: 'إعدادات المطوّرين',
    welcome: 'مرحبًا بك في Acme Console. ماذا تريد أن تفعل؟',
    pats: 'رموز الوصول الشخصية',
    patsText: 'اسمح لبرنامج نصي أو مهمة CI أو خدمة باستدعاء Acme API نيابةً عنك، بالنطاقات التي يحتاجها فقط.',
    devices: 'الأجهزة',
    devicesText: 'العملاء والقنوات والرسائل بينها (ليست جزءًا من هذا العرض).',
    noDemo: 'تسجيل الدخول التجريبي معطّل على هذا الخادم (PAT_DEMO أو الإنتاج): ضمّن العناصر في بوابتك التي تسجّل دخول المستخدمين.',
  },
};
