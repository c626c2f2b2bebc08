import { IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';

export const NOTIFICATION_DISPATCHED_V1 = 'notifications.dispatched.v1';

export const RECIPIENT_ROLES = ['student', 'mentor', 'coordinator'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export const CHANNELS = ['email', 'inbox'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'deferred', 'digested'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One delivery outcome of one message to one recipient on one channel. */
export class NotificationDispatchedV1 {
  @IsString() messageId!: string;
  @IsString() recipientId!: string;
  @IsIn(RECIPIENT_ROLES as unknown as string[]) recipientRole!: RecipientRole;
  @IsIn(CHANNELS as unknown as string[]) channel!: Channel;
  @IsIn(DELIVERY_STATUSES as unknown as string[]) status!: DeliveryStatus;
  @IsString() template!: string;
  @IsString() triggeringEventId!: string;
  @IsOptional() @IsString() caseId?: string | null;
  /** The SMTP response or the reason for a deferral or failure. */
  @IsOptional() @IsString() detail?: string | null;
  @IsISO8601() occurredAt!: string;
}
