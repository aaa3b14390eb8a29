import type { Mood, TranscriptMessage } from '../ai-input';
import { countMatches, lexiconText } from './lexicon-match';
import { MOOD_EMOJIS, MOOD_WORDS } from './support.lexicon';

type Scored = Exclude<Mood, 'calm'>;
// On a tie the stronger feeling wins: it is the one the next agent must not miss.
const PRIORITY: Scored[] = ['angry', 'frustrated', 'worried', 'confused', 'happy'];

/** Mood from the customer's own words, emojis and punctuation; recent messages weigh more. */
export function detectMood(transcript: TranscriptMessage[]): Mood {
  const customer = transcript.filter((m) => m.sender === 'CUSTOMER' && m.text.trim() !== '');
  const scores: Record<Scored, number> = { angry: 0, frustrated: 0, worried: 0, confused: 0, happy: 0 };
  customer.forEach((message, index) => {
    const weight = index >= customer.length - 3 ? 1 : 0.5;
    const text = lexiconText(message.text);
    for (const mood of PRIORITY) {
      const words = countMatches(text, MOOD_WORDS[mood]);
      const emojis = MOOD_EMOJIS[mood].filter((emoji) => message.text.includes(emoji)).length;
      // Thanks are polite more often than happy.
      scores[mood] += weight * (mood === 'happy' ? 0.5 : 1) * (words + emojis);
    }
    const shouting = (message.text.match(/\b[A-ZÁÉÍÓÚÑÇÃÕ]{3,}\b/g) ?? []).length;
    if (shouting >= 3) scores.angry += weight;
    if (/!{2,}/.test(message.text)) scores.frustrated += 0.5 * weight;
    if (/\?{2,}/.test(message.text)) scores.frustrated += 0.5 * weight;
  });
  const negative = scores.angry + scores.frustrated + scores.worried + scores.confused;
  if (negative < 1 && scores.happy < 1) return 'calm';
  if (negative < 1) return 'happy';
  let best: Scored = 'angry';
  for (const mood of PRIORITY) if (mood !== 'happy' && scores[mood] > scores[best]) best = mood;
  // Complaints escalate: strong words on top of frustration read as anger.
  if (best === 'frustrated' && scores.angry >= 1 && scores.frustrated >= 2) return 'angry';
  return best;
}
