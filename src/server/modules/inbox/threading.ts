import type { InboundMessage } from '../../connectors/index.ts';

/** Where a message belongs: the conversation key (unique per channel) and its root message. */
export interface ThreadPlace {
  threadKey: string;
  kind: 'thread' | 'direct';
  /** The top-level comment or mention the thread hangs from; null for direct messages. */
  rootExternalId: string | null;
}

/**
 * Threads a page of messages (oldest first). Direct messages go to one conversation per person
 * and channel. A comment or mention starts its own thread; a reply joins the thread of the
 * message it answers, found among earlier messages of the page or through `known` (messages
 * stored before, replies we sent included). A reply to a message OpsLoop never saw hangs from
 * that message, so later replies to it still meet in one thread.
 */
export function placeMessages(
  items: readonly InboundMessage[],
  known: ReadonlyMap<string, ThreadPlace>,
): ThreadPlace[] {
  const seen = new Map<string, ThreadPlace>();
  return items.map((message) => {
    const place = placeOne(message, (id) => seen.get(id) ?? known.get(id));
    seen.set(message.externalId, place);
    return place;
  });
}

function placeOne(
  message: InboundMessage,
  lookup: (externalId: string) => ThreadPlace | undefined,
): ThreadPlace {
  if (message.kind === 'direct_message') {
    return { threadKey: `dm:${message.author.externalId}`, kind: 'direct', rootExternalId: null };
  }
  const parent = message.parentExternalId;
  if (parent && parent !== message.postExternalId && parent !== message.externalId) {
    const found = lookup(parent);
    if (found) return found;
    return { threadKey: `thread:${parent}`, kind: 'thread', rootExternalId: parent };
  }
  return {
    threadKey: `thread:${message.externalId}`,
    kind: 'thread',
    rootExternalId: message.externalId,
  };
}

/** The parents a page needs looked up in storage (answered messages not in the page itself). */
export function parentsToLookUp(items: readonly InboundMessage[]): string[] {
  const inPage = new Set(items.map((m) => m.externalId));
  const out = new Set<string>();
  for (const m of items) {
    const parent = m.parentExternalId;
    if (
      m.kind !== 'direct_message' &&
      parent &&
      parent !== m.postExternalId &&
      !inPage.has(parent)
    ) {
      out.add(parent);
    }
  }
  return [...out];
}
