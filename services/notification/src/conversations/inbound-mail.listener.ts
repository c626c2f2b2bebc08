import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { NotificationConfig } from '../config/notification.config';
import { ReplyTarget, replyTextOf } from './domain';
import { ConversationsService, ThreadRefusal } from './conversations.service';
import { replyTargetOf } from './reply-addresses';

/** An SMTP answer: 5xx refuses for good (the sender gets a bounce), 4xx asks the sender to try again. */
function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Replies to case-thread emails, by SMTP on INBOUND_SMTP_PORT (behind the school's MX relay in
 * production, which owns TLS and spam filtering). Mail is taken only for a signed reply address
 * whose person is still in the open case; anything else (an unknown or altered address, more
 * than one recipient, an oversized or unreadable message, a reply with only quoted text) is
 * refused with a 5xx, and nothing a sender does can stop the listener.
 */
@Injectable()
export class InboundMailListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboundMailListener.name);
  private server?: SMTPServer;
  private boundPort?: number;

  constructor(
    private readonly config: NotificationConfig,
    private readonly conversations: ConversationsService,
  ) {}

  /** The port it listens on (INBOUND_SMTP_PORT, or the one the system picked for 0). */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('the inbound SMTP listener is not listening');
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = new SMTPServer({
      name: new URL(`smtp://${this.config.INBOUND_SMTP_HOST}`).hostname,
      // No credentials: the signed address is the credential, as a link in an email is.
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: this.config.INBOUND_MAX_BYTES,
      logger: false,
      closeTimeout: 1_000,
      onRcptTo: (address, session, callback) => {
        this.acceptRecipient(address.address, session).then(() => callback(), (error: Error) => callback(error));
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(() => callback(), (error: Error) => callback(error));
      },
    });
    // A client that breaks the protocol or drops the connection is its own problem, never the service's.
    server.on('error', (error) => this.logger.warn({ error: error.message }, 'inbound SMTP connection error'));
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => reject(new Error(`the inbound SMTP listener cannot listen on ${this.config.INBOUND_SMTP_HOST}:${this.config.INBOUND_SMTP_PORT}: ${error.message}`));
      server.server.once('error', failed);
      server.listen(this.config.INBOUND_SMTP_PORT, this.config.INBOUND_SMTP_HOST, () => {
        server.server.off('error', failed);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.server.address() as AddressInfo).port;
    this.logger.log({ host: this.config.INBOUND_SMTP_HOST, port: this.boundPort }, 'inbound SMTP listener for case-thread replies is listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async acceptRecipient(address: string, session: SMTPServerSession): Promise<void> {
    if (session.envelope.rcptTo.length > 0) throw smtpError(550, '5.5.3 One reply address per message');
    const target = replyTargetOf(address, this.config);
    if (!target) throw smtpError(550, '5.1.1 No such mailbox');
    await this.refusedAs5xx(() => this.conversations.acceptsReplies(target));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const [recipient] = session.envelope.rcptTo;
    const target = recipient ? replyTargetOf(recipient.address, this.config) : null;
    let parsed;
    try {
      parsed = await simpleParser(stream, { skipImageLinks: true, skipHtmlToText: false });
    } catch {
      throw smtpError(550, '5.6.0 The message could not be read');
    }
    if (stream.sizeExceeded) throw smtpError(552, `5.3.4 Message larger than ${this.config.INBOUND_MAX_BYTES} bytes`);
    if (!target) throw smtpError(550, '5.1.1 No such mailbox');
    const text = replyTextOf(parsed.text ?? '');
    await this.refusedAs5xx(() => this.record(target, text, parsed.messageId ?? null));
  }

  private async record(target: ReplyTarget, text: string, messageId: string | null): Promise<void> {
    const kept = await this.conversations.receiveReply(target, text, messageId);
    this.logger.log({ caseId: target.caseId, duplicate: kept === null }, 'a reply by email reached a case thread');
  }

  // A thread's refusal is final (5xx); anything else (the database away) is worth a retry (4xx).
  private async refusedAs5xx(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof ThreadRefusal) throw smtpError(550, `5.7.1 ${error.message}`);
      this.logger.error({ error: (error as Error).message }, 'a reply by email could not be recorded now');
      throw smtpError(451, '4.3.0 Please try again later');
    }
  }
}
