/**
 * What the sandbox's people write: comments and DMs with their true labels, fake users, and brand
 * post texts, in Chinese and English. Pure and seeded: the same key always gives the same words.
 */
import { unitHash, type BrandKind, type Language, type PlatformStyle } from './sandbox-model.ts';

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const INTENTS = [
  'question',
  'complaint',
  'praise',
  'purchase_intent',
  'after_sales',
  'spam',
  'abuse',
  'crisis_signal',
] as const;
export type Intent = (typeof INTENTS)[number];

interface Template {
  sentiment: Sentiment;
  text: string;
}

const neg = (text: string): Template => ({ sentiment: 'negative', text });
const neu = (text: string): Template => ({ sentiment: 'neutral', text });
const pos = (text: string): Template => ({ sentiment: 'positive', text });

// Slots: {product} {brand} {n} {city} {use} {emoji} (matches the sentiment) {slang}.
const TEMPLATES: Record<Language, Record<Intent, Template[]>> = {
  zh: {
    question: [
      neu('这个{product}什么时候有货？{emoji}'),
      neu('请问{city}有线下门店吗？想去实体店看看'),
      neu('求问{product}和上一代有什么区别呀'),
      neu('保质期多久啊？一次囤{n}个会不会过期'),
      neu('有没有姐妹{use}过{product}，真的好吗{emoji}'),
      neu('包邮吗？寄到{city}大概几天'),
      neu('蹲一个{product}的详细测评 {emoji}'),
      neg('为什么我下单{n}天了还显示待发货？？'),
      neu('这个价格还会降吗😂 等等党表示观望'),
    ],
    complaint: [
      neg('客服一直不回，太失望了'),
      neg('真是"好"服务啊，等了{n}天还没发货 {emoji}'),
      neg('{product}越做越差了，{slang}'),
      neg('包装这么大，里面就一点点，有必要吗'),
      neg('收到的{product}和图片完全不一样，图片仅供参考是吧'),
      neg('涨价了还缩水，呵呵'),
      neg('活动规则写得跟谜语一样，谁看得懂啊 {emoji}'),
      neg('下单{n}天物流一动不动，你们是认真的吗？'),
      neu('说实话这次的{product}一般般，没有宣传的那么神'),
    ],
    praise: [
      pos('绝了！{product} yyds {emoji}'),
      pos('已经回购第{n}次了，真心推荐给身边的人'),
      pos('这期内容做得好用心{emoji}'),
      pos('包装好好看，送人很有面子'),
      pos('小编太会了哈哈哈哈{emoji}'),
      pos('{product}真的可以，爱了爱了'),
      pos('看完立刻被种草了{emoji}'),
      pos('支持国货！越来越好💪'),
      neu('前排围观～'),
    ],
    purchase_intent: [
      neu('求链接！'),
      pos('已经下单了，期待～{emoji}'),
      neu('{product}怎么买？直播间有吗'),
      pos('冲了冲了，买{n}件有优惠吗'),
      pos('马上去囤几件{emoji}'),
      neu('想买，{city}有门店吗？'),
      neu('等大促再入手，到时候会有赠品吗'),
      pos('给我妈也买一份，有礼盒装吗？{emoji}'),
    ],
    after_sales: [
      neg('收到的{product}漏了，怎么申请售后？{emoji}'),
      neu('请问怎么开发票？'),
      neu('退货地址在哪里呀'),
      neg('快递送错了，订单号已经私信你们了'),
      neg('少发了一件，麻烦看下后台'),
      neu('换货大概多久能寄回来？'),
      neu('赠品没收到，是单独发货吗？'),
      neg('申请退款{n}天了还没处理，麻烦快一点'),
    ],
    spam: [
      neu('互关互赞，回关必回～'),
      neu('兼职日结{n}百，有意私我'),
      neu('点我主页，免费领{product}'),
      neu('看我头像，优质资源'),
      neu('低价代购各大品牌，V我'),
      neu('关注我抽{n}个人送红包🧧'),
      pos('好物分享，进我主页看看哦{emoji}'),
    ],
    abuse: [
      neg('什么垃圾东西，智商税'),
      neg('小编是不是脑子有问题'),
      neg('骗子公司，滚'),
      neg('恶心，拉黑了 {emoji}'),
      neg('谁买谁是大冤种'),
      neg('割韭菜割到姥姥家了'),
    ],
    crisis_signal: [
      neg('{use}了{product}之后身体不舒服，已经去医院了，你们必须给个说法'),
      neg('听说你们被曝光了？是真的吗？'),
      neg('多人反映{product}里有异物，已经向12315投诉了'),
      neg('这批{product}是不是有问题？群里好几个人都出状况了'),
      neg('已经联系记者了，等着吧'),
      neg('为什么删评论？心虚了？'),
      neg('{city}的门店今天被查了？有人知道怎么回事吗'),
    ],
  },
  en: {
    question: [
      neu('When is the {product} back in stock? {emoji}'),
      neu('Do you ship to {city}? how long does it take'),
      neu("what's the difference between this and the old {product}?"),
      neu('how long does it keep once opened?'),
      neu('has anyone tried the {product}? worth it? {emoji}'),
      neu('is there a store in {city} or online only'),
      neg("ordered {n} days ago and it still says processing?? what's going on"),
      neu('any discount codes floating around 👀'),
    ],
    complaint: [
      neg('Customer service has ghosted me for {n} days. So disappointed.'),
      neg('wow, "great" service. still waiting on my order {emoji}'),
      neg('the {product} used to be so good, {slang}'),
      neg('huge box, tiny product. why'),
      neg('the {product} I got looks nothing like the photos'),
      neg('price went up and the size went down, nice try'),
      neg('the giveaway rules are impossible to follow {emoji}'),
      neu('tbh the new {product} is just ok, not sure what the hype is'),
    ],
    praise: [
      pos('ok the {product} is SO good {emoji}'),
      pos('on my {n}th order already, obsessed'),
      pos('love this post, so much care went into it {emoji}'),
      pos('the packaging is gorgeous, perfect gift'),
      pos('whoever runs this account deserves a raise lol'),
      pos('lowkey the best {product} I have had {emoji}'),
      pos('instantly added to cart. you got me {emoji}'),
      neu('first!'),
    ],
    purchase_intent: [
      neu('link?'),
      pos('just ordered, can’t wait {emoji}'),
      neu('where can I buy the {product}?'),
      pos('need {n} of these asap'),
      pos('adding to cart rn {emoji}'),
      neu('any bundle deals if I get {n}?'),
      neu('waiting for the sale then I’m buying'),
      pos('getting one for my mom too, do you do gift sets? {emoji}'),
    ],
    after_sales: [
      neg('my {product} arrived leaking, how do I get a replacement? {emoji}'),
      neu('how do I get an invoice for my order?'),
      neu("what's the return address?"),
      neg('got the wrong item, sent you the order number by DM'),
      neg('one item missing from my order, can you check?'),
      neu('how long do exchanges usually take?'),
      neg('requested a refund {n} days ago, still nothing'),
    ],
    spam: [
      neu('follow for follow? I always follow back'),
      neu('earn ${n}00 a day from home, DM me'),
      neu('free {product} giveaway on my profile!!'),
      neu('check my bio for exclusive content'),
      neu('cheap designer stuff, DM for prices'),
      pos('great post! check out my page too {emoji}'),
    ],
    abuse: [
      neg('absolute garbage, total scam'),
      neg('who writes this stuff, are you ok'),
      neg('scam company, get lost'),
      neg('gross. blocked {emoji}'),
      neg('anyone who buys this is a clown'),
      neg('mid product, mid brand, mid everything'),
    ],
    crisis_signal: [
      neg('I got sick after the {product}, went to the ER. you need to answer for this'),
      neg('is it true you got exposed in the news??'),
      neg('several people found something in their {product}. reported it to the FDA'),
      neg('is this batch of {product} bad? my whole group chat is having issues'),
      neg('already talked to a journalist about this'),
      neg('why are you deleting comments? hiding something?'),
      neg('heard the {city} store got shut down today, what happened'),
    ],
  },
};

const DM_OPENERS: Record<Language, string[]> = {
  zh: ['你好，', '在吗？', '您好，', '打扰一下，', ''],
  en: ['Hi! ', 'Hey, ', 'Hello, ', ''],
};

const EMOJI: Record<Sentiment, string[]> = {
  positive: ['😍', '❤️', '🔥', '👍', '✨', '🥰', '💯', '😋', ''],
  neutral: ['🤔', '👀', '🙏', '😂', ''],
  negative: ['😡', '🙄', '👎', '😤', '💔', ''],
};
const SLANG: Record<Language, string[]> = {
  zh: ['无语了', '下头', '好家伙', '服了', '真的会谢', '破防了'],
  en: ['not gonna lie', 'fr this is sad', 'ngl kinda over it', 'big L', 'smh'],
};
const CITIES: Record<Language, string[]> = {
  zh: ['上海', '北京', '广州', '深圳', '杭州', '成都', '武汉', '南京'],
  en: ['NYC', 'Chicago', 'Austin', 'London', 'Toronto', 'Seattle', 'Berlin'],
};

interface BrandWords {
  name: string;
  products: string[];
  /** The verb for using a product: 喝 coffee, 用 skincare. */
  use: string;
  features: string[];
}

const BRANDS: Record<BrandKind, Record<Language, BrandWords>> = {
  coffee: {
    zh: {
      name: '山谷咖啡',
      products: ['燕麦拿铁', '冷萃', '挂耳咖啡', '耶加雪菲咖啡豆', '生椰拿铁', '冻干咖啡粉'],
      use: '喝',
      features: ['酸度更柔和', '冷水三秒就能溶开', '尾韵有淡淡的花香', '零蔗糖也不苦'],
    },
    en: {
      name: 'Valley Coffee',
      products: ['oat latte', 'cold brew', 'drip bags', 'Ethiopia beans', 'espresso blend'],
      use: 'drink',
      features: [
        'a softer, rounder acidity',
        'it dissolves in cold water in seconds',
        'a floral finish',
        'zero sugar and still smooth',
      ],
    },
  },
  skincare: {
    zh: {
      name: '澄肌',
      products: ['修护精华', '清透防晒', '保湿面霜', '氨基酸洁面', '补水面膜', '舒缓喷雾'],
      use: '用',
      features: ['敏感肌也能放心用', '质地更轻薄不黏腻', '加了神经酰胺修护屏障', '无香精无酒精'],
    },
    en: {
      name: 'Clearleaf',
      products: [
        'repair serum',
        'daily sunscreen',
        'night cream',
        'gentle cleanser',
        'hydrating mask',
      ],
      use: 'use',
      features: [
        'gentle enough for sensitive skin',
        'a lighter, non-sticky texture',
        'ceramides for the skin barrier',
        'no fragrance, no alcohol',
      ],
    },
  },
};

/** The brand's name in a language, e.g. for display names. */
export function brandName(brand: BrandKind, language: Language): string {
  return BRANDS[brand][language].name;
}

function choose<T>(items: readonly T[], ...key: Array<string | number>): T {
  const item = items[Math.floor(unitHash(...key) * items.length)];
  if (item === undefined) throw new Error('choose from an empty list');
  return item;
}

function fill(
  text: string,
  sentiment: Sentiment,
  brand: BrandKind,
  language: Language,
  key: string,
): string {
  const words = BRANDS[brand][language];
  return text
    .replaceAll('{product}', choose(words.products, key, 'product'))
    .replaceAll('{brand}', words.name)
    .replaceAll('{use}', words.use)
    .replaceAll('{n}', String(2 + Math.floor(unitHash(key, 'n') * 8)))
    .replaceAll('{city}', choose(CITIES[language], key, 'city'))
    .replaceAll('{slang}', choose(SLANG[language], key, 'slang'))
    .replaceAll('{emoji}', choose(EMOJI[sentiment], key, 'emoji'))
    .replace(/\s+$/u, '');
}

// ---------------------------------------------------------------------------------------------
// Labelled messages

/** How likely each intent is, by channel and situation. */
const INTENT_WEIGHTS: Record<'comment' | 'dm' | 'crisis', Record<Intent, number>> = {
  comment: {
    praise: 0.3,
    question: 0.2,
    purchase_intent: 0.15,
    complaint: 0.1,
    after_sales: 0.07,
    spam: 0.1,
    abuse: 0.05,
    crisis_signal: 0.03,
  },
  dm: {
    question: 0.3,
    after_sales: 0.25,
    purchase_intent: 0.15,
    complaint: 0.13,
    praise: 0.07,
    spam: 0.07,
    abuse: 0.01,
    crisis_signal: 0.02,
  },
  crisis: {
    complaint: 0.3,
    crisis_signal: 0.3,
    abuse: 0.12,
    after_sales: 0.1,
    question: 0.1,
    praise: 0.04,
    purchase_intent: 0.02,
    spam: 0.02,
  },
};

function weighted<K extends string>(weights: Record<K, number>, u: number): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let rest = u * total;
  for (const [key, w] of entries) {
    if (rest < w) return key;
    rest -= w;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error('weighted choice from no weights');
  return last[0];
}

/** A message's words and its true labels. */
export interface LabelledText {
  language: Language;
  text: string;
  sentiment: Sentiment;
  intent: Intent;
  /** e.g. `zh.complaint.1`: which template it came from, for debugging classifiers. */
  templateId: string;
}

/** Writes one comment or DM, labelled, for the given situation; `key` seeds every choice. */
export function composeMessage(input: {
  key: string;
  kind: 'comment' | 'dm';
  language: Language;
  brand: BrandKind;
  crisis: boolean;
}): LabelledText {
  const { key, language, brand } = input;
  const intent = weighted(
    INTENT_WEIGHTS[input.crisis ? 'crisis' : input.kind],
    unitHash(key, 'intent'),
  );
  const templates = TEMPLATES[language][intent];
  const index = Math.floor(unitHash(key, 'template') * templates.length);
  const template = templates[index];
  if (!template) throw new Error(`no template for ${language}.${intent}`);
  let text = fill(template.text, template.sentiment, brand, language, key);
  if (input.kind === 'dm' && intent !== 'spam')
    text = choose(DM_OPENERS[language], key, 'opener') + text;
  return {
    language,
    text,
    sentiment: template.sentiment,
    intent,
    templateId: `${language}.${intent}.${index}`,
  };
}

/** Every template with its labels, for tests of label plausibility. */
export function listMessageTemplates(): Array<{
  language: Language;
  intent: Intent;
  sentiment: Sentiment;
  text: string;
}> {
  return (['zh', 'en'] as const).flatMap((language) =>
    INTENTS.flatMap((intent) =>
      TEMPLATES[language][intent].map((t) => ({ language, intent, ...t })),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Fake users

export interface SandboxUser {
  externalId: string;
  handle: string;
  displayName: string;
  followers: number;
  language: Language;
}

const ZH_NAMES = [
  '小鱼',
  '阿南',
  '桃子',
  '大橙子',
  '木木',
  '七七',
  '阿杰',
  '小满',
  '豆豆',
  '糖糖',
  '老王',
  '一一',
];
const ZH_PREFIX = [
  '爱喝咖啡的',
  '早起的',
  '不熬夜的',
  '今天也要加油的',
  '认真生活的',
  '路过的',
  '',
  '',
  '',
];
const ZH_HANDLE = [
  'xiaoyu',
  'anan',
  'taozi',
  'chengzi',
  'mumu',
  'qiqi',
  'ajie',
  'xiaoman',
  'doudou',
  'tangtang',
  'laowang',
  'yiyi',
];
const EN_FIRST = [
  'Maria',
  'Jake',
  'Priya',
  'Sam',
  'Lena',
  'Tom',
  'Aisha',
  'Chris',
  'Noor',
  'Alex',
  'Grace',
  'Diego',
];
const EN_LAST = ['R.', 'Kim', 'Patel', 'Nguyen', 'Olsen', 'Brooks', 'Silva', 'M.', 'Cohen', 'Lee'];

/** Users 0..FAN_COUNT-1 are the account's regulars, who come back again and again. */
export const FAN_COUNT = 12;
/** Size of an account's pool of commenters. */
export const USER_POOL_SIZE = 300;

/** The user at `index` of an account's pool: same seed, same person. */
export function sandboxUser(seed: number, index: number, zhShare: number): SandboxUser {
  const key = `${seed}|user|${index}`;
  const language: Language = unitHash(key, 'lang') < zhShare ? 'zh' : 'en';
  // Heavy-tailed follower counts: most have a few hundred, a few are influencers.
  const followers = Math.round(20 * Math.exp(8 * unitHash(key, 'followers') ** 2));
  const suffix = String(10 + Math.floor(unitHash(key, 'num') * 9990));
  if (language === 'zh') {
    const n = Math.floor(unitHash(key, 'name') * ZH_NAMES.length);
    return {
      externalId: `sbu_${seed}_${index}`,
      handle: `${ZH_HANDLE[n] ?? 'user'}_${suffix}`,
      displayName: `${choose(ZH_PREFIX, key, 'prefix')}${ZH_NAMES[n] ?? '用户'}`,
      followers,
      language,
    };
  }
  const first = choose(EN_FIRST, key, 'first');
  const last = choose(EN_LAST, key, 'last');
  return {
    externalId: `sbu_${seed}_${index}`,
    handle: `${first.toLowerCase()}${suffix}.bsky.social`,
    displayName: `${first} ${last}`,
    followers,
    language,
  };
}

/** Who writes message `key`: a regular one time in four, otherwise anyone from the pool. */
export function pickUserIndex(key: string): number {
  const u = unitHash(key, 'who');
  if (u < 0.25) return Math.floor(unitHash(key, 'fan') * FAN_COUNT);
  return FAN_COUNT + Math.floor(unitHash(key, 'user') * (USER_POOL_SIZE - FAN_COUNT));
}

// ---------------------------------------------------------------------------------------------
// Brand posts

type PostCategory = 'launch' | 'tutorial' | 'giveaway' | 'bts' | 'story' | 'generic';

const TOPIC_CATEGORY: Record<string, PostCategory> = {
  新品: 'launch',
  上新: 'launch',
  launch: 'launch',
  newdrop: 'launch',
  教程: 'tutorial',
  tutorial: 'tutorial',
  howto: 'tutorial',
  福利: 'giveaway',
  抽奖: 'giveaway',
  giveaway: 'giveaway',
  幕后: 'bts',
  behindthescenes: 'bts',
  用户故事: 'story',
  customerstories: 'story',
  stories: 'story',
};

const POST_TEMPLATES: Record<Language, Record<PostCategory, string[]>> = {
  zh: {
    launch: [
      '{product}今天正式上线！{emoji}',
      '等了{n}个月，{brand}{product}终于来了：{feature}。你最想先试哪一款？',
      '新品预告｜{product}这次我们改了{n}版配方，{feature}。评论区说说你的期待，抽{n}位送首发装{emoji}',
    ],
    tutorial: [
      '{product}的正确打开方式，学会了吗？',
      '三步搞定{product}：第一步看说明，第二步控制用量，第三步坚持{n}天。{feature}，新手也不会翻车{emoji}',
      '很多人问{product}到底怎么用才对，今天一次讲清楚：什么时候用、用多少、和什么搭配。收藏这条，下次不迷路。你还有哪些问题？',
    ],
    giveaway: [
      '关注+转发，抽{n}位送{product}{emoji}',
      '周末福利来了！评论区告诉我们你最喜欢的{product}吃法/用法，周一抽{n}位送出全套{emoji}',
      '粉丝专属福利｜感谢陪伴，本周下单{product}加送小样，前{n}00名还有限定周边。你们想要什么福利？',
    ],
    bts: [
      '工厂日记：今天在产线上待了一整天',
      '带你看看{product}是怎么诞生的：从选料到灌装一共{n}道工序，{feature}{emoji}',
      '幕后｜研发团队为了{product}做了{n}十次测试，失败的样品堆满了一整个桌子。你想看我们拍哪个环节？',
    ],
    story: [
      '来自{city}的小伙伴说：{product}陪她熬过了考研季{emoji}',
      '用户故事｜{city}的阿南每天早上都用{product}开启一天，他说{feature}是他回购{n}次的原因。你的故事是什么？',
      '收到一封很长的留言，是一位{city}的妈妈写给我们的。她说{product}让忙碌的早晨多了{n}分钟属于自己的时间。谢谢你们让我们知道，这些小事有意义{emoji}',
    ],
    generic: [
      '今天聊聊{topic}{emoji}',
      '关于{topic}，我们有话说：{feature}。你怎么看？',
      '{topic}｜这周团队一直在讨论这个话题，整理了{n}个要点放在图里，欢迎补充{emoji}',
    ],
  },
  en: {
    launch: [
      'The {product} is here {emoji}',
      'After {n} months of testing, the {product} is live: {feature}. Which one are you trying first?',
      'New drop: we reworked the {product} {n} times to get {feature}. Tell us what you think and {n} of you win a launch box {emoji}',
    ],
    tutorial: [
      'How to get the most out of your {product}.',
      'Three steps to a better {product}: read the label, measure, and give it {n} days. With {feature}, it is hard to get wrong {emoji}',
      'You keep asking how to use the {product}, so here is the full answer: when, how much, and what to pair it with. Save this for later. What else should we cover?',
    ],
    giveaway: [
      'Giveaway: follow + repost to win a {product} {emoji}',
      'Weekend giveaway! Reply with your favourite way to enjoy the {product}; we pick {n} winners on Monday {emoji}',
      'A thank-you to this community: every {product} order this week ships with a free sample, and the first {n}00 get a little extra. What should we give away next?',
    ],
    bts: [
      'A day on the production line.',
      'How the {product} gets made: {n} steps from sourcing to packing, and {feature} {emoji}',
      'Behind the scenes: our team ran {n}0 tests on the {product}, and the failed samples filled a whole table. What part of the process should we film next?',
    ],
    story: [
      'A customer in {city} says the {product} got her through finals week {emoji}',
      'Customer story: Sam in {city} starts every morning with the {product}. {feature} is why he has reordered {n} times. What is your story?',
      'We got a long note from a parent in {city}: the {product} gave her {n} quiet minutes every busy morning. Thank you for telling us the small things matter {emoji}',
    ],
    generic: [
      'Let us talk about {topic} {emoji}',
      'Our take on {topic}: {feature}. What do you think?',
      '{topic}: the team spent the week on this one and boiled it down to {n} points. Add yours below {emoji}',
    ],
  },
};

const TITLES: Record<Language, Record<PostCategory, string[]>> = {
  zh: {
    launch: ['新品上线', '{product}首发'],
    tutorial: ['{product}使用指南', '三步学会'],
    giveaway: ['本周福利', '粉丝专属福利'],
    bts: ['幕后故事', '工厂日记'],
    story: ['用户故事', '一封来信'],
    generic: ['{topic}', '聊聊{topic}'],
  },
  en: {
    launch: ['New: {product}', 'Launch day'],
    tutorial: ['How to use the {product}', 'Three steps'],
    giveaway: ['Giveaway', 'Thank you'],
    bts: ['Behind the scenes', 'On the line'],
    story: ['Customer story', 'A note from {city}'],
    generic: ['{topic}', 'On {topic}'],
  },
};

function hashtag(style: PlatformStyle, topic: string): string {
  if (style === 'weibo') return `#${topic}#`;
  return `#${topic.replace(/\s+/g, '')}`;
}

/** A brand post about `topic` in the account's voice, with a title where the platform has one. */
export function composePost(input: {
  key: string;
  style: PlatformStyle;
  language: Language;
  brand: BrandKind;
  topic: string;
}): { text: string; title: string | null } {
  const { key, style, language, brand, topic } = input;
  const category = TOPIC_CATEGORY[topic.toLowerCase()] ?? 'generic';
  const words = BRANDS[brand][language];
  const slots = (text: string, emoji: boolean) =>
    text
      .replaceAll('{product}', choose(words.products, key, 'product'))
      .replaceAll('{brand}', words.name)
      .replaceAll('{feature}', choose(words.features, key, 'feature'))
      .replaceAll('{topic}', topic)
      .replaceAll('{city}', choose(CITIES[language], key, 'city'))
      .replaceAll('{n}', String(2 + Math.floor(unitHash(key, 'n') * 7)))
      .replaceAll(
        '{emoji}',
        emoji ? choose(['☕️', '✨', '🎉', '💛', '🙌', '📦'], key, 'emoji') : '',
      )
      .trim();
  const emoji = unitHash(key, 'emoji?') < 0.6;
  let body = slots(choose(POST_TEMPLATES[language][category], key, 'template'), emoji);
  if (style === 'wechat') {
    // Official-account articles are long: the post is the digest followed by its sections.
    const sections = POST_TEMPLATES[language][category]
      .map((t) => slots(t, false))
      .filter((section) => !body.startsWith(section));
    const repeat = 3 + Math.floor(unitHash(key, 'length') * 8);
    body = [body, ...Array.from({ length: repeat }, (_, i) => sections[i % sections.length])].join(
      '\n\n',
    );
  }
  const tag = unitHash(key, 'tag?') < 0.8 ? hashtag(style, topic) : '';
  const text = style === 'weibo' || style === 'douyin' ? `${tag} ${body}` : `${body} ${tag}`;
  const wantsTitle = style === 'wechat' || style === 'xiaohongshu';
  const title = wantsTitle
    ? slots(choose(TITLES[language][category], key, 'title'), false).slice(
        0,
        style === 'xiaohongshu' ? 20 : 32,
      )
    : null;
  return { text: text.trim(), title };
}
