import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OfferResponse } from '../../mentors/domain/responsiveness';

/** How a mentor answered the offer of a case; `withdrawn` offers (moved elsewhere first) say nothing about the mentor. */
export type StoredOfferResponse = OfferResponse | 'withdrawn';

/** A case offered to a mentor: the history mentors' responsiveness is derived from. */
@Entity({ name: 'case_offers' })
export class CaseOfferEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text', name: 'mentor_id' })
  mentorId: string;

  @Column({ type: 'timestamptz', name: 'offered_at' })
  offeredAt: Date;

  @Column({ type: 'timestamptz', name: 'responded_at', nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  response: StoredOfferResponse | null;
}
