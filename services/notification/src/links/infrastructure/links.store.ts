import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A revocation as it was recorded. */
export interface LinkRevocation {
  recipientId: string;
  generation: number;
  revokedAt: Date;
  revokedBy: string;
}

/** The only SQL of link_generations. */
@Injectable()
export class LinkGenerationsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The current generation of each recipient (0 for those never revoked); every id asked for is in the map. */
  async generationsOf(manager: EntityManager, recipientIds: readonly string[]): Promise<Map<string, number>> {
    const generations = new Map(recipientIds.map((id) => [id, 0]));
    if (recipientIds.length === 0) return generations;
    const rows: { recipient_id: string; generation: number }[] = await manager.query(
      'SELECT recipient_id, generation FROM link_generations WHERE recipient_id = ANY($1)',
      [[...new Set(recipientIds)]],
    );
    for (const row of rows) generations.set(row.recipient_id, row.generation);
    return generations;
  }

  async generationOf(recipientId: string): Promise<number> {
    return (await this.generationsOf(this.dataSource.manager, [recipientId])).get(recipientId) ?? 0;
  }

  /** Moves the recipient's generation on in one statement, so concurrent revocations each count. */
  async revoke(recipientId: string, revokedBy: string, at: Date): Promise<LinkRevocation> {
    const [row]: { generation: number; revoked_at: Date }[] = await this.dataSource.query(
      `INSERT INTO link_generations (recipient_id, generation, revoked_at, revoked_by) VALUES ($1, 1, $2, $3)
       ON CONFLICT (recipient_id) DO UPDATE SET generation = link_generations.generation + 1, revoked_at = EXCLUDED.revoked_at, revoked_by = EXCLUDED.revoked_by
       RETURNING generation, revoked_at`,
      [recipientId, at, revokedBy],
    );
    return { recipientId, generation: row.generation, revokedAt: new Date(row.revoked_at), revokedBy };
  }
}
