import type {
  ConditionCheck,
  RoutingPlan,
  RoutingTier,
  RuleAction,
  RuleConditions,
} from '../../../shared/routing.ts';
import { normalizeForMatch, normalizeText, normalizeWordForMatch } from '../../text/normalize.ts';
import { isOpenAt, localTime, type BusinessCalendar, type LocalTime } from './business-time.ts';

/**
 * Routing rules, evaluated. Pure: the caller supplies the rules in order, the message and the
 * workspace's time zone. Every rule sees the message as it arrived — an action of one rule
 * (a tag, a priority) never changes what the next rule sees, and applying the plan never
 * evaluates rules again — so rules cannot trigger each other.
 */

/** A customer's message as the rules see it. */
export interface RoutingMessage {
  text: string;
  channelId: string | null;
  kind: string | null;
  intent: string | null;
  sentiment: string | null;
  language: string | null;
  contactTags: readonly string[];
  followerCount: number | null;
  receivedAt: number;
}

export interface EvaluableRule {
  id: string;
  name: string;
  enabled: boolean;
  stopProcessing: boolean;
  conditions: RuleConditions;
  actions: readonly RuleAction[];
}

export interface EvaluationContext {
  timeZone: string;
  /** Business hours referred to by `businessHours` conditions; a missing one never matches. */
  calendars?: ReadonlyMap<string, BusinessCalendar>;
}

export type RuleOutcome = 'fired' | 'no_match' | 'disabled' | 'not_reached';

export interface RuleResult {
  ruleId: string;
  name: string;
  enabled: boolean;
  outcome: RuleOutcome;
  checks: ConditionCheck[];
}

export interface Evaluation {
  results: RuleResult[];
  fired: EvaluableRule[];
  plan: RoutingPlan;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `Mon 21:30`: the message's time in the zone, as the dry run shows it. */
export function describeLocalTime(instant: number, timeZone: string): string {
  const local = localTime(instant, timeZone);
  return `${WEEKDAY_NAMES[local.weekday - 1]} ${pad(local.hour)}:${pad(local.minute)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function minutesOf(clock: string): number {
  const [hours = '0', minutes = '0'] = clock.split(':');
  return Number(hours) * 60 + Number(minutes);
}

function sameLanguage(wanted: string, actual: string): boolean {
  const a = wanted.toLowerCase();
  const b = actual.toLowerCase();
  return b === a || b.startsWith(`${a}-`) || b.startsWith(`${a}_`);
}

/** The message folded once for all rules: match text, tags, and its local time when asked. */
interface PreparedMessage {
  message: RoutingMessage;
  matchText: string;
  tags: Set<string>;
  local(timeZone: string): LocalTime;
}

function prepare(message: RoutingMessage): PreparedMessage {
  let local: { zone: string; time: LocalTime } | null = null;
  return {
    message,
    matchText: normalizeForMatch(message.text).text,
    tags: new Set(message.contactTags.map((tag) => normalizeText(tag))),
    local(timeZone) {
      if (local?.zone !== timeZone)
        local = { zone: timeZone, time: localTime(message.receivedAt, timeZone) };
      return local.time;
    },
  };
}

// Rules repeat the same keywords for every message: fold each once.
const foldedKeywords = new Map<string, string>();
const MAX_FOLDED = 20_000;

function foldKeyword(keyword: string): string {
  let folded = foldedKeywords.get(keyword);
  if (folded === undefined) {
    folded = normalizeWordForMatch(keyword);
    if (foldedKeywords.size >= MAX_FOLDED) foldedKeywords.clear();
    foldedKeywords.set(keyword, folded);
  }
  return folded;
}

function containsKeyword(prepared: PreparedMessage, keyword: string): boolean {
  const folded = foldKeyword(keyword);
  return folded !== '' && prepared.matchText.includes(folded);
}

/** Checks each condition a rule sets; a rule without conditions matches every message. */
export function checkConditions(
  conditions: RuleConditions,
  prepared: PreparedMessage,
  context: EvaluationContext,
): ConditionCheck[] {
  const { message } = prepared;
  const checks: ConditionCheck[] = [];
  const inList = (list: readonly string[], value: string | null) =>
    value !== null && list.some((entry) => entry.toLowerCase() === value.toLowerCase());

  if (conditions.channelIds?.length) {
    checks.push({
      condition: 'channel',
      ok: message.channelId !== null && conditions.channelIds.includes(message.channelId),
      detail: message.channelId,
    });
  }
  if (conditions.kinds?.length) {
    checks.push({
      condition: 'kind',
      ok: inList(conditions.kinds, message.kind),
      detail: message.kind,
    });
  }
  if (conditions.intents?.length) {
    checks.push({
      condition: 'intent',
      ok: inList(conditions.intents, message.intent),
      detail: message.intent,
    });
  }
  if (conditions.sentiments?.length) {
    checks.push({
      condition: 'sentiment',
      ok: inList(conditions.sentiments, message.sentiment),
      detail: message.sentiment,
    });
  }
  const keywords = conditions.keywords;
  if (keywords && (keywords.any?.length || keywords.all?.length || keywords.none?.length)) {
    const anyHit = keywords.any?.length
      ? keywords.any.find((keyword) => containsKeyword(prepared, keyword))
      : undefined;
    const allMissing = (keywords.all ?? []).filter(
      (keyword) => !containsKeyword(prepared, keyword),
    );
    const noneHit = (keywords.none ?? []).find((keyword) => containsKeyword(prepared, keyword));
    const ok =
      (!keywords.any?.length || anyHit !== undefined) &&
      allMissing.length === 0 &&
      noneHit === undefined;
    let detail: string | null = null;
    if (noneHit !== undefined) detail = `excluded: ${noneHit}`;
    else if (allMissing.length > 0) detail = `missing: ${allMissing.join(', ')}`;
    else if (anyHit !== undefined) detail = anyHit;
    else if (keywords.all?.length) detail = keywords.all.join(', ');
    checks.push({ condition: 'keywords', ok, detail });
  }
  const tags = conditions.contactTags;
  if (tags && (tags.any?.length || tags.none?.length)) {
    const has = (tag: string) => prepared.tags.has(normalizeText(tag));
    const anyHit = tags.any?.find(has);
    const noneHit = tags.none?.find(has);
    checks.push({
      condition: 'contactTags',
      ok: (!tags.any?.length || anyHit !== undefined) && noneHit === undefined,
      detail: noneHit !== undefined ? `excluded: ${noneHit}` : (anyHit ?? null),
    });
  }
  const followers = conditions.followers;
  if (followers && (followers.min !== undefined || followers.max !== undefined)) {
    const count = message.followerCount;
    checks.push({
      condition: 'followers',
      ok:
        count !== null &&
        (followers.min === undefined || count >= followers.min) &&
        (followers.max === undefined || count <= followers.max),
      detail: count === null ? null : String(count),
    });
  }
  const schedule = conditions.schedule;
  if (schedule && (schedule.weekdays?.length || schedule.from || schedule.to)) {
    const local = prepared.local(context.timeZone);
    const minute = local.hour * 60 + local.minute;
    const dayOk = !schedule.weekdays?.length || schedule.weekdays.includes(local.weekday);
    const from = schedule.from ? minutesOf(schedule.from) : 0;
    const to = schedule.to ? minutesOf(schedule.to) : 24 * 60;
    // A window whose end is before its start wraps midnight (22:00–08:00 is the night).
    const timeOk = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
    checks.push({
      condition: 'schedule',
      ok: dayOk && timeOk,
      detail: `${WEEKDAY_NAMES[local.weekday - 1]} ${pad(local.hour)}:${pad(local.minute)}`,
    });
  }
  if (conditions.businessHours) {
    const calendar = context.calendars?.get(conditions.businessHours.businessHoursId);
    const open = calendar ? isOpenAt(message.receivedAt, calendar) : null;
    checks.push({
      condition: 'businessHours',
      ok: open !== null && (conditions.businessHours.state === 'inside' ? open : !open),
      detail: open === null ? 'unknown business hours' : open ? 'inside' : 'outside',
    });
  }
  if (conditions.languages?.length) {
    const language = message.language;
    checks.push({
      condition: 'language',
      ok:
        language !== null && conditions.languages.some((wanted) => sameLanguage(wanted, language)),
      detail: language,
    });
  }
  return checks;
}

const PRIORITY_RANK = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

/**
 * Folds the actions of fired rules, in rule order, into one plan. The first rule to choose a
 * canned reply, a team or a person wins (rules are ordered by importance); tags add up; the
 * highest priority and the highest escalation win; any hide hides.
 */
export function planActions(fired: readonly EvaluableRule[]): RoutingPlan {
  const plan: RoutingPlan = {
    tier: null,
    autoReplyId: null,
    teamId: null,
    userId: null,
    tags: [],
    priority: null,
    escalate: null,
    hide: false,
  };
  for (const rule of fired) {
    for (const action of rule.actions) {
      switch (action.type) {
        case 'auto_reply':
          plan.autoReplyId ??= action.cannedReplyId;
          break;
        case 'assign_team':
          plan.teamId ??= action.teamId;
          break;
        case 'assign_user':
          plan.userId ??= action.userId;
          break;
        case 'add_tags':
          for (const tag of action.tags) if (!plan.tags.includes(tag)) plan.tags.push(tag);
          break;
        case 'set_priority':
          if (!plan.priority || PRIORITY_RANK[action.priority] > PRIORITY_RANK[plan.priority]) {
            plan.priority = action.priority;
          }
          break;
        case 'escalate':
          if (plan.escalate !== 'lead') plan.escalate = action.tier;
          break;
        case 'hide':
          plan.hide = true;
          break;
      }
    }
  }
  plan.tier = tierOf(plan);
  return plan;
}

/** The tier a plan routes to: the highest escalation, else a person, else the auto-reply. */
function tierOf(plan: RoutingPlan): RoutingTier | null {
  if (plan.escalate) return plan.escalate;
  if (plan.userId || plan.teamId) return 'agent';
  if (plan.autoReplyId) return 'auto';
  return null;
}

/** Evaluates the rules in order against one message and plans what to do. */
export function evaluateRules(
  rules: readonly EvaluableRule[],
  message: RoutingMessage,
  context: EvaluationContext,
): Evaluation {
  const prepared = prepare(message);
  const results: RuleResult[] = [];
  const fired: EvaluableRule[] = [];
  let stopped = false;
  for (const rule of rules) {
    const base = { ruleId: rule.id, name: rule.name, enabled: rule.enabled };
    if (stopped) {
      results.push({ ...base, outcome: 'not_reached', checks: [] });
      continue;
    }
    const checks = checkConditions(rule.conditions, prepared, context);
    if (!rule.enabled) {
      results.push({ ...base, outcome: 'disabled', checks });
      continue;
    }
    const matched = checks.every((check) => check.ok);
    results.push({ ...base, outcome: matched ? 'fired' : 'no_match', checks });
    if (matched) {
      fired.push(rule);
      if (rule.stopProcessing) stopped = true;
    }
  }
  return { results, fired, plan: planActions(fired) };
}
