import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { NoteNode } from '../../contract/notes';
import {
  muddyAnalytics,
  questionWriteBack,
  type RoundState,
  type WriteBackSummary,
} from '../../contract/rounds';
import { accept, ctx, facilitator, student } from '../../contract/rounds/test/factories';
import { roundIn } from '../../contract/rounds/test/phaseStates';
import { toMarkdown } from '../notes/markdown';
import { WriteBacks, askContext, notesPassages, type NoteWriter } from './noteWriter';
import { QA_HEADING, localTime, writeBackBlocks } from './writeBackBlocks';

const NOTE = `# Lecture 3

Intro text before anything.

## Kepler's laws

Planets move in ellipses with the Sun at one \\*focus\\*.

- The period squared is proportional to the semi-major axis cubed.

## Tides
`;

/** A note held in memory, rendered the way the notes module renders it. */
function memoryWriter(markdown = ''): NoteWriter & { blocks: NoteNode[]; calls: number } {
  const w = {
    blocks: [] as NoteNode[],
    calls: 0,
    markdown: async () => `${markdown}${toMarkdown({ type: 'doc', content: w.blocks })}`,
    append: async (_: string, blocks: NoteNode[], opts?: { afterHeading?: string }) => {
      w.calls += 1;
      if (opts?.afterHeading && !w.blocks.some((b) => b.type === 'heading'))
        throw new Error('no such heading');
      w.blocks.push(...blocks);
    },
  };
  return w;
}

function qaState(): RoundState {
  const { state, now } = roundIn('question_round', 'answering');
  let s = accept(state, { type: 'endorse', answerId: 'a1' }, ctx(facilitator, now + 1)).state;
  s = accept(s, { type: 'advance' }, ctx(facilitator, now + 2)).state;
  return s;
}

describe('notes for rounds', () => {
  it('splits a note into heading and paragraph passages, filed under their section', () => {
    const passages = notesPassages(NOTE);
    expect(passages).toEqual([
      { id: 'Lecture 3', text: 'Lecture 3', heading: true },
      { id: 'Lecture 3', text: 'Intro text before anything.', heading: false },
      { id: "Kepler's laws", text: "Kepler's laws", heading: true },
      { id: "Kepler's laws", text: 'Planets move in ellipses with the Sun at one *focus*.', heading: false },
      {
        id: "Kepler's laws",
        text: 'The period squared is proportional to the semi-major axis cubed.',
        heading: false,
      },
      { id: 'Tides', text: 'Tides', heading: true },
    ]);
  });

  it('keeps only the passage that answers a question as the context stored with an ask', async () => {
    const writer = memoryWriter(NOTE);
    expect(await askContext(writer, 's', 'Why do planets move in ellipses around the Sun?')).toEqual([
      { id: "Kepler's laws", text: 'Planets move in ellipses with the Sun at one *focus*.', heading: false },
    ]);
    expect(await askContext(writer, 's', 'What is entropy?')).toEqual([]);
    const broken: NoteWriter = {
      markdown: () => Promise.reject(new Error('down')),
      append: async () => undefined,
    };
    expect(await askContext(broken, 's', 'Why do planets move in ellipses?')).toEqual([]);
  });

  it('renders a muddiest-point summary ranked, with counts and provenance', () => {
    const { state, now } = roundIn('muddiest_point', 'collecting');
    let s = state;
    for (const [n, text] of [
      [2, 'Page tables are confusing'],
      [3, 'page tables confuse me'],
      [4, 'TLB misses'],
    ] as const) {
      s = accept(s, { type: 'submitMuddy', text }, ctx(student(n), now + n)).state;
    }
    if (s.kind !== 'muddiest_point') throw new Error('expected a muddiest-point state');
    const summary: WriteBackSummary = {
      kind: 'muddiest_point',
      roundId: s.id,
      at: now,
      analytics: muddyAnalytics(s),
    };
    const md = toMarkdown({ type: 'doc', content: writeBackBlocks(summary, false).blocks });
    expect(md).toMatch(
      /^## Muddiest points: What was the muddiest point of today\?\n\n1\. Page tables.*\*\(3 students\)\*\n2\. TLB misses \*\(1 student\)\*/,
    );
    expect(md).toContain('4 submissions, most named first.');
    // Provenance people can read: the round's prompt and the local time in the class's time zone.
    const local = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: 'Europe/Stockholm',
    })
      .format(new Date(now))
      .replace(/,/g, '');
    expect(md).toContain(
      `*Written by Stoa from the muddiest-point round “What was the muddiest point of today?”, ${local} (Stockholm time).*`,
    );
    expect(md).not.toContain(s.id);
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const newYork = toMarkdown({
      type: 'doc',
      content: writeBackBlocks(summary, false, 'America/New_York').blocks,
    });
    expect(newYork).toContain('(New York time).*');
    expect(newYork).not.toEqual(md);
  });

  it('writes the local time of a moment in the class’s time zone, across a daylight-saving change', () => {
    // 2026-03-29 00:30 UTC is 01:30 in Stockholm (winter time); 01:30 UTC is 03:30 (summer time).
    expect(localTime(Date.UTC(2026, 2, 29, 0, 30), 'Europe/Stockholm')).toBe(
      'Sunday 29 March 2026 at 01:30 (Stockholm time)',
    );
    expect(localTime(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Stockholm')).toBe(
      'Sunday 29 March 2026 at 03:30 (Stockholm time)',
    );
    expect(localTime(Date.UTC(2026, 2, 29, 1, 30), 'UTC')).toBe('Sunday 29 March 2026 at 01:30 (UTC)');
  });

  it('files the summary with the time zone the class chose', async () => {
    const { state, now } = roundIn('muddiest_point', 'ended');
    if (state.kind !== 'muddiest_point') throw new Error('expected a muddiest-point state');
    const summary: WriteBackSummary = {
      kind: 'muddiest_point',
      roundId: state.id,
      at: now,
      analytics: muddyAnalytics(state),
    };
    const writer = memoryWriter();
    const asked: string[] = [];
    const backs = new WriteBacks(writer, pino({ level: 'silent' }), 3, async (where) => {
      asked.push(`${where.tenantId}/${where.classId}`);
      return 'Asia/Tokyo';
    });
    backs.write({ sessionId: 's', tenantId: 't', classId: 'c' }, summary);
    await backs.close();
    expect(asked).toEqual(['t/c']);
    expect(await writer.markdown('s')).toContain('(Tokyo time).*');
  });

  it('files Q&A under one "Questions and answers" heading, creating it only once', async () => {
    const state = qaState();
    if (state.kind !== 'question_round') throw new Error('expected a question round');
    const summary = questionWriteBack(state, state.phaseStartedAt);
    expect(writeBackBlocks(summary, false).blocks[0]).toMatchObject({ type: 'heading', attrs: { level: 2 } });
    expect(writeBackBlocks(summary, true)).toMatchObject({ afterHeading: QA_HEADING });
    const writer = memoryWriter();
    const backs = new WriteBacks(writer, pino({ level: 'silent' }));
    backs.write('s', summary);
    backs.write('s', summary);
    await backs.close();
    const md = (await writer.markdown('s')) ?? '';
    expect(md.match(/## Questions and answers/g)).toHaveLength(1);
    expect(md.match(/### How does paging work\?/g)).toHaveLength(2);
    expect(md).toContain(
      `Asked by ${student(1).name} in the question round "Operating systems: processes and threads".`,
    );
    expect(md).toContain('- Pages map to frames. *(facilitator, Fran Facilitator, endorsed)*');
  });

  it('retries a failed write-back and gives up after its attempts, logging instead of throwing', async () => {
    let attempts = 0;
    const flaky: NoteWriter = {
      markdown: async () => '',
      append: async () => {
        attempts += 1;
        if (attempts < 2) throw new Error('busy');
      },
    };
    const { state, now } = roundIn('muddiest_point', 'ended');
    if (state.kind !== 'muddiest_point') throw new Error('expected a muddiest-point state');
    const summary: WriteBackSummary = {
      kind: 'muddiest_point',
      roundId: state.id,
      at: now,
      analytics: muddyAnalytics(state),
    };
    const backs = new WriteBacks(flaky, pino({ level: 'silent' }));
    backs.write('s', summary);
    await backs.close();
    expect(attempts).toBe(2);
    const dead: NoteWriter = { markdown: async () => '', append: () => Promise.reject(new Error('gone')) };
    const failing = new WriteBacks(dead, pino({ level: 'silent' }), 2);
    failing.write('s', summary);
    await expect(failing.close()).resolves.toBeUndefined();
  });
});
