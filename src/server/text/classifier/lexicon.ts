/**
 * Small hand-written word lists that give the learned models a head start on words the labelled
 * data has seen only a few times: sentiment words (with platform slang), negators, sarcasm
 * markers and cues for the intents whose vocabulary is most distinctive. Entries are in the
 * normalised form (`normalizeText`: lower case, simplified Chinese, half-width punctuation).
 * They become features whose weights are learned, so an entry that misleads costs little.
 */

/** A word list written as comma-separated text (a literal prettier leaves as written). */
function list(text: string): readonly string[] {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');
}

/**
 * Positive sentiment words: general evaluative vocabulary of reviews and comments (taste,
 * service, delivery, looks, performance) and platform slang: yyds, 绝绝子, 种草, 真香, 闭眼入,
 * w, slaps, fire, goat, banger…
 */
export const POSITIVE_WORDS = {
  zh: list(`
    好用, 好吃, 好喝, 好看, 好玩, 好闻, 好评, 喜欢, 爱了, 爱死, 超爱, 心动, 满意, 推荐, 安利, 惊喜,
    惊艳, 点赞, 赞, 棒, 牛, 厉害, 完美, 舒服, 舒适, 顺滑, 丝滑, 细腻, 清爽, 清香, 香甜, 美味, 新鲜,
    热乎, 滋润, 保湿, 显白, 显瘦, 持久, 持妆, 服帖, 轻薄, 透气, 实用, 方便, 省心, 有趣, 有意思,
    有才, 会玩, 走心, 暖心, 贴心, 细心, 耐心, 热情, 友好, 周到, 专业, 用心, 诚意, 给力, 靠谱, 稳定,
    流畅, 顺畅, 清晰, 耐用, 结实, 精致, 高级, 质感, 颜值, 良心, 值得, 划算, 性价比, 实惠, 感谢,
    谢谢, 感动, 治愈, 开心, 幸福, 快乐, 回购, 必买, 闭眼入, 真香, 神仙, 宝藏, 绝了, 绝绝子, yyds,
    种草, 狂喜, 天花板, 满分, 五星, 一流, 可爱, 漂亮, 绝美, 温和, 放心, 解决了, 救星, 福音, 太顶,
    很顶, 超出预期, 支持, 优秀, 不错, 神作, 大方, 超快, 飞快, 及时, 高效, 稳稳, 惊呆, 上头,
    入股不亏, 冲鸭, 停不下来, 爱上, 好好看, 好好吃, 好好喝, 太好了, 绝, 牛哇, 好快, 真快, 好香,
    很香, 真的香, 超香
  `),
  en: list(`
    love, loved, loving, loves, adore, great, amazing, awesome, perfect, best, good, nice,
    excellent, fantastic, wonderful, superb, brilliant, incredible, gorgeous, stunning, beautiful,
    pretty, cute, lovely, obsessed, addicted, happy, glad, thrilled, excited, grateful, thanks,
    thank, appreciate, recommend, recommended, impressed, satisfied, favorite, favourite, fun,
    enjoy, enjoyed, refreshing, fresh, delicious, tasty, yummy, smooth, creamy, soft, comfy,
    comfortable, cozy, clean, reliable, durable, sturdy, helpful, friendly, kind, polite, patient,
    professional, fast, quick, efficient, easy, convenient, useful, worth, solid, consistent,
    flawless, hilarious, generous, lifesaver, masterpiece, gem, legit, w, slaps, fire, goat, banger,
    elite, iconic, unreal, insane, rock, rocks, classy, exceeded, gg, made my day, changed my life,
    real deal, game changer, well made, well done, well thought, chefs kiss, five stars, love it,
    love this, so good
  `),
};

/**
 * Negative sentiment words: general complaint vocabulary and slang: 踩雷, 拔草, 无语子, 下头,
 * 破防, 拉胯, 劝退, mid, l, smh, trash…
 */
export const NEGATIVE_WORDS = {
  zh: list(`
    差, 差劲, 差评, 垃圾, 辣鸡, 失望, 难用, 难吃, 难喝, 难看, 难闻, 难受, 生气, 愤怒, 气死, 恶心,
    无语, 无语子, 醉了, 服了, 吐了, 崩溃, 心累, 烦, 踩雷, 避雷, 拔草, 劝退, 下头, 破防, 拉胯, 翻车,
    离谱, 敷衍, 冷漠, 推诿, 套路, 坑, 坑人, 骗, 骗子, 虚假, 夸大, 假货, 山寨, 劣质, 粗糙, 廉价,
    退货, 退款, 投诉, 坏了, 破了, 破损, 漏了, 碎了, 变质, 发霉, 馊, 异味, 怪味, 腥, 齁, 腻, 油腻,
    起球, 掉色, 褪色, 开线, 慢, 太慢, 超慢, 凉了, 冷了, 贵, 太贵, 涨价, 缩水, 偷工减料, 智商税,
    割韭菜, 鸡肋, 不值, 后悔, 崩了, 卡顿, 卡死, 闪退, 掉线, 掉帧, 延迟, 发热, 发烫, 耗电, 噪音, 吵,
    臭, 脏, 过敏, 不舒服, 疼, 堪忧, 糟糕, 烂, 心寒, 寒心, 失望透顶, 呵呵, 吃相难看, 不推荐, 不好,
    不行, 一般, 没人理, 没人回, 又双叒叕, 真的会谢, 会谢, 闹心, 糟心, 过期, 迟迟, 一直没, 不如以前,
    不如之前, 没以前, 没有以前, 大不如前, 越来越差, 一年不如一年, 不如从前, 苦, 涩, 酸臭, 闷痘,
    爆痘, 长痘, 还没到, 还没收到, 还没发货, 还没处理, 还没退, 没人管, 石沉大海
  `),
  en: list(`
    bad, terrible, awful, horrible, worst, hate, hated, poor, poorly, lame, disappointed,
    disappointing, disappointment, upset, angry, mad, furious, annoying, annoyed, frustrating,
    frustrated, sad, regret, waste, wasted, broken, broke, cracked, damaged, leaks, leaking, leaked,
    dirty, stale, cold, soggy, burnt, bland, gross, nasty, disgusting, rude, slow, late, delayed,
    lost, missing, wrong, overpriced, expensive, ripoff, cheap, flimsy, fake, scam, useless,
    pointless, ugly, mess, refund, complaint, issue, problem, bug, buggy, glitch, laggy, lag, crash,
    crashes, crashed, freezes, freezing, unplayable, noisy, ignored, ghosted, hurt, hurts, sick,
    rigged, ridiculous, liar, fail, failed, sucks, suck, trash, garbage, junk, mid, l, smh, ugh,
    meh, yikes, wtf, rip, breakout, breakouts, irritation, irritated, rash, itchy, bitter, sour,
    stuck, dead, died, miss, misses, used to be, not anymore, no longer, the old one, went downhill,
    worse
  `),
};

/**
 * Broad general-purpose opinion words, beyond the review vocabulary above: what people write
 * about products and services anywhere. Kept apart so the lists above stay readable.
 */
export const MORE_POSITIVE_WORDS = {
  zh: list(`
    好听, 很喜欢, 超喜欢, 强烈推荐, 很棒, 鲜美, 可口, 入味, 地道, 正宗, 水润, 便捷, 省事, 认真,
    负责, 大气, 时尚, 美观, 值, 物美价廉, 多谢, 高兴, 愉快, 满足, 必备, 顶级, 安心, 挺好, 很好,
    非常好, 快速, 迅速, 棒棒, 赞赞, 优质, 完胜, 无敌, 吹爆, 夸爆, 舒心, 称心, 超值, 超赞, 感恩,
    好感, 出色, 精彩, 进步, 用心了, 惊喜感, 太爱, 好爱, 宠粉, 贴心, 周全, 利索, 麻利, 神速, 香香,
    甜而不腻, 清甜, 醇厚, 浓郁, 回甘, 酥脆, 软糯, q弹, 嫩, 爽口, 解腻, 提神, 醒脑, 好上手, 易上手,
    简单, 直观, 人性化, 顺手, 趁手, 轻便, 小巧, 安静, 静音, 续航强, 耐造, 扎实, 靠得住, 放心买,
    无限回购, 一生推, 本命, 爱用, 常备, 囤货, 封神, 绝配, 高颜值, 有品, 有质感, 上档次, 有面子,
    划得来
  `),
  en: list(`
    accurate, adorable, affordable, amazed, appreciated, attentive, authentic, beloved, better,
    blessed, bliss, breathtaking, bright, calm, captivating, charming, cheerful, chic, clever,
    compact, considerate, cool, courteous, creative, crisp, crispy, decent, delicate, delight,
    delighted, delightful, dependable, divine, dope, effective, effortless, elegant, enjoyable,
    enthusiastic, epic, exceptional, exciting, exquisite, fabulous, fair, fave, flavorful,
    flavourful, fragrant, funny, genius, gentle, genuine, glowing, handy, healthy, heavenly, honest,
    hooked, ideal, immaculate, impeccable, impressive, innovative, inspiring, intuitive, joy,
    joyful, juicy, legendary, lit, lively, loyal, lucky, luxurious, magical, magnificent, marvelous,
    memorable, neat, nicely, outstanding, peaceful, perfectly, phenomenal, pleasant, pleased,
    pleasure, polished, positive, powerful, precious, premium, prompt, proud, quiet, radiant,
    refined, relaxing, remarkable, responsive, rich, robust, safe, satisfying, seamless,
    sensational, sharp, silky, sleek, smart, snappy, soothing, sparkling, spectacular, splendid,
    stable, stellar, stylish, super, superior, supportive, swift, terrific, thankful, thoughtful,
    top, tremendous, trustworthy, unbeatable, underrated, valuable, vibrant, warm, welcoming, win,
    winner, worthwhile, yay, yum, bussin, lovin, bargain, perfection, goated, vibes, blessing,
    wholesome, obsessing, addictive, highly recommend, must have, must buy, worth it, worth every,
    never disappoints, so good, really good, very good, top notch, hits different, no complaints
  `),
};

export const MORE_NEGATIVE_WORDS = {
  zh: list(`
    很差, 太差, 很失望, 难听, 烦死, 痛, 麻烦, 费劲, 费事, 繁琐, 复杂, 看不懂, 模糊, 刺鼻, 干燥,
    起皮, 卡粉, 搓泥, 脱妆, 斑驳, 氧化, 脱落, 掉漆, 生锈, 断了, 裂了, 磨脚, 憋屈, 窝火, 郁闷, 委屈,
    无奈, 遗憾, 可惜, 不爽, 不满, 不满意, 不开心, 伤心, 尴尬, 丢人, 骗钱, 黑心, 霸王条款, 欺诈,
    欺骗, 忽悠, 不靠谱, 没诚意, 磨叽, 拖延, 延期, 迟到, 怠慢, 傲慢, 态度差, 态度恶劣, 爱答不理,
    不耐烦, 甩锅, 扯皮, 互相推, 不负责, 失职, 欺负, 坑爹, 坑钱, 被坑, 上当, 受骗, 不值得, 白花钱,
    浪费, 亏了, 血亏, 糟蹋, 辜负, 寒碜, 寒酸, 小气, 抠门, 缺斤少两, 以次充好, 货不对板, 图文不符,
    色差, 异物, 变味, 酸了, 坏掉, 不新鲜, 隔夜, 夹生, 没熟, 太咸, 太淡, 太油, 太甜, 太辣, 硌牙,
    塌了, 洒了, 撒了, 压坏, 压扁, 划痕, 瑕疵, 次品, 残次, 翻新, 二手, 不灵, 失灵, 死机, 黑屏, 花屏,
    断连, 没信号, 充不进, 没反应, 报错, 打不开, 登不上, 进不去, 丢失, 没了, 扣钱, 乱扣, 乱收费,
    多收, 不退, 拒退, 驳回, 无故, 莫名其妙, 凭什么, 气人, 离大谱, 无力吐槽, 一言难尽, 不忍直视,
    辣眼睛, 劝你别, 别买, 快跑, 慎入, 慎买, 大冤种, 冤种, 韭菜
  `),
  en: list(`
    abysmal, aggravating, appalling, arrogant, atrocious, awkward, badly, blurry, bogus, boring,
    careless, chaotic, cheated, clumsy, complicated, confusing, corrupt, cramped, crappy, creepy,
    cringe, crummy, deceptive, defective, disaster, disgusted, dishonest, disorganized,
    dissatisfied, dreadful, dull, dumb, failure, faulty, filthy, flawed, fraud, glitchy, greasy,
    horrendous, hostile, impossible, inaccurate, incompetent, inconsistent, inconvenient, inferior,
    irritating, lied, lies, lousy, mediocre, messy, misleading, mistake, moldy, negligent,
    obnoxious, outdated, overcooked, overrated, painful, pathetic, rancid, ripped, rotten,
    scratched, shady, shoddy, sloppy, smelly, spoiled, sticky, stingy, stupid, substandard, tacky,
    tasteless, tedious, terribly, unacceptable, unbearable, uncomfortable, undercooked, unfair,
    unhappy, unhelpful, unpleasant, unprofessional, unreliable, unresponsive, unsafe, unusable,
    watery, weak, weird, worthless, yuck, ew, bruh, sigh, fed up, sick of, tired of, had enough,
    fell apart, falls apart, stopped working, not working, doesnt work, didnt work, wont work,
    no response, never again, waste of, rip off, not worth, worst ever, so bad, really bad,
    very bad, let down, letdown, downgrade, ruined, ruins, overcharged, charged twice, cancelled,
    canceled, lost, nope, wack, dogwater, cope, ratio
  `),
};

/** Words that turn the sentiment of the words after them around. */
export const NEGATORS = {
  // Longest first, so 一点都不 wins over 不.
  zh: list(`
    一点都不, 一点也不, 完全不, 根本不, 并不, 毫不, 不太, 不是很, 不怎么, 不算, 没有, 没什么, 没,
    不, 别, 无, 未
  `),
  en: list(`
    not, no, never, nothing, nobody, none, neither, nor, hardly, barely, without, cannot, cant,
    dont, doesnt, didnt, isnt, wasnt, arent, werent, wont, wouldnt, couldnt, shouldnt, aint, havent,
    hasnt, hadnt
  `),
};

/** Emoji that carry a clear polarity (after normalisation strips variation selectors). */
export const POSITIVE_EMOJI = '😍🥰❤💕💖💗💞😊😄😁😆🤩👍🔥✨💯🎉🥳😋👏💪🙌😘🤗';
export const NEGATIVE_EMOJI = '😡🤬😠😤👎💔😞😢😔😩😫🤮🤢💩🤡🙄😒😑🙃';

/** Phrases that start with a negator but negate nothing after them. */
export const NON_NEGATING = list(`
  not gonna lie, not going to lie, not only, not just, no doubt, no wonder, no joke, no cap
`);

/**
 * Chinese words that contain a negator character without negating anything: 特别 (especially),
 * 无论 (no matter), 忍不住 (can't help it)…
 */
export const HAN_FALSE_NEGATORS = list(`
  特别, 分别, 区别, 差别, 别的, 别人, 级别, 告别, 别致, 无论, 无敌, 无限, 无糖, 未来, 差不多,
  不得不, 忍不住, 停不下来, 不愧, 不错, 了不起, 不一样, 没想到, 并不是说, 不仅, 不但, 不光, 要不,
  不然, 没事, 没关系
`);

/** Words that end an English negation scope before punctuation does. */
export const SCOPE_BREAKERS = ['but', 'however', 'though', 'although', 'yet', 'and'];

/**
 * Sarcasm markers: phrases that praise on the surface while complaining underneath, and the
 * eye-roll emoji. Regular expressions over normalised text.
 */
export const SARCASM_PATTERNS: readonly RegExp[] = [
  /真是太.{0,3}了/u,
  /真是谢谢/u,
  /谢谢你们了/u,
  /好一个/u,
  /可真(是|有|会)/u,
  /(真|太)会(玩|做|省)/u,
  /呵呵/u,
  /笑死/u,
  /美其名曰/u,
  /还.{0,2}"[^"]{1,6}"/u,
  /\b(great|wonderful|perfect|awesome|amazing|fantastic|nice|cool),? (another|again|just)\b/u,
  /\bthanks (a lot|for nothing)\b/u,
  /\b(love|loving) (paying|waiting|how|that)\b/u,
  /\byeah,? right\b/u,
  /\boh,? (great|wonderful|perfect|joy|nice)\b/u,
  /\bwow,/u,
  /\bclassic\b/u,
  /\bmy foot\b/u,
  /(^|\s)\/s\b/u,
  /[🙄🙃😒😑]/u,
];

/** One-character praise words, counted only inside quotes ("好"服务, "高端"). */
export const SHORT_PRAISE = '好棒赞美香快稳牛爽甜';

/** Context that, next to praise words, suggests the praise is ironic. */
export const COMPLAINT_CONTEXT = {
  zh: ['等了', '还没', '才到', '又是', '结果', '就没了', '还是', '一直', '三天', '一小时', '半天'],
  en: list(`
    still, again, another, waiting, hour, hours, minutes, days, week, nothing, cold, broken, took,
    died, every time
  `),
};

/**
 * Cues for intents whose words are distinctive. Hits become `cue:<intent>` features; the
 * models decide how much each is worth.
 */
export const INTENT_CUES: Record<string, { zh: readonly string[]; en: readonly string[] }> = {
  other: {
    zh: list(`
      第一, 前排, 沙发, 打卡, 路过, 围观, 来了, 哈哈, 晚安, 早安, 快乐, 生日, 周末, 上班, 下班,
      摸鱼, 蹲后续, 坐等, 楼上, 评论区, 刷到, 懂的都懂, 666
    `),
    en: list(`
      first, lol, lmao, haha, hahaha, same, mood, goodnight, morning, happy, weekend, birthday,
      new year, comments, scrolling, algorithm, tag, pov, fr, part 2, here
    `),
  },
  crisis: {
    zh: list(`
      医院, 急诊, 就医, 住院, icu, 过敏, 中毒, 食物中毒, 上吐下泻, 拉肚子, 红肿, 起火, 着火, 冒烟,
      爆炸, 自燃, 漏电, 烫伤, 划伤, 流血, 异物, 蟑螂, 玻璃, 铁丝, 刀片, 12315, 消协, 工商, 市场监管,
      律师, 起诉, 法院, 报警, 媒体, 记者, 电视台, 曝光, 热搜, 维权, 集体, 举报, 抵制, 泄露, 歧视,
      删评, 删帖, 删我, 塌房, 辱华, 查封, 激素, 检测报告, 送检, 给个说法, 心慌
    `),
    en: list(`
      hospital, er, urgent care, icu, allergic, poisoning, vomiting, sick, fire, smoking, exploded,
      explode, burns, burned, shock, bleeding, glass, cockroach, wire, blade, fda, lawyer, sue,
      suing, lawsuit, class action, court, police, reporter, journalist, news, trending, boycott,
      leaked, leak, discriminated, racist, assaulted, deleting, attorney, health department,
      consumer protection, bbb, evacuated, vet
    `),
  },
  abuse: {
    zh: list(`
      傻, sb, 滚, 废物, 脑残, 脑子, 蠢, 白痴, 去死, 狗东西, 猪, 屎, 骗子, 垃圾, 恶心, 不要脸, 孙子,
      饭桶, 神经病, 你妈, 草, 呸, 吸血鬼, nt, 哑巴, 狗屁, 不得好死, 丢人, 穷酸
    `),
    en: list(`
      idiot, idiots, stupid, moron, morons, clown, clowns, loser, pathetic, garbage, trash, hell,
      stfu, suck, scum, pigs, brain dead, disgusting, shut up, wtf, f***, sh*t, crap, screw,
      dumbest, blind, junk, shill
    `),
  },
  spam: {
    zh: list(`
      私我, 私聊, 私信我, 加v, vx, 薇信, 微信, 加我, qq, 主页, 头像, 进群, 扫码, 兼职, 日结, 刷单,
      代购, 代理, 涨粉, 互关, 互粉, 互赞, 回关, 链接, 邀请码, 领取, 红包, 赚钱, 稳赚, 月入, 日入,
      投资, 网贷, 下款, 砍一刀, 助力, 代练, 代写, 回收, 接单, 置顶, 动态, 一件代发, usdt, 低价,
      全网最低, 求关注, 来看看, 定制, 提额, 代抢, 成功率, 欢迎来, 来我, 我家, 福利, 免费, 有偿,
      刷好评, 刷单, 卖号, 账号出售, 高仿, 一比一, 招聘, 招主播, 炒币, 拉人
    `),
    en: list(`
      dm me, dm, inbox me, message me, my profile, my page, my bio, link in bio, follow back,
      follow for follow, sub4sub, followers, crypto, bitcoin, telegram, earn, make $, gains,
      guaranteed, free, giveaway, referral, loans, reseller, wholesale, replicas, dropshipping,
      boosting, bit.ly, check out my, my channel, follow me, please follow, services, service,
      cheapest, cash, vote for me, selling, we buy, check it out, come to my, my live, singles,
      promo codes, paid daily, from home, paying for, accounts, reviews for, 1:1, hiring
    `),
  },
  after_sales: {
    zh: list(`
      退款, 退货, 换货, 售后, 保修, 维修, 发票, 物流, 快递, 订单, 单号, 签收, 发货, 补发, 漏发,
      少发, 发错, 送错, 少送, 取消, 改地址, 地址, 到账, 退差价, 价保, 保价, 赔偿, 赔付, 收到, 寄回,
      换一个, 换新, 未拥有, 没到账, 充值
    `),
    en: list(`
      refund, refunded, return, returns, exchange, replacement, warranty, repair, invoice, tracking,
      order, order #, delivered, shipment, ships, missing, wrong item, cancel, address, received,
      arrived, compensation, receipt, service center, support phone, claim, serial number, charged,
      topped up
    `),
  },
  purchase_intent: {
    zh: list(`
      链接, 怎么买, 哪里买, 在哪买, 多少钱, 价格, 有货, 现货, 补货, 缺货, 返场, 下单, 入手, 想买,
      想入, 购买, 买, 冲, 囤, 加购, 购物车, 优惠, 打折, 折扣, 满减, 包邮, 预售, 尾款, 定金, 分期,
      付款, 拼单, 团购, 礼盒, 试用, 小样, 会员价, 赠品, 上架, 开抢, 发工资, 预订, 旗舰店, 降价,
      尝鲜, 必入, 开售, 发售, 首发, 上市, 码数, 尺码, 还有货, 起送
    `),
    en: list(`
      link, buy, buying, bought, order, ordering, ordered, preorder, price, how much, in stock,
      back in stock, restock, stock, cart, discount, promo, sale, deal, bundle, shipping, ship to,
      paypal, payment, gift box, samples, travel size, drop, bogo, take my money, trade-ins,
      member price, book, reserve, come back, value, go live, get one, getting, size, sizes, launch,
      release, on sale, deals, minimum order
    `),
  },
  complaint: {
    zh: list(`
      到底, 凭什么, 为什么要, 搞什么, 不理解, 不明白, 说好的, 虚标, 货不对板, 还不如, 宁愿, 失望,
      不满, 差评, 投诉你们, 什么年代, 太少
    `),
    en: list(`
      fix, come on, seriously, nowhere near, aka, bring back, advertised, not worth, why did you,
      stop
    `),
  },
  question: {
    zh: list(`
      请问, 求问, 问一下, 想问, 请教, 吗, 呢, 怎么, 如何, 什么, 哪个, 哪里, 多久, 几点, 几号,
      是不是, 能不能, 可不可以, 有没有, 会不会, 求科普, 蹲一个
    `),
    en: list(`
      how, what, when, where, which, who, why, does, do you, is it, is this, is there, can i,
      can you, will, any, should i, quick q
    `),
  },
};
