/** Opus always counts its granule positions at 48 kHz, whatever the input rate. */
const OPUS_RATE = 48_000;
/** An Ogg page is at most 27 + 255 header bytes and 255 × 255 data bytes. */
const MAX_OGG_PAGE = 27 + 255 + 255 * 255;
const CAPTURE = Buffer.from('OggS', 'latin1');

/**
 * The length of an Ogg Opus file (a WhatsApp voice note), read as it streams past: the last page's
 * granule position, less the pre-skip of the Opus header, over 48,000. Only the last page's worth
 * of bytes is kept, so memory stays flat whatever the length.
 */
export class OpusTail {
  private tail: Buffer = Buffer.alloc(0);
  private readonly preSkip: number;

  constructor(head: Buffer) {
    const at = head.indexOf('OpusHead', 0, 'latin1');
    this.preSkip = at >= 0 && head.length >= at + 12 ? head.readUInt16LE(at + 10) : 0;
  }

  push(chunk: Buffer): void {
    const joined = this.tail.length === 0 ? chunk : Buffer.concat([this.tail, chunk]);
    this.tail = joined.length > MAX_OGG_PAGE ? joined.subarray(joined.length - MAX_OGG_PAGE) : joined;
  }

  /** Whole seconds, or null when no page with a granule position is found. */
  durationSeconds(): number | null {
    let at = this.tail.lastIndexOf(CAPTURE);
    while (at >= 0) {
      // Version 0, and room for the 64-bit granule position at byte 6.
      if (this.tail.length >= at + 14 && this.tail[at + 4] === 0) {
        const granule = this.tail.readBigInt64LE(at + 6);
        if (granule > 0n && granule < 48_000n * 86_400n) {
          const samples = Number(granule) - this.preSkip;
          return samples > 0 ? Math.round(samples / OPUS_RATE) : 0;
        }
      }
      at = at > 0 ? this.tail.lastIndexOf(CAPTURE, at - 1) : -1;
    }
    return null;
  }
}
