import { z } from 'zod';
import { PHASE_ORDER, ROUND_KINDS, ROUND_PHASES } from './phaseRules';

export * from './phaseRules';

export const RoundKindSchema = z.enum(ROUND_KINDS).meta({ id: 'RoundKind' });

export const PiPhaseSchema = z.enum([...PHASE_ORDER.peer_instruction, 'cancelled']);
export type PiPhase = z.infer<typeof PiPhaseSchema>;
export const QuestionRoundPhaseSchema = z.enum([...PHASE_ORDER.question_round, 'cancelled']);
export type QuestionRoundPhase = z.infer<typeof QuestionRoundPhaseSchema>;
export const MuddyPhaseSchema = z.enum([...PHASE_ORDER.muddiest_point, 'cancelled']);
export type MuddyPhase = z.infer<typeof MuddyPhaseSchema>;

export const PollPhaseSchema = z.enum([...PHASE_ORDER.poll, 'cancelled']);
export type PollPhase = z.infer<typeof PollPhaseSchema>;
export const WordcloudPhaseSchema = z.enum([...PHASE_ORDER.wordcloud, 'cancelled']);
export type WordcloudPhase = z.infer<typeof WordcloudPhaseSchema>;

export const RoundPhaseSchema = z.enum(ROUND_PHASES).meta({ id: 'RoundPhase' });
