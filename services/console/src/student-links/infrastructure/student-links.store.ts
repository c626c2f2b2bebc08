import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LinkOperation } from '../domain/link-permissions';

/** The link a one-time operation is claimed for. */
export interface ClaimedLink {
  tokenId: string;
  recipientId: string;
  expiresAt: string;
}

/** The only SQL of used_link_tokens. */
@Injectable()
export class UsedLinksStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the link as used, atomically across replicas: of two requests racing with one link,
   * exactly one gets true. Rows of links that have expired meanwhile are cleared on the way.
   */
  async claim(link: ClaimedLink, operation: LinkOperation, now: Date): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO used_link_tokens (token_id, recipient_id, operation, used_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (token_id) DO NOTHING RETURNING token_id`,
      [link.tokenId, link.recipientId, operation, now, new Date(link.expiresAt)],
    );
    await this.dataSource.query('DELETE FROM used_link_tokens WHERE expires_at < $1', [now]);
    return inserted.length === 1;
  }

  /** Undoes a claim whose operation did not happen (the service refused it or could not be reached), so the student can try again. */
  async release(tokenId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM used_link_tokens WHERE token_id = $1', [tokenId]);
  }

  async isUsed(tokenId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM used_link_tokens WHERE token_id = $1', [tokenId]);
    return rows.length > 0;
  }
}
