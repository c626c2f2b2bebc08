import { HOUR_MS } from '../../shared/time';

export type OfferResponse = 'accepted' | 'declined' | 'expired';

/** A case offered to a mentor that has been answered or has run out of time; pending offers are left out. */
export interface PastOffer {
  readonly offeredAt: Date;
  readonly respondedAt: Date | null;
  readonly response: OfferResponse;
}

export interface ResponsivenessSummary {
  readonly offers: number;
  /** Null when the mentor has accepted nothing yet. */
  readonly medianHoursToAccept: number | null;
  readonly declineRate: number;
  /** Offers left to run past the SLA: the unresponsiveness students complained about. */
  readonly expiryRate: number;
}

export const NO_RESPONSIVENESS_HISTORY: ResponsivenessSummary = {
  offers: 0,
  medianHoursToAccept: null,
  declineRate: 0,
  expiryRate: 0,
};

/** Derives a mentor's responsiveness from their recent offers (the caller chooses how far back). */
export function summariseResponsiveness(offers: readonly PastOffer[]): ResponsivenessSummary {
  if (offers.length === 0) return NO_RESPONSIVENESS_HISTORY;
  const hoursToAccept = offers.flatMap((offer) =>
    offer.response === 'accepted' && offer.respondedAt ? [(offer.respondedAt.getTime() - offer.offeredAt.getTime()) / HOUR_MS] : [],
  );
  const share = (response: OfferResponse) => offers.filter((offer) => offer.response === response).length / offers.length;
  return {
    offers: offers.length,
    medianHoursToAccept: median(hoursToAccept),
    declineRate: share('declined'),
    expiryRate: share('expired'),
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
