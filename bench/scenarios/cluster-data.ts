// Synthetic feedback for the clustering benchmark: Chinese and English complaints and suggestions
// in groups whose members are near-duplicates of one another (the same issue raised by several
// people, each in their own words: a greeting added, a clause dropped, a word swapped, a typo),
// plus many one-off items. The same seed always gives the same items, so runs compare.

/** One generated feedback item and the group it was generated in (its ground truth). */
export interface GeneratedFeedback {
  text: string;
  group: number;
  /** Who raised it; members of a group are mostly different people. */
  person: string;
}

/** mulberry32: tiny, fast and good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** The words a language's feedback is made of. */
interface Vocabulary {
  places: readonly string[];
  qualifiers: readonly string[];
  problems: readonly string[];
  contexts: readonly string[];
  stories: readonly string[];
  wishes: readonly string[];
  details: readonly string[];
  prefixes: readonly string[];
  suffixes: readonly string[];
  synonyms: readonly (readonly [string, string])[];
  also: string;
  alsoVerb: string;
  join: string;
  space: string;
}

const ZH: Vocabulary = {
  places: [
    'App',
    '小程序',
    '直播间',
    '会员中心',
    '积分商城',
    '评论区',
    '私信',
    '推送通知',
    '搜索页',
    '视频播放器',
    '支付页面',
    '订单详情页',
    '签到活动',
    '抽奖页面',
    '商品详情页',
    '登录页',
    '个人主页',
    '购物车',
    '优惠券页面',
    '客服入口',
    '退款流程',
    '物流查询',
    '粉丝群',
    '话题广场',
    '消息中心',
    '收藏夹',
    '发票申请',
    '地址管理',
    '会员续费',
    '兑换码',
    '弹幕',
    '投票活动',
    '问答专区',
    '新人礼包',
    '拼团页面',
    '预售页面',
    '售后申请',
    '评价晒单',
    '扫码入口',
    '分享海报',
  ],
  qualifiers: [
    '',
    '新版',
    '首页的',
    '活动期间的',
    '会员专区的',
    '直播时的',
    '夜间',
    '极速版',
    '海外版',
    '电脑端的',
    '平板上的',
    '公众号里的',
  ],
  problems: [
    '总是闪退',
    '加载特别慢',
    '经常卡住不动',
    '显示不全',
    '点了没反应',
    '一直转圈',
    '数据对不上',
    '提示网络错误',
    '字太小看不清',
    '图片加载不出来',
    '老是自动退出登录',
    '按钮被挡住了',
    '排版全乱了',
    '声音和画面不同步',
    '重复扣了两次钱',
    '收不到验证码',
    '页面一片空白',
    '跳转到了错误的页面',
    '价格显示和结算不一样',
    '消息提醒一直响',
    '积分没有到账',
    '优惠券用不了',
    '地址保存不了',
    '发票开不出来',
    '物流信息好几天不更新',
    '客服一直不回复',
    '规则写得看不懂',
    '活动奖品迟迟不发',
    '评论发不出去',
    '视频清晰度很低',
    '弹窗广告太多',
    '找不到注销入口',
    '夜里推送打扰休息',
    '定位总是不准',
    '搜索结果不相关',
    '退款审核太慢',
    '会员权益和宣传不符',
    '二维码扫不出来',
    '分享出去别人打不开',
    '上传图片失败',
  ],
  contexts: [
    '更新到最新版以后',
    '用安卓手机的时候',
    '每天晚上八点左右',
    '连着WiFi也',
    '每次打开',
    '从公众号跳转过去以后',
    '换了新手机之后',
    '开了省电模式时',
    '切到后台再回来',
    '活动开始那一刻',
    '用苹果手机的时候',
    '这两天',
    '上周开始',
    '双十一期间',
    '刚注册完',
    '网络不好的时候',
    '在地铁上',
    '昨天晚上',
    '升级会员以后',
    '绑定微信之后',
    '清了缓存也',
    '重新安装以后还是',
    '用鸿蒙系统时',
    '开了深色模式后',
    '周末高峰期',
    '登录两个账号时',
    '从小红书点进来',
    '直播抢购的时候',
    '凌晨的时候',
    '在国外的时候',
  ],
  stories: [
    '我是用了五年的老用户了',
    '给我妈装的',
    '昨天刚下的单',
    '第一次参加你们的活动',
    '身边好几个朋友都遇到了',
    '已经联系过客服了',
    '我是你们的铁粉',
    '为了这个活动等了很久',
    '平时每天都会用',
    '孩子上网课要用',
    '刚从别的平台转过来',
    '一直很喜欢你们的内容',
    '本来想推荐给同事的',
    '公司团购用的',
    '已经反馈过三次了',
    '看了帮助文档也没找到',
    '买了年度会员',
    '上次的问题还没解决',
    '在评论区看到很多人说',
    '今天专门来说一下',
  ],
  wishes: [
    '希望尽快修复',
    '麻烦技术看一下',
    '建议增加一个反馈按钮',
    '能不能出个夜间模式',
    '希望能加导出功能',
    '建议把规则写清楚一点',
    '希望客服回复快一点',
    '建议支持批量操作',
    '希望能恢复旧版的入口',
    '建议加一个进度提示',
    '希望能给个补偿',
    '建议提前发公告',
    '希望能支持繁体字',
    '建议增加字体大小设置',
    '希望能关掉自动播放',
    '建议优化一下搜索',
    '希望退款能快一点',
    '建议开放电脑端',
    '希望能保留历史记录',
    '建议加个一键投诉',
    '希望能分开通知的类型',
    '建议活动时间长一点',
    '希望能改成按月付费',
    '建议出个新手教程',
  ],
  details: [
    '版本号是',
    '已经是第几次了：',
    '订单尾号',
    '型号',
    '活动编号',
    '截图发在私信里了，编号',
    '客服工单号',
    '我的会员号',
    '出问题的时间大概是',
    '影响的商品编号',
  ],
  prefixes: [
    '@官方 ',
    '小编你好，',
    '请问一下，',
    '说真的，',
    '你好，',
    '官方看看吧：',
    '急！',
    '',
  ],
  suffixes: ['谢谢！', '急急急！！！', '😭😭', '麻烦看看', '辛苦了', '，谢谢', '。。。', '🙏', ''],
  synonyms: [
    ['闪退', '崩溃'],
    ['特别', '非常'],
    ['希望', '建议'],
    ['总是', '老是'],
    ['麻烦', '请'],
    ['看不清', '看不太清楚'],
    ['一直', '始终'],
    ['页面', '界面'],
    ['以后', '之后'],
    ['能不能', '可不可以'],
  ],
  also: '还有',
  alsoVerb: '也',
  join: '，',
  space: '',
};

const EN: Vocabulary = {
  places: [
    'the app',
    'the mini program',
    'live streams',
    'the members area',
    'the points store',
    'comments',
    'direct messages',
    'push notifications',
    'search',
    'the video player',
    'checkout',
    'order details',
    'the check-in event',
    'the giveaway page',
    'product pages',
    'sign-in',
    'my profile',
    'the cart',
    'coupons',
    'the support chat',
    'refunds',
    'tracking',
    'the message center',
    'favourites',
    'invoices',
    'saved addresses',
    'membership renewal',
    'gift codes',
    'the Q&A section',
    'the welcome pack',
    'group buying',
    'pre-orders',
  ],
  qualifiers: ['', 'the new ', 'the desktop ', 'the tablet ', 'the lite ', 'the overseas '],
  problems: [
    'keeps crashing',
    'loads really slowly',
    'freezes all the time',
    'is cut off',
    'does nothing when I tap',
    'spins forever',
    'shows the wrong numbers',
    'says network error',
    'has text far too small to read',
    'will not load images',
    'logs me out again and again',
    'hides the buttons',
    'has a broken layout',
    'plays sound out of sync',
    'charged me twice',
    'never sends the code',
    'is just a blank page',
    'loses my points',
    'rejects valid coupons',
    'forgets my address',
    'cannot issue invoices',
    'shows tracking from last week',
    'never gets an answer',
    'has rules nobody understands',
    'still has not sent my prize',
    'will not post my comment',
    'plays in low resolution',
    'shows far too many pop-ups',
    'hides the delete account option',
    'wakes me up at night',
  ],
  contexts: [
    'Since the last update',
    'On my Android phone',
    'Every evening around 8pm',
    'Even on WiFi',
    'Every time I open it',
    'After switching phones',
    'On my tablet',
    'In battery saver mode',
    'When I come back from the background',
    'On my iPhone',
    'For two days now',
    'Since last week',
    'During the big sale',
    'Right after signing up',
    'On a slow connection',
    'On the subway',
    'Last night',
    'After upgrading my plan',
    'After linking my account',
    'Even after clearing the cache',
    'In dark mode',
  ],
  stories: [
    'I have used this for five years',
    'I set it up for my mother',
    'I ordered yesterday',
    'it is my first event with you',
    'several friends have the same problem',
    'I already contacted support',
    'I am a big fan',
    'I waited weeks for this event',
    'I use it every day',
    'my kids need it for school',
    'I just moved from another platform',
    'I wanted to recommend you to colleagues',
    'our company buys through you',
    'this is my third report',
    'the help pages did not help',
  ],
  wishes: [
    'please fix it soon',
    'can someone look at this',
    'please add a feedback button',
    'please add a dark mode',
    'an export option would help',
    'please explain the rules better',
    'support should answer faster',
    'please allow bulk actions',
    'bring back the old menu',
    'show some progress please',
    'some compensation would be nice',
    'announce changes earlier',
    'let me change the font size',
    'let me turn off autoplay',
    'make search smarter',
    'refunds should be faster',
    'please keep my history',
    'add a one-tap complaint button',
    'split notifications by type',
    'make events last longer',
    'offer a monthly plan',
  ],
  details: [
    'version',
    'this is attempt number',
    'order ending',
    'device model',
    'event code',
    'ticket number',
    'member id',
    'it happened around',
    'product code',
  ],
  prefixes: ['Hi team, ', 'Hello, ', 'Honestly, ', 'Quick one: ', 'Hey, ', 'Urgent: ', ''],
  suffixes: [' Thanks!', ' Please!!!', ' :(', ' Cheers.', ' Thank you', '...', ''],
  synonyms: [
    ['keeps', 'keep on'],
    ['really', 'very'],
    ['please', 'pls'],
    ['fix', 'repair'],
    ['forever', 'endlessly'],
    ['again and again', 'over and over'],
    ['Every', 'Each'],
  ],
  also: 'also ',
  alsoVerb: ' ',
  join: ', ',
  space: ' ',
};

type Language = Vocabulary;

/**
 * A group's original wording: when and where what goes wrong, sometimes a second problem or a
 * word about who is writing, a detail of its own and what they ask for.
 */
function baseText(random: Random, language: Language): string[] {
  const sp = language.space;
  const place = () => `${pick(random, language.qualifiers)}${pick(random, language.places)}`;
  const clauses = [
    `${pick(random, language.contexts)}${sp}${place()}${sp}${pick(random, language.problems)}`,
  ];
  if (random() < 0.5) {
    clauses.push(
      `${language.also}${place()}${language.alsoVerb}${pick(random, language.problems)}`,
    );
  }
  if (random() < 0.5) {
    const story = pick(random, language.stories);
    if (random() < 0.5) clauses.unshift(story);
    else clauses.push(story);
  }
  const number = String(Math.floor(random() * 90_000) + 10_000);
  clauses.push(`${pick(random, language.details)}${sp}${number}`);
  clauses.push(pick(random, language.wishes));
  return clauses;
}

/** One person's version of the group's text: one to three light edits. */
function variant(random: Random, clauses: readonly string[], language: Language): string {
  const zh = language === ZH;
  // Most people quote their own order, device or ticket number rather than the first person's.
  let parts = clauses.map((part) =>
    random() < 0.6 ? part.replace(/\d{5}/, String(Math.floor(random() * 90_000) + 10_000)) : part,
  );
  const edits = 1 + Math.floor(random() * 3);
  let prefix = '';
  let suffix = '';
  for (let e = 0; e < edits; e++) {
    const roll = random();
    if (roll < 0.25) prefix = pick(random, language.prefixes);
    else if (roll < 0.5) suffix = pick(random, language.suffixes);
    else if (roll < 0.65 && parts.length > 3) {
      // Drop a clause other than the first (the issue itself).
      parts.splice(1 + Math.floor(random() * (parts.length - 1)), 1);
    } else if (roll < 0.85) {
      const [from, to] = pick(random, language.synonyms);
      parts = parts.map((part) => part.replace(from, to));
    } else {
      // A typo: one character replaced in a random clause.
      const index = Math.floor(random() * parts.length);
      const part = parts[index] ?? '';
      const at = Math.floor(random() * part.length);
      const typo = zh ? '的' : 'x';
      parts[index] = part.slice(0, at) + typo + part.slice(at + 1);
    }
  }
  const joiner = zh ? pick(random, ['，', ',', '。', ' ']) : pick(random, [', ', '. ', ' - ']);
  const text = `${prefix}${parts.join(joiner)}${suffix}`;
  return random() < 0.2 ? (zh ? text.replace(/App/g, 'app') : text.toLowerCase()) : text;
}

/**
 * `count` feedback items: about a third of them one-offs, the rest in groups of 2 to 60 whose
 * sizes fall off like a power law (a few issues raised by many, many raised by a few).
 */
export function generateFeedback(count: number, seed = 20260301): GeneratedFeedback[] {
  const random = seededRandom(seed);
  const items: GeneratedFeedback[] = [];
  let group = 0;
  while (items.length < count) {
    const zh = random() < 0.75;
    const language: Language = zh ? ZH : EN;
    const clauses = baseText(random, language);
    const size =
      random() < 0.45 ? 1 : Math.min(60, 1 + Math.floor(1 / (random() * 0.97 + 0.03) ** 1.2));
    for (let i = 0; i < size && items.length < count; i++) {
      const text = i === 0 ? clauses.join(language.join) : variant(random, clauses, language);
      // Now and then the same person writes twice.
      const person = i > 0 && random() < 0.05 ? `p${group}-0` : `p${group}-${i}`;
      items.push({ text, group, person });
    }
    group += 1;
  }
  // Interleave groups the way they arrive: spread over time, not one group after another.
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as GeneratedFeedback, items[i] as GeneratedFeedback];
  }
  return items;
}

/**
 * Pairwise precision and recall of a clustering against the known groups: of the pairs put in
 * one cluster, how many share a group; of the pairs sharing a group, how many were put together.
 */
export function pairQuality(
  groups: readonly number[],
  clusters: readonly (string | number)[],
): { precision: number; recall: number; truePairs: number; predictedPairs: number } {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const byCluster = new Map<string | number, number>();
  const byGroup = new Map<number, number>();
  const byBoth = new Map<string, number>();
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? -1;
    const cluster = clusters[i] ?? `none-${i}`;
    byCluster.set(cluster, (byCluster.get(cluster) ?? 0) + 1);
    byGroup.set(group, (byGroup.get(group) ?? 0) + 1);
    const both = `${cluster}\u0000${group}`;
    byBoth.set(both, (byBoth.get(both) ?? 0) + 1);
  }
  let predictedPairs = 0;
  for (const n of byCluster.values()) predictedPairs += pairs(n);
  let truePairs = 0;
  for (const n of byGroup.values()) truePairs += pairs(n);
  let agreed = 0;
  for (const n of byBoth.values()) agreed += pairs(n);
  return {
    precision: predictedPairs === 0 ? 1 : agreed / predictedPairs,
    recall: truePairs === 0 ? 1 : agreed / truePairs,
    truePairs,
    predictedPairs,
  };
}
