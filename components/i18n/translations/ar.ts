/** Arabic (right to left): every key of `strings` (components/i18n/strings.ts). */
import { WILDCARD, type ScopeInput } from '../../../contract/index.js';
import type { PatStrings } from '../strings.js';

const number = new Intl.NumberFormat('ar');
const rules = new Intl.PluralRules('ar');
const count = (n: number) => number.format(n);

/** Arabic has six plural forms; `{n}` in a form is the number. */
type Forms = Record<Intl.LDMLPluralRule, string>;
const plural = (n: number, forms: Forms) => forms[rules.select(n)].replace('{n}', count(n));

const TOKENS: Forms = {
  zero: 'لا رموز',
  one: 'رمز واحد',
  two: 'رمزان',
  few: '{n} رموز',
  many: '{n} رمزًا',
  other: '{n} رمز',
};
const SCOPES: Forms = {
  zero: 'لا نطاقات',
  one: 'نطاق واحد',
  two: 'نطاقان',
  few: '{n} نطاقات',
  many: '{n} نطاقًا',
  other: '{n} نطاق',
};
const SUGGESTIONS: Forms = {
  zero: 'لا نتائج',
  one: 'اقتراح واحد',
  two: 'اقتراحان',
  few: '{n} اقتراحات',
  many: '{n} اقتراحًا',
  other: '{n} اقتراح',
};

const DAYS: Forms = {
  zero: '{n} يوم',
  one: 'يوم',
  two: 'يومين',
  few: '{n} أيام',
  many: '{n} يومًا',
  other: '{n} يوم',
};
const MORE_SCOPES: Forms = {
  zero: 'لا نطاقات أخرى',
  one: 'نطاق آخر',
  two: 'نطاقان آخران',
  few: '{n} نطاقات أخرى',
  many: '{n} نطاقًا آخر',
  other: '{n} نطاق آخر',
};
/** After a preposition ("يقتصر على عنوانين"). */
const ADDRESSES: Forms = {
  zero: 'لا عناوين',
  one: 'عنوان واحد',
  two: 'عنوانين',
  few: '{n} عناوين',
  many: '{n} عنوانًا',
  other: '{n} عنوان',
};
const MORE_ADDRESSES: Forms = {
  zero: 'لا عناوين أخرى',
  one: 'عنوان آخر',
  two: 'عنوانان آخران',
  few: '{n} عناوين أخرى',
  many: '{n} عنوانًا آخر',
  other: '{n} عنوان آخر',
};
/** Addresses kept left to right in a right-to-left sentence (isolated: "2001:db8::1", not "db8::1:2001"). */
const ltr = (text: string) => `\u2066${text}\u2069`;
/** Text of any direction (a scanner's name) kept whole inside a sentence: its own direction, isolated from the words around it. */
const isolated = (text: string) => `\u2068${text}\u2069`;
const ipList = (list: string, more: number) => `${ltr(list)}${more > 0 ? ` و${plural(more, MORE_ADDRESSES)}` : ''}`;
/** The days a usage window spans, today last: "اليوم"، "في آخر ٣٠ يومًا". */
const lastDays = (days: number) => (days === 1 ? 'اليوم' : `في آخر ${plural(days, DAYS)}`);

export const ar: PatStrings = {
  pat: 'رمز وصول شخصي',
  pats: 'رموز الوصول الشخصية',
  retry: 'إعادة المحاولة',
  cancel: 'إلغاء الأمر',
  close: 'إغلاق',
  copied: 'تم النسخ',
  copyFailed: 'تعذّر النسخ: حدّد النص وانسخه يدويًا',
  never: 'أبدًا',
  now: 'الآن',
  loading: 'جارٍ التحميل…',
  errors: {
    server: 'حدثت مشكلة في الخادم. يُرجى المحاولة مرة أخرى.',
    request: (status: number) => `فشل الطلب (HTTP ${status}).`,
    network: 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.',
    notFound: 'لا يوجد رمز كهذا.',
    unexpectedAnswer: 'ردّ الخادم بصيغة لا يقرؤها PAT Kit. هل هذا خادم PAT Kit؟',
    noApiClient: 'لا يوجد عميل API: ضع هذا العنصر داخل <pat-api-provider>.',
  },

  ends: {
    expires: (relative: string) => `تنتهي صلاحيته ${relative}`,
    expired: (relative: string) => `انتهت صلاحيته ${relative}`,
    revoked: (relative: string) => `أُبطل ${relative}`,
    expiresUnused: (relative: string) => `تنتهي صلاحيته ${relative} إن لم يُستخدم`,
    expiredUnused: (relative: string) => `انتهت صلاحيته لعدم الاستخدام ${relative}`,
  },

  status: {
    active: 'نشط',
    revoked: 'مُبطَل',
    expired: 'منتهي الصلاحية',
    all: 'الكل',
    expiring: 'ينتهي قريبًا',
  },

  table: {
    caption: 'رموز الوصول الشخصية الخاصة بك',
    statsLabel: 'أعداد الرموز؛ اختر أحدها لتصفية القائمة',
    searchLabel: 'البحث بالاسم',
    searchPlaceholder: 'مثلًا deploy',
    statusLabel: 'الحالة',
    statusAll: 'كل الحالات',
    sortLabel: 'الترتيب',
    sorts: {
      issued_at: { desc: 'الأحدث أولًا', asc: 'الأقدم أولًا' },
      expires_at: { asc: 'الأقرب انتهاءً أولًا', desc: 'الأقرب انتهاءً أخيرًا' },
      name: { asc: 'الاسم، من أ إلى ي', desc: 'الاسم، من ي إلى أ' },
      last_used_at: { desc: 'الأحدث استخدامًا أولًا', asc: 'الأقدم استخدامًا أولًا' },
    },
    create: 'إنشاء رمز',
    deleteAll: 'حذف كل الرموز',
    columns: {
      name: 'الاسم',
      description: 'الوصف',
      status: 'الحالة',
      issued: 'تاريخ الإصدار',
      expires: 'انتهاء الصلاحية',
      lastUsed: 'آخر استخدام',
      scopes: 'النطاقات',
      actions: 'الإجراءات',
    },
    rowActions: (name: string) => `إجراءات ${name}`,
    view: 'عرض',
    copyId: 'نسخ المعرّف',
    addScope: 'إضافة نطاقات',
    duplicate: 'تكرار',
    revoke: 'إبطال',
    regenerate: 'إعادة الإنشاء',
    delete: 'حذف',
    emptyTitle: 'لا توجد رموز وصول شخصية بعد',
    emptyText: 'أنشئ رمزًا يتيح لبرنامج نصي أو مهمة CI أو خدمة أن تعمل نيابةً عنك، بالنطاقات التي تختارها فقط.',
    noMatchTitle: 'لا توجد رموز مطابقة',
    noMatchText: 'لا شيء يطابق هذا البحث وتصفية الحالة هذه.',
    resetFilters: 'إعادة ضبط عوامل التصفية',
    errorTitle: 'تعذّر تحميل رموزك',
    rowsPerPage: 'عدد الصفوف في الصفحة',
    pagination: 'التنقل بين الصفحات',
    range: (from: number, to: number, total: number) => `${count(from)}–${count(to)} من ${count(total)}`,
    pageOf: (page: number, pages: number) => `الصفحة ${count(page)} من ${count(pages)}`,
    firstPage: 'الصفحة الأولى',
    previousPage: 'الصفحة السابقة',
    nextPage: 'الصفحة التالية',
    lastPage: 'الصفحة الأخيرة',
    idCopied: (name: string) => `تم نسخ معرّف ${name}`,
    deleted: (name: string) => `تم حذف ${name}`,
    revoked: (name: string) => `تم إبطال ${name}`,
    allDeleted: (n: number) => `تم حذف ${plural(n, TOKENS)}`,
  },

  confirm: {
    deleteTitle: 'حذف الرمز؟',
    deleteText: (name: string) => `سيُحذف «${name}» نهائيًا مع نطاقاته. سيتوقف كل ما يستخدمه عن العمل.`,
    deleteConfirm: 'حذف',
    deleteAllTitle: 'حذف كل الرموز؟',
    deleteAllText: (n: number) => `ستُحذف كل رموز الوصول الشخصية التي تملكها (${plural(n, TOKENS)}) نهائيًا. سيتوقف كل ما يستخدمها عن العمل.`,
    deleteAllConfirm: (n: number) => `حذف ${plural(n, TOKENS)}`,
    deleteScopeTitle: 'حذف النطاق؟',
    deleteScopeText: (what: string) => `لن يُسمح للرمز بعد الآن بما يلي: ${what}.`,
    deleteScopeConfirm: 'حذف النطاق',
    deleteScopesTitle: 'حذف كل النطاقات؟',
    deleteScopesText: (name: string, n: number) =>
      `سيفقد «${name}» كل نطاقاته (${plural(n, SCOPES)}) ولن يُسمح له بشيء حتى تضيف نطاقات من جديد.`,
    deleteScopesConfirm: 'حذف كل النطاقات',
    revokeTitle: 'إبطال الرمز؟',
    revokeText: (name: string) =>
      `سيتوقف «${name}» عن العمل فورًا: سيُرفض كل برنامج نصي أو مهمة أو خدمة تستخدمه. يمكنك إعادة إنشائه لاحقًا بسرّ جديد.`,
    revokeConfirm: 'إبطال',
  },

  secret: {
    title: 'انسخ رمزك الجديد الآن',
    warning:
      'هذه هي المرة الوحيدة التي يُعرض فيها. احفظه في مكان آمن، مثل مدير كلمات المرور أو أسرار CI: بمجرد مغادرة هذه الصفحة لن يمكن رؤيته مجددًا.',
    copy: 'نسخ الرمز',
  },

  duration: {
    label: 'انتهاء الصلاحية',
    custom: 'تاريخ مخصّص…',
    customLabel: 'تنتهي صلاحيته في',
    expiresOn: (date: string) => `ستنتهي صلاحية الرمز في ${date}.`,
    pastDate: 'اختر تاريخًا بعد اليوم.',
    tooLate: (last: string) => `اختر تاريخًا في ${last} أو قبله.`,
    catalogError: 'تعذّر تحميل خيارات انتهاء الصلاحية.',
    required: 'اختر متى تنتهي صلاحية الرمز.',
  },

  scopes: {
    entityType: 'نوع الكيان',
    operations: 'العمليات',
    operation: 'العملية',
    entity: 'الكيان',
    entityAll: 'الكل',
    entitySpecific: 'محدّدة',
    entityIds: 'معرّفات الكيانات',
    entityIdsHelp: 'اكتب معرّفًا واضغط Enter؛ أضف ما تحتاجه منها.',
    entitySearch: 'ابحث بالاسم أو اكتب معرّفًا',
    suggestionCount: (n: number) => plural(n, SUGGESTIONS),
    domain: 'المجال (اختياري)',
    domainColumn: 'المجال',
    domainHelp: 'اتركه فارغًا لكل المجالات.',
    domainRequired: 'المجال',
    domainRequiredHelp: 'المجال الذي يسري فيه هذا النطاق.',
    needDomain: 'أدخل مجالًا.',
    chooseType: 'اختر نوع الكيان',
    chooseOperations: 'اختر العمليات',
    addRow: 'إضافة نطاق آخر',
    removeRow: (index: number) => `إزالة النطاق ${count(index)}`,
    row: (index: number) => `النطاق ${count(index)}`,
    duplicate: (other: number) => `مكرّر مع النطاق ${count(other)}.`,
    needType: 'اختر نوع الكيان.',
    needOperation: 'اختر عملية واحدة على الأقل.',
    needEntity: 'اختر «الكل»، أو «محدّدة» مع معرّف كيان واحد على الأقل.',
    needIds: 'أضف معرّف كيان واحدًا على الأقل، أو اختر «الكل».',
    none: 'لا توجد نطاقات بعد: لا يستطيع الرمز فعل شيء حتى تضيف نطاقًا.',
    catalogError: 'تعذّر تحميل أنواع الكيانات والعمليات.',
    all: 'الكل',
    anyDomain: 'أي مجال',
    removeId: (id: string) => `إزالة ${id}`,
    describe: (scope: ScopeInput) => {
      const entity = scope.entity_id === WILDCARD ? `كل ${scope.entity_type}` : `${scope.entity_type} ${scope.entity_id}`;
      return `${scope.operation}: ${entity}${scope.domain_id ? ` في المجال ${scope.domain_id}` : ''}`;
    },
  },

  create: {
    name: 'الاسم',
    nameHelp: 'اسم فريد، لتعرف لاحقًا الغرض من هذا الرمز.',
    description: 'الوصف',
    descriptionHelp: 'اختياري: ما الغرض من هذا الرمز؟',
    scopes: 'النطاقات',
    scopesHelp: 'يسمح كل نطاق بعملية واحدة على نوع واحد من الكيانات. امنح الرمز ما يحتاجه فقط.',
    submit: 'إنشاء',
    fixErrors: 'يُرجى تصحيح الحقول المميّزة.',
    noScopesTitle: 'إنشاء رمز بلا نطاقات؟',
    noScopesText: 'لن يُسمح له بشيء حتى تضيف إليه نطاقات.',
    noScopesConfirm: 'إنشاء بلا نطاقات',
    failed: 'لم يُنشأ الرمز.',
  },

  detail: {
    name: 'الاسم',
    id: 'المعرّف',
    status: 'الحالة',
    description: 'الوصف',
    noDescription: 'لا يوجد وصف',
    created: 'تاريخ الإنشاء',
    issued: 'إصدار السرّ',
    updated: 'آخر تعديل',
    lastUsed: 'آخر استخدام للسرّ',
    lastUsedFrom: (ip: string) => `من ${ip}`,
    edit: (field: string) => `تعديل ${field}`,
    save: 'حفظ',
    copyId: 'نسخ المعرّف',
    revoke: 'إبطال',
    regenerate: 'إعادة الإنشاء',
    duplicate: 'تكرار',
    delete: 'حذف الرمز',
    scopes: 'النطاقات',
    addScope: 'إضافة نطاقات',
    deleteAllScopes: 'حذف كل النطاقات',
    scopesCaption: 'نطاقات هذا الرمز',
    deleteScope: (what: string) => `حذف النطاق: ${what}`,
    editHint: 'Enter للحفظ، وEscape للإلغاء.',
    nameRequired: 'أدخل اسمًا.',
    deletedTitle: 'تم حذف الرمز',
    deletedText: 'لم يعد موجودًا، ويُرفض كل ما كان يستخدمه.',
    notFoundTitle: 'الرمز غير موجود',
    notFoundText: 'ربما حُذف، أو أن الرابط غير صحيح.',
    errorTitle: 'تعذّر تحميل هذا الرمز',
    addScopeTitle: (name: string) => `إضافة نطاقات إلى «${name}»`,
    addScopeSubmit: 'إضافة النطاقات',
    renamed: 'تم حفظ الاسم',
    described: 'تم حفظ الوصف',
    scopesAdded: 'تمت إضافة النطاقات',
    scopeDeleted: 'تم حذف النطاق',
    scopesCleared: 'تم حذف كل النطاقات',
  },

  allowedIps: {
    label: 'عناوين IP المسموح بها',
    help: 'عنوان واحد أو نطاق CIDR في كل سطر، مثل 203.0.113.7 أو 203.0.113.0/24. اتركه فارغًا للسماح بأي عنوان.',
    show: 'تقييد الاستخدام بعناوين IP',
    line: (line: number, entry: string) => `السطر ${count(line)} («${ltr(entry)}»)`,
    detailLabel: 'العناوين المسموح بها',
    any: 'أي عنوان',
    editHint: 'Enter لبدء سطر جديد، وCtrl+Enter للحفظ، وEscape للإلغاء.',
    saved: 'تم حفظ العناوين المسموح بها',
    restricted: (n: number) => `يقتصر على ${plural(n, ADDRESSES)}`,
  },

  idle: {
    label: 'تنتهي الصلاحية عند عدم الاستخدام لمدة',
    help: 'يتوقف الرمز عن العمل إذا لم يُستخدم طوال هذه المدة؛ وكل استخدام يعيد بدء العدّ.',
    never: 'أبدًا',
    catalogError: 'تعذّر تحميل خيارات انتهاء صلاحية الرمز غير المستخدم.',
    detailLabel: 'حدّ عدم الاستخدام',
    none: 'لا يوجد',
    expiresOn: (date: string) => `تنتهي صلاحيته في ${date} ما لم يُستخدم قبل ذلك`,
    expiredBecause: (limit: string) => (limit ? `انتهت صلاحيته لأنه لم يُستخدم طوال ${limit}.` : 'انتهت صلاحيته لأنه لم يُستخدم.'),
    mark: (limit: string) => `تنتهي صلاحيته بعد ${limit} دون استخدام`,
    expiredMark: (limit: string) => `انتهت صلاحيته بعد ${limit} دون استخدام`,
  },

  leak: {
    title: 'أُبطل تلقائيًا: عُثر عليه في مكان عام',
    mark: 'مُسرَّب',
    tooltip: (url: string) => `أُبطل تلقائيًا: عُثر عليه في مكان عام${url ? `\n${ltr(url)}` : ''}`,
    url: 'عُثر عليه في',
    source: 'المُبلِّغ',
    reported: 'تاريخ البلاغ',
    hint: 'يُرفض كل ما لا يزال يستخدمه. أعد إنشاءه للحصول على سرّ جديد، ثم ضع السرّ الجديد مكان القديم حيثما كان يُستخدم.',
  },

  activity: {
    title: 'النشاط',
    label: 'سجلّ هذا الرمز',
    allLabel: 'سجلّ رموزك',
    empty: 'لا يوجد نشاط بعد',
    errorTitle: 'تعذّر تحميل النشاط',
    showMore: 'عرض المزيد',
    shown: (shown: number, total: number) => `يُعرض ${count(shown)} من ${count(total)}`,
    created: (expires: string) => (expires ? `أُنشئ، وتنتهي صلاحيته في ${expires}` : 'أُنشئ'),
    createdWith: (expires: string, list: string) => `أُنشئ بالنطاقات: ${list}${expires ? `، وتنتهي صلاحيته في ${expires}` : ''}`,
    renamed: (from: string, to: string) => `أُعيدت تسميته من «${from}» إلى «${to}»`,
    described: (to: string) => `تغيّر الوصف إلى «${to}»`,
    descriptionCleared: 'حُذف الوصف',
    scopesAdded: (list: string) => `أُضيفت نطاقات: ${list}`,
    scopesRemoved: (list: string) => `أُزيلت نطاقات: ${list}`,
    scopesCleared: (list: string) => `حُذفت كل النطاقات: ${list}`,
    revoked: 'أُبطل',
    regenerated: (expires: string) => (expires ? `أُعيد إنشاؤه، وتنتهي صلاحيته في ${expires}` : 'أُعيد إنشاؤه'),
    expired: 'انتهت صلاحيته',
    deleted: 'حُذف',
    newAddress: (ip: string) => (ip ? `استُخدم لأول مرة من ${ip}` : 'استُخدم لأول مرة من عنوان جديد'),
    newAddressRefused: (ip: string) =>
      ip ? `رُفض استخدام من ${ltr(ip)}: العنوان غير مسموح به` : 'رُفض استخدام من عنوان جديد: العنوان غير مسموح به',
    createdRestricted: (created: string, list: string, more: number) => `${created}؛ ولا يُستخدم إلا من ${ipList(list, more)}`,
    allowedIpsSet: (list: string, more: number) => `عُيّنت العناوين المسموح بها: ${ipList(list, more)}`,
    allowedIpsCleared: 'أُزيل تقييد العناوين: يُسمح بأي عنوان',
    createdIdle: (created: string, limit: string) => `${created}؛ وتنتهي صلاحيته بعد ${limit} دون استخدام`,
    expiredIdle: (limit: string) =>
      limit ? `انتهت صلاحيته بعد ${limit} دون استخدام` : 'انتهت صلاحيته لعدم استخدامه مدةً أطول من الحدّ المسموح',
    leaked: (url: string, source: string) =>
      `أُبطل تلقائيًا: عُثر عليه في مكان عام${url ? ` في ${ltr(url)}` : ''}${source ? ` (أبلغ عنه ${isolated(source)})` : ''}`,
    more: (n: number) => plural(n, MORE_SCOPES),
    byActor: (actor: string) => `بواسطة ${actor}`,
    from: (ip: string) => `من ${ip}`,
  },

  usage: {
    title: 'الاستخدام',
    summary: (allowed: number, denied: number, days: number) => `سُمح: ${count(allowed)} · رُفض: ${count(denied)} ${lastDays(days)}`,
    chartLabel: (days: number) => `عمليات التحقق المسموحة والمرفوضة في كل يوم ${lastDays(days)}`,
    empty: (days: number) => `لم يُستخدم ${lastDays(days)}`,
    errorTitle: 'تعذّر تحميل بيانات الاستخدام',
    allowed: 'مسموح',
    denied: 'مرفوض',
    day: 'التاريخ',
    tableCaption: 'عمليات التحقق في كل يوم',
    bar: (day: string, allowed: number, denied: number) => `${day}: سُمح ${count(allowed)}، رُفض ${count(denied)}`,
  },

  regenerate: {
    title: 'إعادة إنشاء الرمز',
    text: (name: string) => `سيحصل «${name}» على سرّ جديد وتاريخ انتهاء جديد. يبقى اسمه ووصفه ونطاقاته؛ ويتوقف السرّ القديم عن العمل.`,
    submit: 'إعادة الإنشاء',
  },

  manager: {
    listTitle: 'رموز الوصول الشخصية',
    createTitle: 'إنشاء رمز',
    back: 'العودة إلى الرموز',
    duplicateTitle: 'تكرار رمز',
    duplicateError: (name: string) => `تعذّر تجهيز نسخة من «${name}»`,
    copyName: (name: string, n: number) => (n === 1 ? `${name} (نسخة)` : `${name} (نسخة ${count(n)})`),
  },

  userMenu: {
    open: (name: string) => `قائمة حساب ${name}`,
    pats: 'رموز الوصول الشخصية',
  },
};
