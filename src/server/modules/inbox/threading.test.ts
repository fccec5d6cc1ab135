import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../connectors/index.ts';
import { parentsToLookUp, placeMessages, type ThreadPlace } from './threading.ts';

const author = (id: string) => ({ externalId: id, handle: id, displayName: id, followers: null });
const message = (
  externalId: string,
  kind: InboundMessage['kind'],
  parentExternalId: string | null,
  who = 'a',
): InboundMessage => ({
  externalId,
  kind,
  postExternalId: kind === 'direct_message' ? null : 'post1',
  parentExternalId,
  author: author(who),
  text: externalId,
  createdAt: 0,
});

describe('placeMessages', () => {
  it('gives each top-level comment its own thread and replies the thread of their parent', () => {
    const places = placeMessages(
      [
        message('c1', 'comment', 'post1'),
        message('c2', 'comment', null),
        message('r1', 'reply', 'c1', 'b'),
        message('r2', 'reply', 'r1', 'c'),
      ],
      new Map(),
    );
    expect(places.map((p) => p.threadKey)).toEqual([
      'thread:c1',
      'thread:c2',
      'thread:c1',
      'thread:c1',
    ]);
    expect(places[3]!.rootExternalId).toBe('c1');
  });

  it('puts the DMs of one person in one conversation', () => {
    const places = placeMessages(
      [message('d1', 'direct_message', null, 'x'), message('d2', 'direct_message', null, 'y')],
      new Map(),
    );
    expect(places.map((p) => [p.threadKey, p.kind])).toEqual([
      ['dm:x', 'direct'],
      ['dm:y', 'direct'],
    ]);
  });

  it('joins a stored thread, or hangs from a parent never seen', () => {
    const known = new Map<string, ThreadPlace>([
      ['ours', { threadKey: 'thread:c9', kind: 'thread', rootExternalId: 'c9' }],
    ]);
    const places = placeMessages(
      [message('r1', 'reply', 'ours'), message('r2', 'reply', 'ghost')],
      known,
    );
    expect(places.map((p) => p.threadKey)).toEqual(['thread:c9', 'thread:ghost']);
  });

  it('looks up only parents outside the page', () => {
    expect(
      parentsToLookUp([
        message('c1', 'comment', 'post1'),
        message('r1', 'reply', 'c1'),
        message('r2', 'reply', 'old'),
        message('d1', 'direct_message', null),
      ]),
    ).toEqual(['old']);
  });
});
