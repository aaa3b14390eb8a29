import { Readable } from 'node:stream';
import { MediaStorageKind } from '../../../entities/attachment.entity';
import { type DataSource } from 'typeorm';
import { type ByteRange, type MediaObjectRef, type MediaStorage } from '../../../runtime/media-storage';

/** Size of the pieces bytes are kept in: small enough to stream, large enough to stay few. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Attachment bytes in PostgreSQL (`attachment_chunk`), so the embedded database and many processes
 * need nothing else. Pieces are written as they arrive, each in its own statement (an upload from a
 * slow client never holds a transaction open), and read back one at a time.
 */
export class PostgresMediaStorage implements MediaStorage {
  readonly kind = MediaStorageKind.POSTGRES;

  constructor(private readonly dataSource: DataSource) {}

  async put(ref: MediaObjectRef, body: AsyncIterable<Buffer>): Promise<number> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let written = 0;
    const flush = async (piece: Buffer) => {
      await this.dataSource.query(
        'INSERT INTO attachment_chunk (attachment_id, start_byte, workspace_id, data) VALUES ($1, $2, $3, $4)',
        [ref.attachmentId, written, ref.workspaceId, piece],
      );
      written += piece.length;
    };
    try {
      for await (const chunk of body) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        while (pendingBytes >= CHUNK_BYTES) {
          const joined = Buffer.concat(pending);
          await flush(joined.subarray(0, CHUNK_BYTES));
          pending = [joined.subarray(CHUNK_BYTES)];
          pendingBytes = pending[0]!.length;
        }
      }
      if (pendingBytes > 0) await flush(Buffer.concat(pending));
      return written;
    } catch (error) {
      await this.delete(ref).catch(() => undefined);
      throw error;
    }
  }

  async read(ref: MediaObjectRef, range: ByteRange): Promise<Readable> {
    const first = await this.pieceAt(ref, range.start);
    if (!first) throw new Error(`No stored bytes at ${range.start} of attachment ${ref.attachmentId}`);
    const pieceAt = (position: number) => this.pieceAt(ref, position);
    async function* pieces(): AsyncGenerator<Buffer> {
      let piece: { start: number; data: Buffer } | null = first;
      let position = range.start;
      while (position <= range.end) {
        piece ??= await pieceAt(position);
        if (!piece || piece.start + piece.data.length <= position) {
          throw new Error(`Stored bytes of attachment ${ref.attachmentId} end before ${position}`);
        }
        const to = Math.min(piece.data.length, range.end + 1 - piece.start);
        yield piece.data.subarray(position - piece.start, to);
        position = piece.start + to;
        piece = null;
      }
    }
    return Readable.from(pieces(), { objectMode: false });
  }

  /** The piece holding byte `position` (pieces are contiguous: the last one starting at or before it). */
  private async pieceAt(
    ref: MediaObjectRef,
    position: number,
  ): Promise<{ start: number; data: Buffer } | null> {
    const rows: { start_byte: string; data: Buffer }[] = await this.dataSource.query(
      `SELECT start_byte, data FROM attachment_chunk
        WHERE attachment_id = $1 AND start_byte <= $2 ORDER BY start_byte DESC LIMIT 1`,
      [ref.attachmentId, position],
    );
    const row = rows[0];
    return row ? { start: Number(row.start_byte), data: row.data } : null;
  }

  async delete(ref: MediaObjectRef): Promise<void> {
    await this.dataSource.query('DELETE FROM attachment_chunk WHERE attachment_id = $1', [ref.attachmentId]);
  }

  async size(ref: MediaObjectRef): Promise<number | null> {
    const [row]: { pieces: string; bytes: string | null }[] = await this.dataSource.query(
      'SELECT count(*) AS pieces, sum(octet_length(data)) AS bytes FROM attachment_chunk WHERE attachment_id = $1',
      [ref.attachmentId],
    );
    return row && Number(row.pieces) > 0 ? Number(row.bytes) : null;
  }

  async close(): Promise<void> {
    // The data source is the application's.
  }
}
