import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../errors';
import { storageBackends } from '../test/backends';
import { startTestService, type TestService } from '../test/testService';
import { noteClient, noteSession, typeParagraph, waitFor } from './test/collabClient';
import { storedText } from './test/stored';

const backends = await storageBackends();

const heading = (level: number, text: string) => ({
  type: 'heading',
  attrs: { level },
  content: [{ type: 'text', text }],
});
const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe.each(backends)('appendToNote on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('a server-side append reaches every open editor live and is stored when the call returns', async () => {
    const s = await noteSession(t);
    const a = noteClient(t.url, s.sessionId, await s.token(s.owner));
    const b = noteClient(t.url, s.sessionId, await s.token(await s.student()));
    await waitFor(() => a.provider.synced && b.provider.synced, 'sync');
    await t.service.context.notes!.appendToNote(s.sessionId, [heading(2, 'Round 1'), para('Most chose B.')]);
    expect(await storedText(t, s.sessionId)).toContain('Most chose B.');
    for (const c of [a, b]) await waitFor(() => c.text().includes('Most chose B.'), 'the summary to arrive');
    expect(a.text()).toBe('<heading level="2">Round 1</heading><paragraph>Most chose B.</paragraph>');
    a.destroy();
    b.destroy();
  });

  it('appends under a heading, at the end of its section, into a note nobody has open', async () => {
    const s = await noteSession(t);
    const c = noteClient(t.url, s.sessionId, await s.token(s.owner));
    await waitFor(() => c.provider.synced, 'sync');
    typeParagraph(c.doc, 'intro');
    await waitFor(() => !c.provider.hasUnsyncedChanges, 'ack');
    c.destroy();
    const notes = t.service.context.notes!;
    await notes.appendToNote(s.sessionId, [heading(1, 'Questions'), para('q1'), heading(1, 'Wrap-up')]);
    await notes.appendToNote(s.sessionId, [para('q2')], { afterHeading: 'questions' });
    expect(await notes.markdown(s.sessionId)).toBe('intro\n\n# Questions\n\nq1\n\nq2\n\n# Wrap-up\n');
  });

  it('refuses blocks that are not note blocks, and unknown sessions', async () => {
    const s = await noteSession(t);
    const notes = t.service.context.notes!;
    await expect(notes.appendToNote(s.sessionId, [])).rejects.toBeInstanceOf(ServiceError);
    await expect(notes.appendToNote(s.sessionId, [{ type: '' }])).rejects.toMatchObject({
      id: 'validation_failed',
    });
    let deep = para('x') as { type: string; content?: unknown[] };
    for (let i = 0; i < 40; i++) deep = { type: 'blockquote', content: [deep] };
    await expect(notes.appendToNote(s.sessionId, [deep as never])).rejects.toMatchObject({
      id: 'validation_failed',
    });
    await expect(notes.appendToNote('ses_unknown', [para('x')])).rejects.toMatchObject({ id: 'not_found' });
  });
});
