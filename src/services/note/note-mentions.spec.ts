import { toGlobalId } from '../../entities/global-id';
import { mentionOf, parseMentions } from './note-mentions';

const ANA = '3f8e1c52-8d0b-4a57-9f4e-2f0c6f3b1a01';
const BRUNO = '6b1d0f3e-2c7a-4e19-8a65-0d9c4b7e2f02';
const ana = toGlobalId('Agent', ANA);
const bruno = toGlobalId('Agent', BRUNO);

describe('note mentions: @[Display Name](agentId)', () => {
  it('finds each agent once, in order, by id whatever the display name', () => {
    const body = `@[Ana](${ana}) please check, and @[Bruno Díaz](${bruno}) too. Thanks @[Ana M.](${ana})`;
    expect(parseMentions(body)).toEqual([
      { agentGlobalId: ana, agentId: ANA, displayName: 'Ana' },
      { agentGlobalId: bruno, agentId: BRUNO, displayName: 'Bruno Díaz' },
    ]);
  });

  it('plain text is never a mention: e-mails, handles, brackets without an id', () => {
    expect(parseMentions('write to ana@example.com or @ana, see [Ana](x) and @[Ana]')).toEqual([]);
  });

  it('an id of another type, or no id at all, is reported with no agent', () => {
    const customer = toGlobalId('Customer', ANA);
    expect(parseMentions(`@[Ana](${customer}) @[Bob](garbage)`)).toEqual([
      { agentGlobalId: customer, agentId: null, displayName: 'Ana' },
      { agentGlobalId: 'garbage', agentId: null, displayName: 'Bob' },
    ]);
  });

  it('mentionOf writes what parseMentions reads, even for names with brackets', () => {
    const written = mentionOf({ name: 'Ana [night shift]', globalId: ana });
    expect(written).toBe(`@[Ana  night shift ](${ana})`);
    expect(parseMentions(`hi ${written}!`).map((mention) => mention.agentId)).toEqual([ANA]);
  });
});
