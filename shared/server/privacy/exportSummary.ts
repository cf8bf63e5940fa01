import type { PersonalExport } from '../../contract/privacy';

type Body = Omit<PersonalExport, 'summary'>;

const line = (s: string) => s.replace(/\s+/g, ' ').trim();

function section<T>(title: string, items: T[], render: (item: T) => string): string[] {
  if (items.length === 0) return [`## ${title}`, '', 'None.', ''];
  return [`## ${title} (${items.length})`, '', ...items.map((i) => `- ${line(render(i))}`), ''];
}

/** The export as a Markdown document a person can read without tools. */
export function exportSummary(b: Body): string {
  const r = b.rounds;
  const n = b.notes;
  return [
    '# Your data in Stoa',
    '',
    `Generated ${b.generatedAt} for user ${b.subject.userId} in tenant ${b.subject.tenantId}` +
      (b.subject.names.length ? ` (shown as ${b.subject.names.join(', ')}).` : '.'),
    'This summary lists what you contributed. Other people are never named in it.',
    '',
    ...section('Classes and roles', b.memberships, (m) => `${m.className}: ${m.role}, joined ${m.joinedAt}`),
    ...section('Classes you created', b.classesCreated, (c) => `${c.name} (${c.createdAt})`),
    ...section('Sessions you started', b.sessionsCreated, (s) => `${s.title} (${s.startedAt})`),
    ...section('Rounds you started', r.created, (c) => `${c.kind} round ${c.roundId} (${c.createdAt})`),
    ...section(
      'Your Peer Instruction answers',
      r.answers,
      (a) =>
        `"${a.question}": ${a.vote} vote ${a.optionText ?? `option ${a.option + 1}`}, confidence ${a.confidence}`,
    ),
    ...section(
      'Questions you asked',
      r.questions,
      (q) =>
        `"${q.text}"${q.anonymous ? ' (anonymous to classmates)' : ''}: ${q.upvotes} up, ${q.downvotes} down`,
    ),
    ...section(
      'Your votes on questions',
      r.votes,
      (v) => `${v.value > 0 ? 'up' : 'down'} on "${v.questionText}"`,
    ),
    ...section(
      'Answers you gave',
      r.peerAnswers,
      (a) => `"${a.text}"${a.endorsed ? ' (endorsed)' : ''}${a.anonymous ? ' (anonymous)' : ''}`,
    ),
    ...section(
      'Your ratings of answers',
      r.ratings,
      (x) => `${x.value > 0 ? 'helpful' : 'not helpful'}: ${x.answerId}`,
    ),
    ...section(
      'Your muddiest points',
      r.muddyPoints,
      (p) => `"${p.text}"${p.anonymous ? ' (anonymous)' : ''}`,
    ),
    ...section('Your poll answers', r.pollAnswers, (a) => `"${a.optionText}" to "${a.question}"`),
    ...section('Your word-cloud words', r.words, (w) => `"${w.text}" (${w.status})`),
    ...section('Your note annotations', n.annotations, (a) => `${a.kind} on "${a.quote}"`),
    ...section('Your note comments', n.comments, (c) => `"${c.text}"`),
    ...section('Note versions you saved', n.versions, (v) => `"${v.name}" (${v.createdAt})`),
    ...section(
      'Updates sent to you alone',
      b.privateEvents,
      (e) =>
        `${e.type}${e.kind ? ` (${e.kind}, ${e.phase ?? ''})` : ''} at ${e.at}: ${JSON.stringify(e.content)}`,
    ),
    ...section(
      'Your recorded actions',
      b.audit.filter((a) => a.as === 'actor'),
      (a) => `${a.action}${a.role ? ` (${a.role})` : ''} at ${a.at}`,
    ),
    ...section(
      'Recorded actions concerning you',
      b.audit.filter((a) => a.as === 'subject'),
      (a) => `${a.action}${a.role ? ` (your role became ${a.role})` : ''} at ${a.at}`,
    ),
  ].join('\n');
}
