/** A file of a transcript message, as the assistant is told of it (its bytes never leave). */
export interface TranscriptMedia {
  kind: 'IMAGE' | 'AUDIO' | 'VIDEO' | 'DOCUMENT' | 'STICKER';
  fileName: string | null;
  voiceNote: boolean;
  durationSeconds: number | null;
}

/** 12 → `0:12`, 754 → `12:34`, 3_723 → `1:02:03`. */
export function clockTime(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * One file in words a model and an extractive summary can use, in one notation whatever the
 * locale: `[image: invoice.pdf]`, `[voice note 0:12]`, `[video 1:05]`, `[document: contrato.pdf]`.
 */
export function describeMedia(media: TranscriptMedia): string {
  const what = media.voiceNote ? 'voice note' : media.kind.toLowerCase();
  const length = media.durationSeconds !== null ? ` ${clockTime(media.durationSeconds)}` : '';
  const name = media.fileName && !media.voiceNote ? `: ${media.fileName}` : '';
  return `[${what}${length}${name}]`;
}
