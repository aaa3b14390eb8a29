import {
  SettingsDocument,
  SettingsUpdateDocument,
  type SettingsUpdateInput,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createTestApiKey } from '../../testing/factories';
import { ApiKeyScope } from '../../entities/enums';

describe('settingsUpdate (admins)', () => {
  const t = useTestApp();
  const deps = t.factories;
  const w = useWorkspace(t);

  const update = (input: SettingsUpdateInput, token: string | null = w.admin.token) =>
    t.gql(SettingsUpdateDocument, { input }, token);

  it('changes only what the input names, and later reads see it', async () => {
    const before = (await t.gql(SettingsDocument, {}, w.agentA.token)).data!.settings;
    const result = await update({
      locale: 'pt',
      timezone: 'america/bogota',
      botEnabled: false,
      aiSummaryEnabled: false,
      aiRedactPii: true,
      autoClose: { positiveMinutes: 15, returnToBot: false },
      visibleDays: 90,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.settingsUpdate.userErrors).toEqual([]);
    expect(result.data!.settingsUpdate.settings).toEqual({
      locale: 'pt',
      timezone: 'America/Bogota',
      botEnabled: false,
      aiSummaryEnabled: false,
      aiSuggestionsEnabled: before.aiSuggestionsEnabled,
      aiRedactPii: true,
      visibleDays: 90,
      autoClose: {
        positiveMinutes: 15,
        negativeMinutes: before.autoClose.negativeMinutes,
        returnToBot: false,
      },
    });
    const after = (await t.gql(SettingsDocument, {}, w.agentA.token)).data!.settings;
    expect(after).toMatchObject({ locale: 'pt', timezone: 'America/Bogota', visibleDays: 90 });
  });

  it('AI summaries and suggestions switch independently', async () => {
    const off = await update({ aiSuggestionsEnabled: false });
    expect(off.data!.settingsUpdate.settings).toMatchObject({
      aiSummaryEnabled: true,
      aiSuggestionsEnabled: false,
    });
    const swap = await update({ aiSummaryEnabled: false, aiSuggestionsEnabled: true });
    expect(swap.data!.settingsUpdate.settings).toMatchObject({
      aiSummaryEnabled: false,
      aiSuggestionsEnabled: true,
    });
  });

  it('accepts the bounds and refuses what lies outside them with INVALID_INPUT on the field path', async () => {
    const bounds = await update({
      autoClose: { positiveMinutes: 0, negativeMinutes: 10080 },
      visibleDays: 365,
      timezone: 'UTC',
    });
    expect(bounds.data!.settingsUpdate.userErrors).toEqual([]);
    expect((await update({ visibleDays: 1 })).data!.settingsUpdate.settings!.visibleDays).toBe(1);

    const refused: [SettingsUpdateInput, string[]][] = [
      [{ timezone: 'Mars/Olympus' }, ['input', 'timezone']],
      [{ timezone: '' }, ['input', 'timezone']],
      [{ visibleDays: 0 }, ['input', 'visibleDays']],
      [{ visibleDays: 366 }, ['input', 'visibleDays']],
      [{ autoClose: { positiveMinutes: -1 } }, ['input', 'autoClose', 'positiveMinutes']],
      [{ autoClose: { negativeMinutes: 10081 } }, ['input', 'autoClose', 'negativeMinutes']],
    ];
    for (const [input, field] of refused) {
      const result = await update(input);
      expect(result.data!.settingsUpdate.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field }),
      ]);
      expect(result.data!.settingsUpdate.settings).toBeNull();
    }
    // Nothing of a refused update is kept, even the valid parts.
    await update({ locale: 'en', visibleDays: 0 });
    const settings = (await t.gql(SettingsDocument, {}, w.admin.token)).data!.settings;
    expect(settings).toMatchObject({ locale: 'es', visibleDays: 1, timezone: 'UTC' });
  });

  it('an unknown locale is refused by GraphQL itself', async () => {
    const result = await t.gql(
      'mutation { settingsUpdate(input: { locale: fr }) { userErrors { code } } }',
      {},
      w.admin.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('admins and admin keys change settings; agents and other keys are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
    const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key;
    expect((await update({ botEnabled: false }, adminKey)).data!.settingsUpdate.settings!.botEnabled).toBe(
      false,
    );
    const refused: [string | null, string][] = [
      [w.agentA.token, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE, ApiKeyScope.BOT])).key, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ];
    for (const [token, code] of refused) {
      expect((await update({ botEnabled: true }, token)).errors?.[0]?.extensions?.code).toBe(code);
    }
    expect((await t.gql(SettingsDocument, {}, w.admin.token)).data!.settings.botEnabled).toBe(false);
  });
});
